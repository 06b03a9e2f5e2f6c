"""Records described for a reader: a per-kind list of descriptive fields, references followed one
step (a position's grade, a unit's place in its OPD's tree). Nothing here is written per rule."""

from __future__ import annotations

from typing import Any

from checker.model import SINGULAR, Location, Record, Regency

# The fields that describe a record of each kind, in the order they are shown.
DESCRIBE: dict[str, tuple[str, ...]] = {
    "opds": ("kind", "type", "parent"),
    "units": ("kind", "opd", "parent", "head", "independent"),
    "positions": ("grade", "role", "tugas_tambahan", "unit", "penyetaraan"),
    "employees": ("position", "unit", "instansi"),
    "placements": ("employee", "unit", "assessor", "set_by", "decree", "start", "end"),
    "delegations": ("delegator", "delegate", "decree", "start", "end"),
    "designations": ("employee", "kind", "unit", "decree", "start", "end"),
    "targets": ("unit", "status", "accepted_by", "reviewed_by", "start", "end"),
    "teams": ("unit", "target", "members", "start", "end"),
    "assignments": (
        "employee",
        "method",
        "scope",
        "purpose",
        "target",
        "team",
        "appointed_by",
        "status",
        "start",
        "end",
    ),
    "letters": (
        "kind",
        "number",
        "date",
        "assignment",
        "in_reply_to",
        "from",
        "to",
        "cc",
        "signed_by",
        "drafted_by",
        "medium",
        "decision",
        "reason",
    ),
    "reports": ("from", "to", "target", "team", "assignment", "date"),
}


def where(loc: Location | None) -> str:
    return f"{loc.file}:{loc.line}" if loc else "-"


class Describer:
    """Describes records of one regency; built once per regency (an id index and nothing else)."""

    def __init__(self, regency: Regency) -> None:
        self.regency = regency
        self.index: dict[str, Record] = regency.by_id()

    def record(self, value: Any) -> Record | None:
        return self.index.get(value) if isinstance(value, str) else None

    def label(self, rec: Record) -> str:
        """`id "name"`: how a record is named in a sentence."""
        name = rec.data.get("name") or rec.data.get("title") or rec.data.get("number")
        return f'{rec.id} "{name}"' if name else rec.id

    def unit_path(self, rec: Record) -> str:
        """The unit's place in its OPD: names from the root down (bounded: the tree is checked acyclic,
        but a bad input must not loop)."""
        names: list[str] = []
        seen: set[str] = set()
        cur: Record | None = rec
        while cur is not None and cur.id not in seen and cur.kind == "units":
            seen.add(cur.id)
            names.append(str(cur.data.get("name") or cur.id))
            cur = self.record(cur.data.get("parent"))
        return " > ".join(reversed(names))

    def brief(self, rec: Record) -> str:
        """The one fact that places a referenced record: a position's grade, a unit's path, ..."""
        d = rec.data
        if rec.kind == "positions":
            parts = [f"grade {d.get('grade')}"]
            if d.get("role"):
                parts.append(f"role {d['role']}")
            if d.get("tugas_tambahan"):
                parts.append(f"tugas tambahan {d['tugas_tambahan']}")
            return ", ".join(parts)
        if rec.kind == "units":
            return self.unit_path(rec)
        if rec.kind == "employees":
            pos = self.record(d.get("position"))
            if pos is not None:
                return f"position {pos.id}, grade {pos.data.get('grade')}"
            return ""
        if rec.kind == "opds":
            return f"kind {d.get('kind')}"
        return ""

    def reference(self, rec: Record) -> str:
        brief = self.brief(rec)
        return f"{self.label(rec)} ({where(rec.location)}){' — ' + brief if brief else ''}"

    def value(self, value: Any) -> str:
        """A field's value: a reference to another record is named and located."""
        if isinstance(value, list):
            return "; ".join(self.value(v) for v in value)
        if isinstance(value, dict):
            if "employee" in value:  # a team member
                role = f" ({value.get('role')})" if value.get("role") else ""
                return self.value(value["employee"]) + role
            return ", ".join(f"{k} {self.value(v)}" for k, v in value.items() if v is not None)
        rec = self.record(value)
        return self.reference(rec) if rec is not None else str(value)

    def fields(self, rec: Record) -> list[tuple[str, str | list[str]]]:
        """(field, value); a list (team members, copies of a letter) keeps one entry per item."""
        out: list[tuple[str, str | list[str]]] = []
        for key in DESCRIBE.get(rec.kind, ()):
            val = rec.data.get(key)
            if val is None or val == "" or val == []:
                continue
            if isinstance(val, list) and len(val) > 1:
                out.append((key, [self.value(v) for v in val]))
            else:
                out.append((key, self.value(val)))
        if rec.kind == "units":
            out.append(("path", self.unit_path(rec)))
        return out

    def describe(self, rec: Record, indent: str = "") -> list[str]:
        head = f"{indent}{SINGULAR.get(rec.kind, rec.kind)} {self.label(rec)} ({where(rec.location)})"
        lines = [head]
        for key, text in self.fields(rec):
            # one fact per line, never wrapped: each line stays whole for grep and diff
            if isinstance(text, list):
                lines.append(f"{indent}    {key}:")
                lines += [f"{indent}      - {item}" for item in text]
            else:
                lines.append(f"{indent}    {key}: {text}")
        return lines

    def record_dict(self, rec: Record) -> dict[str, Any]:
        return {
            "id": rec.id,
            "kind": rec.kind,
            "name": rec.data.get("name") or rec.data.get("title"),
            "location": _loc(rec.location),
            "fields": [{"name": k, "value": v} for k, v in self.fields(rec)],
        }


def _loc(loc: Location | None) -> dict[str, Any] | None:
    return {"file": loc.file, "line": loc.line, "column": loc.column} if loc else None
