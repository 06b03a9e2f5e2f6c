"""The working-day calendar: data in the repository, generated from the `holidays` package, read
only by packs that count days, and right on the days that matter (cuti bersama, weekends)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from checker.packs.calendar import calendar_file, generate, uses_calendar

FACT = re.compile(r"(day|workday)\((\d{8}), (-?\d+)\)")


def _facts() -> dict[tuple[str, str], int]:
    text = calendar_file().read_text(encoding="utf-8")
    return {(m[1], m[2]): int(m[3]) for m in FACT.finditer(text)}


def test_the_committed_calendar_is_what_the_library_gives() -> None:
    assert calendar_file().read_text(encoding="utf-8") == generate(), (
        "regenerate: python -m checker.packs.calendar"
    )


def test_lebaran_2024_cuti_bersama_and_the_weekend_are_not_working_days() -> None:
    facts = _facts()
    friday = facts[("workday", "20240405")]
    # Sat 6, Sun 7; cuti bersama 8, 9, 12, 15 April; Idul Fitri 10, 11 April (SKB 3 Menteri 2024)
    for day in (
        "20240406",
        "20240407",
        "20240408",
        "20240409",
        "20240410",
        "20240411",
        "20240412",
        "20240415",
    ):
        assert facts[("workday", day)] == friday, day
    assert facts[("workday", "20240416")] == friday + 1
    assert facts[("day", "20240416")] - facts[("day", "20240405")] == 11
    assert facts[("day", "20240405")] == (dt.date(2024, 4, 5) - dt.date(1970, 1, 1)).days
    assert ("day", "20171231") not in facts and ("day", "20280101") not in facts  # outside: no fact


def test_only_a_pack_that_counts_days_reads_the_calendar(tmp_path: Path) -> None:
    counts = tmp_path / "a.lp"
    counts.write_text("late(L) :- letter(L, K, D), workday(D, W), as_of(T), workday(T, V), V - W > 5.\n")
    plain = tmp_path / "b.lp"
    plain.write_text("% workday(D, W) is mentioned in a comment only\nbirthday(X) :- employee(X).\n")
    assert uses_calendar([counts]) and not uses_calendar([plain])
