"""Pack inheritance (`extends`) on test-only packs: a base, a child that overrides severity, citation
and parameters, adds a rule and does not enact one, and a grandchild of that child."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.packs import PackError, load_pack, parameter_facts
from checker.packs.analysis import lint, rule_parameters
from tests.ruletools import run_check, summary

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PACKS = FIXTURES / "packs_inherit"
REGENCY = FIXTURES / "compare" / "regency"
BASE, CHILD, GRANDCHILD = "permen-contoh-7-2022", "perbup-turunan-3-2025", "perbup-cucu-4-2026"


@pytest.fixture(autouse=True)
def inherit_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SISTEMKERJA_RULES", str(PACKS))


def test_base_rules_are_own() -> None:
    base = load_pack(BASE)
    assert base.extends is None
    assert base.lineage == [BASE]
    assert {r.status for r in base.rules.values()} == {"own"}
    assert all(r.defined_in == BASE for r in base.rules.values())
    assert base.not_enacted == {}


def test_child_inherits_overrides_adds_and_does_not_enact() -> None:
    child = load_pack(CHILD)
    assert child.extends == BASE
    assert child.lineage == [CHILD, BASE]
    status = {rid: r.status for rid, r in child.rules.items()}
    assert status == {
        "contoh.assessor-by-opd-kind": "inherited",
        "contoh.assessor-rank": "inherited",  # only its citation and text are new: its own words
        "contoh.single-lead": "own",
        "contoh.written-letter": "overridden",
    }
    assert child.rule_status("contoh.sub-koordinator-revoked") == "not_enacted"
    assert child.rule_status("nowhere.rule") == "absent"

    inherited = child.rules["contoh.assessor-by-opd-kind"]
    assert inherited.inherited_from == BASE
    assert inherited.overridden == []
    assert inherited.citation == "Pasal 4; Lampiran"

    rank = child.rules["contoh.assessor-rank"]
    assert rank.inherited_from == BASE
    assert rank.overridden == []  # a citation and an excerpt are the child's own text, no override
    assert rank.cited_in == CHILD and inherited.cited_in == BASE
    assert rank.citation == "Pasal 5 ayat (2)"
    assert rank.excerpt == "Pejabat Penilai Kinerja paling rendah Pejabat Administrator."
    # fields not overridden come from the base
    assert rank.severity == "error"
    assert rank.message["en"].startswith("Assessor {assessor} of {employee}")
    assert rank.parameters == ["contoh_min_rank"]
    assert rank.topic == "kedudukan"

    letter = child.rules["contoh.written-letter"]
    assert (letter.severity, letter.citation, letter.overridden) == (
        "warning",
        "Pasal 9 huruf c",
        ["severity"],
    )
    assert letter.source.endswith(f"{CHILD}/penugasan.yaml")

    assert child.not_enacted == {
        "contoh.sub-koordinator-revoked": "Perbup Turunan has no transitional provision on sub-koordinator roles"
    }
    assert child.not_enacted_by == {"contoh.sub-koordinator-revoked": CHILD}


def test_child_parameters_override_the_base() -> None:
    child = load_pack(CHILD)
    assert child.parameters["contoh_min_rank"].facts == [[4]]
    assert child.parameters["contoh_min_rank"].status == "overridden"
    assert child.parameters["contoh_min_rank"].overrides == BASE
    assert child.parameters["contoh_assessor_role"].facts == [
        ["dinas", "kepala_opd"],
        ["dinas", "kepala_bidang"],
        ["kecamatan", "kepala_seksi"],
    ]
    facts = parameter_facts(child)
    assert "contoh_min_rank(4)." in facts
    assert "contoh_min_rank(3)." not in facts


def test_asp_is_loaded_once_from_the_base() -> None:
    child = load_pack(CHILD)
    names = [Path(p).relative_to(PACKS).as_posix() for p in child.programs if PACKS in Path(p).parents]
    assert names == [
        f"{BASE}/jabatan.lp",
        f"{BASE}/kedudukan.lp",
        f"{BASE}/penugasan.lp",
        f"{CHILD}/tim.lp",
    ]
    assert len(child.programs) == len(set(child.programs))


def test_inherited_rules_are_law_from_the_child_regulation_date() -> None:
    child = load_pack(CHILD)
    assert child.rules["contoh.assessor-by-opd-kind"].in_force == "2025-01-01"
    assert load_pack(BASE).rules["contoh.assessor-by-opd-kind"].in_force == "2022-05-20"


def test_grandchild_names_the_pack_whose_version_it_inherits() -> None:
    pack = load_pack(GRANDCHILD)
    assert pack.lineage == [GRANDCHILD, CHILD, BASE]
    assert pack.rules["contoh.assessor-by-opd-kind"].inherited_from == BASE
    assert pack.rules["contoh.assessor-rank"].status == "inherited"
    assert pack.rules["contoh.assessor-rank"].inherited_from == CHILD
    assert pack.rules["contoh.assessor-rank"].citation == "Pasal 5 ayat (2)"
    lead = pack.rules["contoh.single-lead"]
    assert (lead.status, lead.inherited_from, lead.overridden, lead.severity) == (
        "overridden",
        CHILD,
        ["severity"],
        "warning",
    )
    assert pack.not_enacted_by == {"contoh.sub-koordinator-revoked": CHILD}
    assert pack.parameters["contoh_min_rank"].status == "inherited"
    assert pack.parameters["contoh_min_rank"].inherited_from == CHILD
    assert pack.parameters["contoh_min_rank"].facts == [[4]]
    assert pack.rules["contoh.assessor-rank"].in_force == "2026-01-01"


def test_rule_parameters_from_metadata_or_from_the_asp() -> None:
    uses = rule_parameters(load_pack(CHILD))
    assert uses == {
        "contoh.assessor-by-opd-kind": ["contoh_assessor_role"],  # read from the ASP
        "contoh.assessor-rank": ["contoh_min_rank"],  # named in the metadata
        "contoh.single-lead": [],
        "contoh.written-letter": [],
    }


def test_fixture_packs_lint_clean() -> None:
    for pack_id in (BASE, CHILD, GRANDCHILD):
        assert lint(load_pack(pack_id)) == []


def test_lint_flags_an_unknown_parameter_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "perbup-salah-1-2025"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        f"regulation: {{id: perbup-salah-1-2025, title: Salah, in_force: '2025-01-01'}}\nextends: {BASE}\n"
    )
    (folder / "x.yaml").write_text("rules:\n  - id: contoh.assessor-rank\n    parameters: [contoh_nowhere]\n")
    monkeypatch.setenv("SISTEMKERJA_RULES", f"{tmp_path}:{PACKS}")
    problems = lint(load_pack("perbup-salah-1-2025"))
    assert any("uses parameter `contoh_nowhere`" in p for p in problems)


def test_extends_cycle_is_a_pack_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for me, other in (("pack-a", "pack-b"), ("pack-b", "pack-a")):
        (tmp_path / me).mkdir()
        (tmp_path / me / "pack.yaml").write_text(
            f"regulation: {{id: {me}, title: x, in_force: '2025-01-01'}}\nextends: {other}\n"
        )
    monkeypatch.setenv("SISTEMKERJA_RULES", str(tmp_path))
    with pytest.raises(PackError, match="cycle: pack-a -> pack-b -> pack-a"):
        load_pack("pack-a")


def test_check_under_base_and_child() -> None:
    base = summary(run_check(REGENCY, regulation=BASE))
    child = summary(run_check(REGENCY, regulation=CHILD))
    assert base == [
        ("contoh.assessor-by-opd-kind", "k-3", "error", "open"),
        ("contoh.assessor-rank", "k-3", "error", "open"),
        ("contoh.assessor-by-opd-kind", "k-4", "error", "open"),
        ("contoh.sub-koordinator-revoked", "dz-1", "error", "open"),
        ("contoh.written-letter", "a-1", "error", "open"),
        ("contoh.assessor-by-opd-kind", "k-6", "error", "open"),
    ]
    assert child == [
        ("contoh.assessor-by-opd-kind", "k-1", "error", "open"),
        ("contoh.assessor-rank", "k-1", "error", "open"),
        ("contoh.assessor-by-opd-kind", "k-3", "error", "open"),
        ("contoh.assessor-rank", "k-3", "error", "open"),
        ("contoh.single-lead", "tim-1", "error", "open"),
        ("contoh.written-letter", "a-1", "warning", "open"),
        ("contoh.assessor-by-opd-kind", "k-5", "error", "open"),
        ("contoh.assessor-rank", "k-6", "error", "open"),
    ]
    cited = {f.rule_id: f.citation for f in run_check(REGENCY, regulation=CHILD)}
    assert cited["contoh.assessor-rank"] == "Pasal 5 ayat (2)"


def test_nothing_of_the_child_is_law_before_it_is_in_force() -> None:
    assert run_check(REGENCY, regulation=CHILD, as_of="2024-12-31") == []
    # the base was law then: the same findings as on the data's own date
    assert summary(run_check(REGENCY, regulation=BASE, as_of="2024-12-31")) == summary(
        run_check(REGENCY, regulation=BASE)
    )


def test_rules_command_shows_inheritance() -> None:
    result = CliRunner().invoke(main, ["rules", "--regulation", GRANDCHILD, "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert lines[0] == f"{GRANDCHILD} — Perbup Cucu 4/2026 (in force 2026-01-01; extends {CHILD})"
    assert f"inherited from {BASE}" in lines
    assert f"inherited from {CHILD}" in lines
    assert f"overridden (severity) from {CHILD}" in lines
    assert any(
        line.startswith("contoh.sub-koordinator-revoked")
        and line.endswith(
            f"not enacted: Perbup Turunan has no transitional provision on sub-koordinator roles "
            f"(declared by {CHILD})"
        )
        for line in lines
    )
    indonesian = CliRunner().invoke(main, ["rules", "--regulation", GRANDCHILD]).output
    assert f"diwarisi dari {BASE}" in indonesian and "tidak diberlakukan: " in indonesian  # one language


def test_rules_command_json_has_status() -> None:
    result = CliRunner().invoke(main, ["rules", "--regulation", CHILD, "--format", "json"])
    doc = json.loads(result.output)[0]
    assert doc["extends"] == BASE
    by_id = {r["id"]: r for r in doc["rules"]}
    assert by_id["contoh.written-letter"]["status"] == "overridden"
    assert by_id["contoh.written-letter"]["overridden"] == ["severity"]
    assert by_id["contoh.assessor-by-opd-kind"]["inherited_from"] == BASE
    assert by_id["contoh.single-lead"]["status"] == "own"
    assert doc["not_enacted"] == [
        {
            "id": "contoh.sub-koordinator-revoked",
            "reason": "Perbup Turunan has no transitional provision on sub-koordinator roles",
            "declared_by": CHILD,
        }
    ]


def test_packs_load_once_until_a_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    shutil.copytree(
        Path(__file__).parent / "fixtures" / "packs" / "perbup-contoh-1-2025",
        tmp_path / "perbup-contoh-1-2025",
    )
    monkeypatch.setenv("SISTEMKERJA_RULES", str(tmp_path))
    first = load_pack("perbup-contoh-1-2025")
    assert load_pack("perbup-contoh-1-2025") is first  # a batch reads each pack once
    meta = tmp_path / "perbup-contoh-1-2025" / "pack.yaml"
    text = meta.read_text(encoding="utf-8")
    assert first.regulation["title"] in text
    meta.write_text(
        text.replace(first.regulation["title"], "Judul Baru Yang Lebih Panjang"), encoding="utf-8"
    )
    again = load_pack("perbup-contoh-1-2025")
    assert again is not first and again.regulation["title"] == "Judul Baru Yang Lebih Panjang"
