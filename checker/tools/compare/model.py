"""Regulations side by side, and one organisation checked under two regulations.

Everything here is computed from the packs (their metadata, parameters and, for which parameters a
rule uses, their ASP) and from the findings the engine produces: nothing about any regulation is
written in Python. Output is deterministic: the same packs and data give byte-identical text.
"""

from __future__ import annotations

import functools
import html
import json
import string
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.model import Finding, Location, Regency
from checker.packs import Pack, asp_term, rule_parameters
from checker.report import localized

SCHEMA_VERSION = "1.0"
FORMATS = ("text", "markdown", "json", "html")
ENACTED = ("own", "inherited", "overridden")
# the fields whose difference is worth a flag (the article text always differs between regulations)
COMPARED = ("enacted", "severity", "citation", "exceptions", "parameters")

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "regs": "Regulations compared",
        "regulation": "regulation",
        "notes": "notes",
        "rules": "Rules",
        "rule": "rule",
        "differs": "differs",
        "details": "Rule by rule",
        "params": "Parameters",
        "param": "parameter",
        "key": "key",
        "all": "in all",
        "both": "in both",
        "only": "only in",
        "own": "own",
        "inherited": "inherited from",
        "overridden": "overridden",
        "from": "from",
        "not_enacted": "not enacted",
        "absent": "not in this regulation",
        "declared": "declared by",
        "in_force": "in force",
        "extends": "extends",
        "implements": "implements",
        "exceptions": "exceptions",
        "enacted": "enacted",
        "severity": "severity",
        "citation": "citation",
        "parameters": "parameters",
        "none": "none",
        "undefined": "not defined",
        "rows": "row(s)",
        "summary_rules": "{n} rule id(s): {all} enacted in all, {some} in some only",
        "summary_diff": "differences: {what}",
        "summary_params": "{n} parameter(s), {d} differ",
        "data_title": "{name} checked under {n} regulations, as of {as_of}",
        "findings": "finding(s)",
        "only_a": "only under {x}",
        "under_both": "under both",
        "changed": "changed",
        "per_rule": "Per rule",
        "per_opd": "Per OPD",
        "opd": "OPD",
        "record": "record",
        "total": "total",
        "not_in_force": "not yet in force",
        "status": "status",
        "section_only": "Only under {x} ({id})",
        "section_both": "Under both",
        "nothing": "(none)",
        "quiet": "{n} more rule(s) enacted by both find nothing in this data.",
        "summary_data": "{a} only under A, {b} only under B, {both} under both ({changed} changed)",
    },
    "id": {
        "regs": "Peraturan yang dibandingkan",
        "regulation": "peraturan",
        "notes": "keterangan",
        "rules": "Aturan",
        "rule": "aturan",
        "differs": "berbeda",
        "details": "Per aturan",
        "params": "Parameter",
        "param": "parameter",
        "key": "kunci",
        "all": "di semua",
        "both": "di keduanya",
        "only": "hanya di",
        "own": "milik sendiri",
        "inherited": "diwarisi dari",
        "overridden": "diubah",
        "from": "dari",
        "not_enacted": "tidak diberlakukan",
        "absent": "tidak ada di peraturan ini",
        "declared": "dinyatakan oleh",
        "in_force": "berlaku",
        "extends": "memperluas",
        "implements": "melaksanakan",
        "exceptions": "pengecualian",
        "enacted": "diberlakukan",
        "severity": "tingkat",
        "citation": "rujukan",
        "parameters": "parameter",
        "none": "tidak ada",
        "undefined": "tidak didefinisikan",
        "rows": "baris",
        "summary_rules": "{n} id aturan: {all} diberlakukan di semua, {some} hanya di sebagian",
        "summary_diff": "perbedaan: {what}",
        "summary_params": "{n} parameter, {d} berbeda",
        "data_title": "{name} diperiksa dengan {n} peraturan, per {as_of}",
        "findings": "temuan",
        "only_a": "hanya dengan {x}",
        "under_both": "dengan keduanya",
        "changed": "berubah",
        "per_rule": "Per aturan",
        "per_opd": "Per perangkat daerah",
        "opd": "PD",
        "record": "rekaman",
        "total": "jumlah",
        "not_in_force": "belum berlaku",
        "status": "status",
        "section_only": "Hanya dengan {x} ({id})",
        "section_both": "Dengan keduanya",
        "nothing": "(tidak ada)",
        "quiet": "{n} aturan lain yang diberlakukan keduanya tidak menemukan apa pun pada data ini.",
        "summary_data": "{a} hanya dengan A, {b} hanya dengan B, {both} dengan keduanya ({changed} berubah)",
    },
}


_t = functools.partial(localized, _LABELS)


# --------------------------------------------------------------------------------------------------
# The model of a comparison
# --------------------------------------------------------------------------------------------------


@dataclass
class PackInfo:
    id: str
    letter: str  # A, B, C ... in the order given
    title: str
    short_title: str
    in_force: str
    jurisdiction: str = ""
    extends: str | None = None
    implements: str = ""
    lineage: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, pack: Pack, index: int) -> PackInfo:
        reg = pack.regulation
        return cls(
            id=pack.id,
            letter=_letter(index),
            title=str(reg.get("title") or pack.id),
            short_title=pack.title,
            in_force=pack.in_force,
            jurisdiction=str(reg.get("jurisdiction") or ""),
            extends=pack.extends,
            implements=str(reg.get("implements") or ""),
            lineage=list(pack.lineage),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "letter": self.letter,
            "title": self.title,
            "short_title": self.short_title,
            "in_force": self.in_force,
            "jurisdiction": self.jurisdiction,
            "extends": self.extends,
            "implements": self.implements,
            "lineage": self.lineage,
        }


def _letter(index: int) -> str:
    letters = string.ascii_uppercase
    return letters[index] if index < len(letters) else f"R{index + 1}"


@dataclass
class RuleSide:
    """One rule id as one regulation has it."""

    pack: str
    status: str  # own | inherited | overridden | not_enacted | absent
    title: dict[str, str] = field(default_factory=dict)
    severity: str = ""
    citation: str = ""
    excerpt: str = ""
    reading: str = ""
    in_force: str = ""
    exceptions: list[tuple[str, str]] = field(default_factory=list)  # (id, citation)
    parameters: list[str] = field(default_factory=list)
    inherited_from: str | None = None
    overridden: list[str] = field(default_factory=list)
    reason: str = ""  # why not enacted
    declared_by: str = ""  # the pack whose metadata says "not enacted"
    source: str = ""

    @property
    def enacted(self) -> bool:
        return self.status in ENACTED

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "enacted": self.enacted}
        if self.enacted:
            out.update(
                title=self.title,
                severity=self.severity,
                citation=self.citation,
                excerpt=self.excerpt,
                reading=self.reading,
                in_force=self.in_force,
                exceptions=[{"id": i, "citation": c} for i, c in self.exceptions],
                parameters=self.parameters,
                inherited_from=self.inherited_from,
                overridden=self.overridden,
                source=self.source,
            )
        elif self.status == "not_enacted":
            out.update(reason=self.reason, declared_by=self.declared_by)
        return out


@dataclass
class ParamRow:
    values: tuple[str, ...]  # as written, for display
    packs: tuple[str, ...]  # the packs whose parameter holds this row

    @property
    def key(self) -> str:
        """The first column when there are several (the OPD kind of an assessor table)."""
        return _first(self.values)

    @property
    def rest(self) -> str:
        return ", ".join(self.values[1:] if len(self.values) > 1 else self.values)


@dataclass
class ParamDiff:
    """One parameter name across the regulations, its rows compared as sets."""

    name: str
    packs: list[str]
    status: dict[str, str]  # own | inherited | overridden | absent
    citation: dict[str, str]
    description: dict[str, str]
    rows: list[ParamRow]

    def defined(self, pack: str) -> bool:
        return self.status.get(pack, "absent") != "absent"

    @property
    def common(self) -> list[ParamRow]:
        return [r for r in self.rows if len(r.packs) == len(self.packs)]

    def only(self, pack: str) -> list[ParamRow]:
        """Rows this regulation has that not every regulation has (for two: only in this one)."""
        return [r for r in self.rows if pack in r.packs and len(r.packs) < len(self.packs)]

    @property
    def differs(self) -> bool:
        return (
            any(len(r.packs) < len(self.packs) for r in self.rows)
            or len({self.defined(p) for p in self.packs}) > 1
        )

    def groups(self) -> list[str]:
        return list(dict.fromkeys(r.key for r in self.rows))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "differs": self.differs,
            "regulations": {
                p: {
                    "status": self.status[p],
                    "citation": self.citation.get(p, ""),
                    "description": self.description.get(p, ""),
                    "rows": [list(r.values) for r in self.rows if p in r.packs],
                }
                for p in self.packs
            },
            "common": [list(r.values) for r in self.common],
            "only": {p: [list(r.values) for r in self.only(p)] for p in self.packs},
        }


@dataclass
class RuleComparison:
    id: str
    title: dict[str, str]
    sides: list[RuleSide]
    differences: list[str]
    parameters: list[ParamDiff]

    def side(self, pack: str) -> RuleSide:
        return next(s for s in self.sides if s.pack == pack)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "differences": self.differences,
            "regulations": {s.pack: s.to_dict() for s in self.sides},
            "parameters": [p.name for p in self.parameters],
        }


@dataclass
class PackComparison:
    packs: list[PackInfo]
    rules: list[RuleComparison]
    parameters: list[ParamDiff]

    def rule(self, rule_id: str) -> RuleComparison:
        return next(r for r in self.rules if r.id == rule_id)

    def parameter(self, name: str) -> ParamDiff:
        return next(p for p in self.parameters if p.name == name)

    def summary(self) -> dict[str, Any]:
        ids = [p.id for p in self.packs]
        return {
            "rules": len(self.rules),
            "enacted_in_all": sum(all(s.enacted for s in r.sides) for r in self.rules),
            "enacted_only_in": {
                p: sum(r.side(p).enacted and not all(s.enacted for s in r.sides) for r in self.rules)
                for p in ids
            },
            "differ": {k: sum(k in r.differences for r in self.rules) for k in COMPARED},
            "parameters": len(self.parameters),
            "parameters_differ": sum(p.differs for p in self.parameters),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "compare-regulations",
            "regulations": [p.to_dict() for p in self.packs],
            "summary": self.summary(),
            "rules": [r.to_dict() for r in self.rules],
            "parameters": [p.to_dict() for p in self.parameters],
        }


# --------------------------------------------------------------------------------------------------
# Computing a comparison of regulations
# --------------------------------------------------------------------------------------------------


def compare_packs(packs: Sequence[Pack]) -> PackComparison:
    """Every rule id any of the packs enacts or declares not enacted, side by side; every parameter."""
    infos = [PackInfo.of(p, i) for i, p in enumerate(packs)]
    uses = {p.id: rule_parameters(p) for p in packs}

    names = sorted({name for p in packs for name in p.parameters})
    params = {name: _param_diff(name, packs) for name in names}

    rule_ids = sorted({rid for p in packs for rid in (*p.rules, *p.not_enacted)})
    rules: list[RuleComparison] = []
    for rid in rule_ids:
        sides = [_side(p, rid, uses[p.id].get(rid, [])) for p in packs]
        used = sorted({n for s in sides for n in s.parameters})
        pdiffs = [params[n] if n in params else _param_diff(n, packs) for n in used]
        rules.append(
            RuleComparison(
                id=rid,
                title=next((s.title for s in sides if s.enacted), {}),
                sides=sides,
                differences=_differences(sides, pdiffs),
                parameters=pdiffs,
            )
        )
    return PackComparison(infos, rules, [params[n] for n in names])


def _side(pack: Pack, rule_id: str, parameters: list[str]) -> RuleSide:
    status = pack.rule_status(rule_id)
    if status == "not_enacted":
        return RuleSide(
            pack.id,
            status,
            reason=pack.not_enacted.get(rule_id, ""),
            declared_by=pack.not_enacted_by.get(rule_id, pack.id),
        )
    if status == "absent":
        return RuleSide(pack.id, status)
    rule = pack.rules[rule_id]
    return RuleSide(
        pack=pack.id,
        status=status,
        title=dict(rule.title),
        severity=rule.severity,
        citation=rule.citation,
        excerpt=rule.excerpt,
        reading=rule.reading,
        in_force=rule.in_force,
        exceptions=[(e.id, e.citation) for e in rule.exceptions],
        parameters=list(parameters),
        inherited_from=rule.inherited_from,
        overridden=list(rule.overridden),
        source=rule.source,
    )


def _differences(sides: list[RuleSide], params: list[ParamDiff]) -> list[str]:
    out: list[str] = []
    if len({s.enacted for s in sides}) > 1:
        out.append("enacted")
    enacted = [s for s in sides if s.enacted]
    for key in ("severity", "citation"):
        if len({getattr(s, key) for s in enacted}) > 1:
            out.append(key)
    # exceptions by id: their citations are the regulation's own, like the rule's
    if len({tuple(sorted(i for i, _ in s.exceptions)) for s in enacted}) > 1:
        out.append("exceptions")
    if len({tuple(s.parameters) for s in enacted}) > 1 or any(p.differs for p in params):
        out.append("parameters")
    return out


def _param_diff(name: str, packs: Sequence[Pack]) -> ParamDiff:
    rows: dict[tuple[str, ...], tuple[tuple[str, ...], list[str]]] = {}
    status: dict[str, str] = {}
    citation: dict[str, str] = {}
    description: dict[str, str] = {}
    for pack in packs:
        param = pack.parameters.get(name)
        if param is None:
            status[pack.id] = "absent"
            continue
        status[pack.id] = param.status
        citation[pack.id] = param.citation
        description[pack.id] = param.description
        for row in param.facts:
            key = tuple(asp_term(v) for v in row)
            shown = tuple(_shown(v) for v in row)
            entry = rows.setdefault(key, (shown, []))
            if pack.id not in entry[1]:
                entry[1].append(pack.id)
    # rows grouped by their first column (in order of first appearance), then as written
    entries = list(rows.values())
    firsts = list(dict.fromkeys(_first(shown) for shown, _ in entries))
    order = sorted(range(len(entries)), key=lambda i: (firsts.index(_first(entries[i][0])), i))
    return ParamDiff(
        name=name,
        packs=[p.id for p in packs],
        status=status,
        citation=citation,
        description=description,
        rows=[ParamRow(entries[i][0], tuple(entries[i][1])) for i in order],
    )


def _first(values: tuple[str, ...]) -> str:
    return values[0] if len(values) > 1 else ""


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


# --------------------------------------------------------------------------------------------------
# One organisation under two regulations
# --------------------------------------------------------------------------------------------------


@dataclass
class Match:
    """The findings one (rule id, record) gets under each regulation."""

    rule_id: str
    record: str
    record_kind: str
    opd: str | None
    location: Location
    a: list[Finding]
    b: list[Finding]

    @property
    def side(self) -> str:
        return "both" if self.a and self.b else ("a" if self.a else "b")

    @property
    def changed(self) -> list[str]:
        """For a finding under both: what differs (severity, status); the citation always does."""
        if self.side != "both":
            return []
        out = []
        for key in ("severity", "status"):
            if {getattr(f, key) for f in self.a} != {getattr(f, key) for f in self.b}:
                out.append(key)
        return out

    def to_dict(self) -> dict[str, Any]:
        from checker.report.json_report import finding_dict

        return {
            "rule_id": self.rule_id,
            "record": {"id": self.record, "kind": self.record_kind, "opd": self.opd},
            "location": _loc_dict(self.location),
            "side": self.side,
            "changed": self.changed,
            "a": [finding_dict(f) for f in self.a],
            "b": [finding_dict(f) for f in self.b],
        }


@dataclass
class Tally:
    name: str
    only_a: int = 0
    only_b: int = 0
    both: int = 0
    status_a: str = ""  # per rule: how each regulation has the rule
    status_b: str = ""

    def add(self, side: str) -> None:
        if side == "a":
            self.only_a += 1
        elif side == "b":
            self.only_b += 1
        else:
            self.both += 1


@dataclass
class DataComparison:
    regency_id: str
    regency_name: str
    inputs: list[str]
    a: PackInfo
    b: PackInfo
    as_of: str
    totals: dict[str, int]  # pack id -> number of findings under it
    matches: list[Match]
    per_rule: list[Tally]
    per_opd: list[Tally]
    messages: list[str] = field(default_factory=list)

    def of_side(self, side: str) -> list[Match]:
        return [m for m in self.matches if m.side == side]

    def summary(self) -> dict[str, int]:
        return {
            "only_a": len(self.of_side("a")),
            "only_b": len(self.of_side("b")),
            "both": len(self.of_side("both")),
            "changed": sum(bool(m.changed) for m in self.matches),
        }

    def to_dict(self) -> dict[str, Any]:
        def tally(t: Tally, with_status: bool) -> dict[str, Any]:
            out: dict[str, Any] = {"only_a": t.only_a, "only_b": t.only_b, "both": t.both}
            if with_status:
                out["status"] = {self.a.id: t.status_a, self.b.id: t.status_b}
            return {"name": t.name, **out}

        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "compare-data",
            "regency": {"id": self.regency_id, "name": self.regency_name},
            "inputs": self.inputs,
            "as_of": self.as_of,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "findings": self.totals,
            "summary": self.summary(),
            "per_rule": [tally(t, True) for t in self.per_rule],
            "per_opd": [tally(t, False) for t in self.per_opd],
            "matches": [m.to_dict() for m in self.matches],
        }


def compare_data(
    regency: Regency,
    pack_a: str,
    pack_b: str,
    inputs: Sequence[str] = (),
    as_of: str | None = None,
    rules_dirs: Sequence[Path] = (),
) -> DataComparison:
    """Check the same data under two regulations (the data's own `regulation:` is ignored) and match
    the findings by (rule id, record id)."""
    from checker.pipeline import Options, run

    ra, rb = (run(regency, Options(pack, as_of, tuple(rules_dirs))).check for pack in (pack_a, pack_b))
    assert ra is not None and rb is not None  # a loaded regency is always solved
    return match_findings(regency, ra.pack, rb.pack, ra.findings, rb.findings, ra.as_of, inputs)


def match_findings(
    regency: Regency,
    pack_a: Pack,
    pack_b: Pack,
    findings_a: Sequence[Finding],
    findings_b: Sequence[Finding],
    as_of: str,
    inputs: Sequence[str] = (),
) -> DataComparison:
    keyed: dict[tuple[str, str], Match] = {}
    for which, found in (("a", findings_a), ("b", findings_b)):
        for f in found:
            m = keyed.get((f.rule_id, f.record))
            if m is None:
                m = Match(f.rule_id, f.record, f.record_kind, f.opd, f.location, [], [])
                keyed[(f.rule_id, f.record)] = m
            (m.a if which == "a" else m.b).append(f)
    matches = sorted(
        keyed.values(),
        key=lambda m: (m.location.file, m.location.line, m.location.column, m.rule_id, m.record),
    )

    rules: dict[str, Tally] = {}
    opds: dict[str, Tally] = {}
    for m in matches:
        rules.setdefault(m.rule_id, Tally(m.rule_id)).add(m.side)
        opds.setdefault(m.opd or "-", Tally(m.opd or "-")).add(m.side)
    # every rule either regulation mentions, so a rule that finds nothing is listed too
    for rid in sorted({*pack_a.rules, *pack_a.not_enacted, *pack_b.rules, *pack_b.not_enacted}):
        rules.setdefault(rid, Tally(rid))
    for t in rules.values():
        t.status_a = _rule_state(pack_a, t.name, as_of)
        t.status_b = _rule_state(pack_b, t.name, as_of)

    head = regency.regency or {}
    return DataComparison(
        regency_id=str(head.get("id", "")),
        regency_name=str(head.get("name") or head.get("id") or ""),
        inputs=list(inputs),
        a=PackInfo.of(pack_a, 0),
        b=PackInfo.of(pack_b, 1),
        as_of=as_of,
        totals={pack_a.id: len(findings_a), pack_b.id: len(findings_b)},
        matches=matches,
        per_rule=[rules[k] for k in sorted(rules)],
        per_opd=[opds[k] for k in sorted(opds)],
    )


def _rule_state(pack: Pack, rule_id: str, as_of: str) -> str:
    """enacted | not_in_force | not_enacted | absent."""
    status = pack.rule_status(rule_id)
    if status in ENACTED:
        rule = pack.rules[rule_id]
        return "enacted" if rule.in_force_on(as_of) else "not_in_force"
    return status


def _loc_dict(loc: Location) -> dict[str, Any]:
    return {"file": loc.file, "line": loc.line, "column": loc.column}


# --------------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------------


def render_packs(cmp: PackComparison, fmt: str, lang: str = "en") -> str:
    if fmt == "json":
        return json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2) + "\n"
    doc = _pack_document(cmp, lang)
    return _RENDER[fmt](doc, lang)


def render_data(cmp: DataComparison, fmt: str, lang: str = "en") -> str:
    if fmt == "json":
        return json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2) + "\n"
    doc = _data_document(cmp, lang)
    return _RENDER[fmt](doc, lang)


# A tiny document model, so the three human formats say the same thing in the same order.
@dataclass
class Heading:
    text: str
    level: int = 1
    code: str = ""  # an id shown in monospace before the text


@dataclass
class Para:
    text: str
    indent: int = 0
    emphasis: bool = False


@dataclass
class Quote:
    text: str
    indent: int = 1


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # a cell may hold several lines, separated by "\n"
    highlight: list[bool] = field(default_factory=list)  # rows to mark (they differ)
    indent: int = 0


@dataclass
class Listing:
    """Findings: a table in markdown and html; in text, one line per record and its findings below."""

    headers: list[str]  # group, location, rule, record, findings
    rows: list[list[str]]
    highlight: list[bool] = field(default_factory=list)

    def table(self) -> Table:
        return Table(self.headers, self.rows, self.highlight)


Block = Heading | Para | Quote | Table | Listing


def _status_text(side: RuleSide, lang: str) -> str:
    if side.status == "own":
        return _t(lang, "own")
    if side.status == "inherited":
        return f"{_t(lang, 'inherited')} {side.inherited_from}"
    if side.status == "overridden":
        fields = ", ".join(side.overridden)
        return f"{_t(lang, 'overridden')} ({fields}) {_t(lang, 'from')} {side.inherited_from}"
    if side.status == "not_enacted":
        by = (
            f" ({_t(lang, 'declared')} {side.declared_by})" if side.declared_by not in ("", side.pack) else ""
        )
        reason = f": {side.reason}" if side.reason and side.reason != "True" else ""
        return f"{_t(lang, 'not_enacted')}{reason}{by}"
    return _t(lang, "absent")


def _cell(side: RuleSide, lang: str) -> str:
    if not side.enacted:
        return "— " + (_t(lang, "not_enacted") if side.status == "not_enacted" else _t(lang, "absent"))
    lines = [f"{side.severity} · {side.citation}"]
    if side.status != "own":
        lines.append(_status_text(side, lang))
    return "\n".join(lines)


def _diff_words(keys: list[str], lang: str) -> str:
    return ", ".join(_t(lang, k) for k in keys)


def _pack_document(cmp: PackComparison, lang: str) -> list[Block]:
    blocks: list[Block] = [Heading(_t(lang, "regs"))]
    reg_rows = []
    for p in cmp.packs:
        notes = [f"{_t(lang, 'in_force')} {p.in_force}"]
        if p.extends:
            notes.append(f"{_t(lang, 'extends')} {p.extends}")
        if p.implements:
            notes.append(f"{_t(lang, 'implements')} {p.implements}")
        reg_rows.append([p.letter, p.id, p.short_title, "\n".join(notes)])
    blocks.append(Table(["", "id", _t(lang, "regulation"), _t(lang, "notes")], reg_rows))

    s = cmp.summary()
    some = s["rules"] - s["enacted_in_all"]
    line = _t(lang, "summary_rules", n=s["rules"], all=s["enacted_in_all"], some=some)
    diffs = [f"{_t(lang, k)} {n}" for k, n in s["differ"].items() if n and k != "enacted"]
    if diffs:
        line += "; " + _t(lang, "summary_diff", what=", ".join(diffs))
    line += "; " + _t(lang, "summary_params", n=s["parameters"], d=s["parameters_differ"])
    blocks.append(Para(line))

    blocks.append(Heading(_t(lang, "rules"), 2))
    headers = [_t(lang, "rule"), *[p.letter for p in cmp.packs], _t(lang, "differs")]
    rows = [[r.id, *[_cell(s, lang) for s in r.sides], _diff_words(r.differences, lang)] for r in cmp.rules]
    # the citation differs between any two regulations; a row is marked when something else does
    blocks.append(Table(headers, rows, [bool(set(r.differences) - {"citation"}) for r in cmp.rules]))

    blocks.append(Heading(_t(lang, "details"), 2))
    letters = {p.id: p.letter for p in cmp.packs}
    for r in cmp.rules:
        blocks.append(Heading(_title(r.title, lang), 3, code=r.id))
        if r.differences:
            blocks.append(Para(f"{_t(lang, 'differs')}: {_diff_words(r.differences, lang)}", emphasis=True))
        for side in r.sides:
            head = f"{letters[side.pack]} {side.pack}: "
            if side.enacted:
                head += f"{side.severity} · {side.citation} · {_status_text(side, lang)}"
            else:
                head += _status_text(side, lang)
            blocks.append(Para(head))
            if side.enacted and side.excerpt:
                blocks.append(Quote(side.excerpt))
            if side.enacted and side.exceptions:
                exc = "; ".join(f"{i} ({c})" for i, c in side.exceptions)
                blocks.append(Para(f"{_t(lang, 'exceptions')}: {exc}", indent=1))
        for pd in r.parameters:
            blocks.extend(_param_blocks(pd, cmp, lang, level=4))
    blocks.append(Heading(_t(lang, "params"), 2))
    if not cmp.parameters:
        blocks.append(Para(_t(lang, "nothing")))
    for pd in cmp.parameters:
        blocks.extend(_param_blocks(pd, cmp, lang, level=3))
    return blocks


def _param_blocks(pd: ParamDiff, cmp: PackComparison, lang: str, level: int) -> list[Block]:
    letters = {p.id: p.letter for p in cmp.packs}
    desc = next((pd.description[p] for p in pd.packs if pd.description.get(p)), "")
    title = f"{_t(lang, 'param')} {pd.name}" + (f" — {desc}" if desc else "")
    blocks: list[Block] = [Heading(title, level)]
    where = []
    for p in pd.packs:
        if not pd.defined(p):
            where.append(f"{letters[p]}: {_t(lang, 'undefined')}")
            continue
        status = pd.status[p]
        note = "" if status == "own" else f", {_t(lang, status)}"
        where.append(f"{letters[p]}: {pd.citation.get(p) or '-'}{note}")
    blocks.append(Para("; ".join(where), indent=1))
    both = _t(lang, "both") if len(pd.packs) == 2 else _t(lang, "all")
    headers = [_t(lang, "key"), both, *[f"{_t(lang, 'only')} {letters[p]}" for p in pd.packs]]
    rows, marks = [], []
    for key in pd.groups():
        group = [r for r in pd.rows if r.key == key]
        common = [r.rest for r in group if len(r.packs) == len(pd.packs)]
        only = [[r.rest for r in group if p in r.packs and len(r.packs) < len(pd.packs)] for p in pd.packs]
        rows.append([key or "·", "\n".join(common), *["\n".join(o) for o in only]])
        marks.append(any(only))
    if rows:
        blocks.append(Table(headers, rows, marks, indent=1))
    else:
        blocks.append(Para(_t(lang, "nothing"), indent=1))
    return blocks


def _title(title: dict[str, str], lang: str) -> str:
    return title.get(lang) or title.get("en") or title.get("id") or ""


def _side_label(state: str, lang: str) -> str:
    return {
        "enacted": _t(lang, "enacted"),
        "not_in_force": _t(lang, "not_in_force"),
        "not_enacted": _t(lang, "not_enacted"),
    }.get(state, "—")


def _data_document(cmp: DataComparison, lang: str) -> list[Block]:
    s = cmp.summary()
    blocks: list[Block] = [
        Heading(_t(lang, "data_title", name=cmp.regency_name or cmp.regency_id, n=2, as_of=cmp.as_of))
    ]
    rows = [
        [p.letter, p.id, p.short_title, f"{cmp.totals[p.id]} {_t(lang, 'findings')}"] for p in (cmp.a, cmp.b)
    ]
    blocks.append(Table(["", "id", _t(lang, "regulation"), _t(lang, "findings")], rows))
    blocks.append(
        Para(_t(lang, "summary_data", a=s["only_a"], b=s["only_b"], both=s["both"], changed=s["changed"]))
    )

    only_a, only_b = _t(lang, "only_a", x="A"), _t(lang, "only_a", x="B")
    blocks.append(Heading(_t(lang, "per_rule"), 2))
    # a rule both regulations have, that finds nothing under either, is counted, not listed
    shown = [
        t
        for t in cmp.per_rule
        if t.only_a or t.only_b or t.both or not (t.status_a == t.status_b == "enacted")
    ]
    rule_rows = [
        [
            t.name,
            _side_label(t.status_a, lang),
            _side_label(t.status_b, lang),
            str(t.only_a),
            str(t.only_b),
            str(t.both),
        ]
        for t in shown
    ]
    total = [_t(lang, "total"), "", "", *_sums(cmp.per_rule)]
    blocks.append(
        Table(
            [_t(lang, "rule"), "A", "B", only_a, only_b, _t(lang, "under_both")],
            [*rule_rows, total],
            [bool(t.only_a or t.only_b) for t in shown] + [False],
        )
    )
    quiet = len(cmp.per_rule) - len(shown)
    if quiet:
        blocks.append(Para(_t(lang, "quiet", n=quiet)))
    blocks.append(Heading(_t(lang, "per_opd"), 2))
    opd_rows = [[t.name, str(t.only_a), str(t.only_b), str(t.both)] for t in cmp.per_opd]
    blocks.append(
        Table(
            [_t(lang, "opd"), only_a, only_b, _t(lang, "under_both")],
            [*opd_rows, [_t(lang, "total"), *_sums(cmp.per_opd)]],
        )
    )

    for side, info in (("a", cmp.a), ("b", cmp.b)):
        blocks.append(Heading(_t(lang, "section_only", x=info.letter, id=info.id), 2))
        blocks.extend(_match_blocks(cmp.of_side(side), side, lang))
    blocks.append(Heading(_t(lang, "section_both"), 2))
    blocks.extend(_match_blocks(cmp.of_side("both"), "both", lang))
    return blocks


def _sums(tallies: list[Tally]) -> list[str]:
    return [
        str(sum(t.only_a for t in tallies)),
        str(sum(t.only_b for t in tallies)),
        str(sum(t.both for t in tallies)),
    ]


def _finding_line(f: Finding, lang: str) -> str:
    status = f" [{f.status}{': ' + f.exception if f.exception else ''}]" if f.status != "open" else ""
    return f"{f.severity.upper()} {f.message(lang)} ({f.citation}){status}"


def _match_blocks(matches: list[Match], side: str, lang: str) -> list[Block]:
    if not matches:
        return [Para(_t(lang, "nothing"))]
    blocks: list[Block] = []
    rows: list[list[str]] = []
    marks: list[bool] = []
    ordered = sorted(
        matches,
        key=lambda m: (
            m.opd or "-",
            m.location.file,
            m.location.line,
            m.location.column,
            m.rule_id,
            m.record,
        ),
    )
    for m in ordered:
        where = f"{m.location.file}:{m.location.line}"
        if side == "both":
            lines = [f"A: {_finding_line(f, lang)}" for f in m.a] + [
                f"B: {_finding_line(f, lang)}" for f in m.b
            ]
            if m.changed:
                lines.append(f"{_t(lang, 'changed')}: {_diff_words(m.changed, lang)}")
        else:
            lines = [_finding_line(f, lang) for f in (m.a if side == "a" else m.b)]
        rows.append([m.opd or "-", where, m.rule_id, m.record, "\n".join(lines)])
        marks.append(bool(m.changed))
    headers = [_t(lang, "opd"), "file:line", _t(lang, "rule"), _t(lang, "record"), _t(lang, "findings")]
    blocks.append(Listing(headers, rows, marks))
    return blocks


# --- text ------------------------------------------------------------------------------------------

TEXT_WIDTH = 110


def _text(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            label = f"{b.code} — {b.text}" if b.code and b.text else (b.code or b.text)
            if out and out[-1] != "":
                out.append("")
            if b.level == 1:
                out += [label, "=" * min(len(label), TEXT_WIDTH)]
            elif b.level == 2:
                out += [label, "-" * min(len(label), TEXT_WIDTH)]
            else:
                pad = "  " * (b.level - 3)
                lead = pad + ("== " if b.level == 3 else "-- ")
                out += _wrap(label, lead, pad + "   ")
        elif isinstance(b, Para):
            pad = "  " * b.indent
            out += _wrap(b.text, pad, pad + "  ") or [pad]
        elif isinstance(b, Quote):
            pad = "  " * b.indent + "  "
            for para in b.text.splitlines() or [""]:
                out += _wrap(f"“{para}”" if para else "", pad, pad)
        elif isinstance(b, Listing):
            out += _text_listing(b)
        else:
            out += _text_table(b)
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(line.rstrip() for line in out) + "\n"


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """Wrapped at spaces only: a file path, an id or a citation is never cut."""
    return textwrap.wrap(
        text,
        TEXT_WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _text_listing(b: Listing) -> list[str]:
    out: list[str] = []
    group = None
    for i, (opd, where, rule, record, findings) in enumerate(b.rows):
        if opd != group:
            group = opd
            out.append(f"== {opd} ==")
        mark = "  *" if i < len(b.highlight) and b.highlight[i] else ""
        out.append(f"{where}  {rule}  {record}{mark}")
        for line in findings.split("\n"):
            out += _wrap(line, "    ", "      ")
    out.append("")
    return out


def _text_table(t: Table) -> list[str]:
    ncol = len(t.headers)
    budget = TEXT_WIDTH - 2 * t.indent - 2 * (ncol - 1) - 2
    natural = [
        max([len(t.headers[i])] + [len(line) for row in t.rows for line in row[i].split("\n")])
        for i in range(ncol)
    ]
    widths = list(natural)
    # shrink the widest column until the table fits, the first (the ids) last
    while sum(widths) > budget:
        rest = widths[1:] if ncol > 1 and max(widths[1:]) > 12 else widths
        if max(rest) <= 12:
            break
        i = widths.index(max(rest), 1 if rest is not widths else 0)
        widths[i] -= 1
    pad = "  " * t.indent
    mark_col = any(t.highlight)

    def fmt_row(cells: list[str], mark: str) -> list[str]:
        wrapped = []
        for i, cell in enumerate(cells):
            lines: list[str] = []
            for part in cell.split("\n"):
                lines += textwrap.wrap(part, widths[i], break_on_hyphens=False) or [""]
            wrapped.append(lines)
        height = max(len(w) for w in wrapped)
        out = []
        for n in range(height):
            cols = [(w[n] if n < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)]
            lead = (mark if n == 0 else " ") + " " if mark_col else ""
            out.append(pad + lead + "  ".join(cols))
        return out

    lines = fmt_row(t.headers, " ")
    lines.append(pad + ("  " if mark_col else "") + "  ".join("-" * w for w in widths))
    for i, row in enumerate(t.rows):
        marked = i < len(t.highlight) and t.highlight[i]
        lines += fmt_row(row, "*" if marked else " ")
    return lines


# --- markdown --------------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Listing):
            b = b.table()
        if isinstance(b, Heading):
            label = f"`{b.code}` — {b.text}" if b.code and b.text else (f"`{b.code}`" if b.code else b.text)
            out += [f"{'#' * min(b.level, 6)} {label}", ""]
        elif isinstance(b, Para):
            text = f"*{b.text}*" if b.emphasis else b.text
            out += [text, ""]
        elif isinstance(b, Quote):
            out += [*(f"> {line}" if line else ">" for line in b.text.splitlines()), ""]
        else:
            headers = [_md_cell(h) or " " for h in b.headers]
            out.append("| " + " | ".join(headers) + " |")
            out.append("|" + "|".join("---" for _ in headers) + "|")
            for i, row in enumerate(b.rows):
                cells = [_md_cell(c) for c in row]
                if i < len(b.highlight) and b.highlight[i]:
                    cells[0] = f"**{cells[0]}**" if cells[0] else cells[0]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# --- html ------------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:78em;
padding:0 1em;color:#1d1d1f;line-height:1.45}
h1{font-size:1.5em;border-bottom:2px solid #444}
h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #bbb}
h3{font-size:1.1em;margin-top:1.5em}h4{font-size:1em;margin:1em 0 .3em 1em}
code{background:#f1f1f4;padding:0 .25em;border-radius:3px}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
th,td{border:1px solid #ccc;padding:.3em .55em;text-align:left;vertical-align:top}
th{background:#f3f3f6}tr.differs td{background:#fff6e0}
blockquote{margin:.3em 0 .6em 1.5em;padding:.2em .8em;border-left:3px solid #8aa;color:#333;
background:#f8fafa}
p.indent1{margin-left:1.5em}p.indent2{margin-left:3em}p.emphasis{font-style:italic;color:#8a4b00}
""".strip()


def _html(blocks: list[Block], title: str, lang: str) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"id" if lang == "id" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
    ]
    for b in blocks:
        if isinstance(b, Listing):
            b = b.table()
        if isinstance(b, Heading):
            level = min(b.level, 6)
            code = f"<code>{e(b.code)}</code>" if b.code else ""
            sep = " — " if b.code and b.text else ""
            out.append(f"<h{level}>{code}{sep}{e(b.text)}</h{level}>")
        elif isinstance(b, Para):
            classes = [
                c for c in (f"indent{b.indent}" if b.indent else "", "emphasis" if b.emphasis else "") if c
            ]
            attr = f' class="{" ".join(classes)}"' if classes else ""
            out.append(f"<p{attr}>{e(b.text)}</p>")
        elif isinstance(b, Quote):
            out.append(
                "<blockquote>" + "<br>".join(e(line) for line in b.text.splitlines()) + "</blockquote>"
            )
        else:
            style = ' style="margin-left:1.5em"' if b.indent else ""
            out.append(f"<table{style}>")
            out.append("<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in b.headers) + "</tr></thead>")
            out.append("<tbody>")
            for i, row in enumerate(b.rows):
                cls = ' class="differs"' if i < len(b.highlight) and b.highlight[i] else ""
                cells = "".join("<td>" + "<br>".join(e(x) for x in c.split("\n")) + "</td>" for c in row)
                out.append(f"<tr{cls}>{cells}</tr>")
            out.append("</tbody></table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_doc(blocks: list[Block], lang: str) -> str:
    first = next((b for b in blocks if isinstance(b, Heading)), None)
    return _html(blocks, first.text if first else "sistemkerja compare", lang)


_RENDER: dict[str, Callable[[list[Block], str], str]] = {
    "text": lambda blocks, lang: _text(blocks),
    "markdown": lambda blocks, lang: _markdown(blocks),
    "html": _html_doc,
}
