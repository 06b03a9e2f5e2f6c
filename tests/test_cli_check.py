"""`sistemkerja check` and `validate` end to end on the made-up pack: formats, outputs, waivers,
exit codes, and what reaches stdout and stderr."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft4Validator

from checker.cli import main
from checker.report import FORMATS

TESTS = Path(__file__).resolve().parent
PACKS = TESTS / "fixtures" / "packs"
REGENCY = TESTS / "fixtures" / "regency-contoh"
WAIVERS = TESTS / "fixtures" / "reports" / "waivers.yaml"
BAD_WAIVERS = TESTS / "fixtures" / "reports" / "waivers-bad.yaml"
SARIF_SCHEMA = json.loads((TESTS / "vendor" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RULE = "contoh.assessor-administrator"


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a scratch directory with the made-up pack on the rules path."""
    monkeypatch.setenv("SISTEMKERJA_RULES", str(PACKS))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def make_regency(name: str = "contoh", delegation: bool = False) -> str:
    """A copy of the fixture regency; without its delegation k-a2 and k-a3 are open errors."""
    shutil.copytree(REGENCY, name)
    if not delegation:
        dinas = Path(name, "dinas.yaml")
        dinas.write_text(dinas.read_text(encoding="utf-8").split("delegations:")[0], encoding="utf-8")
    return name


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def findings(result: Result) -> list[tuple[str, str, str]]:
    doc = json.loads(result.stdout)
    return [(f["rule_id"], f["record"]["id"], f["status"]) for f in doc["findings"]]


# ---- exit codes


def test_exit_0_when_clean() -> None:
    data = make_regency(delegation=True)  # both findings are excepted
    result = run("check", data)
    assert result.exit_code == 0, result.output
    assert "2 dikecualikan" in result.stdout


def test_exit_1_on_findings_and_fail_on() -> None:
    data = make_regency()
    assert run("check", data).exit_code == 1
    assert run("check", data, "--fail-on", "never").exit_code == 0
    assert run("check", data, "--fail-on", "warning").exit_code == 1


@pytest.mark.parametrize(
    "args,message",
    [
        (["--format", "pdf"], "unknown format 'pdf'"),
        (["--format", "sarif:"], "a file name must follow"),
        (["--format", "json", "--format", "sarif"], "formats json, sarif would all go to stdout"),
        (["--format", "json:r.out", "--format", "sarif:r.out"], "would both be written to r.out"),
        (["--as-of", "2025-13-01"], "is not a date"),
        (["--waivers", "nowhere.yaml"], "does not exist"),
    ],
)
def test_exit_2_on_usage_errors(args: list[str], message: str) -> None:
    result = run("check", make_regency(), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_exit_2_when_the_input_cannot_be_read() -> None:
    result = run("check", "missing-folder")
    assert result.exit_code == 2 and "no such file or directory" in result.stderr
    Path("broken").mkdir()
    Path("broken/a.yaml").write_text("opds: [\n", encoding="utf-8")
    result = run("check", "broken", "--format", "json")
    assert result.exit_code == 2 and "yaml.syntax" in result.stderr


def test_exit_2_on_data_problems_with_the_problems_in_machine_reports() -> None:
    data = make_regency()
    regency = Path(data, "regency.yaml")
    regency.write_text(regency.read_text(encoding="utf-8") + "  colour: blue\n", encoding="utf-8")
    result = run("check", data, "--lang", "en", "--format", "github", "--format", "sarif:problems.sarif")
    assert result.exit_code == 2
    assert "unknown field 'colour'" in result.stderr
    assert result.stdout.startswith("::error file=contoh/regency.yaml,line=")
    sarif = json.loads(Path("problems.sarif").read_text(encoding="utf-8"))
    Draft4Validator(SARIF_SCHEMA).validate(sarif)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["schema"]


def test_exit_2_when_the_report_cannot_be_written() -> None:
    result = run("check", make_regency(), "--format", "json:no/such/dir/out.json")
    assert result.exit_code == 2 and "cannot write the report" in result.stderr


def test_help_documents_exit_codes_and_formats() -> None:
    out = run("check", "--help").stdout
    assert "Exit codes:" in out and "0  clean" in out and "2  the check could not run" in out
    for fmt in FORMATS:
        assert fmt in out
    assert "Exit codes:" in run("validate", "--help").stdout


# ---- outputs


def test_several_formats_in_one_run() -> None:
    data = make_regency()
    result = run(
        "check",
        data,
        "--lang",
        "en",
        "--format",
        "sarif:out.sarif",
        "--format",
        "json",
        "--format",
        "html:out.html",
    )
    assert result.exit_code == 1
    assert findings(result) == [(RULE, "k-a2", "open"), (RULE, "k-a3", "open")]
    sarif = json.loads(Path("out.sarif").read_text(encoding="utf-8"))
    Draft4Validator(SARIF_SCHEMA).validate(sarif)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
    ]
    assert uris == ["contoh/dinas.yaml", "contoh/dinas.yaml"]
    assert "Assessor e-kasi of e-a2 has grade pengawas" in Path("out.html").read_text(encoding="utf-8")
    # the summary is on stderr when no text report is on stdout
    assert "2 findings: 2 errors" in result.stderr


def test_output_file_takes_the_format_without_a_file() -> None:
    result = run("check", make_regency(), "--format", "junit", "--output", "report.xml")
    assert result.exit_code == 1
    assert result.stdout == ""
    root = ET.parse("report.xml").getroot()
    assert root.get("failures") == "2"
    assert {c.get("classname") for c in root.iter("testcase")} == {RULE}


def test_reports_are_byte_identical_across_runs() -> None:
    data = make_regency()
    Path(data, "waivers.yaml").write_bytes(WAIVERS.read_bytes())
    for n in (1, 2):
        specs = [a for fmt in FORMATS for a in ("--format", f"{fmt}:run{n}.{fmt}")]
        assert run("check", data, *specs).exit_code == 1
    for fmt in FORMATS:
        assert Path(f"run1.{fmt}").read_bytes() == Path(f"run2.{fmt}").read_bytes(), fmt
    assert run("check", data, "--format", "json").stdout == Path("run1.json").read_text(encoding="utf-8")


def test_stdout_holds_only_the_report_and_progress_goes_to_stderr() -> None:
    data = make_regency()
    result = run("check", data, "--format", "json", "--progress")
    json.loads(result.stdout)  # nothing but the report
    assert "sistemkerja: loading: 2/2 files" in result.stderr and "sistemkerja: solving whole" in result.stderr
    quiet = run("check", data, "--format", "json")  # not a terminal: no progress
    assert "loading" not in quiet.stderr
    assert quiet.stdout == result.stdout


def test_each_path_as_its_own_regency() -> None:
    one, two = make_regency("one"), make_regency("two", delegation=True)
    result = run("check", one, two, "--each", "--format", "json", "--progress")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["regencies"] == ["contoh", "contoh"]
    assert [(f["location"]["file"], f["status"]) for f in doc["findings"]] == [
        ("one/dinas.yaml", "open"),
        ("one/dinas.yaml", "open"),
        ("two/dinas.yaml", "excepted"),
        ("two/dinas.yaml", "excepted"),
    ]
    assert "one checked" in result.stderr and "two checked" in result.stderr and "[2/2]" in result.stderr
    # two folders that each carry a regency header are two regencies even without --each
    apart = run("check", one, two, "--format", "json")
    assert apart.exit_code == 1 and json.loads(apart.stdout)["findings"] == doc["findings"]


# ---- waivers


def test_default_waivers_beside_the_data() -> None:
    data = make_regency()
    Path(data, "waivers.yaml").write_bytes(WAIVERS.read_bytes())
    result = run("check", data, "--format", "json", "--as-of", "2025-03-01")
    assert result.exit_code == 1  # k-a3's waiver has expired, and that is an error
    assert findings(result) == [
        (RULE, "k-a2", "waived"),
        (RULE, "k-a3", "open"),
        ("waiver.unused", "contoh/waivers.yaml:9", "open"),
        ("waiver.expired", "w-a3-old", "open"),
    ]
    doc = json.loads(result.stdout)
    assert doc["findings"][0]["waiver"]["reason"] == "The Kasi assesses until the new Kabid is installed"
    assert doc["findings"][3]["location"] == {"file": "contoh/waivers.yaml", "line": 13, "column": 5}


def test_waivers_follow_the_as_of_date() -> None:
    data = make_regency()
    Path(data, "waivers.yaml").write_bytes(WAIVERS.read_bytes())
    early = run("check", data, "--format", "json", "--as-of", "2025-01-31")  # w-a3-old's last day
    assert [s for _, _, s in findings(early)] == ["waived", "waived", "open"]  # + the unused glob
    late = run("check", data, "--format", "json", "--as-of", "2025-07-01")  # both lapsed
    assert {r for r, _, s in findings(late) if s == "open"} == {RULE, "waiver.expired", "waiver.unused"}
    assert sum(r == "waiver.expired" for r, _, _ in findings(late)) == 2


def test_all_findings_waived_is_clean_and_sarif_shows_suppressions() -> None:
    data = make_regency()
    Path("w.yaml").write_text(
        "waivers:\n"
        "  - {rule: contoh.assessor-administrator, record: 'k-a[23]', reason: Reorganisation, "
        "approved_by: Sekda, expires: '2025-12-31'}\n",
        encoding="utf-8",
    )
    result = run("check", data, "--waivers", "w.yaml", "--format", "sarif", "--fail-on", "warning")
    assert result.exit_code == 0, result.stderr
    sarif = json.loads(result.stdout)
    Draft4Validator(SARIF_SCHEMA).validate(sarif)
    sups = [r["suppressions"][0] for r in sarif["runs"][0]["results"]]
    assert [s["justification"] for s in sups] == ["Reorganisation", "Reorganisation"]
    assert sups[0]["location"]["physicalLocation"]["artifactLocation"]["uri"] == "w.yaml"


def test_ignore_waivers_shows_everything() -> None:
    data = make_regency()
    Path(data, "waivers.yaml").write_bytes(BAD_WAIVERS.read_bytes())  # not even read
    result = run("check", data, "--format", "json", "--ignore-waivers")
    assert result.exit_code == 1
    assert findings(result) == [(RULE, "k-a2", "open"), (RULE, "k-a3", "open")]


def test_malformed_waivers_are_an_input_error() -> None:
    result = run("check", make_regency(), "--waivers", str(BAD_WAIVERS), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "waivers-bad.yaml:2:5: waivers.schema: waivers: missing required field" in result.stderr
    assert "--ignore-waivers" in result.stderr


# ---- validate


def test_validate_formats_and_exit_codes() -> None:
    data = make_regency()
    Path(data, "waivers.yaml").write_bytes(WAIVERS.read_bytes())  # checked as waivers, not as data
    ok = run("validate", data, "--format", "sarif")
    assert ok.exit_code == 0, ok.stderr
    Draft4Validator(SARIF_SCHEMA).validate(json.loads(ok.stdout))
    assert json.loads(ok.stdout)["runs"][0]["results"] == []

    Path(data, "waivers.yaml").write_bytes(BAD_WAIVERS.read_bytes())
    unit = Path(data, "dinas.yaml")
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("kind: bidang", "kind: bidangg"), encoding="utf-8"
    )
    bad = run(
        "validate", data, "--format", "github", "--format", "json:problems.json", "--format", "junit:v.xml"
    )
    assert bad.exit_code == 1
    lines = bad.stdout.splitlines()
    assert lines and all(line.startswith("::error file=contoh/") for line in lines)
    assert any("title=schema" in line and "bidangg" in line for line in lines)
    assert any("title=waivers.date" in line for line in lines)
    problems = json.loads(Path("problems.json").read_text(encoding="utf-8"))
    assert problems["schema_version"] == "1.0" and len(problems["problems"]) == len(lines)
    assert ET.parse("v.xml").getroot().get("failures") == str(len(lines))


def test_console_script_flushes_everything_and_keeps_exit_codes() -> None:
    # the console entry leaves through os._exit (no heap teardown): nothing may be lost on the way
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-c", "from checker.cli import run; run()", *args]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=root, timeout=120)

    found = run("check", "data/examples", "--no-cache", "--format", "json")
    assert found.returncode == 1
    assert len(json.loads(found.stdout)["findings"]) == 44  # the whole report arrived
    assert run("check", "data/tanah-laut", "--no-cache").returncode == 0
    usage = run("check", "no/such/folder")
    assert usage.returncode == 2 and "no such file or directory" in usage.stderr
    assert ", version " in run("--version").stdout


def test_waivers_belong_to_their_regency_under_each() -> None:
    """Two regencies whose waivers files both use id w1: one waiver is stale, the other is used;
    each is reported at its own file (they once merged by id: the stale one vanished)."""
    for name, record in (("used", "k-a2"), ("stale", "k-zz")):
        make_regency(name)
        Path(name, "waivers.yaml").write_text(
            f"waivers:\n  - id: w1\n    rule: {RULE}\n    record: {record}\n"
            "    reason: test\n    expires: '2025-12-31'\n",
            encoding="utf-8",
        )
    result = run("check", "used", "stale", "--each", "--format", "json")
    doc = json.loads(result.stdout)
    unused = [(f["record"]["id"], f["location"]["file"]) for f in doc["findings"] if f["rule_id"] == "waiver.unused"]
    assert unused == [("w1", "stale/waivers.yaml")]
    states = {(w["id"], w["location"]["file"]): w["state"] for w in doc["waivers"]}
    assert states == {("w1", "used/waivers.yaml"): "active", ("w1", "stale/waivers.yaml"): "unused"}


def test_rules_dir_on_check_finds_the_pack_and_keys_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SISTEMKERJA_RULES")
    name = make_regency()
    assert run("check", name).exit_code == 2  # the made-up pack is nowhere on the default path
    packs = tmp_path / "packs"
    shutil.copytree(PACKS, packs)
    args = ("check", name, "--rules-dir", str(packs), "--format", "json", "--cache-dir", str(tmp_path / "c"))
    cold, warm = run(*args), run(*args)
    assert cold.exit_code == warm.exit_code == 1 and cold.stdout == warm.stdout
    pack_yaml = next(packs.rglob("pack.yaml"))
    topic = next(p for p in pack_yaml.parent.glob("*.yaml") if p.name != "pack.yaml")
    topic.write_text(topic.read_text(encoding="utf-8").replace("severity: error", "severity: warning"), encoding="utf-8")
    edited = run(*args)  # an edited pack in a --rules-dir is never served from the cache
    assert edited.stdout != cold.stdout


def test_regulation_takes_a_pack_id_not_a_path() -> None:
    name = make_regency()
    result = run("check", name, "--regulation", str(PACKS / "perbup-contoh-1-2025"))
    assert result.exit_code == 2 and "is not a rule pack id" in result.output and "--rules-dir" in result.output


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "sarif", "github"])
def test_a_date_before_the_regulation_says_nothing_was_checked(fmt: str) -> None:
    name = make_regency()
    result = run("check", name, "--as-of", "2020-01-01", "--format", fmt, "--lang", "en")
    assert result.exit_code == 0  # no finding: not a failure, but never a silent clean report
    assert "is not in force on 2020-01-01" in result.stdout
    if fmt == "json":
        doc = json.loads(result.stdout)
        assert [n["code"] for n in doc["notices"]] == ["regulation.not-in-force"]
    if fmt == "sarif":
        sarif = json.loads(result.stdout)
        Draft4Validator(SARIF_SCHEMA).validate(sarif)
        notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert notes[0]["descriptor"]["id"] == "regulation.not-in-force"
    strict = run("check", name, "--as-of", "2020-01-01", "--require-in-force")
    assert strict.exit_code == 2 and "--require-in-force" in strict.output
    assert "is not in force" not in run("check", name, "--lang", "en").stdout  # in force: no notice
