"""A pack over another: parameter tables edited row by row (remove, replace, add by key; each row
keeps its citation, its dates and the pack that wrote it) and exceptions merged by id; every edit
must meet what it edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.packs import PackError, load_pack
from checker.packs.load import parameter_facts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "packs_inherit"
BASE, CHILD = "permen-contoh-7-2022", "perbup-turunan-3-2025"


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "packs")
    return tmp_path / "packs"


def _child_parameters(packs: Path, text: str) -> None:
    path = packs / CHILD / "kedudukan.yaml"
    kept = path.read_text(encoding="utf-8").split("rules:")[1]
    path.write_text(f"topic: kedudukan\nparameters:\n{text}rules:{kept}", encoding="utf-8")


def _rows(packs: Path, name: str = "contoh_assessor_role") -> list[tuple[list[object], str, str]]:
    param = load_pack(CHILD, [packs]).parameters[name]
    return [(list(r.values), r.pack, r.citation) for r in param.rows]


def test_rows_are_removed_replaced_and_added_by_key(packs: Path) -> None:
    _child_parameters(
        packs,
        """\
  contoh_assessor_role:
    remove: [[dinas, kepala_bidang], [dinas, kepala_seksi]]
    add:
      - {row: [dinas, kepala_opd], citation: Pasal 6}
""",
    )
    assert _rows(packs) == [
        (["kecamatan", "camat"], BASE, ""),
        (["dinas", "kepala_opd"], CHILD, "Pasal 6"),
    ]
    param = load_pack(CHILD, [packs]).parameters["contoh_assessor_role"]
    assert param.status == "overridden" and param.citation == "Pasal 4; Lampiran"  # kept from the base


def test_a_replaced_row_keeps_its_place_and_names_its_pack(packs: Path) -> None:
    _child_parameters(
        packs,
        """\
  contoh_assessor_role:
    replace:
      - {row: [kecamatan, camat], citation: Pasal 7}
""",
    )
    assert _rows(packs)[2] == (["kecamatan", "camat"], CHILD, "Pasal 7")
    assert [pack for _, pack, _ in _rows(packs)[:2]] == [BASE, BASE]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("    remove: [[kelurahan, lurah]]\n", "no inherited row has the key ['kelurahan', 'lurah']"),
        (
            "    key: 1\n    replace: [[kelurahan, lurah]]\n",
            "no inherited row to replace has the key ['kelurahan']",
        ),
        ("    add: [[kecamatan, camat]]\n", "are law at the same time"),
    ],
)
def test_an_edit_that_misses_its_table_is_a_located_error(packs: Path, edit: str, message: str) -> None:
    _child_parameters(packs, "  contoh_assessor_role:\n" + edit)
    with pytest.raises(PackError, match="kedudukan.yaml:[0-9]+: ") as exc:
        load_pack(CHILD, [packs])
    assert message in str(exc.value)


def test_editing_rows_nobody_defined_is_an_error(packs: Path) -> None:
    _child_parameters(packs, "  contoh_unknown:\n    add: [[x]]\n")
    with pytest.raises(PackError, match="but no pack it extends defines it"):
        load_pack(CHILD, [packs])


def test_facts_and_edits_together_are_refused_by_the_schema(packs: Path) -> None:
    _child_parameters(packs, "  contoh_assessor_role:\n    facts: [[x, y]]\n    add: [[z, w]]\n")
    with pytest.raises(PackError, match="kedudukan.yaml"):
        load_pack(CHILD, [packs])


def test_a_dated_row_is_law_only_between_its_dates(packs: Path) -> None:
    """An amendment is a dated row: the old value up to the day before, the new one from then on."""
    _child_parameters(
        packs,
        """\
  contoh_min_rank:
    key: 1
    facts:
      - {row: [4], to: "2025-06-30"}
  contoh_assessor_role:
    replace:
      - {row: [kecamatan, camat], to: "2025-06-30"}
    add:
      - {row: [kecamatan, sekretaris_camat], from: "2025-07-01", citation: Pasal 7}
""",
    )
    pack = load_pack(CHILD, [packs])
    before, after = parameter_facts(pack, "2025-06-30"), parameter_facts(pack, "2025-07-01")
    assert "contoh_assessor_role(kecamatan, camat)." in before and "sekretaris_camat" not in before
    assert (
        "contoh_assessor_role(kecamatan, sekretaris_camat)." in after and "(kecamatan, camat)." not in after
    )
    assert "contoh_min_rank(4)." in before and "contoh_min_rank" not in after
    assert "(kecamatan, camat)." in parameter_facts(pack) and "sekretaris_camat" in parameter_facts(pack)


# --- exceptions merge by id ----------------------------------------------------------------------

EXC_RULE = """\
topic: t
rules:
  - id: r.x
    title: {id: Aturan, en: A rule}
    severity: error
    citation: Pasal 1
    excerpt: Teks.
    message: {id: "Pesan {record}", en: "Message {record}"}
    exceptions:
      - {id: r.x.a, citation: Pasal 2}
      - {id: r.x.b, citation: Pasal 3}
"""


def _exception_packs(tmp_path: Path, child_rule: str) -> Path:
    for pack_id, extends, topic in (
        ("base-1-2020", None, EXC_RULE),
        ("child-2-2021", "base-1-2020", child_rule),
    ):
        folder = tmp_path / pack_id
        folder.mkdir()
        head = (
            f"regulation: {{id: {pack_id}, title: T, in_force: '2021-01-01'}}\nextends: {extends or 'null'}\n"
        )
        (folder / "pack.yaml").write_text(head, encoding="utf-8")
        (folder / "t.yaml").write_text(topic, encoding="utf-8")
    return tmp_path


def test_exceptions_merge_by_id(tmp_path: Path) -> None:
    child = """\
topic: t
rules:
  - id: r.x
    exceptions:
      - {id: r.x.a, citation: Pasal 2 ayat (1)}
      - {id: r.x.b, not_enacted: Tidak diatur}
      - {id: r.x.c, citation: Pasal 4}
"""
    rule = load_pack("child-2-2021", [_exception_packs(tmp_path, child)]).rules["r.x"]
    assert [(e.id, e.citation) for e in rule.exceptions] == [
        ("r.x.a", "Pasal 2 ayat (1)"),
        ("r.x.c", "Pasal 4"),
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{id: r.x.z, not_enacted: Tidak diatur}", "no inherited exception `r.x.z` to leave out"),
        ("{id: r.x.z}", "exception `r.x.z` is new here and needs a citation"),
    ],
)
def test_an_exception_edit_that_misses_is_a_located_error(tmp_path: Path, entry: str, message: str) -> None:
    child = f"topic: t\nrules:\n  - id: r.x\n    exceptions:\n      - {entry}\n"
    with pytest.raises(PackError, match="t.yaml:5: ") as exc:
        load_pack("child-2-2021", [_exception_packs(tmp_path, child)])
    assert message in str(exc.value)
