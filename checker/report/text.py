"""The report for a person at a terminal: findings grouped by OPD, then a summary line."""

from __future__ import annotations

import re
from collections import Counter

from checker.i18n import label, tr
from checker.model import Finding
from checker.report import Report, remedy_lines

LABEL = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
_COLOURS = {"ERROR": "\x1b[31;1m", "WARNING": "\x1b[33m", "INFO": "\x1b[36m"}  # red, yellow, cyan
_LABEL_COLUMN = re.compile(r"(?m)^(\S[^\n]*?:\d+  )(ERROR|WARNING|INFO)\b")


def paint(text: str) -> str:
    """The severity column of a rendered text report in colour, for a terminal. Applied to the
    report after its control characters were escaped, so these are the only escapes in it."""
    return _LABEL_COLUMN.sub(lambda m: f"{m[1]}{_COLOURS[m[2]]}{m[2]}\x1b[0m", text)


def render(report: Report) -> str:
    lang = report.lang
    lines: list[str] = []
    groups: dict[str, list[Finding]] = {}
    for f in report.findings:
        groups.setdefault(f.opd or "-", []).append(f)
    for opd in sorted(groups):
        lines.append(f"== {opd} ==")
        for f in groups[opd]:
            status = (
                f"  [{label(f.status, lang)}: {f.exception}{_until(report, f)}]"
                if f.status in ("excepted", "waived")
                else ""
            )
            lines.append(
                f"{f.location.short}  {LABEL[f.severity]:<7}  {f.rule_id}  "
                f"{f.message.get(lang)} ({f.citation}){status}"
            )
            lines += [f"    → {line}" for line in remedy_lines(f, lang)]
        lines.append("")
    lines += [f"{tr('note', lang)}: {n.text(lang)}" for n in report.notices]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _until(report: Report, f: Finding) -> str:
    """For a waived finding: the waiver's reason and expiry."""
    waiver = report.waiver(f.exception) if f.status == "waived" else None
    return f" — {waiver.reason} (≤ {waiver.expires})" if waiver else ""


def summary(report: Report) -> str:
    lang = report.lang
    open_ = Counter(f.severity for f in report.findings if f.status in ("open", "uncheckable"))
    other = Counter(f.status for f in report.findings if f.status not in ("open", "uncheckable"))
    parts = [tr(f"summary.{s}", lang, n=open_[s]) for s in ("error", "warning", "info")]
    parts += [tr(f"summary.{s}", lang, n=n) for s, n in sorted(other.items())]
    return tr(
        "summary.line",
        lang,
        findings=tr("summary.findings", lang, n=len(report.findings)),
        counts=", ".join(parts),
        regulations=", ".join(sorted(report.packs)),
        as_of=report.as_of,
    )
