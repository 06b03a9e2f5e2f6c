"""The full YAML path: libyaml composition, our scalar typing, and every syntax problem located.

Files the fast reader (yaml_subset) does not take come here: flow style, anchors and aliases, odd
indentation, or anything wrong. Aliases are expanded with a bound (alias bombs) and nesting is
limited; duplicate and merge keys are problems.
"""

from __future__ import annotations

from typing import Any

import yaml

from checker.load.source import FileProblem, number, said
from checker.model import COLLECTIONS, PLAIN_TYPED, Location, Problem, Record, Regency, pack

try:  # libyaml is ~8x faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_EXPANDED_NODES = 2_000_000  # values that aliases may add beyond the document's own (alias bombs)
MAX_DEPTH = 100  # nesting deeper than this is never a regency (and would exhaust the Python stack)

_NULLS = {word for word, value in PLAIN_TYPED.items() if value is None}


def parse(text: str, name: str) -> Any:
    """Compose the YAML and build plain Python values, keeping node marks for locations."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name, 1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise FileProblem(said("yaml.syntax", "problem.read.yaml-syntax", loc, detail=what)) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: located by its offset
        before = text[: exc.position]
        loc = Location(name, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        code = f"{exc.character:04X}"
        raise FileProblem(said("yaml.syntax", "problem.read.yaml-character", loc, code=code)) from exc
    except yaml.YAMLError as exc:
        raise FileProblem(
            said("yaml.syntax", "problem.read.yaml-error", Location(name, 1, 1), detail=exc)
        ) from exc
    except RecursionError as exc:  # only the pure-Python composer recurses per nesting level
        raise FileProblem(_too_deep(Location(name, 1, 1))) from exc
    if node is None:
        raise FileProblem(said("input.empty", "problem.read.no-document", Location(name, 1, 1)))
    _check_expansion(node, name)
    return node


def _too_deep(loc: Location) -> Problem:
    return said("input.too-deep", "problem.read.too-deep", loc, depth=MAX_DEPTH)


def _check_expansion(root: yaml.Node, name: str) -> None:
    """Reject documents whose aliases expand to too many nodes, refer to themselves, or nest too
    deeply (counting through aliases); linear time via memoised sizes and heights of collections."""
    collections = (yaml.SequenceNode, yaml.MappingNode)
    if not isinstance(root, collections):
        return
    # sizes: -1 while in progress; only a node's ancestors are, so meeting one again is a cycle
    sizes: dict[int, int] = {}
    heights: dict[int, int] = {}
    # (node, None) = expand it; (node, children) = its children are done, total them
    stack: list[tuple[yaml.Node, list[yaml.Node] | None]] = [(root, None)]
    distinct = 1  # values written in the document (each collection's values counted once)
    while stack:
        node, kids = stack.pop()
        key = id(node)
        if kids is None:
            if key in sizes:
                continue
            sizes[key] = -1
            if isinstance(node, yaml.SequenceNode):
                kids = [c for c in node.value if isinstance(c, collections)]
            else:
                kids = [c for pair in node.value for c in pair if isinstance(c, collections)]
            stack.append((node, kids))
            for child in kids:
                seen = sizes.get(id(child))
                if seen is None:
                    stack.append((child, None))
                elif seen == -1:
                    raise FileProblem(said("yaml.alias-bomb", "problem.read.alias-cycle", _loc(node, name)))
            continue
        n_values = len(node.value) * (2 if isinstance(node, yaml.MappingNode) else 1)
        distinct += n_values
        sizes[key] = 1 + n_values - len(kids) + sum(sizes.get(id(c), 1) for c in kids)
        heights[key] = 1 + max((heights.get(id(c), 1) for c in kids), default=1)
        if heights[key] > MAX_DEPTH:
            raise FileProblem(_too_deep(_loc(node, name)))
        # only what aliases add counts: a large file of ordinary records is not a bomb
        if sizes[key] > distinct + MAX_EXPANDED_NODES:
            limit = number(MAX_EXPANDED_NODES)
            raise FileProblem(
                said("yaml.alias-bomb", "problem.read.alias-bomb", _loc(node, name), limit=limit)
            )


def _loc(node: yaml.Node, name: str) -> Location:
    return Location(name, node.start_mark.line + 1, node.start_mark.column + 1)


def to_python(node: yaml.Node, name: str, path: str, locs: dict[str, int], problems: list[Problem]) -> Any:
    """Build a value from a node with our scalar typing, recording each value's location by path."""
    mark = node.start_mark
    locs[path] = pack(mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in PLAIN_TYPED:  # plain (unquoted): libyaml gives "" style
            return PLAIN_TYPED[node.value]
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [
            to_python(child, name, f"{path}.{i}" if path else str(i), locs, problems)
            for i, child in enumerate(node.value)
        ]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(said("yaml.key", "problem.read.yaml-key", _loc(key_node, name)))
            continue
        key = key_node.value
        if key == "<<":
            problems.append(said("yaml.merge", "problem.read.yaml-merge", _loc(key_node, name)))
            continue
        if key in out:
            problems.append(
                said("yaml.duplicate-key", "problem.read.duplicate-key", _loc(key_node, name), word=key)
            )
            continue
        out[key] = to_python(value_node, name, f"{path}.{key}" if path else key, locs, problems)
    return out


def add_document(regency: Regency, root: yaml.Node, name: str, problems: list[Problem]) -> None:
    """Split one file's top-level mapping into the regency header and collection records."""
    if not isinstance(root, yaml.MappingNode):
        problems.append(said("yaml.structure", "problem.read.top-level", _loc(root, name)))
        return
    seen: set[str] = set()
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key is not None and key in seen:
            where = _loc(key_node, name)
            problems.append(said("yaml.duplicate-key", "problem.read.duplicate-top-key", where, word=key))
            continue
        seen.add(key or "")
        if key == "regency":
            _add_regency(regency, value_node, name, problems)
        elif key in COLLECTIONS:
            _add_collection(regency, key, value_node, name, problems)
        else:
            known = ", ".join(("regency", *COLLECTIONS))
            where = _loc(key_node, name)
            problems.append(
                said("yaml.structure", "problem.read.unknown-collection", where, word=key, known=known)
            )


def _add_regency(regency: Regency, node: yaml.Node, name: str, problems: list[Problem]) -> None:
    loc = _loc(node, name)
    if regency.regency is not None:
        first = regency.regency_location
        problems.append(said("data.duplicate-regency", "problem.read.second-regency", loc, first=first))
        return
    if not isinstance(node, yaml.MappingNode):
        problems.append(said("yaml.structure", "problem.read.regency-mapping", loc))
        return
    locs: dict[str, int] = {}
    regency.regency = to_python(node, name, "", locs, problems)
    regency.regency_location = loc


def _add_collection(regency: Regency, kind: str, node: yaml.Node, name: str, problems: list[Problem]) -> None:
    if isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS:
        return  # `employees:` with nothing under it
    if not isinstance(node, yaml.SequenceNode):
        problems.append(said("yaml.structure", "problem.read.collection-list", _loc(node, name), kind=kind))
        return
    records = regency.records[kind]
    for item in node.value:
        loc = _loc(item, name)
        if not isinstance(item, yaml.MappingNode):
            problems.append(said("yaml.structure", "problem.read.item-mapping", loc, kind=kind))
            continue
        locs: dict[str, int] = {}
        data = to_python(item, name, "", locs, problems)
        rec_id = data.get("id")
        if not isinstance(rec_id, str) or not rec_id:
            problems.append(said("data.missing-id", "problem.read.missing-id", loc, kind=kind))
            continue
        locs.pop("", None)
        records.append(Record(kind, rec_id, data, loc, locs))
