from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import click

from checker.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    fail,
    lang_option,
    note_skipped,
    say,
    validate_date,
)
from checker.report import FORMATS
from checker.report.output import Output, write_outputs

FAIL_ON = ("error", "warning", "info", "never")

EXIT_HELP = """\b
Exit codes:
  0  clean: no open finding at or above --fail-on (waived and excepted ones never count)
  1  findings at or above --fail-on (waiver.expired counts as an error,
     waiver.unused as a warning)
  2  the check could not run: usage errors, unreadable input, schema or integrity
     errors in the data (reported like `validate`), a broken rule pack, a malformed
     waivers file, or an output file that cannot be written
"""

FORMAT_HELP = (
    "Report format, optionally with a file: NAME or NAME:FILE; repeat for several reports in one run "
    f"(e.g. --format sarif:out.sarif --format text). Formats: {', '.join(FORMATS)}. Default: text."
)


class Progress:
    """Progress on stderr: redrawn in place on a terminal, one line per step when forced elsewhere,
    silent otherwise. Never on stdout."""

    def __init__(self, enabled: bool | None) -> None:
        self.tty = sys.stderr.isatty()
        self.enabled = self.tty if enabled is None else enabled
        self.start = time.monotonic()
        self.drawn = False

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        line = f"sistemkerja: {message} ({time.monotonic() - self.start:.1f} s)"
        if self.tty:
            sys.stderr.write("\r\x1b[K" + line)
            self.drawn = True
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.drawn = False


@click.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--regulation", help="Rule pack to check against (default: the one the data names).")
@click.option(
    "--as-of", "as_of", callback=validate_date, help="Evaluate the organisation as it stood on DATE."
)
@click.option("--format", "formats", multiple=True, metavar="NAME[:FILE]", help=FORMAT_HELP)
@click.option(
    "-o", "--output", metavar="FILE", help="Write the report (the format given without a file) to FILE."
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option(
    "--waivers",
    "waiver_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Waivers file (repeatable); default: waivers.yaml beside the data, when there is one.",
)
@click.option("--ignore-waivers", is_flag=True, help="Apply no waivers: show every finding as it is.")
@click.option(
    "--each", is_flag=True, help="Check each PATH as a regency of its own (default: merge them into one)."
)
@lang_option("messages")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress on stderr (default: only when stderr is a terminal).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=lambda: min(os.cpu_count() or 1, 8),
    show_default="cores, at most 8",
    help="Worker processes: regencies in parallel with --each; else, from 3, processes that parse the files"
    " of one regency on a cold run (with fewer, one core parses while clingo reads the facts on the other),"
    " and the parts of a regency larger than --part-size solved at a time.",
)
@click.option(
    "--part-size",
    type=click.IntRange(min=0),
    default=None,
    metavar="RECORDS",
    help="Solve a regency of more than six times this many records in parts of about this many, each in"
    " a process of its own (--jobs at a time): memory stays bounded, the findings are the same"
    " (default 100000; 0: always solve whole).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--cache-dir",
    "cache_dir_opt",
    type=click.Path(file_okay=False),
    help="Cache folder (default: $SISTEMKERJA_CACHE_DIR, else the user's cache directory, e.g."
    " ~/.cache/sistemkerja). Keep it outside the data checked: whoever can write it decides the"
    " report (docs/trust-model.md).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where --each jobs run: local processes, or an existing Dask cluster (extra: sistemkerja[cluster]).",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --executor dask.")
@click.option(
    "--explain",
    is_flag=True,
    help="After the text report, explain each finding: the records that made it fire, with file:line.",
)
@click.option("--debug", is_flag=True, help="Show clingo's warnings on stderr.")
def check(
    paths: tuple[str, ...],
    regulation: str | None,
    as_of: str | None,
    formats: tuple[str, ...],
    output: str | None,
    fail_on: str,
    waiver_files: tuple[str, ...],
    ignore_waivers: bool,
    each: bool,
    lang: str,
    progress: bool | None,
    jobs: int,
    part_size: int | None,
    no_cache: bool,
    cache_dir_opt: str | None,
    executor: str,
    scheduler: str | None,
    explain: bool,
    debug: bool,
) -> None:
    """Check regency data against its regulation and report cited findings.

    PATHS are YAML files or folders (searched recursively; `waivers.yaml` files are not data).
    Reports go to stdout, or to files with --format NAME:FILE / --output; messages and progress go
    to stderr. See docs/outputs.md for the formats and the waivers file.
    """
    from importlib.metadata import version

    from checker import waivers as wv
    from checker.batch import Job, Outcome, run_jobs
    from checker.cache import default_dir as default_cache_dir
    from checker.load.discover import group_paths, inputs
    from checker.model import Finding, Problem
    from checker.packs import Pack
    from checker.report import Report, problem_findings, renderer
    from checker.report.output import OutputError, parse_outputs, refuse_inputs
    from checker.report.problems import render_problems
    from checker.report.text import summary

    try:
        outputs = parse_outputs(formats, output, FORMATS)
        refuse_inputs(outputs, inputs(paths, waiver_files))
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    if explain and not any(o.fmt == "text" and o.to_stdout for o in outputs):
        raise click.UsageError("--explain goes with the text report on stdout")

    note_skipped(paths)
    show = Progress(progress)
    groups = [(p,) for p in paths] if each else group_paths(paths)
    cache_dir = None if no_cache else str(cache_dir_opt or default_cache_dir())
    batch = [
        Job(
            g,
            regulation,
            as_of,
            waiver_files,
            ignore_waivers,
            jobs if len(groups) == 1 else 1,
            cache_dir,
            part_size=part_size,
        )
        for g in groups
    ]

    def done(n: int, total: int, outcome: Outcome) -> None:
        if total > 1:
            show(f"[{n}/{total}] {' '.join(outcome.paths)} checked")

    try:
        outcomes = run_jobs(batch, jobs if len(batch) > 1 else 1, executor, scheduler, done, show)
    except RuntimeError as exc:
        show.clear()
        fail(str(exc))
    findings: list[Finding] = []
    packs: dict[str, Pack] = {}
    dates: list[str] = []
    regencies: list[str] = []
    problems: list[Problem] = []
    # a waivers file shared by several regencies (--each --waivers F) is one set of waivers
    waivers: dict[wv.Waiver, None] = {}
    used: set[wv.Waiver] = set()
    expired: set[wv.Waiver] = set()
    for outcome in outcomes:
        if outcome.error:
            show.clear()
            if outcome.error_problems:
                sys.stderr.write(render_problems(outcome.error_problems))
            fail(outcome.error)
        if outcome.problems:
            problems.extend(outcome.problems)
            continue
        if debug:
            for m in outcome.messages:
                say(f"clingo: {m}")
        findings.extend(outcome.findings)
        packs.setdefault(outcome.pack.id, outcome.pack)
        dates.append(outcome.as_of)
        regencies.append(outcome.regency_id)
        used |= outcome.used
        expired |= outcome.expired
        waivers.update(dict.fromkeys(outcome.waivers))
    show.clear()

    tool_version = version("sistemkerja")
    if problems:
        problems.sort(key=Problem.sort_key)
        report = Report(
            findings=problem_findings(problems),
            packs={},
            as_of=as_of or "",
            inputs=list(paths),
            lang=lang,
            tool_version=tool_version,
            fail_on=fail_on,
        )
        sys.stderr.write(render_problems(problems))
        say(f"{len(problems)} data problem(s); fix them before the rules can run")

        def render_problem_report(fmt: str) -> str | None:
            if fmt == "text":
                return render_problems(problems)
            return renderer(fmt)(report)

        # the text listing is on stderr already; every other report carries the problems too
        _write([o for o in outputs if not (o.fmt == "text" and o.to_stdout)], render_problem_report)
        sys.exit(EXIT_USAGE)

    findings.extend(wv.waiver_findings(waivers, used, expired))
    findings.sort(key=Finding.sort_key)
    report = Report(
        findings=findings,
        packs=packs,
        as_of=", ".join(sorted(set(dates))),
        inputs=list(paths),
        regencies=regencies,
        lang=lang,
        tool_version=tool_version,
        waivers=list(waivers),
        fail_on=fail_on,
    )
    _write(outputs, lambda fmt: renderer(fmt)(report))
    if explain:
        _explain(outcomes, waiver_files, lang)
    if not any(o.fmt == "text" and o.to_stdout for o in outputs):
        say(summary(report))
    failing = any(report.failing(f) for f in report.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def _explain(outcomes: Sequence[Any], waiver_files: Sequence[str], lang: str) -> None:
    """The evidence chain of every finding; the batch outcomes do not carry the data, so it is
    loaded again; it passed validation in the job already."""
    from checker.load.discover import data_files
    from checker.pipeline import validate
    from checker.tools.explain import explain_findings

    for outcome in outcomes:
        if outcome.findings:
            regency = validate(data_files(outcome.paths, waiver_files)).regency
            sys.stdout.write("\n" + explain_findings(outcome.findings, regency, outcome.pack, lang))


def _write(outputs: Sequence[Output], render: Callable[[str], str | None]) -> None:
    try:
        write_outputs(outputs, render)
    except OSError as exc:
        fail(f"cannot write the report: {exc}")
