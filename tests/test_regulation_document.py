"""The regulation as data (issue 16): each pack's regulation.yaml loads into a provision tree, a
malformed one is a located pack error (exit 2), and citations and excerpts derive from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.packs import PackError, load_pack
from checker.packs.document import load_document

RULES = Path(__file__).resolve().parent.parent / "rules"
TL = "perbup-tanah-laut-26-2024"
GIANYAR = "perbup-gianyar-63-2023"


def test_both_documents_load_with_their_provisions() -> None:
    for pack_id in (TL, GIANYAR):
        doc = load_pack(pack_id).document
        assert doc is not None and doc.regulation == pack_id
        kinds = {node.kind for _, node in doc.walk()}
        assert {"pasal", "ayat", "huruf", "angka", "lampiran", "bagian_lampiran"} <= kinds
        keys = [node.key for _, node in doc.walk()]
        assert len(keys) == len(set(keys)) == len(doc.by_key)


def test_labels_read_as_indonesian_law_cites() -> None:
    doc = load_document(RULES / TL, TL)
    assert doc is not None
    assert doc.by_key["art_8__para_1"].label == "Pasal 8 ayat (1)"
    assert doc.by_key["art_1__point_12"].label == "Pasal 1 angka 12"
    assert doc.by_key["art_15__point_e__point_4"].label == "Pasal 15 huruf e angka 4"
    assert doc.citation(["art_14__point_e", "art_14__point_c"]) == "Pasal 14 huruf c dan huruf e"
    assert doc.citation([f"art_8__para_{i}" for i in range(1, 4)]) == "Pasal 8 ayat (1)-(3)"
    # every child cited reads as the parent; a child cited with its parent reads as the parent
    assert doc.citation([f"art_8__para_{i}" for i in range(1, 6)]) == "Pasal 8"
    assert doc.citation(["art_18", "art_18__point_a"]) == "Pasal 18"
    assert doc.citation(["art_1__point_12", "art_7__para_1"]) == "Pasal 1 angka 12; Pasal 7 ayat (1)"
    assert doc.excerpt(["art_8__para_1"]) == doc.by_key["art_8__para_1"].text
    gianyar = load_document(RULES / GIANYAR, GIANYAR)
    assert gianyar is not None
    assert gianyar.by_key["annex_1__sec_2"].label == "Lampiran angka 2"
    assert gianyar.by_key["annex_1__sec_i"].label == "Lampiran huruf I"


def _copy(tmp_path: Path, pack_id: str = TL) -> Path:
    folder = tmp_path / pack_id
    shutil.copytree(RULES / pack_id, folder)
    return folder


def _break(folder: Path, old: str, new: str) -> None:
    path = folder / "regulation.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("    kind: preamble\n", "    kind: pembukaan\n", "must be one of"),
        ("  - key: preamble\n", "  - key: Preamble\n", "not a provision key"),
        ("  - key: chp_1\n", "  - key: preface\n", "given twice"),
        ("regulation: perbup-tanah-laut-26-2024", "regulation: perbup-lain-1-2024", "not the pack's id"),
        ("  - key: preamble\n", "  - key: preamble\n    colour: red\n", "unknown key `colour`"),
    ],
)
def test_a_malformed_document_is_a_located_pack_error(tmp_path: Path, old: str, new: str, says: str) -> None:
    folder = _copy(tmp_path)
    _break(folder, old, new)
    with pytest.raises(PackError) as err:
        load_pack(TL, [tmp_path])
    assert f"{folder / 'regulation.yaml'}:" in str(err.value) and says in str(err.value)
    result = CliRunner().invoke(main, ["rules", "--regulation", TL, "--rules-dir", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert says in result.output


def test_citations_and_excerpts_derive_from_the_document() -> None:
    pack = load_pack(TL)
    doc = pack.document
    assert doc is not None
    rule = pack.rules["tim.lead-from-owner-unit"]
    assert rule.cites == ["art_21__para_2"]
    assert rule.citation == "Pasal 21 ayat (2)"
    assert rule.excerpt == doc.by_key["art_21__para_2"].text
    # a rule that uses only part of a provision quotes that part
    rank = pack.rules["kedudukan.assessor-rank"]
    assert rank.raw["quote"] and rank.excerpt.startswith("Pejabat Penilai Kinerja adalah atasan langsung")
    assert (
        rank.exceptions[0].cites == ["art_1__point_12"] and rank.exceptions[0].citation == "Pasal 1 angka 12"
    )


def test_every_rule_cites_exactly_the_provisions_that_name_it() -> None:
    for pack_id in (TL, GIANYAR):
        pack = load_pack(pack_id)
        assert pack.document is not None
        cited_by = pack.document.cited_by()
        for rule in pack.rules.values():
            assert sorted(rule.cites) == sorted(cited_by[rule.id]), rule.id


def test_parameter_rows_carry_their_citation_and_explain_shows_it() -> None:
    param = load_pack(TL).parameters["assessor_role"]
    i = param.facts.index(["kecamatan", "any", "pengawas"])
    assert param.row_cites[i] == ["art_8__para_3__point_a"]
    assert param.row_citations[i] == "Pasal 8 ayat (3) huruf a"
    out = CliRunner().invoke(main, ["explain", "kedudukan.assessor-by-opd-kind", "--regulation", TL]).output
    assert "kecamatan, any, pengawas (Pasal 8 ayat (3) huruf a)" in out
    # positional rows (no citation of their own) still load
    assert load_pack(TL).parameters["tim_lead_grade"].facts == [["fungsional"], ["pelaksana"]]


def _lint(tmp_path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["rules", "--lint", "--regulation", TL, "--rules-dir", str(tmp_path)])
    return result.exit_code, result.output


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_lint_is_clean_on_the_shipped_packs() -> None:
    result = CliRunner().invoke(main, ["rules", "--lint"])
    assert result.exit_code == 0, result.output


LEAD_FROM_OWNER = "    citation: [art_21__para_2]\n"


@pytest.mark.parametrize(
    ("file", "old", "new", "says"),
    [
        # the rule stops citing a provision whose rules: names it
        ("tim.yaml", LEAD_FROM_OWNER, "    citation: [art_21__para_1]\n", "whose citation lacks it"),
        # the rule cites a provision whose rules: does not name it (and one that does not exist)
        ("tim.yaml", LEAD_FROM_OWNER, "    citation: [art_21__para_2, art_99]\n", "does not have"),
        ("tim.yaml", LEAD_FROM_OWNER, "    citation: [art_21__para_2, art_22]\n", "do not name it"),
        # a text citation in a pack that has its regulation as data
        ("tim.yaml", LEAD_FROM_OWNER, "    citation: Pasal 21 ayat (2)\n", "must list provision keys"),
        # the document names a rule that does not exist
        (
            "regulation.yaml",
            "rules: [tim.lead-from-owner-unit]",
            "rules: [tim.lead-from-owner-unit, tim.nope]",
            "tim.nope",
        ),
        # a leaf with two statuses, and one with none
        (
            "regulation.yaml",
            "rules: [tim.lead-from-owner-unit]",
            'rules: [tim.lead-from-owner-unit]\n                not_encoded: {id: "x", en: "y"}',
            "has `rules`, `not_encoded`",
        ),
        ("regulation.yaml", "rules: [tim.lead-from-owner-unit]", 'note: {id: "x", en: "y"}', "has none"),
    ],
)
def test_lint_fails_on_citations_that_disagree(
    tmp_path: Path, file: str, old: str, new: str, says: str
) -> None:
    folder = _copy(tmp_path)
    _edit(folder / file, old, new)
    code, out = _lint(tmp_path)
    assert code == 1, out
    assert says in out and str(folder) in out


def test_lint_lists_not_encoded_provisions_as_notices() -> None:
    result = CliRunner().invoke(main, ["rules", "--lint", "--regulation", TL])
    assert result.exit_code == 0
    assert "notice:" in result.stderr and "not encoded" in result.stderr
    assert "notice:" not in result.stdout  # stdout lists problems only


def test_a_bilingual_reading_is_shown_in_the_current_language(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "tim.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    reading:\n", text.index("id: tim.single-lead"))
    end = text.index("    record_kind:", start)
    reading = "    reading:\n      id: Satu tim satu ketua (uji).\n      en: One team one lead (test).\n"
    path.write_text(text[:start] + reading + text[end:], encoding="utf-8")
    runner = CliRunner()
    args = ["explain", "tim.single-lead", "--regulation", TL, "--rules-dir", str(tmp_path)]
    assert "Satu tim satu ketua (uji)." in runner.invoke(main, [*args, "--lang", "id"]).output
    english = runner.invoke(main, [*args, "--lang", "en"]).output
    assert "One team one lead (test)." in english and "Satu tim" not in english
    rule = load_pack(TL, [tmp_path]).rules["tim.single-lead"]
    assert (
        rule.reading_in("id") == "Satu tim satu ketua (uji)."
        and rule.reading_in("en") == "One team one lead (test)."
    )


def _by_article(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["rules", "--by-article", *args])
    return result.exit_code, result.output


def test_by_article_lists_each_provision_with_its_rules_or_why_none() -> None:
    code, out = _by_article("--regulation", TL)
    assert code == 0
    lines = out.splitlines()
    at = lines.index("    -- art_21__para_2 — Pasal 21 ayat (2)")
    block = "\n".join(lines[at : at + 8])
    assert "- diperiksa oleh: tim.lead-from-owner-unit — " in block
    assert "- tidak dapat diperiksa: Definisi." in out  # the default language is Indonesian
    code, english = _by_article("--regulation", TL, "--lang", "en")
    assert (
        "- checked by: tim.lead-from-owner-unit — " in english and "- not checkable: A definition." in english
    )
    assert "- not encoded: " in english
    # in the regulation's order: Pasal 8 before Pasal 21 before the Lampiran
    assert english.index(" art_8 — ") < english.index(" art_21 — ") < english.index("annex_1 — ")


def test_by_article_json_and_markdown() -> None:
    import json

    code, out = _by_article("--regulation", GIANYAR, "--format", "json", "--lang", "en")
    assert code == 0
    doc = json.loads(out)
    keys = [p["key"] for p in doc["provisions"]]
    pack_doc = load_pack(GIANYAR).document
    assert pack_doc is not None and keys == [n.key for _, n in pack_doc.walk()]
    row = next(p for p in doc["provisions"] if p["key"] == "art_1__point_22")
    assert row["status"] == "rules" and {r["id"] for r in row["rules"]} >= {"kedudukan.assessor-rank"}
    code, md = _by_article("--regulation", GIANYAR, "--format", "markdown")
    assert code == 0 and md.startswith("# `perbup-gianyar-63-2023`") and "`art_1__point_22`" in md
    code, page = _by_article("--regulation", GIANYAR, "--format", "html")
    assert code == 0 and '<h3 id="art_1">' in page and "<blockquote>" in page


def test_by_article_needs_a_regulation_with_a_document() -> None:
    code, out = _by_article()
    assert code == 2 and "--regulation" in out
    fixtures = Path(__file__).resolve().parent / "fixtures" / "packs"
    code, out = _by_article("--regulation", "perbup-contoh-1-2025", "--rules-dir", str(fixtures))
    assert code == 2 and "no regulation document" in out and "Traceback" not in out


def test_lint_wants_the_reading_in_both_languages(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "tim.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    reading:\n", text.index("id: tim.single-lead"))
    end = text.index("    record_kind:", start)
    path.write_text(text[:start] + "    reading: English only.\n" + text[end:], encoding="utf-8")
    code, out = _lint(tmp_path)
    assert code == 1 and "tim.single-lead: `reading` needs `id`" in out
