"""One organisation checked under two regulations: the findings matched by (rule id, record id)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.model import Finding, Location, Regency
from checker.packs import Pack
from checker.tools.compare.model import ENACTED, SCHEMA_VERSION, PackInfo


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
