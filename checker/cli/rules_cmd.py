from __future__ import annotations

import sys

import click

from checker.cli.common import EXIT_FINDINGS, EXIT_OK, fail, say


@click.command()
@click.option("--regulation", "regulation", help="Rule pack id (default: every pack).")
@click.option(
    "--lint", is_flag=True, help="Check that every rule has id, severity, citation, messages, dates."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(regulation: str | None, lint: bool, fmt: str) -> None:
    """List the rules a regulation enacts: id, severity, citation, title."""
    import json

    from checker.packs import PackError, available_packs, load_pack
    from checker.packs import lint as lint_pack

    ids = [regulation] if regulation else available_packs()
    try:
        packs = [load_pack(i) for i in ids]
    except PackError as exc:
        fail(str(exc))
    if lint:
        problems = [p for pack in packs for p in lint_pack(pack)]
        for p in problems:
            click.echo(p)
        say(f"{len(packs)} pack(s), {len(problems)} problem(s)")
        sys.exit(EXIT_FINDINGS if problems else EXIT_OK)
    if fmt == "json":
        doc = [
            {
                "regulation": pack.id,
                "rules": [
                    {"id": r.id, "severity": r.severity, "citation": r.citation, "title": r.title}
                    for r in pack.rules.values()
                ],
            }
            for pack in packs
        ]
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for pack in packs:
        click.echo(f"{pack.id} — {pack.title} (in force {pack.in_force})")
        for r in pack.rules.values():
            click.echo(f"  {r.id:<40} {r.severity:<8} {r.citation}")
            click.echo(f"  {'':<40} {r.title.get('en', '')}")
        for rid, why in pack.not_enacted.items():
            click.echo(f"  {rid:<40} {'-':<8} not enacted: {why}")
