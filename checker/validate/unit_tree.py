"""data.unit-tree: one root unit per OPD, parents within the OPD, no parent cycles."""

from __future__ import annotations

from checker.model import Problem, Record
from checker.validate.context import Context, problem, say


def check_unit_tree(ctx: Context) -> list[Problem]:
    return [*_roots(ctx), *_parents_in_opd(ctx), *_cycles(ctx)]


def _parent_of(ctx: Context, rec: Record) -> Record | None:
    parent = rec.data.get("parent")
    return ctx.by_kind["units"].get(parent) if isinstance(parent, str) else None


def _roots(ctx: Context) -> list[Problem]:
    """One root per OPD, in file order."""
    out: list[Problem] = []
    opds = ctx.by_kind["opds"]
    roots: dict[str, list[Record]] = {}
    for rec in ctx.records["units"]:
        opd = rec.data.get("opd")
        if rec.data.get("parent") is None and isinstance(opd, str) and opd in opds:
            roots.setdefault(opd, []).append(rec)
    for opd_id, opd in opds.items():
        found = roots.get(opd_id, [])
        if not found:
            out.append(
                problem(
                    "data.unit-tree",
                    opd,
                    None,
                    say("problem.no-root", opd=opd_id),
                )
            )
        for extra in found[1:]:
            out.append(
                problem(
                    "data.unit-tree",
                    extra,
                    "parent",
                    say("problem.second-root", opd=opd_id, root=found[0].id, location=found[0].location),
                )
            )
    return out


def _parents_in_opd(ctx: Context) -> list[Problem]:
    out: list[Problem] = []
    for rec in ctx.records["units"]:
        parent = _parent_of(ctx, rec)
        opd = rec.data.get("opd")
        parent_opd = parent.data.get("opd") if parent is not None else None
        if parent is not None and isinstance(opd, str) and isinstance(parent_opd, str) and opd != parent_opd:
            out.append(
                problem(
                    "data.unit-tree",
                    rec,
                    "parent",
                    say("problem.parent-opd", parent=parent.id, parent_opd=parent_opd, opd=opd),
                )
            )
    return out


def _cycles(ctx: Context) -> list[Problem]:
    """No cycles: each parent chain is followed once (0 = on the current chain, 1 = done)."""
    out: list[Problem] = []
    state: dict[int, int] = {}
    for start in ctx.by_kind["units"].values():
        chain: list[Record] = []
        cur: Record | None = start
        while cur is not None and id(cur) not in state:
            state[id(cur)] = 0
            chain.append(cur)
            cur = _parent_of(ctx, cur)
        if cur is not None and state[id(cur)] == 0:
            cycle = chain[next(i for i, r in enumerate(chain) if r is cur) :]
            first = min(range(len(cycle)), key=lambda i: ctx.order(cycle[i]))
            ordered = cycle[first:] + cycle[:first]
            loop = " -> ".join(r.id for r in [*ordered, ordered[0]])
            out.append(problem("data.unit-tree", ordered[0], "parent", say("problem.parent-loop", loop=loop)))
        for rec in chain:
            state[id(rec)] = 1
    return out
