"""Issue 16, readings to correct: what the pack cases (rules/<pack>/tests/) cannot say - the evidence
and message of a finding."""

from __future__ import annotations

from checker.model import Finding
from tests.ruletools import case_findings

TL, GY = "perbup-tanah-laut-26-2024", "perbup-gianyar-63-2023"


def one(findings: list[Finding], rule: str, record: str) -> Finding:
    (found,) = [f for f in findings if f.rule_id == rule and f.record == record]
    return found


def test_assessor_by_opd_kind_names_the_puskesmas_not_the_dinas() -> None:
    # GY Lampiran I.2: a puskesmas recorded as a unit of the Dinas governs its staff; the finding
    # names it (before: opd dinkes, kind dinas)
    rule = "kedudukan.assessor-by-opd-kind"
    found = one(case_findings(GY, rule, "jf-without-tugas-tambahan-leads-puskesmas"), rule, "k-perawat-b")
    ev = {e.name: e.value for e in found.evidence}
    assert (ev["opd"], ev["opd_kind"]) == ("dinkes-pkm-b", "puskesmas")
    assert "dinkes-pkm-b (jenis puskesmas)" in found.message.get("id")
