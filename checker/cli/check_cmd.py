from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace

import click

from checker import __version__, replay
from checker.batch import Job, Outcome, run_jobs
from checker.cache import default_dir as default_cache_dir
from checker.cli.common import (
    EXIT_USAGE,
    SectionedCommand,
    colour_option,
    fail,
    lang_option,
    note_skipped,
    option_group,
    quiet,
    quiet_option,
    rules_dir_option,
    say,
    use_colour,
    validate_date,
)
from checker.cli.progress import Progress
from checker.i18n import tr
from checker.load.discover import InputError, Plan, plan
from checker.model import Problem
from checker.report import FORMATS, Report, problem_findings, renderer
from checker.report.output import Output, OutputError, parse_outputs, refuse_inputs, write_outputs
from checker.report.problems import render_problems
from checker.report.text import paint, summary
from checker.result import Combined

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


@click.command(cls=SectionedCommand, epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@option_group(
    "Rules",
    click.option("--regulation", help="Rule pack to check against (default: the one the data names)."),
    click.option(
        "--rule",
        "select",
        multiple=True,
        metavar="ID|GLOB",
        help="Run only these rules (repeatable; globs like 'penugasan.*'); one matching no rule is an error.",
    ),
    click.option(
        "--skip-rule", "skip", multiple=True, metavar="ID|GLOB", help="Do not run these rules (repeatable)."
    ),
    click.option(
        "--as-of", "as_of", callback=validate_date, help="Evaluate the organisation as it stood on DATE."
    ),
    rules_dir_option,
    click.option(
        "--require-in-force",
        is_flag=True,
        help="Exit 2 when the regulation (or every rule) is not in force on the date checked: a clean"
        " report would then mean nothing was checked. Without it, every report says so in a notice.",
    ),
)
@option_group(
    "Report",
    click.option("--format", "formats", multiple=True, metavar="NAME[:FILE]", help=FORMAT_HELP),
    click.option(
        "-o", "--output", metavar="FILE", help="Write the report (the format given without a file) to FILE."
    ),
    click.option(
        "--fail-on",
        type=click.Choice(FAIL_ON),
        default="error",
        show_default=True,
        help="Lowest severity that makes the exit code 1.",
    ),
    lang_option("messages"),
    click.option(
        "--explain",
        is_flag=True,
        help="After the text report, explain each finding: the records that made it fire, with file:line.",
    ),
    quiet_option,
    click.option(
        "--progress/--no-progress",
        default=None,
        help="Progress on stderr (default: only when stderr is a terminal).",
    ),
    click.option("--debug", is_flag=True, help="Show clingo's warnings on stderr."),
    colour_option,
)
@option_group(
    "Input",
    click.option(
        "--mapping",
        type=click.Path(exists=True, dir_okay=False),
        help="Read the spreadsheets among PATHS as the export this YAML file maps (columns, names): "
        "README, Spreadsheets. A mapped run is never cached.",
    ),
)
@option_group(
    "Waivers",
    click.option(
        "--waivers",
        "waiver_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Waivers file (repeatable); default: waivers.yaml beside the data, when there is one.",
    ),
    click.option("--ignore-waivers", is_flag=True, help="Apply no waivers: show every finding as it is."),
)
@option_group(
    "Scale and cache",
    click.option(
        "--each", is_flag=True, help="Check each PATH as a regency of its own (default: merge them into one)."
    ),
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=lambda: min(os.cpu_count() or 1, 8),
        show_default="cores, at most 8",
        help="Worker processes: regencies in parallel with --each; else, from 3, processes that parse the"
        " files of one regency on a cold run (with fewer, one core parses while clingo reads the facts on"
        " the other), and the parts of a regency larger than --part-size solved at a time.",
    ),
    click.option(
        "--part-size",
        type=click.IntRange(min=0),
        default=None,
        metavar="RECORDS",
        help="Solve a regency of more than six times this many records in parts of about this many, each in"
        " a process of its own (--jobs at a time): memory stays bounded, the findings are the same"
        " (default 100000; 0: always solve whole).",
    ),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
    click.option(
        "--cache-dir",
        "cache_dir_opt",
        type=click.Path(file_okay=False),
        help="Cache folder (default: $SISTEMKERJA_CACHE_DIR, else the user's cache directory, e.g."
        " ~/.cache/sistemkerja). Keep it outside the data checked: whoever can write it decides the"
        " report (docs/trust-model.md).",
    ),
    click.option(
        "--executor",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="Where --each jobs run: local processes, or an existing Dask cluster"
        " (extra: sistemkerja[cluster]).",
    ),
    click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --executor dask."),
)
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
    rules_dirs: tuple[str, ...],
    select: tuple[str, ...],
    skip: tuple[str, ...],
    debug: bool,
    colour: bool | None,
    require_in_force: bool,
    mapping: str | None,
) -> None:
    """Check regency data against its regulation and report cited findings.

    PATHS are YAML files or folders (searched recursively; `waivers.yaml` files are not data).
    Reports go to stdout, or to files with --format NAME:FILE / --output; messages and progress go
    to stderr. See docs/outputs.md for the formats and the waivers file.
    """
    try:
        found = plan(paths, waiver_files, each)  # the one walk of the paths: every later step uses it
    except InputError as exc:
        fail(str(exc))
    outputs = _outputs(formats, output, found.inputs, explain)
    note_skipped(found.skipped)
    show = Progress(False if quiet() else progress)
    every = Job(
        (),
        regulation,
        as_of,
        waiver_files,
        ignore_waivers,
        jobs,
        cache_dir=None if no_cache or mapping else str(cache_dir_opt or default_cache_dir()),
        part_size=part_size,
        keep_regency=explain,  # the records, for --explain: kept from the run, never loaded twice
        names=any(o.fmt == "html" for o in outputs),  # people, units and OPDs by name, not only id
        rules_dirs=rules_dirs,
        select=select,
        skip=skip,
        mapping=mapping,
    )
    if replay.RECORDER is not None and every.cache_dir == str(default_cache_dir()):
        replay.RECORDER.root = every.cache_dir  # a run with the default cache may be replayed
    batch = _jobs(found, every)
    combined, outcomes = _execute(batch, jobs, executor, scheduler, show)
    if combined.error:
        if combined.error_problems:
            sys.stderr.write(render_problems(combined.error_problems))
        fail(combined.error)
    if debug:
        for m in combined.messages:
            say(f"clingo: {m}")
    base = Report(findings=[], packs={}, as_of="", inputs=list(paths), lang=lang, fail_on=fail_on)
    base.tool_version = __version__
    if combined.problems:
        _report_problems(combined.problems, replace(base, as_of=as_of or ""), outputs)
        sys.exit(EXIT_USAGE)
    report = replace(
        base,
        findings=combined.findings,
        packs=combined.packs,
        as_of=combined.as_of,
        regencies=combined.regencies,
        waivers=list(combined.waivers),
        names=combined.names,
        notices=combined.notices,
    )
    _write(outputs, lambda fmt: renderer(fmt)(report), paint if use_colour(colour) else None)
    if explain:
        _explain(outcomes, lang)
    if not any(o.fmt == "text" and o.to_stdout for o in outputs):
        say(summary(report))
    if require_in_force and combined.notices:
        fail("; ".join(n.text(lang) for n in combined.notices) + " (--require-in-force)")
    sys.exit(combined.exit_code(report.failing))


def _outputs(
    formats: Sequence[str], output: str | None, inputs: Sequence[str], explain: bool
) -> list[Output]:
    """Where each report goes; a usage error for a combination that cannot be honoured."""
    try:
        outputs = parse_outputs(formats, output, FORMATS)
        refuse_inputs(outputs, inputs)
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    if explain and not any(o.fmt == "text" and o.to_stdout for o in outputs):
        raise click.UsageError("--explain goes with the text report on stdout")
    return outputs


def _jobs(found: Plan, every: Job) -> list[Job]:
    """One job per regency (each path with --each, else the paths grouped by their headers), each
    with the settings of `every`; one regency gets the processes, many get one each."""
    workers = every.jobs if len(found.groups) == 1 else 1
    return [replace(every, paths=g.paths, files=g.files, jobs=workers) for g in found.groups]


def _execute(
    batch: list[Job], jobs: int, executor: str, scheduler: str | None, show: Progress
) -> tuple[Combined, list[Outcome]]:
    def done(n: int, total: int, outcome: Outcome) -> None:
        if total > 1:
            show(f"[{n}/{total}] {' '.join(outcome.paths)} checked")

    try:
        outcomes = run_jobs(batch, jobs if len(batch) > 1 else 1, executor, scheduler, done, show)
    except RuntimeError as exc:
        show.clear()
        fail(str(exc))
    show.clear()
    combined = Combined()
    for outcome in outcomes:
        combined.add(outcome)
    combined.finish()
    return combined, outcomes


def _report_problems(problems: list[Problem], report: Report, outputs: Sequence[Output]) -> None:
    """Data problems: listed on stderr, and carried by every report but the text one on stdout."""
    report = replace(report, findings=problem_findings(problems))
    sys.stderr.write(render_problems(problems, lang=report.lang))
    say(tr("data.problems", report.lang, n=len(problems)))

    def render(fmt: str) -> str | None:
        return render_problems(problems, lang=report.lang) if fmt == "text" else renderer(fmt)(report)

    _write([o for o in outputs if not (o.fmt == "text" and o.to_stdout)], render)


def _explain(outcomes: Sequence[Outcome], lang: str) -> None:
    """The evidence chain of every finding, over the records each job kept."""
    from checker.tools.explain import explain_findings

    for outcome in outcomes:
        if outcome.findings:
            sys.stdout.write("\n" + explain_findings(outcome.findings, outcome.regency, outcome.pack, lang))


def _write(
    outputs: Sequence[Output],
    render: Callable[[str], str | None],
    paint: Callable[[str], str] | None = None,
) -> None:
    try:
        write_outputs(outputs, render, paint)
    except OSError as exc:
        fail(f"cannot write the report: {exc}")
