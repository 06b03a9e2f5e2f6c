"""The ASP vocabulary, declared once in `rules/_vocabulary/vocabulary.yaml`: the input facts
checker/solve/facts.py writes, the wide rows it writes them as, the relations every pack may use,
the calendar and the output atoms. From it come the `#defined` lines of the vocabulary's
`inputs.lp` and the vocabulary section of docs/rule-packs.md; `python -m checker.packs.vocabulary`
writes both, and tests hold them (and facts.py, and the derived ASP) to the declaration.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SECTIONS = ("inputs", "rows", "derived", "calendar", "outputs")
TITLES = {
    "inputs": "Input facts (written from the records by `checker/solve/facts.py`)",
    "rows": "Rows (one wide fact per record, projected into the inputs; packs never read them)",
    "derived": "Derived relations (`rules/_vocabulary/derived.lp`, for every pack)",
    "calendar": "Dates (`rules/_calendar/indonesia.lp`, for a pack whose ASP names one of these)",
    "outputs": "Output atoms (what a rule derives)",
}
DOC_START, DOC_END = "<!-- vocabulary:start (generated) -->", "<!-- vocabulary:end -->"


@dataclass(frozen=True)
class Predicate:
    section: str
    name: str
    args: tuple[str, ...]
    doc: str
    example: str = ""

    @property
    def signature(self) -> str:
        return f"{self.name}/{len(self.args)}"

    @property
    def head(self) -> str:
        return f"{self.name}({', '.join(self.args)})"


def vocabulary_dir() -> Path:
    from checker.packs.search import default_rules_dir

    return default_rules_dir() / "_vocabulary"


@functools.cache
def predicates() -> tuple[Predicate, ...]:
    text = (vocabulary_dir() / "vocabulary.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # 30 ms -> 3
    return tuple(
        Predicate(section, p["name"], tuple(p["args"]), p["doc"], p.get("example", ""))
        for section in SECTIONS
        for p in data[section]
    )


def signatures(*sections: str) -> set[str]:
    return {p.signature for p in predicates() if p.section in sections}


def defined_lines() -> str:
    """`#defined` for every input, row and output: a regency without, say, any delegation, and a
    pack that enacts no rule of a kind, ground without warnings."""
    out = ["% GENERATED from vocabulary.yaml by `python -m checker.packs.vocabulary` - do not edit."]
    for section in ("inputs", "rows", "outputs"):
        names = [p.signature for p in predicates() if p.section == section]
        out += [" ".join(f"#defined {n}." for n in names[i : i + 6]) for i in range(0, len(names), 6)]
    return "\n".join(out) + "\n"


def doc_section() -> str:
    """The vocabulary as markdown: per section, each predicate with what it means and an example."""
    out = [DOC_START, ""]
    for section in SECTIONS:
        out += [f"#### {TITLES[section]}", "", "| predicate | meaning | example |", "|---|---|---|"]
        for p in (p for p in predicates() if p.section == section):
            example = f"`{p.example}`" if p.example else ""
            doc = p.doc.replace("|", "\\|")
            out.append(f"| `{p.head}` | {doc} | {example} |")
        out.append("")
    return "\n".join([*out, DOC_END])


def docs_file() -> Path:
    return vocabulary_dir().parent.parent / "docs" / "rule-packs.md"


def with_doc_section(text: str) -> str:
    start, end = text.index(DOC_START), text.index(DOC_END) + len(DOC_END)
    return text[:start] + doc_section() + text[end:]


if __name__ == "__main__":
    (vocabulary_dir() / "inputs.lp").write_text(defined_lines(), encoding="utf-8")
    docs_file().write_text(with_doc_section(docs_file().read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {vocabulary_dir() / 'inputs.lp'} and the vocabulary section of {docs_file()}")
