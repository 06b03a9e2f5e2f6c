"""A topic file's `parameters:` as tables of rows: a whole table (`facts:`), or, in a pack that
extends another, the inherited table edited row by row (`remove:`, `replace:`, `add:`), so a later
fix to the parent's other rows still reaches the child. Each row keeps its citation, its dates
(`from:`/`to:`, OpenFisca's dated values: an amendment is a dated row, not a new pack) and the pack
that wrote it.

Every edit must meet the table it edits: removing or replacing a row that is not there, or adding
one whose key is already law at the same time, is a located pack error, never a silent no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from checker.packs.model import Parameter, Row
from checker.packs.yaml_doc import Doc, norm_date

Cite = Callable[[Any], tuple[list[str], str]]  # citation value -> (provision keys, human citation)
EDITS = ("remove", "replace", "add")


def read_parameter(
    name: str, spec: dict[str, Any], before: Parameter | None, pack_id: str, cite: Cite, doc: Doc
) -> Parameter:
    """The parameter `name` as this pack has it."""
    at = ("parameters", name)
    key = spec.get("key", before.key if before else None)
    if "facts" in spec:
        rows = [_row(raw, pack_id, cite) for raw in spec["facts"]]
    elif before is None:
        raise doc.error(
            at, f"parameter `{name}` edits rows ({', '.join(EDITS)}) but no pack it extends defines it"
        )
    else:
        rows = _edit(before.rows, spec, key, pack_id, cite, doc, at)
    _no_overlap(rows, key, doc, at)
    if "citation" in spec or before is None:
        (cites, citation), cited_in = cite(spec.get("citation")), pack_id
    else:
        cites, citation, cited_in = before.cites, before.citation, before.cited_in
    return Parameter(
        name=name,
        rows=rows,
        description=str(spec.get("description", before.description if before else "")),
        citation=citation,
        source=str(doc.path),
        overrides=(before.inherited_from or before.overrides) if before is not None else None,
        cites=list(cites),
        key=key,
        cited_in=cited_in,
    )


def _row(raw: Any, pack_id: str, cite: Cite) -> Row:
    """`[a, b]`, a single value, or `{row: [a, b], citation: [keys], from: date, to: date}`."""
    if not isinstance(raw, dict):
        return Row(tuple(raw) if isinstance(raw, list) else (raw,), pack=pack_id)
    keys, citation = cite(raw.get("citation")) if raw.get("citation") else ([], "")
    return Row(
        tuple(raw["row"]),
        tuple(keys),
        citation,
        norm_date(raw.get("from")) or "",
        norm_date(raw.get("to")) or "",
        pack_id,
    )


def row_key(values: Sequence[Any], key: int | None) -> tuple[str, ...]:
    """A row's identity: its leading `key` columns (all of them by default), as ASP terms."""
    from checker.packs.load import asp_term

    return tuple(asp_term(v) for v in (values[:key] if key else values))


def _edit(
    rows: list[Row],
    spec: dict[str, Any],
    key: int | None,
    pack_id: str,
    cite: Cite,
    doc: Doc,
    at: tuple[str, ...],
) -> list[Row]:
    out = list(rows)
    for i, raw in enumerate(spec.get("remove") or []):
        wanted = row_key(raw if isinstance(raw, list) else [raw], None)
        kept = [r for r in out if row_key(r.values, key) != wanted]
        if len(kept) == len(out):
            raise doc.error(
                (*at, "remove", i), f"no inherited row has the key {list(wanted)}{_keys(out, key)}"
            )
        out = kept
    for i, raw in enumerate(spec.get("replace") or []):
        new = _row(raw, pack_id, cite)
        hits = [n for n, r in enumerate(out) if row_key(r.values, key) == row_key(new.values, key)]
        if not hits:
            raise doc.error(
                (*at, "replace", i),
                f"no inherited row to replace has the key {list(row_key(new.values, key))}",
            )
        out = [r for n, r in enumerate(out) if n not in hits[1:]]
        out[hits[0]] = new
    out += [_row(raw, pack_id, cite) for raw in spec.get("add") or []]
    return out


def _keys(rows: list[Row], key: int | None) -> str:
    known = sorted({" ".join(row_key(r.values, key)) for r in rows})
    return f" (the rows: {'; '.join(known[:12])}{' ...' if len(known) > 12 else ''})" if known else ""


def _no_overlap(rows: list[Row], key: int | None, doc: Doc, at: tuple[str, ...]) -> None:
    """Two rows with one key are law at different times, or the table says two things at once (or
    the same thing twice)."""
    seen: dict[tuple[str, ...], list[Row]] = {}
    for row in rows:
        k = row_key(row.values, key)
        for other in seen.get(k, []):
            if _overlap(row, other):
                raise doc.error(
                    at,
                    f"two rows with the key {list(k)} are law at the same time: "
                    f"{list(other.values)} and {list(row.values)}",
                )
        seen.setdefault(k, []).append(row)


def _overlap(a: Row, b: Row) -> bool:
    return (not a.end or not b.start or b.start <= a.end) and (not b.end or not a.start or a.start <= b.end)


def parameter_facts(parameters: dict[str, Parameter], day: str | None = None) -> str:
    """The rows law on `day` as ASP facts: name(v1, v2, ...); every row when no day is given."""
    from checker.packs.load import asp_term

    return "\n".join(
        f"{p.name}({', '.join(asp_term(v) for v in row.values)})."
        for p in parameters.values()
        for row in p.rows
        if row.in_force_on(day)
    )
