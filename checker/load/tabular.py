"""Tables as regency data: what a sheet of a workbook and a CSV file have in common.

One table per collection, named in English or Indonesian (`employees` / `pegawai`, see SHEET_NAMES);
row 1 is the header (the schema's field names, or their Indonesian ALIASES, any case, spaces for
underscores); each row below is one record. The flat form of nested fields, read by the schema:

- an object's fields are dotted columns: `business_process.decree`, `penyetaraan.date`;
- a list of values is one cell, items separated by `;` (`srikandi; e-kinerja`);
- a party (`from`, `to`, `cc`) is an employee id, or `instansi/role` for another agency's office;
- a list of objects (a team's `members`) takes dotted columns (`members.employee`, `members.role`),
  one item per row: the record's own row holds the first, and each following row whose `id` cell
  is empty (and that fills only those columns) adds the next.

Values are typed as in the YAML files: text stays text (a number keeps its digits), `true`,
`false` and `null` are what YAML makes of them, an empty cell is an absent field. Dates are read as
`YYYY-MM-DD`, from a date cell, an Excel serial number or `dd/mm/yyyy` text. Every record and value
keeps its cell. What a spreadsheet gets wrong (a numeric NIP, a header typo, spaces, an empty row in
the middle) is a problem at its cell, never a silent guess.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from checker.i18n import tr
from checker.load.source import FileProblem, decode, read_text, said, unreadable
from checker.load.source import number as grouped
from checker.model import COLLECTIONS, PLAIN_TYPED, Location, Problem, Record, Regency, pack, project_dir

REGENCY = "regency"  # the header table: one row

# table name (normalized) -> collection; English names, the report's Indonesian names, a few more
SHEET_NAMES: dict[str, str] = {c: c for c in COLLECTIONS} | {
    "opd": "opds",
    "perangkat_daerah": "opds",
    "unit_kerja": "units",
    "jabatan": "positions",
    "pegawai": "employees",
    "kedudukan": "placements",
    "pelimpahan": "delegations",
    "penetapan": "designations",
    "sasaran": "targets",
    "tim_kerja": "teams",
    "tim": "teams",
    "penugasan": "assignments",
    "surat": "letters",
    "laporan": "reports",
    REGENCY: REGENCY,
    "kabupaten": REGENCY,
    "pemda": REGENCY,
}

# Indonesian column names, one path segment each: `anggota.peran` is `members.role`
ALIASES: dict[str, str] = {
    "nama": "name",
    "jabatan": "position",
    "unit_kerja": "unit",
    "perangkat_daerah": "opd",
    "jenis": "kind",
    "tipe": "type",
    "induk": "parent",
    "kepala": "head",
    "mandiri": "independent",
    "aplikasi": "applications",
    "jenjang": "grade",
    "peran": "role",
    "pegawai": "employee",
    "penilai": "assessor",
    "sk": "decree",
    "tanggal_sk": "decree_date",
    "ditetapkan_oleh": "set_by",
    "mulai": "start",
    "tanggal_mulai": "start",
    "selesai": "end",
    "tanggal_selesai": "end",
    "tanggal": "date",
    "nomor": "number",
    "sasaran": "target",
    "tim": "team",
    "metode": "method",
    "cakupan": "scope",
    "tujuan": "purpose",
    "ditunjuk_oleh": "appointed_by",
    "dari": "from",
    "kepada": "to",
    "tembusan": "cc",
    "ditandatangani_oleh": "signed_by",
    "dikonsep_oleh": "drafted_by",
    "putusan": "decision",
    "alasan": "reason",
    "kompetensi": "competencies",
    "jangka_waktu": "duration",
    "judul": "title",
    "diterima_oleh": "accepted_by",
    "tanggal_diterima": "accepted_date",
    "direviu_oleh": "reviewed_by",
    "anggota": "members",
    "pemberi": "delegator",
    "penerima": "delegate",
    "membalas": "in_reply_to",
    "penugasan": "assignment",
    "provinsi": "province",
    "regulasi": "regulation",
    "per_tanggal": "as_of",
    "proses_bisnis": "business_process",
}

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_SCIENTIFIC = re.compile(r"[0-9](?:[.,][0-9]+)?[eE]\+?[0-9]+")
_EXCEL_SERIAL_MAX = 2958465  # 9999-12-31


def normalize(name: str) -> str:
    """`Unit Kerja`, `unit-kerja`, ` UNIT_KERJA ` -> `unit_kerja`."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def collection_of(name: str) -> str | None:
    return SHEET_NAMES.get(normalize(name))


# --- the flat form of each collection, from its JSON Schema ---------------------------------------
@dataclass(frozen=True)
class Shape:
    """What a column path holds: a scalar (`leaf`: text, date, nip), a party, a list (`item`), an
    object (`fields`), or a list of objects (`rows`: one item per row)."""

    kind: str  # text | date | nip | party | list | object | rows
    item: Shape | None = None
    fields: dict[str, Shape] = field(default_factory=dict)
    enum: tuple[str, ...] = ()  # the values a cell may take (a template's drop-down list)
    description: str = ""


@cache
def _schema(name: str) -> dict[str, Any]:
    return json.loads((project_dir("schemas") / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _resolve(node: dict[str, Any], home: str) -> tuple[dict[str, Any], str, str]:
    """Follow `$ref`s; the node, the schema file it is in, and the last definition's name."""
    name = ""
    while "$ref" in node:
        ref = str(node["$ref"])
        file, _, pointer = ref.partition("#")
        home = file or home
        name = pointer.rsplit("/", 1)[-1]
        target: Any = _schema(home)
        for part in pointer.strip("/").split("/"):
            target = target[part] if part else target
        node = target
    return node, home, name


def _shape(node: dict[str, Any], home: str, name: str = "", description: str = "") -> Shape:
    description = description or str(node.get("description", ""))
    node, home, ref = _resolve(node, home)
    name = ref or name
    choices = [c for c in node.get("anyOf", ()) if c.get("type") != "null"]
    if choices:
        return _shape(choices[0], home, name, description)
    kind = node.get("type")
    if name == "party" or isinstance(kind, list):
        return Shape("party", description=description)
    if kind == "array":
        item = _shape(node.get("items", {}), home)
        if item.kind == "object":
            return Shape("rows", fields=item.fields, description=description)
        return Shape("list", item, description=description)
    if kind == "object":
        fields = {k: _shape(v, home, k) for k, v in node.get("properties", {}).items()}
        return Shape("object", fields=fields, description=description)
    enum = ("true", "false") if kind == "boolean" else tuple(str(v) for v in node.get("enum", ()))
    return Shape(name if name in ("date", "nip") else "text", enum=enum, description=description)


@cache
def shapes(kind: str) -> dict[str, Shape]:
    """Each top-level field of a collection (or of the regency header) and its shape."""
    singular = "regency" if kind == REGENCY else ("opd" if kind == "opds" else kind.removesuffix("s"))
    schema = _schema(f"{singular}.schema.json")
    return {k: _shape(v, f"{singular}.schema.json", k) for k, v in schema.get("properties", {}).items()}


@cache
def columns(kind: str) -> dict[str, Shape]:
    """Every column path a table of `kind` may have: `name`, `penyetaraan`, `penyetaraan.date`, ..."""
    out: dict[str, Shape] = {}

    def walk(prefix: str, fields: dict[str, Shape]) -> None:
        for key, shape in fields.items():
            path = f"{prefix}{key}"
            if shape.kind != "rows":
                out[path] = shape
            if shape.kind in ("object", "rows"):
                walk(path + ".", shape.fields)

    walk("", shapes(kind))
    return out


def rows_field(path: str, kind: str) -> str | None:
    """`members` for `members.role`: the list of objects a column fills one row at a time."""
    head = path.split(".", 1)[0]
    return head if "." in path and shapes(kind).get(head, Shape("text")).kind == "rows" else None


def column_path(header: str, aliases: dict[str, str] | None = None) -> str:
    """The field path a header names: aliases translated segment by segment."""
    table = ALIASES if aliases is None else aliases
    return ".".join(table.get(seg, seg) for seg in (normalize(s) for s in header.split(".")))


# --- problems --------------------------------------------------------------------------------------
def problem(code: str, where: Location, **values: Any) -> Problem:
    """A located problem in both languages (English its `message`, Indonesian its `message_id`)."""
    key = f"sheet.{code}"
    en, id_ = ({k: v[lang] if isinstance(v, Text) else v for k, v in values.items()} for lang in ("en", "id"))
    return Problem(f"sheet.{code}", tr(key, "en", **en), where, None, tr(key, "id", **id_))


class Text(dict[str, str]):
    """A value a problem's message gives in each language: Text(en=..., id=...)."""


class CellError(Exception):
    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code, self.values = code, values


def read_raw(name: str, max_bytes: int) -> bytes:
    """A binary file's bytes, with the text files' size limit."""
    start = Location(name, 1, 1)
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise FileProblem(
                said(
                    "input.too-large",
                    "problem.read.too-large-bytes",
                    start,
                    size=grouped(size),
                    limit=grouped(max_bytes),
                )
            )
        with open(name, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise FileProblem(unreadable(exc, start)) from exc


def read_file(name: str, raw: bytes | None, max_bytes: int, part: Regency, problems: list[Problem]) -> None:
    """A workbook (.xlsx) or a CSV file into `part` (checker.load.load_file dispatches here)."""
    if name.lower().endswith(".xlsx"):
        from checker.load import xlsx_input

        data = read_raw(name, max_bytes) if raw is None else raw
        xlsx_input.read(data, name, part, problems, max_bytes=max_bytes)
    else:
        from checker.load import csv_input

        csv_input.read(read_text(name, max_bytes) if raw is None else decode(raw, name), name, part, problems)


# --- values -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Options:
    strip: bool = False  # trim spaces around text (a mapping's `strip_spaces: true`), instead of refusing


def typed(value: Any, shape: Shape, options: Options = Options()) -> Any:
    """A cell's value as the YAML reader would give it; CellError when the spreadsheet lost or hid
    something. `None` is an empty cell (the field is absent)."""
    if value is None:
        return None
    if shape.kind == "list":
        if isinstance(value, str) and value.strip() == "[]":
            return []
        if isinstance(value, bool):
            return [value]
        items = [s.strip() for s in _text(value, options).split(";")]
        if any(i == "" for i in items):
            raise CellError("empty-item")
        return [typed(i, shape.item or Shape("text"), options) for i in items]
    if isinstance(value, bool):
        return value
    if shape.kind == "nip" and (isinstance(value, int | float) or _SCIENTIFIC.fullmatch(str(value).strip())):
        raise CellError("numeric-nip", value=value)
    if shape.kind == "date":
        return _date(value, options)
    if isinstance(value, datetime | date):
        return _date(value, options)
    text = _text(value, options)
    if text in PLAIN_TYPED:
        return PLAIN_TYPED[text]
    if shape.kind == "party" and "/" in text:
        instansi, _, role = text.partition("/")
        return {"instansi": instansi.strip(), "role": role.strip()}
    return text


def _text(value: Any, options: Options) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, time | timedelta):
        return str(value)
    text = str(value)
    if text != text.strip():
        if not options.strip:
            raise CellError("spaces", value=text)
        text = text.strip()
    return text


def _date(value: Any, options: Options) -> str | None:
    if isinstance(value, datetime):
        if value.time() != time():
            raise CellError("date-time", value=value.isoformat(sep=" "))
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not float(value).is_integer() or not 1 <= value <= _EXCEL_SERIAL_MAX:
            raise CellError("date-serial", value=value)
        from openpyxl.utils.datetime import from_excel

        return from_excel(int(value)).date().isoformat()  # type: ignore[no-any-return]
    text = _text(value, options)
    if text in PLAIN_TYPED:
        return PLAIN_TYPED[text]  # type: ignore[return-value]
    dmy = _DMY.fullmatch(text)
    if dmy:
        try:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1])).isoformat()
        except ValueError:
            raise CellError("date-invalid", value=text) from None
    return text  # YYYY-MM-DD, or whatever the schema and integrity checks then say is wrong


# --- a table's rows into records --------------------------------------------------------------------
Row = tuple[int, list[tuple[int, Any]]]  # (row number, [(column number, value), ...]) non-empty cells


@dataclass
class Table:
    """One table being read: where it is and what it holds."""

    file: str
    sheet: str  # "" for a CSV file
    kind: str  # a collection, or REGENCY
    options: Options = Options()
    # a mapping's (checker.load.mapping): header (normalized) -> field path; other columns are not read
    mapped: dict[str, str] | None = None
    header_row: int = 1  # rows above it (an export's title) are not read
    id_from: tuple[str, str] | None = None  # (field, prefix): the id made from a field
    constants: dict[str, Any] = field(default_factory=dict)  # values every record of the table has

    def known(self) -> dict[str, Shape]:
        extra = {p: Shape("text") for p in (self.mapped or {}).values() if p.startswith("_")}
        return columns(self.kind) | extra  # `_opd`: a mapping's column for resolving names

    def at(self, row: int, column: int) -> Location:
        return Location(self.file, row, column, self.sheet)


def read_table(table: Table, rows: Iterable[Row], part: Regency, problems: list[Problem]) -> None:
    """Fill `part` with the records of one table; add what is wrong to `problems`."""
    it = iter(rows)
    head = next(it, None)
    while head is not None and head[0] < table.header_row:
        head = next(it, None)
    if head is None:
        return  # an empty sheet: nothing to read
    header = _header(table, head, problems)
    if header is None:
        return
    pending: _Pending | None = None
    records: list[_Pending] = []
    empty_since: int | None = None
    for number, row_cells in it:
        cells = [(col, value) for col, value in row_cells if not _blank(value)]
        if not cells:
            empty_since = empty_since or number
            continue
        if empty_since is not None:
            problems.append(problem("empty-row", table.at(empty_since, 1), row=empty_since))
            empty_since = None
        values = _row_values(table, header, number, cells, problems)
        if values is None:
            continue
        if "id" not in values and pending is not None and _only_rows(values, table.kind):
            pending.add(values, table.kind, number)
            continue
        pending = _Pending(number)
        pending.add(values, table.kind, number)
        records.append(pending)
    _finish(table, records, part, problems)


def _blank(value: Any) -> bool:
    """An empty cell, or one holding only spaces: the field is absent."""
    return value is None or (isinstance(value, str) and not value.strip())


def _header(table: Table, head: Row, problems: list[Problem]) -> dict[int, str] | None:
    """Column number -> field path; None when the table cannot be read (no `id` column)."""
    known = table.known()
    number, cells = head
    header: dict[int, str] = {}
    seen: dict[str, int] = {}
    for col, value in cells:
        name = str(value).strip()
        path = column_path(name) if table.mapped is None else table.mapped.get(normalize(name))
        if path is None:
            continue  # a column the mapping does not read
        if path not in known:
            problems.append(_unknown_column(table, number, col, name, known))
        elif path in seen:
            problems.append(problem("duplicate-column", table.at(number, col), name=name))
        else:
            seen[path] = col
            header[col] = path
    if table.mapped is not None:
        _missing_columns(table, number, cells, seen, problems)
    if table.kind != REGENCY and "id" not in seen and (table.id_from is None or table.id_from[0] not in seen):
        problems.append(problem("no-id-column", table.at(number, 1)))
        return None
    return header


def _missing_columns(
    table: Table, number: int, cells: list[tuple[int, Any]], seen: dict[str, int], problems: list[Problem]
) -> None:
    """A column the mapping names that the sheet does not have: at the header, with the close ones."""
    present = [normalize(str(v)) for _, v in cells]
    for header, path in (table.mapped or {}).items():
        if path not in seen:
            hint = did_you_mean(header, present)
            problems.append(problem("mapped-column-missing", table.at(number, 1), name=header, hint=hint))


def _unknown_column(table: Table, row: int, col: int, name: str, known: dict[str, Shape]) -> Problem:
    names = sorted({*known, *(a for a, f in ALIASES.items() if f in known)})
    return problem("unknown-column", table.at(row, col), name=name, hint=did_you_mean(name, names))


def did_you_mean(name: str, names: Iterable[str]) -> str:
    """`; did you mean: a / b?` (in both languages' messages), or "" when nothing is close."""
    close = difflib.get_close_matches(normalize(name), list(names), n=3, cutoff=0.6)
    return f" — {' / '.join(close)}?" if close else ""


def _row_values(
    table: Table, header: dict[int, str], number: int, cells: list[tuple[int, Any]], problems: list[Problem]
) -> dict[str, tuple[Any, int]] | None:
    """A row's typed values by field path, each with its column; None when a cell is unreadable."""
    known = table.known()
    out: dict[str, tuple[Any, int]] = {}
    ok = True
    for col, raw in cells:
        path = header.get(col)
        if path is None:
            continue  # under an unknown header (already a problem) or none
        try:
            value = typed(raw, known[path], table.options)
        except CellError as exc:
            problems.append(problem(exc.code, table.at(number, col), **exc.values))
            ok = False
            continue
        out[path] = (value, col)
    return out if ok else None


def _only_rows(values: dict[str, tuple[Any, int]], kind: str) -> bool:
    return bool(values) and all(rows_field(p, kind) for p in values)


@dataclass
class _Pending:
    """A record being read: its values by path (items of a list of objects appended row by row)."""

    row: int
    data: dict[str, Any] = field(default_factory=dict)
    locs: dict[str, int] = field(default_factory=dict)
    conflicts: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, path)
    row_now: int = 0  # the row being added

    def add(self, values: dict[str, tuple[Any, int]], kind: str, row: int) -> None:
        self.row_now = row
        items: dict[str, dict[str, tuple[Any, int]]] = {}
        for path, (value, col) in values.items():
            head = rows_field(path, kind)
            if head is not None:
                items.setdefault(head, {})[path[len(head) + 1 :]] = (value, col)
            else:
                self._put(path, value, col, self.data, "")
        for head, sub in items.items():
            lst = self.data.setdefault(head, [])
            if not isinstance(lst, list):
                self.conflicts.append((row, next(iter(sub.values()))[1], head))
                continue
            prefix, first = f"{head}.{len(lst)}", pack(row, min(c for _, c in sub.values()))
            self.locs.setdefault(head, first)
            self.locs[prefix] = first
            item: dict[str, Any] = {}
            lst.append(item)
            for path, (value, col) in sub.items():
                self._put(path, value, col, item, prefix + ".")

    def _put(self, path: str, value: Any, col: int, into: dict[str, Any], prefix: str) -> None:
        *parents, leaf = path.split(".")
        node = into
        for i, key in enumerate(parents):
            sub = prefix + ".".join(parents[: i + 1])
            if sub not in self.locs:
                self.locs[sub] = pack(self.row_now, col)
            child = node.setdefault(key, {})
            if not isinstance(child, dict):
                self.conflicts.append((self.row_now, col, prefix + path))
                return
            node = child
        if leaf in node:
            self.conflicts.append((self.row_now, col, prefix + path))
            return
        node[leaf] = value
        self.locs[prefix + path] = pack(self.row_now, col)
        if isinstance(value, list):
            for i in range(len(value)):
                self.locs[f"{prefix}{path}.{i}"] = pack(self.row_now, col)
        elif isinstance(value, dict):
            for key in value:
                self.locs[f"{prefix}{path}.{key}"] = pack(self.row_now, col)


def _derived(table: Table, rec: _Pending) -> None:
    """A mapping's id made from a field (at that field's cell), and its constants."""
    if table.id_from is not None and "id" not in rec.data:
        source, prefix = table.id_from
        value = rec.data.get(source)
        if isinstance(value, str) and value:
            rec.data = {"id": prefix + value, **rec.data}
            rec.locs = {"id": rec.locs[source], **rec.locs}
    for key, value in table.constants.items():
        rec.data.setdefault(key, value)


def _finish(table: Table, records: list[_Pending], part: Regency, problems: list[Problem]) -> None:
    for rec in records:
        where = table.at(rec.row, 1)
        for row, col, path in rec.conflicts:
            problems.append(problem("conflict", table.at(row, col), path=path))
        if table.kind == REGENCY:
            if part.regency is not None:
                problems.append(problem("second-regency-row", where))
                continue
            part.regency, part.regency_location = rec.data, where
            continue
        _derived(table, rec)
        rec_id = rec.data.get("id")
        if not isinstance(rec_id, str) or not rec_id:
            problems.append(said("data.missing-id", "problem.read.missing-id", where, kind=table.kind))
            continue
        part.records[table.kind].append(Record(table.kind, rec_id, rec.data, where, rec.locs))
