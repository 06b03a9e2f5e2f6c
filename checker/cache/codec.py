"""Cache entries as plain data: JSON in, exact dataclasses out, every shape checked on the way in.

An entry is read by `json.loads`, which builds only dicts, lists, strings, numbers, booleans and
None: reading one never runs code, whoever wrote it. Decoding then checks the type of every value
it turns into a FileResult or a Finding; anything unexpected raises `Invalid`, and the caller
treats the entry as a miss.

A file's entry is two JSON documents on two lines: its structure (locations, field paths and
their positions, problems), then its values (the header and each record's data), which are read
with numbers refused, so a value can only be a string, a boolean, None, a list or a mapping, as
`checker.load` types it, without walking every value to check. Records are lists, not mappings:
half a million of them are read on a warm run of a large regency.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from checker.load import FileResult
from checker.model import COLLECTIONS, Evidence, Finding, Location, Problem, Record, Remedy, Text, _record

_KINDS = frozenset(COLLECTIONS)
# a JSON escape of a UTF-16 surrogate: json.loads would make a str that cannot be printed as UTF-8
# (our writer never emits one; a literal backslash followed by such text only costs a miss)
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


class Invalid(Exception):
    """The entry does not have the shape this version writes."""


def _no_numbers(text: str) -> Any:
    raise Invalid(f"a number in cached values: {text[:20]}")


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def loads(blob: bytes, numbers: bool = True) -> Any:
    if _SURROGATE.search(blob):
        raise Invalid("a surrogate escape")
    try:
        if numbers:
            return json.loads(blob, parse_constant=_no_numbers)
        return json.loads(blob, parse_int=_no_numbers, parse_float=_no_numbers, parse_constant=_no_numbers)
    except (ValueError, RecursionError) as exc:  # json.JSONDecodeError, UnicodeDecodeError
        raise Invalid(str(exc)) from exc


# --- checks --------------------------------------------------------------------------------------
def _str(value: Any) -> str:
    if type(value) is not str:
        raise Invalid(f"expected a string, got {type(value).__name__}")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise Invalid(f"expected a natural number, got {value!r}")
    return value


def _list(value: Any, size: int | None = None) -> list[Any]:
    if type(value) is not list or (size is not None and len(value) != size):
        raise Invalid("expected a list" + ("" if size is None else f" of {size}"))
    return value


def _dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise Invalid("expected a mapping")
    return value


def _location(value: Any) -> Location:
    if type(value) is list and len(value) == 4:  # a workbook cell: [file, row, column, sheet]
        file, line, column, sheet = value
        return Location(_str(file), _int(line), _int(column), _str(sheet))
    file, line, column = _list(value, 3)
    return Location(_str(file), _int(line), _int(column))


def _opt_location(value: Any) -> Location | None:
    return None if value is None else _location(value)


def _location_out(loc: Location | None) -> list[Any] | None:
    if loc is None:
        return None
    return [loc.file, loc.line, loc.column, loc.sheet] if loc.sheet else [loc.file, loc.line, loc.column]


# --- problems ------------------------------------------------------------------------------------
def _problem_out(p: Problem) -> list[Any]:
    return [p.code, p.message, _location_out(p.location), p.record, p.message_id]


def _problem(value: Any) -> Problem:
    code, message, loc, record, message_id = _list(value, 5)  # 4 columns: before message_id, not reused
    return Problem(_str(code), _str(message), _location(loc), _opt_str(record), _str(message_id))


# --- a file's result -----------------------------------------------------------------------------
def encode_file(res: FileResult) -> bytes | None:
    """The entry for one file's result, or None when it holds something this layout cannot keep
    exactly (then it is not cached)."""
    name = res.name
    if res.header_location is not None and res.header_location.file != name:
        return None
    shapes: dict[tuple[str, ...], int] = {}
    structure: dict[str, list[list[Any]]] = {}
    values: dict[str, list[dict[str, Any]]] = {}
    for kind, recs in res.records.items():
        rows, data = structure.setdefault(kind, []), values.setdefault(kind, [])
        for rec in recs:
            # the record's compact field positions (see model.Record) are stored as they are
            if rec.kind != kind or rec.location.file != name or rec.data.get("id") != rec.id:
                return None
            shape = shapes.setdefault(rec._paths, len(shapes))
            row = [rec.location.line, rec.location.column, shape, rec._positions.hex()]
            rows.append([*row, rec.location.sheet] if rec.location.sheet else row)
            data.append(rec.data)
    head = {
        "name": name,
        "header_location": _location_out(res.header_location),
        "shapes": [list(paths) for paths in shapes],
        "records": structure,
        "problems": [_problem_out(p) for p in res.problems],
    }
    try:
        return _dumps(head) + b"\n" + _dumps({"header": res.header, "records": values})
    except (TypeError, ValueError):  # a value JSON cannot hold
        return None


def decode_file(blob: bytes, name: str | None = None) -> FileResult:
    first, sep, second = blob.partition(b"\n")
    if not sep:
        raise Invalid("one document, expected two")
    head, body = _dict(loads(first)), _dict(loads(second, numbers=False))
    file = _str(head.get("name"))
    if name is not None and file != name:
        raise Invalid(f"entry for {file}, expected {name}")
    header, where = body.get("header"), head.get("header_location")
    location = None if where is None else _location(where)
    if (header is None) != (location is None) or (header is not None and _dict(header) is not header):
        raise Invalid("a header without its location, or the reverse")
    if location is not None and location.file != file:
        raise Invalid("the header is located in another file")
    shapes = [tuple(_str(p) for p in _list(paths)) for paths in _list(head.get("shapes"))]
    structure, values = _dict(head.get("records")), _dict(body.get("records"))
    if structure.keys() != values.keys() or not structure.keys() <= _KINDS:
        raise Invalid("record kinds differ")
    records: dict[str, list[Record]] = {}
    for kind, rows in structure.items():
        data = _list(values[kind])
        if len(_list(rows)) != len(data):
            raise Invalid(f"{kind}: counts differ")
        records[kind] = [_one_record(kind, file, row, d, shapes) for row, d in zip(rows, data, strict=True)]
    problems = [_problem(p) for p in _list(head.get("problems"))]
    return FileResult(file, header, location, records, problems)


def _one_record(kind: str, file: str, row: Any, data: Any, shapes: list[tuple[str, ...]]) -> Record:
    if type(row) is not list or len(row) not in (4, 5) or type(data) is not dict:
        raise Invalid("a record is not [line, column, shape, positions(, sheet)] with a mapping")
    line, column, shape, positions = row[:4]
    sheet = _str(row[4]) if len(row) == 5 else ""  # a workbook's record: its sheet
    rec_id = data.get("id")
    if type(rec_id) is not str or not rec_id or type(shape) is not int or not 0 <= shape < len(shapes):
        raise Invalid("a record without its id or shape")
    paths = shapes[shape]
    try:
        packed = bytes.fromhex(_str(positions))
    except ValueError as exc:
        raise Invalid("positions are not hex") from exc
    if len(packed) != 8 * len(paths):
        raise Invalid("positions do not match the shape")
    return _record(kind, rec_id, data, Location(file, _int(line), _int(column), sheet), paths, packed)


# --- a whole check's result ----------------------------------------------------------------------
def _finding_out(f: Finding) -> list[Any]:
    evidence = [[e.name, e.value, _location_out(e.location)] for e in f.evidence]
    return [
        f.rule_id,
        f.severity,
        f.regulation,
        f.citation,
        f.record,
        f.record_kind,
        _location_out(f.location),
        f.opd,
        f.message.id,
        f.message.en,
        evidence,
        f.status,
        f.exception,
        f.exception_citation,
        f.title.id,
        f.title.en,
        [
            [r.kind, [[e.name, e.value, _location_out(e.location)] for e in r.args], r.text.id, r.text.en]
            for r in f.remedies
        ],
    ]


def _evidence(value: Any) -> Evidence:
    name, val, loc = _list(value, 3)
    return Evidence(_str(name), _str(val), _opt_location(loc))


def _remedy(value: Any) -> Remedy:
    kind, args, text_id, text_en = _list(value, 4)
    return Remedy(_str(kind), tuple(_evidence(e) for e in _list(args)), Text(_str(text_id), _str(text_en)))


def _finding(value: Any) -> Finding:
    row = _list(value, 17)  # an entry of 16 columns, before remedies, is not reused
    s = [_str(row[i]) for i in (0, 1, 2, 3, 4, 5, 8, 9, 11, 14, 15)]
    return Finding(
        rule_id=s[0],
        severity=s[1],
        regulation=s[2],
        citation=s[3],
        record=s[4],
        record_kind=s[5],
        location=_location(row[6]),
        opd=_opt_str(row[7]),
        message=Text(s[6], s[7]),
        evidence=tuple(_evidence(e) for e in _list(row[10])),
        status=s[8],
        exception=_opt_str(row[12]),
        exception_citation=_opt_str(row[13]),
        title=Text(s[9], s[10]),
        remedies=tuple(_remedy(r) for r in _list(row[16])),
    )


# --- the rule pack a result was computed with ------------------------------------------------------
# A hit needs the loaded pack (the reports list its rules), not its reading: the pack's files are
# part of the result's key, so the pack as loaded then is kept with the result, as plain data,
# instead of parsing its YAML and ASP and checking it against the pack schema again. A dataclass
# instance is a mapping of its fields; one met again (the regulation document indexes each
# provision of its tree by key) is `[n]`, the n-th instance written, so it is kept once.
def _plain_out(value: Any) -> Any:
    seen: dict[int, int | None] = {}  # id -> its number once written (None: being written)

    def out(value: Any) -> Any:
        if is_dataclass(value) and not isinstance(value, type):
            if id(value) in seen:
                at = seen[id(value)]
                if at is None:
                    raise ValueError("a cycle")  # not kept
                return [at]
            seen[id(value)] = None
            plain = {f.name: out(getattr(value, f.name)) for f in fields(value)}
            seen[id(value)] = len(written)
            written.append(value)  # keeps it alive: its id stays its own
            return plain
        if isinstance(value, Path):
            return str(value)
        if isinstance(value, dict):
            return {k: out(v) for k, v in value.items()}
        if isinstance(value, list):
            return [out(v) for v in value]
        return value

    written: list[Any] = []
    return out(value)


def _exact(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True, a tuple is no list)."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return list(a) == list(b) and all(_exact(a[k], b[k]) for k in a)
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(_exact(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _split_union(kind: str) -> list[str]:
    """`A | B[C | D]` -> [A, B[C | D]]: the alternatives of a declared type, brackets respected."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(kind):
        depth += (char == "[") - (char == "]")
        if char == "|" and depth == 0:
            parts.append(kind[start:i].strip())
            start = i + 1
    return [*parts, kind[start:].strip()]


_SCALARS: dict[str, type] = {"str": str, "int": int, "bool": bool, "float": float}
_Reader = Callable[[Any, list[Any]], Any]  # (JSON data, the instances read so far) -> value


@functools.cache
def _reader(kind: str, module: str) -> _Reader:
    """A function taking JSON data to the declared type `kind` (a field annotation as written in
    `module`), checked all the way down: Invalid when the value is not of that type. A type this
    reader does not know raises Invalid too, so nothing of it is kept (see encode_result)."""
    alternatives = _split_union(kind)
    if len(alternatives) > 1:
        readers = [_reader(a, module) for a in alternatives]

        def union(value: Any, refs: list[Any]) -> Any:
            for read in readers:
                try:
                    return read(value, refs)
                except Invalid:
                    continue
            raise Invalid(f"not a {kind}")

        return union
    if kind == "None":
        return lambda value, refs: None if value is None else _raise(Invalid("expected null"))
    if kind == "Any":
        return lambda value, refs: value  # JSON data: json.loads makes nothing else
    if kind in _SCALARS:
        want = _SCALARS[kind]
        return lambda value, refs: value if type(value) is want else _raise(Invalid(f"expected {kind}"))
    if kind == "Path":
        return lambda value, refs: Path(_str(value))
    if kind.startswith("list[") and kind.endswith("]"):
        item = _reader(kind[5:-1], module)
        return lambda value, refs: [item(v, refs) for v in _list(value)]
    if kind.startswith("tuple[") and kind.endswith(", ...]"):  # a parameter's Row: a list in JSON
        member = _reader(kind[6:-6], module)
        return lambda value, refs: tuple(member(v, refs) for v in _list(value))
    if kind.startswith("dict[str, ") and kind.endswith("]"):
        entry = _reader(kind[10:-1], module)
        return lambda value, refs: {_str(k): entry(v, refs) for k, v in _dict(value).items()}
    cls = getattr(sys.modules[module], kind, None)
    if isinstance(cls, type) and is_dataclass(cls) and all(f.init for f in fields(cls)):
        return lambda value, refs: _dataclass_in(cls, value, refs)
    return lambda value, refs: _raise(Invalid(f"a value of type {kind} is not kept"))


def _raise(exc: Exception) -> Any:
    raise exc


def _dataclass_in(cls: type, value: Any, refs: list[Any]) -> Any:
    """An instance of the dataclass `cls` from its fields' plain data, each of its declared type,
    or the instance read before that `[n]` refers to."""
    if type(value) is list:
        (at,) = _list(value, 1)
        if type(at) is not int or not 0 <= at < len(refs) or type(refs[at]) is not cls:
            raise Invalid(f"{cls.__name__}: a reference to no such instance")
        return refs[at]
    doc = _dict(value)
    readers = _field_readers(cls)
    if len(doc) != len(readers) or any(name not in doc for name, _ in readers):
        raise Invalid(f"{cls.__name__}: unexpected fields")
    made = cls(**{name: read(doc[name], refs) for name, read in readers})
    refs.append(made)
    return made


@functools.cache
def _field_readers(cls: type) -> list[tuple[str, _Reader]]:
    return [(f.name, _reader(str(f.type), cls.__module__)) for f in fields(cls)]


def decode_pack(value: Any) -> Any:
    """A checker.packs.Pack from its plain data (see `_plain_out`), every field's type checked."""
    from checker.packs import Pack

    try:
        return _dataclass_in(Pack, value, [])
    except (RecursionError, TypeError, ValueError) as exc:  # too deep, or refused by a constructor
        raise Invalid(f"pack: {exc}") from exc


def encode_pack(pack: Any) -> bytes | None:
    """A loaded pack alone (Cache.load_pack); None when decoding would not give it back exactly."""
    plain = _plain_out(pack)
    try:
        blob = _dumps({"pack": plain})
        back = decode_pack_entry(blob)
    except (TypeError, ValueError, Invalid):
        return None
    return blob if back == pack and _exact(_plain_out(back), plain) else None


def decode_pack_entry(blob: bytes) -> Any:
    doc = _dict(loads(blob))
    if set(doc) != {"pack"}:
        raise Invalid("unexpected fields")
    return decode_pack(doc["pack"])


def encode_result(result: dict[str, Any]) -> bytes | None:
    """A whole check's result: `pack` (the id it was loaded by), `pack_files` ([path, sha256]
    of every file it was read from), `pack_data` (the Pack as loaded), `as_of`, `regency_id`,
    `messages` and `findings`. None when a value is not of its declared type (then it is not
    cached: decoding must give it back exactly)."""
    pack_data = _plain_out(result["pack_data"])
    out = dict(result, pack_data=pack_data, findings=[_finding_out(f) for f in result["findings"]])
    try:
        blob = _dumps(out)
        back = decode_result(blob)
    except (TypeError, ValueError, Invalid):
        return None
    return blob if back == result and _exact(_plain_out(back["pack_data"]), pack_data) else None


def decode_result(blob: bytes) -> dict[str, Any]:
    doc = _dict(loads(blob))
    if set(doc) != {"pack", "pack_files", "pack_data", "as_of", "regency_id", "messages", "findings"}:
        raise Invalid("unexpected fields")
    files = [_list(f, 2) for f in _list(doc["pack_files"])]
    return {
        "pack": _str(doc["pack"]),
        "pack_data": decode_pack(doc["pack_data"]),
        "pack_files": [[_str(path), _str(digest)] for path, digest in files],
        "as_of": _str(doc["as_of"]),
        "regency_id": _str(doc["regency_id"]),
        "messages": [_str(m) for m in _list(doc["messages"])],
        "findings": [_finding(f) for f in _list(doc["findings"])],
    }
