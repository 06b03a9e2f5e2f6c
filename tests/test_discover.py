"""Discovery: the paths a command is given are walked once, and grouped into regencies there."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker.load.discover  # noqa: F401  (checker.load re-exports a function of this name)
from checker.cli import main

discover = sys.modules["checker.load.discover"]

FIXTURES = Path(__file__).parent / "fixtures"
REGENCY = FIXTURES / "regency-contoh"
PACKS = FIXTURES / "packs"


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    walk = discover._walk

    def counting(folder: Path, skipped: list[tuple[str, str]]) -> list[Path]:
        seen.append(str(folder))
        return walk(folder, skipped)

    monkeypatch.setattr(discover, "_walk", counting)
    return seen


@pytest.mark.parametrize("command", ["check", "validate"])
def test_each_folder_is_walked_once(command: str, walks: list[str], tmp_path: Path) -> None:
    data = tmp_path / "contoh"
    shutil.copytree(REGENCY, data)
    (data / "notes.txt").write_text("not data\n")
    args = [command, str(data)] + (["--rules-dir", str(PACKS), "--no-cache"] if command == "check" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    assert walks.count(str(data)) == 1
    assert f"skipped {data / 'notes.txt'}" in result.stderr


def test_paths_with_their_own_header_are_regencies_apart(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(REGENCY, one)
    shutil.copytree(REGENCY, two)
    found = discover.plan([str(one), str(two)])
    assert [g.paths for g in found.groups] == [(str(one),), (str(two),)]
    merged = discover.plan([str(one), str(one / "dinas.yaml")])
    assert len(merged.groups) == 1 and len(merged.groups[0].files) == len(found.groups[0].files)


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(discover.InputError, match="no such file"):
        discover.plan([str(tmp_path / "absent")])
