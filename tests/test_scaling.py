"""Grounding grows linearly with the data: 10x the staff gives at most ~11x the ground program.

Not a timing test: it compares clingo's own count of the ground program (statistics
problem.lpStep: atoms and rules) for two synthetic regencies from benchmarks/generate.py, 500 and
5,000 staff, grounded with the shipped rule packs. A rule that pairs employees with employees of
the same unit or OPD grows with the square of the group and breaks the bound.
"""

from __future__ import annotations

from pathlib import Path

import clingo
import pytest

from benchmarks.generate import generate
from checker import load
from checker.packs import load_pack, parameter_facts
from checker.solve import facts
from checker.solve.engine import SHOW

SMALL, LARGE = 500, 5_000
BOUND = 1.1  # ground-program growth allowed per unit of staff growth (11x for 10x)


def ground_program(path: Path) -> dict[str, float]:
    """Load the regency, build its facts and ground them with its pack; clingo's size statistics."""
    loaded = load.load_paths([str(path)])
    assert not loaded.problems, loaded.problems[:3]
    regency = loaded.regency
    head = regency.regency or {}
    pack = load_pack(str(head["regulation"]))
    as_of = str(head["as_of"])
    enacted = pack.rules_in_force(as_of)
    text = facts.build_facts(regency, as_of, pack.in_force, enacted)
    ctl = clingo.Control(["--warn=none"])
    for program in pack.programs:
        ctl.load(str(program))
    ctl.add("base", [], text)
    ctl.add("base", [], parameter_facts(pack))
    ctl.add("base", [], SHOW)
    ctl.ground([("base", [])])
    ctl.solve()  # the statistics are filled in by the solve call (the packs are stratified: one model)
    lp = ctl.statistics["problem"]["lpStep"]
    return {"atoms": lp["atoms"], "rules": lp["rules"], "bodies": lp["bodies"], "enacted": len(enacted)}


@pytest.fixture(scope="module")
def sizes(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, float]]:
    base = tmp_path_factory.mktemp("scaling")
    out = {}
    for staff in (SMALL, LARGE):
        generate(staff, base / f"r{staff}", violation_rate=0.01, seed=3)
        out[staff] = ground_program(base / f"r{staff}")
    return out


def test_the_packs_are_grounded(sizes: dict[int, dict[str, float]]) -> None:
    assert sizes[SMALL]["enacted"] > 0, "no rule is enacted: the test would measure nothing"
    assert sizes[SMALL]["atoms"] > 0 and sizes[SMALL]["rules"] > 0


@pytest.mark.parametrize("measure", ["atoms", "rules"])
def test_ground_program_grows_linearly(sizes: dict[int, dict[str, float]], measure: str) -> None:
    growth = sizes[LARGE][measure] / sizes[SMALL][measure]
    limit = BOUND * LARGE / SMALL
    assert growth <= limit, (
        f"ground {measure} grew {growth:.1f}x for {LARGE // SMALL}x the staff "
        f"({sizes[SMALL][measure]:,.0f} -> {sizes[LARGE][measure]:,.0f}); above {limit:.0f}x means a rule "
        "joins records with records of the same group (employee x employee): join on keys instead"
    )
