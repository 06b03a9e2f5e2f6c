"""`sistemkerja validate` on each broken fixture: the exact message, its file:line:column, the exit code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
VALID = "tests/fixtures/valid/minimal"
INVALID = "tests/fixtures/invalid"

CASES = [
    (
        "alias-bomb.yaml",
        2,
        "8:4: yaml.alias-bomb: YAML aliases expand to more than 2,000,000 values; refusing to read",
    ),
    ("empty.yaml", 2, "1:1: input.empty: file is empty"),
    (
        "latin1.yaml",
        2,
        "3:14: input.encoding: not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8",
    ),
    ("malformed.yaml", 2, "4:9: yaml.syntax: YAML syntax error: did not find expected ',' or ']'"),
    ("too-deep.yaml", 2, "1:27: input.too-deep: YAML nesting is deeper than 100 levels; refusing to read"),
    (
        "schema-nip-short.yaml",
        1,
        "4:10: schema: employees e-baru: field 'nip' must be 18 digits, got '19820314'",
    ),
    (
        "schema-unknown-field.yaml",
        1,
        "8:15: schema: employees e-baru: unknown field 'instnasi' (did you mean 'instansi'?)",
    ),
    (
        "integrity-unknown-assessor.yaml",
        1,
        "6:15: data.unknown-reference: placements k-0002: assessor 'e-9999' is not an employee",
    ),
    (
        "integrity-unit-cycle.yaml",
        1,
        "6:13: data.unit-tree: units dinkes-seksi-a: parent chain loops: dinkes-seksi-a -> dinkes-seksi-b -> dinkes-seksi-a",
    ),
    (
        "integrity-nip-gender.yaml",
        1,
        "4:10: data.nip: employees e-baru: nip '198811112012123003': digit 15 '3' must be 1 (male) or 2 (female)",
    ),
    (
        "integrity-end-before-start.yaml",
        1,
        "8:10: data.date: assignments a-02: end 2024-03-31 is before start 2024-07-01",
    ),
]


@pytest.fixture(autouse=True)
def in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # locations are reported relative to the paths given


def test_valid_minimal_regency() -> None:
    result = CliRunner().invoke(main, ["validate", VALID])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "valid" in result.stderr


@pytest.mark.parametrize(("name", "code", "expected"), CASES)
def test_broken_fixture(name: str, code: int, expected: str) -> None:
    path = f"{INVALID}/{name}"
    result = CliRunner().invoke(main, ["validate", "--lang", "en", VALID, path])
    assert result.exit_code == code
    assert result.stdout.splitlines() == [f"{path}:{expected}"]
    assert "Traceback" not in result.output


def test_directory_without_yaml(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing here", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        result.stderr == f"sistemkerja: error: {tmp_path}: no data files (*.yaml, *.yml, *.json, *.xlsx, *.csv) in this directory\n"
    )


def test_missing_path() -> None:
    result = CliRunner().invoke(main, ["validate", "no/such/place"])
    assert result.exit_code == 2
    assert "no/such/place: no such file or directory" in result.stderr


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads files regardless of their mode")
    path = tmp_path / "locked.yaml"
    path.write_text("regency: {}\n", encoding="utf-8")
    path.chmod(0)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "input.unreadable" in result.stdout


def test_two_regencies_are_validated_apart() -> None:
    # each folder has its own `regency:` header: two regencies, not one with two headers
    result = CliRunner().invoke(main, ["validate", VALID, "tests/fixtures/regency-contoh"])
    assert result.exit_code == 0, result.stdout
    assert result.stderr == "4 berkas valid\n"
