"""A real export read through a mapping: its own column names, a title above the header, ids made
from NIPs, units and positions given by name and resolved within the OPD; an unknown or ambiguous
name is a problem at its cell with the close names or the candidates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import main
from checker.load.mapping import MappingError, read_with
from tests.test_xlsx_input import workbook

ROOT = Path(__file__).resolve().parent.parent
BASE = str(ROOT / "data" / "examples")
HEADER = ["NO", "NIP BARU", "NAMA", "JABATAN", "UNIT ORGANISASI", "TEMPAT LAHIR"]
MAPPING = {
    "strip_spaces": True,
    "tables": {
        "Data Pegawai": {
            "collection": "employees",
            "header_row": 3,
            "opd": "ex-dinkes",
            "id": {"from": "nip", "prefix": "ex-dinkes-n"},
            "columns": {"NIP BARU": "nip", "NAMA": "name", "JABATAN": "position", "UNIT ORGANISASI": "unit"},
        }
    },
    "resolve": {
        "unit": {"collection": "units", "by": "name", "within": "opd"},
        "position": {"collection": "positions", "by": "name"},
    },
}
NIPS = [f"19820314200604100{i}" for i in range(1, 5)]


def export(
    tmp_path: Path, rows: list[list[object]], mapping: dict[str, object] = MAPPING
) -> tuple[Path, Path]:
    path = workbook(
        tmp_path / "simpeg.xlsx", {"DATA PEGAWAI": [["DAFTAR PEGAWAI DINAS KESEHATAN"], [], HEADER, *rows]}
    )
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(mapping), encoding="utf-8")
    return path, tmp_path / "m.yaml"


def test_an_export_is_read_by_its_own_column_names_and_names_become_ids(tmp_path: Path) -> None:
    path, mapping = export(
        tmp_path,
        [
            [
                1,
                NIPS[0],
                "Siti ",
                "Epidemiolog Kesehatan Ahli Muda",
                "bidang pencegahan dan  pengendalian penyakit",
                "X",
            ],
            [
                2,
                NIPS[1],
                "Ani",
                "Pengadministrasi Perkantoran",
                "Bidang Pencegahan dan Pengendalian Penyakit",
                "Y",
            ],
        ],
    )
    (result,) = read_with(str(mapping), [str(path)], [BASE])
    assert result.problems == []
    first, second = result.records["employees"]
    assert first.data == {
        "id": f"ex-dinkes-n{NIPS[0]}",
        "nip": NIPS[0],
        "name": "Siti",
        "position": "ex-dinkes-p2p-epid-muda",
        "unit": "ex-dinkes-p2p",
    }
    assert str(first.where("unit")) == f"{path}:DATA PEGAWAI!E4"
    assert second.data["position"] == "ex-dinkes-p2p-pengadm"  # the title held in several units: this unit's


def test_unknown_and_ambiguous_names_are_problems_at_their_cells(tmp_path: Path) -> None:
    path, mapping = export(
        tmp_path,
        [
            [1, NIPS[2], "Budi", "Pengadministrasi Perkantoran", "Dinas Kesehatan", ""],
            [2, NIPS[3], "Dedi", "Perawat Ahli Pertama", "Bidang Pelayanan Kesehtan", ""],
        ],
    )
    (result,) = read_with(str(mapping), [str(path)], [BASE])
    found = {(p.code, p.location.cell): p.message for p in result.problems if p.code.startswith("sheet.")}
    ambiguous = found[("sheet.ambiguous-name", "DATA PEGAWAI!D4")]
    assert "ex-dinkes-p2p-pengadm" in ambiguous and "position" in ambiguous
    indonesian = {p.location.cell: p.message_id for p in result.problems if p.code.startswith("sheet.")}
    assert "jabatan" in indonesian["DATA PEGAWAI!D4"]
    assert "bidang pelayanan kesehatan" in found[("sheet.unknown-name", "DATA PEGAWAI!E5")]


def test_a_mapped_column_the_export_lacks_is_a_problem_at_the_header(tmp_path: Path) -> None:
    broken = yaml.safe_load(yaml.safe_dump(MAPPING))
    broken["tables"]["Data Pegawai"]["columns"]["NIP BAR"] = broken["tables"]["Data Pegawai"]["columns"].pop(
        "NIP BARU"
    )
    path, mapping = export(tmp_path, [[1, NIPS[0], "Siti", "x", "y", ""]], broken)
    (result,) = read_with(str(mapping), [str(path)], [BASE])
    codes = [(p.code, p.location.cell) for p in result.problems]
    assert ("sheet.mapped-column-missing", "DATA PEGAWAI!A3") in codes
    assert "nip_baru" in next(p.message for p in result.problems if p.code == "sheet.mapped-column-missing")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"collection": "pegawai"}, "`collection` must be one of"),
        ({"columns": {"NAMA": "nmae"}}, "not a field of employees — name"),
        ({"header_row": 0}, "`header_row`"),
    ],
)
def test_a_wrong_mapping_is_a_usage_error(change: dict[str, object], says: str, tmp_path: Path) -> None:
    broken = yaml.safe_load(yaml.safe_dump(MAPPING))
    broken["tables"]["Data Pegawai"].update(change)
    path, mapping = export(tmp_path, [], broken)
    with pytest.raises(MappingError, match=says):
        read_with(str(mapping), [str(path)], [BASE])
    result = CliRunner().invoke(
        main, ["convert", str(path), "--mapping", str(mapping), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2 and says in result.output


def test_convert_with_a_mapping_writes_the_yaml_layout(tmp_path: Path) -> None:
    path, mapping = export(
        tmp_path,
        [
            [
                1,
                NIPS[0],
                "Siti",
                "Epidemiolog Kesehatan Ahli Muda",
                "Bidang Pencegahan dan Pengendalian Penyakit",
                "",
            ]
        ],
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["convert", str(path), "--mapping", str(mapping), "--base", BASE, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load((out / "ex-dinkes.yaml").read_text(encoding="utf-8"))
    assert doc["employees"][0]["unit"] == "ex-dinkes-p2p" and doc["employees"][0]["nip"] == NIPS[0]


def test_check_and_validate_read_an_export_through_its_mapping(tmp_path: Path) -> None:
    """An auditor checks the export as it came: findings point at its cells."""
    path, mapping = export(
        tmp_path,
        [
            [
                1,
                NIPS[0],
                "Siti",
                "Epidemiolog Kesehatan Ahli Muda",
                "Bidang Pencegahan dan Pengendalian Penyakit",
                "",
            ]
        ],
    )
    args = [BASE, str(path), "--mapping", str(mapping)]
    validated = CliRunner().invoke(main, ["validate", *args])
    assert validated.exit_code == 0, validated.output
    checked = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    assert checked.exit_code == 1, checked.output
    import json

    mine = [f for f in json.loads(checked.stdout)["findings"] if f["record"]["id"] == f"ex-dinkes-n{NIPS[0]}"]
    assert mine and {(f["location"]["file"], f["location"]["sheet"]) for f in mine} == {
        (str(path), "DATA PEGAWAI")
    }
    unmapped = CliRunner().invoke(main, ["check", *args[:2], "--format", "json"])
    assert unmapped.exit_code == 2  # the export is no data as it stands: never read as if it were
