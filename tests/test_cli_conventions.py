"""What users of conftest, Checkov and check-jsonschema expect of a CLI: -h, --version, --quiet,
defaults from a configuration file (the command line wins), shell completion."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checker.cli import COMMANDS, main

TESTS = Path(__file__).resolve().parent
PACKS = TESTS / "fixtures" / "packs"
REGENCY = TESTS / "fixtures" / "regency-contoh"


@pytest.fixture(autouse=True)
def workdir(contoh: Path) -> Path:
    (contoh / ".git").mkdir()  # the configuration is looked up no higher than the repository
    dinas = Path("contoh", "dinas.yaml")  # without its delegation: two open errors
    dinas.write_text(dinas.read_text(encoding="utf-8").split("delegations:")[0], encoding="utf-8")
    return contoh


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_dash_h_is_help_everywhere(command: str) -> None:
    result = run(command, "-h")
    assert result.exit_code == 0 and result.output.startswith("Usage: ")


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and "version" in result.output


def test_quiet_leaves_the_report_and_the_exit_code() -> None:
    loud = run("check", "contoh", "--format", "json")
    quiet = run("check", "contoh", "--format", "json", "--quiet")
    assert loud.exit_code == quiet.exit_code == 1
    assert loud.stdout == quiet.stdout and loud.stderr and not quiet.stderr


def test_configuration_file_sets_defaults_and_the_command_line_wins() -> None:
    Path(".sistemkerja.yaml").write_text("fail-on: never\ncheck:\n  format: json\n", encoding="utf-8")
    result = run("check", "contoh")
    assert result.exit_code == 0 and result.stdout.startswith("{")  # json, and never failing
    assert run("check", "contoh", "--fail-on", "error").exit_code == 1


def test_configuration_in_pyproject() -> None:
    Path("pyproject.toml").write_text('[tool.sistemkerja]\nfail-on = "never"\n', encoding="utf-8")
    assert run("check", "contoh").exit_code == 0


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("fail-on: [error]\n", "must be a single value"),
        ("colour: red\n", "unknown option or command 'colour'"),
        ("check: 3\n", "must be a mapping"),
        ("[unclosed\n", "cannot read the configuration"),
    ],
)
def test_a_malformed_configuration_is_a_usage_error(text: str, says: str) -> None:
    Path(".sistemkerja.yaml").write_text(text, encoding="utf-8")
    result = run("check", "contoh")
    assert result.exit_code == 2 and says in result.output


def test_shell_completion_is_offered() -> None:
    env = {"_SISTEMKERJA_COMPLETE": "bash_source", "PATH": str(Path(sys.executable).parent)}
    out = subprocess.run(["sistemkerja"], env=env, capture_output=True, text=True, timeout=60)
    assert "complete" in out.stdout and "sistemkerja" in out.stdout


def test_rule_selection_runs_only_the_rules_chosen() -> None:
    everything = run("check", "contoh", "--format", "json", "--no-cache")
    assert everything.exit_code == 1
    skipped = run("check", "contoh", "--format", "json", "--no-cache", "--skip-rule", "contoh.assessor-*")
    assert skipped.exit_code == 0 and '"rule_id": "contoh.assessor-administrator"' not in skipped.stdout
    only = run("check", "contoh", "--format", "json", "--no-cache", "--rule", "contoh.assessor-administrator")
    assert only.exit_code == 1
    typo = run("check", "contoh", "--rule", "contoh.asessor-*")
    assert typo.exit_code == 2 and "matches no rule" in typo.output


def test_rule_selection_is_part_of_the_cache_key(tmp_path: Path) -> None:
    args = ("check", "contoh", "--format", "json", "--cache-dir", str(tmp_path / "c"))
    assert run(*args).exit_code == 1
    assert run(*args, "--skip-rule", "contoh.assessor-*").exit_code == 0
    assert run(*args).exit_code == 1


def test_colour_only_when_asked_or_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.cli import common

    plain = run("check", "contoh")
    coloured = run("check", "contoh", "--color")
    assert "\x1b[" not in plain.stdout and "\x1b[31;1mERROR\x1b[0m" in coloured.stdout
    assert coloured.stdout.replace("\x1b[31;1m", "").replace("\x1b[0m", "") == plain.stdout
    monkeypatch.setattr(common.sys.stdout, "isatty", lambda: True, raising=False)
    assert common.use_colour(None) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert common.use_colour(None) is False and common.use_colour(True) is True


def test_colour_never_unescapes_the_data() -> None:
    from checker.report.output import visible
    from checker.report.text import paint

    line = "a.yaml:3  ERROR    r.x  name \x1b[2J here (Pasal 1)\n"
    shown = paint(visible(line))
    assert shown == "a.yaml:3  \x1b[31;1mERROR\x1b[0m    r.x  name \\x1b[2J here (Pasal 1)\n"
