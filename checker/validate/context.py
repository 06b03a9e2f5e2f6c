"""What every integrity check shares: the regency's records indexed once, and how a problem names
its record and field."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from checker.i18n import tr
from checker.model import COLLECTIONS, Location, Problem, Record, Regency, Text


class Context:
    """Indexes shared by the checks: records in load order, the first record of each id per kind."""

    def __init__(self, regency: Regency) -> None:
        self.regency = regency
        rank = {name: i for i, name in enumerate(regency.files)}

        def order(rec: Record) -> tuple[int, str, int, int]:
            loc = rec.location
            return (rank.get(loc.file, len(rank)), loc.file, loc.line, loc.column)

        self.order = order
        self.records: dict[str, list[Record]] = {}
        for kind in COLLECTIONS:
            recs = [
                r for r in regency.records.get(kind, ()) if isinstance(r.data, dict) and isinstance(r.id, str)
            ]
            self.records[kind] = sorted(recs, key=order)
        self.by_kind: dict[str, dict[str, Record]] = {kind: {} for kind in COLLECTIONS}
        self.first: dict[str, Record] = {}
        for kind in COLLECTIONS:
            for rec in self.records[kind]:
                self.by_kind[kind].setdefault(rec.id, rec)
                prev = self.first.get(rec.id)
                if prev is None or order(rec) < order(prev):
                    self.first[rec.id] = rec


def label(rec: Record) -> str:
    return f"{rec.kind} {rec.id}"


def say(key: str, n: int | None = None, **values: Any) -> Text:
    """The catalogue's message `key` (checker/i18n.py) in both languages; a value that is a Text is
    given in each language, any other as it is."""

    def fill(lang: str) -> str:
        return tr(key, lang, n=n, **{k: v.get(lang) if isinstance(v, Text) else v for k, v in values.items()})

    return Text(fill("id"), fill("en"))


def prefixed(prefix: str, message: Text) -> Text:
    return Text(f"{prefix}{message.id}", f"{prefix}{message.en}")


def located(code: str, message: Text, where: Location, record: str | None = None) -> Problem:
    """A problem in both languages (English its `message`)."""
    return Problem(code, message.en, where, record, message.id)


def problem(code: str, rec: Record, path: str | None, message: Text) -> Problem:
    return located(code, prefixed(f"{label(rec)}: ", message), rec.where(path), rec.id)


def display(path: str) -> str:
    """ "members.0.employee" -> "members[0].employee"."""
    out = ""
    for part in path.split("."):
        if part.isdigit():
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def get(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def field_reader(spec: str) -> Callable[[Any], Iterable[tuple[str, Any]]]:
    """(path, value) pairs of a field spec, as _values gives them; a top-level field (most of
    them) is read directly, without a generator per record."""
    if "." in spec:
        return lambda data: _values(data, spec)
    return lambda data: ((spec, data[spec]),) if spec in data else ()


def _values(data: Any, spec: str, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) for a field spec such as "members.*.employee"; missing parts yield nothing."""
    head, _, rest = spec.partition(".")
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _values(item, rest, f"{prefix}{i}.") if rest else [(f"{prefix}{i}", item)]
        return
    if not isinstance(data, dict) or head not in data:
        return
    if rest:
        yield from _values(data[head], rest, f"{prefix}{head}.")
    else:
        yield f"{prefix}{head}", data[head]
