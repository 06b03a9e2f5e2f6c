"""What a rule pack is: its rules (with their exceptions and metadata), parameters and regulation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.packs.document import Document


class PackError(Exception):
    """A pack is missing or malformed (a usage error: exit 2). `problems` lists every problem found
    (file:line: what), the message names the first."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems) or [message]


@dataclass
class Exception_:
    id: str
    citation: str
    excerpt: str = ""
    message: dict[str, str] = field(default_factory=dict)
    cites: list[str] = field(default_factory=list)  # provision keys of the pack's regulation document


@dataclass
class Rule:
    id: str
    title: dict[str, str]
    severity: str
    citation: str
    excerpt: str
    message: dict[str, str]
    topic: str
    source: str  # the metadata file that last defined it
    reading: str | dict[str, str] = ""  # {id, en}; a plain text (one language) is accepted too
    record_kind: str = ""
    in_force: str = ""
    exceptions: list[Exception_] = field(default_factory=list)
    examples: dict[str, str] = field(default_factory=dict)
    inherited_from: str | None = None  # pack id, when the rule comes unchanged from a base pack
    overridden: list[str] = field(default_factory=list)  # fields this pack changed on an inherited rule
    raw: dict[str, Any] = field(default_factory=dict)
    parameters: list[str] = field(default_factory=list)  # the pack parameters the rule uses (metadata)
    defined_in: str = ""  # id of the pack whose topic file last defined or overrode the rule
    cited_in: str = ""  # id of the pack whose regulation the citation names (its document's keys)
    cites: list[str] = field(default_factory=list)  # provision keys (the citation as data)

    def to_dict(self) -> dict[str, Any]:
        """The rule as plain data: one serialisation for `rules --format json`, `explain` and the
        HTML report's rule table."""
        return {
            "id": self.id,
            "title": self.title,
            "severity": self.severity,
            "status": self.status,
            "citation": self.citation,
            "cites": self.cites,
            "in_force": self.in_force,
            "inherited_from": self.inherited_from,
            "overridden": self.overridden,
            "excerpt": self.excerpt,
            "reading": self.reading,
            "parameters": self.parameters,
            "exceptions": [
                {"id": e.id, "citation": e.citation, "excerpt": e.excerpt} for e in self.exceptions
            ],
            "examples": self.examples,
            "source": self.source,
        }

    def reading_in(self, lang: str) -> str:
        """The reading in `lang` (English, then Indonesian, when that language is missing)."""
        if isinstance(self.reading, dict):
            return self.reading.get(lang) or self.reading.get("en") or self.reading.get("id", "")
        return self.reading

    def in_force_on(self, date: str | None) -> bool:
        """Law on `date` (YYYY-MM-DD): no in-force date of its own, or one on or before it; with
        no date, in force."""
        return not self.in_force or not date or self.in_force <= date

    @property
    def status(self) -> str:
        """own (defined by this pack), inherited (unchanged from a base) or overridden (a base's rule
        with some fields changed by this pack or a pack between)."""
        if self.inherited_from is None:
            return "own"
        return "overridden" if self.overridden else "inherited"


@dataclass(frozen=True)
class Row:
    """One row of a parameter table, with where it comes from and when it is law."""

    values: tuple[Any, ...]
    cites: tuple[str, ...] = ()  # provision keys
    citation: str = ""  # the human citation of `cites` ("" if none)
    start: str = ""  # `from:`, the first day the row is law (YYYY-MM-DD); "" = always
    end: str = ""  # `to:`, the last day; "" = still law
    pack: str = ""  # the pack that wrote the row

    def in_force_on(self, day: str | None) -> bool:
        """Law on `day` (YYYY-MM-DD); every row is, when no day is given (grounding a pack alone)."""
        return day is None or ((not self.start or self.start <= day) and (not self.end or day <= self.end))


@dataclass
class Parameter:
    name: str
    rows: list[Row]
    description: str = ""
    citation: str = ""
    source: str = ""
    inherited_from: str | None = None  # pack id, when the parameter comes unchanged from a base pack
    overrides: str | None = None  # the base pack whose value of this parameter this pack replaced or edited
    cites: list[str] = field(default_factory=list)  # provision keys of the whole parameter
    key: int | None = None  # leading columns that identify a row (None: all of them)
    cited_in: str = ""  # the pack whose regulation `cites` names

    @property
    def facts(self) -> list[list[Any]]:
        return [list(r.values) for r in self.rows]

    @property
    def row_cites(self) -> list[list[str]]:
        return [list(r.cites) for r in self.rows]

    @property
    def row_citations(self) -> list[str]:
        return [r.citation for r in self.rows]

    @property
    def status(self) -> str:
        if self.inherited_from is not None:
            return "inherited"
        return "overridden" if self.overrides else "own"


@dataclass
class Pack:
    id: str
    path: Path
    regulation: dict[str, Any]
    rules: dict[str, Rule]  # enacted rules only, by id
    not_enacted: dict[str, str]  # rule id -> reason
    parameters: dict[str, Parameter]
    programs: list[Path]  # ASP files in load order: common, bases, this pack
    extends: str | None = None
    lineage: list[str] = field(default_factory=list)  # this pack and its bases, nearest first
    not_enacted_by: dict[str, str] = field(default_factory=dict)  # rule id -> pack that declared it
    document: Document | None = None  # the regulation article by article (regulation.yaml)
    abstract: bool = False  # a base pack: checked only under a regulation that extends it

    def rule_status(self, rule_id: str) -> str:
        """own | inherited | overridden | not_enacted | absent (the pack never mentions the id)."""
        if rule_id in self.rules:
            return self.rules[rule_id].status
        return "not_enacted" if rule_id in self.not_enacted else "absent"

    @property
    def in_force(self) -> str:
        return str(self.regulation.get("in_force", ""))

    def rules_in_force(self, date: str) -> list[str]:
        """The ids of the rules that are law on `date`."""
        return [r.id for r in self.rules.values() if r.in_force_on(date)]

    @property
    def title(self) -> str:
        return str(self.regulation.get("short_title") or self.regulation.get("title") or self.id)
