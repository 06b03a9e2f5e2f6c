"""Waivers: a reviewed, dated decision to accept a finding for a while.

A waivers file (default `waivers.yaml` beside the data, or `--waivers FILE`) lists, per waiver, the
rule id, the record id or a glob pattern (`*`, `?`, `[...]`), the reason (required), who approved it
and the expiry date (required). A waived finding stays in the report with status "waived" and does
not count toward --fail-on. A waiver that has expired on the check's as-of date does not apply and
is itself a finding (`waiver.expired`, error); one that matches no finding is one too
(`waiver.unused`, warning), both located at the waiver in its file. See docs/outputs.md.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from checker.load import yaml_full
from checker.load.source import FileProblem, read_text, said
from checker.model import Evidence, Finding, Location, Problem, Text
from checker.packs import Rule

SCHEMA_STEM = "waivers"  # schemas/waivers.schema.json
REGULATION = "waivers"  # Finding.regulation of waiver findings
CITATION = "docs/outputs.md#waivers"
# a waiver covers findings that would otherwise count; an excepted finding is already lawful
WAIVABLE = ("open", "uncheckable")

RULES: dict[str, Rule] = {
    "waiver.expired": Rule(
        id="waiver.expired",
        title={"id": "Pengesampingan kedaluwarsa", "en": "Waiver has expired"},
        severity="error",
        citation=CITATION,
        excerpt="A waiver applies up to and including its expiry date; after it, the finding counts again.",
        message={
            "id": "Pengesampingan {waiver} ({rule} / {record}) kedaluwarsa {expires}; perbarui atau hapus",
            "en": "Waiver {waiver} ({rule} / {record}) expired on {expires}; renew or remove it",
        },
        topic="waivers",
        source="checker/waivers.py",
        reading="An expired waiver no longer waives anything: the findings it covered are open again.",
        record_kind="waivers",
    ),
    "waiver.unused": Rule(
        id="waiver.unused",
        title={"id": "Pengesampingan tidak terpakai", "en": "Waiver matches no finding"},
        severity="warning",
        citation=CITATION,
        excerpt="Every waiver must match a finding; a stale waiver would silently cover a future one.",
        message={
            "id": "Pengesampingan {waiver} ({rule} / {record}) tidak cocok dengan temuan mana pun; hapus",
            "en": "Waiver {waiver} ({rule} / {record}) matches no finding; remove it",
        },
        topic="waivers",
        source="checker/waivers.py",
        reading="Excepted findings are lawful already: a waiver that matches only those is unused.",
        record_kind="waivers",
    ),
}


class WaiverError(Exception):
    """A waivers file cannot be read or is malformed (an input error: exit 2)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the waivers file")
        self.problems = problems


@dataclass(frozen=True)
class Waiver:
    id: str  # the `id` given, else "<file>:<line>"
    rule: str
    record: str  # a record id or a glob pattern
    reason: str
    expires: str  # YYYY-MM-DD, the last day it applies
    location: Location
    approved_by: str = ""

    def matches(self, finding: Finding) -> bool:
        return finding.rule_id == self.rule and fnmatch.fnmatchcase(finding.record, self.record)

    def expired(self, as_of: str) -> bool:
        return bool(as_of) and self.expires < as_of


@dataclass
class Outcome:
    """Findings after the waivers, and what became of each waiver. Waivers, not their ids: an id is
    unique in one regency's waivers only, and `check --each` merges regencies."""

    findings: list[Finding]
    used: set[Waiver] = field(default_factory=set)
    expired: set[Waiver] = field(default_factory=set)


def load_waivers(files: Iterable[str]) -> list[Waiver]:
    """Read and validate waivers files; raise WaiverError with every problem found."""
    waivers: list[Waiver] = []
    problems: list[Problem] = []
    for name in files:
        waivers.extend(_load_file(name, problems))
    seen: dict[str, Location] = {}
    for w in waivers:
        if w.id in seen:
            first = seen[w.id]
            problems.append(
                said(
                    "waivers.duplicate-id",
                    "problem.read.waiver-duplicate-id",
                    w.location,
                    id=w.id,
                    first=first,
                )
            )
        seen.setdefault(w.id, w.location)
    if problems:
        problems.sort(key=Problem.sort_key)
        raise WaiverError(problems)
    return waivers


def _load_file(name: str, problems: list[Problem]) -> list[Waiver]:
    from checker.validate.schema import check_value_text

    try:
        node = yaml_full.parse(read_text(name), name)
    except FileProblem as exc:  # the loader's own problem, with its location
        problems.append(exc.problem)
        return []
    positions: dict[str, int] = {}
    data = yaml_full.to_python(node, name, "", positions, problems)
    locs = {path: Location.unpack(name, pos) for path, pos in positions.items()}
    start = Location(name, 1, 1)
    errors = check_value_text(SCHEMA_STEM, data)
    for path, message in errors:
        where = _where(locs, path, start)
        problems.append(said("waivers.schema", "problem.read.waiver-schema", where, detail=message))
    # an error in one waiver drops that waiver; one in the file's shape drops the file
    broken = {path[1] for path, _ in errors if len(path) >= 2 and path[0] == "waivers"}
    if any(len(path) < 2 for path, _ in errors) or not isinstance(data, dict):
        return []
    out: list[Waiver] = []
    for i, item in enumerate(data.get("waivers") or []):
        if i in broken:
            continue
        where = locs.get(f"waivers.{i}", start)
        if not str(item["reason"]).strip():
            at = locs.get(f"waivers.{i}.reason", where)
            problems.append(said("waivers.reason", "problem.read.waiver-reason", at))
            continue
        expires = str(item["expires"])
        try:
            dt.date.fromisoformat(expires)
        except ValueError:
            at = locs.get(f"waivers.{i}.expires", where)
            problems.append(said("waivers.date", "problem.read.waiver-date", at, expires=expires))
            continue
        out.append(
            Waiver(
                id=str(item.get("id") or f"{name}:{where.line}"),
                rule=str(item["rule"]),
                record=str(item["record"]),
                reason=str(item["reason"]).strip(),
                expires=expires,
                location=where,
                approved_by=str(item.get("approved_by") or ""),
            )
        )
    return out


def _where(locs: dict[str, Location], path: Sequence[object], default: Location) -> Location:
    parts = [str(p) for p in path]
    while parts:
        if ".".join(parts) in locs:
            return locs[".".join(parts)]
        parts.pop()
    return default


def apply(findings: Iterable[Finding], waivers: Sequence[Waiver], as_of: str) -> Outcome:
    """Waive the open and uncheckable findings a live waiver matches (the first in file order names
    the finding's waiver); note every waiver that matched and every one that has expired."""
    live: dict[str, list[Waiver]] = {}
    outcome = Outcome([])
    for w in waivers:
        if w.expired(as_of):
            outcome.expired.add(w)
        else:
            live.setdefault(w.rule, []).append(w)
    for f in findings:
        if f.status in WAIVABLE:
            hits = [w for w in live.get(f.rule_id, ()) if w.matches(f)]
            if hits:
                outcome.used.update(hits)
                f = replace(f, status="waived", exception=hits[0].id, exception_citation=None)
        outcome.findings.append(f)
    return outcome


def waiver_findings(waivers: Iterable[Waiver], used: set[Waiver], expired: set[Waiver]) -> list[Finding]:
    """A `waiver.expired` finding for each expired waiver, a `waiver.unused` one for each live waiver
    that matched nothing."""
    out = []
    for w in waivers:
        if w in expired:
            out.append(_finding("waiver.expired", w))
        elif w not in used:
            out.append(_finding("waiver.unused", w))
    return out


def _finding(rule_id: str, w: Waiver) -> Finding:
    from checker.findings import format_message

    rule = RULES[rule_id]
    evidence = (
        Evidence("waiver", w.id, w.location),
        Evidence("rule", w.rule),
        Evidence("record", w.record),
        Evidence("expires", w.expires),
    )
    pairs = [(e.name, e.value) for e in evidence]
    return Finding(
        rule_id=rule_id,
        severity=rule.severity,
        regulation=REGULATION,
        citation=rule.citation,
        record=w.id,
        record_kind="waivers",
        location=w.location,
        opd=None,
        message=Text(
            format_message(rule.message["id"], w.id, pairs), format_message(rule.message["en"], w.id, pairs)
        ),
        evidence=evidence,
        title=Text(rule.title["id"], rule.title["en"]),
    )
