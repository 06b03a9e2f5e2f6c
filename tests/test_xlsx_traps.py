"""What spreadsheets get wrong, each a clear problem at its cell (in English and Indonesian), tested
with real workbooks written by openpyxl: a numeric NIP, dates as serials or dd/mm/yyyy, merged
cells, hidden sheets, formulas without a saved value, spaces, an empty row in the middle, a header
typo. No bytes give a traceback."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from checker.load import load_file
from checker.model import Problem
from tests.test_xlsx_input import NIP, workbook

HEAD = ["id", "name", "nip"]


def problems(path: Path) -> list[tuple[str, str]]:
    """(code, cell) of each problem."""
    return [(p.code, p.location.cell) for p in load_file(str(path)).problems]


def only(path: Path) -> Problem:
    (problem,) = load_file(str(path)).problems
    return problem


def test_a_numeric_nip_is_refused_with_how_to_fix_it(tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"Pegawai": [HEAD, ["e-1", "Siti", int(NIP)], ["e-2", "Budi", NIP]]})
    problem = only(path)
    assert (problem.code, problem.location.cell) == ("sheet.numeric-nip", "Pegawai!C2")
    assert "15 significant digits" in problem.message and "Text" in problem.message
    assert "Teks" in problem.message_id  # and in Indonesian
    (kept,) = load_file(str(path)).records["employees"]
    assert kept.id == "e-2"  # the row with the lost NIP is not read as if it were whole


def test_an_nip_excel_already_wrote_in_scientific_notation_is_refused_in_csv(tmp_path: Path) -> None:
    (tmp_path / "pegawai.csv").write_text("id,name,nip\ne-1,Siti,1.98203E+17\n", encoding="utf-8")
    problem = only(tmp_path / "pegawai.csv")
    assert (problem.code, problem.location.line, problem.location.column) == ("sheet.numeric-nip", 2, 3)


def test_dates_from_date_cells_serials_and_day_month_year_text(tmp_path: Path) -> None:
    head = ["id", "employee", "unit", "assessor", "start", "end", "decree_date"]
    path = workbook(
        tmp_path / "d.xlsx",
        {"Kedudukan": [head, ["p", "e", "u", "a", datetime(2024, 6, 4), 45447, "05/07/2024"]]},
    )
    (rec,) = load_file(str(path)).records["placements"]
    assert (rec.data["start"], rec.data["end"], rec.data["decree_date"]) == (
        "2024-06-04",
        "2024-06-04",
        "2024-07-05",
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("31/02/2024", "sheet.date-invalid"),
        (45447.5, "sheet.date-serial"),
        (datetime(2024, 6, 4, 9, 30), "sheet.date-time"),
    ],
)
def test_a_date_that_is_not_one_is_refused_at_its_cell(value: Any, code: str, tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"Kedudukan": [["id", "start"], ["p", value]]})
    assert problems(path) == [(code, "Kedudukan!B2")]


def test_a_date_cell_in_a_text_field_is_its_iso_date(tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"Pegawai": [["id", "name"], ["e", date(2024, 1, 2)]]})
    assert load_file(str(path)).records["employees"][0].data["name"] == "2024-01-02"


def test_merged_cells_are_refused_at_their_first_cell(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    for row in (HEAD, ["e-1", "Siti", NIP], ["e-2", None, NIP]):
        ws.append(row)
    ws.merge_cells("B2:B3")
    wb.save(path)
    problem = only(path)
    assert (problem.code, problem.location.cell) == (
        "sheet.merged",
        "Pegawai!B2",
    ) and "B2:B3" in problem.message


def test_a_hidden_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    wb = Workbook()
    wb.active.title = "Pegawai"
    hidden = wb.create_sheet("Jabatan")
    hidden.append(["id", "name"])
    hidden.sheet_state = "hidden"
    lists = wb.create_sheet("_lists")  # a template's lists: not read
    lists.append(["anything"])
    lists.sheet_state = "hidden"
    wb.save(path)
    problem = only(path)
    assert (problem.code, problem.location.cell) == ("sheet.hidden", "Jabatan!A1")


def _formula_workbook(path: Path, saved: str | None) -> Path:
    workbook(path, {"Pegawai": [["id", "name"], ["e-1", '=UPPER("siti")']]})
    if saved is None:
        return path  # openpyxl saves a formula without its value, as a program that never computed it
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b'<c r="B2"><f>UPPER("siti")</f><v /></c>',
        f'<c r="B2" t="str"><f>UPPER("siti")</f><v>{saved}</v></c>'.encode(),
    )
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_a_formula_gives_its_saved_value(tmp_path: Path) -> None:
    path = _formula_workbook(tmp_path / "d.xlsx", "SITI")
    assert load_file(str(path)).records["employees"][0].data == {"id": "e-1", "name": "SITI"}


def test_a_formula_without_a_saved_value_is_refused_not_read_as_empty(tmp_path: Path) -> None:
    problem = only(_formula_workbook(tmp_path / "d.xlsx", None))
    assert (problem.code, problem.location.cell) == ("sheet.formula-no-value", "Pegawai!B2")


def test_spaces_around_a_value_are_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"Pegawai": [HEAD, ["e-1", "Siti ", NIP]]})
    problem = only(path)
    assert (problem.code, problem.location.cell) == (
        "sheet.spaces",
        "Pegawai!B2",
    ) and "'Siti '" in problem.message


def test_an_empty_row_in_the_middle_is_refused_but_trailing_ones_are_not(tmp_path: Path) -> None:
    rows = [HEAD, ["e-1", "Siti", NIP], [None, None, None], ["e-2", "Budi", NIP], [None], [None]]
    path = workbook(tmp_path / "d.xlsx", {"Pegawai": rows})
    assert problems(path) == [("sheet.empty-row", "Pegawai!A3")]
    assert len(load_file(str(path)).records["employees"]) == 2


def test_a_header_typo_says_what_it_might_be(tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"Pegawai": [["id", "nmae", "jabatn"], ["e-1", "Siti", "p"]]})
    found = load_file(str(path)).problems
    assert [(p.code, p.location.cell) for p in found] == [
        ("sheet.unknown-column", "Pegawai!B1"),
        ("sheet.unknown-column", "Pegawai!C1"),
    ]
    assert "name" in found[0].message and "jabatan" in found[1].message


def test_a_sheet_name_typo_and_a_missing_id_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"Pegawia": [["id"], ["e"]], "Jabatan": [["name"], ["x"]]})
    found = load_file(str(path)).problems
    assert [(p.code, p.location.cell) for p in found] == [
        ("sheet.unknown-sheet", "Pegawia!A1"),
        ("sheet.no-id-column", "Jabatan!A1"),
    ]
    assert "pegawai" in found[0].message


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "d.xlsx").write_bytes(b"PK\x03\x04 not really")
    problem = only(tmp_path / "d.xlsx")
    assert problem.code == "sheet.unreadable" and problem.location.line == 1


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=200), text=st.text(max_size=80))
def test_any_bytes_or_text_give_problems_never_a_crash(
    raw: bytes, text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("t")
    good = workbook(folder / "g.xlsx", {"Pegawai": [HEAD, ["e-1", "Siti", NIP]]}).read_bytes()
    cut = len(raw) % max(len(good), 1)
    (folder / "d.xlsx").write_bytes(good[:cut] + raw)
    load_file(str(folder / "d.xlsx"))
    (folder / "pegawai.csv").write_text("id,name,nip\n" + text, encoding="utf-8")
    for problem in load_file(str(folder / "pegawai.csv")).problems:
        assert problem.location.line >= 1


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_a_workbook_broken_inside_gives_a_problem_never_a_crash(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Bytes changed inside a part of a valid workbook (its XML, its relations): openpyxl raises
    all kinds of errors on these; each is one unreadable-input problem."""
    folder = tmp_path_factory.mktemp("m")
    good = workbook(folder / "g.xlsx", {"Pegawai": [HEAD, ["e-1", "Siti", NIP]]})
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    body = bytearray(parts[name])
    for _ in range(data.draw(st.integers(1, 4))):
        body[data.draw(st.integers(0, len(body) - 1))] = data.draw(st.sampled_from(b'<>"/= a1\x00'))
    with zipfile.ZipFile(folder / "d.xlsx", "w") as z:
        for part, content in parts.items():
            z.writestr(part, bytes(body) if part == name else content)
    for problem in load_file(str(folder / "d.xlsx")).problems:
        assert problem.location.line >= 1


def test_a_workbook_that_unzips_beyond_the_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = workbook(tmp_path / "d.xlsx", {"Pegawai": [HEAD, ["e-1", "Siti", NIP]]})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * 3_000_000)  # unzips to 3 MB, zipped to a few KB
    assert path.stat().st_size < 100_000
    (problem,) = load_file(str(path), max_bytes=500_000).problems
    assert problem.code == "sheet.unreadable" and "unzip" in problem.message
    assert load_file(str(path)).problems == []  # within the default limit
