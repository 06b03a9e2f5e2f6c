"""Regency data as JSON: the same collections and records as the YAML, with line:column locations.

Machine exports (SIMPEG, SIASN) are JSON. The scalars are typed as in YAML files: a string stays
a string, `true`/`false` are booleans, `null` is absent, and a number keeps the exact text it was
written with (an 18-digit NIP written as a number stays those 18 digits; the schema then says
whether a number belongs there). Every value is located, so every finding, schema and integrity
problem points at its line and column. Duplicate keys, unknown collections and records without an
id are problems, as in YAML.

Each collection is parsed by one call of json's C scanner (a tenth of the time of reading it
here) and checked as a whole by two C-speed tests (`_verify`: no duplicate key, no deep nesting).
A record's location and its fields' are found only when asked for (an integrity check's order, a
finding, a problem, the cache), from the text again (`_Source`, `_Locator`). Whatever the C
scanner would read differently from this reader (a duplicate key, `NaN`, deep nesting, an item
that is not a record, any error) sends the whole file through this reader instead, so both give
the same records and the same problems, byte for byte.
"""

from __future__ import annotations

import re
from itertools import count, repeat
from json.decoder import JSONDecoder, scanstring
from typing import Any

import orjson

from checker.load.source import FileProblem, said
from checker.model import COLLECTIONS, Location, Problem, Record, Regency

MAX_DEPTH = 100  # as for YAML: deeper is never a regency, and would exhaust the stack
_SPACE = re.compile(r"[ \t\n\r]*")
_SEPARATOR = re.compile(r"[ \t\n\r]*(,?)[ \t\n\r]*")  # after a record: a comma, or none before ']'
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None}


class _Syntax(Exception):
    def __init__(self, what: str, at: int) -> None:
        super().__init__(what)
        self.what, self.at = what, at


class _Reader:
    """A recursive-descent reader that records where each value starts (`locs`: dotted path ->
    packed line and column). Strings are decoded by json's own C `scanstring`."""

    def __init__(self, text: str, fast: bool = False) -> None:
        self.text = text
        self.fast = fast  # records by json's C scanner, located lazily (see _scan_records)
        self.source: _Source | None = None  # where the records read by the C scanner are (see _Source)
        self.scanned: list[tuple[list[Any], int, int]] = []  # those collections: items, '[' and past ']'
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

    def string(self, at: int) -> tuple[str, int]:
        """The string (value or key) whose quote is at `at`, and the index past it."""
        try:
            return scanstring(self.text, at + 1, True)  # type: ignore[no-any-return]
        except ValueError as exc:
            raise _Syntax(f"invalid string: {str(exc).split(':')[0]}", at) from None

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
            return self.string(at)
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
            key, after = self.string(at)
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
    reader = _Reader(text, fast=True)
    try:
        try:
            _read(reader, name, part, problems)
        finally:  # before any syntax problem found later in the file: _Reader may find one sooner
            _verify(reader)
    except _Slow:  # start again, every record read here: the problems and their order as it finds them
        part.regency, part.regency_location = None, None
        for recs in part.records.values():
            recs.clear()
        problems.clear()
        _read(_Reader(text), name, part, problems)


def _read(reader: _Reader, name: str, part: Regency, problems: list[Problem]) -> None:
    try:
        _document(reader, name, part, problems)
    except _Syntax as exc:
        line, column = reader.position(exc.at)
        where = Location(name, line, column)
        raise FileProblem(said("json.syntax", "problem.read.json-syntax", where, detail=exc.what)) from None


def _document(reader: _Reader, name: str, part: Regency, problems: list[Problem]) -> None:
    text, at = reader.text, reader.skip(0)
    if text[at : at + 1] != "{":
        problems.append(said("json.structure", "problem.read.json-top-level", _here(reader, at, name)))
        return
    seen: set[str] = set()
    at = reader.skip(at + 1)
    while text[at : at + 1] != "}":
        if text[at : at + 1] != '"':
            raise _Syntax("expected a key in double quotes", at)
        key, after = reader.string(at)
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
        problems.append(said("json.structure", "problem.read.collection-list", where, kind=key))
    elif key == "regency":
        problems.append(said("json.structure", "problem.read.regency-object", where))
    else:
        known = ", ".join(("regency", *COLLECTIONS))
        problems.append(
            said("json.structure", "problem.read.unknown-collection", where, word=key, known=known)
        )


def _records(reader: _Reader, at: int, kind: str, name: str, part: Regency, problems: list[Problem]) -> int:
    """The records of a collection, from its '['; the index past its ']'."""
    if reader.fast:
        return _scan_records(reader, at, kind, name, part, problems)
    text = reader.text
    at = reader.skip(at + 1)
    while text[at : at + 1] != "]":
        locs: dict[str, int] = {}
        where = Location(name, *reader.here(at))
        item, at = reader.value(at, "", locs, 2)
        if not _refused(item, kind, where, problems):
            locs.pop("", None)
            part.records[kind].append(Record(kind, item["id"], item, where, locs))
        at = reader.skip(at)
        if text[at : at + 1] == ",":
            at = reader.skip(at + 1)
        elif text[at : at + 1] != "]":
            raise _Syntax("expected ',' or ']'", at)
    return at + 1


class _Slow(Exception):
    """The C scanner cannot read this file as `_Reader` does: read it all with `_Reader`."""


def _constant(word: str) -> Any:
    raise _Slow  # NaN, Infinity: not JSON


# plain dicts and lists, numbers as the text they were written with, a non-JSON constant not read;
# a duplicate key (which a dict would keep quiet about) and deep nesting are found by `_verify`
_SCAN = JSONDecoder(parse_int=str, parse_float=str, parse_constant=_constant, strict=True).scan_once


def _scan_records(
    reader: _Reader, at: int, kind: str, name: str, part: Regency, problems: list[Problem]
) -> int:
    """`_records` by the C scanner, the whole collection at once: the same records, or _Slow when
    an item is not a record (its problem is located by _Reader). Each record is located lazily."""
    text = reader.text
    try:
        items, end = _SCAN(text, at)
        ids = list(map(dict.get, items, repeat("id")))  # TypeError: an item that is not an object
        if not all(map(str.__len__, ids)):  # TypeError: an id that is not a string
            raise _Slow  # an empty id
    except (ValueError, TypeError, StopIteration, RecursionError):  # located by _Reader
        raise _Slow from None
    if reader.source is None:
        reader.source = _Source(text, name)
    # how many records, if each opens with its id as read, else -1 (see _Source._found)
    firsts = list(map(next, map(iter, items))) if reader.source.plain else []
    opened = len(items) if firsts.count("id") == len(items) else -1
    reader.source.starts[kind] = (at, end, reader.line, reader.line_start, opened)
    reader.scanned.append((items, at, end))
    part.records[kind].extend(map(_LazyRecord, repeat(kind), ids, items, repeat(reader.source), count()))
    if text.find("\n", at, end) != -1:  # the reader's line, past the collection
        reader.line += text.count("\n", at, end)
        reader.line_start = text.rfind("\n", at, end) + 1
    return end


def _dumps_depth() -> int:
    """How many containers deep orjson.dumps writes (254 in orjson 3.13), found, not assumed: the
    most it writes of lists or of objects. 0 if it has no limit: then it cannot measure depth."""
    deepest = 0
    for wrap in (lambda v: [v], lambda v: {"k": v}):
        value: Any = None
        for depth in range(1, 2049):
            value = wrap(value)
            try:
                orjson.dumps(value)
            except orjson.JSONEncodeError:
                deepest = max(deepest, depth - 1)
                break
        else:
            return 0
    return deepest


# Lists wrapped around [collection, ...] so that orjson.dumps refuses the whole exactly when a record
# (2 deep, the list of collections and the collection above it) holds more than MAX_DEPTH - 2
# containers nested (itself included): then a value in it may be deeper than MAX_DEPTH
_WRAP = _dumps_depth() - MAX_DEPTH


def _verify(reader: _Reader) -> None:
    """_Slow unless the collections read by the C scanner have no duplicate key and no value nested
    deeper than _Reader reads. Both in C: orjson.dumps refuses the nesting, and counts the colons.
    A colon in the text is a key's or one in a string; in the dump of what was read likewise, but
    of every key kept. So the counts are equal only if no key was dropped as a duplicate (when no
    string writes a colon as the escape `\\u003a`: then the decoded strings have the text's colons)."""
    if not reader.scanned:
        return
    if _WRAP < 0:
        raise _Slow  # an orjson whose depth limit (or none) cannot tell
    text, colons = reader.text, 0
    for _, at, end in reader.scanned:
        colons += text.count(":", at, end)
        if text.find("\\", at, end) != -1 and (
            text.find("\\u003a", at, end) != -1 or text.find("\\u003A", at, end) != -1
        ):
            raise _Slow
    wrapped: Any = [items for items, _, _ in reader.scanned]
    for _ in range(_WRAP):
        wrapped = [wrapped]
    try:
        dumped = orjson.dumps(wrapped)
    except orjson.JSONEncodeError:  # too deep, or a lone surrogate (\ud800): not this reader's string
        raise _Slow from None
    if dumped.count(b":") != colons:
        raise _Slow


def _refused(item: Any, kind: str, where: Location, problems: list[Problem]) -> bool:
    """Whether an item of a collection is not a record (then a problem says why)."""
    if not isinstance(item, dict):
        problems.append(said("json.structure", "problem.read.item-object", where, kind=kind))
    elif not isinstance(item.get("id"), str) or not item["id"]:
        problems.append(said("data.missing-id", "problem.read.missing-id", where, kind=kind))
    else:
        return False
    return True


class _Source:
    """A file's text and where the collections read by the C scanner are; where each of their
    records starts is found when the first of them is asked for, once for the collection."""

    __slots__ = ("text", "name", "starts", "places", "locations", "plain")

    def __init__(self, text: str, name: str) -> None:
        self.text, self.name = text, name
        self.plain = "\\" not in text  # no escape: a string's text is its value, quoted
        # collection -> its '[', the index past its ']', the line of '[' and that line's start, and
        # how many records it has if each has id as its first key (else -1)
        self.starts: dict[str, tuple[int, int, int, int, int]] = {}
        self.places: dict[str, list[tuple[int, int, int]]] = {}  # collection -> each record's start, line
        self.locations: dict[str, list[Location]] = {}  # collection -> each record's location

    def place(self, kind: str, index: int) -> tuple[int, int, int]:
        """The offset of a record, its line and that line's start."""
        places = self.places.get(kind)
        if places is None:
            at, end, line, line_start, opened = self.starts[kind]
            found = self._found(at, end, opened)
            places = self.places[kind] = self._lines(found, at, line, line_start)
        return places[index]

    def location(self, kind: str, index: int) -> Location:
        """A record's location, made for all of its collection at once (an integrity check sorts
        every record by location)."""
        locations = self.locations.get(kind)
        if locations is None:
            self.place(kind, 0)
            name = self.name
            locations = self.locations[kind] = [
                Location(name, line, at - line_start + 1) for at, line, line_start in self.places[kind]
            ]
        return locations[index]

    def _found(self, at: int, end: int, opened: int) -> list[int]:
        """Each record's offset. Records open with `{"id":` as a rule, and without an escape in the
        file that can be nothing but an object whose first key is id: so when each record's first
        key is id, and as many are found as there are records, they are the records (a regular
        expression finds them at C speed). Otherwise the C scanner reads record after record."""
        text = self.text
        if opened >= 0:  # (and no escape in the file)
            found = [m.start() for m in _RECORD_START.finditer(text, at, end)]
            if len(found) == opened:
                return found
        found, at = [], _SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
        while text[at : at + 1] != "]":
            found.append(at)
            at = _SEPARATOR.match(text, _SCAN(text, at)[1]).end()  # type: ignore[union-attr]
        return found

    def _lines(self, found: list[int], at: int, line: int, line_start: int) -> list[tuple[int, int, int]]:
        """Each offset with its line and that line's start; `line` is that of `at`, before them all."""
        text = self.text
        if text.find("\n", at, found[-1] if found else at) == -1:  # one line (json.dumps's default)
            return [(start, line, line_start) for start in found]
        out = []
        for start in found:
            breaks = text.count("\n", at, start)
            if breaks:
                line, line_start = line + breaks, text.rfind("\n", at, start) + 1
            out.append((start, line, line_start))
            at = start
        return out


_RECORD_START = re.compile(r'\{[ \t\n\r]*"id"[ \t\n\r]*:')


class _Locator(_Reader):
    """The locations `_Reader.value` gives the values of a record the C scanner has read (valid,
    no duplicate key, not too deep), found with the record as the C scanner reads it again as the
    guide: nothing is checked, and without an escape in the file a string's end is known from its
    value. The blanks between tokens are skipped inline (a call per token was most of the time)."""

    def __init__(self, source: _Source, line: int, line_start: int) -> None:
        super().__init__(source.text)
        self.line, self.line_start = line, line_start
        self.plain = source.plain

    def place(self, at: int, value: Any, path: str, locs: dict[str, int]) -> int:
        """Record where `value`, which starts at `at`, and each value in it start; the index past it.
        Past a token there is always more text (the collection's ']'), so `text[at]` exists."""
        locs[path] = self.line << 32 | (at - self.line_start + 1)
        text, kind = self.text, type(value)
        if kind is str:
            if text[at] != '"':
                return at + len(value)  # a number: its text
            return at + len(value) + 2 if self.plain else self.string(at)[1]
        if kind is not dict and kind is not list:
            return at + (5 if value is False else 4)  # true, null
        at += 1
        if text[at] in _BLANK:
            at = self.skip(at)
        items = value.items() if kind is dict else enumerate(value)
        for key, sub in items:
            if kind is dict:  # the key, then ':', in the order of the text (no key was dropped)
                at = at + len(key) + 2 if self.plain else self.string(at)[1]
                if text[at] in _BLANK:
                    at = self.skip(at)
                at += 1
                if text[at] in _BLANK:
                    at = self.skip(at) if text[at] != " " or text[at + 1] in _BLANK else at + 1
                sub_path = f"{path}.{key}" if path else key
            else:
                sub_path = f"{path}.{key}" if path else str(key)
            at = self.place(at, sub, sub_path, locs)
            if text[at] in _BLANK:
                at = self.skip(at)
            at += 1  # ',' or the closing bracket
            if text[at] in _BLANK:
                at = self.skip(at) if text[at] != " " or text[at + 1] in _BLANK else at + 1
        return at if value else at + 1


_BLANK = " \t\n\r"


_LOCATION = Record.__dict__["location"]  # Record's own slots
_PATHS, _POSITIONS = Record.__dict__["_paths"], Record.__dict__["_positions"]


class _LazyRecord(Record):
    """A record located when first asked for: `location` is found for its whole collection at once
    (`_Source.location`); `_paths` and `_positions` (its fields', which most records never need)
    stand in for Record's slots of the same names and fill them on first use."""

    __slots__ = ("_source", "_index")

    def __init__(self, kind: str, id: str, data: dict[str, Any], source: _Source, index: int) -> None:
        self.kind, self.id, self.data, self._source, self._index = kind, id, data, source, index

    def _locate(self) -> None:
        at, line, line_start = self._source.place(self.kind, self._index)
        locs: dict[str, int] = {}
        # guided by the record as read again from the text, not by `data`, which may have changed since
        _Locator(self._source, line, line_start).place(at, _SCAN(self._source.text, at)[0], "", locs)
        locs.pop("", None)
        plain = Record(self.kind, self.id, self.data, self.location, locs)
        _PATHS.__set__(self, _PATHS.__get__(plain))
        _POSITIONS.__set__(self, _POSITIONS.__get__(plain))

    @property  # type: ignore[override]
    def location(self) -> Location:
        if self._index < 0:  # set by hand
            return _LOCATION.__get__(self)  # type: ignore[no-any-return]
        return self._source.location(self.kind, self._index)

    @location.setter
    def location(self, value: Location) -> None:
        if self._index >= 0:
            self._paths  # noqa: B018 - its fields' locations, found while its place is known
        _LOCATION.__set__(self, value)
        self._index = -1

    @property  # type: ignore[override]
    def _paths(self) -> tuple[str, ...]:
        try:
            return _PATHS.__get__(self)  # type: ignore[no-any-return]
        except AttributeError:
            self._locate()
            return _PATHS.__get__(self)  # type: ignore[no-any-return]

    @property  # type: ignore[override]
    def _positions(self) -> bytes:
        try:
            return _POSITIONS.__get__(self)  # type: ignore[no-any-return]
        except AttributeError:
            self._locate()
            return _POSITIONS.__get__(self)  # type: ignore[no-any-return]


def _here(reader: _Reader, at: int, name: str) -> Location:
    return Location(name, *reader.position(at))
