"""Ground and solve a rule pack over the facts; read back violation, exception and uncheckable atoms."""

from __future__ import annotations

from dataclasses import dataclass, field

import clingo

SHOW = "#show violation/3.\n#show exception/4.\n#show uncheckable/3.\n"


@dataclass(frozen=True)
class Atom:
    kind: str  # violation | exception | uncheckable
    rule_id: str
    record: str
    evidence: tuple[tuple[str, str], ...]  # (name, value) pairs in the order the rule gave them
    exception_id: str | None = None


@dataclass
class SolveResult:
    atoms: list[Atom]
    messages: list[str] = field(default_factory=list)  # clingo warnings (undefined atoms, ...)
    stats: dict[str, float] = field(default_factory=dict)


class EngineError(Exception):
    """The rule pack's ASP does not parse or ground (a defect in the pack: exit 2)."""


def _text(sym: clingo.Symbol) -> str:
    if sym.type == clingo.SymbolType.String:
        return sym.string
    if sym.type == clingo.SymbolType.Number:
        return str(sym.number)
    if sym.type == clingo.SymbolType.Function and not sym.arguments:
        return sym.name
    return str(sym)


def _evidence(sym: clingo.Symbol) -> tuple[tuple[str, str], ...]:
    # a tuple of name(Value) terms; tolerate a single term that is not wrapped in a tuple
    items = sym.arguments if sym.type == clingo.SymbolType.Function and sym.name == "" else [sym]
    out = []
    for item in items:
        if item.type == clingo.SymbolType.Function and item.name and len(item.arguments) == 1:
            out.append((item.name, _text(item.arguments[0])))
        elif item.type == clingo.SymbolType.Function and item.name and item.arguments:
            out.append((item.name, ", ".join(_text(a) for a in item.arguments)))
        else:
            out.append(("value", _text(item)))
    return tuple(out)


def solve(programs: list[str], facts: str, parameters: str = "") -> SolveResult:
    """Load the pack's ASP files, add facts as one block, ground once and solve once."""
    import time

    messages: list[str] = []

    def logger(code: clingo.MessageCode, message: str) -> None:
        messages.append(f"{code.name}: {message.strip()}")

    ctl = clingo.Control(["--warn=all"], logger=logger, message_limit=1000)
    stats: dict[str, float] = {}
    try:
        t0 = time.perf_counter()
        for path in programs:
            ctl.load(path)
        ctl.add("base", [], facts)
        if parameters:
            ctl.add("base", [], parameters)
        ctl.add("base", [], SHOW)
        t1 = time.perf_counter()
        ctl.ground([("base", [])])
        t2 = time.perf_counter()
    except RuntimeError as exc:
        detail = "\n".join(messages[-5:])
        raise EngineError(f"the rule pack could not be grounded: {exc}\n{detail}".strip()) from exc

    atoms: list[Atom] = []
    with ctl.solve(yield_=True) as handle:
        for model in handle:
            for sym in model.symbols(shown=True):
                args = sym.arguments
                if sym.name == "exception" and len(args) == 4:
                    atoms.append(
                        Atom("exception", _text(args[0]), _text(args[1]), _evidence(args[3]), _text(args[2]))
                    )
                elif sym.name in ("violation", "uncheckable") and len(args) == 3:
                    atoms.append(Atom(sym.name, _text(args[0]), _text(args[1]), _evidence(args[2])))
            break  # rule packs are stratified: exactly one model
    t3 = time.perf_counter()
    stats.update(load=t1 - t0, ground=t2 - t1, solve=t3 - t2)
    atoms.sort(key=lambda a: (a.rule_id, a.record, a.kind, a.exception_id or "", a.evidence))
    return SolveResult(atoms, messages, stats)
