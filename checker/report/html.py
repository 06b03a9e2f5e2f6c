"""A single self-contained HTML audit report: inline CSS, no script, no external asset, and a
Content-Security-Policy that forbids fetching anything, so it opens offline and prints cleanly.

Sections: the header (regulations, as-of date, data checked), the verdict and a summary table by OPD
and severity, the findings grouped by OPD (each with rule id, severity, status, message, citation,
the article excerpt, the exception or waiver, and the evidence chain with file:line), the waivers,
and the rules checked. Every value from the data is escaped.
"""

from __future__ import annotations

from html import escape
from string import Template

from checker.model import Finding
from checker.report import LABELS, Report, by_opd, label, opd_table, posix, status_counts, waiver_states

T = {
    "id": {
        "title": "Laporan Audit Sistem Kerja",
        "regulation": "Peraturan",
        "as_of": "Per tanggal",
        "regencies": "Kabupaten",
        "inputs": "Data diperiksa",
        "fail_on": "Ambang gagal (--fail-on)",
        "tool": "Alat",
        "summary": "Ringkasan",
        "verdict_fail": "GAGAL: {n} temuan pada atau di atas ambang",
        "verdict_pass": "LULUS: tidak ada temuan pada atau di atas ambang",
        "by_opd": "Temuan per OPD dan tingkat",
        "total": "Jumlah",
        "findings": "Temuan",
        "none": "Tidak ada temuan.",
        "no_opd": "(tanpa OPD)",
        "record": "Rekaman",
        "citation": "Dasar hukum",
        "excerpt": "Kutipan pasal",
        "evidence": "Bukti",
        "exception": "Pengecualian",
        "waiver": "Pengesampingan",
        "reason": "Alasan",
        "approved_by": "Disetujui oleh",
        "expires": "Berlaku sampai",
        "waivers": "Pengesampingan",
        "state": "Keadaan",
        "matched": "Temuan",
        "rules": "Aturan yang diperiksa",
        "rule": "Aturan",
        "severity": "Tingkat",
        "count": "Temuan",
        "reading": "Penafsiran",
        "expired": "kedaluwarsa",
        "unused": "tidak terpakai",
        "active": "berlaku",
        "location": "Lokasi",
    },
    "en": {
        "title": "Sistem Kerja Audit Report",
        "regulation": "Regulation",
        "as_of": "As of",
        "regencies": "Regency",
        "inputs": "Data checked",
        "fail_on": "Failure threshold (--fail-on)",
        "tool": "Tool",
        "summary": "Summary",
        "verdict_fail": "FAILS: {n} finding(s) at or above the threshold",
        "verdict_pass": "PASSES: no finding at or above the threshold",
        "by_opd": "Findings by OPD and severity",
        "total": "Total",
        "findings": "Findings",
        "none": "No findings.",
        "no_opd": "(no OPD)",
        "record": "Record",
        "citation": "Legal basis",
        "excerpt": "Article excerpt",
        "evidence": "Evidence",
        "exception": "Exception",
        "waiver": "Waiver",
        "reason": "Reason",
        "approved_by": "Approved by",
        "expires": "Valid until",
        "waivers": "Waivers",
        "state": "State",
        "matched": "Findings",
        "rules": "Rules checked",
        "rule": "Rule",
        "severity": "Severity",
        "count": "Findings",
        "reading": "Reading",
        "expired": "expired",
        "unused": "unused",
        "active": "active",
        "location": "Location",
    },
}

CSS = """
:root{--err:#b3261e;--warn:#8a5a00;--info:#1f5f99;--ok:#1e6b34;--muted:#5f6368;--line:#d0d4d9}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0 auto;
max-width:72rem;padding:1.5rem;color:#1b1b1f;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;
border-bottom:2px solid var(--line);padding-bottom:.2rem}h3{font-size:1.02rem;margin:0 0 .4rem}
code{font:13px/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;background:#f3f4f6;
padding:0 .25rem;border-radius:3px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f7f9}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tfoot td,tfoot th{font-weight:700}
.verdict{font-weight:700;padding:.6rem .8rem;border-radius:6px;border:1px solid}
.verdict.fail{color:var(--err);border-color:var(--err);background:#fdf0ef}
.verdict.pass{color:var(--ok);border-color:var(--ok);background:#eef7f0}
.finding{border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:6px;
padding:.7rem .9rem;margin:.8rem 0;break-inside:avoid}
.finding.sev-error{border-left-color:var(--err)}.finding.sev-warning{border-left-color:var(--warn)}
.finding.sev-info{border-left-color:var(--info)}
.finding.st-waived,.finding.st-excepted{background:#fafafa;border-left-style:dashed}
.badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;
padding:0 .4rem;border-radius:3px;color:#fff;background:var(--muted);margin-right:.3rem}
.badge.error{background:var(--err)}.badge.warning{background:var(--warn)}.badge.info{background:var(--info)}
.badge.st{background:#fff;color:var(--muted);border:1px solid var(--muted)}
.message{margin:.3rem 0;font-size:1.02rem}.where,.citation{margin:.2rem 0;color:var(--muted)}
blockquote.excerpt{margin:.4rem 0;padding:.3rem .8rem;border-left:3px solid var(--line);
font-style:italic;background:#fbfbfc}
.settle{margin:.4rem 0;padding:.3rem .6rem;border:1px dashed var(--muted);border-radius:4px}
ol.evidence{margin:.3rem 0 0;padding-left:1.4rem}ol.evidence .loc{color:var(--muted)}
footer{margin-top:2.5rem;color:var(--muted);font-size:.85rem}
@media print{body{padding:0;max-width:none}.finding{page-break-inside:avoid}}
"""

PAGE = Template(
    """<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sistemkerja $version">
<title>$title</title>
<style>$css</style>
</head>
<body>
<header>
<h1>$title</h1>
<dl class="meta">
$meta
</dl>
</header>
<main>
<section id="summary">
<h2>$summary_heading</h2>
$verdict
$summary
</section>
<section id="findings">
<h2>$findings_heading</h2>
$findings
</section>
$waivers
<section id="rules">
<h2>$rules_heading</h2>
$rules
</section>
</main>
<footer>sistemkerja $version · $as_of_label $as_of</footer>
</body>
</html>
"""
)

COLUMNS = ("error", "warning", "info", "excepted", "waived", "total")


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text) or "none"


def _loc(file: str, line: int, column: int | None = None) -> str:
    return f"{posix(file)}:{line}" + (f":{column}" if column else "")


def _meta(report: Report, t: dict[str, str]) -> str:
    regs = [f"{e(report.packs[p].title)} (<code>{e(p)}</code>)" for p in sorted(report.packs)]
    rows = [
        (t["regulation"], "<br>".join(regs) or "—"),
        (t["regencies"], e(", ".join(r for r in report.regencies if r) or "—")),
        (t["as_of"], e(report.as_of)),
        (t["inputs"], ", ".join(f"<code>{e(posix(p))}</code>" for p in report.inputs)),
        (t["fail_on"], f"<code>{e(report.fail_on)}</code>"),
        (t["tool"], e(f"sistemkerja {report.tool_version}".strip())),
    ]
    return "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)


def _summary(report: Report, t: dict[str, str]) -> tuple[str, str]:
    failing = sum(report.failing(f) for f in report.findings)
    verdict = (
        f'<p class="verdict fail" id="verdict" data-failing="{failing}">'
        f"{e(t['verdict_fail'].format(n=failing))}</p>"
        if failing
        else f'<p class="verdict pass" id="verdict" data-failing="0">{e(t["verdict_pass"])}</p>'
    )
    head = "".join(
        f'<th class="n" scope="col">{e(label(c, report.lang) if c != "total" else t["total"])}</th>'
        for c in COLUMNS
    )
    body, foot = [], ""
    for opd, counts in opd_table(report.findings):
        cells = "".join(f'<td class="n" data-col="{c}">{counts[c]}</td>' for c in COLUMNS)
        if opd:
            name = t["no_opd"] if opd == "-" else opd
            body.append(f'<tr data-opd="{e(opd)}"><th scope="row">{e(name)}</th>{cells}</tr>')
        else:
            foot = f'<tr data-opd=""><th scope="row">{e(t["total"])}</th>{cells}</tr>'
    table = (
        f'<table id="summary-by-opd"><caption>{e(t["by_opd"])}</caption>'
        f'<thead><tr><th scope="col">OPD</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody><tfoot>{foot}</tfoot></table>"
    )
    return verdict, table


def _finding(f: Finding, n: int, report: Report, t: dict[str, str]) -> str:
    rule = report.rule(f)
    lang = report.lang
    status = "" if f.status == "open" else f'<span class="badge st">{e(label(f.status, lang))}</span>'
    parts = [
        f'<article class="finding sev-{e(f.severity)} st-{e(f.status)}" id="f-{n}" data-rule="{e(f.rule_id)}"'
        f' data-severity="{e(f.severity)}" data-status="{e(f.status)}" data-opd="{e(f.opd or "")}">',
        f'<h3><span class="badge {e(f.severity)}">{e(label(f.severity, lang))}</span>{status}'
        f'<code class="rule-id">{e(f.rule_id)}</code> {e(report.title(f))}</h3>',
        f'<p class="message">{e(report.message(f))}</p>',
        f'<p class="where">{e(t["location"])}: <code class="loc">'
        f"{e(_loc(f.location.file, f.location.line, f.location.column))}</code>"
        + (f" · {e(t['record'])}: <code>{e(f.record)}</code>" if f.record else "")
        + (f" ({e(f.record_kind)})" if f.record_kind else "")
        + "</p>",
    ]
    pack = report.packs.get(f.regulation)
    reg = f"{pack.title}, " if pack else ""
    parts.append(
        f'<p class="citation">{e(t["citation"])}: <span class="cite">{e(reg + f.citation)}</span></p>'
    )
    if rule.excerpt:
        parts.append(f'<blockquote class="excerpt" title="{e(t["excerpt"])}">{e(rule.excerpt)}</blockquote>')
    if f.status == "excepted" and f.exception:
        exc = next((x for x in rule.exceptions if x.id == f.exception), None)
        body = f"{e(t['exception'])}: <code>{e(f.exception)}</code>"
        if f.exception_citation:
            body += f" — {e(f.exception_citation)}"
        if exc is not None and exc.excerpt:
            body += f'<blockquote class="excerpt">{e(exc.excerpt)}</blockquote>'
        parts.append(f'<div class="settle exception">{body}</div>')
    elif f.status == "waived":
        w = report.waiver(f.exception)
        body = f"{e(t['waiver'])}: <code>{e(f.exception or '')}</code>"
        if w is not None:
            body += f' — {e(t["reason"])}: <span class="reason">{e(w.reason)}</span>'
            if w.approved_by:
                body += f"; {e(t['approved_by'])}: {e(w.approved_by)}"
            where = _loc(w.location.file, w.location.line)
            body += f"; {e(t['expires'])}: {e(w.expires)} (<code>{e(where)}</code>)"
        parts.append(f'<div class="settle waiver">{body}</div>')
    if f.evidence:
        items = []
        for ev in f.evidence:
            where = (
                f' <span class="loc">{e(_loc(ev.location.file, ev.location.line))}</span>'
                if ev.location
                else ""
            )
            items.append(
                f'<li><span class="name">{e(ev.name)}</span>: <code>{e(ev.value)}</code>{where}</li>'
            )
        parts.append(
            f'<div class="evidence-block">{e(t["evidence"])}:<ol class="evidence">{"".join(items)}</ol></div>'
        )
    parts.append("</article>")
    return "\n".join(parts)


def _findings(report: Report, t: dict[str, str]) -> str:
    if not report.findings:
        return f'<p class="none">{e(t["none"])}</p>'
    out, n = [], 0
    for opd, group in by_opd(report.findings).items():
        counts = status_counts(group)
        out.append(f'<section class="opd" id="opd-{e(_slug(opd))}" data-opd="{e(opd)}">')
        name = t["no_opd"] if opd == "-" else opd
        out.append(f"<h2>{e(name)} <small>({counts['total']})</small></h2>")
        for f in group:
            n += 1
            out.append(_finding(f, n, report, t))
        out.append("</section>")
    return "\n".join(out)


def _waivers(report: Report, t: dict[str, str]) -> str:
    if not report.waivers:
        return ""
    states = waiver_states(report)
    matched_by: dict[str, int] = {}
    for f in report.findings:
        if f.status == "waived" and f.exception:
            matched_by[f.exception] = matched_by.get(f.exception, 0) + 1
    rows = []
    for w in report.waivers:
        state, matched = states[w.location], matched_by.get(w.id, 0)
        rows.append(
            f'<tr data-waiver="{e(w.id)}" data-state="{state}"><td><code>{e(w.id)}</code></td>'
            f"<td><code>{e(w.rule)}</code></td><td><code>{e(w.record)}</code></td><td>{e(w.reason)}</td>"
            f"<td>{e(w.approved_by or '—')}</td><td>{e(w.expires)}</td><td>{e(t[state])}</td>"
            f'<td class="n">{matched}</td>'
            f"<td><code>{e(_loc(w.location.file, w.location.line))}</code></td></tr>"
        )
    head = "".join(
        f"<th>{e(h)}</th>"
        for h in (
            "id",
            t["rule"],
            t["record"],
            t["reason"],
            t["approved_by"],
            t["expires"],
            t["state"],
            t["matched"],
            t["location"],
        )
    )
    return (
        f'<section id="waivers"><h2>{e(t["waivers"])}</h2><table id="waiver-table"><thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _rules(report: Report, t: dict[str, str]) -> str:
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.rule_id] = counts.get(f.rule_id, 0) + 1
    rows = []
    for r in report.rules():
        title = r.title.get(report.lang) or r.title.get("id") or r.id
        reading = (
            f"<details><summary>{e(t['reading'])}</summary>{e(r.reading)}</details>" if r.reading else ""
        )
        severity = label(r.severity, report.lang) if r.severity in LABELS else r.severity
        rows.append(
            f'<tr data-rule="{e(r.id)}"><td><code>{e(r.id)}</code></td><td>{e(title)}{reading}</td>'
            f"<td>{e(severity)}"
            f'</td><td>{e(r.citation)}</td><td class="n">{counts.get(r.id, 0)}</td></tr>'
        )
    head = "".join(f"<th>{e(h)}</th>" for h in (t["rule"], "", t["severity"], t["citation"], t["count"]))
    return f'<table id="rule-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def render(report: Report) -> str:
    t = T[report.lang]
    verdict, summary = _summary(report, t)
    return PAGE.substitute(
        lang=e(report.lang),
        version=e(report.tool_version),
        title=e(t["title"]),
        css=CSS.strip(),
        meta=_meta(report, t),
        summary_heading=e(t["summary"]),
        verdict=verdict,
        summary=summary,
        findings_heading=e(t["findings"]),
        findings=_findings(report, t),
        waivers=_waivers(report, t),
        rules_heading=e(t["rules"]),
        rules=_rules(report, t),
        as_of_label=e(t["as_of"]),
        as_of=e(report.as_of),
    )
