"""Broken user packs are tool errors (issue 13, items 6 and 9): every command that loads the pack
exits 2 with one message naming the file (and line), never a traceback, exit 1 or "0 findings".

Each case copies the test pack perbup-contoh-1-2025 into tmp_path and breaks one thing in it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checker.cli import main

TESTS = Path(__file__).resolve().parent
SOURCE = TESTS / "fixtures" / "packs" / "perbup-contoh-1-2025"
REGENCY = TESTS / "fixtures" / "compare" / "regency"
PACK = "perbup-contoh-1-2025"
RULE = "contoh.assessor-administrator"
TOPIC = "kedudukan.yaml"

EXCEPTIONS = """    exceptions:
      - id: contoh.assessor-administrator.delegasi
        citation: Pasal 3 ayat (2)
        excerpt: kecuali didelegasikan oleh Bupati"""
MESSAGE = """    message:
      id: "Penilai kinerja {assessor} untuk {employee} berjenjang {grade}"
      en: "Assessor {assessor} of {employee} has grade {grade}\""""

Edit = Callable[[Path], None]


def replace(name: str, old: str, new: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write(name: str, text: str) -> Edit:
    def edit(folder: Path) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    return edit


# name -> (the edit, what the message must name: file:line, or the file where there is no line)
BROKEN: dict[str, tuple[Edit, str]] = {
    "severity-not-a-level": (replace(TOPIC, "severity: error", "severity: fatal"), f"{TOPIC}:5"),
    "severity-a-list": (replace(TOPIC, "severity: error", "severity: [error]"), f"{TOPIC}:5"),
    "rule-with-only-an-id": (write("extra.yaml", "rules:\n  - id: contoh.only\n"), "extra.yaml:2"),
    "exceptions-a-text": (replace(TOPIC, EXCEPTIONS, "    exceptions: contoh"), f"{TOPIC}:11"),
    "exceptions-a-mapping": (
        replace(TOPIC, EXCEPTIONS, "    exceptions: {id: x, citation: y}"),
        f"{TOPIC}:11",
    ),
    "exception-a-text": (
        replace(TOPIC, "      - id: contoh.assessor-administrator.delegasi", "      - contoh\n      - id: x"),
        f"{TOPIC}:12",
    ),
    "parameter-spec-a-list": (write("extra.yaml", "parameters:\n  foo:\n    - [a, b]\n"), "extra.yaml:3"),
    "parameters-a-list": (write("extra.yaml", "parameters:\n  - foo\n"), "extra.yaml:2"),
    "facts-a-number": (write("extra.yaml", "parameters:\n  foo:\n    facts: 3\n"), "extra.yaml:3"),
    "fact-value-a-float": (write("extra.yaml", "parameters:\n  foo: {facts: [[a, 1.5]]}\n"), "extra.yaml:2"),
    "pack-yaml-a-list": (write("pack.yaml", "- a\n- b\n"), "pack.yaml:1"),
    "pack-yaml-a-scalar": (write("pack.yaml", "hello\n"), "pack.yaml:1"),
    "pack-yaml-empty": (write("pack.yaml", ""), "pack.yaml"),
    "regulation-a-list": (write("pack.yaml", "regulation: [a]\n"), "pack.yaml:1"),
    "extends-a-list": (replace("pack.yaml", "regulation:", "extends: [a]\nregulation:"), "pack.yaml:2"),
    "topic-a-list": (write("extra.yaml", "- a\n"), "extra.yaml:1"),
    "rules-a-mapping": (write("extra.yaml", "rules: {id: x}\n"), "extra.yaml:1"),
    "title-a-list": (
        replace(
            TOPIC,
            "    title: {id: Penilai kinerja paling rendah administrator,",
            "    title: [a, b]\n    x: {id: a,",
        ),
        f"{TOPIC}:4",
    ),
    "message-a-text": (replace(TOPIC, MESSAGE, "    message: hello"), f"{TOPIC}:8"),
    "message-lacks-en": (
        replace(TOPIC, '      en: "Assessor {assessor} of {employee} has grade {grade}"\n', ""),
        f"{TOPIC}:9",
    ),
    "examples-a-list": (replace(TOPIC, EXCEPTIONS, "    examples: [a]\n" + EXCEPTIONS), f"{TOPIC}:11"),
    "rule-id-a-mapping": (write("extra.yaml", "rules:\n  - id: {a: b}\n"), "extra.yaml:2"),
    "rule-id-with-a-newline": (
        write("extra.yaml", 'rules:\n  - {id: "contoh.x\\n", not_enacted: true}\n'),
        "extra.yaml:2",
    ),
    "not-enacted-a-text": (
        write("extra.yaml", 'rules:\n  - id: contoh.x\n    not_enacted: "no"\n'),
        "extra.yaml:3",
    ),
    "not-enacted-with-fields": (
        write("extra.yaml", "rules:\n  - {id: contoh.x, not_enacted: true, severity: error}\n"),
        "extra.yaml:2",
    ),
    "unknown-rule-key": (
        replace(TOPIC, "severity: error", "severity: error\n    in_froce: '2025-01-01'"),
        f"{TOPIC}:6",
    ),
    "duplicate-key": (replace(TOPIC, "severity: error", "severity: error\n    severity: info"), f"{TOPIC}:6"),
    "rule-defined-twice": (
        write("extra.yaml", SOURCE.joinpath(TOPIC).read_text(encoding="utf-8")),
        f"{TOPIC}:3",
    ),
    "parameter-named-like-data": (
        write("extra.yaml", "parameters:\n  employee: {facts: [[e-x]]}\n"),
        "extra.yaml:2",
    ),
    "key-not-a-text": (write("extra.yaml", "parameters:\n  1: {facts: []}\n"), "extra.yaml:2"),
    "recursive-alias": (write("extra.yaml", "parameters: &a\n  foo: *a\n"), "extra.yaml:1"),
    "misnamed-topic-file": (write("extra.yml", "rules: []\n"), "extra.yml"),
    "yaml-syntax-error": (write("extra.yaml", "rules:\n  - id: [\n"), "extra.yaml:3:1"),
    "not-utf-8": (lambda folder: (folder / "extra.yaml").write_bytes(b"\xff\xfe"), "extra.yaml"),
    "lp-syntax-error": (write("extra.lp", 'violation("x", K :- foo(K).\n'), "extra.lp:1:18"),
    # item 6: a date that is not one is an error, never "not in force"
    "in-force-no-date": (
        replace(TOPIC, "    severity: error", "    in_force: soon\n    severity: error"),
        f"{TOPIC}:5",
    ),
    "in-force-no-day": (
        replace(TOPIC, "    severity: error", '    in_force: "2025-02-30"\n    severity: error'),
        f"{TOPIC}:5",
    ),
    "in-force-bad-timestamp": (
        replace(TOPIC, "    severity: error", "    in_force: 2025-13-01\n    severity: error"),
        f"{TOPIC}:5",
    ),
    "in-force-with-a-time": (
        replace(TOPIC, "    severity: error", "    in_force: 2025-01-01 10:00:00\n    severity: error"),
        f"{TOPIC}:5",
    ),
    "in-force-with-a-newline": (
        replace(TOPIC, "    severity: error", '    in_force: "2025-01-01\\n"\n    severity: error'),
        f"{TOPIC}:5",
    ),
    "regulation-in-force-no-date": (
        replace("pack.yaml", 'in_force: "2025-01-01"', 'in_force: "2025-1-1"'),
        "pack.yaml:6",
    ),
    "regulation-ditetapkan-no-date": (
        replace(
            "pack.yaml", 'in_force: "2025-01-01"', 'in_force: "2025-01-01"\n  ditetapkan: 1 Januari 2025'
        ),
        "pack.yaml:7",
    ),
}

COMMANDS = {
    "check": ["check", "--no-cache", "--regulation", PACK, str(REGENCY)],
    "rules --lint": ["rules", "--lint", "--regulation", PACK],
    "rules": ["rules", "--regulation", PACK],
    "explain": ["explain", RULE, "--regulation", PACK],
}


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rules" / PACK
    shutil.copytree(SOURCE, folder)
    monkeypatch.setenv("SISTEMKERJA_RULES", str(tmp_path / "rules"))
    return folder


def run(args: list[str]) -> Result:
    return CliRunner().invoke(main, args, catch_exceptions=False)


def assert_pack_error(result: Result, where: str) -> None:
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert where in result.output, result.output


def test_the_unbroken_pack_loads_everywhere(pack: Path) -> None:
    assert run(COMMANDS["check"]).exit_code == 1  # it has findings
    for name in ("rules --lint", "rules", "explain"):
        result = run(COMMANDS[name])
        assert result.exit_code == 0, (name, result.output)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_pack_is_a_located_pack_error(pack: Path, case: str, command: str) -> None:
    edit, where = BROKEN[case]
    edit(pack)
    result = run(COMMANDS[command])
    assert_pack_error(result, f"{PACK}/{where}")
    if command != "rules --lint":  # one line, which names the file (lint lists every problem on stdout)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("sistemkerja: error: "), (
            result.stderr
        )


def test_lint_lists_every_problem_of_a_file(pack: Path) -> None:
    write("extra.yaml", "rules:\n  - {id: contoh.a, severity: fatal}\n  - {id: contoh.b, exceptions: x}\n")(
        pack
    )
    result = run(COMMANDS["rules --lint"])
    assert_pack_error(result, f"{PACK}/extra.yaml:2")
    assert f"{PACK}/extra.yaml:3" in result.output
    assert PACK in result.stderr.splitlines()[-1]  # the summary names the pack that does not load


def test_rules_takes_rules_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SISTEMKERJA_RULES", raising=False)
    shutil.copytree(SOURCE, tmp_path / PACK)
    write("pack.yaml", "hello\n")(tmp_path / PACK)
    result = run(["rules", "--lint", "--rules-dir", str(tmp_path), "--regulation", PACK])
    assert_pack_error(result, f"{PACK}/pack.yaml:1")


# --- item 6: a pack without an answer is an error, not "0 findings" ----------------------------


def test_an_unsatisfiable_pack_is_a_tool_error_naming_the_pack(pack: Path) -> None:
    write("extra.lp", ":- employee(_).\n")(pack)
    result = run(COMMANDS["check"])
    assert_pack_error(result, PACK)
    assert "0 finding" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_an_unsatisfiable_part_is_a_tool_error(pack: Path) -> None:
    """Solved in parts (each a forked child), the same: the error comes back from the child."""
    write("extra.lp", ":- employee(_).\n")(pack)
    result = run([*COMMANDS["check"], "--part-size", "1"])
    assert_pack_error(result, PACK)


def test_lint_flags_a_constraint_and_a_choice(pack: Path) -> None:
    write("extra.lp", ":- employee(_).\n{ chosen(E) } :- employee(E).\n")(pack)
    result = run(COMMANDS["rules --lint"])
    assert result.exit_code == 1, result.output
    assert f"{PACK}/extra.lp:1: an integrity constraint" in result.output
    assert f"{PACK}/extra.lp:2: a choice" in result.output


def test_asp_that_does_not_ground_is_one_located_line(pack: Path) -> None:
    write("extra.lp", 'violation("x", K, (a(B),)) :- employee(K).\n')(pack)
    checked = run(COMMANDS["check"])
    assert_pack_error(checked, f"{PACK}/extra.lp:1:")
    assert checked.stderr.count("\n") == 1 and "'B' is unsafe" in checked.stderr, checked.stderr
    assert_pack_error(run(COMMANDS["rules --lint"]), f"{PACK}/extra.lp:1:")


def test_lint_flags_a_quoted_date_in_a_parameter(pack: Path) -> None:
    """Unquoted, a parameter date is the integer YYYYMMDD the data's dates are; quoted, a text that
    compares with none of them."""
    write("extra.yaml", "parameters:\n  cutoff: {facts: [['2025-01-01'], [2025-01-01]]}\n")(pack)
    result = run(COMMANDS["rules --lint"])
    assert result.exit_code == 1, result.output
    assert "parameter `cutoff`: '2025-01-01' is quoted" in result.output
    assert result.output.count("is quoted") == 1
