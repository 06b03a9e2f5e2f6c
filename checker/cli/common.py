"""Helpers shared by the commands: stderr messages and the exit-code convention."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


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
