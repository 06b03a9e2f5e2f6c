"""Check one regency as a self-contained job, and many of them in parallel.

A job is everything `check` does for one regency (load, validate, solve, waivers) as a function of
plain, picklable arguments, so it can run in this process, in a pool of worker processes (memory is
bounded per job: each regency lives in one worker at a time), or on an existing Dask cluster.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.model import Finding, Problem


@dataclass(frozen=True)
class Job:
    paths: tuple[str, ...]
    regulation: str | None = None
    as_of: str | None = None
    waiver_files: tuple[str, ...] = ()
    ignore_waivers: bool = False
    jobs: int = 1  # processes for parsing this regency's files (cold runs)
    cache_dir: str | None = None  # None: no cache
    part_size: int | None = None  # records per part for a regency solved in parts; None: the default
    keep_regency: bool = False  # return the records too (check --explain), not only the findings
    names: bool = False  # return the names of the regency's records (the HTML report)
    rules_dirs: tuple[str, ...] = ()  # --rules-dir: packs looked up here first
    select: tuple[str, ...] = ()  # --rule: only these rules (ids or globs)
    skip: tuple[str, ...] = ()  # --skip-rule
    files: tuple[str, ...] = ()  # the data files under `paths`, when found already (discover.plan)
    mapping: str | None = None  # check --mapping: spreadsheets read as the export it maps


@dataclass
class Outcome:
    """What one regency contributes to the combined report."""

    paths: tuple[str, ...]
    problems: list[Problem] = field(default_factory=list)  # data problems: the rules did not run
    findings: list[Finding] = field(default_factory=list)
    pack: Any = None  # checker.packs.Pack
    as_of: str = ""
    regency_id: str = ""
    waivers: list[Any] = field(default_factory=list)  # checker.waivers.Waiver
    used: set[Any] = field(default_factory=set)  # checker.waivers.Waiver
    expired: set[Any] = field(default_factory=set)
    messages: list[str] = field(default_factory=list)
    error: str | None = None  # the job could not run (usage error: exit 2)
    error_problems: list[Problem] = field(default_factory=list)  # e.g. a malformed waivers file
    cached: bool = False
    files: Sequence[str] = ()  # the data files read
    regency: Any = None  # checker.model.Regency, with Job.keep_regency
    names: Any = None  # checker.report.names.Names, with Job.names


def run_job(job: Job, stage: Callable[[str], None] | None = None) -> Outcome:
    """Check one regency. `stage` hears progress ("loading ...", "solving") when run in-process."""
    from checker.load.discover import DataFiles, InputError, data_files

    out = Outcome(job.paths)
    try:
        out.files = DataFiles(job.files) if job.files else data_files(job.paths, job.waiver_files)
    except InputError as exc:
        out.error = str(exc)
        return out
    cache = _cache(job.cache_dir)
    result_key = _result_key(cache, out.files, job) if cache else None
    hit = cache.get_result(result_key) if cache and result_key else None
    regency = None
    if hit is not None:
        out.findings, out.pack, out.as_of = hit["findings"], hit["pack"], hit["as_of"]
        out.regency_id, out.messages = hit["regency_id"], hit["messages"]
        out.cached = True
    else:
        regency = _solve(out, job, cache, result_key, stage)
        if regency is None:
            return out  # an error, or data problems
    if job.keep_regency or job.names:
        _keep(out, job, regency)
    if not job.ignore_waivers:
        _waive(out, job)
    return out


def _solve(
    out: Outcome, job: Job, cache: Any, result_key: str | None, stage: Callable[[str], None] | None
) -> Any:
    """Run the pipeline on the job's files into `out`; the regency when the rules ran, else None
    (`out.error` or `out.problems` says why). The result is cached under `result_key`."""
    from checker.load.mapping import MappingError
    from checker.packs import PackError
    from checker.pipeline import Options, run
    from checker.solve.engine import EngineError
    from checker.solve.facts import FactError

    sizes = {} if job.part_size is None else {"part_size": job.part_size}
    dirs = tuple(Path(d) for d in job.rules_dirs)
    law = (job.regulation, job.as_of, dirs, job.select, job.skip)
    options = Options(*law, jobs=job.jobs, cache=cache, progress=stage, mapping=job.mapping, **sizes)
    try:
        checked = run(out.files, options)
    except (PackError, EngineError, FactError, MappingError) as exc:
        out.error = str(exc)
        return None
    result = checked.check
    if checked.problems or result is None:
        out.problems = checked.problems
        return None
    out.findings, out.pack, out.as_of = result.findings, result.pack, result.as_of
    out.regency_id = str((checked.regency.regency or {}).get("id", ""))
    out.messages = result.messages
    if cache and result_key:
        value = {"findings": out.findings, "pack": out.pack, "as_of": out.as_of}
        value |= {"regency_id": out.regency_id, "messages": out.messages}
        cache.put_result(result_key, checked.regency.files, value)
    return checked.regency


def _waive(out: Outcome, job: Job) -> None:
    """The regency's waivers applied to its findings (a malformed waivers file: `out.error`)."""
    from checker.load.discover import default_waivers

    sources = list(job.waiver_files) or default_waivers(job.paths)
    if not sources:
        return  # nothing to apply (and no YAML reader to import on a warm run)
    from checker import waivers as wv
    from checker.i18n import tr

    try:
        loaded = wv.load_waivers(sources)
    except wv.WaiverError as exc:
        out.error = tr("waivers.problems", "en", n=len(exc.problems))
        out.error_problems = exc.problems
        return
    applied = wv.apply(out.findings, loaded, out.as_of)
    out.findings, out.used, out.expired, out.waivers = applied.findings, applied.used, applied.expired, loaded


def _keep(out: Outcome, job: Job, regency: Any) -> None:
    """The records (--explain) or their names (the HTML report) with the findings. A result from
    the cache has no records with it: they are loaded (they proved valid when it was cached), so
    the report is the same cached or not."""
    if regency is None:
        from checker.pipeline import validate

        regency = validate(out.files).regency
    if job.keep_regency:
        out.regency = regency
    if job.names:
        from checker.report.names import regency_names

        out.names = regency_names(regency)


def _cache(cache_dir: str | None) -> Any:
    if cache_dir is None:
        return None
    from pathlib import Path

    from checker.cache import Cache

    return Cache(Path(cache_dir))


def _result_key(cache: Any, files: Sequence[str], job: Job) -> str | None:
    """A whole check is reusable when the data files, the rule packs and the options are the same
    (see Cache.result_key: the data files are read here once, and parsed from these bytes).
    Without --as-of the date may default to today, so today's date is part of the key."""
    import datetime as dt

    dirs = [Path(d) for d in job.rules_dirs]
    selection = "\0".join(["rule", *job.select, "skip", *job.skip])
    date = job.as_of or dt.date.today().isoformat()
    return cache.result_key(files, job.regulation or "", date, selection, rules_dirs=dirs)


def run_jobs(
    jobs: Sequence[Job],
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    on_done: Callable[[int, int, Outcome], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> list[Outcome]:
    """Run the jobs; results come back in the order of `jobs`, whatever order they finish in."""
    results: list[Outcome | None] = [None] * len(jobs)
    # closed on any way out, so an interruption in `on_done` stops the workers as well
    with contextlib.closing(_run(jobs, workers, executor, scheduler, on_stage)) as outcomes:
        for index, outcome in outcomes:
            results[index] = outcome
            if on_done:
                on_done(sum(r is not None for r in results), len(jobs), outcome)
    return [r for r in results if r is not None]


def _run(
    jobs: Sequence[Job],
    workers: int,
    executor: str,
    scheduler: str | None,
    on_stage: Callable[[str], None] | None = None,
) -> Iterator[tuple[int, Outcome]]:
    if executor == "dask":
        yield from _run_dask(jobs, scheduler)
        return
    if workers <= 1 or len(jobs) <= 1:
        for i, job in enumerate(jobs):
            yield i, run_job(job, on_stage if len(jobs) == 1 else None)
        return
    from checker import parallel

    # Workers are recycled every few regencies: clingo interns every symbol (each record id) in a
    # process-wide table that is never freed, so a long-lived worker grows with every regency it
    # checks (7.6 GB over the national batch). multiprocessing.Pool's maxtasksperchild is used
    # rather than ProcessPoolExecutor's max_tasks_per_child, which hangs on Python 3.11.
    _warm_up()  # import and compile once here; forked workers inherit it
    warm = _PackWarmer()
    for job in jobs:
        if job.regulation:
            warm(job.regulation, job.rules_dirs)
    size = parallel.pool_size(workers, len(jobs))
    ctx = parallel.pool_context()
    # leaving the block (done, an error, SIGINT or SIGTERM as parallel.Interrupted) terminates the workers
    with ctx.Pool(size, maxtasksperchild=TASKS_PER_WORKER, **parallel.pool_args(watch=True)) as pool:
        for index, outcome in pool.imap_unordered(_run_indexed, _largest_first(jobs)):
            if isinstance(outcome.pack, _SharedPack):
                outcome.pack = _SHARED_PACKS[outcome.pack.key]
            elif outcome.pack is not None:
                warm(outcome.pack.id, jobs[index].rules_dirs)
            yield index, outcome


TASKS_PER_WORKER = 4


def _largest_first(jobs: Sequence[Job]) -> list[tuple[int, Job]]:
    """The jobs with their indexes, the most data first: the largest regency started last would
    leave the other workers idle while it runs alone (unknown sizes count as none)."""

    def size(job: Job) -> int:
        total = 0
        for name in job.files:
            with contextlib.suppress(OSError):
                total += os.stat(name).st_size
        return total

    return sorted(enumerate(jobs), key=lambda item: -size(item[1]))


class _PackWarmer:
    """Loads each pack in this process once: workers are recycled every few regencies (see
    below) and a new one is forked from this process, so it starts with the packs loaded
    (loading one costs a worker more than checking a small regency). Only a speed-up: a pack
    that fails to load here is left to the jobs, which say why."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, tuple[str, ...]]] = set()

    def __call__(self, pack_id: str, rules_dirs: tuple[str, ...]) -> None:
        if (pack_id, rules_dirs) in self.seen:
            return
        self.seen.add((pack_id, rules_dirs))
        from checker.packs import load_pack

        with contextlib.suppress(Exception):
            pack = load_pack(pack_id, tuple(Path(d) for d in rules_dirs))
            _SHARED_PACKS[id(pack)] = pack


# Packs this process loaded (by id: kept alive here, so an id is never reused). A worker forked
# after that shares the very object, and returns a job's pack as a reference to it when the job
# used that object unchanged (read-only, see load_pack): a pickled pack is ~280 KB, unpickled
# here for each of hundreds of regencies
_SHARED_PACKS: dict[int, Any] = {}


@dataclass(frozen=True)
class _SharedPack:
    key: int  # in _SHARED_PACKS


def _run_indexed(item: tuple[int, Job]) -> tuple[int, Outcome]:
    outcome = run_job(item[1])
    if outcome.pack is not None and _SHARED_PACKS.get(id(outcome.pack)) is outcome.pack:
        outcome.pack = _SharedPack(id(outcome.pack))  # the parent holds this very object
    return item[0], outcome


def _warm_up() -> None:
    # everything a job imports: a worker is recycled every few regencies, and each new one would
    # import them again (a third of the time of a small regency)
    import checker.findings
    import checker.load.yaml_full
    import checker.load.yaml_subset
    import checker.pipeline
    import checker.solve.engine  # clingo
    import checker.solve.strategies
    import checker.validate.integrity
    import checker.waivers  # noqa: F401
    from checker.validate import schema

    for stem in set(schema.KIND_SCHEMAS.values()):
        schema.fast_validator_for(stem)
        schema.validator_for(stem)


CONNECT_TIMEOUT = 5  # seconds to reach the Dask scheduler (distributed waits 30 s by default)


def _run_dask(jobs: Sequence[Job], scheduler: str | None) -> Iterator[tuple[int, Outcome]]:
    """Run the jobs on an existing cluster (docs/cluster.md). A cluster that cannot be reached
    or fails is a RuntimeError: one line, exit 2."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError(
            "--executor dask needs the cluster extra: pip install 'sistemkerja[cluster]'"
        ) from exc
    from concurrent.futures import CancelledError

    if not scheduler:
        raise RuntimeError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    remote = [_absolute(job) for job in jobs]  # the workers do not share this working directory
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise RuntimeError(f"cannot reach the Dask scheduler at {scheduler}: {_one_line(exc)}") from None
    # clingo's symbol table only grows within a process: start the cluster's workers with a
    # lifetime (`dask worker --lifetime 30m --lifetime-restart`) for long national runs
    with client:
        futures = {client.submit(run_job, job, pure=False): i for i, job in enumerate(remote)}
        try:
            for future in as_completed(futures):
                index = futures[future]
                outcome = future.result()
                outcome.paths = jobs[index].paths  # as given; file locations in it are absolute
                yield index, outcome
        except ImportError as exc:
            raise RuntimeError(
                f"a Dask worker cannot run the check ({_one_line(exc)}): install sistemkerja on every worker"
            ) from None
        except (OSError, TimeoutError, CancelledError) as exc:
            raise RuntimeError(f"the Dask cluster at {scheduler} failed: {_one_line(exc)}") from None


def _absolute(job: Job) -> Job:
    """The job with its paths resolved here, on the client: a relative path would be resolved
    in each worker's own working directory."""
    import dataclasses
    import os

    return dataclasses.replace(
        job,
        paths=tuple(os.path.abspath(p) for p in job.paths),
        waiver_files=tuple(os.path.abspath(p) for p in job.waiver_files),
        rules_dirs=tuple(os.path.abspath(p) for p in job.rules_dirs),
        cache_dir=None if job.cache_dir is None else os.path.abspath(job.cache_dir),
    )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
