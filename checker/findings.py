"""Turn solver atoms into cited, located, ordered findings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from checker.i18n import LANGS, MESSAGES, tr
from checker.model import OWNER_FIELDS, Evidence, Finding, Location, Record, Regency, Remedy, Text
from checker.packs import Pack, Rule
from checker.solve.atoms import Atom

UNCHECKABLE_PREFIX = {"id": "Tidak dapat diperiksa: ", "en": "Cannot be checked: "}


class _Fill(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _readable(value: str) -> str:
    """ASP carries dates as YYYYMMDD integers; a message shows them as dates."""
    if len(value) == 8 and value.isdigit() and value[:2] in ("19", "20"):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value


def format_message(template: str, record: str, evidence: Iterable[tuple[str, str]]) -> str:
    values: dict[str, list[str]] = {}
    for name, value in evidence:
        values.setdefault(name, [])
        if value not in values[name]:
            values[name].append(value)
    fill = _Fill({k: ", ".join(_readable(x) for x in v) for k, v in values.items()})
    fill.setdefault("record", record)
    try:
        return template.format_map(fill)
    except (ValueError, IndexError):  # a stray brace in a template: show it as written
        return template


def _uncheckable_text(rule: Rule, atom: Atom, lang: str) -> str:
    """The rule's own `uncheckable_message` if it has one, else its title and what the data lacks."""
    custom = rule.raw.get("uncheckable_message") or {}
    if custom.get(lang):
        return format_message(custom[lang], atom.record, atom.evidence)
    missing = ", ".join(v for k, v in atom.evidence if k == "missing")
    lacks = {"id": "data tidak memuat", "en": "the data lacks"}[lang]
    title = rule.title.get(lang) or rule.id
    return f"{title} ({lacks} {missing})" if missing else title


class RecordOpds:
    """The OPD each record belongs to, for grouping reports: found on demand, as
    model.place_records would place it, since a check reports on a few records of millions."""

    _KEYS = dict(OWNER_FIELDS)

    def __init__(self, index: dict[str, Record]) -> None:
        self.index = index
        self.known: dict[str, str | None] = {}

    def get(self, record_id: str) -> str | None:
        if record_id in self.known:
            return self.known[record_id]
        rec = self.index.get(record_id)
        opd: str | None = None
        if rec is not None and rec.kind == "opds":
            opd = rec.id
        elif rec is not None and rec.kind == "units":
            opd = str(rec.data["opd"]) if rec.data.get("opd") else None
        elif rec is not None:
            for key in self._KEYS.get(rec.kind, ()):
                ref = rec.data.get(key)
                if isinstance(ref, str) and (opd := self.get(ref)) is not None:
                    break
        self.known[record_id] = opd
        return opd


def build_findings(
    atoms: Iterable[Atom],
    pack: Pack,
    regency: Regency,
    as_of: str,
    index: dict[str, Record] | None = None,
) -> tuple[list[Finding], list[str]]:
    """Findings in report order, and problems with the pack (atoms for rules without metadata).
    `index` is the regency's records by id, if the caller has it already."""
    index = regency.by_id() if index is None else index
    opds = RecordOpds(index)
    fallback = regency.regency_location or Location(regency.files[0] if regency.files else "-", 1, 1)
    excepted: dict[tuple[str, str], Atom] = {}
    remedy_atoms: dict[tuple[str, str], list[Atom]] = {}
    rest: list[Atom] = []
    for atom in atoms:
        if atom.kind == "exception":
            excepted.setdefault((atom.rule_id, atom.record), atom)
        elif atom.kind == "remedy":
            remedy_atoms.setdefault((atom.rule_id, atom.record), []).append(atom)
        else:
            rest.append(atom)

    orphans: list[str] = [
        f"remedy({a.rule_id}, {a.record}, {a.remedy}, ...): `{a.remedy}` is no remedy kind of the "
        f"catalogue (checker/i18n.py, remedy.<kind>)"
        for group in remedy_atoms.values()
        for a in group
        if f"remedy.{a.remedy}" not in MESSAGES
    ]
    sound = not orphans  # remedies of an unknown kind: the pack is broken, the run stops (exit 2)
    findings: list[Finding] = []
    for atom in rest:
        rule = pack.rules.get(atom.rule_id)
        if rule is None:
            orphans.append(f"{atom.kind}({atom.rule_id}, {atom.record}) has no rule metadata in {pack.id}")
            continue
        if not rule.in_force_on(as_of):
            continue  # the rule was not yet law on the date checked
        exc_atom = excepted.get((atom.rule_id, atom.record)) if atom.kind == "violation" else None
        finding = _finding(atom, rule, pack, index, opds, fallback, exc_atom)
        group = remedy_atoms.get((atom.rule_id, atom.record))
        if group and sound and finding.status == "open":  # an excepted finding needs no remedy
            finding = replace(finding, remedies=remedies(group, index))
        findings.append(finding)
    findings.sort(key=Finding.sort_key)
    return findings, orphans


def _finding(
    atom: Atom,
    rule: Rule,
    pack: Pack,
    index: dict[str, Record],
    opds: RecordOpds,
    fallback: Location,
    exc_atom: Atom | None,
) -> Finding:
    rec = index.get(atom.record)
    evidence = tuple(
        Evidence(name, value, index[value].location if value in index else None)
        for name, value in atom.evidence
    )
    msg = {
        lang: format_message(rule.message.get(lang, ""), atom.record, atom.evidence) for lang in ("id", "en")
    }
    severity, status = rule.severity, "open"
    exception_id = exception_citation = None
    if atom.kind == "uncheckable":
        severity, status = "info", "uncheckable"
        msg = {lang: UNCHECKABLE_PREFIX[lang] + _uncheckable_text(rule, atom, lang) for lang in msg}
    elif exc_atom is not None:
        status = "excepted"
        exception_id = exc_atom.exception_id
        meta = next((e for e in rule.exceptions if e.id == exception_id), None)
        exception_citation = meta.citation if meta else None
        if meta is not None:  # say why it is lawful after all, in the exception's own words
            for lang in msg:
                why = format_message(meta.message.get(lang, ""), atom.record, exc_atom.evidence)
                if why:
                    msg[lang] = f"{msg[lang]} — {why}"
        evidence += tuple(
            Evidence(name, value, index[value].location if value in index else None)
            for name, value in exc_atom.evidence
        )
    return Finding(
        rule_id=rule.id,
        severity=severity,
        regulation=pack.id,
        citation=rule.citation,
        record=atom.record,
        record_kind=rec.kind if rec else rule.record_kind,
        location=rec.location if rec else fallback,
        opd=opds.get(atom.record),
        message=Text(msg["id"], msg["en"]),
        evidence=evidence,
        status=status,
        exception=exception_id,
        exception_citation=exception_citation,
        title=Text(rule.title.get("id", ""), rule.title.get("en", "")),
    )


# --- remedies (remedy/4) ----------------------------------------------------------------------------
_CONSTANT = re.compile(r"[a-z][a-z0-9_]*")


def remedies(atoms: Iterable[Atom], index: dict[str, Record]) -> tuple[Remedy, ...]:
    """One remedy per kind, its arguments in the order the atoms give them (a kind's atoms are
    merged: one atom per candidate), its text with every record named."""
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for atom in atoms:
        args = by_kind.setdefault(atom.remedy or "", [])
        args.extend(arg for arg in atom.evidence if arg not in args)
    out = []
    for kind in sorted(by_kind):
        args = by_kind[kind]
        text = Text(*(_remedy_text(kind, args, index, lang) for lang in LANGS))
        ev = tuple(Evidence(n, v, index[v].location if v in index else None) for n, v in args)
        out.append(Remedy(kind, ev, text))
    return tuple(out)


def _remedy_text(kind: str, args: list[tuple[str, str]], index: dict[str, Record], lang: str) -> str:
    values: dict[str, list[str]] = {}
    for name, value in args:
        values.setdefault(name, []).append(_named(value, index, lang))
    fill = _Fill({k: _alternatives(v, lang) for k, v in values.items()})
    template = MESSAGES[f"remedy.{kind}"][lang]
    try:
        return str(template.format_map(fill))
    except (ValueError, IndexError):  # a stray brace: show it as written
        return str(template)


def _alternatives(values: list[str], lang: str) -> str:
    """The values of one name are alternatives (any candidate will do): "A, B or C"."""
    if len(values) < 2:
        return "".join(values)
    return f"{', '.join(values[:-1])} {tr('remedies.or', lang)} {values[-1]}"


def _named(value: str, index: dict[str, Record], lang: str) -> str:
    """A record as its name (an employee with the name of their position) and id; `unknown` as
    the data having no one; a constant (a letter's kind) in words; anything else as it is."""
    rec = index.get(value)
    if rec is not None:
        name = rec.data.get("name") or rec.data.get("title") or rec.data.get("number")
        position = index.get(rec.data.get("position")) if isinstance(rec.data.get("position"), str) else None
        role = position.data.get("name") if position is not None else None
        if isinstance(name, str) and name:
            return f"{name}, {role} ({value})" if isinstance(role, str) and role else f"{name} ({value})"
        return value
    if value == "unknown":
        return tr("remedies.unknown", lang)
    if _CONSTANT.fullmatch(value):
        return value.replace("_", " ")
    return _readable(value)
