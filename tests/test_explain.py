"""`sistemkerja explain`: a rule's text and reading; a finding's chain of records with file:line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.packs import load_pack
from checker.pipeline import validate
from checker.tools.explain import Describer, explain_finding, explain_findings, explain_rule, finding_chain
from tests.ruletools import solved

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path("tests/fixtures")  # relative: locations in the output are as given
PACKS = FIXTURES / "packs_inherit"
REGENCY = FIXTURES / "compare" / "regency"
DINAS = "tests/fixtures/compare/regency/dinas.yaml"
PATH = "Dinas Pekerjaan Umum > Bidang Bina Marga > Seksi Jalan"
BASE, CHILD = "permen-contoh-7-2022", "perbup-turunan-3-2025"


@pytest.fixture(autouse=True)
def inherit_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SISTEMKERJA_RULES", str(PACKS))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _finding(rule_id: str, record: str, regulation: str = BASE):  # type: ignore[no-untyped-def]
    checked = validate([str(REGENCY)])
    result = solved(checked.regency, regulation=regulation)
    found = [f for f in result.findings if f.rule_id == rule_id and f.record == record]
    assert len(found) == 1
    return found[0], checked.regency, result.pack


# --------------------------------------------------------------------------------------------------
# A finding
# --------------------------------------------------------------------------------------------------


def test_finding_chain_names_each_record_with_its_location() -> None:
    finding, regency, pack = _finding("contoh.assessor-rank", "k-3")
    text = explain_finding(finding, regency, pack)
    lines = text.splitlines()
    assert lines[:5] == [
        "Finding: contoh.assessor-rank on k-3 — ERROR, open",
        "-" * len("Finding: contoh.assessor-rank on k-3 — ERROR, open"),
        "  Assessor holds at least the minimum grade",
        "  Assessor e-staf of e-teknik3 holds grade pelaksana, below the minimum",
        f"  {DINAS}:44",
    ]
    # the record the finding is about: the placement, with the people and unit it joins
    assert f"  placement k-3 ({DINAS}:44)" in lines
    assert f'      assessor: e-staf "Eko Staf" ({DINAS}:37) — position pos-pu-staf, grade pelaksana' in lines
    # the chain: employee -> their position (grade) and unit (place in the tree) -> the assessor
    # -> the assessor's position and its grade -> the grade the rule compared
    why = lines.index("Why it fired:")
    chain = lines[why + 1 : lines.index("", why)]
    assert chain == [
        "  1. employee = e-teknik3:",
        f'      employee e-teknik3 "Citra Teknik" ({DINAS}:35)',
        f'          position: pos-pu-teknik "Teknik Jalan dan Jembatan" ({DINAS}:27) — grade fungsional',
        f'          unit: pu-jalan "Seksi Jalan" ({DINAS}:17) — {PATH}',
        "  2. assessor = e-staf:",
        f'      employee e-staf "Eko Staf" ({DINAS}:37)',
        f'          position: pos-pu-staf "Pengadministrasi Umum" ({DINAS}:28) — grade pelaksana',
        f'          unit: pu-jalan "Seksi Jalan" ({DINAS}:17) — {PATH}',
        "  3. grade = pelaksana  (a value, not a record)",
    ]
    # then what the regulation requires: citation, article text, and the parameter it compares with
    law = lines.index("What the regulation says (Permen Contoh 7/2022, Pasal 3):")
    assert (
        lines[law + 1] == "  “Pejabat Penilai Kinerja adalah atasan langsung paling rendah pejabat pengawas.”"
    )
    assert "  Parameters:" in lines[law:]
    assert lines[-1] == "        3"


def test_finding_under_another_regulation_cites_it() -> None:
    finding, regency, pack = _finding("contoh.assessor-rank", "k-1", CHILD)
    text = explain_finding(finding, regency, pack)
    assert "What the regulation says (Perbup Turunan 3/2025, Pasal 5 ayat (2)):" in text
    assert "  “Pejabat Penilai Kinerja paling rendah Pejabat Administrator.”" in text
    assert text.rstrip().endswith("        4")  # contoh_min_rank under the child
    assert (
        f'position: pos-pu-kasi "Kepala Seksi Jalan" ({DINAS}:26) — grade pengawas, role kepala_seksi' in text
    )


def test_missing_evidence_is_said_so() -> None:
    finding, regency, pack = _finding("contoh.written-letter", "a-1")
    text = explain_finding(finding, regency, pack)
    assert "  2. missing = surat_penugasan  (missing from the data)" in text
    assert f"  assignment a-1 ({DINAS}:62)" in text
    assert f'      target: t-1 "Jalan kabupaten mantap 80%" ({DINAS}:50)' in text


def test_chain_structure() -> None:
    finding, regency, _ = _finding("contoh.assessor-by-opd-kind", "k-4")
    links = finding_chain(finding, regency)
    assert [(link.name, link.value, link.record.kind if link.record else None) for link in links] == [
        ("employee", "e-teknik4", "employees"),
        ("assessor", "e-kadis", "employees"),
        ("opd", "dinas-pu", "opds"),
    ]
    assert links[1].lines[0] == f'employee e-kadis "Bambang Kadis" ({DINAS}:30)'


def test_describer_unit_path_and_briefs() -> None:
    checked = validate([str(REGENCY)])
    d = Describer(checked.regency)
    unit = d.record("pu-jalan")
    assert unit is not None
    assert d.unit_path(unit) == "Dinas Pekerjaan Umum > Bidang Bina Marga > Seksi Jalan"
    team = d.record("tim-1")
    assert team is not None
    described = "\n".join(d.describe(team))
    assert described.splitlines()[3:6] == [
        "    members:",
        f'      - e-teknik1 "Ayu Teknik" ({DINAS}:33) — position pos-pu-teknik, grade fungsional (ketua)',
        f'      - e-teknik2 "Budi Teknik" ({DINAS}:34) — position pos-pu-teknik, grade fungsional (ketua)',
    ]


def test_explain_finding_cli() -> None:
    code, out, _ = run("explain", "--finding", "contoh.assessor-rank:k-3", str(REGENCY), "--lang", "en")
    assert code == 0
    finding, regency, pack = _finding("contoh.assessor-rank", "k-3")
    assert out == explain_finding(finding, regency, pack, "en")


def test_explain_finding_cli_regulation_and_json() -> None:
    code, out, _ = run(
        "explain",
        "--finding",
        "contoh.single-lead:tim-1",
        str(REGENCY),
        "--regulation",
        CHILD,
        "--format",
        "json",
    )
    assert code == 0
    [doc] = json.loads(out)
    assert doc["finding"]["rule_id"] == "contoh.single-lead"
    assert doc["record"]["kind"] == "teams"
    assert doc["record"]["location"] == {"file": DINAS, "line": 52, "column": 5}
    assert doc["chain"] == [{"name": "leads", "value": "2", "record": None}]
    assert doc["rule"]["status"] == "own" and doc["rule"]["citation"] == "Pasal 10 ayat (1)"


def test_explain_finding_indonesian() -> None:
    code, out, _ = run("explain", "--finding", "contoh.assessor-rank:k-3", str(REGENCY))
    assert code == 0
    assert out.startswith("Temuan: contoh.assessor-rank pada k-3 — ERROR, open\n")
    assert "Penilai kinerja e-staf untuk e-teknik3 berjenjang pelaksana, di bawah batas minimum" in out
    assert "Mengapa aturan ini terpicu:" in out


def test_excepted_finding_names_the_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SISTEMKERJA_RULES", str(ROOT / "tests/fixtures/packs"))
    code, out, _ = run(
        "explain",
        "--finding",
        "contoh.assessor-administrator:k-a2",
        "tests/fixtures/regency-contoh",
        "--lang",
        "en",
    )
    assert code == 0
    assert "— ERROR, excepted" in out.splitlines()[0]
    assert "  4. delegation = dl-1:" in out
    assert "      delegation dl-1 (tests/fixtures/regency-contoh/dinas.yaml:40)" in out
    assert "  Exception that applies: contoh.assessor-administrator.delegasi (Pasal 3 ayat (2))" in out
    assert "    “kecuali didelegasikan oleh Bupati”" in out


def test_every_finding_of_a_check_and_a_waived_one() -> None:
    """What `check --explain` prints: every finding of the regency, one after another."""
    checked = validate([str(REGENCY)])
    result = solved(checked.regency, regulation=CHILD)
    text = explain_findings(result.findings, checked.regency, result.pack, "en")
    heads = [line for line in text.splitlines() if line.startswith("Finding: ")]
    assert heads == [
        f"Finding: {f.rule_id} on {f.record} — {f.severity.upper()}, open" for f in result.findings
    ]
    waived = replace(result.findings[0], status="waived", exception="w-2025-01", exception_citation=None)
    assert "  Waived by the waiver: w-2025-01" in explain_finding(waived, checked.regency, result.pack, "en")


def test_no_such_finding() -> None:
    code, out, err = run("explain", "--finding", "contoh.assessor-rank:k-2", str(REGENCY), "--lang", "en")
    assert code == 1 and out == ""
    assert "no finding of contoh.assessor-rank on k-2 under permen-contoh-7-2022 as of 2025-06-01" in err
    assert "(it fires on: k-3)" in err
    err = run("explain", "--finding", "contoh.assessor-rank:k-2", str(REGENCY))[2]
    assert "tidak ada temuan contoh.assessor-rank pada k-2" in err and "terpicu pada: k-3" in err
    assert run("explain", "--finding", "contoh.single-lead:tim-1", str(REGENCY))[0] == 2  # not in BASE
    assert run("explain", "--finding", "contoh.assessor-rank", str(REGENCY))[0] == 2  # no record
    assert run("explain", "--finding", "contoh.assessor-rank:k-3")[0] == 2  # no data


# --------------------------------------------------------------------------------------------------
# A rule
# --------------------------------------------------------------------------------------------------


def test_explain_rule_in_one_regulation() -> None:
    code, out, _ = run("explain", "contoh.assessor-rank", "--regulation", BASE, "--lang", "en")
    assert code == 0
    assert out.splitlines() == [
        "contoh.assessor-rank — Assessor holds at least the minimum grade",
        "================================================================",
        "",
        "Permen Contoh 7/2022 (permen-contoh-7-2022)",
        "-------------------------------------------",
        "  severity: error",
        "  citation: Pasal 3",
        "  in force: 2022-05-20",
        "  text: “Pejabat Penilai Kinerja adalah atasan langsung paling rendah pejabat pengawas.”",
        '  Reading: The assessor\'s grade rank (derived.lp) must be at least contoh_min_rank. "Atasan langsung" is',
        "    checked by another rule.",
        "  Parameters:",
        "    contoh_min_rank (Pasal 3) — Lowest grade rank of a Pejabat Penilai Kinerja (3 = pengawas, 4 =",
        "      administrator)",
        "        3",
        "  passes, e.g.: A JF whose assessor is the Kepala Seksi (pengawas).",
        "  fails, e.g.: A JF whose assessor is a pelaksana.",
        "  own; defined in tests/fixtures/packs_inherit/permen-contoh-7-2022/kedudukan.yaml",
    ]


def test_explain_rule_across_regulations() -> None:
    packs = [load_pack(BASE), load_pack(CHILD)]
    text = explain_rule("contoh.sub-koordinator-revoked", packs, "en")
    assert (
        "(perbup-turunan-3-2025)\n---------------------------------------------\n  not enacted: Perbup Turunan has no"
        in text
    )
    text = explain_rule("contoh.written-letter", packs, "en")
    assert "  overridden (severity) from permen-contoh-7-2022; defined in" in text
    assert "  severity: warning\n  citation: Pasal 9 huruf c" in text


def test_explain_rule_every_pack_and_json() -> None:
    code, out, _ = run("explain", "contoh.single-lead", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert sorted(doc["regulations"]) == ["perbup-cucu-4-2026", CHILD]
    assert doc["regulations"]["perbup-cucu-4-2026"]["overridden"] == ["severity"]


def test_explain_as_markdown_and_html() -> None:
    code, md, _ = run("explain", "contoh.assessor-rank", "--regulation", BASE, "--format", "markdown")
    assert code == 0 and md.startswith("# `contoh.assessor-rank` — ") and "```text" in md
    spec = "contoh.assessor-rank:k-3"
    code, page, _ = run("explain", "--finding", spec, str(REGENCY), "--format", "html", "--lang", "en")
    assert code == 0 and f'<h2 id="{spec}">' in page and "<pre>" in page and "<blockquote>" in page


def test_unknown_rule_suggests() -> None:
    code, _, err = run("explain", "contoh.asessor-rank")
    assert code == 2
    assert "no rule 'contoh.asessor-rank' in any rule pack; did you mean contoh.assessor-rank" in err
    assert run("explain", "a", "b")[0] == 2
