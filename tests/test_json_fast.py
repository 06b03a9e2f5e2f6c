"""The fast JSON path (a collection per C scan, checked as a whole by `_verify`, located lazily)
reads every document exactly as the recursive `_Reader` does: the same records, data, locations,
field locations and problems, or the same syntax problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.load import json_input, load_file
from checker.load.source import FileProblem
from checker.model import Location, Regency

_WS = st.sampled_from(["", "", " ", "\n", "\r\n", "\t", "\n    ", " \n"])
_NUMBERS = [
    "0",
    "-0",
    "1.10",
    "1e5",
    "-1E-05",
    "2.5e+3",
    "198203142006041002",
    "1e400",
    "12345678901234567890123",
]
_NOT_NUMBERS = ["01", "1.", "-", "NaN", "Infinity", "-Infinity"]  # rarely: each spoils the whole file
_STRINGS = [
    '"e-1"',
    '""',
    '"a:b"',
    '":"',
    '"\\u003a"',  # a colon written as an escape: the colon count must not be fooled by it
    '"\\u003A:"',
    '"\\\\u003a"',  # a backslash, then the letters: no escape
    '"\\"quoted\\": x"',
    '"\\u00e9\\n\\t\\/"',
    '"\\ud83d\\ude00"',
    '"\\ud800"',  # a lone surrogate: json reads it, orjson refuses to write it
    '"{[:,]}"',
]
_KEYS = st.sampled_from(
    ['"a"', '"b"', '"c"', '"nip"', '"members"', '"a:b"', '":"', '""', '"é"', '"\\u0062x"', '"t\\tab\\/"']
)
_RARE_KEYS = st.sampled_from(['"id"', '"\\u0069d"', '"\\u003a"'])  # the same as id, and as ":"


def _key(draw: st.DrawFn) -> str:
    return draw(_RARE_KEYS if draw(st.integers(0, 15)) == 0 else _KEYS)


def _scalar(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.sampled_from(_NOT_NUMBERS if draw(st.integers(0, 20)) == 0 else _NUMBERS))
    if kind == 1:
        return draw(st.sampled_from(_STRINGS))
    if kind == 2:
        return json.dumps(draw(st.text(max_size=6)), ensure_ascii=draw(st.booleans()))
    return draw(st.sampled_from(["true", "false", "null"]))


def _value(draw: st.DrawFn, depth: int) -> str:
    kind = draw(st.integers(0, 2 if depth < 4 else 0))
    if kind == 0:
        return _scalar(draw)
    if kind == 1:
        items = [_value(draw, depth + 1) for _ in range(draw(st.integers(0, 3)))]
        return "[" + ",".join(draw(_WS) + i + draw(_WS) for i in items) + "]"
    return _object(draw, depth, [])


def _object(draw: st.DrawFn, depth: int, own: list[str]) -> str:
    pairs = [
        f"{_key(draw)}{draw(_WS)}:{draw(_WS)}{_value(draw, depth + 1)}"
        for _ in range(draw(st.integers(0, 3)))
    ]
    pairs = own + pairs if draw(st.integers(0, 3)) else pairs + own  # a record's id first, as a rule
    return "{" + ",".join(draw(_WS) + p + draw(_WS) for p in pairs) + "}"


def _item(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 19))
    if kind == 0:  # not a record, or a record without a usable id
        return draw(
            st.sampled_from(["1", '"x"', "[]", "null", "{}", '{"id": ""}', '{"id": 5}', '{"id": null}'])
        )
    if kind == 1:  # nested about as deep as the reader allows
        n = draw(st.integers(94, 100))
        return '{"id": "d", "x": ' + "[" * n + draw(st.sampled_from(["", "1", "{}"])) + "]" * n + "}"
    if kind == 2:  # a record that does not open with its id, holding an object that does
        return '{"n": 1, "id": "r-4", "m": [{"id": "r-5"}]}'
    if kind == 3:  # a record that does, holding one that does too
        return '{"id": "r-6", "m": [{"id": "r-7"}]}'
    rec_id = draw(st.sampled_from(['"r-1"', '"r-2"', '"\\u0072-3"', '"a:1"']))
    return _object(draw, 1, [f'"id"{draw(_WS)}:{draw(_WS)}{rec_id}'])


@st.composite
def documents(draw: st.DrawFn) -> str:
    keys = draw(st.permutations(['"employees"', '"units"', '"regency"', '"teams"', '"pegawai"']))
    keys = keys[: draw(st.integers(1, 4))]
    if draw(st.integers(0, 9)) == 0:
        keys.append(keys[0])  # the same collection twice
    parts = []
    for key in keys:
        if key == '"regency"' or draw(st.integers(0, 6)) == 0:
            value = draw(st.sampled_from(['{"id": "x", "n": 1.0}', "null", "[]", '"x"']))
        else:
            items = [_item(draw) for _ in range(draw(st.integers(0, 4)))]
            value = "[" + ",".join(draw(_WS) + i + draw(_WS) for i in items) + "]"
        parts.append(f"{draw(_WS)}{key}{draw(_WS)}:{draw(_WS)}{value}{draw(_WS)}")
    text = "{" + ",".join(parts) + "}" + draw(_WS)
    if draw(st.integers(0, 4)) == 0:  # a piece of JSON, or not, anywhere
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(st.sampled_from(["{", "}", "[", "]", ",", ":", '"', "\\", "\n", "-", "1"]))
            + text[at:]
        )
    return text


def _reading(text: str, fast: bool) -> tuple[Any, ...]:
    part, problems, error = Regency(), [], None
    try:
        if fast:
            json_input.read(text, "d.json", part, problems)
        else:
            json_input._read(json_input._Reader(text), "d.json", part, problems)
    except FileProblem as exc:
        error = exc.problem
    records = [
        (r.kind, r.id, r.data, r.location, r.field_locations) for recs in part.records.values() for r in recs
    ]
    return error, problems, part.regency, part.regency_location, records


@settings(max_examples=500, deadline=None)
@given(text=documents())
def test_the_fast_path_reads_every_document_as_the_reader_does(text: str) -> None:
    assert _reading(text, fast=True) == _reading(text, fast=False)


@pytest.mark.parametrize(
    "record",
    [
        '{"id": "e", "a": "x", "a": "\\u003a"}',  # the escape puts back the colon the duplicate took
        '{"id": "e", "a": "\\u003A", "a": "y"}',
        '{"id": "e", "\\u0069d": "f"}',  # the same key, written differently
        '{"id": "e", "m": [{"k": 1, "k": 2}]}',  # deep inside a record
    ],
)
def test_a_duplicate_key_is_found_however_it_is_written(record: str) -> None:
    text = '{"employees": [{"id": "a"}, ' + record + "]}"
    fast, slow = _reading(text, fast=True), _reading(text, fast=False)
    assert fast == slow and "twice" in fast[0].message


def test_numbers_keep_their_text_on_the_fast_path(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(
        '{"employees": [{"id": "e", "nip": 198203142006041002, "a": 1.10, "b": -0, "c": 1e5}]}',
        encoding="utf-8",
    )
    (rec,) = load_file(str(path)).records["employees"]
    assert isinstance(rec, json_input._LazyRecord)  # read by the C scanner, not by _Reader
    assert rec.data == {"id": "e", "nip": "198203142006041002", "a": "1.10", "b": "-0", "c": "1e5"}


def test_records_are_located_lazily_in_any_order(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(
        '{"regency": {"id": "x"},\n "units": [{"id": "u"}],\n "employees": [\n  {"id": "e-1"},\n'
        '    {"id": "e-2",\n     "name": "S"}, {"id": "e-3"}]}\n',
        encoding="utf-8",
    )
    result = load_file(str(path))
    e1, e2, e3 = result.records["employees"]
    assert all(isinstance(r, json_input._LazyRecord) for r in (e1, e2, e3))
    assert (e3.location.line, e3.location.column) == (6, 20)
    assert (e2.location.line, e2.location.column) == (5, 5)
    assert e2.where("name").line == 6 and (e1.location.line, e1.location.column) == (4, 3)
    assert (result.records["units"][0].location.line, result.header_location.line) == (2, 1)


@pytest.mark.parametrize("inner", ["", "1", "{}", '{"k": 1}'])
@pytest.mark.parametrize("depth", [96, 97, 98, 99])
def test_nesting_at_the_limit_is_read_as_the_reader_reads_it(depth: int, inner: str) -> None:
    text = '{"employees": [{"id": "d", "x": ' + "[" * depth + inner + "]" * depth + "}]}"
    fast, slow = _reading(text, fast=True), _reading(text, fast=False)
    assert fast == slow
    assert bool(slow[0]) == (depth + (inner != "") + ("k" in inner) > 98)  # a value deeper than 100


@pytest.mark.parametrize(
    "records",
    [
        '{"id": "a", "m": [{"id": "x"}]}, {"id": "b"}',  # an object inside a record opens with id too
        '{"n": 1, "id": "a", "m": {"id": "x"}}, {"id": "b"}',  # a record that does not
        '{"id": "a"},\n  {"id": "b"}, {\n"id": "c"}',
    ],
)
def test_each_record_is_found_where_it_starts(records: str) -> None:
    text = '{"employees": [' + records + "]}"
    fast, slow = _reading(text, fast=True), _reading(text, fast=False)
    assert fast == slow and not fast[0] and len(fast[4]) == records.count('"id"') - records.count('"x"')


def test_fields_are_located_in_the_text_whatever_was_done_to_the_data(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"employees": [{"id": "e", "name": "S", "nip": "1"}]}', encoding="utf-8")
    (rec,) = load_file(str(path)).records["employees"]
    rec.data["added"] = "by a default"  # as a validator filling defaults would
    rec.data["name"] = rec.data.pop("name")
    assert rec.field_locations == {"id": 1 << 32 | 23, "name": 1 << 32 | 36, "nip": 1 << 32 | 48}


def test_a_location_set_by_hand_is_kept_with_the_fields(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"employees": [{"id": "e", "name": "S"}]}', encoding="utf-8")
    (rec,) = load_file(str(path)).records["employees"]
    rec.location = Location("other.json", 9, 9)
    assert rec.location == Location("other.json", 9, 9) and rec.field_locations == {
        "id": 1 << 32 | 23,
        "name": 1 << 32 | 36,
    }
