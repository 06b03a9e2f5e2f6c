"""What a rule case (rules/<pack>/tests/<rule>/<case>.yaml, run by tests/test_pack_cases.py) cannot say:
the rendered message, the evidence, the exception and the citations of a finding, what each pack
enacts, and a pack that lives only here. Which findings each case gives is the case's own `expect:`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.model import Finding
from checker.packs import load_pack
from tests.ruletools import case_files, case_findings, of_rule, run_check, summary

TL, GY = "perbup-tanah-laut-26-2024", "perbup-gianyar-63-2023"


def one(findings: list[Finding], rule: str, record: str) -> Finding:
    (found,) = [f for f in findings if f.rule_id == rule and f.record == record]
    return found


def found(findings: list[Finding], rule: str, record: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule and f.record == record]


def evidence(finding: Finding) -> list[tuple[str, str]]:
    return [(e.name, e.value) for e in finding.evidence]


def missing(findings: list[Finding], rule: str, record: str) -> list[str]:
    return sorted(dict(evidence(f))["missing"] for f in found(findings, rule, record))


# --- kedudukan ----------------------------------------------------------------------------------

RANK = "kedudukan.assessor-rank"
SUPERIOR = "kedudukan.assessor-is-superior"
BY_KIND = "kedudukan.assessor-by-opd-kind"
DECREE = "kedudukan.placement-decree"
SUPERVISES = "kedudukan.fungsional-supervises"


def test_tl_rank_message_and_citation() -> None:
    f = one(case_findings(TL, RANK, "pelaksana-assessor"), RANK, "k-rank")
    assert f.message.en == (
        "Performance assessor e-adm of e-adm2 holds grade pelaksana: below pengawas and not leading an independent unit"
    )
    assert f.citation == "Pasal 1 angka 12; Pasal 7 ayat (2); Pasal 8 ayat (4) dan ayat (5); Lampiran I"


def test_tl_rank_delegation_exception() -> None:
    f = one(case_findings(TL, RANK, "current-delegation"), RANK, "k-rank")
    assert f.exception == "kedudukan.assessor-rank.delegation"
    assert f.exception_citation == "Pasal 1 angka 12"
    assert ("delegation", "dl-adm") in evidence(f)


def test_tl_rank_unplaced_message() -> None:
    assert one(case_findings(TL, RANK, "unplaced-jf"), RANK, "e-lepas").message.en.endswith(
        "(the data lacks placement)"
    )


def test_gy_rank_delegation_citation() -> None:
    assert one(case_findings(GY, RANK, "current-delegation"), RANK, "k-rank").exception_citation == (
        "Pasal 1 angka 22"
    )


def test_tl_superior_message_and_exception() -> None:
    assert one(case_findings(TL, SUPERIOR, "other-branch"), SUPERIOR, "k-sup").message.en == (
        "Performance assessor e-sekretaris is not the direct superior of e-epi2: "
        "heads neither unit dinkes-p2p nor a unit above it"
    )
    excepted = one(case_findings(TL, SUPERIOR, "delegation-from-the-line"), SUPERIOR, "k-sup")
    assert excepted.exception == "kedudukan.assessor-is-superior.delegation"


def test_tl_by_kind_messages_and_exception() -> None:
    findings = case_findings(TL, BY_KIND, "by-kind-table")
    assert one(findings, BY_KIND, "k-kind-kasi").message.en == (
        "Performance assessor e-kasi-surv of e-surv-jf holds no position the regulation names as assessor in dinkes (dinas)"
    )
    assert one(findings, BY_KIND, "k-kind-untyped").message.en == (
        "Cannot be checked: the assessor of e-bpbdl-jf against the officials named by kind "
        "of Perangkat Daerah (not available: opd_type)"
    )
    excepted = one(case_findings(TL, BY_KIND, "delegation"), BY_KIND, "k-kind-kasi")
    assert excepted.exception == "kedudukan.assessor-by-opd-kind.delegation"


def test_gy_by_kind_message() -> None:
    assert one(case_findings(GY, BY_KIND, "kepala-bidang-of-dinas"), BY_KIND, "k-kabid").message.en == (
        "Performance assessor e-kabid of e-epi2 is not the official the regulation names as assessor in dinkes (dinas)"
    )


PARTIAL_TABLE_PACK = """\
# Test-only: Gianyar's pack with an assessor table that names no school, to exercise the
# "kind not named" path of kedudukan.assessor-by-opd-kind (no shipped pack leaves a kind unnamed).
regulation:
  id: perbup-uji-tabel-sebagian
  title: Peraturan Bupati Uji (tabel Pejabat Penilai Kinerja sebagian)
  short_title: Perbup Uji Tabel Sebagian
  in_force: "2023-11-27"
extends: perbup-gianyar-63-2023
"""
PARTIAL_TABLE = """\
topic: kedudukan
parameters:
  assessor_role:
    description: Gianyar's table without the row for schools.
    citation: Lampiran huruf A-I
    facts:
      - [dinas, any, kepala_opd]
      - [puskesmas, any, kepala_puskesmas]
"""


def test_by_kind_unnamed_kind_is_uncheckable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a test-only pack whose table names no school
    pack = tmp_path / "packs" / "perbup-uji-tabel-sebagian"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(PARTIAL_TABLE_PACK, encoding="utf-8")
    (pack / "kedudukan.yaml").write_text(PARTIAL_TABLE, encoding="utf-8")
    monkeypatch.setenv("SISTEMKERJA_RULES", str(pack.parent))
    _, files = case_files(GY, BY_KIND, "kepala-bidang-of-dinas", tmp_path)
    findings = of_rule(run_check(*files, regulation="perbup-uji-tabel-sebagian"), BY_KIND)
    assert sorted(summary(findings)) == [
        (BY_KIND, "k-guru", "info", "uncheckable"),
        (BY_KIND, "k-kabid", "error", "open"),
    ]
    assert one(findings, BY_KIND, "k-guru").message.en == (
        "Cannot be checked: the assessor of e-guru against the officials named by kind of Perangkat Daerah "
        "(not available: assessor_role_for_opd_kind)"
    )


@pytest.mark.parametrize("pack", [TL, GY])
def test_placement_decree_evidence(pack: str) -> None:
    findings = case_findings(pack, DECREE, "decree")
    assert ("set_by", "kepala_opd") in evidence(one(findings, DECREE, "k-setby"))
    assert ("missing", "decree") in evidence(one(findings, DECREE, "k-nodecree"))


def test_tl_supervises_message_and_exception() -> None:
    assert one(case_findings(TL, SUPERVISES, "jf-leading-no-unit"), SUPERVISES, "e-epi").message.en == (
        "Functional official e-epi is the assessor in placements of other employees (count: 1) without being appointed to lead an independent unit"
    )
    excepted = one(case_findings(TL, SUPERVISES, "delegation"), SUPERVISES, "e-epi")
    assert excepted.exception == "kedudukan.fungsional-supervises.delegation"


# --- organisasi ---------------------------------------------------------------------------------

REVOKED = "jabatan.sub-koordinator-revoked"
SEBUTAN = "jabatan.penanggungjawab-tupoksi"
SPBE = "spbe.shared-applications"
MAPS = "probis.maps-reviewed"
BP_DECREE = "probis.decree"


def test_tl_sub_koordinator_message() -> None:
    assert one(case_findings(TL, REVOKED, "still-active"), REVOKED, "dz-aktif").message.en == (
        "The sub-koordinator assignment dz-aktif of e-adm is still in effect on or after the regulation "
        "came into force, though it was revoked"
    )


def test_cli_check_as_of_flips_the_sub_koordinator_rule(tmp_path: Path) -> None:
    _, paths = case_files(TL, REVOKED, "still-active", tmp_path)
    before = CliRunner().invoke(main, ["check", *paths, "--as-of", "2024-06-01", "--lang", "en"])
    assert before.exit_code == 0, before.output
    assert REVOKED not in before.stdout
    on = CliRunner().invoke(main, ["check", *paths, "--as-of", "2024-06-04", "--lang", "en"])
    assert on.exit_code == 1, on.output
    assert on.stdout.count(REVOKED) == 2
    assert "The sub-koordinator assignment dz-aktif of e-adm is still in effect" in on.stdout


def test_tl_sebutan_message() -> None:
    findings = case_findings(TL, SEBUTAN, "sebutan-sub-koordinator")
    assert one(findings, SEBUTAN, "dinkes-jf-subkor").message.en == (
        "Position dinkes-jf-subkor from penyetaraan is still titled sub-koordinator, not Penanggungjawab Tupoksi"
    )


@pytest.mark.parametrize(
    ("pack", "unit", "citation"),
    [
        (TL, "dinkes-kesmas", "Pasal 25 ayat (2) dan ayat (3)"),
        (GY, "disdik", "Pasal 11 ayat (2) dan ayat (3)"),
    ],
)
def test_spbe_message_and_citation(pack: str, unit: str, citation: str) -> None:
    fired = one(case_findings(pack, SPBE, "missing-application"), SPBE, unit)
    assert fired.message.en == f"Unit {unit} does not use the shared SPBE application e-kinerja"
    assert fired.citation == citation


def test_spbe_without_a_regency_list_message() -> None:
    assert one(case_findings(TL, SPBE, "no-regency-list"), SPBE, "dinkes").message.en.endswith(
        "(the data lacks spbe_shared_applications)"
    )


def test_tl_maps_messages() -> None:
    findings = found(case_findings(TL, MAPS, "all-four-required"), MAPS, "disdik")
    assert sorted(f.message.en for f in findings) == [
        "The business process of disdik has not been reviewed and evaluated for peta_level",
        "The business process of disdik has not been reviewed and evaluated for peta_lintas_fungsi",
    ]


def test_gy_maps_citation() -> None:
    assert one(case_findings(GY, MAPS, "no-map-reviewed"), MAPS, "disdik").citation == "Pasal 13 ayat (3)"


def test_tl_business_process_decree_evidence() -> None:
    findings = case_findings(TL, BP_DECREE, "decree-by-kepala-dinas")
    assert evidence(one(findings, BP_DECREE, "disdik")) == [("decree_by", "kepala_opd")]
    assert evidence(one(findings, BP_DECREE, "dishub")) == [("missing", "keputusan_bupati")]


# --- evaluasi -----------------------------------------------------------------------------------

ACCEPTOR = "evaluasi.completion-acceptor"
CHAIN = "evaluasi.review-chain"


def test_tl_acceptor_messages() -> None:
    findings = case_findings(TL, ACCEPTOR, "head-of-owning-unit")
    assert one(findings, ACCEPTOR, "t-kadis").message.en == (
        "Target t-kadis was declared complete on acceptance by e-kadis, not by the head of its unit dinkes-p2p"
    )
    assert one(findings, ACCEPTOR, "t-noacc").message.en == (
        "Cannot be checked: the acceptance of target t-noacc (not available: accepted_by)"
    )


def test_gy_acceptor_message() -> None:
    assert one(case_findings(GY, ACCEPTOR, "by-kind-badan-wrinkle"), ACCEPTOR, "t-kabid").message.en == (
        "Target t-kabid was declared complete on acceptance by e-kabid, "
        "not the official the Lampiran names for unit dinkes-p2p (dinas)"
    )


def test_gy_review_chain_messages() -> None:
    findings = case_findings(GY, CHAIN, "setda-chain")
    assert one(findings, CHAIN, "t-setda-skip").message.en == (
        "The review of target t-setda-skip does not follow the Lampiran's chain: reviewer no. 2 should be the asisten"
    )
    assert one(findings, CHAIN, "t-setda-none").message.en.endswith("(the data lacks reviewed_by)")


# --- tim ----------------------------------------------------------------------------------------


def test_tl_single_lead_message() -> None:
    assert one(
        case_findings(TL, "tim.single-lead", "two-leads"), "tim.single-lead", "tl-tim-dua"
    ).message.en == ("Team tl-tim-dua has 2 team leads; at most one is allowed")


def test_tl_lead_appointed_by_puo_evidence_and_message() -> None:
    rule = "tim.lead-appointed-by-puo"
    findings = case_findings(TL, rule, "appointed-by-someone-else")
    assert evidence(one(findings, rule, "tl-tim-angkat")) == [
        ("ketua", "tl-e-epid1"),
        ("appointed_by", "tl-e-kadis"),
        ("puo", "tl-e-kabid-p2p"),
    ]
    assert one(findings, rule, "tl-tim-angkat-kosong").message.en.endswith("(the data lacks appointed_by)")


def test_tl_lead_grade_evidence_and_exception() -> None:
    grade = one(case_findings(TL, "tim.lead-grade", "administrator-lead"), "tim.lead-grade", "tl-tim-kabid")
    assert ("grade", "administrator") in evidence(grade)
    excepted = one(
        case_findings(TL, "tim.lead-grade", "pengawas-of-the-structure"), "tim.lead-grade", "tl-tim-kec"
    )
    assert excepted.exception == "tim.lead-grade.pengawas"
    assert excepted.exception_citation == "Pasal 21 ayat (3)"


def test_lead_from_owner_unit_message_and_evidence() -> None:
    rule = "tim.lead-from-owner-unit"
    assert one(
        case_findings(TL, rule, "cross-unit-led-from-elsewhere"), rule, "tl-tim-lintas"
    ).message.en == (
        "Cross-unit team tl-tim-lintas is led by tl-e-perawat1 from tl-dinkes-yankes, "
        "not from the owning unit tl-dinkes-p2p"
    )
    assert ("origin", "pemprov-bali") in evidence(
        one(case_findings(GY, rule, "outsider-lead"), rule, "gy-tim-lintas")
    )


def test_tl_pengawas_leads_evidence() -> None:
    rule = "tim.pengawas-leads"
    assert evidence(
        one(case_findings(TL, rule, "jf-lead-where-pengawas-remains"), rule, "tl-tim-kec-jf")
    ) == [
        ("owner", "tl-kec-root"),
        ("pengawas_positions", "1"),
    ]


# --- lapor --------------------------------------------------------------------------------------

INDIVIDUAL, MEMBER, LEAD = "lapor.individual-to-puo", "lapor.member-to-lead", "lapor.lead-to-puo"


def test_tl_individual_report_message_and_exception() -> None:
    assert one(
        case_findings(TL, INDIVIDUAL, "report-to-someone-else"), INDIVIDUAL, "tl-r-salah"
    ).message.en == (
        "Report tl-r-salah by tl-e-epid2 on individual assignment tl-a-ind2 went to tl-e-kadis, "
        "not to the owning unit's head tl-e-kabid-p2p"
    )
    excepted = one(
        case_findings(TL, INDIVIDUAL, "voluntary-in-unit-to-assessor"), INDIVIDUAL, "tl-r-sukarela"
    )
    assert excepted.exception == "lapor.individual-to-puo.sukarela-assessor"
    assert excepted.exception_citation == "Lampiran II huruf B.1 huruf d"
    missing_report = one(
        case_findings(TL, INDIVIDUAL, "finished-without-report"), INDIVIDUAL, "tl-a-tanpa-laporan"
    )
    assert missing_report.message.en.endswith("(the data lacks laporan)")


@pytest.mark.parametrize(
    ("pack", "record", "citation"),
    [(TL, "tl-r-m-puo", "Pasal 23 ayat (4)"), (GY, "gy-r-m-puo", "Pasal 9 ayat (5)")],
)
def test_member_report_to_puo_exception(pack: str, record: str, citation: str) -> None:
    excepted = one(case_findings(pack, MEMBER, "member-reports"), MEMBER, record)
    assert excepted.exception == "lapor.member-to-lead.puo-request"
    assert excepted.exception_citation == citation


def test_tl_lead_report_to_member_assessor_exception() -> None:
    excepted = one(case_findings(TL, LEAD, "lead-reports"), LEAD, "tl-r-k-penilai")
    assert excepted.exception == "lapor.lead-to-puo.member-assessor"
    assert ("member", "tl-e-perawat1") in evidence(excepted)


# --- penugasan ----------------------------------------------------------------------------------

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
TL_ONLY = ["penugasan.credit-activity-approval", "penugasan.own-activity-jf", "penugasan.own-unit-first"]


def test_tl_appointer_authority_evidence() -> None:
    rule = "penugasan.appointer-authority"
    assert evidence(one(case_findings(TL, rule, "appointer-not-authorised"), rule, "a-ap1")) == [
        ("employee", "e-jf1"),
        ("appointed_by", "e-kabid2"),
    ]


@pytest.mark.parametrize(("pack", "record"), [(TL, "a-il3"), (GY, "ga-op1")])
def test_written_letter_other_written_proof_exception(pack: str, record: str) -> None:
    rule = "penugasan.written-letter"
    excepted = one(case_findings(pack, rule, "other-written-proof"), rule, record)
    assert excepted.exception == "penugasan.written-letter.other-written-proof"
    if pack == TL:
        assert excepted.exception_citation == "Pasal 15 huruf e angka 4"


def test_tl_request_letter_evidence() -> None:
    rule = "penugasan.request-letter"
    assert evidence(one(case_findings(TL, rule, "cross-unit-faults"), rule, "a-xf2")) == [
        ("employee", "e-jf5"),
        ("letter", "s-xf2-req"),
        ("sender", "e-kabid1"),
        ("addressee", "e-sekr"),
    ]
    rule = "penugasan.request-letter-content"
    assert evidence(one(case_findings(TL, rule, "cross-unit-faults"), rule, "s-xf2-req")) == [
        ("missing", "duration")
    ]


def test_tl_rejection_reason_evidence() -> None:
    rule = "penugasan.rejection-reason"
    assert evidence(one(case_findings(TL, rule, "refusals-without-reason"), rule, "a-rf2")) == [
        ("request", "s-rf2-req"),
        ("missing", "jawaban"),
    ]


def test_cross_instansi_chain_evidence() -> None:
    rule = "penugasan.cross-instansi-chain"
    assert missing(case_findings(TL, rule, "asking-side-faults"), rule, "a-ia2") == [
        "permohonan_antar_pejabat_berwenang",
        "permohonan_ke_pejabat_berwenang",
    ]
    assert missing(case_findings(TL, rule, "lending-side-faults"), rule, "s-il2-sp") == [
        "tembusan_pejabat_berwenang",
        "tembusan_pejabat_penilai_kinerja",
    ]
    assert evidence(one(case_findings(GY, rule, "asking-side-faults"), rule, "gs-ia2-req1")) == [
        ("assignment", "ga-ia2"),
        ("missing", "tembusan_pejabat_penilai_kinerja"),
    ]


@pytest.mark.parametrize(
    ("pack", "record", "copy"), [(TL, "a-vf1", "tembusan(assessor)"), (GY, "ga-vf1", "tembusan(puo)")]
)
def test_voluntary_approval_evidence(pack: str, record: str, copy: str) -> None:
    rule = "penugasan.voluntary-approval"
    assert missing(case_findings(pack, rule, "voluntary-faults"), rule, record) == ["persetujuan_asal", copy]


# --- what each pack enacts ----------------------------------------------------------------------


def test_tanah_laut_enacts_every_tim_and_penugasan_rule() -> None:
    pack = load_pack(TL)
    tim = ["tim.single-lead", "tim.has-lead", "tim.lead-appointed-by-puo", "tim.lead-grade"]
    assert set(tim + ["tim.lead-from-owner-unit", "tim.pengawas-leads"]) <= set(pack.rules)
    assert pack.rules["tim.has-lead"].severity == "warning"
    assert pack.rules["tim.pengawas-leads"].severity == "warning"
    assert pack.rules["tim.lead-from-owner-unit"].severity == "warning"
    assert pack.rules["tim.single-lead"].severity == "error"
    assert {r for r in pack.rules if r.startswith("penugasan.")} == set(SHARED + TL_ONLY)
    warnings = ("penugasan.recommendation", "penugasan.within-duration", "penugasan.own-unit-first")
    assert {pack.rules[r].severity for r in (*warnings, "penugasan.letter-drafter")} == {"warning"}


def test_gianyar_enacts_the_shared_rules_and_documents_the_rest() -> None:
    pack = load_pack(GY)
    assert {
        "tim.single-lead",
        "tim.lead-appointed-by-puo",
        "tim.lead-grade",
        "tim.lead-from-owner-unit",
    } <= set(pack.rules)
    not_enacted = ["tim.has-lead", "tim.pengawas-leads", *TL_ONLY]
    not_enacted += ["jabatan.sub-koordinator-revoked", "jabatan.penanggungjawab-tupoksi", "probis.decree"]
    assert set(not_enacted) <= set(pack.not_enacted)
    assert set(not_enacted).isdisjoint(pack.rules)
    assert {r for r in pack.rules if r.startswith("penugasan.")} == set(SHARED)
    assert "evaluasi.review-chain" in load_pack(TL).not_enacted


def test_the_penugasan_differences_are_parameters() -> None:
    tl_params, gy_params = load_pack(TL).parameters, load_pack(GY).parameters
    assert tl_params["request_addressee"].facts == [["puo"]]
    assert gy_params["request_addressee"].facts == [["assessor"]]
    assert tl_params["request_recommender"].facts == [["assessor"]]
    assert gy_params["request_recommender"].facts == [["puo"]]
    assert tl_params["surat_penugasan_drafter"].facts == [
        ["penunjukan", "employee"],
        ["pengajuan_sukarela", "employee"],
    ]
    assert gy_params["surat_penugasan_drafter"].facts == [
        ["penunjukan", "assessor"],
        ["pengajuan_sukarela", "assessor"],
    ]
    assert ["penunjukan", "dalam_unit"] not in tl_params["surat_penugasan_required"].facts
    assert ["penunjukan", "dalam_unit"] in gy_params["surat_penugasan_required"].facts
    assert tl_params["refusal_reason_required"].facts == [["permohonan_pelibatan"], ["permohonan_sukarela"]]
    assert gy_params["refusal_reason_required"].facts == [["permohonan_pelibatan"]]


@pytest.mark.parametrize(
    ("pack", "rule", "case", "silent"),
    [
        (GY, SPBE, "missing-application", [REVOKED, SEBUTAN, BP_DECREE]),
        (TL, ACCEPTOR, "head-of-owning-unit", [CHAIN]),
        (GY, "tim.lead-grade", "pengawas-lead", ["tim.pengawas-leads", "tim.has-lead"]),
        (GY, "penugasan.within-duration", "cross-unit-faults", TL_ONLY),
    ],
)
def test_a_rule_a_pack_does_not_enact_stays_silent(
    pack: str, rule: str, case: str, silent: list[str]
) -> None:
    findings = case_findings(pack, rule, case)
    assert [f for f in findings if f.rule_id in silent] == []
