"""Machine-readable findings. The layout is versioned (documented in docs/outputs.md): a new field
bumps the minor version, a removed or changed one the major version."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from checker.model import Evidence, Finding, Location
from checker.report import Report, status_counts, waiver_states

if TYPE_CHECKING:
    from checker.waivers import Waiver

SCHEMA_VERSION = "1.3"  # 1.1: waivers, fail_on, regencies, finding.waiver; 1.2: notices; 1.3: remedies


def location_dict(loc: Location) -> dict[str, Any]:
    where = {"file": loc.file, "line": loc.line, "column": loc.column}
    return where | {"sheet": loc.sheet, "cell": loc.cell} if loc.sheet else where  # a workbook's cell


def waiver_dict(w: Waiver) -> dict[str, Any]:
    return {
        "id": w.id,
        "rule": w.rule,
        "record": w.record,
        "reason": w.reason,
        "approved_by": w.approved_by or None,
        "expires": w.expires,
        "location": location_dict(w.location),
    }


def _named(e: Evidence) -> dict[str, Any]:
    """An evidence item or a remedy's argument: a name, a value, and the record's location."""
    return {"name": e.name, "value": e.value, "location": location_dict(e.location) if e.location else None}


def finding_dict(f: Finding, report: Report | None = None) -> dict[str, Any]:
    waiver = report.waiver(f.exception) if report is not None and f.status == "waived" else None
    return {
        "rule_id": f.rule_id,
        "severity": f.severity,
        "status": f.status,
        "regulation": f.regulation,
        "citation": f.citation,
        "title": {"id": f.title.id, "en": f.title.en},
        "record": {"id": f.record, "kind": f.record_kind, "opd": f.opd},
        "location": location_dict(f.location),
        "message": {"id": f.message.id, "en": f.message.en},
        "evidence": [_named(e) for e in f.evidence],
        "exception": ({"id": f.exception, "citation": f.exception_citation} if f.exception else None),
        "waiver": waiver_dict(waiver) if waiver else None,
        "remedies": [
            {
                "kind": r.kind,
                "message": {"id": r.text.id, "en": r.text.en},
                "args": [_named(e) for e in r.args],
            }
            for r in f.remedies
        ],
    }


def render(report: Report) -> str:
    counts = status_counts(report.findings)
    states = waiver_states(report)
    doc = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "sistemkerja", "version": report.tool_version},
        "as_of": report.as_of,
        "inputs": report.inputs,
        "regulations": sorted(report.packs),
        "regencies": list(report.regencies),
        "fail_on": report.fail_on,
        "lang": report.lang,
        "summary": {
            "total": counts["total"],
            "error": counts["error"],
            "warning": counts["warning"],
            "info": counts["info"],
            "excepted": counts["excepted"],
            "waived": counts["waived"],
            "failing": sum(report.failing(f) for f in report.findings),
        },
        "notices": [{"code": n.code, "message": n.text(report.lang)} for n in report.notices],
        "findings": [],
        "waivers": [{**waiver_dict(w), "state": states[w.location]} for w in report.waivers],
    }
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if not report.findings:
        return text
    # One finding per line: easy to diff and grep, and written by json's C encoder, which
    # `indent` would switch off (the national batch's 400,000 findings took 20 s that way).
    # `"findings": []` occurs once: inside a JSON string its quotes would be escaped.
    lines = ",\n    ".join(json.dumps(finding_dict(f, report), ensure_ascii=False) for f in report.findings)
    return text.replace('"findings": []', f'"findings": [\n    {lines}\n  ]', 1)
