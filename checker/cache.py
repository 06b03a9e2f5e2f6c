"""A content-hash cache of parsed and schema-checked files, and of whole check results.

Like ruff's or mypy's: a folder (default `.sistemkerja_cache/` in the working directory, or
$SISTEMKERJA_CACHE_DIR, or --cache-dir). Keys hash the file's name and bytes together with the
tool version and the schemas, so an upgrade or a schema edit never reuses stale entries. Writes go
to a temporary file then `os.replace`, so concurrent runs never see half an entry; an entry that
fails its checksum or does not unpickle is ignored and rewritten, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from checker.load import FileResult, gc_paused
from checker.model import project_dir

# bumped whenever the pickled shape of a FileResult or a result changes (2: slotted Record,
# field locations packed into ints; 3: field locations as a shared path tuple and an int array)
FORMAT = b"sistemkerja-cache-3\n"
_DIGEST = 32  # sha256 of the payload, stored in front of it


def default_dir() -> Path:
    return Path(os.environ.get("SISTEMKERJA_CACHE_DIR") or ".sistemkerja_cache")


@cache
def _salt() -> bytes:
    """What every key depends on besides the input: tool version, Python, and the schemas."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        tool = version("sistemkerja")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        tool = "dev"
    h = hashlib.sha256(FORMAT + tool.encode() + sys.version.encode())
    schemas = project_dir("schemas")
    for path in sorted(schemas.glob("*.json")):
        h.update(path.name.encode() + path.read_bytes())
    return h.digest()


class Cache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_dir()
        self.hits = 0
        self.misses = 0

    # --- FileCache protocol (checker.load) -------------------------------------------------------
    def key(self, name: str, raw: bytes) -> str:
        h = hashlib.sha256(_salt())
        h.update(name.encode() + b"\0")
        h.update(raw)
        return "f-" + h.hexdigest()

    def get(self, key: str) -> Any | None:
        value = self._read(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value: FileResult | Any) -> None:
        self._write(key, value)

    # --- whole results ---------------------------------------------------------------------------
    def result_key(self, *parts: bytes | str) -> str:
        h = hashlib.sha256(_salt())
        for part in parts:
            h.update(part if isinstance(part, bytes) else part.encode())
            h.update(b"\0")
        return "r-" + h.hexdigest()

    # --- storage ---------------------------------------------------------------------------------
    def _path(self, key: str) -> Path:
        return self.root / key[2:4] / f"{key}.pickle"

    def _read(self, key: str) -> Any | None:
        try:
            blob = self._path(key).read_bytes()
        except OSError:
            return None
        head, digest, payload = (
            blob[: len(FORMAT)],
            blob[len(FORMAT) : len(FORMAT) + _DIGEST],
            blob[len(FORMAT) + _DIGEST :],
        )
        if head != FORMAT or hashlib.sha256(payload).digest() != digest:
            return None  # corrupt or foreign: recompute, and the put() that follows rewrites it
        try:
            with gc_paused():
                return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - any unpickling failure means the entry is unusable
            return None

    def _write(self, key: str, value: Any) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(FORMAT + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
            tag = self.root / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# sistemkerja cache\n")
        except OSError:
            pass  # a read-only or full disk only costs speed
