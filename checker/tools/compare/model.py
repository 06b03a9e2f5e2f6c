"""The comparison of regulations: every rule id side by side, every parameter's rows compared as sets.

Everything here is computed from the packs (their metadata, parameters and, for which parameters a
rule uses, their ASP): nothing about any regulation is written in Python.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.packs import Pack, asp_term
from checker.packs.analysis import rule_parameters

SCHEMA_VERSION = "1.0"
ENACTED = ("own", "inherited", "overridden")
# the fields whose difference is worth a flag (the article text always differs between regulations)
COMPARED = ("enacted", "severity", "citation", "exceptions", "parameters")


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
    origin: tuple[str, ...] = ()  # per pack in `packs`, the pack that wrote the row (its own or a base)

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
    base: dict[str, str] = field(default_factory=dict)  # pack -> the base it inherits or overrides from

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
            "origin": {
                p: [
                    {"row": list(r.values), "pack": o}
                    for r in self.rows
                    for q, o in zip(r.packs, r.origin, strict=True)
                    if q == p
                ]
                for p in self.packs
            },
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
    rows: dict[tuple[str, ...], tuple[tuple[str, ...], list[str], list[str]]] = {}
    status: dict[str, str] = {}
    base: dict[str, str] = {}
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
        if param.inherited_from or param.overrides:
            base[pack.id] = str(param.inherited_from or param.overrides)
        for row in param.rows:
            key = tuple(asp_term(v) for v in row.values)
            shown = tuple(_shown(v) for v in row.values)
            entry = rows.setdefault(key, (shown, [], []))
            if pack.id not in entry[1]:
                entry[1].append(pack.id)
                entry[2].append(row.pack or pack.id)
    # rows grouped by their first column (in order of first appearance), then as written
    entries = list(rows.values())
    firsts = list(dict.fromkeys(_first(entry[0]) for entry in entries))
    order = sorted(range(len(entries)), key=lambda i: (firsts.index(_first(entries[i][0])), i))
    return ParamDiff(
        name=name,
        packs=[p.id for p in packs],
        status=status,
        citation=citation,
        description=description,
        rows=[ParamRow(entries[i][0], tuple(entries[i][1]), tuple(entries[i][2])) for i in order],
        base=base,
    )


def _first(values: tuple[str, ...]) -> str:
    return values[0] if len(values) > 1 else ""


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
