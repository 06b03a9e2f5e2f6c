"""Solving a very large regency in parts: which records each part holds, and which it reports on.

clingo keeps every ground atom (about 250 bytes each, some 65 atoms per staff member) and every
symbol it interned, and its grounding grows a little faster than the data, so a regency of a
million staff is solved in parts of about `size` records each, each part in a forked child
(pipeline._InParts, engine.Isolated), and the findings are put together.

The unit of a part is a *cell*: an OPD, or an independent unit inside it (a school, puskesmas or
UPTD with `independent: true`, and everything under it). Every record belongs to one cell,
through the record that owns it (model.OWNER_FIELDS: an assignment by its target, a letter by its
assignment, ...). Cells are taken in order (OPD, unit) and packed into parts by their weight:
their records, and the structure below them that lies in other cells. A part reports
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
  assessor, a delegate);
- the structure below its home units, where it lies in other cells: subunits, their positions
  and the holders of their structural positions (TL Pasal 21 ayat (3) looks for a filled
  Pengawas position in the owning unit's struktur organisasi), without what those records name.

A rule pack whose findings reach further than this (a regency-wide count, say) would be wrong
when solved in parts. So the case runner (`checker/packs/cases.py`) solves every rule case both
whole and in parts, and the two must give the same findings; `tests/test_partition.py` does the same on
generated regencies with injected breaches of every rule, for both shipped regulations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from checker.model import COLLECTIONS, Record, Regency, place_records
from checker.validate.integrity import REFERENCES, field_reader

Cell = tuple[str, str]  # (OPD id, independent unit id or "")

# the grades of the struktur organisasi (schemas/position.schema.json; rules/common/derived.lp)
STRUCTURAL = frozenset({"jpt_madya", "jpt_pratama", "administrator", "pengawas"})


def _namer(specs: list[str]) -> Callable[[dict[str, Any]], list[str]]:
    """The ids a record of one collection names, by its reference fields (a list comprehension
    for the top-level ones, which are nearly all)."""
    top = tuple(spec for spec in specs if "." not in spec)
    nested = [field_reader(spec) for spec in specs if "." in spec]

    def names(data: dict[str, Any]) -> list[str]:
        out = [v for f in top if isinstance(v := data.get(f), str)]
        for read in nested:
            out.extend(v for _path, v in read(data) if isinstance(v, str))
        return out

    return names


_NAMES = {kind: _namer([spec for spec, _target in specs]) for kind, specs in REFERENCES.items()}
# the records named by others that a part follows back: a home employee to everything naming
# them, an assignment to its letters and reports, a letter to its replies
_FOLLOWED = frozenset({"employees", "assignments", "letters"})
# the field by which a placement, designation or delegation belongs to an employee
_OWN = {"placements": "employee", "designations": "employee", "delegations": "delegator"}
# per collection, the ids its records name of those kinds (collections naming none are left out)
_NAMES_FOLLOWED = {
    kind: _namer(followed)
    for kind, specs in REFERENCES.items()
    if (followed := [spec for spec, target in specs if target in _FOLLOWED])
}


@dataclass
class Part:
    home: set[str] = field(default_factory=set)  # ids of the records it reports on
    records: dict[str, list[Record]] = field(default_factory=lambda: {c: [] for c in COLLECTIONS})

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.records.values())


def record_count(regency: Regency) -> int:
    return sum(len(v) for v in regency.records.values())


class Plan:
    """Which cells make up each part, and the indexes its halo is found with.

    `part(i)` builds part i: cheap to plan in one process, and each part built where it is
    solved (a forked child), so that the halos are found in parallel."""

    def __init__(self, regency: Regency, size: int) -> None:
        recs = regency.records
        self.index = regency.by_id()
        self.tree = _Tree.of(regency, self.index)
        placed = _cells(regency)
        unplaced: Cell = ("", "")  # a record that names no owner (integrity lets few through)
        cells = [placed.get(r.id, unplaced) for kind in COLLECTIONS for r in recs[kind]]
        costs = self.tree.costs_below(placed)  # a cell weighs its records and the structure below it
        del placed
        for cell in cells:
            costs[cell] = costs.get(cell, 0) + 1
        part_of: dict[Cell, int] = {}
        count = filled = 0
        for cell in sorted(costs):
            if filled and filled + costs[cell] > size:
                count, filled = count + 1, 0
            part_of[cell] = count
            filled += costs[cell]
        self.homes: list[list[Record]] = [[] for _ in range(count + 1)]
        everyone = (r for kind in COLLECTIONS for r in recs[kind])
        for rec, cell in zip(everyone, cells, strict=True):
            self.homes[part_of[cell]].append(rec)
        del cells
        self._halo = _Halo(regency, self.index)

    def __len__(self) -> int:
        return len(self.homes)

    def part(self, i: int) -> Part:
        return self._halo.around(self.homes[i], self.tree)


def split(regency: Regency, size: int) -> list[Part]:
    """The parts to solve a regency in, each with about `size` home records and the structure
    below them (a cell larger than that is a part of its own); one part holding everything when
    the regency is no larger."""
    recs = regency.records
    if record_count(regency) <= size:
        whole = Part(records={k: list(v) for k, v in recs.items()})
        whole.home = {r.id for v in recs.values() for r in v}
        return [whole]
    plan = Plan(regency, size)
    return [plan.part(i) for i in range(len(plan))]


@dataclass
class _Tree:
    """The unit tree, downwards: each unit's subunits, its positions, and the holders of its
    structural positions (the struktur organisasi; JF and pelaksana are not in it)."""

    children: dict[str, list[Record]]
    structure: dict[str, list[Record]]

    @classmethod
    def of(cls, regency: Regency, index: dict[str, Record]) -> _Tree:
        recs = regency.records
        children: dict[str, list[Record]] = {}
        for unit in recs["units"]:
            if isinstance(unit.data.get("parent"), str):
                children.setdefault(unit.data["parent"], []).append(unit)
        structure: dict[str, list[Record]] = {}
        for pos in recs["positions"]:
            if isinstance(pos.data.get("unit"), str):
                structure.setdefault(pos.data["unit"], []).append(pos)
        for emp in recs["employees"]:
            pos = index.get(emp.data.get("position") or "")
            if (
                pos is not None
                and pos.data.get("grade") in STRUCTURAL
                and isinstance(pos.data.get("unit"), str)
            ):
                structure.setdefault(pos.data["unit"], []).append(emp)
        return cls(children, structure)

    def costs_below(self, placed: dict[str, Cell]) -> dict[Cell, int]:
        """For each cell, the records of the structure below its units that lie in other cells
        (what its part holds besides; the root cell of an education office holds the structure
        of every school)."""
        weight: dict[str, int] = {}

        def subtree(unit: Record, path: frozenset[str]) -> int:
            if unit.id not in weight:
                below = (c for c in self.children.get(unit.id, ()) if c.id not in path)
                inner = path | {unit.id}
                weight[unit.id] = (
                    1 + len(self.structure.get(unit.id, ())) + sum(subtree(c, inner) for c in below)
                )
            return weight[unit.id]

        costs: dict[Cell, int] = {}
        for parent, kids in self.children.items():
            cell = placed.get(parent)
            for kid in kids:
                if cell is not None and placed.get(kid.id) != cell:
                    costs[cell] = costs.get(cell, 0) + subtree(kid, frozenset({parent}))
        return costs


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


class _Halo:
    """What a held record brings along besides the records it names (the module docstring)."""

    def __init__(self, regency: Regency, index: dict[str, Record]) -> None:
        recs = regency.records
        self.index = index
        self.naming: dict[str, list[Record]] = {}  # employee, assignment or letter id -> records naming it
        self.own: dict[str, list[Record]] = {}  # employee id -> own placements, designations, delegations
        for kind in COLLECTIONS:
            names, own_field = _NAMES_FOLLOWED.get(kind), _OWN.get(kind)
            for rec in recs[kind] if names or own_field else ():
                for name in names(rec.data) if names else ():
                    self.naming.setdefault(name, []).append(rec)
                if own_field is not None and isinstance(rec.data.get(own_field), str):
                    self.own.setdefault(rec.data[own_field], []).append(rec)
        head_of = {u.data.get("head"): u.id for u in recs["units"] if isinstance(u.data.get("head"), str)}
        leaders: dict[str, list[Record]] = {}  # unit id -> the holders of its head position
        for emp in recs["employees"]:
            unit = head_of.get(emp.data.get("position"))
            if unit is not None:
                leaders.setdefault(unit, []).append(emp)
        roots: dict[str, list[Record]] = {}  # OPD id -> the unit(s) at the top of its tree
        for unit in recs["units"]:
            if not unit.data.get("parent") and isinstance(unit.data.get("opd"), str):
                roots.setdefault(unit.data["opd"], []).append(unit)
        self.brings = {"units": leaders, "opds": roots, "assignments": self.naming, "letters": self.naming}

    def around(self, home: list[Record], tree: _Tree) -> Part:
        """The part of these home records: them, and their halo."""
        index, brings, none = self.index, self.brings, ()
        part = Part(home={r.id for r in home})
        held: set[int] = set()  # id() of the records taken, records being unhashable
        todo = list(home)
        while todo:
            rec = todo.pop()
            if id(rec) in held:
                continue
            held.add(id(rec))
            part.records[rec.kind].append(rec)
            for name in _NAMES[rec.kind](rec.data):
                target = index.get(name)
                if target is not None and id(target) not in held:
                    todo.append(target)
            if rec.kind == "employees":
                extra = (self.naming if rec.id in part.home else self.own).get(rec.id, none)
            else:
                extra = brings[rec.kind].get(rec.id, none) if rec.kind in brings else none
            todo.extend(r for r in extra if id(r) not in held)
        # the structure below its home units that lies in other cells (independent units), as
        # it is: a rule may look down a unit's structure (TL Pasal 21 ayat (3): a Pengawas in the
        # owning unit's structure); what those records name is not followed
        children = tree.children
        below = [c for r in part.records["units"] if r.id in part.home for c in children.get(r.id, none)]
        seen: set[str] = set()
        while below:
            unit = below.pop()
            if unit.id in seen:
                continue
            seen.add(unit.id)
            below.extend(children.get(unit.id, none))
            for rec in (unit, *tree.structure.get(unit.id, none)):
                if id(rec) not in held:
                    held.add(id(rec))
                    part.records[rec.kind].append(rec)
        return part
