"""A pack's regulation as data (`rules/<pack>/regulation.yaml`, issue 16): every provision in the
regulation's own order, with a stable key (Akoma Ntoso element ids: `art_8__para_1`), its verbatim text
once, and its status: the rules that enforce it, or why none (not_checkable / not_encoded).

Rules cite provisions by key; the human citation ("Pasal 8 ayat (1)") and the excerpt are derived here,
so no article text is repeated in the topic files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DOCUMENT_FILE = "regulation.yaml"
STATUSES = ("rules", "not_checkable", "not_encoded")
# kinds that only group articles: a citation of a Pasal does not name its BAB or Bagian
_STRUCTURE = ("bab", "bagian", "paragraf", "lampiran")
_ROMAN = re.compile(r"[IVXLC]+")


@dataclass
class Provision:
    key: str
    kind: str
    num: str = ""
    heading: str = ""
    text: str = ""
    rules: list[str] | None = None
    not_checkable: dict[str, str] | None = None
    not_encoded: dict[str, str] | None = None
    note: dict[str, str] | None = None
    children: list[Provision] = field(default_factory=list)
    label: str = ""  # the human citation of this provision alone: "Pasal 8 ayat (1)"
    step: str = ""  # its own part of the label: "ayat (1)"
    parent: str = ""  # key of the enclosing provision ("" at the top)
    where: str = ""  # file:line

    @property
    def statuses(self) -> list[str]:
        """The statuses it carries (a sound leaf has exactly one)."""
        return [s for s in STATUSES if getattr(self, s) is not None]

    def reason(self, lang: str) -> str:
        """Why no rule enforces it, in `lang` (Indonesian when that language is missing)."""
        why = self.not_checkable or self.not_encoded or {}
        return why.get(lang) or why.get("id", "")


@dataclass
class Document:
    regulation: str
    source: str
    path: Path
    provisions: list[Provision]
    by_key: dict[str, Provision]
    order: dict[str, int]  # key -> position in the regulation

    def walk(self) -> Iterator[tuple[int, Provision]]:
        """(depth, provision) in the regulation's order."""
        stack = [(0, p) for p in reversed(self.provisions)]
        while stack:
            depth, node = stack.pop()
            yield depth, node
            stack.extend((depth + 1, c) for c in reversed(node.children))

    def cited_by(self) -> dict[str, list[str]]:
        """rule id -> the keys whose `rules:` name it, in order."""
        out: dict[str, list[str]] = {}
        for _, node in self.walk():
            for rid in node.rules or ():
                out.setdefault(rid, []).append(node.key)
        return out

    def citation(self, keys: Sequence[str]) -> str:
        """The human citation of `keys`: siblings of one kind share their parent's label ("Pasal 14
        huruf c dan huruf e", "huruf a, c, e"), three or more adjacent ones read as a range ("ayat
        (1)-(3)")."""
        cited = self._whole_parents({k for k in keys if k in self.by_key})
        # a provision cited with its parent reads as the parent alone ("Pasal 18", not "; huruf a-d")
        known = sorted((k for k in cited if not self._ancestors(k) & cited), key=self.order.__getitem__)
        groups: list[tuple[str, str, list[Provision]]] = []  # (parent, kind, members)
        for key in known:
            node = self.by_key[key]
            if groups and groups[-1][0] == node.parent and groups[-1][1] == node.kind and node.parent:
                groups[-1][2].append(node)
            else:
                groups.append((node.parent, node.kind, [node]))
        parts = [self._group_label(members) for _, _, members in groups]
        parts += [k for k in keys if k not in self.by_key]  # lint reports these
        return "; ".join(parts)

    def _whole_parents(self, cited: set[str]) -> set[str]:
        """`cited` with every provision all of whose children are cited: "Pasal 13 ayat (3)" for its
        butir 1-4, "Lampiran huruf I" for its angka 1 and 2."""
        cited = set(cited)
        grown = True
        while grown:
            parents = {self.by_key[k].parent for k in cited} - {""} - cited
            whole = {p for p in parents if all(c.key in cited for c in self.by_key[p].children)}
            cited |= whole
            grown = bool(whole)
        return cited

    def _ancestors(self, key: str) -> set[str]:
        out, parent = set(), self.by_key[key].parent
        while parent:
            out.add(parent)
            parent = self.by_key[parent].parent
        return out

    def _group_label(self, members: list[Provision]) -> str:
        first = members[0]
        if len(members) == 1:
            return first.label
        prefix = first.label[: len(first.label) - len(first.step)]
        word = first.step.rpartition(" ")[0] + " " if " " in first.step else ""
        nums = [m.step[len(word) :] for m in members]
        siblings = [c.key for c in self.by_key[first.parent].children]
        runs: list[list[int]] = []
        for i, m in enumerate(members):
            pos = siblings.index(m.key)
            if runs and pos == siblings.index(members[runs[-1][-1]].key) + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        shown = [
            f"{nums[r[0]]}-{nums[r[-1]]}" if len(r) >= 3 else ", ".join(nums[i] for i in r) for r in runs
        ]
        if len(members) == 2:  # as the law writes two: "ayat (2) dan ayat (3)"
            return f"{prefix}{word}{nums[0]} dan {word}{nums[1]}"
        return f"{prefix}{word}{', '.join(shown)}"

    def excerpt(self, keys: Sequence[str]) -> str:
        """The text of the cited provisions; with more than one, each followed by its citation."""
        nodes = [self.by_key[k] for k in sorted(set(keys) & set(self.by_key), key=self.order.__getitem__)]
        texts = [(n.text or n.heading).strip() for n in nodes]
        if len(nodes) == 1:
            return texts[0]
        return " — ".join(f"{t} ({n.label})" for t, n in zip(texts, nodes, strict=True) if t)


def load_document(folder: Path, pack_id: str) -> Document | None:
    """The regulation document of the pack in `folder`, or None when it has none. A malformed one
    is a pack error with its file:line (schemas/regulation.schema.json)."""
    from checker.packs.model import PackError
    from checker.packs.yaml_doc import read_yaml, validate_doc

    path = folder / DOCUMENT_FILE
    if not path.is_file():
        return None
    doc = read_yaml(path)
    validate_doc(doc, "regulation")
    data = doc.data
    if data["regulation"] != pack_id:
        raise doc.error(
            ("regulation",), f"regulation `{data['regulation']}` is not the pack's id, `{pack_id}`"
        )
    by_key: dict[str, Provision] = {}
    order: dict[str, int] = {}

    def build(
        items: list[dict[str, Any]], at: tuple[str | int, ...], parent: Provision | None
    ) -> list[Provision]:
        out = []
        for i, raw in enumerate(items):
            here = (*at, i)
            node = Provision(
                key=raw["key"],
                kind=raw["kind"],
                num=str(raw.get("num", "")),
                heading=str(raw.get("heading", "")),
                text=str(raw.get("text", "")),
                rules=[str(r) for r in raw["rules"]] if "rules" in raw else None,
                not_checkable=raw.get("not_checkable"),
                not_encoded=raw.get("not_encoded"),
                note=raw.get("note"),
                parent=parent.key if parent else "",
                where=doc.where((*here, "key")),
            )
            if node.key in by_key:
                raise PackError(
                    f"{node.where}: key `{node.key}` is given twice (first at {by_key[node.key].where})"
                )
            node.step = _step(node, parent)
            node.label = _label(node, parent, by_key)
            by_key[node.key] = node
            order[node.key] = len(order)
            node.children = build(raw.get("provisions") or [], (*here, "provisions"), node)
            out.append(node)
        return out

    provisions = build(data["provisions"], ("provisions",), None)
    return Document(str(data["regulation"]), str(data.get("source", "")), path, provisions, by_key, order)


def _step(node: Provision, parent: Provision | None) -> str:
    """The provision's own part of a citation, as Indonesian law cites it. A number that repeats its
    parent's ("A.1" under "A") takes the parent's word: "huruf A.1"."""
    num, kind, tail = node.num, node.kind, node.key.rpartition("_")[2]
    if parent is not None and parent.num and num.startswith(parent.num + "."):
        return f"{parent.step.rpartition(' ')[0]} {num}"
    words = {
        "pasal": f"Pasal {num}",
        "ayat": f"ayat ({num})",
        "huruf": f"huruf {num}",
        "angka": f"angka {num}",
        "butir": f"butir {num}",
        "daftar": f"daftar {tail}",
        "gambar": f"Gambar {num or tail}",
        "bab": f"BAB {num}",
        "bagian": f"Bagian {num}",
        "paragraf": f"Paragraf {num}",
        "preface": "Judul",
        "preamble": "Konsiderans",
        "conclusions": "Penutup",
        "lampiran": f"Lampiran {num}".strip(),
    }
    if kind == "bagian_lampiran":
        if not num:
            return f"Lampiran ({node.heading})" if node.heading else "Lampiran"
        if num.isdigit():
            return f"Lampiran angka {num}"
        if tail.isdigit() and _ROMAN.fullmatch(num):
            return f"Lampiran {num}"
        return f"Lampiran huruf {num}"
    return words.get(kind, f"{kind} {num}".strip())


def _label(node: Provision, parent: Provision | None, by_key: dict[str, Provision]) -> str:
    """The full human citation: the parent's label (without the BAB/Bagian/Lampiran that only group
    articles and Lampiran parts, and without a list's lead-in, which the law does not cite), then the
    provision's own step; "A.1" under "A" replaces it ("Lampiran II huruf A.1")."""
    if parent is None or parent.kind in _STRUCTURE:
        if node.kind == "conclusions" and parent is not None:
            return f"{parent.label} ({node.step})"
        return node.step
    if node.kind == "daftar":
        return f"{parent.label} ({node.step})"
    if parent.num and node.num.startswith(parent.num + "."):
        return f"{parent.label[: len(parent.label) - len(parent.step)]}{node.step}"
    if parent.kind == "daftar":
        return f"{by_key[parent.parent].label} {node.step}"
    return f"{parent.label} {node.step}"


def document_problems(pack: Any) -> list[str]:
    """What `rules --lint` fails on in a pack with a regulation document: a leaf without exactly one
    status, a cited key that does not exist, a rule whose citation is not exactly the provisions whose
    `rules:` name it (both directions), a rule id in the document that the pack does not enact, a
    rule whose reading is not given in both languages."""
    doc: Document | None = pack.document
    if doc is None:
        return []
    problems = _status_problems(doc, set(pack.rules))
    cited_by = doc.cited_by()
    for rule in pack.rules.values():
        if rule.cited_in == pack.id:  # a rule cited by a base names the base's provisions
            problems += _rule_problems(doc, rule, set(cited_by.get(rule.id, ())))
    for param in pack.parameters.values():  # the keys this pack wrote name its own regulation
        own = [param.cites] if param.cited_in == pack.id else []
        own += [list(row.cites) for row in param.rows if row.pack == pack.id]
        for keys in own:
            what = f"{param.source}: parameter `{param.name}` cites"
            problems += [f"{what} `{k}`, which does not exist" for k in _unknown(doc, keys)]
    return problems


def _status_problems(doc: Document, enacted: set[str]) -> list[str]:
    problems = []
    for _, node in doc.walk():
        statuses = node.statuses
        if not node.children and len(statuses) != 1:
            has = ", ".join(f"`{s}`" for s in statuses) or "none"
            problems.append(
                f"{node.where}: `{node.key}` needs one of rules, not_checkable, not_encoded; has {has}"
            )
        for rid in sorted(set(node.rules or ()) - enacted):
            problems.append(f"{node.where}: `{node.key}` names rule `{rid}`, which the pack does not enact")
    return problems


def _rule_problems(doc: Document, rule: Any, listed: set[str]) -> list[str]:
    where, name = f"{rule.source}: {rule.id}", doc.path.name
    if not isinstance(rule.raw.get("citation"), list):
        return [f"{where}: `citation` must list provision keys of {name}"]
    reading = rule.reading if isinstance(rule.reading, dict) else {}
    problems = [f"{where}: `reading` needs `{lang}`" for lang in ("id", "en") if not reading.get(lang)]
    problems += [f"{where}: cites `{k}`, which {name} does not have" for k in _unknown(doc, rule.cites)]
    for key in sorted((set(rule.cites) - listed) & set(doc.by_key), key=doc.order.__getitem__):
        problems.append(f"{where}: cites `{key}`, whose `rules:` ({doc.by_key[key].where}) do not name it")
    for key in sorted(listed - set(rule.cites), key=doc.order.__getitem__):
        problems.append(f"{doc.by_key[key].where}: `{key}` names `{rule.id}`, whose citation lacks it")
    for exc in rule.exceptions:
        missing = _unknown(doc, exc.cites)
        problems += [f"{where}: exception {exc.id} cites `{k}`, which {name} does not have" for k in missing]
    return problems


def document_notices(pack: Any) -> list[str]:
    """Provisions checkable in principle that no rule encodes yet: reported, not failed."""
    doc: Document | None = pack.document
    if doc is None:
        return []
    return [
        f"{n.where}: `{n.key}` ({n.label}) not encoded: {n.reason('en')}"
        for _, n in doc.walk()
        if n.not_encoded
    ]


def _unknown(doc: Document, keys: Sequence[str]) -> list[str]:
    return [k for k in keys if k not in doc.by_key]
