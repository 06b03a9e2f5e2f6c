"""What a loaded pack does, read from its ASP and metadata: lint, the parameters each rule uses,
the evidence names its messages may use."""

from __future__ import annotations

import re
from typing import Any

from checker.packs.cases import coverage_problems
from checker.packs.document import document_problems
from checker.packs.load import REQUIRED_RULE_FIELDS, TEXT_CITATION_FIELDS, parameter_facts
from checker.packs.model import Pack, PackError, Rule
from checker.packs.yaml_doc import DATE


def lint(pack: Pack) -> list[str]:
    """Everything a rule needs to be reported and cited; an empty list means the pack is sound."""
    problems: list[str] = []
    reg = pack.regulation
    for key in ("id", "title") if pack.abstract else ("id", "title", "in_force"):
        if not reg.get(key):
            problems.append(f"{pack.id}: pack.yaml regulation lacks `{key}`")
    if reg.get("id") and reg["id"] != pack.id:
        problems.append(
            f"{pack.path / 'pack.yaml'}: regulation id `{reg['id']}` is not the folder's, `{pack.id}`"
        )
    for rule in pack.rules.values():
        problems.extend(_rule_problems(rule, pack))
    for param in pack.parameters.values():
        for value in (v for row in param.facts for v in row if isinstance(v, str) and DATE.fullmatch(v)):
            problems.append(
                f"{param.source}: parameter `{param.name}`: '{value}' is quoted, so the ASP gets a text, "
                f"not the date {value.replace('-', '')}; write it unquoted"
            )
    problems.extend(document_problems(pack))
    problems.extend(coverage_problems(pack))
    problems.extend(_placeholder_problems(pack))
    problems.extend(_one_model_problems(pack))
    _check_grounds(pack)
    return problems


def _rule_problems(rule: Rule, pack: Pack) -> list[str]:
    """What one rule lacks to be reported and cited."""
    where = f"{rule.source}: {rule.id}"
    problems = [f"{where}: missing `{key}`" for key in _required(rule, pack) if not rule.raw.get(key)]
    if rule.severity and rule.severity not in ("error", "warning", "info"):
        problems.append(f"{where}: severity '{rule.severity}' is not error, warning or info")
    for lang in ("id", "en"):
        problems += [
            f"{where}: missing {what}.{lang}"
            for what in ("message", "title")
            if not getattr(rule, what).get(lang)
        ]
    if pack.abstract:  # a base's rules are cited, dated and given parameters by its regulations
        return problems
    if not rule.in_force:
        problems.append(f"{where}: no in-force date (rule or regulation)")
    problems += [
        f"{where}: an exception lacks `id` or `citation`"
        for exc in rule.exceptions
        if not exc.id or not exc.citation
    ]
    problems += [
        f"{where}: uses parameter `{name}`, which the pack does not define"
        for name in rule.parameters
        if name not in pack.parameters
    ]
    return problems


def _required(rule: Rule, pack: Pack) -> list[str]:
    """The fields a rule must have: a base's rule cites nothing (its regulations do)."""
    if pack.abstract:
        return [k for k in REQUIRED_RULE_FIELDS if k != "citation"]
    text_cited = not isinstance(rule.raw.get("citation"), list)
    return [*REQUIRED_RULE_FIELDS, *(TEXT_CITATION_FIELDS if text_cited else ())]


def _check_grounds(pack: Pack) -> None:
    """The pack grounds (on its parameters, without data): an unsafe variable or another grounding
    error would stop every check of every regency, so it is a pack error, as under `check`."""
    import clingo

    from checker.solve.engine import one_line

    messages: list[str] = []
    ctl = clingo.Control(logger=lambda code, text: messages.append(f"{code.name}: {text}"), message_limit=100)
    try:
        for program in pack.programs:
            ctl.load(str(program))
        ctl.add("base", [], parameter_facts(pack))
        ctl.ground([("base", [])])
    except RuntimeError as exc:
        raise PackError(f"{pack.id}: the ASP does not ground: {one_line(messages, exc)}") from exc


def _one_model_problems(pack: Pack) -> list[str]:
    """A pack has exactly one answer, and reports through violation/3: an integrity constraint
    removes it when it fires (`check` then stops: exit 2), and a choice, a disjunction or an
    optimization gives several answers, of which a check would report an arbitrary one."""
    from clingo import ast

    problems: list[str] = []

    def visit(stm: ast.AST) -> None:
        what = None
        if stm.ast_type == ast.ASTType.Minimize:
            what = "an optimization statement"
        elif stm.ast_type == ast.ASTType.Rule:
            head = stm.head
            if head.ast_type in (ast.ASTType.Disjunction, ast.ASTType.Aggregate, ast.ASTType.HeadAggregate):
                what = "a choice or disjunction (several answers)"
            elif head.ast_type == ast.ASTType.Literal and head.atom.ast_type == ast.ASTType.BooleanConstant:
                what = "an integrity constraint (it makes the pack unsatisfiable when it fires)"
        if what:
            begin = stm.location.begin
            problems.append(f"{begin.filename}:{begin.line}: {what}; report through violation/3 instead")

    ast.parse_files([str(p) for p in pack.programs], visit)
    return problems


_OUTPUTS = ("violation", "exception", "uncheckable")


def rule_parameters(pack: Pack) -> dict[str, list[str]]:
    """The parameters each enacted rule uses: its `parameters:` metadata when given; otherwise read
    from the ASP, as the parameter predicates its violation/exception/uncheckable rules depend on
    (through derived predicates too). The ASP parses: load_pack refuses a pack whose ASP does not."""
    explicit = {rid: list(rule.parameters) for rid, rule in pack.rules.items()}
    missing = [rid for rid, names in explicit.items() if not names]
    if not missing or not pack.parameters:
        return explicit
    try:
        inferred = _inferred_parameters(pack)
    except (RuntimeError, OSError) as exc:  # changed on disk since it was loaded
        raise PackError(f"{pack.path}: the ASP cannot be read again: {exc}") from exc
    for rid in missing:
        explicit[rid] = inferred.get(rid, [])
    return explicit


def _inferred_parameters(pack: Pack) -> dict[str, list[str]]:
    from clingo import ast

    depends: dict[str, set[str]] = {}  # predicate -> predicates in the bodies of its rules
    roots: dict[str, set[str]] = {}  # rule id -> predicates in the bodies of its output rules

    def collect(statement: ast.AST) -> None:
        if statement.ast_type != ast.ASTType.Rule:
            return
        heads = _atoms(statement.head)
        body: set[str] = set()
        for lit in statement.body:
            body.update(name for name, _ in _atoms(lit))
        for name, first in heads:
            depends.setdefault(name, set()).update(body)
            if name in _OUTPUTS and first is not None:
                roots.setdefault(first, set()).update(body)

    ast.parse_files([str(p) for p in pack.programs], collect)
    names = set(pack.parameters)
    out: dict[str, list[str]] = {}
    for rid, start in roots.items():
        seen, todo = set(start), list(start)
        while todo:
            for nxt in depends.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        out[rid] = sorted(seen & names)
    return out


def _atoms(node: Any) -> list[tuple[str, str | None]]:
    """(predicate name, first argument if it is a string constant) of every atom inside an AST node."""
    from clingo import SymbolType, ast

    found: list[tuple[str, str | None]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)) or type(item).__name__ == "ASTSequence":
            stack.extend(item)
            continue
        if not isinstance(item, ast.AST):
            continue
        if item.ast_type == ast.ASTType.SymbolicAtom:
            sym = item.symbol
            if sym.ast_type == ast.ASTType.Function:
                first = None
                if sym.arguments:
                    arg = sym.arguments[0]
                    if arg.ast_type == ast.ASTType.SymbolicTerm and arg.symbol.type == SymbolType.String:
                        first = arg.symbol.string
                found.append((sym.name, first))
            continue
        stack.extend(getattr(item, key) for key in item.child_keys)
    return found


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def evidence_names(pack: Pack) -> dict[tuple[str, str], set[str] | None]:
    """(atom kind, rule id) -> the evidence term names its ASP heads can supply; None when a head's
    evidence is a variable (then the names are only known at run time). Read with clingo's parser."""
    from clingo import ast

    found: dict[tuple[str, str], set[str] | None] = {}

    def visit(stm: ast.AST) -> None:
        if stm.ast_type != ast.ASTType.Rule or stm.head.ast_type != ast.ASTType.Literal:
            return
        atom = stm.head.atom
        if atom.ast_type != ast.ASTType.SymbolicAtom or atom.symbol.ast_type != ast.ASTType.Function:
            return
        term = atom.symbol
        if term.name not in ("violation", "uncheckable", "exception") or not term.arguments:
            return
        rid = term.arguments[0]
        if rid.ast_type != ast.ASTType.SymbolicTerm or rid.symbol.type.name != "String":
            return
        key = (term.name, rid.symbol.string)
        evidence = term.arguments[-1]
        items = (
            evidence.arguments
            if evidence.ast_type == ast.ASTType.Function and not evidence.name
            else [evidence]
        )
        if key in found and found[key] is None:
            return
        if any(item.ast_type != ast.ASTType.Function for item in items):
            found[key] = None
            return
        found.setdefault(key, set()).update(item.name for item in items)  # type: ignore[union-attr]

    ast.parse_files([str(p) for p in pack.programs], visit)
    return found


def _placeholder_problems(pack: Pack) -> list[str]:
    """A message placeholder no ASP head of the rule supplies would print as `{name}`."""
    names = evidence_names(pack)
    problems = []
    for rule in pack.rules.values():
        supplied = names.get(("violation", rule.id))
        if supplied is None:
            continue
        for lang, text in sorted(rule.message.items()):
            for missing in sorted(set(_PLACEHOLDER.findall(text)) - supplied - {"record"}):
                problems.append(
                    f"{rule.source}: {rule.id}: message.{lang} uses {{{missing}}}, which no ASP supplies"
                )
    return problems
