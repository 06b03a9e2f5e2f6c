"""The differential harness: however a check is run, the report is the same, byte for byte.

Random small edits to a valid regency (a value changed, a record removed, duplicated or moved to
another file, a file renamed) are checked five ways — without the cache, whole; with a cache that
every example shares (so stale entries of other versions are there), cold then warm; in parts
with two processes, without and with the cache — and every JSON report must be identical. A check
during which the files change under it may report either version, but what it caches must be the
version it read: a later cached run on each version reports that version.
"""

from __future__ import annotations

import random
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
WHOLE = ("--no-cache", "--jobs", "1", "--part-size", "0")
CONFIGS = {
    "cached": ("--jobs", "1"),
    "cached again": ("--jobs", "1"),
    "parts": ("--no-cache", "--jobs", "2", "--part-size", "20"),
    "parts, cached": ("--jobs", "2", "--part-size", "20"),
}


def read(folder: Path) -> dict[str, dict]:
    # BaseLoader: every scalar a string, as our loader types them
    return {
        name: yaml.load((folder / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader) for name in FILES
    }


ORIGINAL = read(EXAMPLES)


def write(folder: Path, files: dict[str, dict]) -> None:
    for old in folder.glob("*.yaml"):
        old.unlink()
    for name, doc in files.items():
        (folder / name).write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def records(files: dict[str, dict]) -> list[tuple[str, str, int]]:
    return [
        (name, kind, i)
        for name, doc in files.items()
        for kind, recs in doc.items()
        if kind != "regency" and isinstance(recs, list)
        for i in range(len(recs))
    ]


def edit(files: dict[str, dict], rng: random.Random, action: str) -> dict[str, dict]:
    """One small edit, chosen with `rng` (hypothesis draws its seed, and shrinks it)."""
    files = yaml.safe_load(yaml.safe_dump(files))  # a deep copy
    name, kind, i = rng.choice(records(files))
    recs = files[name][kind]
    if action == "value":  # a field takes the value another record of the kind has there
        field = rng.choice([k for k in recs[i] if k != "id"] or ["id"])
        donors = [r[field] for n, k, j in records(files) if k == kind for r in [files[n][k][j]] if field in r]
        recs[i][field] = rng.choice(donors)
    elif action == "remove":
        del recs[i]
    elif action == "duplicate":
        recs.append({**recs[i], "id": recs[i]["id"] + "-copy"})
    elif action == "move":
        other = rng.choice(sorted(files))
        files[other].setdefault(kind, []).append(recs.pop(i))
    else:  # rename a file: the reading order of the files changes
        new = f"{rng.choice('az')}-{name}"
        files[new] = files.pop(name)
    return files


def check(folder: Path, cache: Path, *options: str) -> tuple[int, str]:
    args = ["check", str(folder), "--format", "json", "--cache-dir", str(cache), *options]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-cache")


ACTIONS = st.sampled_from(["value", "remove", "duplicate", "move", "rename"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(ACTIONS, st.integers(0, 2**16)), min_size=1, max_size=3))
def test_every_way_of_running_gives_the_same_report(
    edits: list[tuple[str, int]], shared_cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    files = ORIGINAL
    for action, seed in edits:
        files = edit(files, random.Random(seed), action)
    folder = tmp_path_factory.mktemp("regency")
    write(folder, files)
    reference = check(folder, shared_cache, *WHOLE)
    for name, options in CONFIGS.items():
        assert check(folder, shared_cache, *options) == reference, name


def flip(folder: Path, versions: list[dict[str, dict]], stop: threading.Event) -> None:
    """Write the versions in turn until stopped, a little apart (a save, a checkout)."""
    n = 0
    while not stop.wait(0.002):
        write(folder, versions[n % len(versions)])
        n += 1


def test_a_check_racing_an_edit_caches_only_what_it_read(tmp_path: Path) -> None:
    versions = [
        ORIGINAL,
        edit(ORIGINAL, random.Random(7), "remove"),
        edit(ORIGINAL, random.Random(3), "value"),
    ]
    folder, cache = tmp_path / "regency", tmp_path / "cache"
    folder.mkdir()
    expected = []
    for files in versions:
        write(folder, files)
        expected.append(check(folder, tmp_path / "unused", *WHOLE))
    assert len({e[1] for e in expected}) == 3  # the edits change the report
    for _ in range(4):
        stop = threading.Event()
        writer = threading.Thread(target=flip, args=(folder, versions, stop))
        writer.start()
        try:
            for _ in range(3):
                check(folder, cache, "--jobs", "1")
        finally:
            stop.set()
            writer.join()
        for files, want in zip(versions, expected, strict=True):
            write(folder, files)
            assert check(folder, cache, "--jobs", "1") == want
    shutil.rmtree(cache)


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_reports_with_names_and_explanations_are_the_same_cached_or_not(fmt: str, tmp_path: Path) -> None:
    """The HTML report's names and --explain's chains need the records, which a cached result does
    not hold: they are loaded then, and the report is the same."""
    extra = ("--explain",) if fmt == "text" else ()
    args = ["check", str(EXAMPLES), "--format", fmt, *extra]
    uncached = CliRunner().invoke(main, [*args, "--no-cache"]).stdout
    cache = ["--cache-dir", str(tmp_path / "c")]
    cold, warm = (CliRunner().invoke(main, [*args, *cache]).stdout for _ in range(2))
    assert uncached == cold == warm and len(uncached) > 1000
