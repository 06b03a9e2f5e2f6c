"""The HTML report's pictures: inline SVG bar charts (findings by OPD and severity, by rule topic, by
article) and each OPD's unit tree with the units that carry findings marked."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from checker.i18n import label
from checker.model import SEVERITIES, Finding
from checker.report import Report, by_opd
from checker.report.names import Names

BAR, LABEL_WIDTH, CHART_WIDTH, MAX_BARS = 22, 170, 520, 20
_ARTICLE = re.compile(r"Pasal\s+\d+[A-Z]?", re.IGNORECASE)


def slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text) or "none"


def short(text: str, n: int = 26) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def article_of(f: Finding) -> str:
    """The article a finding rests on: `Pasal N` from its citation, else the citation itself."""
    m = _ARTICLE.search(f.citation)
    return " ".join(m.group(0).split()).title() if m else (f.citation or "-")


def chart(cid: str, caption: str, rows: list[tuple[str, str, dict[str, int]]], legend: list[tuple[str, str]]):
    """A horizontal bar chart: rows of (key, label, {segment class: count}), the largest first."""
    rows = sorted(rows, key=lambda r: (-sum(r[2].values()), r[1]))[:MAX_BARS]
    top = max((sum(r[2].values()) for r in rows), default=1) or 1
    scale = (CHART_WIDTH - LABEL_WIDTH - 40) / top
    out_rows = []
    for i, (key, text, counts) in enumerate(rows):
        x, segments = LABEL_WIDTH, []
        for cls, seg_label in legend or [("plain", "")]:
            n = counts.get(cls, 0)
            if n:
                w = round(n * scale, 1)
                segments.append({"cls": cls, "label": seg_label, "count": n, "x": round(x, 1), "w": w})
                x += w
        total = sum(counts.values())
        out_rows.append(
            {
                "key": key,
                "label": text,
                "short": short(text),
                "total": total,
                "y": i * BAR,
                "segments": segments,
                "end": round(x, 1),
            }
        )
    height = len(out_rows) * BAR + (24 if legend else 4)
    keys, x = [], LABEL_WIDTH
    for cls, text in legend:
        keys.append({"cls": cls, "label": text, "x": x})
        x += 30 + 7 * len(text)
    return {
        "id": cid,
        "caption": caption,
        "rows": out_rows,
        "width": CHART_WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "legend": keys,
    }


def charts(report: Report, names: Names, t: dict[str, str]) -> list[dict[str, Any]]:
    if not report.findings:
        return []
    lang = report.lang
    sev_legend = [(f"sev-{s}", label(s, lang)) for s in SEVERITIES]
    opd_rows = []
    for opd, group in by_opd(report.findings).items():
        text = t["no_opd"] if opd == "-" else names.name(opd) or opd
        opd_rows.append((opd, text, dict(Counter(f"sev-{f.severity}" for f in group))))
    topics = Counter(report.rule(f).topic or t["other"] for f in report.findings)
    articles = Counter(article_of(f) for f in report.findings)
    return [
        chart("chart-opd", t["chart_opd"], opd_rows, sev_legend),
        chart("chart-topic", t["chart_topic"], [(k, k, {"plain": n}) for k, n in topics.items()], []),
        chart("chart-article", t["chart_article"], [(k, k, {"plain": n}) for k, n in articles.items()], []),
    ]


def trees(report: Report, names: Names) -> list[dict[str, Any]]:
    """Each OPD with findings whose units are known: its unit tree, with each unit's finding count."""
    hits = Counter(names.unit_of.get(f.record) for f in report.findings if f.record)
    children: dict[str | None, list[str]] = {}
    for unit, (opd, parent) in sorted(names.units.items()):
        in_opd = parent is not None and names.units.get(parent, ("", None))[0] == opd
        children.setdefault(parent if in_opd else None, []).append(unit)

    def node(unit: str, seen: frozenset[str]) -> dict[str, Any]:
        kids = [node(k, seen | {unit}) for k in children.get(unit, []) if k not in seen]
        return {"id": unit, "name": names.name(unit) or unit, "count": hits.get(unit, 0), "children": kids}

    out = []
    for opd in sorted({f.opd for f in report.findings if f.opd}):
        roots = [node(u, frozenset()) for u in children.get(None, []) if names.units[u][0] == opd]
        if roots:
            out.append({"opd": opd, "slug": slug(opd), "name": names.name(opd), "roots": roots})
    return out
