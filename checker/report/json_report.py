"""Machine-readable findings. The layout is versioned: bump SCHEMA_VERSION on any breaking change
(documented in docs/json-report.md)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from checker.model import Finding
from checker.report import Report

SCHEMA_VERSION = "1.0"


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "severity": f.severity,
        "status": f.status,
        "regulation": f.regulation,
        "citation": f.citation,
        "title": {"id": f.title_id, "en": f.title_en},
        "record": {"id": f.record, "kind": f.record_kind, "opd": f.opd},
        "location": {"file": f.location.file, "line": f.location.line, "column": f.location.column},
        "message": {"id": f.message_id, "en": f.message_en},
        "evidence": [
            {
                "name": e.name,
                "value": e.value,
                "location": (
                    {"file": e.location.file, "line": e.location.line, "column": e.location.column}
                    if e.location
                    else None
                ),
            }
            for e in f.evidence
        ],
        "exception": ({"id": f.exception, "citation": f.exception_citation} if f.exception else None),
    }


def render(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings if f.status in ("open", "uncheckable"))
    doc = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "sistemkerja", "version": report.tool_version},
        "as_of": report.as_of,
        "inputs": report.inputs,
        "regulations": sorted(report.packs),
        "summary": {
            "total": len(report.findings),
            "error": counts["error"],
            "warning": counts["warning"],
            "info": counts["info"],
            "excepted": sum(f.status == "excepted" for f in report.findings),
            "waived": sum(f.status == "waived" for f in report.findings),
        },
        "findings": [finding_dict(f) for f in report.findings],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
