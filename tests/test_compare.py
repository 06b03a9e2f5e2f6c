"""`sistemkerja compare`: regulations side by side, and one dataset under two regulations.

The first half runs on test-only packs (tests/fixtures/packs_inherit) whose differences are known
exactly; the second half on the two shipped packs, asserting the differences the regulations'
texts make (Tanah Laut: Perbup 26/2024; Gianyar: Perbup 63/2023).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.packs import load_pack
from checker.pipeline import validate
from checker.tools.compare import PackComparison, compare_data, compare_packs, render_data, render_packs

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path("tests/fixtures")  # relative: locations in the output are as given
PACKS = FIXTURES / "packs_inherit"
REGENCY = FIXTURES / "compare" / "regency"
TL_GY_DATA = FIXTURES / "compare" / "dinas-tl-gy"
BASE, CHILD, GRANDCHILD = "permen-contoh-7-2022", "perbup-turunan-3-2025", "perbup-cucu-4-2026"
TL, GY = "perbup-tanah-laut-26-2024", "perbup-gianyar-63-2023"


@pytest.fixture(autouse=True)
def inherit_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SISTEMKERJA_RULES", str(ROOT / PACKS))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


# --------------------------------------------------------------------------------------------------
# Regulations side by side (test-only packs)
# --------------------------------------------------------------------------------------------------


def test_rules_side_by_side() -> None:
    cmp = compare_packs([load_pack(BASE), load_pack(CHILD)])
    assert [r.id for r in cmp.rules] == [
        "contoh.assessor-by-opd-kind",
        "contoh.assessor-rank",
        "contoh.single-lead",
        "contoh.sub-koordinator-revoked",
        "contoh.written-letter",
    ]
    diffs = {r.id: r.differences for r in cmp.rules}
    assert diffs == {
        "contoh.assessor-by-opd-kind": ["parameters"],
        "contoh.assessor-rank": ["citation", "parameters"],
        "contoh.single-lead": ["enacted"],
        "contoh.sub-koordinator-revoked": ["enacted"],
        "contoh.written-letter": ["severity", "citation"],
    }
    status = {r.id: (r.side(BASE).status, r.side(CHILD).status) for r in cmp.rules}
    assert status == {
        "contoh.assessor-by-opd-kind": ("own", "inherited"),
        "contoh.assessor-rank": ("own", "inherited"),  # a new citation is its own text, not an override
        "contoh.single-lead": ("absent", "own"),
        "contoh.sub-koordinator-revoked": ("own", "not_enacted"),
        "contoh.written-letter": ("own", "overridden"),
    }
    letter = cmp.rule("contoh.written-letter")
    assert (letter.side(BASE).severity, letter.side(CHILD).severity) == ("error", "warning")
    assert letter.side(CHILD).overridden == ["severity"]  # its citation is its own text
    revoked = cmp.rule("contoh.sub-koordinator-revoked").side(CHILD)
    assert revoked.reason == "Perbup Turunan has no transitional provision on sub-koordinator roles"
    assert revoked.declared_by == CHILD


def test_parameter_rows_compared_as_sets() -> None:
    cmp = compare_packs([load_pack(BASE), load_pack(CHILD)])
    roles = cmp.parameter("contoh_assessor_role")
    assert roles.differs
    assert [r.values for r in roles.common] == [("dinas", "kepala_bidang")]
    assert [r.values for r in roles.only(BASE)] == [("dinas", "kepala_seksi"), ("kecamatan", "camat")]
    assert [r.values for r in roles.only(CHILD)] == [("dinas", "kepala_opd"), ("kecamatan", "kepala_seksi")]
    assert roles.status == {BASE: "own", CHILD: "overridden"}
    rank = cmp.parameter("contoh_min_rank")
    assert ([r.values for r in rank.only(BASE)], [r.values for r in rank.only(CHILD)]) == ([("3",)], [("4",)])
    # shown under the rules that use them: named in the metadata or read from the ASP
    assert [p.name for p in cmp.rule("contoh.assessor-rank").parameters] == ["contoh_min_rank"]
    assert [p.name for p in cmp.rule("contoh.assessor-by-opd-kind").parameters] == ["contoh_assessor_role"]


def test_a_pack_that_only_extends_has_no_differences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "perbup-sama-5-2025").mkdir()
    (tmp_path / "perbup-sama-5-2025" / "pack.yaml").write_text(
        f"regulation: {{id: perbup-sama-5-2025, title: Sama, in_force: '2025-01-01'}}\nextends: {CHILD}\n"
    )
    monkeypatch.setenv("SISTEMKERJA_RULES", f"{tmp_path}:{ROOT / PACKS}")
    cmp = compare_packs([load_pack(CHILD), load_pack("perbup-sama-5-2025")])
    assert [r.differences for r in cmp.rules] == [[]] * 5
    assert not any(p.differs for p in cmp.parameters)
    assert {r.side("perbup-sama-5-2025").status for r in cmp.rules} == {"inherited", "not_enacted"}


def test_three_regulations() -> None:
    cmp = compare_packs([load_pack(BASE), load_pack(CHILD), load_pack(GRANDCHILD)])
    lead = cmp.rule("contoh.single-lead")
    assert [s.status for s in lead.sides] == ["absent", "own", "overridden"]
    assert lead.differences == ["enacted", "severity"]
    assert [p.letter for p in cmp.packs] == ["A", "B", "C"]
    code, out = run("compare", BASE, CHILD, GRANDCHILD, "--lang", "en")
    assert code == 0
    assert "C  perbup-cucu-4-2026" in out


def test_text_report() -> None:
    code, out = run("compare", BASE, CHILD, "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == ["Regulations compared", "===================="]
    assert "A  permen-contoh-7-2022   Permen Contoh 7/2022   in force 2022-05-20" in lines
    assert (
        "rule ids: 5; 3 enacted in all, 2 in some only; differences: severity 1, citation 2, parameters 2;"
        in " ".join(" ".join(lines).split())
    )
    rows = {line[2:33].strip(): line for line in lines if line.startswith(("* contoh.", "  contoh."))}
    assert "error · Pasal 20 ayat (1)  — not enacted" in rows["contoh.sub-koordinator-revoked"]
    assert "— not in this regulation   error · Pasal 10 ayat (1)" in rows["contoh.single-lead"]
    assert rows["contoh.written-letter"].startswith("* contoh.written-letter")
    assert rows["contoh.written-letter"].endswith("severity, citation")
    # the article text of each regulation under the rule, and the parameter table by OPD kind
    assert "    “Pejabat Penilai Kinerja paling rendah Pejabat Administrator.”" in lines
    assert (
        "B perbup-turunan-3-2025: not enacted: Perbup Turunan has no transitional provision on "
        "sub-koordinator roles" in lines
    )
    table = lines.index("    key        in both        only in A     only in B")
    assert lines[table + 2 : table + 4] == [
        "  * dinas      kepala_bidang  kepala_seksi  kepala_opd",
        "  * kecamatan                 camat         kepala_seksi",
    ]


def test_indonesian_labels() -> None:
    code, out = run("compare", BASE, CHILD)
    assert code == 0
    assert out.startswith("Peraturan yang dibandingkan\n")
    assert "— tidak diberlakukan" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_deterministic(fmt: str) -> None:
    first = run("compare", BASE, CHILD, "--format", fmt)
    second = run("compare", BASE, CHILD, "--format", fmt)
    assert first == second
    data1 = run("compare", "--data", str(REGENCY), BASE, CHILD, "--format", fmt)
    data2 = run("compare", "--data", str(REGENCY), BASE, CHILD, "--format", fmt)
    assert data1 == data2
    assert data1[0] == 0


def test_markdown() -> None:
    code, out = run("compare", BASE, CHILD, "--format", "markdown", "--lang", "en")
    assert code == 0
    assert out.startswith("# Regulations compared\n")
    assert "| rule | A | B | differs |" in out
    assert "| **contoh.written-letter** | error · Pasal 14 | warning · Pasal 9 huruf c<br>overridden" in out
    assert "> Pejabat Penilai Kinerja paling rendah Pejabat Administrator." in out
    assert "| **dinas** | kepala_bidang | kepala_seksi | kepala_opd |" in out


def test_json() -> None:
    code, out = run("compare", BASE, CHILD, "--format", "json")
    doc = json.loads(out)
    assert doc["kind"] == "compare-regulations"
    assert [r["id"] for r in doc["regulations"]] == [BASE, CHILD]
    rule = next(r for r in doc["rules"] if r["id"] == "contoh.written-letter")
    assert rule["differences"] == ["severity", "citation"]
    assert rule["regulations"][CHILD]["severity"] == "warning"
    assert rule["regulations"][CHILD]["status"] == "overridden"
    gone = next(r for r in doc["rules"] if r["id"] == "contoh.sub-koordinator-revoked")
    assert gone["regulations"][CHILD] == {
        "status": "not_enacted",
        "enacted": False,
        "reason": "Perbup Turunan has no transitional provision on sub-koordinator roles",
        "declared_by": CHILD,
    }
    param = next(p for p in doc["parameters"] if p["name"] == "contoh_assessor_role")
    assert param["common"] == [["dinas", "kepala_bidang"]]
    assert param["only"] == {
        BASE: [["dinas", "kepala_seksi"], ["kecamatan", "camat"]],
        CHILD: [["dinas", "kepala_opd"], ["kecamatan", "kepala_seksi"]],
    }
    assert doc["summary"]["differ"] == {
        "enacted": 2,
        "severity": 1,
        "citation": 2,
        "exceptions": 0,
        "parameters": 2,
    }


class _Balanced(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


@pytest.mark.parametrize("data", [False, True])
def test_html_is_self_contained_and_balanced(data: bool) -> None:
    args = ["compare", *(["--data", str(REGENCY)] if data else []), BASE, CHILD, "--format", "html"]
    code, out = run(*args)
    assert code == 0
    assert out.startswith("<!DOCTYPE html>\n<html")
    parser = _Balanced()
    parser.feed(out)
    assert parser.errors == [] and parser.stack == []
    assert "style" in parser.tags and "table" in parser.tags
    assert not {"script", "link", "img", "iframe"} & parser.tags
    assert "http://" not in out and "https://" not in out


def test_usage_errors() -> None:
    assert run("compare", BASE)[0] == 2
    assert run("compare", BASE, BASE)[0] == 2
    assert run("compare", BASE, "perbup-nowhere-0-0000")[0] == 2
    assert run("compare", "--data", str(REGENCY), BASE, CHILD, GRANDCHILD)[0] == 2
    assert run("compare", BASE, CHILD, "--as-of", "2025-01-01")[0] == 2
    assert run("compare", "--data", "tests/fixtures/nowhere", BASE, CHILD)[0] == 2


def test_data_with_problems_exits_2(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("regency: {id: x, name: X, regulation: y}\nunits:\n  - {id: u}\n")
    result = CliRunner().invoke(main, ["compare", "--lang", "en", "--data", str(tmp_path), BASE, CHILD])
    assert result.exit_code == 2
    assert "data problems; fix them" in result.stderr


# --------------------------------------------------------------------------------------------------
# One organisation under two regulations (test-only packs)
# --------------------------------------------------------------------------------------------------


def _data_cmp(a: str = BASE, b: str = CHILD, as_of: str | None = None):  # type: ignore[no-untyped-def]
    checked = validate([str(REGENCY)])
    assert not checked.problems
    return compare_data(checked.regency, a, b, [str(REGENCY)], as_of)


def test_data_only_a_only_b_both() -> None:
    cmp = _data_cmp()
    sides = {(m.rule_id, m.record): m.side for m in cmp.matches}
    assert sides == {
        ("contoh.assessor-by-opd-kind", "k-4"): "a",  # the base names no Kepala Dinas for a dinas
        ("contoh.sub-koordinator-revoked", "dz-1"): "a",  # not enacted by the child
        ("contoh.assessor-by-opd-kind", "k-6"): "a",  # the base names only the Camat in a kecamatan
        ("contoh.assessor-by-opd-kind", "k-1"): "b",  # the child names no Kepala Seksi for a dinas
        ("contoh.assessor-rank", "k-1"): "b",  # the child's minimum is administrator
        ("contoh.single-lead", "tim-1"): "b",  # a rule only the child adds
        ("contoh.assessor-by-opd-kind", "k-5"): "b",
        ("contoh.assessor-rank", "k-6"): "b",
        ("contoh.assessor-by-opd-kind", "k-3"): "both",
        ("contoh.assessor-rank", "k-3"): "both",
        ("contoh.written-letter", "a-1"): "both",
    }
    changed = {(m.rule_id, m.record): m.changed for m in cmp.matches if m.changed}
    assert changed == {("contoh.written-letter", "a-1"): ["severity"]}
    assert cmp.summary() == {"only_a": 3, "only_b": 5, "both": 3, "changed": 1}
    assert cmp.totals == {BASE: 6, CHILD: 8}


def test_data_counts_per_rule_and_per_opd() -> None:
    cmp = _data_cmp()
    per_rule = {t.name: (t.status_a, t.status_b, t.only_a, t.only_b, t.both) for t in cmp.per_rule}
    assert per_rule == {
        "contoh.assessor-by-opd-kind": ("enacted", "enacted", 2, 2, 1),
        "contoh.assessor-rank": ("enacted", "enacted", 0, 2, 1),
        "contoh.single-lead": ("absent", "enacted", 0, 1, 0),
        "contoh.sub-koordinator-revoked": ("enacted", "not_enacted", 1, 0, 0),
        "contoh.written-letter": ("enacted", "enacted", 0, 0, 1),
    }
    per_opd = {t.name: (t.only_a, t.only_b, t.both) for t in cmp.per_opd}
    assert per_opd == {"dinas-pu": (2, 3, 3), "kec-timur": (1, 2, 0)}


def test_data_before_the_child_is_in_force() -> None:
    cmp = _data_cmp(as_of="2024-12-31")
    assert cmp.summary()["only_b"] == 0 and cmp.summary()["both"] == 0
    states = {t.name: t.status_b for t in cmp.per_rule}
    assert states["contoh.assessor-rank"] == "not_in_force"


def test_data_text_report() -> None:
    code, out = run("compare", "--data", str(REGENCY), BASE, CHILD, "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Kabupaten Contoh Banding checked under 2 regulations, as of 2025-06-01"
    prose = " ".join(" ".join(lines).split())  # the text report wraps long lines
    assert "(rule, record) pairs with findings — a pair may hold several findings:" in prose
    assert "3 only under A, 5 only under B, 3 under both (1 changed)" in prose
    assert "* contoh.sub-koordinator-revoked  enacted  not enacted  1             0             0" in lines
    assert "  total                                                 3             5             3" in lines
    assert "dinas-pu   2             3             3" in lines
    only_a = lines.index("Only under A (permen-contoh-7-2022)")
    only_b = lines.index("Only under B (perbup-turunan-3-2025)")
    both = lines.index("Under both")
    assert (
        "tests/fixtures/compare/regency/dinas.yaml:48  contoh.sub-koordinator-revoked  dz-1"
        in lines[only_a:only_b]
    )
    assert "tests/fixtures/compare/regency/dinas.yaml:52  contoh.single-lead  tim-1" in lines[only_b:both]
    assert lines[both + 2 :][-4:] == [
        "tests/fixtures/compare/regency/dinas.yaml:62  contoh.written-letter  a-1  *",
        "    A: ERROR Assignment a-1 of e-staf has no assignment letter (Pasal 14)",
        "    B: WARNING Assignment a-1 of e-staf has no assignment letter (Pasal 9 huruf c)",
        "    changed: severity",
    ]


def test_data_json() -> None:
    code, out = run("compare", "--data", str(REGENCY), BASE, CHILD, "--format", "json")
    doc = json.loads(out)
    assert doc["kind"] == "compare-data"
    assert (doc["a"]["id"], doc["b"]["id"]) == (BASE, CHILD)
    assert doc["summary"] == {"only_a": 3, "only_b": 5, "both": 3, "changed": 1}
    both = next(m for m in doc["matches"] if m["rule_id"] == "contoh.written-letter")
    assert both["side"] == "both"
    assert [f["severity"] for f in both["a"]] == ["error"]
    assert [f["severity"] for f in both["b"]] == ["warning"]
    assert both["location"] == {"file": "tests/fixtures/compare/regency/dinas.yaml", "line": 62, "column": 5}
    rule = next(t for t in doc["per_rule"] if t["name"] == "contoh.single-lead")
    assert rule == {"name": "contoh.single-lead", "only_a": 0, "only_b": 1, "both": 0,
                    "status": {BASE: "absent", CHILD: "enacted"}}  # fmt: skip


def test_render_functions_match_the_cli() -> None:
    packs = compare_packs([load_pack(BASE), load_pack(CHILD)])
    assert render_packs(packs, "text", "en") == run("compare", BASE, CHILD, "--lang", "en")[1]
    data = _data_cmp()
    assert (
        render_data(data, "text", "en")
        == run("compare", "--data", str(REGENCY), BASE, CHILD, "--lang", "en")[1]
    )


# --------------------------------------------------------------------------------------------------
# The shipped packs: Tanah Laut (A) and Gianyar (B)
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> PackComparison:
    return compare_packs([load_pack(TL), load_pack(GY)])


def _rows(cmp: PackComparison, rule_id: str, pack: str, only: bool) -> list[tuple[str, ...]]:
    rule = cmp.rule(rule_id)
    return [r.values for p in rule.parameters for r in (p.only(pack) if only else p.rows) if pack in r.packs]


def test_shipped_assessor_of_a_dinas(shipped: PackComparison) -> None:
    """TL Lampiran I.1: JF/pelaksana in a Dinas sit under the Kepala Bidang as assessor. GY Lampiran
    huruf E: the Kepala Dinas is the assessor; Sekretaris and Kepala Bidang are PUO only."""
    rule = shipped.rule("kedudukan.assessor-by-opd-kind")
    assert "parameters" in rule.differences
    tl_only = _rows(shipped, rule.id, TL, only=True)
    gy_only = _rows(shipped, rule.id, GY, only=True)
    assert any(v[0] == "dinas" and v[-1] == "kepala_bidang" for v in tl_only), tl_only
    assert any(v[0] == "dinas" and v[-1] == "kepala_opd" for v in gy_only), gy_only
    gy_dinas = [v for v in _rows(shipped, rule.id, GY, only=False) if v[0] == "dinas"]
    assert not any(v[-1] in ("kepala_bidang", "sekretaris") for v in gy_dinas), gy_dinas


def test_shipped_assessor_table_in_the_text_report() -> None:
    code, out = run("compare", TL, GY, "--lang", "en")
    assert code == 0
    start = out.index("== kedudukan.assessor-by-opd-kind")
    section = out[start : out.index("\n== ", start + 1)]
    dinas = [line for line in section.splitlines() if line.startswith("  * dinas ")]
    assert len(dinas) == 1 and "kepala_bidang" in dinas[0] and "kepala_opd" in dinas[0]
    assert "Lampiran huruf E" in section  # GY's article text is quoted


def test_shipped_request_letter_addressee(shipped: PackComparison) -> None:
    """TL Pasal 14 huruf a: the request goes to the PUO where the employee sits; GY Lampiran 2.a.i:
    to the Pejabat Penilai Kinerja there."""
    rule = shipped.rule("penugasan.request-letter")
    assert rule.side(TL).enacted and rule.side(GY).enacted
    assert "parameters" in rule.differences
    tl_only = _rows(shipped, rule.id, TL, only=True)
    gy_only = _rows(shipped, rule.id, GY, only=True)
    assert any("puo" in value for row in tl_only for value in row), tl_only
    assert any("assessor" in value for row in gy_only for value in row), gy_only


def test_shipped_sub_koordinator_revoked_in_tanah_laut_only(shipped: PackComparison) -> None:
    """TL Pasal 28 ayat (1) revokes sub-koordinator roles from penyetaraan jabatan; GY has no such
    provision."""
    rule = shipped.rule("jabatan.sub-koordinator-revoked")
    assert rule.side(TL).enacted and rule.side(TL).severity == "error"
    assert "Pasal 28" in rule.side(TL).citation
    assert not rule.side(GY).enacted
    assert "enacted" in rule.differences


@pytest.mark.parametrize(
    ("rule_id", "only_in"),
    [
        ("jabatan.penanggungjawab-tupoksi", TL),  # TL Pasal 28 ayat (2)
        ("tim.pengawas-leads", TL),  # TL Pasal 21 ayat (3)
        ("probis.decree", TL),  # TL Pasal 26 ayat (5)
        ("penugasan.credit-activity-approval", TL),  # TL Pasal 17 ayat (2)
        ("evaluasi.review-chain", GY),  # GY Lampiran A, D
    ],
)
def test_shipped_rules_one_regulation_only(shipped: PackComparison, rule_id: str, only_in: str) -> None:
    rule = shipped.rule(rule_id)
    other = GY if only_in == TL else TL
    assert rule.side(only_in).enacted
    assert not rule.side(other).enacted
    assert rule.differences[0] == "enacted"


def test_shipped_assessor_rank_cites_each_regulation(shipped: PackComparison) -> None:
    rule = shipped.rule("kedudukan.assessor-rank")
    assert rule.side(TL).citation.startswith("Pasal 1 angka 12")
    assert rule.side(GY).citation.startswith("Pasal 1 angka 22")
    assert "citation" in rule.differences and "severity" not in rule.differences


def test_shipped_business_process_maps_dan_versus_dan_atau(shipped: PackComparison) -> None:
    """TL Pasal 26 ayat (4) joins the four maps with "dan"; GY Pasal 13 ayat (3) with "dan/atau"."""
    rule = shipped.rule("probis.maps-reviewed")
    assert "parameters" in rule.differences


def test_shipped_completion_acceptor_of_a_dinas(shipped: PackComparison) -> None:
    """TL: the head of the unit (Kepala Unit Organisasi) accepts; GY Lampiran E: the Kepala Dinas."""
    rule = shipped.rule("evaluasi.completion-acceptor")
    assert "parameters" in rule.differences
    assert any(v[0] == "dinas" and v[-1] == "kepala_opd" for v in _rows(shipped, rule.id, GY, only=True))


def test_shipped_data_one_dinas_under_both() -> None:
    """The same Dinas: a JF assessed by the Kepala Bidang is a finding under GY only; an active
    sub-koordinator role under TL only; a JF assessed by the Kepala Dinas under neither."""
    checked = validate([str(TL_GY_DATA)])
    assert not checked.problems
    cmp = compare_data(checked.regency, TL, GY, [str(TL_GY_DATA)])
    sides = {(m.rule_id, m.record): m.side for m in cmp.matches}
    assert sides[("kedudukan.assessor-by-opd-kind", "k-kabid")] == "b"
    assert sides[("jabatan.sub-koordinator-revoked", "dz-epid1")] == "a"
    assert not [key for key in sides if key[1] == "k-kadis" and key[0].startswith("kedudukan.")]
    per_rule = {t.name: t for t in cmp.per_rule}
    assert per_rule["jabatan.sub-koordinator-revoked"].status_b == "not_enacted"


def test_article_view_aligns_provisions_by_the_rules_they_feed() -> None:
    """TL Pasal 28 has no Gianyar counterpart; Gianyar's review chain is not enacted in Tanah Laut."""
    from click.testing import CliRunner

    from checker.cli import main

    tl, gy = "perbup-tanah-laut-26-2024", "perbup-gianyar-63-2023"
    result = CliRunner().invoke(main, ["compare", tl, gy, "--by-article", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {(r["regulation"], r["key"]): r for r in json.loads(result.stdout)["provisions"]}
    pasal_28 = rows[(tl, "art_28__para_1")]
    assert pasal_28["counterparts"] == [] and pasal_28["only_here"]
    assert pasal_28["not_enacted_there"] == ["jabatan.sub-koordinator-revoked"]
    rank = rows[(tl, "art_1__point_12")]
    assert "art_1__point_22" in rank["counterparts"] and not rank["only_here"]
    review = [r for (reg, _), r in rows.items() if reg == gy and "evaluasi.review-chain" in r["rules"]]
    assert review and all(r["not_enacted_there"] == ["evaluasi.review-chain"] for r in review)
    text = CliRunner().invoke(main, ["compare", tl, gy, "--by-article", "--lang", "en"]).stdout
    assert "* A Pasal 28 ayat (1)" in text and "— no counterpart" in text
