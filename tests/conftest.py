"""Suite-wide settings: every test gets its own cache folder, so runs never share or pollute one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SISTEMKERJA_CACHE_DIR", str(folder))
    return folder
