"""Regulations side by side, and one organisation checked under two regulations.

- `model`: the comparison of two or more packs, rule by rule and parameter by parameter;
- `data`: the same regency checked under two regulations, its findings matched;
- `document`: either comparison as a document (checker.report.document) for text, markdown, HTML.

Output is deterministic: the same packs and data give byte-identical text in every format.
"""

from __future__ import annotations

import json

from checker.report.document import render
from checker.tools.compare.data import DataComparison, Match, Tally, compare_data, match_findings
from checker.tools.compare.document import data_document, pack_document
from checker.tools.compare.model import (
    COMPARED,
    ENACTED,
    SCHEMA_VERSION,
    PackComparison,
    PackInfo,
    ParamDiff,
    ParamRow,
    RuleComparison,
    RuleSide,
    compare_packs,
)

FORMATS = ("text", "markdown", "json", "html")

__all__ = [
    "COMPARED",
    "ENACTED",
    "FORMATS",
    "SCHEMA_VERSION",
    "DataComparison",
    "Match",
    "PackComparison",
    "PackInfo",
    "ParamDiff",
    "ParamRow",
    "RuleComparison",
    "RuleSide",
    "Tally",
    "compare_data",
    "compare_packs",
    "match_findings",
    "render_data",
    "render_packs",
]


def render_packs(cmp: PackComparison, fmt: str, lang: str = "en") -> str:
    if fmt == "json":
        return json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return render(pack_document(cmp, lang), fmt, lang)


def render_data(cmp: DataComparison, fmt: str, lang: str = "en") -> str:
    if fmt == "json":
        return json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return render(data_document(cmp, lang), fmt, lang)
