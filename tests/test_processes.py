"""Processes: workers die with `check`, signals and a closed stdout end a run cleanly, pools are no
larger than the work, and the Dask executor fails in one line and resolves paths on the client.

The run-level tests start `checker.cli.run` in a subprocess (what the console script runs when
there is nothing to replay; it installs the signal handling) and wait on events (children seen,
exit), never on time."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PACK = "perbup-contoh-1-2025"  # the fixture pack: these tests are about processes, not rules
CLI = [sys.executable, "-c", "from checker.cli import run; run()"]
WAIT = 20.0  # an upper bound for events that take well under a second; never an assertion on time

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; PDEATHSIG")


@pytest.fixture(scope="session")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated regency that takes about a second to check."""
    out = tmp_path_factory.mktemp("gen") / "regency"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--staff", "3000"]
        + ["--violation-rate", "0.01", "--seed", "1", "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    for extra in out.iterdir():  # only data: a skipped-file notice would be another stderr line
        if extra.suffix != ".yaml":
            extra.unlink()
    return out


@pytest.fixture(scope="session")
def many(big: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Eight copies: `--each --jobs 2` keeps two batch workers busy for several seconds."""
    root = tmp_path_factory.mktemp("many")
    for i in range(8):
        shutil.copytree(big, root / f"r{i}")
    return [str(root / f"r{i}") for i in range(8)]


def env() -> dict[str, str]:
    return {**os.environ, "SISTEMKERJA_RULES": str(FIXTURES / "packs"), "PYTHONPATH": str(ROOT)}


def start(args: list[str], **kw: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*CLI, "check", "--no-cache", "--regulation", PACK, *args],
        env=env(),
        stdout=kw.pop("stdout", subprocess.DEVNULL),
        stderr=subprocess.PIPE,
        **kw,  # type: ignore[arg-type]
    )


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):  # the thread or process has just gone
            found += [int(c) for c in task.read_text().split()]
    return found


def descendants(pid: int) -> set[int]:
    out: set[int] = set()
    todo = [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has died, only not been reaped yet


def poll(condition: object, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting for {what}")
        time.sleep(0.02)


def workers_of(proc: subprocess.Popen[bytes], at_least: int) -> set[int]:
    found: set[int] = set()

    def enough() -> bool:
        nonlocal found
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        found = descendants(proc.pid)
        return len(found) >= at_least

    poll(enough, f"{at_least} worker process(es)")
    return found


def assert_all_gone(pids: set[int]) -> None:
    poll(lambda: not any(alive(p) for p in pids), f"workers {sorted(p for p in pids if alive(p))} to die")


@pytest.fixture
def reap() -> Iterator[list[subprocess.Popen[bytes]]]:
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for p in procs:  # a failed test must not leave a run behind
        if p.poll() is None:
            p.kill()
        p.wait()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_batch_workers_die_with_check(many: list[str], sig: int, reap: list) -> None:
    proc = start([*many, "--each", "--jobs", "2"])
    reap.append(proc)
    workers = workers_of(proc, 2)
    proc.send_signal(sig)
    code = proc.wait(WAIT)
    assert_all_gone(workers)
    if sig == signal.SIGTERM:
        assert code == 143
        assert b"Traceback" not in proc.stderr.read()  # type: ignore[union-attr]


# A parent whose children would never finish on their own (each sleeps for an hour), one per
# mechanism: only dying with the parent ends them.
FOREVER = {
    "parse": """
from checker import load
def _load_one(args): time.sleep(3600)
_load_one.__module__ = "checker.load"  # pickled by reference: found there in the forked worker
load._load_one = _load_one
load.PARALLEL_MIN_BYTES = 0
load.load_files([FILE, FILE2], jobs=2)
""",
    "batch": """
from checker import batch
def _run_indexed(item): time.sleep(3600)
_run_indexed.__module__ = "checker.batch"
batch._run_indexed = _run_indexed
batch.run_jobs([batch.Job((FILE,)), batch.Job((FILE2,))], workers=2)
""",
    "parts": """
from checker.solve.engine import Isolated
list(Isolated(time.sleep, [(3600,), (3600,)], workers=2))
""",
}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
@pytest.mark.parametrize("mechanism", sorted(FOREVER))
def test_workers_that_never_finish_die_with_their_parent(mechanism: str, sig: int, reap: list) -> None:
    files = sorted(str(p) for p in (FIXTURES / "regency-contoh").glob("*.yaml"))
    code = f"import time\nFILE, FILE2 = {files[0]!r}, {files[1]!r}\n" + FOREVER[mechanism]
    if sig == signal.SIGTERM:  # as the console script does
        code = "from checker import parallel\nparallel.install_handlers()\n" + code
    proc = subprocess.Popen([sys.executable, "-c", code], env=env(), stderr=subprocess.PIPE)
    reap.append(proc)
    workers = workers_of(proc, 2)
    proc.send_signal(sig)
    proc.wait(WAIT)
    assert_all_gone(workers)


def test_ctrl_c_exits_130_with_one_line(many: list[str], reap: list) -> None:
    proc = start([*many, "--each", "--jobs", "2"], start_new_session=True)
    reap.append(proc)
    workers = workers_of(proc, 2)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
    assert proc.wait(WAIT) == 130
    assert_all_gone(workers)
    err = proc.stderr.read().decode()  # type: ignore[union-attr]
    assert err.strip().splitlines() == ["sistemkerja: interrupted"], err


def test_reader_gone_is_141_without_a_traceback(reap: list) -> None:
    proc = start([str(FIXTURES / "regency-contoh")], stdout=subprocess.PIPE)
    reap.append(proc)
    proc.stdout.close()  # type: ignore[union-attr] - like `| head -1` having read its line
    assert proc.wait(WAIT) == 141
    assert proc.stderr.read() == b""  # type: ignore[union-attr]


def test_closed_stdout_is_a_one_line_error(tmp_path: Path, reap: list) -> None:
    close_stdout = lambda: os.close(1)  # noqa: E731 - `check ... >&-`
    proc = start([str(FIXTURES / "regency-contoh")], preexec_fn=close_stdout)
    reap.append(proc)
    assert proc.wait(WAIT) == 2
    err = proc.stderr.read().decode()  # type: ignore[union-attr]
    assert len(err.strip().splitlines()) == 1 and "stdout is closed" in err, err
    # the report to a file needs no stdout
    report = tmp_path / "r.json"
    proc = start([str(FIXTURES / "regency-contoh"), "--format", f"json:{report}"], preexec_fn=close_stdout)
    reap.append(proc)
    assert proc.wait(WAIT) in (0, 1) and report.stat().st_size > 0


def test_pools_are_no_larger_than_the_work(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import concurrent.futures
    import multiprocessing.pool

    from checker import load
    from checker.batch import Job, run_jobs

    sizes: list[tuple[str, int]] = []

    class Executor(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int | None = None, *args: object, **kw: object) -> None:
            sizes.append(("parse", max_workers or 0))
            super().__init__(max_workers, *args, **kw)  # type: ignore[arg-type]

    class Pool(multiprocessing.pool.Pool):
        def __init__(self, processes: int | None = None, *args: object, **kw: object) -> None:
            sizes.append(("batch", processes or 0))
            super().__init__(processes, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Executor)
    monkeypatch.setattr(multiprocessing.pool, "Pool", Pool)
    monkeypatch.setattr(load, "PARALLEL_MIN_BYTES", 0)
    files = sorted(str(p) for p in (FIXTURES / "regency-contoh").glob("*.yaml"))[:2]
    assert len(files) == 2
    load.load_files(files, jobs=8)
    monkeypatch.setenv("SISTEMKERJA_RULES", str(FIXTURES / "packs"))
    run_jobs([Job((str(FIXTURES / "regency-contoh"),)) for _ in range(2)], workers=8)
    assert sizes == [("parse", 2), ("batch", 2)]


def test_isolated_starts_no_more_children_than_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.solve.engine import Isolated

    forks: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    assert list(Isolated(abs, [(-1,), (-2,)], workers=8)) == [1, 2]
    assert len(forks) == 2


def test_child_init_leaves_when_its_parent_is_gone() -> None:
    """The race PDEATHSIG alone misses: the parent died before the child asked for it."""
    from checker import parallel

    pid = os.fork()
    if pid == 0:
        try:
            parallel.child_init(os.getpid())  # not its parent: as if that one had died already
        finally:
            os._exit(0)  # reached only if child_init let it live on
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1


def test_dask_unreachable_scheduler_is_one_line_exit_2(reap: list) -> None:
    pytest.importorskip("distributed")
    args = [str(FIXTURES / "regency-contoh"), "--each", "--executor", "dask"]
    proc = start([*args, "--scheduler", "tcp://127.0.0.1:1"])  # loopback, port 1: nothing listens
    reap.append(proc)
    assert proc.wait(WAIT + 10) == 2
    err = proc.stderr.read().decode()  # type: ignore[union-attr]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sistemkerja: error: cannot reach the Dask scheduler"), err


def test_dask_relative_paths_are_resolved_on_the_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    from checker.batch import Job, run_jobs

    for name in ("satu", "dua"):
        shutil.copytree(FIXTURES / "regency-contoh", tmp_path / name)
    monkeypatch.setenv("SISTEMKERJA_RULES", str(FIXTURES / "packs"))
    monkeypatch.chdir(tmp_path)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as c,
        distributed.Client(c) as client,
    ):
        client.run(os.chdir, "/")  # the worker's working directory is not the client's
        jobs = [Job(("satu",), cache_dir="cache"), Job(("dua",), cache_dir="cache")]
        outcomes = run_jobs(jobs, executor="dask", scheduler=c.scheduler_address)
    assert [o.error for o in outcomes] == [None, None]
    assert [o.paths for o in outcomes] == [("satu",), ("dua",)]
    assert [[f.status for f in o.findings] for o in outcomes] == [["excepted", "excepted"]] * 2
    assert (tmp_path / "cache").is_dir()  # the cache folder too was the client's
