"""Regency data as .xlsx workbooks and CSV files: one sheet (file) per collection, records and
values located at their cells, findings pointing at `file.xlsx:Sheet!B12` in every format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from checker.cache.codec import decode_file, encode_file
from checker.cli import main
from checker.load import load_file
from checker.model import Location

ROOT = Path(__file__).resolve().parent.parent
NIP = "198203142006041002"


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook written by openpyxl: sheet title -> rows (the first is the header)."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_sheet_per_collection_read_as_yaml_types_them(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "pegawai.xlsx",
        {
            "Pegawai": [["id", "NIP", "Nama", "Unit Kerja"], ["e-1", NIP, "Siti", "u-1"]],
            "unit_kerja": [
                ["id", "opd", "name", "independent", "applications"],
                ["u-1", "o", "Umum", True, "a; b"],
            ],
            "Tim Kerja": [
                ["id", "unit", "members.employee", "anggota.peran"],
                ["t-1", "u-1", "e-1", "ketua"],
                [None, None, "e-2", "anggota"],
            ],
        },
    )
    result = load_file(str(path))
    assert result.problems == []
    (emp,) = result.records["employees"]
    assert emp.data == {"id": "e-1", "nip": NIP, "name": "Siti", "unit": "u-1"}
    assert emp.location == Location(str(path), 2, 1, "Pegawai")
    assert emp.field_location("nip") == Location(str(path), 2, 2, "Pegawai")
    assert str(emp.field_location("nip")) == f"{path}:Pegawai!B2"
    (unit,) = result.records["units"]
    assert unit.data["independent"] is True and unit.data["applications"] == ["a", "b"]
    (team,) = result.records["teams"]
    assert team.data["members"] == [
        {"employee": "e-1", "role": "ketua"},
        {"employee": "e-2", "role": "anggota"},
    ]
    assert str(team.field_location("members.1.employee")) == f"{path}:Tim Kerja!C3"


def test_null_true_and_numbers_are_typed_as_yaml_would(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "d.xlsx",
        {"units": [["id", "opd", "name", "parent", "head"], ["u", "o", 12, "null", "true"]]},
    )
    (unit,) = load_file(str(path)).records["units"]
    assert unit.data == {"id": "u", "opd": "o", "name": "12", "parent": None, "head": True}


def test_a_workbooks_cell_survives_the_cache(tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"Pegawai": [["id", "name", "nip"], ["e-1", "Siti", "123"]]})
    result = load_file(str(path), schema=True)
    blob = encode_file(result)
    assert blob is not None
    again = decode_file(blob, str(path))
    assert again == result
    assert again.records["employees"][0].field_location("name") == Location(str(path), 2, 2, "Pegawai")
    assert again.problems[0].location.sheet == "Pegawai"


def test_csv_files_are_tables_too(tmp_path: Path) -> None:
    (tmp_path / "dinkes.pegawai.csv").write_text(
        f'id;nama;nip\ne-1;"Siti; S.Kep";{NIP}\ne-2;Budi;{NIP}\n', encoding="utf-8"
    )
    result = load_file(str(tmp_path / "dinkes.pegawai.csv"))
    assert result.problems == []
    first, second = result.records["employees"]
    assert first.data == {"id": "e-1", "name": "Siti; S.Kep", "nip": NIP}
    assert second.field_location("nip") == Location(str(tmp_path / "dinkes.pegawai.csv"), 3, 3)


def test_a_csv_file_named_for_no_collection_says_which_it_could_be(tmp_path: Path) -> None:
    (tmp_path / "pegawia.csv").write_text("id\ne\n", encoding="utf-8")
    (problem,) = load_file(str(tmp_path / "pegawia.csv")).problems
    assert problem.code == "sheet.unknown-table" and "pegawai" in problem.message


def _checked(path: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["check", str(path), "--format", fmt, "--no-cache"])
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.fixture(scope="module")
def examples_as_workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.test_xlsx_regencies import as_workbooks

    return as_workbooks(ROOT / "data" / "examples", tmp_path_factory.mktemp("wb"))


def test_findings_point_at_the_cell_in_every_format(examples_as_workbooks: Path) -> None:
    text = _checked(examples_as_workbooks, "text")
    assert "dinkes.xlsx:Kedudukan!A" in text
    doc = json.loads(_checked(examples_as_workbooks, "json"))
    loc = doc["findings"][0]["location"]
    assert loc["sheet"] and loc["cell"] == f"{loc['sheet']}!A{loc['line']}"
    sarif = json.loads(_checked(examples_as_workbooks, "sarif"))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["properties"]["cell"].endswith(f"!A{region['startLine']}")
    assert ".xlsx:Kedudukan!A" in _checked(examples_as_workbooks, "html")


def test_a_schema_problem_points_at_the_cell(tmp_path: Path) -> None:
    workbook(tmp_path / "d.xlsx", {"Pegawai": [["id", "name", "unit"], ["e-1", "Siti", "Bidang Umum"]]})
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "d.xlsx")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'd.xlsx'}:Pegawai!C2: schema" in result.output
