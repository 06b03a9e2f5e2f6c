"""Read a regency's YAML files into records that remember where every value came from.

Scalars are typed by us, not by YAML 1.1: every scalar is a string except plain `true`/`false`
(booleans) and plain `null`/`~`/empty (absent). So an unquoted NIP stays 18 digits, a date stays
"2024-06-04", and `no`/`on` stay words. Plain block-style files (nearly all data) are read by
`checker.load.yaml_subset`, a line reader several times faster than composing YAML nodes; everything
else goes through safe (C)YAML composition, which also reports every syntax problem.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from checker.load import yaml_subset
from checker.load.discover import discover
from checker.model import COLLECTIONS, PLAIN_TYPED, Location, Problem, Record, Regency, is_unreadable, pack

try:  # libyaml is ~8x faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 64 * 1024 * 1024  # one OPD's file; even a 5,000-teacher education office is ~4 MB
MAX_EXPANDED_NODES = 2_000_000  # values that aliases may add beyond the document's own (alias bombs)
PARALLEL_MIN_BYTES = 4 * 1024 * 1024  # below this, starting worker processes costs more than it saves
MAX_DEPTH = 100  # nesting deeper than this is never a regency (and would exhaust the Python stack)

_NULLS = {word for word, value in PLAIN_TYPED.items() if value is None}


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
    """Read, parse and schema-check one file. The garbage collector is paused while parsing:
    building many small containers triggers it for nothing (a third of the parse time).
    Plain block YAML takes the fast `yaml_subset` reader; `subset=False` forces libyaml."""
    result = FileResult(name)
    part = Regency()
    try:
        with gc_paused():
            text = read_text(name, max_bytes) if raw is None else decode(raw, name)
            fast = yaml_subset.read(text, name) if subset else None
            if fast is not None:  # plain block YAML: read without libyaml's node objects
                part.regency, part.regency_location, records = fast
                for kind, recs in records.items():
                    part.records[kind] = recs
            else:
                add_document(part, parse(text, name), name, result.problems)
    except _FileProblem as exc:
        result.problems.append(exc.problem)
        return result
    result.header, result.header_location = part.regency, part.regency_location
    result.records = {kind: recs for kind, recs in part.records.items() if recs}
    if schema:
        check_schema(result)
    return result


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
                result.problems.append(
                    Problem(
                        "data.duplicate-regency",
                        f"a second `regency` header (the first is at {regency.regency_location})",
                        part.header_location or Location(part.name, 1, 1),
                    )
                )
        for kind, recs in part.records.items():
            regency.records[kind].extend(recs)
    return result


def file_size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0


class _FileProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_text(name: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    start = Location(name, 1, 1)
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise _FileProblem(
                Problem(
                    "input.too-large",
                    f"file is {_size(size)}, above the {_size(max_bytes)} limit;"
                    " split it into one file per OPD",
                    start,
                )
            )
        with open(name, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise _FileProblem(Problem("input.unreadable", f"cannot read file: {exc.strerror}", start)) from exc
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    start = Location(name, 1, 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _FileProblem(
            Problem(
                "input.encoding",
                f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8",
                Location(name, line, column),
            )
        ) from exc
    if not text.strip():
        raise _FileProblem(Problem("input.empty", "file is empty", start))
    return text


def _size(n: int) -> str:
    return f"{n / 1e6:.0f} MB" if n >= 1_000_000 else f"{n:,} bytes"


def parse(text: str, name: str) -> Any:
    """Compose the YAML and build plain Python values, keeping node marks for locations."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name, 1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise _FileProblem(Problem("yaml.syntax", f"YAML syntax error: {what}", loc)) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: located by its offset
        before = text[: exc.position]
        loc = Location(name, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        what = f"character U+{exc.character:04X} is not allowed in YAML; remove it or quote it as an escape"
        raise _FileProblem(Problem("yaml.syntax", what, loc)) from exc
    except yaml.YAMLError as exc:
        raise _FileProblem(Problem("yaml.syntax", f"YAML error: {exc}", Location(name, 1, 1))) from exc
    except RecursionError as exc:  # only the pure-Python composer recurses per nesting level
        raise _FileProblem(_too_deep(Location(name, 1, 1))) from exc
    if node is None:
        raise _FileProblem(Problem("input.empty", "file holds no YAML document", Location(name, 1, 1)))
    _check_expansion(node, name)
    return node


def _too_deep(loc: Location) -> Problem:
    return Problem("input.too-deep", f"YAML nesting is deeper than {MAX_DEPTH} levels; refusing to read", loc)


def _check_expansion(root: yaml.Node, name: str) -> None:
    """Reject documents whose aliases expand to too many nodes, refer to themselves, or nest too
    deeply (counting through aliases); linear time via memoised sizes and heights of collections."""
    collections = (yaml.SequenceNode, yaml.MappingNode)
    if not isinstance(root, collections):
        return
    # sizes: -1 while in progress; only a node's ancestors are, so meeting one again is a cycle
    sizes: dict[int, int] = {}
    heights: dict[int, int] = {}
    # (node, None) = expand it; (node, children) = its children are done, total them
    stack: list[tuple[yaml.Node, list[yaml.Node] | None]] = [(root, None)]
    distinct = 1  # values written in the document (each collection's values counted once)
    while stack:
        node, kids = stack.pop()
        key = id(node)
        if kids is None:
            if key in sizes:
                continue
            sizes[key] = -1
            if isinstance(node, yaml.SequenceNode):
                kids = [c for c in node.value if isinstance(c, collections)]
            else:
                kids = [c for pair in node.value for c in pair if isinstance(c, collections)]
            stack.append((node, kids))
            for child in kids:
                seen = sizes.get(id(child))
                if seen is None:
                    stack.append((child, None))
                elif seen == -1:
                    raise _FileProblem(
                        Problem(
                            "yaml.alias-bomb",
                            "a YAML alias refers to a value that contains it (endless expansion);"
                            " refusing to read",
                            _loc(node, name),
                        )
                    )
            continue
        n_values = len(node.value) * (2 if isinstance(node, yaml.MappingNode) else 1)
        distinct += n_values
        sizes[key] = 1 + n_values - len(kids) + sum(sizes.get(id(c), 1) for c in kids)
        heights[key] = 1 + max((heights.get(id(c), 1) for c in kids), default=1)
        if heights[key] > MAX_DEPTH:
            raise _FileProblem(_too_deep(_loc(node, name)))
        # only what aliases add counts: a large file of ordinary records is not a bomb
        if sizes[key] > distinct + MAX_EXPANDED_NODES:
            raise _FileProblem(
                Problem(
                    "yaml.alias-bomb",
                    f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values; refusing to read",
                    _loc(node, name),
                )
            )


def _loc(node: yaml.Node, name: str) -> Location:
    return Location(name, node.start_mark.line + 1, node.start_mark.column + 1)


def to_python(node: yaml.Node, name: str, path: str, locs: dict[str, int], problems: list[Problem]) -> Any:
    """Build a value from a node with our scalar typing, recording each value's location by path."""
    mark = node.start_mark
    locs[path] = pack(mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in PLAIN_TYPED:  # plain (unquoted): libyaml gives "" style
            return PLAIN_TYPED[node.value]
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [
            to_python(child, name, f"{path}.{i}" if path else str(i), locs, problems)
            for i, child in enumerate(node.value)
        ]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem("yaml.key", "a mapping key must be a plain word", _loc(key_node, name)))
            continue
        key = key_node.value
        if key == "<<":
            problems.append(Problem("yaml.merge", "merge keys (<<) are not supported", _loc(key_node, name)))
            continue
        if key in out:
            message = f"key '{key}' appears twice in the same mapping"
            problems.append(Problem("yaml.duplicate-key", message, _loc(key_node, name)))
            continue
        out[key] = to_python(value_node, name, f"{path}.{key}" if path else key, locs, problems)
    return out


def add_document(regency: Regency, root: yaml.Node, name: str, problems: list[Problem]) -> None:
    """Split one file's top-level mapping into the regency header and collection records."""
    if not isinstance(root, yaml.MappingNode):
        problems.append(
            Problem(
                "yaml.structure",
                "top level must be a mapping of collections (regency, opds, units, ...)",
                _loc(root, name),
            )
        )
        return
    seen: set[str] = set()
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key is not None and key in seen:
            message = f"key '{key}' appears twice at the top level; put all its records under one"
            problems.append(Problem("yaml.duplicate-key", message, _loc(key_node, name)))
            continue
        seen.add(key or "")
        if key == "regency":
            _add_regency(regency, value_node, name, problems)
        elif key in COLLECTIONS:
            _add_collection(regency, key, value_node, name, problems)
        else:
            known = ", ".join(("regency", *COLLECTIONS))
            message = f"unknown collection '{key}'; expected one of: {known}"
            problems.append(Problem("yaml.structure", message, _loc(key_node, name)))


def _add_regency(regency: Regency, node: yaml.Node, name: str, problems: list[Problem]) -> None:
    loc = _loc(node, name)
    if regency.regency is not None:
        first = regency.regency_location
        message = f"a second `regency` header (the first is at {first})"
        problems.append(Problem("data.duplicate-regency", message, loc))
        return
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem("yaml.structure", "`regency` must be a mapping", loc))
        return
    locs: dict[str, int] = {}
    regency.regency = to_python(node, name, "", locs, problems)
    regency.regency_location = loc


def _add_collection(regency: Regency, kind: str, node: yaml.Node, name: str, problems: list[Problem]) -> None:
    if isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS:
        return  # `employees:` with nothing under it
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem("yaml.structure", f"`{kind}` must be a list of records", _loc(node, name)))
        return
    records = regency.records[kind]
    for item in node.value:
        loc = _loc(item, name)
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem("yaml.structure", f"each item of `{kind}` must be a mapping", loc))
            continue
        locs: dict[str, int] = {}
        data = to_python(item, name, "", locs, problems)
        rec_id = data.get("id")
        if not isinstance(rec_id, str) or not rec_id:
            problems.append(Problem("data.missing-id", f"a record in `{kind}` has no `id`", loc))
            continue
        locs.pop("", None)
        records.append(Record(kind, rec_id, data, loc, locs))
