"""The ASP vocabulary is declared once (rules/_vocabulary/vocabulary.yaml): the generated files
agree with it, checker/solve/facts.py writes exactly the declared inputs and rows, and the derived
relations are exactly those declared."""

from __future__ import annotations

from pathlib import Path

import clingo
from clingo import ast

from checker.packs import available_packs, load_pack, vocabulary
from checker.packs.cases import data_bytes, find_cases
from checker.pipeline import validate
from checker.solve.facts import build_facts

ROOT = Path(__file__).resolve().parent.parent


def _corpus(tmp: Path) -> list[list[Path]]:
    """The shipped regencies and every rule case of the shipped packs (its bases with its data, the
    test's keys blanked into `tmp`): between them every kind of record and optional field."""
    out = [[d] for d in sorted((ROOT / "data").iterdir()) if d.is_dir()]
    for pack_id in available_packs():
        for i, case in enumerate(find_cases(load_pack(pack_id))):
            raw = data_bytes(case.path)
            data = tmp / f"{pack_id}-{i}.yaml"
            if raw is not None:
                data.write_bytes(raw)
            out.append([*case.bases, *([data] if raw is not None else [])])
    return out


def _heads(path: Path) -> set[str]:
    found: set[str] = set()

    def visit(stm: ast.AST) -> None:
        if stm.ast_type == ast.ASTType.Rule and stm.head.ast_type == ast.ASTType.Literal:
            atom = stm.head.atom
            if atom.ast_type == ast.ASTType.SymbolicAtom:
                sym = atom.symbol
                if sym.ast_type == ast.ASTType.Function:
                    found.add(f"{sym.name}/{len(sym.arguments)}")

    ast.parse_files([str(path)], visit)
    return found


def _emitted(tmp: Path) -> set[str]:
    out: set[str] = set()
    for paths in _corpus(tmp):
        checked = validate([str(p) for p in paths])
        if checked.problems:
            continue  # a fixture of bad data: its facts are never written
        regency = checked.regency
        ctl = clingo.Control(["--warn=none"])
        ctl.add("base", [], build_facts(regency, "2024-09-02", "2024-06-04", ["some.rule"]))
        ctl.ground([("base", [])])
        out |= {f"{name}/{arity}" for name, arity, _ in ctl.symbolic_atoms.signatures}
    return out


def test_inputs_lp_is_generated_from_the_declaration() -> None:
    text = (vocabulary.vocabulary_dir() / "inputs.lp").read_text(encoding="utf-8")
    assert text == vocabulary.defined_lines(), "regenerate: python -m checker.packs.vocabulary"


def test_the_guide_shows_the_declared_vocabulary() -> None:
    text = vocabulary.docs_file().read_text(encoding="utf-8")
    assert vocabulary.with_doc_section(text) == text, "regenerate: python -m checker.packs.vocabulary"


def test_facts_py_writes_exactly_the_declared_inputs_and_rows(tmp_path: Path) -> None:
    projected = _heads(vocabulary.vocabulary_dir() / "rows.lp")
    declared = vocabulary.signatures("inputs", "rows")
    written = (declared - projected) | vocabulary.signatures("rows")
    emitted = _emitted(tmp_path)
    assert emitted <= declared, f"facts.py writes undeclared predicates: {sorted(emitted - declared)}"
    assert written <= emitted, f"declared but never written by facts.py: {sorted(written - emitted)}"
    assert projected <= declared


def test_the_derived_relations_are_those_declared() -> None:
    assert _heads(vocabulary.vocabulary_dir() / "derived.lp") == vocabulary.signatures("derived")


def test_every_declared_predicate_has_an_example_or_is_a_row_or_output() -> None:
    missing = [
        p.signature for p in vocabulary.predicates() if not p.example and p.section not in ("rows", "outputs")
    ]
    assert missing == []
