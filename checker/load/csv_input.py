"""Regency data as CSV: one file per collection, named by it (`pegawai.csv`, `employees.csv`, or
`dinkes.pegawai.csv`: the last part of the name before `.csv`), laid out as a sheet of a workbook
(checker.load.tabular). A value is located at its line and its column's number (1-based).

The separator is `,`, or `;` when the header line has `;` and no `,` (Excel in an Indonesian
locale writes `;`). Every cell is text, so dates are read from `YYYY-MM-DD` or `dd/mm/yyyy`, and an
NIP Excel already turned into `1.98203E+17` is refused, as a numeric NIP cell is.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from checker.load import table_rows, tabular
from checker.load.source import said
from checker.model import Location, Problem, Regency

csv.field_size_limit(1 << 24)  # one cell may be long (a list of applications), never unbounded


def kind_of(name: str) -> str | None:
    stem = PurePath(name).name.rsplit(".", 1)[0]
    return tabular.collection_of(stem.rsplit(".", 1)[-1])


def read(text: str, name: str, part: Regency, problems: list[Problem], mapping: Any = None) -> None:
    """Fill `part` with the file's records; add what is wrong to `problems`."""
    if mapping is not None:
        table = mapping.table(name, "", Location(name, 1, 1), problems)
    else:
        table = _table(name, problems)
    if table is None:
        return
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    table_rows.read_table(table, _rows(text, delimiter, name, problems), part, problems)


def _table(name: str, problems: list[Problem]) -> table_rows.Table | None:
    kind = kind_of(name)
    if kind is None:
        stem = PurePath(name).name.rsplit(".", 1)[0]
        hint = table_rows.did_you_mean(stem, tabular.SHEET_NAMES)
        problems.append(tabular.problem("unknown-table", Location(name, 1, 1), name=stem, hint=hint))
        return None
    return table_rows.Table(name, "", kind)


def _rows(text: str, delimiter: str, name: str, problems: list[Problem]) -> Iterator[table_rows.Row]:
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    line = 1
    try:
        for cells in reader:
            yield line, [(col, value) for col, value in enumerate(cells, 1) if value != ""]
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(said("csv.syntax", "problem.read.csv-syntax", Location(name, line, 1), detail=exc))
