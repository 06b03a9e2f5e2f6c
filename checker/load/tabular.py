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

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from checker.i18n import tr
from checker.load.source import decode, read_bytes, read_text
from checker.model import COLLECTIONS, PLAIN_TYPED, Location, Problem, Regency, project_dir

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
    return read_bytes(name, max_bytes, exact=True)


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
