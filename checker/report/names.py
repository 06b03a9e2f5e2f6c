"""The names a report shows beside ids: regencies, OPDs, units, positions and people (with their
position and unit), and each OPD's unit tree. Plain data, so it pickles from a worker process and
merges across regencies; built from the records by `report_names`, which the caller of a report
runs on the regencies it checked (`Report(..., names=report_names(regencies))`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.model import Regency

# a record's own unit is this field (units are their own unit)
_UNIT_FIELD = ("unit",)


@dataclass
class Names:
    regencies: dict[str, str] = field(default_factory=dict)  # regency id -> name
    records: dict[str, str] = field(default_factory=dict)  # any named record id -> its name
    people: dict[str, tuple[str, str, str]] = field(
        default_factory=dict
    )  # employee -> (name, position, unit)
    units: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # unit -> (opd, parent unit)
    unit_of: dict[str, str] = field(default_factory=dict)  # record id -> the unit it belongs to

    def name(self, record_id: str | None) -> str:
        """The record's name, or "" when it has none (the id is shown instead, by the caller)."""
        if not record_id:
            return ""
        person = self.people.get(record_id)
        return person[0] if person else self.records.get(record_id, "")

    def merge(self, other: Names) -> Names:
        """Both, the first regency's name winning where two regencies share an id."""
        return Names(
            {**other.regencies, **self.regencies},
            {**other.records, **self.records},
            {**other.people, **self.people},
            {**other.units, **self.units},
            {**other.unit_of, **self.unit_of},
        )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def regency_names(regency: Regency) -> Names:
    out = Names()
    header = regency.regency or {}
    if _text(header.get("id")):
        out.regencies[header["id"]] = _text(header.get("name")) or header["id"]
    for kind, records in regency.records.items():
        for rec in records:
            name = _text(rec.data.get("name") or rec.data.get("title") or rec.data.get("number"))
            if name:
                out.records.setdefault(rec.id, name)
            if kind == "units":
                parent = rec.data.get("parent")
                out.units[rec.id] = (_text(rec.data.get("opd")), parent if isinstance(parent, str) else None)
                out.unit_of[rec.id] = rec.id
            elif isinstance(rec.data.get("unit"), str):
                out.unit_of.setdefault(rec.id, rec.data["unit"])
    for rec in regency.records.get("employees", []):
        position = _text(rec.data.get("position"))
        unit = _text(rec.data.get("unit"))
        out.people[rec.id] = (
            _text(rec.data.get("name")) or rec.id,
            out.records.get(position, position),
            out.records.get(unit, unit),
        )
    # a placement, assignment, ... belongs to its employee's unit when it names none itself
    for kind in ("placements", "assignments", "designations"):
        for rec in regency.records.get(kind, []):
            emp = rec.data.get("employee")
            if rec.id not in out.unit_of and isinstance(emp, str) and emp in out.unit_of:
                out.unit_of[rec.id] = out.unit_of[emp]
    return out


def report_names(regencies: Iterable[Regency]) -> Names:
    """The names of every regency checked, for `Report.names`."""
    out = Names()
    for regency in regencies:
        out = out.merge(regency_names(regency))
    return out
