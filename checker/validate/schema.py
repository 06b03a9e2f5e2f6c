"""JSON Schema validation of the regency header and every record, errors mapped back to file:line.

One schema per record kind lives in `schemas/` (Draft 2020-12); shared shapes are in
`common.schema.json` and are reached by `$ref` through a `referencing.Registry` built from the files
(no network). Each validator is built once. A record is first checked with the fast `is_valid`;
only an invalid one is walked with `iter_errors`, and every error becomes a Problem (code "schema")
at the offending field, with a message a person can act on.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from checker.model import SINGULAR, Location, Problem, Record, Regency, Text, project_dir
from checker.validate.context import located, say

SCHEMA_DIR = project_dir("schemas")
SCHEMA_BASE = "https://sistemkerja.dev/schemas/"

# collection name -> schema file stem
KIND_SCHEMAS: dict[str, str] = {"regency": "regency"} | {
    kind: noun.lower() for kind, noun in SINGULAR.items()
}

# `$(?!\n)`: Python's re (jsonschema, fastjsonschema) lets `$` match before a final newline
_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$(?!\n)"
# pattern -> its words, the catalogue's problem.pattern.<key> (checker/i18n.py)
_PATTERN_WORDS = {
    _ID_PATTERN: "id",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$(?!\n)": "date",
    r"^[0-9]{18}$(?!\n)": "nip",
}
_TYPES = ("string", "boolean", "array", "object", "integer", "number")  # problem.type.<type>


@functools.cache
def _schemas() -> dict[str, dict[str, Any]]:
    """Every schema file by stem, read once."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        out[path.name.removesuffix(".schema.json")] = json.loads(path.read_text(encoding="utf-8"))
    return out


@functools.cache
def registry() -> Registry:
    resources = [
        (schema.get("$id", SCHEMA_BASE + f"{stem}.schema.json"), DRAFT202012.create_resource(schema))
        for stem, schema in _schemas().items()
    ]
    return Registry().with_resources(resources)


_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples"})


@functools.cache
def bundled(stem: str) -> dict[str, Any]:
    """The schema with every `$ref` replaced by what it points at (looked up in the registry).

    Same meaning as the file, but validating it skips a registry lookup per value: ~3x faster.
    """
    schema = _schemas()[stem]
    resolver = registry().resolver(base_uri=schema.get("$id", SCHEMA_BASE + f"{stem}.schema.json"))
    try:
        return _inline(schema, resolver, (), id(schema))
    except _Recursive:  # cannot be flattened: validate the file as written, through the registry
        return schema


class _Recursive(Exception):
    pass


def _inline(node: Any, resolver: Any, seen: tuple[int, ...], root: int) -> Any:
    """`node` with each `$ref` replaced by its target; a recursive one (a regulation's provisions
    nest) stays a reference, when it points into the root schema, which keeps its `$defs`."""
    if isinstance(node, list):
        return [_inline(item, resolver, seen, root) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    rest = {k: _inline(v, resolver, seen, root) for k, v in node.items() if k != "$ref"}
    if not isinstance(ref, str):
        return rest
    resolved = resolver.lookup(ref)
    target_id = id(resolved.contents)
    if target_id in seen:
        if ref.startswith("#/") and _in_root(resolver, root):
            return {**rest, "$ref": ref}
        raise _Recursive(ref)
    target = _inline(resolved.contents, resolved.resolver, (*seen, target_id), root)
    if not isinstance(target, dict):
        return {"allOf": [target], **rest}
    if set(rest) <= _ANNOTATIONS:
        return {**target, **rest}
    return {"allOf": [target], **rest}


def _in_root(resolver: Any, root: int) -> bool:
    """Whether `resolver` resolves local references in the root schema (whose `$defs` stay)."""
    return id(resolver.lookup("#").contents) == root


@functools.cache
def validator_for(stem: str) -> Draft202012Validator:
    """The validator for one schema (e.g. "unit"), built once per process."""
    return Draft202012Validator(bundled(stem), registry=registry())


def validate_regency(regency: Regency) -> list[Problem]:
    """Validate the regency header and every record against its schema; every error, sorted."""
    problems = validate_header(regency)
    for kind, records in regency.records.items():
        stem = KIND_SCHEMAS.get(kind)
        if stem is None:
            continue
        for rec in records:
            problems.extend(validate_record(rec, stem))
    problems.sort(key=Problem.sort_key)
    return problems


def validate_header(regency: Regency) -> list[Problem]:
    """The regency header: present once, and valid. (Records are checked file by file as they load.)"""
    problems: list[Problem] = []
    header = regency.regency
    if header is None:
        where = Location(regency.files[0], 1, 1) if regency.files else Location("<input>", 1, 1)
        problems.append(located("schema", say("problem.no-header"), where))
    else:
        header_id = header.get("id") if isinstance(header, dict) else None
        named = isinstance(header_id, str) and header_id
        label = f"regency {header_id}" if named else say("problem.regency-header")
        at = regency.regency_location or Location(regency.files[0] if regency.files else "<input>", 1, 1)
        for _path, message in check_value_text("regency", header):
            text = say("problem.generic", subject=label, detail=message)
            problems.append(located("schema", text, at, header_id if named else None))
    return problems


def validate_record(rec: Record, stem: str | None = None) -> list[Problem]:
    stem = stem or KIND_SCHEMAS[rec.kind]
    out = []
    for path, message in check_value_text(stem, rec.data):
        text = say("problem.generic", subject=f"{rec.kind} {rec.id}", detail=message)
        out.append(located("schema", text, _where(rec, path), rec.id))
    return out


@functools.cache
def fast_validator_for(stem: str) -> Callable[[Any], Any] | None:
    """A compiled validator for the common case, valid data: fastjsonschema checks a record ~10x
    faster than jsonschema. The schemas use only keywords Draft 7 shares with 2020-12 (a test
    keeps it so), so the bundled schema compiles as Draft 7. None when it cannot compile."""
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - a declared dependency; degrade to the full validator
        return None
    schema = {**bundled(stem), "$schema": "http://json-schema.org/draft-07/schema#"}
    try:
        return fastjsonschema.compile(schema, formats={"date": _DATE_SHAPE})  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any compile failure: use jsonschema alone
        return None


# formats are documentation here (jsonschema is run without a FormatChecker); the fast path must
# not be stricter than the full one, so "date" accepts what the schema's own pattern accepts
_DATE_SHAPE = r".*"


def is_valid(stem: str, data: Any) -> bool:
    fast = fast_validator_for(stem)
    if fast is None:
        return validator_for(stem).is_valid(data)
    try:
        fast(data)
    except Exception:  # noqa: BLE001 - JsonSchemaException or a type surprise: ask the full validator
        return validator_for(stem).is_valid(data)
    return True


def check_value(stem: str, data: Any) -> list[tuple[tuple[Any, ...], str]]:
    """(path, message in English) for every schema error of `data`; empty when valid."""
    return [(path, message.en) for path, message in check_value_text(stem, data)]


def check_value_text(stem: str, data: Any) -> list[tuple[tuple[Any, ...], Text]]:
    """(path, message) for every schema error of `data`; empty when valid. Valid data takes the
    fast path; only invalid data pays for jsonschema's complete, explained error list."""
    if is_valid(stem, data):
        return []
    validator = validator_for(stem)
    found: dict[tuple[tuple[Any, ...], Text], None] = {}
    errors = sorted(validator.iter_errors(data), key=lambda e: (_path_key(e.absolute_path), e.validator))
    for error in errors:
        for item in _describe(error, validator.schema):
            found.setdefault(item, None)
    return sorted(found, key=lambda item: (_path_key(item[0]), item[1].en))


def _path_key(path: Iterable[Any]) -> tuple[tuple[int, str], ...]:
    return tuple((0, f"{p:09d}") if isinstance(p, int) else (1, str(p)) for p in path)


def _where(rec: Record, path: Sequence[Any]) -> Location:
    """The location of the deepest part of `path` the loader recorded, else the record's."""
    parts = [str(p) for p in path]
    while parts:
        loc = rec.field_location(".".join(parts))
        if loc is not None:
            return loc
        parts.pop()
    return rec.location


def display_path(path: Iterable[Any]) -> str:
    """("members", 0, "role") -> "members[0].role"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _got(value: Any) -> Text | str:
    if value is None:
        return say("problem.got.nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, list):
        return say("problem.got.list")
    if isinstance(value, dict):
        return say("problem.got.mapping")
    return repr(value)


def _suggest(word: Any, choices: Iterable[Any]) -> Text | str:
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, [c for c in choices if isinstance(c, str)], n=1, cutoff=0.75)
    return say("problem.did-you-mean", word=close[0]) if close else ""


def _joined(parts: list[Text | str]) -> Text:
    """The parts with "or" / "atau" between them."""
    lang_parts = {lang: [p.get(lang) if isinstance(p, Text) else p for p in parts] for lang in ("id", "en")}
    sep = {lang: f" {say('problem.or').get(lang)} " for lang in ("id", "en")}
    return Text(sep["id"].join(lang_parts["id"]), sep["en"].join(lang_parts["en"]))


Path = tuple[Any, ...]  # a value's place in a record
Schema = dict[str, Any]
Described = Iterator[tuple[Path, Text]]


def _describe(error: ValidationError, root: dict[str, Any]) -> Described:
    """Turn one jsonschema error into (path, message) pairs a person can act on."""
    path = tuple(error.absolute_path)
    field = display_path(path)
    subject = say("problem.field", field=field) if field else say("problem.record")
    describe = _DESCRIBERS.get(str(error.validator), _generic)
    yield from describe(error, root, path, subject)


def _required(error: ValidationError, root: Schema, path: Path, subject: Text) -> Described:
    if not isinstance(error.instance, dict):
        return
    why: Text | str = ""
    if error.relative_schema_path and error.relative_schema_path[0] == "else":
        cond = root.get("if", {}).get("required", [])
        if cond:
            why = say("problem.required-unless", fields=_joined([f"'{c}'" for c in cond]))
    for name in error.validator_value:
        if name not in error.instance:
            yield path, say("problem.required", field=display_path((*path, name)), why=why)


def _unknown(error: ValidationError, root: Schema, path: Path, subject: Text) -> Described:
    if not isinstance(error.instance, dict):
        return
    known = error.schema.get("properties", {})
    for name in error.instance:
        if name not in known:
            hint = _suggest(name, known)
            yield (*path, name), say("problem.unknown-field", field=display_path((*path, name)), hint=hint)


def _type(error: ValidationError, root: Schema, path: Path, subject: Text) -> Described:
    value = error.validator_value
    types = [value] if isinstance(value, str) else list(value)
    wanted = _joined([say(f"problem.type.{t}") if t in _TYPES else t for t in types if t != "null"])
    if error.instance is None:
        yield path, say("problem.empty", subject=subject, wanted=wanted)
    else:
        yield path, say("problem.type", subject=subject, wanted=wanted, got=_got(error.instance))


def _pattern(error: ValidationError, root: Schema, path: Path, subject: Text) -> Described:
    key = _PATTERN_WORDS.get(error.validator_value)
    pattern = error.validator_value
    words = say(f"problem.pattern.{key}") if key else say("problem.pattern.other", pattern=pattern)
    yield path, say("problem.pattern", subject=subject, words=words, got=_got(error.instance))


def _enum(error: ValidationError, root: Schema, path: Path, subject: Text) -> Described:
    choices = [c for c in error.validator_value if c is not None]
    listed = ", ".join(str(c) for c in choices)
    got, hint = _got(error.instance), _suggest(error.instance, choices)
    both = Text(*(f"{_in(got, lang)}{_in(hint, lang)}" for lang in ("id", "en")))
    yield path, say("problem.enum", subject=subject, listed=listed, got=both)


def _in(value: Text | str, lang: str) -> str:
    return value.get(lang) if isinstance(value, Text) else value


def _min_items(error: ValidationError, root: Schema, path: Path, subject: Text) -> Described:
    yield path, say("problem.min-items", n=error.validator_value, subject=subject)


def _min_length(error: ValidationError, root: Schema, path: Path, subject: Text) -> Described:
    yield path, say("problem.min-length", subject=subject)


def _any_of(error: ValidationError, root: Schema, path: Path, subject: Text) -> Described:
    branches = error.validator_value if isinstance(error.validator_value, list) else []
    real = [i for i, b in enumerate(branches) if b != {"type": "null"}]
    if error.instance is not None and len(real) == 1:
        # "X or null": the value is not null, so explain why it is not a valid X
        subs = [e for e in error.context or () if e.relative_schema_path[0] == real[0]]
        if subs:
            for sub in sorted(subs, key=lambda e: (_path_key(e.absolute_path), e.validator)):
                yield from _describe(sub, root)
            return
    yield path, say("problem.not-valid", subject=subject, detail=error.message)  # jsonschema's words


def _generic(error: ValidationError, root: Schema, path: Path, subject: Text) -> Described:
    yield path, say("problem.generic", subject=subject, detail=error.message)


_DESCRIBERS = {
    "required": _required,
    "additionalProperties": _unknown,
    "type": _type,
    "pattern": _pattern,
    "enum": _enum,
    "minItems": _min_items,
    "minLength": _min_length,
    "anyOf": _any_of,
    "oneOf": _any_of,
}
