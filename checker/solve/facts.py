"""Turn validated records into one ASP text block (the vocabulary is in docs/rule-packs.md).

Facts are built as strings and joined once: formatting through clingo Symbols in a loop, or the
backend API, measured slower for this size of program.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from checker.model import Record, Regency

OPEN_END = 99991231
_WORD = re.compile(r"^[a-z][a-z0-9_]*$")


def q(value: Any) -> str:
    """A quoted ASP string (record ids and free text)."""
    text = str(value)
    if '"' in text or "\\" in text or "\n" in text:  # clingo's string escapes: \\ \" \n
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def c(value: Any) -> str:
    """An ASP constant for an enum value; anything that is not a plain word is quoted instead."""
    text = str(value)
    return text if _WORD.match(text) else q(text)


class FactError(Exception):
    """A value that validation should have refused reached the facts: a bug, never a default."""


def d(value: Any, default: int = OPEN_END) -> int:
    """A date as the integer YYYYMMDD; absent means open-ended. Anything else that is not a date
    written YYYY-MM-DD raises: turned into a default it would silently change which rules apply."""
    if value is None or value == "":
        return default
    text = value if isinstance(value, str) else ""
    digits = text[:4] + text[5:7] + text[8:]
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and digits.isascii() and digits.isdigit():
        return int(digits)
    raise FactError(f"not a date written YYYY-MM-DD: {value!r}")


def opt(value: Any, term: Callable[[Any], str] = q) -> str:
    """An optional value in a row (rules/common/rows.lp): its term, or 0 when it is absent."""
    return term(value) if value else "0"


def party(value: Any) -> str | None:
    """A letter party: an employee id, or {instansi, role} for an official outside the data."""
    if isinstance(value, str):
        return q(value)
    if isinstance(value, dict) and value.get("instansi"):
        return f"ext({q(value['instansi'])},{c(value.get('role') or 'pejabat_berwenang')})"
    return None


def build_facts(regency: Regency, as_of: str, in_force: str, enacted: Iterable[str]) -> str:
    """All facts of a regency: its header and run facts, then its records."""
    return header_facts(regency.regency, as_of, in_force, enacted) + record_facts(regency.records)


def header_facts(header: dict[str, Any] | None, as_of: str, in_force: str, enacted: Iterable[str]) -> str:
    """The regency header, the date checked and the rules enacted and in force on it."""
    out: list[str] = []
    add = out.append
    head = header or {}
    add(f"regency({q(head.get('id', ''))}).")
    if head.get("instansi"):
        add(f"instansi({q(head['instansi'])}).")
    if head.get("pejabat_berwenang"):
        add(f"pejabat_berwenang({q(head['pejabat_berwenang'])}).")
    for app in head.get("spbe_shared_applications") or []:
        add(f"shared_app({q(app)}).")
    add(f"as_of({d(as_of)}).")
    add(f"in_force({d(in_force)}).")
    for rule_id in sorted(enacted):
        add(f"enacted({q(rule_id)}).")
    out.append("")
    return "\n".join(out)


Add = Callable[[str], None]


def _opd(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(f"opd({i},{c(x.get('kind'))}).")
    if x.get("type"):
        add(f"opd_type({i},{c(x['type'])}).")
    if x.get("parent"):
        add(f"opd_parent({i},{q(x['parent'])}).")
    bp = x.get("business_process")
    if isinstance(bp, dict):
        add(f"opd_bp({i}).")
        if bp.get("decree"):
            add(f"opd_bp_decree({i}).")
        if bp.get("decree_by"):
            add(f"opd_bp_decree_by({i},{c(bp['decree_by'])}).")
        for m in bp.get("maps_reviewed") or []:
            add(f"opd_bp_map({i},{c(m)}).")


def _unit(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(f"unit({i},{q(x.get('opd'))}).")
    if x.get("kind"):
        add(f"unit_kind({i},{c(x['kind'])}).")
    if x.get("parent"):
        add(f"unit_parent({i},{q(x['parent'])}).")
    if x.get("head"):
        add(f"unit_head({i},{q(x['head'])}).")
    if x.get("independent") is True:
        add(f"unit_independent({i}).")
    apps = x.get("applications")
    if isinstance(apps, list):
        add(f"unit_apps_known({i}).")
        for app in apps:
            add(f"unit_app({i},{q(app)}).")


def _position(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(f"position({i},{c(x.get('grade'))},{q(x.get('unit'))}).")
    if x.get("role"):
        add(f"position_role({i},{c(x['role'])}).")
    if x.get("tugas_tambahan"):
        add(f"position_tugas_tambahan({i},{c(x['tugas_tambahan'])}).")
    pen = x.get("penyetaraan")
    if isinstance(pen, dict):
        add(f"position_penyetaraan({i},{c(pen.get('sebutan') or 'lainnya')},{d(pen.get('date'), 0)}).")


# the common records go out as one wide row each (rules/common/rows.lp projects them)
def _employee(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(f"employee_row({i},{opt(x.get('position'))},{opt(x.get('unit'))}).")
    if x.get("instansi"):
        add(f"employee_instansi({i},{q(x['instansi'])}).")


def _placement(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(
        f"placement_row({i},{q(x.get('employee'))},{q(x.get('unit'))},{q(x.get('assessor'))},"
        f"{1 if x.get('decree') else 0},{opt(x.get('set_by'), c)},"
        f"{d(x.get('start'), 0)},{d(x.get('end'))})."
    )


def _delegation(r: Record, add: Add) -> None:
    x = r.data
    add(
        f"delegation({q(r.id)},{q(x.get('delegator'))},{q(x.get('delegate'))},"
        f"{d(x.get('start'), 0)},{d(x.get('end'))})."
    )


def _designation(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(
        f"designation({i},{q(x.get('employee'))},{c(x.get('kind'))},"
        f"{d(x.get('start'), 0)},{d(x.get('end'))})."
    )
    if x.get("unit"):
        add(f"designation_unit({i},{q(x['unit'])}).")


def _target(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(f"target({i},{q(x.get('unit'))},{d(x.get('start'), 0)},{d(x.get('end'))}).")
    if x.get("status"):
        add(f"target_status({i},{c(x['status'])}).")
    if x.get("accepted_by"):
        add(f"target_accepted_by({i},{q(x['accepted_by'])}).")
    for n, emp in enumerate(x.get("reviewed_by") or [], start=1):
        add(f"target_review({i},{n},{q(emp)}).")


def _team(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(f"team({i},{q(x.get('unit'))},{d(x.get('start'), 0)},{d(x.get('end'))}).")
    if x.get("target"):
        add(f"team_target({i},{q(x['target'])}).")
    for m in x.get("members") or []:
        if not isinstance(m, dict) or not m.get("employee"):
            continue
        emp = q(m["employee"])
        add(f"team_member({i},{emp},{c(m.get('role') or 'anggota')}).")
        if m.get("appointed_by"):
            add(f"team_lead_appointed_by({i},{emp},{q(m['appointed_by'])}).")


def _assignment(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(
        f"assignment_row({i},{q(x.get('employee'))},{c(x.get('method'))},{c(x.get('scope'))},"
        f"{d(x.get('start'), 0)},{d(x.get('end'))},{opt(x.get('target'))},{opt(x.get('team'))},"
        f"{c(x.get('purpose') or 'kinerja_unit')},{opt(x.get('appointed_by'))},"
        f"{opt(x.get('status'), c)})."
    )


def _letter(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(
        f"letter_row({i},{c(x.get('kind'))},{d(x.get('date'), 0)},{opt(x.get('assignment'))},"
        f"{opt(x.get('in_reply_to'))},{opt(x.get('signed_by'))},{opt(x.get('drafted_by'))},"
        f"{party(x.get('from')) or 0},{party(x.get('to')) or 0})."
    )
    for cc in x.get("cc") or []:
        p = party(cc)
        if p:
            add(f"letter_cc({i},{p}).")
    for key in ("medium", "decision"):
        if x.get(key):
            add(f"letter_{key}({i},{c(x[key])}).")
    for key in ("reason", "purpose", "competencies", "expected_target"):
        if x.get(key):
            add(f"letter_{key}({i}).")
    dur = x.get("duration")
    if isinstance(dur, dict) and (dur.get("start") or dur.get("end")):
        add(f"letter_duration({i},{d(dur.get('start'), 0)},{d(dur.get('end'))}).")


def _report(r: Record, add: Add) -> None:
    x, i = r.data, q(r.id)
    add(
        f"report_row({i},{q(x.get('from'))},{q(x.get('to'))},{d(x.get('date'), 0)},"
        f"{opt(x.get('target'))},{opt(x.get('team'))},{opt(x.get('assignment'))})."
    )


# one function per collection, in the order the facts are written
RECORD_FACTS: dict[str, Callable[[Record, Add], None]] = {
    "opds": _opd,
    "units": _unit,
    "positions": _position,
    "employees": _employee,
    "placements": _placement,
    "delegations": _delegation,
    "designations": _designation,
    "targets": _target,
    "teams": _team,
    "assignments": _assignment,
    "letters": _letter,
    "reports": _report,
}


def record_facts(recs: Mapping[str, list[Record]]) -> str:
    """The facts of some records by collection: a whole regency's, or one file's (the order of
    facts means nothing to clingo, so a regency's files can be fed to it one by one)."""
    out: list[str] = []
    add = out.append
    for kind, facts_of in RECORD_FACTS.items():
        for r in recs.get(kind, ()):
            facts_of(r, add)
    out.append("")
    return "\n".join(out)
