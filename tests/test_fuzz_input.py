"""Fuzzing the loader and the schema layer with random mutations of valid files.

Whatever the bytes, `validate` never raises, and every problem points into the file at a real line.
When a mutated file raises no problem, both readers (the fast subset reader and libyaml) read the
same records from it: no byte change gives a meaning that one reader sees and the other does not;
and valid data turns into facts without a value left to a default.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.load import load_file
from checker.pipeline import validate
from checker.solve.facts import record_facts

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal" / "dinkes.yaml"
SOURCE = MINIMAL.read_bytes()

# bytes that matter to YAML and to our typing: indicators, quotes, escapes, control bytes
SPECIAL = st.sampled_from(
    [
        b":",
        b"-",
        b" ",
        b"\n",
        b"\t",
        b'"',
        b"'",
        b"\\",
        b"#",
        b"&a",
        b"*a",
        b"{",
        b"}",
        b"[",
        b"]",
        b"\x00",
        b"\x1b",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\r",
        b"~",
        b"null",
        b"true",
        b"<<",
        b"!!int ",
        b"0x1f",
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(SOURCE)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate-line"]))
        if action == "insert":
            data[at:at] = draw(SPECIAL)
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        elif action == "replace":
            data[at : at + 1] = draw(SPECIAL)
        else:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end + 1
            data[end:end] = data[start:end]
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=mutated())
def test_mutated_files_give_located_problems_never_a_crash(raw: bytes, tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "regency.yaml").write_bytes(MINIMAL.with_name("regency.yaml").read_bytes())
    path = folder / "dinkes.yaml"
    path.write_bytes(raw)
    lines = raw.count(b"\n") + 2
    result = validate([str(folder)])
    for problem in result.problems:
        assert problem.location.file in (str(path), str(folder / "regency.yaml")), problem
        assert 1 <= problem.location.line <= lines and problem.location.column >= 1, problem
    if not result.problems:  # valid data always turns into facts: no value is left to a default
        record_facts(result.regency.records)
    fast = load_file(str(path), raw)
    if not fast.problems:
        assert fast == load_file(str(path), raw, subset=False)
