"""Integrity checks: ids, references, unit trees, dates, NIPs, structural positions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.load import load_paths
from checker.model import COLLECTIONS, Location, Record, Regency, pack
from checker.validate.integrity import REFERENCES, check_integrity, parse_date

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal"
INVALID = FIXTURES / "invalid"
DINKES = MINIMAL / "dinkes.yaml"


def load(*paths: Path) -> Regency:
    result = load_paths([str(p) for p in paths])
    assert result.problems == []
    return result.regency


def at(path: Path, line: int, column: int) -> Location:
    return Location(str(path), line, column)


def test_minimal_regency_is_sound():
    assert check_integrity(load(MINIMAL)) == []


# --- one broken fixture, one problem ---------------------------------------------------------

CASES = [
    (
        "integrity-unknown-assessor.yaml",
        "data.unknown-reference",
        "placements k-0002: assessor 'e-9999' is not an employee",
        (6, 15),
    ),
    (
        "integrity-wrong-kind.yaml",
        "data.unknown-reference",
        f"placements k-0002: assessor 'dinkes-p2p' is not an employee; it is a unit ({at(DINKES, 29, 5)})",
        (6, 15),
    ),
    (
        "integrity-unknown-member.yaml",
        "data.unknown-reference",
        "teams tim-02: members[1].employee 'e-epi-3' is not an employee",
        (8, 19),
    ),
    (
        "integrity-duplicate-id.yaml",
        "data.duplicate-id",
        f"targets k-0001: id 'k-0001' is already used by placements k-0001 ({at(DINKES, 89, 5)});"
        " ids must be unique across the regency",
        (3, 9),
    ),
    (
        "integrity-unit-cycle.yaml",
        "data.unit-tree",
        "units dinkes-seksi-a: parent chain loops: dinkes-seksi-a -> dinkes-seksi-b -> dinkes-seksi-a",
        (6, 13),
    ),
    (
        "integrity-two-roots.yaml",
        "data.unit-tree",
        f"units dinkes-sekretariat: OPD 'dinkes' already has a root unit 'dinkes' ({at(DINKES, 21, 5)});"
        " every other unit needs a parent",
        (3, 5),
    ),
    (
        "integrity-no-root.yaml",
        "data.unit-tree",
        "opds bappeda: has no root unit (a unit with `opd: bappeda` and no parent)",
        (3, 5),
    ),
    (
        "integrity-parent-other-opd.yaml",
        "data.unit-tree",
        "units setda-bagian-umum: parent 'dinkes-p2p' belongs to OPD 'dinkes', not to this unit's OPD 'setda'",
        (6, 13),
    ),
    (
        "integrity-bad-date.yaml",
        "data.date",
        "targets t-02: start '2024-02-30' is not a real calendar date",
        (6, 12),
    ),
    (
        "integrity-end-before-start.yaml",
        "data.date",
        "assignments a-02: end 2024-03-31 is before start 2024-07-01",
        (8, 10),
    ),
    (
        "integrity-nip-birth.yaml",
        "data.nip",
        "employees e-baru: nip '198213142006041002': digits 1-8 '19821314' are not a valid birth date (yyyymmdd)",
        (4, 10),
    ),
    (
        "integrity-nip-appointment.yaml",
        "data.nip",
        "employees e-baru: nip '198811111980011003': appointment 1980-01 is not after birth 1988-11-11",
        (4, 10),
    ),
    (
        "integrity-nip-gender.yaml",
        "data.nip",
        "employees e-baru: nip '198811112012123003': digit 15 '3' must be 1 (male) or 2 (female)",
        (4, 10),
    ),
    (
        "integrity-structural-position.yaml",
        "data.structural-position",
        "employees e-baru: position 'dinkes-kabid-p2p' is a structural position (administrator) already held"
        f" by employee 'e-kabid' ({at(DINKES, 70, 5)}); a structural position has one holder",
        (6, 15),
    ),
]


@pytest.mark.parametrize(("name", "code", "message", "where"), CASES)
def test_broken_fixture(name, code, message, where):
    problems = check_integrity(load(MINIMAL, INVALID / name))
    assert [(p.code, p.message, p.location) for p in problems] == [
        (code, message, at(INVALID / name, *where))
    ]
    assert problems[0].record == message.split(" ")[1].rstrip(":")


# --- built in code ---------------------------------------------------------------------------


def make(*records: tuple[str, dict], header: dict | None = None) -> Regency:
    """A regency whose record i sits at f.yaml line i+1; field locations at column 10 of that line."""
    regency = Regency(
        regency=header, regency_location=Location("f.yaml", 1, 1) if header else None, files=["f.yaml"]
    )
    for line, (kind, data) in enumerate(records, start=2):
        fields = {key: pack(line, 10) for key in data} if isinstance(data, dict) else {}
        regency.records[kind].append(Record(kind, data.get("id"), data, Location("f.yaml", line, 1), fields))
    return regency


def messages(regency: Regency) -> list[tuple[str, str]]:
    return [(p.code, p.message) for p in check_integrity(regency)]


BASE = [
    ("opds", {"id": "o", "name": "O", "kind": "dinas"}),
    ("units", {"id": "o", "opd": "o", "name": "O"}),
    ("positions", {"id": "p", "name": "P", "grade": "pelaksana", "unit": "o"}),
    ("employees", {"id": "e-1", "name": "A", "position": "p", "unit": "o", "nip": "198203142006041002"}),
]


def test_every_reference_field_is_checked():
    refs = {
        "units": {"id": "u", "opd": "x1", "parent": "x2", "head": "x3", "name": "U"},
        "opds": {"id": "o2", "name": "O", "kind": "dinas", "parent": "x4"},
        "letters": {
            "id": "s",
            "kind": "jawaban",
            "date": "2024-01-01",
            "assignment": "x5",
            "in_reply_to": "x6",
            "from": "x7",
            "to": {"instansi": "kemenkes", "role": "pejabat_berwenang"},
            "cc": ["x8", {"instansi": "a", "role": "b"}],
            "signed_by": "x9",
            "drafted_by": "x10",
        },
        "reports": {
            "id": "r",
            "from": "e-1",
            "to": "x11",
            "target": "x12",
            "team": "x13",
            "assignment": "x14",
        },
        "targets": {"id": "t", "unit": "o", "reviewed_by": ["e-1", "x15"], "accepted_by": "x16"},
    }
    regency = make(*BASE, *refs.items(), header={"id": "r", "pejabat_berwenang": "x17"})
    got = {m for c, m in messages(regency) if c == "data.unknown-reference"}
    assert got == {
        "units u: opd 'x1' is not an OPD",
        "units u: parent 'x2' is not a unit",
        "units u: head 'x3' is not a position",
        "opds o2: parent 'x4' is not an OPD",
        "letters s: assignment 'x5' is not an assignment",
        "letters s: in_reply_to 'x6' is not a letter",
        "letters s: from 'x7' is not an employee",
        "letters s: cc[0] 'x8' is not an employee",
        "letters s: signed_by 'x9' is not an employee",
        "letters s: drafted_by 'x10' is not an employee",
        "reports r: to 'x11' is not an employee",
        "reports r: target 'x12' is not a target",
        "reports r: team 'x13' is not a team",
        "reports r: assignment 'x14' is not an assignment",
        "targets t: reviewed_by[1] 'x15' is not an employee",
        "targets t: accepted_by 'x16' is not an employee",
        "regency r: pejabat_berwenang 'x17' is not an employee",
    }


def test_reference_table_covers_every_collection_with_references():
    assert set(REFERENCES) <= set(COLLECTIONS)
    assert ("members.*.appointed_by", "employees") in REFERENCES["teams"]
    assert ("assessor", "employees") in REFERENCES["placements"]


def test_opd_root_unit_may_share_the_opd_id_but_nothing_else_may():
    assert messages(make(*BASE)) == []
    dup = make(*BASE, ("positions", {"id": "o", "name": "P", "grade": "pelaksana", "unit": "o"}))
    assert messages(dup) == [
        (
            "data.duplicate-id",
            "positions o: id 'o' is already used by opds o (f.yaml:2:1);"
            " ids must be unique across the regency",
        ),
    ]


def test_self_parent_and_long_cycle_reported_once():
    units = [
        ("units", {"id": f"u{i}", "opd": "o", "name": "U", "parent": f"u{(i + 1) % 4}"}) for i in range(4)
    ]
    regency = make(*BASE, *units, ("units", {"id": "s", "opd": "o", "name": "S", "parent": "s"}))
    assert messages(regency) == [
        ("data.unit-tree", "units u0: parent chain loops: u0 -> u1 -> u2 -> u3 -> u0"),
        ("data.unit-tree", "units s: parent chain loops: s -> s"),
    ]


def test_deep_unit_tree_is_fine_and_fast():
    chain = [
        ("units", {"id": f"u{i}", "opd": "o", "name": "U", "parent": f"u{i - 1}" if i else "o"})
        for i in range(20_000)
    ]
    started = time.perf_counter()
    assert messages(make(*BASE, *chain)) == []
    assert time.perf_counter() - started < 2


def test_dates_and_periods():
    regency = make(
        *BASE,
        (
            "placements",
            {
                "id": "k",
                "employee": "e-1",
                "unit": "o",
                "assessor": "e-1",
                "start": "2024-01-01",
                "end": "2023-12-31",
                "decree_date": "2023-13-01",
            },
        ),
        (
            "letters",
            {
                "id": "s",
                "kind": "jawaban",
                "date": "2024-02-29",
                "duration": {"start": "2024-03-01", "end": "2024-02-01"},
            },
        ),
        ("targets", {"id": "t", "unit": "o", "start": "2024-01-01", "end": "2024-01-01"}),  # same day: fine
        (
            "teams",
            {"id": "tm", "unit": "o", "start": "24-01-01", "end": None, "members": []},
        ),  # shape: schema's
        header={"id": "r", "as_of": "2023-02-29"},
    )
    assert messages(regency) == [
        ("data.date", "regency r: as_of '2023-02-29' is not a real calendar date"),
        ("data.date", "placements k: decree_date '2023-13-01' is not a real calendar date"),
        ("data.date", "placements k: end 2023-12-31 is before start 2024-01-01"),
        ("data.date", "letters s: duration.end 2024-02-01 is before duration.start 2024-03-01"),
    ]
    assert parse_date("2024-02-29").isoformat() == "2024-02-29"
    assert parse_date("2023-02-29") is None
    assert parse_date("٢٠٢٤-٠١-٠١") is None


def test_nip_of_wrong_shape_is_left_to_the_schema():
    regency = make(
        *BASE[:3],
        ("employees", {"id": "e-1", "name": "A", "nip": "1982"}),
        ("employees", {"id": "e-2", "name": "B", "nip": ["x"]}),
    )
    assert messages(regency) == []


def test_structural_position_held_twice_but_fungsional_shared():
    regency = make(
        *BASE,
        ("positions", {"id": "kadis", "name": "K", "grade": "jpt_pratama", "unit": "o"}),
        ("employees", {"id": "e-2", "name": "B", "position": "kadis", "unit": "o"}),
        ("employees", {"id": "e-3", "name": "C", "position": "kadis", "unit": "o"}),
        ("employees", {"id": "e-4", "name": "D", "position": "kadis", "unit": "o"}),
        ("employees", {"id": "e-5", "name": "E", "position": "p", "unit": "o"}),  # pelaksana: shared
    )
    assert messages(regency) == [
        (
            "data.structural-position",
            "employees e-3: position 'kadis' is a structural position (jpt_pratama)"
            " already held by employee 'e-2' (f.yaml:7:1); a structural position has one holder",
        ),
        (
            "data.structural-position",
            "employees e-4: position 'kadis' is a structural position (jpt_pratama)"
            " already held by employee 'e-2' (f.yaml:7:1); a structural position has one holder",
        ),
    ]


def test_problems_point_at_the_field():
    regency = make(
        *BASE,
        ("placements", {"id": "k", "employee": "e-9", "unit": "o", "assessor": "e-1", "start": "2024-01-01"}),
    )
    (problem,) = check_integrity(regency)
    assert problem.location == Location("f.yaml", 6, 10)
    assert problem.record == "k"


ODD = st.recursive(
    st.none()
    | st.booleans()
    | st.text(max_size=6)
    | st.sampled_from(["o", "e-1", "p", "2024-02-30", "2024-01-01"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)
FIELDS = st.sampled_from(
    [
        "id",
        "opd",
        "parent",
        "head",
        "unit",
        "position",
        "grade",
        "nip",
        "start",
        "end",
        "members",
        "cc",
        "from",
        "reviewed_by",
        "duration",
        "employee",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(COLLECTIONS), st.dictionaries(FIELDS, ODD, max_size=6)), max_size=8),
    st.one_of(st.none(), st.dictionaries(st.sampled_from(["id", "as_of", "pejabat_berwenang"]), ODD)),
)
def test_never_raises_on_schema_invalid_records(records, header):
    regency = Regency(regency=header, regency_location=Location("f.yaml", 1, 1), files=["f.yaml"])
    for line, (kind, data) in enumerate(records, start=2):
        rec_id = data.get("id")
        regency.records[kind].append(Record(kind, rec_id, data, Location("f.yaml", line, 1), {}))
    for problem in check_integrity(regency):
        assert problem.code.startswith("data.")
        assert problem.message


def test_linear_on_a_large_regency():
    employees = [
        (
            "employees",
            {"id": f"e-{i}", "name": "X", "position": "p", "unit": "o", "nip": "198203142006041002"},
        )
        for i in range(20_000)
    ]
    placements = [
        (
            "placements",
            {
                "id": f"k-{i}",
                "employee": f"e-{i}",
                "unit": "o",
                "assessor": "e-1",
                "start": "2024-01-01",
                "end": "2024-12-31",
            },
        )
        for i in range(20_000)
    ]
    started = time.perf_counter()
    assert messages(make(*BASE[:3], *employees, *placements)) == []
    assert time.perf_counter() - started < 3
