"""Read a regency's YAML files into records that remember where every value came from.

Scalars are typed by us, not by YAML 1.1: every scalar is a string except plain `true`/`false`
(booleans) and plain `null`/`~`/empty (absent). So an unquoted NIP stays 18 digits, a date stays
"2024-06-04", and `no`/`on` stay words. Plain block-style files (nearly all data) are read by
`checker.load.yaml_subset`, a line reader several times faster than composing YAML nodes; everything
else goes through safe (C)YAML composition, which also reports every syntax problem.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from checker.load.discover import TABLE_SUFFIXES, discover
from checker.load.source import MAX_FILE_BYTES, FileProblem, decode, file_size, read_text, said
from checker.model import Location, Problem, Record, Regency, is_unreadable

PARALLEL_MIN_BYTES = 4 * 1024 * 1024  # below this, starting worker processes costs more than it saves


@dataclass
class LoadResult:
    regency: Regency
    problems: list[Problem] = field(default_factory=list)  # unreadable input: exit 2

    @property
    def ok(self) -> bool:
        return not self.problems


def load_paths(
    paths: Sequence[str],
    max_bytes: int = MAX_FILE_BYTES,
    jobs: int = 1,
    cache: FileCache | None = None,
    schema: bool = False,
) -> LoadResult:
    """Every YAML file under `paths`, loaded (see load_files)."""
    return load_files(discover(paths), max_bytes, jobs, cache, schema)


@dataclass
class FileResult:
    """One file's share of a regency: what it holds and what is wrong with it on its own
    (YAML, structure and JSON Schema problems). A pure function of the file's name and bytes,
    so it can be cached by content hash and computed in another process."""

    name: str
    header: dict[str, Any] | None = None
    header_location: Location | None = None
    records: dict[str, list[Record]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class FileCache(Protocol):
    def read(self, name: str, max_bytes: int) -> bytes | None: ...  # the bytes to hash and parse
    def key(self, name: str, raw: bytes) -> str: ...
    def get(self, key: str) -> FileResult | None: ...
    def put(self, key: str, result: FileResult) -> None: ...


def load_file(
    name: str,
    raw: bytes | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    schema: bool = False,
    subset: bool = True,
) -> FileResult:
    """Read, parse and schema-check one file (YAML, or JSON by its suffix). The garbage collector
    is paused while parsing: building many small containers triggers it for nothing (a third of
    the parse time)."""

    result = FileResult(name)
    part = Regency()
    try:
        with gc_paused():
            if name.lower().endswith(TABLE_SUFFIXES):  # a workbook or a CSV file: checker.load.tabular
                from checker.load import tabular

                tabular.read_file(name, raw, max_bytes, part, result.problems)
            else:
                text = read_text(name, max_bytes) if raw is None else decode(raw, name)
                if name.lower().endswith(".json"):
                    from checker.load import json_input

                    json_input.read(text, name, part, result.problems)
                else:
                    _read_yaml(text, name, part, result.problems, subset)
    except FileProblem as exc:
        result.problems.append(exc.problem)
        return result
    result.header, result.header_location = part.regency, part.regency_location
    result.records = {kind: recs for kind, recs in part.records.items() if recs}
    if schema:
        check_schema(result)
    return result


def _read_yaml(text: str, name: str, part: Regency, problems: list[Problem], subset: bool) -> None:
    """Plain block YAML takes the fast `yaml_subset` reader; anything else, or `subset=False`,
    libyaml. Imported here, not with the module: a warm check reads no YAML (9 ms of imports)."""
    from checker.load import yaml_full, yaml_subset

    fast = yaml_subset.read(text, name) if subset else None
    if fast is None:
        yaml_full.add_document(part, yaml_full.parse(text, name), name, problems)
        return
    part.regency, part.regency_location, records = fast  # read without libyaml's node objects
    for kind, recs in records.items():
        part.records[kind] = recs


def check_schema(result: FileResult) -> list[Problem]:
    """Check each record of a parsed file against its JSON Schema; add and return the problems."""
    if any(is_unreadable(p) for p in result.problems):
        return []
    from checker.validate.schema import validate_record  # jsonschema is imported only when a file is parsed

    found = [p for recs in result.records.values() for rec in recs for p in validate_record(rec)]
    result.problems.extend(found)
    return found


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building (or unpickling) many small containers triggers the cyclic garbage collector again
    and again for nothing: none of them form cycles. Pausing it saves a third of the parse time
    and three quarters of the unpickling time."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _load_one(args: tuple[str, bytes | None, int, bool]) -> FileResult:
    return load_file(*args)


def _stop(pool: Any) -> None:
    """Stop a ProcessPoolExecutor now: its `shutdown` would wait for every file already queued."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in workers:
        proc.terminate()
    for proc in workers:
        proc.join(5)


@dataclass
class FileRead:
    """One file as read: its result, the cache key of the very bytes parsed (None: not read
    through the cache), whether its records are schema-checked, and whether it came from the cache."""

    result: FileResult
    key: str | None = None
    checked: bool = False
    hit: bool = False

    def remember(self, cache: FileCache | None) -> None:
        """Cache a file parsed and schema-checked in this run, unless it could not be read (the
        next run must try again)."""
        unreadable = any(is_unreadable(p) for p in self.result.problems)
        if cache is not None and self.key is not None and self.checked and not self.hit and not unreadable:
            cache.put(self.key, self.result)


def read_files(
    files: Sequence[str],
    max_bytes: int = MAX_FILE_BYTES,
    jobs: int = 1,
    cache: FileCache | None = None,
    schema: bool = True,
) -> Iterator[FileRead]:
    """Each file as soon as it is read, cache hits first, the rest in no particular order. The
    loader keeps no schedule: when to schema-check what is not yet checked, and when to cache
    it, is the caller's choice (checker.pipeline). Worker processes (`jobs` > 1, enough bytes)
    check the schema as they parse (unless `schema` is off); a file parsed here is left unchecked."""
    misses: list[tuple[str, bytes | None, str | None]] = []
    for name in files:
        raw, key = None, None
        if cache is not None:
            raw = cache.read(name, max_bytes)  # parsed below: the key is of exactly these bytes
            if raw is not None:
                key = cache.key(name, raw)
                hit = cache.get(key)
                if hit is not None:
                    yield FileRead(hit, key, checked=True, hit=True)
                    continue
        misses.append((name, raw, key))
    todo = sum(len(raw) if raw is not None else file_size(name) for name, raw, _ in misses)
    if jobs > 1 and len(misses) > 1 and todo > PARALLEL_MIN_BYTES:
        yield from _read_in_workers(misses, max_bytes, jobs, schema)
        return
    with gc_paused():  # for the whole load, not file by file: 37% of a 100k-staff load
        for name, raw, key in misses:
            yield FileRead(load_file(name, raw, max_bytes), key)


def _read_in_workers(
    misses: list[tuple[str, bytes | None, str | None]], max_bytes: int, jobs: int, schema: bool
) -> Iterator[FileRead]:
    from concurrent.futures import ProcessPoolExecutor

    from checker import parallel

    # largest files first, one at a time: one big file (an education office) must not end up
    # queued behind the others on the same worker
    order = sorted(misses, key=lambda m: -(len(m[1] or b"") or file_size(m[0])))
    args = [(name, raw, max_bytes, schema) for name, raw, _ in order]
    pool = ProcessPoolExecutor(
        parallel.pool_size(jobs, len(misses)), parallel.pool_context(), **parallel.pool_args()
    )
    try:
        with gc_paused():
            for (_, _, key), res in zip(order, pool.map(_load_one, args), strict=True):
                yield FileRead(res, key, checked=schema)  # while later files still parse
    except BaseException:
        _stop(pool)  # interrupted or failed: the files still queued are not waited for
        raise
    pool.shutdown()


def load_files(
    files: Iterable[str],
    max_bytes: int = MAX_FILE_BYTES,
    jobs: int = 1,
    cache: FileCache | None = None,
    schema: bool = False,
) -> LoadResult:
    """The loading stage on its own (the pipeline schedules the same steps around clingo):
    read every file, schema-check it when asked, cache it, and merge in file order."""
    names = list(files)
    reads = {read.result.name: read for read in read_files(names, max_bytes, jobs, cache, schema)}
    for read in reads.values():
        if schema and not read.checked:
            check_schema(read.result)
            read.checked = True
        if schema:
            read.remember(cache)
    return merge(reads[name].result for name in names)


def merge(parts: Iterable[FileResult]) -> LoadResult:
    """Join per-file results in file order; a second `regency` header is a problem."""
    regency = Regency()
    result = LoadResult(regency)
    for part in parts:
        regency.files.append(part.name)
        result.problems.extend(part.problems)
        if part.header is not None:
            if regency.regency is None:
                regency.regency, regency.regency_location = part.header, part.header_location
            else:
                where = part.header_location or Location(part.name, 1, 1)
                first = regency.regency_location
                result.problems.append(
                    said("data.duplicate-regency", "problem.read.second-regency", where, first=first)
                )
        for kind, recs in part.records.items():
            regency.records[kind].extend(recs)
    return result
