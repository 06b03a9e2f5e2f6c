from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from checker import __version__
from checker.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    fail,
    lang_option,
    note_skipped,
    quiet_option,
    say,
)
from checker.i18n import tr

if TYPE_CHECKING:  # the command imports its machinery lazily (a fast --help)
    from checker.load.discover import Plan
    from checker.model import Problem
    from checker.report.output import Output

# json keeps the problem list layout of `validate`; the others render problems as findings
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")

EXIT_HELP = """\b
Exit codes:
  0  the data (and its waivers file, if any) is valid
  1  data errors: schema, integrity, or a malformed waivers file
  2  the data could not be read (YAML syntax, encoding, empty or oversized files)
     or a usage error
"""


@click.command(epilog=EXIT_HELP)
@quiet_option
@lang_option("problem messages, the summary and the report's labels")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="NAME[:FILE]",
    help=f"Report format, optionally with a file; repeatable. Formats: {', '.join(FORMATS)}. Default: text.",
)
@click.option(
    "-o", "--output", metavar="FILE", help="Write the report (the format given without a file) to FILE."
)
@click.option(
    "--waivers",
    "waiver_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Waivers file to validate too (default: waivers.yaml beside the data, when there is one).",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False),
    help="Read the spreadsheets among PATHS as the export this YAML file maps (columns, names).",
)
def validate(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    output: str | None,
    waiver_files: tuple[str, ...],
    lang: str,
    mapping: str | None,
) -> None:
    """Check YAML syntax, JSON Schema and referential integrity of regency data.

    PATHS are YAML files or folders (searched recursively); a `waivers.yaml` among them is checked
    against the waivers schema instead.
    """
    from checker.load.discover import InputError, plan
    from checker.report.output import OutputError, parse_outputs, refuse_inputs

    try:
        found = plan(paths, waiver_files)  # several regencies (each with a header) are validated apart
    except InputError as exc:
        fail(str(exc))
    try:
        outputs = parse_outputs(formats, output, FORMATS)
        refuse_inputs(outputs, found.inputs)
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    note_skipped(found.skipped)
    problems, n_files, unreadable = _problems(found, waiver_files, paths, mapping)
    _write(problems, outputs, paths, lang)
    n = len(problems)
    files = tr("validate.files", lang, n=n_files)
    say(f"{files}, {tr('validate.problems', lang, n=n)}" if n else f"{files} {tr('validate.valid', lang)}")
    if unreadable:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if n else EXIT_OK)


def _problems(
    found: Plan, waiver_files: Sequence[str], paths: Sequence[str], mapping: str | None
) -> tuple[list[Problem], int, bool]:
    """Every regency's problems and its waivers files', sorted; the files read; whether any input
    could not be read at all."""
    from checker import waivers as wv
    from checker.load.discover import default_waivers
    from checker.load.mapping import MappingError
    from checker.model import Problem
    from checker.pipeline import Options
    from checker.pipeline import validate as run

    problems: list[Problem] = []
    unreadable = False
    for group in found.groups:
        try:
            result = run(group.files, Options(solve=False, mapping=mapping))
        except MappingError as exc:
            fail(str(exc))
        problems.extend(result.problems)
        unreadable = unreadable or result.unreadable
    try:
        wv.load_waivers(list(waiver_files) or default_waivers(paths))
    except wv.WaiverError as exc:
        problems.extend(exc.problems)
    problems.sort(key=Problem.sort_key)
    return problems, sum(len(g.files) for g in found.groups), unreadable


def _write(problems: list[Problem], outputs: list[Output], paths: Sequence[str], lang: str) -> None:
    from checker.report import Report, problem_findings, renderer
    from checker.report.output import write_outputs
    from checker.report.problems import render_problems

    report = Report(
        findings=problem_findings(problems),
        packs={},
        as_of="",
        inputs=list(paths),
        tool_version=__version__,
        lang=lang,
        command="validate",
    )

    def render(fmt: str) -> str:
        if fmt in ("text", "json"):
            return render_problems(problems, fmt, lang)
        return renderer(fmt)(report)

    try:
        write_outputs(outputs, render)
    except OSError as exc:
        fail(f"cannot write the report: {exc}")
