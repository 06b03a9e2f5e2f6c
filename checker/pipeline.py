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
    """`validate` then `check_regency`, with the solver started before the integrity checks end.

    clingo releases the GIL while it grounds, so the cross-file integrity checks (Python) run on the
    other core meanwhile. The result is used only when the data proves clean: the rules never
    report on broken data. Pack errors surface exactly as from check_regency."""
    import threading

    from checker.integrity import check_integrity
    from checker.schema import validate_header

    loaded = load.load_paths(paths, jobs=jobs, cache=cache, schema=True)
    # the records live until the end of the run and hold no cycles: keep the collector from
    # rescanning them while integrity, facts and findings allocate (a process-wide setting)
    gc.freeze()
    problems = list(loaded.problems)
    if any(is_unreadable(p) for p in problems):
        return Validation(loaded.regency, sorted(problems, key=Problem.sort_key)), None
    problems.extend(validate_header(loaded.regency))
    outcome: dict[str, CheckResult | BaseException] = {}

    def solve() -> None:
        try:
            outcome["result"] = check_regency(loaded.regency, regulation, as_of)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread below
            outcome["error"] = exc

    solver = threading.Thread(target=solve, name="sistemkerja-solve") if not problems else None
    if solver:
        solver.start()
    problems.extend(check_integrity(loaded.regency))
    if solver:
        solver.join()
    problems.sort(key=Problem.sort_key)
    checked = Validation(loaded.regency, problems)
    if problems:
        return checked, None
    if "error" in outcome:
        raise outcome["error"]
    result = outcome["result"]
    assert isinstance(result, CheckResult)
    return checked, result


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
    head = regency.regency or {}
    pack = load_pack(regulation or str(head.get("regulation", "")), rules_dirs)
    date = resolve_as_of(regency, as_of)
    in_force_rules = [r.id for r in pack.rules.values() if not r.in_force or r.in_force <= date]
    fact_text = facts.build_facts(regency, date, pack.in_force, in_force_rules)
    solved = engine.solve([str(p) for p in pack.programs], fact_text, parameter_facts(pack))
    found, orphans = findings.build_findings(solved.atoms, pack, regency, date)
    return CheckResult(regency, pack, date, found, solved.messages + orphans, solved.stats)
