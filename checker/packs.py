"""Find rule packs, read their metadata, resolve inheritance, and lint them.

A pack is a folder under `rules/`: `pack.yaml` (the regulation) plus `<topic>.lp` / `<topic>.yaml`
pairs. `rules/common/*.lp` is loaded with every pack. A pack may `extends:` another: it inherits its
ASP, parameters and rules, and its own topic files may override a rule (same id: fields given
replace the inherited ones), add rules, or declare one `not_enacted: true`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.facts import c as constant_or_string
from checker.model import project_dir

REQUIRED_RULE_FIELDS = ("id", "title", "severity", "citation", "excerpt", "message")


class PackError(Exception):
    """A pack is missing or malformed (a usage error: exit 2)."""


def default_rules_dir() -> Path:
    """The shipped `rules/` beside the package (editable install or source checkout)."""
    return project_dir("rules")


def search_path(extra: Sequence[Path] = ()) -> list[Path]:
    """Where packs are looked up, first match wins: --rules-dir folders, $SISTEMKERJA_RULES
    (os.pathsep-separated), then the shipped rules. `common/` always comes from the shipped rules."""
    env = [Path(p) for p in os.environ.get("SISTEMKERJA_RULES", "").split(os.pathsep) if p]
    return [*extra, *env, default_rules_dir()]


@dataclass
class Exception_:
    id: str
    citation: str
    excerpt: str = ""
    message: dict[str, str] = field(default_factory=dict)


@dataclass
class Rule:
    id: str
    title: dict[str, str]
    severity: str
    citation: str
    excerpt: str
    message: dict[str, str]
    topic: str
    source: str  # the metadata file that last defined it
    reading: str = ""
    record_kind: str = ""
    in_force: str = ""
    exceptions: list[Exception_] = field(default_factory=list)
    examples: dict[str, str] = field(default_factory=dict)
    inherited_from: str | None = None  # pack id, when the rule comes unchanged from a base pack
    overridden: list[str] = field(default_factory=list)  # fields this pack changed on an inherited rule
    raw: dict[str, Any] = field(default_factory=dict)
    parameters: list[str] = field(default_factory=list)  # the pack parameters the rule uses (metadata)
    defined_in: str = ""  # id of the pack whose topic file last defined or overrode the rule

    def in_force_on(self, date: str | None) -> bool:
        """Law on `date` (YYYY-MM-DD): no in-force date of its own, or one on or before it; with
        no date, in force."""
        return not self.in_force or not date or self.in_force <= date

    @property
    def status(self) -> str:
        """own (defined by this pack), inherited (unchanged from a base) or overridden (a base's rule
        with some fields changed by this pack or a pack between)."""
        if self.inherited_from is None:
            return "own"
        return "overridden" if self.overridden else "inherited"


@dataclass
class Parameter:
    name: str
    facts: list[list[Any]]
    description: str = ""
    citation: str = ""
    source: str = ""
    inherited_from: str | None = None  # pack id, when the parameter comes unchanged from a base pack
    overrides: str | None = None  # the base pack whose value of this parameter this pack replaced

    @property
    def status(self) -> str:
        if self.inherited_from is not None:
            return "inherited"
        return "overridden" if self.overrides else "own"


@dataclass
class Pack:
    id: str
    path: Path
    regulation: dict[str, Any]
    rules: dict[str, Rule]  # enacted rules only, by id
    not_enacted: dict[str, str]  # rule id -> reason
    parameters: dict[str, Parameter]
    programs: list[Path]  # ASP files in load order: common, bases, this pack
    extends: str | None = None
    lineage: list[str] = field(default_factory=list)  # this pack and its bases, nearest first
    not_enacted_by: dict[str, str] = field(default_factory=dict)  # rule id -> pack that declared it

    def rule_status(self, rule_id: str) -> str:
        """own | inherited | overridden | not_enacted | absent (the pack never mentions the id)."""
        if rule_id in self.rules:
            return self.rules[rule_id].status
        return "not_enacted" if rule_id in self.not_enacted else "absent"

    @property
    def in_force(self) -> str:
        return str(self.regulation.get("in_force", ""))

    def rules_in_force(self, date: str) -> list[str]:
        """The ids of the rules that are law on `date`."""
        return [r.id for r in self.rules.values() if r.in_force_on(date)]

    @property
    def title(self) -> str:
        return str(self.regulation.get("short_title") or self.regulation.get("title") or self.id)


def available_packs(rules_dirs: Sequence[Path] = ()) -> list[str]:
    found = {
        p.name
        for root in search_path(rules_dirs)
        if root.is_dir()
        for p in root.iterdir()
        if (p / "pack.yaml").is_file()
    }
    return sorted(found)


def find_pack(pack_id: str, rules_dirs: Sequence[Path] = ()) -> Path:
    for root in search_path(rules_dirs):
        if (root / pack_id / "pack.yaml").is_file():
            return root / pack_id
    known = ", ".join(available_packs(rules_dirs)) or "none"
    raise PackError(f"unknown regulation '{pack_id}'; available: {known}")


_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 20x faster than pure Python


def _read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YamlLoader)  # a safe loader, C or pure Python
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule-pack metadata: {exc}") from exc


def _norm_date(value: Any) -> str:
    # pack metadata is trusted project data, read with safe_load: dates may come back as dates
    return value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value))


_loaded: dict[tuple[object, ...], tuple[Pack, list[Path], list[tuple[int, int]]]] = {}


def load_pack(pack_id: str, rules_dirs: Sequence[Path] = ()) -> Pack:
    """The pack named `pack_id`, found on the search path. Loaded once per process while its
    files stay unchanged (a batch checks hundreds of regencies under a few packs); the Pack is
    shared, so treat it as read-only."""
    roots = search_path(rules_dirs)
    key = (pack_id, *roots)
    memo = _loaded.get(key)
    if memo is not None and _stamps(memo[1]) == memo[2]:
        return memo[0]
    pack = _load_pack(pack_id, rules_dirs)
    # what it was read from: the search roots and pack folders (whose times change when a file
    # or pack is added or removed) and every file in those folders
    folders = sorted({p.parent for p in pack.programs} | {find_pack(i, rules_dirs) for i in pack.lineage})
    files = sorted(f for folder in folders for f in folder.iterdir() if f.suffix in (".lp", ".yaml", ".yml"))
    watched = [*roots, *folders, *files]
    _loaded[key] = (pack, watched, _stamps(watched))
    return pack


def _stamps(paths: Sequence[Path]) -> list[tuple[int, int]]:
    out = []
    for path in paths:
        try:
            st = path.stat()
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((-1, -1))
    return out


def _load_pack(pack_id: str, rules_dirs: Sequence[Path] = (), _seen: tuple[str, ...] = ()) -> Pack:
    if not pack_id:
        raise PackError("no regulation: name one with --regulation or `regulation:` in the regency header")
    folder = find_pack(pack_id, rules_dirs)
    if pack_id in _seen:
        raise PackError(f"rule packs extend each other in a cycle: {' -> '.join((*_seen, pack_id))}")
    meta = _read_yaml(folder / "pack.yaml") or {}
    regulation = dict(meta.get("regulation") or {})
    for key in ("ditetapkan", "diundangkan", "in_force"):
        if key in regulation:
            regulation[key] = _norm_date(regulation[key])
    regulation.setdefault("id", pack_id)
    base_id = meta.get("extends")

    if base_id:
        base = _load_pack(str(base_id), rules_dirs, (*_seen, pack_id))
        rules = {rid: _inherit(rule, base.id, regulation) for rid, rule in base.rules.items()}
        not_enacted = dict(base.not_enacted)
        not_enacted_by = dict(base.not_enacted_by)
        parameters = {name: _inherit_parameter(p, base.id) for name, p in base.parameters.items()}
        programs = list(base.programs)
        lineage = [pack_id, *base.lineage]
    else:
        common = sorted((default_rules_dir() / "common").glob("*.lp"))
        rules, not_enacted, not_enacted_by, parameters = {}, {}, {}, {}
        programs, lineage = list(common), [pack_id]

    programs.extend(sorted(folder.glob("*.lp")))
    state = _TopicState(pack_id, regulation, rules, not_enacted, not_enacted_by, parameters)
    for topic_file in sorted(folder.glob("*.yaml")):
        if topic_file.name == "pack.yaml":
            continue
        _read_topic(topic_file, state)

    return Pack(
        id=pack_id,
        path=folder,
        regulation=regulation,
        rules=dict(sorted(rules.items())),
        not_enacted=dict(sorted(not_enacted.items())),
        parameters=dict(sorted(parameters.items())),
        programs=programs,
        extends=str(base_id) if base_id else None,
        lineage=lineage,
        not_enacted_by=dict(sorted(not_enacted_by.items())),
    )


def _inherit(rule: Rule, base_id: str, regulation: dict[str, Any]) -> Rule:
    """A base's rule as the child sees it: unchanged, from the pack whose version it is. Unless the
    rule names its own `in_force`, it is law under the child from the child regulation's date."""
    copy = Rule(**{**rule.__dict__})
    copy.inherited_from = rule.defined_in or rule.inherited_from or base_id
    copy.overridden = []
    if not rule.raw.get("in_force"):
        copy.in_force = str(regulation.get("in_force", "")) or rule.in_force
    return copy


def _inherit_parameter(param: Parameter, base_id: str) -> Parameter:
    copy = Parameter(**{**param.__dict__})
    copy.inherited_from = param.inherited_from or base_id
    copy.overrides = None
    return copy


@dataclass
class _TopicState:
    """What the topic files of one pack accumulate into (the base's, then this pack's own)."""

    pack_id: str
    regulation: dict[str, Any]
    rules: dict[str, Rule]
    not_enacted: dict[str, str]
    not_enacted_by: dict[str, str]
    parameters: dict[str, Parameter]


def _read_topic(path: Path, state: _TopicState) -> None:
    doc = _read_yaml(path) or {}
    if not isinstance(doc, dict):
        raise PackError(f"{path}: a topic file must be a mapping with `rules:` and `parameters:`")
    topic = str(doc.get("topic") or path.stem)
    rules, parameters = state.rules, state.parameters
    params_doc = doc.get("parameters") or {}
    if not isinstance(params_doc, dict):
        raise PackError(f"{path}: `parameters:` must be a mapping of name -> {{facts: [...]}}")
    for name, spec in params_doc.items():
        spec = spec or {}
        name = str(name)
        before = parameters.get(name)
        parameters[name] = Parameter(
            name=name,
            facts=[list(row) if isinstance(row, list) else [row] for row in spec.get("facts") or []],
            description=str(spec.get("description", "")),
            citation=str(spec.get("citation", "")),
            source=str(path),
            overrides=(before.inherited_from or before.overrides) if before is not None else None,
        )
    for raw in doc.get("rules") or []:
        if not isinstance(raw, dict) or not raw.get("id"):
            raise PackError(f"{path}: every rule needs an `id`")
        rid = str(raw["id"])
        if raw.get("not_enacted"):
            rules.pop(rid, None)
            state.not_enacted[rid] = str(raw.get("reason") or raw.get("not_enacted"))
            state.not_enacted_by[rid] = state.pack_id
            continue
        state.not_enacted.pop(rid, None)
        state.not_enacted_by.pop(rid, None)
        base = rules.get(rid)
        merged: dict[str, Any] = {**(base.raw if base else {}), **raw}
        rule = _make_rule(merged, topic if not base else base.topic, str(path), state.regulation)
        rule.defined_in = state.pack_id
        if base is not None:
            rule.inherited_from = base.inherited_from
            rule.overridden = sorted(k for k in raw if k != "id" and base.raw.get(k) != raw[k])
        rules[rid] = rule


def _make_rule(raw: dict[str, Any], topic: str, source: str, regulation: dict[str, Any]) -> Rule:
    exceptions = [
        Exception_(
            id=str(e.get("id", "")),
            citation=str(e.get("citation", "")),
            excerpt=str(e.get("excerpt", "")),
            message=dict(e.get("message") or {}),
        )
        for e in raw.get("exceptions") or []
    ]
    title = raw.get("title") or {}
    message = raw.get("message") or {}
    return Rule(
        id=str(raw["id"]),
        title=dict(title) if isinstance(title, dict) else {"id": str(title), "en": str(title)},
        severity=str(raw.get("severity", "")),
        citation=str(raw.get("citation", "")),
        excerpt=str(raw.get("excerpt", "")).strip(),
        message=dict(message) if isinstance(message, dict) else {},
        topic=topic,
        source=source,
        reading=str(raw.get("reading", "")).strip(),
        record_kind=str(raw.get("record_kind", "")),
        in_force=_norm_date(raw.get("in_force")) or str(regulation.get("in_force", "")),
        exceptions=exceptions,
        examples={k: str(v) for k, v in (raw.get("examples") or {}).items()},
        raw=raw,
        parameters=_names(raw.get("parameters")),
    )


def _names(value: Any) -> list[str]:
    """A rule's `parameters:` list (a single name is accepted too)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v) for v in items if v is not None and str(v)]


def parameter_facts(pack: Pack) -> str:
    """Parameters as ASP facts: name(v1, v2, ...)."""
    lines = []
    for param in pack.parameters.values():
        for row in param.facts:
            lines.append(f"{param.name}({', '.join(asp_term(v) for v in row)}).")
    return "\n".join(lines)


def asp_term(value: Any) -> str:
    """A parameter value as the ASP term it becomes (also the identity used to compare parameter rows):
    booleans and integers as such, dates as YYYYMMDD, a plain word as a constant, else a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    return constant_or_string(value)


def lint(pack: Pack) -> list[str]:
    """Everything a rule needs to be reported and cited; an empty list means the pack is sound."""
    problems: list[str] = []
    reg = pack.regulation
    for key in ("id", "title", "in_force"):
        if not reg.get(key):
            problems.append(f"{pack.id}: pack.yaml regulation lacks `{key}`")
    for rule in pack.rules.values():
        where = f"{rule.source}: {rule.id}"
        for key in REQUIRED_RULE_FIELDS:
            if not rule.raw.get(key):
                problems.append(f"{where}: missing `{key}`")
        if rule.severity and rule.severity not in ("error", "warning", "info"):
            problems.append(f"{where}: severity '{rule.severity}' is not error, warning or info")
        for lang in ("id", "en"):
            if not rule.message.get(lang):
                problems.append(f"{where}: missing message.{lang}")
            if not rule.title.get(lang):
                problems.append(f"{where}: missing title.{lang}")
        if not rule.in_force:
            problems.append(f"{where}: no in-force date (rule or regulation)")
        for exc in rule.exceptions:
            if not exc.id or not exc.citation:
                problems.append(f"{where}: an exception lacks `id` or `citation`")
        for name in rule.parameters:
            if name not in pack.parameters:
                problems.append(f"{where}: uses parameter `{name}`, which the pack does not define")
    problems.extend(_placeholder_problems(pack))
    return problems


_OUTPUTS = ("violation", "exception", "uncheckable")


def rule_parameters(pack: Pack) -> dict[str, list[str]]:
    """The parameters each enacted rule uses: its `parameters:` metadata when given; otherwise read
    from the ASP, as the parameter predicates its violation/exception/uncheckable rules depend on
    (through derived predicates too). Unparsable ASP leaves a rule with its metadata only."""
    explicit = {rid: list(rule.parameters) for rid, rule in pack.rules.items()}
    missing = [rid for rid, names in explicit.items() if not names]
    if not missing or not pack.parameters:
        return explicit
    try:
        inferred = _inferred_parameters(pack)
    except (RuntimeError, OSError):  # the engine reports broken ASP; here it only means "unknown"
        inferred = {}
    for rid in missing:
        explicit[rid] = inferred.get(rid, [])
    return explicit


def _inferred_parameters(pack: Pack) -> dict[str, list[str]]:
    from clingo import ast

    depends: dict[str, set[str]] = {}  # predicate -> predicates in the bodies of its rules
    roots: dict[str, set[str]] = {}  # rule id -> predicates in the bodies of its output rules

    def collect(statement: ast.AST) -> None:
        if statement.ast_type != ast.ASTType.Rule:
            return
        heads = _atoms(statement.head)
        body: set[str] = set()
        for lit in statement.body:
            body.update(name for name, _ in _atoms(lit))
        for name, first in heads:
            depends.setdefault(name, set()).update(body)
            if name in _OUTPUTS and first is not None:
                roots.setdefault(first, set()).update(body)

    ast.parse_files([str(p) for p in pack.programs], collect)
    names = set(pack.parameters)
    out: dict[str, list[str]] = {}
    for rid, start in roots.items():
        seen, todo = set(start), list(start)
        while todo:
            for nxt in depends.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        out[rid] = sorted(seen & names)
    return out


def _atoms(node: Any) -> list[tuple[str, str | None]]:
    """(predicate name, first argument if it is a string constant) of every atom inside an AST node."""
    from clingo import SymbolType, ast

    found: list[tuple[str, str | None]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)) or type(item).__name__ == "ASTSequence":
            stack.extend(item)
            continue
        if not isinstance(item, ast.AST):
            continue
        if item.ast_type == ast.ASTType.SymbolicAtom:
            sym = item.symbol
            if sym.ast_type == ast.ASTType.Function:
                first = None
                if sym.arguments:
                    arg = sym.arguments[0]
                    if arg.ast_type == ast.ASTType.SymbolicTerm and arg.symbol.type == SymbolType.String:
                        first = arg.symbol.string
                found.append((sym.name, first))
            continue
        stack.extend(getattr(item, key) for key in item.child_keys)
    return found


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def evidence_names(pack: Pack) -> dict[tuple[str, str], set[str] | None]:
    """(atom kind, rule id) -> the evidence term names its ASP heads can supply; None when a head's
    evidence is a variable (then the names are only known at run time). Read with clingo's parser."""
    from clingo import ast

    found: dict[tuple[str, str], set[str] | None] = {}

    def visit(stm: ast.AST) -> None:
        if stm.ast_type != ast.ASTType.Rule or stm.head.ast_type != ast.ASTType.Literal:
            return
        atom = stm.head.atom
        if atom.ast_type != ast.ASTType.SymbolicAtom or atom.symbol.ast_type != ast.ASTType.Function:
            return
        term = atom.symbol
        if term.name not in ("violation", "uncheckable", "exception") or not term.arguments:
            return
        rid = term.arguments[0]
        if rid.ast_type != ast.ASTType.SymbolicTerm or rid.symbol.type.name != "String":
            return
        key = (term.name, rid.symbol.string)
        evidence = term.arguments[-1]
        items = (
            evidence.arguments
            if evidence.ast_type == ast.ASTType.Function and not evidence.name
            else [evidence]
        )
        if key in found and found[key] is None:
            return
        if any(item.ast_type != ast.ASTType.Function for item in items):
            found[key] = None
            return
        found.setdefault(key, set()).update(item.name for item in items)  # type: ignore[union-attr]

    ast.parse_files([str(p) for p in pack.programs], visit)
    return found


def _placeholder_problems(pack: Pack) -> list[str]:
    """A message placeholder no ASP head of the rule supplies would print as `{name}`."""
    names = evidence_names(pack)
    problems = []
    for rule in pack.rules.values():
        supplied = names.get(("violation", rule.id))
        if supplied is None:
            continue
        for lang, text in sorted(rule.message.items()):
            for missing in sorted(set(_PLACEHOLDER.findall(text)) - supplied - {"record"}):
                problems.append(
                    f"{rule.source}: {rule.id}: message.{lang} uses {{{missing}}}, which no ASP supplies"
                )
    return problems
