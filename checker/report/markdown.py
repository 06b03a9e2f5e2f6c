"""Markdown for a pull-request comment: the verdict, counts by OPD and severity, the findings that
count, and the waived and excepted ones folded away. Kept under GitHub's 65,536-character limit for
a comment: past it the remaining findings are counted, not listed."""

from __future__ import annotations

import html

from checker.i18n import label, labels
from checker.model import Finding
from checker.report import Report, opd_table, posix, remedy_lines, status_counts

MAX_CHARS = 60_000


def cell(text: str) -> str:
    """Text safe inside a table cell: no HTML, no pipes, no line breaks."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def code(text: str) -> str:
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def _where(f: Finding) -> str:
    return code(posix(f.location.file) + f.location.short[len(f.location.file) :])


def _basis(f: Finding, report: Report) -> str:
    if f.status == "waived":
        w = report.waiver(f.exception)
        if w is None:
            return cell(f.exception or "")
        by = f", {w.approved_by}" if w.approved_by else ""
        return f"{code(w.id)}: {cell(w.reason)}{cell(by)} (≤ {w.expires})"
    cited = f" ({f.exception_citation})" if f.exception_citation else ""
    return code(f.exception or "") + cell(cited)


def _message(f: Finding, report: Report) -> str:
    """The message, and under it how to put the finding right."""
    return "<br>".join([cell(report.message(f)), *(cell(line) for line in remedy_lines(f, report.lang))])


def render(report: Report) -> str:
    t = labels("markdown", report.lang)
    lang = report.lang
    counts = status_counts(report.findings)
    failing = [f for f in report.findings if report.failing(f)]
    regs = ", ".join(report.packs[p].title for p in sorted(report.packs)) or report.command
    verdict = t["fails"] if failing else t["passes"]
    out = [
        f"## {t['heading']}: {cell(regs)}",
        "",
        f"**{verdict}** ({t['fail_on']} `{report.fail_on}`) — {t['as_of']} {report.as_of} — "
        + ", ".join(
            f"{counts[s]} {label(s, lang)}" for s in ("error", "warning", "info", "excepted", "waived")
        ),
        "",
        *(f"> **{t['note']}:** {cell(n.text(lang))}\n" for n in report.notices),
    ]
    if report.findings:
        cols = ("error", "warning", "info", "excepted", "waived")
        out += [f"### {t['by_opd']}", "", "| OPD | " + " | ".join(label(c, lang) for c in cols) + " |"]
        out.append("|---|" + "--:|" * len(cols))
        for opd, c in opd_table(report.findings):
            name = (cell(opd) if opd != "-" else t["no_opd"]) if opd else f"**{t['total']}**"
            out.append(f"| {name} | " + " | ".join(str(c[k]) for k in cols) + " |")
        out.append("")
    counted = [f for f in report.findings if f.status in ("open", "uncheckable")]
    settled = [f for f in report.findings if f.status not in ("open", "uncheckable")]
    out += [f"### {t['findings']}", ""]
    if not counted:
        out += [t["none"], ""]
    else:
        out.append(f"| {t['severity']} | {t['rule']} | {t['where']} | {t['message']} | {t['citation']} |")
        out.append("|---|---|---|---|---|")
        rows = [
            f"| {label(f.severity, lang)}{' (' + label(f.status, lang) + ')' if f.status != 'open' else ''} "
            f"| {code(f.rule_id)} | {_where(f)} | {_message(f, report)} | {cell(f.citation)} |"
            for f in counted
        ]
        out += _capped(rows, sum(map(len, out)), t["more"])
        out.append("")
    if settled:
        out += [f"<details><summary>{t['settled']} ({len(settled)})</summary>", ""]
        out.append(f"| {t['status']} | {t['rule']} | {t['where']} | {t['message']} | {t['why']} |")
        out.append("|---|---|---|---|---|")
        rows = [
            f"| {label(f.status, lang)} | {code(f.rule_id)} | {_where(f)} | {cell(report.message(f))} "
            f"| {_basis(f, report)} |"
            for f in settled
        ]
        out += _capped(rows, sum(map(len, out)), t["more"])
        out += ["", "</details>", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _capped(rows: list[str], used: int, more: str) -> list[str]:
    kept: list[str] = []
    for i, row in enumerate(rows):
        if used + len(row) > MAX_CHARS:
            return [*kept, "", f"… {len(rows) - i} {more}"]
        kept.append(row)
        used += len(row) + 1
    return kept
