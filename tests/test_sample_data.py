"""The shipped regencies: valid data; compliant under their own regulation; examples give exactly the
findings their README documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.pipeline import validate
from checker.report.problems import render_problems
from tests.ruletools import solved

DATA = Path(__file__).resolve().parent.parent / "data"
CLEAN = ["tanah-laut", "gianyar"]


@pytest.mark.parametrize("name", [*CLEAN, "examples"])
def test_sample_data_is_valid(name: str) -> None:
    checked = validate([str(DATA / name)])
    assert checked.problems == [], render_problems(checked.problems)


@pytest.mark.parametrize("name", CLEAN)
def test_clean_regency_has_no_errors_under_its_own_regulation(name: str) -> None:
    checked = validate([str(DATA / name)])
    findings = solved(checked.regency).findings
    errors = [f"{f.rule_id} {f.record} {f.message.en}" for f in findings if f.severity == "error" and f.status == "open"]
    assert errors == []


def documented_findings() -> set[tuple[str, str]]:
    """(rule id, record id) rows of the table in data/examples/README.md."""
    rows = set()
    for line in (DATA / "examples" / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.fullmatch(r"[a-z]+\.[a-z0-9.-]+", cells[0]):
            rows.add((cells[0], cells[1]))
    return rows


def test_examples_give_exactly_their_documented_findings() -> None:
    checked = validate([str(DATA / "examples")])
    findings = solved(checked.regency).findings
    found = {(f.rule_id, f.record) for f in findings if f.status == "open" and f.severity in ("error", "warning")}
    documented = documented_findings()
    assert documented, "data/examples/README.md documents no findings"
    assert sorted(found - documented) == [], "findings the README does not document"
    assert sorted(documented - found) == [], "documented findings that do not fire"
