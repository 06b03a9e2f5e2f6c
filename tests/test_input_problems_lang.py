"""One language at a time (issue 17): the problems met while READING a file (YAML and JSON syntax and
structure, an empty file, CSV syntax, a workbook's cells, the waivers file) are said in the language
of --lang, from the one catalogue (checker/i18n.py); the English stays what logs and tests read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cache.codec import _problem, _problem_out
from checker.cli import main
from checker.load import load_file
from tests.test_xlsx_input import NIP, workbook

VALID = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _broken_yaml(tmp_path: Path) -> list[str]:
    return [str(_write(tmp_path, "dinas.yaml", "opds:\n  - id: dinas\n    name: [Dinas\n"))]


def _json_structure(tmp_path: Path) -> list[str]:
    return [str(VALID), str(_write(tmp_path, "dinas.json", '{"regency": 1}\n'))]


def _empty(tmp_path: Path) -> list[str]:
    return [str(VALID), str(_write(tmp_path, "kosong.yaml", "\n"))]


def _no_document(tmp_path: Path) -> list[str]:
    return [str(VALID), str(_write(tmp_path, "catatan.yaml", "# nothing yet\n"))]


def _csv_syntax(tmp_path: Path) -> list[str]:
    return [str(VALID), str(_write(tmp_path, "pegawai.csv", 'id,name\ne-1,"Si"ti\n'))]


def _workbook(tmp_path: Path) -> list[str]:
    path = workbook(tmp_path / "d.xlsx", {"Pegawai": [["id", "name", "nip"], ["e-1", "Siti", int(NIP)]]})
    return [str(VALID), str(path)]


def _waivers(tmp_path: Path) -> list[str]:
    waivers = _write(tmp_path, "waivers.yaml", "waivers:\n  - id: w\n    rule: x\n")
    return [str(VALID), "--waivers", str(waivers)]


# (inputs, the problem's code, its English start, its Indonesian start)
CASES = {
    "yaml": (_broken_yaml, "yaml.syntax", "YAML syntax error: ", "galat sintaks YAML: "),
    "json": (
        _json_structure,
        "json.structure",
        "`regency` must be an object",
        "`regency` harus berupa objek",
    ),
    "empty": (_empty, "input.empty", "file is empty", "berkas kosong"),
    "no-document": (_no_document, "input.empty", "file holds no YAML", "berkas tidak memuat dokumen YAML"),
    "csv": (_csv_syntax, "csv.syntax", "CSV syntax error: ", "galat sintaks CSV: "),
    "xlsx": (_workbook, "sheet.numeric-nip", "NIP 1.98", "NIP 1.98"),
    "waivers": (_waivers, "waivers.schema", "waivers: ", "pengesampingan: "),
}


def _messages(lang: str, args: list[str], code: str) -> list[str]:
    result = CliRunner().invoke(main, ["validate", "--lang", lang, *args])
    assert result.exit_code in (1, 2), result.output
    out = [line.split(f": {code}: ", 1)[1] for line in result.stdout.splitlines() if f": {code}: " in line]
    assert out, result.output
    return out


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_reading_problem_in_the_language_asked_for(tmp_path: Path, case: str) -> None:
    make, code, en_start, id_start = CASES[case]
    args = make(tmp_path)
    in_en, in_id = _messages("en", args, code), _messages("id", args, code)
    assert len(in_en) == len(in_id)
    for en, id_ in zip(in_en, in_id, strict=True):
        assert en.startswith(en_start) and id_.startswith(id_start), (en, id_)
        assert en != id_  # Indonesian under --lang id (before: English, or "English / Indonesian")
        assert " / " not in en


def test_the_english_and_indonesian_sentences(tmp_path: Path) -> None:
    (en,) = _messages("en", _no_document(tmp_path), "input.empty")
    assert en == "file holds no YAML document"
    (id_,) = _messages("id", _workbook(tmp_path), "sheet.numeric-nip")
    assert "Teks" in id_ and "Text" not in id_
    problems = _messages("id", _waivers(tmp_path), "waivers.schema")
    assert all(p.startswith("pengesampingan: ") and "waivers:" not in p for p in problems)


def test_libyaml_detail_is_kept_in_the_translated_sentence(tmp_path: Path) -> None:
    (problem,) = load_file(*_broken_yaml(tmp_path)).problems
    detail = problem.message.removeprefix("YAML syntax error: ")
    assert detail != problem.message and problem.message_id == f"galat sintaks YAML: {detail}"


def test_a_problem_read_through_the_cache_keeps_both_languages(tmp_path: Path) -> None:
    (problem,) = load_file(*_broken_yaml(tmp_path)).problems
    assert _problem(json.loads(json.dumps(_problem_out(problem)))) == problem
    args = ["check", "--cache-dir", str(tmp_path / "cache"), "--lang", "id", *_json_structure(tmp_path)]
    first, second = CliRunner().invoke(main, args), CliRunner().invoke(main, args)
    assert first.exit_code == second.exit_code == 2
    assert first.stderr == second.stderr and "`regency` harus berupa objek" in first.stderr
