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
    assert doc.citation(["art_14__point_e", "art_14__point_c"]) == "Pasal 14 huruf c, e"
    assert doc.citation([f"art_8__para_{i}" for i in range(1, 6)]) == "Pasal 8 ayat (1)-(5)"
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
