"""The cache can never change an answer and never runs code (issue 13: items 1, 4, 7, 11)."""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker.cache as cache_mod
from checker.batch import Job, run_jobs
from checker.cache import Cache
from checker.cli import main
from checker.load import load_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PACK = FIXTURES / "packs" / "perbup-contoh-1-2025"


@pytest.fixture
def regency(tmp_path: Path) -> Path:
    folder = tmp_path / "contoh"
    shutil.copytree(FIXTURES / "regency-contoh", folder)
    return folder


@pytest.fixture
def test_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SISTEMKERJA_RULES", str(FIXTURES / "packs"))


def plant(cache: Cache, key: str, payload: bytes) -> Path:
    """An entry with a valid header and checksum around whatever payload."""
    path = cache._path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cache_mod.FORMAT + hashlib.sha256(payload).digest() + payload)
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("[fr]-*") if not p.name.startswith(".tmp"))


# --- item 1: keyed on exactly the bytes parsed ---------------------------------------------------
def test_an_edit_during_a_check_never_stores_its_result_under_the_old_key(
    regency: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, test_packs: None
) -> None:
    """An editor saves version B after the key was made from version A: A's key must hold A's
    findings, so a later cached run on A reports what an uncached one does."""
    import checker.pipeline

    dinas = regency / "dinas.yaml"
    version_a = dinas.read_text(encoding="utf-8")
    version_b = version_a.split("delegations:")[0]  # loses the delegation: open errors
    original = checker.pipeline.run

    def saved_meanwhile(*args: object, **kwargs: object) -> object:
        dinas.write_text(version_b, encoding="utf-8")
        return original(*args, **kwargs)

    job = Job((str(regency),), cache_dir=str(tmp_path / "c"))
    monkeypatch.setattr(checker.pipeline, "run", saved_meanwhile)
    during = run_jobs([job])[0]
    monkeypatch.setattr(checker.pipeline, "run", original)
    assert [f.status for f in during.findings] == ["excepted", "excepted"]  # A is what was parsed

    dinas.write_text(version_a, encoding="utf-8")
    cached, fresh = run_jobs([job])[0], run_jobs([Job((str(regency),))])[0]
    assert [f.status for f in fresh.findings] == ["excepted", "excepted"]
    assert cached.findings == fresh.findings
    dinas.write_text(version_b, encoding="utf-8")  # and B, cached or not, is B
    assert [f.status for f in run_jobs([job])[0].findings] == ["open", "open"]


# --- item 4: the pack's content is in the key, wherever the pack comes from ----------------------
@pytest.mark.parametrize("named_by", ["rules-dir", "search-path"])
def test_an_edited_pack_is_seen_by_the_cached_run(
    named_by: str, regency: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "elsewhere"
    pack = rules / PACK.name
    shutil.copytree(PACK, pack)
    monkeypatch.setenv("SISTEMKERJA_RULES", str(rules if named_by == "search-path" else tmp_path / "none"))
    args = ["check", str(regency), "--format", "json"]
    if named_by == "rules-dir":
        args += ["--rules-dir", str(rules)]

    def outputs() -> tuple[str, str]:
        cached = CliRunner().invoke(main, [*args, "--cache-dir", str(tmp_path / "c")])
        fresh = CliRunner().invoke(main, [*args, "--no-cache"])
        assert cached.exit_code == fresh.exit_code
        return cached.output, fresh.output

    before = outputs()
    assert before[0] == before[1]
    topic = pack / "kedudukan.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("Penilai kinerja", "PPK"), encoding="utf-8")
    after = outputs()
    assert after[0] == after[1]
    if CliRunner().invoke(main, [*args, "--no-cache"]).exit_code == 1:  # the pack was used
        assert after[1] != before[1] and "PPK" in after[1]


# --- item 7: plain data, no code; the default folder outside the data ---------------------------
def test_a_planted_pickle_is_never_run(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    name = str(FIXTURES / "regency-contoh" / "dinas.yaml")
    key = cache.key(name, Path(name).read_bytes())
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.mkdir, (str(marker),))

    plant(cache, key, pickle.dumps(Payload()))
    assert cache.get(key) is None
    assert not marker.exists()


def test_entries_are_json_and_come_back_exactly(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    name = str(FIXTURES / "regency-contoh" / "dinas.yaml")
    raw = Path(name).read_bytes()
    original = load_file(name, raw.replace(b"kind: dinas", b"kind: dinass", 1), schema=True)
    assert original.problems  # problems are kept too
    key = cache.key(name, raw)
    cache.put(key, original)
    (entry,) = entries(tmp_path / "c")
    assert entry.read_bytes().startswith(cache_mod.FORMAT)
    back = cache.get(key)
    assert back == original
    rec = back.records["employees"][0]
    assert rec.field_locations == original.records["employees"][0].field_locations


WRONG_FILE_ENTRIES = [
    b"42",
    b"[]\n{}",
    b'{"name": 1}\n{}',
    b"[" * 100_000,
    b"\xff\xfe",
]


@pytest.mark.parametrize("payload", WRONG_FILE_ENTRIES)
def test_a_file_entry_of_the_wrong_shape_is_a_miss(payload: bytes, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    plant(cache, "f-" + "ab" * 32, payload)
    assert cache.get("f-" + "ab" * 32) is None


def test_every_mutation_of_a_valid_file_entry_is_caught(tmp_path: Path) -> None:
    """Wrong types anywhere in a genuine entry: a miss, never a traceback or a wrong record."""
    cache = Cache(tmp_path / "c")
    name = str(FIXTURES / "regency-contoh" / "dinas.yaml")
    raw = Path(name).read_bytes()
    key = cache.key(name, raw)
    cache.put(key, load_file(name, raw, schema=True))
    (entry,) = entries(tmp_path / "c")
    good = entry.read_bytes()[len(cache_mod.FORMAT) + 32 :]
    head, values = good.split(b"\n")
    mutations = [
        head.replace(b'"name":"', b'"name":"x', 1),  # another file's entry
        head.replace(b",5,", b",-5,", 1),  # a negative column
        head.replace(b",5,", b',"5",', 1),  # a column as a string
        head.replace(b'"records":{', b'"records":{"nonsense":[],', 1),
        head + b"\n" + values.replace(b'"name":"', b'"name":1', 1),  # a number among values
        head.replace(b'"shapes":[["id"', b'"shapes":[[1', 1),  # a field path as a number
        head.replace(b'0000000"]', b'000000"]', 1),  # positions that do not fit the shape
        head + b"\n" + values.replace(b'"id":"e-kadis"', b'"id":null', 1),  # a record without its id
        head + b"\n" + values.replace(b'"name":"', b'"name":"\\ud800', 1),
        head + b"\n" + values.replace(b'"name":"', b'"name":{"x":1.5},"y":"', 1),
    ]
    for bad in mutations:
        payload = bad if b"\n" in bad else bad + b"\n" + values
        assert payload != good
        plant(cache, key, payload)
        assert cache.get(key) is None, payload[:200]
    plant(cache, key, good)
    assert cache.get(key) is not None


def test_a_result_entry_of_the_wrong_shape_is_a_miss_and_the_run_goes_on(
    regency: Path, tmp_path: Path, test_packs: None
) -> None:
    args = ["check", str(regency), "--format", "json", "--cache-dir", str(tmp_path / "c")]
    cold = CliRunner().invoke(main, args)
    (result,) = [p for p in entries(tmp_path / "c") if p.name.startswith("r-")]
    payload = result.read_bytes()[len(cache_mod.FORMAT) + 32 :]
    for bad in (b'{"pack": 1}', payload.replace(b'"excepted"', b"7", 1), b"null"):
        result.write_bytes(cache_mod.FORMAT + hashlib.sha256(bad).digest() + bad)
        warm = CliRunner().invoke(main, args)
        assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output)
        assert result.read_bytes()[len(cache_mod.FORMAT) + 32 :] == payload  # replaced


def test_the_default_folder_is_the_users_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SISTEMKERJA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    from platformdirs import user_cache_dir

    assert cache_mod.default_dir() == Path(user_cache_dir("sistemkerja", appauthor=False))
    assert not cache_mod.default_dir().is_relative_to(Path.cwd()) or "xdg" in str(cache_mod.default_dir())
    monkeypatch.setenv("SISTEMKERJA_CACHE_DIR", str(tmp_path / "ci"))
    assert cache_mod.default_dir() == tmp_path / "ci"


# --- item 11: anything but a regular file at an entry's path --------------------------------------
def _target(tmp_path: Path) -> Path:
    target = tmp_path / "target"
    target.write_bytes(b"not yours")
    return target


ODD = {
    "fifo": lambda path, tmp: os.mkfifo(path),
    "folder": lambda path, tmp: (path.mkdir(), (path / "x").write_text("x")),
    "symlink": lambda path, tmp: path.symlink_to(_target(tmp)),
    "empty": lambda path, tmp: path.write_bytes(b""),
}


@pytest.mark.parametrize("odd", sorted(ODD))
def test_anything_but_a_regular_file_at_an_entry_is_ignored_and_replaced(
    odd: str, regency: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "c"
    env = {**os.environ, "SISTEMKERJA_RULES": str(FIXTURES / "packs"), "SISTEMKERJA_CACHE_DIR": str(folder)}
    cmd = [
        sys.executable,
        "-c",
        "from checker.cli import run; run()",
        "check",
        str(regency),
        "--format",
        "json",
    ]

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)

    cold = check()
    assert cold.returncode == 0 and '"excepted"' in cold.stdout
    planted = entries(folder)
    assert len(planted) == 3  # two files and the result
    for path in planted:
        path.unlink()
        ODD[odd](path, tmp_path)
    warm = check()  # must not block on a FIFO, nor fail on a folder
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)
    assert "Traceback" not in warm.stderr
    for path in planted:
        assert path.is_file() and not path.is_symlink()
    if odd == "symlink":
        assert (tmp_path / "target").read_bytes() == b"not yours"
    assert check().stdout == cold.stdout


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path / "c")
    name = str(FIXTURES / "regency-contoh" / "dinas.yaml")
    raw = Path(name).read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache_mod.os, "replace", disk_full)
    cache.put(cache.key(name, raw), load_file(name, raw, schema=True))  # no exception
    assert [p for p in (tmp_path / "c").rglob("*") if p.is_file()] == []


# --- reports are the same with and without the cache ----------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_reports_are_byte_identical_without_cold_and_warm(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    folder = tmp_path / "c"
    args = ["check", "data/examples", "--format", fmt]

    def run(*extra: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, [*args, *extra])
        return result.exit_code, result.stdout

    uncached = run("--no-cache")
    assert uncached[0] == 1
    cold, warm = run("--cache-dir", str(folder)), run("--cache-dir", str(folder))
    for entry in entries(folder):  # the files from the cache, the result computed again
        if entry.name.startswith("r-"):
            entry.unlink()
    files_only = run("--cache-dir", str(folder))
    assert uncached == cold == warm == files_only


def test_a_linked_data_file_is_cached_and_its_edits_seen(
    regency: Path, tmp_path: Path, test_packs: None
) -> None:
    """Entries are never read through a link; data files are (a shared OPD file, say)."""
    target = tmp_path / "shared-dinas.yaml"
    shutil.move(regency / "dinas.yaml", target)
    (regency / "dinas.yaml").symlink_to(target)
    job = Job((str(regency),), cache_dir=str(tmp_path / "c"))
    cold, warm = run_jobs([job])[0], run_jobs([job])[0]
    assert warm.cached and warm.findings == cold.findings
    target.write_text(target.read_text(encoding="utf-8").split("delegations:")[0], encoding="utf-8")
    edited = run_jobs([job])[0]
    assert not edited.cached and [f.status for f in edited.findings] == ["open", "open"]


# --- a hit needs neither the pack's reading nor clingo (issue 19) ----------------------------------
def test_a_hit_gives_the_pack_as_loaded_without_reading_it_again(
    regency: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, test_packs: None
) -> None:
    """The pack kept with a result is the very Pack its files load into (equal, same sharing of
    objects), and a hit does not parse the pack's YAML or ASP again."""
    import checker.packs.load as packs

    job = Job((str(regency),), cache_dir=str(tmp_path / "c"))
    (cold,) = run_jobs([job])
    assert not cold.cached

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pack was read again on a hit")

    monkeypatch.setattr(packs, "_load_pack", no_reading)
    monkeypatch.setattr(packs, "_loaded", {})
    (warm,) = run_jobs([job])
    assert warm.cached
    assert warm.pack == cold.pack and warm.findings == cold.findings
    assert warm.pack is not cold.pack


def test_a_warm_check_imports_neither_clingo_nor_jsonschema(regency: Path, tmp_path: Path) -> None:
    """What a hit needs is the data's bytes, the entry and the report: clingo (the ASP parse),
    jsonschema (the pack's schema checks) and the solving strategies stay unloaded."""
    env = {**os.environ, "SISTEMKERJA_RULES": str(FIXTURES / "packs"), "SISTEMKERJA_CACHE_DIR": str(tmp_path)}
    code = (
        "import sys\nfrom checker.batch import Job, run_jobs\n"
        f"(o,) = run_jobs([Job(({str(regency)!r},), cache_dir={str(tmp_path)!r})])\n"
        "wanted = ('checker.solve.strategies', 'clingo', 'jsonschema')\n"
        "print(o.cached, sorted(m for m in wanted if m in sys.modules))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env) for _ in "12"
    ]
    assert [r.stdout for r in runs] == [
        "False ['checker.solve.strategies', 'clingo', 'jsonschema']\n",
        "True []\n",
    ], runs[1].stderr


def test_a_kept_pack_of_the_wrong_shape_is_a_miss(regency: Path, tmp_path: Path, test_packs: None) -> None:
    args = ["check", str(regency), "--format", "json", "--cache-dir", str(tmp_path / "c")]
    cold = CliRunner().invoke(main, args)
    (result,) = [p for p in entries(tmp_path / "c") if p.name.startswith("r-")]
    payload = result.read_bytes()[len(cache_mod.FORMAT) + 32 :]
    assert b'"pack_data":{"id":' in payload
    for bad in (
        payload.replace(b'"pack_data":{"id":', b'"pack_data":{"id":7,"x":', 1),
        payload.replace(b'"severity":"', b'"severity":["', 1),
        payload.replace(b'"rules":{', b'"rules":{"x":[99],', 1),
    ):
        result.write_bytes(cache_mod.FORMAT + hashlib.sha256(bad).digest() + bad)
        warm = CliRunner().invoke(main, args)
        assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output)
        assert result.read_bytes()[len(cache_mod.FORMAT) + 32 :] == payload  # replaced


def test_a_kept_pack_nested_too_deep_is_a_miss_not_a_traceback(test_packs: None) -> None:
    """A hostile entry may nest provisions as deep as json.loads allows: decoding says Invalid."""
    from checker.cache import codec
    from checker.packs import load_pack

    plain = codec._plain_out(load_pack("perbup-contoh-1-2025"))
    assert codec.decode_pack(plain) == load_pack("perbup-contoh-1-2025")
    leaf: dict[str, object] = {}
    deep = leaf
    for _ in range(5000):
        deep = {"k": deep}
    plain["regulation"] = deep  # Any: taken as it is
    assert codec.decode_pack(plain).regulation == deep
    from checker.packs.document import Document, Provision

    top = chain = codec._plain_out(Provision(key="x", kind="pasal"))
    for _ in range(3000):
        child = codec._plain_out(Provision(key="x", kind="pasal"))
        chain["children"] = [child]
        chain = child
    plain["document"] = codec._plain_out(Document("r", "s", Path("p"), [], {}, {}))
    plain["document"]["provisions"] = [top]
    with pytest.raises(codec.Invalid):
        codec.decode_pack(plain)
    chain["children"] = []
    plain["document"]["provisions"] = [codec._plain_out(Provision(key="x", kind="pasal"))]
    assert codec.decode_pack(plain).document.provisions[0].key == "x"  # the shape itself is fine


def test_a_pack_with_parameter_rows_is_kept_with_the_result(test_packs: None) -> None:
    """A parameter's rows hold tuples (values, cites): kept as lists, read back as tuples, so a
    check of a shipped pack is a warm hit (a tuple once made every result entry unkept)."""
    import dataclasses

    from checker.cache import codec
    from checker.packs import load_pack
    from checker.packs.model import Parameter, Row

    pack = load_pack("perbup-contoh-1-2025")
    rows = [Row(("kepala_dinas", "true"), ("pasal-1",), "Pasal 1", "2024-01-01", "", pack.id)]
    pack = dataclasses.replace(pack, parameters={"p": Parameter("p", rows, key=1)})
    value = {"pack": pack.id, "pack_files": [], "pack_data": pack, "as_of": "2024-10-01"}
    value |= {"regency_id": "r", "messages": [], "findings": []}
    blob = codec.encode_result(value)
    assert blob is not None and codec.decode_result(blob)["pack_data"] == pack


def test_a_warm_check_without_waivers_imports_no_yaml_reader_and_no_process_pool(
    regency: Path, tmp_path: Path
) -> None:
    """The command as run from the shell, warm: nothing to waive needs no YAML reader, and a run
    that starts no worker needs no multiprocessing (each ~10 ms of a ~0.1 s warm run)."""
    env = {**os.environ, "SISTEMKERJA_RULES": str(FIXTURES / "packs")}
    code = (
        "import os, sys\nos._exit = lambda code: print(code, file=sys.stderr)\nfrom checker.cli import run\n"
        f"sys.argv = ['sistemkerja', 'check', {str(regency)!r}, '--cache-dir', {str(tmp_path)!r}]\nrun()\n"
        "wanted = ('yaml', 'multiprocessing', 'ctypes', 'checker.waivers')\n"
        "print(sorted(m for m in wanted if m in sys.modules), file=sys.stderr)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
        for _ in "12"
    ]
    assert [r.stderr.splitlines()[-2:] for r in runs][1] == ["0", "[]"], runs[1].stderr
    assert runs[0].stdout == runs[1].stdout


# --- loaded packs kept by the content of their files (issue 19) ----------------------------------
def _edit_data(regency: Path) -> None:
    """A change to the data: the result is computed again, the pack is not read again."""
    dinas = regency / "dinas.yaml"
    dinas.write_text(dinas.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def test_a_check_of_edited_data_takes_the_pack_from_the_cache(
    regency: Path, tmp_path: Path, test_packs: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.packs.load as pack_load

    args = ["check", str(regency), "--format", "json", "--cache-dir", str(tmp_path / "c")]
    cache_mod._PACKS.clear()  # a new process: the pack is loaded, then kept
    CliRunner().invoke(main, args)
    assert list((tmp_path / "c").glob("*/k-*.json"))
    cache_mod._PACKS.clear()  # another process: neither memo holds the pack
    pack_load._loaded.clear()
    loads: list[str] = []
    real = pack_load._load_pack
    monkeypatch.setattr(pack_load, "_load_pack", lambda *a, **k: loads.append(a[0]) or real(*a, **k))
    _edit_data(regency)
    warm = CliRunner().invoke(main, args)
    assert loads == []
    cold = CliRunner().invoke(main, [*args[:-2], "--no-cache"])
    assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output)


def test_an_edited_pack_is_loaded_again_and_a_broken_one_is_an_error(
    regency: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(PACK.parent, packs)
    monkeypatch.setenv("SISTEMKERJA_RULES", str(packs))
    args = ["check", str(regency), "--format", "json", "--cache-dir", str(tmp_path / "c")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code in (0, 1), first.output
    cache_mod._PACKS.clear()
    (pack_yaml,) = packs.glob("*/pack.yaml")
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8") + "\nnot_a_key: 1\n", encoding="utf-8")
    _edit_data(regency)
    broken = CliRunner().invoke(main, args)
    assert broken.exit_code == 2 and "not_a_key" in broken.output  # never the cached pack


@pytest.mark.parametrize("payload", [b'{"pack": 1}', b'{"pack": {"id": "x"}}', b"[]", b'{"pack": {}, "x": 1}'])
def test_a_kept_loaded_pack_of_the_wrong_shape_is_a_miss(
    payload: bytes, regency: Path, tmp_path: Path, test_packs: None
) -> None:
    args = ["check", str(regency), "--format", "json", "--cache-dir", str(tmp_path / "c")]
    cache_mod._PACKS.clear()
    cold = CliRunner().invoke(main, args)
    (kept,) = (tmp_path / "c").glob("*/k-*.json")
    good = kept.read_bytes()
    kept.write_bytes(cache_mod.FORMAT + hashlib.sha256(payload).digest() + payload)
    cache_mod._PACKS.clear()
    _edit_data(regency)
    warm = CliRunner().invoke(main, args)
    _edit_data(regency)
    fresh = CliRunner().invoke(main, [*args[:-2], "--no-cache"])
    assert (warm.exit_code, warm.output) == (fresh.exit_code, fresh.output)
    assert cold.exit_code == warm.exit_code
    assert kept.read_bytes() == good  # replaced by the pack as loaded


def test_a_pack_folder_gone_before_the_pack_is_stored_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(PACK.parent, packs)
    monkeypatch.setenv("SISTEMKERJA_RULES", str(packs))
    cache_mod._PACKS.clear()
    cache = Cache(tmp_path / "c")
    pack = cache.load_pack(PACK.name)
    assert pack.id == PACK.name
    shutil.rmtree(packs / PACK.name)  # deleted while clingo grounds
    cache.store_packs()  # no exception: the next run loads the pack (or says it is gone)
    assert not list((tmp_path / "c").glob("*/k-*.json"))
