"""A comparison as a document (checker.report.document): the same blocks for text, markdown and HTML."""

from __future__ import annotations

from typing import Any

from checker.model import Finding
from checker.report import label
from checker.report.document import Block, Heading, Listing, Paragraph, Quote, Table
from checker.tools.compare.data import DataComparison, Match, Tally
from checker.tools.compare.model import PackComparison, ParamDiff, ParamRow, RuleComparison, RuleSide


def _t(lang: str, key: str, **values: Any) -> str:
    return label(f"compare.{key}", lang, **values)


def _status_text(side: RuleSide, lang: str) -> str:
    if side.status == "own":
        return _t(lang, "own")
    if side.status == "inherited":
        return f"{_t(lang, 'inherited')} {side.inherited_from}"
    if side.status == "overridden":
        fields = ", ".join(side.overridden)
        return f"{_t(lang, 'overridden')} ({fields}) {_t(lang, 'from')} {side.inherited_from}"
    if side.status == "not_enacted":
        by = (
            f" ({_t(lang, 'declared')} {side.declared_by})" if side.declared_by not in ("", side.pack) else ""
        )
        reason = f": {side.reason}" if side.reason and side.reason != "True" else ""
        return f"{_t(lang, 'not_enacted')}{reason}{by}"
    return _t(lang, "absent")


def _cell(side: RuleSide, lang: str) -> str:
    if not side.enacted:
        return "— " + (_t(lang, "not_enacted") if side.status == "not_enacted" else _t(lang, "absent"))
    lines = [f"{side.severity} · {side.citation}"]
    if side.status != "own":
        lines.append(_status_text(side, lang))
    return "\n".join(lines)


def _diff_words(keys: list[str], lang: str) -> str:
    return ", ".join(_t(lang, k) for k in keys)


def _title(title: dict[str, str], lang: str) -> str:
    return title.get(lang) or title.get("en") or title.get("id") or ""


# --- regulations side by side ----------------------------------------------------------------------


def pack_document(cmp: PackComparison, lang: str) -> list[Block]:
    blocks: list[Block] = [Heading(_t(lang, "regs")), _regulations_table(cmp, lang), _pack_summary(cmp, lang)]
    blocks.append(Heading(_t(lang, "rules"), 2))
    headers = [_t(lang, "rule"), *[p.letter for p in cmp.packs], _t(lang, "differs")]
    rows = [[r.id, *[_cell(s, lang) for s in r.sides], _diff_words(r.differences, lang)] for r in cmp.rules]
    # the citation differs between any two regulations; a row is marked when something else does
    blocks.append(Table(headers, rows, [bool(set(r.differences) - {"citation"}) for r in cmp.rules]))

    blocks.append(Heading(_t(lang, "details"), 2))
    for r in cmp.rules:
        blocks.extend(_rule_blocks(r, cmp, lang))
    blocks.append(Heading(_t(lang, "params"), 2))
    if not cmp.parameters:
        blocks.append(Paragraph(_t(lang, "nothing")))
    for pd in cmp.parameters:
        blocks.extend(_param_blocks(pd, cmp, lang, level=3))
    return blocks


def _regulations_table(cmp: PackComparison, lang: str) -> Table:
    reg_rows = []
    for p in cmp.packs:
        notes = [f"{_t(lang, 'in_force')} {p.in_force}"]
        if p.extends:
            notes.append(f"{_t(lang, 'extends')} {p.extends}")
        if p.implements:
            notes.append(f"{_t(lang, 'implements')} {p.implements}")
        reg_rows.append([p.letter, p.id, p.short_title, "\n".join(notes)])
    return Table(["", "id", _t(lang, "regulation"), _t(lang, "notes")], reg_rows)


def _pack_summary(cmp: PackComparison, lang: str) -> Paragraph:
    s = cmp.summary()
    some = s["rules"] - s["enacted_in_all"]
    line = _t(lang, "summary_rules", n=s["rules"], all=s["enacted_in_all"], some=some)
    diffs = [f"{_t(lang, k)} {n}" for k, n in s["differ"].items() if n and k != "enacted"]
    if diffs:
        line += "; " + _t(lang, "summary_diff", what=", ".join(diffs))
    line += "; " + _t(lang, "summary_params", n=s["parameters"], d=s["parameters_differ"])
    return Paragraph(line)


def _rule_blocks(r: RuleComparison, cmp: PackComparison, lang: str) -> list[Block]:
    letters = {p.id: p.letter for p in cmp.packs}
    blocks: list[Block] = [Heading(_title(r.title, lang), 3, code=r.id)]
    if r.differences:
        blocks.append(Paragraph(f"{_t(lang, 'differs')}: {_diff_words(r.differences, lang)}", emphasis=True))
    for side in r.sides:
        head = f"{letters[side.pack]} {side.pack}: "
        if side.enacted:
            head += f"{side.severity} · {side.citation} · {_status_text(side, lang)}"
        else:
            head += _status_text(side, lang)
        blocks.append(Paragraph(head))
        if side.enacted and side.excerpt:
            blocks.append(Quote(side.excerpt))
        if side.enacted and side.exceptions:
            exc = "; ".join(f"{i} ({c})" for i, c in side.exceptions)
            blocks.append(Paragraph(f"{_t(lang, 'exceptions')}: {exc}", indent=1))
    for pd in r.parameters:
        blocks.extend(_param_blocks(pd, cmp, lang, level=4))
    return blocks


def _param_blocks(pd: ParamDiff, cmp: PackComparison, lang: str, level: int) -> list[Block]:
    letters = {p.id: p.letter for p in cmp.packs}
    desc = next((pd.description[p] for p in pd.packs if pd.description.get(p)), "")
    title = f"{_t(lang, 'param')} {pd.name}" + (f" — {desc}" if desc else "")
    blocks: list[Block] = [Heading(title, level)]
    where = []
    for p in pd.packs:
        if not pd.defined(p):
            where.append(f"{letters[p]}: {_t(lang, 'undefined')}")
            continue
        status = pd.status[p]
        via = f" {_t(lang, 'from')}" if status == "overridden" else ""
        note = "" if status == "own" else f", {_t(lang, status)}{via} {pd.base.get(p, '')}".rstrip()
        where.append(f"{letters[p]}: {pd.citation.get(p) or '-'}{note}")
    blocks.append(Paragraph("; ".join(where), indent=1))
    rows, marks, same = _param_rows(pd)
    if not pd.rows:
        blocks.append(Paragraph(_t(lang, "nothing"), indent=1))
    elif rows:
        both = _t(lang, "both") if len(pd.packs) == 2 else _t(lang, "all")
        headers = [_t(lang, "key"), both, *[f"{_t(lang, 'only')} {letters[p]}" for p in pd.packs]]
        blocks.append(Table(headers, rows, marks, indent=1))
    if same:
        blocks.append(Paragraph(_t(lang, "rows_same", n=same), indent=1))
    return blocks


def _param_rows(pd: ParamDiff) -> tuple[list[list[str]], list[bool], int]:
    """The groups of rows (by first column) where the regulations differ, each row that is not in
    all of them named with the pack that wrote it when that is a base; and how many rows are the
    same everywhere in the groups not shown. A parameter that differs in no row shows no table."""
    rows, marks, same = [], [], 0
    for key in pd.groups():
        group = [r for r in pd.rows if r.key == key]
        common = [r.rest for r in group if len(r.packs) == len(pd.packs)]
        only = [
            [_origin(r, p) for r in group if p in r.packs and len(r.packs) < len(pd.packs)] for p in pd.packs
        ]
        if not any(only) and len(pd.packs) > 1:
            same += len(common)
            continue
        rows.append([key or "·", "\n".join(common), *["\n".join(o) for o in only]])
        marks.append(any(only))
    return rows, marks, same


def _origin(row: ParamRow, pack: str) -> str:
    wrote = dict(zip(row.packs, row.origin, strict=False)).get(pack, pack)
    return row.rest if wrote == pack else f"{row.rest} ({wrote})"


# --- one organisation under two regulations --------------------------------------------------------


def data_document(cmp: DataComparison, lang: str) -> list[Block]:
    s = cmp.summary()
    title = _t(lang, "data_title", name=cmp.regency_name or cmp.regency_id, n=2, as_of=cmp.as_of)
    rows = [[p.letter, p.id, p.short_title, str(cmp.totals[p.id])] for p in (cmp.a, cmp.b)]
    blocks: list[Block] = [
        Heading(title),
        Table(["", "id", _t(lang, "regulation"), _t(lang, "findings")], rows),
        Paragraph(
            _t(lang, "summary_data", a=s["only_a"], b=s["only_b"], both=s["both"], changed=s["changed"])
        ),
    ]
    blocks += _per_rule_blocks(cmp, lang)
    blocks.append(Heading(_t(lang, "per_opd"), 2))
    opd_rows = [[t.name, str(t.only_a), str(t.only_b), str(t.both)] for t in cmp.per_opd]
    blocks.append(
        Table(
            [_t(lang, "opd"), _t(lang, "only_a", x="A"), _t(lang, "only_a", x="B"), _t(lang, "under_both")],
            [*opd_rows, [_t(lang, "total"), *_sums(cmp.per_opd)]],
        )
    )
    for side, info in (("a", cmp.a), ("b", cmp.b)):
        blocks.append(Heading(_t(lang, "section_only", x=info.letter, id=info.id), 2))
        blocks.extend(_match_blocks(cmp.of_side(side), side, lang))
    blocks.append(Heading(_t(lang, "section_both"), 2))
    blocks.extend(_match_blocks(cmp.of_side("both"), "both", lang))
    return blocks


def _side_label(state: str, lang: str) -> str:
    return {
        "enacted": _t(lang, "enacted"),
        "not_in_force": _t(lang, "not_in_force"),
        "not_enacted": _t(lang, "not_enacted"),
    }.get(state, "—")


def _per_rule_blocks(cmp: DataComparison, lang: str) -> list[Block]:
    # a rule both regulations have, that finds nothing under either, is counted, not listed
    shown = [
        t
        for t in cmp.per_rule
        if t.only_a or t.only_b or t.both or not (t.status_a == t.status_b == "enacted")
    ]
    rows = [
        [t.name, _side_label(t.status_a, lang), _side_label(t.status_b, lang)]
        + [str(t.only_a), str(t.only_b), str(t.both)]
        for t in shown
    ]
    headers = [_t(lang, "rule"), "A", "B", _t(lang, "only_a", x="A"), _t(lang, "only_a", x="B")]
    blocks: list[Block] = [
        Heading(_t(lang, "per_rule"), 2),
        Table(
            [*headers, _t(lang, "under_both")],
            [*rows, [_t(lang, "total"), "", "", *_sums(cmp.per_rule)]],
            [bool(t.only_a or t.only_b) for t in shown] + [False],
        ),
    ]
    quiet = len(cmp.per_rule) - len(shown)
    if quiet:
        blocks.append(Paragraph(_t(lang, "quiet", n=quiet)))
    return blocks


def _sums(tallies: list[Tally]) -> list[str]:
    return [
        str(sum(t.only_a for t in tallies)),
        str(sum(t.only_b for t in tallies)),
        str(sum(t.both for t in tallies)),
    ]


def _finding_line(f: Finding, lang: str) -> str:
    status = f" [{f.status}{': ' + f.exception if f.exception else ''}]" if f.status != "open" else ""
    return f"{f.severity.upper()} {f.message.get(lang)} ({f.citation}){status}"


def _match_lines(m: Match, side: str, lang: str) -> list[str]:
    if side != "both":
        return [_finding_line(f, lang) for f in (m.a if side == "a" else m.b)]
    lines = [f"A: {_finding_line(f, lang)}" for f in m.a] + [f"B: {_finding_line(f, lang)}" for f in m.b]
    if m.changed:
        lines.append(f"{_t(lang, 'changed')}: {_diff_words(m.changed, lang)}")
    return lines


def _match_blocks(matches: list[Match], side: str, lang: str) -> list[Block]:
    if not matches:
        return [Paragraph(_t(lang, "nothing"))]
    ordered = sorted(
        matches,
        key=lambda m: (
            m.opd or "-",
            m.location.file,
            m.location.line,
            m.location.column,
            m.rule_id,
            m.record,
        ),
    )
    rows = [
        [m.opd or "-", f"{m.location.file}:{m.location.line}", m.rule_id, m.record]
        + ["\n".join(_match_lines(m, side, lang))]
        for m in ordered
    ]
    headers = [_t(lang, "opd"), "file:line", _t(lang, "rule"), _t(lang, "record"), _t(lang, "findings")]
    return [Listing(headers, rows, [bool(m.changed) for m in ordered])]
