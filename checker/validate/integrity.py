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

from checker.i18n import label as catalogue_label
from checker.model import COLLECTIONS, SINGULAR, Location, Problem, Record, Regency, Text
from checker.validate.context import Context, display, field_reader, located, problem, say
from checker.validate.dates import DATE_FIELDS, PERIODS, check_dates, parse_date
from checker.validate.nip import is_nip_shape, nip_reasons
from checker.validate.unit_tree import check_unit_tree

# re-exported: the partitioner walks references as integrity does; tests read the date tables
__all__ = ["DATE_FIELDS", "PERIODS", "REFERENCES", "check_integrity", "field_reader", "parse_date"]

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

STRUCTURAL_GRADES = frozenset({"jpt_madya", "jpt_pratama", "administrator", "pengawas"})

_AN = {"opds", "employees", "assignments"}  # "an OPD", but "a unit"
NOUNS: dict[str, str] = {kind: f"{'an' if kind in _AN else 'a'} {noun}" for kind, noun in SINGULAR.items()}


def check_integrity(regency: Regency) -> list[Problem]:
    """Every integrity problem of the regency, sorted by location."""
    ctx = Context(regency)
    problems: list[Problem] = []
    problems += _duplicate_ids(ctx)
    problems += _references(ctx)
    problems += check_unit_tree(ctx)
    problems += check_dates(ctx)
    problems += _nips(ctx)
    problems += _structural_positions(ctx)
    problems.sort(key=Problem.sort_key)
    return problems


# --- data.duplicate-id -------------------------------------------------------------------------


def _is_opd_root(rec: Record) -> bool:
    """A unit named after its own OPD (`units: - id: dinkes, opd: dinkes`), as docs/data-model.md
    writes an OPD's root unit: the one id that two records may share."""
    return rec.kind == "units" and rec.data.get("opd") == rec.id


def _duplicate_ids(ctx: Context) -> list[Problem]:
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
                problem(
                    "data.duplicate-id",
                    rec,
                    "id",
                    say(
                        "problem.duplicate-id",
                        id=rec.id,
                        kind=first.kind,
                        other=first.id,
                        location=first.location,
                    ),
                )
            )
    return out


# --- data.unknown-reference --------------------------------------------------------------------


def _noun(kind: str) -> Text:
    """ "an employee" / "pegawai": a record of the kind."""
    return Text(catalogue_label(f"kind.{kind}", "id"), NOUNS[kind]) if kind in NOUNS else Text(kind, kind)


def _reference_message(field: str, value: str, target: str, ctx: Context) -> Text:
    text = say("problem.unknown-reference", field=display(field), value=value, noun=_noun(target))
    other = ctx.first.get(value)
    if other is not None:
        more = say("problem.reference-is", noun=_noun(other.kind), location=other.location)
        text = Text(text.id + more.id, text.en + more.en)
    return text


def _references(ctx: Context) -> list[Problem]:
    out = []
    for kind, specs in REFERENCES.items():
        readers = [(field_reader(spec), target, ctx.by_kind[target]) for spec, target in specs]
        for rec in ctx.records[kind]:
            for read, target, known in readers:
                for path, value in read(rec.data):
                    if isinstance(value, str) and value not in known:
                        message = _reference_message(path, value, target, ctx)
                        out.append(problem("data.unknown-reference", rec, path, message))
    header = ctx.regency.regency
    if isinstance(header, dict):
        header_id = header.get("id") if isinstance(header.get("id"), str) else None
        where = ctx.regency.regency_location or Location("<input>", 1, 1)
        for field, target in HEADER_REFERENCES:
            value = header.get(field)
            if isinstance(value, str) and value not in ctx.by_kind[target]:
                label = f"regency {header_id}" if header_id else say("problem.regency-header")
                detail = _reference_message(field, value, target, ctx)
                message = say("problem.generic", subject=label, detail=detail)
                out.append(located("data.unknown-reference", message, where, header_id))
    return out


# --- data.nip ----------------------------------------------------------------------------------


def _nips(ctx: Context) -> list[Problem]:
    out = []
    for rec in ctx.records["employees"]:
        nip = rec.data.get("nip")
        if not is_nip_shape(nip):
            continue  # absent, or not 18 digits: the schema reports it
        for reason in nip_reasons(nip):
            out.append(problem("data.nip", rec, "nip", say("problem.nip", nip=nip, reason=reason)))
    return out


# --- data.structural-position ------------------------------------------------------------------


def _structural_positions(ctx: Context) -> list[Problem]:
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
                problem(
                    "data.structural-position",
                    rec,
                    "position",
                    say(
                        "problem.structural-position",
                        position=pos_id,
                        grade=grade,
                        holder=first.id,
                        location=first.location,
                    ),
                )
            )
    return out
