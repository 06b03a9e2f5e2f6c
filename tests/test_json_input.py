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
        (out / f"{path.stem}.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
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
    ],
)
def test_malformed_json_is_a_located_problem(text: str, code: str, line: int, column: int, tmp_path: Path) -> None:
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
