from __future__ import annotations

import sys

import click

from checker.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, say, validate_date
from checker.report import FORMATS

FAIL_ON = ("error", "warning", "info", "never")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--regulation", help="Rule pack to check against (default: the one the data names).")
@click.option(
    "--as-of", "as_of", callback=validate_date, help="Evaluate the organisation as it stood on DATE."
)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option(
    "--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="Language of messages."
)
@click.option("--debug", is_flag=True, help="Show clingo's warnings on stderr.")
def check(
    paths: tuple[str, ...],
    regulation: str | None,
    as_of: str | None,
    fmt: str,
    fail_on: str,
    lang: str,
    debug: bool,
) -> None:
    """Check regency data against its regulation and print cited findings.

    Exit 0 when nothing is at or above --fail-on, 1 when something is, 2 on usage errors,
    unreadable input or schema/integrity errors (reported like `validate`; the rules do not run).
    """
    from importlib.metadata import version

    from checker.engine import EngineError
    from checker.load import InputError
    from checker.model import SEVERITY_RANK
    from checker.packs import PackError
    from checker.pipeline import check_regency, validate
    from checker.report import Report, renderer
    from checker.report.problems import render_problems

    try:
        checked = validate(list(paths))
    except InputError as exc:
        fail(str(exc))
    if checked.problems:
        sys.stderr.write(render_problems(checked.problems))
        say(f"{len(checked.problems)} data problem(s); fix them before the rules can run")
        sys.exit(EXIT_USAGE)
    try:
        result = check_regency(checked.regency, regulation, as_of)
    except (PackError, EngineError) as exc:
        fail(str(exc))
    if debug:
        for m in result.messages:
            say(f"clingo: {m}")
    report = Report(
        findings=result.findings,
        packs={result.pack.id: result.pack},
        as_of=result.as_of,
        inputs=list(paths),
        regencies=[str((checked.regency.regency or {}).get("id", ""))],
        lang=lang,
        tool_version=version("sistemkerja"),
    )
    sys.stdout.write(renderer(fmt)(report))
    if fail_on == "never":
        sys.exit(EXIT_OK)
    threshold = SEVERITY_RANK[fail_on]
    failing = any(
        f.status in ("open", "uncheckable") and SEVERITY_RANK[f.severity] >= threshold
        for f in result.findings
    )
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)
