"""A pack's tests as data: `<pack>/tests/<rule id>/<case>.yaml`, each a data delta with the findings
it must give, run through the same pipeline as `check` (whole, and in parts at the finest split).

A case file is regency data (collections at the top level, as any data file) plus the test's own
keys: `expect:` (the exact findings of the case's rule: rule, record, severity, status; `[]` for a
case that stays quiet), and optionally `description:`, `base:` (data folders under
`<pack>/tests/_base/` the delta is added to), `as_of:`, `regulation:` (default: the pack) and
`scope: all` (compare every finding, not only the rule's). The loader never sees the test's keys:
their lines are blanked (line numbers kept), so findings point into the case file itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.packs.model import Pack, PackError
from checker.packs.yaml_doc import Doc, read_yaml, validate_doc

CASE_KEYS = ("description", "base", "as_of", "regulation", "scope", "expect")
FIRES = ("open", "excepted", "uncheckable")  # a finding of the rule, whatever became of it
Expected = tuple[str, str, str, str]  # rule, record, severity, status


@dataclass(frozen=True)
class Case:
    pack: str
    rule: str
    path: Path
    bases: tuple[Path, ...]
    expect: tuple[Expected, ...]
    as_of: str | None = None
    regulation: str | None = None
    scope: str = "rule"
    description: str = ""

    @property
    def name(self) -> str:
        return f"{self.pack}/{self.rule}/{self.path.stem}"

    @property
    def fires(self) -> bool:
        return any(rule == self.rule and status in FIRES for rule, _, _, status in self.expect)


@dataclass
class Outcome:
    case: Case
    got: list[Expected] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the case could not run as written

    @property
    def passed(self) -> bool:
        return not self.problems and self.got == sorted(self.case.expect)


def cases_dir(pack: Pack) -> Path:
    return pack.path / "tests"


def find_cases(pack: Pack) -> list[Case]:
    """Every case of the pack, in file order; a malformed case file is a PackError (located)."""
    root = cases_dir(pack)
    if not root.is_dir():
        return []
    return [
        read_case(path, pack.id, folder.name)
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
        for path in sorted(folder.glob("*.yaml"))
    ]


def read_case(path: Path, pack_id: str, rule_id: str) -> Case:
    doc = read_yaml(path)
    if not isinstance(doc.data, dict):
        raise PackError(f"{path}: a case is a mapping of data collections and `expect:`")
    validate_doc(Doc(path, {k: v for k, v in doc.data.items() if k in CASE_KEYS}, doc.node), "pack-case")
    data = doc.data
    bases = tuple(_base(path, name) for name in _listed(data.get("base")))
    expect = tuple(
        (str(e["rule"]), str(e["record"]), str(e["severity"]), str(e["status"])) for e in data["expect"]
    )
    as_of = data.get("as_of")
    return Case(
        pack=pack_id,
        rule=rule_id,
        path=path,
        bases=bases,
        expect=expect,
        as_of=str(as_of) if as_of is not None else None,
        regulation=data.get("regulation"),
        scope=str(data.get("scope", "rule")),
        description=str(data.get("description", "")),
    )


def _listed(value: Any) -> list[str]:
    return [] if value is None else [str(v) for v in (value if isinstance(value, list) else [value])]


def _base(case: Path, name: str) -> Path:
    folder = case.parent.parent / "_base" / name
    if not folder.is_dir():
        raise PackError(f"{case}: base `{name}` is not a folder under {folder.parent}")
    return folder


def data_bytes(path: Path) -> bytes | None:
    """The case file with the test's keys blanked, line for line; None when it holds no data."""
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    lines = text.split("\n")
    data_keys = 0
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if key.value not in CASE_KEYS:
            data_keys += 1
            continue
        end = value.end_mark.line if value.end_mark.column else value.end_mark.line - 1
        for i in range(key.start_mark.line, min(end, len(lines) - 1) + 1):
            lines[i] = "#" if lines[i].strip() else lines[i]
    return "\n".join(lines).encode("utf-8") if data_keys else None


class _CaseSource:
    """Gives the loader the case file's data lines (the FileCache reading hook: the bytes to hash
    and parse); caches nothing."""

    def __init__(self, case: Path, raw: bytes) -> None:
        self.case, self.raw = str(case), raw

    def read(self, name: str, max_bytes: int) -> bytes | None:
        return self.raw if name == self.case else None

    def key(self, name: str, raw: bytes) -> str:
        return ""

    def get(self, key: str) -> None:
        return None

    def put(self, key: str, result: object) -> None:
        return None


def run_case(case: Case, rules_dirs: Sequence[Path] = ()) -> Outcome:
    """Run the case whole and at the finest split; both must give exactly `expect`."""
    from checker.load.discover import InputError
    from checker.pipeline import Options, run
    from checker.report.problems import render_problems

    out = Outcome(case)
    raw = data_bytes(case.path)
    files = [str(b) for b in case.bases] + ([str(case.path)] if raw is not None else [])
    if not files:
        out.problems.append(f"{case.path}: no data: give a `base:` or records")
        return out
    source = _CaseSource(case.path, raw) if raw is not None else None
    results = []
    for part_size in (0, 1):
        law = (case.regulation or case.pack, case.as_of, tuple(rules_dirs))
        try:
            result = run(files, Options(*law, part_size=part_size, cache=source))
        except InputError as exc:
            out.problems.append(f"{case.path}: {exc}")
            return out
        if result.problems:
            out.problems.append(
                f"{case.path}: the case's data has problems:\n{render_problems(result.problems)}"
            )
            return out
        assert result.check is not None
        found = result.check.findings
        results.append(
            sorted((f.rule_id, f.record, f.severity, f.status) for f in found if _in_scope(f, case))
        )
    whole, parts = results
    if whole != parts:
        out.problems.append(f"{case.path}: whole and in parts disagree: {whole} != {parts}")
    out.got = whole
    return out


def _in_scope(finding: Any, case: Case) -> bool:
    return case.scope == "all" or finding.rule_id == case.rule


def coverage_problems(pack: Pack) -> list[str]:
    """`rules --lint`: every rule whose law this pack states (its own, one it cites or changes, one
    of an abstract base, one whose parameters it edits) has a case that fires and one that stays
    quiet, in `<pack>/tests/<rule id>/`. A base's cases are its regulations'."""
    if pack.abstract:
        return []
    cases = find_cases(pack)
    problems = []
    for rule_id in sorted(_stated_here(pack)):
        mine = [c for c in cases if c.rule == rule_id]
        where = cases_dir(pack) / rule_id
        if not any(c.fires for c in mine):
            problems.append(
                f"{where}: rule `{rule_id}` has no case that fires (an `expect:` with its finding)"
            )
        if not any(not any(e[0] == rule_id for e in c.expect) for c in mine):
            problems.append(f"{where}: rule `{rule_id}` has no case that stays quiet (`expect: []`)")
    return problems


def _stated_here(pack: Pack) -> set[str]:
    from checker.packs.analysis import rule_parameters

    edited = {
        name
        for name, p in pack.parameters.items()
        if p.cited_in == pack.id or any(row.pack == pack.id for row in p.rows)
    }
    used = rule_parameters(pack)
    return {
        rid
        for rid, rule in pack.rules.items()
        if rule.defined_in == pack.id or _abstract(rule.defined_in, pack) or edited & set(used.get(rid, ()))
    }


def _abstract(pack_id: str, pack: Pack) -> bool:
    """Whether the pack that defined a rule is a base with no cases of its own."""
    from checker.packs import load_pack

    if pack_id == pack.id or pack_id not in pack.lineage:
        return False
    return load_pack(pack_id, [pack.path.parent]).abstract
