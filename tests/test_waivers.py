"""Waivers: reading the file (with locations), matching findings, expiry against a fixed as-of date."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.load.discover import default_waivers as default_files
from checker.load.discover import is_waivers_file
from checker.model import Evidence, Finding, Location, Text
from checker.waivers import (
    RULES,
    Waiver,
    WaiverError,
    apply,
    load_waivers,
    waiver_findings,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
GOOD = str(FIXTURES / "waivers.yaml")
BAD = str(FIXTURES / "waivers-bad.yaml")
RULE = "contoh.assessor-administrator"


def finding(record: str, status: str = "open", rule: str = RULE) -> Finding:
    return Finding(
        rule_id=rule,
        severity="error",
        regulation="perbup-contoh-1-2025",
        citation="Pasal 3",
        record=record,
        record_kind="placements",
        location=Location("dinas.yaml", 37, 5),
        opd="dinas",
        message=Text("m", "m"),
        evidence=(Evidence("employee", "e-a2"),),
        status=status,
    )


def waiver(record: str, expires: str = "2025-06-30", wid: str = "w", rule: str = RULE) -> Waiver:
    return Waiver(wid, rule, record, "because", expires, Location("waivers.yaml", 2, 5))


def test_load_keeps_locations_and_defaults_the_id() -> None:
    loaded = load_waivers([GOOD])
    assert [w.id for w in loaded] == ["w-a2", f"{GOOD}:9", "w-a3-old"]
    first = loaded[0]
    assert first.location == Location(GOOD, 3, 5)
    assert (first.rule, first.record, first.expires) == (RULE, "k-a2", "2025-06-30")
    assert first.approved_by == "Sekda (ND 800/12/2025)"
    assert loaded[1].approved_by == ""


def test_bad_file_reports_every_problem_with_its_line() -> None:
    with pytest.raises(WaiverError) as err:
        load_waivers([BAD])
    got = [(p.code, p.location.line, p.message) for p in err.value.problems]
    assert got == [
        ("waivers.schema", 2, "waivers: missing required field 'waivers[0].reason'"),
        ("waivers.date", 10, "waivers: expires '2025-02-30' is not a real date"),
        ("waivers.reason", 14, "waivers: the reason must not be blank"),
        ("waivers.schema", 21, "waivers: unknown field 'waivers[3].approver'"),
    ]


@pytest.mark.parametrize(
    "text,code",
    [
        ("waivers: [\n", "yaml.syntax"),
        ("- rule: x\n", "waivers.schema"),
        ("waivers:\n  - {rule: x, record: y, reason: z}\n", "waivers.schema"),
        ("other: 1\nwaivers: []\n", "waivers.schema"),
        ("", "input.empty"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WaiverError) as err:
        load_waivers([str(path)])
    assert err.value.problems[0].code == code


def test_empty_list_and_duplicate_ids(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("waivers:\n", encoding="utf-8")
    assert load_waivers([str(empty)]) == []
    dup = tmp_path / "dup.yaml"
    one = "  - {id: w-1, rule: r, record: x, reason: y, expires: '2025-01-01'}\n"
    dup.write_text("waivers:\n" + one + one, encoding="utf-8")
    with pytest.raises(WaiverError) as err:
        load_waivers([str(dup)])
    [problem] = err.value.problems
    assert problem.code == "waivers.duplicate-id" and problem.location.line == 3
    assert f"first at {dup}:2:5" in problem.message


def test_default_files_beside_the_data(tmp_path: Path) -> None:
    data = tmp_path / "regency"
    data.mkdir()
    (data / "dinas.yaml").write_text("opds: []\n", encoding="utf-8")
    assert default_files([str(data)]) == []
    (data / "waivers.yaml").write_text("waivers:\n", encoding="utf-8")
    assert default_files([str(data)]) == [str(data / "waivers.yaml")]
    assert default_files([str(data / "dinas.yaml"), str(data)]) == [str(data / "waivers.yaml")]
    assert is_waivers_file(str(data / "waivers.yaml")) and not is_waivers_file(str(data / "dinas.yaml"))


def test_apply_matches_ids_and_patterns() -> None:
    found = [finding("k-a1"), finding("k-a2"), finding("k-b1"), finding("k-a3", rule="other.rule")]
    out = apply(found, [waiver("k-a*", wid="w-glob"), waiver("k-a2", wid="w-exact")], as_of="2025-03-01")
    assert [(f.record, f.status, f.exception) for f in out.findings] == [
        ("k-a1", "waived", "w-glob"),
        ("k-a2", "waived", "w-glob"),  # the first matching waiver names it; both count as used
        ("k-b1", "open", None),
        ("k-a3", "open", None),  # another rule
    ]
    assert {w.id for w in out.used} == {"w-glob", "w-exact"} and out.expired == set()


def test_expiry_is_inclusive_and_uses_the_as_of_date() -> None:
    w = waiver("k-a2", expires="2025-03-01")
    assert apply([finding("k-a2")], [w], as_of="2025-03-01").findings[0].status == "waived"
    later = apply([finding("k-a2")], [w], as_of="2025-03-02")
    assert later.findings[0].status == "open"
    assert later.expired == {w} and later.used == set()


def test_only_open_and_uncheckable_findings_are_waived() -> None:
    found = [finding("k-1", "excepted"), finding("k-2", "uncheckable")]
    out = apply(found, [waiver("k-1", wid="w-exc"), waiver("k-2", wid="w-unc")], as_of="2025-03-01")
    assert [f.status for f in out.findings] == ["excepted", "waived"]
    assert {w.id for w in out.used} == {"w-unc"}  # a waiver that only meets an excepted finding is unused


def test_waiver_findings_are_located_at_the_waiver() -> None:
    ws = [
        waiver("k-1", wid="w-used"),
        waiver("k-2", wid="w-unused"),
        waiver("k-3", "2024-12-31", wid="w-old"),
    ]
    got = waiver_findings(ws, used={ws[0]}, expired={ws[2]})
    assert [(f.rule_id, f.severity, f.record, f.status) for f in got] == [
        ("waiver.unused", "warning", "w-unused", "open"),
        ("waiver.expired", "error", "w-old", "open"),
    ]
    old = got[1]
    assert old.location == Location("waivers.yaml", 2, 5)
    assert old.message.en == f"Waiver w-old ({RULE} / k-3) expired on 2024-12-31; renew or remove it"
    assert old.message.id.startswith("Pengesampingan w-old")
    assert old.title.en == RULES["waiver.expired"].title["en"]
    assert old.evidence[0] == Evidence("waiver", "w-old", old.location)
