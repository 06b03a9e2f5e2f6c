"""The atoms a rule pack shows (violation/3, exception/4, uncheckable/3, remedy/4), read into plain values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # clingo is imported where a Symbol is read: a cache hit never needs it
    import clingo


@dataclass(frozen=True)
class Atom:
    kind: str  # violation | exception | uncheckable | remedy
    rule_id: str
    record: str
    evidence: tuple[tuple[str, str], ...]  # (name, value) pairs in the order the rule gave them
    exception_id: str | None = None
    remedy: str | None = None  # a remedy's kind (catalogue key remedy.<kind>)


# An atom is read as a tree of _Term, from its text or through the Symbol API. Each attribute of
# a clingo Symbol is a call through CFFI: reading the shown atoms that way cost 26 us an atom
# (1.5 s for the 58,000 atoms of a 100k-staff regency). One str() per atom and a small reader of
# clingo's term syntax give the same terms; what the reader does not expect (#inf, classical
# negation, ...) is read through the Symbol API instead.

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9]+|[a-z_][A-Za-z0-9_\']*|[(),]')
_ESCAPED = re.compile(r"\\(.)")


class _Unexpected(Exception):
    pass


@dataclass(slots=True)
class _Term:
    name: str | None  # a function's name ("" for a tuple); None for a string or a number
    text: str  # a string's content, a number, a constant's name, else the term as clingo prints it
    args: list[_Term]


def _term_of(sym: clingo.Symbol) -> _Term:
    """The term, through the Symbol API (the reference reading, and the fallback)."""
    import clingo

    if sym.type == clingo.SymbolType.String:
        return _Term(None, sym.string, [])
    if sym.type == clingo.SymbolType.Number:
        return _Term(None, str(sym.number), [])
    if sym.type == clingo.SymbolType.Function:
        args = [_term_of(a) for a in sym.arguments]
        return _Term(sym.name, str(sym) if args else sym.name, args)
    return _Term(None, str(sym), [])  # #inf, #sup


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


def _evidence(term: _Term) -> tuple[tuple[str, str], ...]:
    # a tuple of name(Value) terms; tolerate a single term that is not wrapped in a tuple
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


def _atom(term: _Term) -> Atom | None:
    args = term.args
    if term.name == "exception" and len(args) == 4:
        return Atom("exception", args[0].text, args[1].text, _evidence(args[3]), args[2].text)
    if term.name == "remedy" and len(args) == 4:
        return Atom("remedy", args[0].text, args[1].text, _evidence(args[3]), remedy=args[2].text)
    if term.name in ("violation", "uncheckable") and len(args) == 3:
        return Atom(term.name, args[0].text, args[1].text, _evidence(args[2]))
    return None


def atom_from_symbol(sym: clingo.Symbol) -> Atom | None:
    """The atom read through clingo's Symbol API; None for an atom of another kind."""
    return _atom(_term_of(sym))


def read_atom(sym: clingo.Symbol) -> Atom | None:
    """As atom_from_symbol, read from the atom's text where the reader knows its syntax."""
    src = str(sym)
    try:
        term, end = _read(src, 0)
        if end != len(src):
            raise _Unexpected
    except (_Unexpected, RecursionError):
        return atom_from_symbol(sym)
    return _atom(term)
