"""Where reports go: `--format NAME[:FILE]` (repeatable) and `--output FILE`.

A format given without a file goes to `--output`, or to stdout; at most one format may go there, so
two reports never interleave. `-` as a file means stdout. Files are written as UTF-8 with `\\n` line
ends, exactly the bytes the renderer produced.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

# Control characters (but tab and newline) and bidirectional overrides, which a quoted YAML
# string can carry ("\e[2J", "\u202e"): in a terminal, a GitHub annotation, markdown or HTML they
# would rewrite or reorder what the auditor reads. JSON and SARIF carry them as data, for their
# consumers to show (json.dumps escapes the C0 ones).
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ESCAPED_BY_FORMAT = ("json", "sarif")


def visible(text: str) -> str:
    """Every control or bidi character written as its escape (\\x1b, \\u202e)."""
    return _HIDDEN.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


class OutputError(ValueError):
    """A --format/--output combination that cannot be honoured (a usage error)."""


@dataclass(frozen=True)
class Output:
    fmt: str
    path: str | None  # None: stdout

    @property
    def to_stdout(self) -> bool:
        return self.path is None


def parse_outputs(
    specs: Sequence[str], output: str | None, allowed: Collection[str], default: str = "text"
) -> list[Output]:
    outs: list[Output] = []
    for spec in specs or (default,):
        name, sep, path = spec.partition(":")
        name = name.strip().lower()
        if name not in allowed:
            choices = ", ".join(sorted(allowed))
            raise OutputError(f"unknown format '{name}' in --format {spec!r}; choose from: {choices}")
        if sep and not path:
            raise OutputError(f"--format {spec!r}: a file name must follow ':'")
        outs.append(Output(name, None if not sep or path == "-" else path))
    bare = [o for o in outs if o.path is None]
    if output and output != "-" and not bare:
        raise OutputError(f"--output {output} is unused: every --format names its own file")
    if output and output != "-":
        outs = [Output(o.fmt, output) if o.path is None and o in bare[:1] else o for o in outs]
    if len(bare) > 1:
        where = f"--output {output}" if output and output != "-" else "stdout"
        names = ", ".join(o.fmt for o in bare)
        raise OutputError(
            f"formats {names} would all go to {where}; "
            f"give all but one a file, e.g. --format {bare[1].fmt}:FILE"
        )
    seen: dict[str, str] = {}
    for o in outs:
        if o.path is None:
            continue
        key = os.path.normcase(os.path.abspath(o.path))
        if key in seen:
            raise OutputError(f"formats {seen[key]} and {o.fmt} would both be written to {o.path}")
        seen[key] = o.fmt
    return outs


def refuse_inputs(outputs: Sequence[Output], inputs: Sequence[str]) -> None:
    """A report must never replace what it reports on: refuse an output that is an input file."""
    from checker.load.discover import real

    read = {real(p) for p in inputs}
    for o in outputs:
        if o.path is not None and real(o.path) in read:
            raise OutputError(f"{o.path} is an input of this run: refusing to write a report over it")


def write_outputs(
    outputs: Sequence[Output],
    render: Callable[[str], str | None],
    paint: Callable[[str], str] | None = None,
) -> None:
    """Render each format once and write it; `render` may return None to skip a format.
    Raises OSError when a file cannot be written."""
    for out in outputs:
        text = render(out.fmt)
        if text is None:
            continue
        if out.fmt not in ESCAPED_BY_FORMAT:
            text = visible(text)
        if paint is not None and out.fmt == "text" and out.path is None:
            text = paint(text)  # colour for a terminal, after the data's own escapes are neutral
        data = text.encode("utf-8")
        if out.path is None:
            stream = getattr(sys.stdout, "buffer", None)
            if stream is not None:
                sys.stdout.flush()
                stream.write(data)
                stream.flush()
            else:  # pragma: no cover - a text-only stdout (some embedders)
                sys.stdout.write(text)
        else:
            with open(out.path, "wb") as fh:
                fh.write(data)
