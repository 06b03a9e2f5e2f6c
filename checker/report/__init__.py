"""Report formats. Each format is a module with `render(report: Report) -> str`; listed here so the
CLI can offer them and import only the one asked for.

Every format renders the same `Report`; the helpers here (rule metadata, counts, labels, paths) keep
them in agreement. Output is deterministic: the same report gives byte-identical text in every format.
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker.i18n import LABELS as LABELS  # re-exported: the reports' labels live in the catalogue
from checker.i18n import LANGS, tr
from checker.i18n import label as label
from checker.model import SEVERITIES, SEVERITY_RANK, Finding, Location, Notice, Problem, Text
from checker.packs import Pack, Rule

if TYPE_CHECKING:
    from checker.report.names import Names
    from checker.waivers import Waiver

# format name -> module under checker.report
FORMATS: dict[str, str] = {
    "text": "checker.report.text",
    "json": "checker.report.json_report",
    "sarif": "checker.report.sarif",
    "junit": "checker.report.junit",
    "github": "checker.report.github",
    "markdown": "checker.report.markdown",
    "html": "checker.report.html",
}

# formats meant for programs: nothing but the report may reach stdout, and no progress is drawn there
MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "github"})

# the regulation field of findings that are not about the law: waiver bookkeeping and data problems
WAIVERS_REGULATION = "waivers"
DATA_REGULATION = "data"

# open and uncheckable findings count toward --fail-on; excepted and waived ones never do
COUNTED = ("open", "uncheckable")
STATUSES = ("open", "uncheckable", "excepted", "waived")


@dataclass
class Report:
    """What every format renders: the findings of one or more regencies, and how they were produced."""

    findings: list[Finding]
    packs: dict[str, Pack]  # regulation id -> pack, for rule metadata
    as_of: str
    inputs: list[str]  # the paths checked
    regencies: list[str] = field(default_factory=list)
    lang: str = "id"
    tool_version: str = ""
    waivers: list[Waiver] = field(default_factory=list)  # every waiver read, used or not
    fail_on: str = "error"  # the lowest severity that fails the run (junit failures follow it)
    command: str = "check"  # check | validate
    # names beside ids (regencies, OPDs, units, people) and unit trees, for the HTML report; the
    # caller fills it with checker.report.names.report_names(regencies); None shows ids only
    names: Names | None = None
    notices: list[Notice] = field(default_factory=list)  # said in every format, beside the findings
    _waiver_index: dict[str, Waiver] = field(default_factory=dict, init=False, repr=False, compare=False)

    def rule(self, finding: Finding) -> Rule:
        """The metadata of a finding's rule: its pack's, a built-in one, or one made from the finding."""
        return rule_for(self, finding.rule_id, finding.regulation) or synthetic_rule(finding)

    def rules(self) -> list[Rule]:
        """Every rule the report covers, sorted by id: the packs' rules in force on the as-of date
        (so a clean run still lists what was checked), then the rules of findings outside the packs."""
        out: dict[str, Rule] = {}
        for pack_id in sorted(self.packs):
            for rule in self.packs[pack_id].rules.values():
                if in_force(rule, self.as_of):
                    out.setdefault(rule.id, rule)
        for f in self.findings:
            if f.rule_id not in out:
                out[f.rule_id] = self.rule(f)
        return [out[k] for k in sorted(out)]

    def waiver(self, waiver_id: str | None) -> Waiver | None:
        if len(self._waiver_index) != len(self.waivers):
            self._waiver_index = {w.id: w for w in self.waivers}
        return self._waiver_index.get(waiver_id) if waiver_id else None

    def failing(self, finding: Finding) -> bool:
        """Whether this finding alone makes the run exit 1 under --fail-on."""
        return (
            self.fail_on != "never"
            and finding.status in COUNTED
            and SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[self.fail_on]
        )

    def message(self, finding: Finding) -> str:
        return finding.message.get(self.lang)

    def title(self, finding: Finding) -> str:
        en, id_ = finding.title.en, finding.title.id
        return (en or id_ if self.lang == "en" else id_ or en) or self.rule(finding).title.get(self.lang, "")


def remedy_lines(f: Finding, lang: str) -> list[str]:
    """ "Perbaikan: ..." / "Remedy: ..." for each remedy of a finding (remedy/4 of its rule)."""
    return [f"{tr('remedies.label', lang)}: {r.text.get(lang)}" for r in f.remedies]


def in_force(rule: Rule, as_of: str) -> bool:
    """In force on the as-of date (on the latest one, when several regencies were checked)."""
    latest = max((d.strip() for d in as_of.split(",")), default="")
    return rule.in_force_on(latest)


def rule_for(report: Report, rule_id: str, regulation: str) -> Rule | None:
    pack = report.packs.get(regulation)
    if pack is not None and rule_id in pack.rules:
        return pack.rules[rule_id]
    from checker.waivers import RULES

    if rule_id in RULES:
        return RULES[rule_id]
    return next((p.rules[rule_id] for p in report.packs.values() if rule_id in p.rules), None)


def synthetic_rule(finding: Finding) -> Rule:
    """Metadata for a finding whose rule is in no pack (a data problem turned into a finding)."""
    title = {"id": finding.title.id or finding.rule_id, "en": finding.title.en or finding.rule_id}
    return Rule(
        id=finding.rule_id,
        title=title,
        severity=finding.severity,
        citation=finding.citation,
        excerpt="",
        message={},
        topic=finding.regulation,
        source="",
    )


# ---- data problems (validate, or check before the rules run) as findings, so every format shows them


def problem_findings(problems: Iterable[Problem]) -> list[Finding]:
    out = []
    for p in problems:
        out.append(
            Finding(
                rule_id=p.code,
                severity="error",
                regulation=DATA_REGULATION,
                citation="docs/data-model.md",
                record=p.record or "",
                record_kind="",
                location=p.location,
                opd=None,
                message=Text(p.text("id"), p.message),
                title=Text(*(label("finding.data_problem", lang, code=p.code) for lang in LANGS)),
            )
        )
    out.sort(key=Finding.sort_key)
    return out


# ---- counts shared by the summaries of every format


def status_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Counted (open + uncheckable) findings by severity, then excepted and waived, then total."""
    findings = list(findings)
    counted = Counter(f.severity for f in findings if f.status in COUNTED)
    out = {s: counted[s] for s in SEVERITIES}
    out["excepted"] = sum(f.status == "excepted" for f in findings)
    out["waived"] = sum(f.status == "waived" for f in findings)
    out["total"] = len(findings)
    return out


def by_opd(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by OPD ("-" for none), groups sorted by name, each in report order."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.opd or "-", []).append(f)
    return {k: groups[k] for k in sorted(groups)}


def opd_table(findings: Iterable[Finding]) -> list[tuple[str, dict[str, int]]]:
    """(OPD, status_counts) per OPD, sorted, then ("", totals)."""
    findings = list(findings)
    rows = [(opd, status_counts(group)) for opd, group in by_opd(findings).items()]
    return [*rows, ("", status_counts(findings))]


def waiver_states(report: Report) -> dict[Location, str]:
    """Where each waiver stands -> expired | unused | active, as the waiver findings of the report
    say. Keyed by location, not id: under `check --each` two regencies may both have a `w1`."""
    states = {w.location: "active" for w in report.waivers}
    for f in report.findings:
        if f.regulation == WAIVERS_REGULATION and f.location in states:
            states[f.location] = "expired" if f.rule_id == "waiver.expired" else "unused"
    return states


def posix(path: str) -> str:
    """A path as given on the command line, with forward slashes."""
    return path.replace(os.sep, "/") if os.sep != "/" else path


def renderer(name: str) -> Callable[[Report], str]:
    return importlib.import_module(FORMATS[name]).render  # type: ignore[no-any-return]
