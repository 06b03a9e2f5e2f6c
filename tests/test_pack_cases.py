"""Tests as data: every case of every pack runs here (whole and in parts), and the case runner
itself is tested: a wrong expectation fails, a case whose data is broken cannot pass."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.packs import available_packs, load_pack
from checker.packs.cases import Case, data_bytes, find_cases, run_case

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
TEST_PACKS = TESTS / "packs"  # packs that live only in the tests (a regency written as data only)
TL = "perbup-tanah-laut-26-2024"


def _all_cases() -> list[tuple[Case, tuple[Path, ...]]]:
    out = []
    for dirs in ((), (TEST_PACKS,)):
        extra = tuple(d for d in dirs if d.is_dir())
        if dirs and not extra:
            continue
        ids = [i for i in available_packs(list(extra)) if not dirs or (TEST_PACKS / i).is_dir()]
        for pack_id in ids:
            out += [(case, extra) for case in find_cases(load_pack(pack_id, list(extra)))]
    return out


CASES = _all_cases()


@pytest.mark.parametrize(("case", "dirs"), CASES, ids=[c.name for c, _ in CASES])
def test_case(case: Case, dirs: tuple[Path, ...]) -> None:
    outcome = run_case(case, dirs)
    assert not outcome.problems, "\n".join(outcome.problems)
    assert outcome.got == sorted(case.expect), case.path


# --- the runner ---------------------------------------------------------------------------------

CASE = """\
description: the Sekretaris Camat (an administrator) as ketua tim
base: tim
expect:
  - {rule: tim.lead-grade, record: tim-adm, severity: error, status: open}
teams:
  - id: tim-adm
    name: Tim Diketuai Sekcam
    unit: kec-sekret
    start: "2026-01-01"
    end: "2026-12-31"
    members:
      - {employee: e-sekcam, role: ketua, appointed_by: e-camat}
      - {employee: e-jf1, role: anggota}
"""


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """A copy of the Tanah Laut pack with one case folder of its own."""
    folder = tmp_path / TL
    shutil.copytree(ROOT / "rules" / TL, folder, ignore=shutil.ignore_patterns("tests"))
    shutil.copytree(
        TEST_PACKS / "perbup-contoh-9-2026" / "tests" / "_base" / "kecamatan",
        folder / "tests" / "_base" / "tim",
    )
    (folder / "tests" / "tim.lead-grade").mkdir()
    return folder


def _write(pack_dir: Path, name: str, text: str) -> Path:
    path = pack_dir / "tests" / "tim.lead-grade" / name
    path.write_text(text, encoding="utf-8")
    return path


def _rules(pack_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["rules", "--test", "--rules-dir", str(pack_dir.parent), *args])
    return result.exit_code, result.output


def test_a_case_that_holds_passes_and_its_findings_point_into_it(pack_dir: Path) -> None:
    path = _write(pack_dir, "fires.yaml", CASE)
    blanked = data_bytes(path)
    assert blanked is not None
    lines = blanked.decode().splitlines()
    assert lines[:5] == ["#", "#", "#", "#", "teams:"]  # the test's keys blanked, line numbers kept
    code, out = _rules(pack_dir, "--regulation", TL)
    assert code == 0 and f"PASS {TL}/tim.lead-grade/fires" in out


def test_a_wrong_expectation_fails_and_says_what_differs(pack_dir: Path) -> None:
    _write(pack_dir, "wrong.yaml", CASE.replace("severity: error", "severity: warning"))
    code, out = _rules(pack_dir, "--regulation", TL)
    assert code == 1 and f"FAIL {TL}/tim.lead-grade/wrong" in out
    assert "missing: ('tim.lead-grade', 'tim-adm', 'warning', 'open')" in out
    assert "unexpected: ('tim.lead-grade', 'tim-adm', 'error', 'open')" in out


def test_a_quiet_case_that_fires_fails(pack_dir: Path) -> None:
    quiet = CASE.replace(
        "expect:\n  - {rule: tim.lead-grade, record: tim-adm, severity: error, status: open}",
        "expect: []",
    )
    _write(pack_dir, "quiet.yaml", quiet)
    code, out = _rules(pack_dir, "--regulation", TL)
    assert code == 1 and "unexpected: ('tim.lead-grade', 'tim-adm', 'error', 'open')" in out


def test_an_unknown_collection_in_a_case_cannot_pass(pack_dir: Path) -> None:
    _write(pack_dir, "typo.yaml", CASE.replace("teams:", "temas:"))
    code, out = _rules(pack_dir, "--regulation", TL)
    assert code == 2 and "ERROR" in out and "temas" in out


def test_a_case_with_bad_data_cannot_pass(pack_dir: Path) -> None:
    _write(pack_dir, "broken.yaml", CASE.replace("unit: kec-sekret", "unit: nowhere"))
    code, out = _rules(pack_dir, "--regulation", TL)
    assert code == 2 and "data has problems" in out and "nowhere" in out


def test_a_malformed_case_is_a_located_pack_error(pack_dir: Path) -> None:
    _write(pack_dir, "bad.yaml", CASE.replace("status: open", "status: maybe"))
    code, out = _rules(pack_dir, "--regulation", TL)
    assert code == 2 and "bad.yaml:4" in out and "Traceback" not in out


# --- the third regency, written as data only ------------------------------------------------------

CONTOH = "perbup-contoh-9-2026"


def test_kabupaten_contoh_is_data_only_lints_clean_and_compare_shows_exactly_its_differences() -> None:
    folder = TEST_PACKS / CONTOH
    assert not [p for p in folder.rglob("*") if p.suffix not in (".yaml", ".lp") and p.is_file()]
    lint = CliRunner().invoke(
        main, ["rules", "--lint", "--rules-dir", str(TEST_PACKS), "--regulation", CONTOH]
    )
    assert lint.exit_code == 0, lint.output
    args = ["compare", TL, CONTOH, "--rules-dir", str(TEST_PACKS), "--format", "json"]
    doc = json.loads(CliRunner().invoke(main, args).stdout)
    assert {r["id"]: r["differences"] for r in doc["rules"] if r["differences"]} == {
        "jabatan.sub-koordinator-revoked": ["enacted"],
        "kedudukan.assessor-by-opd-kind": ["parameters"],
        "penugasan.request-answered-in-time": ["enacted", "parameters"],
        "tim.lead-team-limit": ["enacted", "parameters"],
    }
    assert {p["name"]: p["only"] for p in doc["parameters"] if p["differs"]} == {
        "assessor_role": {TL: [["kecamatan", "any", "pengawas"]], CONTOH: [["kecamatan", "any", "sekcam"]]},
        "request_answer_workdays": {TL: [], CONTOH: [["5"]]},
        "tim_lead_max_teams": {TL: [], CONTOH: [["3"]]},
    }
    assessor = next(p for p in doc["parameters"] if p["name"] == "assessor_role")
    origins = {row["pack"] for row in assessor["origin"][CONTOH]}
    assert origins == {TL, CONTOH}  # every other row comes from Tanah Laut, by reference


def test_no_rule_metadata_is_duplicated_between_the_regency_packs() -> None:
    """The shared rules' neutral metadata lives once, in the base pack."""
    import yaml

    def own(pack: str) -> dict[str, dict[str, object]]:
        out = {}
        for path in (ROOT / "rules" / pack).glob("*.yaml"):
            if path.name not in ("pack.yaml", "regulation.yaml"):
                out |= {r["id"]: r for r in yaml.safe_load(path.read_text())["rules"] or []}
        return out

    tl, gy = own(TL), own("perbup-gianyar-63-2023")
    same = [
        (rid, key)
        for rid in set(tl) & set(gy)
        for key in (
            "title",
            "message",
            "severity",
            "record_kind",
            "parameters",
            "examples",
            "uncheckable_message",
        )
        if key in tl[rid] and tl[rid].get(key) == gy[rid].get(key)
    ]
    assert same == []
    base = load_pack("permenpanrb-7-2022")
    assert base.abstract and len(base.rules) == 27 and all(not r.citation for r in base.rules.values())


def test_lint_wants_a_case_that_fires_and_one_that_stays_quiet_per_rule(tmp_path: Path) -> None:
    folder = tmp_path / CONTOH
    shutil.copytree(TEST_PACKS / CONTOH, folder)
    for case in (folder / "tests" / "tim.lead-team-limit").glob("*.yaml"):
        if "expect: []" in case.read_text(encoding="utf-8"):
            case.unlink()
    result = CliRunner().invoke(
        main, ["rules", "--lint", "--rules-dir", str(tmp_path), "--regulation", CONTOH]
    )
    assert result.exit_code == 1
    assert "rule `tim.lead-team-limit` has no case that stays quiet" in result.output
    assert "has no case that fires" not in result.output
