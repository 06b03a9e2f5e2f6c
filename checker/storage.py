"""Where the cache lives, how the tool reads a file it did not write itself, and how an entry of
the cache is framed, written and read back.

Standard library only: the replay of a warm check (checker.replay) uses these before anything
else of the checker is imported, and checker.cache uses the same ones, so both agree on the
folder, on what counts as a readable file and on what an intact entry is.
"""

from __future__ import annotations

import hashlib
import os
import stat

TYPE_CHECKING = False  # typing costs 2 ms of a replay: imported for the type checker only
if TYPE_CHECKING:
    from pathlib import Path

MAX_FILE_BYTES = 64 * 1024 * 1024  # one OPD's file; even a 5,000-teacher education office is ~4 MB
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def default_dir() -> Path:
    """$SISTEMKERJA_CACHE_DIR, else the user's cache directory: never inside the data checked."""
    from pathlib import Path

    return Path(default_folder())


def default_folder() -> str:
    """`default_dir` as a string, without pathlib (5 ms of a 40 ms replay)."""
    env = os.environ.get("SISTEMKERJA_CACHE_DIR")
    if env:
        return env
    from platformdirs import user_cache_dir

    return user_cache_dir("sistemkerja", appauthor=False)


def read_regular(path: str | Path, limit: int, follow: bool = False) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes; None for anything else (missing, a
    FIFO, a device, a folder, too large, a symbolic link unless `follow`). Never blocks: a FIFO is
    opened non-blocking and refused before any read."""
    flags = os.O_RDONLY | _NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        return _read_all(fd, min(st.st_size, limit) + 1, limit)
    except OSError:
        return None
    finally:
        os.close(fd)


def _read_all(fd: int, want: int, limit: int) -> bytes | None:
    """Up to EOF, or None past `limit`. The first read asks for the size fstat gave and one byte
    more, so a file read whole costs two reads; one that grew since is read on to its end."""
    parts: list[bytes] = []
    total = 0
    while chunk := os.read(fd, want):
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            return None
        want = 1 << 16
    return parts[0] if len(parts) == 1 else b"".join(parts)


def file_sha256(path: str | Path, limit: int = MAX_FILE_BYTES) -> str | None:
    """The sha256 of a regular file (see `read_regular`, links followed); None for anything else."""
    raw = read_regular(path, limit, follow=True)
    return None if raw is None else hashlib.sha256(raw).hexdigest()


def read_entry(path: str | Path, header: bytes, limit: int) -> bytes | None:
    """The payload of an entry `write_entry` wrote; None when there is none, or it is not a
    regular file, is too large, has another header (format) or a checksum that does not match."""
    blob = read_regular(path, limit)
    if blob is None or not blob.startswith(header):
        return None
    digest, payload = blob[len(header) : len(header) + 32], blob[len(header) + 32 :]
    return payload if hashlib.sha256(payload).digest() == digest else None


def write_entry(path: str | Path, header: bytes, payload: bytes) -> None:
    """`header`, the sha256 of `payload`, then `payload`, put in place whole (`replace_file`)."""
    replace_file(path, header + hashlib.sha256(payload).digest() + payload)


def replace_file(path: str | Path, blob: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over whatever is there (a folder
    in the way is removed first); the temporary file never outlives a failure. Raises OSError."""
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        if os.path.isdir(path) and not os.path.islink(path):
            import shutil

            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
