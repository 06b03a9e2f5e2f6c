"""A table's rows into records (checker.load.tabular holds the names, shapes and value typing they
use): the header row matched to the schema's columns, each row below one record with every value at
its cell, the rows that continue a list (a team's members), and what a row gets wrong as a problem
at its cell."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.load.source import said
from checker.load.tabular import (
    ALIASES,
    REGENCY,
    CellError,
    Options,
    Shape,
    column_path,
    columns,
    normalize,
    problem,
    rows_field,
    typed,
)
from checker.model import Location, Problem, Record, Regency, pack

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
