"""Solving a very large regency in parts: which records each part holds, and which it reports on.

clingo keeps every ground atom (about 250 bytes each, some 65 atoms per staff member), and its
grounding grows a little faster than the data, so a regency of a million staff is solved in
parts of about `size` records each, one after the other, and the findings are put together.

The unit of a part is a *cell*: an OPD, or an independent unit inside it (a school, puskesmas or
UPTD with `independent: true`, and everything under it). Every record belongs to one cell,
through the record that owns it (model.OWNER_FIELDS: an assignment by its target, a letter by its
assignment, ...). Cells are taken in order (OPD, unit) and packed into parts. A part reports
findings only about its *home* records, the records of its cells; besides them it holds the
*halo* that findings on them may depend on:

- every record a held record names, and so on (integrity.REFERENCES): an assignment's target,
  team and appointer, a team's members, a letter's signer, a unit's parent, OPD and head
  position, ...;
- the root unit of a held OPD, and the employees who hold the head of a held unit (its Pimpinan
  Unit Organisasi);
- every record that names a home employee: their assignments, teams, letters, reports, and the
  placements they assess (a JF assessor's count of assessed staff);
- every letter or report that names a held assignment, and every reply to a held letter;
- the own placements, designations and delegations of every held employee (an assessor's
  assessor, a delegate).

A rule pack whose findings reach further than this (a regency-wide count, say) would be wrong
when solved in parts. So `tests/ruletools.run_check` solves every rule fixture both whole and in
parts, and the two must give the same findings; `tests/test_partition.py` does the same on
generated regencies with injected breaches of every rule, for both shipped regulations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from checker.integrity import REFERENCES, field_reader
from checker.model import COLLECTIONS, Record, Regency, place_records

Cell = tuple[str, str]  # (OPD id, independent unit id or "")

# who is named by a held record's fields, read once per collection
_READERS: dict[str, list[Callable[[Any], Iterable[tuple[str, Any]]]]] = {
    kind: [field_reader(spec) for spec, _target in specs] for kind, specs in REFERENCES.items()
}
# the incoming references the halo follows: to employees, assignments and letters
_FOLLOWED = frozenset({"employees", "assignments", "letters"})
_OWN = {"placements": "employee", "designations": "employee", "delegations": "delegator"}


@dataclass
class Part:
    home: set[str] = field(default_factory=set)  # ids of the records it reports on
    records: dict[str, list[Record]] = field(default_factory=lambda: {c: [] for c in COLLECTIONS})

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.records.values())


def record_count(regency: Regency) -> int:
    return sum(len(v) for v in regency.records.values())


def split(regency: Regency, size: int) -> list[Part]:
    """The parts to solve a regency in, each with about `size` home records (a cell larger than
    that is a part of its own); one part holding everything when the regency is no larger."""
    recs = regency.records
    if record_count(regency) <= size:
        whole = Part(records={k: list(v) for k, v in recs.items()})
        whole.home = {r.id for v in recs.values() for r in v}
        return [whole]
    placed = _cells(regency)
    unplaced: Cell = ("", "")  # a record that names no owner (integrity lets few through)
    cells = [placed.get(r.id, unplaced) for kind in COLLECTIONS for r in recs[kind]]
    del placed
    sizes: dict[Cell, int] = {}
    for cell in cells:
        sizes[cell] = sizes.get(cell, 0) + 1
    part_of: dict[Cell, int] = {}
    count = filled = 0
    for cell in sorted(sizes):
        if filled and filled + sizes[cell] > size:
            count, filled = count + 1, 0
        part_of[cell] = count
        filled += sizes[cell]
    homes: list[list[Record]] = [[] for _ in range(count + 1)]
    everyone = (r for kind in COLLECTIONS for r in recs[kind])
    for rec, cell in zip(everyone, cells, strict=True):
        homes[part_of[cell]].append(rec)
    del cells
    return list(_with_halos(regency, homes))


def _cells(regency: Regency) -> dict[str, Cell]:
    """The cell of every record: a unit's is its nearest independent ancestor-or-self, else its
    OPD; the other records take the cell of the record that owns them."""
    units = {u.id: u for u in regency.records["units"]}
    placed: dict[str, Cell] = {o.id: (o.id, "") for o in regency.records["opds"]}
    cells: dict[str, Cell] = {}
    for unit in units.values():
        chain: list[str] = []
        cur: Record | None = unit
        while cur is not None and cur.id not in cells and cur.data.get("independent") is not True:
            if cur.id in chain:  # a parent cycle (integrity reports it): stop
                cur = None
                break
            chain.append(cur.id)
            parent = cur.data.get("parent")
            cur = units.get(parent) if isinstance(parent, str) else None
        if cur is None:  # the top of the tree: the OPD's own cell
            cell = (str(unit.data.get("opd") or ""), "")
        elif cur.id in cells:
            cell = cells[cur.id]
        else:
            cell = cells[cur.id] = (str(cur.data.get("opd") or ""), cur.id)
        for uid in chain:
            cells[uid] = cell
    placed.update(cells)
    return place_records(regency.records, placed)


def _named(rec: Record) -> Iterator[str]:
    for read in _READERS.get(rec.kind, ()):
        for _path, value in read(rec.data):
            if isinstance(value, str):
                yield value


def _with_halos(regency: Regency, homes: list[list[Record]]) -> Iterator[Part]:
    recs = regency.records
    index = regency.by_id()
    incoming: dict[str, list[Record]] = {}
    for kind in COLLECTIONS:
        for rec in recs[kind]:
            for name in _named(rec):
                target = index.get(name)
                if target is not None and target.kind in _FOLLOWED:
                    incoming.setdefault(name, []).append(rec)
    # who holds the position that heads each unit (its Pimpinan Unit Organisasi)
    head_of = {u.data.get("head"): u.id for u in recs["units"] if isinstance(u.data.get("head"), str)}
    leaders: dict[str, list[Record]] = {}
    for emp in recs["employees"]:
        unit = head_of.get(emp.data.get("position"))
        if unit is not None:
            leaders.setdefault(unit, []).append(emp)
    # the unit(s) at the top of each OPD's tree (a parent OPD's root: the line above a UPTD)
    roots: dict[str, list[Record]] = {}
    for unit in recs["units"]:
        if not unit.data.get("parent") and isinstance(unit.data.get("opd"), str):
            roots.setdefault(unit.data["opd"], []).append(unit)
    for home in homes:
        part = Part(home={r.id for r in home})
        held: set[int] = set()  # id() of the records taken, records being unhashable
        todo = list(home)
        while todo:
            rec = todo.pop()
            if id(rec) in held:
                continue
            held.add(id(rec))
            part.records[rec.kind].append(rec)
            for name in _named(rec):
                target = index.get(name)
                if target is not None and id(target) not in held:
                    todo.append(target)
            if rec.kind in ("units", "opds"):
                extra = leaders if rec.kind == "units" else roots
                todo.extend(r for r in extra.get(rec.id, ()) if id(r) not in held)
            if rec.kind in _FOLLOWED:
                for other in incoming.get(rec.id, ()):
                    if id(other) not in held and _follows(rec, other, part.home):
                        todo.append(other)
        yield part


def _follows(rec: Record, other: Record, home: set[str]) -> bool:
    """Whether a part holding `rec` needs `other`, a record that names it."""
    if rec.kind != "employees" or rec.id in home:
        return True  # all of a home employee's records; all letters and reports on an assignment or letter
    own = _OWN.get(other.kind)  # a held employee's own placement, designation, delegation
    return own is not None and other.data.get(own) == rec.id
