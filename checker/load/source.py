"""A data file's bytes and text: size limits, encoding, and the problem that stops its reading."""

from __future__ import annotations

import os
from typing import Any

from checker.i18n import tr
from checker.model import Location, Problem, Text
from checker.storage import MAX_FILE_BYTES as MAX_FILE_BYTES


def file_size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0


def said(code: str, key: str, where: Location, /, **values: Any) -> Problem:
    """A reader's problem in both languages from the catalogue's `key` (checker/i18n.py; English is
    its `message`); a value that is a Text is given in each language, any other as it is."""

    def fill(lang: str) -> str:
        return tr(key, lang, **{k: v.get(lang) if isinstance(v, Text) else v for k, v in values.items()})

    return Problem(code, fill("en"), where, None, fill("id"))


def number(n: int) -> Text:
    """`n` with thousands grouped as each language writes them (2,000,000 / 2.000.000)."""
    return Text(f"{n:,}".replace(",", "."), f"{n:,}")


class FileProblem(Exception):
    """The file cannot be read on: its one problem (unreadable input)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_text(name: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    return decode(read_bytes(name, max_bytes), name)


def read_bytes(name: str, max_bytes: int, exact: bool = False) -> bytes:
    """A file's bytes, refused above `max_bytes` before reading; `exact` gives the sizes in bytes
    (a workbook's limit is its own) rather than rounded."""
    start = Location(name, 1, 1)
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            key, shown = (
                ("problem.read.too-large-bytes", number) if exact else ("problem.read.too-large", _size)
            )
            raise FileProblem(said("input.too-large", key, start, size=shown(size), limit=shown(max_bytes)))
        with open(name, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise FileProblem(unreadable(exc, start)) from exc


def decode(raw: bytes, name: str) -> str:
    start = Location(name, 1, 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        where = Location(name, line, column)
        raise FileProblem(
            said("input.encoding", "problem.read.encoding", where, byte=f"{raw[exc.start]:02x}")
        ) from exc
    if not text.strip():
        raise FileProblem(said("input.empty", "problem.read.empty", start))
    return text


def unreadable(exc: OSError, where: Location) -> Problem:
    return said("input.unreadable", "problem.read.unreadable", where, detail=exc.strerror)


def _size(n: int) -> Text:
    if n >= 1_000_000:
        return Text(f"{n / 1e6:.0f} MB", f"{n / 1e6:.0f} MB")
    return Text(f"{number(n).id} byte", f"{n:,} bytes")
