"""The `sistemkerja` command line. Commands live in their own modules and are imported lazily,
so `sistemkerja --help` and a warm `check` start fast."""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import signal
import sys
from typing import Any

import click

from checker import __version__, replay

# command name -> "module:attribute"; a new command is one line here and one module beside this one
COMMANDS: dict[str, str] = {
    "validate": "checker.cli.validate_cmd:validate",
    "check": "checker.cli.check_cmd:check",
    "rules": "checker.cli.rules_cmd:rules",
    "explain": "checker.cli.explain_cmd:explain",
    "compare": "checker.cli.compare_cmd:compare",
    "template": "checker.cli.template_cmd:template",  # an empty workbook to fill in (issue 18)
    "convert": "checker.cli.convert_cmd:convert",  # spreadsheets <-> the YAML layout
    "new-pack": "checker.cli.new_pack_cmd:new_pack",  # a regency's pack skeleton (issue 15)
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


@click.group(cls=LazyGroup, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, package_name="sistemkerja")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Check a regency's Sistem Kerja data against its Peraturan Bupati.

    validate: schema and integrity of the YAML. check: the regulation's rules, with cited findings.
    rules: what a rule pack enacts. explain: a rule's text and reading. compare: two regulations
    side by side, or one dataset under both.

    Defaults for any option can live in `.sistemkerja.yaml` or `[tool.sistemkerja]` in
    pyproject.toml (see docs/outputs.md). Shell completion: `eval "$(_SISTEMKERJA_COMPLETE=bash_source
    sistemkerja)"` (zsh_source, fish_source likewise).
    """
    name = ctx.invoked_subcommand
    if name is None:
        return
    from pathlib import Path

    from checker.cli import config
    from checker.cli.common import fail

    try:
        here = Path.cwd()
    except OSError as exc:  # the working folder was deleted under the shell
        fail(f"cannot read the working folder: {exc.strerror}")
    path = config.find(here)
    if path is not None:
        command = ctx.command.get_command(ctx, name)  # type: ignore[attr-defined]
        ctx.default_map = config.default_map(config.read(path), {name: command}, COMMANDS, path)


def run() -> None:
    """The console script: `main`, then leave without tearing the heap down.

    A large check leaves millions of small objects and clingo's ground program behind. Freeing
    them one by one at interpreter shutdown took 1 s at 100k staff and half a minute at 1M, after
    the report was written and closed. Outputs are written through `with` blocks and worker pools
    are closed before a command returns, so only stdout and stderr need flushing here.

    Ctrl-C exits 130 and SIGTERM 143, each with one line on stderr, once the worker processes are
    stopped. A reader that goes away (`sistemkerja check ... | head -1`) ends the run silently with
    141, the status of a program killed by SIGPIPE, as `cat` or `grep` give: the report was not
    delivered, so neither 0 nor 1 would be true. A stdout closed from the start is an error (2)."""
    from checker import parallel

    _guard_std_streams()
    parallel.install_handlers()
    try:
        main()
        code: int = 0
    except SystemExit as exc:  # click ends every command this way
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    except parallel.Interrupted as exc:
        code = exc.exit_code
        what = "interrupted" if exc.signum == signal.SIGINT else "terminated"
        with contextlib.suppress(OSError, ValueError, StdoutGone):
            sys.stderr.write(f"\nsistemkerja: {what}\n")
    except StdoutGone as exc:
        code = exc.exit_code
        if exc.message:
            with contextlib.suppress(OSError, ValueError, StdoutGone):
                sys.stderr.write(f"sistemkerja: error: {exc.message}\n")
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, StdoutGone):  # a closed pipe: nothing more to say
            stream.flush()
    if replay.RECORDER is not None:
        replay.RECORDER.finish(code)
    os._exit(code)


class StdoutGone(BaseException):
    """stdout cannot take the report. A BaseException: the commands turn an OSError on writing
    into "cannot write the report" (exit 2), and click turns EPIPE into exit 1."""

    def __init__(self, exit_code: int, message: str = "") -> None:
        super().__init__(message)
        self.exit_code, self.message = exit_code, message


class _GuardedFd(io.RawIOBase):
    """A standard stream's file descriptor whose failures end the run cleanly: stdout's reader
    gone (EPIPE) or stdout closed from the start; stderr's failures only lose the messages."""

    def __init__(self, fd: int, closed_at_start: bool) -> None:
        super().__init__()
        self._fd, self._closed_at_start = fd, closed_at_start
        self._gone = False  # the reader went away: what is still buffered goes nowhere

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return not self._closed_at_start and os.isatty(self._fd)

    def write(self, data: Any) -> int:
        if self._gone:
            return len(data)
        if self._closed_at_start:
            if self._fd == 1:
                self._gone = True
                raise StdoutGone(2, "stdout is closed; give the report a file with --format NAME:FILE")
            return len(data)
        try:
            written = os.write(self._fd, data)
        except OSError as exc:
            if self._fd != 1:
                return len(data)  # stderr is gone: the exit code still tells
            if exc.errno == errno.EPIPE:
                self._gone = True
                raise StdoutGone(141) from None
            raise  # e.g. a full disk under `> file`: the command's "cannot write the report"
        if replay.RECORDER is not None:
            replay.RECORDER.tee(self._fd, bytes(data[:written]))
        return written


def _guard_std_streams() -> None:
    """Put stdout and stderr behind `_GuardedFd`. A descriptor closed at start gets /dev/null,
    so that no file the run opens later takes its number (and receives the report)."""
    for fd, name in ((1, "stdout"), (2, "stderr")):
        old = getattr(sys, name)
        try:
            os.fstat(fd)
            closed = False
        except OSError:
            closed = True
            null = os.open(os.devnull, os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        if old is not None:
            with contextlib.suppress(OSError, ValueError):
                old.flush()
        encoding = getattr(old, "encoding", None) or "utf-8"
        errors = getattr(old, "errors", None) or ("backslashreplace" if fd == 2 else "strict")
        line_buffering = bool(getattr(old, "line_buffering", fd == 2))
        stream = io.TextIOWrapper(
            io.BufferedWriter(_GuardedFd(fd, closed)),
            encoding=encoding,
            errors=errors,
            line_buffering=line_buffering,
            write_through=fd == 2,
        )
        setattr(sys, name, stream)
