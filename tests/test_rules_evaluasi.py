"""Evaluasi rules (catalogue section E): who accepts a completed target (both regulations) and the
review chain (Gianyar only). Fixtures in tests/rules_kedudukan/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ruletools import of_rule, run_check, summary

FIXTURES = Path(__file__).resolve().parent / "rules_kedudukan"
BASE_TL, CASES_TL = FIXTURES / "tl" / "base", FIXTURES / "tl" / "cases"
BASE_GY, CASES_GY = FIXTURES / "gy" / "base", FIXTURES / "gy" / "cases"

ACCEPTOR = "evaluasi.completion-acceptor"
CHAIN = "evaluasi.review-chain"


def by_record(findings):
    return sorted(findings, key=lambda f: f.record)


@pytest.mark.parametrize("base", [BASE_TL, BASE_GY], ids=["tanah-laut", "gianyar"])
def test_base_is_quiet(base: Path) -> None:
    findings = run_check(base)
    assert of_rule(findings, ACCEPTOR) == []
    assert of_rule(findings, CHAIN) == []


# --- evaluasi.completion-acceptor: Tanah Laut (Kepala Unit Organisasi) --------------------------


def test_tl_acceptor_must_be_head_of_owning_unit() -> None:
    findings = by_record(of_rule(run_check(BASE_TL, CASES_TL / "acceptor.yaml"), ACCEPTOR))
    # t-lama ended before the in-force date; t-jalan is not completed
    assert summary(findings) == [
        (ACCEPTOR, "t-kadis", "error", "open"),
        (ACCEPTOR, "t-noacc", "info", "uncheckable"),
    ]
    assert findings[0].message.en == (
        "Target t-kadis was declared complete on acceptance by e-kadis, not by the head of its unit dinkes-p2p"
    )
    assert findings[1].message.en == (
        "Cannot be checked: the acceptance of target t-noacc (not available: accepted_by)"
    )


def test_tl_acceptor_unit_without_head_is_uncheckable() -> None:
    findings = of_rule(run_check(BASE_TL, CASES_TL / "acceptor-nohead.yaml"), ACCEPTOR)
    assert summary(findings) == [(ACCEPTOR, "t-kesmas", "info", "uncheckable")]


# --- evaluasi.completion-acceptor: Gianyar (by kind; Lampiran F as written) ----------------------


def test_gy_acceptor_by_kind_with_badan_wrinkle() -> None:
    findings = by_record(of_rule(run_check(BASE_GY, CASES_GY / "acceptor.yaml"), ACCEPTOR))
    assert summary(findings) == [
        (ACCEPTOR, "t-badan-kaban", "error", "open"),  # Lampiran F names the Kepala Bidang
        (ACCEPTOR, "t-badan-sekr", "info", "uncheckable"),  # no Kepala Bidang above a Sekretariat
        (ACCEPTOR, "t-kabid", "error", "open"),  # Lampiran E: the Kepala Dinas accepts
        (ACCEPTOR, "t-noacc", "info", "uncheckable"),
    ]
    assert findings[2].message.en == (
        "Target t-kabid was declared complete on acceptance by e-kabid, "
        "not the official the Lampiran names for unit dinkes-p2p (dinas)"
    )
    # t-badan-kabid (accepted by the Badan's Kepala Bidang) is quiet


def test_gy_acceptor_sekda_for_sekretariat_daerah() -> None:
    assert of_rule(run_check(BASE_GY, CASES_GY / "review-chain.yaml"), ACCEPTOR) == []


# --- evaluasi.review-chain (Gianyar) -------------------------------------------------------------


def test_gy_review_chain_setda() -> None:
    findings = by_record(of_rule(run_check(BASE_GY, CASES_GY / "review-chain.yaml"), CHAIN))
    # t-setda-ok / t-setda-full follow Kepala Bagian -> Asisten -> Sekda; t-asisten starts at the Asisten
    assert summary(findings) == [
        (CHAIN, "t-setda-none", "info", "uncheckable"),
        (CHAIN, "t-setda-skip", "warning", "open"),
    ]
    assert findings[1].message.en == (
        "The review of target t-setda-skip does not follow the Lampiran's chain: reviewer no. 2 should be the asisten"
    )
    assert findings[0].message.en.endswith("(the data lacks reviewed_by)")


def test_gy_review_chain_leaves_the_acceptance_to_completion_acceptor() -> None:
    # reviewed by the Kepala Bidang only, accepted by the wrong official: one finding, not two
    findings = run_check(BASE_GY, CASES_GY / "acceptor.yaml")
    assert of_rule(findings, CHAIN) == []


def test_tl_does_not_enact_review_chain() -> None:
    findings = run_check(BASE_TL, CASES_TL / "acceptor.yaml")
    assert of_rule(findings, CHAIN) == []
