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

REQUIRED_RULE_FIELDS = ("id", "title", "severity", "citation", "excerpt", "message")
_WORD = re.compile(r"^[a-z][a-z0-9_]*$")


class PackError(Exception):
    """A pack is missing or malformed (a usage error: exit 2)."""


def default_rules_dir() -> Path:
    """The shipped `rules/` beside the package (editable install or source checkout)."""
    return Path(__file__).resolve().parent.parent / "rules"


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


@dataclass
class Parameter:
    name: str
    facts: list[list[Any]]
    description: str = ""
    citation: str = ""
    source: str = ""


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

    @property
    def in_force(self) -> str:
        return str(self.regulation.get("in_force", ""))

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


def _read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule-pack metadata: {exc}") from exc


def _norm_date(value: Any) -> str:
    # pack metadata is trusted project data, read with safe_load: dates may come back as dates
    return value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value))


def load_pack(pack_id: str, rules_dirs: Sequence[Path] = (), _seen: tuple[str, ...] = ()) -> Pack:
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
        base = load_pack(str(base_id), rules_dirs, (*_seen, pack_id))
        rules = {rid: _inherit(rule, base.id) for rid, rule in base.rules.items()}
        not_enacted = dict(base.not_enacted)
        parameters = dict(base.parameters)
        programs = list(base.programs)
        lineage = [pack_id, *base.lineage]
    else:
        common = sorted((default_rules_dir() / "common").glob("*.lp"))
        rules, not_enacted, parameters, programs, lineage = {}, {}, {}, list(common), [pack_id]

    programs.extend(sorted(folder.glob("*.lp")))
    for topic_file in sorted(folder.glob("*.yaml")):
        if topic_file.name == "pack.yaml":
            continue
        _read_topic(topic_file, regulation, rules, not_enacted, parameters)

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
    )


def _inherit(rule: Rule, base_id: str) -> Rule:
    copy = Rule(**{**rule.__dict__})
    copy.inherited_from = rule.inherited_from or base_id
    copy.overridden = []
    return copy


def _read_topic(
    path: Path,
    regulation: dict[str, Any],
    rules: dict[str, Rule],
    not_enacted: dict[str, str],
    parameters: dict[str, Parameter],
) -> None:
    doc = _read_yaml(path) or {}
    if not isinstance(doc, dict):
        raise PackError(f"{path}: a topic file must be a mapping with `rules:` and `parameters:`")
    topic = str(doc.get("topic") or path.stem)
    for name, spec in (doc.get("parameters") or {}).items():
        spec = spec or {}
        parameters[name] = Parameter(
            name=name,
            facts=[list(row) if isinstance(row, list) else [row] for row in spec.get("facts") or []],
            description=str(spec.get("description", "")),
            citation=str(spec.get("citation", "")),
            source=str(path),
        )
    for raw in doc.get("rules") or []:
        if not isinstance(raw, dict) or not raw.get("id"):
            raise PackError(f"{path}: every rule needs an `id`")
        rid = str(raw["id"])
        if raw.get("not_enacted"):
            rules.pop(rid, None)
            not_enacted[rid] = str(raw.get("reason") or raw.get("not_enacted"))
            continue
        not_enacted.pop(rid, None)
        base = rules.get(rid)
        merged: dict[str, Any] = {**(base.raw if base else {}), **raw}
        rule = _make_rule(merged, topic if not base else base.topic, str(path), regulation)
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
    )


def parameter_facts(pack: Pack) -> str:
    """Parameters as ASP facts: name(v1, v2, ...)."""
    lines = []
    for param in pack.parameters.values():
        for row in param.facts:
            lines.append(f"{param.name}({', '.join(_term(v) for v in row)}).")
    return "\n".join(lines)


def _term(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    text = str(value)
    if _WORD.match(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
    return problems
