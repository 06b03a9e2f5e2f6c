"""A single self-contained HTML audit report, rendered from a Jinja2 template with autoescaping
(templates/audit.html.j2): inline CSS, inline SVG charts, one small inline script allowed by its hash,
and a Content-Security-Policy that forbids fetching anything, so it opens offline from file://.

Sections: the header (regulation, regency, as-of date, data checked) and a table of contents; the
verdict and a summary by OPD and severity; charts (findings by OPD and severity, by rule topic, by
article); filters by severity, OPD, rule and status, and a search box (hidden without JavaScript and
in print, where the full list shows); the findings by OPD, each with a stable anchor (rule id and
record id, see junit.case_names), names beside ids, the article excerpt, the exception or waiver and
the evidence with people's names, positions and units; the same findings by rule and by article; each
OPD's unit tree with the units carrying findings marked; the waivers; the rules checked. Names come
from `Report.names` (checker.report.names); without it ids are shown.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from checker.i18n import label, label_or, labels
from checker.model import SEVERITIES, Finding, Location
from checker.report import STATUSES, Report, by_opd, posix, status_counts, waiver_states
from checker.report import html_pictures as pictures
from checker.report.html_pictures import article_of, slug
from checker.report.junit import case_names
from checker.report.names import Names

COLUMNS = ("error", "warning", "info", "excepted", "waived", "total")
WAIVER_COLUMNS = ("rule", "record", "reason", "approved_by", "expires", "state", "matched", "location")
TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _loc(file: str, line: int, column: int | None = None, sheet: str = "") -> str:
    if sheet:  # a workbook's cell, `pegawai.xlsx:Pegawai!B12`
        return f"{posix(file)}:{Location(file, line, column or 1, sheet).cell}"
    return f"{posix(file)}:{line}" + (f":{column}" if column else "")


def anchors(findings: list[Finding]) -> list[str]:
    """A stable, unique anchor per finding: `f-RULE-RECORD` (the JUnit case name, slugged)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in case_names(findings):
        anchor = base = "f-" + slug(name)
        n = 1
        while anchor in seen:
            n += 1
            anchor = f"{base}-{n}"
        seen.add(anchor)
        out.append(anchor)
    return out


def _article_order(article: str) -> tuple[int, int, str]:
    """Articles in the regulation's order: Pasal 2 before Pasal 10, then appendices and the rest."""
    m = re.match(r"Pasal (\d+)", article)
    return (0, int(m.group(1)), article) if m else (1, 0, article)


def _evidence(f: Finding, names: Names, lang: str) -> list[dict[str, Any]]:
    out = []
    for ev in f.evidence:
        person = names.people.get(ev.value)
        out.append(
            {
                "label": label_or(
                    f"evidence.{ev.name}", ev.name if lang == "id" else ev.name.replace("_", " "), lang
                ),
                "value": ev.value,
                "person": ", ".join(p for p in person if p) if person else "",
                "named": names.records.get(ev.value, ""),
                "loc": ""
                if not ev.location
                else _loc(ev.location.file, ev.location.line, None, ev.location.sheet),
            }
        )
    return out


def _settle(f: Finding, report: Report, t: dict[str, str]) -> dict[str, Any] | None:
    if f.status == "excepted" and f.exception:
        exc = next((x for x in report.rule(f).exceptions if x.id == f.exception), None)
        parts = [(f" — {f.exception_citation}", "", "")] if f.exception_citation else []
        excerpt = exc.excerpt if exc is not None else ""
        return {
            "kind": "exception",
            "label": t["exception"],
            "id": f.exception,
            "parts": parts,
            "excerpt": excerpt,
        }
    if f.status != "waived":
        return None
    w = report.waiver(f.exception)
    parts: list[tuple[str, str, str]] = []
    if w is not None:
        parts.append((f" — {t['reason']}: ", "reason", w.reason))
        if w.approved_by:
            parts.append((f"; {t['approved_by']}: {w.approved_by}", "", ""))
        parts.append((f"; {t['expires']}: {w.expires} ({_loc(w.location.file, w.location.line)})", "", ""))
    return {"kind": "waiver", "label": t["waiver"], "id": f.exception or "", "parts": parts, "excerpt": ""}


def _finding(f: Finding, anchor: str, report: Report, names: Names, t: dict[str, str]) -> dict[str, Any]:
    rule, lang = report.rule(f), report.lang
    pack = report.packs.get(f.regulation)
    unit = names.unit_of.get(f.record, "")
    opd = f.opd or "-"
    return {
        "anchor": anchor,
        "rule_id": f.rule_id,
        "severity": f.severity,
        "severity_label": label(f.severity, lang),
        "status": f.status,
        "status_label": label(f.status, lang),
        "title": report.title(f),
        "message": report.message(f),
        "loc": _loc(f.location.file, f.location.line, f.location.column, f.location.sheet),
        "record": f.record,
        "record_name": names.name(f.record),
        "record_label": names.name(f.record) or f.record or f.rule_id,
        "record_kind": label_or(f"kind.{f.record_kind}", f.record_kind, lang),
        "unit": unit if unit != f.record else "",
        "unit_name": names.name(unit),
        "opd": opd,
        "opd_label": t["no_opd"] if opd == "-" else names.name(opd) or opd,
        "citation": (f"{pack.title}, " if pack else "") + f.citation,
        "article_anchor": "article-" + slug(f"{f.regulation}-{article_of(f)}"),
        "excerpt": rule.excerpt,
        "settle": _settle(f, report, t),
        "evidence": _evidence(f, names, lang),
        "remedies": [r.text.get(lang) for r in f.remedies],
    }


def _groups(items: list[tuple[Finding, dict[str, Any]]], key) -> dict[Any, list[dict[str, Any]]]:
    groups: dict[Any, list[dict[str, Any]]] = {}
    for f, view in items:
        groups.setdefault(key(f), []).append(view)
    return groups


def _views(report: Report, names: Names, t: dict[str, str]) -> dict[str, Any]:
    views = [
        _finding(f, a, report, names, t)
        for f, a in zip(report.findings, anchors(report.findings), strict=True)
    ]
    items = list(zip(report.findings, views, strict=True))
    opds = [
        {
            "opd": opd,
            "slug": slug(opd),
            "name": t["no_opd"] if opd == "-" else names.name(opd) or opd,
            "findings": [v for f, v in items if (f.opd or "-") == opd],
        }
        for opd in by_opd(report.findings)
    ]
    by_rule = []
    for rule_id, group in sorted(_groups(items, lambda f: f.rule_id).items()):
        first = next(f for f in report.findings if f.rule_id == rule_id)
        by_rule.append(
            {
                "id": rule_id,
                "slug": slug(rule_id),
                "title": report.title(first),
                "citation": group[0]["citation"],
                "findings": group,
            }
        )
    by_article = []
    groups = _groups(items, lambda f: (f.regulation, article_of(f)))
    for (reg, art), group in sorted(groups.items(), key=lambda kv: (kv[0][0], _article_order(kv[0][1]))):
        pack = report.packs.get(reg)
        rules = sorted({f.rule_id for f in report.findings if (f.regulation, article_of(f)) == (reg, art)})
        excerpts = [
            (r, report.packs[reg].rules[r].excerpt)
            for r in rules
            if pack is not None and r in pack.rules and pack.rules[r].excerpt
        ]
        by_article.append(
            {
                "key": f"{reg} {art}",
                "anchor": "article-" + slug(f"{reg}-{art}"),
                "label": f"{pack.title}, {art}" if pack else art,
                "excerpts": excerpts,
                "findings": group,
            }
        )
    return {"opds": opds, "by_rule": by_rule, "by_article": by_article}


def _waivers(report: Report, t: dict[str, str]) -> list[dict[str, Any]]:
    states = waiver_states(report)
    matched = Counter(f.exception for f in report.findings if f.status == "waived" and f.exception)
    return [
        {
            "id": w.id,
            "rule": w.rule,
            "record": w.record,
            "reason": w.reason,
            "approved_by": w.approved_by or "—",
            "expires": w.expires,
            "state": states[w.location],
            "state_label": t[states[w.location]],
            "matched": matched.get(w.id, 0),
            "loc": _loc(w.location.file, w.location.line),
        }
        for w in report.waivers
    ]


def _rules(report: Report) -> list[dict[str, Any]]:
    counts = Counter(f.rule_id for f in report.findings)
    return [
        {
            "id": r.id,
            "slug": slug(r.id),
            "title": r.title.get(report.lang) or r.title.get("id") or r.id,
            "reading": r.reading_in(report.lang),
            "severity": label_or(r.severity, r.severity, report.lang),
            "citation": r.citation,
            "count": counts.get(r.id, 0),
        }
        for r in report.rules()
    ]


def _meta(report: Report, names: Names, t: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    regencies = [(names.regencies.get(r, ""), r) for r in report.regencies if r]
    return [
        (t["regulation"], [(report.packs[p].title, p) for p in sorted(report.packs)]),
        (t["regencies"], regencies),
        (t["as_of"], [("", report.as_of)] if report.as_of else []),
        (t["inputs"], [("", posix(p)) for p in report.inputs]),
        (t["fail_on"], [("", report.fail_on)]),
        (t["tool"], [("", f"sistemkerja {report.tool_version}".strip())]),
    ]


def _toc(report: Report, t: dict[str, str], has_trees: bool) -> list[tuple[str, str]]:
    toc = [("summary", t["summary"])]
    if report.findings:
        toc += [
            ("charts", t["charts"]),
            ("by-opd", t["findings_by_opd"]),
            ("by-rule", t["findings_by_rule"]),
            ("by-article", t["findings_by_article"]),
        ]
    else:
        toc.append(("by-opd", t["findings_by_opd"]))
    if has_trees:
        toc.append(("unit-trees", t["unit_trees"]))
    if report.waivers:
        toc.append(("waivers", t["waivers"]))
    return [*toc, ("rules", t["rules"])]


def render(report: Report) -> str:
    t = labels("html", report.lang)
    names = report.names or Names()
    script = _asset("audit.js")
    views = _views(report, names, t)
    return (
        _environment()
        .get_template("audit.html.j2")
        .render(
            lang=report.lang,
            version=report.tool_version,
            t=t,
            as_of=report.as_of,
            css=Markup(_asset("audit.css")),
            script=Markup(script),
            script_hash="sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode(),
            **_head(report, names, t),
            **_overview(report, names, t, views),
            **views,
        )
    )


def _head(report: Report, names: Names, t: dict[str, str]) -> dict[str, Any]:
    """The title, what was checked, the verdict and the notices."""
    failing = sum(report.failing(f) for f in report.findings)
    verdict = (t["verdict_fail"] if failing == 1 else t["verdict_fail_many"]).format(n=failing)
    return {
        # the regencies by name in the title, when the caller gave names
        "regency_title": ", ".join(names.regencies[r] for r in report.regencies if r in names.regencies),
        "meta": _meta(report, names, t),
        "failing": failing,
        "verdict": verdict if failing else t["verdict_pass"],
        "notices": [n.text(report.lang) for n in report.notices],
    }


def _overview(report: Report, names: Names, t: dict[str, str], views: dict[str, Any]) -> dict[str, Any]:
    """The summary table, the pictures, the filters, the waivers and the rules checked."""
    trees = pictures.trees(report, names)
    lang = report.lang
    return {
        "toc": _toc(report, t, bool(trees)),
        "columns": [(c, t["total"] if c == "total" else label(c, lang)) for c in COLUMNS],
        "summary": [
            {"opd": opd, "slug": slug(opd), "name": names.name(opd) or opd, "counts": status_counts(group)}
            for opd, group in by_opd(report.findings).items()
        ],
        "totals": status_counts(report.findings),
        "charts": pictures.charts(report, names, t),
        "filters": {
            "severity": [(s, label(s, lang)) for s in SEVERITIES],
            "opd": [(g["opd"], g["name"]) for g in views["opds"]],
            "rule": [(r["id"], r["id"]) for r in views["by_rule"]],
            "status": [(s, label(s, lang)) for s in STATUSES],
        },
        "trees": trees,
        "waivers": _waivers(report, t),
        "waiver_head": ["id", *(t[k] for k in WAIVER_COLUMNS)],
        "rules": _rules(report),
    }
