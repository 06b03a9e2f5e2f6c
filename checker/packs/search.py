"""Where rule packs are found: the search path (--rules-dir, $SISTEMKERJA_RULES, the shipped
rules) and a pack's folder by its id. Light on purpose: a warm check keys its cache on these
folders without loading any pack."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from checker.model import project_dir
from checker.packs.model import PackError


def default_rules_dir() -> Path:
    """The shipped `rules/` beside the package (editable install or source checkout)."""
    return project_dir("rules")


def search_path(extra: Sequence[Path] = ()) -> list[Path]:
    """Where packs are looked up, first match wins: --rules-dir folders, $SISTEMKERJA_RULES
    (os.pathsep-separated), then the shipped rules. `common/` always comes from the shipped rules."""
    env = [Path(p) for p in os.environ.get("SISTEMKERJA_RULES", "").split(os.pathsep) if p]
    return [*extra, *env, default_rules_dir()]


def available_packs(rules_dirs: Sequence[Path] = ()) -> list[str]:
    found = {
        p.name
        for root in search_path(rules_dirs)
        if root.is_dir()
        for p in root.iterdir()
        if (p / "pack.yaml").is_file()
    }
    return sorted(found)


_PACK_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def find_pack(pack_id: str, rules_dirs: Sequence[Path] = ()) -> Path:
    """The folder of the pack with this id on the search path. An id, never a path: which rules
    judge the data comes from the search path the caller set, not from what the data names."""
    if not _PACK_ID.fullmatch(pack_id) or pack_id.startswith(".."):
        raise PackError(
            f"'{pack_id}' is not a rule pack id; to use a pack folder outside the search path,"
            " name the folder that holds it with --rules-dir (or $SISTEMKERJA_RULES) and the pack by its id"
        )
    for root in search_path(rules_dirs):
        if (root / pack_id / "pack.yaml").is_file():
            return root / pack_id
    known = ", ".join(available_packs(rules_dirs)) or "none"
    raise PackError(f"unknown regulation '{pack_id}'; available: {known}")
