"""No malformed value slips past the schema and becomes a default (issue 13, items 2, 5, 8, 12).

Each case here passed silently once: a trailing newline under `$`, a second top-level key merged
into the first, a report written over its own input, a header the discovery did not see."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checker.cli import main
from checker.solve.facts import FactError, d

TESTS = Path(__file__).resolve().parent
PACKS = TESTS / "fixtures" / "packs"
REGENCY = TESTS / "fixtures" / "regency-contoh"


@pytest.fixture(autouse=True)
def workdir(contoh: Path) -> Path:
    return contoh


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def edit(name: str, old: str, new: str) -> None:
    path = Path("contoh", name)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(result: Result) -> list[dict]:
    return json.loads(result.stdout)["problems"]


# --- item 2: a trailing newline matches no pattern ----------------------------------------------

NEWLINE_CASES = {
    "quoted as_of": ("regency.yaml", 'as_of: "2025-03-01"', 'as_of: "2025-03-01\\n"'),
    "folded as_of": ("regency.yaml", 'as_of: "2025-03-01"', "as_of: >\n    2025-03-01\n"),
    "literal start": ("dinas.yaml", 'start: "2024-01-01"}', 'start: "2024-01-01\\n"}'),
    "id": ("dinas.yaml", "- id: dinas-bidang", '- id: "dinas-bidang\\n"'),
    "nip": ("dinas.yaml", 'nip: "197001012000031001"', 'nip: "197001012000031001\\n"'),
}


@pytest.mark.parametrize("case", sorted(NEWLINE_CASES))
def test_a_value_ending_in_a_newline_is_a_schema_error(case: str) -> None:
    edit(*NEWLINE_CASES[case])
    checked = run("check", "contoh", "--format", "json")
    assert checked.exit_code == 2, checked.output
    validated = run("validate", "contoh")
    assert validated.exit_code == 1
    assert "schema" in validated.output


def test_every_schema_pattern_refuses_a_final_newline() -> None:
    import re

    from checker.validate.schema import SCHEMA_DIR

    for path in SCHEMA_DIR.glob("*.json"):
        for pattern in re.findall(r'"pattern": "((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")):
            assert json.loads(f'"{pattern}"').endswith(r"$(?!\n)"), (path.name, pattern)


@pytest.mark.parametrize("value", ["2024-06-04\n", "2024-6-4", "20240604", "2024-06-04 ", "x"])
def test_a_malformed_date_never_becomes_a_default(value: str) -> None:
    with pytest.raises(FactError):
        d(value)


def test_absent_dates_are_open_ended_and_real_dates_are_numbers() -> None:
    assert d(None) == 99991231 and d(None, 0) == 0 and d("") == 99991231
    assert d("2024-06-04") == 20240604


# --- item 5: a second top-level key is an error, not a merge ------------------------------------


def test_a_second_top_level_collection_is_a_duplicate_key() -> None:
    text = Path("contoh", "dinas.yaml").read_text(encoding="utf-8")
    extra = 'employees:\n  - {id: e-x, nip: "199004042015062009", name: X, position: dinas-analis, unit: dinas-seksi}\n'
    Path("contoh", "dinas.yaml").write_text(text + extra, encoding="utf-8")
    result = run("validate", "contoh", "--format", "json")
    assert result.exit_code == 1, result.output
    found = [(p["code"], p["location"]["line"]) for p in problems(result)]
    assert ("yaml.duplicate-key", text.count("\n") + 1) in found


# --- item 8: a report never overwrites its input -------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--output", "contoh/dinas.yaml"),
        ("--format", "json:contoh/regency.yaml"),
        ("--format", "sarif:./contoh/../contoh/dinas.yaml"),
        ("--format", "json:contoh/waivers.yaml"),
    ],
)
@pytest.mark.parametrize("command", ["check", "validate"])
def test_an_output_naming_an_input_is_refused(command: str, args: tuple[str, str]) -> None:
    Path("contoh", "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in Path("contoh").iterdir()}
    result = run(command, "contoh", *args)
    assert result.exit_code == 2, result.output
    assert "is an input of this run" in result.output
    assert {p.name: p.read_bytes() for p in Path("contoh").iterdir()} == before


def test_an_explicit_waivers_file_is_an_input_too() -> None:
    Path("w.yaml").write_text("waivers: []\n", encoding="utf-8")
    result = run("check", "contoh", "--waivers", "w.yaml", "--format", "json:w.yaml")
    assert result.exit_code == 2 and Path("w.yaml").read_text(encoding="utf-8") == "waivers: []\n"


# --- item 12: discovery reads each real file once, sees every header, says what it skips -------


def test_a_header_after_a_bom_or_quoted_keeps_regencies_apart() -> None:
    shutil.copytree("contoh", "other")
    edit("regency.yaml", "regency:", "\ufeffregency:")
    other = Path("other", "regency.yaml")
    other.write_text(other.read_text(encoding="utf-8").replace("regency:", '"regency":', 1), encoding="utf-8")
    result = run("validate", "contoh", "other")
    assert result.exit_code == 0, result.output  # two regencies, not one with two headers


@pytest.mark.parametrize(
    "spelling", ["contoh/dinas.yaml", "{cwd}/contoh/dinas.yaml", "contoh/../contoh/dinas.yaml", "link.yaml"]
)
def test_one_file_named_twice_is_read_once(spelling: str, workdir: Path) -> None:
    Path("link.yaml").symlink_to(Path("contoh", "dinas.yaml").resolve())
    result = run("validate", "contoh", spelling.format(cwd=workdir))
    assert result.exit_code == 0, result.output


def test_upper_case_suffix_is_data_and_hidden_files_are_not() -> None:
    from checker.load.discover import find

    Path("contoh", "dinas.yaml").rename(Path("contoh", "DINAS.YAML"))
    Path("contoh", ".github").mkdir()
    Path("contoh", ".github", "ci.yaml").write_text("on: push\n", encoding="utf-8")
    assert find(["contoh"]).files == ["contoh/DINAS.YAML", "contoh/regency.yaml"]


def test_what_a_folder_holds_besides_yaml_is_said() -> None:
    Path("contoh", "README.md").write_text("notes\n", encoding="utf-8")
    result = run("validate", "contoh")
    assert result.exit_code == 0
    assert "skipped contoh/README.md (not a data file: YAML, JSON, XLSX or CSV)" in result.output


def test_a_pipe_on_the_command_line_is_not_a_missing_file() -> None:
    import os

    os.mkfifo("pipe.yaml")
    result = run("validate", "pipe.yaml")
    assert result.exit_code == 2
    assert "not a regular file" in result.output


# --- item 14: control characters from the data never reach a reader raw ------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "html", "junit"])
def test_escape_bytes_in_a_waiver_reason_are_shown_escaped(fmt: str) -> None:
    Path("contoh", "waivers.yaml").write_text(
        "waivers:\n  - id: w1\n    rule: contoh.assessor-administrator\n    record: k-a2\n"
        '    reason: "ok\\e[2J\\u202Egnp.exe"\n    expires: "2025-12-31"\n',
        encoding="utf-8",
    )
    dinas = Path("contoh", "dinas.yaml")  # without its delegation, k-a2 is a finding the waiver covers
    dinas.write_text(dinas.read_text(encoding="utf-8").split("delegations:")[0], encoding="utf-8")
    result = run("check", "contoh", "--format", fmt)
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[2J" in result.stdout and "\\u202e" in result.stdout


def test_a_nul_byte_is_located_at_its_line_and_column() -> None:
    Path("contoh", "dinas.yaml").write_bytes(b"opds:\n  - id: dinas\n    name: Di\x00nas\n")
    result = run("validate", "contoh", "--lang", "en")
    assert "contoh/dinas.yaml:3:13: yaml.syntax: character U+0000" in result.output
