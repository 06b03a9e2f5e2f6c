"""Issue 16, readings to correct: what the pack cases (rules/<pack>/tests/) cannot say - the evidence
and message of a finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import Finding
from checker.pipeline import Options, run
from tests.ruletools import case_files, case_findings

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


def _own_activity(tmp_path: Path, extra: str) -> list[str]:
    """The Tanah Laut penugasan base plus one kegiatan_jabatan record with `extra` fields."""
    _, files = case_files(TL, "penugasan.credit-activity-approval", "own-activity-approved", tmp_path)
    data = tmp_path / "own.yaml"
    data.write_text(
        "assignments:\n"
        "  - {id: a-own, employee: e-jf2, method: kegiatan_jabatan, "
        f'start: "2024-08-01", end: "2024-11-30", {extra}'
        + ("" if "scope:" in extra else ", scope: dalam_unit")
        + "}\n"
    )
    return [*files, str(data)]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ("purpose: kinerja_unit", "purpose"),
        ("status: active", "purpose"),
        ("purpose: angka_kredit, scope: lintas_unit", "scope"),
        ("purpose: angka_kredit, target: t-b1", "target"),
    ],
)
def test_own_activity_is_not_unit_work(tmp_path: Path, extra: str, field: str) -> None:
    # TL Pasal 17 ayat (2): a kegiatan jabatan is for angka kredit and "tidak berkaitan langsung dengan
    # pencapaian kinerja Unit Organisasi": a unit purpose, another scope or a unit target is refused
    checked = run(_own_activity(tmp_path, extra), Options(TL, None, part_size=0))
    assert checked.check is None
    assert [p.code for p in checked.problems] == ["schema"]
    assert f"'{field}'" in checked.problems[0].message


def test_own_activity_for_credit_points_is_valid(tmp_path: Path) -> None:
    checked = run(_own_activity(tmp_path, "purpose: angka_kredit"), Options(TL, None, part_size=0))
    assert not checked.problems
