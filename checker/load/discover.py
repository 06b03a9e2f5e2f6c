"""Which files a command reads: every path rule in one place.

Paths are resolved once: each real file is read once, however it was named (absolute and relative,
through a symlink, with `a/../`), under the first spelling given. A folder is searched recursively
for data files (`*.yaml`, `*.yml`, `*.json`, `*.xlsx`, `*.csv`, any case); hidden files and folders
(`.git`, `.github`, a cache) are not data. What a folder holds besides is said, not silently passed
over. `waivers.yaml` beside the data, or a
file given with --waivers, is a waivers file, never data.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".xlsx", ".csv")  # one sheet or file per collection (checker.load.tabular)
# JSON: the same collections, as machine exports write them
DATA_SUFFIXES = (*YAML_SUFFIXES, ".json", *TABLE_SUFFIXES)
WAIVERS_NAMES = ("waivers.yaml", "waivers.yml")


class InputError(Exception):
    """The input could not be read at all (usage error, exit 2)."""


@dataclass
class Found:
    files: list[str] = field(default_factory=list)  # data and waivers files, sorted per path
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) in folders searched


def real(path: str) -> str:
    """One spelling per file: the key under which a file is read once."""
    return os.path.normcase(os.path.realpath(path))


def find(paths: Sequence[str]) -> Found:
    """Expand files and folders into YAML files (each real file once); raise InputError for a path
    that is missing, not a regular file, or a folder without YAML."""
    found = Found()
    seen: set[str] = set()
    for raw in paths:
        for name in _expand(raw, found.skipped):
            key = real(name)
            if key not in seen:
                seen.add(key)
                found.files.append(name)
    return found


def _expand(raw: str, skipped: list[tuple[str, str]]) -> list[str]:
    try:
        mode = os.stat(raw).st_mode
    except OSError:
        raise InputError(f"{raw}: no such file or directory") from None
    if stat.S_ISREG(mode):
        return [raw]
    if not stat.S_ISDIR(mode):
        raise InputError(f"{raw}: not a regular file or a directory (a pipe or a device cannot be read)")
    files: list[str] = []
    for path in sorted(_walk(Path(raw), skipped)):
        if path.name.startswith("~$"):
            skipped.append((str(path), "a spreadsheet program's lock file"))
        elif is_data(path.name):
            files.append(str(path))
        else:
            skipped.append((str(path), "not a data file: YAML, JSON, XLSX or CSV"))
    if not files:
        raise InputError(f"{raw}: no data files (*.yaml, *.yml, *.json, *.xlsx, *.csv) in this directory")
    return files


def _walk(folder: Path, skipped: list[tuple[str, str]]) -> list[Path]:
    """Regular files below `folder`, hidden entries left out; symlinked folders are not followed
    (a link loop, or a link out of the data, is never read)."""
    out: list[Path] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            out.extend(_walk(path, skipped))
        elif entry.is_file():
            out.append(path)
        else:
            skipped.append((str(path), "not a regular file"))
    return out


def is_data(name: str) -> bool:
    return name.lower().endswith(DATA_SUFFIXES)


def is_waivers_file(path: str) -> bool:
    return Path(path).name.lower() in WAIVERS_NAMES


def discover(paths: Sequence[str]) -> list[str]:
    """The YAML files under `paths`, waivers files included (see data_files)."""
    return find(paths).files


class DataFiles(tuple[str, ...]):
    """Data files already found (by `data_files` or `plan`): a run given these walks nothing again."""


def data_files(paths: Sequence[str], waiver_files: Sequence[str] = ()) -> DataFiles:
    """The regency data under `paths`: every YAML file but the waivers files, whether found by the
    default name or given with --waivers. Raises InputError when a path has none."""
    if isinstance(paths, DataFiles):
        return paths
    return _data(paths, discover(paths), waiver_files)


def _data(paths: Sequence[str], found: Sequence[str], waiver_files: Sequence[str]) -> DataFiles:
    explicit = {real(p) for p in waiver_files}
    files = DataFiles(f for f in found if not is_waivers_file(f) and real(f) not in explicit)
    if not files:
        raise InputError(f"{' '.join(paths)}: no data files (only waivers)")
    return files


def default_waivers(paths: Sequence[str]) -> list[str]:
    """`waivers.yaml` beside the data: in each folder given, or beside each file given; existing only."""
    found: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        folder = path if path.is_dir() else path.parent
        for name in WAIVERS_NAMES:
            candidate = folder / name
            if candidate.is_file():
                found.setdefault(real(str(candidate)), str(candidate))
                break
    return list(found.values())


# a `regency:` key at the top level: plain, or quoted; after a UTF-8 byte order mark on line 1
_HEADER = re.compile(rb"""(?m)^(?:\xef\xbb\xbf)?(?:regency|"regency"|'regency')[ \t]*:""")


@dataclass(frozen=True)
class Group:
    """One regency: the paths given for it and its data files."""

    paths: tuple[str, ...]
    files: DataFiles


@dataclass(frozen=True)
class Plan:
    """What a command reads, found in one walk of the paths given."""

    groups: tuple[Group, ...]
    skipped: tuple[tuple[str, str], ...]  # (path, why) in the folders searched
    inputs: tuple[str, ...]  # every file read, waivers included: no report may overwrite one


def plan(paths: Sequence[str], waiver_files: Sequence[str] = (), each: bool = False) -> Plan:
    """Walk `paths` once and group them into regencies. Paths merge into one regency (a base folder
    plus extra files), unless `each` or several of them carry their own `regency:` header: then each
    path is a regency of its own (`validate data/tanah-laut data/gianyar`). Raises InputError for a
    path that cannot be read. A header missed here is still caught: two headers in one regency are
    an error (data.duplicate-regency)."""
    walks = [find([p]) for p in paths]
    separate = each or (len(paths) > 1 and sum(any(map(_has_header, w.files)) for w in walks) > 1)
    if separate:
        pairs = zip(paths, walks, strict=True)
        groups = tuple(Group((p,), _data([p], w.files, waiver_files)) for p, w in pairs)
    else:
        merged = _merge(w.files for w in walks)
        groups = (Group(tuple(paths), _data(paths, merged, waiver_files)),)
    everything = _merge([*(w.files for w in walks), waiver_files, default_waivers(paths)])
    return Plan(groups, tuple(s for w in walks for s in w.skipped), tuple(everything))


def _merge(lists: Iterable[Sequence[str]]) -> list[str]:
    """The files of several walks, each real file once under its first spelling."""
    seen: set[str] = set()
    out: list[str] = []
    for files in lists:
        for name in files:
            if (key := real(name)) not in seen:
                seen.add(key)
                out.append(name)
    return out


def _has_header(name: str) -> bool:
    """Whether a file holds a regency header: a `regency:` key, a regency sheet of a workbook, a
    regency CSV file (by name). Reads bytes, or a workbook's sheet list, never the records."""
    lower = name.lower()
    if lower.endswith(TABLE_SUFFIXES):
        from checker.load.tabular import REGENCY, collection_of

        names = _sheet_names(name) if lower.endswith(".xlsx") else [Path(name).stem]
        return any(collection_of(n) == REGENCY for n in names)
    try:
        with open(name, "rb") as fh:
            return bool(_HEADER.search(fh.read()))
    except OSError:
        return False


_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"')
WORKBOOK_XML_LIMIT = 4 * 1024 * 1024  # a workbook's sheet list is a few KB; more is not read here


def _sheet_names(name: str) -> list[str]:
    """The sheet names a workbook lists (xl/workbook.xml); none when it cannot be read (the loader
    then reports it)."""
    import html
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(name) as book:
            info = book.getinfo("xl/workbook.xml")
            if info.file_size > WORKBOOK_XML_LIMIT:
                return []
            xml = book.read(info)
    except (
        OSError,
        KeyError,
        EOFError,
        NotImplementedError,
        zipfile.BadZipFile,
        RuntimeError,
        ValueError,
        zlib.error,
    ):
        return []
    return [html.unescape(m.decode("utf-8", "replace")) for m in _SHEET.findall(xml)]
