"""Remedies (issue 17): each finding says how to put it right, computed by the rule pack from the
data (remedy/4, rules/permenpanrb-7-2022/remedies.lp), carried by the cache and shown in every
format. Every fixture runs whole and in parts (tests.ruletools.run_check)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from checker.cache.codec import _finding, _finding_out
from checker.findings import build_findings, remedies
from checker.model import Finding, Location, Regency, Remedy, Text
from checker.packs import load_pack
from checker.report import Report, renderer
from checker.solve.atoms import Atom
from tests.ruletools import case_files, case_findings, run_check

TL, GY = "perbup-tanah-laut-26-2024", "perbup-gianyar-63-2023"
TESTS = Path(__file__).resolve().parent
SARIF_SCHEMA = json.loads((TESTS / "vendor" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def one(findings: list[Finding], rule: str, record: str) -> Finding:
    (found,) = [f for f in findings if f.rule_id == rule and f.record == record]
    return found


def shape(f: Finding) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(r.kind, [(e.name, e.value) for e in r.args]) for r in f.remedies]


# --- what the rules compute ---------------------------------------------------------------------


def test_assessor_the_nearest_head_the_regulation_allows() -> None:
    # a JF of Bidang P2P assessed by the Sekretaris (another branch): the Kepala Bidang P2P is the
    # atasan langsung, of rank, and named by TL's table for a Dinas; the Kepala Dinas above is not
    # proposed as well
    rule = "kedudukan.assessor-is-superior"
    found = one(case_findings(TL, rule, "other-branch"), rule, "k-sup")
    assert shape(found) == [("assessor", [("candidate", "e-kabid")])]
    (remedy,) = found.remedies
    assert remedy.args[0].location is not None  # the candidate's record, located like evidence
    assert remedy.text.en.startswith("The regulation names as Pejabat Penilai Kinerja: ")
    assert remedy.text.en.endswith("(e-kabid)")
    assert remedy.text.id.startswith("Pejabat Penilai Kinerja yang benar menurut peraturan: ")


def test_assessor_by_table_where_the_line_has_one() -> None:
    # TL Pasal 8: a Kepala Seksi in a Model 3 Dinas is not named; the Kepala Bidang above is
    rule = "kedudukan.assessor-by-opd-kind"
    found = one(case_findings(TL, rule, "by-kind-table"), rule, "k-kind-kasi")
    assert shape(found) == [("assessor", [("candidate", "e-kabid")])]


def test_assessor_none_when_nobody_in_the_line_qualifies() -> None:
    # a pelaksana under the Camat (an Administrator): the table names a JPT Pratama or a Pengawas for a
    # Kecamatan, and the line of unit kec-pel holds neither - said so, nobody invented
    rule = "kedudukan.assessor-by-opd-kind"
    found = one(case_findings(TL, rule, "by-kind-table"), rule, "k-kind-camat")
    assert shape(found) == [("assessor_none", [("unit", "kec-pel")])]
    assert found.remedies[0].text.en == (
        "The data holds no official in the line of unit Kecamatan Pelaihari (kec-pel) whom the regulation"
        " allows as Pejabat Penilai Kinerja; fill that position or record a delegation of the authority"
    )


def test_assessor_none_under_gianyar_where_tanah_laut_names_one() -> None:
    # the same puskesmas case: Gianyar's table names the Kepala Puskesmas (with tugas tambahan), whom the
    # data lacks; Tanah Laut's allows the Kepala Dinas
    rule = "kedudukan.assessor-rank"
    case = "independent-unit-no-tugas-tambahan"
    assert shape(one(case_findings(GY, rule, case), rule, "k-perawat-b")) == [
        ("assessor_none", [("unit", "pkm-b")])
    ]
    assert shape(one(case_findings(TL, rule, case), rule, "k-perawat-b")) == [
        ("assessor", [("candidate", "e-kadis")])
    ]


def test_excepted_finding_has_no_remedy() -> None:
    rule = "kedudukan.assessor-is-superior"
    (found,) = [f for f in case_findings(TL, rule, "delegation-from-the-line") if f.rule_id == rule]
    assert found.status == "excepted" and found.remedies == ()


def test_team_lead_members_of_the_owning_unit() -> None:
    rule = "tim.lead-from-owner-unit"
    found = one(case_findings(TL, rule, "cross-unit-led-from-elsewhere"), rule, "tl-tim-lintas")
    assert shape(found) == [("team_lead", [("candidate", "tl-e-epid1")])]
    assert found.remedies[0].text.en == (
        "Members from the owning unit who could lead the team: Nur Aini, Epidemiolog Kesehatan Ahli Muda"
        " (tl-e-epid1)"
    )


def test_team_lead_none_when_no_member_of_the_owning_unit_may_lead(tmp_path: Path) -> None:
    # the only member from Bidang P2P is its Kepala Bidang (administrator): not a grade that may lead
    _, files = case_files(TL, "tim.lead-from-owner-unit", "cross-unit-led-from-elsewhere", tmp_path)
    team = tmp_path / "team.yaml"
    team.write_text(
        "teams:\n"
        "  - id: tl-tim-rm\n    name: Tim Tanpa Calon\n    unit: tl-dinkes-p2p\n"
        '    start: "2024-07-01"\n    end: "2024-12-31"\n    members:\n'
        "      - {employee: tl-e-perawat1, role: ketua, appointed_by: tl-e-kabid-p2p}\n"
        "      - {employee: tl-e-kabid-p2p, role: anggota}\n"
    )
    found = one(run_check(*files, str(team), regulation=TL), "tim.lead-from-owner-unit", "tl-tim-rm")
    assert shape(found) == [("team_lead_none", [("owner", "tl-dinkes-p2p")])]
    assert "Bidang Pencegahan dan Pengendalian Penyakit (tl-dinkes-p2p)" in found.remedies[0].text.en


def test_missing_request_letter_which_from_whom_to_whom() -> None:
    rule = "penugasan.request-letter"
    found = one(case_findings(TL, rule, "cross-unit-faults"), rule, "a-xf1")
    assert shape(found) == [
        ("letter", [("addressee", "e-kabid2"), ("letter", "permohonan_pelibatan"), ("sender", "e-kabid1")])
    ]
    assert found.remedies[0].text.en == (
        "Issue a permohonan pelibatan from Kepala Bidang Kesmas, Kepala Bidang Kesehatan Masyarakat"
        " (e-kabid1) to Kepala Bidang Yankes, Kepala Bidang Pelayanan Kesehatan (e-kabid2)"
    )


def test_request_letter_to_the_wrong_official_names_the_right_one() -> None:
    # TL Pasal 14 huruf a: to the PUO where the employee sits, not the Sekretaris
    rule = "penugasan.request-letter"
    found = one(case_findings(TL, rule, "cross-unit-faults"), rule, "a-xf2")
    assert shape(found) == [
        ("letter", [("addressee", "e-kasubag"), ("letter", "permohonan_pelibatan"), ("sender", "e-kabid1")])
    ]


def test_missing_surat_penugasan_any_of_the_officials_who_may_issue_it() -> None:
    # GY: inside the unit the PUO or the assessor makes the penugasan: either may issue the letter
    rule = "penugasan.written-letter"
    found = one(case_findings(GY, rule, "in-unit-no-letter"), rule, "ga-wl1")
    assert shape(found) == [
        (
            "letter",
            [
                ("letter", "surat_penugasan"),
                ("addressee", "g-jf1"),
                ("sender", "g-kabid1"),
                ("sender", "g-kadis"),
            ],
        )
    ]
    text = found.remedies[0].text
    assert text.en.startswith(
        "Issue a surat penugasan from Kabid SD, Kepala Bidang Pembinaan SD (g-kabid1) or "
    )
    assert " atau " in text.id


def test_missing_surat_penugasan_across_agencies_names_the_addressee_only(tmp_path: Path) -> None:
    # lintas instansi: the pack names no issuer of this Pemda (another agency's procedure)
    case, _ = case_files(TL, "penugasan.written-letter", "other-written-proof", tmp_path)
    data = tmp_path / "lent.yaml"
    data.write_text(
        "assignments:\n"
        "  - {id: a-rm-il, employee: e-jf4, method: penunjukan, scope: lintas_instansi, appointed_by: e-kabid3,"
        ' start: "2024-08-01", end: "2024-09-30", status: active}\n'
    )
    findings = run_check(*[str(b) for b in case.bases], str(data), regulation=TL, as_of=case.as_of)
    found = one(findings, "penugasan.written-letter", "a-rm-il")
    assert shape(found) == [("letter_to", [("letter", "surat_penugasan"), ("addressee", "e-jf4")])]


# --- how a remedy is read and rendered ----------------------------------------------------------


def test_unknown_party_is_said_not_invented() -> None:
    atoms = [
        Atom(
            "remedy", "r", "a-1", (("letter", "permohonan_pelibatan"), ("sender", "unknown")), remedy="letter"
        )
    ]
    atoms.append(Atom("remedy", "r", "a-1", (("addressee", "unknown"),), remedy="letter"))
    (remedy,) = remedies(atoms, {})
    assert remedy.text.en == "Issue a permohonan pelibatan from (no one in the data) to (no one in the data)"
    assert (
        remedy.text.id
        == "Buat permohonan pelibatan dari (tidak ada dalam data) kepada (tidak ada dalam data)"
    )


def test_a_remedy_kind_outside_the_catalogue_is_a_pack_error() -> None:
    pack = load_pack(TL)
    rule = "kedudukan.assessor-rank"
    atoms = [
        Atom("violation", rule, "k-1", (("employee", "e-1"),)),
        Atom("remedy", rule, "k-1", (("candidate", "e-2"),), remedy="bogus"),
    ]
    findings, orphans = build_findings(atoms, pack, Regency(), "2024-09-01")
    assert len(findings) == 1 and findings[0].remedies == ()
    assert orphans and "`bogus` is no remedy kind" in orphans[0]


def _remedied() -> Finding:
    return Finding(
        rule_id="tim.lead-from-owner-unit",
        severity="warning",
        regulation=TL,
        citation="Pasal 21 ayat (2)",
        record="tim-1",
        record_kind="teams",
        location=Location("data/d.yaml", 3, 5),
        opd="dinkes",
        message=Text("pesan", "message"),
        remedies=(
            Remedy(
                "team_lead",
                (),
                Text("Anggota ... : Nur <Aini> (e-1)", "Members ... : Nur <Aini> (e-1)"),
            ),
        ),
    )


def test_the_cache_carries_remedies() -> None:
    f = _remedied()
    assert _finding(json.loads(json.dumps(_finding_out(f)))) == f


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "sarif", "junit", "github", "html"])
def test_every_format_shows_the_remedy(fmt: str) -> None:
    report = Report(
        findings=[_remedied()], packs={TL: load_pack(TL)}, as_of="2024-09-01", inputs=["data"], lang="en"
    )
    out = renderer(fmt)(report)
    if fmt == "html":
        assert "Remedy:</strong> Members ... : Nur &lt;Aini&gt; (e-1)" in out
        return
    assert "Members ... : Nur" in out
    if fmt == "json":
        (finding,) = json.loads(out)["findings"]
        assert finding["remedies"][0]["kind"] == "team_lead"
    if fmt == "sarif":
        doc = json.loads(out)
        Draft4Validator(SARIF_SCHEMA).validate(doc)
        assert doc["runs"][0]["results"][0]["properties"]["remedies"][0]["kind"] == "team_lead"
    report.lang = "id"
    assert "Anggota ... : Nur" in renderer(fmt)(report)


def test_explain_shows_the_remedy_under_the_finding() -> None:
    from click.testing import CliRunner

    from checker.cli import main

    root = Path(__file__).resolve().parent.parent
    spec = "kedudukan.assessor-rank:ex-dinkes-kd011"
    out = CliRunner().invoke(
        main, ["explain", "--finding", spec, str(root / "data" / "examples"), "--lang", "en"]
    )
    assert out.exit_code == 0, out.output
    assert "  Remedy: The regulation names as Pejabat Penilai Kinerja: Dedy Hamzah" in out.stdout
