"""Worker processes that die with the process that started them, and the signals that stop a run.

Three mechanisms start children: the parse pool (load.load_files), the batch pool (batch._run) and
the part solvers (engine.Isolated). Each child calls `child_init` first: on Linux the kernel then
kills it when its parent dies, however the parent dies (SIGKILL included), and a child whose parent
died before it got that far leaves at once. In the parent, `install_handlers` turns SIGINT and
SIGTERM into `Interrupted`, so the pools' cleanup (terminate, kill) runs on the way out.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # multiprocessing and ctypes are imported where a child is started: a warm run starts none
    from multiprocessing.context import BaseContext

PR_SET_PDEATHSIG = 1  # linux/prctl.h
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_installed_in: int | None = None  # the pid whose handlers raise Interrupted
_stopping = False
WATCH_SECONDS = 0.2  # how often a pool worker that cannot rely on PR_SET_PDEATHSIG looks for its parent


class Interrupted(BaseException):
    """SIGINT or SIGTERM in the parent. A BaseException, like KeyboardInterrupt, so no `except
    Exception` swallows it; not a KeyboardInterrupt, so click does not turn it into exit 1."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM


def _raise(signum: int, frame: Any) -> None:
    if os.getpid() != _installed_in:  # a forked child before its child_init: act as it will
        if signum == signal.SIGTERM:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
        return
    global _stopping
    if _stopping:  # a second signal while the first one's cleanup runs: leave now (children
        os._exit(128 + signum)  # on Linux die with this process)
    _stopping = True
    raise Interrupted(signum)


def install_handlers() -> None:
    """In the command's process: SIGINT and SIGTERM raise Interrupted in the main thread."""
    global _installed_in
    _installed_in = os.getpid()
    for sig in _STOP_SIGNALS:
        signal.signal(sig, _raise)


def child_init(parent: int, watch: bool = False) -> None:
    """First thing in a worker process forked by `parent` (its pid, taken before the fork).

    SIGINT is ignored: Ctrl-C reaches the whole process group, and the parent alone reports it
    and stops its children. SIGTERM is the default again (the parent terminates its pools with
    it). On Linux the child asks for SIGKILL when its parent dies; if the parent died before
    that request, the child was already handed to another process and leaves now.

    The kernel sends that SIGKILL when the *thread* that forked the child ends. multiprocessing.Pool
    forks replacement workers from a helper thread that ends as the pool terminates, and a
    worker killed then while it holds the task queue's lock hangs the termination. Such workers
    (`watch`) poll for their parent instead."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if watch:
        threading.Thread(target=_watch, args=(parent,), name="sistemkerja-parent", daemon=True).start()
    elif sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


@contextlib.contextmanager
def signals_blocked() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back around a fork, so that the child cannot get one before its
    child_init (the parent gets them when the block ends; the child unblocks after child_init)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def unblock_signals() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def pool_context() -> BaseContext:
    """Fork where there is fork (workers inherit the warmed-up parent), else spawn: either way
    this process is the workers' parent, which `child_init` checks (under a fork server it is not)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def pool_args(watch: bool = False) -> dict[str, Any]:
    """The initializer of a ProcessPoolExecutor, or with `watch` of a multiprocessing.Pool (see
    child_init), with `pool_context`, whose workers die with this process."""
    return {"initializer": child_init, "initargs": (os.getpid(), watch)}


def pool_size(workers: int, work: int) -> int:
    """Never more workers than pieces of work: an idle worker costs a fork and its memory."""
    return max(1, min(workers, work))
