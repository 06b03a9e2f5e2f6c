"""JSON Schemas and the mapping of schema errors to readable problems at file:line:column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from checker.load import load_paths
from checker.model import Location, Record, Regency, pack
from checker.validate.schema import (
    KIND_SCHEMAS,
    SCHEMA_DIR,
    bundled,
    check_value,
    validate_regency,
    validator_for,
)

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal"
INVALID = FIXTURES / "invalid"
STEMS = sorted(set(KIND_SCHEMAS.values()))


def schema_file(stem: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{stem}.schema.json").read_text(encoding="utf-8"))


# --- the schema files ------------------------------------------------------------------------


def test_one_schema_per_kind_plus_common():
    names = {p.name for p in SCHEMA_DIR.glob("*.schema.json")}
    assert {f"{stem}.schema.json" for stem in STEMS} | {"common.schema.json"} <= names


@pytest.mark.parametrize("stem", [*STEMS, "common"])
def test_schema_is_valid_draft_2020_12(stem):
    schema = schema_file(stem)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://sistemkerja.dev/schemas/{stem}.schema.json"


def _objects(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _objects(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, (*path, i))


@pytest.mark.parametrize("stem", [*STEMS, "common"])
def test_every_property_is_documented_and_closed(stem):
    for path, node in _objects(schema_file(stem)):
        for name, prop in node.get("properties", {}).items() if path[-1:] != ("properties",) else ():
            assert prop.get("description"), f"{stem}: {'/'.join(map(str, path))}/properties/{name}"
        if "properties" in node and path[-1:] != ("properties",) and path[-1:] != ("if",):
            assert node.get("additionalProperties") is False, f"{stem}: {path}"
    for name, definition in schema_file("common")["$defs"].items():
        assert definition.get("description"), name


def test_bundled_schema_has_no_refs_and_the_same_meaning():
    for stem in STEMS:
        assert "$ref" not in json.dumps(bundled(stem))
    assert validator_for("unit") is validator_for("unit")  # built once


# --- the valid fixture -----------------------------------------------------------------------


def load(*paths: Path) -> Regency:
    result = load_paths([str(p) for p in paths])
    assert result.problems == []
    return result.regency


def test_minimal_regency_is_valid():
    assert validate_regency(load(MINIMAL)) == []


# --- one broken fixture, one problem ---------------------------------------------------------


def at(name: str, line: int, column: int) -> Location:
    return Location(str(INVALID / name), line, column)


SCHEMA_CASES = [
    ("schema-nip-short.yaml", "employees e-baru: field 'nip' must be 18 digits, got '19820314'", 4, 10),
    (
        "schema-unknown-field.yaml",
        "employees e-baru: unknown field 'instnasi' (did you mean 'instansi'?)",
        8,
        15,
    ),
    (
        "schema-bad-enum.yaml",
        "positions dinkes-kasi: field 'grade' must be one of: jpt_madya, jpt_pratama, administrator,"
        " pengawas, fungsional, pelaksana; got 'eselon_4'",
        5,
        12,
    ),
    ("schema-missing-required.yaml", "placements k-0002: missing required field 'assessor'", 3, 5),
    (
        "schema-bad-boolean.yaml",
        "units dinkes-uptd: field 'independent' must be true or false, got 'yes'",
        7,
        18,
    ),
    (
        "schema-bad-date.yaml",
        "reports r-02: field 'date' must be a date written YYYY-MM-DD, got '30/06/2024'",
        6,
        11,
    ),
    ("schema-bad-party.yaml", "letters s-03: missing required field 'to.role'", 7, 9),
    ("schema-empty-members.yaml", "teams tim-02: field 'members' must list at least 1 item", 5, 14),
]


@pytest.mark.parametrize(("name", "message", "line", "column"), SCHEMA_CASES)
def test_broken_fixture(name, message, line, column):
    problems = validate_regency(load(MINIMAL, INVALID / name))
    assert [(p.code, p.message, p.location) for p in problems] == [
        ("schema", message, at(name, line, column))
    ]
    assert problems[0].record == message.split(" ")[1].rstrip(":")


# --- messages --------------------------------------------------------------------------------


def record(kind: str, data: dict, locations: dict[str, tuple[int, int]] | None = None) -> Record:
    packed = {path: pack(line, column) for path, (line, column) in (locations or {}).items()}
    return Record(kind, str(data.get("id")), data, Location("f.yaml", 1, 1), packed)


def messages(stem: str, data) -> list[str]:
    return [message for _, message in check_value(stem, data)]


def test_every_error_is_reported_in_a_stable_order():
    data = {
        "id": "E 1",
        "name": None,
        "nip": "x",
        "position": "p",
        "unit": "u",
        "nmae": "Siti",
        "instansi": [],
    }
    expected = [
        "field 'id' must be lowercase letters, digits, '.', '_' or '-' (starting with a letter or digit),"
        " got 'E 1'",
        "field 'instansi' must be text, got a list",
        "field 'name' is empty; it must be text",
        "field 'nip' must be 18 digits, got 'x'",
        "unknown field 'nmae' (did you mean 'name'?)",
    ]
    assert messages("employee", data) == expected
    assert messages("employee", dict(reversed(data.items()))) == expected


def test_employee_from_another_agency_needs_no_nip_position_unit():
    assert messages("employee", {"id": "e-1", "name": "X", "instansi": "kemenkes"}) == []
    assert messages("employee", {"id": "e-1", "name": "X", "instansi": None}) == [
        "missing required field 'nip' (required unless 'instansi' is set)",
        "missing required field 'position' (required unless 'instansi' is set)",
        "missing required field 'unit' (required unless 'instansi' is set)",
    ]


def test_nested_and_nullable_fields():
    assert messages(
        "team",
        {
            "id": "t",
            "unit": "u",
            "members": [{"employee": "e", "rol": "ketua"}, "e-2", {"employee": "e", "role": "x"}],
        },
    ) == [
        "missing required field 'members[0].role'",
        "unknown field 'members[0].rol' (did you mean 'role'?)",
        "field 'members[1]' must be a mapping, got 'e-2'",
        "field 'members[2].role' must be one of: ketua, anggota; got 'x'",
    ]
    # null means absent for optional fields; a wrong value under "X or null" is explained as an X
    assert (
        messages(
            "placement",
            {
                "id": "k",
                "employee": "e",
                "unit": "u",
                "assessor": "a",
                "start": "2024-01-01",
                "end": None,
                "set_by": None,
            },
        )
        == []
    )
    assert messages(
        "placement",
        {
            "id": "k",
            "employee": "e",
            "unit": "u",
            "assessor": "a",
            "start": "2024-01-01",
            "end": "soon",
            "set_by": "bupati",
        },
    ) == [
        "field 'end' must be a date written YYYY-MM-DD, got 'soon'",
        "field 'set_by' must be one of: pejabat_pembina_kepegawaian, kepala_opd, other; got 'bupati'",
    ]


def test_letter_parties():
    base = {"id": "s", "kind": "jawaban", "date": "2024-01-01"}
    assert (
        messages(
            "letter", base | {"from": {"instansi": "kemenkes", "role": "pejabat_berwenang"}, "cc": ["e-1"]}
        )
        == []
    )
    assert messages(
        "letter", base | {"to": ["e-1"], "cc": ["e-1", {"instansi": "x", "role": "y", "z": 1}, None]}
    ) == [
        "unknown field 'cc[1].z'",
        "field 'cc[2]' is empty; it must be text or a mapping",
        "field 'to' must be text or a mapping, got a list",
    ]


def test_problem_points_at_the_field_or_its_nearest_recorded_parent():
    loc_members = Location("f.yaml", 5, 5)
    loc_role = Location("f.yaml", 7, 15)
    rec = record(
        "teams",
        {"id": "t", "unit": "u", "members": [{"employee": "e", "role": "boss"}], "extra": 1},
        {"members": (loc_members.line, loc_members.column), "members.0.role": (loc_role.line, loc_role.column)},
    )
    regency = Regency(
        regency={"id": "r", "name": "R", "regulation": "x"}, regency_location=Location("r.yaml", 2, 3)
    )
    regency.records["teams"].append(rec)
    problems = validate_regency(regency)
    assert [(p.message, p.location, p.record) for p in problems] == [
        ("teams t: unknown field 'extra'", Location("f.yaml", 1, 1), "t"),
        ("teams t: field 'members[0].role' must be one of: ketua, anggota; got 'boss'", loc_role, "t"),
    ]


def test_missing_regency_header_is_one_problem():
    regency = Regency(files=["a.yaml", "b.yaml"])
    problems = validate_regency(regency)
    assert [(p.code, p.message, p.location) for p in problems] == [
        (
            "schema",
            "no `regency` header: one file must hold a top-level `regency:` mapping (id, name, regulation, ...)",
            Location("a.yaml", 1, 1),
        )
    ]


def test_regency_header_errors():
    regency = Regency(
        regency={"id": "r", "name": "R", "as_of": "2024-1-1", "foo": "x"},
        regency_location=Location("r.yaml", 2, 3),
    )
    assert [(p.message, p.location, p.record) for p in validate_regency(regency)] == [
        (
            "regency r: field 'as_of' must be a date written YYYY-MM-DD, got '2024-1-1'",
            Location("r.yaml", 2, 3),
            "r",
        ),
        ("regency r: missing required field 'regulation'", Location("r.yaml", 2, 3), "r"),
        ("regency r: unknown field 'foo'", Location("r.yaml", 2, 3), "r"),
    ]


JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.text(max_size=8)
    | st.sampled_from(["e-1", "2024-01-01", "ketua", "198203142006041002"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["id", "name", "unit", "members", "employee", "role", "start", "end", "from", "cc", "x"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(STEMS), JSONISH)
def test_never_raises_on_odd_data(stem, data):
    for path, message in check_value(stem, data):
        assert isinstance(path, tuple)
        assert isinstance(message, str) and message
    rec = Record("teams", "t", data if isinstance(data, dict) else {"x": data}, Location("f", 1, 1), {})
    validate_regency(Regency(regency=None, records={"teams": [rec]}))


def test_fast_path_agrees_with_the_full_validator():
    """The compiled fast path must accept exactly what jsonschema accepts, on valid and broken data."""
    from pathlib import Path

    from checker.load import load_paths
    from checker.validate.schema import KIND_SCHEMAS, fast_validator_for, is_valid, validator_for

    root = Path(__file__).resolve().parent
    for stem in set(KIND_SCHEMAS.values()):
        assert fast_validator_for(stem) is not None, stem
    paths = [str(root.parent / "data" / "gianyar"), *map(str, sorted((root / "fixtures" / "invalid").glob("schema-*.yaml")))]
    seen_invalid = 0
    for path in paths:
        regency = load_paths([path]).regency
        for kind, records in regency.records.items():
            for rec in records:
                stem = KIND_SCHEMAS[kind]
                full = validator_for(stem).is_valid(rec.data)
                try:
                    fast_validator_for(stem)(rec.data)
                    fast = True
                except Exception:
                    fast = False
                assert fast == full == is_valid(stem, rec.data), (path, rec.id)
                seen_invalid += not full
    assert seen_invalid >= 5
