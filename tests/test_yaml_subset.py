"""The fast block-YAML reader must read exactly what the libyaml path reads, or step aside.

Whenever `yaml_subset.read` returns something, it must equal what `load.parse` + `add_document`
build from the same text (values, typing, record and field locations), and the libyaml path must
have found nothing wrong. When it returns None the loader uses libyaml, so correctness never rests
on the subset reader declining; but it must accept ordinary regency files, or it is no use.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.load import load_file, yaml_subset
from checker.load.source import FileProblem
from checker.load.yaml_full import add_document, parse
from checker.model import Regency

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(p for p in [*ROOT.glob("data/**/*.yaml"), *ROOT.glob("tests/**/*.yaml")])


def libyaml_read(text: str, name: str = "mem.yaml"):
    """What the libyaml path builds, or None if it reports any problem."""
    part, problems = Regency(), []
    try:
        add_document(part, parse(text, name), name, problems)
    except FileProblem:
        return None
    if problems:
        return None
    return part.regency, part.regency_location, {k: v for k, v in part.records.items() if v}


def assert_same(text: str, name: str = "mem.yaml") -> bool:
    """True if the subset reader took the text (and then agreed with libyaml)."""
    fast = yaml_subset.read(text, name)
    if fast is None:
        return False
    slow = libyaml_read(text.replace("\r\n", "\n"), name)
    assert slow is not None, "the subset reader accepted text that libyaml rejects"
    header, location, records = fast
    assert (header, location) == slow[:2]
    assert {k: v for k, v in records.items() if v} == slow[2]
    return True


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository(path):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8 (an invalid-input fixture)")
    assert load_file(str(path)) == load_file(str(path), subset=False)
    taken = assert_same(text, str(path))
    # ordinary data must take the fast path (pack metadata, waivers and broken input need not)
    relative = str(path.relative_to(ROOT))
    if not any(part in relative for part in ("invalid", "packs", "waivers", "pack.yaml")):
        assert taken, f"{path} fell back to libyaml"


def test_generated_benchmark_data(tmp_path):
    from benchmarks.generate import generate

    generate(300, tmp_path / "r", violation_rate=0.05)
    files = sorted((tmp_path / "r").glob("*.yaml"))
    assert files
    for path in files:
        assert assert_same(path.read_text(encoding="utf-8"), str(path)), path


ACCEPTED = [
    "employees:\n  - id: e1\n    name: A B\n",
    "employees:\n- id: e1\n  name: A B\n",
    "employees:\n    -   id: e1\n        name: A B\n",
    "employees:\n  - {id: e1, name: A B, tags: [x, 'y', \"z\"], on: {a: true, b: ~}}\n",
    "employees:\n  - id: e1\n    name: a long\n      name folded\n      over lines\n",
    "employees:\n  - id: e1\n    name: 'it''s folded\n      here'\n",
    'employees:\n  - id: e1\n    name: "folded\n      double"\n',
    "employees:\n  - id: e1\n    empty:\n    null_: null\n    tilde: ~\n    yes: yes\n    t: true\n",
    "employees:\n  - id: e1\n    list:\n    - a\n    - b\n    nested:\n      x: 1\n      y: [1, 2]\n",
    "employees:\n  - id: e1  # trailing comment\n    name: 'q'   # another\n    tag: [a, b] # c\n",
    "# top comment\n\nregency:\n  name: X\n  pack: p\n\nemployees:\n\n  - id: e1\n\n    n: é 中\n",
    "employees:\nunits:\n  - id: u1\n",
    "employees:\r\n  - id: e1\r\n    name: crlf\r\n",
    "employees:\n  - id: e1\n    url: http://x.y/z\n    time: 10:30\n    hash: a#b\n",
    "employees:\n  - id: e1\n    members:\n      - employee: e2\n        role: anggota\n      - {employee: e3}\n",
]

DECLINED = [
    "employees:\n  - id: e1\n    name: &a x\n    other: *a\n",  # anchors and aliases
    "employees:\n  - id: e1\n    name: !tag x\n",
    "employees:\n  - id: e1\n    name: |\n      block\n",
    'employees:\n  - id: e1\n    name: "esc\\n"\n',
    "employees:\n  - id: e1\n    id: e2\n",  # duplicate key: libyaml path reports it
    "employees:\n  - id: e1\n    <<: {a: b}\n",
    "employees:\n  - name: no id\n",
    "employees:\n  - just a string\n",
    "staff:\n  - id: e1\n",  # unknown collection
    "employees: []\n",
    "---\nemployees:\n  - id: e1\n",
    "employees:\n  - id: e1\n    name: x\n     y: z\n",
    "employees:\n  - id: e1\n    name: a: b\n",
    "employees:\n  - id: e1\n    tags: [a,\n      b]\n",
    "employees:\n  - id: e1\n    tags: [a, b,]\n",
    "employees:\n\t- id: e1\n",
    "employees:\n  - id: e1\n    name: x\n  # comment\n      continued\n",
    "employees:\n  - id: e1\n    name: 'unclosed\n",
    "regency:\n  name: A\nregency:\n  name: B\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_subset_accepts_and_agrees(text):
    assert assert_same(text)


@pytest.mark.parametrize("text", DECLINED)
def test_subset_declines(text):
    assert yaml_subset.read(text, "mem.yaml") is None


# --- random documents: the two paths agree whenever the subset reader takes one -------------

SAFE = st.text(alphabet="abcXYZ019 ./()é中", min_size=1, max_size=10).map(str.strip).filter(bool)
NASTY = st.text(alphabet="ab :#'\"-[]{},&*!|>%@`?~\\é", min_size=0, max_size=8)
WORDS = st.sampled_from(["true", "false", "null", "~", "yes", "no", "True", "0123", "2024-06-04", ""])


def scalar(text: str, style: str) -> str:
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text + '"'
    return text


@st.composite
def values(draw, depth: int = 0, safe: bool = False):
    kinds = ["scalar", "scalar", "flow_list"] + ([] if depth > 1 else ["block_list", "block_map", "flow_map"])
    kind = draw(st.sampled_from(kinds))
    text = st.one_of(SAFE, WORDS.filter(bool)) if safe else st.one_of(SAFE, NASTY, WORDS)
    style = st.sampled_from(["plain", "single", "double"])
    if kind == "scalar":
        return ("scalar", scalar(draw(text), draw(style)))
    if kind == "flow_list":
        items = draw(st.lists(st.tuples(text, style), max_size=3))
        return ("scalar", "[" + ", ".join(scalar(t, s) for t, s in items) + "]")
    if kind == "flow_map":
        items = draw(st.dictionaries(st.sampled_from(["a", "b", "c"]), st.tuples(text, style), max_size=3))
        return ("scalar", "{" + ", ".join(f"{k}: {scalar(t, s)}" for k, (t, s) in items.items()) + "}")
    if kind == "block_list":
        return ("list", draw(st.lists(values(depth + 1, safe), min_size=1, max_size=3)))
    keys = st.sampled_from(["k1", "k2", "name", "true", "no", "x-y"])
    return ("map", draw(st.dictionaries(keys, values(depth + 1, safe), min_size=1, max_size=3)))


def render(value, indent: int, step: int, seq_indent: int) -> list[str]:
    """Lines of a block value under a key at `indent`."""
    kind, body = value
    pad = " " * indent
    if kind == "map":
        out = []
        for key, sub in body.items():
            if sub[0] == "scalar":
                out.append(f"{pad}{key}: {sub[1]}")
            else:
                out.append(f"{pad}{key}:")
                out.extend(render(sub, indent + (step if sub[0] == "map" else seq_indent), step, seq_indent))
        return out
    out = []
    for sub in body:
        if sub[0] == "scalar":
            out.append(f"{pad}- {sub[1]}")
        elif sub[0] == "map":
            lines = render(sub, indent + 2, step, seq_indent)
            out.append(f"{pad}- " + lines[0].lstrip(" "))
            out.extend(lines[1:])
        else:
            out.append(f"{pad}-")
            out.extend(render(sub, indent + 2, step, seq_indent))
    return out


@st.composite
def documents(draw, safe: bool = False):
    step = draw(st.sampled_from([2, 4]))
    seq_indent = draw(st.sampled_from([0, 2]))
    lines: list[str] = []
    for kind in draw(
        st.lists(st.sampled_from(["employees", "units", "teams"]), min_size=1, max_size=2, unique=True)
    ):
        lines.append(f"{kind}:")
        for n in range(draw(st.integers(1, 3))):
            fields = draw(st.dictionaries(st.sampled_from(["name", "k1", "k2"]), values(1, safe), max_size=3))
            record = ("map", {"id": ("scalar", f"{kind}-{n}"), **fields})
            lines.extend(render(("list", [record]), seq_indent, step, seq_indent))
            if draw(st.booleans()):
                lines.append("")
            if draw(st.booleans()):
                lines[-1] += "  # note"
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(documents())
def test_random_documents_agree(text):
    assert_same(text)


@settings(max_examples=150, deadline=None)
@given(documents(safe=True))
def test_random_safe_documents_are_accepted(text):
    # block `-` with a nested list on the next line is left to libyaml; otherwise the subset
    # reader must take ordinary documents
    if "-\n" in text:
        return
    assert assert_same(text), text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abc é'\"#:-,[]", min_size=0, max_size=60), min_size=1, max_size=3),
    st.sampled_from([None, "'", '"']),
)
def test_values_folded_by_pyyaml_agree(values, style):
    # PyYAML's emitter folds long scalars over several lines (plain, single- and double-quoted);
    # whatever of that the subset reader takes, it must read as libyaml does
    import yaml

    lines = ["employees:"]
    for i, value in enumerate(values):
        dumped = yaml.safe_dump(value, default_style=style, width=20, allow_unicode=True)
        body = [line for line in dumped.splitlines() if line != "..."]
        lines += [f"  - id: e{i}", f"    name: {body[0]}", *(f"      {line}" for line in body[1:])]
    assert_same("\n".join(lines) + "\n")
