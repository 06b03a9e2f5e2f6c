"""Ground and solve a rule pack over the facts; read back violation, exception and uncheckable atoms."""

from __future__ import annotations

import collections
import contextlib
import os
import pickle
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeVar

if TYPE_CHECKING:  # imported where a run starts: importing this module (a cache hit) needs no clingo
    import clingo

from checker.solve.atoms import Atom, read_atom

T = TypeVar("T")

SHOW = "#show violation/3.\n#show exception/4.\n#show uncheckable/3.\n#show remedy/4.\n"


@dataclass
class SolveResult:
    atoms: list[Atom]
    messages: list[str] = field(default_factory=list)  # clingo warnings (undefined atoms, ...)
    stats: dict[str, float] = field(default_factory=dict)


def atom_order(atom: Atom) -> tuple[str, str, str, str, tuple[tuple[str, str], ...]]:
    """Shown atoms in a fixed order, whatever order clingo gives them in."""
    return (atom.rule_id, atom.record, atom.kind, atom.exception_id or atom.remedy or "", atom.evidence)


class EngineError(Exception):
    """The rule pack's ASP does not parse or ground (a defect in the pack: exit 2)."""


def solve(programs: list[str], facts: str, parameters: str = "") -> SolveResult:
    """Load the pack's ASP files, add facts as one block, ground once and solve once."""
    feed = FactFeed()
    feed.add(facts)
    feed.start_solving(programs, parameters)
    return feed.result()


class FactFeed:
    """One clingo run whose facts arrive in pieces while the caller goes on working.

    clingo parses fact text and grounds without holding the GIL, so a background thread hands it
    each piece as soon as it exists (a file's facts right after the file is parsed) while Python
    goes on parsing, validating and checking integrity on the other core. `start_solving` queues
    the pack and the final grounding; `result` waits for them. `close` abandons the run."""

    _DONE = None

    def __init__(self) -> None:
        import clingo

        messages: list[str] = []

        def log(code: clingo.MessageCode, message: str) -> None:
            messages.append(f"{code.name}: {message.strip()}")

        # the logger must not refer back to this object: a Control -> bound method -> FactFeed ->
        # Control cycle is freed only by the cyclic collector, which the pipeline's gc.freeze()
        # keeps away, so a batch worker kept every regency's ground program
        self.messages = messages
        self._ctl: clingo.Control | None = clingo.Control(["--warn=all"], logger=log, message_limit=1000)
        self._queue: queue.SimpleQueue[str | tuple[list[str], str] | None] = queue.SimpleQueue()
        self._outcome: SolveResult | BaseException | None = None
        self._loading = 0.0
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="sistemkerja-clingo", daemon=True)
        self._thread.start()

    def add(self, facts: str) -> None:
        self._queue.put(facts)

    def start_solving(self, programs: list[str], parameters: str = "") -> None:
        self._queue.put((programs, parameters))

    def close(self) -> None:
        """Stop without solving (the data turned out broken): skip what is still queued."""
        self._closed = True
        self._queue.put(self._DONE)

    def result(self) -> SolveResult:
        self._thread.join()
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        assert self._outcome is not None
        return self._outcome

    def _run(self) -> None:
        try:
            self._serve()
        finally:
            self._ctl = None  # the ground program goes as soon as its atoms are read

    def _serve(self) -> None:
        error: BaseException | None = None
        while True:
            item = self._queue.get()
            if item is self._DONE:
                return
            if isinstance(item, str):
                if error is None and not self._closed:
                    started = time.perf_counter()
                    try:
                        assert self._ctl is not None
                        self._ctl.add("base", [], item)
                    except RuntimeError as exc:
                        error = exc
                    self._loading += time.perf_counter() - started
                continue
            try:
                if error is not None:
                    raise error
                self._outcome = self._ground_and_solve(*item)
            except RuntimeError as exc:
                self._outcome = EngineError(
                    f"the rule pack could not be grounded: {one_line(self.messages, exc)}"
                )
            except BaseException as exc:  # noqa: BLE001 - handed to the thread that asks for the result
                self._outcome = exc
            return

    def _ground_and_solve(self, programs: list[str], parameters: str) -> SolveResult:
        ctl = self._ctl
        assert ctl is not None
        t0 = time.perf_counter()
        for path in programs:
            ctl.load(path)
        if parameters:
            ctl.add("base", [], parameters)
        ctl.add("base", [], SHOW)
        t1 = time.perf_counter()
        ctl.ground([("base", [])])
        t2 = time.perf_counter()
        atoms: list[Atom] = []
        with ctl.solve(yield_=True) as handle:
            model = next(iter(handle), None)  # rule packs are stratified: exactly one model
            if model is None:
                raise EngineError(_unsatisfiable(programs))
            for sym in model.symbols(shown=True):
                atom = read_atom(sym)
                if atom is not None:
                    atoms.append(atom)
        t3 = time.perf_counter()
        stats = {"load": self._loading + t1 - t0, "ground": t2 - t1, "solve": t3 - t2}
        atoms.sort(key=atom_order)
        return SolveResult(atoms, self.messages, stats)


def one_line(messages: list[str], exc: BaseException) -> str:
    """clingo's errors (each with its file:line:column) and their notes, on one line."""
    texts = [" ".join(m.split()).removeprefix("RuntimeError: ") for m in messages]
    errors = [t for t in texts if ": error:" in t]
    if not errors:
        return " ".join(str(exc).split())
    notes = [t for t in texts if ": note:" in t and ": error:" not in t]
    more = f" (and {len(errors) - 1} more error(s))" if len(errors) > 1 else ""
    return errors[0] + (f" ({notes[0]})" if notes else "") + more


def _unsatisfiable(programs: list[str]) -> str:
    """No model: a constraint of the pack rejects every answer on this data. Reporting "0 findings"
    would pass everything, so it is a defect of the pack, named by its folders (common ASP aside)."""
    common = os.path.dirname(programs[0]) if programs else ""
    folders = list(dict.fromkeys(os.path.dirname(p) for p in programs if os.path.dirname(p) != common))
    where = ", ".join(folders or [common])
    return (
        f"the rule pack has no answer on this data (unsatisfiable: an integrity constraint `:- ...` "
        f"rejects every model; packs report through violation/3, never by constraints): {where}"
    )


class Isolated(Generic[T]):
    """`fn(*args)` for each args in `calls`, each in a forked child process, at most `workers`
    at a time, the first ones started at once; iterating gives the results in the order of
    `calls`, and `close` stops what still runs.

    clingo interns every symbol in a table that lives as long as the process, so solving the
    parts of a large regency one after the other in one process keeps the symbols of them all.
    A child forked for each part grounds, returns its atoms and takes its symbols with it. The
    fork is a plain os.fork, so that it works inside a batch worker too (multiprocessing does not
    let its daemonic workers have children). Where fork is not available, `fn` runs here, as the
    results are asked for."""

    def __init__(self, fn: Callable[..., T], calls: Iterable[tuple[Any, ...]], workers: int = 1) -> None:
        self._fn = fn
        self._calls = iter(calls)
        self._workers = max(1, workers)
        self._running: collections.deque[tuple[int, int]] = collections.deque()  # (pid, read end)
        self._fork = hasattr(os, "fork")
        self._fill()

    def _fill(self) -> None:
        while (
            self._fork
            and len(self._running) < self._workers
            and (args := next(self._calls, None)) is not None
        ):
            from checker import parallel

            read, write = os.pipe()
            parent = os.getpid()
            with parallel.signals_blocked():  # no signal between the fork and the pid's bookkeeping
                pid = os.fork()
                if pid == 0:  # the child: never returns
                    try:
                        os.close(read)
                        parallel.child_init(parent)  # dies with this process, ignores Ctrl-C
                        parallel.unblock_signals()
                        _send_result(write, self._fn, args)
                    finally:
                        os._exit(70)
                os.close(write)  # the child holds the writing end: EOF here if it dies
                self._running.append((pid, read))

    def __iter__(self) -> Iterator[T]:
        if not self._fork:
            yield from (self._fn(*args) for args in self._calls)
            return
        try:
            while self._running:
                value = _receive(*self._running.popleft())
                self._fill()
                yield value
        finally:
            self.close()

    def close(self) -> None:
        self._calls = iter(())
        while self._running:  # abandoned: an error, bad data, or the caller stopped early
            pid, read = self._running.popleft()
            os.close(read)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _receive(pid: int, read: int) -> Any:
    try:
        with os.fdopen(read, "rb") as fh:
            payload = fh.read()
    except BaseException:  # interrupted while the child works: it is no longer in `_running`
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _, status = os.waitpid(pid, 0)  # after EOF: the child is leaving
    if not payload:
        code = os.waitstatus_to_exitcode(status)
        raise EngineError(f"the solver process ended without a result (exit code {code})")
    ok, value = pickle.loads(payload)
    if not ok:
        raise value
    return value


def _send_result(write: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> NoReturn:
    """In the forked child: run, send the pickled outcome, and leave without running the parent's
    exit handlers or flushing its buffers (they would write twice)."""
    code = 0
    try:
        try:
            outcome: tuple[bool, Any] = (True, fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
            outcome = (False, exc)
        try:
            payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
            payload = pickle.dumps((False, EngineError(f"the solver process failed: {exc!r}")))
        with os.fdopen(write, "wb") as fh:
            fh.write(payload)
    except BaseException:  # noqa: BLE001 - the parent sees no result and reports the exit code
        code = 70
    finally:
        os._exit(code)
