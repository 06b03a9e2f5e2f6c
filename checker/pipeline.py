"""The pipeline: one `run` for every command and every test.

    paths ──load──▶ records ──validate──▶ problems
                      └──solve (strategies: whole, fed while loading, in parts)──▶ findings

`check`, `validate`, the rule tests, `compare --data` and `explain --finding` all call `run`. Two
cores are used: clingo reads each file's facts and grounds without holding the GIL, while Python
parses the next file and then runs the schema and integrity checks. The result of the rules is used
only when the data proves clean (the rules never report on broken data), and a pack error surfaces
only then.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from checker import load
from checker.load.discover import data_files
from checker.model import Problem, Regency, is_unreadable
from checker.result import CheckResult, RunResult
from checker.solve import PART_SIZE

if TYPE_CHECKING:  # imported where a run solves: a result-cache hit needs neither
    from checker.solve import strategies


@dataclass(frozen=True)
class Options:
    """How to run: which rules, on which date, with what resources. `solve` off: validate only."""

    regulation: str | None = None
    as_of: str | None = None
    rules_dirs: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()  # rule ids or globs to run (default: every rule of the pack)
    skip: tuple[str, ...] = ()  # rule ids or globs not to run
    solve: bool = True
    jobs: int = 1
    part_size: int = PART_SIZE
    cache: load.FileCache | None = None
    max_bytes: int = load.MAX_FILE_BYTES
    progress: Callable[[str], None] | None = None  # hears each stage ("loading 3/89 files", ...)
    # a mapping file (checker.load.mapping): spreadsheets are read as the export it describes, names
    # resolved against the rest of the data; such a run is never cached (the mapping is no input key)
    mapping: str | None = None

    def stage(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)


def run(source: Sequence[str] | Regency, options: Options = Options()) -> RunResult:
    """Load the data under the paths given (files or folders; waivers files are not data), or take
    a regency loaded and validated before; validate; solve. Raises InputError when a path cannot
    be read at all, PackError or EngineError when the rules cannot run on clean data."""
    if isinstance(source, Regency):
        return RunResult(source, [], _solve(source, options) if options.solve else None)
    return _Run(data_files(source), options).result()


def _solve(regency: Regency, options: Options) -> CheckResult:
    solving = _start(regency, options)
    try:
        return solving.result()
    finally:
        solving.close()


def _start(regency: Regency, options: Options, feed: strategies.Feed | None = None) -> strategies.Solving:
    from checker.solve import strategies

    law = strategies.Law(options.regulation, options.as_of, options.rules_dirs, options.select, options.skip)
    cached = getattr(options.cache, "load_pack", None)  # a FileCache may also keep loaded packs
    if cached is not None:
        law = replace(law, loader=cached)
    return strategies.start(regency, law, options.part_size, options.jobs, feed)


@dataclass
class _Run:
    """One run over files: the schedule of loading, checking, solving and caching lives here."""

    files: list[str]
    options: Options
    reads: list[load.FileRead] = field(default_factory=list)
    remembered: int = 0  # how many of `reads` are cached already

    def result(self) -> RunResult:
        from checker.solve import strategies

        feeds = self.options.solve and self.options.mapping is None  # mapped files arrive all at once
        early = strategies.EarlyFacts(self.options.part_size, self.files) if feeds else None
        solving: strategies.Solving | None = None
        try:
            regency, problems = self._load(early)
            if any(is_unreadable(p) for p in problems):
                return RunResult(regency, sorted(problems + self._check_schema(), key=Problem.sort_key))
            feed = early.take() if early else None
            split = self._splits(regency, feed)
            if split:
                # parts solve in forked children that share this process's memory copy-on-write,
                # and the checks touch every record (reference counts): they run first
                problems += self._checks(regency)
            failed: Exception | None = None
            if self.options.solve and not problems:
                try:
                    solving = _start(regency, self.options, feed)
                except Exception as exc:  # noqa: BLE001 - a pack problem counts only for clean data
                    failed = exc
            elif feed is not None:
                feed.close()
            if not split:
                problems += self._checks(regency)  # while clingo grounds
                if solving is not None:
                    self._remember()  # still while it grounds: 0.4 s at 10k that came after it
            self._store_packs()
            problems.sort(key=Problem.sort_key)
            if problems or solving is None:
                if failed is not None and not problems:
                    raise failed
                return RunResult(regency, problems)
            self.options.stage(f"solving {solving.describe()}")
            return RunResult(regency, problems, solving.result())
        finally:
            if solving is not None:
                solving.close()
            if early is not None:
                early.close()
            # cached last when solving in parts: serialising every record while forked parts run
            # would copy their memory
            self._remember()

    def _remember(self) -> None:
        """Cache each file read (parsed and schema-checked) once."""
        for read in self.reads[self.remembered :]:
            read.remember(self.options.cache)
        self.remembered = len(self.reads)

    def _store_packs(self) -> None:
        store = getattr(self.options.cache, "store_packs", None)
        if store is not None:
            store()

    def _load(self, early: strategies.EarlyFacts | None) -> tuple[Regency, list[Problem]]:
        from checker.validate.schema import validate_header

        # clingo reading the facts already takes a second core while this one parses: worker
        # processes for parsing pay off only beyond two (measured: 10% slower on two cores)
        jobs = self.options.jobs if self.options.jobs > 2 else 1
        stage, total = self.options.stage, len(self.files)
        for read in self._reads(jobs):
            self.reads.append(read)
            stage(f"loading: {len(self.reads)}/{total} files")
            if early is not None:
                early(read.result)
        by_name = {read.result.name: read.result for read in self.reads}
        loaded = load.merge(by_name[name] for name in self.files)
        # the records live until the end of the run and hold no cycles: keep the collector from
        # rescanning them while integrity, facts and findings allocate (a process-wide setting)
        gc.freeze()
        problems = list(loaded.problems)
        if not any(is_unreadable(p) for p in problems):
            problems += validate_header(loaded.regency)
        return loaded.regency, problems

    def _reads(self, jobs: int) -> Iterator[load.FileRead]:
        """Each file as read: through the loader, or, with a mapping, its spreadsheets read as the
        export the mapping describes (schema-checked there) and the other files as usual."""
        if self.options.mapping is None:
            yield from load.read_files(self.files, self.options.max_bytes, jobs, self.options.cache)
            return
        from checker.load import mapping
        from checker.load.discover import TABLE_SUFFIXES

        tables = [f for f in self.files if f.lower().endswith(TABLE_SUFFIXES)]
        others = [f for f in self.files if not f.lower().endswith(TABLE_SUFFIXES)]
        for result in mapping.read_with(self.options.mapping, tables, others):
            yield load.FileRead(result, checked=True)
        yield from load.read_files(others, self.options.max_bytes, jobs)

    def _splits(self, regency: Regency, feed: strategies.Feed | None) -> bool:
        from checker.solve import partition, strategies

        return (
            self.options.solve
            and feed is None
            and strategies.splits(partition.record_count(regency), self.options.part_size)
        )

    def _check_schema(self) -> list[Problem]:
        """The schema check of every file read here and not yet checked."""
        found: list[Problem] = []
        for read in self.reads:
            if not read.checked:
                found += load.check_schema(read.result)
                read.checked = True
        return found

    def _checks(self, regency: Regency) -> list[Problem]:
        from checker.validate.integrity import check_integrity

        self.options.stage(f"validating {len(self.files)} files")
        return self._check_schema() + check_integrity(regency)


def validate(paths: Iterable[str], options: Options = Options(solve=False)) -> RunResult:
    """`run` without the rules: the data's problems (the `validate` command, explain's loading)."""
    return run(list(paths), options)
