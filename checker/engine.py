"""Ground and solve a rule pack over the facts; read back violation, exception and uncheckable atoms."""

from __future__ import annotations

import queue
import re
import threading
import time
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


def _atom_from_symbol(sym: clingo.Symbol) -> Atom | None:
    args = sym.arguments
    if sym.name == "exception" and len(args) == 4:
        return Atom("exception", _text(args[0]), _text(args[1]), _evidence(args[3]), _text(args[2]))
    if sym.name in ("violation", "uncheckable") and len(args) == 3:
        return Atom(sym.name, _text(args[0]), _text(args[1]), _evidence(args[2]))
    return None


# --- the same atoms, read from their text ----------------------------------------------------
# Each attribute of a clingo Symbol is a call through CFFI: reading the shown atoms that way cost
# 26 us an atom (1.5 s for the 58,000 atoms of a 100k-staff regency). One str() per atom and this
# small reader of clingo's term syntax give the same values; anything it does not expect (#inf,
# classical negation, ...) falls back to the Symbol path.

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9]+|[a-z_][A-Za-z0-9_\']*|[(),]')
_ESCAPED = re.compile(r"\\(.)")


class _Unexpected(Exception):
    pass


@dataclass(slots=True)
class _Term:
    name: str | None  # a function's name ("" for a tuple); None for a string or a number
    text: str  # what _text gives: a string's content, a number, a constant's name, else the term
    args: list[_Term]


def _read(src: str, pos: int) -> tuple[_Term, int]:
    match = _TOKEN.match(src, pos)
    if match is None:
        raise _Unexpected
    token, end = match.group(), match.end()
    first = token[0]
    if first == '"':
        body = token[1:-1]
        return _Term(None, _ESCAPED.sub(_unescape, body) if "\\" in body else body, []), end
    if first == "-" or first.isdigit():
        return _Term(None, token, []), end
    if first in "),":
        raise _Unexpected
    if first == "(":
        name, end = "", pos
    else:
        name = token
        if not src.startswith("(", end):
            return _Term(name, name, []), end
    args: list[_Term] = []
    end += 1
    while not src.startswith(")", end):
        arg, end = _read(src, end)
        args.append(arg)
        if src.startswith(",", end):
            end += 1
        elif not src.startswith(")", end):
            raise _Unexpected
    end += 1
    return _Term(name, src[pos:end], args), end


def _unescape(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char == "n" else char


def _term_evidence(term: _Term) -> tuple[tuple[str, str], ...]:
    # as _evidence: a tuple of name(Value) terms, or a single term not wrapped in a tuple
    items = term.args if term.name == "" else [term]
    out = []
    for item in items:
        if item.name and len(item.args) == 1:
            out.append((item.name, item.args[0].text))
        elif item.name and item.args:
            out.append((item.name, ", ".join(a.text for a in item.args)))
        else:
            out.append(("value", item.text))
    return tuple(out)


def _atom(sym: clingo.Symbol) -> Atom | None:
    src = str(sym)
    try:
        term, end = _read(src, 0)
        if end != len(src):
            raise _Unexpected
    except (_Unexpected, RecursionError):
        return _atom_from_symbol(sym)
    args = term.args
    if term.name == "exception" and len(args) == 4:
        return Atom("exception", args[0].text, args[1].text, _term_evidence(args[3]), args[2].text)
    if term.name in ("violation", "uncheckable") and len(args) == 3:
        return Atom(term.name, args[0].text, args[1].text, _term_evidence(args[2]))
    return None


def solve(programs: list[str], facts: str, parameters: str = "") -> SolveResult:
    """Load the pack's ASP files, add facts as one block, ground once and solve once."""
    feed = FactFeed()
    feed.add(facts)
    feed.start_solving(programs, parameters)
    return feed.result()


class FactFeed:
    """One clingo run whose facts arrive in pieces while the caller goes on working.

    clingo parses fact text and grounds without holding the GIL, so a background thread hands it
    each piece as soon as it exists (a file's facts right after the file is parsed) while Python
    goes on parsing, validating and checking integrity on the other core. `start_solving` queues
    the pack and the final grounding; `result` waits for them. `close` abandons the run."""

    _DONE = None

    def __init__(self) -> None:
        messages: list[str] = []

        def log(code: clingo.MessageCode, message: str) -> None:
            messages.append(f"{code.name}: {message.strip()}")

        # the logger must not refer back to this object: a Control -> bound method -> FactFeed ->
        # Control cycle is freed only by the cyclic collector, which the pipeline's gc.freeze()
        # keeps away, so a batch worker kept every regency's ground program
        self.messages = messages
        self._ctl: clingo.Control | None = clingo.Control(["--warn=all"], logger=log, message_limit=1000)
        self._queue: queue.SimpleQueue[str | tuple[list[str], str] | None] = queue.SimpleQueue()
        self._outcome: SolveResult | BaseException | None = None
        self._loading = 0.0
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="sistemkerja-clingo", daemon=True)
        self._thread.start()

    def add(self, facts: str) -> None:
        self._queue.put(facts)

    def start_solving(self, programs: list[str], parameters: str = "") -> None:
        self._queue.put((programs, parameters))

    def close(self) -> None:
        """Stop without solving (the data turned out broken): skip what is still queued."""
        self._closed = True
        self._queue.put(self._DONE)

    def result(self) -> SolveResult:
        self._thread.join()
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        assert self._outcome is not None
        return self._outcome

    def _run(self) -> None:
        try:
            self._serve()
        finally:
            self._ctl = None  # the ground program goes as soon as its atoms are read

    def _serve(self) -> None:
        error: BaseException | None = None
        while True:
            item = self._queue.get()
            if item is self._DONE:
                return
            if isinstance(item, str):
                if error is None and not self._closed:
                    started = time.perf_counter()
                    try:
                        assert self._ctl is not None
                        self._ctl.add("base", [], item)
                    except RuntimeError as exc:
                        error = exc
                    self._loading += time.perf_counter() - started
                continue
            try:
                if error is not None:
                    raise error
                self._outcome = self._ground_and_solve(*item)
            except RuntimeError as exc:
                detail = "\n".join(self.messages[-5:])
                message = f"the rule pack could not be grounded: {exc}\n{detail}".strip()
                self._outcome = EngineError(message)
            except BaseException as exc:  # noqa: BLE001 - handed to the thread that asks for the result
                self._outcome = exc
            return

    def _ground_and_solve(self, programs: list[str], parameters: str) -> SolveResult:
        ctl = self._ctl
        assert ctl is not None
        t0 = time.perf_counter()
        for path in programs:
            ctl.load(path)
        if parameters:
            ctl.add("base", [], parameters)
        ctl.add("base", [], SHOW)
        t1 = time.perf_counter()
        ctl.ground([("base", [])])
        t2 = time.perf_counter()
        atoms: list[Atom] = []
        with ctl.solve(yield_=True) as handle:
            for model in handle:
                for sym in model.symbols(shown=True):
                    atom = _atom(sym)
                    if atom is not None:
                        atoms.append(atom)
                break  # rule packs are stratified: exactly one model
        t3 = time.perf_counter()
        stats = {"load": self._loading + t1 - t0, "ground": t2 - t1, "solve": t3 - t2}
        atoms.sort(key=lambda a: (a.rule_id, a.record, a.kind, a.exception_id or "", a.evidence))
        return SolveResult(atoms, self.messages, stats)
