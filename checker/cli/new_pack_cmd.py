"""`sistemkerja new-pack ID --extends PARENT`: the skeleton of a regency's pack that passes lint and
its own test: pack.yaml, the regulation document to fill in, one topic file showing how a regency
states what differs, and a case folder. docs/rule-packs.md walks through the rest."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from checker.cli.common import fail, say

PACK_ID = re.compile(r"perbup-[a-z0-9-]+-[0-9]+-[0-9]{4}")

PACK_YAML = """\
# {title}: a regency's Sistem Kerja, written as what differs from {parent}.
regulation:
  id: {id}
  title: {title}
  short_title: {short}
  number: "{number}"
  year: {year}
  in_force: "{in_force}"   # the "mulai berlaku" Pasal: replace with the regulation's date
  implements: Peraturan Menteri PAN-RB Nomor 7 Tahun 2022
extends: {parent}
"""

REGULATION_YAML = """\
# {title}, article by article (docs/rule-packs.md, "The regulation as data"): paste each
# provision's text once, in order, and give each leaf rules: [ids], not_checkable or not_encoded.
regulation: {id}
source: "Berita Daerah ... (fill in)"
provisions:
  - key: art_1
    kind: pasal
    num: "1"
    text: "(Teks Pasal 1.)"
    not_encoded: {{id: "Teks peraturan belum dimasukkan.", en: "The regulation's text is not in yet."}}
"""

TOPIC_YAML = """\
# What this regulation says differently from {parent}, topic by topic (docs/rule-packs.md).
topic: kedudukan
# parameters:
#   assessor_role:                   # edit the inherited table row by row
#     remove: [[kecamatan, any, pengawas]]
#     add:
#       - {{row: [kecamatan, any, sekcam], citation: [art_2]}}
# rules:
#   - id: jabatan.sub-koordinator-revoked
#     not_enacted: true
#     reason: Pasal 3 meniadakan ketentuan ini
"""

BASE_REGENCY = """\
regency:
  id: uji-{slug}
  name: Organisasi uji {short}
  regulation: {id}
  as_of: "{in_force}"
  instansi: pemkab-uji
"""

CASE = """\
description: An organisation with no records has no findings under {short}
base: kosong
scope: all
expect: []
"""


@click.command("new-pack")
@click.argument("pack_id", metavar="ID")
@click.option(
    "--extends", "parent", required=True, help="The pack this regulation builds on (e.g. a regency)."
)
@click.option(
    "--rules-dir",
    "rules_dir",
    type=click.Path(file_okay=False),
    default="rules",
    show_default=True,
    help="Where the pack's folder is written.",
)
def new_pack(pack_id: str, parent: str, rules_dir: str) -> None:
    """Write the skeleton of a new regulation's pack ID (perbup-<regency>-<number>-<year>) extending
    PARENT; it passes `rules --lint` and `rules --test` as written. Never overwrites a folder."""
    from checker.packs import PackError, load_pack

    if not PACK_ID.fullmatch(pack_id):
        fail(f"'{pack_id}' is not a pack id like perbup-contoh-9-2026 (perbup-<regency>-<number>-<year>)")
    folder = Path(rules_dir) / pack_id
    if folder.exists():
        fail(f"{folder} exists; new-pack never overwrites")
    try:
        base = load_pack(parent, [Path(rules_dir)])
    except PackError as exc:
        fail(str(exc))
    _write(folder, _values(pack_id, parent), next(iter(base.rules), ""))
    say(f"wrote {folder}: fill in pack.yaml and regulation.yaml, then see docs/rule-packs.md")


def _values(pack_id: str, parent: str) -> dict[str, str]:
    *name, number, year = pack_id.split("-")[1:]
    regency = " ".join(w.capitalize() for w in name)
    return {
        "id": pack_id,
        "parent": parent,
        "title": f"Peraturan Bupati {regency} Nomor {number} Tahun {year} tentang Sistem Kerja",
        "short": f"Perbup {regency} {number}/{year}",
        "number": number,
        "year": year,
        "in_force": dt.date(int(year), 1, 1).isoformat(),
        "slug": "-".join(name),
    }


def _write(folder: Path, values: dict[str, str], rule: str) -> None:
    files = {
        "pack.yaml": PACK_YAML,
        "regulation.yaml": REGULATION_YAML,
        "kedudukan.yaml": TOPIC_YAML,
        "tests/_base/kosong/regency.yaml": BASE_REGENCY,
    }
    if rule:  # a case that runs every inherited rule on an empty organisation
        files[f"tests/{rule}/empty-organisation.yaml"] = CASE
    for name, template in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
