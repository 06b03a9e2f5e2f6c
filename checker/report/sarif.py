"""SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDE viewers).

One run. `tool.driver.rules` lists every rule checked, with its title, the article excerpt and
citation as help text, and its default level. Each finding is a result at its file, line and column
(`artifactLocation.uri` relative to the `SRCROOT` base, i.e. the directory the checker ran in), with
the record as a logical location and the evidence chain as related locations. Status maps to SARIF:

- open: kind "fail", level error/warning/note from the severity;
- uncheckable: kind "review" (a person must look; the data lacks a fact), level "none";
- excepted: kind "pass" (a named legal exception applies), level "none";
- waived: kind "fail" with an accepted external suppression whose justification is the waiver's reason.

No timestamps, GUIDs or absolute paths: the same findings give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from checker.i18n import tr
from checker.model import Finding, Location
from checker.packs import Rule
from checker.report import Report, posix, remedy_lines

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
BASE_ID = "SRCROOT"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
KIND = {"open": "fail", "waived": "fail", "uncheckable": "review", "excepted": "pass"}
FINGERPRINT = "sistemkerjaFinding/v1"


def artifact(path: str) -> dict[str, Any]:
    """An artifactLocation: relative paths against SRCROOT, absolute ones as file: URIs."""
    p = posix(path)
    if PurePosixPath(p).is_absolute():
        return {"uri": PurePosixPath(p).as_uri()}
    return {"uri": quote(p.removeprefix("./"), safe="/"), "uriBaseId": BASE_ID}


def physical(loc: Location) -> dict[str, Any]:
    return {
        "artifactLocation": artifact(loc.file),
        "region": {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)}
        | ({"properties": {"sheet": loc.sheet, "cell": loc.cell}} if loc.sheet else {}),  # row and column
    }


def rule_descriptor(rule: Rule, report: Report) -> dict[str, Any]:
    lang = report.lang
    title = rule.title.get(lang) or rule.title.get("id") or rule.id
    regulation = _regulation_title(report, rule)
    excerpt = rule.excerpt.strip()
    help_text = f"{regulation}, {rule.citation}".strip(", ")
    help_md = f"**{help_text}**" if help_text else ""
    if excerpt:
        help_text += f"\n\n{excerpt}"
        help_md += "\n\n" + "\n".join(f"> {line}" for line in excerpt.splitlines())
    reading = rule.reading_in(lang)
    if reading:
        help_text += f"\n\n{reading}"
        help_md += f"\n\n{reading}"
    props: dict[str, Any] = {"citation": rule.citation, "tags": [t for t in ("compliance", rule.topic) if t]}
    if regulation:
        props["regulation"] = regulation
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": excerpt or title},
        "help": {"text": help_text.strip() or title, "markdown": help_md.strip() or title},
        "defaultConfiguration": {"level": LEVEL.get(rule.severity, "warning")},
        "properties": props,
    }


def _regulation_title(report: Report, rule: Rule) -> str:
    for pack_id in sorted(report.packs):
        pack = report.packs[pack_id]
        if pack.rules.get(rule.id) is rule:
            return pack.title
    return ""


def fingerprint(f: Finding) -> str:
    key = "\x1f".join((f.regulation, f.rule_id, f.record, *(f"{e.name}={e.value}" for e in f.evidence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def result(f: Finding, index: int, report: Report) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index,
        "kind": KIND.get(f.status, "fail"),
        "level": LEVEL[f.severity] if KIND.get(f.status, "fail") == "fail" else "none",
        "message": {"text": _text(f, report)},
        "locations": [_location(f)],
        "partialFingerprints": {FINGERPRINT: fingerprint(f)},
    }
    related = _related(f, report)
    if related:
        out["relatedLocations"] = related
    if f.status == "waived":
        out["suppressions"] = [_suppression(f, report)]
    out["properties"] = _properties(f, report)
    return out


def _text(f: Finding, report: Report) -> str:
    """The message, its citation, the exception that applies and the remedies, in --lang."""
    text = f"{report.message(f)} ({f.citation})" if f.citation else report.message(f)
    if f.status == "excepted" and f.exception:
        cited = f" ({f.exception_citation})" if f.exception_citation else ""
        text += f" [excepted: {f.exception}{cited}]"
    return " — ".join([text, *remedy_lines(f, report.lang)])


def _location(f: Finding) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": physical(f.location)}
    if f.record:
        qualified = f"{f.opd}/{f.record}" if f.opd else f.record
        logical = {"name": f.record, "fullyQualifiedName": qualified}
        if f.record_kind:
            logical["kind"] = f.record_kind
        location["logicalLocations"] = [logical]
    return location


def _related(f: Finding, report: Report) -> list[dict[str, Any]]:
    """The records the evidence names, then those a remedy names (the official who should assess)."""
    related = [
        {"id": i, "physicalLocation": physical(e.location), "message": {"text": f"{e.name}: {e.value}"}}
        for i, e in enumerate(f.evidence, start=1)
        if e.location is not None
    ]
    named = ((r, e) for r in f.remedies for e in r.args)
    return related + [
        {
            "id": len(f.evidence) + i,
            "physicalLocation": physical(e.location),
            "message": {"text": f"{tr('remedies.label', report.lang)} ({r.kind}) {e.name}: {e.value}"},
        }
        for i, (r, e) in enumerate(named, start=1)
        if e.location is not None
    ]


def _properties(f: Finding, report: Report) -> dict[str, Any]:
    props: dict[str, Any] = {
        "status": f.status,
        "severity": f.severity,
        "regulation": f.regulation,
        "citation": f.citation,
        "evidence": [{"name": e.name, "value": e.value} for e in f.evidence],
    }
    if f.remedies:  # SARIF `fixes` are file edits; a remedy is a change to the organisation
        props["remedies"] = [
            {
                "kind": r.kind,
                "message": r.text.get(report.lang),
                "args": [{"name": e.name, "value": e.value} for e in r.args],
            }
            for r in f.remedies
        ]
    if f.opd:
        props["opd"] = f.opd
    if f.status == "excepted" and f.exception:
        props["exception"] = {"id": f.exception, "citation": f.exception_citation}
    return props


def _suppression(f: Finding, report: Report) -> dict[str, Any]:
    waiver = report.waiver(f.exception)
    sup: dict[str, Any] = {"kind": "external", "status": "accepted"}
    if waiver is None:
        sup["justification"] = f"waived: {f.exception}"
        return sup
    sup["justification"] = waiver.reason
    sup["location"] = {"physicalLocation": physical(waiver.location)}
    props = {"waiver": waiver.id, "expires": waiver.expires}
    if waiver.approved_by:
        props["approvedBy"] = waiver.approved_by
    sup["properties"] = props
    return sup


def render(report: Report) -> str:
    rules = report.rules()
    index = {r.id: i for i, r in enumerate(rules)}
    regencies = "+".join(r for r in report.regencies if r) or "data"
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "sistemkerja",
                "version": report.tool_version or "0",
                "rules": [rule_descriptor(r, report) for r in rules],
            }
        },
        "automationDetails": {"id": f"sistemkerja/{report.command}/{regencies}/"},
        "originalUriBaseIds": {
            BASE_ID: {
                "description": {"text": "The directory sistemkerja ran in; result paths are relative to it."}
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "exitCode": 1 if any(report.failing(f) for f in report.findings) else 0,
                "arguments": list(report.inputs),
                "toolExecutionNotifications": [
                    {
                        "level": "warning",
                        "message": {"text": n.text(report.lang)},
                        "descriptor": {"id": n.code},
                    }
                    for n in report.notices
                ],
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": [result(f, index[f.rule_id], report) for f in report.findings],
        "properties": {
            "asOf": report.as_of,
            "regulations": sorted(report.packs),
            "regencies": list(report.regencies),
            "failOn": report.fail_on,
            "language": report.lang,
        },
    }
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
