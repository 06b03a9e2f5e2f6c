"""`compare A B --by-article`: two regulations' provisions aligned by what they regulate. Each
provision of A that a rule enforces is set beside the provisions of B that feed the same rule ids,
so "Tanah Laut Pasal 28 has no Gianyar counterpart" is visible article by article; then B's
provisions that no provision of A meets."""

from __future__ import annotations

import json
from typing import Any

from checker.i18n import label
from checker.packs.model import Pack
from checker.report import document


def article_rows(a: Pack, b: Pack) -> list[dict[str, Any]]:
    """One row per provision with rules, A's first (in A's order), then B's with no counterpart."""
    if a.document is None or b.document is None:
        return []
    b_cites = b.document.cited_by()
    a_cites = a.document.cited_by()
    rows = [_row(node, a, b, b_cites) for _, node in a.document.walk() if node.rules]
    met = {key for row in rows for key in row["counterparts"]}
    rows += [
        _row(node, b, a, a_cites)
        for _, node in b.document.walk()
        if node.rules and (node.key not in met or any(r not in a.rules for r in node.rules))
    ]
    return rows


def _row(node: Any, own: Pack, other: Pack, other_cites: dict[str, list[str]]) -> dict[str, Any]:
    counterparts = list(dict.fromkeys(k for rid in node.rules for k in other_cites.get(rid, ())))
    labels = [other.document.by_key[k].label for k in counterparts] if other.document else []
    return {
        "regulation": own.id,
        "key": node.key,
        "label": node.label,
        "rules": list(node.rules),
        "other": other.id,
        "counterparts": counterparts,
        "counterpart_labels": labels,
        "not_enacted_there": [r for r in node.rules if r not in other.rules],
        "only_here": not counterparts or any(r not in other.rules for r in node.rules),
    }


def render(a: Pack, b: Pack, fmt: str, lang: str) -> str:
    rows = article_rows(a, b)
    if fmt == "json":
        doc = {"kind": "compare-articles", "regulations": [a.id, b.id], "provisions": rows}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return document.render(blocks(a, b, rows, lang), fmt, lang)


def blocks(a: Pack, b: Pack, rows: list[dict[str, Any]], lang: str) -> list[document.Block]:
    head = label("compare.articles_title", lang, a=a.title, b=b.title)
    out: list[document.Block] = [document.Heading(head, 1)]
    letters = {a.id: "A", b.id: "B"}
    out.append(document.Paragraph(f"A = {a.id}; B = {b.id}"))
    if a.document is None or b.document is None:
        missing = a.id if a.document is None else b.id
        return [*out, document.Paragraph(label("compare.articles_none", lang, x=missing))]
    none = label("compare.articles_no_counterpart", lang)
    absent = label("compare.articles_not_enacted", lang)
    table = [
        [
            f"{letters[r['regulation']]} {r['label']}",
            "\n".join(r["rules"]),
            "\n".join(
                [
                    *(r["counterpart_labels"] or [none]),
                    *(absent.format(rule=x) for x in r["not_enacted_there"]),
                ]
            ),
        ]
        for r in rows
    ]
    headers = [
        label("compare.articles_provision", lang),
        label("compare.rules", lang),
        label("compare.articles_other", lang),
    ]
    out.append(document.Table(headers, table, [bool(r["only_here"]) for r in rows]))
    return out
