"""A data file's bytes and text: size limits, encoding, and the problem that stops its reading."""

from __future__ import annotations

import os

from checker.model import Location, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024  # one OPD's file; even a 5,000-teacher education office is ~4 MB


def file_size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0


class FileProblem(Exception):
    """The file cannot be read on: its one problem (unreadable input)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_text(name: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    start = Location(name, 1, 1)
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise FileProblem(
                Problem(
                    "input.too-large",
                    f"file is {_size(size)}, above the {_size(max_bytes)} limit;"
                    " split it into one file per OPD",
                    start,
                )
            )
        with open(name, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise FileProblem(Problem("input.unreadable", f"cannot read file: {exc.strerror}", start)) from exc
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    start = Location(name, 1, 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileProblem(
            Problem(
                "input.encoding",
                f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8",
                Location(name, line, column),
            )
        ) from exc
    if not text.strip():
        raise FileProblem(Problem("input.empty", "file is empty", start))
    return text


def _size(n: int) -> str:
    return f"{n / 1e6:.0f} MB" if n >= 1_000_000 else f"{n:,} bytes"
