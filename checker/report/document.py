"""A small document model and its three human renderings: text, markdown and HTML.

A tool builds a list of blocks once (headings, paragraphs, quotes, tables, lists) and every format
renders the same blocks, so the formats say the same thing in the same order. Output is
deterministic: the same blocks give byte-identical text.

Text wraps at spaces only (never inside a word, a path, an id or a citation, never at a hyphen);
markdown escapes what would break a table cell; HTML escapes everything and is one self-contained
file with its CSS.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TEXT_WIDTH = 110
# a table column is never squeezed below this many characters to fit the text width
MIN_COLUMN = 12


@dataclass
class Heading:
    text: str
    level: int = 1
    code: str = ""  # an id shown in monospace before the text
    anchor: str = ""  # an HTML id, so a report can link to it


@dataclass
class Paragraph:
    text: str
    indent: int = 0
    emphasis: bool = False
    gap: bool = False  # a blank line before it in text (markdown and HTML separate paragraphs anyway)


@dataclass
class Lines:
    """Lines shown as they are, never wrapped (a record's facts, one per line, so each stays whole
    for grep and diff): indented in text, a code block in markdown, preformatted in HTML."""

    lines: list[str]
    indent: int = 0


@dataclass
class Quote:
    """Quoted text (an article of a regulation); one paragraph per line."""

    text: str
    indent: int = 1


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # a cell may hold several lines, separated by "\n"
    highlight: list[bool] = field(default_factory=list)  # rows to mark (they differ)
    indent: int = 0
    numeric: frozenset[int] = frozenset()  # columns of numbers: aligned right

    def marked(self, i: int) -> bool:
        return i < len(self.highlight) and self.highlight[i]


@dataclass
class Listing:
    """Records grouped by their first column: a table in markdown and HTML; in text a `== group ==`
    line, then per row its middle columns on one line and its last column's lines below it."""

    headers: list[str]
    rows: list[list[str]]
    highlight: list[bool] = field(default_factory=list)

    def table(self) -> Table:
        return Table(self.headers, self.rows, self.highlight)


@dataclass
class BulletList:
    items: list[str]
    indent: int = 0


Block = Heading | Paragraph | Quote | Table | Listing | BulletList | Lines


# --- text ------------------------------------------------------------------------------------------


def wrap(text: str, first: str, rest: str, width: int = TEXT_WIDTH) -> list[str]:
    """Wrapped at spaces only: a file path, an id or a citation is never cut."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _heading_label(b: Heading) -> str:
    return f"{b.code} — {b.text}" if b.code and b.text else (b.code or b.text)


def _text_heading(b: Heading, out: list[str]) -> list[str]:
    label = _heading_label(b)
    lines = [""] if out and out[-1] != "" else []
    if b.level <= 2:
        return [*lines, label, ("=" if b.level == 1 else "-") * min(len(label), TEXT_WIDTH)]
    pad = "  " * (b.level - 3)
    lead = pad + ("== " if b.level == 3 else "-- ")
    return [*lines, *wrap(label, lead, pad + "   ")]


def _text_paragraph(b: Paragraph, out: list[str]) -> list[str]:
    pad = "  " * b.indent
    gap = [""] if b.gap and out and out[-1] != "" else []
    return [*gap, *(wrap(b.text, pad, pad + "  ") or [pad])]


def _text_quote(b: Quote, out: list[str]) -> list[str]:
    pad = "  " * b.indent + "  "
    lines: list[str] = []
    for para in b.text.splitlines() or [""]:
        lines += wrap(f"“{para}”" if para else "", pad, pad)
    return lines


def _text_listing(b: Listing, out: list[str]) -> list[str]:
    lines: list[str] = []
    group = None
    for i, row in enumerate(b.rows):
        if row[0] != group:
            group = row[0]
            lines.append(f"== {group} ==")
        mark = "  *" if i < len(b.highlight) and b.highlight[i] else ""
        lines.append("  ".join(row[1:-1]) + mark)
        for line in row[-1].split("\n"):
            lines += wrap(line, "    ", "      ")
    return [*lines, ""]


def _text_bullets(b: BulletList, out: list[str]) -> list[str]:
    pad = "  " * b.indent
    return [line for item in b.items for line in wrap(item, pad + "- ", pad + "  ")]


def _column_widths(t: Table) -> list[int]:
    """Each column as wide as its widest line; the widest shrunk until the table fits, the first
    column (the ids) last, none below MIN_COLUMN."""
    ncol = len(t.headers)
    budget = TEXT_WIDTH - 2 * t.indent - 2 * (ncol - 1) - 2
    widths = [
        max([len(t.headers[i])] + [len(line) for row in t.rows for line in row[i].split("\n")])
        for i in range(ncol)
    ]
    while sum(widths) > budget:
        rest = widths[1:] if ncol > 1 and max(widths[1:]) > MIN_COLUMN else widths
        if max(rest) <= MIN_COLUMN:
            break
        i = widths.index(max(rest), 1 if rest is not widths else 0)
        widths[i] -= 1
    return widths


def _text_row(t: Table, widths: list[int], cells: list[str], mark: str) -> list[str]:
    wrapped = []
    for i, cell in enumerate(cells):
        lines: list[str] = []
        for part in cell.split("\n"):
            lines += textwrap.wrap(part, widths[i], break_on_hyphens=False) or [""]
        wrapped.append(lines)
    pad = "  " * t.indent
    mark_col = any(t.highlight)
    out = []
    for n in range(max(len(w) for w in wrapped)):
        cols = [_fit(w[n] if n < len(w) else "", widths[i], i in t.numeric) for i, w in enumerate(wrapped)]
        lead = (mark if n == 0 else " ") + " " if mark_col else ""
        out.append(pad + lead + "  ".join(cols))
    return out


def _fit(text: str, width: int, numeric: bool) -> str:
    return text.rjust(width) if numeric else text.ljust(width)


def _text_table(t: Table, out: list[str]) -> list[str]:
    widths = _column_widths(t)
    lines = _text_row(t, widths, t.headers, " ")
    lines.append("  " * t.indent + ("  " if any(t.highlight) else "") + "  ".join("-" * w for w in widths))
    for i, row in enumerate(t.rows):
        lines += _text_row(t, widths, row, "*" if t.marked(i) else " ")
    return [*lines, ""]


_TEXT: dict[type, Callable[[Any, list[str]], list[str]]] = {
    Heading: _text_heading,
    Paragraph: _text_paragraph,
    Quote: _text_quote,
    Listing: _text_listing,
    BulletList: _text_bullets,
    Table: _text_table,
    Lines: lambda b, out: ["  " * b.indent + line for line in b.lines],
}


def render_text(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        out += _TEXT[type(b)](b, out)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(line.rstrip() for line in out) + "\n"


# --- markdown --------------------------------------------------------------------------------------


def md_cell(text: str) -> str:
    """A table cell: a backslash or a pipe escaped, lines joined with <br>."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _md_heading(b: Heading) -> list[str]:
    label = f"`{b.code}` — {b.text}" if b.code and b.text else (f"`{b.code}`" if b.code else b.text)
    return [f"{'#' * min(b.level, 6)} {label}", ""]


def _md_table(t: Table) -> list[str]:
    headers = [md_cell(h) or " " for h in t.headers]
    out = ["| " + " | ".join(headers) + " |"]
    out.append("|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(headers))) + "|")
    for i, row in enumerate(t.rows):
        cells = [md_cell(c) for c in row]
        if t.marked(i) and cells[0]:
            cells[0] = f"**{cells[0]}**"
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


_MARKDOWN: dict[type, Callable[[Any], list[str]]] = {
    Heading: _md_heading,
    Paragraph: lambda b: [f"*{b.text}*" if b.emphasis else b.text, ""],
    Quote: lambda b: [*(f"> {line}" if line else ">" for line in b.text.splitlines()), ""],
    Listing: lambda b: _md_table(b.table()),
    BulletList: lambda b: [*(f"{'  ' * b.indent}- {item}" for item in b.items), ""],
    Table: _md_table,
    Lines: lambda b: ["```text", *b.lines, "```", ""],
}


def render_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        out += _MARKDOWN[type(b)](b)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# --- html ------------------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:78em;
padding:0 1em;color:#1d1d1f;line-height:1.45}
h1{font-size:1.5em;border-bottom:2px solid #444}
h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #bbb}
h3{font-size:1.1em;margin-top:1.5em}h4{font-size:1em;margin:1em 0 .3em 1em}
code{background:#f1f1f4;padding:0 .25em;border-radius:3px}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
th,td{border:1px solid #ccc;padding:.3em .55em;text-align:left;vertical-align:top}
th{background:#f3f3f6}tr.differs td{background:#fff6e0}
blockquote{margin:.3em 0 .6em 1.5em;padding:.2em .8em;border-left:3px solid #8aa;color:#333;
background:#f8fafa}
p.indent1{margin-left:1.5em}p.indent2{margin-left:3em}p.emphasis{font-style:italic;color:#8a4b00}
""".strip()

_e = html.escape


def _html_heading(b: Heading) -> list[str]:
    level = min(b.level, 6)
    anchor = f' id="{_e(b.anchor)}"' if b.anchor else ""
    code = f"<code>{_e(b.code)}</code>" if b.code else ""
    sep = " — " if b.code and b.text else ""
    return [f"<h{level}{anchor}>{code}{sep}{_e(b.text)}</h{level}>"]


def _html_paragraph(b: Paragraph) -> list[str]:
    classes = [c for c in (f"indent{b.indent}" if b.indent else "", "emphasis" if b.emphasis else "") if c]
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return [f"<p{attr}>{_e(b.text)}</p>"]


def _html_cell(tag: str, text: str, numeric: bool) -> str:
    style = ' style="text-align:right"' if numeric else ""
    return f"<{tag}{style}>" + "<br>".join(_e(x) for x in text.split("\n")) + f"</{tag}>"


def _html_table(t: Table) -> list[str]:
    style = ' style="margin-left:1.5em"' if t.indent else ""
    out = [f"<table{style}>"]
    out.append("<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in t.headers) + "</tr></thead>")
    out.append("<tbody>")
    for i, row in enumerate(t.rows):
        cls = ' class="differs"' if t.marked(i) else ""
        cells = "".join(_html_cell("td", c, n in t.numeric) for n, c in enumerate(row))
        out.append(f"<tr{cls}>{cells}</tr>")
    out.append("</tbody></table>")
    return out


def _html_bullets(b: BulletList) -> list[str]:
    style = f' style="margin-left:{1.5 * b.indent}em"' if b.indent else ""
    return [f"<ul{style}>", *(f"<li>{_e(item)}</li>" for item in b.items), "</ul>"]


_HTML: dict[type, Callable[[Any], list[str]]] = {
    Heading: _html_heading,
    Paragraph: _html_paragraph,
    Quote: lambda b: [
        "<blockquote>" + "<br>".join(_e(line) for line in b.text.splitlines()) + "</blockquote>"
    ],
    Listing: lambda b: _html_table(b.table()),
    BulletList: _html_bullets,
    Table: _html_table,
    Lines: lambda b: ["<pre>" + "\n".join(_e(line) for line in b.lines) + "</pre>"],
}


def render_html(blocks: list[Block], lang: str, title: str = "", css: str = CSS) -> str:
    """One self-contained page; its title is the first heading's unless given."""
    if not title:
        first = next((b for b in blocks if isinstance(b, Heading)), None)
        title = first.text if first else "sistemkerja"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"id" if lang == "id" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{css}\n</style>",
        "</head>",
        "<body>",
    ]
    for b in blocks:
        out += _HTML[type(b)](b)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(blocks: list[Block], fmt: str, lang: str, title: str = "") -> str:
    """`fmt` is text, markdown or html."""
    if fmt == "text":
        return render_text(blocks)
    if fmt == "markdown":
        return render_markdown(blocks)
    if fmt == "html":
        return render_html(blocks, lang, title)
    raise ValueError(f"no document format {fmt!r}")
