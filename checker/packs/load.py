"""Find rule packs and load them: search path, metadata, inheritance, parameters as facts.

A pack is a folder under `rules/`: `pack.yaml` (the regulation) plus `<topic>.lp` / `<topic>.yaml`
pairs. `rules/_vocabulary/*.lp` (the derived relations every pack may use) is loaded with every
pack. A pack may `extends:` another: it inherits its
ASP, parameters and rules, and its own topic files may override a rule (same id: fields given
replace the inherited ones), add rules, or declare one `not_enacted: true`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.packs.calendar import calendar_file, uses_calendar
from checker.packs.document import Document, load_document
from checker.packs.document import document_notices as document_notices  # re-exported for rules --lint
from checker.packs.model import Exception_, Pack, PackError, Parameter, Rule
from checker.packs.parameters import parameter_facts as facts_of
from checker.packs.parameters import read_parameter
from checker.packs.search import default_rules_dir, find_pack, search_path
from checker.packs.vocabulary import signatures
from checker.packs.yaml_doc import Doc, norm_date, read_yaml, validate_doc
from checker.solve.facts import c as constant_or_string

# the YAML files of a pack folder that are not topic files: the regulation's metadata, and its
# text article by article (issue 16)
NOT_TOPICS = ("pack.yaml", "regulation.yaml")
REQUIRED_RULE_FIELDS = ("id", "title", "severity", "citation", "message")
# the words of the regulation a pack encodes: a regency that extends a base gives its own, which is
# not an override of the base's rule (a base pack, such as the Permen's, cites nothing)
REGULATION_TEXT = frozenset({"citation", "quote", "excerpt", "reading", "examples", "in_force"})
# a text citation (a pack without regulation.yaml) brings its excerpt; keys derive it from the document
TEXT_CITATION_FIELDS = ("excerpt",)


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
    meta, regulation = _pack_yaml(folder, pack_id)
    base_id = meta.get("extends")
    base = _load_pack(str(base_id), rules_dirs, (*_seen, pack_id)) if base_id else None
    state = _inherited(base, pack_id, regulation, bool(meta.get("abstract")))
    _no_misnamed_files(folder)
    programs = [*state.programs, *sorted(folder.glob("*.lp"))]
    if calendar_file() not in programs and uses_calendar(programs):
        programs.append(calendar_file())  # read only by packs that count days (180 KB of facts)
    state.document = load_document(folder, pack_id)
    for topic_file in sorted(folder.glob("*.yaml")):
        if topic_file.name not in NOT_TOPICS:
            _read_topic(topic_file, state)
    _check_asp(programs)
    return Pack(
        id=pack_id,
        path=folder,
        regulation=regulation,
        rules=dict(sorted(state.rules.items())),
        not_enacted=dict(sorted(state.not_enacted.items())),
        parameters=dict(sorted(state.parameters.items())),
        programs=programs,
        extends=str(base_id) if base_id else None,
        lineage=[pack_id, *(base.lineage if base else ())],
        not_enacted_by=dict(sorted(state.not_enacted_by.items())),
        document=state.document,
        abstract=state.abstract,
    )


def _pack_yaml(folder: Path, pack_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """pack.yaml as read and checked, and its regulation with dates as YYYY-MM-DD."""
    doc = read_yaml(folder / "pack.yaml")
    validate_doc(doc, "pack")
    regulation = dict(doc.data["regulation"])
    for key in ("ditetapkan", "diundangkan", "in_force"):
        if key in regulation:
            regulation[key] = norm_date(regulation[key])
    regulation.setdefault("id", pack_id)
    return doc.data, regulation


def _inherited(base: Pack | None, pack_id: str, regulation: dict[str, Any], abstract: bool) -> _TopicState:
    """What a pack starts from before its own topic files: its base's rules, parameters and ASP, or
    (a pack that extends none) the vocabulary's ASP alone."""
    state = _TopicState(pack_id, regulation, {}, {}, {}, {}, abstract=abstract)
    if base is None:
        state.programs = sorted((default_rules_dir() / "_vocabulary").glob("*.lp"))
        return state
    state.rules = {rid: _inherit(rule, base.id, regulation) for rid, rule in base.rules.items()}
    state.not_enacted, state.not_enacted_by = dict(base.not_enacted), dict(base.not_enacted_by)
    state.parameters = {name: _inherit_parameter(p, base.id) for name, p in base.parameters.items()}
    state.programs = list(base.programs)
    return state


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
    copy = Parameter(**{**param.__dict__})  # rows are frozen: shared, never edited in place
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
    abstract: bool = False
    programs: list[Path] = field(default_factory=list)  # the ASP inherited (the vocabulary's at the root)
    own: dict[str, str] = field(
        default_factory=dict
    )  # "rule id" / "parameter name" -> where this pack set it


def _read_topic(path: Path, state: _TopicState) -> None:
    read = read_yaml(path)
    if read.data is None:  # an empty file
        return
    validate_doc(read, "pack-topic")
    doc = read.data
    topic = str(doc.get("topic") or path.stem)
    rules, parameters = state.rules, state.parameters
    for name, spec in (doc.get("parameters") or {}).items():
        if name in _input_predicates() or name.endswith("_row"):
            raise read.error(
                ("parameters", name),
                f"parameter `{name}` is a predicate of the data (rules/_vocabulary/vocabulary.yaml): "
                "its facts would pose as records",
                key=True,
            )
        _claim(state, read, ("parameters", name), f"parameter `{name}`")
        cite = functools.partial(_cited, document=state.document)
        parameters[name] = read_parameter(name, spec, parameters.get(name), state.pack_id, cite, read)
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
        required = [k for k in REQUIRED_RULE_FIELDS if not (state.abstract and k == "citation")]
        if base is None and (missing := [k for k in required if k not in raw]):
            raise read.error(("rules", i), f"rule `{rid}` lacks `{'`, `'.join(missing)}`")
        merged: dict[str, Any] = {**(base.raw if base else {}), **raw}
        if "exceptions" in raw:
            inherited = base.raw.get("exceptions") if base else None
            merged["exceptions"] = _merge_exceptions(inherited, raw, read, i, state.abstract)
        rule = _make_rule(
            merged, topic if not base else base.topic, str(path), state.regulation, state.document
        )
        rule.defined_in = rule.cited_in = state.pack_id
        if base is not None and not {"citation", "quote", "excerpt"} & set(raw):
            # the base's keys name provisions of the base's document: keep what they read there
            rule.citation, rule.excerpt, rule.cites = base.citation, base.excerpt, base.cites
            rule.cited_in = base.cited_in
        if base is not None:
            rule.inherited_from = base.inherited_from
            rule.overridden = _overridden(base, raw, rule)
        rules[rid] = rule


def _overridden(base: Rule, raw: dict[str, Any], rule: Rule) -> list[str]:
    """The fields of a base's rule this pack changed, its own regulation's words aside; exceptions
    count when one is added, dropped or says something else (not when it is only cited here)."""
    changed = {k for k in raw if k != "id" and k not in REGULATION_TEXT and base.raw.get(k) != raw[k]}
    if "exceptions" in changed and _exception_gist(base) == _exception_gist(rule):
        changed.discard("exceptions")
    return sorted(changed)


def _exception_gist(rule: Rule) -> list[tuple[str, str]]:
    return [(e.id, str(sorted(e.message.items()))) for e in rule.exceptions]


def _merge_exceptions(
    inherited: Any, raw: dict[str, Any], read: Doc, i: int, abstract: bool
) -> list[dict[str, Any]]:
    """A rule's exceptions merged by id: the inherited ones changed where named, dropped where
    `not_enacted`, new ones added after them. A new id needs a citation, except in a base pack
    (whose regulations cite it)."""
    merged = {str(e["id"]): dict(e) for e in inherited or []}
    for n, entry in enumerate(raw["exceptions"]):
        eid = str(entry["id"])
        if entry.get("not_enacted"):
            if merged.pop(eid, None) is None:
                raise read.error(
                    ("rules", i, "exceptions", n), f"no inherited exception `{eid}` to leave out"
                )
            continue
        if eid not in merged and "citation" not in entry and not abstract:
            raise read.error(
                ("rules", i, "exceptions", n), f"exception `{eid}` is new here and needs a citation"
            )
        merged[eid] = {**merged.get(eid, {}), **entry}
    return list(merged.values())


@functools.cache  # asked once per parameter of every topic file
def _input_predicates() -> frozenset[str]:
    """The names checker/solve/facts.py writes facts under, as the vocabulary declares them."""
    return frozenset(sig.split("/")[0] for sig in signatures("inputs", "rows"))


def _claim(state: _TopicState, doc: Doc, at: tuple[str | int, ...], what: str) -> None:
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
        in_force=norm_date(raw.get("in_force")) or str(regulation.get("in_force", "")),
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


def parameter_facts(pack: Pack, day: str | None = None) -> str:
    """The pack's parameter rows law on `day` (every row without one) as ASP facts."""
    return facts_of(pack.parameters, day)


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
