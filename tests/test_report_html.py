"""The HTML audit report, opened in headless Chromium: what renders is what an auditor sees.

Chromium is Debian's `chromium` package (`.ci/run` installs it). Without it the test is skipped,
unless `CI` or `SISTEMKERJA_REQUIRE_CHROMIUM` is set: then a missing browser fails the run.
"""

from __future__ import annotations

import html.parser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.model import Location, Text
from checker.report import renderer
from tests.test_report_formats import AWKWARD, _finding, sample_report

BROWSERS = ("chromium", "chromium-browser")


def _set(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    reason = "headless Chromium not installed (apt-get install chromium)"
    if any(_set(name) for name in ("CI", "SISTEMKERJA_REQUIRE_CHROMIUM")):
        pytest.fail(reason + "; required because CI or SISTEMKERJA_REQUIRE_CHROMIUM is set")
    pytest.skip(reason)


def dump_dom(page: Path, tmp_path: Path) -> str:
    """Load the page in headless Chromium, offline, and return the DOM after rendering."""
    cmd = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


class DOM(html.parser.HTMLParser):
    """Just enough of the rendered DOM: elements by id, attributes, and text under each."""

    VOID = {"meta", "br", "link", "img", "input", "hr", "col"}

    def __init__(self, text: str) -> None:
        super().__init__()
        self.stack: list[dict[str, object]] = []
        self.elements: list[dict[str, object]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.stack[-1] if self.stack else None
        el: dict[str, object] = {
            "tag": tag,
            "attrs": {k: v or "" for k, v in attrs},
            "text": [],
            "parent": parent,
        }
        self.elements.append(el)
        if tag not in self.VOID:
            self.stack.append(el)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for el in self.stack:
            el["text"].append(data)  # type: ignore[union-attr]

    def find(self, tag: str | None = None, **attrs: str) -> list[dict[str, object]]:
        return [
            el
            for el in self.elements
            if (tag is None or el["tag"] == tag)
            and all(el["attrs"].get(k.replace("_", "-")) == v for k, v in attrs.items())  # type: ignore[union-attr]
        ]

    def cells(self, row: dict[str, object]) -> list[str]:
        return [self.text(c) for c in self.elements if c["parent"] is row and c["tag"] in ("th", "td")]

    @staticmethod
    def text(el: dict[str, object]) -> str:
        return " ".join("".join(el["text"]).split())  # type: ignore[arg-type]


def test_audit_report_renders_in_chromium(tmp_path: Path) -> None:
    report = sample_report(lang="en")
    page = tmp_path / "audit.html"
    page.write_text(renderer("html")(report), encoding="utf-8")
    dom = DOM(dump_dom(page, tmp_path))

    # the title and the verdict
    assert DOM.text(dom.find("h1")[0]) == "Sistem Kerja Audit Report"
    verdict = dom.find("p", id="verdict")[0]
    assert verdict["attrs"]["data-failing"] == "2"  # type: ignore[index]
    assert DOM.text(verdict) == "FAILS: 2 findings at or above the threshold"

    # the summary by OPD and severity: the numbers shown
    def row(opd: str) -> list[str]:
        return dom.cells(dom.find("tr", data_opd=opd)[0])

    assert row("badan") == ["badan", "0", "1", "1", "0", "0", "2"]
    assert row("dinas") == ["dinas", "1", "0", "0", "1", "1", "3"]
    assert row("-") == ["(no OPD)", "1", "2", "0", "0", "0", "3"]
    assert row("") == ["Total", "2", "3", "1", "1", "1", "8"]

    # one article per finding, each with rule id, citation, excerpt and evidence with file:line
    articles = dom.find("article")
    assert len(articles) == len(report.findings) == 8
    first = next(
        a
        for a in articles
        if a["attrs"]["data-rule"] == "contoh.assessor" and a["attrs"]["data-status"] == "open"
    )  # type: ignore[index]
    text = DOM.text(first)
    assert "contoh.assessor" in text
    assert "Assessor at least administrator" in text
    assert "Perbup Contoh 1/2025, Pasal 15" in text
    assert "Kutipan pasal untuk contoh.assessor." in text
    assert "employee: e-k-1 data/contoh/dinas.yaml:33" in text
    assert "data/contoh/dinas.yaml:37:5" in text

    waived = next(a for a in articles if a["attrs"]["data-status"] == "waived")  # type: ignore[index]
    assert "Reason: Kabid baru dilantik Juni; Approved by: Sekda; Valid until: 2025-06-30" in DOM.text(waived)
    excepted = next(a for a in articles if a["attrs"]["data-status"] == "excepted")  # type: ignore[index]
    assert "contoh.assessor.delegasi — Pasal 3 ayat (2)" in DOM.text(excepted)

    # data shown as text, never run: the awkward message arrives intact
    awkward = next(
        a
        for a in articles
        if a["attrs"]["data-rule"] == "contoh.team-size" and a["attrs"]["data-opd"] == "badan"
    )  # type: ignore[index]
    assert " ".join(AWKWARD.split()) in DOM.text(awkward)
    assert len(dom.find("script")) == 1  # the report's own filter script, nothing from the data

    # the waivers and the rules checked
    states = {
        w["attrs"]["data-waiver"]: w["attrs"]["data-state"]
        for w in dom.find("tr")
        if "data-waiver" in w["attrs"]
    }  # type: ignore[index,operator]
    assert states == {"w-1": "active", "w-old": "expired", "w-none": "unused"}
    rules = {r["attrs"]["data-rule"] for r in dom.find("tr") if "data-rule" in r["attrs"]}  # type: ignore[index,operator]
    assert rules == {
        "contoh.assessor",
        "contoh.team-size",
        "contoh.report-date",
        "contoh.quiet",
        "waiver.expired",
        "waiver.unused",
    }


def test_injected_markup_does_not_run(tmp_path: Path) -> None:
    """Markup in the data (a record id, a message, a file name) stays text in the rendered page."""
    evil = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"><b id=injected>x</b>"
    f = _finding(
        "contoh.assessor",
        "k-1",
        37,
        evil,
        message=Text("Temuan k-1", evil),
        location=Location("data/<b>.yaml", 3, 1),
    )
    page = tmp_path / "evil.html"
    page.write_text(renderer("html")(sample_report(findings=[f])), encoding="utf-8")
    out = dump_dom(page, tmp_path)
    dom = DOM(out)
    assert not dom.find("img") and not dom.find(id="injected") and not dom.find("b")
    assert "data-pwned" not in out.split("<body", 1)[1].split(">", 1)[0]
    assert evil in DOM.text(dom.find("article")[0]).replace("\n", "")


def test_indonesian_report_renders(tmp_path: Path) -> None:
    page = tmp_path / "laporan.html"
    page.write_text(renderer("html")(sample_report(lang="id")), encoding="utf-8")
    dom = DOM(dump_dom(page, tmp_path))
    assert DOM.text(dom.find("h1")[0]) == "Laporan Audit Sistem Kerja"
    assert dom.find("html")[0]["attrs"]["lang"] == "id"  # type: ignore[index]
    assert DOM.text(dom.find("p", id="verdict")[0]).startswith("GAGAL: 2 temuan")


def test_report_names_from_the_records() -> None:
    """What the caller passes as Report.names: names of the regency, OPDs, units and people, the
    unit trees, and the unit each record belongs to, all read from the regency's records."""
    from checker import pipeline
    from checker.report.names import report_names

    root = Path(__file__).resolve().parent.parent
    regency = pipeline.run([str(root / "data" / "examples")], pipeline.Options(solve=False)).regency
    names = report_names([regency])
    assert names.regencies == {"contoh": "Kabupaten Contoh"}
    assert names.name("ex-dinkes") == "Dinas Kesehatan"
    assert names.people["ex-dinkes-e002"] == (
        "Hamdani Nugroho",
        "Sekretaris Dinas Kesehatan",
        "Sekretariat Dinas Kesehatan",
    )
    assert names.units["ex-dinkes-pkm-kota"] == ("ex-dinkes", "ex-dinkes-yankes")
    assert names.unit_of["ex-dinkes-e002"] == "ex-dinkes-sekretariat"
    placement = regency.records["placements"][0]
    assert names.unit_of[placement.id] == placement.data["unit"]


def test_one_language_at_a_time() -> None:
    """Under --lang id no English label of the report shows, and the reverse."""
    from checker.i18n import label, labels

    t_id, t_en = labels("html", "id"), labels("html", "en")
    assert set(t_id) == set(t_en)
    out_id = renderer("html")(sample_report(lang="id"))
    out_en = renderer("html")(sample_report(lang="en"))
    for key, en in t_en.items():
        if en != t_id[key] and "{" not in en:
            for shown in (f">{en}<", f'placeholder="{en}"', f'aria-label="{en}"', f'title="{en}"'):
                assert shown not in out_id, key
            assert f">{t_id[key]}<" not in out_en, key
    assert label("evidence.employee", "id") == "pegawai" and label("kind.placements", "id") == "kedudukan"
    assert "penilai" not in out_en and ">pegawai</span>" in out_id  # evidence labels follow --lang
