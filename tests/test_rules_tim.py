"""Tim kerja (rule catalogue C) under both regulations: each rule fires, stays quiet, and is excepted
where the law makes an exception. Fixtures: tests/rules_tim/ (a base organisation + one case file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.packs import load_pack
from tests.ruletools import of_rule, run_check, summary

FIXTURES = Path(__file__).resolve().parent / "rules_tim"
BASE_TL, CASES_TL = FIXTURES / "tl-base", FIXTURES / "tl-cases"
BASE_GY, CASES_GY = FIXTURES / "gy-base", FIXTURES / "gy-cases"
TL, GY = "perbup-tanah-laut-26-2024", "perbup-gianyar-63-2023"

TIM_RULES_TL = [
    "tim.single-lead",
    "tim.has-lead",
    "tim.lead-appointed-by-puo",
    "tim.lead-grade",
    "tim.lead-from-owner-unit",
    "tim.pengawas-leads",
]
TIM_RULES_GY = ["tim.single-lead", "tim.lead-appointed-by-puo", "tim.lead-grade", "tim.lead-from-owner-unit"]


def tl(case: str):
    return run_check(BASE_TL, CASES_TL / case)


def gy(case: str):
    return run_check(BASE_GY, CASES_GY / case)


# --- what each regulation enacts -------------------------------------------------------------


def test_tanah_laut_enacts_all_tim_rules() -> None:
    pack = load_pack(TL)
    assert set(TIM_RULES_TL) <= set(pack.rules)
    assert pack.rules["tim.has-lead"].severity == "warning"
    assert pack.rules["tim.pengawas-leads"].severity == "warning"
    assert pack.rules["tim.lead-from-owner-unit"].severity == "warning"
    assert pack.rules["tim.single-lead"].severity == "error"


def test_gianyar_does_not_enact_has_lead_nor_pengawas_leads() -> None:
    pack = load_pack(GY)
    assert set(TIM_RULES_GY) <= set(pack.rules)
    assert "tim.has-lead" in pack.not_enacted
    assert "tim.pengawas-leads" in pack.not_enacted
    assert "tim.has-lead" not in pack.rules and "tim.pengawas-leads" not in pack.rules


# --- quiet: compliant teams ------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", TIM_RULES_TL)
def test_tl_compliant_teams_are_quiet(rule_id: str, tl_quiet) -> None:
    assert of_rule(tl_quiet, rule_id) == []


@pytest.mark.parametrize("rule_id", [*TIM_RULES_GY, "tim.has-lead", "tim.pengawas-leads"])
def test_gy_compliant_teams_are_quiet(rule_id: str, gy_quiet) -> None:
    # includes a team without ketua and a cross-agency member: fine under Gianyar
    assert of_rule(gy_quiet, rule_id) == []


@pytest.fixture(scope="module")
def tl_quiet():
    return tl("tim-quiet.yaml")


@pytest.fixture(scope="module")
def gy_quiet():
    return gy("tim-quiet.yaml")


# --- tim.single-lead --------------------------------------------------------------------------


def test_tl_single_lead_fires() -> None:
    findings = of_rule(tl("tim-single-lead.yaml"), "tim.single-lead")
    assert summary(findings) == [("tim.single-lead", "tl-tim-dua", "error", "open")]
    assert findings[0].message.en == "Team tl-tim-dua has 2 team leads; at most one is allowed"


def test_gy_single_lead_fires() -> None:
    findings = gy("tim-single-lead.yaml")
    assert summary(of_rule(findings, "tim.single-lead")) == [
        ("tim.single-lead", "gy-tim-dua", "error", "open")
    ]


# --- tim.has-lead (TL only) ------------------------------------------------------------------


def test_tl_team_without_lead_warns() -> None:
    findings = tl("tim-no-lead.yaml")
    assert summary(of_rule(findings, "tim.has-lead")) == [
        ("tim.has-lead", "tl-tim-tanpa-ketua", "warning", "open")
    ]


# --- tim.lead-appointed-by-puo ---------------------------------------------------------------


def test_tl_lead_appointed_by_someone_else_fires() -> None:
    findings = of_rule(tl("tim-appointer.yaml"), "tim.lead-appointed-by-puo")
    assert summary(findings) == [
        ("tim.lead-appointed-by-puo", "tl-tim-angkat", "error", "open"),
        ("tim.lead-appointed-by-puo", "tl-tim-angkat-kosong", "info", "uncheckable"),
    ]
    assert [(e.name, e.value) for e in findings[0].evidence] == [
        ("ketua", "tl-e-epid1"),
        ("appointed_by", "tl-e-kadis"),
        ("puo", "tl-e-kabid-p2p"),
    ]
    assert findings[1].message.en.endswith("(the data lacks appointed_by)")


def test_gy_lead_appointed_by_someone_else_fires() -> None:
    findings = gy("tim-appointer.yaml")
    assert summary(of_rule(findings, "tim.lead-appointed-by-puo")) == [
        ("tim.lead-appointed-by-puo", "gy-tim-angkat", "error", "open")
    ]


# --- tim.lead-grade ---------------------------------------------------------------------------


def test_tl_administrator_lead_fires() -> None:
    findings = of_rule(tl("tim-lead-grade.yaml"), "tim.lead-grade")
    assert summary(findings) == [("tim.lead-grade", "tl-tim-kabid", "error", "open")]
    assert ("grade", "administrator") in [(e.name, e.value) for e in findings[0].evidence]


def test_tl_pengawas_of_the_structure_is_excepted() -> None:
    findings = tl("tim-pengawas-excepted.yaml")
    grade = of_rule(findings, "tim.lead-grade")
    assert summary(grade) == [("tim.lead-grade", "tl-tim-kec", "error", "excepted")]
    assert grade[0].exception == "tim.lead-grade.pengawas"
    assert grade[0].exception_citation == "Pasal 21 ayat (3)"
    # the same team satisfies Pasal 21 ayat (3) itself
    assert of_rule(findings, "tim.pengawas-leads") == []


def test_tl_pengawas_from_another_opd_is_not_excepted() -> None:
    findings = tl("tim-pengawas-outside.yaml")
    assert summary(of_rule(findings, "tim.lead-grade")) == [
        ("tim.lead-grade", "tl-tim-luar", "error", "open")
    ]
    assert summary(of_rule(findings, "tim.lead-from-owner-unit")) == [
        ("tim.lead-from-owner-unit", "tl-tim-luar", "warning", "open")
    ]


def test_gy_pengawas_lead_fires() -> None:
    findings = gy("tim-lead-grade.yaml")
    assert summary(of_rule(findings, "tim.lead-grade")) == [
        ("tim.lead-grade", "gy-tim-pengawas", "error", "open")
    ]


# --- tim.lead-from-owner-unit ----------------------------------------------------------------


def test_tl_cross_unit_team_led_from_elsewhere_warns() -> None:
    findings = of_rule(tl("tim-from-owner.yaml"), "tim.lead-from-owner-unit")
    assert summary(findings) == [("tim.lead-from-owner-unit", "tl-tim-lintas", "warning", "open")]
    assert findings[0].message.en == (
        "Cross-unit team tl-tim-lintas is led by tl-e-perawat1 from tl-dinkes-yankes, "
        "not from the owning unit tl-dinkes-p2p"
    )


def test_gy_cross_agency_team_led_by_the_outsider_warns() -> None:
    findings = gy("tim-from-owner.yaml")
    got = of_rule(findings, "tim.lead-from-owner-unit")
    assert summary(got) == [("tim.lead-from-owner-unit", "gy-tim-lintas", "warning", "open")]
    assert ("origin", "pemprov-bali") in [(e.name, e.value) for e in got[0].evidence]
    # the outsider holds no position in this regency's data: the grade cannot be checked
    assert summary(of_rule(findings, "tim.lead-grade")) == [
        ("tim.lead-grade", "gy-tim-lintas", "info", "uncheckable")
    ]


# --- tim.pengawas-leads (TL only) ------------------------------------------------------------


def test_tl_jf_leading_where_a_pengawas_remains_warns() -> None:
    findings = of_rule(tl("tim-pengawas-leads.yaml"), "tim.pengawas-leads")
    assert summary(findings) == [("tim.pengawas-leads", "tl-tim-kec-jf", "warning", "open")]
    assert [(e.name, e.value) for e in findings[0].evidence] == [
        ("owner", "tl-kec-root"),
        ("pengawas_positions", "1"),
    ]


def test_gy_has_no_pengawas_leads_rule() -> None:
    findings = gy("tim-lead-grade.yaml")
    assert of_rule(findings, "tim.pengawas-leads") == []
    assert of_rule(findings, "tim.has-lead") == []
