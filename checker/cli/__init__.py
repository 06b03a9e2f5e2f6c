"""The `sistemkerja` command line. Commands live in their own modules and are imported lazily,
so `sistemkerja --help` and a warm `check` start fast."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import click

# command name -> "module:attribute"; a new command is one line here and one module beside this one
COMMANDS: dict[str, str] = {
    "validate": "checker.cli.validate_cmd:validate",
    "check": "checker.cli.check_cmd:check",
    "rules": "checker.cli.rules_cmd:rules",
    "explain": "checker.cli.explain_cmd:explain",
    "compare": "checker.cli.compare_cmd:compare",
}

EXIT_CODES_HELP = """Exit codes: 0 clean; 1 findings at or above --fail-on (`check`) or data errors
(`validate`); 2 the tool could not run: usage errors, unreadable input, data errors under `check`,
or a broken rule pack."""


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, epilog=EXIT_CODES_HELP)
@click.version_option(package_name="sistemkerja")
def main() -> None:
    """Check a regency's Sistem Kerja data against its Peraturan Bupati.

    validate: schema and integrity of the YAML. check: the regulation's rules, with cited findings.
    rules: what a rule pack enacts. explain: a rule's text and reading. compare: two regulations
    side by side, or one dataset under both.
    """


def run() -> None:
    """The console script: `main`, then leave without tearing the heap down.

    A large check leaves millions of small objects and clingo's ground program behind. Freeing
    them one by one at interpreter shutdown took 1 s at 100k staff and half a minute at 1M, after
    the report was written and closed. Outputs are written through `with` blocks and worker pools
    are closed before a command returns, so only stdout and stderr need flushing here."""
    try:
        main()
        code: int = 0
    except SystemExit as exc:  # click ends every command this way
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)
