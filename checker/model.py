"""The types every stage shares: source locations, records, a loaded regency, findings."""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


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

# Where a record belongs (its OPD, for grouping reports; its cell, for solving in parts): with the
# record named by the first of these fields that is placed already. OPDs and units place
# themselves, and the collections are placed in this order.
OWNER_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("positions", ("unit",)),
    ("employees", ("unit", "position")),
    ("placements", ("unit", "employee")),
    ("delegations", ("delegator",)),
    ("designations", ("unit", "employee")),
    ("targets", ("unit",)),
    ("teams", ("unit",)),
    ("assignments", ("target", "team", "employee")),
    ("letters", ("assignment", "from")),
    ("reports", ("target", "team", "assignment", "from")),
)


def place_records(records: dict[str, list[Record]], placed: dict[str, T]) -> dict[str, T]:
    """Extend `placed` (OPDs and units, by id) to every record, through OWNER_FIELDS."""
    for kind, keys in OWNER_FIELDS:
        for rec in records[kind]:
            for key in keys:
                ref = rec.data.get(key)
                if isinstance(ref, str) and ref in placed:
                    placed[rec.id] = placed[ref]
                    break
    return placed


# Our scalar typing (checker.load): the only plain (unquoted) YAML scalars that are not strings.
# Everything else, quoted or not, stays text: an NIP keeps its digits, `no` stays a word.
PLAIN_TYPED: dict[str, bool | None] = {"true": True, "false": False, "": None, "~": None, "null": None}

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Notice:
    """Something a report must say besides its findings, in both languages: e.g. that on the date
    checked the regulation was not yet in force, so "0 findings" means nothing was checked."""

    code: str  # regulation.not-in-force | rules.none-in-force
    message: dict[str, str]  # lang -> text

    def text(self, lang: str) -> str:
        return self.message.get(lang) or self.message["en"]


@dataclass(frozen=True, order=True, slots=True)
class Location:
    file: str
    line: int  # 1-based; in a workbook, the row
    column: int  # 1-based
    sheet: str = ""  # a workbook's sheet (checker.load.xlsx_input); "" in a text file

    def __str__(self) -> str:
        return f"{self.file}:{self.cell}" if self.sheet else f"{self.file}:{self.line}:{self.column}"

    @property
    def cell(self) -> str:
        """`Pegawai!B12` in a workbook, "" elsewhere."""
        return f"{self.sheet}!{column_letters(self.column)}{self.line}" if self.sheet else ""

    @property
    def short(self) -> str:
        """`file:line`, or `file:Sheet!B12` in a workbook: where a report points a reader."""
        return f"{self.file}:{self.cell}" if self.sheet else f"{self.file}:{self.line}"

    @classmethod
    def unpack(cls, file: str, position: int, sheet: str = "") -> Location:
        """A location from a packed position (see `pack`)."""
        return cls(file, position >> 32, position & 0xFFFFFFFF, sheet)


def column_letters(column: int) -> str:
    """1 -> A, 27 -> AA: a spreadsheet's column name."""
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def pack(line: int, column: int) -> int:
    """A field's position as one int, `line << 32 | column` (the subset reader inlines it: hot path)."""
    return line << 32 | column


# The field paths of records of one shape ("id", "employee", "target", ...), one tuple each (half
# a million assignments share one, rather than each keeping its own dict of paths), with the
# struct that packs that many positions into bytes
_POSITION = struct.Struct("<q")
_SHAPES: dict[tuple[str, ...], tuple[tuple[str, ...], struct.Struct]] = {}


def _shape(paths: tuple[str, ...]) -> tuple[tuple[str, ...], struct.Struct]:
    shape = _SHAPES.get(paths)
    if shape is None:
        shape = _SHAPES[paths] = (paths, struct.Struct(f"<{len(paths)}q"))
    return shape


class Record:
    """One record of a collection, with the location of itself and of each of its fields.

    `field_locations` maps a dotted path inside the record ("members.0.employee") to where that
    value starts in the file, so a finding about a field can point at the field, not the record.
    It is stored compactly: the record's paths as a tuple shared by every record of the same shape,
    and their positions (each `line << 32 | column`, see `pack`) as 8 bytes each. A dict of paths
    to int objects was a third of a record's memory, and there are 5.4M records at 1M staff.
    """

    __slots__ = ("kind", "id", "data", "location", "_paths", "_positions")

    def __init__(
        self,
        kind: str,  # the collection name, e.g. "employees"
        id: str,
        data: dict[str, Any],
        location: Location,
        field_locations: Mapping[str, int] | None = None,
    ) -> None:
        self.kind = kind
        self.id = id
        self.data = data
        self.location = location
        locs = field_locations or {}
        self._paths, packer = _shape(tuple(locs))
        self._positions = packer.pack(*locs.values())

    @property
    def field_locations(self) -> dict[str, int]:
        return dict(zip(self._paths, (p for (p,) in _POSITION.iter_unpack(self._positions)), strict=True))

    def field_location(self, path: str) -> Location | None:
        try:
            (pos,) = _POSITION.unpack_from(self._positions, 8 * self._paths.index(path))
        except ValueError:
            return None
        return Location.unpack(self.location.file, pos, self.location.sheet)  # a record's fields: one sheet

    def where(self, path: str | None = None) -> Location:
        if path is None:
            return self.location
        return self.field_location(path) or self.location

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return (self.kind, self.id, self.data, self.location, self._paths, self._positions) == (
            other.kind,
            other.id,
            other.data,
            other.location,
            other._paths,
            other._positions,
        )

    __hash__ = None  # type: ignore[assignment] - mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"Record({self.kind!r}, {self.id!r}, {self.data!r}, {self.location!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled (the parse cache) as its constructor's arguments: a cached file's records share
        # their shape tuples again when loaded
        return (_record, (self.kind, self.id, self.data, self.location, self._paths, self._positions))


def _record(
    kind: str, rec_id: str, data: dict[str, Any], location: Location, paths: tuple[str, ...], positions: bytes
) -> Record:
    rec = Record.__new__(Record)
    rec.kind, rec.id, rec.data, rec.location = kind, rec_id, data, location
    rec._paths = _shape(paths)[0]
    rec._positions = positions
    return rec


@dataclass
class Problem:
    """A data error found before the rules run (YAML, schema, integrity)."""

    code: str  # e.g. "yaml.syntax", "schema", "data.unknown-reference"
    message: str  # in English (logs, tests); `text(lang)` is what a report shows
    location: Location
    record: str | None = None  # record id, when one is known
    message_id: str = ""  # in Indonesian, where the problem's source gives it (checker/validate)

    def text(self, lang: str) -> str:
        return self.message_id if lang == "id" and self.message_id else self.message

    def sort_key(self) -> tuple[str, str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.sheet, loc.line, loc.column, self.code, self.message)


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
class Remedy:
    """How to put a finding right, as a rule's remedy/4 atoms give it: a kind (the catalogue key
    `remedy.<kind>` of checker/i18n.py), the records and values it names, and its text in both
    languages with those records named."""

    kind: str
    args: tuple[Evidence, ...]
    text: Text


@dataclass(frozen=True)
class Text:
    """A user-visible text in both languages; the report picks one (`--lang`)."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


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
    message: Text
    evidence: tuple[Evidence, ...] = ()
    # open: a breach; excepted: a named legal exception applies; waived: a waiver covers it;
    # uncheckable: the data lacks a fact the rule needs (always severity info)
    status: str = "open"
    exception: str | None = None  # the exception or waiver id, when status is excepted/waived
    exception_citation: str | None = None
    title: Text = Text("", "")
    remedies: tuple[Remedy, ...] = ()  # how to put it right, when the rule computes it

    def sort_key(self) -> tuple[str, str, int, int, str, str, str]:
        return (
            self.location.file,
            self.location.sheet,
            self.location.line,
            self.location.column,
            self.rule_id,
            self.record,
            repr(self.evidence),
        )


# Problems that mean the input could not be read at all (exit 2), as opposed to data errors (exit 1).
UNREADABLE_CODES = frozenset({"yaml.syntax", "yaml.alias-bomb"})


def is_unreadable(problem: Problem) -> bool:
    return problem.code.startswith("input.") or problem.code in UNREADABLE_CODES
