"""Explain a rule (its text, reading, parameters, examples) and a finding (the chain of records that
made it fire, each with its file:line), for a reader who does not know ASP.

Records are described generically from the data: a per-kind list of descriptive fields, references
followed one step (a position's grade, a unit's place in its OPD's tree). Nothing here is written
per rule.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.i18n import label, tr
from checker.model import Finding, Record, Regency
from checker.packs import Pack, Rule
from checker.packs.analysis import rule_parameters
from checker.report import document
from checker.tools.describe import Describer
from checker.tools.describe import where as _where


def _t(lang: str, key: str, **values: Any) -> str:
    return label(f"explain.{key}", lang, **values)


def _wrap(text: str, indent: str) -> list[str]:
    # never break inside a word (document.wrap): a file path or an id must stay whole to be found again
    return document.wrap(text, indent, indent + "  ") or [indent]


# --------------------------------------------------------------------------------------------------
# A finding's chain
# --------------------------------------------------------------------------------------------------


@dataclass
class Link:
    """One evidence item of a finding, and the record it names (if it names one)."""

    name: str
    value: str
    record: Record | None = None
    lines: list[str] = field(default_factory=list)


def finding_chain(finding: Finding, regency: Regency, describer: Describer | None = None) -> list[Link]:
    d = describer or Describer(regency)
    links: list[Link] = []
    for ev in finding.evidence:
        rec = d.record(ev.value)
        link = Link(ev.name, ev.value, rec)
        if rec is not None:
            link.lines = d.describe(rec)
        links.append(link)
    return links


def explain_finding(
    finding: Finding, regency: Regency, pack: Pack, lang: str = "en", describer: Describer | None = None
) -> str:
    """The chain of facts behind a finding as text (see finding_blocks)."""
    return document.render_text(finding_blocks(finding, regency, pack, lang, describer))


def finding_blocks(
    finding: Finding, regency: Regency, pack: Pack, lang: str = "en", describer: Describer | None = None
) -> list[document.Block]:
    """The chain of facts behind a finding, each with its record and file:line, then what the
    regulation says. `describer` may be shared across the findings of one regency."""
    d = describer or Describer(regency)
    head = (
        f"{_t(lang, 'finding')}: {finding.rule_id} {_t(lang, 'on')} {finding.record} — "
        f"{finding.severity.upper()}, {finding.status}"
    )
    out: list[document.Block] = [document.Heading(head, 2, anchor=f"{finding.rule_id}:{finding.record}")]
    title = finding.title.get(lang)
    for text in ([title] if title else []) + [finding.message.get(lang), _where(finding.location)]:
        out.append(document.Paragraph(text, indent=1))
    for remedy in finding.remedies:  # how to put it right, computed from the data (issue 17)
        out.append(document.Paragraph(f"{tr('remedies.label', lang)}: {remedy.text.get(lang)}", indent=1))
    rec = d.record(finding.record)
    out.append(document.Paragraph(f"{_t(lang, 'record')}:", gap=True))
    described = d.describe(rec) if rec is not None else [f"{finding.record} ({_t(lang, 'unknown')})"]
    out.append(document.Lines(described, indent=1))
    out.append(document.Paragraph(f"{_t(lang, 'why')}:", gap=True))
    out.append(document.Lines(_chain_lines(finding, regency, d, lang)))
    if finding.status == "uncheckable":
        out.append(document.Paragraph(_t(lang, "uncheckable"), indent=1))
    out.append(document.Paragraph(f"{_t(lang, 'requires')} ({pack.title}, {finding.citation}):", gap=True))
    rule = pack.rules.get(finding.rule_id)
    if rule is not None:
        out += _law_blocks(finding, rule, pack, lang)
    return out


def _chain_lines(finding: Finding, regency: Regency, d: Describer, lang: str) -> list[str]:
    out: list[str] = []
    for n, link in enumerate(finding_chain(finding, regency, d), start=1):
        lead = f"  {n}. {link.name} = {link.value}"
        if link.record is None:
            note = _t(lang, "missing") if link.name == "missing" else _t(lang, "not_record")
            out.append(f"{lead}  ({note})")
        elif link.record.id == finding.record:
            out.append(f"{lead}  (= {_t(lang, 'record').lower()})")
        else:
            out += [f"{lead}:", *("      " + line for line in link.lines)]
    return out


def _law_blocks(finding: Finding, rule: Rule, pack: Pack, lang: str) -> list[document.Block]:
    """The article, the reading, the parameters, and the exception or waiver that applies."""
    out: list[document.Block] = [document.Quote(rule.excerpt, indent=0)]
    if rule.reading_in(lang):
        out.append(document.Paragraph(f"{_t(lang, 'reading')}: {rule.reading_in(lang)}", indent=1))
    out.append(document.Lines(_parameter_lines(rule, pack, lang, "  ")))
    if finding.status == "waived" and finding.exception:
        out.append(document.Paragraph(f"{_t(lang, 'waived')}: {finding.exception}", indent=1))
    elif finding.exception:
        cite = finding.exception_citation or "-"
        out.append(document.Paragraph(f"{_t(lang, 'exception')}: {finding.exception} ({cite})", indent=1))
        exc = next((e for e in rule.exceptions if e.id == finding.exception), None)
        if exc is not None and exc.excerpt:
            out.append(document.Quote(exc.excerpt, indent=1))
    return out


def explain_findings(findings: Sequence[Finding], regency: Regency, pack: Pack, lang: str = "en") -> str:
    """Every finding of one regency explained, one after another (for `check --explain`)."""
    describer = Describer(regency)
    blocks = [b for f in findings for b in finding_blocks(f, regency, pack, lang, describer)]
    return document.render_text(blocks)


def finding_dict(finding: Finding, regency: Regency, pack: Pack) -> dict[str, Any]:
    from checker.report.json_report import finding_dict as base

    d = Describer(regency)
    rec = d.record(finding.record)
    rule = pack.rules.get(finding.rule_id)
    return {
        "finding": base(finding),
        "record": d.record_dict(rec) if rec is not None else None,
        "chain": [
            {
                "name": link.name,
                "value": link.value,
                "record": d.record_dict(link.record) if link.record is not None else None,
            }
            for link in finding_chain(finding, regency, d)
        ],
        "rule": _rule_dict(rule, pack) if rule is not None else None,
    }


# --------------------------------------------------------------------------------------------------
# A rule
# --------------------------------------------------------------------------------------------------


def _status(rule: Rule, lang: str) -> str:
    if rule.status == "inherited":
        return _t(lang, "inherited", x=rule.inherited_from)
    if rule.status == "overridden":
        return _t(lang, "overridden", fields=", ".join(rule.overridden), x=rule.inherited_from)
    return _t(lang, "own")


def _parameter_lines(rule: Rule, pack: Pack, lang: str, indent: str) -> list[str]:
    names = rule_parameters(pack).get(rule.id, [])
    if not names:
        return []
    out = [f"{indent}{_t(lang, 'parameters')}:"]
    for name in names:
        param = pack.parameters.get(name)
        if param is None:
            out.append(f"{indent}  {name}: -")
            continue
        cite = f" ({param.citation})" if param.citation else ""
        desc = f" — {param.description}" if param.description else ""
        out += _wrap(f"{name}{cite}{desc}", indent + "  ")
        cited = param.row_citations or [""] * len(param.facts)
        for row, where in zip(param.facts, cited, strict=False):
            values = ", ".join(str(v) for v in row)
            out += _wrap(f"{values} ({where})" if where else values, indent + "      ")
    return out


def explain_rule(rule_id: str, packs: Sequence[Pack], lang: str = "en") -> str:
    return document.render_text(rule_blocks(rule_id, packs, lang))


def rule_blocks(rule_id: str, packs: Sequence[Pack], lang: str = "en") -> list[document.Block]:
    """The rule as each of the packs has it (enacted, overridden, not enacted)."""
    title = next((p.rules[rule_id].title for p in packs if rule_id in p.rules), {})
    head = (title.get(lang) or title.get("en", "")) if title else ""
    out: list[document.Block] = [document.Heading(head, 1, code=rule_id)]
    absent = []
    for pack in packs:
        rule = pack.rules.get(rule_id)
        if rule is None and rule_id not in pack.not_enacted:
            absent.append(pack.id)
            continue
        out.append(document.Heading(f"{pack.title} ({pack.id})", 2, anchor=pack.id))
        if rule is None:
            by = pack.not_enacted_by.get(rule_id, pack.id)
            why = f"{_t(lang, 'not_enacted')}: {pack.not_enacted[rule_id]} ({_t(lang, 'declared')} {by})"
            out.append(document.Paragraph(why, indent=1))
            continue
        out += _rule_blocks(rule, pack, lang)
    if absent:
        out.append(document.Paragraph(f"{_t(lang, 'absent')}: {', '.join(absent)}", gap=True))
    return out


def _rule_blocks(rule: Rule, pack: Pack, lang: str) -> list[document.Block]:
    facts = [
        f"{_t(lang, 'severity')}: {rule.severity}",
        f"{_t(lang, 'citation')}: {rule.citation}",
        f"{_t(lang, 'in_force')}: {rule.in_force}",
    ]
    out: list[document.Block] = [document.Lines(facts, indent=1)]
    out.append(document.Paragraph(f"{_t(lang, 'text')}: “{rule.excerpt}”", indent=1))
    if rule.reading_in(lang):
        out.append(document.Paragraph(f"{_t(lang, 'reading')}: {rule.reading_in(lang)}", indent=1))
    out.append(document.Lines(_parameter_lines(rule, pack, lang, "  ")))
    if rule.exceptions:
        out.append(document.Paragraph(f"{_t(lang, 'exceptions')}:", indent=1))
        for exc in rule.exceptions:
            text = f" “{exc.excerpt}”" if exc.excerpt else ""
            out.append(document.Paragraph(f"{exc.id} ({exc.citation}){text}", indent=2))
    for key in ("pass", "fail"):
        example = rule.examples.get(key) or _t(lang, "none")
        out.append(document.Paragraph(f"{_t(lang, key)}: {example}", indent=1))
    out.append(document.Paragraph(f"{_status(rule, lang)}; {_t(lang, 'defined_in')} {rule.source}", indent=1))
    return out


def _rule_dict(rule: Rule, pack: Pack) -> dict[str, Any]:
    """The rule as plain data (Rule.to_dict), with its regulation and the parameters it uses in full."""
    names = rule_parameters(pack).get(rule.id, [])
    used = {
        n: {
            "citation": pack.parameters[n].citation,
            "description": pack.parameters[n].description,
            "facts": pack.parameters[n].facts,
            "cites": pack.parameters[n].cites,
            "row_cites": pack.parameters[n].row_cites,
            "row_citations": pack.parameters[n].row_citations,
        }
        for n in names
        if n in pack.parameters
    }
    return {**rule.to_dict(), "regulation": pack.id, "parameters": used}


def rule_doc(rule_id: str, packs: Sequence[Pack]) -> dict[str, Any]:
    regs: dict[str, Any] = {}
    for pack in packs:
        if rule_id in pack.rules:
            regs[pack.id] = _rule_dict(pack.rules[rule_id], pack)
        elif rule_id in pack.not_enacted:
            regs[pack.id] = {
                "status": "not_enacted",
                "reason": pack.not_enacted[rule_id],
                "declared_by": pack.not_enacted_by.get(rule_id, pack.id),
            }
    return {"id": rule_id, "regulations": regs}


def to_json(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
