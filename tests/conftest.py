"""Suite-wide settings: every test gets its own cache folder, so runs never share or pollute one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SISTEMKERJA_CACHE_DIR", str(folder))
    return folder


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def contoh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch working directory holding `contoh/`, a copy of the made-up regency, with the
    made-up pack on the rules path (tests of the CLI on small data)."""
    import shutil

    monkeypatch.setenv("SISTEMKERJA_RULES", str(FIXTURES / "packs"))
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "regency-contoh", "contoh")
    return tmp_path
