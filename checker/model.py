"""The types every stage shares: source locations, records, a loaded regency, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def project_dir(name: str) -> Path:
    """`rules/` or `schemas/`: at the top of the repository in a checkout or an editable install;
    inside the package (as `_rules`, `_schemas`) when installed from a wheel."""
    here = Path(__file__).resolve().parent
    source = here.parent / name
    return source if source.is_dir() else here / f"_{name}"


# The collections a regency file may hold, in the order reports list them.
COLLECTIONS: tuple[str, ...] = (
    "opds",
    "units",
    "positions",
    "employees",
    "placements",
    "delegations",
    "designations",
    "targets",
    "teams",
    "assignments",
    "letters",
    "reports",
)

# One record of each collection, in the singular: for sentences, and the name of its schema file
# (schemas/<singular, lower case>.schema.json)
SINGULAR: dict[str, str] = {kind: kind.removesuffix("s") for kind in COLLECTIONS} | {"opds": "OPD"}

# Our scalar typing (checker.load): the only plain (unquoted) YAML scalars that are not strings.
# Everything else, quoted or not, stays text: an NIP keeps its digits, `no` stays a word.
PLAIN_TYPED: dict[str, bool | None] = {"true": True, "false": False, "": None, "~": None, "null": None}

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, order=True, slots=True)
class Location:
    file: str
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @classmethod
    def unpack(cls, file: str, position: int) -> Location:
        """A location from a packed position (see `pack`)."""
        return cls(file, position >> 32, position & 0xFFFFFFFF)


def pack(line: int, column: int) -> int:
    """A field's position as one int, `line << 32 | column` (the subset reader inlines it: hot path)."""
    return line << 32 | column


@dataclass(slots=True)  # half a million of them at 100k staff: no per-instance __dict__
class Record:
    """One record of a collection, with the location of itself and of each of its fields.

    `field_locations` maps a dotted path inside the record ("members.0.employee") to where that
    value starts in the file, so a finding about a field can point at the field, not the record.
    """

    kind: str  # the collection name, e.g. "employees"
    id: str
    data: dict[str, Any]
    location: Location
    # where each path starts in the record's file, as one int: line << 32 | column. A Location
    # object per field made a cached regency three times slower to load, and a (line, column)
    # tuple costs a third of a record's memory
    field_locations: dict[str, int] = field(default_factory=dict)

    def field_location(self, path: str) -> Location | None:
        pos = self.field_locations.get(path)
        return None if pos is None else Location.unpack(self.location.file, pos)

    def where(self, path: str | None = None) -> Location:
        if path is None:
            return self.location
        return self.field_location(path) or self.location


@dataclass
class Problem:
    """A data error found before the rules run (YAML, schema, integrity)."""

    code: str  # e.g. "yaml.syntax", "schema", "data.unknown-reference"
    message: str
    location: Location
    record: str | None = None  # record id, when one is known

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)


@dataclass
class Regency:
    """All records of one regency, merged from its files."""

    regency: dict[str, Any] | None = None
    regency_location: Location | None = None
    records: dict[str, list[Record]] = field(default_factory=lambda: {c: [] for c in COLLECTIONS})
    files: list[str] = field(default_factory=list)

    def by_id(self) -> dict[str, Record]:
        index: dict[str, Record] = {}
        for kind in COLLECTIONS:
            for rec in self.records[kind]:
                index.setdefault(rec.id, rec)
        return index


@dataclass(frozen=True)
class Evidence:
    name: str  # e.g. "assessor"
    value: str  # e.g. a record id, a grade
    location: Location | None = None  # where the value's record is, when it is a record id


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str  # error | warning | info
    regulation: str
    citation: str
    record: str
    record_kind: str
    location: Location
    opd: str | None
    message_id: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()
    # open: a breach; excepted: a named legal exception applies; waived: a waiver covers it;
    # uncheckable: the data lacks a fact the rule needs (always severity info)
    status: str = "open"
    exception: str | None = None  # the exception or waiver id, when status is excepted/waived
    exception_citation: str | None = None
    title_id: str = ""
    title_en: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (
            self.location.file,
            self.location.line,
            self.location.column,
            self.rule_id,
            self.record,
            repr(self.evidence),
        )

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_id


# Problems that mean the input could not be read at all (exit 2), as opposed to data errors (exit 1).
UNREADABLE_CODES = frozenset({"yaml.syntax", "yaml.alias-bomb"})


def is_unreadable(problem: Problem) -> bool:
    return problem.code.startswith("input.") or problem.code in UNREADABLE_CODES
