"""What one run produced: the data's problems and, on clean data, the rules' findings.

A run is unreadable (some input could not be read at all), failing validation (problems), or
checked (the rules ran). The commands decide their exit code from here, once (checker.cli).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model import Finding, Problem, Regency, is_unreadable
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
