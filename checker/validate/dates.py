"""data.date: dates that are not on the calendar, periods that end before they start."""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from checker.model import Location, Problem
from checker.validate.context import Context, display, get, located, problem, say

DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "positions": ("penyetaraan.date",),
    "placements": ("decree_date", "start", "end"),
    "delegations": ("start", "end"),
    "designations": ("start", "end"),
    "targets": ("start", "end", "accepted_date"),
    "teams": ("start", "end"),
    "assignments": ("start", "end"),
    "letters": ("date", "duration.start", "duration.end"),
    "reports": ("date",),
}
PERIODS: dict[str, tuple[tuple[str, str], ...]] = {
    "placements": (("start", "end"),),
    "delegations": (("start", "end"),),
    "designations": (("start", "end"),),
    "targets": (("start", "end"),),
    "teams": (("start", "end"),),
    "assignments": (("start", "end"),),
    "letters": (("duration.start", "duration.end"),),
}

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_date(value: Any) -> date | None:
    """A YYYY-MM-DD string as a date; None when it is not one (wrong shape or not on the calendar)."""
    if not isinstance(value, str):
        return None
    return _parse_date_text(value)


@functools.lru_cache(maxsize=8192)  # a regency writes the same few hundred dates many times over
def _parse_date_text(value: str) -> date | None:
    m = _DATE.fullmatch(value)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _bad_date(value: Any) -> bool:
    """Written YYYY-MM-DD (so the schema accepts it) but not a real calendar date."""
    return isinstance(value, str) and _DATE.fullmatch(value) is not None and parse_date(value) is None


def check_dates(ctx: Context) -> list[Problem]:
    out = []
    for kind, fields in DATE_FIELDS.items():
        periods = PERIODS.get(kind, ())
        for rec in ctx.records[kind]:
            for path in fields:
                value = get(rec.data, path)
                if _bad_date(value):
                    out.append(
                        problem("data.date", rec, path, say("problem.date", field=display(path), value=value))
                    )
            for start_path, end_path in periods:
                start, end = parse_date(get(rec.data, start_path)), parse_date(get(rec.data, end_path))
                if start is not None and end is not None and end < start:
                    out.append(
                        problem(
                            "data.date",
                            rec,
                            end_path,
                            say(
                                "problem.period",
                                end_field=display(end_path),
                                end=end.isoformat(),
                                start_field=display(start_path),
                                start=start.isoformat(),
                            ),
                        )
                    )
    header = ctx.regency.regency
    if isinstance(header, dict) and _bad_date(header.get("as_of")):
        header_id = header.get("id") if isinstance(header.get("id"), str) else None
        label = f"regency {header_id}" if header_id else say("problem.regency-header")
        message = say("problem.date", field="as_of", value=header["as_of"])
        where = ctx.regency.regency_location or Location("<input>", 1, 1)
        message = say("problem.generic", subject=label, detail=message)
        out.append(located("data.date", message, where, header_id))
    return out
