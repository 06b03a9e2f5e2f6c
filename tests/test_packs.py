"""Every shipped rule pack is complete, cited, warning-free, and has no orphans on either side."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.model import Regency
from checker.packs import available_packs, default_rules_dir, load_pack, parameter_facts
from checker.packs.analysis import lint
from checker.solve import engine, facts

TESTS = Path(__file__).resolve().parent
SHIPPED = [p for p in available_packs() if (default_rules_dir() / p).is_dir()]
HEAD = re.compile(r'\b(violation|uncheckable|exception)\(\s*"([a-z0-9_.-]+)"')
ENACTED = re.compile(r'\benacted\(\s*"([a-z0-9_.-]+)"\s*\)')


def asp_rule_ids(pack_id: str) -> set[str]:
    """Rule ids an ASP file of the pack can report: in a head, or guarded by enacted("id")."""
    pack = load_pack(pack_id)
    ids: set[str] = set()
    for program in pack.programs:
        text = Path(program).read_text(encoding="utf-8")
        text = re.sub(r"%.*", "", text)  # comments may cite ids without encoding them
        ids |= {m.group(2) for m in HEAD.finditer(text)} | set(ENACTED.findall(text))
    return ids


def test_shipped_packs_exist() -> None:
    assert {"perbup-tanah-laut-26-2024", "perbup-gianyar-63-2023"} <= set(SHIPPED)


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_pack_lints_clean(pack_id: str) -> None:
    assert lint(load_pack(pack_id)) == []


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_every_rule_has_asp(pack_id: str) -> None:
    pack = load_pack(pack_id)
    assert sorted(set(pack.rules) - asp_rule_ids(pack_id)) == []


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_pack_specific_asp_has_metadata(pack_id: str) -> None:
    """An atom in this pack's own .lp files must be a rule the pack (or a pack it extends) enacts."""
    pack = load_pack(pack_id)
    own = set()
    for program in sorted(pack.path.glob("*.lp")):
        text = re.sub(r"%.*", "", program.read_text(encoding="utf-8"))
        own |= {m.group(2) for m in HEAD.finditer(text) if m.group(1) != "exception"}
    assert sorted(own - set(pack.rules)) == []


def test_common_asp_is_claimed_by_some_pack() -> None:
    claimed = set().union(*(load_pack(p).rules.keys() | load_pack(p).not_enacted.keys() for p in SHIPPED))
    common = set()
    for program in sorted((default_rules_dir() / "common").glob("*.lp")):
        text = re.sub(r"%.*", "", program.read_text(encoding="utf-8"))
        common |= {m.group(2) for m in HEAD.finditer(text) if m.group(1) != "exception"}
    assert sorted(common - claimed) == []


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_pack_grounds_without_warnings(pack_id: str) -> None:
    """Undefined atoms mean a typo or a missing #defined: fail rather than silently never fire."""
    pack = load_pack(pack_id)
    regency = Regency(regency={"id": "empty"})
    text = facts.build_facts(regency, "2025-01-01", pack.in_force, pack.rules)
    result = engine.solve([str(p) for p in pack.programs], text, parameter_facts(pack))
    assert result.messages == []
    assert result.atoms == []


@pytest.mark.parametrize(
    ("pack_id", "data"),
    [
        ("perbup-tanah-laut-26-2024", "tanah-laut"),
        ("perbup-gianyar-63-2023", "gianyar"),
        ("perbup-tanah-laut-26-2024", "gianyar"),  # another regency's data: every rule body gets exercised
        ("perbup-gianyar-63-2023", "examples"),
    ],
)
def test_pack_grounds_real_data_without_warnings(pack_id: str, data: str) -> None:
    from checker.pipeline import validate

    pack = load_pack(pack_id)
    regency = validate([str(TESTS.parent / "data" / data)]).regency
    text = facts.build_facts(regency, "2024-09-01", pack.in_force, pack.rules)
    result = engine.solve([str(p) for p in pack.programs], text, parameter_facts(pack))
    assert result.messages == []


def test_lint_catches_a_placeholder_no_violation_supplies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    src = TESTS / "fixtures" / "packs" / "perbup-contoh-1-2025"
    shutil.copytree(src, tmp_path / "perbup-contoh-1-2025")
    meta = tmp_path / "perbup-contoh-1-2025" / "kedudukan.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("{assessor} of", "{asessor} of"), encoding="utf-8"
    )
    monkeypatch.setenv("SISTEMKERJA_RULES", str(tmp_path))
    problems = lint(load_pack("perbup-contoh-1-2025"))
    assert [p.split(": ", 2)[-1] for p in problems] == ["message.en uses {asessor}, which no ASP supplies"]


def test_the_documented_pack_files_match_the_pack_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/rule-packs.md shows pack.yaml and a topic file: as written there, they load (the loader
    validates them against schemas/pack.schema.json and schemas/pack-topic.schema.json)."""
    text = (TESTS.parent / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    pack_yaml = next(b for b in blocks if b.startswith("regulation:\n  id:"))
    regulation_yaml = next(b for b in blocks if "\nprovisions:" in b)
    topic_yaml = next(b for b in blocks if b.startswith("topic: kedudukan"))
    folder = tmp_path / "perbup-tanah-laut-26-2024"
    folder.mkdir()
    (folder / "pack.yaml").write_text(pack_yaml, encoding="utf-8")
    (folder / "regulation.yaml").write_text(regulation_yaml, encoding="utf-8")
    (folder / "kedudukan.yaml").write_text(topic_yaml, encoding="utf-8")
    monkeypatch.setenv("SISTEMKERJA_RULES", str(tmp_path))
    pack = load_pack("perbup-tanah-laut-26-2024")
    param = pack.parameters["assessor_role"]
    assert param.facts == [["dinas", "any", "kepala_bidang"], ["badan", "any", "kepala_bidang"]]
    assert param.row_cites == [[], ["art_8__para_2__point_c"]]
    assert pack.document is not None and pack.document.by_key["art_21__para_2"].label == "Pasal 21 ayat (2)"
    assert pack.rules["kedudukan.assessor-rank"].in_force == "2024-06-04"
