"""`rules --by-article`: a pack's regulation in its own order, under each provision the rules that
enforce it or why none (issue 16): what of Pasal 21 is checked, and what not."""

from __future__ import annotations

import json
from typing import Any

from checker.i18n import labels
from checker.report import document


def article_rows(pack: Any, lang: str) -> list[dict[str, Any]]:
    """One row per provision, in the regulation's order: where it sits, its text and its status."""
    doc = pack.document
    rows = []
    for depth, node in doc.walk():
        status = node.statuses[0] if len(node.statuses) == 1 else ("" if not node.statuses else "several")
        rows.append(
            {
                "key": node.key,
                "kind": node.kind,
                "num": node.num,
                "label": node.label,
                "heading": node.heading,
                "text": node.text,
                "depth": depth,
                "parent": node.parent or None,
                "status": status or None,
                "rules": [_rule(pack, rid, lang) for rid in node.rules or ()],
                "reason": node.reason(lang) if (node.not_checkable or node.not_encoded) else None,
                "note": (node.note.get(lang) or node.note.get("id")) if node.note else None,
            }
        )
    return rows


def _rule(pack: Any, rule_id: str, lang: str) -> dict[str, str]:
    rule = pack.rules.get(rule_id)
    title = (rule.title.get(lang) or rule.title.get("id", "")) if rule else ""
    return {"id": rule_id, "title": title}


def render(pack: Any, fmt: str, lang: str) -> str:
    """JSON as rows; text, markdown and HTML from one list of document blocks."""
    rows = article_rows(pack, lang)
    if fmt == "json":
        doc = {"regulation": pack.id, "title": pack.title, "source": pack.document.source, "provisions": rows}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return document.render(blocks(pack, rows, lang), fmt, lang)


def blocks(pack: Any, rows: list[dict[str, Any]], lang: str) -> list[document.Block]:
    """The regulation as a document: each provision a heading (its key as the anchor), its text
    quoted, then its rules or why none."""
    words = labels("articles", lang)
    out: list[document.Block] = [document.Heading(pack.title, 1, code=pack.id)]
    parents = {row["parent"] for row in rows}
    for row in rows:
        heading = f" {row['heading']}" if row["heading"] and row["kind"] != "huruf" else ""
        level = min(row["depth"] + 2, 6)
        out.append(document.Heading(f"{row['label']}{heading}", level, code=row["key"], anchor=row["key"]))
        if row["text"]:
            out.append(document.Quote(row["text"], indent=max(level - 2, 0)))
        status = _status_lines(row, words)
        if not status and not row["status"] and row["key"] not in parents:
            status = [words["none"]]
        if status:
            out.append(document.BulletList(status, indent=max(level - 2, 0)))
    return out


def _status_lines(row: dict[str, Any], words: dict[str, str]) -> list[str]:
    """`checked by: id — title`, or why no rule does; nothing for a heading with children only."""
    out = [f"{words['rules']}: {r['id']} — {r['title']}" for r in row["rules"]]
    if row["status"] in ("not_checkable", "not_encoded"):
        out.append(f"{words[row['status']]}: {row['reason']}")
    if row["note"]:
        out.append(f"{words['note']}: {row['note']}")
    return out
