"""Many regencies in one run: serially, in worker processes, on a Dask cluster; and the cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.batch import Job, run_jobs
from checker.cache import Cache
from checker.cli import main
from checker.load import load_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def test_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SISTEMKERJA_RULES", str(FIXTURES / "packs"))


@pytest.fixture
def regencies(tmp_path: Path) -> list[str]:
    out = []
    for name in ("satu", "dua", "tiga"):
        shutil.copytree(FIXTURES / "regency-contoh", tmp_path / name)
        out.append(str(tmp_path / name))
    # the second one loses its delegation: its two placements become open errors
    dinas = Path(out[1]) / "dinas.yaml"
    dinas.write_text(dinas.read_text(encoding="utf-8").split("delegations:")[0], encoding="utf-8")
    return out


def statuses(outcomes: list) -> list[list[str]]:
    return [[f.status for f in o.findings] for o in outcomes]


def test_jobs_serial_and_in_processes_agree(regencies: list[str]) -> None:
    jobs = [Job((p,)) for p in regencies]
    serial = run_jobs(jobs, workers=1)
    parallel = run_jobs(jobs, workers=2)
    assert statuses(serial) == [["excepted", "excepted"], ["open", "open"], ["excepted", "excepted"]]
    assert statuses(parallel) == statuses(serial)
    assert [o.paths for o in parallel] == [(p,) for p in regencies]


def test_jobs_on_a_dask_local_cluster(regencies: list[str]) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as c:
        outcomes = run_jobs([Job((p,)) for p in regencies], executor="dask", scheduler=c.scheduler_address)
    assert statuses(outcomes) == [["excepted", "excepted"], ["open", "open"], ["excepted", "excepted"]]


def test_cli_batch_combines_one_report(regencies: list[str]) -> None:
    result = CliRunner().invoke(main, ["check", *regencies, "--each", "--jobs", "2", "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["summary"]["error"] == 2 and doc["summary"]["excepted"] == 4


def test_file_cache_hit_and_corrupt_entry(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    name = str(FIXTURES / "regency-contoh" / "dinas.yaml")
    raw = Path(name).read_bytes()
    key = cache.key(name, raw)
    assert cache.get(key) is None
    cache.put(key, load_file(name, raw, schema=True))
    hit = cache.get(key)
    assert hit is not None and [r.id for r in hit.records["employees"]][:2] == ["e-kadis", "e-kabid"]
    entry = next((tmp_path / "c").rglob("*.json"))
    entry.write_bytes(entry.read_bytes()[:-5] + b"xxxxx")  # corrupt the payload
    assert cache.get(key) is None  # ignored, not trusted
    cache.put(key, load_file(name, raw, schema=True))  # and rewritten
    assert cache.get(key) is not None


def test_warm_run_uses_the_result_cache_and_matches_cold(regencies: list[str], tmp_path: Path) -> None:
    job = Job((regencies[1],), cache_dir=str(tmp_path / "c"))
    cold, warm = run_jobs([job])[0], run_jobs([job])[0]
    assert not cold.cached and warm.cached
    assert warm.findings == cold.findings
    # a changed file is a miss
    dinas = Path(regencies[1]) / "dinas.yaml"
    dinas.write_text(dinas.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not run_jobs([job])[0].cached


def test_no_cache_writes_nothing(regencies: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "never"
    result = CliRunner().invoke(main, ["check", regencies[0], "--no-cache", "--cache-dir", str(folder)])
    assert result.exit_code == 0
    assert not folder.exists()


def test_many_jobs_on_few_workers_finish(regencies: list[str]) -> None:
    """More jobs than any per-worker task limit: the pool must not hang (it did with
    max_tasks_per_child on Python 3.11)."""
    outcomes = run_jobs([Job((regencies[0],))] * 12, workers=2)
    assert len(outcomes) == 12 and all(o.findings for o in outcomes)


def test_cached_file_keeps_its_schema_problems(
    regencies: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # check defers the schema check until the solver has started; the file must still be cached
    # with its schema problems, so a warm run reports exactly what the cold run did
    dinas = Path(regencies[0]) / "dinas.yaml"
    dinas.write_text(
        dinas.read_text(encoding="utf-8").replace("kind: dinas", "kind: dinass", 1), encoding="utf-8"
    )
    args = ["check", regencies[0], "--lang", "en", "--cache-dir", str(tmp_path / "c")]
    cold = CliRunner().invoke(main, args)
    assert cold.exit_code == 2 and "got 'dinass'" in cold.output  # broken data: the rules never run
    assert list((tmp_path / "c").rglob("*.json"))

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr("checker.load.load_file", no_parsing)
    warm = CliRunner().invoke(main, args)
    assert warm.output == cold.output


def test_the_largest_regency_is_started_first_and_reported_in_place(regencies: list[str]) -> None:
    """A large regency started last runs alone while the other workers idle: jobs go to the
    pool by the size of their data, the report keeps the order given."""
    from checker import batch
    from checker.load.discover import data_files

    big = Path(regencies[2]) / "extra.yaml"
    big.write_text("# padding\n" * 5000, encoding="utf-8")
    jobs = [Job((p,), files=tuple(data_files([p]))) for p in regencies]
    assert [index for index, _ in batch._largest_first(jobs)][0] == 2
    outcomes = run_jobs(jobs, workers=2)
    assert [o.paths for o in outcomes] == [(p,) for p in regencies]


def test_recycled_workers_start_with_the_pack_loaded(regencies: list[str]) -> None:
    """Workers are replaced every few regencies, forked from this process: it loads each pack
    the jobs use once, so a new worker does not load it again (that made --jobs 2 slower than 1)."""
    from checker.packs import load as pack_load

    pack_load._loaded.clear()
    outcomes = run_jobs([Job((regencies[0],))] * 3, workers=2)
    assert {key[0] for key in pack_load._loaded} == {outcomes[0].pack.id}


def test_a_worker_returns_the_pack_it_shares_with_the_parent_as_a_reference(regencies: list[str]) -> None:
    """A pickled pack is ~280 KB, unpickled in the parent once per regency: a worker forked
    after the parent loaded the pack returns that very object by reference."""
    from checker.packs import load_pack

    serial = run_jobs([Job((regencies[1],))])
    pack_id = serial[0].pack.id
    outcomes = run_jobs([Job((regencies[1],), regulation=pack_id)] * 3, workers=2)
    shared = load_pack(pack_id)
    assert all(o.pack is shared for o in outcomes) and shared == serial[0].pack
    assert statuses(outcomes) == statuses(serial) * 3
