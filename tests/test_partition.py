"""Solving in parts (checker.solve.partition) gives exactly the findings of solving whole.

Every rule case already checks this (checker.packs.cases.run_case); here it is checked on
generated regencies with injected breaches of every rule concept, for both shipped regulations,
and the split itself is checked: every record is home in exactly one part, and a part holds every
record its held records name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from checker.model import COLLECTIONS, Regency
from checker.pipeline import validate
from checker.solve import partition, strategies
from checker.validate.integrity import REFERENCES, field_reader
from tests.ruletools import solved

REGULATIONS = ("perbup-tanah-laut-26-2024", "perbup-gianyar-63-2023")
PART = 1_000  # records: a 1,500-staff regency (~8,300 records) is split (above 6 parts' worth), in 8 or so


@pytest.fixture(scope="module", params=REGULATIONS)
def regency(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Regency]:
    path = tmp_path_factory.mktemp("partition") / request.param
    generate(1_500, path, regulation=request.param, violation_rate=0.05, seed=5)
    checked = validate([str(path)])
    assert not checked.problems, checked.problems[:3]
    return path, checked.regency


def test_parts_find_what_the_whole_finds(regency: tuple[Path, Regency]) -> None:
    _, data = regency
    whole = solved(data, part_size=0)
    parts = solved(data, part_size=PART)
    assert parts.stats["parts"] >= 6
    # every record is solved at least once, and the halos stay a fraction of the data
    assert partition.record_count(data) <= parts.stats["records"] < 2 * partition.record_count(data)
    assert len(whole.findings) > 100, "the generated breaches should give many findings"
    assert parts.findings == whole.findings
    assert parts.messages == whole.messages


def test_a_regency_larger_than_a_part_switches_to_parts_while_loading(regency: tuple[Path, Regency]) -> None:
    path, data = regency
    whole = solved([str(path)], part_size=0)
    parts = solved([str(path)], part_size=PART)
    assert whole is not None and parts is not None
    assert "parts" not in whole.stats and parts.stats["parts"] >= 6
    assert parts.findings == whole.findings == solved(data, part_size=0).findings


def test_a_regency_its_bytes_overrate_is_still_solved_whole(
    regency: tuple[Path, Regency], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No clingo run starts while loading when the files look larger than a part; if the records
    prove fewer, the regency is solved whole after loading."""

    path, data = regency
    monkeypatch.setattr(strategies, "BYTES_PER_RECORD", 1)
    result = solved(
        [str(path)], part_size=partition.record_count(data) // strategies.SPLIT_AT + 1
    )
    assert result is not None and "parts" not in result.stats
    assert result.findings == solved(data, part_size=0).findings


def test_every_record_is_home_once_and_its_names_are_held(regency: tuple[Path, Regency]) -> None:
    _, data = regency
    parts = partition.split(data, PART)
    everything = [r for kind in COLLECTIONS for r in data.records[kind]]
    homes = [part.home for part in parts]
    assert set().union(*homes) == {r.id for r in everything}
    assert sum(len(h) for h in homes) == len({r.id for r in everything})  # no id in two homes
    for part in parts:
        held = {r.id for kind in COLLECTIONS for r in part.records[kind]}
        assert part.home <= held
        for kind, specs in REFERENCES.items():
            readers = [field_reader(spec) for spec, _ in specs]
            for rec in part.records[kind]:
                for read in readers:
                    for _path, value in read(rec.data):
                        assert not isinstance(value, str) or value in held
    # the halo stays a fraction of the data, not a copy of it
    assert sum(p.size for p in parts) < 2.5 * len(everything)


def test_a_regency_no_larger_than_a_part_is_one_part(regency: tuple[Path, Regency]) -> None:
    _, data = regency
    (only,) = partition.split(data, partition.record_count(data))
    assert only.size == partition.record_count(data)


def test_an_employee_working_only_for_another_opd_is_seen_from_home(tmp_path: Path) -> None:
    """Pasal 20 (TL): a finding on an employee of one OPD that counts assignments owned by another.
    The employee's part holds every record that names them, wherever it is owned."""
    from tests.ruletools import run_check, summary

    base = Path(__file__).parent.parent / "rules" / "perbup-tanah-laut-26-2024" / "tests" / "_base" / "penugasan"
    case = tmp_path / "away.yaml"
    case.write_text(
        "assignments:\n"
        "  - {id: a-x, employee: e-jf3, target: t-dishub, method: penunjukan, scope: lintas_perangkat_daerah,"
        ' appointed_by: e-kabid3, start: "2024-07-01", end: "2024-12-31", status: active}\n'
    )
    found = [f for f in run_check(base, case) if f.rule_id == "penugasan.own-unit-first"]
    assert summary(found) == [("penugasan.own-unit-first", "e-jf3", "warning", "open")]


def _fails() -> None:
    raise ValueError("bad part")


def _dies() -> None:
    import os

    os._exit(3)


def test_a_part_solved_in_a_child_process_returns_or_raises_there() -> None:
    from checker.solve.engine import EngineError, Isolated

    assert list(Isolated(sum, [([1, 2],), ([3],), ([4, 5],)], workers=2)) == [3, 3, 9]
    with pytest.raises(ValueError, match="bad part"):
        list(Isolated(_fails, [()]))
    with pytest.raises(EngineError, match="exit code 3"):
        list(Isolated(_dies, [(), ()], workers=2))
    assert list(Isolated(sum, [([1],), ([2],), ([3],)], workers=1)) == [1, 2, 3]
    started = Isolated(sum, [([1],), ([2],), ([3],)], workers=2)
    started.close()  # bad data after all: what runs is stopped, the rest never starts
    assert list(started) == []


def test_a_unit_sees_the_structure_below_it_in_other_cells(tmp_path: Path) -> None:
    """TL Pasal 21 ayat (3) looks down the owning unit's structure for a filled Pengawas position.
    Here the only one is in a kelurahan, an independent unit (a cell, and part, of its own) that
    nothing about the team names."""
    import shutil

    from tests.ruletools import RULES, case_files, run_check, summary

    tl = "perbup-tanah-laut-26-2024"
    base = tmp_path / "tl-base"
    shutil.copytree(RULES / tl / "tests" / "_base" / "tim", base)
    kecamatan = base / "kecamatan.yaml"
    text = kecamatan.read_text()
    old = "grade: pengawas, unit: tl-kec-pem, role: kepala_seksi"
    assert old in text
    text = text.replace(old, "grade: fungsional, unit: tl-kec-pem")
    text = text.replace(
        "positions:\n",
        "  - {id: tl-kec-kel, opd: tl-kec-takisung, name: Kelurahan Pabahanan, kind: kelurahan,"
        " independent: true, parent: tl-kec-root, head: tl-kec-lurah}\n"
        "positions:\n"
        "  - {id: tl-kec-lurah, name: Lurah Pabahanan, grade: pengawas, unit: tl-kec-kel, role: lurah}\n",
    )
    text = text.replace(
        "placements:\n",
        '  - {id: tl-e-lurah, nip: "198001012005011002", name: Lurah, position: tl-kec-lurah, unit: tl-kec-kel}\n'
        "placements:\n",
    )
    kecamatan.write_text(text)
    _, (_, case) = case_files(tl, "tim.pengawas-leads", "jf-lead-where-pengawas-remains", tmp_path)
    found = run_check(base, case)
    assert summary([f for f in found if f.rule_id == "tim.pengawas-leads"]) == [
        ("tim.pengawas-leads", "tl-tim-kec-jf", "warning", "open")
    ]


def test_the_opd_of_a_finding_is_found_on_demand_as_placing_every_record_would(
    regency: tuple[Path, Regency],
) -> None:
    from checker.findings import RecordOpds
    from checker.model import place_records

    _, data = regency
    eager: dict[str, str] = {r.id: r.id for r in data.records["opds"]}
    eager.update({u.id: str(u.data["opd"]) for u in data.records["units"] if u.data.get("opd")})
    place_records(data.records, eager)
    lazy = RecordOpds(data.by_id())
    ids = [r.id for kind in COLLECTIONS for r in data.records[kind]]
    assert [lazy.get(i) for i in ids] == [eager.get(i) for i in ids]
    assert len(set(eager.values())) > 10


def _parts_in_a_worker(n: int) -> list[int]:
    from checker.solve.engine import Isolated

    return list(Isolated(sum, [([i, n],) for i in range(3)], workers=2))


def test_parts_can_be_solved_inside_a_batch_worker() -> None:
    """`check --each` runs regencies in multiprocessing pool workers, which are daemonic: they may
    not start multiprocessing children, so a part's child is a plain fork."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.map(_parts_in_a_worker, [10]) == [[10, 11, 12]]


def test_a_regency_solved_in_parts_is_put_in_the_parse_cache_once_the_parts_are_done(
    regency: tuple[Path, Regency], tmp_path: Path
) -> None:
    from checker.cache import Cache

    path, data = regency
    cache = Cache(tmp_path / "cache")
    first = solved([str(path)], part_size=PART, cache=cache)
    assert first is not None and first.stats["parts"] >= 6
    assert len(list((tmp_path / "cache").rglob("f-*.json"))) == len(data.files)
    again = solved([str(path)], part_size=PART, cache=cache)
    assert again is not None and again.findings == first.findings
