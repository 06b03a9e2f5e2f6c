"""Kedudukan rules (catalogue section A) under both regulations: each fires, stays quiet, and is
excepted where the law makes an exception. Fixtures: a compliant base regency per regulation plus one
delta file per case (tests/rules_kedudukan/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ruletools import of_rule, run_check, summary

FIXTURES = Path(__file__).resolve().parent / "rules_kedudukan"
BASE_TL, CASES_TL = FIXTURES / "tl" / "base", FIXTURES / "tl" / "cases"
BASE_GY, CASES_GY = FIXTURES / "gy" / "base", FIXTURES / "gy" / "cases"

RANK = "kedudukan.assessor-rank"
SUPERIOR = "kedudukan.assessor-is-superior"
BY_KIND = "kedudukan.assessor-by-opd-kind"
DECREE = "kedudukan.placement-decree"
SUPERVISES = "kedudukan.fungsional-supervises"
RULES = [RANK, SUPERIOR, BY_KIND, DECREE, SUPERVISES]


def tl(case: str | None = None):
    return run_check(BASE_TL, CASES_TL / f"{case}.yaml") if case else run_check(BASE_TL)


def gy(case: str | None = None):
    return run_check(BASE_GY, CASES_GY / f"{case}.yaml") if case else run_check(BASE_GY)


# --- the compliant bases: every kedudukan rule is quiet --------------------------------------------


@pytest.mark.parametrize("check", [tl, gy], ids=["tanah-laut", "gianyar"])
def test_base_is_quiet(check) -> None:
    findings = check()
    for rule in RULES:
        assert of_rule(findings, rule) == [], rule


# --- kedudukan.assessor-rank ---------------------------------------------------------------------


def test_tl_rank_fires_for_pelaksana_assessor() -> None:
    findings = of_rule(tl("rank-fire"), RANK)
    assert summary(findings) == [(RANK, "k-rank", "error", "open")]
    assert findings[0].message.en == (
        "Performance assessor e-adm of e-adm2 holds grade pelaksana: below pengawas and not leading an independent unit"
    )
    assert (
        findings[0].citation
        == "Pasal 1 angka 12; Pasal 7 ayat (2); Pasal 8 ayat (4) dan ayat (5); Lampiran I"
    )


def test_tl_rank_excepted_by_current_delegation() -> None:
    findings = of_rule(tl("rank-delegation"), RANK)
    assert summary(findings) == [(RANK, "k-rank", "error", "excepted")]
    assert findings[0].exception == "kedudukan.assessor-rank.delegation"
    assert findings[0].exception_citation == "Pasal 1 angka 12"
    assert ("delegation", "dl-adm") in [(e.name, e.value) for e in findings[0].evidence]


def test_tl_rank_expired_delegation_does_not_except() -> None:
    assert summary(of_rule(tl("rank-expired-delegation"), RANK)) == [(RANK, "k-rank", "error", "open")]


def test_tl_rank_jf_heading_independent_unit_passes() -> None:
    # base: the nurse's assessor is the JF who heads the puskesmas with tugas tambahan
    findings = tl()
    assert [f for f in of_rule(findings, RANK) if f.record == "k-perawat"] == []


def test_tl_rank_unplaced_jf_is_uncheckable_and_external_staff_ignored() -> None:
    findings = of_rule(tl("unplaced"), RANK)
    assert summary(findings) == [(RANK, "e-lepas", "info", "uncheckable")]
    assert findings[0].message.en.endswith("(the data lacks placement)")


def test_gy_rank_fires_and_is_excepted_by_delegation() -> None:
    assert summary(of_rule(gy("rank-fire"), RANK)) == [(RANK, "k-rank", "error", "open")]
    excepted = of_rule(gy("rank-delegation"), RANK)
    assert summary(excepted) == [(RANK, "k-rank", "error", "excepted")]
    assert excepted[0].exception_citation == "Pasal 1 angka 22"


def test_gy_rank_head_of_independent_unit_passes() -> None:
    assert of_rule(gy(), RANK) == []


# --- kedudukan.assessor-is-superior --------------------------------------------------------------


def test_tl_superior_fires_for_other_branch() -> None:
    findings = of_rule(tl("superior-fire"), SUPERIOR)
    assert summary(findings) == [(SUPERIOR, "k-sup", "error", "open")]
    assert findings[0].message.en == (
        "Performance assessor e-sekretaris is not the direct superior of e-epi2: "
        "heads neither unit dinkes-p2p nor a unit above it"
    )


def test_tl_superior_excepted_by_delegation_from_the_line() -> None:
    findings = of_rule(tl("superior-delegation"), SUPERIOR)
    assert summary(findings) == [(SUPERIOR, "k-sup", "error", "excepted")]
    assert findings[0].exception == "kedudukan.assessor-is-superior.delegation"


def test_tl_superior_fires_for_self_assessment() -> None:
    assert summary(of_rule(tl("superior-self"), SUPERIOR)) == [(SUPERIOR, "k-self", "error", "open")]


def test_tl_superior_reaches_the_parent_opd() -> None:
    # base: the Kepala Puskesmas (an OPD under Dinkes) is assessed by the Kepala Dinas
    assert of_rule(tl(), SUPERIOR) == []


def test_gy_superior_fires_for_head_of_another_opd() -> None:
    findings = gy("superior-fire")
    assert summary(of_rule(findings, SUPERIOR)) == [(SUPERIOR, "k-sup", "error", "open")]
    # the right kind of official (a Kepala Dinas), so only the line is wrong
    assert of_rule(findings, BY_KIND) == []
    assert of_rule(findings, RANK) == []


def test_gy_superior_quiet_in_base() -> None:
    assert of_rule(gy(), SUPERIOR) == []


# --- kedudukan.assessor-by-opd-kind --------------------------------------------------------------


def test_tl_by_kind_table() -> None:
    findings = sorted(of_rule(tl("by-kind"), BY_KIND), key=lambda f: f.record)
    assert summary(findings) == [
        (BY_KIND, "k-kind-camat", "error", "open"),  # under the Camat, an Administrator (issue 16, 1)
        (BY_KIND, "k-kind-kasi", "error", "open"),  # Kepala Seksi in a Model 3 Dinas
        (BY_KIND, "k-kind-sekcam", "error", "open"),  # Sekretaris Camat in a Kecamatan
        (BY_KIND, "k-kind-untyped", "info", "uncheckable"),  # BPBD of unknown type
    ]
    assert findings[1].message.en == (
        "Performance assessor e-kasi-surv of e-surv-jf holds no position the regulation names as assessor in dinkes (dinas)"
    )
    assert findings[3].message.en == (
        "Cannot be checked: the assessor of e-bpbdl-jf against the officials named by kind "
        "of Perangkat Daerah (not available: opd_type)"
    )
    # quiet: Sekretaris in a Model 4 Dinas, Kepala Seksi in a BPBD Tipe C, a Kasi in a Kecamatan, the
    # Kepala Dinas (a JPT Pratama, Pasal 8 ayat (1))
    quiet = {"k-kind-m4", "k-kind-bpbd", "k-kind-kec", "k-kind-kadis"}
    assert quiet.isdisjoint(f.record for f in findings)


def test_tl_by_kind_opd_head_and_jf_heads_allowed() -> None:
    # base: Kepala Bidang (Lampiran I.1), Kepala Dinas over the Kepala Puskesmas (Pasal 8 ayat (1)),
    # the Kepala Puskesmas over a nurse (Pasal 8 ayat (4))
    assert of_rule(tl(), BY_KIND) == []


def test_tl_by_kind_excepted_by_delegation() -> None:
    findings = of_rule(tl("by-kind-delegation"), BY_KIND)
    assert summary(findings) == [(BY_KIND, "k-kind-kasi", "error", "excepted")]
    assert findings[0].exception == "kedudukan.assessor-by-opd-kind.delegation"


def test_gy_by_kind_kepala_bidang_of_dinas_fires() -> None:
    findings = of_rule(gy("by-kind"), BY_KIND)
    # the guru under the Kepala Sekolah (Lampiran I.2, a unit led by a JF) and the Kepala Sekolah
    # under the Kepala Dinas are quiet
    assert summary(findings) == [(BY_KIND, "k-kabid", "error", "open")]
    assert findings[0].message.en == (
        "Performance assessor e-kabid of e-epi2 is not the official the regulation names as assessor in dinkes (dinas)"
    )


def test_by_kind_unnamed_kind_is_uncheckable(monkeypatch: pytest.MonkeyPatch) -> None:
    # a test-only pack whose table names no school
    monkeypatch.setenv("SISTEMKERJA_RULES", str(FIXTURES / "packs"))
    findings = of_rule(
        run_check(BASE_GY, CASES_GY / "by-kind.yaml", regulation="perbup-uji-tabel-sebagian"), BY_KIND
    )
    assert sorted(summary(findings)) == [
        (BY_KIND, "k-guru", "info", "uncheckable"),
        (BY_KIND, "k-kabid", "error", "open"),
    ]
    guru = next(f for f in findings if f.record == "k-guru")
    assert guru.message.en == (
        "Cannot be checked: the assessor of e-guru against the officials named by kind of Perangkat Daerah "
        "(not available: assessor_role_for_opd_kind)"
    )


def test_gy_by_kind_excepted_by_delegation_from_kepala_dinas() -> None:
    assert summary(of_rule(gy("by-kind-delegation"), BY_KIND)) == [(BY_KIND, "k-kabid", "error", "excepted")]


def test_gy_by_kind_quiet_in_base() -> None:
    assert of_rule(gy(), BY_KIND) == []


# --- kedudukan.placement-decree ------------------------------------------------------------------


@pytest.mark.parametrize("check", [tl, gy], ids=["tanah-laut", "gianyar"])
def test_placement_decree(check) -> None:
    findings = sorted(of_rule(check("decree"), DECREE), key=lambda f: f.record)
    assert summary(findings) == [
        (DECREE, "k-nodecree", "warning", "open"),
        (DECREE, "k-noset", "info", "uncheckable"),
        (DECREE, "k-setby", "warning", "open"),
    ]
    evidence = {f.record: [(e.name, e.value) for e in f.evidence] for f in findings}
    assert ("set_by", "kepala_opd") in evidence["k-setby"]
    assert ("missing", "decree") in evidence["k-nodecree"]


@pytest.mark.parametrize("check", [tl, gy], ids=["tanah-laut", "gianyar"])
def test_placement_decree_quiet_in_base(check) -> None:
    assert of_rule(check(), DECREE) == []


# --- kedudukan.fungsional-supervises -------------------------------------------------------------


def test_tl_supervises_fires_once_per_jf_counting_current_placements() -> None:
    findings = of_rule(tl("supervises-fire"), SUPERVISES)
    assert summary(findings) == [(SUPERVISES, "e-epi", "error", "open")]
    assert findings[0].message.en == (
        "Functional official e-epi assesses 1 employee(s) without being appointed to lead an independent unit"
    )


def test_tl_supervises_excepted_by_delegation() -> None:
    findings = of_rule(tl("supervises-delegation"), SUPERVISES)
    assert summary(findings) == [(SUPERVISES, "e-epi", "error", "excepted")]
    assert findings[0].exception == "kedudukan.fungsional-supervises.delegation"


def test_gy_supervises_fires() -> None:
    assert summary(of_rule(gy("supervises-fire"), SUPERVISES)) == [(SUPERVISES, "e-epi", "error", "open")]


@pytest.mark.parametrize("check", [tl, gy], ids=["tanah-laut", "gianyar"])
def test_supervises_quiet_for_jf_leading_puskesmas(check) -> None:
    assert of_rule(check(), SUPERVISES) == []
