from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from checker.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    document_format_option,
    fail,
    lang_option,
    quiet_option,
    rules_dir_option,
    say,
)
from checker.i18n import label, tr


@click.command()
@click.option("--regulation", "regulation", help="Rule pack id (default: every pack).")
@click.option(
    "--lint", is_flag=True, help="Check that every rule has id, severity, citation, messages, dates."
)
@click.option(
    "--test",
    "run_tests",
    is_flag=True,
    help="Run each pack's test cases (<pack>/tests/<rule id>/<case>.yaml) whole and in parts.",
)
@click.option(
    "--by-article",
    is_flag=True,
    help="The regulation in its own order, under each provision its rules or why none (needs --regulation).",
)
@document_format_option("markdown and html: with --by-article only.")
@lang_option("rule titles, the --by-article statuses and the summaries")
@rules_dir_option
@quiet_option
def rules(
    regulation: str | None,
    lint: bool,
    run_tests: bool,
    by_article: bool,
    fmt: str,
    lang: str,
    rules_dirs: tuple[str, ...],
) -> None:
    """List the rules a regulation enacts: id, severity, citation, title, and for a pack that extends
    another, whether each rule is inherited, overridden (and which fields) or not enacted.

    With --by-article: the regulation (rules/<pack>/regulation.yaml) provision by provision, each with
    the rules that enforce it, or why none (not checkable / not encoded), in --lang.

    With --lint: exit 0 when every pack is sound, 1 on lint problems, 2 when a pack is broken
    (malformed YAML or metadata, ASP that does not parse or ground). Provisions not yet encoded are
    listed as notices on stderr; they do not fail the lint.

    With --test: exit 0 when every case gives exactly its `expect:`, 1 when one does not, 2 when a
    case cannot run (its data has problems, a pack is broken)."""
    from checker.packs import PackError, available_packs, load_pack

    dirs = [Path(d) for d in rules_dirs]
    ids = [regulation] if regulation else available_packs(dirs)
    if lint:
        _lint(ids, dirs, lang)
    if run_tests:
        _test(ids, dirs, lang)
    if by_article:
        _by_article(regulation, fmt, lang, dirs)
        return
    if fmt in ("markdown", "html"):
        fail(f"--format {fmt} lists a regulation by article: add --by-article --regulation ID")
    try:
        packs = [load_pack(i, dirs) for i in ids]
    except PackError as exc:
        fail(str(exc))
    click.echo(_listing_json(packs) if fmt == "json" else _listing_text(packs, lang), nl=False)


def _listing_json(packs: list[Any]) -> str:
    import json

    doc = [
        {
            "regulation": pack.id,
            "extends": pack.extends,
            "lineage": pack.lineage,
            "rules": [r.to_dict() for r in pack.rules.values()],
            "not_enacted": [
                {"id": rid, "reason": why, "declared_by": pack.not_enacted_by.get(rid, pack.id)}
                for rid, why in pack.not_enacted.items()
            ],
        }
        for pack in packs
    ]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _listing_text(packs: list[Any], lang: str) -> str:
    """Each pack's rules: id, severity, citation, title, and where an inherited rule comes from."""
    out = []
    for pack in packs:
        extends = f"; extends {pack.extends}" if pack.extends else ""
        out.append(f"{pack.id} — {pack.title} ({label('explain.in_force', lang)} {pack.in_force}{extends})")
        for r in pack.rules.values():
            out.append(f"  {r.id:<40} {r.severity:<8} {r.citation}")
            out.append(f"  {'':<40} {r.title.get(lang) or r.title.get('en', '')}")
            if r.status == "inherited":
                out.append(f"  {'':<40} {label('explain.inherited', lang, x=r.inherited_from)}")
            elif r.status == "overridden":
                changed = label(
                    "explain.overridden", lang, fields=", ".join(r.overridden), x=r.inherited_from
                )
                out.append(f"  {'':<40} {changed}")
        for rid, why in pack.not_enacted.items():
            by = pack.not_enacted_by.get(rid, pack.id)
            declared = f" ({label('explain.declared', lang)} {by})" if by != pack.id else ""
            out.append(f"  {rid:<40} {'-':<8} {label('explain.not_enacted', lang)}: {why}{declared}")
    return "\n".join(out) + "\n"


def _by_article(regulation: str | None, fmt: str, lang: str, dirs: list[Path]) -> None:
    from checker.packs import PackError, load_pack
    from checker.packs.articles import render

    if not regulation:
        fail("--by-article needs --regulation ID")
    try:
        pack = load_pack(regulation, dirs)
    except PackError as exc:
        fail(str(exc))
    if pack.document is None:
        fail(f"{regulation} has no regulation document ({pack.path / 'regulation.yaml'})")
    click.echo(render(pack, fmt, lang), nl=False)


def _lint(ids: list[str], dirs: list[Path], lang: str = "en") -> None:
    """Lint every pack, each one's problems on stdout; a pack that does not load is a tool error."""
    from checker.packs import PackError, document_notices, load_pack
    from checker.packs.analysis import lint as lint_pack

    problems: list[str] = []
    notices: list[str] = []
    broken: list[str] = []
    for pack_id in ids:
        try:
            pack = load_pack(pack_id, dirs)
            problems.extend(lint_pack(pack))
            notices.extend(document_notices(pack))
        except PackError as exc:
            broken.append(pack_id)
            problems.extend(exc.problems)
    for p in problems:
        click.echo(p)
    for n in notices:  # not failures: provisions a rule could check, left for later
        say(f"notice: {n}")
    counts = (("lint.packs", ids), ("lint.problems", problems), ("lint.not_encoded", notices))
    say(", ".join(tr(key, lang, n=len(items)) for key, items in counts))
    if broken:
        say(f"sistemkerja: error: broken rule pack(s), which no check can use: {', '.join(broken)}")
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if problems else EXIT_OK)


def _test(ids: list[str], dirs: list[Path], lang: str = "en") -> None:
    """Every case of the packs named: PASS or FAIL with what differs; a case that cannot run is a
    tool error (exit 2), never a pass."""
    from checker.packs import PackError, load_pack
    from checker.packs.cases import find_cases, run_case

    failed = broken = total = 0
    for pack_id in ids:
        try:
            cases = find_cases(load_pack(pack_id, dirs))
        except PackError as exc:
            fail(str(exc))
        for case in cases:
            total += 1
            outcome = run_case(case, dirs)
            if outcome.problems:
                broken += 1
                click.echo(f"ERROR {case.name}\n  " + "\n  ".join(outcome.problems))
            elif not outcome.passed:
                failed += 1
                click.echo(f"FAIL {case.name} ({case.path})")
                want, got = sorted(case.expect), outcome.got
                click.echo("".join(f"  missing: {e}\n" for e in want if e not in got), nl=False)
                click.echo("".join(f"  unexpected: {g}\n" for g in got if g not in want), nl=False)
            else:
                click.echo(f"PASS {case.name}")
    say(tr("cases.summary", lang, n=total, failed=failed, broken=broken))
    sys.exit(EXIT_USAGE if broken else EXIT_FINDINGS if failed else EXIT_OK)
