"""checker.report.document: one document, three renderings (text, markdown, HTML), and the labels
every tool shows in both languages."""

from __future__ import annotations

import string
from html.parser import HTMLParser

from checker.report import LABELS, label
from checker.report.document import (
    TEXT_WIDTH,
    BulletList,
    Heading,
    Listing,
    Paragraph,
    Quote,
    Table,
    render,
    render_html,
    render_markdown,
    render_text,
)

LONG_PATH = "tests/fixtures/compare/dinas-tl-gy/a-very-long-file-name-that-should-never-be-cut-in-two.yaml:52"


def test_text_wraps_at_spaces_never_inside_a_word_or_at_a_hyphen() -> None:
    words = ["Pasal 28 ayat (1)", "kedudukan.assessor-by-opd-kind", LONG_PATH, "sub-koordinator"] * 6
    text = render_text([Paragraph(" ".join(words))])
    lines = text.splitlines()
    assert len(lines) > 1
    assert all(len(line) <= TEXT_WIDTH or LONG_PATH in line for line in lines)
    # every token survives whole: nothing is cut mid-phrase or at a hyphen
    tokens = text.split()
    assert tokens == " ".join(words).split()
    assert LONG_PATH in tokens


def test_text_headings_quotes_and_bullets() -> None:
    blocks = [
        Heading("Rules"),
        Paragraph("intro"),
        Heading("Details", 2),
        Heading("the title", 3, code="rule.id"),
        Quote("first line\n\nsecond line"),
        BulletList(["one", "two"], indent=1),
    ]
    assert render_text(blocks) == (
        "Rules\n=====\nintro\n\nDetails\n-------\n\n== rule.id — the title\n"
        "    “first line”\n    “second line”\n  - one\n  - two\n"
    )


def test_text_table_marks_rows_and_aligns_numbers_right() -> None:
    table = Table(["rule", "n"], [["a", "7"], ["bb", "12"]], highlight=[False, True], numeric=frozenset({1}))
    assert render_text([table]) == "  rule   n\n  ----  --\n  a      7\n* bb    12\n"


def test_text_listing_groups_by_its_first_column() -> None:
    listing = Listing(
        ["OPD", "where", "rule", "record", "findings"],
        [
            ["dinkes", "d.yaml:3", "r.a", "x", "ERROR one\nERROR two"],
            ["dinkes", "d.yaml:9", "r.b", "y", "WARN"],
        ],
        [False, True],
    )
    assert render_text([listing]) == (
        "== dinkes ==\nd.yaml:3  r.a  x\n    ERROR one\n    ERROR two\nd.yaml:9  r.b  y  *\n    WARN\n"
    )


def test_markdown_escapes_table_cells_only() -> None:
    blocks = [
        Heading("a|b", 2, code="id"),
        Paragraph("differs", emphasis=True),
        Table(["k", "v"], [["x|y", "back\\slash\ntwo lines"]], highlight=[True]),
    ]
    assert render_markdown(blocks) == (
        "## `id` — a|b\n\n*differs*\n\n| k | v |\n|---|---|\n| **x\\|y** | back\\\\slash<br>two lines |\n"
    )


def test_html_escapes_everything_and_balances_its_tags() -> None:
    hostile = '<script>alert("x")</script> & co'
    blocks = [
        Heading(hostile, code="<id>", anchor='a"b'),
        Paragraph(hostile, indent=1),
        Quote(hostile),
        Table([hostile], [[hostile]], numeric=frozenset({0})),
        BulletList([hostile]),
        Listing(["g", "w", hostile], [["g", "w", hostile]]),
    ]
    page = render_html(blocks, "en")
    assert "<script>" not in page
    # the title, the heading, paragraph, quote and list item, a header and a cell per table
    assert page.count("&lt;script&gt;") == 9
    assert '<h1 id="a&quot;b"><code>&lt;id&gt;</code>' in page

    class Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in ("meta", "br"):
                self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open.pop() == tag

    parser = Balance()
    parser.feed(page)
    assert parser.open == []


def test_render_refuses_an_unknown_format() -> None:
    try:
        render([Paragraph("x")], "json", "en")
    except ValueError as exc:
        assert "json" in str(exc)
    else:
        raise AssertionError("no error for an unknown format")


def test_every_label_has_both_languages_and_the_same_placeholders() -> None:
    fields = string.Formatter()
    for key, texts in LABELS.items():
        assert set(texts) == {"id", "en"}, key
        names = [{f for _, f, _, _ in fields.parse(texts[lang]) if f} for lang in ("id", "en")]
        assert names[0] == names[1], key


def test_label_fills_placeholders() -> None:
    assert label("compare.only_a", "en", x="B") == "only under B"
    assert label("compare.only_a", "id", x="B") == "hanya dengan B"
