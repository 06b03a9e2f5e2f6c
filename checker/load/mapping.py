"""Reading a real export (SIMPEG, SIASN, a bagian organisasi's own sheet) without editing it: a YAML
mapping says which table is which collection, which column is which field, and how the names in
some columns are resolved to ids.

    strip_spaces: true              # optional: trim spaces around values instead of refusing them
    tables:
      DATA PEGAWAI:                 # a sheet's name, or a CSV file's name without `.csv`
        collection: employees
        header_row: 3               # optional (1): the rows above it, an export's title, are not read
        id: {from: nip, prefix: e-} # optional: the id made from a field, when the export has none
        opd: tl-dinkes              # optional: the OPD of every record of the table (for names)
        columns:
          NIP BARU: nip
          NAMA: name
          JABATAN: position         # a title, resolved below
          UNIT ORGANISASI: unit     # a unit's name
          PERANGKAT DAERAH: _opd    # the OPD (name or id) of each row: names resolve within it
    resolve:                        # the fields that hold names, and what they name
      unit: {collection: units, by: name, within: opd}     # a unit by its name within its OPD
      position: {collection: positions, by: name}          # a position by its title (in the OPD, if known)
      assessor: {collection: employees, by: nip}           # an employee by NIP

Names are matched ignoring case and repeated spaces, against the records of the export and of
the regency data given with `--base`. An unknown or ambiguous name is a problem at its cell, with
the close names or the candidates. A mistake in the mapping itself is a usage error.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.load import FileResult, check_schema, load_paths
from checker.load.source import FileProblem, read_text
from checker.load.table_rows import Table, did_you_mean
from checker.load.tabular import Options, Text, columns, normalize, problem, read_raw
from checker.model import COLLECTIONS, Location, Problem, Record, Regency

BY = ("name", "nip", "id")


class MappingError(Exception):
    """The mapping file itself is wrong (a usage error)."""


@dataclass(frozen=True)
class Resolve:
    collection: str
    by: str  # name | nip | id
    within_opd: bool


@dataclass
class Mapping:
    tables: dict[str, dict[str, Any]]  # normalized table name -> its entry
    resolve: dict[str, Resolve] = field(default_factory=dict)
    options: Options = Options()

    def table(self, name: str, sheet: str, where: Location, problems: list[Problem]) -> Table | None:
        """The Table for a sheet (or a CSV file): None when the mapping does not name it."""
        key = normalize(sheet or Path(name).name.rsplit(".", 1)[0])
        entry = self.tables.get(key)
        if entry is None:
            return None  # an export's other sheets are not data
        source, prefix = entry.get("id_from") or (None, "")
        return Table(
            name,
            sheet,
            entry["collection"],
            self.options,
            mapped=entry["columns"],
            header_row=entry.get("header_row", 1),
            id_from=(source, prefix) if source else None,
            constants={"_opd": entry["opd"]} if entry.get("opd") else {},
        )


def load(path: str) -> Mapping:
    import yaml

    try:
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MappingError(f"{path}: cannot read the mapping: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("tables"), dict):
        raise MappingError(f"{path}: a mapping needs `tables:` (table name -> collection and columns)")
    tables = {normalize(str(name)): _table(path, str(name), entry) for name, entry in doc["tables"].items()}
    resolve = {str(k): _resolve(path, str(k), v) for k, v in (doc.get("resolve") or {}).items()}
    return Mapping(tables, resolve, Options(strip=doc.get("strip_spaces") is True))


def _table(path: str, name: str, entry: Any) -> dict[str, Any]:
    where = f"{path}: tables.{name}"
    if not isinstance(entry, dict) or entry.get("collection") not in COLLECTIONS:
        raise MappingError(f"{where}: `collection` must be one of {', '.join(COLLECTIONS)}")
    kind = entry["collection"]
    cols = entry.get("columns")
    if not isinstance(cols, dict) or not cols:
        raise MappingError(f"{where}: `columns` must map the export's column names to fields")
    known = columns(kind)
    mapped: dict[str, str] = {}
    for header, target in cols.items():
        target = str(target)
        if target not in known and target != "_opd":
            raise MappingError(
                f"{where}.columns: '{target}' is not a field of {kind}{did_you_mean(target, known)}"
            )
        mapped[normalize(str(header))] = target
    out: dict[str, Any] = {"collection": kind, "columns": mapped}
    row = entry.get("header_row", 1)
    if not isinstance(row, int) or isinstance(row, bool) or row < 1:
        raise MappingError(f"{where}: `header_row` must be a row number")
    out["header_row"] = row
    ident = entry.get("id")
    if ident is not None:
        if not isinstance(ident, dict) or str(ident.get("from")) not in mapped.values():
            raise MappingError(f"{where}: `id` must be {{from: <a mapped field>, prefix: <text>}}")
        out["id_from"] = (str(ident["from"]), str(ident.get("prefix") or ""))
    if entry.get("opd") is not None:
        out["opd"] = str(entry["opd"])
    return out


def _resolve(path: str, name: str, entry: Any) -> Resolve:
    if not isinstance(entry, dict) or entry.get("collection") not in COLLECTIONS or entry.get("by") not in BY:
        raise MappingError(f"{path}: resolve.{name} must be {{collection: <collection>, by: name|nip|id}}")
    return Resolve(entry["collection"], entry["by"], entry.get("within") == "opd")


def read_with(mapping_path: str, files: Sequence[str], base: Sequence[str]) -> list[FileResult]:
    """The export's files read through the mapping, names resolved, schema-checked."""
    mapping = load(mapping_path)
    results = [_read(name, mapping) for name in files]
    known = load_paths(list(base)).regency if base else Regency()
    index = _Index(known, [r for res in results for recs in res.records.values() for r in recs])
    for res in results:
        for recs in res.records.values():
            for rec in recs:
                _resolve_record(rec, mapping, index, res.problems)
        check_schema(res)
    return results


def _read(name: str, mapping: Mapping) -> FileResult:
    result = FileResult(name)
    part = Regency()
    try:
        if name.lower().endswith(".xlsx"):
            from checker.load import xlsx_input

            xlsx_input.read(read_raw(name, 64 << 20), name, part, result.problems, mapping)
        else:
            from checker.load import csv_input

            csv_input.read(read_text(name), name, part, result.problems, mapping)
    except FileProblem as exc:
        result.problems.append(exc.problem)
        return result
    result.records = {kind: recs for kind, recs in part.records.items() if recs}
    return result


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


class _Index:
    """Records by id, name and NIP, each with its OPD."""

    def __init__(self, known: Regency, read: list[Record]) -> None:
        records = [r for kind in COLLECTIONS for r in known.records[kind]] + read
        self.by_id = {r.id: r for r in records}
        unit_opd = {r.id: r.data.get("opd") for r in records if r.kind == "units"}
        self.opd: dict[str, Any] = {r.id: r.data.get("opd") for r in records if r.kind == "units"}
        for r in records:
            if r.kind in ("positions", "employees") and r.data.get("unit") in unit_opd:
                self.opd[r.id] = unit_opd[r.data["unit"]]
        self.names: dict[tuple[str, str, str], list[str]] = defaultdict(list)  # (kind, by, key) -> ids
        for r in records:
            for by in ("name", "nip"):
                value = r.data.get(by)
                if isinstance(value, str):
                    self.names[(r.kind, by, _key(value))].append(r.id)
            if r.kind == "opds":
                self.names[("opds", "id", _key(r.id))].append(r.id)

    def opd_of(self, value: Any) -> str | None:
        """An OPD given by id or by name (a `_opd` column, a table's `opd`)."""
        if not isinstance(value, str):
            return None
        if value in self.by_id and self.by_id[value].kind == "opds":
            return value
        found = self.names.get(("opds", "name", _key(value)), [])
        return found[0] if len(found) == 1 else None


def _resolve_record(rec: Record, mapping: Mapping, index: _Index, problems: list[Problem]) -> None:
    opd = index.opd_of(rec.data.pop("_opd", None))
    for fld, how in sorted(mapping.resolve.items(), key=lambda item: item[0] != "unit"):  # the unit first
        value = rec.data.get(fld)
        if not isinstance(value, str):
            continue
        target = index.by_id.get(value)
        if how.by == "id" or (target is not None and target.kind == how.collection):
            continue  # already an id
        ids = index.names.get((how.collection, how.by, _key(value)), [])
        if opd is not None and (how.within_opd or len(ids) > 1):
            ids = [i for i in ids if index.opd.get(i) == opd]
        unit = rec.data.get("unit") if fld != "unit" else None
        in_unit = [i for i in ids if index.by_id[i].data.get("unit") == unit] if len(ids) > 1 else []
        ids = in_unit or ids  # a title held in several units: the one in the row's unit
        if len(ids) == 1:
            rec.data[fld] = ids[0]
            if fld == "unit" and opd is None:
                opd = index.opd.get(ids[0])  # a unit found places the rest of the row
            continue
        what = Text(en=how.collection.removesuffix("s"), id=_ID_WHAT.get(how.collection, how.collection))
        where = rec.where(fld)
        if ids:
            problems.append(
                problem("ambiguous-name", where, name=value, what=what, candidates=", ".join(ids))
            )
        else:
            scope = sorted({k for (kind, by, k) in index.names if kind == how.collection and by == how.by})
            close = difflib.get_close_matches(_key(value), scope, n=3, cutoff=0.6)
            hint = f" — {' / '.join(close)}?" if close else ""
            problems.append(problem("unknown-name", where, name=value, what=what, hint=hint))


_ID_WHAT = {"units": "unit kerja", "positions": "jabatan", "employees": "pegawai", "opds": "perangkat daerah"}
