"""Parsing in worker processes gives exactly what parsing in this process gives."""

from __future__ import annotations

from pathlib import Path

from checker import load
from checker.load.discover import discover

DATA = Path(__file__).resolve().parent.parent / "data" / "tanah-laut"


def test_parallel_load_equals_serial(monkeypatch) -> None:
    monkeypatch.setattr(load, "PARALLEL_MIN_BYTES", 0)  # the sample is small: force the pool
    files = discover([str(DATA)])
    serial = load.load_files(files, schema=True, jobs=1)
    parallel = load.load_files(files, schema=True, jobs=2)
    assert parallel.regency.files == serial.regency.files
    assert parallel.regency.regency == serial.regency.regency
    for kind, records in serial.regency.records.items():
        other = parallel.regency.records[kind]
        assert [(r.id, r.data, r.location, r.field_locations) for r in other] == [
            (r.id, r.data, r.location, r.field_locations) for r in records
        ]
    assert parallel.problems == serial.problems


def test_check_with_parsing_workers_equals_in_process(monkeypatch) -> None:
    # with three or more jobs, files parse in worker processes and their facts reach clingo as
    # each arrives; the findings must be those of the in-process run (two jobs or fewer)
    from checker.pipeline import Options, run

    monkeypatch.setattr(load, "PARALLEL_MIN_BYTES", 0)
    examples = str(DATA.parent / "examples")
    alone = run([examples], Options(jobs=1)).check
    workers = run([examples], Options(jobs=3)).check
    assert alone is not None and workers is not None
    assert workers.findings == alone.findings and len(alone.findings) == 44
