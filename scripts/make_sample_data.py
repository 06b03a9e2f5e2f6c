#!/usr/bin/env python3
"""Write the committed sample regencies under data/.

    python scripts/make_sample_data.py

(Re)writes three regencies, deterministically (counters and fixed tables, no randomness):

- data/tanah-laut/  Kabupaten Tanah Laut under Perbup Tanah Laut 26/2024, compliant with it;
- data/gianyar/     Kabupaten Gianyar under Perbup Gianyar 63/2023, compliant with it;
- data/examples/    a small regency under the Tanah Laut rules with deliberate regulation problems,
                    each listed (rule id, record id) in its README.md.

Modelling choices the rule packs can rely on:

- An OPD's root unit carries the OPD's id. UPTD, puskesmas and schools of a Dinas are units of that
  Dinas (kind uptd/puskesmas/sekolah; `independent: true` when a JF with tugas tambahan leads them),
  so the Kepala Puskesmas / Kepala Sekolah (a JF, hence placed) has an assessor in the same OPD.
  A Gianyar UPTD led by a pengawas and a kelurahan are OPDs of their own (kind uptd / kelurahan with
  `parent`), as the data model describes; their heads are structural, so no placement crosses OPDs.
- Staff from another agency carry `instansi` and no position, unit or placement: their kedudukan is
  set by their own agency.
- Tanah Laut assessors follow Pasal 8 and Lampiran I: Kepala Bidang (Model 4 also Sekretaris),
  Kepala Bagian (Setda, Setwan), Kepala Seksi (BPBD Tipe C, Kecamatan, RSUD), the JF heading a
  puskesmas/school, and the OPD head (Pasal 8 ayat (1)) for auditors under an Inspektur Pembantu.
  Staff of a UPTD led by a pengawas sit under the Kepala Bidang above the UPTD (the catalogue reads
  Pasal 8 ayat (1)-(3) by the parent OPD). Gianyar follows Lampiran A-I.
- Tanah Laut teams are owned only by units with no filled pengawas position below their head, so
  Pasal 21 ayat (3) never asks for a pengawas ketua; each team runs over the as-of date.
- A penunjukan is appointed by the owning unit's PUO (Tanah Laut, Pasal 12 ayat (1)) or by the
  assessor of the owning unit's staff (Gianyar, Lampiran angka 2 huruf d); a cross-unit pengajuan
  sukarela by the employee's own assessor, who approves it last.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.model import COLLECTIONS  # the collection order of the data model

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

MAPS = ["peta_sub_proses", "peta_relasi", "peta_lintas_fungsi", "peta_level"]
STAFF_GRADES = ("fungsional", "pelaksana")
Record = dict[str, Any]


# --- YAML output ------------------------------------------------------------------------------


class Flow(dict[str, Any]):
    """A mapping written on one line: a letter's duration, an outside official {instansi, role}."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never &anchor/*alias, even for a list object used twice

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent lists under their key


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    # short lists of plain values (applications, cc, reviewers) on one line; records stay block
    flow = bool(data) and all(isinstance(x, str) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=True)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(Flow, _represent_flow)


def dump(doc: dict[str, Any]) -> str:
    # strings that YAML 1.1 would read as dates or numbers (dates, NIPs) come out quoted
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def day(date: str, delta: int = 0) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=delta)).isoformat()


def clean(rec: Record) -> Record:
    """The record without absent (None) fields, in the given key order."""
    return {k: v for k, v in rec.items() if v is not None}


# --- Names and NIPs -----------------------------------------------------------------------------

BANJAR_MALE = [
    "Muhammad",
    "Ahmad",
    "Rahmadi",
    "Fauzan",
    "Syahrani",
    "Hendra",
    "Irwan",
    "Rizky",
    "Arief",
    "Budi",
    "Fahmi",
    "Hairil",
    "Ilham",
    "Junaidi",
    "Khairul",
    "Lukman",
    "Mahfuz",
    "Rusdi",
    "Saipul",
    "Taufik",
    "Wahyudi",
    "Yusran",
    "Zainal",
    "Agus",
    "Bambang",
    "Dedy",
    "Eko",
    "Fikri",
    "Hamdani",
    "Jumadi",
    "Gazali",
    "Abdul",
    "Rahmat",
    "Mursyid",
    "Anshari",
    "Syamsul",
    "Noor",
    "Haris",
]
BANJAR_FEMALE = [
    "Siti",
    "Nor",
    "Rahmah",
    "Aulia",
    "Dewi",
    "Fitri",
    "Hafizah",
    "Indah",
    "Jamilah",
    "Khadijah",
    "Lestari",
    "Maulida",
    "Nurul",
    "Rina",
    "Sri",
    "Yuliana",
    "Zahra",
    "Ani",
    "Erna",
    "Husna",
    "Laila",
    "Mariani",
    "Normila",
    "Rusmini",
    "Salamah",
    "Wulan",
    "Ulfah",
    "Mahrita",
    "Rabiatul",
    "Fatimah",
    "Noorhayati",
    "Herlina",
]
BANJAR_LAST_MALE = [
    "Rahman",
    "Hidayat",
    "Saputra",
    "Pratama",
    "Wijaya",
    "Hakim",
    "Firdaus",
    "Maulana",
    "Permana",
    "Rizal",
    "Anwar",
    "Hasan",
    "Fauzi",
    "Syarif",
    "Aziz",
    "Iskandar",
    "Effendi",
    "Hamzah",
    "Mansyur",
    "Yusuf",
    "Nugroho",
    "Setiawan",
    "Kurniawan",
    "Ramadhan",
    "Arifin",
    "Ghani",
    "Sulaiman",
    "Fadillah",
]
BANJAR_LAST_FEMALE = [
    "Rahmawati",
    "Hartati",
    "Susanti",
    "Handayani",
    "Fitriani",
    "Wahyuni",
    "Lestari",
    "Ramadhani",
    "Kusuma",
    "Sari",
    "Anggraini",
    "Maulidah",
    "Hasanah",
    "Rosita",
    "Aprilia",
    "Safitri",
    "Yuliani",
    "Novita",
    "Amalia",
    "Zulaikha",
    "Mardiana",
    "Nurjanah",
]
BALI_ORDER_MALE = ["Wayan", "Putu", "Gede", "Made", "Kadek", "Nyoman", "Komang", "Ketut"]
BALI_ORDER_FEMALE = ["Wayan", "Putu", "Luh", "Made", "Kadek", "Nyoman", "Komang", "Ketut"]
BALI_MALE = [
    "Sudarma",
    "Artawan",
    "Suarjana",
    "Wirawan",
    "Adnyana",
    "Mahendra",
    "Budiarta",
    "Sukadana",
    "Parwata",
    "Widiana",
    "Astawa",
    "Suryawan",
    "Arsana",
    "Darmayasa",
    "Yasa",
    "Sutama",
    "Gunawan",
    "Dharmawan",
    "Sumerta",
    "Mertayasa",
    "Sedana",
    "Antara",
    "Wiratama",
    "Suardana",
    "Juliarta",
    "Sudiana",
    "Pastika",
    "Kariasa",
    "Suweta",
    "Eka Putra",
    "Agus Arimbawa",
    "Sukerta",
]
BALI_FEMALE = [
    "Sri Wahyuni",
    "Ariani",
    "Puspitasari",
    "Suwitri",
    "Sukmawati",
    "Widiastuti",
    "Kartini",
    "Purnamasari",
    "Anggreni",
    "Wulandari",
    "Yuliantari",
    "Suarni",
    "Darmiasih",
    "Sriasih",
    "Kusumadewi",
    "Astiti",
    "Sudiartini",
    "Mariasih",
    "Rai Sukmawati",
    "Ratnadi",
    "Suastini",
    "Ayu Lestari",
    "Sintya Dewi",
    "Mirah Pradnyani",
    "Eka Yanti",
    "Trisnawati",
    "Sekarini",
]


class Names:
    """Invented names from fixed lists, stepped by co-prime strides so they rarely repeat."""

    def __init__(self, style: str) -> None:
        self.style = style
        self.count = {True: 0, False: 0}
        self.used: set[str] = set()

    def next(self, female: bool) -> str:
        while True:
            n = self.count[female]
            self.count[female] += 1
            name = self._bali(n, female) if self.style == "bali" else self._banjar(n, female)
            if name not in self.used:
                self.used.add(name)
                return name

    @staticmethod
    def _banjar(n: int, female: bool) -> str:
        first, last = (BANJAR_FEMALE, BANJAR_LAST_FEMALE) if female else (BANJAR_MALE, BANJAR_LAST_MALE)
        return f"{first[(n * 7) % len(first)]} {last[(n * 5 + n // len(first)) % len(last)]}"

    @staticmethod
    def _bali(n: int, female: bool) -> str:
        orders, given = (BALI_ORDER_FEMALE, BALI_FEMALE) if female else (BALI_ORDER_MALE, BALI_MALE)
        order = orders[(n * 3) % len(orders)]
        name = given[(n * 7 + n // len(given)) % len(given)]
        kind = n % 10  # most names are of the common form; a few carry a title of descent
        if female:
            prefix = {7: "I Gusti Ayu", 8: "Ida Ayu", 9: "Desak"}.get(kind, "Ni")
            if order == "Luh" and prefix != "Ni":
                order = "Putu"
        else:
            prefix = {7: "I Gusti", 8: "Ida Bagus", 9: "Dewa"}.get(kind, "I")
        return f"{prefix} {order} {name}"


# birth years by grade: structural officials are older
BIRTH_YEARS = {
    "jpt_madya": (1966, 1971),
    "jpt_pratama": (1967, 1977),
    "administrator": (1970, 1983),
    "pengawas": (1974, 1987),
    "fungsional": (1976, 1997),
    "pelaksana": (1978, 2000),
}


class Nips:
    """Well-formed fictitious NIPs: a valid birth date, appointment after age 21, unique serials."""

    def __init__(self) -> None:
        self.n = 0
        self.used: set[str] = set()

    def make(self, grade: str, female: bool) -> str:
        self.n += 1
        i = self.n
        lo, hi = BIRTH_YEARS[grade]
        year = lo + (i * 7) % (hi - lo + 1)
        birth = f"{year:04d}{1 + (i * 5) % 12:02d}{1 + (i * 11) % 28:02d}"
        appointed = f"{min(year + 22 + (i * 3) % 9, 2023):04d}{1 + (i * 7) % 12:02d}"
        serial = 1 + (i * 13) % 999
        while True:
            nip = f"{birth}{appointed}{2 if female else 1}{serial:03d}"
            if nip not in self.used:
                self.used.add(nip)
                return nip
            serial = serial % 999 + 1


# --- Positions ----------------------------------------------------------------------------------

JAB: dict[str, tuple[str, str]] = {
    "ak-muda": ("Analis Kebijakan Ahli Muda", "fungsional"),
    "ak-pertama": ("Analis Kebijakan Ahli Pertama", "fungsional"),
    "perencana-muda": ("Perencana Ahli Muda", "fungsional"),
    "perencana-pertama": ("Perencana Ahli Pertama", "fungsional"),
    "prakom-pertama": ("Pranata Komputer Ahli Pertama", "fungsional"),
    "prakom-terampil": ("Pranata Komputer Terampil", "fungsional"),
    "arsiparis-pertama": ("Arsiparis Ahli Pertama", "fungsional"),
    "arsiparis-terampil": ("Arsiparis Terampil", "fungsional"),
    "analis-sdm-muda": ("Analis Sumber Daya Manusia Aparatur Ahli Muda", "fungsional"),
    "analis-sdm-pertama": ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", "fungsional"),
    "asesor-sdm-pertama": ("Asesor Sumber Daya Manusia Aparatur Ahli Pertama", "fungsional"),
    "analis-keu-muda": ("Analis Keuangan Pusat dan Daerah Ahli Muda", "fungsional"),
    "analis-keu-pertama": ("Analis Keuangan Pusat dan Daerah Ahli Pertama", "fungsional"),
    "pbj-muda": ("Pengelola Pengadaan Barang/Jasa Ahli Muda", "fungsional"),
    "pbj-pertama": ("Pengelola Pengadaan Barang/Jasa Ahli Pertama", "fungsional"),
    "perancang-muda": ("Perancang Peraturan Perundang-undangan Ahli Muda", "fungsional"),
    "analis-hukum-pertama": ("Analis Hukum Ahli Pertama", "fungsional"),
    "humas-pertama": ("Pranata Hubungan Masyarakat Ahli Pertama", "fungsional"),
    "humas-terampil": ("Pranata Hubungan Masyarakat Terampil", "fungsional"),
    "auditor-muda": ("Auditor Ahli Muda", "fungsional"),
    "auditor-pertama": ("Auditor Ahli Pertama", "fungsional"),
    "p2upd-muda": ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda", "fungsional"),
    "p2upd-pertama": ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama", "fungsional"),
    "penguji-kb-pertama": ("Penguji Kendaraan Bermotor Ahli Pertama", "fungsional"),
    "penguji-kb-terampil": ("Penguji Kendaraan Bermotor Terampil", "fungsional"),
    "guru-muda": ("Guru Ahli Muda", "fungsional"),
    "guru-pertama": ("Guru Ahli Pertama", "fungsional"),
    "penilik-muda": ("Penilik Ahli Muda", "fungsional"),
    "pamong-pertama": ("Pamong Belajar Ahli Pertama", "fungsional"),
    "pengawas-sekolah-muda": ("Pengawas Sekolah Ahli Muda", "fungsional"),
    "epid-muda": ("Epidemiolog Kesehatan Ahli Muda", "fungsional"),
    "epid-pertama": ("Epidemiolog Kesehatan Ahli Pertama", "fungsional"),
    "sanitasi-pertama": ("Tenaga Sanitasi Lingkungan Ahli Pertama", "fungsional"),
    "sanitasi-terampil": ("Tenaga Sanitasi Lingkungan Terampil", "fungsional"),
    "promkes-muda": ("Penyuluh Kesehatan Masyarakat Ahli Muda", "fungsional"),
    "promkes-pertama": ("Penyuluh Kesehatan Masyarakat Ahli Pertama", "fungsional"),
    "nutrisionis-pertama": ("Nutrisionis Ahli Pertama", "fungsional"),
    "nutrisionis-terampil": ("Nutrisionis Terampil", "fungsional"),
    "adminkes-muda": ("Administrator Kesehatan Ahli Muda", "fungsional"),
    "dokter-muda": ("Dokter Ahli Muda", "fungsional"),
    "dokter-pertama": ("Dokter Ahli Pertama", "fungsional"),
    "dokter-gigi-pertama": ("Dokter Gigi Ahli Pertama", "fungsional"),
    "perawat-muda": ("Perawat Ahli Muda", "fungsional"),
    "perawat-pertama": ("Perawat Ahli Pertama", "fungsional"),
    "perawat-terampil": ("Perawat Terampil", "fungsional"),
    "bidan-pertama": ("Bidan Ahli Pertama", "fungsional"),
    "bidan-terampil": ("Bidan Terampil", "fungsional"),
    "apoteker-pertama": ("Apoteker Ahli Pertama", "fungsional"),
    "ttk-terampil": ("Tenaga Teknis Kefarmasian Terampil", "fungsional"),
    "pranata-lab-terampil": ("Pranata Laboratorium Kesehatan Terampil", "fungsional"),
    "radiografer-terampil": ("Radiografer Terampil", "fungsional"),
    "perekam-medis-terampil": ("Perekam Medis Terampil", "fungsional"),
    "penyuluh-tani-muda": ("Penyuluh Pertanian Ahli Muda", "fungsional"),
    "penyuluh-tani-pertama": ("Penyuluh Pertanian Ahli Pertama", "fungsional"),
    "penyuluh-tani-terampil": ("Penyuluh Pertanian Terampil", "fungsional"),
    "popt-terampil": ("Pengendali Organisme Pengganggu Tumbuhan Terampil", "fungsional"),
    "pbt-pertama": ("Pengawas Benih Tanaman Ahli Pertama", "fungsional"),
    "medvet-pertama": ("Medik Veteriner Ahli Pertama", "fungsional"),
    "paravet-terampil": ("Paramedik Veteriner Terampil", "fungsional"),
    "polpp-pertama": ("Polisi Pamong Praja Ahli Pertama", "fungsional"),
    "polpp-terampil": ("Polisi Pamong Praja Terampil", "fungsional"),
    "bencana-pertama": ("Analis Kebencanaan Ahli Pertama", "fungsional"),
    "jalan-muda": ("Teknik Jalan dan Jembatan Ahli Muda", "fungsional"),
    "jalan-pertama": ("Teknik Jalan dan Jembatan Ahli Pertama", "fungsional"),
    "pengairan-muda": ("Teknik Pengairan Ahli Muda", "fungsional"),
    "pengairan-pertama": ("Teknik Pengairan Ahli Pertama", "fungsional"),
    "bangunan-pertama": ("Teknik Tata Bangunan dan Perumahan Ahli Pertama", "fungsional"),
    "penata-ruang-muda": ("Penata Ruang Ahli Muda", "fungsional"),
    "penata-ruang-pertama": ("Penata Ruang Ahli Pertama", "fungsional"),
    "psm-pertama": ("Penggerak Swadaya Masyarakat Ahli Pertama", "fungsional"),
    "statistisi-pertama": ("Statistisi Ahli Pertama", "fungsional"),
    "penata-lo": ("Penata Layanan Operasional", "pelaksana"),
    "pengelola-lo": ("Pengelola Layanan Operasional", "pelaksana"),
    "operator-lo": ("Operator Layanan Operasional", "pelaksana"),
    "pengadm": ("Pengadministrasi Perkantoran", "pelaksana"),
    "penelaah": ("Penelaah Teknis Kebijakan", "pelaksana"),
}
# JF positions created by penyetaraan jabatan (former eselon IV, 31 December 2021)
PENYETARAAN = {"ak-muda", "perencana-muda", "adminkes-muda", "analis-sdm-muda", "analis-keu-muda"}
FEMALE_LEANING = {"bidan-pertama", "bidan-terampil", "perawat-terampil", "nutrisionis-pertama"}

Head = tuple[str, str, str, str, str | None]  # position key, name, grade, role, tugas_tambahan


def parse_staff(spec: str) -> list[tuple[str, int]]:
    """ "ak-muda:1 penata-lo:2" -> [("ak-muda", 1), ("penata-lo", 2)]."""
    out = []
    for part in spec.split():
        key, _, count = part.partition(":")
        if key not in JAB:
            raise KeyError(f"unknown jabatan {key!r}")
        out.append((key, int(count or 1)))
    return out


# --- The builder ----------------------------------------------------------------------------------


@dataclass
class Dates:
    """The calendar of one regency's sample work."""

    target: tuple[str, str]  # yearly targets
    team: tuple[str, str]  # teams and individual assignments, running over the as-of date
    joined: tuple[str, str]  # members who join a running team later (cross-unit)
    done: tuple[str, str, str]  # a completed target: start, end, accepted
    report: str  # reports on running work
    placement: str  # decree date and start of the kedudukan decrees


@dataclass
class UnitMeta:
    work: tuple[str, str, str]  # first target, its team name, second target
    staff: list[str] = field(default_factory=list)  # JF/pelaksana employee ids, heads excluded


class Builder:
    """One regency: its records grouped per file, with the indexes the generator needs."""

    def __init__(
        self, prefix: str, law: str, header: Record, names: Names, dates: Dates, decree: Callable[[int], str]
    ) -> None:
        self.prefix = prefix
        self.law = law  # "tl" or "gy": whose mechanics the letters and assessors follow
        self.header = header
        self.names = names
        self.nips = Nips()
        self.dates = dates
        self.decree = decree  # kedudukan decree number for the n-th OPD
        self.files: dict[str, dict[str, list[Record]]] = {}
        self.file_of: dict[str, str] = {}  # record id -> file stem
        self.kind_of: dict[str, str] = {}  # record id -> collection
        self.opds: dict[str, Record] = {}
        self.opd_code: dict[str, str] = {}
        self.units: dict[str, Record] = {}
        self.meta: dict[str, UnitMeta] = {}
        self.positions: dict[str, Record] = {}
        self.employees: dict[str, Record] = {}
        self.holder: dict[str, str] = {}  # structural or head position -> employee
        self.assessor_of: dict[str, str] = {}  # employee -> assessor (from placements)
        self.override: dict[str, str] = {}  # employee -> assessor, set before placements are made
        self.records: dict[str, Record] = {}
        self.targets_of: dict[str, list[str]] = defaultdict(list)  # unit -> targets
        self.work_of: dict[str, list[str]] = defaultdict(list)  # employee -> assignments
        self.letters_of: dict[str, dict[str, str]] = defaultdict(dict)  # assignment -> kind -> letter
        self.reports_of: dict[str, list[str]] = defaultdict(list)  # assignment -> reports
        self.counters: dict[tuple[str, str], int] = defaultdict(int)
        self.letter_no = 0

    # --- records and ids ---

    def new_id(self, scope: str, tag: str, width: int = 3) -> str:
        self.counters[scope, tag] += 1
        return f"{scope}-{tag}{self.counters[scope, tag]:0{width}d}"

    def add(self, file: str, collection: str, rec: Record) -> Record:
        rid = rec["id"]
        root_unit = collection == "units" and rec.get("opd") == rid
        if rid in self.records and not root_unit:
            raise ValueError(f"duplicate id {rid}")
        rec = clean(rec)
        self.files.setdefault(file, {c: [] for c in COLLECTIONS})[collection].append(rec)
        if not root_unit:
            self.records[rid] = rec
            self.file_of[rid] = file
            self.kind_of[rid] = collection
        return rec

    def remove(self, rid: str) -> None:
        rec = self.records.pop(rid)
        self.files[self.file_of[rid]][self.kind_of[rid]].remove(rec)

    # --- structure ---

    def opd(
        self, key: str, name: str, kind: str, code: str, type_: str | None = None, parent: str | None = None
    ) -> str:
        oid = f"{self.prefix}-{key}"
        n = len(self.opds) + 1
        regency = "Tanah Laut" if self.law == "tl" else "Gianyar"
        rec = self.add(
            key,
            "opds",
            {
                "id": oid,
                "name": name,
                "kind": kind,
                "type": type_,
                "parent": parent,
                "business_process": {
                    "decree": f"Keputusan Bupati {regency} Nomor 100.3.3.2/{40 + n:03d}/2024",
                    "decree_by": "bupati",
                    "maps_reviewed": list(MAPS),
                },
            },
        )
        self.opds[oid] = rec
        self.opd_code[oid] = code
        return oid

    def unit(
        self,
        opd: str,
        key: str | None,
        name: str,
        kind: str,
        parent: str | None,
        head: Head,
        independent: bool = False,
        work: tuple[str, str, str] | None = None,
    ) -> str:
        uid = opd if key is None else f"{opd}-{key}"
        pos_key, pos_name, grade, role, tugas = head
        pid = f"{opd}-{pos_key}"
        rec = {
            "id": uid,
            "opd": opd,
            "name": name,
            "kind": kind,
            "parent": parent,
            "head": pid,
            "independent": True if independent else None,
        }
        self.units[uid] = self.add(self.file(opd), "units", rec)
        self.meta[uid] = UnitMeta(
            work
            or (f"Laporan kinerja {name} 2024", f"Tim Kerja {name}", f"Standar operasional prosedur {name}")
        )
        self.position(opd, pid, pos_name, grade, uid, role, tugas)
        self.holder[pid] = self.employee(opd, pid, uid, female=len(self.units) % 3 == 0)
        return uid

    def position(
        self,
        opd: str,
        pid: str,
        name: str,
        grade: str,
        unit: str,
        role: str | None = None,
        tugas: str | None = None,
        penyetaraan: Record | None = None,
    ) -> str:
        rec = {
            "id": pid,
            "name": name,
            "grade": grade,
            "unit": unit,
            "role": role,
            "tugas_tambahan": tugas,
            "penyetaraan": penyetaraan,
        }
        self.positions[pid] = self.add(self.file(opd), "positions", rec)
        return pid

    def employee(self, opd: str, pid: str, unit: str, female: bool) -> str:
        grade = self.positions[pid]["grade"]
        eid = self.new_id(opd, "e")
        rec = {
            "id": eid,
            "nip": self.nips.make(grade, female),
            "name": self.names.next(female),
            "position": pid,
            "unit": unit,
        }
        self.employees[eid] = self.add(self.file(opd), "employees", rec)
        return eid

    def external(self, opd: str, instansi: str, female: bool = False) -> str:
        """Staff of another agency: no position, unit or placement in this regency's data."""
        eid = self.new_id(opd, "x", 2)
        rec = {
            "id": eid,
            "nip": self.nips.make("fungsional", female),
            "name": self.names.next(female),
            "instansi": instansi,
        }
        self.employees[eid] = self.add(self.file(opd), "employees", rec)
        return eid

    def staff(self, unit: str, spec: str) -> list[str]:
        opd = self.units[unit]["opd"]
        out = []
        for key, count in parse_staff(spec):
            name, grade = JAB[key]
            pid = f"{unit}-{key}"
            if pid not in self.positions:
                pen = None
                if key in PENYETARAAN:
                    sebutan = "penanggungjawab_tupoksi" if self.law == "tl" else "sub_koordinator"
                    pen = Flow(date="2021-12-31", sebutan=sebutan)
                self.position(opd, pid, name, grade, unit, penyetaraan=pen)
            for _ in range(count):
                n = len(self.employees)
                female = key in FEMALE_LEANING or n % 5 in (1, 3)
                eid = self.employee(opd, pid, unit, female)
                self.meta[unit].staff.append(eid)
                out.append(eid)
        return out

    def file(self, opd: str) -> str:
        return opd.removeprefix(f"{self.prefix}-")

    # --- who is who ---

    def puo(self, unit: str) -> str:
        """The Pimpinan Unit Organisasi: the holder of the unit's head position."""
        return self.holder[self.units[unit]["head"]]

    def opd_head(self, opd: str) -> str:
        return self.puo(opd)

    def opd_of(self, unit: str) -> Record:
        return self.opds[self.units[unit]["opd"]]

    def grade(self, emp: str) -> str:
        return str(self.positions[self.employees[emp]["position"]]["grade"])

    def below(self, unit: str, ancestor: str) -> bool:
        cur: str | None = unit
        while cur is not None:
            if cur == ancestor:
                return True
            cur = self.units[cur].get("parent")
        return False

    def staff_assessor(self, unit: str) -> str:
        """The Pejabat Penilai Kinerja of JF/pelaksana sitting in `unit`, by the regulation."""
        u, o = self.units[unit], self.opd_of(unit)
        kind, ukind = o["kind"], u["kind"]
        if u.get("independent"):
            return self.puo(unit)  # TL Pasal 8 ayat (4)-(5); GY Lampiran I.2
        if self.law == "gy":
            if kind == "sekretariat_daerah" and ukind == "bagian":
                return self.puo(unit)  # Lampiran A: Kepala Bagian
            if kind == "rsud" and ukind == "bidang":
                return self.puo(unit)  # Lampiran D: Kepala Bidang
            if kind in (
                "sekretariat_dprd",
                "inspektorat",
                "dinas",
                "badan",
                "kecamatan",
                "kelurahan",
                "uptd",
            ):
                return self.opd_head(o["id"])  # Lampiran B, C, E, F, G, H, I.1
        else:
            if kind in ("sekretariat_daerah", "sekretariat_dprd") and ukind == "bagian":
                return self.puo(unit)  # Lampiran I.2, I.3: Kepala Bagian
            if kind in ("dinas", "badan", "inspektorat", "satpol_pp", "kesbangpol"):
                if ukind == "bidang" or (ukind == "sekretariat" and o.get("type") == "model_4"):
                    return self.puo(unit)  # Lampiran I.1, I.5
                if ukind == "inspektur_pembantu":
                    return self.opd_head(o["id"])  # Pasal 8 ayat (1): under the Inspektur
                if ukind == "uptd":
                    return self.staff_assessor(u["parent"])  # by the parent OPD: its Kepala Bidang
            if kind == "bpbd" and ukind == "seksi":
                return self.puo(unit)  # Lampiran I.4: Kepala Seksi
            if kind in ("kecamatan", "rsud") and self.grade(self.puo(unit)) == "pengawas":
                return self.puo(unit)  # Pasal 8 ayat (3): a pengawas
        raise ValueError(f"no assessor rule for staff of {unit}")

    def assessor(self, emp: str) -> str:
        return self.assessor_of[emp]

    def staff_of(self, unit: str) -> list[str]:
        """The JF/pelaksana of a unit (its head excluded), in the order they were created."""
        return self.meta[unit].staff

    def team_of(self, unit: str) -> str:
        """The first team owned by a unit."""
        teams = self.files[self.file(self.units[unit]["opd"])]["teams"]
        return next(r["id"] for r in teams if r["unit"] == unit)

    def jab_name(self, emp: str) -> str:
        pid = self.employees[emp].get("position")
        return str(self.positions[pid]["name"]) if pid else "Kompetensi teknis sesuai jabatan fungsional"

    def scope(self, emp: str, owner: str) -> str:
        e = self.employees[emp]
        if e.get("instansi"):
            return "lintas_instansi"
        if e["unit"] == owner:
            return "dalam_unit"
        if self.units[e["unit"]]["opd"] == self.units[owner]["opd"]:
            return "lintas_unit"
        return "lintas_perangkat_daerah"

    # --- kedudukan ---

    def place_all(self) -> None:
        """One placement per JF/pelaksana, set by the Bupati in one decree per OPD."""
        start = self.dates.placement
        for n, oid in enumerate(self.opds, start=1):
            decree = self.decree(n)
            for eid, e in self.employees.items():
                if (
                    e.get("instansi")
                    or self.units[e["unit"]]["opd"] != oid
                    or self.grade(eid) not in STAFF_GRADES
                ):
                    continue
                if eid in self.override:
                    assessor = self.override[eid]
                elif self.holder.get(e["position"]) == eid:  # a JF heading a unit: under the unit above
                    assessor = self.staff_assessor(self.units[e["unit"]]["parent"])
                else:
                    assessor = self.staff_assessor(e["unit"])
                self.assessor_of[eid] = assessor
                self.add(
                    self.file(oid),
                    "placements",
                    {
                        "id": self.new_id(oid, "kd"),
                        "employee": eid,
                        "unit": e["unit"],
                        "assessor": assessor,
                        "decree": decree,
                        "decree_date": start,
                        "set_by": "pejabat_pembina_kepegawaian",
                        "start": start,
                    },
                )

    # --- work ---

    def target(
        self, unit: str, title: str, period: tuple[str, str] | None = None, completed: str | None = None
    ) -> str:
        """A target; `completed` is the acceptance date, accepted by the official the regulation names."""
        opd = self.units[unit]["opd"]
        start, end = period or self.dates.target
        tid = self.new_id(opd, "t", 2)
        rec: Record = {
            "id": tid,
            "unit": unit,
            "title": title,
            "start": start,
            "end": end,
            "status": "completed" if completed else "in_progress",
        }
        if completed:
            rec["accepted_by"] = self.acceptor(unit)
            rec["accepted_date"] = completed
            rec["reviewed_by"] = self.review_chain(unit)
        self.add(self.file(opd), "targets", rec)
        self.targets_of[unit].append(tid)
        return tid

    def acceptor(self, unit: str) -> str:
        """TL Lampiran II.A.1.3 huruf b: the head of the unit. GY Lampiran A-I huruf c: by OPD kind."""
        if self.law == "tl":
            return self.puo(unit)
        o = self.opd_of(unit)
        if self.units[unit].get("independent"):
            raise ValueError(f"{unit}: GY names no acceptor for a unit led by a JF inside a Dinas")
        if o["kind"] == "badan":
            if self.units[unit]["kind"] != "bidang":
                raise ValueError(f"{unit}: a Badan's results are accepted by a Kepala Bidang (Lampiran F)")
            return self.puo(unit)
        return self.opd_head(o["id"])

    def review_chain(self, unit: str) -> list[str] | None:
        """GY Lampiran A-F huruf c: the heads who review a result on its way up, e.g. Kepala Bagian ->
        Asisten -> Sekda, Kepala Bidang -> Wakil Direktur -> Direktur, Kepala Bidang -> Kepala Dinas.
        In a Badan the Kepala Bidang reviews and accepts (Lampiran F); Camat, Lurah and Kepala UPTD
        review what they accept, so no chain is recorded there."""
        if self.law != "gy":
            return None
        kind = self.opd_of(unit)["kind"]
        if kind == "badan":
            return [self.puo(unit)]
        if kind not in (
            "sekretariat_daerah",
            "inspektorat",
            "sekretariat_dprd",
            "rsud",
            "dinas",
            "satpol_pp",
        ):
            return None
        chain, cur = [], unit
        while cur is not None:
            chain.append(self.puo(cur))
            cur = self.units[cur].get("parent")
        return chain

    def team(self, unit: str, name: str, target: str, ketua: str, members: Iterable[str]) -> str:
        opd = self.units[unit]["opd"]
        start, end = self.dates.team
        tid = self.new_id(opd, "tim", 2)
        rec = {
            "id": tid,
            "name": name,
            "unit": unit,
            "target": target,
            "start": start,
            "end": end,
            "members": [{"employee": ketua, "role": "ketua", "appointed_by": self.puo(unit)}],
        }
        self.add(self.file(opd), "teams", rec)
        self.assign(ketua, team=tid, start=start, end=end)
        for emp in members:
            self.join(tid, emp, start=start)
        return tid

    def join(
        self,
        team: str,
        emp: str,
        method: str = "penunjukan",
        start: str | None = None,
        competencies: list[str] | None = None,
    ) -> str:
        rec = self.records[team]
        rec["members"].append({"employee": emp, "role": "anggota"})
        start = start or self.dates.joined[0]
        return self.assign(
            emp, team=team, method=method, start=start, end=rec["end"], competencies=competencies
        )

    def ketua(self, team: str) -> str:
        return next(m["employee"] for m in self.records[team]["members"] if m["role"] == "ketua")

    def appointer(self, emp: str, owner: str, method: str, scope: str) -> str:
        if method == "pengajuan_sukarela":
            # inside the unit the PUO approves (Lampiran II.B.1 / 2.b.a); across units the
            # employee's own assessor approves last (Lampiran II.B.2 huruf c / 2.b.b)
            if scope == "dalam_unit" or emp not in self.assessor_of:
                return self.puo(owner)
            return self.assessor(emp)
        if self.law == "tl":
            return self.puo(owner)  # Pasal 12 ayat (1), Pasal 13
        return self.staff_assessor(owner)  # GY Lampiran angka 2 huruf d: the assessor, on the PUO's proposal

    def assign(
        self,
        emp: str,
        *,
        target: str | None = None,
        team: str | None = None,
        method: str = "penunjukan",
        purpose: str = "kinerja_unit",
        start: str | None = None,
        end: str | None = None,
        status: str = "active",
        reason: str | None = None,
        competencies: list[str] | None = None,
        report: str | None = None,
    ) -> str:
        """An assignment with the letters its method and scope need, and the assignee's report."""
        if team and not target:
            target = self.records[team].get("target")
        owner = self.records[target]["unit"] if target else self.records[str(team)]["unit"]
        opd = self.units[owner]["opd"]
        start = start or self.dates.team[0]
        end = end or self.dates.team[1]
        scope = self.scope(emp, owner)
        aid = self.new_id(opd, "a")
        self.add(
            self.file(opd),
            "assignments",
            {
                "id": aid,
                "employee": emp,
                "target": target,
                "team": team,
                "method": method,
                "scope": scope,
                "purpose": purpose,
                "appointed_by": None if status == "refused" else self.appointer(emp, owner, method, scope),
                "start": start,
                "end": end,
                "status": status,
            },
        )
        self.work_of[emp].append(aid)
        self.letters(aid, emp, owner, method, scope, purpose, start, end, status, reason, competencies)
        if status in ("active", "completed"):
            # an anggota reports to the ketua (TL Pasal 23 (3), GY Pasal 9 (3)); a ketua or an
            # individual assignee to the owning unit's PUO (TL Pasal 23 (1)-(2), GY Pasal 9 (2), (4))
            to = self.ketua(team) if team and self.ketua(team) != emp else self.puo(owner)
            date = report or (end if status == "completed" else self.dates.report)
            rid = self.new_id(opd, "r")
            self.add(
                self.file(opd),
                "reports",
                {
                    "id": rid,
                    "from": emp,
                    "to": to,
                    "target": None if team else target,
                    "team": team,
                    "assignment": aid,
                    "date": date,
                },
            )
            self.reports_of[aid].append(rid)
        return aid

    # --- letters ---

    def letter(self, aid: str, kind: str, date: str, frm: Any, to: Any, **fields: Any) -> str:
        owner_opd = f"{self.prefix}-{self.file_of[aid]}"
        code = fields.pop("code", "Prov")
        if isinstance(frm, str) and self.employees[frm].get("unit"):
            code = self.opd_code[self.units[self.employees[frm]["unit"]]["opd"]]
        self.letter_no += 1
        klass = "094" if kind == "surat_penugasan" else "800.1.11"
        lid = self.new_id(owner_opd, "s")
        cc = [c for c in fields.pop("cc", []) if c not in (frm, to)]
        rec = {
            "id": lid,
            "kind": kind,
            "number": f"{klass}/{self.letter_no:03d}/{code}/{date[:4]}",
            "date": date,
            "assignment": aid,
            "in_reply_to": fields.pop("in_reply_to", None),
            "from": frm,
            "to": to,
            "cc": list(dict.fromkeys(cc)) or None,
            "signed_by": fields.pop("signed_by", None),
            "drafted_by": fields.pop("drafted_by", None),
            "medium": "paper" if self.letter_no % 9 == 0 else "electronic",
            **fields,
        }
        self.add(self.file(owner_opd), "letters", rec)
        self.letters_of[aid][kind if kind not in self.letters_of[aid] else f"{kind}-2"] = lid
        return lid

    def request_content(self, aid: str, competencies: list[str] | None, start: str, end: str) -> Record:
        """Pasal 18 (TL) / Lampiran angka 2 (GY): purpose, competencies, expected target, duration."""
        a = self.records[aid]
        title = self.records[a["target"]]["title"] if a.get("target") else self.records[a["team"]]["name"]
        where = f" dalam {self.records[a['team']]['name']}" if a.get("team") else ""
        return {
            "purpose": f"Pelibatan pejabat fungsional/pelaksana{where} guna mencapai target {title}",
            "competencies": competencies or [self.jab_name(a["employee"])],
            "expected_target": f"Kontribusi terukur pada target {title} sampai akhir masa penugasan",
            "duration": Flow(start=start, end=end),
        }

    def letters(
        self,
        aid: str,
        emp: str,
        owner: str,
        method: str,
        scope: str,
        purpose: str,
        start: str,
        end: str,
        status: str,
        reason: str | None,
        competencies: list[str] | None,
    ) -> None:
        decision = "refuse" if status == "refused" else "approve"
        verdict = {"decision": decision, "reason": reason if decision == "refuse" else None}
        own_puo = self.puo(owner)
        if scope == "dalam_unit":
            signer = str(self.records[aid]["appointed_by"])
            if purpose == "angka_kredit":  # TL Pasal 17 ayat (2): the PUO's approval
                self.letter(
                    aid, "persetujuan", day(start, -7), own_puo, emp, signed_by=own_puo, decision="approve"
                )
            self.letter(
                aid, "surat_penugasan", day(start, -3), signer, emp, signed_by=signer, drafted_by=signer
            )
            return
        content = self.request_content(aid, competencies, start, end)
        if scope == "lintas_instansi":
            self.cross_instansi(aid, emp, owner, start, content)
            return
        emp_puo, emp_assessor = self.puo(self.employees[emp]["unit"]), self.assessor(emp)
        if method == "pengajuan_sukarela":
            req = self.letter(
                aid,
                "permohonan_sukarela",
                day(start, -21),
                emp,
                own_puo,
                cc=[emp_assessor, emp_puo],
                **content,
            )
            self.letter(aid, "jawaban", day(start, -14), own_puo, emp, in_reply_to=req, **verdict)
            if decision == "refuse":
                return
            self.letter(
                aid,
                "persetujuan",
                day(start, -10),
                emp_assessor,
                emp,
                in_reply_to=req,
                cc=[emp_puo, own_puo],
                signed_by=emp_assessor,
                decision="approve",
            )
            if self.law == "tl":  # Lampiran II.B.2 huruf c: drafted by the employee, to the owning PUO
                self.letter(
                    aid,
                    "surat_penugasan",
                    day(start, -5),
                    emp_assessor,
                    own_puo,
                    cc=[emp],
                    signed_by=emp_assessor,
                    drafted_by=emp,
                )
            else:  # Lampiran angka 2.b.b): the assessor drafts it
                self.letter(
                    aid,
                    "surat_penugasan",
                    day(start, -5),
                    emp_assessor,
                    emp,
                    cc=[own_puo, emp_puo],
                    signed_by=emp_assessor,
                    drafted_by=emp_assessor,
                )
            return
        if self.law == "tl":
            # Pasal 14: request to the PUO where the employee sits, who answers after the
            # assessor's recommendation; the employee drafts the surat penugasan, that PUO signs it
            req = self.letter(
                aid, "permohonan_pelibatan", day(start, -21), own_puo, emp_puo, cc=[emp_assessor], **content
            )
            self.letter(
                aid,
                "rekomendasi",
                day(start, -14),
                emp_assessor,
                emp_puo if emp_puo != emp_assessor else own_puo,
                in_reply_to=req,
            )
            self.letter(aid, "jawaban", day(start, -10), emp_puo, own_puo, in_reply_to=req, **verdict)
            if decision == "approve":
                self.letter(
                    aid,
                    "surat_penugasan",
                    day(start, -5),
                    emp_puo,
                    emp,
                    cc=[own_puo, emp_assessor],
                    signed_by=emp_puo,
                    drafted_by=emp,
                )
            return
        # GY Lampiran angka 2.a.i: request to the assessor where the employee sits (copy to the
        # assessors concerned), recommendation of the employee's PUO, the assessor drafts and signs
        req = self.letter(
            aid,
            "permohonan_pelibatan",
            day(start, -21),
            own_puo,
            emp_assessor,
            cc=[emp_assessor, self.staff_assessor(owner)],
            **content,
        )
        self.letter(
            aid,
            "rekomendasi",
            day(start, -14),
            emp_puo,
            emp_assessor if emp_puo != emp_assessor else own_puo,
            in_reply_to=req,
        )
        self.letter(aid, "jawaban", day(start, -10), emp_assessor, own_puo, in_reply_to=req, **verdict)
        if decision == "approve":
            self.letter(
                aid,
                "surat_penugasan",
                day(start, -5),
                emp_assessor,
                emp,
                cc=[own_puo, emp_puo],
                signed_by=emp_assessor,
                drafted_by=emp_assessor,
            )

    def cross_instansi(self, aid: str, emp: str, owner: str, start: str, content: Record) -> None:
        """TL Pasal 15, GY Lampiran angka 2.a.ii: through the Pejabat yang Berwenang of both agencies."""
        own_puo, pb = self.puo(owner), self.header["pejabat_berwenang"]
        # copy to the Pejabat Penilai Kinerja on the requesting side: the assessor of the owning
        # unit's staff, or (where the PUO is that assessor) the PUO's own superior, the OPD head
        side = self.staff_assessor(owner)
        cc = side if side != own_puo else self.opd_head(self.units[owner]["opd"])
        other = Flow(instansi=self.employees[emp]["instansi"], role="pejabat_berwenang")
        code = {"pemprov-kalsel": "Dinkes-Prov", "pemprov-bali": "Dinkes-Prov"}.get(other["instansi"], "Prov")
        first = self.letter(aid, "permohonan_pelibatan", day(start, -28), own_puo, pb, cc=[cc], **content)
        second = self.letter(
            aid,
            "permohonan_pelibatan",
            day(start, -21),
            pb,
            other,
            in_reply_to=first,
            cc=[own_puo, cc],
            **content,
        )
        self.letter(
            aid, "jawaban", day(start, -10), other, pb, in_reply_to=second, decision="approve", code=code
        )
        self.letter(aid, "surat_penugasan", day(start, -5), other, emp, cc=[pb, own_puo], code=code)

    # --- routine work of every unit ---

    def team_allowed(self, unit: str) -> bool:
        """TL Pasal 21 ayat (3): no filled pengawas position below the unit's head, so a JF may lead."""
        if self.law != "tl":
            return True
        head = self.units[unit]["head"]
        for pid, pos in self.positions.items():
            if (
                pos["grade"] == "pengawas"
                and pid != head
                and pid in self.holder
                and self.below(pos["unit"], unit)
            ):
                return False
        return True

    def routine(self) -> None:
        """Per unit with staff: a yearly target worked by a team (or individuals), and a second target
        worked individually; the first suitable unit of each OPD has its second target completed."""
        completed_in: set[str] = set()
        t0, t1 = self.dates.team
        d0, d1, accepted = self.dates.done
        for uid, meta in self.meta.items():
            staff = meta.staff
            if not staff:
                continue
            title1, team_name, title2 = meta.work
            opd = self.units[uid]["opd"]
            first = self.target(uid, title1)
            done = opd not in completed_in and self.can_complete(uid)
            second = self.target(
                uid, title2, period=(d0, d1) if done else None, completed=accepted if done else None
            )
            if done:
                completed_in.add(opd)
            if len(staff) >= 3 and self.team_allowed(uid):
                self.team(uid, team_name, first, staff[0], staff[1:3])
                solo = staff[3 % len(staff)]
            else:
                self.assign(staff[0], target=first, start=t0, end=t1)
                solo = staff[1 % len(staff)]
            if done:
                self.assign(solo, target=second, start=d0, end=d1, status="completed")
            else:
                self.assign(solo, target=second, start=t0, end=t1)

    def can_complete(self, unit: str) -> bool:
        if self.law == "tl":
            return True
        u, kind = self.units[unit], self.opd_of(unit)["kind"]
        if u.get("independent"):
            return False
        if kind == "badan" or kind in ("sekretariat_daerah", "rsud"):
            return u["kind"] in ("bidang", "bagian")
        return True

    def own_unit_first(self, skip: Iterable[str] = ()) -> None:
        """TL Pasal 20: work in other units is additional, so whoever has it also works at home."""
        skip = set(skip)
        for emp in list(self.work_of):
            e = self.employees[emp]
            if emp in skip or e.get("instansi"):
                continue
            live = [a for a in self.work_of[emp] if self.records[a]["status"] in ("active", "completed")]
            away = [a for a in live if self.records[a]["scope"] != "dalam_unit"]
            home = [a for a in live if self.records[a]["scope"] == "dalam_unit"]
            if away and not home:
                unit = e["unit"]
                if not self.targets_of[unit]:
                    self.target(unit, self.meta[unit].work[0])
                self.assign(emp, target=self.targets_of[unit][0])

    def finish(self) -> None:
        shared = list(self.header.get("spbe_shared_applications") or [])
        extra = {"rsud": ["simrs"], "puskesmas": ["simpus"], "sekolah": ["dapodik"]}
        for uid, u in self.units.items():
            kind = self.opd_of(uid)["kind"] if u["kind"] == "opd" else u["kind"]
            u["applications"] = shared + extra.get(kind, []) + (["simpeg"] if "bkpsdm" in uid else [])

    # --- output ---

    def write(self, folder: Path, readme: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for old in [*folder.glob("*.yaml"), *folder.glob("*.md")]:
            old.unlink()
        banner = "# Generated by scripts/make_sample_data.py; edit the script, not this file.\n"
        (folder / "regency.yaml").write_text(banner + dump({"regency": self.header}), encoding="utf-8")
        for stem, collections in self.files.items():
            doc = {k: v for k, v in collections.items() if v}
            (folder / f"{stem}.yaml").write_text(banner + dump(doc), encoding="utf-8")
        (folder / "README.md").write_text(readme, encoding="utf-8")

    def counts(self) -> dict[str, int]:
        total: dict[str, int] = defaultdict(int)
        for collections in self.files.values():
            for name, recs in collections.items():
                total[name] += len(recs)
        return {name: total[name] for name in COLLECTIONS}


# --- Structure helpers --------------------------------------------------------------------------

Work = tuple[str, str, str]
BIDANG = ("kabid", "administrator", "kepala_bidang")
BAGIAN = ("kabag", "administrator", "kepala_bagian")
SEKSI = ("kasi", "pengawas", "kepala_seksi")


def row(text: str, cells: int = 6) -> list[str]:
    """A table row "key | unit name | staff | target | team | second target", split into its cells."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) != cells:
        raise ValueError(f"expected {cells} cells: {text!r}")
    return parts


def work_of(cells: list[str]) -> Work:
    """The last three cells of a row: first target, its team's name, second target."""
    first, team, second = cells[-3:]
    return (first, team, second)


def kepala(key: str, name: str, grade: str, role: str) -> Head:
    return (key, name, grade, role, None)


def children(
    b: Builder, opd: str, parent: str, kind: str, head: tuple[str, str, str], rows: list[str]
) -> None:
    """Units under `parent`, one per row, each headed by "Kepala <unit name>"; `head` is the head
    position's (key prefix, grade, role)."""
    prefix, grade, role = head
    for text in rows:
        cells = row(text)
        key, name, staff = cells[:3]
        head_pos = kepala(f"{prefix}-{key}", f"Kepala {name}", grade, role)
        uid = b.unit(opd, key, name, kind, parent, head_pos, work=work_of(cells))
        if staff:
            b.staff(uid, staff)


def led_by_jf(b: Builder, opd: str, parent: str, kind: str, jf: str, rows: list[str]) -> None:
    """Schools and puskesmas: units kerja mandiri led by a JF `jf` with tugas tambahan (Pasal 8 (4)-(5))."""
    tugas, prefix = {"sekolah": ("kepala_sekolah", "kepsek"), "puskesmas": ("kepala_puskesmas", "kapus")}[
        kind
    ]
    for text in rows:
        key, name, staff = row(text, 3)
        head = (f"{prefix}-{key.removeprefix('pkm-')}", f"{jf} (Kepala {name})", "fungsional", tugas, tugas)
        work = (f"Standar pelayanan minimal {name}", f"Tim Mutu {name}", f"Laporan kinerja {name} semester I")
        if kind == "sekolah":
            work = (f"Asesmen Nasional {name}", f"Tim Asesmen Nasional {name}", f"Rapor mutu {name}")
        b.staff(b.unit(opd, key, name, kind, parent, head, independent=True, work=work), staff)


def opd_with_root(
    b: Builder, key: str, name: str, kind: str, code: str, head: Head, type_: str | None = None,
    parent: str | None = None, work: Work | None = None,
) -> str:
    oid = b.opd(key, name, kind, code, type_, parent)
    b.unit(oid, None, name, "opd", None, head, work=work)
    return oid


def dinas_like(
    b: Builder, key: str, name: str, kind: str, code: str, bidang: list[str], *, type_: str | None = None,
    sekretariat: str = "", subbagian: bool = False,
) -> str:
    """A Dinas, Badan, Satpol PP or Kesbangpol: its head, a Sekretariat (with subbagian where the
    structure keeps them; staff only where the regulation places staff there), and Bidang.
    `sekretariat` is "staff | target | team | second target"."""
    head = kepala("kadis" if kind == "dinas" else "kepala", f"Kepala {name}", "jpt_pratama", "kepala_opd")
    o = opd_with_root(b, key, name, kind, code, head, type_)
    cells = row(sekretariat, 4) if sekretariat else []
    sek = b.unit(o, "sekretariat", f"Sekretariat {name}", "sekretariat", o,
                 kepala("sekretaris", f"Sekretaris {name}", "administrator", "sekretaris"),
                 work=work_of(cells) if cells else None)
    if subbagian:
        for skey, sname in (("umum", "Subbagian Umum dan Kepegawaian"), ("keuangan", "Subbagian Keuangan")):
            b.unit(o, f"subbag-{skey}", sname, "subbagian", sek,
                   kepala(f"kasubbag-{skey}", f"Kepala {sname}", "pengawas", "kepala_subbagian"))
    if cells and cells[0]:
        b.staff(sek, cells[0])
    children(b, o, o, "bidang", BIDANG, bidang)
    return o


def setda(b: Builder, asisten: list[tuple[str, str, list[str]]], type_: str | None) -> str:
    o = opd_with_root(b, "setda", "Sekretariat Daerah", "sekretariat_daerah", "Setda",
                      kepala("sekda", "Sekretaris Daerah", "jpt_madya", "sekda"), type_)
    for n, (key, name, bagian) in enumerate(asisten, start=1):
        a = b.unit(o, key, name, "asisten", o, kepala(f"asisten-{n}", name, "jpt_pratama", "asisten"))
        children(b, o, a, "bagian", BAGIAN, bagian)
    return o


def setwan(b: Builder, bagian: list[str], type_: str | None) -> str:
    o = opd_with_root(b, "setwan", "Sekretariat DPRD", "sekretariat_dprd", "Setwan",
                      kepala("sekwan", "Sekretaris DPRD", "jpt_pratama", "sekwan"), type_)
    children(b, o, o, "bagian", BAGIAN, bagian)
    return o


def inspektorat(b: Builder, type_: str | None, sekretariat: str, irban_staff: str) -> str:
    o = opd_with_root(b, "inspektorat", "Inspektorat Daerah", "inspektorat", "Itda",
                      kepala("inspektur", "Inspektur Daerah", "jpt_pratama", "inspektur"), type_)
    cells = row(sekretariat, 4)
    sek = b.unit(o, "sekretariat", "Sekretariat Inspektorat", "sekretariat", o,
                 kepala("sekretaris", "Sekretaris Inspektorat", "administrator", "sekretaris"),
                 work=work_of(cells))
    b.staff(sek, cells[0])
    for n, roman in enumerate(["I", "II", "III", "IV"], start=1):
        name = f"Inspektur Pembantu Wilayah {roman}"
        work = (f"Audit kinerja OPD Wilayah {roman} tahun 2024", f"Tim Audit Wilayah {roman}",
                f"Reviu laporan keuangan OPD Wilayah {roman}")
        head = kepala(f"irban-{n}", name, "administrator", "inspektur_pembantu")
        u = b.unit(o, f"wilayah-{n}", name, "inspektur_pembantu", o, head, work=work)
        b.staff(u, irban_staff)
    return o


SHARED_APPS = ["srikandi", "e-kinerja", "sipd"]
SEKRETARIAT_DINAS = (
    "perencana-pertama:1 analis-keu-pertama:1 penata-lo:1 pengadm:1 | Dokumen perencanaan dan evaluasi Dinas"
    " | Tim Perencanaan dan Pelaporan | Laporan keuangan Dinas semester I"
)
SEKRETARIAT_BADAN = SEKRETARIAT_DINAS.replace("Dinas", "Badan")


# --- Kabupaten Tanah Laut ---------------------------------------------------------------------------


def build_tanah_laut() -> Builder:
    header: Record = {
        "id": "tanah-laut",
        "name": "Kabupaten Tanah Laut",
        "province": "Kalimantan Selatan",
        "regulation": "perbup-tanah-laut-26-2024",
        "as_of": "2024-09-01",
        "instansi": "pemkab-tanah-laut",
        "pejabat_berwenang": None,  # the Sekda, set below
        "spbe_shared_applications": SHARED_APPS,
    }
    dates = Dates(
        target=("2024-01-02", "2024-12-31"),
        team=("2024-07-08", "2024-12-20"),
        joined=("2024-07-22", "2024-12-20"),
        done=("2024-06-10", "2024-08-16", "2024-08-23"),
        report="2024-08-30",
        placement="2024-07-01",
    )
    decree = lambda n: f"Keputusan Bupati Tanah Laut Nomor 800.1.3.3/{110 + n:03d}-BKPSDM/2024"  # noqa: E731
    b = Builder("tl", "tl", header, Names("banjar"), dates, decree)

    # Setda Tipe B: three Asisten, staff under the Kepala Bagian (Lampiran I.2)
    setda(b, [
        ("as1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", [
            "tapem | Bagian Tata Pemerintahan | ak-muda:1 ak-pertama:2 penata-lo:1 pengadm:1"
            " | Fasilitasi penegasan batas desa 2024 | Tim Penegasan Batas Desa"
            " | Laporan Penyelenggaraan Pemerintahan Daerah 2023",
            "kesra | Bagian Kesejahteraan Rakyat | ak-muda:1 ak-pertama:1 penata-lo:2 pengadm:1"
            " | Fasilitasi Musabaqah Tilawatil Quran tingkat kabupaten | Tim Fasilitasi MTQ"
            " | Data penerima bantuan sosial keagamaan",
            "hukum | Bagian Hukum | perancang-muda:1 analis-hukum-pertama:2 penata-lo:1 pengadm:1"
            " | Harmonisasi rancangan peraturan bupati 2024 | Tim Harmonisasi Produk Hukum"
            " | Jaringan Dokumentasi dan Informasi Hukum termutakhir",
        ]),
        ("as2", "Asisten Perekonomian dan Pembangunan", [
            "perekonomian | Bagian Perekonomian dan Sumber Daya Alam"
            " | ak-muda:1 ak-pertama:1 penelaah:2 pengadm:1"
            " | Pengendalian inflasi daerah | Tim Pengendalian Inflasi Daerah | Kajian kinerja BUMD 2023",
            "adpem | Bagian Administrasi Pembangunan | ak-muda:1 perencana-pertama:1 penelaah:2 pengadm:1"
            " | Pengendalian realisasi fisik dan keuangan APBD | Tim Pengendalian Pembangunan"
            " | Laporan evaluasi pelaksanaan pembangunan triwulan II",
            "pbj | Bagian Pengadaan Barang dan Jasa | pbj-muda:1 pbj-pertama:2 penata-lo:1 pengadm:1"
            " | Pendampingan pengadaan barang/jasa OPD | Tim Pendampingan Pengadaan"
            " | Katalog elektronik lokal Tanah Laut",
        ]),
        ("as3", "Asisten Administrasi Umum", [
            "umum | Bagian Umum | arsiparis-pertama:1 arsiparis-terampil:1 pengelola-lo:2 operator-lo:1"
            " | Penataan arsip dinamis Sekretariat Daerah | Tim Penataan Arsip"
            " | Inventarisasi barang milik daerah",
            "organisasi | Bagian Organisasi"
            " | ak-muda:1 analis-sdm-pertama:1 ak-pertama:1 penelaah:1 pengadm:1"
            " | Evaluasi kelembagaan perangkat daerah | Tim Evaluasi Kelembagaan"
            " | Peta proses bisnis Pemerintah Kabupaten",
            "prokopim | Bagian Protokol dan Komunikasi Pimpinan"
            " | humas-pertama:2 humas-terampil:1 penata-lo:1 operator-lo:1"
            " | Publikasi kegiatan pimpinan daerah | Tim Publikasi Pimpinan"
            " | Agenda protokoler HUT Kabupaten",
        ]),
    ], type_="tipe_b")
    b.header["pejabat_berwenang"] = b.opd_head("tl-setda")

    # Setwan Tipe B: staff under the Kepala Bagian (Lampiran I.3)
    setwan(b, [
        "umum-keuangan | Bagian Umum dan Keuangan"
        " | arsiparis-pertama:1 analis-keu-pertama:1 penata-lo:2 pengadm:1"
        " | Pengelolaan keuangan Sekretariat DPRD | Tim Pengelolaan Keuangan Setwan"
        " | Laporan keuangan semester I",
        "persidangan | Bagian Persidangan dan Perundang-undangan"
        " | perancang-muda:1 analis-hukum-pertama:1 penata-lo:2 pengadm:1"
        " | Fasilitasi pembahasan rancangan peraturan daerah | Tim Fasilitasi Persidangan"
        " | Risalah rapat paripurna DPRD",
        "fasilitasi | Bagian Fasilitasi Penganggaran dan Pengawasan"
        " | ak-muda:1 analis-keu-pertama:1 penelaah:2 pengadm:1"
        " | Fasilitasi pembahasan KUA-PPAS 2025 | Tim Fasilitasi Penganggaran | Laporan reses anggota DPRD",
    ], type_="tipe_b")

    # Inspektorat, pengawasan = Model 4: Sekretaris assesses its staff; auditors sit under the Inspektur
    inspektorat(b, "model_4",
                "arsiparis-pertama:1 perencana-pertama:1 penata-lo:1 pengadm:1"
                " | Laporan hasil pengawasan semester I"
                " | Tim Evaluasi Pelaporan Pengawasan | Program Kerja Pengawasan Tahunan 2025",
                "auditor-muda:1 auditor-pertama:2 p2upd-pertama:1")

    # Model 1 (perhubungan): the UPTD led by a pengawas sits under the Bidang LLAJ
    o = dinas_like(b, "dishub", "Dinas Perhubungan", "dinas", "Dishub", [
        "llaj | Bidang Lalu Lintas dan Angkutan Jalan"
        " | penguji-kb-pertama:1 penata-lo:2 pengadm:1 operator-lo:1"
        " | Manajemen rekayasa lalu lintas ruas Pelaihari | Tim Rekayasa Lalu Lintas"
        " | Izin trayek angkutan pedesaan",
        "sarpras | Bidang Sarana dan Prasarana | penata-lo:2 pengelola-lo:2 pengadm:1"
        " | Pemasangan rambu dan marka jalan kabupaten | Tim Perlengkapan Jalan"
        " | Pemeliharaan alat penerangan jalan",
        "pengembangan | Bidang Pengembangan Sistem Transportasi"
        " | ak-pertama:1 statistisi-pertama:1 penata-lo:2 pengadm:1"
        " | Kajian kebutuhan angkutan umum perkotaan | Tim Kajian Transportasi"
        " | Data statistik perhubungan 2023",
    ], type_="model_1", subbagian=True)
    children(b, o, f"{o}-llaj", "uptd", ("ka", "pengawas", "kepala_uptd"), [
        "uptd-pkb | UPTD Pengujian Kendaraan Bermotor | penguji-kb-terampil:3 pengadm:1"
        " | Pengujian berkala kendaraan bermotor wajib uji | Tim Uji Berkala"
        " | Akreditasi unit pelaksana uji berkala",
    ])

    # Model 2 (pendidikan): schools led by a guru with tugas tambahan kepala sekolah (Pasal 8 (5))
    o = dinas_like(b, "disdik", "Dinas Pendidikan", "dinas", "Disdik", [
        "sd | Bidang Pembinaan Sekolah Dasar | pengawas-sekolah-muda:1 ak-pertama:1 penata-lo:1 pengadm:1"
        " | Peningkatan mutu pembelajaran sekolah dasar | Tim Mutu Pembelajaran SD"
        " | Rapor pendidikan SD 2024",
        "smp | Bidang Pembinaan Sekolah Menengah Pertama"
        " | pengawas-sekolah-muda:1 ak-pertama:1 penata-lo:1 pengadm:1"
        " | Peningkatan mutu pembelajaran SMP | Tim Mutu Pembelajaran SMP | Rapor pendidikan SMP 2024",
        "paud | Bidang Pembinaan PAUD dan Pendidikan Nonformal"
        " | penilik-muda:1 pamong-pertama:1 penata-lo:1 pengadm:1"
        " | Perluasan layanan PAUD satu desa satu PAUD | Tim Perluasan PAUD | Data satuan PAUD dan PKBM",
        "gtk | Bidang Guru dan Tenaga Kependidikan | analis-sdm-pertama:1 ak-pertama:1 penata-lo:1 pengadm:1"
        " | Pemetaan kebutuhan guru 2025 | Tim Pemetaan Kebutuhan Guru | Usulan sertifikasi guru 2024",
    ], type_="model_2", subbagian=True)
    led_by_jf(b, o, f"{o}-sd", "sekolah", "Guru Ahli Madya", [
        "sdn1-pelaihari | SD Negeri 1 Pelaihari | guru-muda:3 guru-pertama:3 pengadm:1",
        "sdn2-angsau | SD Negeri 2 Angsau | guru-muda:2 guru-pertama:4 pengadm:1",
        "sdn1-bati-bati | SD Negeri 1 Bati-Bati | guru-muda:3 guru-pertama:3 operator-lo:1",
    ])
    led_by_jf(b, o, f"{o}-smp", "sekolah", "Guru Ahli Madya", [
        "smpn1-pelaihari | SMP Negeri 1 Pelaihari | guru-muda:4 guru-pertama:4 pengadm:1",
        "smpn2-pelaihari | SMP Negeri 2 Pelaihari | guru-muda:3 guru-pertama:4 operator-lo:1 pengadm:1",
    ])

    # Model 3 (kesehatan): puskesmas led by a dokter with tugas tambahan kepala puskesmas (Pasal 8 (4))
    o = dinas_like(b, "dinkes", "Dinas Kesehatan", "dinas", "Dinkes", [
        "kesmas | Bidang Kesehatan Masyarakat"
        " | promkes-muda:1 nutrisionis-pertama:2 sanitasi-pertama:1 pengadm:1"
        " | Prevalensi stunting turun menjadi 14% | Tim Percepatan Penurunan Stunting"
        " | Rencana aksi daerah percepatan penurunan stunting",
        "p2p | Bidang Pencegahan dan Pengendalian Penyakit"
        " | epid-muda:1 epid-pertama:2 sanitasi-terampil:1 pengadm:1"
        " | Incidence rate demam berdarah di bawah 10 per 100.000 penduduk | Tim Pengendalian Demam Berdarah"
        " | Cakupan imunisasi dasar lengkap 95%",
        "yankes | Bidang Pelayanan Kesehatan"
        " | adminkes-muda:1 dokter-muda:1 perawat-pertama:1 penata-lo:1 pengadm:1"
        " | Akreditasi seluruh puskesmas | Tim Pendampingan Akreditasi Puskesmas"
        " | Cakupan jaminan kesehatan nasional 98%",
        "sdk | Bidang Sumber Daya Kesehatan"
        " | apoteker-pertama:1 ttk-terampil:1 analis-sdm-pertama:1 penata-lo:1 pengadm:1"
        " | Ketersediaan obat esensial di puskesmas 95% | Tim Pengelolaan Obat"
        " | Perencanaan kebutuhan tenaga kesehatan",
    ], type_="model_3", subbagian=True)
    led_by_jf(b, o, f"{o}-yankes", "puskesmas", "Dokter Ahli Madya", [
        "pkm-pelaihari | UPTD Puskesmas Pelaihari | dokter-pertama:1 dokter-gigi-pertama:1 perawat-pertama:2"
        " bidan-terampil:3 ttk-terampil:1 pengadm:1 operator-lo:1",
        "pkm-bati-bati | UPTD Puskesmas Bati-Bati"
        " | dokter-pertama:1 perawat-terampil:2 bidan-terampil:3 sanitasi-terampil:1 pengadm:1",
    ])

    # Model 4 (pertanian): the Sekretaris assesses too (Lampiran I.1 huruf d)
    dinas_like(b, "dtph", "Dinas Tanaman Pangan dan Hortikultura", "dinas", "DTPH", [
        "tp | Bidang Tanaman Pangan"
        " | penyuluh-tani-muda:1 popt-terampil:1 pbt-pertama:1 penata-lo:1 pengadm:1"
        " | Produksi padi 320.000 ton gabah kering giling | Tim Peningkatan Produksi Padi"
        " | Data luas tanam padi 2024",
        "horti | Bidang Hortikultura | penyuluh-tani-pertama:2 popt-terampil:1 penata-lo:1 pengadm:1"
        " | Pengembangan kawasan cabai dan bawang merah | Tim Kawasan Hortikultura"
        " | Data produksi buah dan sayur",
        "psp | Bidang Prasarana dan Sarana Pertanian"
        " | pengairan-pertama:1 penata-lo:2 pengelola-lo:1 pengadm:1"
        " | Rehabilitasi jaringan irigasi tersier 1.200 ha | Tim Rehabilitasi Irigasi"
        " | Distribusi alsintan 2024",
        "penyuluhan | Bidang Penyuluhan"
        " | penyuluh-tani-muda:1 penyuluh-tani-pertama:2 penyuluh-tani-terampil:1 pengadm:1"
        " | Kelas kemampuan kelompok tani naik satu tingkat | Tim Penguatan Kelembagaan Petani"
        " | Programa penyuluhan pertanian 2025",
    ], type_="model_4", sekretariat=SEKRETARIAT_DINAS)

    # Model 3 Badan (kepegawaian, perencanaan)
    dinas_like(b, "bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", "BKPSDM", [
        "pengadaan | Bidang Pengadaan, Pemberhentian dan Informasi"
        " | analis-sdm-muda:1 prakom-pertama:1 penata-lo:1"
        " pengadm:1 | Seleksi CASN 2024 | Tim Seleksi CASN | Pemutakhiran data ASN di SIASN",
        "mutasi | Bidang Mutasi dan Promosi | analis-sdm-muda:1 analis-sdm-pertama:1 penata-lo:1 pengadm:1"
        " | Manajemen talenta ASN | Tim Manajemen Talenta | Usulan kenaikan pangkat periode Oktober",
        "pengembangan | Bidang Pengembangan Sumber Daya Manusia"
        " | asesor-sdm-pertama:1 analis-sdm-pertama:1 penata-lo:1 pengadm:1"
        " | Pemenuhan 20 jam pelajaran pengembangan kompetensi | Tim Pengembangan Kompetensi"
        " | Uji kompetensi JF 2024",
        "kinerja | Bidang Penilaian Kinerja Aparatur dan Penghargaan"
        " | analis-sdm-muda:1 prakom-terampil:1 penata-lo:1 pengadm:1"
        " | Penilaian kinerja ASN melalui e-Kinerja | Tim Pengelolaan Kinerja ASN"
        " | Usulan Satyalancana Karya Satya",
    ], type_="model_3", subbagian=True)
    dinas_like(b, "bappeda", "Badan Perencanaan Pembangunan Daerah", "badan", "Bappeda", [
        "ppm | Bidang Perencanaan Pemerintahan dan Pembangunan Manusia"
        " | perencana-muda:1 perencana-pertama:2 pengadm:1"
        " | Rencana Kerja Pemerintah Daerah 2025 bidang pembangunan manusia | Tim RKPD Pembangunan Manusia"
        " | Evaluasi RPJMD bidang pemerintahan",
        "ekonomi | Bidang Perekonomian dan Sumber Daya Alam"
        " | perencana-muda:1 perencana-pertama:1 statistisi-pertama:1 pengadm:1"
        " | Rencana Kerja Pemerintah Daerah 2025 bidang perekonomian | Tim RKPD Perekonomian"
        " | Kajian pertumbuhan ekonomi daerah",
        "infrawil | Bidang Infrastruktur dan Kewilayahan"
        " | perencana-muda:1 penata-ruang-pertama:1 perencana-pertama:1 pengadm:1"
        " | Rencana Kerja Pemerintah Daerah 2025 bidang infrastruktur | Tim RKPD Infrastruktur"
        " | Sinkronisasi program infrastruktur dengan RTRW",
        "litbang | Bidang Penelitian dan Pengembangan | perencana-pertama:2 statistisi-pertama:1 pengadm:1"
        " | Indeks inovasi daerah kategori sangat inovatif | Tim Inovasi Daerah"
        " | Kajian kebijakan pelayanan publik",
    ], type_="model_3", subbagian=True)

    # BPBD Tipe C: a Kepala Pelaksana; staff under the Kepala Seksi (Lampiran I.4)
    o = opd_with_root(b, "bpbd", "Badan Penanggulangan Bencana Daerah", "bpbd", "BPBD",
                      kepala("kalaksa", "Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
                             "administrator", "kepala_opd"), "tipe_c")
    children(b, o, o, "seksi", SEKSI, [
        "pk | Seksi Pencegahan dan Kesiapsiagaan | bencana-pertama:2 penata-lo:2 pengadm:1"
        " | Desa tangguh bencana di 10 desa | Tim Desa Tangguh Bencana | Kajian risiko bencana kabupaten",
        "kl | Seksi Kedaruratan dan Logistik | bencana-pertama:1 penata-lo:2 operator-lo:2"
        " | Kesiapsiagaan darurat kebakaran hutan dan lahan | Tim Reaksi Cepat Karhutla"
        " | Inventarisasi logistik kebencanaan",
        "rr | Seksi Rehabilitasi dan Rekonstruksi | bangunan-pertama:1 penata-lo:2 pengadm:2"
        " | Rehabilitasi rumah terdampak banjir | Tim Rehabilitasi Pascabanjir"
        " | Kajian kebutuhan pascabencana",
    ])

    # Kesbangpol: staff under the Kepala Bidang (Lampiran I.5)
    dinas_like(b, "kesbangpol", "Badan Kesatuan Bangsa dan Politik", "kesbangpol", "Kesbangpol", [
        "ideologi | Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa"
        " | ak-pertama:2 penata-lo:1 pengadm:1"
        " | Pembinaan wawasan kebangsaan pelajar | Tim Wawasan Kebangsaan | Data organisasi kemasyarakatan",
        "poldagri | Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan"
        " | ak-muda:1 ak-pertama:1 penata-lo:1 pengadm:1"
        " | Fasilitasi pemilihan kepala daerah 2024 | Tim Fasilitasi Pilkada"
        " | Pendidikan politik pemilih pemula",
        "kewaspadaan | Bidang Kewaspadaan Nasional dan Penanganan Konflik"
        " | ak-pertama:2 penata-lo:1 pengadm:1"
        " | Deteksi dini potensi konflik sosial | Tim Kewaspadaan Dini"
        " | Rencana aksi penanganan konflik sosial",
    ], subbagian=True)

    # Satpol PP, Model 1 (ketenteraman dan perlindungan masyarakat)
    dinas_like(b, "satpolpp", "Satuan Polisi Pamong Praja", "satpol_pp", "Satpol PP", [
        "gakda | Bidang Penegakan Peraturan Daerah | polpp-pertama:1 polpp-terampil:3 pengadm:2"
        " | Penegakan perda ketertiban umum | Tim Penegakan Perda | Penertiban bangunan tanpa izin",
        "tibum | Bidang Ketertiban Umum dan Ketenteraman Masyarakat"
        " | polpp-pertama:1 polpp-terampil:4 pengadm:1"
        " | Penertiban pedagang kaki lima pusat kota | Tim Penertiban Umum | Pengamanan kegiatan hari besar",
        "linmas | Bidang Perlindungan Masyarakat | polpp-terampil:3 penata-lo:2 pengadm:1"
        " | Pelatihan satuan perlindungan masyarakat desa | Tim Pembinaan Linmas | Data anggota Linmas 2024",
    ], type_="model_1", subbagian=True)

    # Kecamatan: a Camat (administrator); staff under a Kepala Seksi (Pasal 8 (3))
    o = opd_with_root(b, "kec-pelaihari", "Kecamatan Pelaihari", "kecamatan", "Kec-Plh",
                      kepala("camat", "Camat Pelaihari", "administrator", "camat"))
    b.unit(o, "sekretariat", "Sekretariat Kecamatan Pelaihari", "sekretariat", o,
           kepala("sekcam", "Sekretaris Kecamatan Pelaihari", "administrator", "sekcam"))
    children(b, o, o, "seksi", SEKSI, [
        "pem | Seksi Pemerintahan | psm-pertama:1 penata-lo:2 pengadm:1"
        " | Pembinaan administrasi pemerintahan desa | Tim Pembinaan Desa | Evaluasi perkembangan desa",
        "ekbang | Seksi Ekonomi dan Pembangunan | psm-pertama:1 penata-lo:2 pengadm:1"
        " | Musrenbang kecamatan 2025 | Tim Musrenbang Kecamatan | Monitoring dana desa tahap II",
        "kesos | Seksi Kesejahteraan Sosial | penata-lo:3 pengadm:1"
        " | Verifikasi data terpadu kesejahteraan sosial | Tim Verifikasi DTKS | Pendataan lansia terlantar",
        "trantib | Seksi Ketenteraman dan Ketertiban Umum | polpp-terampil:2 penata-lo:1 pengadm:1"
        " | Patroli ketenteraman wilayah kecamatan | Tim Patroli Kecamatan | Pemetaan rawan ketertiban",
    ])

    # RSUD led by an administrator Direktur; staff under a Kepala Seksi (Pasal 8 (3))
    o = opd_with_root(b, "rsud", "Rumah Sakit Umum Daerah H. Boejasin", "rsud", "RSUD",
                      kepala("direktur", "Direktur RSUD H. Boejasin", "administrator", "direktur"))
    b.unit(o, "subbag-tu", "Subbagian Tata Usaha", "subbagian", o,
           kepala("kasubbag-tu", "Kepala Subbagian Tata Usaha", "pengawas", "kepala_subbagian"))
    children(b, o, o, "seksi", SEKSI, [
        "yanmed | Seksi Pelayanan Medik | dokter-muda:2 dokter-pertama:2 perekam-medis-terampil:2 pengadm:2"
        " | Waktu tunggu rawat jalan di bawah 60 menit | Tim Mutu Pelayanan Rawat Jalan"
        " | Indikator nasional mutu rumah sakit triwulan II",
        "keperawatan | Seksi Keperawatan"
        " | perawat-muda:1 perawat-pertama:3 perawat-terampil:2 bidan-pertama:2"
        " | Kepatuhan identifikasi pasien 100% | Tim Keselamatan Pasien | Jenjang karir perawat klinis",
        "penunjang | Seksi Penunjang Medik dan Nonmedik"
        " | apoteker-pertama:1 ttk-terampil:2 pranata-lab-terampil:2 radiografer-terampil:1 operator-lo:2"
        " | Ketersediaan obat formularium 95% | Tim Farmasi dan Terapi | Kalibrasi alat kesehatan 2024",
    ])

    b.place_all()
    b.routine()
    tl_scenarios(b)
    b.own_unit_first()
    b.finish()
    return b


def tl_scenarios(b: Builder) -> None:
    """The cross-unit, cross-OPD, cross-agency and voluntary cases of Tanah Laut, one of each kind."""
    s, team_of, joined = b.staff_of, b.team_of, b.dates.joined[0]
    # penunjukan lintas unit: a health promoter of Kesmas joins P2P's dengue team (Pasal 14)
    dbd = team_of("tl-dinkes-p2p")
    b.join(dbd, s("tl-dinkes-kesmas")[0], competencies=["Promosi kesehatan", "Pemberdayaan masyarakat"])
    # penunjukan lintas instansi: a provincial epidemiologist in the same team (Pasal 15)
    b.join(dbd, b.external("tl-dinkes", "pemprov-kalsel"), competencies=["Surveilans epidemiologi"])
    # penunjukan lintas unit where the assessor (Inspektur) is not the PUO (Inspektur Pembantu)
    b.join(team_of("tl-inspektorat-wilayah-1"), s("tl-inspektorat-wilayah-2")[-1],
           competencies=["Audit kinerja", "Reviu laporan keuangan"])
    # penunjukan lintas perangkat daerah: a Bappeda planner on Kesmas's stunting action plan
    b.assign(s("tl-bappeda-ppm")[1], target=b.targets_of["tl-dinkes-kesmas"][1], start=joined,
             competencies=["Perencanaan pembangunan", "Penyusunan rencana aksi daerah"])
    # lintas perangkat daerah from a UPTD led by a pengawas (the PUO) under a Kepala Bidang (the assessor)
    b.join(team_of("tl-satpolpp-tibum"), s("tl-dishub-uptd-pkb")[0],
           competencies=["Pengujian kendaraan bermotor", "Penertiban angkutan"])
    # pengajuan sukarela dalam unit: a planner volunteers for his own bidang's team
    b.join(team_of("tl-bappeda-litbang"), s("tl-bappeda-litbang")[-1], method="pengajuan_sukarela")
    # pengajuan sukarela lintas unit: a BKPSDM programmer volunteers for the e-Kinerja team
    b.join(team_of("tl-bkpsdm-kinerja"), s("tl-bkpsdm-pengadaan")[1], method="pengajuan_sukarela",
           competencies=["Pengelolaan aplikasi e-Kinerja"])
    # a JF activity for credit points, approved by the PUO (Pasal 17 ayat (2))
    kti = b.target("tl-bappeda-ekonomi",
                   "Karya tulis ilmiah perencanaan ekonomi daerah (angka kredit JF Perencana)")
    b.assign(s("tl-bappeda-ekonomi")[0], target=kti, method="pengajuan_sukarela", purpose="angka_kredit")
    # a refused request, answered in writing with a reason (Pasal 14 huruf d)
    b.assign(s("tl-inspektorat-wilayah-3")[0], target=b.targets_of["tl-bappeda-infrawil"][0],
             status="refused", start=joined, competencies=["Reviu dokumen perencanaan"],
             reason="Auditor yang dimohon sedang melaksanakan audit kinerja sesuai PKPT 2024 sampai dengan"
             " Desember 2024 sehingga tidak dapat dilibatkan.")

    # delegation of the assessor authority while the Kepala Bidang Yankes is on leave
    b.add("dinkes", "delegations", {
        "id": "tl-dinkes-dl01", "delegator": b.puo("tl-dinkes-yankes"),
        "delegate": b.puo("tl-dinkes-sekretariat"),
        "decree": "Keputusan Kepala Dinas Kesehatan Nomor 800.1.3/214/Dinkes/2024",
        "start": "2024-08-05", "end": "2024-08-30",
    })
    # sub-koordinator designations from the penyetaraan, revoked before the Perbup came into force
    for unit in ("tl-setda-tapem", "tl-setda-perekonomian", "tl-bappeda-ppm", "tl-bkpsdm-mutasi"):
        opd = b.units[unit]["opd"]
        b.add(b.file(opd), "designations", {
            "id": b.new_id(opd, "dz", 2), "employee": s(unit)[0], "kind": "sub_koordinator", "unit": unit,
            "decree": "Keputusan Bupati Tanah Laut Nomor 188.45/012-KUM/2022",
            "start": "2022-01-03", "end": "2024-06-03",
        })


# --- Kabupaten Gianyar -------------------------------------------------------------------------------


def build_gianyar() -> Builder:
    header: Record = {
        "id": "gianyar",
        "name": "Kabupaten Gianyar",
        "province": "Bali",
        "regulation": "perbup-gianyar-63-2023",
        "as_of": "2024-09-01",
        "instansi": "pemkab-gianyar",
        "pejabat_berwenang": None,  # the Sekda, set below
        "spbe_shared_applications": SHARED_APPS,
    }
    dates = Dates(
        target=("2024-01-02", "2024-12-31"),
        team=("2024-02-05", "2024-12-20"),
        joined=("2024-03-04", "2024-12-20"),
        done=("2024-03-01", "2024-06-28", "2024-07-05"),
        report="2024-08-30",
        placement="2024-01-02",
    )
    decree = lambda n: f"Keputusan Bupati Gianyar Nomor 800.1.3.3/{20 + n:03d}/BKPSDM/2024"  # noqa: E731
    b = Builder("gy", "gy", header, Names("bali"), dates, decree)

    # Setda: staff under the Kepala Bagian (Lampiran A)
    setda(b, [
        ("as1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", [
            "pemerintahan | Bagian Pemerintahan | ak-muda:1 ak-pertama:1 penata-lo:1 pengadm:1"
            " | Fasilitasi penataan batas desa adat dan desa dinas | Tim Penataan Batas Desa"
            " | Laporan penyelenggaraan pemerintahan daerah 2023",
            "kesra | Bagian Kesejahteraan Rakyat | ak-muda:1 ak-pertama:1 penata-lo:1 pengadm:1"
            " | Fasilitasi hibah desa adat dan subak | Tim Fasilitasi Hibah Desa Adat"
            " | Pembinaan pesantian kabupaten",
            "hukum | Bagian Hukum | perancang-muda:1 analis-hukum-pertama:2 pengadm:1"
            " | Harmonisasi rancangan peraturan bupati 2024 | Tim Harmonisasi Produk Hukum"
            " | Jaringan Dokumentasi dan Informasi Hukum termutakhir",
        ]),
        ("as2", "Asisten Perekonomian dan Pembangunan", [
            "perekonomian | Bagian Perekonomian | ak-muda:1 ak-pertama:1 penelaah:1 pengadm:1"
            " | Pengendalian inflasi daerah | Tim Pengendalian Inflasi Daerah"
            " | Kajian kinerja perusahaan umum daerah",
            "adpem | Bagian Administrasi Pembangunan | ak-muda:1 perencana-pertama:1 penelaah:1 pengadm:1"
            " | Pengendalian realisasi APBD | Tim Pengendalian Pembangunan"
            " | Evaluasi pembangunan triwulan II",
            "pbj | Bagian Pengadaan Barang dan Jasa | pbj-muda:1 pbj-pertama:2 pengadm:1"
            " | Pendampingan pengadaan barang/jasa OPD | Tim Pendampingan Pengadaan"
            " | Katalog elektronik lokal Gianyar",
        ]),
        ("as3", "Asisten Administrasi Umum", [
            "umum | Bagian Umum | arsiparis-pertama:1 arsiparis-terampil:1 pengelola-lo:1 operator-lo:1"
            " | Penataan arsip dinamis Sekretariat Daerah | Tim Penataan Arsip"
            " | Inventarisasi barang milik daerah",
            "organisasi | Bagian Organisasi | ak-muda:1 analis-sdm-pertama:1 penelaah:1 pengadm:1"
            " | Evaluasi kelembagaan perangkat daerah | Tim Evaluasi Kelembagaan"
            " | Peta proses bisnis Pemerintah Daerah",
            "prokopim | Bagian Protokol dan Komunikasi Pimpinan"
            " | humas-pertama:2 humas-terampil:1 operator-lo:1"
            " | Publikasi kegiatan pimpinan daerah | Tim Publikasi Pimpinan"
            " | Agenda protokoler HUT Kota Gianyar",
        ]),
    ], type_=None)
    b.header["pejabat_berwenang"] = b.opd_head("gy-setda")

    # Inspektorat: the Inspektur assesses; Sekretaris and Inspektur Pembantu are PUO (Lampiran B)
    inspektorat(b, None,
                "arsiparis-pertama:1 perencana-pertama:1 penata-lo:1 pengadm:1"
                " | Laporan hasil pengawasan semester I"
                " | Tim Evaluasi Pelaporan Pengawasan | Program Kerja Pengawasan Tahunan 2025",
                "auditor-muda:1 auditor-pertama:2 p2upd-pertama:1")

    # Setwan: the Sekretaris DPRD assesses; the Kepala Bagian are PUO (Lampiran C)
    setwan(b, [
        "umum-keuangan | Bagian Umum dan Keuangan"
        " | arsiparis-pertama:1 analis-keu-pertama:1 penata-lo:2 pengadm:1"
        " | Pengelolaan keuangan Sekretariat DPRD | Tim Pengelolaan Keuangan Setwan"
        " | Laporan keuangan semester I",
        "persidangan | Bagian Persidangan dan Perundang-undangan"
        " | perancang-muda:1 analis-hukum-pertama:1 penata-lo:2 pengadm:1"
        " | Fasilitasi pembahasan rancangan peraturan daerah | Tim Fasilitasi Persidangan"
        " | Risalah rapat paripurna DPRD",
        "fasilitasi | Bagian Fasilitasi Penganggaran dan Pengawasan"
        " | ak-muda:1 analis-keu-pertama:1 penelaah:2 pengadm:1"
        " | Fasilitasi pembahasan KUA-PPAS 2025 | Tim Fasilitasi Penganggaran | Laporan reses anggota DPRD",
    ], type_=None)

    # the two RSUD: Direktur, Wakil Direktur, Kepala Bidang, who assesses (Lampiran D)
    o = opd_with_root(b, "rsud-sanjiwani", "RSUD Sanjiwani", "rsud", "RSUD-Sanjiwani",
                      kepala("direktur", "Direktur RSUD Sanjiwani", "jpt_pratama", "direktur"))
    w = b.unit(o, "wakil-pelayanan", "Wakil Direktur Pelayanan", "wakil_direktur", o,
               kepala("wadir-pelayanan", "Wakil Direktur Pelayanan", "administrator", "wakil_direktur"))
    children(b, o, w, "bidang", BIDANG, [
        "yanmed | Bidang Pelayanan Medik | dokter-muda:2 dokter-pertama:2 perekam-medis-terampil:1 pengadm:1"
        " | Waktu tunggu rawat jalan di bawah 60 menit | Tim Mutu Rawat Jalan"
        " | Indikator mutu nasional triwulan II",
        "keperawatan | Bidang Keperawatan | perawat-muda:1 perawat-pertama:3 bidan-pertama:2"
        " | Kepatuhan identifikasi pasien 100% | Tim Keselamatan Pasien | Jenjang karir perawat klinis",
        "penunjang | Bidang Penunjang Medik"
        " | apoteker-pertama:1 ttk-terampil:2 pranata-lab-terampil:2 radiografer-terampil:1"
        " | Ketersediaan obat formularium 95% | Tim Farmasi dan Terapi | Kalibrasi alat kesehatan 2024",
    ])
    w = b.unit(o, "wakil-umum", "Wakil Direktur Umum dan Keuangan", "wakil_direktur", o,
               kepala("wadir-umum", "Wakil Direktur Umum dan Keuangan", "administrator", "wakil_direktur"))
    children(b, o, w, "bidang", BIDANG, [
        "umum | Bidang Umum dan Kepegawaian | analis-sdm-pertama:1 arsiparis-terampil:1 penata-lo:2 pengadm:2"
        " | Penataan data kepegawaian rumah sakit | Tim Data Kepegawaian RS"
        " | Rencana kebutuhan SDM rumah sakit",
        "keuangan | Bidang Keuangan | analis-keu-muda:1 analis-keu-pertama:2 penata-lo:2 pengadm:1"
        " | Laporan keuangan BLUD tepat waktu | Tim Pengelolaan Keuangan BLUD | Tarif layanan BLUD 2025",
    ])
    o = opd_with_root(b, "rsud-payangan", "RSUD Payangan", "rsud", "RSUD-Payangan",
                      kepala("direktur", "Direktur RSUD Payangan", "administrator", "direktur"))
    w = b.unit(o, "wakil", "Wakil Direktur Pelayanan dan Penunjang", "wakil_direktur", o,
               kepala("wadir", "Wakil Direktur Pelayanan dan Penunjang", "administrator", "wakil_direktur"))
    children(b, o, w, "bidang", BIDANG, [
        "pelayanan | Bidang Pelayanan dan Keperawatan | dokter-pertama:2 perawat-pertama:2 bidan-terampil:2"
        " | Akreditasi paripurna rumah sakit | Tim Akreditasi Rumah Sakit"
        " | Survei kepuasan pasien semester I",
        "penunjang | Bidang Penunjang dan Umum"
        " | apoteker-pertama:1 ttk-terampil:1 pranata-lab-terampil:1 penata-lo:2 pengadm:1"
        " | Rekam medis elektronik terintegrasi | Tim Rekam Medis Elektronik"
        " | Pemeliharaan sarana rumah sakit",
    ])

    # Dinas: the Kepala Dinas assesses; Sekretaris and Kepala Bidang are PUO (Lampiran E)
    o = dinas_like(b, "dinkes", "Dinas Kesehatan", "dinas", "Dikes", [
        "kesmas | Bidang Kesehatan Masyarakat | promkes-muda:1 nutrisionis-pertama:2 sanitasi-pertama:1"
        " | Prevalensi stunting turun menjadi 8% | Tim Percepatan Penurunan Stunting"
        " | Rencana aksi daerah percepatan penurunan stunting",
        "p2p | Bidang Pencegahan dan Pengendalian Penyakit | epid-muda:1 epid-pertama:2 sanitasi-terampil:1"
        " | Eliminasi rabies di 7 kecamatan | Tim Pengendalian Rabies dan Demam Berdarah"
        " | Cakupan imunisasi dasar lengkap 95%",
        "yankes | Bidang Pelayanan dan Sumber Daya Kesehatan"
        " | adminkes-muda:1 apoteker-pertama:1 penata-lo:1 pengadm:1"
        " | Akreditasi seluruh puskesmas | Tim Pendampingan Akreditasi Puskesmas"
        " | Universal health coverage 98%",
    ], sekretariat=SEKRETARIAT_DINAS)
    # puskesmas led by a JF: the Kepala Puskesmas assesses (Lampiran I.2)
    led_by_jf(b, o, o, "puskesmas", "Dokter Ahli Madya", [
        "pkm-ubud-1 | UPTD Puskesmas Ubud I"
        " | dokter-pertama:2 perawat-pertama:2 bidan-terampil:3 ttk-terampil:1"
        " nutrisionis-terampil:1 pengadm:1",
        "pkm-sukawati-1 | UPTD Puskesmas Sukawati I"
        " | dokter-pertama:1 perawat-terampil:2 bidan-terampil:3 sanitasi-terampil:1 pengadm:1",
    ])
    dinas_like(b, "disdikpora", "Dinas Pendidikan, Kepemudaan dan Olahraga", "dinas", "Disdikpora", [
        "sd | Bidang Pembinaan Sekolah Dasar | pengawas-sekolah-muda:1 ak-pertama:1 penata-lo:1 pengadm:1"
        " | Peningkatan mutu pembelajaran SD | Tim Mutu Pembelajaran SD | Rapor pendidikan SD 2024",
        "smp | Bidang Pembinaan Sekolah Menengah Pertama"
        " | pengawas-sekolah-muda:1 ak-pertama:1 penata-lo:1 pengadm:1"
        " | Peningkatan mutu pembelajaran SMP | Tim Mutu Pembelajaran SMP | Rapor pendidikan SMP 2024",
        "paud | Bidang Pembinaan PAUD dan Pendidikan Nonformal"
        " | penilik-muda:1 pamong-pertama:1 penata-lo:1 pengadm:1"
        " | Perluasan layanan PAUD | Tim Perluasan PAUD | Data satuan PAUD dan PKBM",
        "pora | Bidang Kepemudaan dan Olahraga | ak-pertama:2 penata-lo:1 pengadm:1"
        " | Porkab Gianyar 2024 | Tim Pekan Olahraga Kabupaten | Data organisasi kepemudaan",
    ], sekretariat=SEKRETARIAT_DINAS)
    distan = dinas_like(b, "distan", "Dinas Pertanian", "dinas", "Distan", [
        "tp | Bidang Tanaman Pangan | penyuluh-tani-muda:1 popt-terampil:1 pbt-pertama:1 pengadm:1"
        " | Produksi padi 95.000 ton gabah kering giling | Tim Peningkatan Produksi Padi"
        " | Data luas tanam subak 2024",
        "horti | Bidang Hortikultura dan Perkebunan | penyuluh-tani-pertama:2 popt-terampil:1 pengadm:1"
        " | Pengembangan kawasan jeruk dan salak | Tim Kawasan Hortikultura | Data produksi kopi dan kakao",
        "peternakan | Bidang Peternakan dan Kesehatan Hewan | medvet-pertama:1 paravet-terampil:2 pengadm:1"
        " | Vaksinasi rabies 90% populasi anjing | Tim Vaksinasi Rabies | Populasi sapi bali 2024",
        "psp | Bidang Prasarana, Sarana dan Penyuluhan"
        " | pengairan-pertama:1 penyuluh-tani-muda:1 penata-lo:1 pengadm:1"
        " | Rehabilitasi jaringan irigasi subak | Tim Rehabilitasi Irigasi Subak"
        " | Programa penyuluhan pertanian 2025",
    ], sekretariat=SEKRETARIAT_DINAS)
    # a UPTD led by a pengawas, an OPD of its own under the Dinas: the Kepala UPTD assesses (Lampiran I.1)
    o = opd_with_root(b, "uptd-bbi", "UPTD Balai Benih Induk Pertanian", "uptd", "UPTD-BBI",
                      kepala("kepala", "Kepala UPTD Balai Benih Induk Pertanian", "pengawas", "kepala_uptd"),
                      parent=distan,
                      work=("Produksi benih padi bersertifikat 60 ton", "Tim Produksi Benih",
                            "Sertifikasi kebun benih"))
    b.staff(o, "pbt-pertama:1 penyuluh-tani-terampil:2 penata-lo:2 pengadm:1")
    dinas_like(b, "dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", "DPUPR", [
        "bm | Bidang Bina Marga | jalan-muda:1 jalan-pertama:2 pengadm:1"
        " | Kemantapan jalan kabupaten 92% | Tim Pemeliharaan Jalan | Survei kondisi jalan kabupaten",
        "sda | Bidang Sumber Daya Air | pengairan-muda:1 pengairan-pertama:2 pengadm:1"
        " | Rehabilitasi bendung dan saluran subak | Tim Rehabilitasi Bendung | Inventarisasi daerah irigasi",
        "ck | Bidang Cipta Karya | bangunan-pertama:2 penata-lo:1 pengadm:1"
        " | Persetujuan bangunan gedung tepat waktu | Tim Persetujuan Bangunan Gedung"
        " | Sistem penyediaan air minum",
        "tr | Bidang Penataan Ruang | penata-ruang-muda:1 penata-ruang-pertama:2 pengadm:1"
        " | Rencana detail tata ruang kawasan Ubud | Tim RDTR Ubud | Pengendalian pemanfaatan ruang",
    ], sekretariat=SEKRETARIAT_DINAS)

    # Badan: the Kepala Badan assesses; a Kepala Bidang accepts the results (Lampiran F)
    dinas_like(b, "bappeda", "Badan Perencanaan Pembangunan Daerah", "badan", "Bappeda", [
        "ppm | Bidang Perencanaan Pemerintahan dan Pembangunan Manusia"
        " | perencana-muda:1 perencana-pertama:2 pengadm:1"
        " | RKPD 2025 bidang pembangunan manusia | Tim RKPD Pembangunan Manusia"
        " | Evaluasi RPJMD bidang pemerintahan",
        "ekonomi | Bidang Perekonomian dan Sumber Daya Alam"
        " | perencana-muda:1 perencana-pertama:1 statistisi-pertama:1 pengadm:1"
        " | RKPD 2025 bidang perekonomian | Tim RKPD Perekonomian | Kajian ekonomi pariwisata Gianyar",
        "infrawil | Bidang Infrastruktur dan Kewilayahan"
        " | perencana-muda:1 penata-ruang-pertama:1 perencana-pertama:1 pengadm:1"
        " | RKPD 2025 bidang infrastruktur | Tim RKPD Infrastruktur | Sinkronisasi program dengan RTRW",
        "litbang | Bidang Penelitian dan Pengembangan | perencana-pertama:2 statistisi-pertama:1 pengadm:1"
        " | Indeks inovasi daerah kategori sangat inovatif | Tim Inovasi Daerah | Kajian pelayanan publik",
    ], sekretariat=SEKRETARIAT_BADAN)
    dinas_like(b, "bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", "BKPSDM", [
        "pengadaan | Bidang Pengadaan, Pemberhentian dan Informasi"
        " | analis-sdm-muda:1 prakom-pertama:1 penata-lo:1"
        " pengadm:1 | Seleksi CASN 2024 | Tim Seleksi CASN | Pemutakhiran data ASN di SIASN",
        "mutasi | Bidang Mutasi dan Promosi | analis-sdm-muda:1 analis-sdm-pertama:1 penata-lo:1 pengadm:1"
        " | Manajemen talenta ASN | Tim Manajemen Talenta | Usulan kenaikan pangkat periode April",
        "pengembangan | Bidang Pengembangan Sumber Daya Manusia"
        " | asesor-sdm-pertama:1 analis-sdm-pertama:1 penata-lo:1 pengadm:1"
        " | Pengembangan kompetensi 20 jam pelajaran | Tim Pengembangan Kompetensi | Uji kompetensi JF 2024",
    ], sekretariat=SEKRETARIAT_BADAN.replace("perencana-pertama:1", "arsiparis-pertama:1"))
    dinas_like(b, "bpkad", "Badan Pengelola Keuangan dan Aset Daerah", "badan", "BPKAD", [
        "anggaran | Bidang Anggaran | analis-keu-muda:1 analis-keu-pertama:2 pengadm:1"
        " | APBD Perubahan 2024 tepat waktu | Tim Anggaran Pemerintah Daerah | Standar harga satuan 2025",
        "perbendaharaan | Bidang Perbendaharaan | analis-keu-pertama:2 penata-lo:1 pengadm:1"
        " | Pencairan SP2D paling lama dua hari kerja | Tim Percepatan SP2D | Rekonsiliasi kas daerah",
        "akuntansi | Bidang Akuntansi | analis-keu-muda:1 analis-keu-pertama:2 pengadm:1"
        " | Opini WTP atas LKPD 2024 | Tim Penyusunan LKPD | Laporan keuangan semester I",
        "aset | Bidang Aset | analis-keu-pertama:1 penata-lo:2 pengadm:1"
        " | Sertifikasi tanah milik daerah 150 bidang | Tim Sertifikasi Aset | Inventarisasi aset tetap",
    ], sekretariat=SEKRETARIAT_BADAN.replace("analis-keu-pertama:1", "arsiparis-terampil:1"))

    # Kecamatan: the Camat assesses (Lampiran G); the kelurahan is an OPD under it (Lampiran H)
    o = opd_with_root(b, "kec-ubud", "Kecamatan Ubud", "kecamatan", "Kec-Ubud",
                      kepala("camat", "Camat Ubud", "administrator", "camat"))
    sek = b.unit(o, "sekretariat", "Sekretariat Kecamatan Ubud", "sekretariat", o,
                 kepala("sekcam", "Sekretaris Kecamatan Ubud", "administrator", "sekcam"),
                 work=("Pelayanan administrasi terpadu kecamatan", "Tim PATEN",
                       "Laporan kinerja kecamatan semester I"))
    b.staff(sek, "penata-lo:2 pengadm:1")
    children(b, o, o, "seksi", SEKSI, [
        "pem | Seksi Pemerintahan | psm-pertama:1 penata-lo:2"
        " | Pembinaan administrasi desa dan desa adat | Tim Pembinaan Desa | Evaluasi perkembangan desa",
        "ekbang | Seksi Ekonomi dan Pembangunan | psm-pertama:1 penata-lo:2"
        " | Musrenbang kecamatan 2025 | Tim Musrenbang Kecamatan | Monitoring dana desa tahap II",
        "kesos | Seksi Kesejahteraan Sosial | penata-lo:2 pengadm:1"
        " | Verifikasi data terpadu kesejahteraan sosial | Tim Verifikasi DTKS | Pendataan lansia terlantar",
        "trantib | Seksi Ketenteraman dan Ketertiban Umum | polpp-terampil:2 penata-lo:1"
        " | Ketertiban kawasan wisata Ubud | Tim Ketertiban Kawasan Wisata | Pemetaan rawan ketertiban",
    ])
    o = opd_with_root(b, "kel-ubud", "Kelurahan Ubud", "kelurahan", "Kel-Ubud",
                      kepala("lurah", "Lurah Ubud", "pengawas", "lurah"), parent="gy-kec-ubud",
                      work=("Pelayanan administrasi kependudukan kelurahan", "Tim Pelayanan Kelurahan",
                            "Profil Kelurahan Ubud 2024"))
    b.staff(o, "psm-pertama:1 penata-lo:2 pengadm:2")

    b.place_all()
    b.routine()
    gy_scenarios(b)
    b.own_unit_first()
    b.finish()
    return b


def gy_scenarios(b: Builder) -> None:
    """The cross-unit, cross-OPD, cross-agency and voluntary cases of Gianyar, one of each kind."""
    s, team_of, joined = b.staff_of, b.team_of, b.dates.joined[0]
    # penunjukan lintas unit inside a Dinas: the request goes to the Kepala Dinas (the assessor)
    rabies = team_of("gy-dinkes-p2p")
    b.join(rabies, s("gy-dinkes-kesmas")[0], competencies=["Promosi kesehatan", "Pemberdayaan masyarakat"])
    # penunjukan lintas instansi: a provincial epidemiologist in the same team
    provincial = b.external("gy-dinkes", "pemprov-bali", female=True)
    b.join(rabies, provincial, competencies=["Surveilans epidemiologi"])
    # lintas unit in the Sekretariat DPRD: the Sekretaris DPRD assesses, the Kepala Bagian recommends
    b.assign(s("gy-setwan-fasilitasi")[-1], target=b.targets_of["gy-setwan-persidangan"][0], start=joined,
             competencies=["Analisis kebijakan anggaran"])
    # penunjukan lintas perangkat daerah: a Bappeda planner on the stunting action plan
    b.assign(s("gy-bappeda-ppm")[1], target=b.targets_of["gy-dinkes-kesmas"][1], start=joined,
             competencies=["Perencanaan pembangunan", "Penyusunan rencana aksi daerah"])
    # lintas perangkat daerah into a Setda team from a RSUD bidang (there assessor and PUO coincide)
    b.join(team_of("gy-setda-organisasi"), s("gy-rsud-sanjiwani-umum")[0],
           competencies=["Analisis jabatan dan beban kerja"])
    # pengajuan sukarela dalam unit
    b.join(team_of("gy-disdikpora-pora"), s("gy-disdikpora-pora")[-1], method="pengajuan_sukarela")
    # pengajuan sukarela lintas unit: a nurse volunteers for the hospital's medical-service team
    b.join(team_of("gy-rsud-sanjiwani-yanmed"), s("gy-rsud-sanjiwani-keperawatan")[-1],
           method="pengajuan_sukarela", competencies=["Keperawatan klinis", "Akreditasi rumah sakit"])
    # pengajuan sukarela lintas unit inside a Badan (assessor: the Kepala Badan)
    b.join(team_of("gy-bpkad-aset"), s("gy-bpkad-akuntansi")[-1], method="pengajuan_sukarela",
           competencies=["Akuntansi aset tetap"])
    # a JF activity for credit points with the PUO's approval
    kti = b.target("gy-bappeda-ekonomi",
                   "Karya tulis ilmiah perencanaan pariwisata (angka kredit JF Perencana)")
    b.assign(s("gy-bappeda-ekonomi")[0], target=kti, method="pengajuan_sukarela", purpose="angka_kredit")
    # a refused voluntary application, answered in writing with a reason (Lampiran angka 2.b)
    b.assign(s("gy-distan-horti")[-1], target=b.targets_of["gy-distan-peternakan"][0],
             method="pengajuan_sukarela", status="refused", start=joined,
             competencies=["Penyuluhan pertanian"],
             reason="Kebutuhan anggota Tim Vaksinasi Rabies telah terpenuhi; permohonan dapat diajukan"
             " kembali pada semester berikutnya.")

    b.add("distan", "delegations", {
        "id": "gy-distan-dl01", "delegator": b.opd_head("gy-distan"),
        "delegate": b.puo("gy-distan-sekretariat"),
        "decree": "Keputusan Kepala Dinas Pertanian Nomor 800.1.3/117/Distan/2024",
        "start": "2024-03-04", "end": "2024-03-29",
    })
    # Gianyar's Perbup does not revoke sub-koordinator designations (unlike Tanah Laut Pasal 28)
    b.add("setda", "designations", {
        "id": "gy-setda-dz01", "employee": s("gy-setda-pemerintahan")[0], "kind": "sub_koordinator",
        "unit": "gy-setda-pemerintahan", "decree": "Keputusan Bupati Gianyar Nomor 821.2/1034/BKPSDM/2021",
        "start": "2022-01-03", "end": None,
    })


# --- data/examples: one documented problem per rule concept -------------------------------------------


@dataclass
class Problem:
    rule: str
    record: str
    what: str


def build_examples() -> tuple[Builder, list[Problem]]:
    """A small Tanah Laut-ruled regency whose records are clean except for the documented problems.

    Every problem is made by building the clean record first and then breaking exactly one thing,
    so what is wrong is the regulation, never the data (all references resolve, the schema holds)."""
    header: Record = {
        "id": "contoh",
        "name": "Kabupaten Contoh",
        "province": "Kalimantan Selatan",
        "regulation": "perbup-tanah-laut-26-2024",
        "as_of": "2024-09-01",
        "instansi": "pemkab-contoh",
        "pejabat_berwenang": None,
        "spbe_shared_applications": SHARED_APPS,
    }
    dates = Dates(
        target=("2024-01-02", "2024-12-31"),
        team=("2024-07-08", "2024-12-20"),
        joined=("2024-07-22", "2024-12-20"),
        done=("2024-06-10", "2024-08-16", "2024-08-23"),
        report="2024-08-30",
        placement="2024-07-01",
    )
    decree = lambda n: f"Keputusan Bupati Contoh Nomor 800.1.3.3/{10 + n:03d}-BKPSDM/2024"  # noqa: E731
    b = Builder("ex", "tl", header, Names("banjar"), dates, decree)
    problems: list[Problem] = []

    def problem(rule: str, record: str, what: str) -> None:
        problems.append(Problem(rule, record, what))

    setda(b, [("as1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", [
        "tapem | Bagian Tata Pemerintahan | ak-muda:1 penata-lo:1 | Fasilitasi penegasan batas desa 2024"
        " | Tim Penegasan Batas Desa | Laporan penyelenggaraan pemerintahan",
    ])], type_="tipe_b")
    b.header["pejabat_berwenang"] = b.opd_head("ex-setda")
    dinkes = dinas_like(b, "dinkes", "Dinas Kesehatan", "dinas", "Dinkes", [
        "p2p | Bidang Pencegahan dan Pengendalian Penyakit"
        " | epid-muda:1 epid-pertama:2 sanitasi-terampil:1 pengadm:1"
        " | Incidence rate demam berdarah di bawah 10 per 100.000 penduduk | Tim Pengendalian Demam Berdarah"
        " | Cakupan imunisasi dasar lengkap 95%",
        "yankes | Bidang Pelayanan Kesehatan"
        " | adminkes-muda:1 perawat-pertama:2 penata-lo:1 dokter-pertama:1 pengadm:1"
        " | Akreditasi seluruh puskesmas | Tim Pendampingan Akreditasi Puskesmas | Mutu layanan rujukan",
    ], type_="model_3",
       sekretariat="penata-lo:1 | Laporan keuangan Dinas semester I | Tim Keuangan"
       " | Dokumen perencanaan Dinas")
    led_by_jf(b, dinkes, f"{dinkes}-yankes", "puskesmas", "Dokter Ahli Madya", [
        "pkm-kota | UPTD Puskesmas Kota | bidan-terampil:2",
    ])
    pkm = f"{dinkes}-pkm-kota"
    distan = dinas_like(b, "distan", "Dinas Pertanian", "dinas", "Distan", [
        "tp | Bidang Tanaman Pangan | penyuluh-tani-muda:1 penyuluh-tani-pertama:2 pengadm:1"
        " | Produksi padi 120.000 ton gabah kering giling | Tim Peningkatan Produksi Padi"
        " | Data luas tanam 2024",
        "psp | Bidang Prasarana dan Sarana Pertanian | | Rehabilitasi jaringan irigasi tersier"
        " | Tim Rehabilitasi Irigasi | Distribusi alsintan 2024",
    ], type_="model_4", sekretariat="perencana-pertama:1 pengadm:1 | Dokumen perencanaan Dinas 2025"
       " | Tim Perencanaan dan Pelaporan | Laporan keuangan")
    # a UPTD led by a pengawas: its staff sit under the Kepala Bidang above it, so there the
    # assessor (who recommends) and the PUO (who answers a request) are two people
    children(b, distan, f"{distan}-psp", "uptd", ("ka", "pengawas", "kepala_uptd"), [
        "uptd-alsintan | UPTD Alat dan Mesin Pertanian | operator-lo:1 | Pelayanan alat dan mesin pertanian"
        " | Tim Layanan Alsintan | Perawatan alsintan",
    ])
    alsintan = f"{distan}-uptd-alsintan"
    b.unit(distan, "subbag-umum", "Subbagian Umum dan Kepegawaian", "subbagian", f"{distan}-sekretariat",
           kepala("kasubbag-umum", "Kepala Subbagian Umum dan Kepegawaian", "pengawas", "kepala_subbagian"))
    kec = opd_with_root(b, "kec-kota", "Kecamatan Kota", "kecamatan", "Kec-Kota",
                        kepala("camat", "Camat Kota", "administrator", "camat"))
    children(b, kec, kec, "seksi", SEKSI, [
        "pem | Seksi Pemerintahan | psm-pertama:1 penata-lo:1 | Pembinaan administrasi desa"
        " | Tim Pembinaan Desa"
        " | Evaluasi perkembangan desa",
    ])
    pem = f"{kec}-pem"

    s = b.staff_of
    s1, s2 = s("ex-setda-tapem")
    sx1 = s("ex-dinkes-sekretariat")[0]
    p1, p2, p3, p4, p5 = s("ex-dinkes-p2p")
    y1, y2, y3, y4, y5, y6 = s("ex-dinkes-yankes")
    pk1, pk2 = s(pkm)
    d1, d2, d3, d4 = s("ex-distan-tp")
    ds1, ds2 = s("ex-distan-sekretariat")
    k1, k2 = s(pem)
    (u1,) = s(alsintan)
    kadis, sekretaris = b.opd_head(dinkes), b.puo("ex-dinkes-sekretariat")
    kabid_p2p, kabid_yankes = b.puo("ex-dinkes-p2p"), b.puo("ex-dinkes-yankes")
    kabag, asisten = b.puo("ex-setda-tapem"), b.puo("ex-setda-as1")

    # --- A. kedudukan: wrong assessors, set before the placements are written
    b.override.update({y5: y4, y6: y3, d1: kabid_p2p, sx1: sekretaris})
    b.place_all()
    by_emp = {r["employee"]: r for f in b.files.values() for r in f["placements"]}
    problem(
        "kedudukan.assessor-rank",
        by_emp[y5]["id"],
        "the assessor of a Dokter is a pelaksana of the same bidang (below pengawas, heads no unit)",
    )
    also = "(the same placement: an assessor who heads no unit is neither superior nor a named position)"
    problem("kedudukan.assessor-is-superior", by_emp[y5]["id"], also)
    problem("kedudukan.assessor-by-opd-kind", by_emp[y5]["id"], also)
    problem(
        "kedudukan.fungsional-supervises",
        y3,
        f"a Perawat (JF) who leads no unit by tugas tambahan is the assessor of {y6} (placement"
        f" {by_emp[y6]['id']})",
    )
    problem(
        "kedudukan.assessor-rank",
        by_emp[y6]["id"],
        "the assessor is a JF not leading an independent unit (the same wrong assessor as above)",
    )
    problem("kedudukan.assessor-is-superior", by_emp[y6]["id"], also)
    problem("kedudukan.assessor-by-opd-kind", by_emp[y6]["id"], also)
    problem(
        "kedudukan.assessor-is-superior",
        by_emp[d1]["id"],
        "the assessor is the Kepala Bidang P2P of the Dinas Kesehatan, another OPD",
    )
    problem(
        "kedudukan.assessor-by-opd-kind",
        by_emp[sx1]["id"],
        "staff of the Sekretariat of a Model 3 Dinas placed under the Sekretaris (Lampiran I.1 names the"
        " Kepala Bidang; only Model 4 adds the Sekretaris)",
    )
    k1_placement = by_emp[k1]
    for key in ("decree", "decree_date"):
        del k1_placement[key]
    k1_placement["set_by"] = "kepala_opd"
    problem(
        "kedudukan.placement-decree",
        k1_placement["id"],
        "placement without a decree, set by the Camat instead of the Pejabat Pembina Kepegawaian",
    )

    # --- clean work that the problems below hang on
    t_dbd = b.target("ex-dinkes-p2p", "Incidence rate demam berdarah di bawah 10 per 100.000 penduduk")
    t_imun = b.target("ex-dinkes-p2p", "Cakupan imunisasi dasar lengkap 95%")
    t_akr = b.target("ex-dinkes-yankes", "Akreditasi seluruh puskesmas")
    t_padi = b.target("ex-distan-tp", "Produksi padi 120.000 ton gabah kering giling")
    t_batas = b.target("ex-setda-tapem", "Fasilitasi penegasan batas desa 2024")
    t_lppd = b.target("ex-setda-tapem", "Laporan penyelenggaraan pemerintahan daerah 2023")
    t_renja = b.target("ex-distan-sekretariat", "Dokumen perencanaan Dinas 2025")
    t_infeksi = b.target("ex-dinkes-yankes", "Pencegahan dan pengendalian infeksi di puskesmas")
    b.target(pkm, "Standar pelayanan minimal kesehatan Puskesmas Kota")  # home work of the puskesmas staff
    t0, t1 = dates.team

    tim_dbd = b.team("ex-dinkes-p2p", "Tim Pengendalian Demam Berdarah", t_dbd, p1, [p2, p3])
    tim_akr = b.team("ex-dinkes-yankes", "Tim Pendampingan Akreditasi Puskesmas", t_akr, y1, [y2, y4])
    tim_padi = b.team("ex-distan-tp", "Tim Peningkatan Produksi Padi", t_padi, d2, [d3])
    tim_batas = b.team("ex-setda-tapem", "Tim Penegasan Batas Desa", t_batas, kabag, [s1])
    tim_infeksi = b.team("ex-dinkes-yankes", "Tim Pencegahan dan Pengendalian Infeksi", t_infeksi, p3, [y3])
    tim_renja = b.team("ex-distan-sekretariat", "Tim Perencanaan dan Pelaporan", t_renja, ds1, [ds2])

    # --- B. penugasan
    a = b.assign(p4, target=t_imun)
    b.records[a]["appointed_by"] = sekretaris
    sp = b.records[b.letters_of[a]["surat_penugasan"]]
    sp["from"] = sp["signed_by"] = sp["drafted_by"] = sekretaris
    problem(
        "penugasan.appointer-authority",
        a,
        "a penunjukan in Bidang P2P made by the Sekretaris Dinas, not by the bidang's PUO/assessor",
    )

    a = b.assign(p5, target=t_imun, method="pengajuan_sukarela")
    b.remove(b.letters_of[a]["surat_penugasan"])
    problem(
        "penugasan.written-letter",
        a,
        "a pengajuan sukarela inside the unit without a surat penugasan (Lampiran II.B.1 huruf c)",
    )

    a = b.join(tim_dbd, y1, competencies=["Manajemen pelayanan kesehatan"])
    sp = b.records[b.letters_of[a]["surat_penugasan"]]
    sp["from"] = sp["signed_by"] = kabid_p2p
    sp["cc"] = [kabid_yankes]
    problem(
        "penugasan.letter-signatory",
        sp["id"],
        "the surat penugasan of a lintas-unit penunjukan is signed by the requesting Kepala Bidang P2P,"
        " not by the PUO where the employee sits (Kepala Bidang Yankes)",
    )

    a = b.assign(y2, target=t_imun, start=dates.joined[0], competencies=["Keperawatan komunitas"])
    req = b.records[b.letters_of[a]["permohonan_pelibatan"]]
    req["to"] = y2
    req.pop("cc", None)
    problem(
        "penugasan.request-letter",
        a,
        "the permohonan pelibatan is addressed to the employee herself, not to the PUO where she sits",
    )

    a = b.assign(pk1, target=t_imun, start=dates.joined[0])
    req = b.records[b.letters_of[a]["permohonan_pelibatan"]]
    for key in ("competencies", "duration"):
        del req[key]
    problem(
        "penugasan.request-letter-content",
        req["id"],
        "the permohonan pelibatan states neither the competencies needed nor the duration (Pasal 18 b, d)",
    )

    a = b.join(tim_padi, u1, competencies=["Pengoperasian alat dan mesin pertanian"])
    b.remove(b.letters_of[a]["rekomendasi"])
    problem(
        "penugasan.recommendation",
        a,
        "the Kepala UPTD answered the request without a recommendation from the employee's assessor,"
        " the Kepala Bidang Prasarana dan Sarana (Pasal 14 huruf b)",
    )

    a = b.assign(ds2, target=t_padi, start=dates.joined[0], competencies=["Administrasi kelompok tani"])
    sp = b.records[b.letters_of[a]["surat_penugasan"]]
    sp["drafted_by"] = sp["signed_by"]
    problem(
        "penugasan.letter-drafter",
        sp["id"],
        "the surat penugasan of a lintas-unit penunjukan was drafted by the Sekretaris, not by the"
        " employee (Pasal 14 huruf c)",
    )

    a = b.assign(d3, target=t_imun, start=dates.joined[0], competencies=["Penyuluhan"])
    b.records[b.letters_of[a]["permohonan_pelibatan"]]["duration"]["end"] = "2024-09-30"
    problem(
        "penugasan.within-duration",
        a,
        "the assignment runs to 2024-12-20, past the duration the request stated (to 2024-09-30)",
    )

    a = b.assign(
        k2,
        target=t_dbd,
        start=dates.joined[0],
        status="refused",
        reason="-",
        competencies=["Pemberdayaan masyarakat"],
    )
    answer = b.records[b.letters_of[a]["jawaban"]]
    del answer["reason"]
    problem("penugasan.rejection-reason", answer["id"], "a refused request answered without a reason")

    x1 = b.external(dinkes, "pemprov-kalsel")
    a = b.join(tim_dbd, x1, competencies=["Surveilans epidemiologi"])
    first, second = (b.letters_of[a][k] for k in ("permohonan_pelibatan", "permohonan_pelibatan-2"))
    b.remove(first)
    direct = b.records[second]
    direct["from"], direct["cc"] = kabid_p2p, [kadis]
    del direct["in_reply_to"]
    b.records[b.letters_of[a]["jawaban"]]["to"] = kabid_p2p
    problem(
        "penugasan.cross-instansi-chain",
        a,
        "the Kepala Bidang writes straight to the other agency's Pejabat yang Berwenang, bypassing the"
        " regency's own Pejabat yang Berwenang",
    )

    x2 = b.external(dinkes, "pemprov-kalsel", female=True)
    a = b.assign(x2, target=t_imun, method="pengajuan_sukarela", start=dates.joined[0])
    for lid in list(b.letters_of[a].values()):
        b.remove(lid)
    b.letters_of[a].clear()
    content = b.request_content(a, ["Surveilans epidemiologi"], dates.joined[0], t1)
    req_id = b.letter(a, "permohonan_sukarela", day(dates.joined[0], -21), x2, kabid_p2p, **content)
    b.letter(a, "jawaban", day(dates.joined[0], -14), kabid_p2p, x2, in_reply_to=req_id, decision="approve")
    b.letter(
        a,
        "surat_penugasan",
        day(dates.joined[0], -5),
        kabid_p2p,
        x2,
        signed_by=kabid_p2p,
        drafted_by=kabid_p2p,
    )
    problem(
        "penugasan.voluntary-scope", a, "a pengajuan sukarela by staff of another agency (lintas instansi)"
    )

    a = b.join(tim_dbd, pk2, method="pengajuan_sukarela", competencies=["Kebidanan komunitas"])
    b.remove(b.letters_of[a]["jawaban"])
    problem(
        "penugasan.voluntary-approval",
        a,
        "a lintas-unit pengajuan sukarela that the receiving PUO (Kepala Bidang P2P) never approved:"
        " only the Kepala Puskesmas at home approved it (Lampiran II.B.2 huruf b)",
    )

    kti = b.target("ex-dinkes-p2p", "Karya tulis ilmiah surveilans (angka kredit JF Epidemiolog)")
    a = b.assign(p3, target=kti, purpose="angka_kredit")
    b.records[a].pop("appointed_by")
    for kind in ("persetujuan", "surat_penugasan"):
        b.remove(b.letters_of[a][kind])
    problem(
        "penugasan.credit-activity-approval",
        a,
        "a JF activity for credit points that no PUO approved: no persetujuan, no appointer (Pasal 17"
        " ayat (2))",
    )

    a = b.assign(d4, target=t_dbd, start=dates.joined[0], competencies=["Penyuluhan"])
    problem(
        "penugasan.own-unit-first",
        d4,
        f"the employee works only for another OPD's target ({a}) and has no work in his own unit (Pasal 20)",
    )

    # --- C. tim kerja
    lead_2 = next(m for m in b.records[tim_akr]["members"] if m["employee"] == y4)
    lead_2.update(role="ketua", appointed_by=kabid_yankes)
    y4_report = next(r for r in b.files["dinkes"]["reports"] if r["from"] == y4 and r.get("team") == tim_akr)
    y4_report["to"] = kabid_yankes
    problem("tim.single-lead", tim_akr, "the team has two ketua tim")

    b.records[tim_padi]["members"][0]["appointed_by"] = b.opd_head(distan)
    problem(
        "tim.lead-appointed-by-puo",
        tim_padi,
        "the ketua tim was appointed by the Kepala Dinas, not by the Kepala Bidang that owns the team",
    )

    kabag_report = next(r for r in b.files["setda"]["reports"] if r["from"] == kabag)
    b.remove(kabag_report["id"])
    problem("tim.lead-grade", tim_batas, "the ketua tim is the Kepala Bagian (an administrator)")
    problem(
        "tim.lead-from-owner-unit",
        tim_infeksi,
        "a team of Bidang Yankes with members from two bidang is led by a JF of Bidang P2P",
    )
    no_lead = b.new_id(dinkes, "tim", 2)
    members = [{"employee": y5, "role": "anggota"}, {"employee": y6, "role": "anggota"}]
    b.add("dinkes", "teams", {"id": no_lead, "name": "Tim Rujukan Maternal", "unit": "ex-dinkes-yankes",
                              "target": t_akr, "start": t0, "end": t1, "members": members})
    problem("tim.has-lead", no_lead, "a running team without a ketua tim (Pasal 21 ayat (1))")
    problem(
        "tim.pengawas-leads",
        tim_renja,
        "the Sekretariat still has a filled pengawas (Kepala Subbagian) but a JF leads its team",
    )

    # --- D. pertanggungjawaban
    a = b.assign(s2, target=t_lppd)
    rep = b.records[b.reports_of[a][0]]
    rep["to"] = asisten
    problem(
        "lapor.individual-to-puo",
        rep["id"],
        "an individual assignee reports to the Asisten instead of the Kepala Bagian that owns the work",
    )
    p2_report = next(r for r in b.files["dinkes"]["reports"] if r["from"] == p2 and r.get("team") == tim_dbd)
    p2_report["to"] = sekretaris
    problem(
        "lapor.member-to-lead",
        p2_report["id"],
        "an anggota tim reports to the Sekretaris, not to the ketua tim",
    )
    p1_report = next(r for r in b.files["dinkes"]["reports"] if r["from"] == p1 and r.get("team") == tim_dbd)
    p1_report["to"] = kadis
    problem(
        "lapor.lead-to-puo",
        p1_report["id"],
        "the ketua tim reports to the Kepala Dinas instead of the Kepala Bidang that owns the team",
    )

    # --- E. evaluation, revocation, SPBE, business processes
    d0, d1_, accepted = dates.done
    done = b.target(
        "ex-dinkes-p2p", "Laporan surveilans penyakit semester I", period=(d0, d1_), completed=accepted
    )
    b.records[done]["accepted_by"] = p1
    problem(
        "evaluasi.completion-acceptor",
        done,
        "a completed target accepted by a JF, not by the head of the owning unit (Kepala Bidang P2P)",
    )
    b.add(
        "dinkes",
        "designations",
        {
            "id": "ex-dinkes-dz01",
            "employee": p1,
            "kind": "sub_koordinator",
            "unit": "ex-dinkes-p2p",
            "decree": "Keputusan Bupati Contoh Nomor 821.2/045/BKPSDM/2022",
            "start": "2022-01-03",
            "end": None,
        },
    )
    problem(
        "jabatan.sub-koordinator-revoked",
        "ex-dinkes-dz01",
        "a sub-koordinator designation still active after 2024-06-04 (Pasal 28 ayat (1))",
    )
    pos = b.positions["ex-setda-tapem-ak-muda"]
    pos["name"] = "Analis Kebijakan Ahli Muda (Sub Koordinator Tata Pemerintahan)"
    pos["penyetaraan"]["sebutan"] = "sub_koordinator"
    problem(
        "jabatan.penanggungjawab-tupoksi",
        pos["id"],
        "a JF from penyetaraan still titled Sub Koordinator, not Penanggungjawab Tupoksi",
    )

    b.own_unit_first(skip=[d4])
    b.finish()
    b.units[pem]["applications"] = ["srikandi"]
    problem(
        "spbe.shared-applications", pem, "the unit does not use e-kinerja and sipd, shared SPBE applications"
    )
    b.opds[distan]["business_process"]["maps_reviewed"] = ["peta_sub_proses", "peta_relasi"]
    problem("probis.maps-reviewed", distan, "only two of the four business-process maps were reviewed")
    bp = b.opds[kec]["business_process"]
    bp["decree"], bp["decree_by"] = "Keputusan Camat Kota Nomor 100.3.3.2/07/2024", "kepala_opd"
    problem("probis.decree", kec, "the business process is set by the Camat, not by a Keputusan Bupati")
    return b, problems


# --- README files ----------------------------------------------------------------------------------


def regency_readme(b: Builder, title: str, regulation: str, notes: str) -> str:
    rows = "\n".join(f"| {name} | {n} |" for name, n in b.counts().items())
    return (
        f"# {title}: sample data\n\n"
        "Generated by `python scripts/make_sample_data.py`; edit the script, not these files.\n"
        f"Fictitious people and NIPs in a structure that follows {regulation}. The data is the clean\n"
        f"sample: compliant with that regulation (`sistemkerja check data/{b.header['id']}` reports no\n"
        "finding; tests/test_sample_data.py holds it to no error). The modelling choices are in the\n"
        "script's docstring.\n\n"
        f"{notes}\n\n| collection | records |\n|---|---|\n{rows}\n"
    )


def examples_readme(b: Builder, problems: list[Problem]) -> str:
    rows = "\n".join(
        f"| `{p.rule}` | `{p.record}` | `{b.file_of[p.record]}.yaml` | {p.what} |" for p in problems
    )
    return (
        "# Example regency with documented problems\n\n"
        "Generated by `python scripts/make_sample_data.py`; edit the script, not these files.\n\n"
        "Kabupaten Contoh is a small fictitious regency under Perbup Tanah Laut 26/2024. The data is\n"
        "schema-valid and every reference resolves; the problems are breaches of the regulation.\n"
        "Each was made by building a compliant record and breaking one thing. `sistemkerja check\n"
        "data/examples` reports exactly the rows below (rule id, record id), no more and no fewer;\n"
        "tests/test_sample_data.py holds it to that. Some rows share one record: a wrong assessor who\n"
        "heads no unit breaks several kedudukan rules at once. Findings of severity info (a rule that\n"
        "cannot be checked for lack of data) are not listed: the credit-point case has, on purpose, no\n"
        "`appointed_by`, so the appointer check reports it as uncheckable.\n\n"
        "| rule id | record id | file | what is wrong |\n"
        "|---|---|---|---|\n"
        f"{rows}\n"
    )


TL_NOTES = (
    "One file per OPD: Setda (Tipe B, three Asisten), Setwan (Tipe B), Inspektorat (Model 4), Dinas\n"
    "Perhubungan (Model 1, with a UPTD led by a pengawas), Dinas Pendidikan (Model 2, five schools led by\n"
    "a guru with tugas tambahan), Dinas Kesehatan (Model 3, two puskesmas led by a dokter with tugas\n"
    "tambahan), Dinas Tanaman Pangan dan Hortikultura (Model 4), BKPSDM and Bappeda (Model 3), BPBD (Tipe\n"
    "C), Kesbangpol, Satpol PP (Model 1), Kecamatan Pelaihari and RSUD H. Boejasin."
)
GY_NOTES = (
    "One file per OPD: Setda, Inspektorat, Setwan, RSUD Sanjiwani and RSUD Payangan, Dinas Kesehatan\n"
    "(two puskesmas led by a dokter with tugas tambahan), Disdikpora, Dinas Pertanian with its UPTD\n"
    "Balai Benih Induk (an OPD led by a pengawas), DPUPR, Bappeda, BKPSDM, BPKAD, Kecamatan Ubud and\n"
    "Kelurahan Ubud (an OPD under the kecamatan)."
)


def main() -> None:
    tl = build_tanah_laut()
    tl.write(
        DATA / "tanah-laut", regency_readme(tl, "Kabupaten Tanah Laut", "Perbup Tanah Laut 26/2024", TL_NOTES)
    )
    gy = build_gianyar()
    gy.write(DATA / "gianyar", regency_readme(gy, "Kabupaten Gianyar", "Perbup Gianyar 63/2023", GY_NOTES))
    ex, problems = build_examples()
    ex.write(DATA / "examples", examples_readme(ex, problems))
    for name, b in (("tanah-laut", tl), ("gianyar", gy), ("examples", ex)):
        counts = ", ".join(f"{k} {v}" for k, v in b.counts().items())
        print(f"data/{name}: {len(b.files) + 1} files; {counts}")


if __name__ == "__main__":
    main()
