"""JUnit XML for CI test dashboards (Jenkins, GitLab, Azure DevOps, GitHub test-report actions).

One <testsuite> per regulation (plus "waivers" when waivers were read, and "data" for data problems).
Tests are grouped by rule: `classname` is the rule id. A rule with no finding is one passing
testcase named by its id. A rule with findings has one testcase per finding, because dashboards show
only one <failure> per testcase. Names are what dashboards track a test's history by, so they never
hold a line number or translated text: `RULE RECORD`, and when a rule fires more than once on one
record, the evidence values after it (then `#2`, `#3`, ... if even those agree); see `case_names`.

- open or uncheckable, at or above --fail-on: <failure type="SEVERITY" message="...">;
- waived: <skipped> with the waiver's reason; excepted: <skipped> with the exception;
- below --fail-on: passes, the finding in <system-out>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from checker.model import Finding, Location
from checker.report import DATA_REGULATION, WAIVERS_REGULATION, Report, in_force, posix, remedy_lines
from checker.report.output import visible

_NONCHARACTERS = re.compile("[\ufffe\uffff]")  # not allowed in XML 1.0, and with no escape


def _clean(text: str) -> str:
    """XML 1.0 cannot carry control characters: they are written as their escapes (\\x1b)."""
    return _NONCHARACTERS.sub("\ufffd", visible(text))


def _details(f: Finding, report: Report) -> str:
    rule = report.rule(f)
    lines = [
        _where(f.location),
        f"{f.rule_id} [{f.severity}] {report.title(f)}",
        report.message(f),
        *remedy_lines(f, report.lang),
        f"{f.citation}: {rule.excerpt}".rstrip(": ") if rule.excerpt else f.citation,
    ]
    if f.record:
        lines.append(f"record: {f.record}" + (f" ({f.record_kind})" if f.record_kind else ""))
    for e in f.evidence:
        where = f" ({_where(e.location, column=False)})" if e.location else ""
        lines.append(f"  {e.name}: {e.value}{where}")
    return "\n".join(line for line in lines if line)


def _where(loc: Location, column: bool = True) -> str:
    """file:line(:column), or file:Sheet!B12 for a workbook cell."""
    if loc.sheet:
        return f"{posix(loc.file)}:{loc.cell}"
    return f"{posix(loc.file)}:{loc.line}" + (f":{loc.column}" if column else "")


def case_names(findings: list[Finding]) -> list[str]:
    """A stable, unique testcase name per finding (same order): rule id and record id (the file, for a
    finding on no record), made unique by the evidence values, then by a counter in report order."""
    base = [f"{f.rule_id} {f.record or posix(f.location.file)}" for f in findings]
    clashing = {n for n, k in Counter(base).items() if k > 1}
    names = [
        n + " [" + ", ".join(f"{e.name}={e.value}" for e in f.evidence) + "]" if n in clashing else n
        for n, f in zip(base, findings, strict=True)
    ]
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} #{seen[n]}")
    return out


def _testcase(f: Finding, name: str, report: Report) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "classname": f.rule_id,
            "name": _clean(name),
            "file": posix(f.location.file),
            "line": str(f.location.line),
            "time": "0",
        },
    )
    details = _clean(_details(f, report))
    message = _clean(f"{report.message(f)} ({f.citation})" if f.citation else report.message(f))
    if report.failing(f):
        failure = ET.SubElement(case, "failure", {"type": f.severity, "message": message})
        failure.text = details
    elif f.status == "waived":
        waiver = report.waiver(f.exception)
        why = f"waived by {f.exception}" + (f": {waiver.reason} (until {waiver.expires})" if waiver else "")
        ET.SubElement(case, "skipped", {"message": _clean(why)})
        ET.SubElement(case, "system-out").text = details
    elif f.status == "excepted":
        cited = f" ({f.exception_citation})" if f.exception_citation else ""
        ET.SubElement(case, "skipped", {"message": _clean(f"excepted: {f.exception}{cited}")})
        ET.SubElement(case, "system-out").text = details
    else:
        ET.SubElement(case, "system-out").text = f"[{f.status}, below --fail-on {report.fail_on}]\n{details}"
    return case


def _suites(report: Report) -> dict[str, tuple[list[tuple[str, str]], list[Finding]]]:
    """suite name -> ((rule id, title) of every rule checked, findings), in a stable order."""
    suites: dict[str, tuple[list[tuple[str, str]], list[Finding]]] = {}
    for pack_id in sorted(report.packs):
        pack = report.packs[pack_id]
        rules = [
            (r.id, r.title.get(report.lang) or r.title.get("id") or r.id)
            for r in pack.rules.values()
            if in_force(r, report.as_of)
        ]
        suites[pack_id] = (sorted(rules), [])
    if report.waivers:
        from checker.waivers import RULES

        suites[WAIVERS_REGULATION] = (sorted((r.id, r.title[report.lang]) for r in RULES.values()), [])
    if report.command == "validate":
        title = "skema dan integritas data" if report.lang == "id" else "data schema and integrity"
        suites[DATA_REGULATION] = ([(DATA_REGULATION, title)], [])
    for f in report.findings:
        suites.setdefault(f.regulation, ([], []))[1].append(f)
    return suites


def render(report: Report) -> str:
    root = ET.Element("testsuites", {"name": "sistemkerja"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for name, (rules, findings) in _suites(report).items():
        suite = ET.SubElement(root, "testsuite", {"name": name})
        props = ET.SubElement(suite, "properties")
        for key, value in (("as_of", report.as_of), ("fail_on", report.fail_on), ("lang", report.lang)):
            ET.SubElement(props, "property", {"name": key, "value": value})
        with_findings = {f.rule_id for f in findings}
        for rule_id, _title in rules:
            if rule_id not in with_findings and not (rule_id == DATA_REGULATION and findings):
                suite.append(
                    ET.Element("testcase", {"classname": rule_id, "name": _clean(rule_id), "time": "0"})
                )
        for f, case_name in zip(findings, case_names(findings), strict=True):
            suite.append(_testcase(f, case_name, report))
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(c.find("failure") is not None for c in cases),
            "errors": 0,
            "skipped": sum(c.find("skipped") is not None for c in cases),
        }
        for key, value in counts.items():
            suite.set(key, str(value))
        suite.set("time", "0")
        for key in totals:
            totals[key] += counts[key]
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    root.set("skipped", str(totals["skipped"]))
    root.set("time", "0")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
