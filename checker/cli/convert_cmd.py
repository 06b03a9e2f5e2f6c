from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from checker.cli.common import EXIT_FINDINGS, fail, note_skipped, quiet_option, say
from checker.model import COLLECTIONS, place_records

EXIT_HELP = """\b
Exit codes:
  0  converted
  1  the input has data problems (printed, as by `validate`); nothing was written
  2  the input could not be read, or a usage error (an output that exists, or is an input)
"""


@click.command(epilog=EXIT_HELP)
@quiet_option
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="PATH",
    help="YAML: a folder, one file per OPD. xlsx: FILE.xlsx (one workbook), or a folder (one per input).",
)
@click.option(
    "--to", "target", type=click.Choice(["yaml", "xlsx"]), help="Default: YAML from spreadsheets, xlsx else."
)
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False), help="How to read an export (YAML).")
@click.option(
    "--base",
    multiple=True,
    type=click.Path(exists=True),
    help="Regency data the mapping resolves names against (units, positions, employees); repeatable.",
)
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
def convert(
    paths: tuple[str, ...],
    output: str,
    target: str | None,
    mapping: str | None,
    base: tuple[str, ...],
    force: bool,
) -> None:
    """Convert regency data between spreadsheets (.xlsx, .csv) and the YAML layout.

    A workbook (or an export read through --mapping) becomes one YAML file per OPD, with the
    regency header in regency.yaml; YAML or JSON become workbooks laid out as `sistemkerja template`
    (one sheet per collection). Data with problems is not converted: fix it first.
    """
    from checker.load.discover import TABLE_SUFFIXES, InputError, find

    try:
        found = find(paths)
    except InputError as exc:
        fail(str(exc))
    note_skipped(found.skipped)
    spreadsheets = all(f.lower().endswith(TABLE_SUFFIXES) for f in found.files)
    target = target or ("yaml" if spreadsheets else "xlsx")
    header, records, per_file = _load(found.files, mapping, base)
    if target == "yaml":
        written = _write_yaml(Path(output), header, records, _units(base), found.files, force)
    else:
        written = _write_xlsx(Path(output), header, records, per_file, found.files, force)
    say(f"{output}: {len(written)} file(s) written")


Data = dict[str, list[dict[str, Any]]]


def _load(
    files: Sequence[str], mapping: str | None, base: Sequence[str]
) -> tuple[dict[str, Any] | None, Data, dict[str, tuple[dict[str, Any] | None, Data]]]:
    """The records of `files` (the header, by collection, and by file); exit 1 on data problems."""
    from checker.load import load_file, merge
    from checker.model import Problem
    from checker.report.problems import render_problems

    if mapping is not None:
        from checker.load import mapping as mp

        try:
            results = mp.read_with(mapping, list(files), list(base))
        except mp.MappingError as exc:
            fail(str(exc))
    else:
        results = [load_file(f, schema=True) for f in files]
    loaded = merge(results)
    if loaded.problems:
        problems = sorted(loaded.problems, key=Problem.sort_key)
        sys.stderr.write(render_problems(problems))
        say(f"{len(problems)} data problem(s): nothing converted")
        sys.exit(EXIT_FINDINGS if not any(p.code.startswith("input.") for p in problems) else 2)
    per_file = {r.name: (r.header, _data(r)) for r in results}
    records = {kind: [r.data for r in loaded.regency.records[kind]] for kind in COLLECTIONS}
    return loaded.regency.regency, records, per_file


def _data(result: Any) -> Data:
    return {kind: [r.data for r in recs] for kind, recs in result.records.items()}


def _units(base: Sequence[str]) -> dict[str, str]:
    """The OPD of each unit of the --base data: records converted from an export name them."""
    if not base:
        return {}
    from checker.load import load_paths

    return {u.id: u.data["opd"] for u in load_paths(list(base)).regency.records["units"] if u.data.get("opd")}


def by_opd(records: Data, units: dict[str, str] | None = None) -> dict[str, Data]:
    """The records grouped by the OPD they belong to (model.OWNER_FIELDS); `unplaced` for the rest."""
    from checker.model import Location, Record

    wrapped = {
        kind: [Record(kind, d["id"], d, Location("-", 1, 1)) for d in recs] for kind, recs in records.items()
    }
    placed: dict[str, str] = dict(units or {}) | {o["id"]: o["id"] for o in records.get("opds", [])}
    placed |= {u["id"]: u["opd"] for u in records.get("units", []) if isinstance(u.get("opd"), str)}
    place_records(defaultdict(list, wrapped), placed)
    out: dict[str, Data] = defaultdict(lambda: defaultdict(list))
    for kind in COLLECTIONS:
        for data in records.get(kind, []):
            out[placed.get(data["id"], "unplaced")][kind].append(data)
    return out


def _targets(paths: list[Path], inputs: Sequence[str], force: bool) -> None:
    from checker.load.discover import real

    read = {real(p) for p in inputs}
    for path in paths:
        if real(str(path)) in read:
            fail(f"{path} is an input; refusing to write over it")
        if path.exists() and not force:
            fail(f"{path} exists; give --force to overwrite it")


def _write_yaml(
    folder: Path,
    header: dict[str, Any] | None,
    records: Data,
    units: dict[str, str],
    inputs: Sequence[str],
    force: bool,
) -> list[Path]:
    import yaml

    files: dict[Path, dict[str, Any]] = {}
    if header is not None:
        files[folder / "regency.yaml"] = {"regency": header}
    for opd, data in by_opd(records, units).items():
        files[folder / f"{opd}.yaml"] = {kind: data[kind] for kind in COLLECTIONS if data.get(kind)}
    _targets(list(files), inputs, force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, doc in files.items():
            text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110)
            path.write_text(
                f"# Converted by sistemkerja convert from {', '.join(inputs)}\n{text}", encoding="utf-8"
            )
    except OSError as exc:
        fail(f"cannot write {folder}: {exc.strerror or exc}")
    return list(files)


def _write_xlsx(
    out: Path,
    header: dict[str, Any] | None,
    records: Data,
    per_file: dict[str, tuple[dict[str, Any] | None, Data]],
    inputs: Sequence[str],
    force: bool,
) -> list[Path]:
    from checker.load import xlsx_output

    if out.suffix.lower() == ".xlsx":
        books = {out: (header, records)}
    else:
        books = {out / f"{Path(name).stem}.xlsx": content for name, content in per_file.items()}
        if len(books) != len(per_file):
            fail("two inputs have the same name; give one FILE.xlsx as the output")
    _targets(list(books), inputs, force)
    try:
        out.parent.mkdir(parents=True, exist_ok=True) if out.suffix else out.mkdir(
            parents=True, exist_ok=True
        )
        for path, (head, data) in books.items():
            xlsx_output.workbook(head, data).save(path)
    except xlsx_output.Unwritable as exc:
        fail(f"cannot convert: {exc}")
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")
    return list(books)
