from __future__ import annotations

import sys

import click

from checker.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, say


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def validate(paths: tuple[str, ...], fmt: str) -> None:
    """Check YAML syntax, JSON Schema and referential integrity of regency data.

    PATHS are YAML files or folders (searched recursively). Exit 0 clean, 1 data errors,
    2 unreadable input or usage errors.
    """
    from checker.load import InputError
    from checker.pipeline import validate as run
    from checker.report.problems import render_problems

    try:
        result = run(list(paths))
    except InputError as exc:
        fail(str(exc))
    sys.stdout.write(render_problems(result.problems, fmt))
    n = len(result.problems)
    files = len(result.regency.files)
    say(f"{files} file(s), {n} problem(s)" if n else f"{files} file(s) valid")
    if result.unreadable:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if n else EXIT_OK)
