from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    document_format_option,
    fail,
    lang_option,
    quiet_option,
    rules_dir_option,
    say,
    valid_regency,
    validate_date,
)
from checker.i18n import tr


@click.command()
@click.argument("args", nargs=-1, required=True, metavar="RULE_ID | PATHS...")
@click.option(
    "--regulation", help="Rule pack id (default: every pack that has the rule; with --finding: the data's)."
)
@click.option(
    "--finding",
    "finding",
    metavar="RULE_ID:RECORD",
    help="Explain a finding of the data in PATHS: the chain of records that made it fire.",
)
@click.option(
    "--as-of", "as_of", callback=validate_date, help="With --finding: evaluate the data as of DATE."
)
@document_format_option()
@lang_option("labels")
@quiet_option
@rules_dir_option
def explain(
    args: tuple[str, ...],
    regulation: str | None,
    finding: str | None,
    as_of: str | None,
    fmt: str,
    lang: str,
    rules_dirs: tuple[str, ...],
) -> None:
    """Explain a rule: `explain RULE_ID [--regulation ID]` prints its title, severity, citation, the
    article text, the reading the encoding takes, its parameters and a passing and a failing example.

    Explain a finding: `explain --finding RULE_ID:RECORD PATHS...` checks the data and prints, for
    that finding, each record in the chain with its file:line, and what the regulation says.
    Exit 0 when explained, 1 when the data has no such finding, 2 on usage errors.
    """
    dirs = [Path(d) for d in rules_dirs]
    if finding:
        _explain_finding(finding, args, regulation, as_of, fmt, lang, dirs)
    if len(args) != 1:
        fail("name one rule id (or use --finding RULE_ID:RECORD PATHS...)")
    if as_of:
        fail("--as-of applies to --finding only")
    _explain_rule(args[0], regulation, fmt, lang, dirs)


def _explain_rule(rule_id: str, regulation: str | None, fmt: str, lang: str, dirs: list[Path]) -> None:
    import difflib

    from checker.packs import PackError, available_packs, load_pack
    from checker.report import document
    from checker.tools.explain import rule_blocks, rule_doc, to_json

    try:
        packs = [load_pack(r, dirs) for r in ([regulation] if regulation else available_packs(dirs))]
    except PackError as exc:
        fail(str(exc))
    mentioned = [p for p in packs if rule_id in p.rules or rule_id in p.not_enacted]
    if not mentioned:
        known = sorted({r for p in packs for r in (*p.rules, *p.not_enacted)})
        close = difflib.get_close_matches(rule_id, known, n=3)
        where = f"in {regulation}" if regulation else "in any rule pack"
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        fail(f"no rule '{rule_id}' {where}{hint}")
    try:  # the parameters a rule uses are read from the pack's ASP
        if fmt == "json":
            text = to_json(rule_doc(rule_id, mentioned))
        else:
            text = document.render(rule_blocks(rule_id, packs, lang), fmt, lang)
    except PackError as exc:
        fail(str(exc))
    sys.stdout.write(text)
    sys.exit(EXIT_OK)


def _explain_finding(
    spec: str,
    paths: tuple[str, ...],
    regulation: str | None,
    as_of: str | None,
    fmt: str,
    lang: str,
    dirs: list[Path],
) -> None:
    from checker.packs import PackError
    from checker.pipeline import Options, run
    from checker.report import document
    from checker.solve.engine import EngineError
    from checker.tools.explain import Describer, finding_blocks, finding_dict, to_json

    rule_id, sep, record = spec.partition(":")
    if not sep or not rule_id or not record:
        fail(f"--finding takes RULE_ID:RECORD (e.g. kedudukan.assessor-rank:k-0002), not '{spec}'")
    regency = valid_regency(paths, lang)
    try:
        result = run(regency, Options(regulation, as_of, tuple(dirs))).check
    except (PackError, EngineError) as exc:
        fail(str(exc))
    assert result is not None  # a loaded regency is always solved
    chosen = [f for f in result.findings if f.rule_id == rule_id and f.record == record]
    if not chosen:
        if rule_id not in result.pack.rules:
            fail(f"{result.pack.id} does not enact a rule '{rule_id}'")
        others = sorted({f.record for f in result.findings if f.rule_id == rule_id})
        hint = (
            tr(
                "explain.fires_on",
                lang,
                records=", ".join(others[:10]) + (" ..." if len(others) > 10 else ""),
            )
            if others
            else ""
        )
        say(
            tr(
                "explain.no_finding",
                lang,
                rule=rule_id,
                record=record,
                pack=result.pack.id,
                as_of=result.as_of,
            )
            + hint
        )
        sys.exit(EXIT_FINDINGS)
    if fmt == "json":
        docs = [finding_dict(f, regency, result.pack) for f in chosen]
        sys.stdout.write(to_json(docs))
    else:
        describer = Describer(regency)
        blocks = [b for f in chosen for b in finding_blocks(f, regency, result.pack, lang, describer)]
        sys.stdout.write(document.render(blocks, fmt, lang))
    sys.exit(EXIT_OK)
