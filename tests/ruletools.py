"""Helpers for rule tests: check a fixture regency (or a pack's test case) and pick out findings."""

from __future__ import annotations

import tempfile
from pathlib import Path

from checker.model import Finding, Regency
from checker.packs.cases import Case, data_bytes, read_case
from checker.pipeline import Options, run
from checker.report.problems import render_problems
from checker.result import CheckResult

TESTS = Path(__file__).resolve().parent
RULES = TESTS.parent / "rules"


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


def case_files(pack: str, rule: str, name: str, folder: Path) -> tuple[Case, list[str]]:
    """A case of a shipped pack (rules/<pack>/tests/<rule>/<name>.yaml) as paths `check` takes: its
    bases and its data (the test's keys blanked) written into `folder`."""
    case = read_case(RULES / pack / "tests" / rule / f"{name}.yaml", pack, rule)
    files = [str(b) for b in case.bases]
    raw = data_bytes(case.path)
    if raw is not None:
        data = folder / f"{name}.yaml"
        data.write_bytes(raw)
        files.append(str(data))
    return case, files


def case_findings(pack: str, rule: str, name: str, **options: str) -> list[Finding]:
    """Every finding of a pack's case (whole and in parts, as run_check), for what a case cannot say:
    messages, evidence, exceptions and citations. `options` override the case's as_of/regulation."""
    with tempfile.TemporaryDirectory() as tmp:
        case, files = case_files(pack, rule, name, Path(tmp))
        law = {"regulation": case.regulation or pack, "as_of": case.as_of, **options}
        return run_check(*files, **law)
