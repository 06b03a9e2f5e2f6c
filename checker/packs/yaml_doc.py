"""A pack's YAML files as read: data and node tree together, so every problem is located at
file:line; shapes checked against the pack schemas, dates that must be real dates."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checker.model import project_dir
from checker.packs.model import PackError

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 20x faster than pure Python


@dataclass
class Doc:
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


def read_yaml(path: Path) -> Doc:
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
    return Doc(path, data, node)


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


def norm_date(value: Any) -> str:
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
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def validate_doc(doc: Doc, stem: str) -> None:
    """Check a pack file against its schema (schemas/<stem>.schema.json): every value the loader
    converts has the shape it expects, so none becomes a default. Each problem is located."""
    try:
        plain = _plain(doc.data, doc, ())
        if _validator(stem, bundled=True).is_valid(plain):
            return
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


def _line_of(doc: Doc, at: Sequence[str | int], key: bool) -> int:
    _, _, line = doc.where(at, key).rpartition(":")
    return int(line) if line.isdigit() else 0


def _plain(value: Any, doc: Doc, at: tuple[str | int, ...]) -> Any:
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
def _validator(stem: str, bundled: bool = False) -> Any:
    """The schema's validator; `bundled`, its references inlined (checker.validate.schema.bundled):
    the same meaning, twice as fast on a regulation (13 ms, not 30), so it says whether a file is
    valid, and the schema as written explains what is wrong (its errors name its own parts)."""
    import json

    from jsonschema import Draft202012Validator, FormatChecker

    formats = FormatChecker(formats=())
    formats.checks("date")(_real_date)
    if bundled:
        from checker.validate import schema as data_schema

        return Draft202012Validator(
            data_schema.bundled(stem), format_checker=formats, registry=data_schema.registry()
        )
    schema = json.loads((project_dir("schemas") / f"{stem}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=formats)


def _real_date(value: object) -> bool:
    """A date the calendar has (2024-02-30 is not); the shape itself is the pattern's to report."""
    if not isinstance(value, str) or not DATE.fullmatch(value):
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
