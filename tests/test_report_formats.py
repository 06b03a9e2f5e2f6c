"""Every report format rendered from the same findings, parsed back and compared.

The findings are built here, not by the engine, so each status, severity and awkward character is
covered whatever the rule packs say today.
"""

from __future__ import annotations

import html.parser
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
from jsonschema import Draft4Validator

from checker.model import Evidence, Finding, Location, Text
from checker.packs import Exception_, Pack, Rule
from checker.report import FORMATS, Report, problem_findings, renderer
from checker.report.github import escape_data, escape_property
from checker.waivers import Waiver, waiver_findings

TESTS = Path(__file__).resolve().parent
SARIF_SCHEMA = json.loads((TESTS / "vendor" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DATA = "data/contoh/dinas.yaml"
AWKWARD = 'Pesan 100% "aneh": a,b | <script>alert(1)</script>\nbaris kedua'


def _rule(rule_id: str, severity: str, title: str, exceptions: list[Exception_] | None = None) -> Rule:
    return Rule(
        id=rule_id,
        title={"id": f"{title} (id)", "en": title},
        severity=severity,
        citation=f"Pasal {len(rule_id)}",
        excerpt=f"Kutipan pasal untuk {rule_id}.",
        message={"id": "-", "en": "-"},
        topic="kedudukan",
        source="kedudukan.yaml",
        reading="Dibaca secara harfiah.",
        exceptions=exceptions or [],
    )


RULES = {
    "contoh.assessor": _rule(
        "contoh.assessor",
        "error",
        "Assessor at least administrator",
        [Exception_("contoh.assessor.delegasi", "Pasal 3 ayat (2)", "kecuali didelegasikan")],
    ),
    "contoh.team-size": _rule("contoh.team-size", "warning", "Team has at least three members"),
    "contoh.report-date": _rule("contoh.report-date", "info", "Report date known"),
    "contoh.quiet": _rule("contoh.quiet", "error", "A rule nothing breaks"),
}


def _pack() -> Pack:
    return Pack(
        id="perbup-contoh-1-2025",
        path=TESTS / "fixtures" / "packs" / "perbup-contoh-1-2025",
        regulation={
            "id": "perbup-contoh-1-2025",
            "short_title": "Perbup Contoh 1/2025",
            "in_force": "2025-01-01",
        },
        rules=RULES,
        not_enacted={},
        parameters={},
        programs=[],
    )


def _finding(rule_id: str, record: str, line: int, opd: str | None, **kw: object) -> Finding:
    rule = RULES[rule_id]
    base: dict[str, object] = {
        "rule_id": rule_id,
        "severity": rule.severity,
        "regulation": "perbup-contoh-1-2025",
        "citation": rule.citation,
        "record": record,
        "record_kind": "placements",
        "location": Location(DATA, line, 5),
        "opd": opd,
        "message": Text(f"Temuan {record}", f"Finding {record}"),
        "evidence": (
            Evidence("employee", f"e-{record}", Location(DATA, line - 4, 5)),
            Evidence("grade", "pengawas"),
        ),
        "title": Text(rule.title["id"], rule.title["en"]),
    }
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


WAIVERS = [
    Waiver(
        "w-1",
        "contoh.assessor",
        "k-w*",
        "Kabid baru dilantik Juni",
        "2025-06-30",
        Location("waivers.yaml", 2, 5),
        "Sekda",
    ),
    Waiver("w-old", "contoh.assessor", "k-x", "lapsed", "2025-01-31", Location("waivers.yaml", 8, 5)),
    Waiver("w-none", "contoh.team-size", "t-none", "nothing", "2025-12-31", Location("waivers.yaml", 12, 5)),
]


def sample_findings() -> list[Finding]:
    found = [
        _finding("contoh.assessor", "k-1", 37, "dinas"),
        _finding(
            "contoh.assessor",
            "k-2",
            38,
            "dinas",
            status="excepted",
            exception="contoh.assessor.delegasi",
            exception_citation="Pasal 3 ayat (2)",
        ),
        _finding("contoh.assessor", "k-w1", 39, "dinas", status="waived", exception="w-1"),
        _finding("contoh.team-size", "t-1", 50, "badan", message=Text(AWKWARD, AWKWARD)),
        _finding("contoh.report-date", "r-1", 60, "badan", severity="info", status="uncheckable"),
        _finding("contoh.team-size", "t-2", 61, None, location=Location("data/contoh/a,b:c%.yaml", 3, 7)),
    ]
    found += waiver_findings(WAIVERS, used={w for w in WAIVERS if w.id == "w-1"}, expired={w for w in WAIVERS if w.id == "w-old"})
    return sorted(found, key=Finding.sort_key)


def sample_report(lang: str = "en", fail_on: str = "error", findings: list[Finding] | None = None) -> Report:
    return Report(
        findings=sample_findings() if findings is None else findings,
        packs={"perbup-contoh-1-2025": _pack()},
        as_of="2025-03-01",
        inputs=["data/contoh"],
        regencies=["contoh"],
        lang=lang,
        tool_version="0.1.0",
        waivers=list(WAIVERS),
        fail_on=fail_on,
    )


def key(f: Finding) -> tuple[str, str, int, str]:
    return (f.rule_id, f.location.file, f.location.line, f.status)


# ---- parsers: each format back to (rule id, file, line, status) where the format carries it


def parse_text(out: str) -> list[tuple[str, str, int]]:
    rows = re.findall(r"^(\S+):(\d+)  \w+ +(\S+)  ", out, flags=re.M)
    return [(rule, file, int(line)) for file, line, rule in rows]


def parse_json(out: str) -> list[tuple[str, str, int, str]]:
    doc = json.loads(out)
    return [
        (f["rule_id"], f["location"]["file"], f["location"]["line"], f["status"]) for f in doc["findings"]
    ]


SARIF_STATUS = {
    ("fail", False): "open",
    ("fail", True): "waived",
    ("review", False): "uncheckable",
    ("pass", False): "excepted",
}


def parse_sarif(out: str) -> list[tuple[str, str, int, str]]:
    run = json.loads(out)["runs"][0]
    rows = []
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]
        status = SARIF_STATUS[(r["kind"], bool(r.get("suppressions")))]
        rows.append(
            (r["ruleId"], unquote(loc["artifactLocation"]["uri"]), loc["region"]["startLine"], status)
        )
    return rows


def parse_junit(out: str) -> list[tuple[str, str, int, str]]:
    rows = []
    for case in ET.fromstring(out).iter("testcase"):
        if "file" not in case.attrib:
            continue  # a rule without findings
        skipped = case.find("skipped")
        if case.find("failure") is not None:
            status = "failing"
        elif skipped is not None:
            status = "waived" if skipped.get("message", "").startswith("waived") else "excepted"
        else:
            status = "passing"
        rows.append((case.get("classname", ""), case.get("file", ""), int(case.get("line", "0")), status))
    return rows


GITHUB = re.compile(r"^::(error|warning|notice) (.*?)::(.*)$")


def unescape(text: str) -> str:
    return re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), text)


def parse_github(out: str) -> list[dict[str, str]]:
    rows = []
    for line in out.splitlines():
        m = GITHUB.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        rows.append(
            {
                "level": m.group(1),
                **{k: unescape(v) for k, v in props.items()},
                "message": unescape(m.group(3)),
            }
        )
    return rows


def parse_markdown(out: str) -> list[tuple[str, str, int]]:
    rows = re.findall(r"^\|[^|]*\| `([^`]+)` \| `(.+?):(\d+)` \|", out, flags=re.M)
    return [(rule, file, int(line)) for rule, file, line in rows]


class _Articles(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, int, str]] = []
        self.pending: dict[str, str] | None = None
        self.in_loc = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "article":
            self.pending = a
        elif tag == "code" and a.get("class") == "loc" and self.pending is not None:
            self.in_loc = True

    def handle_data(self, data: str) -> None:
        if self.in_loc and self.pending is not None:
            file, line, _col = data.rsplit(":", 2)
            self.rows.append((self.pending["data-rule"], file, int(line), self.pending["data-status"]))
            self.pending, self.in_loc = None, False


def parse_html(out: str) -> list[tuple[str, str, int, str]]:
    parser = _Articles()
    parser.feed(out)
    return parser.rows


# ---- tests


def test_every_format_is_registered_and_deterministic() -> None:
    assert set(FORMATS) == {"text", "json", "sarif", "junit", "github", "markdown", "html"}
    for fmt in FORMATS:
        for lang in ("id", "en"):
            first = renderer(fmt)(sample_report(lang))
            assert first == renderer(fmt)(sample_report(lang)), fmt
            assert first.endswith("\n"), fmt


def test_each_format_parses_back_to_the_same_findings() -> None:
    report = sample_report()
    findings = report.findings
    full = sorted(key(f) for f in findings)
    assert sorted(parse_json(renderer("json")(report))) == full
    assert sorted(parse_sarif(renderer("sarif")(report))) == full
    assert sorted(parse_html(renderer("html")(report))) == full
    located = sorted((f.rule_id, f.location.file, f.location.line) for f in findings)
    assert sorted(parse_text(renderer("text")(report))) == located
    assert sorted(parse_markdown(renderer("markdown")(report))) == located
    gh = parse_github(renderer("github")(report))
    assert sorted((g["title"].split(":")[0], g["file"], int(g["line"])) for g in gh) == located
    junit_status = {"open": "passing", "uncheckable": "passing", "excepted": "excepted", "waived": "waived"}
    expected = sorted(
        (
            f.rule_id,
            f.location.file,
            f.location.line,
            "failing" if report.failing(f) else junit_status[f.status],
        )
        for f in findings
    )
    assert sorted(parse_junit(renderer("junit")(report))) == expected


def test_json_carries_everything() -> None:
    report = sample_report()
    doc = json.loads(renderer("json")(report))
    assert doc["schema_version"] == "1.3"
    assert doc["summary"] == {
        "total": 8,
        "error": 2,
        "warning": 3,
        "info": 1,
        "excepted": 1,
        "waived": 1,
        "failing": 2,
    }
    by_record = {f["record"]["id"]: f for f in doc["findings"]}
    assert by_record["k-w1"]["waiver"]["reason"] == "Kabid baru dilantik Juni"
    assert by_record["k-w1"]["waiver"]["approved_by"] == "Sekda"
    assert by_record["k-2"]["exception"] == {"id": "contoh.assessor.delegasi", "citation": "Pasal 3 ayat (2)"}
    assert by_record["t-1"]["message"]["en"] == AWKWARD
    assert {w["id"]: w["state"] for w in doc["waivers"]} == {
        "w-1": "active",
        "w-old": "expired",
        "w-none": "unused",
    }


def test_sarif_is_valid_and_complete() -> None:
    report = sample_report()
    doc = json.loads(renderer("sarif")(report))
    Draft4Validator.check_schema(SARIF_SCHEMA)
    Draft4Validator(SARIF_SCHEMA).validate(doc)
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    # every rule of the pack, even one nothing breaks, and the waiver rules that fired
    assert set(rules) == {*RULES, "waiver.expired", "waiver.unused"}
    assessor = rules["contoh.assessor"]
    assert assessor["shortDescription"]["text"] == "Assessor at least administrator"
    assert "Perbup Contoh 1/2025, Pasal 15" in assessor["help"]["text"]
    assert "Kutipan pasal untuk contoh.assessor." in assessor["help"]["text"]
    assert assessor["defaultConfiguration"]["level"] == "error"
    assert assessor["properties"]["citation"] == "Pasal 15"
    results = run["results"]
    assert [r["ruleIndex"] for r in results] == [list(rules).index(r["ruleId"]) for r in results]
    by_record = {r["locations"][0]["logicalLocations"][0]["name"]: r for r in results}
    open_ = by_record["k-1"]
    phys = open_["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": DATA, "uriBaseId": "SRCROOT"}
    assert phys["region"] == {"startLine": 37, "startColumn": 5}
    assert (open_["kind"], open_["level"]) == ("fail", "error")
    assert open_["relatedLocations"][0]["message"]["text"] == "employee: e-k-1"
    waived = by_record["k-w1"]
    assert waived["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Kabid baru dilantik Juni",
            "location": {
                "physicalLocation": {
                    "artifactLocation": {"uri": "waivers.yaml", "uriBaseId": "SRCROOT"},
                    "region": {"startLine": 2, "startColumn": 5},
                }
            },
            "properties": {"waiver": "w-1", "expires": "2025-06-30", "approvedBy": "Sekda"},
        }
    ]
    assert (by_record["k-2"]["kind"], by_record["k-2"]["level"]) == ("pass", "none")
    assert (by_record["r-1"]["kind"], by_record["r-1"]["level"]) == ("review", "none")
    odd = by_record["t-2"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert odd == "data/contoh/a%2Cb%3Ac%25.yaml" and unquote(odd) == "data/contoh/a,b:c%.yaml"
    assert run["automationDetails"]["id"] == "sistemkerja/check/contoh/"
    assert run["invocations"][0]["exitCode"] == 1
    assert "guid" not in json.dumps(doc).lower()


def test_sarif_valid_when_clean() -> None:
    doc = json.loads(renderer("sarif")(sample_report(findings=[])))
    Draft4Validator(SARIF_SCHEMA).validate(doc)
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["invocations"][0]["exitCode"] == 0


def test_sarif_absolute_paths_become_file_uris() -> None:
    f = _finding("contoh.assessor", "k-9", 3, "dinas", location=Location("/srv/data/dinas.yaml", 3, 1))
    doc = json.loads(renderer("sarif")(sample_report(findings=[f])))
    Draft4Validator(SARIF_SCHEMA).validate(doc)
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "file:///srv/data/dinas.yaml"}


@pytest.mark.parametrize("fail_on,failures", [("error", 2), ("warning", 5), ("info", 6), ("never", 0)])
def test_junit_failures_follow_fail_on(fail_on: str, failures: int) -> None:
    report = sample_report(fail_on=fail_on)
    root = ET.fromstring(renderer("junit")(report))
    assert root.tag == "testsuites"
    assert int(root.get("failures", "-1")) == failures == sum(report.failing(f) for f in report.findings)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"perbup-contoh-1-2025", "waivers"}
    reg = suites["perbup-contoh-1-2025"]
    cases = reg.findall("testcase")
    assert int(reg.get("tests", "0")) == len(cases)
    # every rule is a class; a rule without findings is one passing testcase named by its id
    assert {c.get("classname") for c in cases} == set(RULES)
    quiet = [c for c in cases if c.get("classname") == "contoh.quiet"]
    assert len(quiet) == 1 and quiet[0].get("name") == "contoh.quiet" and len(quiet[0]) == 0
    skipped = {
        c.find("skipped").get("message") for c in root.iter("testcase") if c.find("skipped") is not None
    }
    assert skipped == {
        "waived by w-1: Kabid baru dilantik Juni (until 2025-06-30)",
        "excepted: contoh.assessor.delegasi (Pasal 3 ayat (2))",
    }
    for failure in root.iter("failure"):
        assert failure.get("type") in ("error", "warning", "info")
        assert failure.get("message")


def _junit_names(report: Report) -> list[str]:
    return [c.get("name", "") for c in ET.fromstring(renderer("junit")(report)).iter("testcase")]


def test_junit_names_are_rule_and_record_stable_and_unique() -> None:
    """Dashboards track a test by its name: no line, no translated title, no duplicates."""
    twice = [
        _finding("contoh.assessor", "k-1", 37, "dinas"),
        _finding("contoh.assessor", "k-1", 40, "dinas", evidence=(Evidence("employee", "e-9"),)),
        _finding("contoh.assessor", "k-1", 44, "dinas", evidence=(Evidence("employee", "e-9"),)),
    ]
    findings = sorted(sample_findings() + twice, key=Finding.sort_key)
    names = _junit_names(sample_report(findings=findings))
    assert len(names) == len(set(names))
    assert "contoh.assessor k-2" in names and "contoh.quiet" in names
    assert "contoh.assessor k-1 [employee=e-k-1, grade=pengawas]" in names
    assert {"contoh.assessor k-1 [employee=e-9]", "contoh.assessor k-1 [employee=e-9] #2"} <= set(names)
    assert not any(".yaml:" in n for n in names)  # no file:line
    assert names == _junit_names(sample_report(lang="id", findings=findings))
    moved = [replace(f, location=replace(f.location, line=f.location.line + 100)) for f in findings]
    assert names == _junit_names(sample_report(findings=moved))


def test_junit_survives_control_characters() -> None:
    f = _finding("contoh.assessor", "k-1", 37, "dinas", message=Text("bad", "bad \x01 byte"))
    root = ET.fromstring(renderer("junit")(sample_report(findings=[f])))
    assert "bad \\x01 byte" in root.find(".//failure").get("message", "")  # shown as its escape


def test_github_annotations_escape_and_levels() -> None:
    report = sample_report()
    rows = parse_github(renderer("github")(report))
    by_line = {(r["file"], int(r["line"])): r for r in rows}
    awkward = by_line[(DATA, 50)]
    assert awkward["level"] == "warning"
    assert awkward["message"] == f"{AWKWARD} (Pasal 16)"
    assert awkward["col"] == "5"
    assert awkward["title"] == "contoh.team-size: Team has at least three members"
    odd = by_line[("data/contoh/a,b:c%.yaml", 3)]
    assert odd["col"] == "7"
    assert by_line[(DATA, 39)]["level"] == "notice" and "[waived: w-1" in by_line[(DATA, 39)]["message"]
    assert by_line[(DATA, 38)]["level"] == "notice" and "[excepted:" in by_line[(DATA, 38)]["message"]
    assert by_line[(DATA, 60)]["level"] == "notice"  # info
    assert by_line[("waivers.yaml", 8)]["level"] == "error"
    assert by_line[("waivers.yaml", 12)]["level"] == "warning"
    raw = renderer("github")(report)
    assert "\n" not in raw.rstrip("\n").replace("\n::", "")  # one command per line


def test_github_escaping_rules() -> None:
    assert escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert escape_property("50% a\r\nb: c, d") == "50%25 a%0D%0Ab%3A c%2C d"


def test_markdown_is_safe_and_summarised() -> None:
    out = renderer("markdown")(sample_report())
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "a,b \\| &lt;script&gt;" in out
    assert "**FAILS**" in out
    assert "| badan | 0 | 1 | 1 | 0 | 0 |" in out
    assert "| **total** | 2 | 3 | 1 | 1 | 1 |" in out
    assert "<details><summary>Waived and excepted (2)</summary>" in out


def test_markdown_caps_its_length() -> None:
    many = [_finding("contoh.assessor", f"k-{i:05d}", i + 10, "dinas") for i in range(3000)]
    out = renderer("markdown")(sample_report(findings=many))
    assert len(out) < 65_536
    assert re.search(r"… \d+ more findings not listed", out)


def test_html_is_self_contained_and_escaped() -> None:
    out = renderer("html")(sample_report())
    assert out.startswith("<!DOCTYPE html>")
    # one script, ours, allowed by its hash; links only within the page
    assert out.count("<script") == 1 and "<script>(function () {" in out
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", out)
    assert not re.search(r"""src\s*=|<link|@import|url\(""", out)
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', out))
    assert "default-src 'none'" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "Kutipan pasal untuk contoh.assessor." in out  # the article excerpt
    assert "Kabid baru dilantik Juni" in out  # the waiver's reason


def test_text_shows_waiver_reason() -> None:
    out = renderer("text")(sample_report())
    assert "[waived: w-1 — Kabid baru dilantik Juni (≤ 2025-06-30)]" in out
    assert out.rstrip().endswith("as of 2025-03-01")


def test_problem_findings_render_everywhere() -> None:
    from checker.model import Problem

    problems = [Problem("schema", "units u-1: missing required field 'opd'", Location(DATA, 4, 5), "u-1")]
    report = Report(problem_findings(problems), {}, "", [DATA], lang="en", command="validate")
    sarif = json.loads(renderer("sarif")(report))
    Draft4Validator(SARIF_SCHEMA).validate(sarif)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "schema"
    assert parse_github(renderer("github")(report))[0]["message"].startswith("units u-1: missing")
    root = ET.fromstring(renderer("junit")(report))
    assert [s.get("name") for s in root.iter("testsuite")] == ["data"]
    assert root.get("failures") == "1"
    for fmt in FORMATS:
        assert renderer(fmt)(report)


def test_json_report_matches_its_published_schema(tmp_path, monkeypatch):
    """schemas/check-report.schema.json documents --format json; every report must validate against it."""
    import json as _json
    from pathlib import Path as _Path

    from click.testing import CliRunner
    from jsonschema import Draft202012Validator

    from checker.cli import main

    root = _Path(__file__).resolve().parent.parent
    monkeypatch.delenv("SISTEMKERJA_RULES", raising=False)
    schema = _json.loads((root / "schemas" / "check-report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    out = CliRunner().invoke(main, ["check", str(root / "data" / "examples"), "--format", "json", "--fail-on", "never"])
    doc = _json.loads(out.stdout)
    assert doc["findings"], "the examples give findings"
    errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=str)
    assert errors == []
