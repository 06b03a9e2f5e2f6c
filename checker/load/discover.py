"""Which files a command reads: every path rule in one place.

Paths are resolved once: each real file is read once, however it was named (absolute and relative,
through a symlink, with `a/../`), under the first spelling given. A folder is searched recursively
for `*.yaml`/`*.yml` (any case); hidden files and folders (`.git`, `.github`, a cache) are not data.
What a folder holds besides is said, not silently passed over. `waivers.yaml` beside the data, or a
file given with --waivers, is a waivers file, never data.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
DATA_SUFFIXES = (*YAML_SUFFIXES, ".json")  # JSON: the same collections, as machine exports write them
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
        if is_data(path.name):
            files.append(str(path))
        else:
            skipped.append((str(path), "not YAML or JSON"))
    if not files:
        raise InputError(f"{raw}: no data files (*.yaml, *.yml, *.json) in this directory")
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


def data_files(paths: Sequence[str], waiver_files: Sequence[str] = ()) -> list[str]:
    """The regency data under `paths`: every YAML file but the waivers files, whether found by the
    default name or given with --waivers. Raises InputError when a path has none."""
    explicit = {real(p) for p in waiver_files}
    files = [f for f in discover(paths) if not is_waivers_file(f) and real(f) not in explicit]
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


def group_paths(paths: Sequence[str]) -> list[tuple[str, ...]]:
    """Which paths form one regency. Paths merge into one regency (a base folder plus extra files),
    unless several of them carry their own `regency:` header: then each path is a regency of its own
    (`validate data/tanah-laut data/gianyar`). Reads bytes only; nothing is parsed twice. A header
    missed here is still caught: two headers in one regency are an error (data.duplicate-regency)."""
    if len(paths) < 2:
        return [tuple(paths)]
    with_header = 0
    for path in paths:
        try:
            files = discover([path])
        except InputError:
            return [tuple(paths)]  # let the real run report it
        if any(_has_header(f) for f in files):
            with_header += 1
    return [(p,) for p in paths] if with_header > 1 else [tuple(paths)]


def _has_header(name: str) -> bool:
    try:
        with open(name, "rb") as fh:
            return bool(_HEADER.search(fh.read()))
    except OSError:
        return False


def inputs(paths: Sequence[str], waiver_files: Sequence[str] = ()) -> list[str]:
    """Every file a run reads (data and waivers), for refusing an output path that names one."""
    try:
        found = discover(paths)
    except InputError:
        found = []  # the run itself reports it
    return [*found, *waiver_files, *default_waivers(paths)]
