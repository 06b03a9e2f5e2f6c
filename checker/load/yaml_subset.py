"""A fast reader for the plain block-style YAML that regency files are written in.

libyaml composes a node object with two marks for every value, and `load.to_python` then walks
those nodes again: that is most of a cold run. Regency files use a small part of YAML — block
mappings and sequences, one-line scalars (plain, 'single' or "double" quoted without escapes),
one-line flow collections such as `[a, b]`, and comments. For such a file this line-oriented
reader builds the very same records, values and (line, column) locations several times faster.

It never guesses: anything outside that subset, or anything the libyaml path would report as a
problem (duplicate or merge keys, a record without an id, an unknown collection, odd
indentation, anchors, tags, multi-line scalars, escapes, tabs, control characters), makes it
return None, and the caller reads the file with libyaml instead, which reports exactly as before.
`tests/test_yaml_subset.py` holds the two paths equal on every data file in the repository, on
generated benchmark data and on random documents.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from checker.model import COLLECTIONS, PLAIN_TYPED, Location, Record

Locs = dict[str, int]  # path -> line << 32 | column (see model.Record)
_COLLECTIONS = frozenset(COLLECTIONS)
_MAX_DEPTH = 50  # nesting levels; the libyaml path owns the "too deep" report (load.MAX_DEPTH)

# `key:` followed by a space or the end of the line; keys are plain words
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*):(?: +|$)")
# `key: plain words` or `key: "text"`, with nothing that needs a closer look (no `:`, `#`,
# escapes or indicators): most lines of a regency file
_SIMPLE_ENTRY = re.compile(
    r'([A-Za-z_][A-Za-z0-9_\-]*): +(?:"([^"\\]*)"|([^-?:,\[\]{}#&*!|>\'"%@` ][^:#]*))$'
)
# characters libyaml accepts in a document, minus the ones that change line numbering (NEL, LS,
# PS, CR) or are legal but rare enough to leave to libyaml (tab, BOM)
_UNSUPPORTED_CHAR = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# a plain scalar may not start with a YAML indicator (or '-', which we leave to libyaml)
_PLAIN_START_BAD = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_PLAIN_BAD = frozenset(",[]{}:#")


# One string object per distinct key and value: a regency repeats its keys in every record and
# its ids, kinds and dates in many (a third less memory per record, and faster lookups later).
_intern = sys.intern


class _Unsupported(Exception):
    """Outside the subset: let libyaml read the file."""


class _Unclosed(_Unsupported):
    """A quoted scalar that does not end on its line."""


Read = tuple[dict[str, Any] | None, Location | None, dict[str, list[Record]]]


def read(text: str, name: str) -> Read | None:
    """The file's `regency` header, its location and its records by collection, or None when the
    text is outside the subset (then `load.parse` must read it)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNSUPPORTED_CHAR.search(text):
        return None
    try:
        return _Reader(text, name).document()
    except (_Unsupported, RecursionError):
        return None


class _Reader:
    def __init__(self, text: str, name: str) -> None:
        self.name = name
        # significant lines only: (1-based number, indent, text from the indent, rstripped)
        numbers: list[int] = []
        indents: list[int] = []
        texts: list[str] = []
        for number, line in enumerate(text.split("\n"), 1):
            body = line.lstrip(" ")
            if not body or body[0] == "#":
                continue
            numbers.append(number)
            indents.append(len(line) - len(body))
            texts.append(body.rstrip(" "))
        if not texts or texts[0].startswith(("---", "...", "%")):
            raise _Unsupported
        self.numbers, self.indents, self.texts = numbers, indents, texts
        self.count = len(texts)

    def document(self) -> Read:
        header: dict[str, Any] | None = None
        header_location: Location | None = None
        records: dict[str, list[Record]] = {}
        seen: set[str] = set()
        i = 0
        while i < self.count:
            if self.indents[i] != 0:
                raise _Unsupported
            match = _KEY.match(self.texts[i])
            if match is None or match.end() != len(self.texts[i]):
                raise _Unsupported  # a top-level key with an inline value is not a regency file
            key = match.group(1)
            if key in seen:
                raise _Unsupported
            seen.add(key)
            i += 1
            if i == self.count or (self.indents[i] == 0 and not self._is_entry(i)):
                if key == "regency" or key not in _COLLECTIONS:
                    raise _Unsupported
                continue  # `employees:` with nothing under it
            if key == "regency":
                if self._is_entry(i) or self.indents[i] == 0:
                    raise _Unsupported
                header_location = Location(self.name, self.numbers[i], self.indents[i] + 1)
                header, i = self.mapping(i, self.indents[i], "", {}, 1)
            elif key in _COLLECTIONS:
                records[key], i = self.records(i, key)
            else:
                raise _Unsupported
        return header, header_location, records

    def _is_entry(self, i: int) -> bool:
        text = self.texts[i]
        return text[0] == "-" and (len(text) == 1 or text[1] == " ")

    def records(self, i: int, kind: str) -> tuple[list[Record], int]:
        indent = self.indents[i]
        out: list[Record] = []
        while i < self.count and self.indents[i] == indent and self._is_entry(i):
            start = self._enter_item(i)
            locs: Locs = {}
            if self.texts[i][0] == "{":  # `- {id: x, ...}`
                data, i = self.value(i, 0, indent, "", locs, 2)
                locs.pop("", None)
            elif _KEY.match(self.texts[i]) is not None:
                data, i = self.mapping(i, self.indents[i], "", locs, 2)
            else:
                raise _Unsupported  # an item that is not a mapping
            rec_id = data.get("id")
            if not isinstance(rec_id, str) or not rec_id:
                raise _Unsupported
            out.append(Record(kind, rec_id, data, Location(self.name, start[0], start[1]), locs))
        if i < self.count and self.indents[i] > 0:
            raise _Unsupported
        return out, i

    def _enter_item(self, i: int) -> tuple[int, int]:
        """Turn the line of a `- ` entry into the line of its value, in place, and return the
        value's (line, column)."""
        text = self.texts[i]
        if len(text) < 3:
            raise _Unsupported  # `-` alone: the value continues below
        rest = text[2:].lstrip(" ")
        self.indents[i] += len(text) - len(rest)
        self.texts[i] = rest
        if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
            raise _Unsupported  # `- - x`
        return self.numbers[i], self.indents[i] + 1

    def block(self, i: int, path: str, locs: Locs, depth: int) -> tuple[Any, int]:
        """The block collection that starts on line i (a mapping or a sequence)."""
        locs[path] = self.numbers[i] << 32 | (self.indents[i] + 1)
        if self._is_entry(i):
            return self.sequence(i, self.indents[i], path, locs, depth)
        return self.mapping(i, self.indents[i], path, locs, depth)

    def mapping(self, i: int, indent: int, path: str, locs: Locs, depth: int) -> tuple[dict[str, Any], int]:
        if depth > _MAX_DEPTH:
            raise _Unsupported
        numbers, indents, texts, count = self.numbers, self.indents, self.texts, self.count
        out: dict[str, Any] = {}
        prefix = f"{path}." if path else ""
        while i < count and indents[i] == indent:
            text = texts[i]
            simple = _SIMPLE_ENTRY.match(text)
            if simple is not None and (i + 1 == count or indents[i + 1] <= indent):
                # the common line, `key: word` or `key: "text"`, in one regex match
                key, quoted, plain = simple.groups()
                key = _intern(key)
                if key in out:
                    raise _Unsupported
                if plain is None:
                    locs[prefix + key] = numbers[i] << 32 | (indent + simple.start(2))
                    out[key] = _intern(quoted)
                else:
                    locs[prefix + key] = numbers[i] << 32 | (indent + simple.start(3) + 1)
                    out[key] = PLAIN_TYPED.get(plain, _intern(plain))
                i += 1
                continue
            match = _KEY.match(text)
            if match is None:
                raise _Unsupported
            key = _intern(match.group(1))
            if key in out:
                raise _Unsupported  # the libyaml path reports the duplicate key
            sub = prefix + key
            end = match.end()
            if end < len(text):
                if text[end] == "#":
                    raise _Unsupported  # `key: # comment`: leave the empty value's mark to libyaml
                out[key], i = self.value(i, end, indent, sub, locs, depth)
                continue
            i += 1
            if i < count and (indents[i] > indent or (indents[i] == indent and self._is_entry(i))):
                out[key], i = self.block(i, sub, locs, depth + 1)
            else:
                locs[sub] = numbers[i - 1] << 32 | (indent + len(key) + 2)  # libyaml: just after the colon
                out[key] = None
        if i < count and indents[i] > indent:
            raise _Unsupported  # a continuation line or stray indentation
        return out, i

    def sequence(self, i: int, indent: int, path: str, locs: Locs, depth: int) -> tuple[list[Any], int]:
        if depth > _MAX_DEPTH:
            raise _Unsupported
        out: list[Any] = []
        while i < self.count and self.indents[i] == indent and self._is_entry(i):
            sub = f"{path}.{len(out)}" if path else str(len(out))
            line, column = self._enter_item(i)
            text = self.texts[i]
            if _KEY.match(text) is not None:
                locs[sub] = line << 32 | column
                value, i = self.mapping(i, self.indents[i], sub, locs, depth + 1)
            else:
                value, i = self.value(i, 0, indent, sub, locs, depth)
            out.append(value)
        if i < self.count and self.indents[i] > indent:
            raise _Unsupported
        return out, i

    def value(self, i: int, start: int, parent: int, path: str, locs: Locs, depth: int) -> tuple[Any, int]:
        """The scalar or flow collection that begins at texts[i][start], inside a block collection
        indented `parent`; returns it and the next line. Plain and quoted scalars may continue
        on the following, more indented lines (folded with spaces, as YAML does)."""
        text, indent, line = self.texts[i], self.indents[i], self.numbers[i]
        locs[path] = line << 32 | (indent + start + 1)
        first = text[start]
        if first == "[" or first == "{":
            value, end = self.flow(text, start, line, indent, path, locs, depth + 1)
            _rest_is_comment(text, end)
            return value, i + 1
        if first == '"' or first == "'":
            return self.quoted(i, start, parent)
        if first in _PLAIN_START_BAD:
            raise _Unsupported
        cut = text.find(" #", start)
        value = text[start:] if cut < 0 else text[start:cut].rstrip(" ")
        _check_plain(value)
        i += 1
        if cut < 0 and self._continues(i, parent):
            parts = [value]
            while self._continues(i, parent):
                piece = self.texts[i]
                if piece[0] in _PLAIN_START_BAD or " #" in piece:
                    raise _Unsupported
                _check_plain(piece)
                parts.append(piece)
                i += 1
            return " ".join(parts), i
        return PLAIN_TYPED.get(value, _intern(value)), i

    def _continues(self, i: int, parent: int) -> bool:
        """Line i continues the scalar on line i - 1: more indented than its collection and with
        no blank or comment line between (those change how YAML folds; libyaml reads them)."""
        return i < self.count and self.indents[i] > parent and self.numbers[i] == self.numbers[i - 1] + 1

    def quoted(self, i: int, start: int, parent: int) -> tuple[str, int]:
        text = self.texts[i]
        try:
            value, end = _quoted(text, start)
        except _Unclosed:
            # folded over several lines: each line break becomes one space
            parts = [text[start:]]
            while True:
                i += 1
                if not self._continues(i, parent):
                    raise _Unsupported from None
                parts.append(self.texts[i])
                try:
                    value, end = _quoted(" ".join(parts), 0)
                except _Unclosed:
                    continue
                text = self.texts[i]
                end -= len(" ".join(parts)) - len(text)
                break
        _rest_is_comment(text, end)
        return value, i + 1

    def flow(
        self, text: str, pos: int, line: int, indent: int, path: str, locs: Locs, depth: int
    ) -> tuple[Any, int]:
        """A flow collection on one line, from text[pos] ('[' or '{'); returns it and the index
        just past its closing bracket."""
        if depth > _MAX_DEPTH:
            raise _Unsupported
        is_map = text[pos] == "{"
        close = "}" if is_map else "]"
        out: Any = {} if is_map else []
        pos = _skip(text, pos + 1)
        if pos < len(text) and text[pos] == close:
            return out, pos + 1
        while True:
            if is_map:
                match = _KEY.match(text, pos)
                if match is None or match.group(1) in out or match.end() == len(text):
                    raise _Unsupported
                key = _intern(match.group(1))
                sub = f"{path}.{key}" if path else key
                pos = match.end()
            else:
                sub = f"{path}.{len(out)}" if path else str(len(out))
            if pos >= len(text):
                raise _Unsupported
            locs[sub] = line << 32 | (indent + pos + 1)
            first = text[pos]
            if first == '"' or first == "'":
                value, pos = _quoted(text, pos)
            elif first == "[" or first == "{":
                value, pos = self.flow(text, pos, line, indent, sub, locs, depth + 1)
            else:
                value, pos = _flow_plain(text, pos)
            if is_map:
                out[key] = value
            else:
                out.append(value)
            pos = _skip(text, pos)
            if pos >= len(text):
                raise _Unsupported  # the collection continues on the next line
            if text[pos] == close:
                return out, pos + 1
            if text[pos] != ",":
                raise _Unsupported
            pos = _skip(text, pos + 1)
            if pos >= len(text) or text[pos] == close:
                raise _Unsupported  # a trailing comma, or a line break inside the collection


def _flow_plain(text: str, pos: int) -> tuple[Any, int]:
    """A plain scalar inside a flow collection, typed as everywhere; and the index past it."""
    end = pos
    while end < len(text) and text[end] not in _FLOW_PLAIN_BAD:
        end += 1
    raw = text[pos:end].rstrip(" ")
    if not raw or text[pos] in _PLAIN_START_BAD:
        raise _Unsupported
    return PLAIN_TYPED.get(raw, _intern(raw)), end


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _quoted(text: str, start: int) -> tuple[str, int]:
    """A quoted scalar closed on the same line; returns its value and the index past it."""
    quote = text[start]
    if quote == '"':
        end = text.find('"', start + 1)
        if end < 0:
            raise _Unclosed
        value = text[start + 1 : end]
        if "\\" in value:
            raise _Unsupported  # escapes are libyaml's to decode
        return value, end + 1
    parts = []
    pos = start + 1
    while True:
        end = text.find("'", pos)
        if end < 0:
            raise _Unclosed
        parts.append(text[pos:end])
        if text.startswith("''", end):
            parts.append("'")
            pos = end + 2
            continue
        return "".join(parts), end + 1


def _check_plain(value: str) -> None:
    if ": " in value or value[-1] == ":":
        raise _Unsupported  # libyaml reports "mapping values are not allowed here"


def _rest_is_comment(text: str, end: int) -> None:
    """After a quoted or flow value only spaces and a ` #comment` may follow."""
    if end == len(text):
        return
    if text[end] != " " or text[end:].lstrip(" ")[0] != "#":
        raise _Unsupported
