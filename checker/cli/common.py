"""Helpers shared by the commands: stderr messages and the exit-code convention."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

F = TypeVar("F", bound=Callable[..., Any])


def say(message: str) -> None:
    """Everything that is not the report goes to stderr, so stdout can be piped."""
    click.echo(message, err=True)


def fail(message: str) -> NoReturn:
    say(f"sistemkerja: error: {message}")
    sys.exit(EXIT_USAGE)


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


rules_dir_option = click.option(
    "--rules-dir",
    "rules_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Also look for rule packs here (before $SISTEMKERJA_RULES and the shipped rules).",
)
