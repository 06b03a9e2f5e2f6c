"""The pipeline as one call per command: load → validate → facts → solve → findings."""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker import engine, facts, findings, load, partition
from checker.atoms import Atom
from checker.model import Finding, Problem, Regency, is_unreadable
from checker.packs import Pack, load_pack, parameter_facts

# A regency of more records than this (about 110,000 staff) is solved in parts of about this many
# records each (checker.partition), which bounds clingo's memory; 0 solves every regency whole.
PART_SIZE = 600_000


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
    part_size: int = PART_SIZE,
) -> tuple[Validation, CheckResult | None]:
    """`validate` then `check_regency`, overlapped on two cores.

    clingo parses facts and grounds without holding the GIL. So each file's facts go to clingo as
    soon as the file is parsed, while the next file parses; and the schema and cross-file
    integrity checks (Python) run while clingo grounds. The result is used only when the data
    proves clean: the rules never report on broken data, and a pack error surfaces (exactly as
    from check_regency) only then. A regency that proves larger than `part_size` records is
    solved in parts once it is loaded and clean."""
    from checker.integrity import check_integrity
    from checker.schema import validate_header

    early = _EarlyFacts(part_size)
    try:
        loaded = load.load_paths(
            paths,
            # clingo reading the facts already takes a second core while this one parses: worker
            # processes for parsing pay off only beyond two (measured: 10% slower on two cores)
            jobs=jobs if jobs > 2 else 1,
            cache=cache,
            schema=True,
            defer_schema=True,
            on_file=early,
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
        if not problems and early.feed is not None:
            try:
                started = _start_solving(early.feed, loaded.regency, regulation, as_of)
            except Exception as exc:  # noqa: BLE001 - a pack problem counts only for clean data
                started = exc
        problems.extend(load.finish_schema(loaded, cache))
        problems.extend(check_integrity(loaded.regency))
        problems.sort(key=Problem.sort_key)
        checked = Validation(loaded.regency, problems)
        if problems:
            return checked, None
        if early.feed is None:
            return checked, _check_in_parts(loaded.regency, regulation, as_of, (), part_size)
        if isinstance(started, BaseException):
            raise started
        assert started is not None
        pack, date = started
        return checked, _findings(early.feed.result(), loaded.regency, pack, date)
    finally:
        if early.feed is not None:
            early.feed.close()


class _EarlyFacts:
    """Gives clingo each file's facts as the file is loaded, until the regency proves larger than
    one part: then it abandons that run (the regency is solved in parts once loaded)."""

    def __init__(self, part_size: int) -> None:
        self.feed: engine.FactFeed | None = engine.FactFeed()
        self.left = part_size if part_size > 0 else float("inf")

    def __call__(self, loaded: load.FileResult) -> None:
        if self.feed is None:
            return
        self.left -= sum(len(v) for v in loaded.records.values())
        if self.left < 0:
            self.feed.close()
            self.feed = None
        else:
            self.feed.add(facts.record_facts(loaded.records))


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


def _findings(solved: engine.SolveResult, regency: Regency, pack: Pack, date: str) -> CheckResult:
    """Turn the atoms clingo shows into findings."""
    found, orphans = findings.build_findings(solved.atoms, pack, regency, date)
    return CheckResult(regency, pack, date, found, solved.messages + orphans, solved.stats)


def _check_in_parts(
    regency: Regency,
    regulation: str | None,
    as_of: str | None,
    rules_dirs: Sequence[Path],
    part_size: int,
) -> CheckResult:
    """Solve the parts of a large regency one after the other (checker.partition), each in a
    process of its own (engine.isolated), keeping from each the atoms about its home records,
    and the few about no record (the regency itself) from the first."""
    head = regency.regency or {}
    pack = load_pack(regulation or str(head.get("regulation", "")), rules_dirs)
    date = resolve_as_of(regency, as_of)
    header = facts.header_facts(regency.regency, date, pack.in_force, pack.rules_in_force(date))
    programs, parameters = [str(p) for p in pack.programs], parameter_facts(pack)
    parts = partition.split(regency, part_size)
    atoms: list[Atom] = []
    messages: dict[str, None] = {}
    stats: dict[str, float] = {"parts": len(parts)}
    for i, part in enumerate(parts):
        solved = engine.isolated(_solve_part, part, header, programs, parameters)
        for atom in solved.atoms:
            if atom.record in part.home or (i == 0 and not any(atom.record in p.home for p in parts)):
                atoms.append(atom)
        messages.update(dict.fromkeys(solved.messages))
        for key, value in solved.stats.items():
            stats[key] = stats.get(key, 0.0) + value
        part.records.clear()
    atoms.sort(key=engine.atom_order)
    return _findings(engine.SolveResult(atoms, list(messages), stats), regency, pack, date)


def _solve_part(
    part: partition.Part, header: str, programs: list[str], parameters: str
) -> engine.SolveResult:
    return engine.solve(programs, facts.record_facts(part.records) + header, parameters)


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
    part_size: int = PART_SIZE,
) -> CheckResult:
    """The rules over a regency already loaded (and validated): as validate_and_check does it,
    without the overlap with loading."""
    if 0 < part_size < partition.record_count(regency):
        return _check_in_parts(regency, regulation, as_of, rules_dirs, part_size)
    feed = engine.FactFeed()
    try:
        feed.add(facts.record_facts(regency.records))
        pack, date = _start_solving(feed, regency, regulation, as_of, rules_dirs)
        return _findings(feed.result(), regency, pack, date)
    finally:
        feed.close()
