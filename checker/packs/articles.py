"""`rules --by-article`: a pack's regulation in its own order, under each provision the rules that
enforce it or why none (issue 16): what of Pasal 21 is checked, and what not."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from checker.i18n import labels

WIDTH = 110


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
    rows = article_rows(pack, lang)
    if fmt == "json":
        doc = {"regulation": pack.id, "title": pack.title, "source": pack.document.source, "provisions": rows}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    words = labels("articles", lang)
    lines = (_markdown if fmt == "markdown" else _text)(rows, words)
    head = f"{pack.id} — {pack.title}"
    top = [f"# {head}", ""] if fmt == "markdown" else [head, "=" * min(len(head), WIDTH)]
    return "\n".join([*top, *lines]).rstrip() + "\n"


def _status_lines(row: dict[str, Any], words: dict[str, str]) -> list[str]:
    """`checked by: id — title`, or why no rule does; nothing for a heading with children only."""
    out = [f"{words['rules']}: {r['id']} — {r['title']}" for r in row["rules"]]
    if row["status"] in ("not_checkable", "not_encoded"):
        out.append(f"{words[row['status']]}: {row['reason']}")
    if row["note"]:
        out.append(f"{words['note']}: {row['note']}")
    return out


def _title(row: dict[str, Any]) -> str:
    heading = f" {row['heading']}" if row["heading"] and row["kind"] != "huruf" else ""
    return f"{row['label']}{heading} [{row['key']}]"


def _text(rows: list[dict[str, Any]], words: dict[str, str]) -> list[str]:
    out: list[str] = []
    for row in rows:
        indent = "  " * row["depth"]
        out.append(indent + _title(row))
        for para in (row["text"] or "").splitlines():
            out += _wrap(para, indent + "  ") if para.strip() else []
        for line in _status_lines(row, words):
            out += _wrap(f"→ {line}", indent + "  ")
        if not row["status"] and not _has_children(row, rows):
            out.append(f"{indent}  → {words['none']}")
    return out


def _markdown(rows: list[dict[str, Any]], words: dict[str, str]) -> list[str]:
    out: list[str] = []
    for row in rows:
        level = min(row["depth"] + 2, 6)
        out += [f"{'#' * level} {_title(row).replace('[', '`').replace(']', '`')}", ""]
        if row["text"]:
            out += [f"> {line}" if line.strip() else ">" for line in row["text"].splitlines()] + [""]
        status = _status_lines(row, words)
        if status:
            out += [f"- {_md(line)}" for line in status] + [""]
    return out


def _md(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_")


def _has_children(row: dict[str, Any], rows: list[dict[str, Any]]) -> bool:
    return any(r["parent"] == row["key"] for r in rows)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ", break_long_words=False
    ) or [indent]
