"""The engine end to end on a made-up third regulation that lives only in tests: no Python change."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.cli import main
from tests.ruletools import run_check, summary

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGENCY = FIXTURES / "regency-contoh"


@pytest.fixture(autouse=True)
def test_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SISTEMKERJA_RULES", str(FIXTURES / "packs"))


def test_third_regency_pack_needs_no_python() -> None:
    findings = run_check(REGENCY)
    assert summary(findings) == [
        ("contoh.assessor-administrator", "k-a2", "error", "excepted"),
        ("contoh.assessor-administrator", "k-a3", "error", "excepted"),
    ]
    first = findings[0]
    assert first.exception == "contoh.assessor-administrator.delegasi"
    assert first.exception_citation == "Pasal 3 ayat (2)"
    assert first.message.en == "Assessor e-kasi of e-a2 has grade pengawas"
    assert first.location.line == 37
    assert first.opd == "dinas"
    names = [(e.name, e.value) for e in first.evidence]
    assert names == [
        ("employee", "e-a2"),
        ("assessor", "e-kasi"),
        ("grade", "pengawas"),
        ("delegation", "dl-1"),
    ]
    assessor = first.evidence[1]
    assert assessor.location is not None and assessor.location.line == 31


def test_rule_not_yet_in_force_is_silent() -> None:
    assert run_check(REGENCY, as_of="2024-12-31") == []


def test_open_violation_fails_the_gate(tmp_path: Path) -> None:
    # without the delegation, the same placements are open errors: exit 1
    src = (REGENCY / "dinas.yaml").read_text(encoding="utf-8")
    (tmp_path / "dinas.yaml").write_text(src.split("delegations:")[0], encoding="utf-8")
    (tmp_path / "regency.yaml").write_text(
        (REGENCY / "regency.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert (
        "contoh.assessor-administrator  Assessor e-kasi of e-a2 has grade pengawas (Pasal 3)" in result.stdout
    )
    assert CliRunner().invoke(main, ["check", str(tmp_path), "--fail-on", "never"]).exit_code == 0


def test_output_is_deterministic() -> None:
    runs = [CliRunner().invoke(main, ["check", str(REGENCY), "--format", "json"]).stdout for _ in range(2)]
    assert runs[0] == runs[1]


def test_unknown_regulation_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["check", str(REGENCY), "--regulation", "perbup-nowhere-0-0000"])
    assert result.exit_code == 2
    assert "unknown regulation 'perbup-nowhere-0-0000'" in result.stderr


def test_facts_fed_in_pieces_solve_like_one_block() -> None:
    from checker.solve import engine

    program = str(FIXTURES / "feed.lp")
    whole = engine.solve([program], 'p("a").\np("b").\nq("b").\n')
    feed = engine.FactFeed()
    feed.add('p("a").\n')
    feed.add('q("b").\np("b").\n')
    feed.start_solving([program])
    pieces = feed.result()
    assert pieces.atoms == whole.atoms
    assert [(a.rule_id, a.record) for a in pieces.atoms] == [("demo.only-p", "a")]


def test_closed_feed_stops_without_solving() -> None:
    from checker.solve import engine

    feed = engine.FactFeed()
    feed.add('p("a").\n')
    feed.close()
    feed._thread.join(timeout=10)
    assert not feed._thread.is_alive()


ATOM_TEXTS = [
    'violation("r.one","e-1",(employee("e-1"),assessor("e-2"),grade(pelaksana)))',
    'violation("r.one","e-1",(missing(surat_penugasan),))',
    'violation("r.one","e-1",employee("e-1"))',
    'uncheckable("r.two","t 1",(target("t 1"),date(20240916),delta(-3)))',
    'exception("r.three","k1","r.three.pengawas",(party(ext("Dinas X",pejabat_berwenang)),pair("a","b")))',
    'violation("r.q","say \\"hi\\", \\\\ back\\nslash",(value("x,y)"),))',
    'violation("r.t","e",(tuple(("a",1)),nested(f(g(h)))))',
    'violation("r.inf","e",(bound(#inf),))',
    'violation("r.neg","e",(flag(-fact("x")),))',
    'other("x")',
]


@pytest.mark.parametrize("text", ATOM_TEXTS)
def test_atoms_read_from_text_equal_atoms_read_from_symbols(text: str) -> None:
    import clingo

    from checker.solve.atoms import atom_from_symbol, read_atom

    sym = clingo.parse_term(text)
    assert read_atom(sym) == atom_from_symbol(sym)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=3, max_size=5))
def test_any_string_reads_back_the_same(values: list[str]) -> None:
    import clingo

    from checker.solve.atoms import atom_from_symbol, read_atom

    s = [clingo.String(v) for v in values]
    evidence = clingo.Tuple_([clingo.Function("item", [x]) for x in s[2:]])
    sym = clingo.Function("violation", [s[0], s[1], evidence])
    assert read_atom(sym) == atom_from_symbol(sym)


def test_common_atoms_take_the_text_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import clingo

    from checker.solve import atoms

    monkeypatch.setattr(atoms, "atom_from_symbol", lambda sym: pytest.fail(f"fell back on {sym}"))
    for text in ATOM_TEXTS[:7]:
        assert atoms.read_atom(clingo.parse_term(text)) is not None


def test_a_finished_check_frees_its_ground_program(monkeypatch: pytest.MonkeyPatch) -> None:
    # the pipeline freezes the collector after loading, so clingo's Control (the whole ground
    # program) must be freed by reference counting alone: a batch worker checks several regencies
    import weakref

    import clingo

    from checker.pipeline import Options, run

    controls: list[weakref.ref] = []

    class Watched(clingo.Control):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            controls.append(weakref.ref(self))

    monkeypatch.setattr(clingo, "Control", Watched)
    checked = run([str(REGENCY)], Options("perbup-contoh-1-2025"))
    result = checked.check
    assert result is not None and controls
    del checked, result
    assert [ref() for ref in controls] == [None]
