"""A pack file's schema check answers "valid?" with the bundled schema (references inlined, the
recursive ones kept) and explains errors with the schema as written: both must agree on validity,
for the shipped files and for files broken in many ways."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.packs.yaml_doc import _plain, _validator, read_yaml
from checker.validate.schema import bundled

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "regulation": sorted(ROOT.glob("rules/*/regulation.yaml")),
    "pack": sorted(ROOT.glob("rules/*/pack.yaml")),
    "pack-topic": sorted(
        p for p in ROOT.glob("rules/perm*/*.yaml") if p.name not in ("pack.yaml", "regulation.yaml")
    ),
}
BREAKS = [5, {}, [], "", None, "2024-02-30", {"unknown": 1}]


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at] if at else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*at, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*at, i))
    return out


@contextlib.contextmanager
def _broken(doc: Any, at: tuple[Any, ...], value: Any) -> Iterator[None]:
    """`doc` with the value at `at` replaced (or deleted), restored afterwards (no copy: a
    regulation is large)."""
    node = doc
    for step in at[:-1]:
        node = node[step]
    old = node[at[-1]]
    if value is _DELETE:
        del node[at[-1]]
    else:
        node[at[-1]] = value
    try:
        yield
    finally:
        node[at[-1]] = old  # a deleted key comes back last: validity does not depend on order


_DELETE = object()


def test_the_recursive_reference_stays_and_the_rest_are_inlined() -> None:
    import json

    text = json.dumps(bundled("regulation"))
    assert text.count('"$ref"') == 3  # provision <-> provisions
    assert '"$ref"' not in json.dumps(bundled("pack-topic"))


@pytest.mark.parametrize("stem", sorted(FILES))
def test_bundled_and_written_schemas_agree_on_validity(stem: str) -> None:
    rng = random.Random(7)
    fast, full = _validator(stem, bundled=True), _validator(stem)
    for path in FILES[stem]:
        doc = read_yaml(path)
        plain = _plain(doc.data, doc, ())
        assert fast.is_valid(plain) and full.is_valid(plain), path
        paths = _paths(plain)
        for at in rng.sample(paths, min(8 if stem == "regulation" else 25, len(paths))):
            for value in (*BREAKS, _DELETE):
                if value is _DELETE and isinstance(at[-1], int):
                    continue
                with _broken(plain, at, value):
                    assert fast.is_valid(plain) == full.is_valid(plain), (path, at, value)
