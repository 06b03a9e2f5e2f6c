"""Find rule packs, read their metadata, resolve inheritance, and lint them.

A pack is a folder under `rules/`: `pack.yaml` (the regulation) plus `<topic>.lp` / `<topic>.yaml`
pairs. `rules/common/*.lp` is loaded with every pack. A pack may `extends:` another: it inherits its
ASP, parameters and rules, and its own topic files may override a rule (same id: fields given
replace the inherited ones), add rules, or declare one `not_enacted: true`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.model import project_dir
from checker.packs.document import Document, document_problems, load_document
from checker.packs.document import document_notices as document_notices  # re-exported for rules --lint
from checker.solve.facts import c as constant_or_string

# the YAML files of a pack folder that are not topic files: the regulation's metadata, and its
# text article by article (issue 16)
NOT_TOPICS = ("pack.yaml", "regulation.yaml")
REQUIRED_RULE_FIELDS = ("id", "title", "severity", "citation", "message")
# a text citation (a pack without regulation.yaml) brings its excerpt; keys derive it from the document
TEXT_CITATION_FIELDS = ("excerpt",)


class PackError(Exception):
    """A pack is missing or malformed (a usage error: exit 2). `problems` lists every problem found
    (file:line: what), the message names the first."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems) or [message]


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
    cites: list[str] = field(default_factory=list)  # provision keys of the pack's regulation document


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
    reading: str | dict[str, str] = ""  # {id, en}; a plain text (one language) is accepted too
    record_kind: str = ""
    in_force: str = ""
    exceptions: list[Exception_] = field(default_factory=list)
    examples: dict[str, str] = field(default_factory=dict)
    inherited_from: str | None = None  # pack id, when the rule comes unchanged from a base pack
    overridden: list[str] = field(default_factory=list)  # fields this pack changed on an inherited rule
    raw: dict[str, Any] = field(default_factory=dict)
    parameters: list[str] = field(default_factory=list)  # the pack parameters the rule uses (metadata)
    defined_in: str = ""  # id of the pack whose topic file last defined or overrode the rule
    cites: list[str] = field(default_factory=list)  # provision keys (the citation as data)

    def reading_in(self, lang: str) -> str:
        """The reading in `lang` (English, then Indonesian, when that language is missing)."""
        if isinstance(self.reading, dict):
            return self.reading.get(lang) or self.reading.get("en") or self.reading.get("id", "")
        return self.reading

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
    cites: list[str] = field(default_factory=list)  # provision keys of the whole parameter
    row_cites: list[list[str]] = field(default_factory=list)  # per row (parallel to facts), keys
    row_citations: list[str] = field(default_factory=list)  # per row, the human citation ("" if none)

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
    document: Document | None = None  # the regulation article by article (regulation.yaml)

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


_PACK_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def find_pack(pack_id: str, rules_dirs: Sequence[Path] = ()) -> Path:
    """The folder of the pack with this id on the search path. An id, never a path: which rules
    judge the data comes from the search path the caller set, not from what the data names."""
    if not _PACK_ID.fullmatch(pack_id) or pack_id.startswith(".."):
        raise PackError(
            f"'{pack_id}' is not a rule pack id; to use a pack folder outside the search path,"
            " name the folder that holds it with --rules-dir (or $SISTEMKERJA_RULES) and the pack by its id"
        )
    for root in search_path(rules_dirs):
        if (root / pack_id / "pack.yaml").is_file():
            return root / pack_id
    known = ", ".join(available_packs(rules_dirs)) or "none"
    raise PackError(f"unknown regulation '{pack_id}'; available: {known}")


_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 20x faster than pure Python


@dataclass
class _Doc:
    """A pack YAML file as read: its data and its node tree, which locates a value by its path."""

    path: Path
    data: Any
    node: yaml.Node | None

    def where(self, at: Sequence[str | int] = (), key: bool = False) -> str:
        """`file:line` of the value at path `at` (of its key, with `key`), or of its nearest parent."""
        node, line = self.node, None
        for i, step in enumerate(at):
            if node is None:
                break
            line = node.start_mark.line + 1
            node, key_node = _child(node, step)
            if key and key_node is not None and i == len(at) - 1:
                return f"{self.path}:{key_node.start_mark.line + 1}"
        if node is not None:
            line = node.start_mark.line + 1
        return f"{self.path}:{line}" if line else str(self.path)

    def error(self, at: Sequence[str | int], message: str, key: bool = False) -> PackError:
        return PackError(f"{self.where(at, key)}: {message}")


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    """The value node (and key node) at one step of a path into a mapping or a sequence."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return value, key_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step], None
    return None, None


def _read_yaml(path: Path) -> _Doc:
    try:
        text = path.read_text(encoding="utf-8")
        loader = _YamlLoader(text)  # a safe loader, C or pure Python
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_nodes(path, node)
            try:
                data = loader.construct_document(node) if node is not None else None
            except ValueError as exc:  # an impossible timestamp (2024-13-01) is a ValueError
                raise PackError(f"{path}:{_bad_timestamp_line(node)}: not a real date: {exc}") from exc
        finally:
            loader.dispose()
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PackError(f"{_located(path, exc)}: cannot read rule-pack metadata: {_problem(exc)}") from exc
    except RecursionError as exc:
        raise PackError(f"{path}: nested too deeply") from exc
    return _Doc(path, data, node)


def _located(path: Path, exc: BaseException) -> str:
    mark = getattr(exc, "problem_mark", None)
    return f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)


def _problem(exc: BaseException) -> str:
    problem = getattr(exc, "problem", None)
    return str(problem) if problem and getattr(exc, "problem_mark", None) else " ".join(str(exc).split())


def _check_nodes(path: Path, root: yaml.Node) -> None:
    """A key given twice in one mapping is an error (YAML would keep the last silently), and so is an
    alias inside the node it names (the data would be infinite)."""
    state: dict[int, bool] = {}  # node id -> done (False: open, on the current path)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            state[id(node)] = True
            continue
        done = state.get(id(node))
        if done is False:
            raise PackError(f"{path}:{node.start_mark.line + 1}: an alias refers to a node that contains it")
        if done:
            continue
        state[id(node)] = False
        stack.append((node, True))
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                    line = key_node.start_mark.line + 1
                    if key_node.value in seen:
                        first = seen[key_node.value]
                        raise PackError(
                            f"{path}:{line}: duplicate key `{key_node.value}` (first at line {first})"
                        )
                    seen[key_node.value] = line
                children += [key_node, value]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        stack.extend((child, False) for child in reversed(children))


def _bad_timestamp_line(root: yaml.Node) -> int:
    """The line of the first timestamp-looking scalar that is no real date or time."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in reversed(node.value) for v in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return root.start_mark.line + 1


def _norm_date(value: Any) -> str:
    """A date the schema has checked, written YYYY-MM-DD (YAML gives an unquoted one as a date)."""
    return value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value))


_TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}
_PATTERN_WORDS = {
    "^[a-z0-9][a-z0-9._-]*$(?!\\n)": "an id: lowercase letters, digits, '.', '_' or '-'",
    "^[a-z][a-zA-Z0-9_]*$(?!\\n)": "a parameter name: a lowercase letter, then letters, digits or '_'",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$(?!\\n)": "a date written YYYY-MM-DD",
    "^[a-z][a-zA-Z0-9_]*[a-zA-Z0-9]$(?!\\n)": "a provision key: letters, digits and '_' (art_8__para_1)",
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _validate(doc: _Doc, stem: str) -> None:
    """Check a pack file against its schema (schemas/<stem>.schema.json): every value the loader
    converts has the shape it expects, so none becomes a default. Each problem is located."""
    try:
        plain = _plain(doc.data, doc, ())
        errors = list(_validator(stem).iter_errors(plain))
    except RecursionError as exc:
        raise PackError(f"{doc.path}: nested too deeply") from exc
    if not errors:
        return
    located = sorted(
        (_line_of(doc, at, key), doc.where(at, key), text) for at, key, text in map(_describe, errors)
    )
    lines = [f"{where}: {text}" for _, where, text in located]
    more = f" (and {len(lines) - 1} more problem(s))" if len(lines) > 1 else ""
    raise PackError(lines[0] + more, lines)


def _line_of(doc: _Doc, at: Sequence[str | int], key: bool) -> int:
    _, _, line = doc.where(at, key).rpartition(":")
    return int(line) if line.isdigit() else 0


def _plain(value: Any, doc: _Doc, at: tuple[str | int, ...]) -> Any:
    """The data as JSON Schema sees it: YAML dates as the text they were written as; a date with a
    time, or a key that is not text (`1:`, `yes:`), is an error."""
    if isinstance(value, dt.datetime):
        raise doc.error(at, f"`{_dotted(at)}` is a date and time; write a date YYYY-MM-DD (or quote a text)")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise doc.error(at, f"key {k!r} must be a text (quote it)")
            out[k] = _plain(v, doc, (*at, k))
        return out
    if isinstance(value, list):
        return [_plain(v, doc, (*at, i)) for i, v in enumerate(value)]
    return value


@functools.cache
def _validator(stem: str) -> Any:
    import json

    from jsonschema import Draft202012Validator, FormatChecker

    formats = FormatChecker(formats=())
    formats.checks("date")(_real_date)
    schema = json.loads((project_dir("schemas") / f"{stem}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=formats)


def _real_date(value: object) -> bool:
    """A date the calendar has (2024-02-30 is not); the shape itself is the pattern's to report."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _describe(error: Any) -> tuple[list[str | int], bool, str]:
    """(path of the value, whether to point at its key, what is wrong) for a schema error."""
    at = list(error.absolute_path)
    name = f"`{_dotted(at)}`" if at else "the file"
    kind, expected, value = error.validator, error.validator_value, error.instance
    if "propertyNames" in error.schema_path:  # `value` is a key of the mapping at `at`
        if kind == "enum":
            return [*at, value], True, f"`{value}` is not read in a rule with `not_enacted: true`"
        return [*at, value], True, f"`{value}` in {name} is not {_PATTERN_WORDS.get(expected, expected)}"
    if kind == "type":
        kinds = [expected] if isinstance(expected, str) else expected
        wanted = " or ".join(_TYPE_WORDS.get(k, k) for k in kinds)
        return at, False, f"{name} must be {wanted}, not {_shown(value)}"
    if kind == "required":
        missing = [k for k in expected if k not in value]
        return at, False, f"{name} lacks `{'`, `'.join(missing)}`"
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = sorted(k for k in value if k not in known)
        where = f" in {name}" if at else ""
        return [*at, extra[0]], True, f"unknown key `{extra[0]}`{where} (known: {', '.join(known)})"
    if kind == "enum":
        return at, False, f"{name} is {_shown(value)}; it must be one of {', '.join(map(str, expected))}"
    if kind == "pattern":
        return at, False, f"{name} is {_shown(value)}, not {_PATTERN_WORDS.get(expected, expected)}"
    if kind == "format":
        return at, False, f"{name} is {_shown(value)}, not a real date"
    if kind in ("minLength", "minItems"):
        return at, False, f"{name} must not be empty"
    if kind == "anyOf":
        shape = error.schema.get("description", "of another shape")
        return at, False, f"{name} must be {shape}, not {_shown(value)}"
    return at, False, f"{name}: {' '.join(error.message.split())[:200]}"


def _dotted(at: Sequence[str | int]) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in at).lstrip(".")


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list, set, tuple)):
        return _TYPE_WORDS["object" if isinstance(value, dict) else "array"]
    if value is None:
        return "empty"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
    doc = _read_yaml(folder / "pack.yaml")
    _validate(doc, "pack")
    meta = doc.data
    regulation = dict(meta["regulation"])
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

    _no_misnamed_files(folder)
    programs.extend(sorted(folder.glob("*.lp")))
    document = load_document(folder, pack_id)
    state = _TopicState(pack_id, regulation, rules, not_enacted, not_enacted_by, parameters, document)
    for topic_file in sorted(folder.glob("*.yaml")):
        if topic_file.name in NOT_TOPICS:
            continue
        _read_topic(topic_file, state)
    _check_asp(programs)

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
        document=document,
    )


def _no_misnamed_files(folder: Path) -> None:
    """Only `*.lp` and `*.yaml` are read: a `tim.yml` or `tim.LP` would be skipped without a word."""
    for path in sorted(folder.iterdir()):
        suffix = path.suffix
        if suffix.lower() in (".lp", ".yaml", ".yml") and suffix not in (".lp", ".yaml"):
            want = ".lp" if suffix.lower() == ".lp" else ".yaml"
            raise PackError(f"{path}: not read: rule-pack files end in `.lp` or `.yaml`; rename it to {want}")


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
    document: Document | None = None
    own: dict[str, str] = field(
        default_factory=dict
    )  # "rule id" / "parameter name" -> where this pack set it


def _read_topic(path: Path, state: _TopicState) -> None:
    read = _read_yaml(path)
    if read.data is None:  # an empty file
        return
    _validate(read, "pack-topic")
    doc = read.data
    topic = str(doc.get("topic") or path.stem)
    rules, parameters = state.rules, state.parameters
    for name, spec in (doc.get("parameters") or {}).items():
        if name in _input_predicates() or name.endswith("_row"):
            raise read.error(
                ("parameters", name),
                f"parameter `{name}` is a predicate of the data (rules/common/inputs.lp): "
                "its facts would pose as records",
                key=True,
            )
        _claim(state, read, ("parameters", name), f"parameter `{name}`")
        before = parameters.get(name)
        rows = spec.get("facts") or []
        cites, citation = _cited(spec.get("citation"), state.document)
        row_cites = [list(r.get("citation") or []) if isinstance(r, dict) else [] for r in rows]
        parameters[name] = Parameter(
            name=name,
            facts=[_row_values(row) for row in rows],
            description=str(spec.get("description", "")),
            citation=citation,
            source=str(path),
            overrides=(before.inherited_from or before.overrides) if before is not None else None,
            cites=cites,
            row_cites=row_cites,
            row_citations=[_cited(keys or None, state.document)[1] for keys in row_cites],
        )
    for i, raw in enumerate(doc.get("rules") or []):
        rid = raw["id"]
        _claim(state, read, ("rules", i), f"rule `{rid}`")
        if raw.get("not_enacted"):
            rules.pop(rid, None)
            state.not_enacted[rid] = str(raw.get("reason") or raw.get("not_enacted"))
            state.not_enacted_by[rid] = state.pack_id
            continue
        state.not_enacted.pop(rid, None)
        state.not_enacted_by.pop(rid, None)
        base = rules.get(rid)
        if base is None and (missing := [k for k in REQUIRED_RULE_FIELDS if k not in raw]):
            raise read.error(("rules", i), f"rule `{rid}` lacks `{'`, `'.join(missing)}`")
        merged: dict[str, Any] = {**(base.raw if base else {}), **raw}
        rule = _make_rule(
            merged, topic if not base else base.topic, str(path), state.regulation, state.document
        )
        rule.defined_in = state.pack_id
        if base is not None and not {"citation", "quote", "excerpt"} & set(raw):
            # the base's keys name provisions of the base's document: keep what they read there
            rule.citation, rule.excerpt, rule.cites = base.citation, base.excerpt, base.cites
        if base is not None:
            rule.inherited_from = base.inherited_from
            rule.overridden = sorted(k for k in raw if k != "id" and base.raw.get(k) != raw[k])
        rules[rid] = rule


@functools.cache
def _input_predicates() -> frozenset[str]:
    """The names checker/facts.py writes facts under, as rules/common/inputs.lp declares them."""
    text = (default_rules_dir() / "common" / "inputs.lp").read_text(encoding="utf-8")
    return frozenset(re.findall(r"#defined\s+([a-z]\w*)/\d+", text))


def _claim(state: _TopicState, doc: _Doc, at: tuple[str | int, ...], what: str) -> None:
    """A pack defines each rule and parameter once: a second definition would silently replace the first."""
    where = doc.where(at)
    first = state.own.setdefault(what, where)
    if first != where:
        raise PackError(f"{where}: {what} is defined twice in this pack (first at {first})")


def _check_asp(programs: Sequence[Path]) -> None:
    """The pack's ASP parses: a syntax error is a pack error with its file:line:column, found when the
    pack is loaded, whatever the command (a listing, an explanation or a check)."""
    from clingo import ast

    messages: list[str] = []

    def log(_code: Any, message: str) -> None:
        messages.append(message.strip().splitlines()[0] if message.strip() else "")

    try:
        ast.parse_files([str(p) for p in programs], lambda _stm: None, logger=log, message_limit=100)
    except RuntimeError as exc:
        errors = [m for m in messages if "error" in m] or [f"{programs[-1]}: the ASP does not parse: {exc}"]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise PackError(errors[0] + more, errors) from exc


def _row_values(row: Any) -> list[Any]:
    """A parameter row's values: `[a, b]`, a single value, or `{row: [a, b], citation: [keys]}`."""
    if isinstance(row, dict):
        return list(row["row"])
    return list(row) if isinstance(row, list) else [row]


def _cited(citation: Any, document: Document | None) -> tuple[list[str], str]:
    """(provision keys, human citation) of a `citation:` value: a list of keys of the pack's
    regulation document, or a text (a pack without one)."""
    if isinstance(citation, list):
        keys = [str(k) for k in citation]
        return keys, document.citation(keys) if document else "; ".join(keys)
    return [], "" if citation is None else str(citation)


def _excerpt(raw: dict[str, Any], keys: list[str], document: Document | None) -> str:
    """The words the rule rests on: its `quote:` (part of a provision), an `excerpt:` (a pack
    without a document), else the cited provisions' text."""
    given = raw.get("quote") or raw.get("excerpt")
    if given:
        return str(given).strip()
    return document.excerpt(keys) if document and keys else ""


def _make_rule(
    raw: dict[str, Any], topic: str, source: str, regulation: dict[str, Any], document: Document | None = None
) -> Rule:
    exceptions = []
    for e in raw.get("exceptions") or []:
        keys, citation = _cited(e.get("citation"), document)
        exceptions.append(
            Exception_(
                id=str(e.get("id", "")),
                citation=citation,
                excerpt=_excerpt(e, keys, document),
                message=dict(e.get("message") or {}),
                cites=keys,
            )
        )
    cites, citation = _cited(raw.get("citation"), document)
    reading = raw.get("reading", "")
    title = raw.get("title") or {}
    message = raw.get("message") or {}
    return Rule(
        id=str(raw["id"]),
        title=dict(title) if isinstance(title, dict) else {"id": str(title), "en": str(title)},
        severity=str(raw.get("severity", "")),
        citation=citation,
        excerpt=_excerpt(raw, cites, document),
        message=dict(message) if isinstance(message, dict) else {},
        topic=topic,
        source=source,
        reading={k: str(v).strip() for k, v in reading.items()}
        if isinstance(reading, dict)
        else str(reading).strip(),
        cites=cites,
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
    if reg.get("id") and reg["id"] != pack.id:
        problems.append(
            f"{pack.path / 'pack.yaml'}: regulation id `{reg['id']}` is not the folder's, `{pack.id}`"
        )
    for rule in pack.rules.values():
        where = f"{rule.source}: {rule.id}"
        text_cited = not isinstance(rule.raw.get("citation"), list)
        for key in (*REQUIRED_RULE_FIELDS, *(TEXT_CITATION_FIELDS if text_cited else ())):
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
    for param in pack.parameters.values():
        for value in (v for row in param.facts for v in row if isinstance(v, str) and _DATE.fullmatch(v)):
            problems.append(
                f"{param.source}: parameter `{param.name}`: '{value}' is quoted, so the ASP gets a text, "
                f"not the date {value.replace('-', '')}; write it unquoted"
            )
    problems.extend(document_problems(pack))
    problems.extend(_placeholder_problems(pack))
    problems.extend(_one_model_problems(pack))
    _check_grounds(pack)
    return problems


def _check_grounds(pack: Pack) -> None:
    """The pack grounds (on its parameters, without data): an unsafe variable or another grounding
    error would stop every check of every regency, so it is a pack error, as under `check`."""
    import clingo

    from checker.solve.engine import one_line

    messages: list[str] = []
    ctl = clingo.Control(logger=lambda code, text: messages.append(f"{code.name}: {text}"), message_limit=100)
    try:
        for program in pack.programs:
            ctl.load(str(program))
        ctl.add("base", [], parameter_facts(pack))
        ctl.ground([("base", [])])
    except RuntimeError as exc:
        raise PackError(f"{pack.id}: the ASP does not ground: {one_line(messages, exc)}") from exc


def _one_model_problems(pack: Pack) -> list[str]:
    """A pack has exactly one answer, and reports through violation/3: an integrity constraint
    removes it when it fires (`check` then stops: exit 2), and a choice, a disjunction or an
    optimization gives several answers, of which a check would report an arbitrary one."""
    from clingo import ast

    problems: list[str] = []

    def visit(stm: ast.AST) -> None:
        what = None
        if stm.ast_type == ast.ASTType.Minimize:
            what = "an optimization statement"
        elif stm.ast_type == ast.ASTType.Rule:
            head = stm.head
            if head.ast_type in (ast.ASTType.Disjunction, ast.ASTType.Aggregate, ast.ASTType.HeadAggregate):
                what = "a choice or disjunction (several answers)"
            elif head.ast_type == ast.ASTType.Literal and head.atom.ast_type == ast.ASTType.BooleanConstant:
                what = "an integrity constraint (it makes the pack unsatisfiable when it fires)"
        if what:
            begin = stm.location.begin
            problems.append(f"{begin.filename}:{begin.line}: {what}; report through violation/3 instead")

    ast.parse_files([str(p) for p in pack.programs], visit)
    return problems


_OUTPUTS = ("violation", "exception", "uncheckable")


def rule_parameters(pack: Pack) -> dict[str, list[str]]:
    """The parameters each enacted rule uses: its `parameters:` metadata when given; otherwise read
    from the ASP, as the parameter predicates its violation/exception/uncheckable rules depend on
    (through derived predicates too). The ASP parses: load_pack refuses a pack whose ASP does not."""
    explicit = {rid: list(rule.parameters) for rid, rule in pack.rules.items()}
    missing = [rid for rid, names in explicit.items() if not names]
    if not missing or not pack.parameters:
        return explicit
    try:
        inferred = _inferred_parameters(pack)
    except (RuntimeError, OSError) as exc:  # changed on disk since it was loaded
        raise PackError(f"{pack.path}: the ASP cannot be read again: {exc}") from exc
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
