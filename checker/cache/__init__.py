"""A content-hash cache of parsed and schema-checked files, and of whole check results.

Like ruff's or mypy's, but outside the data: a folder in the user's cache directory
(`platformdirs.user_cache_dir("sistemkerja")`, e.g. ~/.cache/sistemkerja on Linux), or
$SISTEMKERJA_CACHE_DIR, or --cache-dir. Keys hash exactly the bytes that are parsed (see `pin`),
with the tool version and the schemas, so an edit, an upgrade or a schema edit never reuses a
stale entry. Entries are plain data (JSON, see checker.cache.codec): reading one never runs code,
and one of the wrong shape is a miss. Anything odd at an entry's path (a FIFO, a folder, a link,
a truncated or oversized file) is a miss and is replaced; a cache problem never stops a run.
See docs/trust-model.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from checker.cache import codec as codec
from checker.load import MAX_FILE_BYTES, FileResult, gc_paused
from checker.model import project_dir
from checker.storage import default_dir as default_dir
from checker.storage import file_sha256, read_entry, replace_file, write_entry
from checker.storage import read_regular as read_regular

# bumped whenever the layout of an entry changes (4: JSON, no longer pickle)
FORMAT = b"sistemkerja-cache-4\n"
MAX_ENTRY_BYTES = 8 * MAX_FILE_BYTES  # a file's entry is about twice its YAML; anything larger is foreign


@cache
def _salt() -> bytes:
    """What every key depends on besides the input: tool version, Python, and the schemas."""
    from checker import __version__

    h = hashlib.sha256(FORMAT + __version__.encode() + sys.version.encode())
    schemas = project_dir("schemas")
    for path in sorted(schemas.glob("*.json")):
        h.update(path.name.encode() + path.read_bytes())
    return h.digest()


def _key(prefix: str, parts: Iterable[str]) -> str:
    """`prefix` and the sha256 of the salt and of each part, each ended by a NUL."""
    h = hashlib.sha256(_salt())
    for part in parts:
        h.update(part.encode() + b"\0")
    return prefix + h.hexdigest()


def _joined(digests: dict[str, str]) -> Iterator[str]:
    return (f"{path}\0{digest}" for path, digest in digests.items())


def _unchanged(pack: Any, rules_dirs: Sequence[Path], digests: dict[str, str]) -> list[list[str]] | None:
    """The pack's files (`pack_files`) when each still has the digest a key was made with; None
    when one changed, or a pack folder is gone since (then nothing is cached)."""
    try:
        files = pack_files(pack, rules_dirs)
    except Exception:  # noqa: BLE001 - a pack folder gone since: just do not cache
        return None
    return files if all(digests.get(path) == digest for path, digest in files) else None


class Cache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_dir()
        self.hits = 0
        self.misses = 0
        self._pinned: dict[str, tuple[bytes, str]] = {}  # data file -> (bytes, key), see pin
        self.served: set[str] = set()  # the pinned files the loader took
        self._last: tuple[bytes, str] | None = None  # the pinned file the loader took last
        self._names: dict[str, str] = {}  # file key -> the file's name
        self._packs: dict[str, str] = {}  # rule-pack file -> sha256, when the result key was made
        self._rules_dirs: tuple[Path, ...] = ()  # --rules-dir, when the result key was made
        self._new_packs: list[tuple[str, Any, tuple[Path, ...], dict[str, str]]] = []  # to store

    # --- the data read once ----------------------------------------------------------------------
    def pin(self, names: Iterable[str], max_bytes: int = MAX_FILE_BYTES) -> dict[str, str] | None:
        """Read each data file once, for its key and for the loader (see `read`), so what is
        cached is keyed on exactly the bytes parsed. Returns each file's key, or None when one
        cannot be read as a regular file within `max_bytes` (the loader then reports why)."""
        keys: dict[str, str] = {}
        for name in names:
            raw = read_regular(name, max_bytes, follow=True)  # data may be linked; entries never
            if raw is None:
                return None
            keys[name] = self.key(name, raw)  # before it is pinned: hashed here
            self._pinned[name] = (raw, keys[name])
        return keys

    def read(self, name: str, max_bytes: int) -> bytes | None:
        """The bytes the loader parses: the pinned ones (given up here, so they are freed once
        parsed), else the file's, or None to let the loader say why it cannot be read."""
        pinned = self._pinned.pop(name, None)
        if pinned is not None and len(pinned[0]) <= max_bytes:
            self.served.add(name)
            self._last = pinned
            return pinned[0]
        return read_regular(name, max_bytes, follow=True)

    # --- FileCache protocol (checker.load) -------------------------------------------------------
    def key(self, name: str, raw: bytes) -> str:
        last, self._last = self._last, None
        if last is not None and last[0] is raw:  # the key `pin` made of these very bytes
            return last[1]
        h = hashlib.sha256(_salt())
        h.update(name.encode() + b"\0")
        h.update(raw)
        key = "f-" + h.hexdigest()
        self._names[key] = name
        return key

    def get(self, key: str) -> FileResult | None:
        name = self._names.get(key)  # an entry must be of the file its key was made for
        value = self._decoded(key, lambda payload: codec.decode_file(payload, name))
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value: FileResult) -> None:
        payload = codec.encode_file(value)
        if payload is not None:
            self._write(key, payload)

    # --- whole results ---------------------------------------------------------------------------
    def result_key(self, files: Sequence[str], *options: str, rules_dirs: Sequence[Path] = ()) -> str | None:
        """The key of a whole check: the bytes of the data files (pinned: the loader parses these
        very bytes), the content of every rule-pack file that could be used, and the options.
        None when a data file or a named pack cannot be read (the full run says why)."""
        keys = self.pin(files)
        if keys is None:
            return None
        regulation = options[0] if options else ""
        self._rules_dirs = tuple(rules_dirs)
        self._packs = pack_digests(regulation or None, self._rules_dirs)
        dirs = tuple(str(d) for d in self._rules_dirs)
        return _key("r-", (*options, *dirs, *(f"{n}\0{k}" for n, k in keys.items()), *_joined(self._packs)))

    def get_result(self, key: str) -> dict[str, Any] | None:
        """A whole check's result (see `put_result`) with its pack as it was loaded (`pack`), or
        None; a miss too when the pack's files are not those this key was made with. `result_key`
        hashed them, so the pack kept with the result is what those very bytes load into: it is
        neither read nor checked again (no YAML, no pack schema, no ASP parse on a hit)."""
        value = self._decoded(key, codec.decode_result)
        if value is None:
            return None
        pack = value.pop("pack_data")
        files = value["pack_files"]
        same = bool(files) and all(self._packs.get(path) == digest for path, digest in files)
        return dict(value, pack=pack) if same and pack.id == value["pack"] else None

    def put_result(self, key: str, loaded: Iterable[str], value: dict[str, Any]) -> None:
        """Cache a whole check's result: `pack` (the Pack), `as_of`, `regency_id`, `messages`,
        `findings`. Only when every file `loaded` was parsed from the bytes in its key and every
        file of the pack was read as it was when the key was made: an edit during the run would
        else store one version's result under another's key."""
        if not set(loaded) <= self.served:
            return
        pack = value["pack"]
        files = _unchanged(pack, self._rules_dirs, self._packs)
        if files is None:
            return
        payload = codec.encode_result(dict(value, pack=pack.id, pack_files=files, pack_data=pack))
        if payload is not None:
            self._write(key, payload)

    # --- loaded rule packs ------------------------------------------------------------------------
    def load_pack(self, pack_id: str, rules_dirs: Sequence[Path] = ()) -> Any:
        """The pack `checker.packs.load_pack` loads, kept as plain data under a key of the content
        of every pack file it could be read from. A check whose data changed then reads no pack
        YAML, no pack schema and no ASP: 0.25 s of a cold 10k check's critical path (imports
        included), against 20 ms to decode. Stored only when the files the pack was read from
        still hold what the key was made of."""
        from checker.packs import load_pack

        dirs = tuple(rules_dirs)
        digests = self._packs if dirs == self._rules_dirs and self._packs else pack_digests(pack_id, dirs)
        key = _key("k-", (pack_id, *map(str, dirs), *_joined(digests)))
        memo = _PACKS.get(key)
        if memo is not None:
            return memo
        pack = self._decoded(key, codec.decode_pack_entry)
        if pack is None or pack.id != pack_id:
            pack = load_pack(pack_id, dirs)
            self._new_packs.append((key, pack, dirs, digests))
        _PACKS[key] = pack
        return pack

    def store_packs(self) -> None:
        """Write the packs loaded by `load_pack` (25 ms each, done while clingo grounds): each only
        if the files it was read from still hold what its key was made of."""
        for key, pack, dirs, digests in self._new_packs:
            if _unchanged(pack, dirs, digests) is not None:
                payload = codec.encode_pack(pack)
                if payload is not None:
                    self._write(key, payload)
        self._new_packs.clear()

    # --- storage ---------------------------------------------------------------------------------
    def _path(self, key: str) -> Path:
        return self.root / key[2:4] / f"{key}.json"

    def _decoded(self, key: str, decode: Any) -> Any | None:
        payload = read_entry(self._path(key), FORMAT, MAX_ENTRY_BYTES)
        if payload is None:
            return None  # missing, corrupt or foreign: recompute, and the put() that follows rewrites it
        try:
            with gc_paused():
                return decode(payload)
        except codec.Invalid:
            return None  # the wrong shape: a miss, rewritten like a corrupt one

    def _write(self, key: str, payload: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_entry(path, FORMAT, payload)
            tag = self.root / "CACHEDIR.TAG"
            if not os.path.lexists(tag):
                replace_file(tag, b"Signature: 8a477f597d28d172789f06886806bc55\n# sistemkerja cache\n")
        except OSError:
            pass  # a read-only or full disk only costs speed


# packs by their cache key, for a process that checks many regencies (a batch worker): the key is
# made of every pack file's content, so a pack met again is the same pack
_PACKS: dict[str, Any] = {}

PACK_SUFFIXES = (".lp", ".yaml", ".yml")


def _digests(folder: Path) -> dict[str, str]:
    """sha256 of each rule-pack file in a pack folder (packs are flat: see checker.packs)."""
    out: dict[str, str] = {}
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return out
    for path in entries:
        if path.suffix in PACK_SUFFIXES:
            out[str(path)] = file_sha256(path) or ""
    return out


def pack_digests(regulation: str | None, rules_dirs: Sequence[Path] = ()) -> dict[str, str]:
    """Every file of every pack that a check could use: each pack folder on the search path, and
    the folder `regulation` names when it lies elsewhere (it may be a path)."""
    from checker.packs import PackError, find_pack, search_path

    roots = search_path(rules_dirs)
    folders = [pack for root in roots if root.is_dir() for pack in sorted(root.iterdir())]
    if regulation:
        with contextlib.suppress(PackError):  # the run reports it
            folders.append(find_pack(regulation, rules_dirs))
    out: dict[str, str] = {}
    for folder in folders:
        if folder.is_dir():
            out.update(_digests(folder))
    return out


def pack_files(pack: Any, rules_dirs: Sequence[Path] = ()) -> list[list[str]]:
    """[path, sha256] of each file in the folders a loaded pack was read from: its own, its
    bases' and the common programs' (as checker.packs.load_pack watches them)."""
    from checker.packs import find_pack

    folders = sorted({p.parent for p in pack.programs} | {find_pack(i, rules_dirs) for i in pack.lineage})
    return [[path, digest] for folder in folders for path, digest in _digests(folder).items()]
