"""`sistemkerja new-pack`: a skeleton that passes lint and its own case as written."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker.cli import main

NEW, TL = "perbup-kota-baru-3-2027", "perbup-tanah-laut-26-2024"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_a_new_pack_lints_and_tests_clean(tmp_path: Path) -> None:
    packs = str(tmp_path / "packs")
    code, out = _run("new-pack", NEW, "--extends", TL, "--rules-dir", packs)
    assert code == 0, out
    folder = tmp_path / "packs" / NEW
    assert sorted(p.name for p in folder.iterdir()) == [
        "kedudukan.yaml",
        "pack.yaml",
        "regulation.yaml",
        "tests",
    ]
    assert not list(folder.rglob("*.py"))
    code, out = _run("rules", "--lint", "--lang", "en", "--rules-dir", packs, "--regulation", NEW)
    assert code == 0 and "1 provision not encoded" in out
    code, out = _run("rules", "--test", "--rules-dir", packs, "--regulation", NEW)
    assert code == 0 and "PASS" in out
    code, out = _run("rules", "--rules-dir", packs, "--regulation", NEW)
    assert code == 0 and f"extends {TL}" in out


def test_new_pack_never_overwrites_and_wants_a_pack_id(tmp_path: Path) -> None:
    packs = str(tmp_path / "packs")
    assert _run("new-pack", NEW, "--extends", TL, "--rules-dir", packs)[0] == 0
    code, out = _run("new-pack", NEW, "--extends", TL, "--rules-dir", packs)
    assert code == 2 and "never overwrites" in out
    code, out = _run("new-pack", "Kota Baru", "--extends", TL, "--rules-dir", packs)
    assert code == 2 and "is not a pack id" in out
    code, out = _run(
        "new-pack", "perbup-x-1-2027", "--extends", "perbup-nowhere-1-2020", "--rules-dir", packs
    )
    assert code == 2 and "Traceback" not in out
