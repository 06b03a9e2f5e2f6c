"""What one run produced: the data's problems and, on clean data, the rules' findings.

A run is unreadable (some input could not be read at all), failing validation (problems), or
checked (the rules ran). The commands decide their exit code from here, once (checker.cli).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from checker.model import Finding, Notice, Problem, Regency, is_unreadable
from checker.packs import Pack


@dataclass
class CheckResult:
    regency: Regency
    pack: Pack
    as_of: str
    findings: list[Finding]
    messages: list[str] = field(default_factory=list)  # clingo warnings, pack problems
    stats: dict[str, float] = field(default_factory=dict)


@dataclass
class RunResult:
    regency: Regency
    problems: list[Problem]
    check: CheckResult | None = None  # None: the rules did not run (broken data, or validate only)

    @property
    def unreadable(self) -> bool:
        return any(is_unreadable(p) for p in self.problems)


@dataclass
class Combined:
    """What a `check` over one or more regencies produced, merged from their outcomes
    (checker.batch.Outcome), in the order of the jobs. It decides the exit code once."""

    findings: list[Finding] = field(default_factory=list)
    packs: dict[str, Pack] = field(default_factory=dict)
    dates: list[str] = field(default_factory=list)
    regencies: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # data problems: the rules did not run
    error: str | None = None  # the first regency that could not be checked at all
    error_problems: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # clingo's warnings
    # a waivers file shared by several regencies (--each --waivers F) is one set of waivers
    waivers: dict[Any, None] = field(default_factory=dict)  # checker.waivers.Waiver, in order
    used: set[Any] = field(default_factory=set)
    expired: set[Any] = field(default_factory=set)
    names: Any = None  # checker.report.names.Names of every regency, when asked for
    notices: list[Notice] = field(default_factory=list)  # e.g. a regulation not yet in force

    def add(self, outcome: Any) -> None:
        if outcome.error:
            if self.error is None:
                self.error, self.error_problems = outcome.error, outcome.error_problems
            return
        if outcome.problems:
            self.problems.extend(outcome.problems)
            return
        self.messages.extend(outcome.messages)
        notice = in_force_notice(outcome.pack, outcome.as_of)
        if notice is not None and notice not in self.notices:
            self.notices.append(notice)
        self.findings.extend(outcome.findings)
        self.packs.setdefault(outcome.pack.id, outcome.pack)
        self.dates.append(outcome.as_of)
        self.regencies.append(outcome.regency_id)
        self.used |= outcome.used
        self.expired |= outcome.expired
        self.waivers.update(dict.fromkeys(outcome.waivers))
        if outcome.names is not None:
            self.names = outcome.names if self.names is None else self.names.merge(outcome.names)

    def finish(self) -> None:
        """The waivers' own findings added, everything in report order."""
        if self.waivers:  # else none: a run without waivers never imports their (YAML) reader
            from checker.waivers import waiver_findings

            self.findings.extend(waiver_findings(self.waivers, self.used, self.expired))
        self.findings.sort(key=Finding.sort_key)
        self.problems.sort(key=Problem.sort_key)

    @property
    def as_of(self) -> str:
        return ", ".join(sorted(set(self.dates)))

    def exit_code(self, failing: Callable[[Finding], bool]) -> int:
        """2: the check could not run (an error, or data problems); 1: a finding fails the run
        (`failing` applies --fail-on and the statuses); 0: clean."""
        if self.error or self.problems:
            return 2
        return 1 if any(failing(f) for f in self.findings) else 0


def in_force_notice(pack: Pack, as_of: str) -> Notice | None:
    """Why a check on `as_of` checked nothing, if it did not: the regulation was not yet in force,
    or none of its rules was. None when some rule was law on the date."""
    if pack.rules_in_force(as_of):
        return None
    if pack.in_force and as_of < pack.in_force:
        return Notice(
            "regulation.not-in-force",
            {
                "id": f"{pack.title} belum berlaku pada {as_of} (berlaku mulai {pack.in_force}):"
                " tidak ada aturan yang diperiksa",
                "en": f"{pack.title} is not in force on {as_of} (in force from {pack.in_force}):"
                " no rule was checked",
            },
        )
    return Notice(
        "rules.none-in-force",
        {
            "id": f"tidak ada aturan {pack.title} yang berlaku pada {as_of}: tidak ada yang diperiksa",
            "en": f"no rule of {pack.title} is in force on {as_of}: nothing was checked",
        },
    )
