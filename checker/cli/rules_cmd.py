from __future__ import annotations

import sys
from typing import Any

import click

from checker.cli.common import EXIT_FINDINGS, EXIT_OK, fail, say


@click.command()
@click.option("--regulation", "regulation", help="Rule pack id (default: every pack).")
@click.option(
    "--lint", is_flag=True, help="Check that every rule has id, severity, citation, messages, dates."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(regulation: str | None, lint: bool, fmt: str) -> None:
    """List the rules a regulation enacts: id, severity, citation, title, and for a pack that extends
    another, whether each rule is inherited, overridden (and which fields) or not enacted."""
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
                "extends": pack.extends,
                "lineage": pack.lineage,
                "rules": [_rule_json(r) for r in pack.rules.values()],
                "not_enacted": [
                    {"id": rid, "reason": why, "declared_by": pack.not_enacted_by.get(rid, pack.id)}
                    for rid, why in pack.not_enacted.items()
                ],
            }
            for pack in packs
        ]
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for pack in packs:
        extends = f"; extends {pack.extends}" if pack.extends else ""
        click.echo(f"{pack.id} — {pack.title} (in force {pack.in_force}{extends})")
        for r in pack.rules.values():
            click.echo(f"  {r.id:<40} {r.severity:<8} {r.citation}")
            click.echo(f"  {'':<40} {r.title.get('en', '')}")
            if r.status == "inherited":
                click.echo(f"  {'':<40} inherited from {r.inherited_from}")
            elif r.status == "overridden":
                click.echo(f"  {'':<40} overridden ({', '.join(r.overridden)}) from {r.inherited_from}")
        for rid, why in pack.not_enacted.items():
            by = pack.not_enacted_by.get(rid, pack.id)
            declared = f" (declared by {by})" if by != pack.id else ""
            click.echo(f"  {rid:<40} {'-':<8} not enacted: {why}{declared}")


def _rule_json(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "severity": r.severity,
        "citation": r.citation,
        "title": r.title,
        "status": r.status,
        "inherited_from": r.inherited_from,
        "overridden": r.overridden,
        "parameters": r.parameters,
    }
