"""One language at a time (issue 17): `validate` says its schema and integrity problems in the
language of --lang, from the one catalogue (checker/i18n.py); every command has --lang and --quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cache.codec import _problem, _problem_out
from checker.cli import main
from checker.model import Location, Problem

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID, INVALID = FIXTURES / "valid" / "minimal", FIXTURES / "invalid"
# the problems of the schema and the integrity checks (YAML syntax and encoding are the reader's)
DATA_FIXTURES = sorted(
    p.name for p in INVALID.glob("*.yaml") if p.name.split("-")[0] in ("schema", "integrity")
)


def validate(*args: str) -> list[tuple[str, str]]:
    """(location and code, message) per problem line."""
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exit_code == 1, result.output
    out = []
    for line in result.stdout.splitlines():
        head, code, message = line.split(": ", 2)
        out.append((f"{head}: {code}", message))
    return out


@pytest.mark.parametrize("name", DATA_FIXTURES)
def test_every_data_problem_in_the_language_asked_for(name: str) -> None:
    paths = (str(VALID), str(INVALID / name))
    in_id, in_en = validate("--lang", "id", *paths), validate("--lang", "en", *paths)
    assert [where for where, _ in in_id] == [where for where, _ in in_en]  # the same problems
    for (_, id_text), (_, en_text) in zip(in_id, in_en, strict=True):
        assert id_text != en_text, id_text  # Indonesian, not English (before: English under --lang id)


def test_the_default_is_indonesian() -> None:
    (line,) = validate(str(VALID), str(INVALID / "schema-unknown-field.yaml"))
    assert line[1] == "employees e-baru: kolom 'instnasi' tidak dikenal (maksudnya 'instansi'?)"
    (line,) = validate(str(VALID), str(INVALID / "integrity-unknown-assessor.yaml"))
    assert line[1] == "placements k-0002: assessor 'e-9999' bukan pegawai"


def test_validate_json_and_the_summary_follow_lang() -> None:
    result = CliRunner().invoke(
        main,
        ["validate", "--lang", "id", "--format", "json", str(VALID), str(INVALID / "schema-nip-short.yaml")],
    )
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["message"] == "employees e-baru: kolom 'nip' harus 18 digit, tertulis '19820314'"
    assert "1 masalah" in result.stderr


def test_check_stopping_on_data_problems_speaks_lang(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["check", "--no-cache", "--lang", "id", str(VALID), str(INVALID / "integrity-end-before-start.yaml")],
    )
    assert result.exit_code == 2
    assert "end 2024-03-31 sebelum start 2024-07-01" in result.stderr
    assert "is before" not in result.stderr


def test_the_cache_carries_both_languages() -> None:
    p = Problem(
        "schema", "employees e: unknown field 'x'", Location("f.yaml", 3, 5), "e", "employees e: kolom 'x'"
    )
    assert _problem(json.loads(json.dumps(_problem_out(p)))) == p
    assert p.text("id") == "employees e: kolom 'x'" and p.text("en") == p.message


def test_a_cached_run_says_the_same(tmp_path: Path) -> None:
    args = ["check", "--cache-dir", str(tmp_path / "cache"), "--lang", "id"]
    args += [str(VALID), str(INVALID / "schema-bad-enum.yaml")]
    first, second = CliRunner().invoke(main, args), CliRunner().invoke(main, args)
    assert first.exit_code == second.exit_code == 2
    assert first.stderr == second.stderr and "harus salah satu dari" in first.stderr


@pytest.mark.parametrize("command", ["rules", "explain", "compare", "validate", "check"])
def test_every_command_has_lang_and_quiet(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "--lang [id|en]" in result.stdout and "-q, --quiet" in result.stdout


def test_rules_titles_in_lang() -> None:
    ids = (
        CliRunner()
        .invoke(main, ["rules", "--regulation", "perbup-tanah-laut-26-2024", "--lang", "id"])
        .stdout
    )
    en = (
        CliRunner()
        .invoke(main, ["rules", "--regulation", "perbup-tanah-laut-26-2024", "--lang", "en"])
        .stdout
    )
    assert ids != en and len(ids.splitlines()) == len(en.splitlines())
