"""Input that cannot be read: each gives one problem with an exact code, message and place."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from checker.load import load_paths
from checker.load.discover import InputError
from checker.model import Location, is_unreadable

INVALID = Path(__file__).parent / "fixtures" / "invalid"
MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal"


def only_problem(*paths: Path, **kwargs):
    result = load_paths([str(p) for p in paths], **kwargs)
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert is_unreadable(problem)
    return problem.code, problem.message, str(problem.location)


def at(name: str, line: int, column: int) -> str:
    return str(Location(str(INVALID / name), line, column))


def test_malformed_yaml():
    assert only_problem(INVALID / "malformed.yaml") == (
        "yaml.syntax",
        "YAML syntax error: did not find expected ',' or ']'",
        at("malformed.yaml", 4, 9),
    )


def test_latin1_bytes():
    assert (INVALID / "latin1.yaml").read_bytes().endswith(b"Jos\xe9 Rizal\n")
    assert only_problem(INVALID / "latin1.yaml") == (
        "input.encoding",
        "not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8",
        at("latin1.yaml", 3, 14),
    )


def test_empty_file():
    assert (INVALID / "empty.yaml").stat().st_size == 0
    assert only_problem(INVALID / "empty.yaml") == ("input.empty", "file is empty", at("empty.yaml", 1, 1))


def test_comment_only_file():
    assert only_problem(INVALID / "comment-only.yaml") == (
        "input.empty",
        "file holds no YAML document",
        at("comment-only.yaml", 1, 1),
    )


def test_directory_without_yaml(tmp_path):
    (tmp_path / "readme.txt").write_text("no data here")
    with pytest.raises(InputError) as exc:
        load_paths([str(tmp_path)])
    assert str(exc.value) == f"{tmp_path}: no data files (*.yaml, *.yml, *.json, *.xlsx, *.csv) in this directory"


def test_missing_path(tmp_path):
    with pytest.raises(InputError) as exc:
        load_paths([str(tmp_path / "nope.yaml")])
    assert str(exc.value) == f"{tmp_path / 'nope.yaml'}: no such file or directory"


def test_alias_bomb_is_refused_quickly():
    started = time.perf_counter()
    problem = only_problem(INVALID / "alias-bomb.yaml")
    assert time.perf_counter() - started < 2
    assert problem == (
        "yaml.alias-bomb",
        "YAML aliases expand to more than 2,000,000 values; refusing to read",
        at("alias-bomb.yaml", 8, 4),
    )


def test_recursive_alias():
    assert only_problem(INVALID / "recursive-alias.yaml") == (
        "yaml.alias-bomb",
        "a YAML alias refers to a value that contains it (endless expansion); refusing to read",
        at("recursive-alias.yaml", 2, 5),
    )


def test_nesting_too_deep():
    assert only_problem(INVALID / "too-deep.yaml") == (
        "input.too-deep",
        "YAML nesting is deeper than 100 levels; refusing to read",
        at("too-deep.yaml", 1, 27),
    )


def test_file_above_size_limit():
    path = MINIMAL / "regency.yaml"
    size = path.stat().st_size
    assert only_problem(path, max_bytes=100) == (
        "input.too-large",
        f"file is {size:,} bytes, above the 100 bytes limit; split it into one file per OPD",
        str(Location(str(path), 1, 1)),
    )


def test_one_bad_file_does_not_stop_the_others():
    result = load_paths([str(MINIMAL), str(INVALID / "malformed.yaml")])
    assert [p.code for p in result.problems] == ["yaml.syntax"]
    assert len(result.regency.records["employees"]) == 6


def test_only_alias_expansion_counts_toward_the_bomb_limit(tmp_path, monkeypatch):
    """A large file of ordinary records is not an alias bomb; the limit is on what aliases add."""
    from checker import load
    from checker.load import yaml_full

    monkeypatch.setattr(yaml_full, "MAX_EXPANDED_NODES", 100)
    plain = tmp_path / "plain.yaml"
    plain.write_text("employees:\n" + "".join(f"  - {{id: e-{i}, name: N}}\n" for i in range(50)), encoding="utf-8")
    assert load.load_paths([str(plain)]).problems == []
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b]\n", encoding="utf-8")
    assert [p.code for p in load.load_paths([str(bomb)]).problems] == ["yaml.alias-bomb"]
