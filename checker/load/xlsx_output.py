"""Records into the flat form of checker.load.tabular: rows of cells, and a workbook of them.

The inverse of the readers: a record's nested fields become dotted columns, `;`-separated cells
and continuation rows (a team's further members), every value is written as text, and a value
the YAML reader types (`null`, `true`, `false`) as that same word, so reading the workbook back
gives the same records (tests/test_convert.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from checker.load.tabular import REGENCY, Shape, columns, shapes
from checker.model import COLLECTIONS

# the sheet each collection is written to (any name of tabular.SHEET_NAMES reads back)
SHEET_TITLES: dict[str, str] = {
    REGENCY: "Kabupaten",
    "opds": "Perangkat Daerah",
    "units": "Unit Kerja",
    "positions": "Jabatan",
    "employees": "Pegawai",
    "placements": "Kedudukan",
    "delegations": "Pelimpahan",
    "designations": "Penetapan",
    "targets": "Sasaran",
    "teams": "Tim Kerja",
    "assignments": "Penugasan",
    "letters": "Surat",
    "reports": "Laporan",
}
TEXT_FORMAT = "@"  # Excel's Text number format: what is typed stays as typed (an 18-digit NIP)


class Unwritable(ValueError):
    """A value the flat form cannot hold exactly (it would not read back the same)."""


def cell_text(value: Any, shape: Shape) -> str:
    """One value as the text of its cell."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict) and shape.kind == "party" and set(value) <= {"instansi", "role"}:
        text = Shape("text")
        return f"{cell_text(value.get('instansi'), text)}/{cell_text(value.get('role'), text)}"
    if isinstance(value, list) and shape.kind == "list":
        items = [cell_text(v, shape.item or Shape("text")) for v in value]
        if any(";" in i or not i for i in items):
            raise Unwritable(f"a list item holds ';' or is empty: {value!r}")
        return "; ".join(items) if items else "[]"
    if isinstance(value, dict | list):
        raise Unwritable(f"a nested value the flat form has no column for: {value!r}")
    text = str(value)
    if text in ("true", "false", "null", "~") or text != text.strip() or not text:
        raise Unwritable(f"text that would read back as something else: {text!r}")
    return text


def flatten(kind: str, data: dict[str, Any]) -> list[dict[str, str]]:
    """A record as its row (column path -> text) and the continuation rows of its lists of objects."""
    top = shapes(kind)
    rows: list[dict[str, str]] = [{}]
    for key, value in data.items():
        shape = top.get(key, Shape("text"))
        if (
            shape.kind == "rows"
            and value
            and isinstance(value, list)
            and all(isinstance(v, dict) for v in value)
        ):
            for i, item in enumerate(value):
                while len(rows) <= i:
                    rows.append({})
                _put(rows[i], f"{key}.", item, shape.fields)
        else:
            _put_value(rows[0], key, value, shape)
    return rows


def _put(row: dict[str, str], prefix: str, data: dict[str, Any], fields: dict[str, Shape]) -> None:
    for key, value in data.items():
        _put_value(row, prefix + key, value, fields.get(key, Shape("text")))


def _put_value(row: dict[str, str], path: str, value: Any, shape: Shape) -> None:
    if shape.kind == "object" and isinstance(value, dict) and value:
        _put(row, path + ".", value, shape.fields)
    else:
        row[path] = cell_text(value, shape)


def table(kind: str, records: Iterable[dict[str, Any]]) -> tuple[list[str], list[dict[str, str]]]:
    """The header (schema order, then any other column) and the rows of a collection."""
    rows = [row for data in records for row in flatten(kind, data)]
    used = {path for row in rows for path in row}
    order = [p for p in ("id", *columns(kind), *_row_columns(kind)) if p in used]
    header = list(dict.fromkeys([*order, *sorted(used - set(order))]))
    return header, rows


def _row_columns(kind: str) -> list[str]:
    return [f"{k}.{f}" for k, s in shapes(kind).items() if s.kind == "rows" for f in s.fields]


def workbook(header: dict[str, Any] | None, records: dict[str, Sequence[dict[str, Any]]]) -> Any:
    """An openpyxl workbook: a sheet per collection that has records, every cell text (Text format).
    Written as Excel writes one (shared strings, the sheet's dimension), not in openpyxl's
    write-only mode, whose inline strings take four times as long to read."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    if header is not None:
        _sheet(wb, REGENCY, [header])
    for kind in COLLECTIONS:
        if records.get(kind):
            _sheet(wb, kind, records[kind])
    return wb


def _sheet(wb: Any, kind: str, records: Sequence[dict[str, Any]]) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(SHEET_TITLES[kind])
    head, rows = table(kind, records)
    ws.append(head)
    for row in rows:
        ws.append([row.get(path) for path in head])
    for col in range(1, len(head) + 1):  # what is typed later stays text too
        ws.column_dimensions[get_column_letter(col)].number_format = TEXT_FORMAT
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.number_format = TEXT_FORMAT


def template() -> Any:
    """An empty workbook from the JSON Schemas: a sheet per collection (and the regency's), every
    column with its description as the header cell's comment, drop-down lists for enumerations
    (kept on a hidden `_lists` sheet, which the reader skips), NIP and date columns formatted as
    Text so that what is typed stays as typed."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    lists = wb.create_sheet("_lists")
    lists.sheet_state = "hidden"
    enums: dict[tuple[str, ...], str] = {}
    for kind in (REGENCY, *COLLECTIONS):
        ws = wb.create_sheet(SHEET_TITLES[kind])
        ws.freeze_panes = "A2"
        leaves = {p: s for p, s in columns(kind).items() if s.kind != "object"}
        rows = {p: s for k, s in shapes(kind).items() if s.kind == "rows" for p, s in _prefixed(k, s.fields)}
        for col, (path, shape) in enumerate({**leaves, **rows}.items(), 1):
            cell = ws.cell(1, col, path)
            cell.font = Font(bold=True)
            cell.comment = Comment(_describe(shape, path in rows), "sistemkerja")
            letter = get_column_letter(col)
            ws.column_dimensions[letter].width = max(12, len(path) + 4)
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
            if shape.enum:
                if shape.enum not in enums:
                    at = get_column_letter(len(enums) + 1)
                    for i, value in enumerate(shape.enum, 1):
                        lists.cell(i, len(enums) + 1, value)
                    enums[shape.enum] = f"{quote_sheetname('_lists')}!${at}$1:${at}${len(shape.enum)}"
                check = DataValidation(type="list", formula1=enums[shape.enum], allow_blank=True)
                check.error = "; ".join(shape.enum)
                ws.add_data_validation(check)
                check.add(f"{letter}2:{letter}10000")
    return wb


def _prefixed(key: str, fields: dict[str, Shape]) -> list[tuple[str, Shape]]:
    return [(f"{key}.{k}", s) for k, s in fields.items()]


def _describe(shape: Shape, one_per_row: bool) -> str:
    how = {
        "date": "A date: YYYY-MM-DD, dd/mm/yyyy or a date cell.",
        "nip": "18 digits, typed as text (a number keeps only 15 digits).",
        "list": "Several values separated by ';'.",
        "party": "An employee id, or instansi/role for another agency's office.",
    }.get(shape.kind, "")
    rows = "One item per row: the record's next rows leave id empty." if one_per_row else ""
    return " ".join(t for t in (shape.description, how, rows) if t)
