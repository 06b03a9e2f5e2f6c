"""Data integrity checks that JSON Schema cannot express (rule catalogue section F).

Codes:
  data.duplicate-id          an id is used by more than one record (all kinds share one id space;
                             the one exception is an OPD's root unit, which may carry the OPD's id)
  data.unknown-reference     a reference field names no record of the kind it must point at
  data.unit-tree             an OPD without exactly one root unit; a parent cycle; a parent in another OPD
  data.date                  a date that is not a real calendar date; an end before its start
  data.nip                   a NIP whose birth date, appointment year-month or gender digit is wrong
  data.structural-position   two employees hold the same structural position

Every check runs in linear time over dict indexes. Values of the wrong shape (not a string, a date
not written YYYY-MM-DD, a NIP that is not 18 digits) are skipped here: the schema reports them, and
these checks never raise on odd input.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from checker.model import COLLECTIONS, SINGULAR, Location, Problem, Record, Regency
from checker.validate.nip import is_nip_shape, nip_errors

# kind -> (field path, kind it must point at); "*" walks a list
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "opds": (("parent", "opds"),),
    "units": (("opd", "opds"), ("parent", "units"), ("head", "positions")),
    "positions": (("unit", "units"),),
    "employees": (("position", "positions"), ("unit", "units")),
    "placements": (("employee", "employees"), ("unit", "units"), ("assessor", "employees")),
    "delegations": (("delegator", "employees"), ("delegate", "employees")),
    "designations": (("employee", "employees"), ("unit", "units")),
    "targets": (("unit", "units"), ("accepted_by", "employees"), ("reviewed_by.*", "employees")),
    "teams": (
        ("unit", "units"),
        ("target", "targets"),
        ("members.*.employee", "employees"),
        ("members.*.appointed_by", "employees"),
    ),
    "assignments": (
        ("employee", "employees"),
        ("target", "targets"),
        ("team", "teams"),
        ("appointed_by", "employees"),
    ),
    "letters": (
        ("assignment", "assignments"),
        ("in_reply_to", "letters"),
        ("from", "employees"),  # a party: an employee id, or {instansi, role} (not checked)
        ("to", "employees"),
        ("cc.*", "employees"),
        ("signed_by", "employees"),
        ("drafted_by", "employees"),
    ),
    "reports": (
        ("from", "employees"),
        ("to", "employees"),
        ("target", "targets"),
        ("team", "teams"),
        ("assignment", "assignments"),
    ),
}
HEADER_REFERENCES: tuple[tuple[str, str], ...] = (("pejabat_berwenang", "employees"),)

DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "positions": ("penyetaraan.date",),
    "placements": ("decree_date", "start", "end"),
    "delegations": ("start", "end"),
    "designations": ("start", "end"),
    "targets": ("start", "end", "accepted_date"),
    "teams": ("start", "end"),
    "assignments": ("start", "end"),
    "letters": ("date", "duration.start", "duration.end"),
    "reports": ("date",),
}
PERIODS: dict[str, tuple[tuple[str, str], ...]] = {
    "placements": (("start", "end"),),
    "delegations": (("start", "end"),),
    "designations": (("start", "end"),),
    "targets": (("start", "end"),),
    "teams": (("start", "end"),),
    "assignments": (("start", "end"),),
    "letters": (("duration.start", "duration.end"),),
}

STRUCTURAL_GRADES = frozenset({"jpt_madya", "jpt_pratama", "administrator", "pengawas"})

_AN = {"opds", "employees", "assignments"}  # "an OPD", but "a unit"
NOUNS: dict[str, str] = {kind: f"{'an' if kind in _AN else 'a'} {noun}" for kind, noun in SINGULAR.items()}

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def check_integrity(regency: Regency) -> list[Problem]:
    """Every integrity problem of the regency, sorted by location."""
    ctx = _Context(regency)
    problems: list[Problem] = []
    problems += _duplicate_ids(ctx)
    problems += _references(ctx)
    problems += _unit_tree(ctx)
    problems += _dates(ctx)
    problems += _nips(ctx)
    problems += _structural_positions(ctx)
    problems.sort(key=Problem.sort_key)
    return problems


class _Context:
    """Indexes shared by the checks: records in load order, the first record of each id per kind."""

    def __init__(self, regency: Regency) -> None:
        self.regency = regency
        rank = {name: i for i, name in enumerate(regency.files)}

        def order(rec: Record) -> tuple[int, str, int, int]:
            loc = rec.location
            return (rank.get(loc.file, len(rank)), loc.file, loc.line, loc.column)

        self.order = order
        self.records: dict[str, list[Record]] = {}
        for kind in COLLECTIONS:
            recs = [
                r for r in regency.records.get(kind, ()) if isinstance(r.data, dict) and isinstance(r.id, str)
            ]
            self.records[kind] = sorted(recs, key=order)
        self.by_kind: dict[str, dict[str, Record]] = {kind: {} for kind in COLLECTIONS}
        self.first: dict[str, Record] = {}
        for kind in COLLECTIONS:
            for rec in self.records[kind]:
                self.by_kind[kind].setdefault(rec.id, rec)
                prev = self.first.get(rec.id)
                if prev is None or order(rec) < order(prev):
                    self.first[rec.id] = rec


def _label(rec: Record) -> str:
    return f"{rec.kind} {rec.id}"


def _problem(code: str, rec: Record, path: str | None, message: str) -> Problem:
    return Problem(code, f"{_label(rec)}: {message}", rec.where(path), rec.id)


def _display(path: str) -> str:
    """ "members.0.employee" -> "members[0].employee"."""
    out = ""
    for part in path.split("."):
        if part.isdigit():
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def field_reader(spec: str) -> Callable[[Any], Iterable[tuple[str, Any]]]:
    """(path, value) pairs of a field spec, as _values gives them; a top-level field (most of
    them) is read directly, without a generator per record."""
    if "." in spec:
        return lambda data: _values(data, spec)
    return lambda data: ((spec, data[spec]),) if spec in data else ()


def _values(data: Any, spec: str, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) for a field spec such as "members.*.employee"; missing parts yield nothing."""
    head, _, rest = spec.partition(".")
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _values(item, rest, f"{prefix}{i}.") if rest else [(f"{prefix}{i}", item)]
        return
    if not isinstance(data, dict) or head not in data:
        return
    if rest:
        yield from _values(data[head], rest, f"{prefix}{head}.")
    else:
        yield f"{prefix}{head}", data[head]


# --- data.duplicate-id -------------------------------------------------------------------------


def _is_opd_root(rec: Record) -> bool:
    """A unit named after its own OPD (`units: - id: dinkes, opd: dinkes`), as docs/data-model.md
    writes an OPD's root unit: the one id that two records may share."""
    return rec.kind == "units" and rec.data.get("opd") == rec.id


def _duplicate_ids(ctx: _Context) -> list[Problem]:
    # only ids held by more than one record are put in load order (sorting every record for the
    # few duplicates took half a gigabyte at a million staff)
    shared: dict[str, list[Record]] = {}
    for kind in COLLECTIONS:
        for rec in ctx.records[kind]:
            first = ctx.first[rec.id]
            if first is not rec:
                shared.setdefault(rec.id, [first]).append(rec)
    out = []
    for group in shared.values():
        seen: dict[bool, Record] = {}
        for rec in sorted(group, key=ctx.order):
            first = seen.setdefault(_is_opd_root(rec), rec)
            if first is rec:
                continue
            out.append(
                _problem(
                    "data.duplicate-id",
                    rec,
                    "id",
                    f"id '{rec.id}' is already used by {first.kind} {first.id} ({first.location});"
                    " ids must be unique across the regency",
                )
            )
    return out


# --- data.unknown-reference --------------------------------------------------------------------


def _reference_message(field: str, value: str, target: str, ctx: _Context) -> str:
    text = f"{_display(field)} '{value}' is not {NOUNS[target]}"
    other = ctx.first.get(value)
    if other is not None:
        text += f"; it is {NOUNS.get(other.kind, other.kind)} ({other.location})"
    return text


def _references(ctx: _Context) -> list[Problem]:
    out = []
    for kind, specs in REFERENCES.items():
        readers = [(field_reader(spec), target, ctx.by_kind[target]) for spec, target in specs]
        for rec in ctx.records[kind]:
            for read, target, known in readers:
                for path, value in read(rec.data):
                    if isinstance(value, str) and value not in known:
                        message = _reference_message(path, value, target, ctx)
                        out.append(_problem("data.unknown-reference", rec, path, message))
    header = ctx.regency.regency
    if isinstance(header, dict):
        header_id = header.get("id") if isinstance(header.get("id"), str) else None
        where = ctx.regency.regency_location or Location("<input>", 1, 1)
        for field, target in HEADER_REFERENCES:
            value = header.get(field)
            if isinstance(value, str) and value not in ctx.by_kind[target]:
                label = f"regency {header_id}" if header_id else "regency header"
                out.append(
                    Problem(
                        "data.unknown-reference",
                        f"{label}: {_reference_message(field, value, target, ctx)}",
                        where,
                        header_id,
                    )
                )
    return out


# --- data.unit-tree ----------------------------------------------------------------------------


def _unit_tree(ctx: _Context) -> list[Problem]:
    out: list[Problem] = []
    units = ctx.by_kind["units"]
    opds = ctx.by_kind["opds"]

    # one root per OPD, in file order
    roots: dict[str, list[Record]] = {}
    for rec in ctx.records["units"]:
        opd = rec.data.get("opd")
        if rec.data.get("parent") is None and isinstance(opd, str) and opd in opds:
            roots.setdefault(opd, []).append(rec)
    for opd_id, opd in opds.items():
        found = roots.get(opd_id, [])
        if not found:
            out.append(
                _problem(
                    "data.unit-tree",
                    opd,
                    None,
                    f"has no root unit (a unit with `opd: {opd_id}` and no parent)",
                )
            )
        for extra in found[1:]:
            out.append(
                _problem(
                    "data.unit-tree",
                    extra,
                    "parent",
                    f"OPD '{opd_id}' already has a root unit '{found[0].id}' ({found[0].location});"
                    " every other unit needs a parent",
                )
            )

    def parent_of(rec: Record) -> Record | None:
        parent = rec.data.get("parent")
        return units.get(parent) if isinstance(parent, str) else None

    # a parent in the same OPD
    for rec in ctx.records["units"]:
        parent = parent_of(rec)
        opd = rec.data.get("opd")
        parent_opd = parent.data.get("opd") if parent is not None else None
        if parent is not None and isinstance(opd, str) and isinstance(parent_opd, str) and opd != parent_opd:
            out.append(
                _problem(
                    "data.unit-tree",
                    rec,
                    "parent",
                    f"parent '{parent.id}' belongs to OPD '{parent_opd}', not to this unit's OPD '{opd}'",
                )
            )

    # no cycles: follow each parent chain once (0 = on the current chain, 1 = done)
    state: dict[int, int] = {}
    for start in units.values():
        chain: list[Record] = []
        cur: Record | None = start
        while cur is not None and id(cur) not in state:
            state[id(cur)] = 0
            chain.append(cur)
            cur = parent_of(cur)
        if cur is not None and state[id(cur)] == 0:
            cycle = chain[next(i for i, r in enumerate(chain) if r is cur) :]
            first = min(range(len(cycle)), key=lambda i: ctx.order(cycle[i]))
            ordered = cycle[first:] + cycle[:first]
            loop = " -> ".join(r.id for r in [*ordered, ordered[0]])
            out.append(_problem("data.unit-tree", ordered[0], "parent", f"parent chain loops: {loop}"))
        for rec in chain:
            state[id(rec)] = 1
    return out


# --- data.date ---------------------------------------------------------------------------------


def parse_date(value: Any) -> date | None:
    """A YYYY-MM-DD string as a date; None when it is not one (wrong shape or not on the calendar)."""
    if not isinstance(value, str):
        return None
    return _parse_date_text(value)


@functools.lru_cache(maxsize=8192)  # a regency writes the same few hundred dates many times over
def _parse_date_text(value: str) -> date | None:
    m = _DATE.fullmatch(value)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _bad_date(value: Any) -> bool:
    """Written YYYY-MM-DD (so the schema accepts it) but not a real calendar date."""
    return isinstance(value, str) and _DATE.fullmatch(value) is not None and parse_date(value) is None


def _dates(ctx: _Context) -> list[Problem]:
    out = []
    for kind, fields in DATE_FIELDS.items():
        periods = PERIODS.get(kind, ())
        for rec in ctx.records[kind]:
            for path in fields:
                value = _get(rec.data, path)
                if _bad_date(value):
                    out.append(
                        _problem(
                            "data.date", rec, path, f"{_display(path)} '{value}' is not a real calendar date"
                        )
                    )
            for start_path, end_path in periods:
                start, end = parse_date(_get(rec.data, start_path)), parse_date(_get(rec.data, end_path))
                if start is not None and end is not None and end < start:
                    out.append(
                        _problem(
                            "data.date",
                            rec,
                            end_path,
                            f"{_display(end_path)} {end.isoformat()} is before "
                            f"{_display(start_path)} {start.isoformat()}",
                        )
                    )
    header = ctx.regency.regency
    if isinstance(header, dict) and _bad_date(header.get("as_of")):
        header_id = header.get("id") if isinstance(header.get("id"), str) else None
        label = f"regency {header_id}" if header_id else "regency header"
        out.append(
            Problem(
                "data.date",
                f"{label}: as_of '{header['as_of']}' is not a real calendar date",
                ctx.regency.regency_location or Location("<input>", 1, 1),
                header_id,
            )
        )
    return out


# --- data.nip ----------------------------------------------------------------------------------


def _nips(ctx: _Context) -> list[Problem]:
    out = []
    for rec in ctx.records["employees"]:
        nip = rec.data.get("nip")
        if not is_nip_shape(nip):
            continue  # absent, or not 18 digits: the schema reports it
        for reason in nip_errors(nip):
            out.append(_problem("data.nip", rec, "nip", f"nip '{nip}': {reason}"))
    return out


# --- data.structural-position ------------------------------------------------------------------


def _structural_positions(ctx: _Context) -> list[Problem]:
    out = []
    positions = ctx.by_kind["positions"]
    holders: dict[str, Record] = {}
    for rec in ctx.records["employees"]:
        pos_id = rec.data.get("position")
        position = positions.get(pos_id) if isinstance(pos_id, str) else None
        if position is None:
            continue
        grade = position.data.get("grade")
        if not isinstance(grade, str) or grade not in STRUCTURAL_GRADES:
            continue
        first = holders.setdefault(pos_id, rec)
        if first is not rec:
            out.append(
                _problem(
                    "data.structural-position",
                    rec,
                    "position",
                    f"position '{pos_id}' is a structural position ({grade}) already held by employee"
                    f" '{first.id}' ({first.location}); a structural position has one holder",
                )
            )
    return out
