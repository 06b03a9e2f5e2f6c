"""Penugasan (rule catalogue B) under both regulations: each rule fires, stays quiet, and is excepted
where the law makes an exception. Fixtures: tests/rules_penugasan/<regency>/base (a small organisation)
plus one case file from tests/rules_penugasan/<regency>/cases, merged into one regency per check."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from checker.model import Finding
from checker.packs import load_pack
from tests.ruletools import of_rule, run_check, summary

FIXTURES = Path(__file__).resolve().parent / "rules_penugasan"
BASE_TL, CASES_TL = FIXTURES / "tanah-laut" / "base", FIXTURES / "tanah-laut" / "cases"
BASE_GY, CASES_GY = FIXTURES / "gianyar" / "base", FIXTURES / "gianyar" / "cases"
TL, GY = "perbup-tanah-laut-26-2024", "perbup-gianyar-63-2023"

SHARED = [
    "penugasan.appointer-authority",
    "penugasan.written-letter",
    "penugasan.letter-signatory",
    "penugasan.letter-drafter",
    "penugasan.request-letter",
    "penugasan.request-letter-content",
    "penugasan.recommendation",
    "penugasan.rejection-reason",
    "penugasan.cross-instansi-chain",
    "penugasan.voluntary-scope",
    "penugasan.voluntary-approval",
    "penugasan.within-duration",
]
TL_ONLY = ["penugasan.credit-activity-approval", "penugasan.own-unit-first"]


@cache
def tl(case: str) -> tuple[Finding, ...]:
    """One check per fixture: cases are shared by several tests."""
    return tuple(run_check(BASE_TL, CASES_TL / f"{case}.yaml"))


@cache
def gy(case: str) -> tuple[Finding, ...]:
    return tuple(run_check(BASE_GY, CASES_GY / f"{case}.yaml"))


def rule(findings: tuple[Finding, ...], rule_id: str) -> list[tuple[str, str, str, str]]:
    return sorted(summary(of_rule(list(findings), rule_id)))


def penugasan(findings: tuple[Finding, ...]) -> list[tuple[str, str, str, str]]:
    return sorted(summary([f for f in findings if f.rule_id.startswith("penugasan.")]))


def evidence(findings: tuple[Finding, ...], rule_id: str, record: str) -> list[list[tuple[str, str]]]:
    return sorted(
        [(e.name, e.value) for e in f.evidence]
        for f in findings
        if f.rule_id == rule_id and f.record == record
    )


# --- what each regulation enacts, and how they differ ------------------------------------------


def test_tanah_laut_enacts_every_penugasan_rule() -> None:
    pack = load_pack(TL)
    assert {r for r in pack.rules if r.startswith("penugasan.")} == set(SHARED + TL_ONLY)
    assert {pack.rules[r].severity for r in ("penugasan.recommendation", "penugasan.within-duration",
                                             "penugasan.own-unit-first", "penugasan.letter-drafter")} == {"warning"}


def test_gianyar_enacts_the_shared_rules_and_documents_the_rest() -> None:
    pack = load_pack(GY)
    assert {r for r in pack.rules if r.startswith("penugasan.")} == set(SHARED)
    assert set(TL_ONLY) <= set(pack.not_enacted)


def test_the_differences_are_parameters() -> None:
    tl_params, gy_params = load_pack(TL).parameters, load_pack(GY).parameters
    assert tl_params["request_addressee"].facts == [["puo"]]
    assert gy_params["request_addressee"].facts == [["assessor"]]
    assert tl_params["request_recommender"].facts == [["assessor"]]
    assert gy_params["request_recommender"].facts == [["puo"]]
    assert tl_params["surat_penugasan_drafter"].facts == [["penunjukan", "employee"], ["pengajuan_sukarela", "employee"]]
    assert gy_params["surat_penugasan_drafter"].facts == [["penunjukan", "assessor"], ["pengajuan_sukarela", "assessor"]]
    assert ["penunjukan", "dalam_unit"] not in tl_params["surat_penugasan_required"].facts
    assert ["penunjukan", "dalam_unit"] in gy_params["surat_penugasan_required"].facts
    assert tl_params["refusal_reason_required"].facts == [["permohonan_pelibatan"], ["permohonan_sukarela"]]
    assert gy_params["refusal_reason_required"].facts == [["permohonan_pelibatan"]]


# --- compliant fixtures stay quiet for every penugasan rule ------------------------------------


@pytest.mark.parametrize(
    "case",
    ["inunit-ok", "appointer-delegate", "cross-ok", "voluntary-ok", "refusal-ok", "instansi-ask-ok", "not-governed"],
)
def test_tanah_laut_compliant_cases_are_quiet(case: str) -> None:
    assert penugasan(tl(case)) == []


@pytest.mark.parametrize(
    "case", ["inunit-ok", "cross-ok", "voluntary-ok", "refusal-ok", "instansi-ask-ok", "not-governed"]
)
def test_gianyar_compliant_cases_are_quiet(case: str) -> None:
    assert penugasan(gy(case)) == []


# --- penugasan.appointer-authority -------------------------------------------------------------


def test_tl_appointer_authority_fires_and_says_when_it_cannot_check() -> None:
    assert rule(tl("appointer-fire"), "penugasan.appointer-authority") == [
        ("penugasan.appointer-authority", "a-ap1", "error", "open"),
        ("penugasan.appointer-authority", "a-ap2", "info", "uncheckable"),
    ]
    assert evidence(tl("appointer-fire"), "penugasan.appointer-authority", "a-ap1") == [
        [("employee", "e-jf1"), ("appointed_by", "e-kabid2")]
    ]


def test_tl_appointer_authority_quiet_for_head_and_for_a_delegate_of_the_assessor() -> None:
    assert rule(tl("inunit-ok"), "penugasan.appointer-authority") == []
    assert rule(tl("appointer-delegate"), "penugasan.appointer-authority") == []


def test_gy_appointer_authority() -> None:
    assert rule(gy("appointer-fire"), "penugasan.appointer-authority") == [
        ("penugasan.appointer-authority", "ga-ap1", "error", "open")
    ]
    assert rule(gy("inunit-ok"), "penugasan.appointer-authority") == []


# --- penugasan.written-letter ------------------------------------------------------------------


def test_tl_written_letter_fires_for_a_voluntary_application_without_letter() -> None:
    assert rule(tl("voluntary-inunit-no-letter"), "penugasan.written-letter") == [
        ("penugasan.written-letter", "a-wl1", "error", "open")
    ]


def test_tl_written_letter_not_asked_for_an_in_unit_penunjukan() -> None:
    # a-in1 is a penunjukan inside the unit with no letter: Pasal 13 makes it "secara langsung"
    assert rule(tl("inunit-ok"), "penugasan.written-letter") == []


def test_tl_written_letter_excepted_by_other_written_proof_across_agencies() -> None:
    found = of_rule(list(tl("instansi-lend-ok")), "penugasan.written-letter")
    assert summary(found) == [("penugasan.written-letter", "a-il3", "error", "excepted")]
    assert found[0].exception == "penugasan.written-letter.other-written-proof"
    assert found[0].exception_citation == "Pasal 15 huruf e angka 4"


def test_gy_written_letter_fires_for_every_kind_of_penugasan() -> None:
    assert rule(gy("inunit-no-letter"), "penugasan.written-letter") == [
        ("penugasan.written-letter", "ga-wl1", "error", "open")
    ]
    assert rule(gy("inunit-ok"), "penugasan.written-letter") == []


def test_gy_written_letter_excepted_by_other_written_proof() -> None:
    found = of_rule(list(gy("other-proof")), "penugasan.written-letter")
    assert summary(found) == [("penugasan.written-letter", "ga-op1", "error", "excepted")]
    assert found[0].exception == "penugasan.written-letter.other-written-proof"


# --- penugasan.letter-signatory / penugasan.letter-drafter -------------------------------------


def test_tl_letter_signatory() -> None:
    assert rule(tl("cross-fire"), "penugasan.letter-signatory") == [
        ("penugasan.letter-signatory", "s-xf2-sp", "error", "open")
    ]
    assert rule(tl("voluntary-fire"), "penugasan.letter-signatory") == [
        ("penugasan.letter-signatory", "s-vf1-sp", "error", "open")
    ]
    assert rule(tl("cross-ok"), "penugasan.letter-signatory") == []
    assert rule(tl("voluntary-ok"), "penugasan.letter-signatory") == []


def test_tl_letter_drafter() -> None:
    assert rule(tl("cross-fire"), "penugasan.letter-drafter") == [
        ("penugasan.letter-drafter", "s-xf2-sp", "warning", "open")
    ]
    assert rule(tl("cross-ok"), "penugasan.letter-drafter") == []


def test_gy_letter_signatory_and_drafter_are_the_assessor() -> None:
    # the Tanah Laut way (drafted by the employee, signed by the PUO where the employee sits)
    assert rule(gy("cross-fire"), "penugasan.letter-signatory") == [
        ("penugasan.letter-signatory", "gs-f1-sp", "error", "open")
    ]
    assert rule(gy("cross-fire"), "penugasan.letter-drafter") == [
        ("penugasan.letter-drafter", "gs-f1-sp", "warning", "open")
    ]
    assert rule(gy("cross-ok"), "penugasan.letter-signatory") == []
    assert rule(gy("cross-ok"), "penugasan.letter-drafter") == []


# --- penugasan.request-letter ------------------------------------------------------------------


def test_tl_request_letter_missing_or_sent_to_the_assessor_instead_of_the_puo() -> None:
    assert rule(tl("cross-fire"), "penugasan.request-letter") == [
        ("penugasan.request-letter", "a-xf1", "error", "open"),
        ("penugasan.request-letter", "a-xf2", "error", "open"),
    ]
    assert evidence(tl("cross-fire"), "penugasan.request-letter", "a-xf2") == [
        [("employee", "e-jf5"), ("letter", "s-xf2-req"), ("sender", "e-kabid1"), ("addressee", "e-sekr")]
    ]
    assert rule(tl("cross-ok"), "penugasan.request-letter") == []


def test_gy_request_letter_goes_to_the_assessor_not_the_puo() -> None:
    assert rule(gy("cross-fire"), "penugasan.request-letter") == [
        ("penugasan.request-letter", "gax-f1", "error", "open")
    ]
    assert rule(gy("cross-ok"), "penugasan.request-letter") == []


# --- penugasan.request-letter-content ----------------------------------------------------------


def test_tl_request_letter_content() -> None:
    assert rule(tl("cross-fire"), "penugasan.request-letter-content") == [
        ("penugasan.request-letter-content", "s-xf2-req", "error", "open")
    ]
    assert evidence(tl("cross-fire"), "penugasan.request-letter-content", "s-xf2-req") == [[("missing", "duration")]]
    assert rule(tl("cross-ok"), "penugasan.request-letter-content") == []
    assert rule(tl("instansi-lend-ok"), "penugasan.request-letter-content") == []  # sent by another agency


def test_gy_request_letter_content() -> None:
    assert rule(gy("cross-fire"), "penugasan.request-letter-content") == [
        ("penugasan.request-letter-content", "gs-f1-req", "error", "open")
    ]
    assert rule(gy("cross-ok"), "penugasan.request-letter-content") == []


# --- penugasan.recommendation ------------------------------------------------------------------


def test_tl_recommendation_from_the_assessor() -> None:
    # a-xf2: e-jf5's assessor (Sekretaris) is not the PUO (Kasubag) and gave no recommendation;
    # a-xf1/a-xf3: the Kepala Bidang is PUO and assessor at once, nothing to check
    assert rule(tl("cross-fire"), "penugasan.recommendation") == [
        ("penugasan.recommendation", "a-xf2", "warning", "open")
    ]
    assert rule(tl("cross-ok"), "penugasan.recommendation") == []


def test_gy_recommendation_from_the_puo() -> None:
    assert rule(gy("cross-fire"), "penugasan.recommendation") == [
        ("penugasan.recommendation", "gax-f1", "warning", "open")
    ]
    # ga-x1, ga-x2 with the PUO's rekomendasi; ga-x3 where the Kepala Bagian is PUO and assessor
    assert rule(gy("cross-ok"), "penugasan.recommendation") == []


# --- penugasan.rejection-reason ----------------------------------------------------------------


def test_tl_rejection_reason_for_requests_and_voluntary_applications() -> None:
    assert rule(tl("refusal-fire"), "penugasan.rejection-reason") == [
        ("penugasan.rejection-reason", "a-rf2", "error", "open"),
        ("penugasan.rejection-reason", "s-rf1-ans", "error", "open"),
        ("penugasan.rejection-reason", "s-rf3-ans", "error", "open"),
    ]
    assert evidence(tl("refusal-fire"), "penugasan.rejection-reason", "a-rf2") == [
        [("request", "s-rf2-req"), ("missing", "jawaban")]
    ]
    assert rule(tl("refusal-ok"), "penugasan.rejection-reason") == []


def test_gy_rejection_reason_only_for_requests() -> None:
    # gs-rf3-ans refuses a pengajuan sukarela without a reason: Gianyar asks none
    assert rule(gy("refusal-fire"), "penugasan.rejection-reason") == [
        ("penugasan.rejection-reason", "ga-rf2", "error", "open"),
        ("penugasan.rejection-reason", "gs-rf1-ans", "error", "open"),
    ]
    assert rule(gy("refusal-ok"), "penugasan.rejection-reason") == []


# --- penugasan.cross-instansi-chain ------------------------------------------------------------


def test_tl_cross_instansi_chain_asking_side() -> None:
    findings = tl("instansi-ask-fire")
    assert rule(findings, "penugasan.cross-instansi-chain") == [
        ("penugasan.cross-instansi-chain", "a-ia2", "error", "open"),
        ("penugasan.cross-instansi-chain", "a-ia2", "error", "open"),
        ("penugasan.cross-instansi-chain", "s-ia2-sp", "error", "open"),
    ]
    assert sorted(dict(ev)["missing"] for ev in evidence(findings, "penugasan.cross-instansi-chain", "a-ia2")) == [
        "permohonan_antar_pejabat_berwenang",
        "permohonan_ke_pejabat_berwenang",
    ]
    assert rule(tl("instansi-ask-ok"), "penugasan.cross-instansi-chain") == []


def test_tl_cross_instansi_chain_lending_side() -> None:
    findings = tl("instansi-lend-fire")
    assert rule(findings, "penugasan.cross-instansi-chain") == [
        ("penugasan.cross-instansi-chain", "a-il2", "error", "open"),
        ("penugasan.cross-instansi-chain", "a-il2", "error", "open"),
        ("penugasan.cross-instansi-chain", "s-il2-sp", "error", "open"),
        ("penugasan.cross-instansi-chain", "s-il2-sp", "error", "open"),
    ]
    assert sorted(dict(ev)["missing"] for ev in evidence(findings, "penugasan.cross-instansi-chain", "s-il2-sp")) == [
        "tembusan_pejabat_berwenang",
        "tembusan_pejabat_penilai_kinerja",
    ]
    assert rule(tl("instansi-lend-ok"), "penugasan.cross-instansi-chain") == []


def test_gy_cross_instansi_chain() -> None:
    findings = gy("instansi-ask-fire")
    assert rule(findings, "penugasan.cross-instansi-chain") == [
        ("penugasan.cross-instansi-chain", "ga-ia2", "error", "open"),
        ("penugasan.cross-instansi-chain", "gs-ia2-req1", "error", "open"),
    ]
    assert evidence(findings, "penugasan.cross-instansi-chain", "gs-ia2-req1") == [
        [("assignment", "ga-ia2"), ("missing", "tembusan_pejabat_penilai_kinerja")]
    ]
    assert rule(gy("instansi-ask-ok"), "penugasan.cross-instansi-chain") == []


# --- penugasan.voluntary-scope / penugasan.voluntary-approval ---------------------------------


def test_tl_voluntary_scope() -> None:
    assert rule(tl("voluntary-fire"), "penugasan.voluntary-scope") == [
        ("penugasan.voluntary-scope", "a-vf2", "error", "open")
    ]
    assert rule(tl("voluntary-ok"), "penugasan.voluntary-scope") == []


def test_gy_voluntary_scope_catches_staff_of_another_agency() -> None:
    assert rule(gy("voluntary-fire"), "penugasan.voluntary-scope") == [
        ("penugasan.voluntary-scope", "ga-vf2", "error", "open")
    ]
    assert rule(gy("voluntary-ok"), "penugasan.voluntary-scope") == []


def test_tl_voluntary_approval() -> None:
    findings = tl("voluntary-fire")
    assert rule(findings, "penugasan.voluntary-approval") == [
        ("penugasan.voluntary-approval", "a-vf1", "error", "open"),
        ("penugasan.voluntary-approval", "a-vf1", "error", "open"),
    ]
    assert sorted(dict(ev)["missing"] for ev in evidence(findings, "penugasan.voluntary-approval", "a-vf1")) == [
        "persetujuan_asal",
        "tembusan(assessor)",
    ]
    assert rule(tl("voluntary-ok"), "penugasan.voluntary-approval") == []


def test_gy_voluntary_approval_copies_the_puo_and_comes_after_the_receiving_head() -> None:
    findings = gy("voluntary-fire")
    assert rule(findings, "penugasan.voluntary-approval") == [
        ("penugasan.voluntary-approval", "ga-vf1", "error", "open"),
        ("penugasan.voluntary-approval", "ga-vf1", "error", "open"),
    ]
    assert sorted(dict(ev)["missing"] for ev in evidence(findings, "penugasan.voluntary-approval", "ga-vf1")) == [
        "persetujuan_asal",
        "tembusan(puo)",
    ]
    assert rule(gy("voluntary-ok"), "penugasan.voluntary-approval") == []


# --- penugasan.within-duration -----------------------------------------------------------------


def test_tl_within_duration() -> None:
    assert rule(tl("cross-fire"), "penugasan.within-duration") == [
        ("penugasan.within-duration", "a-xf3", "warning", "open")
    ]
    assert rule(tl("cross-ok"), "penugasan.within-duration") == []


def test_gy_within_duration() -> None:
    assert rule(gy("cross-fire"), "penugasan.within-duration") == [
        ("penugasan.within-duration", "gax-f2", "warning", "open")
    ]
    assert rule(gy("cross-ok"), "penugasan.within-duration") == []


# --- Tanah Laut only ---------------------------------------------------------------------------


def test_tl_credit_activity_approval() -> None:
    assert rule(tl("credit-fire"), "penugasan.credit-activity-approval") == [
        ("penugasan.credit-activity-approval", "a-c2", "error", "open")
    ]
    assert rule(tl("inunit-ok"), "penugasan.credit-activity-approval") == []  # appointed by the head
    assert rule(tl("credit-letter-ok"), "penugasan.credit-activity-approval") == []  # head's persetujuan


def test_tl_own_unit_first() -> None:
    # e-jf3 works only for another bidang; e-jf1 works elsewhere but is on a team of its own bidang
    assert rule(tl("away-only"), "penugasan.own-unit-first") == [
        ("penugasan.own-unit-first", "e-jf3", "warning", "open")
    ]
    assert rule(tl("cross-ok"), "penugasan.own-unit-first") == []


def test_gy_has_no_tanah_laut_only_rules() -> None:
    findings = gy("cross-fire")
    assert rule(findings, "penugasan.own-unit-first") == []
    assert rule(findings, "penugasan.credit-activity-approval") == []


# --- the same data, two regulations ------------------------------------------------------------


def test_the_same_in_unit_penunjukan_needs_a_letter_only_in_gianyar() -> None:
    # Tanah Laut's inunit-ok checked under Gianyar: a-in1 (penunjukan inside the unit) lacks a letter
    findings = run_check(BASE_TL, CASES_TL / "inunit-ok.yaml", regulation=GY, as_of="2024-10-01")
    assert ("penugasan.written-letter", "a-in1", "error", "open") in summary(findings)
