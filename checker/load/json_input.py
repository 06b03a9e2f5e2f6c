"""Regency data as JSON: the same collections and records as the YAML, with line:column locations.

Machine exports (SIMPEG, SIASN) are JSON. The scalars are typed as in YAML files: a string stays
a string, `true`/`false` are booleans, `null` is absent, and a number keeps the exact text it was
written with (an 18-digit NIP written as a number stays those 18 digits; the schema then says
whether a number belongs there). Every value is located, so every finding, schema and integrity
problem points at its line and column. Duplicate keys, unknown collections and records without an
id are problems, as in YAML.
"""

from __future__ import annotations

import re
from json.decoder import scanstring
from typing import Any

from checker.load.source import FileProblem
from checker.model import COLLECTIONS, Location, Problem, Record, Regency

MAX_DEPTH = 100  # as for YAML: deeper is never a regency, and would exhaust the stack
_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None}


class _Syntax(Exception):
    def __init__(self, what: str, at: int) -> None:
        super().__init__(what)
        self.what, self.at = what, at


class _Reader:
    """A recursive-descent reader that records where each value starts (`locs`: dotted path ->
    packed line and column). Strings are decoded by json's own C `scanstring`."""

    def __init__(self, text: str) -> None:
        self.text = text
        # the line the reader is on, kept as it skips white space: in JSON a line break can only
        # stand between tokens (strings refuse raw control characters), so a value's line and
        # column cost nothing (a bisect per value took half the read)
        self.line, self.line_start = 1, 0

    def here(self, at: int) -> tuple[int, int]:
        """Line and column of `at`, an offset on the line the reader is on (just after a skip)."""
        return self.line, at - self.line_start + 1

    def position(self, at: int) -> tuple[int, int]:
        """Line and column of any offset (for errors, which may point anywhere)."""
        return self.text.count("\n", 0, at) + 1, at - (self.text.rfind("\n", 0, at) + 1) + 1

    def skip(self, at: int) -> int:
        end: int = _SPACE.match(self.text, at).end()  # type: ignore[union-attr]
        breaks = self.text.count("\n", at, end)
        if breaks:
            self.line += breaks
            self.line_start = self.text.rfind("\n", at, end) + 1
        return end

    def value(self, at: int, path: str, locs: dict[str, int], depth: int) -> tuple[Any, int]:
        if depth > MAX_DEPTH:
            raise _Syntax(f"nesting is deeper than {MAX_DEPTH} levels; refusing to read", at)
        locs[path] = self.line << 32 | (at - self.line_start + 1)  # model.pack, inlined
        ch = self.text[at : at + 1]
        if ch == "{":
            return self.mapping(at, path, locs, depth)
        if ch == "[":
            return self.sequence(at, path, locs, depth)
        if ch == '"':
            try:
                return scanstring(self.text, at + 1, True)
            except ValueError as exc:
                raise _Syntax(f"invalid string: {str(exc).split(':')[0]}", at) from None
        for word, value in _LITERALS.items():
            if self.text.startswith(word, at):
                return value, at + len(word)
        number = _NUMBER.match(self.text, at)
        if number:
            return number.group(), number.end()  # the text as written, never a float
        raise _Syntax("expected a value", at)

    def mapping(self, at: int, path: str, locs: dict[str, int], depth: int) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        at = self.skip(at + 1)
        if self.text[at : at + 1] == "}":
            return out, at + 1
        while True:
            if self.text[at : at + 1] != '"':
                raise _Syntax("expected a key in double quotes", at)
            key, after = scanstring(self.text, at + 1, True)
            if key in out:
                raise _Syntax(f"key '{key}' appears twice in the same object", at)
            after = self.skip(after)
            if self.text[after : after + 1] != ":":
                raise _Syntax("expected ':' after the key", after)
            sub = f"{path}.{key}" if path else key
            out[key], at = self.value(self.skip(after + 1), sub, locs, depth + 1)
            at = self.skip(at)
            if self.text[at : at + 1] == "}":
                return out, at + 1
            if self.text[at : at + 1] != ",":
                raise _Syntax("expected ',' or '}'", at)
            at = self.skip(at + 1)

    def sequence(self, at: int, path: str, locs: dict[str, int], depth: int) -> tuple[list[Any], int]:
        out: list[Any] = []
        at = self.skip(at + 1)
        if self.text[at : at + 1] == "]":
            return out, at + 1
        while True:
            sub = f"{path}.{len(out)}" if path else str(len(out))
            value, at = self.value(at, sub, locs, depth + 1)
            out.append(value)
            at = self.skip(at)
            if self.text[at : at + 1] == "]":
                return out, at + 1
            if self.text[at : at + 1] != ",":
                raise _Syntax("expected ',' or ']'", at)
            at = self.skip(at + 1)


def read(text: str, name: str, part: Regency, problems: list[Problem]) -> None:
    """Fill `part` with the file's header and records; add what is wrong to `problems`. A syntax
    error stops the reading (FileProblem, located). Each record is read with locations of its own
    (paths inside the record), as the YAML readers give them."""
    reader = _Reader(text)
    try:
        _document(reader, name, part, problems)
    except _Syntax as exc:
        line, column = reader.position(exc.at)
        where = Location(name, line, column)
        raise FileProblem(Problem("json.syntax", f"JSON syntax error: {exc.what}", where)) from None


def _document(reader: _Reader, name: str, part: Regency, problems: list[Problem]) -> None:
    text, at = reader.text, reader.skip(0)
    if text[at : at + 1] != "{":
        problems.append(
            Problem(
                "json.structure", "the top level must be an object of collections", _here(reader, at, name)
            )
        )
        return
    seen: set[str] = set()
    at = reader.skip(at + 1)
    while text[at : at + 1] != "}":
        if text[at : at + 1] != '"':
            raise _Syntax("expected a key in double quotes", at)
        key, after = scanstring(text, at + 1, True)
        key_at, after = at, reader.skip(after)
        if text[after : after + 1] != ":":
            raise _Syntax("expected ':' after the key", after)
        at = reader.skip(after + 1)
        if key in seen:
            raise _Syntax(
                f"key '{key}' appears twice at the top level; put all its records under one", key_at
            )
        seen.add(key)
        if key in COLLECTIONS and text[at : at + 1] == "[":
            at = _records(reader, at, key, name, part, problems)
        else:
            where = Location(name, *reader.here(at))
            value, at = reader.value(at, "", {}, 1)
            _other(key, value, where, part, problems)
        at = reader.skip(at)
        if text[at : at + 1] == ",":
            at = reader.skip(at + 1)
        elif text[at : at + 1] != "}":
            raise _Syntax("expected ',' or '}'", at)
    if reader.skip(at + 1) != len(text):
        raise _Syntax("extra data after the document", reader.skip(at + 1))


def _other(key: str, value: Any, where: Location, part: Regency, problems: list[Problem]) -> None:
    """A top-level key that is not a list of records: the header, an empty collection, or wrong."""
    if key == "regency" and isinstance(value, dict):
        part.regency, part.regency_location = value, where
    elif key in COLLECTIONS and value is None:
        return  # a collection with nothing in it
    elif key in COLLECTIONS:
        problems.append(Problem("json.structure", f"`{key}` must be a list of records", where))
    elif key == "regency":
        problems.append(Problem("json.structure", "`regency` must be an object", where))
    else:
        known = ", ".join(("regency", *COLLECTIONS))
        problems.append(
            Problem("json.structure", f"unknown collection '{key}'; expected one of: {known}", where)
        )


def _records(reader: _Reader, at: int, kind: str, name: str, part: Regency, problems: list[Problem]) -> int:
    """The records of a collection, from its '['; the index past its ']'."""
    text = reader.text
    at = reader.skip(at + 1)
    while text[at : at + 1] != "]":
        locs: dict[str, int] = {}
        where = Location(name, *reader.here(at))
        item, at = reader.value(at, "", locs, 2)
        if not isinstance(item, dict):
            problems.append(Problem("json.structure", f"each item of `{kind}` must be an object", where))
        elif not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(Problem("data.missing-id", f"a record in `{kind}` has no `id`", where))
        else:
            locs.pop("", None)
            part.records[kind].append(Record(kind, item["id"], item, where, locs))
        at = reader.skip(at)
        if text[at : at + 1] == ",":
            at = reader.skip(at + 1)
        elif text[at : at + 1] != "]":
            raise _Syntax("expected ',' or ']'", at)
    return at + 1


def _here(reader: _Reader, at: int, name: str) -> Location:
    return Location(name, *reader.position(at))
