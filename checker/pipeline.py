"""The pipeline as one call per command: load → validate → facts → solve → findings."""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker import engine, facts, findings, load
from checker.model import Finding, Problem, Regency, is_unreadable
from checker.packs import Pack, load_pack, parameter_facts


@dataclass
class Validation:
    regency: Regency
    problems: list[Problem]

    @property
    def unreadable(self) -> bool:
        return any(is_unreadable(p) for p in self.problems)


@dataclass
class CheckResult:
    regency: Regency
    pack: Pack
    as_of: str
    findings: list[Finding]
    messages: list[str] = field(default_factory=list)  # clingo warnings, pack problems
    stats: dict[str, float] = field(default_factory=dict)


def validate(
    paths: Sequence[str],
    max_bytes: int = load.MAX_FILE_BYTES,
    jobs: int = 1,
    cache: load.FileCache | None = None,
) -> Validation:
    """Load the data (records are schema-checked file by file as they load, or come from the cache),
    then the header and the cross-file integrity checks."""
    from checker.integrity import check_integrity
    from checker.schema import validate_header

    loaded = load.load_paths(paths, max_bytes=max_bytes, jobs=jobs, cache=cache, schema=True)
    problems = list(loaded.problems)
    if not any(is_unreadable(p) for p in problems):
        problems.extend(validate_header(loaded.regency))
        problems.extend(check_integrity(loaded.regency))
    problems.sort(key=Problem.sort_key)
    return Validation(loaded.regency, problems)


def validate_and_check(
    paths: Sequence[str],
    regulation: str | None = None,
    as_of: str | None = None,
    jobs: int = 1,
    cache: load.FileCache | None = None,
) -> tuple[Validation, CheckResult | None]:
    """`validate` then `check_regency`, overlapped on two cores.

    clingo parses facts and grounds without holding the GIL. So each file's facts go to clingo as
    soon as the file is parsed, while the next file parses; and the schema and cross-file
    integrity checks (Python) run while clingo grounds. The result is used only when the data
    proves clean: the rules never report on broken data, and a pack error surfaces (exactly as
    from check_regency) only then."""
    from checker.integrity import check_integrity
    from checker.schema import validate_header

    feed = engine.FactFeed()
    try:
        loaded = load.load_paths(
            paths,
            # clingo reading the facts already takes a second core while this one parses: worker
            # processes for parsing pay off only beyond two (measured: 10% slower on two cores)
            jobs=jobs if jobs > 2 else 1,
            cache=cache,
            schema=True,
            defer_schema=True,
            on_file=lambda part: feed.add(facts.record_facts(part.records)),
        )
        # the records live until the end of the run and hold no cycles: keep the collector from
        # rescanning them while integrity, facts and findings allocate (a process-wide setting)
        gc.freeze()
        problems = list(loaded.problems)
        if any(is_unreadable(p) for p in problems):
            problems.extend(load.finish_schema(loaded, cache))
            return Validation(loaded.regency, sorted(problems, key=Problem.sort_key)), None
        problems.extend(validate_header(loaded.regency))
        started: tuple[Pack, str] | BaseException | None = None
        if not problems:
            try:
                started = _start_solving(feed, loaded.regency, regulation, as_of)
            except Exception as exc:  # noqa: BLE001 - a pack problem counts only for clean data
                started = exc
        problems.extend(load.finish_schema(loaded, cache))
        problems.extend(check_integrity(loaded.regency))
        problems.sort(key=Problem.sort_key)
        checked = Validation(loaded.regency, problems)
        if problems:
            return checked, None
        if isinstance(started, BaseException):
            raise started
        assert started is not None
        pack, date = started
        return checked, _findings(feed, loaded.regency, pack, date)
    finally:
        feed.close()


def _start_solving(
    feed: engine.FactFeed,
    regency: Regency,
    regulation: str | None,
    as_of: str | None,
    rules_dirs: Sequence[Path] = (),
) -> tuple[Pack, str]:
    """Give clingo the run's own facts and the pack, and let it ground; the records' facts are
    already there."""
    head = regency.regency or {}
    pack = load_pack(regulation or str(head.get("regulation", "")), rules_dirs)
    date = resolve_as_of(regency, as_of)
    feed.add(facts.header_facts(regency.regency, date, pack.in_force, pack.rules_in_force(date)))
    feed.start_solving([str(p) for p in pack.programs], parameter_facts(pack))
    return pack, date


def _findings(feed: engine.FactFeed, regency: Regency, pack: Pack, date: str) -> CheckResult:
    """Wait for clingo and turn the atoms it shows into findings."""
    solved = feed.result()
    found, orphans = findings.build_findings(solved.atoms, pack, regency, date)
    return CheckResult(regency, pack, date, found, solved.messages + orphans, solved.stats)


_HEADER = re.compile(rb"(?m)^regency[ \t]*:")


def group_paths(paths: Sequence[str]) -> list[tuple[str, ...]]:
    """Which paths form one regency. Paths merge into one regency (a base folder plus extra files),
    unless several of them carry their own `regency:` header: then each path is a regency of its own
    (`validate data/tanah-laut data/gianyar`). Reads bytes only; nothing is parsed twice."""
    if len(paths) < 2:
        return [tuple(paths)]
    with_header = 0
    for path in paths:
        try:
            files = load.discover([path])
        except load.InputError:
            return [tuple(paths)]  # let the real run report it
        if any(_has_header(f) for f in files):
            with_header += 1
    return [(p,) for p in paths] if with_header > 1 else [tuple(paths)]


def _has_header(name: str) -> bool:
    try:
        with open(name, "rb") as fh:
            return bool(_HEADER.search(fh.read()))
    except OSError:
        return False


def resolve_as_of(regency: Regency, as_of: str | None) -> str:
    if as_of:
        return as_of
    head = regency.regency or {}
    return str(head.get("as_of") or dt.date.today().isoformat())


def check_regency(
    regency: Regency,
    regulation: str | None = None,
    as_of: str | None = None,
    rules_dirs: Sequence[Path] = (),
) -> CheckResult:
    """The rules over a regency already loaded (and validated): as validate_and_check does it,
    without the overlap with loading."""
    feed = engine.FactFeed()
    try:
        feed.add(facts.record_facts(regency.records))
        pack, date = _start_solving(feed, regency, regulation, as_of, rules_dirs)
        return _findings(feed, regency, pack, date)
    finally:
        feed.close()
