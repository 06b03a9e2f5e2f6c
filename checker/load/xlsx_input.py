"""Regency data as an .xlsx workbook: one sheet per collection (see checker.load.tabular for the
layout), every record and value located at its sheet and cell (`pegawai.xlsx:Pegawai!B12`).

Read with openpyxl in read-only mode with the values Excel saved (`data_only`): one pass over each
sheet's XML, through openpyxl's own sheet parser, so that what the cell grid hides is seen too:
a formula that has no saved value (it would read as an empty cell) and merged cells (only the
first holds the value). Hidden sheets are refused, sheets named `_...` (a template's lists) are
not read, any other sheet must name a collection.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from checker.load import table_rows, tabular
from checker.load.source import FileProblem
from checker.model import Problem, Regency

UNZIPPED_PER_BYTE = 4  # a workbook's parts may unzip to 4x the size limit of a text file (XML is wordy)


def read(
    raw: bytes,
    name: str,
    part: Regency,
    problems: list[Problem],
    mapping: Any = None,
    max_bytes: int = 64 << 20,
) -> None:
    """Fill `part` with the workbook's records; add what is wrong to `problems`. A workbook that
    openpyxl cannot read (not a zip, broken XML, a value of the wrong type anywhere in it) is one
    unreadable-input problem: whatever the bytes, no traceback."""
    from openpyxl import load_workbook  # imported only when a workbook is read

    _refuse_a_bomb(raw, name, max_bytes)
    found: list[Problem] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about parts it skips: not ours to print
            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                for ws in wb.worksheets:
                    table = _table(ws, name, found, mapping)
                    if table is not None:
                        table_rows.read_table(table, _rows(ws, table, found), part, found)
            finally:
                wb.close()
    except Exception as exc:  # noqa: BLE001 - hostile bytes reach openpyxl's every parser
        why = (str(exc).splitlines() or [""])[0][:120] or type(exc).__name__
        raise FileProblem(tabular.problem("unreadable", tabular.Location(name, 1, 1), why=why)) from None
    problems.extend(found)


def _refuse_a_bomb(raw: bytes, name: str, max_bytes: int) -> None:
    """A few kilobytes may unzip to gigabytes: refuse a workbook whose parts say they are larger
    than the limit (zipfile never unzips a part beyond the size it declares)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            total = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        why = (str(exc).splitlines() or [""])[0][:120] or type(exc).__name__
        raise FileProblem(tabular.problem("unreadable", tabular.Location(name, 1, 1), why=why)) from None
    if total > UNZIPPED_PER_BYTE * max_bytes:
        why = f"its parts unzip to {total:,} bytes, above {UNZIPPED_PER_BYTE * max_bytes:,}"
        raise FileProblem(tabular.problem("unreadable", tabular.Location(name, 1, 1), why=why))


def _table(ws: Any, name: str, problems: list[Problem], mapping: Any) -> table_rows.Table | None:
    """The table a sheet holds, or None (a `_` sheet, or a problem already said)."""
    title = str(ws.title)
    if title.startswith("_"):
        return None
    where = tabular.Location(name, 1, 1, title)
    if ws.sheet_state != "visible":
        problems.append(tabular.problem("hidden", where, sheet=title))
        return None
    if mapping is not None:
        return mapping.table(name, title, where, problems)  # type: ignore[no-any-return]
    kind = tabular.collection_of(title)
    if kind is None:
        hint = table_rows.did_you_mean(title, tabular.SHEET_NAMES)
        problems.append(tabular.problem("unknown-sheet", where, sheet=title, hint=hint))
        return None
    return table_rows.Table(name, title, kind)


def _rows(ws: Any, table: table_rows.Table, problems: list[Problem]) -> Iterator[table_rows.Row]:
    """The sheet's rows as (row, [(column, value)]), non-empty cells only; merged cells and
    formulas without a saved value are problems at their cells."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["data_type"] = "formula-no-value"
            return cell

    wb = ws.parent
    with ws._get_source() as src:
        parser = Parser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        last = 0
        for number, cells in parser.parse():
            for gap in range(last + 1, number):  # rows the file leaves out are empty rows
                yield gap, []
            last = number
            row = []
            for cell in cells:
                if cell["data_type"] == "formula-no-value":
                    problems.append(tabular.problem("formula-no-value", table.at(number, cell["column"])))
                elif cell["data_type"] == "e":  # #REF!, #VALUE!: an error is not data
                    row.append((cell["column"], _ErrorValue(cell["value"])))
                elif cell["value"] is not None:
                    row.append((cell["column"], cell["value"]))
            yield number, row
        for merged in getattr(parser.merged_cells, "mergeCell", None) or ():
            _merged(str(merged.ref), table, problems)


class _ErrorValue(str):
    """An error value (`#REF!`): text, so the schema says where it does not belong."""


def _merged(ref: str, table: table_rows.Table, problems: list[Problem]) -> None:
    from openpyxl.utils.cell import range_boundaries

    try:
        min_col, min_row, _, _ = range_boundaries(ref)
    except (ValueError, TypeError):
        min_col, min_row = 1, 1
    problems.append(tabular.problem("merged", table.at(min_row or 1, min_col or 1), range=ref))
