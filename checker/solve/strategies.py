"""How a regency is solved: whole, fed to clingo while its files load, or in parts.

The strategy is chosen here, once: a regency of more than SPLIT_AT parts' worth of records is
solved in parts (checker.solve.partition), each in a process of its own; a smaller one is solved
whole, its facts given to clingo file by file as they load (`EarlyFacts`) unless its size already
says it will be split.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker import findings
from checker.load import FileResult, file_size
from checker.model import Record, Regency
from checker.packs import Pack, PackError, load_pack, parameter_facts
from checker.result import CheckResult
from checker.solve import PART_SIZE as PART_SIZE  # defined with the package (see there)
from checker.solve import engine, facts, partition
from checker.solve.atoms import Atom

Feed = engine.FactFeed

# A regency of more than SPLIT_AT parts' worth of records (600,000 records, about 110,000 staff)
# is solved in parts of about PART_SIZE records each (checker.solve.partition): clingo's memory stays
# bounded and its grounding linear. Below that, solving whole overlaps clingo with parsing and is
# faster. A part size of 0 solves every regency whole.
SPLIT_AT = 6


def splits(records: float, part_size: int) -> bool:
    return part_size > 0 and records > SPLIT_AT * part_size


@dataclass(frozen=True)
class Law:
    """What the data is checked against: the pack (by id; default: the one the data names), the
    date, where packs are looked up, and which of the pack's rules run (ids or globs; default all)."""

    regulation: str | None = None
    as_of: str | None = None
    rules_dirs: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()  # --rule
    skip: tuple[str, ...] = ()  # --skip-rule
    # how a pack is loaded: checker.packs.load_pack, or the cache's (Cache.load_pack), which keeps
    # the loaded pack as data under a key of its files' content
    loader: Callable[[str, tuple[Path, ...]], Pack] = load_pack

    def selected(self, pack: Pack) -> Pack:
        """The pack with only the rules chosen; a pattern that matches none of its rules is an
        error (a typo would else check nothing and report clean). A base pack is refused: its
        rules cite nothing and have no date; a regulation that extends it gives both."""
        if pack.abstract:
            raise PackError(f"{pack.id} is a base pack (abstract): check under a regulation that extends it")
        if not self.select and not self.skip:
            return pack
        for pattern in (*self.select, *self.skip):
            if not fnmatch.filter(pack.rules, pattern):
                raise PackError(f"--rule/--skip-rule '{pattern}' matches no rule of {pack.id}")
        keep = {
            rid: rule
            for rid, rule in pack.rules.items()
            if (not self.select or any(fnmatch.fnmatchcase(rid, p) for p in self.select))
            and not any(fnmatch.fnmatchcase(rid, p) for p in self.skip)
        }
        return replace(pack, rules=keep)


# A regency's YAML takes about 190 bytes a record (generated data; real data, with longer names
# and comments, more). Reckoned low, so that a regency counted into parts by its bytes is one
# (else it is solved whole after loading, without the overlap with parsing).
BYTES_PER_RECORD = 150


class EarlyFacts:
    """Gives clingo each file's facts as the file is loaded, for a regency to be solved whole.
    It gives up when the regency proves larger than one part, and does not start when the size of
    its files says it will be: clingo would keep the symbols of facts that no part uses."""

    def __init__(self, part_size: int, files: Sequence[str]) -> None:
        self.part_size = part_size
        self.records = 0
        self.feed: engine.FactFeed | None = None
        if not splits(sum(map(file_size, files)) / BYTES_PER_RECORD, part_size):
            self.feed = engine.FactFeed()

    def __call__(self, loaded: FileResult) -> None:
        if self.feed is None:
            return
        self.records += sum(len(v) for v in loaded.records.values())
        if splits(self.records, self.part_size):
            self.close()
            return
        try:
            self.feed.add(facts.record_facts(loaded.records))
        except facts.FactError:
            self.close()  # the file is not yet schema-checked: that check will say what is wrong

    def take(self) -> engine.FactFeed | None:
        """The run holding every record's facts, if there is one (the caller now owns it)."""
        feed, self.feed = self.feed, None
        return feed

    def close(self) -> None:
        if self.feed is not None:
            self.feed.close()
            self.feed = None


class Solving:
    """A check under way: `result` waits for it, `close` abandons it."""

    def result(self) -> CheckResult:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        return "whole"


def start(
    regency: Regency,
    law: Law,
    part_size: int,
    workers: int,
    feed: engine.FactFeed | None = None,
) -> Solving:
    """Start solving, whole or in parts: the records' facts are in `feed` already if given."""
    if feed is None and splits(partition.record_count(regency), part_size):
        return InParts(regency, law, part_size, workers)
    if feed is None:
        feed = engine.FactFeed()
        feed.add(facts.record_facts(regency.records))
    return Whole(feed, regency, law)


class Whole(Solving):
    """One clingo run over every record (engine.FactFeed, in a thread of this process)."""

    def __init__(
        self,
        feed: engine.FactFeed,
        regency: Regency,
        law: Law,
    ) -> None:
        self.feed, self.regency = feed, regency
        try:
            self.pack, self.date = _start_solving(feed, regency, law)
        except BaseException:
            feed.close()
            raise

    def result(self) -> CheckResult:
        return _findings(self.feed.result(), self.regency, self.pack, self.date)

    def close(self) -> None:
        self.feed.close()


class InParts(Solving):
    """The parts of a large regency (checker.solve.partition), each found and solved in a process of
    its own (engine.Isolated), `workers` at a time, the first ones at once."""

    def __init__(
        self,
        regency: Regency,
        law: Law,
        part_size: int,
        workers: int,
    ) -> None:
        run = _setup(regency, law)
        self.regency, self.pack, self.date = regency, run.pack, run.date
        self.plan = partition.Plan(regency, part_size)
        rest = run.header + run.parameters  # each child's own facts besides its records
        calls = ((self.plan, i, run.programs, rest) for i in range(len(self.plan)))
        self.children = engine.Isolated(_solve_part, calls, workers)

    def result(self) -> CheckResult:
        atoms: list[Atom] = []
        messages: dict[str, None] = {}
        stats: dict[str, float] = {"parts": len(self.plan)}
        for solved in self.children:
            atoms.extend(solved.atoms)
            messages.update(dict.fromkeys(solved.messages))
            for key, value in solved.stats.items():
                stats[key] = stats.get(key, 0.0) + value
        atoms.sort(key=engine.atom_order)
        solved = engine.SolveResult(atoms, list(messages), stats)
        return _findings(solved, self.regency, self.pack, self.date, self.plan.index)

    def close(self) -> None:
        self.children.close()

    def describe(self) -> str:
        return f"in {len(self.plan)} parts"


def _solve_part(plan: partition.Plan, i: int, programs: list[str], parameters: str) -> engine.SolveResult:
    """Part i, in the child that solves it: its halo found, its facts written, and of the atoms
    shown, those about its home records (and, in the first part, those about no record: the
    regency itself)."""
    part = plan.part(i)
    solved = engine.solve(programs, facts.record_facts(part.records), parameters)
    keep = [a for a in solved.atoms if a.record in part.home or (i == 0 and a.record not in plan.index)]
    return engine.SolveResult(keep, solved.messages, {**solved.stats, "records": part.size})


def _start_solving(
    feed: engine.FactFeed,
    regency: Regency,
    law: Law,
) -> tuple[Pack, str]:
    """Give clingo the run's own facts and the pack, and let it ground; the records' facts are
    already there."""
    run = _setup(regency, law)
    feed.add(run.header)
    feed.start_solving(run.programs, run.parameters)
    return run.pack, run.date


@dataclass
class _Setup:
    """What a run solves besides the records' facts: the pack, the date, the header facts."""

    pack: Pack
    date: str
    programs: list[str]
    header: str  # regency, as_of, in_force, enacted rules
    parameters: str  # the pack's parameter facts


def _setup(regency: Regency, law: Law) -> _Setup:
    head = regency.regency or {}
    pack = law.selected(law.loader(law.regulation or str(head.get("regulation", "")), law.rules_dirs))
    date = resolve_as_of(regency, law.as_of)
    header = facts.header_facts(regency.regency, date, pack.in_force, pack.rules_in_force(date))
    return _Setup(pack, date, [str(p) for p in pack.programs], header, parameter_facts(pack, date))


def _findings(
    solved: engine.SolveResult,
    regency: Regency,
    pack: Pack,
    date: str,
    index: dict[str, Record] | None = None,
) -> CheckResult:
    """Turn the atoms clingo shows into findings."""
    found, orphans = findings.build_findings(solved.atoms, pack, regency, date, index)
    return CheckResult(regency, pack, date, found, solved.messages + orphans, solved.stats)


def resolve_as_of(regency: Regency, as_of: str | None) -> str:
    if as_of:
        return as_of
    head = regency.regency or {}
    return str(head.get("as_of") or dt.date.today().isoformat())
