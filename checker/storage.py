"""Where the cache lives, and how the tool reads a file it did not write itself.

Standard library only: the replay of a warm check (checker.replay) uses both before anything else
of the checker is imported, and checker.cache uses the same two, so both agree on the folder and
on what counts as a readable file.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False  # typing costs 2 ms of a replay: imported for the type checker only
if TYPE_CHECKING:
    from pathlib import Path

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
