"""`sistemkerja template` and `sistemkerja convert`: an empty workbook from the schemas, and
YAML -> xlsx -> YAML giving the same records."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from checker.cli import main
from checker.load import load_paths
from checker.model import COLLECTIONS
from tests.test_xlsx_input import NIP, workbook

ROOT = Path(__file__).resolve().parent.parent


def records(path: Path) -> tuple[object, dict[str, list[dict[str, object]]]]:
    loaded = load_paths([str(path)])
    assert loaded.problems == []
    by_kind = {
        k: sorted((r.data for r in loaded.regency.records[k]), key=lambda d: str(d["id"]))
        for k in COLLECTIONS
    }
    return loaded.regency.regency, by_kind


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("regency", ["examples", "gianyar"])
def test_yaml_to_xlsx_to_yaml_gives_the_same_records(regency: str, tmp_path: Path) -> None:
    src = ROOT / "data" / regency
    run("convert", str(src), "-o", str(tmp_path / "all.xlsx"))
    run("convert", str(tmp_path / "all.xlsx"), "-o", str(tmp_path / "yaml"))
    assert (tmp_path / "yaml" / "regency.yaml").is_file()
    assert records(tmp_path / "yaml") == records(src)
    run("convert", str(src), "-o", str(tmp_path / "books"))  # a workbook per file, read as they are
    assert records(tmp_path / "books") == records(src)


def test_convert_writes_one_yaml_file_per_opd(tmp_path: Path) -> None:
    run("convert", str(ROOT / "data" / "examples"), "-o", str(tmp_path / "x.xlsx"))
    run("convert", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "y"))
    names = sorted(p.name for p in (tmp_path / "y").glob("*.yaml"))
    assert {"ex-dinkes.yaml", "ex-setda.yaml", "regency.yaml"} <= set(names)


def test_convert_refuses_broken_data_and_writes_nothing(tmp_path: Path) -> None:
    workbook(tmp_path / "d.xlsx", {"Pegawai": [["id", "name", "nip"], ["e-1", "Siti", int(NIP)]]})
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "d.xlsx"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Pegawai!C2: sheet.numeric-nip" in result.output
    assert not (tmp_path / "out").exists()


def test_convert_never_overwrites(tmp_path: Path) -> None:
    src = tmp_path / "x.xlsx"
    run("convert", str(ROOT / "data" / "examples"), "-o", str(src))
    result = CliRunner().invoke(main, ["convert", str(ROOT / "data" / "examples"), "-o", str(src)])
    assert result.exit_code == 2 and "--force" in result.output
    result = CliRunner().invoke(main, ["convert", str(src), "--to", "xlsx", "-o", str(src), "--force"])
    assert result.exit_code == 2 and "is an input" in result.output


def test_the_template_has_a_sheet_per_collection_comments_lists_and_text_nip(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    run("template", "--format", "xlsx", "-o", str(path))
    wb = load_workbook(path)
    assert (
        "Pegawai" in wb.sheetnames and "Tim Kerja" in wb.sheetnames and wb["_lists"].sheet_state == "hidden"
    )
    staff = wb["Pegawai"]
    header = {c.value: c for c in staff[1]}
    assert "Nomor Induk Pegawai" in header["nip"].comment.text
    assert staff.column_dimensions[header["nip"].column_letter].number_format == "@"
    positions = wb["Jabatan"]
    grade = next(c for c in positions[1] if c.value == "grade")
    (check,) = [
        dv for dv in positions.data_validations.dataValidation if grade.column_letter in str(dv.sqref)
    ]
    assert check.type == "list"
    listed = wb["_lists"]
    column = check.formula1.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
    values = [c.value for c in listed[column] if c.value]
    assert values[:2] == ["jpt_madya", "jpt_pratama"]
    assert "members.employee" in [c.value for c in wb["Tim Kerja"][1]]


def test_a_filled_template_is_read_as_data(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    run("template", "-o", str(path))
    wb = load_workbook(path)
    staff = wb["Pegawai"]
    column = {c.value: c.column for c in staff[1]}
    staff.cell(2, column["id"], "e-1")
    staff.cell(2, column["name"], "Siti")
    staff.cell(2, column["nip"], NIP)
    wb.save(path)
    loaded = load_paths([str(path)])
    assert loaded.problems == []
    assert [r.data for r in loaded.regency.records["employees"]] == [
        {"id": "e-1", "name": "Siti", "nip": NIP}
    ]
