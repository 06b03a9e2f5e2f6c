"""GitHub Actions workflow commands: one annotation per finding, shown on the file and line.

    ::error file=F,line=L,col=C,title=RULE::message (citation)

Open and uncheckable findings use the level of their severity (error, warning, notice); waived and
excepted ones are notices that say so, so nothing is hidden. Values are escaped as the runner expects:
in the message `%`, CR and LF; in properties also `:` and `,`.
"""

from __future__ import annotations

from checker.model import Finding
from checker.report import Report, posix, remedy_lines

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, report: Report) -> str:
    message = f"{report.message(f)} ({f.citation})" if f.citation else report.message(f)
    level = COMMAND[f.severity]
    if f.status == "waived":
        level = "notice"
        waiver = report.waiver(f.exception)
        message += f" [waived: {f.exception}" + (
            f" — {waiver.reason}, until {waiver.expires}]" if waiver else "]"
        )
    elif f.status == "excepted":
        level = "notice"
        cited = f" ({f.exception_citation})" if f.exception_citation else ""
        message += f" [excepted: {f.exception}{cited}]"
    message = "\n".join([message, *remedy_lines(f, report.lang)])
    if f.location.sheet:  # a workbook: GitHub marks row and column; the cell says which sheet
        message = f"[{f.location.cell}] {message}"
    props = {
        "file": posix(f.location.file),
        "line": str(f.location.line),
        "col": str(f.location.column),
        "title": f"{f.rule_id}: {report.title(f)}" if report.title(f) else f.rule_id,
    }
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{level} {joined}::{escape_data(message)}"


def render(report: Report) -> str:
    notes = "".join(f"::warning::{escape_data(n.text(report.lang))}\n" for n in report.notices)
    return notes + "".join(annotation(f, report) + "\n" for f in report.findings)
