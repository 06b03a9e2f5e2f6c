"""Helpers for rule tests: check a fixture regency and pick out findings."""

from __future__ import annotations

from pathlib import Path

from checker.model import Finding, Regency
from checker.pipeline import Options, run
from checker.report.problems import render_problems
from checker.result import CheckResult

TESTS = Path(__file__).resolve().parent


def run_check(*paths: str | Path, regulation: str | None = None, as_of: str | None = None) -> list[Finding]:
    """Check the fixture through the pipeline `check` runs; a fixture with data problems fails loudly
    (rule fixtures must be valid data)."""
    names = [str(p) for p in paths]
    checked = run(names, Options(regulation, as_of, part_size=0))
    assert not checked.problems, "fixture has data problems:\n" + render_problems(checked.problems)
    assert checked.check is not None
    # every rule fixture also shows the pack local enough to be solved in parts (checker.solve.partition),
    # at the finest split: each cell (OPD, independent unit) a part of its own
    parts = run(names, Options(regulation, as_of, part_size=1)).check
    assert parts is not None and parts.findings == checked.check.findings
    return checked.check.findings


def of_rule(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id]


def summary(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    """(rule id, record, severity, status) for exact assertions."""
    return [(f.rule_id, f.record, f.severity, f.status) for f in findings]


def solved(source: list[str] | Regency, **options: object) -> CheckResult:
    """The rules' result of one `run` (checker.pipeline) on clean data."""
    result = run(source, Options(**options))  # type: ignore[arg-type]
    assert result.check is not None, render_problems(result.problems)
    return result.check
