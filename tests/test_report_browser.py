"""The HTML audit report driven in a real browser: Playwright for Python on Debian's chromium (the
system browser, `executable_path`; no browser is ever downloaded). Filters hide and show the right
findings, anchors land, charts render with the right counts, nothing logs an error, and the page
degrades to the full list without JavaScript and in print. A screenshot is kept under the test's
tmp dir. Without chromium or playwright the tests skip, unless CI or SISTEMKERJA_REQUIRE_CHROMIUM
is set: then they fail.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from checker.model import Finding
from checker.report import Report, renderer
from checker.report.html import anchors, article_of
from checker.report.names import Names
from tests.test_report_formats import sample_report
from tests.test_report_html import _set

REQUIRED = any(_set(name) for name in ("CI", "SISTEMKERJA_REQUIRE_CHROMIUM"))


def _missing(reason: str) -> None:
    if REQUIRED:
        pytest.fail(reason + "; required because CI or SISTEMKERJA_REQUIRE_CHROMIUM is set")
    pytest.skip(reason)


NAMES = Names(
    regencies={"contoh": "Kabupaten Contoh"},
    records={
        "dinas": "Dinas Contoh",
        "badan": "Badan Contoh",
        "u-dinas": "Dinas Contoh",
        "u-bid": "Bidang Umum",
    },
    people={"e-k-1": ("Siti Aminah", "Kepala Seksi Umum", "Bidang Umum")},
    units={"u-dinas": ("dinas", None), "u-bid": ("dinas", "u-dinas"), "u-badan": ("badan", None)},
    unit_of={"k-1": "u-bid", "k-2": "u-bid", "k-w1": "u-dinas", "t-1": "u-badan", "r-1": "u-badan"},
)


def named_report(lang: str = "en") -> Report:
    return replace(sample_report(lang=lang), names=NAMES)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        _missing("headless Chromium not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


class Page:
    """One page of the report, with every console message and page error it raised."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def visible(self, selector: str) -> list[str]:
        """The ids (or data-finding-link) of the matching elements a reader sees."""
        return [
            el.get_attribute("id") or el.get_attribute("data-finding-link") or ""
            for el in self.page.query_selector_all(selector)
            if el.is_visible()
        ]

    def choose(self, **filters: str) -> None:
        for name, value in filters.items():
            if name == "q":
                self.page.fill("#filters input[name=q]", value)
            else:
                self.page.select_option(f"#filters select[name={name}]", value)


def _write(report: Report, tmp_path: Path, name: str = "audit.html") -> Path:
    page = tmp_path / name
    page.write_text(renderer("html")(report), encoding="utf-8")
    return page


def _expected(report: Report, keep: Any) -> list[str]:
    """The anchors of the findings `keep` accepts, in page order (grouped by OPD)."""
    pairs = list(zip(report.findings, anchors(report.findings), strict=True))
    order = sorted({f.opd or "-" for f in report.findings})
    return [a for opd in order for f, a in pairs if (f.opd or "-") == opd and keep(f)]


def test_filters_hide_and_show_the_right_findings(browser: Any, tmp_path: Path) -> None:
    report = named_report()
    page = Page(browser, _write(report, tmp_path))
    everything = _expected(report, lambda f: True)
    assert page.visible("#by-opd article.finding") == everything
    assert page.page.is_visible("#filters")  # the script ran and showed the form
    assert page.page.inner_text("#shown") == f"{len(everything)} of {len(everything)} findings shown"

    cases: list[tuple[dict[str, str], Any]] = [
        ({"severity": "error"}, lambda f: f.severity == "error"),
        ({"severity": ""}, lambda f: True),
        ({"opd": "badan"}, lambda f: f.opd == "badan"),
        ({"opd": "badan", "status": "uncheckable"}, lambda f: f.opd == "badan" and f.status == "uncheckable"),
        ({"opd": "", "status": "waived"}, lambda f: f.status == "waived"),
        ({"status": "", "rule": "contoh.assessor"}, lambda f: f.rule_id == "contoh.assessor"),
        ({"rule": "", "q": "siti aminah"}, lambda f: f.record == "k-1"),  # a person's name from Report.names
        ({"q": "k-w1"}, lambda f: "k-w1" in f.record),
    ]
    for filters, keep in cases:
        page.choose(**filters)
        want = _expected(report, keep)
        assert want, filters
        assert page.visible("#by-opd article.finding") == want, filters
        # the views by rule and by article follow: the same findings, as links
        assert sorted(page.visible("#by-rule li[data-finding-link]")) == sorted(want), filters
        assert sorted(page.visible("#by-article li[data-finding-link]")) == sorted(want), filters
        assert page.page.inner_text("#shown") == f"{len(want)} of {len(everything)} findings shown"
    page.page.click("#filters button[type=reset]")
    # waits on a selector: a polled JavaScript predicate would need eval, which the page's CSP forbids
    page.page.wait_for_selector(f"#filters[data-shown='{len(everything)}']", state="attached")
    assert page.visible("#by-opd article.finding") == everything
    assert page.errors == []


def test_anchors_land_even_when_filtered_out(browser: Any, tmp_path: Path) -> None:
    report = named_report()
    page = Page(browser, _write(report, tmp_path))
    target = anchors(report.findings)[[f.record for f in report.findings].index("t-2")]
    assert target == "f-contoh.team-size-t-2"  # rule id + record id: stable across runs and lines

    def in_view(anchor: str) -> bool:
        return bool(
            page.page.evaluate(
                "id => { const r = document.getElementById(id).getBoundingClientRect();"
                " return r.height > 0 && r.top >= 0 && r.top < window.innerHeight; }",
                anchor,
            )
        )

    page.page.goto(f"{page.url}#{target}")
    assert in_view(target)
    # a link from the view by rule lands on the finding
    page.page.click(f"#by-rule a[href='#{target}']")
    assert in_view(target)
    # filtered out, then linked to: the filters reset so the link still lands
    page.page.evaluate("() => { location.hash = 'summary'; }")
    page.choose(severity="info")
    assert not page.page.is_visible(f"[id='{target}']")
    page.page.evaluate("id => { location.hash = id; }", target)
    page.page.wait_for_selector(f"[id='{target}']", state="visible")
    assert in_view(target)
    # a citation links to its article in the view by article
    cite = page.page.get_attribute(f"[id='{target}'] a.cite", "href")
    assert cite and page.page.query_selector(cite) is not None
    assert page.errors == []


def test_charts_and_unit_trees_render_with_the_right_counts(browser: Any, tmp_path: Path) -> None:
    report = named_report()
    page = Page(browser, _write(report, tmp_path))

    def bars(chart: str) -> dict[str, int]:
        out = {}
        for g in page.page.query_selector_all(f"#{chart} svg g.bar"):
            box = g.bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0, chart
            segments = [int(r.get_attribute("data-count") or 0) for r in g.query_selector_all("rect")]
            assert sum(segments) == int(g.get_attribute("data-count") or 0)
            out[g.get_attribute("data-key") or ""] = sum(segments)
        return out

    findings: list[Finding] = report.findings
    assert bars("chart-opd") == dict(Counter(f.opd or "-" for f in findings))
    severities = {
        (g.get_attribute("data-key"), r.get_attribute("class")): int(r.get_attribute("data-count") or 0)
        for g in page.page.query_selector_all("#chart-opd g.bar")
        for r in g.query_selector_all("rect")
    }
    assert severities == dict(Counter((f.opd or "-", f"seg sev-{f.severity}") for f in findings))
    assert bars("chart-topic") == dict(Counter(report.rule(f).topic or "other" for f in findings))
    assert bars("chart-article") == dict(Counter(article_of(f) for f in findings))
    # the unit trees: units carrying findings marked with their count, names not ids
    marked = {
        el.get_attribute("data-unit"): int(el.query_selector(".unit").get_attribute("data-count") or 0)
        for el in page.page.query_selector_all("#unit-trees li[data-unit]")
    }
    assert marked == {"u-dinas": 1, "u-bid": 2, "u-badan": 2}
    assert page.page.inner_text("#tree-dinas li[data-unit=u-bid] > .unit").startswith("Bidang Umum")
    assert page.errors == []


def test_names_show_beside_ids(browser: Any, tmp_path: Path) -> None:
    page = Page(browser, _write(named_report(), tmp_path))
    assert page.page.inner_text("h1") == "Sistem Kerja Audit Report — Kabupaten Contoh"
    first = page.page.inner_text("#f-contoh.assessor-k-1".replace(".", "\\."))
    assert "Siti Aminah, Kepala Seksi Umum, Bidang Umum e-k-1" in first
    assert "Unit: Bidang Umum (u-bid)" in first
    assert page.page.inner_text("#opd-badan > h2").startswith("Badan Contoh")


def test_without_javascript_and_in_print_the_full_list_shows(browser: Any, tmp_path: Path) -> None:
    report = named_report()
    path = _write(report, tmp_path)
    everything = _expected(report, lambda f: True)
    off = Page(browser, path, java_script_enabled=False)
    assert not off.page.is_visible("#filters")
    assert off.visible("#by-opd article.finding") == everything
    printed = Page(browser, path)
    printed.choose(severity="info")
    assert len(printed.visible("#by-opd article.finding")) < len(everything)
    printed.page.emulate_media(media="print")
    assert printed.visible("#by-opd article.finding") == everything
    assert not printed.page.is_visible("#filters")


def test_screenshot_of_the_indonesian_report(browser: Any, tmp_path: Path) -> None:
    """A screenshot to look at (pytest's tmp dir): the real example regency, names from its records."""
    from checker import pipeline
    from checker.report.names import report_names

    root = Path(__file__).resolve().parent.parent
    result = pipeline.run([str(root / "data" / "examples")])
    assert result.check is not None
    check = result.check
    report = Report(
        findings=sorted(check.findings, key=Finding.sort_key),
        packs={check.pack.id: check.pack},
        as_of=check.as_of,
        inputs=["data/examples"],
        regencies=["contoh"],
        lang="id",
        names=report_names([result.regency]),
    )
    page = Page(browser, _write(report, tmp_path, "laporan.html"))
    shot = tmp_path / "laporan.png"
    page.page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    assert page.page.inner_text("h1") == "Laporan Audit Sistem Kerja — Kabupaten Contoh"
    assert len(page.visible("#by-opd article.finding")) == len(report.findings)
    assert page.errors == []


def test_a_remedy_shows_under_its_finding_and_follows_the_filters(browser: Any, tmp_path: Path) -> None:
    from checker.model import Evidence, Remedy, Text

    report = named_report()
    fixed = Remedy(
        "assessor",
        (Evidence("candidate", "e-k-1"),),
        Text("Pejabat Penilai Kinerja: Siti Aminah", "The regulation names as assessor: Siti Aminah"),
    )
    first = replace(report.findings[0], remedies=(fixed,))
    report = replace(report, findings=[first, *report.findings[1:]])
    page = Page(browser, _write(report, tmp_path))
    anchor = anchors(report.findings)[0]
    remedy = page.page.query_selector(f"#by-opd [id='{anchor}'] .remedy")
    assert remedy is not None and remedy.is_visible()
    assert "The regulation names as assessor: Siti Aminah" in remedy.inner_text()
    other = "warning" if first.severity == "error" else "error"
    page.choose(severity=other)
    assert not remedy.is_visible()  # hidden with its finding
    assert page.errors == []
