"""Render data problems (YAML, schema, integrity) for `validate` and for `check` before the rules run."""

from __future__ import annotations

import json

from checker.model import Problem
from checker.report.json_report import location_dict
from checker.report.output import visible


def render_problems(problems: list[Problem], fmt: str = "text", lang: str = "en") -> str:
    """The problems in `lang` (English by default: logs, pack errors)."""
    if fmt == "json":
        doc = [
            {
                "code": p.code,
                "message": p.text(lang),
                "record": p.record,
                "location": location_dict(p.location),
            }
            for p in problems
        ]
        return json.dumps({"schema_version": "1.0", "problems": doc}, ensure_ascii=False, indent=2) + "\n"
    return visible("".join(f"{p.location}: {p.code}: {p.text(lang)}\n" for p in problems))
