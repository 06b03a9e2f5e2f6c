from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.cli.common import (
    EXIT_OK,
    fail,
    lang_option,
    quiet_option,
    rules_dir_option,
    valid_regency,
    validate_date,
)

FORMATS = ("text", "markdown", "json", "html")


@click.command()
@click.argument("regulations", nargs=-1, required=True)
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(),
    help="Regency data (file or folder; repeatable): check it under REG_A and REG_B, compare findings.",
)
@click.option(
    "--as-of",
    "as_of",
    callback=validate_date,
    help="With --data: evaluate the organisation as it stood on DATE.",
)
@click.option(
    "--by-article",
    is_flag=True,
    help="Align two regulations' provisions by the rules they feed: which article has no counterpart.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@lang_option("labels")
@quiet_option
@rules_dir_option
def compare(
    regulations: tuple[str, ...],
    data: tuple[str, ...],
    as_of: str | None,
    by_article: bool,
    fmt: str,
    lang: str,
    rules_dirs: tuple[str, ...],
) -> None:
    """Compare regulations: REG_A REG_B [...] side by side, rule by rule, with citations, excerpts and
    parameter differences; or, with --data PATH, the same organisation checked under REG_A and REG_B:
    findings only under A, only under B, under both, counted per rule and per OPD.

    Always exits 0 when the comparison could be made (it is a report, not a check); 2 on usage
    errors, unreadable data, data problems or a broken rule pack.
    """
    from checker.packs import PackError, load_pack
    from checker.tools.compare import compare_data, compare_packs, render_data, render_packs

    dirs = [Path(d) for d in rules_dirs]
    if len(set(regulations)) != len(regulations):
        fail("name each regulation once")
    if data and len(regulations) != 2:
        fail("--data compares exactly two regulations: compare --data PATH REG_A REG_B")
    if not data and len(regulations) < 2:
        fail("name at least two regulations to compare (e.g. compare REG_A REG_B)")
    if as_of and not data:
        fail("--as-of applies to --data only")
    try:
        packs = [load_pack(r, dirs) for r in regulations]
    except PackError as exc:
        fail(str(exc))

    if by_article:
        from checker.tools.compare.articles import render

        if data or len(packs) != 2:
            fail("--by-article compares exactly two regulations, without --data")
        sys.stdout.write(render(packs[0], packs[1], fmt, lang))
        sys.exit(EXIT_OK)
    if not data:
        sys.stdout.write(render_packs(compare_packs(packs), fmt, lang))
        sys.exit(EXIT_OK)

    from checker.solve.engine import EngineError

    regency = valid_regency(data, lang)
    try:
        result = compare_data(regency, packs[0].id, packs[1].id, list(data), as_of, dirs)
    except (PackError, EngineError) as exc:
        fail(str(exc))
    sys.stdout.write(render_data(result, fmt, lang))
    sys.exit(EXIT_OK)
