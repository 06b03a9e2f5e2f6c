"""Facts: one function per collection, none forgotten, the same text however records are grouped."""

from __future__ import annotations

from pathlib import Path

from checker.load import load_paths
from checker.model import COLLECTIONS
from checker.solve.facts import RECORD_FACTS, record_facts

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"


def test_every_collection_has_its_facts() -> None:
    assert list(RECORD_FACTS) == [k for k in RECORD_FACTS if k in COLLECTIONS]
    assert set(RECORD_FACTS) == set(COLLECTIONS)


def test_facts_of_a_regency_are_the_facts_of_its_files() -> None:
    regency = load_paths([str(EXAMPLES)]).regency
    whole = set(record_facts(regency.records).splitlines())
    by_file: set[str] = set()
    for name in regency.files:
        by_file |= set(record_facts(load_paths([name]).regency.records).splitlines())
    assert whole == by_file and len(whole) > 500
