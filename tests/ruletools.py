"""Helpers for rule tests: check a fixture regency and pick out findings."""

from __future__ import annotations

from pathlib import Path

from checker.model import Finding
from checker.pipeline import check_regency, validate
from checker.report.problems import render_problems

TESTS = Path(__file__).resolve().parent


def run_check(*paths: str | Path, regulation: str | None = None, as_of: str | None = None) -> list[Finding]:
    """Validate then check; a fixture with data problems fails loudly (rule fixtures must be valid data)."""
    checked = validate([str(p) for p in paths])
    assert not checked.problems, "fixture has data problems:\n" + render_problems(checked.problems)
    whole = check_regency(checked.regency, regulation, as_of, part_size=0).findings
    # every rule fixture also shows the pack local enough to be solved in parts (checker.solve.partition),
    # at the finest split: each cell (OPD, independent unit) a part of its own
    assert check_regency(checked.regency, regulation, as_of, part_size=1).findings == whole
    return whole


def of_rule(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id]


def summary(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    """(rule id, record, severity, status) for exact assertions."""
    return [(f.rule_id, f.record, f.severity, f.status) for f in findings]
