"""Regency data as JSON: the same records and findings as the YAML, every value located at its
line and column, scalars typed as in YAML (numbers keep their text), and every malformation a
located problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.cli import main
from checker.load import load_file
from checker.model import Location

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"


def as_json(src: Path, out: Path) -> Path:
    """The regency's YAML files written as JSON, one file each (BaseLoader: every scalar a string,
    as our YAML reader types them, except true/false/null)."""
    out.mkdir()
    for path in sorted(src.glob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        doc = _typed(doc)
        (out / f"{path.stem}.json").write_text(
            json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8"
        )
    return out


def _typed(value: object) -> object:
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return {"true": True, "false": False, "null": None, "~": None, "": None}.get(value, value)  # type: ignore[arg-type]


def findings(path: Path) -> list[tuple[str, str, str, str]]:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-cache"])
    doc = json.loads(result.stdout)
    return sorted((f["rule_id"], f["record"]["id"], f["severity"], f["status"]) for f in doc["findings"])


def test_a_regency_as_json_has_the_findings_it_has_as_yaml(tmp_path: Path) -> None:
    converted = as_json(EXAMPLES, tmp_path / "json")
    assert findings(converted) == findings(EXAMPLES) and len(findings(EXAMPLES)) > 40


def test_every_value_is_located(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(
        '{\n  "employees": [\n    {"id": "e-1",\n     "nip": 198203142006041002,\n     "name": "Siti"}\n  ]\n}\n',
        encoding="utf-8",
    )
    result = load_file(str(path))
    (record,) = result.records["employees"]
    assert record.location == Location(str(path), 3, 5)
    assert record.field_location("nip") == Location(str(path), 4, 13)
    assert record.data["nip"] == "198203142006041002"  # a number keeps its exact text


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ('{"employees": [{"id": "e", "id": "f"}]}', "json.syntax", 1, 28),
        ('{"employees": [{"id": "e"}], "employees": []}', "json.syntax", 1, 30),
        ('{"pegawai": []}', "json.structure", 1, 13),
        ('{"employees": [{"name": "x"}]}', "data.missing-id", 1, 16),
        ('{"employees": [1]}', "json.structure", 1, 16),
        ('{"employees": [{"id": "e",}]}', "json.syntax", 1, 27),
        ("[]", "json.structure", 1, 1),
        ('{"employees": []} x', "json.syntax", 1, 19),
        ('{"\nemployees": []}', "json.syntax", 1, 2),  # a raw line break in a key: no traceback
        ('{"employees": [{"\nid": "e"}]}', "json.syntax", 1, 17),
    ],
)
def test_malformed_json_is_a_located_problem(
    text: str, code: str, line: int, column: int, tmp_path: Path
) -> None:
    path = tmp_path / "d.json"
    path.write_text(text, encoding="utf-8")
    (problem,) = load_file(str(path)).problems
    assert (problem.code, problem.location.line, problem.location.column) == (code, line, column)


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=60))
def test_any_bytes_give_problems_never_a_crash(raw: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("j") / "d.json"
    path.write_bytes(b'{"employees": [' + raw)
    for problem in load_file(str(path)).problems:
        assert problem.location.line >= 1 and problem.location.column >= 1


# --- the C scanner's reading is the reader's reading -------------------------------------------
_SPACES = st.sampled_from(["", " ", "\n", "\n  ", "\r\n", "\t"])
_SCALARS = st.sampled_from(
    [
        '"e-1"',
        '"x"',
        '""',
        "12",
        "-0.5e3",
        "198203142006041002",
        "true",
        "false",
        "null",
        "NaN",
        "01",
        '"\\u00e9"',
    ]
)
_KEYS = st.sampled_from(['"id"', '"id"', '"name"', '"nip"', '"members"', '""'])


def _render(draw: st.DrawFn, depth: int) -> str:
    kind = draw(st.integers(0, 2 if depth < 4 else 0))
    if kind == 0:
        return draw(_SCALARS)
    if kind == 1:
        items = [_render(draw, depth + 1) for _ in range(draw(st.integers(0, 3)))]
        return "[" + ",".join(draw(_SPACES) + i + draw(_SPACES) for i in items) + "]"
    pairs = [
        f"{draw(_KEYS)}{draw(_SPACES)}:{draw(_SPACES)}{_render(draw, depth + 1)}"
        for _ in range(draw(st.integers(0, 4)))
    ]
    return "{" + ",".join(draw(_SPACES) + p + draw(_SPACES) for p in pairs) + "}"


@st.composite
def _documents(draw: st.DrawFn) -> str:
    records = [
        _render(draw, 1) if draw(st.booleans()) else '{"id": "r", "members": [{"e": 1}]}'
        for _ in range(draw(st.integers(0, 4)))
    ]
    sep = draw(st.sampled_from([",", ", ", ",\n", " ,", ""]))
    text = (
        '{\n"regency": {"id": "x"},\n"employees": ['
        + sep.join(records)
        + draw(st.sampled_from(["]", ",]", ""]))
        + "\n}"
    )
    if draw(st.booleans()):  # a piece of JSON, or not, anywhere
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(st.sampled_from(["{", "}", "[", "]", ",", ":", '"', "\n", "-", "Infinity"]))
            + text[at:]
        )
    return text


def _read_both(text: str) -> list[tuple[object, ...]]:
    from tests.test_json_fast import _reading  # the fast path and the reader, side by side

    return [_reading(text, fast=True), _reading(text, fast=False)]


@settings(max_examples=300, deadline=None)
@given(text=_documents())
def test_the_c_scanner_reads_every_document_as_the_reader_does(text: str) -> None:
    fast, slow = _read_both(text)
    assert fast == slow


def test_records_are_read_by_the_c_scanner_and_located_when_asked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from checker.load import json_input

    read = []
    for cls, method, path_at in ((json_input._Reader, "value", 1), (json_input._Locator, "place", 2)):
        real = getattr(cls, method)
        spy = lambda self, *a, real=real, i=path_at: read.append(a[i]) or real(self, *a)  # noqa: E731
        monkeypatch.setattr(cls, method, spy)
    path = tmp_path / "d.json"
    path.write_text(
        '{"employees": [\n {"id": "e-1", "nip": 1},\n {"id": "e-2",\n  "nip": 2.50}\n]}', encoding="utf-8"
    )
    first, second = load_file(str(path)).records["employees"]
    assert read == [] and second.data == {"id": "e-2", "nip": "2.50"}
    assert second.field_location("nip") == Location(str(path), 4, 10) and read == ["", "id", "nip"]
    assert first.location == Location(str(path), 2, 2)


@pytest.mark.parametrize("depth", [97, 98, 99, 100])
def test_deep_records_are_refused_as_the_reader_refuses_them(depth: int) -> None:
    text = '{"employees": [{"id": "e", "x": ' + "[" * depth + "]" * depth + "}]}"
    fast, slow = _read_both(text)
    assert fast == slow
