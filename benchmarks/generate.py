"""A deterministic synthetic regency of N staff, written as real data is: one YAML file per OPD.

    python benchmarks/generate.py --staff 10000 --out benchmarks/out/r10k \
        [--regulation perbup-tanah-laut-26-2024] [--violation-rate 0.01] [--seed 1]
    python benchmarks/generate.py --national --out benchmarks/out/national [--scale 0.01]

The structure follows docs/data-model.md and the rule catalogue: a Setda with asisten and bagian, a
Sekretariat DPRD, an Inspektorat with inspektur pembantu, Dinas and Badan with a sekretariat and
bidang, Kecamatan with seksi and kelurahan, RSUD with wakil direktur / bidang / seksi, BPBD (tipe C)
with seksi, Satpol PP and Kesbangpol; UPTD, puskesmas and schools are independent units of their
Dinas led by a JF with a tugas tambahan. Every JF/pelaksana has a placement whose assessor is the
official the chosen regulation names for that kind of OPD (the nearest such head up the unit tree).
Work: two targets per working unit, teams with one ketua, an assignment per member with its
surat penugasan, cross-unit / cross-OPD / cross-agency assignments with the full letter chain,
voluntary applications, credit-point activities, refused requests, and a report per assignment.

With --violation-rate R, each rule concept is broken on a fraction R of the records it applies to
(independently, never two concepts on one record); `.manifest.json` beside the data lists them.
Text is written directly (no yaml.dump): every date and NIP is quoted. Files above CHUNK_BYTES are
split (`<opd>.part-02.yaml`, ...) so no file reaches the loader's limits.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from checker.model import COLLECTIONS  # the data model's collections, in report order

GENERATOR_VERSION = 2
T = TypeVar("T")
DEFAULT_REGULATION = "perbup-tanah-laut-26-2024"
# The loader refuses a document of more than 2,000,000 YAML nodes (its alias-bomb guard), which this
# data reaches at about 16 MB: split well below that.
CHUNK_BYTES = 8_000_000
# The period: placements and work start after Perbup Tanah Laut 26/2024 came into force (4 June 2024),
# so every rule of both regulations governs them; the data describes 1 October 2024.
AS_OF = "2024-10-01"
PLACED = "2024-06-10"  # placements and their decrees
WORK_START, WORK_END = "2024-07-08", "2024-12-31"  # assignments (teams run from TEAM_START)
TEAM_START = "2024-07-01"
Q3_END = "2024-08-31"  # the quarter target: completed, accepted on ACCEPTED
ACCEPTED = "2024-09-05"
REQUESTED, RECOMMENDED, ANSWERED, APPROVED, ASSIGNED = (
    "2024-07-01",
    "2024-07-02",
    "2024-07-03",
    "2024-07-04",
    "2024-07-05",
)
REPORTED, REPORTED_DONE = "2024-09-16", "2024-09-03"
SHARED_APPS = ["srikandi", "e-kinerja", "sipd"]
MAPS = ["peta_sub_proses", "peta_relasi", "peta_lintas_fungsi", "peta_level"]

F, P = "fungsional", "pelaksana"
# staff positions by kind of unit: (title, grade, weight); the first title of "general" was
# created by penyetaraan jabatan (its holders once were sub-koordinator)
STAFF_POSITIONS: dict[str, list[tuple[str, str, int]]] = {
    "sekolah": [
        ("Guru Ahli Pertama", F, 4),
        ("Guru Ahli Muda", F, 3),
        ("Guru Ahli Madya", F, 2),
        ("Pengelola Layanan Operasional", P, 1),
    ],
    "puskesmas": [
        ("Perawat Terampil", F, 4),
        ("Bidan Terampil", F, 3),
        ("Dokter Ahli Pertama", F, 1),
        ("Nutrisionis Terampil", F, 1),
        ("Pranata Laboratorium Kesehatan Terampil", F, 1),
        ("Pengadministrasi Perkantoran", P, 1),
    ],
    "rsud": [
        ("Perawat Ahli Pertama", F, 4),
        ("Perawat Terampil", F, 3),
        ("Bidan Terampil", F, 2),
        ("Dokter Spesialis Ahli Muda", F, 1),
        ("Apoteker Ahli Pertama", F, 1),
        ("Pengadministrasi Perkantoran", P, 1),
    ],
    "uptd": [
        ("Penyuluh Pertanian Ahli Pertama", F, 3),
        ("Penyuluh Pertanian Terampil", F, 3),
        ("Pengadministrasi Perkantoran", P, 1),
    ],
    "inspektorat": [
        ("Auditor Ahli Muda", F, 3),
        ("Auditor Ahli Pertama", F, 3),
        ("Pengawas Penyelenggaraan Urusan Pemerintahan Daerah Ahli Muda", F, 2),
        ("Pengadministrasi Perkantoran", P, 1),
    ],
    "satpol_pp": [
        ("Polisi Pamong Praja Terampil", F, 4),
        ("Polisi Pamong Praja Mahir", F, 2),
        ("Pengadministrasi Perkantoran", P, 1),
    ],
    "general": [
        ("Analis Kebijakan Ahli Muda", F, 2),
        ("Analis Kebijakan Ahli Pertama", F, 2),
        ("Perencana Ahli Pertama", F, 1),
        ("Pranata Komputer Ahli Pertama", F, 1),
        ("Pengadministrasi Perkantoran", P, 3),
        ("Penata Layanan Operasional", P, 2),
        ("Operator Layanan Operasional", P, 1),
    ],
}
PENYETARAAN_TITLE = "Analis Kebijakan Ahli Muda"

OTHER_DINAS = [
    (
        "dpupr",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        ["Bina Marga", "Sumber Daya Air", "Cipta Karya", "Tata Ruang"],
    ),
    ("distan", "Dinas Pertanian", ["Tanaman Pangan", "Hortikultura", "Peternakan", "Penyuluhan"]),
    (
        "dinsos",
        "Dinas Sosial",
        ["Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial", "Pemberdayaan Sosial"],
    ),
    (
        "disdukcapil",
        "Dinas Kependudukan dan Pencatatan Sipil",
        ["Pendaftaran Penduduk", "Pencatatan Sipil", "PIAK"],
    ),
    ("dishub", "Dinas Perhubungan", ["Lalu Lintas", "Angkutan", "Sarana dan Prasarana"]),
    ("dlh", "Dinas Lingkungan Hidup", ["Tata Lingkungan", "Pengelolaan Sampah", "Pengendalian Pencemaran"]),
    (
        "diskominfo",
        "Dinas Komunikasi dan Informatika",
        ["Informasi Publik", "Aplikasi Informatika", "Persandian"],
    ),
    ("diskan", "Dinas Perikanan", ["Perikanan Budidaya", "Perikanan Tangkap", "Penyuluhan Perikanan"]),
    ("diskop", "Dinas Koperasi dan Usaha Mikro", ["Koperasi", "Usaha Mikro"]),
    ("disdag", "Dinas Perdagangan", ["Perdagangan Dalam Negeri", "Metrologi", "Pasar"]),
    ("dispar", "Dinas Pariwisata", ["Destinasi", "Pemasaran", "Ekonomi Kreatif"]),
    ("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa", ["Pemerintahan Desa", "Pemberdayaan Masyarakat"]),
    ("disnaker", "Dinas Tenaga Kerja", ["Penempatan Tenaga Kerja", "Hubungan Industrial", "Pelatihan"]),
    (
        "disperkim",
        "Dinas Perumahan dan Kawasan Permukiman",
        ["Perumahan", "Kawasan Permukiman", "Pertanahan"],
    ),
    ("dkp", "Dinas Ketahanan Pangan", ["Ketersediaan Pangan", "Konsumsi dan Keamanan Pangan"]),
    ("dispersip", "Dinas Perpustakaan dan Kearsipan", ["Perpustakaan", "Kearsipan"]),
    (
        "dppkb",
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        ["Keluarga Berencana", "Ketahanan Keluarga"],
    ),
    ("dispora", "Dinas Pemuda dan Olahraga", ["Kepemudaan", "Keolahragaan"]),
]
UPTD_DINAS = {"distan": "Balai Penyuluhan Pertanian", "diskan": "Balai Penyuluhan Perikanan"}
BADAN = [
    (
        "bappeda",
        "Badan Perencanaan Pembangunan Daerah",
        ["Perencanaan Ekonomi", "Perencanaan Sosial Budaya", "Infrastruktur"],
    ),
    (
        "bkpsdm",
        "Badan Kepegawaian dan Pengembangan SDM",
        ["Mutasi dan Promosi", "Pengembangan Kompetensi", "Informasi ASN"],
    ),
    (
        "bpkad",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        ["Anggaran", "Perbendaharaan", "Akuntansi", "Aset"],
    ),
    (
        "bapenda",
        "Badan Pendapatan Daerah",
        ["Pendataan dan Penetapan", "Penagihan", "Pengembangan Pendapatan"],
    ),
]
SETDA_ASISTEN = [
    ("Pemerintahan dan Kesejahteraan Rakyat", ["Tata Pemerintahan", "Hukum", "Kesejahteraan Rakyat"]),
    (
        "Perekonomian dan Pembangunan",
        ["Perekonomian", "Administrasi Pembangunan", "Pengadaan Barang dan Jasa"],
    ),
    ("Administrasi Umum", ["Umum", "Organisasi", "Protokol dan Komunikasi Pimpinan"]),
]
KECAMATAN_SEKSI = [
    "Pemerintahan",
    "Ekonomi dan Pembangunan",
    "Kesejahteraan Sosial",
    "Ketenteraman dan Ketertiban",
]
PLACES = [
    "Pelaihari",
    "Bati-Bati",
    "Tambang Ulang",
    "Kurau",
    "Bumi Makmur",
    "Takisung",
    "Panyipatan",
    "Jorong",
    "Kintap",
    "Batu Ampar",
    "Bajuin",
    "Sukamaju",
    "Sidomulyo",
    "Karang Taruna",
    "Angsau",
    "Atu-Atu",
]
FIRST_M = [
    "Ahmad",
    "Budi",
    "Hendra",
    "Rudi",
    "Agus",
    "Bambang",
    "Dedi",
    "Eko",
    "Fajar",
    "Gunawan",
    "Hadi",
    "Irwan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nanang",
    "Rahmat",
    "Slamet",
    "Taufik",
    "Yusuf",
    "Zainal",
]
FIRST_F = [
    "Siti",
    "Dewi",
    "Rina",
    "Sri",
    "Ani",
    "Fitri",
    "Lestari",
    "Maya",
    "Nur",
    "Putri",
    "Ratna",
    "Sari",
    "Wulan",
    "Yuni",
    "Indah",
    "Kartika",
    "Mega",
    "Nurul",
    "Rahmawati",
    "Susanti",
    "Wahyuni",
    "Yanti",
]
LAST = [
    "Santoso",
    "Wijaya",
    "Rahman",
    "Hidayat",
    "Saputra",
    "Pratama",
    "Kusuma",
    "Setiawan",
    "Nugroho",
    "Hakim",
    "Syahputra",
    "Maulana",
    "Ramadhan",
    "Firmansyah",
    "Hasibuan",
    "Nasution",
    "Lubis",
    "Siregar",
    "Arifin",
    "Fauzi",
    "Anwar",
    "Iskandar",
    "Wibowo",
    "Purnomo",
    "Susilo",
    "Halim",
    "Noor",
    "Fitriani",
    "Rahmadani",
]

# Assessor of JF/pelaksana by OPD kind (rule catalogue, "Assessor of JF/pelaksana by OPD kind"): the
# nearest head up the unit tree whose role is listed; else the head of the OPD (TL Pasal 8 ayat (1)
# allows it in every OPD). Heads of independent units and of kelurahan assess their own staff.
INDEPENDENT_ROLES = frozenset({"kepala_uptd", "kepala_puskesmas", "kepala_sekolah", "lurah"})
ASSESSOR_ROLES: dict[str, dict[str, frozenset[str]]] = {
    "tl": {
        "sekretariat_daerah": frozenset({"kepala_bagian"}),
        "sekretariat_dprd": frozenset({"kepala_bagian"}),
        "inspektorat": frozenset({"inspektur_pembantu", "sekretaris"}),
        "dinas": frozenset({"kepala_bidang"}),
        "badan": frozenset({"kepala_bidang"}),
        "satpol_pp": frozenset({"kepala_bidang"}),
        "kesbangpol": frozenset({"kepala_bidang"}),
        "bpbd": frozenset({"kepala_seksi"}),
        "kecamatan": frozenset({"kepala_seksi"}),
        "rsud": frozenset({"kepala_seksi"}),
    },
    "gy": {
        "sekretariat_daerah": frozenset({"kepala_bagian"}),
        "sekretariat_dprd": frozenset({"sekwan"}),
        "inspektorat": frozenset({"inspektur"}),
        "dinas": frozenset({"kepala_opd"}),
        "badan": frozenset({"kepala_opd"}),
        "satpol_pp": frozenset({"kepala_opd"}),
        "kesbangpol": frozenset({"kepala_opd"}),
        "bpbd": frozenset({"kepala_opd"}),
        "kecamatan": frozenset({"camat"}),
        "rsud": frozenset({"kepala_bidang"}),
    },
}
# GY: who accepts a completed target, by OPD kind (evaluasi.completion-acceptor); TL: the unit's head
GY_ACCEPTOR_ROLES: dict[str, frozenset[str]] = {
    "sekretariat_daerah": frozenset({"sekda"}),
    "sekretariat_dprd": frozenset({"sekwan"}),
    "inspektorat": frozenset({"inspektur"}),
    "dinas": frozenset({"kepala_opd"}),
    "badan": frozenset({"kepala_bidang"}),  # Lampiran F, as written
    "satpol_pp": frozenset({"kepala_opd"}),
    "kesbangpol": frozenset({"kepala_bidang"}),  # a Badan Daerah by name
    "bpbd": frozenset({"kepala_bidang"}),
    "kecamatan": frozenset({"camat"}),
    "rsud": frozenset({"direktur"}),
}
GY_ACCEPTOR_UNIT_ROLES = frozenset({"kepala_uptd", "kepala_puskesmas", "lurah"})  # schools are not named

# the rule concepts the generator can break (rule ids of docs/rule-catalogue.md)
CONCEPTS = (
    "kedudukan.assessor-rank",
    "kedudukan.assessor-is-superior",
    "kedudukan.assessor-by-opd-kind",
    "kedudukan.placement-decree",
    "kedudukan.fungsional-supervises",
    "penugasan.appointer-authority",
    "penugasan.written-letter",
    "penugasan.letter-signatory",
    "penugasan.letter-drafter",
    "penugasan.request-letter",
    "penugasan.request-letter-content",
    "penugasan.recommendation",
    "penugasan.rejection-reason",
    "penugasan.cross-instansi-chain",
    "penugasan.voluntary-scope",
    "penugasan.voluntary-approval",
    "penugasan.within-duration",
    "penugasan.credit-activity-approval",
    "penugasan.own-unit-first",
    "tim.single-lead",
    "tim.has-lead",
    "tim.lead-appointed-by-puo",
    "tim.lead-grade",
    "tim.lead-from-owner-unit",
    "tim.pengawas-leads",
    "lapor.individual-to-puo",
    "lapor.member-to-lead",
    "lapor.lead-to-puo",
    "evaluasi.completion-acceptor",
    "evaluasi.review-chain",
    "jabatan.sub-koordinator-revoked",
    "jabatan.penanggungjawab-tupoksi",
    "spbe.shared-applications",
    "probis.maps-reviewed",
    "probis.decree",
)


def _not_enacted_by(pack_id: str) -> frozenset[str]:
    """The concepts a pack does not enact, read from the pack itself (never a copied list)."""
    from checker.packs import load_pack

    return frozenset(CONCEPTS) - frozenset(load_pack(pack_id).rules)


TL_ONLY = _not_enacted_by("perbup-gianyar-63-2023")  # enacted by Tanah Laut alone
GY_ONLY = _not_enacted_by("perbup-tanah-laut-26-2024")  # enacted by Gianyar alone


# --- the organisation --------------------------------------------------------------------------


class Emp:
    __slots__ = (
        "id",
        "nip",
        "name",
        "pos",
        "grade",
        "role",
        "unit",
        "assessor",
        "home",
        "cross",
        "skip_home",
    )

    def __init__(self, eid: str, nip: str, name: str, pos: str, grade: str, role: str | None, unit: Unit):
        self.id, self.nip, self.name, self.pos, self.grade, self.role, self.unit = (
            eid,
            nip,
            name,
            pos,
            grade,
            role,
            unit,
        )
        self.assessor: Emp | None = None
        self.home = ""  # team | individual | umbrella (where their own-unit work is)
        self.cross = False  # already drawn for a cross-unit assignment
        self.skip_home = False


class Unit:
    __slots__ = (
        "id",
        "opd",
        "name",
        "kind",
        "parent",
        "children",
        "head",
        "independent",
        "staff",
        "positions",
        "teams",
        "individual",
        "umbrella",
        "weight",
        "ctx",
    )

    def __init__(
        self, uid: str, opd: Opd, name: str, kind: str, parent: Unit | None, ctx: str, weight: float
    ):
        self.id, self.opd, self.name, self.kind, self.parent = uid, opd, name, kind, parent
        self.children: list[Unit] = []
        self.head: Emp | None = None
        self.independent = False
        self.staff: list[Emp] = []  # JF/pelaksana sitting in the unit (not its head)
        self.positions: list[dict[str, Any]] = []
        self.teams: list[list[Emp]] = []
        self.individual: list[Emp] = []
        self.umbrella: list[Emp] = []
        self.weight = weight  # share of the OPD's staff (0 = no staff sit here)
        self.ctx = ctx
        if parent is not None:
            parent.children.append(self)

    def chain(self) -> Iterable[Unit]:
        u: Unit | None = self
        while u is not None:
            yield u
            u = u.parent


class Opd:
    __slots__ = ("id", "name", "kind", "type", "units", "size", "code", "delegate")

    def __init__(self, oid: str, name: str, kind: str, size: int, type_: str | None = None):
        self.id, self.name, self.kind, self.size, self.type = oid, name, kind, size, type_
        self.units: list[Unit] = []
        self.code = oid.upper().replace("-", "")
        self.delegate: Emp | None = None

    @property
    def root(self) -> Unit:
        return self.units[0]


@dataclass
class GenerateResult:
    out: Path
    staff: int
    files: list[Path]
    bytes: int
    counts: dict[str, int]
    injected: dict[str, list[str]]
    seconds: float
    regency_id: str = ""


@dataclass
class _Options:
    staff: int
    regulation: str
    rate: float
    seed: int
    nip_offset: int = 0
    regency_id: str = "kab-sintetis"
    regency_name: str = "Kabupaten Sintetis"


# --- YAML text ---------------------------------------------------------------------------------

_PLAIN = re.compile(r"[a-z][a-z0-9_.-]*\Z")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def _scalar(v: Any) -> str:
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_scalar(x)}" for k, x in v.items() if x is not None) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_scalar(x) for x in v) + "]"
    s = str(v)
    if _PLAIN.match(s) and s not in _RESERVED:
        return s
    if '"' in s or "\\" in s:
        s = s.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"'


def emit_record(rec: dict[str, Any]) -> str:
    """One list item of a collection, block style, absent (None) fields left out."""
    parts: list[str] = []
    lead = "  - "
    for k, v in rec.items():
        if v is None:
            continue
        if isinstance(v, list) and v and isinstance(v[0], dict):
            parts.append(f"{lead}{k}:\n")
            for m in v:
                inner = "      - "
                for mk, mv in m.items():
                    if mv is not None:
                        parts.append(f"{inner}{mk}: {_scalar(mv)}\n")
                        inner = "        "
        else:
            parts.append(f"{lead}{k}: {_scalar(v)}\n")
        lead = "    "
    return "".join(parts)


def write_collections(
    out: Path, stem: str, collections: dict[str, list[dict[str, Any]]], chunk_bytes: int = CHUNK_BYTES
) -> list[Path]:
    """Write one OPD's records as `<stem>.yaml`, continued in `<stem>.part-NN.yaml` past chunk_bytes."""
    files: list[Path] = []
    buf: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal buf, size
        name = f"{stem}.yaml" if not files else f"{stem}.part-{len(files) + 1:02d}.yaml"
        path = out / name
        path.write_text("".join(buf), encoding="utf-8")
        files.append(path)
        buf, size = [], 0

    for kind in COLLECTIONS:
        recs = collections.get(kind)
        if not recs:
            continue
        header = True
        for rec in recs:
            if header:
                buf.append(f"{kind}:\n")
                header = False
            text = emit_record(rec)
            buf.append(text)
            size += len(text)
            if size >= chunk_bytes:
                flush()
                header = True
    if buf:
        flush()
    return files


# --- the generator -----------------------------------------------------------------------------


class _Gen:
    def __init__(self, opt: _Options) -> None:
        self.opt = opt
        self.tl = not opt.regulation.startswith("perbup-gianyar")
        self.flavour = "tl" if self.tl else "gy"
        self.rng = random.Random(opt.seed)
        self.irng = random.Random(
            opt.seed * 7919 + 17
        )  # injections: the structure does not depend on the rate
        self.counters: dict[str, int] = {}
        self.injected: dict[str, list[str]] = {c: [] for c in CONCEPTS}
        self.touched: set[str] = set()
        self.opds: list[Opd] = []
        self.emps: list[Emp] = []
        self.leaf_units: list[Unit] = []
        self.sekda: Emp | None = None
        self.letter_no = 0
        self.concepts = {
            c for c in CONCEPTS if not (self.tl and c in GY_ONLY) and not (not self.tl and c in TL_ONLY)
        }

    # ids and randomness
    def next_id(self, prefix: str) -> str:
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{prefix}{n}"

    def inject(self, concept: str, record: str) -> bool:
        """Break `concept` on `record`? At most one concept per record; drawn from its own stream."""
        if self.opt.rate <= 0 or concept not in self.concepts or record in self.touched:
            return False
        if self.irng.random() >= self.opt.rate:
            return False
        self.touched.add(record)
        self.injected[concept].append(record)
        return True

    def relabel(self, concept: str, record: str) -> None:
        """Name the record the finding will point at, once it exists (a letter created after the draw)."""
        self.injected[concept][-1] = record

    def inject_with(
        self, concept: str, record: str, make: Callable[[], T | None], by: bool = False
    ) -> T | None:
        """Like inject, for a breach that needs a value (a wrong assessor, ...) that may not exist; with
        `by` the finding is on that value (fungsional-supervises is reported on the assessor)."""
        if self.opt.rate <= 0 or concept not in self.concepts or record in self.touched:
            return None
        if self.irng.random() >= self.opt.rate:
            return None
        value = make()
        if value is not None:
            self.touched.add(record)
            self.injected[concept].append(value.id if by else record)
        return value

    def nip(self, k: int, sex: str) -> str:
        """Unique for k < 11,988,000: serial = k mod 999, birth date a bijection of k div 999."""
        serial = k % 999 + 1
        q = k // 999
        born = date.fromordinal(_BIRTH_BASE + (q * 7919 + 101) % 12000)
        year = min(born.year + 20 + k % 13, 2023)
        month = (k * 7) % 12 + 1
        return f"{born.year:04d}{born.month:02d}{born.day:02d}{year:04d}{month:02d}{sex}{serial:03d}"

    def person(self, pos: str, grade: str, role: str | None, unit: Unit) -> Emp:
        k = len(self.emps) + 1
        sex = "1" if self.rng.random() < 0.5 else "2"
        first = self.rng.choice(FIRST_M if sex == "1" else FIRST_F)
        name = f"{first} {self.rng.choice(LAST)}"
        e = Emp(f"e{k}", self.nip(k + self.opt.nip_offset, sex), name, pos, grade, role, unit)
        self.emps.append(e)
        return e

    # structure
    def plan(self) -> None:
        n = self.opt.staff
        spec: list[tuple[str, str, str, float, Callable[[Opd], None]]] = []
        n_other = _clamp(round(n / 450), 1, len(OTHER_DINAS))
        n_badan = _clamp(round(n / 1500), 1, len(BADAN))
        n_rsud = 0 if n < 1500 else max(1, round(n / 15000))
        n_kec = _clamp(round(math.sqrt(n) / 7), 1, 150)
        full = n >= 600
        spec.append(("setda", "Sekretariat Daerah", "sekretariat_daerah", 0.03, self.build_setda))
        if full:
            spec.append(("setwan", "Sekretariat DPRD", "sekretariat_dprd", 0.01, self.build_setwan))
            spec.append(("inspektorat", "Inspektorat", "inspektorat", 0.012, self.build_inspektorat))
        spec.append(("disdik", "Dinas Pendidikan", "dinas", 0.40, self.build_disdik))
        spec.append(("dinkes", "Dinas Kesehatan", "dinas", 0.15, self.build_dinkes))
        for oid, name, bidang in OTHER_DINAS[:n_other]:
            spec.append((oid, name, "dinas", 0.178 / n_other, _bidang_builder(self, bidang)))
        for oid, name, bidang in BADAN[:n_badan]:
            spec.append((oid, name, "badan", 0.04 / n_badan, _bidang_builder(self, bidang)))
        if full:
            spec.append(("satpolpp", "Satuan Polisi Pamong Praja", "satpol_pp", 0.02, self.build_satpol))
            spec.append(("bpbd", "Badan Penanggulangan Bencana Daerah", "bpbd", 0.008, self.build_bpbd))
            spec.append(
                (
                    "kesbangpol",
                    "Badan Kesatuan Bangsa dan Politik",
                    "kesbangpol",
                    0.006,
                    _bidang_builder(self, ["Ideologi dan Wawasan Kebangsaan", "Politik Dalam Negeri"]),
                )
            )
        for i in range(n_rsud):
            suffix = f"-{i + 1}" if n_rsud > 1 else ""
            spec.append(
                (
                    f"rsud{suffix}",
                    f"Rumah Sakit Umum Daerah{suffix.replace('-', ' ')}",
                    "rsud",
                    0.07 / n_rsud,
                    self.build_rsud,
                )
            )
        for i in range(n_kec):
            place = PLACES[i % len(PLACES)] + (f" {i // len(PLACES) + 1}" if i >= len(PLACES) else "")
            spec.append(
                (f"kec-{i + 1:02d}", f"Kecamatan {place}", "kecamatan", 0.08 / n_kec, self.build_kecamatan)
            )
        total_w = sum(w for *_, w, _ in spec)
        sizes = _apportion(n, [w / total_w for *_, w, _ in spec], minimum=6)
        for (oid, name, kind, _, builder), size in zip(spec, sizes, strict=True):
            opd = Opd(
                oid, name, kind, size, {"bpbd": "tipe_c", "dinas": "model_3", "badan": "model_3"}.get(kind)
            )
            self.opds.append(opd)
            builder(opd)
            self.staff_opd(opd)

    def unit(
        self,
        opd: Opd,
        suffix: str,
        name: str,
        kind: str,
        parent: Unit | None,
        ctx: str,
        weight: float,
        head: tuple[str, str, str] | None,
        independent: bool = False,
    ) -> Unit:
        """A unit and (unless independent: filled later) its head: (position title, grade, role)."""
        uid = f"u-{opd.id}" + (f"-{suffix}" if suffix else "")
        u = Unit(uid, opd, name, kind, parent, ctx, weight)
        u.independent = independent
        opd.units.append(u)
        if head is not None:
            title, grade, role = head
            pid = "p-" + uid[2:]
            u.positions.append({"id": pid, "name": title, "grade": grade, "unit": uid, "role": role})
            u.head = self.person(pid, grade, role, u)
        return u

    def build_setda(self, opd: Opd) -> None:
        root = self.unit(
            opd, "", opd.name, "opd", None, "general", 0, ("Sekretaris Daerah", "jpt_madya", "sekda")
        )
        self.sekda = root.head
        na = _clamp(opd.size // 60, 1, 3)
        nb = _clamp(opd.size // (na * 20), 1, 3)
        for i, (aname, bagian) in enumerate(SETDA_ASISTEN[:na]):
            a = self.unit(
                opd,
                f"as{i + 1}",
                f"Asisten {aname}",
                "asisten",
                root,
                "general",
                0,
                (f"Asisten {aname}", "jpt_pratama", "asisten"),
            )
            for j, bname in enumerate(bagian[:nb]):
                self.unit(
                    opd,
                    f"as{i + 1}-bag{j + 1}",
                    f"Bagian {bname}",
                    "bagian",
                    a,
                    "general",
                    1,
                    (f"Kepala Bagian {bname}", "administrator", "kepala_bagian"),
                )

    def build_setwan(self, opd: Opd) -> None:
        root = self.unit(
            opd, "", opd.name, "opd", None, "general", 0, ("Sekretaris DPRD", "jpt_pratama", "sekwan")
        )
        names = ["Umum dan Keuangan", "Persidangan dan Perundang-undangan", "Fasilitasi Penganggaran"]
        for j, bname in enumerate(names[: _clamp(opd.size // 15, 1, 3)]):
            self.unit(
                opd,
                f"bag{j + 1}",
                f"Bagian {bname}",
                "bagian",
                root,
                "general",
                1,
                (f"Kepala Bagian {bname}", "administrator", "kepala_bagian"),
            )

    def build_inspektorat(self, opd: Opd) -> None:
        root = self.unit(
            opd, "", opd.name, "opd", None, "inspektorat", 0, ("Inspektur", "jpt_pratama", "inspektur")
        )
        self.unit(
            opd,
            "sekr",
            "Sekretariat Inspektorat",
            "sekretariat",
            root,
            "general",
            1,
            ("Sekretaris Inspektorat", "administrator", "sekretaris"),
        )
        for j in range(_clamp(opd.size // 12, 1, 4)):
            self.unit(
                opd,
                f"irban{j + 1}",
                f"Inspektur Pembantu Wilayah {j + 1}",
                "inspektur_pembantu",
                root,
                "inspektorat",
                2,
                (f"Inspektur Pembantu Wilayah {j + 1}", "administrator", "inspektur_pembantu"),
            )

    def bidang_opd(self, opd: Opd, bidang: list[str], ctx: str = "general", hq_weight: float = 1.0) -> Unit:
        root = self.unit(
            opd, "", opd.name, "opd", None, ctx, 0, (f"Kepala {opd.name}", "jpt_pratama", "kepala_opd")
        )
        hq = max(2, int(opd.size * hq_weight))
        if hq >= 20:
            self.unit(
                opd,
                "sekr",
                f"Sekretariat {opd.name}",
                "sekretariat",
                root,
                "general",
                0.6 * hq_weight,
                (f"Sekretaris {opd.name}", "administrator", "sekretaris"),
            )
        nb = _clamp((hq - 2) // 15, 1, len(bidang))
        for j, bname in enumerate(bidang[:nb]):
            self.unit(
                opd,
                f"bid{j + 1}",
                f"Bidang {bname}",
                "bidang",
                root,
                ctx,
                hq_weight / nb,
                (f"Kepala Bidang {bname}", "administrator", "kepala_bidang"),
            )
        return root

    def independent_units(
        self, opd: Opd, root: Unit, kind: str, role: str, names: list[str], staff: int
    ) -> None:
        if not names:
            return
        each = staff / len(names)
        for j, uname in enumerate(names):
            self.unit(opd, f"{kind[:4]}{j + 1}", uname, kind, root, kind, each / max(opd.size, 1), None, True)
        self.indep_roles[opd.id] = role

    def build_disdik(self, opd: Opd) -> None:
        root = self.bidang_opd(
            opd, ["Pembinaan Sekolah Dasar", "Pembinaan SMP", "PAUD dan Pendidikan Nonformal"], hq_weight=0.06
        )
        school_staff = opd.size - int(opd.size * 0.06)
        n = max(1, school_staff // 16)
        names = [f"SD Negeri {j + 1}" if j % 5 else f"SMP Negeri {j // 5 + 1}" for j in range(n)]
        self.independent_units(opd, root, "sekolah", "kepala_sekolah", names, school_staff)

    def build_dinkes(self, opd: Opd) -> None:
        root = self.bidang_opd(
            opd,
            [
                "Kesehatan Masyarakat",
                "Pencegahan dan Pengendalian Penyakit",
                "Pelayanan Kesehatan",
                "Sumber Daya Kesehatan",
            ],
            hq_weight=0.12,
        )
        pk = opd.size - int(opd.size * 0.12)
        n = max(1, pk // 35)
        names = [
            f"Puskesmas {PLACES[j % len(PLACES)]}" + (f" {j // len(PLACES) + 1}" if j >= len(PLACES) else "")
            for j in range(n)
        ]
        self.independent_units(opd, root, "puskesmas", "kepala_puskesmas", names, pk)

    def build_satpol(self, opd: Opd) -> None:
        self.bidang_opd(
            opd,
            ["Penegakan Perundang-undangan Daerah", "Ketertiban Umum", "Perlindungan Masyarakat"],
            ctx="satpol_pp",
        )

    def build_bpbd(self, opd: Opd) -> None:
        root = self.unit(
            opd,
            "",
            opd.name,
            "opd",
            None,
            "general",
            0,
            ("Kepala Pelaksana BPBD", "jpt_pratama", "kepala_opd"),
        )
        if opd.size >= 20:
            self.unit(
                opd,
                "sekr",
                "Sekretariat BPBD",
                "sekretariat",
                root,
                "general",
                0.5,
                ("Sekretaris BPBD", "administrator", "sekretaris"),
            )
        names = ["Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik", "Rehabilitasi dan Rekonstruksi"]
        for j, sname in enumerate(names[: _clamp(opd.size // 10, 1, 3)]):
            self.unit(
                opd,
                f"seksi{j + 1}",
                f"Seksi {sname}",
                "seksi",
                root,
                "general",
                1,
                (f"Kepala Seksi {sname}", "pengawas", "kepala_seksi"),
            )

    def build_rsud(self, opd: Opd) -> None:
        root = self.unit(
            opd, "", opd.name, "opd", None, "rsud", 0, ("Direktur RSUD", "jpt_pratama", "direktur")
        )
        nw = _clamp(opd.size // 150, 1, 2)
        nb = _clamp(opd.size // (nw * 60), 1, 2)
        ns = _clamp(opd.size // (nw * nb * 15), 1, 2)
        wnames = ["Pelayanan", "Umum dan Keuangan"]
        bnames = [["Pelayanan Medis", "Keperawatan"], ["Umum dan Kepegawaian", "Keuangan"]]
        for i in range(nw):
            w = self.unit(
                opd,
                f"wadir{i + 1}",
                f"Wakil Direktur {wnames[i]}",
                "wakil_direktur",
                root,
                "rsud",
                0,
                (f"Wakil Direktur {wnames[i]}", "administrator", "wakil_direktur"),
            )
            for j in range(nb):
                b = self.unit(
                    opd,
                    f"w{i + 1}-bid{j + 1}",
                    f"Bidang {bnames[i][j]}",
                    "bidang",
                    w,
                    "rsud",
                    0,
                    (f"Kepala Bidang {bnames[i][j]}", "administrator", "kepala_bidang"),
                )
                for k in range(ns):
                    sname = f"{bnames[i][j]} {'I' * (k + 1)}"
                    self.unit(
                        opd,
                        f"w{i + 1}-b{j + 1}-seksi{k + 1}",
                        f"Seksi {sname}",
                        "seksi",
                        b,
                        "rsud" if i == 0 else "general",
                        1,
                        (f"Kepala Seksi {sname}", "pengawas", "kepala_seksi"),
                    )

    def build_kecamatan(self, opd: Opd) -> None:
        root = self.unit(
            opd, "", opd.name, "opd", None, "general", 0, (f"Camat {opd.name[10:]}", "administrator", "camat")
        )
        if opd.size >= 15:
            self.unit(
                opd,
                "sekr",
                f"Sekretariat {opd.name}",
                "sekretariat",
                root,
                "general",
                0.6,
                (f"Sekretaris {opd.name}", "administrator", "sekcam"),
            )
        for j, sname in enumerate(KECAMATAN_SEKSI[: _clamp(opd.size // 10, 1, 4)]):
            self.unit(
                opd,
                f"seksi{j + 1}",
                f"Seksi {sname}",
                "seksi",
                root,
                "general",
                1,
                (f"Kepala Seksi {sname}", "pengawas", "kepala_seksi"),
            )
        nk = 0 if opd.size < 30 else int(opd.id[-2:]) % 3
        for j in range(nk):
            place = PLACES[(int(opd.id[-2:]) * 3 + j) % len(PLACES)]
            self.unit(
                opd,
                f"kel{j + 1}",
                f"Kelurahan {place}",
                "kelurahan",
                root,
                "general",
                0.8,
                (f"Lurah {place}", "pengawas", "lurah"),
            )

    def staff_opd(self, opd: Opd) -> None:
        """Fill the OPD up to its size: heads of independent units, then JF/pelaksana by unit weight."""
        indep = [u for u in opd.units if u.independent]
        heads = sum(1 for u in opd.units if u.head is not None) + len(indep)
        free = opd.size - heads
        if free < 0:
            raise ValueError(f"{opd.id}: {opd.size} staff cannot fill its {heads} head positions")
        working = [u for u in opd.units if u.weight > 0] or [opd.root]
        if not any(u.weight > 0 for u in working):
            working[0].weight = 1.0
        total = sum(u.weight for u in working)
        counts = _apportion(free, [u.weight / total for u in working], minimum=0)
        for u, cnt in zip(working, counts, strict=True):
            titles = STAFF_POSITIONS.get(u.ctx, STAFF_POSITIONS["general"])
            if u.independent:
                role = self.indep_roles[opd.id]
                pid = f"p-{u.id[2:]}-kepala"
                title = {
                    "kepala_sekolah": "Guru Ahli Madya (Kepala Sekolah)",
                    "kepala_puskesmas": "Dokter Ahli Madya (Kepala Puskesmas)",
                }.get(role, f"{titles[0][0]} (Kepala UPTD)")
                u.positions.append(
                    {"id": pid, "name": title, "grade": F, "unit": u.id, "role": role, "tugas_tambahan": role}
                )
                u.head = self.person(pid, F, role, u)
            if cnt <= 0:
                continue
            k = min(len(titles), max(1, cnt // 3))
            pos = []
            for j, (title, grade, w) in enumerate(titles[:k]):
                pid = f"p-{u.id[2:]}-{j + 1}"
                rec: dict[str, Any] = {"id": pid, "name": title, "grade": grade, "unit": u.id}
                if title == PENYETARAAN_TITLE:
                    rec["penyetaraan"] = {"date": "2021-12-31", "sebutan": "penanggungjawab_tupoksi"}
                u.positions.append(rec)
                pos.append((pid, grade, w))
            weights = [w for *_, w in pos]
            for pid, grade, _ in self.rng.choices(pos, weights=weights, k=cnt):
                u.staff.append(self.person(pid, grade, None, u))

    def assign_assessors(self) -> None:
        table = ASSESSOR_ROLES[self.flavour]
        for opd in self.opds:
            sekr = next((u for u in opd.units if u.kind == "sekretariat"), None)
            if sekr is not None and self.rng.random() < 0.15:
                opd.delegate = sekr.head  # Kepala delegates the assessor authority to the Sekretaris
            allowed = table.get(opd.kind, frozenset())
            for u in opd.units:
                a = self.assessor_of(u, allowed)
                for e in u.staff:
                    e.assessor = a
                if u.independent and u.parent is not None and u.head is not None:
                    u.head.assessor = self.assessor_of(u.parent, allowed)

    def assessor_of(self, u: Unit, allowed: frozenset[str]) -> Emp:
        for v in u.chain():
            if (
                v.head is not None
                and v.head.role is not None
                and (v.head.role in allowed or v.head.role in INDEPENDENT_ROLES)
            ):
                return v.head
        head = u.opd.root.head
        assert head is not None
        return head

    def acceptor_of(self, u: Unit) -> Emp:
        if self.tl:
            assert u.head is not None
            return u.head
        allowed = GY_ACCEPTOR_ROLES.get(u.opd.kind, frozenset())
        for v in u.chain():
            if (
                v.head is not None
                and v.head.role is not None
                and (v.head.role in allowed or v.head.role in GY_ACCEPTOR_UNIT_ROLES)
            ):
                return v.head
        head = u.opd.root.head
        assert head is not None
        return head

    def plan_work(self) -> None:
        """Split each unit's staff into teams (70%) and individual work; umbrella teams over seksi."""
        for opd in self.opds:
            for u in opd.units:
                if not u.staff:
                    continue
                self.leaf_units.append(u)
                members = u.staff[:]
                self.rng.shuffle(members)
                n_team = int(len(members) * 0.7) if len(members) >= 4 else 0
                i = 0
                while n_team - i >= 4:
                    size = min(self.rng.randint(4, 8), n_team - i)
                    if n_team - i - size < 4:
                        size = n_team - i
                    u.teams.append(members[i : i + size])
                    i += size
                for e in members[:i]:
                    e.home = "team"
                u.individual = members[i:]
            # a unit with Pengawas-headed units below (kecamatan, RSUD bidang): one team over them
            for u in opd.units:
                kids = [c for c in u.children if c.head is not None and c.head.grade == "pengawas"]
                if not kids or u.staff:
                    continue
                pool = [e for c in kids for e in c.individual[:2]]
                if len(pool) < 3:
                    continue
                u.umbrella = pool[:4]
                for e in u.umbrella:
                    e.unit.individual.remove(e)
                    e.home = "umbrella"
            # individual work: on the annual target (running), or on the first semester's (done)
            for u in opd.units:
                for k, e in enumerate(u.individual):
                    e.home = "individual" if k % 2 == 0 else "done"

    # --- records -------------------------------------------------------------------------------
    def letter(self, opd: Opd, kind: str, day: str, **fields: Any) -> dict[str, Any]:
        self.letter_no += 1
        rec: dict[str, Any] = {
            "id": self.next_id("s"),
            "kind": kind,
            "number": f"800.1/{self.letter_no}/{opd.code}/2024",
            "date": day,
        }
        for key in ("assignment", "in_reply_to", "from", "to", "cc", "signed_by", "drafted_by"):
            rec[key] = fields.get(key)
        rec["medium"] = "electronic"
        for key in ("decision", "reason", "purpose", "competencies", "expected_target", "duration"):
            rec[key] = fields.get(key)
        return rec

    def write(self, out: Path) -> tuple[list[Path], dict[str, int], int]:
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.yaml"):
            old.unlink()
        files: list[Path] = []
        counts = dict.fromkeys(COLLECTIONS, 0)
        assert self.sekda is not None
        header = (
            "regency:\n"
            f"  id: {self.opt.regency_id}\n"
            f'  name: "{self.opt.regency_name}"\n'
            '  province: "Kalimantan Selatan"\n'
            f"  regulation: {self.opt.regulation}\n"
            f'  as_of: "{AS_OF}"\n'
            f"  instansi: pemkab-{self.opt.regency_id}\n"
            f"  pejabat_berwenang: {self.sekda.id}\n"
            f"  spbe_shared_applications: [{', '.join(SHARED_APPS)}]\n"
        )
        path = out / "regency.yaml"
        path.write_text(header, encoding="utf-8")
        files.append(path)
        for opd in self.opds:
            cols = self.opd_records(opd)
            for kind, recs in cols.items():
                counts[kind] += len(recs)
            files.extend(write_collections(out, opd.id, cols))
        size = sum(p.stat().st_size for p in files)
        return files, counts, size

    def opd_records(self, opd: Opd) -> dict[str, list[dict[str, Any]]]:
        cols: dict[str, list[dict[str, Any]]] = {k: [] for k in COLLECTIONS}
        self.structure_records(opd, cols)
        self.work_records(opd, cols)
        return cols

    def structure_records(self, opd: Opd, cols: dict[str, list[dict[str, Any]]]) -> None:
        maps: list[str] = list(MAPS)
        decree_by = "bupati"
        if self.inject("probis.maps-reviewed", opd.id):
            maps = []
        elif self.inject("probis.decree", opd.id):
            decree_by = "kepala_opd"
        cols["opds"].append(
            {
                "id": opd.id,
                "name": opd.name,
                "kind": opd.kind,
                "type": opd.type,
                "business_process": {
                    "decree": f"Keputusan Bupati Nomor 100.3.3.2/{len(cols['opds']) + 7}/2024",
                    "decree_by": decree_by,
                    "maps_reviewed": maps,
                },
            }
        )
        for u in opd.units:
            apps = list(SHARED_APPS)
            if self.inject("spbe.shared-applications", u.id):
                apps = apps[:-1]
            assert u.head is not None
            cols["units"].append(
                {
                    "id": u.id,
                    "opd": opd.id,
                    "name": u.name,
                    "kind": u.kind,
                    "parent": u.parent.id if u.parent else None,
                    "head": u.head.pos,
                    "independent": True if u.independent else None,
                    "applications": apps,
                }
            )
            for p in u.positions:
                pen = p.get("penyetaraan")
                if pen and self.inject("jabatan.penanggungjawab-tupoksi", p["id"]):
                    p = {**p, "penyetaraan": {**pen, "sebutan": "sub_koordinator"}}
                cols["positions"].append(p)
        for u in opd.units:
            people = [u.head, *u.staff] if u.head is not None else u.staff
            for e in people:
                cols["employees"].append(
                    {"id": e.id, "nip": e.nip, "name": e.name, "position": e.pos, "unit": u.id}
                )
        for u in opd.units:
            jf_head = [u.head] if u.independent and u.head is not None and u.head.assessor is not None else []
            peers = u.staff
            for e in [*jf_head, *u.staff]:
                cols["placements"].append(self.placement(e, peers))
            designated = set()
            for e in u.staff:
                if e.pos.endswith("-1") and e.pos not in designated and e.grade == F:
                    pos = next((p for p in u.positions if p["id"] == e.pos), None)
                    if pos is None or "penyetaraan" not in pos:
                        continue
                    designated.add(e.pos)
                    zid = self.next_id("dz")
                    end: str | None = "2024-06-03"
                    if self.inject("jabatan.sub-koordinator-revoked", zid):
                        end = None
                    cols["designations"].append(
                        {
                            "id": zid,
                            "employee": e.id,
                            "kind": "sub_koordinator",
                            "unit": u.id,
                            "decree": f"800/{zid}/BKPSDM/2022",
                            "start": "2022-01-03",
                            "end": end,
                        }
                    )
        if opd.delegate is not None and opd.root.head is not None:
            did = self.next_id("dl")
            cols["delegations"].append(
                {
                    "id": did,
                    "delegator": opd.root.head.id,
                    "delegate": opd.delegate.id,
                    "decree": f"800/{did}/{opd.code}/2024",
                    "start": PLACED,
                    "end": None,
                }
            )

    def placement(self, e: Emp, peers: list[Emp]) -> dict[str, Any]:
        kid = self.next_id("k")
        assert e.assessor is not None
        assessor: Emp | None = None
        set_by, decree = "pejabat_pembina_kepegawaian", f"800/{kid}/BKPSDM/2024"
        if self.inject("kedudukan.placement-decree", kid):
            set_by, decree = "kepala_opd", None
        else:
            assessor = (
                self.inject_with("kedudukan.assessor-rank", kid, lambda: _peer(e, peers, P, self.irng))
                or self.inject_with(
                    "kedudukan.fungsional-supervises", kid, lambda: _peer(e, peers, F, self.irng), by=True
                )
                or self.inject_with("kedudukan.assessor-is-superior", kid, lambda: self.sibling_head(e))
                or self.inject_with("kedudukan.assessor-by-opd-kind", kid, lambda: self.wrong_kind_head(e))
            )
        return {
            "id": kid,
            "employee": e.id,
            "unit": e.unit.id,
            "assessor": (assessor or e.assessor).id,
            "decree": decree,
            "decree_date": PLACED,
            "set_by": set_by,
            "start": PLACED,
            "end": None,
        }

    def sibling_head(self, e: Emp) -> Emp | None:
        """The head of another unit of the same OPD that is not above the employee."""
        above = {v.id for v in e.unit.chain()}
        for v in e.unit.opd.units:
            h = v.head
            if (
                v.id not in above
                and h is not None
                and h is not e.unit.opd.delegate
                and h.grade in ("administrator", "pengawas")
            ):
                return h
        return None

    def wrong_kind_head(self, e: Emp) -> Emp | None:
        """A head above the employee, of assessor grade, whom the regulation does not name for this OPD."""
        allowed = ASSESSOR_ROLES[self.flavour].get(e.unit.opd.kind, frozenset())
        root_head = e.unit.opd.root.head
        for v in e.unit.chain():
            h = v.head
            if h is None or h is e.assessor or h is e or h.role in allowed or h.role in INDEPENDENT_ROLES:
                continue
            if h is e.unit.opd.delegate:
                continue
            if self.tl and (h is root_head or h.grade.startswith("jpt")):
                continue  # TL Pasal 8 ayat (1): the OPD head, any Pimpinan Tinggi Pratama, is allowed
            if h.grade in ("jpt_madya", "jpt_pratama", "administrator", "pengawas"):
                return h
        return None

    def work_records(self, opd: Opd, cols: dict[str, list[dict[str, Any]]]) -> None:
        targets: dict[str, tuple[str, str]] = {}
        for u in opd.units:
            if u.head is None:
                continue
            works = bool(u.staff or u.umbrella)
            ta = self.next_id("t")
            cols["targets"].append(
                {
                    "id": ta,
                    "unit": u.id,
                    "title": f"Target kinerja {u.name} 2024",
                    "start": "2024-01-01",
                    "end": "2024-12-31",
                    "status": "in_progress",
                }
            )
            if not works:
                continue
            ts = self.next_id("t")
            acceptor = self.acceptor_of(u)
            # the review chain (GY Lampiran A-F): the structural heads from the unit up to the acceptor
            chain = []
            for v in u.chain():
                h = v.head
                if h is not None and (
                    h is acceptor or h.grade in ("administrator", "jpt_pratama", "jpt_madya")
                ):
                    chain.append(h.id)
                if h is acceptor:
                    break
            accepted = acceptor.id
            if u.staff and self.inject("evaluasi.completion-acceptor", ts):
                accepted = u.staff[0].id
            elif len(chain) >= 2 and self.inject("evaluasi.review-chain", ts):
                chain.reverse()
            cols["targets"].append(
                {
                    "id": ts,
                    "unit": u.id,
                    "title": f"Target triwulan III {u.name}",
                    "start": TEAM_START,
                    "end": Q3_END,
                    "status": "completed",
                    "accepted_by": accepted,
                    "accepted_date": ACCEPTED,
                    "reviewed_by": chain if len(chain) >= 2 else None,
                }
            )
            targets[u.id] = (ta, ts)
        for u in opd.units:
            if u.id not in targets:
                continue
            ta, ts = targets[u.id]
            teams = [list(t) for t in u.teams]
            if u.umbrella:
                teams.append(list(u.umbrella))
            for j, members in enumerate(teams):
                umbrella = bool(u.umbrella) and j == len(teams) - 1
                self.team(opd, u, ta, members, umbrella, cols)
        # individual work after every team: a cross-unit draw may have taken someone's home work away
        for u in opd.units:
            if u.id not in targets:
                continue
            ta, ts = targets[u.id]
            for e in u.individual:
                if not e.skip_home:
                    done = e.home == "done"
                    self.individual(opd, u, ts if done else ta, done, e, cols)

    def appointer(self, owner: Unit) -> Emp:
        """Who makes a penunjukan for work owned by `owner`: TL its PUO; GY the assessor (on the PUO's
        proposal)."""
        assert owner.head is not None
        if self.tl:
            return owner.head
        return self.assessor_of(owner, ASSESSOR_ROLES["gy"].get(owner.opd.kind, frozenset()))

    def team(
        self,
        opd: Opd,
        u: Unit,
        target: str,
        members: list[Emp],
        umbrella: bool,
        cols: dict[str, list[dict[str, Any]]],
    ) -> None:
        assert u.head is not None
        puo = u.head
        tid = self.next_id("tm")
        # an ordinary team may take one member from elsewhere: penunjukan lintas unit / lintas PD,
        # pengajuan sukarela, or (rarely) staff of another agency
        cross = ""
        outsider: Emp | None = None
        if not umbrella:
            r = self.rng.random()
            cross = "penunjukan" if r < 0.06 else "sukarela" if r < 0.08 else "instansi" if r < 0.085 else ""
            if cross in ("penunjukan", "sukarela"):
                outsider = self.pick_outsider(u, self.rng.random() < 0.5)
                if outsider is None:
                    cross = ""
        lead = members[0]
        if umbrella and self.tl:
            kasi = members[0].unit.head  # Pasal 21 ayat (3): a Pengawas of the structure leads
            assert kasi is not None
            if not self.inject("tim.pengawas-leads", tid):
                lead = kasi
        outsider_leads = cross == "penunjukan" and self.inject("tim.lead-from-owner-unit", tid)
        if outsider_leads:
            assert outsider is not None
            lead = outsider
        appointed_by = puo.id
        if self.inject("tim.lead-appointed-by-puo", tid):
            appointed_by = members[-1].id if members[-1] is not lead else members[1].id
        elif (
            puo.grade in ("administrator", "jpt_pratama") or (not self.tl and puo.grade == "pengawas")
        ) and self.inject("tim.lead-grade", tid):
            lead = puo
        second = (
            members[1]
            if len(members) >= 3 and members[1] is not lead and self.inject("tim.single-lead", tid)
            else None
        )
        if second is None and self.inject("tim.has-lead", tid):
            the_lead: Emp | None = None
        else:
            the_lead = lead
        roster: list[dict[str, Any]] = []
        if the_lead is not None:
            roster.append({"employee": the_lead.id, "role": "ketua", "appointed_by": appointed_by})
        for e in members:
            if e is the_lead:
                continue
            if e is second:
                roster.append({"employee": e.id, "role": "ketua", "appointed_by": puo.id})
            else:
                roster.append({"employee": e.id, "role": "anggota"})
        team = {
            "id": tid,
            "name": f"Tim Kerja {u.name} {len(cols['teams']) + 1}",
            "unit": u.id,
            "target": target,
            "start": TEAM_START,
            "end": WORK_END,
            "members": roster,
        }
        cols["teams"].append(team)
        lead_id = the_lead.id if the_lead is not None else None
        workers = [e for e in members if e is not puo]
        if (
            the_lead is not None
            and the_lead not in members
            and the_lead is not puo
            and the_lead is not outsider
        ):
            workers.insert(0, the_lead)  # the Pengawas leading an umbrella team
        for e in workers:
            self.in_unit_assignment(opd, u, e, target, tid, None if e is second else lead_id, cols)
        if cross == "penunjukan":
            assert outsider is not None
            self.cross_penunjukan(opd, u, target, team, outsider, lead_id, outsider_leads, cols)
        elif cross == "sukarela":
            assert outsider is not None
            self.cross_sukarela(opd, u, target, team, outsider, lead_id, cols)
        elif cross == "instansi" and lead_id is not None:
            self.cross_instansi(opd, u, target, team, lead_id, cols)

    def surat_penugasan(
        self,
        opd: Opd,
        aid: str,
        e: Emp,
        signer: Emp,
        drafter: Emp,
        day: str = ASSIGNED,
        cols: dict[str, list[dict[str, Any]]] | None = None,
        required: bool = True,
    ) -> None:
        assert cols is not None
        if required and self.inject("penugasan.written-letter", aid):
            return
        cols["letters"].append(
            self.letter(
                opd,
                "surat_penugasan",
                day,
                assignment=aid,
                **{"from": signer.id},
                to=e.id,
                signed_by=signer.id,
                drafted_by=drafter.id,
            )
        )

    def in_unit_assignment(
        self,
        opd: Opd,
        u: Unit,
        e: Emp,
        target: str,
        team: str | None,
        lead: str | None,
        cols: dict[str, list[dict[str, Any]]],
    ) -> None:
        aid = self.next_id("a")
        appointer = self.appointer(u)
        voluntary = self.rng.random() < 0.1
        scope = "dalam_unit"
        if voluntary and self.inject("penugasan.voluntary-scope", aid):
            scope = "lintas_instansi"
        by = appointer
        if not voluntary and u.staff and self.inject("penugasan.appointer-authority", aid):
            by = self.irng.choice(u.staff)
        cols["assignments"].append(
            {
                "id": aid,
                "employee": e.id,
                "target": target,
                "team": team,
                "method": "pengajuan_sukarela" if voluntary else "penunjukan",
                "scope": scope,
                "purpose": "kinerja_unit",
                "appointed_by": by.id,
                "start": WORK_START,
                "end": WORK_END,
                "status": "active",
            }
        )
        if voluntary:
            req = self.letter(
                opd, "permohonan_sukarela", REQUESTED, assignment=aid, to=appointer.id, **{"from": e.id}
            )
            cols["letters"].append(req)
            cols["letters"].append(
                self.letter(
                    opd,
                    "persetujuan",
                    ANSWERED,
                    assignment=aid,
                    in_reply_to=req["id"],
                    to=e.id,
                    signed_by=appointer.id,
                    decision="approve",
                    **{"from": appointer.id},
                )
            )
        drafter = e if self.tl else (e.assessor or appointer)
        # TL needs no surat penugasan inside the unit for a penunjukan; GY accepts an approval letter in its
        # place ("bukti Penugasan tertulis lainnya"), which a voluntary application has
        self.surat_penugasan(opd, aid, e, appointer, drafter, cols=cols, required=voluntary == self.tl)
        self.report(aid, e, target, team, lead, u, REPORTED, cols)

    def report(
        self,
        aid: str,
        e: Emp,
        target: str,
        team: str | None,
        lead: str | None,
        owner: Unit,
        day: str,
        cols: dict[str, list[dict[str, Any]]],
    ) -> None:
        assert owner.head is not None
        puo = owner.head.id
        rid = self.next_id("r")
        if team is None:
            to = puo
            if self.inject("lapor.individual-to-puo", rid):
                to = self.peer_of(e, owner)
        elif lead is not None and e.id != lead:
            to = lead
            if self.inject("lapor.member-to-lead", rid):
                to = self.peer_of(e, owner, avoid=lead)
        else:
            to = puo
            if lead is not None and self.inject("lapor.lead-to-puo", rid):
                to = self.peer_of(e, owner)
        if to == e.id:
            return
        cols["reports"].append(
            {
                "id": rid,
                "from": e.id,
                "to": to,
                "target": target,
                "team": team,
                "assignment": aid,
                "date": day,
            }
        )

    def peer_of(self, e: Emp, owner: Unit, avoid: str = "") -> str:
        """Someone in the owning unit who is not the reporter, its PUO, nor `avoid`."""
        staff = owner.staff or e.unit.staff
        for _ in range(4):
            p = self.irng.choice(staff)
            if p is not e and p.id != avoid:
                return p.id
        assert owner.head is not None
        return owner.head.id

    def individual(
        self, opd: Opd, u: Unit, target: str, done: bool, e: Emp, cols: dict[str, list[dict[str, Any]]]
    ) -> None:
        aid = self.next_id("a")
        appointer = self.appointer(u)
        credit = e.grade == F and self.rng.random() < 0.02
        by: Emp | None = appointer
        if u.staff and self.inject("penugasan.appointer-authority", aid):
            by = self.irng.choice(u.staff)
        approval = True
        if credit and self.inject("penugasan.credit-activity-approval", aid):
            approval, by = False, None
        cols["assignments"].append(
            {
                "id": aid,
                "employee": e.id,
                "target": target,
                "method": "penunjukan",
                "scope": "dalam_unit",
                "purpose": "angka_kredit" if credit else "kinerja_unit",
                "appointed_by": by.id if by else None,
                "start": WORK_START,
                "end": Q3_END if done else WORK_END,
                "status": "completed" if done else "active",
            }
        )
        if credit and approval:
            assert u.head is not None
            cols["letters"].append(
                self.letter(
                    opd,
                    "persetujuan",
                    ANSWERED,
                    assignment=aid,
                    to=e.id,
                    signed_by=u.head.id,
                    decision="approve",
                    **{"from": u.head.id},
                )
            )
        drafter = e if self.tl else (e.assessor or appointer)
        self.surat_penugasan(opd, aid, e, appointer, drafter, cols=cols, required=not self.tl)
        self.report(aid, e, target, None, None, u, REPORTED_DONE if done else REPORTED, cols)

    def pick_outsider(self, owner: Unit, same_opd: bool) -> Emp | None:
        """Someone from another unit (of this OPD, or of another OPD) with work of their own at home."""
        pool = [v for v in owner.opd.units if v.staff and v is not owner] if same_opd else self.leaf_units
        if not pool:
            return None
        for _ in range(8):
            v = self.rng.choice(pool)
            if v is owner or (not same_opd and v.opd is owner.opd) or owner in v.chain():
                continue
            e = self.rng.choice(v.staff)
            if e.home in ("team", "individual") and not e.cross:
                e.cross = True
                return e
        return None

    def cross_penunjukan(
        self,
        opd: Opd,
        u: Unit,
        target: str,
        team: dict[str, Any],
        e: Emp,
        lead: str | None,
        leads: bool,
        cols: dict[str, list[dict[str, Any]]],
    ) -> None:
        """A penunjukan across units / OPDs: request, recommendation, answer, surat penugasan."""
        assert u.head is not None and e.unit.head is not None and e.assessor is not None
        owner_puo, emp_puo, emp_assessor = u.head, e.unit.head, e.assessor
        aid = self.next_id("a")
        scope = "lintas_unit" if e.unit.opd is opd else "lintas_perangkat_daerah"
        refused = not leads and self.rng.random() < 0.03
        unexplained = False
        reason: str | None = "Pegawai sedang menyelesaikan target kinerja unitnya" if refused else None
        if leads or refused:
            pass
        elif e.home == "individual" and e.unit.opd is opd and self.inject("penugasan.own-unit-first", aid):
            e.skip_home = True
            self.relabel("penugasan.own-unit-first", e.id)
        elif self.inject("penugasan.rejection-reason", aid):
            refused, reason = True, None
            unexplained = True
        duration_end = WORK_END
        if not refused and self.inject("penugasan.within-duration", aid):
            duration_end = Q3_END
        cols["assignments"].append(
            {
                "id": aid,
                "employee": e.id,
                "target": target,
                "team": team["id"],
                "method": "penunjukan",
                "scope": scope,
                "purpose": "kinerja_unit",
                "appointed_by": self.appointer(u).id,
                "start": WORK_START,
                "end": WORK_END,
                "status": "refused" if refused else "active",
            }
        )
        # TL: request to the PUO where the employee sits, recommendation from their assessor;
        # GY: request to their assessor, recommendation from their PUO
        addressee, recommender = (emp_puo, emp_assessor) if self.tl else (emp_assessor, emp_puo)
        req_id = None
        if not self.inject("penugasan.request-letter", aid):
            content = not self.inject("penugasan.request-letter-content", aid)
            req = self.letter(
                opd,
                "permohonan_pelibatan",
                REQUESTED,
                assignment=aid,
                to=addressee.id,
                cc=[recommender.id],
                signed_by=owner_puo.id,
                purpose=f"Dukungan {team['name']}",
                competencies=["Analisis data", "Penyusunan laporan"] if content else None,
                expected_target=f"Tercapainya {target}" if content else None,
                duration={"start": WORK_START, "end": duration_end},
                **{"from": owner_puo.id},
            )
            cols["letters"].append(req)
            req_id = req["id"]
            if not content:
                self.relabel("penugasan.request-letter-content", req_id)
        # where one official is both addressee and recommender there is no recommendation to miss
        if addressee is recommender or not self.inject("penugasan.recommendation", aid):
            cols["letters"].append(
                self.letter(
                    opd,
                    "rekomendasi",
                    RECOMMENDED,
                    assignment=aid,
                    in_reply_to=req_id,
                    to=addressee.id,
                    signed_by=recommender.id,
                    decision="approve",
                    **{"from": recommender.id},
                )
            )
        answer = self.letter(
            opd,
            "jawaban",
            ANSWERED,
            assignment=aid,
            in_reply_to=req_id,
            to=owner_puo.id,
            signed_by=addressee.id,
            decision="refuse" if refused else "approve",
            reason=reason,
            **{"from": addressee.id},
        )
        cols["letters"].append(answer)
        if unexplained:
            self.relabel("penugasan.rejection-reason", answer["id"])
        if refused:
            return
        if not leads:
            team["members"].append({"employee": e.id, "role": "anggota"})
        signer = emp_puo if self.tl else emp_assessor
        drafter = e if self.tl else emp_assessor
        if self.inject("penugasan.letter-signatory", aid):
            signer = owner_puo
        elif self.inject("penugasan.letter-drafter", aid):
            drafter = owner_puo
        self.surat_penugasan(opd, aid, e, signer, drafter, cols=cols)
        self.report(aid, e, target, team["id"], lead, u, REPORTED, cols)

    def cross_sukarela(
        self,
        opd: Opd,
        u: Unit,
        target: str,
        team: dict[str, Any],
        e: Emp,
        lead: str | None,
        cols: dict[str, list[dict[str, Any]]],
    ) -> None:
        """A voluntary application across units: approved by the receiving PUO, then the own assessor."""
        assert u.head is not None and e.assessor is not None
        receiving, own_assessor = u.head, e.assessor
        aid = self.next_id("a")
        scope = "lintas_unit" if e.unit.opd is opd else "lintas_perangkat_daerah"
        cols["assignments"].append(
            {
                "id": aid,
                "employee": e.id,
                "target": target,
                "team": team["id"],
                "method": "pengajuan_sukarela",
                "scope": scope,
                "purpose": "kinerja_unit",
                "appointed_by": receiving.id,
                "start": WORK_START,
                "end": WORK_END,
                "status": "active",
            }
        )
        assert e.unit.head is not None
        cc = (
            [own_assessor.id] if self.tl or e.unit.head is own_assessor else [own_assessor.id, e.unit.head.id]
        )
        req = self.letter(
            opd, "permohonan_sukarela", REQUESTED, assignment=aid, to=receiving.id, cc=cc, **{"from": e.id}
        )
        cols["letters"].append(req)
        cols["letters"].append(
            self.letter(
                opd,
                "persetujuan",
                ANSWERED,
                assignment=aid,
                in_reply_to=req["id"],
                to=e.id,
                signed_by=receiving.id,
                decision="approve",
                **{"from": receiving.id},
            )
        )
        signer = own_assessor
        if self.inject("penugasan.voluntary-approval", aid):
            signer = receiving  # no approval at home: the receiving PUO issues the surat penugasan himself
        else:
            cols["letters"].append(
                self.letter(
                    opd,
                    "persetujuan",
                    APPROVED,
                    assignment=aid,
                    in_reply_to=req["id"],
                    to=e.id,
                    signed_by=own_assessor.id,
                    decision="approve",
                    **{"from": own_assessor.id},
                )
            )
        team["members"].append({"employee": e.id, "role": "anggota"})
        self.surat_penugasan(opd, aid, e, signer, e if self.tl else own_assessor, cols=cols)
        self.report(aid, e, target, team["id"], lead, u, REPORTED, cols)

    def cross_instansi(
        self,
        opd: Opd,
        u: Unit,
        target: str,
        team: dict[str, Any],
        lead: str,
        cols: dict[str, list[dict[str, Any]]],
    ) -> None:
        """Staff of another agency (TL Pasal 15, GY Lampiran 2.a.ii): the owning PUO asks this Pemda's
        Pejabat yang Berwenang (copy to the PUO's own assessor), who asks the other agency's; the
        answers come back the same way; their surat penugasan is copied to this Pemda's."""
        assert u.head is not None and self.sekda is not None
        puo, pyb = u.head, self.sekda
        ppk = u.parent.head if u.parent is not None and u.parent.head is not None else pyb
        agency = self.rng.choice(["kemenkes", "kementan", "bpkp", "bps"])
        eid = self.next_id("x")
        cols["employees"].append(
            {"id": eid, "name": f"{self.rng.choice(FIRST_M)} {self.rng.choice(LAST)}", "instansi": agency}
        )
        aid = self.next_id("a")
        cols["assignments"].append(
            {
                "id": aid,
                "employee": eid,
                "target": target,
                "team": team["id"],
                "method": "penunjukan",
                "scope": "lintas_instansi",
                "purpose": "kinerja_unit",
                "appointed_by": puo.id,
                "start": WORK_START,
                "end": WORK_END,
                "status": "active",
            }
        )
        theirs = {"instansi": agency, "role": "pejabat_berwenang"}
        content: dict[str, Any] = {
            "purpose": f"Dukungan {team['name']}",
            "competencies": ["Keahlian teknis sektor"],
            "expected_target": f"Tercapainya {target}",
            "duration": {"start": WORK_START, "end": WORK_END},
        }
        first = None
        if not self.inject("penugasan.cross-instansi-chain", aid):  # the breach: the PUO writes directly
            first = self.letter(
                opd,
                "permohonan_pelibatan",
                REQUESTED,
                assignment=aid,
                to=pyb.id,
                cc=[ppk.id],
                signed_by=puo.id,
                **content,
                **{"from": puo.id},
            )
            cols["letters"].append(first)
        second = self.letter(
            opd,
            "permohonan_pelibatan",
            RECOMMENDED,
            assignment=aid,
            in_reply_to=None,
            to=theirs,
            signed_by=pyb.id if first else puo.id,
            **content,
            **{"from": pyb.id if first else puo.id},
        )
        cols["letters"].append(second)
        cols["letters"].append(
            self.letter(
                opd,
                "jawaban",
                ANSWERED,
                in_reply_to=second["id"],
                to=pyb.id,
                decision="approve",
                **{"from": theirs},
            )
        )
        if first is not None:
            cols["letters"].append(
                self.letter(
                    opd,
                    "jawaban",
                    APPROVED,
                    in_reply_to=first["id"],
                    to=puo.id,
                    signed_by=pyb.id,
                    decision="approve",
                    **{"from": pyb.id},
                )
            )
        cols["letters"].append(
            self.letter(
                opd,
                "surat_penugasan",
                ASSIGNED,
                assignment=aid,
                to=eid,
                cc=[pyb.id, puo.id],
                **{"from": theirs},
            )
        )
        team["members"].append({"employee": eid, "role": "anggota"})
        cols["reports"].append(
            {
                "id": self.next_id("r"),
                "from": eid,
                "to": lead,
                "target": target,
                "team": team["id"],
                "assignment": aid,
                "date": REPORTED,
            }
        )

    indep_roles: dict[str, str]


_BIRTH_BASE = date(1966, 1, 1).toordinal()


def _peer(e: Emp, peers: list[Emp], grade: str, rng: random.Random) -> Emp | None:
    """A colleague of the given grade in the same unit (not the employee), drawn at random."""
    for _ in range(6):
        p = rng.choice(peers)
        if p is not e and p.grade == grade:
            return p
    return None


def _clamp(v: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, v))


def _apportion(total: int, shares: list[float], minimum: int = 0) -> list[int]:
    """Split `total` by `shares` (largest remainder), each part at least `minimum`."""
    if not shares:
        return []
    if minimum * len(shares) > total:
        raise ValueError(f"{total} staff is too few for {len(shares)} OPDs (at least {minimum} each)")
    free = total - minimum * len(shares)
    raw = [s * free for s in shares]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: free - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


def _bidang_builder(gen: _Gen, bidang: list[str]) -> Callable[[Opd], None]:
    def build(opd: Opd) -> None:
        root = gen.bidang_opd(opd, bidang)
        if opd.id in UPTD_DINAS and opd.size >= 80:
            n = _clamp(opd.size // 60, 1, 25)
            names = [f"UPTD {UPTD_DINAS[opd.id]} {PLACES[j % len(PLACES)]}" for j in range(n)]
            gen.independent_units(opd, root, "uptd", "kepala_uptd", names, int(opd.size * 0.3))

    return build


def generate(
    staff: int,
    out: str | Path,
    regulation: str = DEFAULT_REGULATION,
    violation_rate: float = 0.0,
    seed: int = 1,
    *,
    nip_offset: int = 0,
    regency_id: str = "kab-sintetis",
    regency_name: str = "Kabupaten Sintetis",
) -> GenerateResult:
    """Write a synthetic regency of `staff` employees to `out` (one YAML file per OPD + regency.yaml)."""
    t0 = time.perf_counter()
    if staff < 40:
        raise ValueError("a synthetic regency needs at least 40 staff")
    gen = _Gen(_Options(staff, regulation, violation_rate, seed, nip_offset, regency_id, regency_name))
    gen.indep_roles = {}
    gen.plan()
    gen.assign_assessors()
    gen.plan_work()
    out = Path(out)
    files, counts, size = gen.write(out)
    injected = {k: v for k, v in gen.injected.items() if v}
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "staff": staff,
        "regulation": regulation,
        "seed": seed,
        "violation_rate": violation_rate,
        "counts": counts,
        "bytes": size,
        "files": len(files),
        "injected": injected,
    }
    (out / ".manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    internal = sum(1 for _ in gen.emps)
    assert internal == staff, (internal, staff)
    return GenerateResult(out, staff, files, size, counts, injected, time.perf_counter() - t0, regency_id)


# --- a national set ----------------------------------------------------------------------------

NATIONAL_REGENCIES = 514
NATIONAL_STAFF = 3_500_000


def national_sizes(scale: float = 1.0, seed: int = 1) -> list[int]:
    """514 regency sizes, log-normal (median ~5.5k), clipped to [1k, 30k], summing to ~3.5M x scale."""
    rng = random.Random(seed)
    raw = [
        min(30_000.0, max(1_000.0, rng.lognormvariate(math.log(5_500), 0.65)))
        for _ in range(NATIONAL_REGENCIES)
    ]
    factor = NATIONAL_STAFF / sum(raw)
    for _ in range(20):  # rescale, re-clip, until the total settles
        raw = [min(30_000.0, max(1_000.0, r * factor)) for r in raw]
        factor = NATIONAL_STAFF / sum(raw)
        if abs(factor - 1) < 1e-4:
            break
    return [max(40, round(r * scale)) for r in raw]


def generate_national(
    out: str | Path,
    regulation: str = DEFAULT_REGULATION,
    violation_rate: float = 0.0,
    seed: int = 1,
    scale: float = 1.0,
    progress: Callable[[str], None] | None = None,
) -> list[GenerateResult]:
    """514 regencies under `out/<regency-id>/`; NIPs are unique across all of them."""
    out = Path(out)
    results = []
    offset = 0
    for i, size in enumerate(national_sizes(scale, seed)):
        rid = f"kab-{i + 1:03d}"
        res = generate(
            size,
            out / rid,
            regulation,
            violation_rate,
            seed + i,
            nip_offset=offset,
            regency_id=rid,
            regency_name=f"Kabupaten Sintetis {i + 1:03d}",
        )
        offset += size
        results.append(res)
        if progress:
            progress(f"{rid}: {size} staff, {len(res.files)} files, {res.bytes / 1e6:.1f} MB")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    ap.add_argument("--staff", type=int, default=10_000, help="number of employees (default 10000)")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--regulation", default=DEFAULT_REGULATION)
    ap.add_argument(
        "--violation-rate", type=float, default=0.0, help="fraction of records breaking each concept"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--national", action="store_true", help="514 regencies, ~3.5M staff in all")
    ap.add_argument("--scale", type=float, default=1.0, help="with --national: multiply every size by this")
    args = ap.parse_args(argv)
    if args.national:
        t0 = time.perf_counter()
        res = generate_national(
            args.out,
            args.regulation,
            args.violation_rate,
            args.seed,
            args.scale,
            progress=lambda m: print(m, file=sys.stderr),
        )
        total = sum(r.staff for r in res)
        size = sum(r.bytes for r in res)
        print(
            f"{len(res)} regencies, {total:,} staff, {size / 1e6:.0f} MB in {time.perf_counter() - t0:.1f}s"
        )
        return 0
    r = generate(args.staff, args.out, args.regulation, args.violation_rate, args.seed)
    injected = sum(len(v) for v in r.injected.values())
    print(
        f"{r.staff:,} staff -> {r.out}: {len(r.files)} files, {r.bytes / 1e6:.1f} MB, "
        f"{sum(r.counts.values()):,} records, {injected} injected violations, {r.seconds:.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
