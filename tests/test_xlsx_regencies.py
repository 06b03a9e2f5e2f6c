"""Proof on realistic data: the shipped regencies written as workbooks (one per OPD file, by
checker.load.xlsx_output) give the findings their YAML gives, locations aside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.load import load_file, xlsx_output

ROOT = Path(__file__).resolve().parent.parent


def as_workbooks(src: Path, out: Path) -> Path:
    """Each YAML file of a regency as a workbook of the same name."""
    for path in sorted(src.glob("*.yaml")):
        res = load_file(str(path))
        assert res.problems == []
        records = {kind: [r.data for r in recs] for kind, recs in res.records.items()}
        xlsx_output.workbook(res.header, records).save(out / f"{path.stem}.xlsx")
    return out


def findings(path: Path) -> list[tuple[str, str, str, str]]:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.stdout)
    return sorted((f["rule_id"], f["record"]["id"], f["severity"], f["status"]) for f in doc["findings"])


@pytest.mark.parametrize("regency", ["tanah-laut", "gianyar", "examples"])
def test_a_regency_as_workbooks_has_the_findings_of_its_yaml(regency: str, tmp_path: Path) -> None:
    """The shipped regencies are clean (no findings, no data problem), the examples are not."""
    src = ROOT / "data" / regency
    converted = as_workbooks(src, tmp_path)
    expected = findings(src)
    assert CliRunner().invoke(main, ["validate", str(converted)]).exit_code == 0
    assert findings(converted) == expected
    assert bool(expected) == (regency == "examples")


def test_two_workbook_regencies_given_together_are_checked_apart(tmp_path: Path) -> None:
    """Each folder holds a workbook with a regency sheet: two regencies, as two YAML folders are."""
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir()
        as_workbooks(ROOT / "data" / "examples", folder)
    result = CliRunner().invoke(main, ["check", str(one), str(two), "--format", "json", "--no-cache"])
    assert result.exit_code == 1, result.output  # findings, not data.duplicate-regency (exit 2)
    doc = json.loads(result.stdout)
    assert len(doc["findings"]) == 2 * len(findings(ROOT / "data" / "examples"))


def test_junit_and_github_point_at_the_cell(tmp_path: Path) -> None:
    converted = as_workbooks(ROOT / "data" / "examples", tmp_path)
    junit = CliRunner().invoke(main, ["check", str(converted), "--format", "junit", "--no-cache"]).stdout
    assert "dinkes.xlsx:Kedudukan!" in junit
    github = CliRunner().invoke(main, ["check", str(converted), "--format", "github", "--no-cache"]).stdout
    assert "dinkes.xlsx,line=2,col=1," in github and "::[Kedudukan!A2] " in github
