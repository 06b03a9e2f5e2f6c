"""A warm `check` answered before the checker loads: the outputs of the same run, replayed.

A warm 10k-staff check took 0.12 s where reading and hashing its files takes 0.03 s: the rest was
importing click and the commands, decoding the cached findings and rendering them again. So a
`check` that ends with 0 or 1, using the cache in its default folder, leaves a *replay entry*:
its exit code, the bytes it wrote to stdout and stderr and to each report file, and every input
it consulted, each with its digest (a *probe*). The next run in the same *situation* — the same
command line, working folder, environment, date, terminals, tool, Python — re-reads each probe and,
when every one matches, writes the same bytes and exits with the same code, without importing
anything but the standard library.

Which inputs a run consulted is observed, not listed by hand: while a run records, an audit hook
(PEP 578) sees every file it opens and every folder it lists, and each becomes a probe, hashed when
opened and again at the end (an edit during the run spoils the entry). What an audit hook cannot
see is added explicitly: the folders whose contents were only tested with `stat` (the working
folder and its parents, where the configuration file is looked for; the folder of each file
given, where `waivers.yaml` is looked for), the real path of each argument (a moved link changes
the names in a report), the checker's own source files, and the listing of every folder on
sys.path (an installed or upgraded package). A run that starts a process, changes folder, shows
progress, or opens something the hook cannot name records nothing.

Trust: like every cache entry, whoever can write the cache folder can decide the report
(docs/trust-model.md). A replay entry cannot make the tool write anywhere else: each report file
it names must be one the command line names (`--format NAME:FILE`, `-o FILE`), else it is a miss.
Anything odd about an entry — not a regular file, a bad checksum, the wrong shape — is a miss; the
full run then records a new one. A miss costs about 5 ms.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import time
from _thread import get_ident

from checker.storage import default_folder, file_sha256, read_entry, read_regular, write_entry

TYPE_CHECKING = False  # typing costs 2 ms of a replay: imported for the type checker only
if TYPE_CHECKING:
    from typing import Any

FORMAT = b"sistemkerja-replay-1\n"
MAX_ENTRY_BYTES = 256 * 1024 * 1024
# audit events of a run this hook cannot follow: another process reads what it likes
_PROCESS_EVENTS = frozenset(
    {
        "os.fork",
        "os.forkpty",
        "os.posix_spawn",
        "os.spawn",
        "os.exec",
        "os.system",
        "subprocess.Popen",
        "socket.connect",  # a fork server's, or a Dask cluster's, workers are not this process's
    }
)
_WATCHED = frozenset({"open", "os.listdir", "os.scandir", "os.chdir", *_PROCESS_EVENTS})
_ACCMODE = getattr(os, "O_ACCMODE", 3)  # not defined on Windows, where the modes are the same bits
_CODE_SUFFIXES = (".py", ".pyc", ".so", ".pyd", ".pth")


# --- the situation and the probes --------------------------------------------------------------
def situation(argv: list[str]) -> str:
    """The key of a replay entry: everything a run may depend on that is not a file."""
    from checker import __version__

    ttys = [os.isatty(fd) for fd in (0, 1, 2)]
    sizes = [os.get_terminal_size(fd)[:] if ttys[fd] else None for fd in (1, 2)]
    facts = [
        FORMAT.decode(),
        __version__,
        sys.version,
        sys.executable,
        argv,
        os.getcwd(),
        sorted(os.environ.items()),
        time.strftime("%Y-%m-%d"),  # a check without --as-of is as of today
        ttys,
        sizes,
    ]
    return "p-" + hashlib.sha256(json.dumps(facts).encode()).hexdigest()


def folder_digest(path: str) -> str | None:
    """A folder's entries: each name with its kind (and a link's target), sorted."""
    h = hashlib.sha256()
    try:
        with os.scandir(path) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_symlink():
                    kind = "l" + os.readlink(entry.path)
                else:
                    kind = "d" if entry.is_dir(follow_symlinks=False) else "f" if entry.is_file() else "o"
                h.update(f"{entry.name}\0{kind}\n".encode(errors="surrogateescape"))
    except OSError:
        return None
    return h.hexdigest()


def real_path(path: str) -> str:
    return os.path.realpath(path)


# a file's probe: its sha256 within the loader's limit (a larger data file never ran clean)
PROBES = {"f": file_sha256, "d": folder_digest, "r": real_path}


def holds(probes: list[list[str | None]]) -> bool:
    return all(PROBES[kind](path) == value for kind, path, value in probes)  # type: ignore[index,arg-type]


# --- serving -----------------------------------------------------------------------------------
def serve(argv: list[str], key: str) -> int | None:
    """Replay the run `argv` describes in situation `key`, or None when there is nothing to
    replay (a miss)."""
    entry = _entry(os.path.join(default_folder(), "replay"), key, argv)
    if entry is None or not holds(entry["probes"]):
        return None
    try:
        for path, data in entry["files"]:
            with open(path, "wb") as fh:
                fh.write(data)
    except OSError:
        return None  # the full run says why it cannot write the report
    for fd, data in entry["writes"]:  # in the run's order: `2>&1` interleaves them as it did
        if not _write_all(fd, data) and fd == 1:
            return 141  # stdout's reader went away, as in checker.cli.run
    return int(entry["code"])


def _eligible(argv: list[str]) -> bool:
    if not argv or argv[0] != "check" or "_SISTEMKERJA_COMPLETE" in os.environ:
        return False
    if "--no-cache" in argv or "-" in argv:
        return False
    try:
        os.fstat(1), os.fstat(2)
    except OSError:
        return False  # a closed stdout is the full run's error to report
    return True


def _write_all(fd: int, data: bytes) -> bool:
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except OSError:
        return False
    return True


def _entry(root: str, key: str, argv: list[str]) -> dict[str, Any] | None:
    payload = read_entry(os.path.join(root, key[2:4], f"{key}.json"), FORMAT, MAX_ENTRY_BYTES)
    if payload is None:
        return None
    try:
        return _decode(json.loads(payload), argv)
    except (ValueError, TypeError, KeyError):
        return None


def _decode(raw: Any, argv: list[str]) -> dict[str, Any] | None:
    """The entry with every shape checked; None when anything is off."""
    probes, files, writes, code = raw["probes"], raw["files"], raw["writes"], raw["code"]
    ok = (
        type(probes) is list
        and all(type(p) is list and len(p) == 3 and p[0] in PROBES and type(p[1]) is str for p in probes)
        and all(type(p[2]) is str or (p[2] is None and p[0] != "r") for p in probes)
        and type(files) is list
        and all(type(f) is list and len(f) == 2 and type(f[0]) is str and type(f[1]) is str for f in files)
        and type(writes) is list
        and all(type(w) is list and len(w) == 2 and w[0] in (1, 2) and type(w[1]) is str for w in writes)
        and type(code) is int
        and code in (0, 1)
    )
    if not ok:
        return None
    named = _named_outputs(argv)
    if any(os.path.abspath(path) not in named for path, _ in files):
        return None  # a report file the command line does not name is never written
    return {
        "probes": probes,
        "files": [(path, base64.b64decode(data, validate=True)) for path, data in files],
        "writes": [(fd, base64.b64decode(data, validate=True)) for fd, data in writes],
        "code": code,
    }


def _named_outputs(argv: list[str]) -> set[str]:
    """Every path a report could be written to by this command line: `--format NAME:FILE`,
    `--format=NAME:FILE`, `-o FILE`, `--output FILE`, `--output=FILE` and `-oFILE`."""
    out: set[str] = set()
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg in ("--format", "-o", "--output") and i + 1 < len(argv) else None
        if arg.startswith(("--format=", "--output=")):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-o") and len(arg) > 2 and not arg.startswith("--"):
            value = arg[2:]
        if value is None:
            continue
        out.add(os.path.abspath(value))
        if ":" in value:
            out.add(os.path.abspath(value.split(":", 1)[1]))
    return out


# --- recording ---------------------------------------------------------------------------------
class Recorder:
    """What one run reads, lists and writes, while it runs (see the module's docstring)."""

    def __init__(self, argv: list[str], key: str) -> None:
        self.argv, self.key = argv, key
        self.day = time.strftime("%Y-%m-%d")
        self.cwd = os.getcwd()
        self.writes: list[tuple[int, bytearray]] = []  # stdout (1) and stderr (2), in order
        self.read: dict[str, str | None] = {}  # file -> digest when first opened
        self.listed: dict[str, str | None] = {}  # folder -> digest when first listed
        self.written: set[str] = set()
        self.spoiled = ""  # why this run cannot be replayed
        self.root: str | None = None  # the cache folder, once the run says it used the default one
        self._busy: set[int] = set()  # threads inside the hook: hashing opens files too

    def spoil(self, why: str) -> None:
        self.spoiled = self.spoiled or why

    def tee(self, fd: int, data: bytes) -> None:
        if self.writes and self.writes[-1][0] == fd:
            self.writes[-1][1].extend(data)
        else:
            self.writes.append((fd, bytearray(data)))

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        thread = get_ident()  # per thread: another thread's open while this one hashes is seen
        if thread in self._busy or self.spoiled:
            return
        self._busy.add(thread)
        try:
            self._observe(event, args)
        except Exception as exc:  # noqa: BLE001 - the hook must never break the run it watches
            self.spoil(f"an event it could not follow: {event} ({exc})")
        finally:
            self._busy.discard(thread)

    def _observe(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            path, mode, flags = args
            if isinstance(path, int):
                return None  # os.fdopen of a descriptor whose os.open was seen (stdin is never read)
            name = self._absolute(path)
            if _writes(mode, flags):
                self.written.add(name)
            if _reads(mode, flags) and name not in self.read:
                self.read[name] = file_sha256(name)
        elif event in ("os.listdir", "os.scandir"):
            path = args[0] if args[0] is not None else "."
            if isinstance(path, int):
                return self.spoil("a folder listed by descriptor")
            name = self._absolute(path)
            self.listed.setdefault(name, folder_digest(name))
        elif event in _PROCESS_EVENTS:
            self.spoil("another process")
        elif event == "os.chdir":
            self.spoil("a change of folder")
        return None

    def _absolute(self, path: Any) -> str:
        return os.path.join(self.cwd, os.fsdecode(path))

    # --- the entry ---
    def finish(self, code: int) -> None:
        """Store the entry, when this run may be replayed."""
        if self.spoiled or self.root is None or code not in (0, 1) or time.strftime("%Y-%m-%d") != self.day:
            return
        if _had_children():
            return  # a process this hook did not see start (spawned without an audited event)
        self._busy.add(get_ident())
        probes = self._probes()
        if probes is None:
            return
        files = self._outputs()
        if files is None:
            return
        payload = json.dumps(
            {
                "probes": probes,
                "files": files,
                "writes": [[fd, base64.b64encode(bytes(data)).decode()] for fd, data in self.writes],
                "code": code,
            }
        ).encode()
        _store(os.path.join(self.root, "replay", self.key[2:4], f"{self.key}.json"), payload)

    def _probes(self) -> list[list[str | None]] | None:
        """Every input, its digest now equal to its digest when the run consulted it; None when
        one changed during the run."""
        skip = self._derived()
        probes: list[list[str | None]] = []
        for kind, seen in (("f", self.read), ("d", self.listed)):
            for name, value in seen.items():
                if name in skip or _is_code(name):
                    continue
                if name in self.written or PROBES[kind](name) != value:
                    return None  # written or edited while the run read it
                probes.append([kind, name, value])
        probes += self._unseen()
        return probes

    def _derived(self) -> set[str]:
        """What the run reads that is its own making: the cache's entries."""
        root = str(self.root)
        return {n for n in (*self.read, *self.listed) if n == root or n.startswith(root + os.sep)}

    def _unseen(self) -> list[list[str | None]]:
        """Inputs the audit hook cannot see: stat-only lookups, real paths, the code, the packages."""
        folders = _ancestors(self.cwd)
        folders += [os.path.dirname(self._absolute(a)) for a in self.argv[1:] if os.path.isfile(a)]
        folders += [p for p in sys.path if p and os.path.isdir(p)]
        probes: list[list[str | None]] = [["d", f, folder_digest(f)] for f in dict.fromkeys(folders)]
        probes += [["r", a, real_path(a)] for a in self.argv[1:] if os.path.lexists(a)]
        probes += [["f", f, file_sha256(f)] for f in _code_files()]
        return probes

    def _outputs(self) -> list[list[str]] | None:
        """The report files the run wrote, as they are now; None when one is gone or unnamed."""
        named = _named_outputs(self.argv)
        root = str(self.root)
        files: list[list[str]] = []
        for name in sorted(self.written):
            if name.startswith(root + os.sep):
                continue  # cache entries
            raw = read_regular(name, MAX_ENTRY_BYTES)
            if raw is None or os.path.abspath(name) not in named:
                return None
            files.append([name, base64.b64encode(raw).decode()])
        return files


def _had_children() -> bool:
    try:
        import resource
    except ImportError:  # Windows: processes start through audited calls only
        return False
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss > 0


def _reads(mode: Any, flags: int) -> bool:
    if isinstance(mode, str):
        return "r" in mode or "+" in mode
    return flags & _ACCMODE in (os.O_RDONLY, os.O_RDWR)


def _writes(mode: Any, flags: int) -> bool:
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return flags & _ACCMODE in (os.O_WRONLY, os.O_RDWR)


def _is_code(name: str) -> bool:
    """Python's own modules and the checker's: covered by the sys.path listings and _code_files."""
    return name.endswith(_CODE_SUFFIXES)


def _code_files() -> list[str]:
    """The checker's own files (its modules, templates, ...): an edited checker is another tool."""
    package = os.path.dirname(os.path.abspath(__file__))
    out: list[str] = []
    for folder, subs, names in os.walk(package):
        subs[:] = sorted(s for s in subs if s != "__pycache__")
        out += [os.path.join(folder, n) for n in sorted(names)]
    return out


def _ancestors(folder: str) -> list[str]:
    out = [folder]
    while (up := os.path.dirname(out[-1])) != out[-1]:
        out.append(up)
    return out


def _store(path: str, payload: bytes) -> None:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_entry(path, FORMAT, payload)
    except OSError:
        pass  # a read-only or full disk only costs speed


# --- the console script ------------------------------------------------------------------------
RECORDER: Recorder | None = None


def entry() -> None:
    """`sistemkerja`: a replay when there is one, else the command line (which may record)."""
    global RECORDER
    argv = sys.argv[1:]
    if _eligible(argv):
        try:
            key = situation(argv)
            code = serve(argv, key)
        except Exception:  # noqa: BLE001 - e.g. a working folder deleted: the full run says what is wrong
            key, code = None, None
        if code is not None:
            os._exit(code)
        if key is not None:
            RECORDER = Recorder(argv, key)
            sys.addaudithook(_hook)
    from checker.cli import run

    run()


def _hook(event: str, args: tuple[Any, ...]) -> None:
    # called for every audited event: a cold 10k check raises 40,000 `builtins.id` alone
    if event in _WATCHED and RECORDER is not None:
        RECORDER.audit(event, args)
