"""The loader: our own scalar typing, locations of records and fields, structural problems."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from checker.load import load_paths
from checker.load.yaml_full import add_document, parse
from checker.model import COLLECTIONS, Location, Problem, Record, Regency

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal"


def load_text(tmp_path: Path, text: str, name: str = "data.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_paths([str(path)]), str(path)


def load_string(text: str) -> tuple[Regency, list[Problem]]:
    """Load YAML text without touching the disk (for hypothesis)."""
    regency, problems = Regency(), []
    add_document(regency, parse(text, "mem.yaml"), "mem.yaml", problems)
    return regency, problems


SCALARS = """\
employees:
  - id: e-1
    nip: 198203142006041002
    octal_like: 012345678901234567
    date: 2024-06-04
    no: no
    on: on
    yes: yes
    off: off
    yes_cap: Yes
    true_: true
    false_: false
    true_cap: True
    null_: null
    tilde: ~
    empty:
    quoted_true: "true"
    quoted_null: 'null'
    quoted_empty: ""
    quoted_nip: "198203142006041002"
    number: 1.5
    hex: 0x1F
    exp: 1e3
    list: [a, true, ~, "x"]
"""


def test_scalar_typing(tmp_path):
    result, _ = load_text(tmp_path, SCALARS)
    assert result.problems == []
    data = result.regency.records["employees"][0].data
    assert data == {
        "id": "e-1",
        "nip": "198203142006041002",
        "octal_like": "012345678901234567",
        "date": "2024-06-04",
        "no": "no",
        "on": "on",
        "yes": "yes",
        "off": "off",
        "yes_cap": "Yes",
        "true_": True,
        "false_": False,
        "true_cap": "True",
        "null_": None,
        "tilde": None,
        "empty": None,
        "quoted_true": "true",
        "quoted_null": "null",
        "quoted_empty": "",
        "quoted_nip": "198203142006041002",
        "number": "1.5",
        "hex": "0x1F",
        "exp": "1e3",
        "list": ["a", True, None, "x"],
    }


@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_any_18_digit_plain_scalar_stays_the_same_string(nip):
    regency, problems = load_string(f"employees:\n  - id: e-1\n    nip: {nip}\n")
    assert problems == []
    assert regency.records["employees"][0].data["nip"] == nip


@given(st.dates().map(lambda d: d.isoformat()))
def test_any_plain_date_stays_a_string(day):
    regency, _ = load_string(f"targets:\n  - id: t-1\n    start: {day}\n")
    assert regency.records["targets"][0].data["start"] == day


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30))
def test_quoted_values_are_untouched(value):
    quoted = yaml.safe_dump(value, default_style='"').strip()
    regency, problems = load_string(f"units:\n  - id: u-1\n    name: {quoted}\n")
    assert problems == []
    assert regency.records["units"][0].data["name"] == value


def test_record_and_field_locations():
    result = load_paths([str(MINIMAL)])
    assert result.problems == []
    dinkes = str(MINIMAL / "dinkes.yaml")
    kabid = next(r for r in result.regency.records["employees"] if r.id == "e-kabid")
    assert kabid.location == Location(dinkes, 70, 5)
    assert kabid.where("nip") == Location(dinkes, 71, 10)
    assert kabid.where("no-such-field") == kabid.location
    team = result.regency.records["teams"][0]
    assert team.where("members.0.employee") == Location(dinkes, 130, 19)
    assert team.where("members.1.role") == Location(dinkes, 134, 15)
    letter = result.regency.records["letters"][0]
    assert letter.where("to.instansi") == Location(dinkes, 154, 20)
    assert letter.where("cc.0") == Location(dinkes, 155, 10)
    assert result.regency.regency_location == Location(str(MINIMAL / "regency.yaml"), 3, 3)
    assert result.regency.regency["id"] == "contoh"


def test_files_read_in_sorted_order_and_collections_merge(tmp_path):
    (tmp_path / "b.yaml").write_text("employees:\n  - {id: e-2, name: B}\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yml").write_text("employees:\n  - {id: e-1, name: A}\n")
    (tmp_path / "notes.txt").write_text("not yaml")
    result = load_paths([str(tmp_path)])
    assert result.regency.files == [str(tmp_path / "b.yaml"), str(tmp_path / "sub" / "a.yml")]
    assert [r.id for r in result.regency.records["employees"]] == ["e-2", "e-1"]
    assert set(result.regency.records) == set(COLLECTIONS)


def test_duplicate_key(tmp_path):
    result, path = load_text(tmp_path, "employees:\n  - id: e-1\n    name: A\n    name: B\n")
    assert [(p.code, p.message, p.location) for p in result.problems] == [
        ("yaml.duplicate-key", "key 'name' appears twice in the same mapping", Location(path, 4, 5))
    ]
    assert result.regency.records["employees"][0].data["name"] == "A"  # the first value is kept


def test_unknown_collection(tmp_path):
    result, path = load_text(tmp_path, "employes:\n  - id: e-1\n")
    assert [(p.code, p.message, p.location) for p in result.problems] == [
        (
            "yaml.structure",
            "unknown collection 'employes'; expected one of: regency, opds, units, positions, employees,"
            " placements, delegations, designations, targets, teams, assignments, letters, reports",
            Location(path, 1, 1),
        )
    ]


def test_top_level_list(tmp_path):
    result, path = load_text(tmp_path, "- id: e-1\n- id: e-2\n")
    assert [(p.code, p.message, p.location) for p in result.problems] == [
        (
            "yaml.structure",
            "top level must be a mapping of collections (regency, opds, units, ...)",
            Location(path, 1, 1),
        )
    ]


def test_collection_must_be_a_list_of_mappings(tmp_path):
    result, path = load_text(tmp_path, "units:\n  id: u-1\nemployees:\n  - e-1\npositions:\n")
    assert [(p.code, p.message, p.location) for p in result.problems] == [
        ("yaml.structure", "`units` must be a list of records", Location(path, 2, 3)),
        ("yaml.structure", "each item of `employees` must be a mapping", Location(path, 4, 5)),
    ]


def test_record_without_id(tmp_path):
    result, path = load_text(tmp_path, "units:\n  - name: Tanpa id\n  - id: ~\n    name: Null id\n")
    assert [(p.code, p.message, p.location) for p in result.problems] == [
        ("data.missing-id", "a record in `units` has no `id`", Location(path, 2, 5)),
        ("data.missing-id", "a record in `units` has no `id`", Location(path, 3, 5)),
    ]
    assert result.regency.records["units"] == []


def test_second_regency_header(tmp_path):
    (tmp_path / "a.yaml").write_text("regency:\n  id: a\n")
    (tmp_path / "b.yaml").write_text("regency:\n  id: b\n")
    result = load_paths([str(tmp_path)])
    first = Location(str(tmp_path / "a.yaml"), 2, 3)
    assert [(p.code, p.message, p.location) for p in result.problems] == [
        (
            "data.duplicate-regency",
            f"a second `regency` header (the first is at {first})",
            Location(str(tmp_path / "b.yaml"), 2, 3),
        ),
    ]
    assert result.regency.regency == {"id": "a"}


def test_merge_keys_are_refused(tmp_path):
    result, path = load_text(tmp_path, "units:\n  - &u {id: u-1, name: U}\n  - <<: *u\n    id: u-2\n")
    assert [(p.code, p.message, p.location) for p in result.problems] == [
        ("yaml.merge", "merge keys (<<) are not supported", Location(path, 3, 5))
    ]


def test_plain_aliases_are_expanded(tmp_path):
    result, _ = load_text(
        tmp_path,
        "targets:\n  - id: t-1\n    reviewed_by: &chain [e-1, e-2]\n  - id: t-2\n    reviewed_by: *chain\n",
    )
    assert result.problems == []
    assert [r.data["reviewed_by"] for r in result.regency.records["targets"]] == [["e-1", "e-2"]] * 2


def test_utf8_bom_and_non_ascii(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffemployees:\n  - id: e-1\n    name: José Rizal\n".encode())
    result = load_paths([str(path)])
    assert result.problems == []
    assert result.regency.records["employees"][0].data["name"] == "José Rizal"


def test_records_share_their_shape_and_survive_pickling():
    """Field positions are stored compactly (a path tuple shared per shape, 8 bytes a position);
    worker processes pickle records, and they must come back equal and sharing again."""
    import pickle

    first = Record(
        "employees",
        "e-1",
        {"id": "e-1", "nip": "x"},
        Location("f.yaml", 3, 5),
        {"id": 3 << 32 | 9, "nip": 4 << 32 | 10},
    )
    second = Record(
        "employees",
        "e-2",
        {"id": "e-2", "nip": "y"},
        Location("f.yaml", 5, 5),
        {"id": 5 << 32 | 9, "nip": 6 << 32 | 10},
    )
    assert first.field_locations == {"id": 3 << 32 | 9, "nip": 4 << 32 | 10}
    assert first.where("nip") == Location("f.yaml", 4, 10)
    assert first.where("members.0") == first.location
    assert first._paths is second._paths
    back = pickle.loads(pickle.dumps([first, second]))
    assert back == [first, second]
    assert back[0]._paths is first._paths
    assert back[1].where("nip") == Location("f.yaml", 6, 10)
    assert Record("units", "u", {}, Location("f.yaml", 1, 1)).field_locations == {}
