"""Positions, SPBE and business-process rules (catalogue section E): jabatan.* (Tanah Laut only),
spbe.shared-applications (both), probis.maps-reviewed (both, "dan" vs "dan/atau"), probis.decree
(Tanah Laut only). Fixtures in tests/rules_kedudukan/."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from tests.ruletools import of_rule, run_check, summary

FIXTURES = Path(__file__).resolve().parent / "rules_kedudukan"
BASE_TL, CASES_TL = FIXTURES / "tl" / "base", FIXTURES / "tl" / "cases"
BASE_GY, CASES_GY = FIXTURES / "gy" / "base", FIXTURES / "gy" / "cases"

REVOKED = "jabatan.sub-koordinator-revoked"
SEBUTAN = "jabatan.penanggungjawab-tupoksi"
SPBE = "spbe.shared-applications"
MAPS = "probis.maps-reviewed"
BP_DECREE = "probis.decree"
RULES = [REVOKED, SEBUTAN, SPBE, MAPS, BP_DECREE]


def by_record(findings):
    return sorted(findings, key=lambda f: (f.record, f.message.en))


@pytest.mark.parametrize("base", [BASE_TL, BASE_GY], ids=["tanah-laut", "gianyar"])
def test_base_is_quiet(base: Path) -> None:
    findings = run_check(base)
    for rule in RULES:
        assert of_rule(findings, rule) == [], rule


# --- jabatan.sub-koordinator-revoked (Tanah Laut Pasal 28 ayat (1)) -----------------------------


def test_tl_sub_koordinator_still_active_fires() -> None:
    findings = by_record(of_rule(run_check(BASE_TL, CASES_TL / "subkoordinator.yaml"), REVOKED))
    # dz-lama (base) ended 2024-06-03 and dz-pjt is not a sub-koordinator designation: quiet
    assert summary(findings) == [
        (REVOKED, "dz-aktif", "error", "open"),
        (REVOKED, "dz-telat", "error", "open"),
    ]
    assert findings[0].message.en == (
        "The sub-koordinator assignment dz-aktif of e-adm is still in effect on or after the regulation "
        "came into force, though it was revoked"
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [("2024-06-01", []), ("2024-06-03", []), ("2024-06-04", ["dz-aktif", "dz-telat"])],
)
def test_tl_sub_koordinator_flips_on_the_in_force_date(as_of: str, expected: list[str]) -> None:
    findings = of_rule(run_check(BASE_TL, CASES_TL / "subkoordinator.yaml", as_of=as_of), REVOKED)
    assert sorted(f.record for f in findings) == expected


def test_cli_check_as_of_flips_the_sub_koordinator_rule() -> None:
    paths = [str(BASE_TL), str(CASES_TL / "subkoordinator.yaml")]
    before = CliRunner().invoke(main, ["check", *paths, "--as-of", "2024-06-01", "--lang", "en"])
    assert before.exit_code == 0, before.output
    assert REVOKED not in before.stdout
    on = CliRunner().invoke(main, ["check", *paths, "--as-of", "2024-06-04", "--lang", "en"])
    assert on.exit_code == 1, on.output
    assert on.stdout.count(REVOKED) == 2
    assert "The sub-koordinator assignment dz-aktif of e-adm is still in effect" in on.stdout


def test_gy_does_not_enact_jabatan_or_probis_decree() -> None:
    findings = run_check(BASE_GY, CASES_GY / "organisasi.yaml")
    assert of_rule(findings, REVOKED) == []
    assert of_rule(findings, SEBUTAN) == []
    assert of_rule(findings, BP_DECREE) == []


# --- jabatan.penanggungjawab-tupoksi (Tanah Laut Pasal 28 ayat (2)) -----------------------------


def test_tl_sebutan_sub_koordinator_fires() -> None:
    findings = of_rule(run_check(BASE_TL, CASES_TL / "sebutan.yaml"), SEBUTAN)
    # dinkes-jf-pjt (penanggungjawab_tupoksi) is quiet
    assert summary(findings) == [(SEBUTAN, "dinkes-jf-subkor", "warning", "open")]
    assert findings[0].message.en == (
        "Position dinkes-jf-subkor from penyetaraan is still titled sub-koordinator, not Penanggungjawab Tupoksi"
    )


# --- spbe.shared-applications (both) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "case", "unit_fire", "unit_unknown", "citation"),
    [
        (BASE_TL, CASES_TL / "spbe.yaml", "dinkes-kesmas", "dinkes-yankes", "Pasal 25 ayat (2) dan ayat (3)"),
        (BASE_GY, CASES_GY / "organisasi.yaml", "disdik", "dishub", "Pasal 11 ayat (2) dan ayat (3)"),
    ],
    ids=["tanah-laut", "gianyar"],
)
def test_spbe_shared_applications(
    base: Path, case: Path, unit_fire: str, unit_unknown: str, citation: str
) -> None:
    findings = by_record(of_rule(run_check(base, case), SPBE))
    assert summary(findings) == sorted(
        [(SPBE, unit_fire, "warning", "open"), (SPBE, unit_unknown, "info", "uncheckable")],
        key=lambda row: row[1],
    )
    fired = next(f for f in findings if f.record == unit_fire)
    assert fired.message.en == f"Unit {unit_fire} does not use the shared SPBE application e-kinerja"
    assert fired.citation == citation


def test_spbe_without_a_regency_list_is_uncheckable_per_opd() -> None:
    findings = by_record(of_rule(run_check(BASE_TL / "dinkes.yaml", CASES_TL / "regency-no-spbe.yaml"), SPBE))
    assert summary(findings) == [(SPBE, "dinkes", "info", "uncheckable")]
    assert findings[0].message.en.endswith("(the data lacks spbe_shared_applications)")


# --- probis.maps-reviewed (TL "dan": all four; GY "dan/atau": at least one) ---------------------


def test_tl_maps_all_four_required() -> None:
    findings = by_record(of_rule(run_check(BASE_TL, CASES_TL / "probis.yaml"), MAPS))
    # dishub reviewed all four; sdn-1 is part of disdik
    assert summary(findings) == [
        (MAPS, "disdik", "warning", "open"),
        (MAPS, "disdik", "warning", "open"),
        (MAPS, "dpmptsp", "info", "uncheckable"),
    ]
    assert [f.message.en for f in findings[:2]] == [
        "The business process of disdik has not been reviewed and evaluated for peta_level",
        "The business process of disdik has not been reviewed and evaluated for peta_lintas_fungsi",
    ]


def test_gy_maps_at_least_one() -> None:
    findings = by_record(of_rule(run_check(BASE_GY, CASES_GY / "organisasi.yaml"), MAPS))
    # the base Dinkes reviewed one map (peta_relasi): enough under "dan/atau"
    assert summary(findings) == [
        (MAPS, "disdik", "warning", "open"),
        (MAPS, "dishub", "info", "uncheckable"),
    ]
    assert findings[0].citation == "Pasal 13 ayat (3)"


# --- probis.decree (Tanah Laut Pasal 26 ayat (5)) ------------------------------------------------


def test_tl_business_process_decree() -> None:
    findings = by_record(of_rule(run_check(BASE_TL, CASES_TL / "probis.yaml"), BP_DECREE))
    assert summary(findings) == [
        (BP_DECREE, "disdik", "warning", "open"),  # decree by the Kepala Dinas
        (BP_DECREE, "dishub", "warning", "open"),  # no decree
        (BP_DECREE, "dpmptsp", "info", "uncheckable"),  # no business process recorded
    ]
    evidence = {f.record: [(e.name, e.value) for e in f.evidence] for f in findings}
    assert evidence["disdik"] == [("decree_by", "kepala_opd")]
    assert evidence["dishub"] == [("missing", "keputusan_bupati")]
