"""The replay of a warm check (checker.replay) never changes an answer (issue 19, "warm").

Runs go through the console script's own entry point in a fresh process, as a user runs them.
Whether a run was replayed is read off its entry: a full run writes it anew (a new file), a
replay leaves it as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import replay
from tests.test_differential import ORIGINAL, edit, write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
ENTRY = [sys.executable, "-c", "from checker.replay import entry; entry()"]


class Runner:
    def __init__(self, tmp_path: Path) -> None:
        self.cwd = tmp_path / "work"
        self.cwd.mkdir()
        self.data = self.cwd / "data"
        shutil.copytree(EXAMPLES, self.data)
        self.cache = tmp_path / "cache"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SISTEMKERJA")}
        self.env["SISTEMKERJA_CACHE_DIR"] = str(self.cache)

    def run(self, *args: str) -> tuple[int, bytes, bytes]:
        done = subprocess.run(
            [*ENTRY, "check", *args], cwd=self.cwd, env=self.env, capture_output=True, timeout=120
        )
        assert b"Traceback" not in done.stderr, done.stderr.decode()
        return done.returncode, done.stdout, done.stderr

    def entries(self) -> dict[Path, int]:
        """Each replay entry and its inode (a full run replaces the file, a replay does not)."""
        return {p: p.stat().st_ino for p in (self.cache / "replay").glob("*/p-*.json")}


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    return Runner(tmp_path)


def replayed(runner: Runner, *args: str) -> tuple[bool, tuple[int, bytes, bytes]]:
    before = runner.entries()
    result = runner.run(*args)
    # an entry never holds exit 2, so a run that exits 2 was never a replay (and records nothing)
    return bool(before) and runner.entries() == before and result[0] != 2, result


ARGS = ("data", "--format", "text", "--format", "json:out/report.json")


def test_a_replay_is_the_full_run_byte_for_byte(runner: Runner) -> None:
    (runner.cwd / "out").mkdir()
    first = runner.run(*ARGS)
    assert first[0] == 1 and first[1]  # the examples have findings
    report = (runner.cwd / "out" / "report.json").read_bytes()
    (runner.cwd / "out" / "report.json").unlink()
    again, second = replayed(runner, *ARGS)
    assert again
    assert second == first
    assert (runner.cwd / "out" / "report.json").read_bytes() == report  # written again
    assert runner.run(*ARGS, "--no-cache") == first


EDITS = {
    "a data file's content": lambda r: _append(r.data / "setda.yaml", "\n# a comment\n"),
    "a new data file": lambda r: shutil.copy(r.data / "setda.yaml", r.data / "setda-copy.yaml"),
    "a data file removed": lambda r: (r.data / "distan.yaml").unlink(),
    "a data file renamed": lambda r: (r.data / "distan.yaml").rename(r.data / "a-distan.yaml"),
    "a non-data file added": lambda r: (r.data / "notes.txt").write_text("x"),
    "waivers beside the data": lambda r: (r.data / "waivers.yaml").write_text("waivers: []\n"),
    "a configuration file in the working folder": lambda r: (r.cwd / ".sistemkerja.yaml").write_text(
        "check:\n  lang: en\n"
    ),
    "the environment": lambda r: r.env.__setitem__("SOMETHING_ELSE", "1"),
    "a link in place of the folder": lambda r: _relink(r),
}


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _relink(r: Runner) -> None:
    real = r.cwd / "real-data"
    r.data.rename(real)
    r.data.symlink_to(real)


@pytest.mark.parametrize("change", sorted(EDITS))
def test_any_change_to_what_the_run_consulted_runs_again(runner: Runner, change: str) -> None:
    runner.run("data")
    assert replayed(runner, "data")[0]
    EDITS[change](runner)
    again, result = replayed(runner, "data")
    assert not again, change
    assert result == runner.run("data", "--no-cache")


def test_a_pack_edit_runs_again(runner: Runner, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("tests"))
    args = ("data", "--rules-dir", str(rules))
    runner.run(*args)
    assert replayed(runner, *args)[0]
    _append(rules / "perbup-tanah-laut-26-2024" / "tim.lp", "\n% a comment\n")
    assert not replayed(runner, *args)[0]


def test_another_command_line_is_another_entry(runner: Runner) -> None:
    runner.run("data")
    again, result = replayed(runner, "data", "--lang", "en")
    assert not again
    assert b"findings" in result[1]


@pytest.mark.parametrize(
    "args",
    [
        ("data", "--no-cache"),  # nothing cached, nothing replayed
        ("data", "--progress"),  # progress lines carry this run's times
        ("missing",),  # exit 2: a tool error is always the full run's to say
    ],
)
def test_runs_that_leave_no_entry(runner: Runner, args: tuple[str, ...]) -> None:
    runner.run(*args)
    assert not runner.entries()


def test_a_run_with_worker_processes_leaves_no_entry(runner: Runner) -> None:
    """What a worker reads, the hook in this process does not see."""
    shutil.copytree(runner.data, runner.cwd / "other")
    code, _, _ = runner.run("data", "other", "--each", "--jobs", "2")
    assert code == 1
    assert not runner.entries()


def test_a_cache_folder_of_its_own_leaves_no_entry(runner: Runner, tmp_path: Path) -> None:
    runner.run("data", "--cache-dir", str(tmp_path / "elsewhere"))
    assert not runner.entries()
    assert not list((tmp_path / "elsewhere").glob("replay"))


# --- hostile entries ------------------------------------------------------------------------------
def _plant(runner: Runner, args: list[str], payload: dict) -> Path:
    """An entry for `args`, with a valid checksum, under the key the runner's next run looks for."""
    code = (
        "import sys, json; from checker import replay; "
        "print(replay.situation(json.loads(sys.argv[1])))"
    )
    key = subprocess.run(
        [sys.executable, "-c", code, json.dumps(["check", *args])],
        cwd=runner.cwd,
        env=runner.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    blob = json.dumps(payload).encode()
    path = runner.cache / "replay" / key[2:4] / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(replay.FORMAT + hashlib.sha256(blob).digest() + blob)
    return path


def test_a_planted_entry_cannot_write_a_file_the_command_line_does_not_name(
    runner: Runner, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    planted = {"probes": [], "files": [[str(victim), "eA=="]], "writes": [[1, "eA=="]], "code": 0}
    _plant(runner, ["data"], planted)
    code, out, _ = runner.run("data")
    assert not victim.exists()
    assert code == 1 and out != b"x"  # the full run, with the examples' findings


@pytest.mark.parametrize(
    "payload",
    [
        {"probes": [], "files": [], "writes": [[1, "eA=="]], "code": 2},  # never a tool error
        {"probes": [], "files": [], "writes": [[1, "eA=="]], "code": True},
        {"probes": [["x", "/", None]], "files": [], "writes": [], "code": 0},
        {"probes": [], "files": [], "writes": [[3, "eA=="]], "code": 0},
        {"probes": [], "files": [], "writes": [[1, "not base64!"]], "code": 0},
        {"probes": [], "files": [], "code": 0},
        [],
    ],
)
def test_an_entry_of_the_wrong_shape_is_a_miss(runner: Runner, payload: object) -> None:
    _plant(runner, ["data"], payload)  # type: ignore[arg-type]
    code, out, _ = runner.run("data")
    assert code == 1 and out != b"x"


def test_an_entry_that_is_not_a_regular_file_is_a_miss(runner: Runner) -> None:
    path = _plant(runner, ["data"], {"probes": [], "files": [], "writes": [[1, "eA=="]], "code": 0})
    path.unlink()
    os.mkfifo(path)  # a FIFO must neither block nor be read
    code, out, _ = runner.run("data")
    assert code == 1 and out != b"x"


# --- completeness: what the run tested with stat is covered --------------------------------------
def test_every_path_the_run_stats_is_covered_by_a_probe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit hook sees files opened and folders listed, not `stat`: every path a run stats
    (is_file, exists, ...) must be a probe itself, lie in a folder whose listing is one, or be
    Python's or the checker's own code."""
    from click.testing import CliRunner

    from checker.cli import main

    data = tmp_path / "data"
    shutil.copytree(EXAMPLES, data)
    monkeypatch.setenv("SISTEMKERJA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    statted: list[str] = []
    real_stat = os.stat

    def spy(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if isinstance(path, (str, os.PathLike)):
            statted.append(os.path.abspath(os.fsdecode(path)))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    argv = ["check", "data", "--format", "json"]
    recorder = replay.Recorder(argv, replay.situation(argv))
    monkeypatch.setattr(replay, "RECORDER", recorder)
    sys.addaudithook(replay._hook)  # inert once RECORDER is None again
    monkeypatch.setattr(os, "stat", spy)
    for _ in range(2):  # cold, then a warm result
        recorder.spoiled = ""
        result = CliRunner().invoke(main, argv)
        assert result.exit_code == 1, result.output
    monkeypatch.setattr(os, "stat", real_stat)
    assert recorder.root == str(tmp_path / "cache")
    probes = recorder._probes()
    assert probes is not None
    folders = {p[1] for p in probes if p[0] == "d"}
    covered = {p[1] for p in probes} | folders
    python = tuple(os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix))
    code = str(ROOT / "checker")
    missed = sorted(
        {
            p
            for p in statted
            if p not in covered
            and os.path.dirname(p) not in folders
            and not os.path.realpath(p).startswith(python)
            and not p.startswith(code)
            and not p.startswith(str(tmp_path / "cache"))
        }
    )
    assert not missed


# --- equivalence on random edits --------------------------------------------------------------------
ACTIONS = st.sampled_from(["value", "remove", "duplicate", "move", "rename"])


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(ACTIONS, st.integers(0, 2**16)), min_size=1, max_size=3))
def test_replayed_and_full_runs_agree_on_random_edits(
    edits: list[tuple[str, int]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Edits one after another on one folder with one cache: after each, the run (replayed or
    not) says what a run without the cache says."""
    runner = Runner(tmp_path_factory.mktemp("replay"))
    files = ORIGINAL
    args = ("data", "--format", "json")
    runner.run(*args)
    for action, seed in edits:
        files = edit(files, random.Random(seed), action)
        write(runner.data, files)
        assert runner.run(*args) == runner.run(*args, "--no-cache")
        again, result = replayed(runner, *args)
        assert again == (result[0] != 2)
        assert result == runner.run(*args, "--no-cache")


def test_a_deleted_working_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    """The replay's situation and the configuration lookup both need the working folder."""
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "sys.argv = ['sistemkerja', 'check', sys.argv[2]]; "
        "from checker.replay import entry; entry()"
    )
    env = {**os.environ, "SISTEMKERJA_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", script, str(gone), str(EXAMPLES)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "working folder" in done.stderr
