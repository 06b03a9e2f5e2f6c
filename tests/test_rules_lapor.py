"""Pertanggungjawaban / lapor (rule catalogue D) under both regulations: each rule fires, stays quiet,
is excepted where the law makes an exception, and is uncheckable where the data holds no report.
Fixtures: tests/rules_tim/ (a base organisation + one case file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ruletools import of_rule, run_check, summary

FIXTURES = Path(__file__).resolve().parent / "rules_tim"
BASE_TL, CASES_TL = FIXTURES / "tl-base", FIXTURES / "tl-cases"
BASE_GY, CASES_GY = FIXTURES / "gy-base", FIXTURES / "gy-cases"
LAPOR_RULES = ["lapor.individual-to-puo", "lapor.member-to-lead", "lapor.lead-to-puo"]


def tl(case: str):
    return run_check(BASE_TL, CASES_TL / case)


def gy(case: str):
    return run_check(BASE_GY, CASES_GY / case)


@pytest.fixture(scope="module")
def tl_quiet():
    return tl("lapor-quiet.yaml")


@pytest.fixture(scope="module")
def gy_quiet():
    return gy("lapor-quiet.yaml")


# --- quiet ------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", LAPOR_RULES)
def test_tl_compliant_reports_are_quiet(rule_id: str, tl_quiet) -> None:
    # includes a report naming only the target, and a wrongly addressed one dated before 2024-06-04
    assert of_rule(tl_quiet, rule_id) == []


@pytest.mark.parametrize("rule_id", LAPOR_RULES)
def test_gy_compliant_reports_are_quiet(rule_id: str, gy_quiet) -> None:
    # includes a team without ketua whose anggota reports to the owning unit's head
    assert of_rule(gy_quiet, rule_id) == []


# --- lapor.individual-to-puo ------------------------------------------------------------------


def test_tl_individual_report_to_someone_else_fires() -> None:
    findings = of_rule(tl("lapor-individual.yaml"), "lapor.individual-to-puo")
    assert summary(findings) == [("lapor.individual-to-puo", "tl-r-salah", "error", "open")]
    assert findings[0].message.en == (
        "Report tl-r-salah by tl-e-epid2 on individual assignment tl-a-ind2 went to tl-e-kadis, "
        "not to the owning unit's head tl-e-kabid-p2p"
    )


def test_gy_individual_report_to_someone_else_fires() -> None:
    findings = gy("lapor-individual.yaml")
    assert summary(of_rule(findings, "lapor.individual-to-puo")) == [
        ("lapor.individual-to-puo", "gy-r-salah", "error", "open")
    ]


def test_tl_voluntary_in_unit_report_to_assessor_is_excepted() -> None:
    findings = of_rule(tl("lapor-individual-sukarela.yaml"), "lapor.individual-to-puo")
    assert summary(findings) == [("lapor.individual-to-puo", "tl-r-sukarela", "error", "excepted")]
    assert findings[0].exception == "lapor.individual-to-puo.sukarela-assessor"
    assert findings[0].exception_citation == "Lampiran II huruf B.1 huruf d"


def test_gy_voluntary_in_unit_report_to_assessor_is_not_excepted() -> None:
    findings = gy("lapor-individual-sukarela.yaml")
    assert summary(of_rule(findings, "lapor.individual-to-puo")) == [
        ("lapor.individual-to-puo", "gy-r-sukarela", "error", "open")
    ]


def test_tl_finished_assignment_without_report_is_uncheckable() -> None:
    findings = of_rule(tl("lapor-individual-missing.yaml"), "lapor.individual-to-puo")
    assert summary(findings) == [("lapor.individual-to-puo", "tl-a-tanpa-laporan", "info", "uncheckable")]
    assert findings[0].message.en.endswith("(the data lacks laporan)")


def test_gy_finished_assignment_without_report_is_uncheckable() -> None:
    findings = gy("lapor-individual-missing.yaml")
    assert summary(of_rule(findings, "lapor.individual-to-puo")) == [
        ("lapor.individual-to-puo", "gy-a-tanpa-laporan", "info", "uncheckable")
    ]


# --- lapor.member-to-lead ---------------------------------------------------------------------


def test_tl_member_report_fires_and_report_to_puo_is_excepted() -> None:
    findings = of_rule(tl("lapor-member.yaml"), "lapor.member-to-lead")
    assert summary(findings) == [
        ("lapor.member-to-lead", "tl-r-m-salah", "error", "open"),
        ("lapor.member-to-lead", "tl-r-m-puo", "error", "excepted"),
    ]
    assert findings[1].exception == "lapor.member-to-lead.puo-request"
    assert findings[1].exception_citation == "Pasal 23 ayat (4)"


def test_gy_member_report_fires_excepted_and_uncheckable_without_lead() -> None:
    findings = of_rule(gy("lapor-member.yaml"), "lapor.member-to-lead")
    assert summary(findings) == [
        ("lapor.member-to-lead", "gy-r-m-salah", "error", "open"),
        ("lapor.member-to-lead", "gy-r-m-puo", "error", "excepted"),
        ("lapor.member-to-lead", "gy-r-m-nk", "info", "uncheckable"),
    ]
    assert findings[1].exception_citation == "Pasal 9 ayat (5)"


# --- lapor.lead-to-puo ------------------------------------------------------------------------


def test_tl_lead_report_fires_and_report_to_member_assessor_is_excepted() -> None:
    findings = of_rule(tl("lapor-lead.yaml"), "lapor.lead-to-puo")
    assert summary(findings) == [
        ("lapor.lead-to-puo", "tl-r-k-salah", "error", "open"),
        ("lapor.lead-to-puo", "tl-r-k-penilai", "error", "excepted"),
    ]
    assert findings[1].exception == "lapor.lead-to-puo.member-assessor"
    assert ("member", "tl-e-perawat1") in [(e.name, e.value) for e in findings[1].evidence]


def test_tl_ended_team_without_lead_report_is_uncheckable() -> None:
    findings = tl("lapor-lead-missing.yaml")
    assert summary(of_rule(findings, "lapor.lead-to-puo")) == [
        ("lapor.lead-to-puo", "tl-tim-selesai", "info", "uncheckable")
    ]


def test_gy_lead_report_fires_excepted_and_uncheckable() -> None:
    findings = of_rule(gy("lapor-lead.yaml"), "lapor.lead-to-puo")
    assert summary(findings) == [
        ("lapor.lead-to-puo", "gy-tim-selesai", "info", "uncheckable"),
        ("lapor.lead-to-puo", "gy-r-k-salah", "error", "open"),
        ("lapor.lead-to-puo", "gy-r-k-penilai", "error", "excepted"),
    ]
