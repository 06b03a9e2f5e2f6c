"""Helpers shared by the commands: stderr messages and the exit-code convention."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn, TypeVar

import click

from checker.model import Regency

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

F = TypeVar("F", bound=Callable[..., Any])


class _Settings:
    quiet = False  # --quiet: no messages on stderr but errors


def say(message: str) -> None:
    """Everything that is not the report goes to stderr, so stdout can be piped."""
    if not _Settings.quiet:
        click.echo(message, err=True)


def fail(message: str) -> NoReturn:
    click.echo(f"sistemkerja: error: {message}", err=True)  # even under --quiet
    sys.exit(EXIT_USAGE)


def _set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    _Settings.quiet = bool(value)
    return bool(value)


quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    callback=_set_quiet,
    expose_value=False,
    is_eager=True,
    help="No messages on stderr (progress, summaries, notes): errors and the report only.",
)


def quiet() -> bool:
    return _Settings.quiet


def validate_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


def lang_option(what: str = "messages") -> Callable[[F], F]:
    return click.option(
        "--lang",
        type=click.Choice(["id", "en"]),
        default="id",
        show_default=True,
        help=f"Language of {what}.",
    )


def document_format_option(help: str | None = None) -> Callable[[F], F]:
    """--format of the commands that print a document (rules, explain): the document model's three
    renderings and JSON."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "markdown", "html", "json"]),
        default="text",
        show_default=True,
        help=help,
    )


rules_dir_option = click.option(
    "--rules-dir",
    "rules_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Also look for rule packs here (before $SISTEMKERJA_RULES and the shipped rules).",
)


def valid_regency(paths: Sequence[str], lang: str = "en") -> Regency:
    """Load and validate the data for a command that needs it whole; on data problems print them like
    `validate` (in `lang`) and exit 2, since the rules never run on broken data."""
    from checker.i18n import tr
    from checker.load.discover import InputError
    from checker.pipeline import validate
    from checker.report.problems import render_problems

    try:
        checked = validate(list(paths))
    except InputError as exc:
        fail(str(exc))
    if checked.problems:
        sys.stderr.write(render_problems(checked.problems, lang=lang))
        say(tr("data.problems", lang, n=len(checked.problems)))
        sys.exit(EXIT_USAGE)
    return checked.regency


def note_skipped(skipped: Iterable[tuple[str, str]]) -> None:
    """Say which files in the folders given are not read (never silently passed over)."""
    for path, why in skipped:
        say(f"sistemkerja: skipped {path} ({why})")


colour_option = click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour the text report's severities (default: on a terminal, unless NO_COLOR is set).",
)


def use_colour(choice: bool | None) -> bool:
    """--color/--no-color if given; else colour only on a terminal and never with NO_COLOR set
    (https://no-color.org)."""
    import os

    if choice is not None:
        return choice
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def option_group(title: str, *options: Callable[[F], F]) -> Callable[[F], F]:
    """Options shown under a heading of their own in --help (see SectionedCommand)."""

    def decorate(f: F) -> F:
        before = len(getattr(f, "__click_params__", []))
        for option in reversed(options):
            f = option(f)
        added = f.__click_params__[before:]  # type: ignore[attr-defined]
        names = [p.name for p in reversed(added)]
        f.__option_sections__ = [(title, names), *getattr(f, "__option_sections__", [])]  # type: ignore[attr-defined]
        return f

    return decorate


class SectionedCommand(click.Command):
    """A command whose --help lists its options in the sections `option_group` declared. Written
    here rather than taken from cloup: that import costs 22 ms of a 0.2 s warm check."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = {p.name: p for p in self.get_params(ctx) if isinstance(p, click.Option)}
        shown: set[str | None] = set()
        for title, names in getattr(self.callback, "__option_sections__", []):
            rows = [r for n in names if n in params and (r := params[n].get_help_record(ctx))]
            shown.update(names)
            with formatter.section(title):
                formatter.write_dl(rows)
        rest = [r for n, p in params.items() if n not in shown and (r := p.get_help_record(ctx))]
        if rest:
            with formatter.section("Other options"):
                formatter.write_dl(rest)
