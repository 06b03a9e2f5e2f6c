"""Every user-visible string, in Indonesian and English, from one catalogue.

LABELS are words and phrases, key -> {"id": ..., "en": ...}; a tool's or a report's own labels are
keyed by its name ("compare.rules", "html.title"). MESSAGES are sentences the commands print. A
message is a key with one text per language; a message that counts gives English its singular
and plural forms (Indonesian does not inflect: "1 temuan", "44 temuan"), so no "(s)" is ever
printed. `tr(key, lang, n=..., **values)` fills the {placeholders}. A test checks that every key
has both languages and the same placeholders in each.
"""

from __future__ import annotations

from typing import Any

LANGS = ("id", "en")

# key -> {lang: text}; a counting message gives English (singular, plural) and uses {n}
MESSAGES: dict[str, dict[str, Any]] = {
    "summary.findings": {"id": "{n} temuan", "en": ("{n} finding", "{n} findings")},
    "summary.error": {"id": "{n} galat", "en": ("{n} error", "{n} errors")},
    "summary.warning": {"id": "{n} peringatan", "en": ("{n} warning", "{n} warnings")},
    "summary.info": {"id": "{n} info", "en": ("{n} info", "{n} info")},
    "summary.excepted": {"id": "{n} dikecualikan", "en": ("{n} excepted", "{n} excepted")},
    "summary.waived": {"id": "{n} dikesampingkan", "en": ("{n} waived", "{n} waived")},
    "summary.line": {
        "id": "{findings}: {counts} — {regulations}, per {as_of}",
        "en": "{findings}: {counts} — {regulations}, as of {as_of}",
    },
    "data.problems": {
        "id": "{n} masalah data; perbaiki dulu sebelum aturan dapat diperiksa",
        "en": (
            "{n} data problem; fix it before the rules can run",
            "{n} data problems; fix them before the rules can run",
        ),
    },
    "explain.no_finding": {
        "id": "tidak ada temuan {rule} pada {record} menurut {pack} per {as_of}",
        "en": "no finding of {rule} on {record} under {pack} as of {as_of}",
    },
    "explain.fires_on": {"id": " (aturan ini terpicu pada: {records})", "en": " (it fires on: {records})"},
    "cases.summary": {
        "id": "{n} kasus: {failed} gagal, {broken} tidak dapat dijalankan",
        "en": (
            "{n} case: {failed} failed, {broken} could not run",
            "{n} cases: {failed} failed, {broken} could not run",
        ),
    },
    "validate.files": {"id": "{n} berkas", "en": ("{n} file", "{n} files")},
    "validate.problems": {"id": "{n} masalah", "en": ("{n} problem", "{n} problems")},
    "validate.valid": {"id": "valid", "en": "valid"},
    "waivers.problems": {
        "id": "{n} masalah pada berkas pengesampingan; perbaiki atau gunakan --ignore-waivers",
        "en": (
            "{n} problem in the waivers file; fix it or use --ignore-waivers",
            "{n} problems in the waivers file; fix them or use --ignore-waivers",
        ),
    },
    "note": {"id": "CATATAN", "en": "NOTE"},
    # data problems of `validate` (checker/validate: schema, integrity, dates, NIP, unit tree); the
    # English text is also Problem.message, the one logs and codes read
    "problem.regency-header": {"id": "kepala regency", "en": "regency header"},
    "problem.no-header": {
        "id": "tidak ada kepala `regency`: satu berkas harus memuat pemetaan `regency:` di tingkat atas"
        " (id, name, regulation, ...)",
        "en": "no `regency` header: one file must hold a top-level `regency:` mapping"
        " (id, name, regulation, ...)",
    },
    "problem.field": {"id": "kolom '{field}'", "en": "field '{field}'"},
    "problem.record": {"id": "rekaman", "en": "record"},
    "problem.or": {"id": "atau", "en": "or"},
    "problem.required": {
        "id": "kolom wajib '{field}' tidak ada{why}",
        "en": "missing required field '{field}'{why}",
    },
    "problem.required-unless": {
        "id": " (wajib kecuali {fields} diisi)",
        "en": " (required unless {fields} is set)",
    },
    "problem.unknown-field": {
        "id": "kolom '{field}' tidak dikenal{hint}",
        "en": "unknown field '{field}'{hint}",
    },
    "problem.did-you-mean": {"id": " (maksudnya '{word}'?)", "en": " (did you mean '{word}'?)"},
    "problem.empty": {
        "id": "{subject} kosong; seharusnya {wanted}",
        "en": "{subject} is empty; it must be {wanted}",
    },
    "problem.type": {
        "id": "{subject} harus {wanted}, tertulis {got}",
        "en": "{subject} must be {wanted}, got {got}",
    },
    "problem.pattern": {"id": "{subject} {words}, tertulis {got}", "en": "{subject} {words}, got {got}"},
    "problem.pattern.id": {
        "id": "harus berupa huruf kecil, angka, '.', '_' atau '-' (diawali huruf atau angka)",
        "en": "must be lowercase letters, digits, '.', '_' or '-' (starting with a letter or digit)",
    },
    "problem.pattern.date": {
        "id": "harus tanggal bertulis YYYY-MM-DD",
        "en": "must be a date written YYYY-MM-DD",
    },
    "problem.pattern.nip": {"id": "harus 18 digit", "en": "must be 18 digits"},
    "problem.pattern.other": {"id": "harus sesuai pola {pattern}", "en": "must match the pattern {pattern}"},
    "problem.enum": {
        "id": "{subject} harus salah satu dari: {listed}; tertulis {got}",
        "en": "{subject} must be one of: {listed}; got {got}",
    },
    "problem.min-items": {
        "id": "{subject} harus memuat sedikitnya {n} butir",
        "en": ("{subject} must list at least {n} item", "{subject} must list at least {n} items"),
    },
    "problem.min-length": {"id": "{subject} tidak boleh kosong", "en": "{subject} must not be empty"},
    "problem.not-valid": {"id": "{subject} tidak sah: {detail}", "en": "{subject} is not valid: {detail}"},
    "problem.generic": {"id": "{subject}: {detail}", "en": "{subject}: {detail}"},
    "problem.got.nothing": {"id": "kosong", "en": "nothing"},
    "problem.got.list": {"id": "daftar", "en": "a list"},
    "problem.got.mapping": {"id": "pemetaan", "en": "a mapping"},
    "problem.type.string": {"id": "teks", "en": "text"},
    "problem.type.boolean": {"id": "true atau false", "en": "true or false"},
    "problem.type.array": {"id": "daftar", "en": "a list"},
    "problem.type.object": {"id": "pemetaan", "en": "a mapping"},
    "problem.type.integer": {"id": "bilangan bulat", "en": "a whole number"},
    "problem.type.number": {"id": "bilangan", "en": "a number"},
    "problem.duplicate-id": {
        "id": "id '{id}' sudah dipakai oleh {kind} {other} ({location}); id harus unik di seluruh kabupaten",
        "en": "id '{id}' is already used by {kind} {other} ({location}); ids must be unique across the regency",
    },
    "problem.unknown-reference": {
        "id": "{field} '{value}' bukan {noun}",
        "en": "{field} '{value}' is not {noun}",
    },
    "problem.reference-is": {"id": "; itu {noun} ({location})", "en": "; it is {noun} ({location})"},
    "problem.nip": {"id": "nip '{nip}': {reason}", "en": "nip '{nip}': {reason}"},
    "problem.nip.shape": {"id": "harus 18 digit, tertulis {got}", "en": "must be 18 digits, got {got}"},
    "problem.nip.birth": {
        "id": "digit 1-8 '{digits}' bukan tanggal lahir yang sah (yyyymmdd)",
        "en": "digits 1-8 '{digits}' are not a valid birth date (yyyymmdd)",
    },
    "problem.nip.appointment": {
        "id": "digit 9-14 '{digits}' bukan tahun-bulan pengangkatan yang sah (yyyymm, bulan 01-12)",
        "en": "digits 9-14 '{digits}' are not a valid appointment year-month (yyyymm, month 01-12)",
    },
    "problem.nip.order": {
        "id": "pengangkatan {appointed} tidak sesudah kelahiran {born}",
        "en": "appointment {appointed} is not after birth {born}",
    },
    "problem.nip.gender": {
        "id": "digit 15 '{digit}' harus 1 (laki-laki) atau 2 (perempuan)",
        "en": "digit 15 '{digit}' must be 1 (male) or 2 (female)",
    },
    "problem.structural-position": {
        "id": "jabatan '{position}' adalah jabatan struktural ({grade}) yang sudah dipegang pegawai"
        " '{holder}' ({location}); jabatan struktural hanya punya satu pemegang",
        "en": "position '{position}' is a structural position ({grade}) already held by employee"
        " '{holder}' ({location}); a structural position has one holder",
    },
    "problem.no-root": {
        "id": "tidak punya unit akar (unit dengan `opd: {opd}` tanpa parent)",
        "en": "has no root unit (a unit with `opd: {opd}` and no parent)",
    },
    "problem.second-root": {
        "id": "OPD '{opd}' sudah punya unit akar '{root}' ({location}); setiap unit lain perlu parent",
        "en": "OPD '{opd}' already has a root unit '{root}' ({location}); every other unit needs a parent",
    },
    "problem.parent-opd": {
        "id": "parent '{parent}' termasuk OPD '{parent_opd}', bukan OPD unit ini '{opd}'",
        "en": "parent '{parent}' belongs to OPD '{parent_opd}', not to this unit's OPD '{opd}'",
    },
    "problem.parent-loop": {"id": "rantai parent berputar: {loop}", "en": "parent chain loops: {loop}"},
    "problem.date": {
        "id": "{field} '{value}' bukan tanggal yang ada di kalender",
        "en": "{field} '{value}' is not a real calendar date",
    },
    "problem.period": {
        "id": "{end_field} {end} sebelum {start_field} {start}",
        "en": "{end_field} {end} is before {start_field} {start}",
    },
    # problems met while reading a file (checker/load, checker/waivers.py); a {detail} is the
    # parser's own text (libyaml, csv, the OS), given as it is
    "problem.read.too-large": {
        "id": "berkas berukuran {size}, melebihi batas {limit}; pecah menjadi satu berkas per OPD",
        "en": "file is {size}, above the {limit} limit; split it into one file per OPD",
    },
    "problem.read.too-large-bytes": {
        "id": "berkas berukuran {size} byte, melebihi batas {limit}",
        "en": "file is {size} bytes, above the {limit} limit",
    },
    "problem.read.unreadable": {
        "id": "berkas tidak dapat dibaca: {detail}",
        "en": "cannot read file: {detail}",
    },
    "problem.read.encoding": {
        "id": "bukan UTF-8: byte 0x{byte} tidak dapat didekode; simpan berkas sebagai UTF-8",
        "en": "not UTF-8: byte 0x{byte} cannot be decoded; save the file as UTF-8",
    },
    "problem.read.empty": {"id": "berkas kosong", "en": "file is empty"},
    "problem.read.no-document": {
        "id": "berkas tidak memuat dokumen YAML",
        "en": "file holds no YAML document",
    },
    "problem.read.yaml-syntax": {"id": "galat sintaks YAML: {detail}", "en": "YAML syntax error: {detail}"},
    "problem.read.yaml-error": {"id": "galat YAML: {detail}", "en": "YAML error: {detail}"},
    "problem.read.yaml-character": {
        "id": "karakter U+{code} tidak diizinkan dalam YAML; hapus, atau tulis sebagai escape dalam tanda kutip",
        "en": "character U+{code} is not allowed in YAML; remove it or quote it as an escape",
    },
    "problem.read.too-deep": {
        "id": "susunan YAML lebih dalam dari {depth} tingkat; berkas tidak dibaca",
        "en": "YAML nesting is deeper than {depth} levels; refusing to read",
    },
    "problem.read.alias-cycle": {
        "id": "alias YAML merujuk ke nilai yang memuat alias itu sendiri (ekspansi tanpa akhir);"
        " berkas tidak dibaca",
        "en": "a YAML alias refers to a value that contains it (endless expansion); refusing to read",
    },
    "problem.read.alias-bomb": {
        "id": "alias YAML berkembang menjadi lebih dari {limit} nilai; berkas tidak dibaca",
        "en": "YAML aliases expand to more than {limit} values; refusing to read",
    },
    "problem.read.yaml-key": {
        "id": "kunci pemetaan harus berupa kata biasa",
        "en": "a mapping key must be a plain word",
    },
    "problem.read.yaml-merge": {
        "id": "kunci gabungan (<<) tidak didukung",
        "en": "merge keys (<<) are not supported",
    },
    "problem.read.duplicate-key": {
        "id": "kunci '{word}' muncul dua kali dalam pemetaan yang sama",
        "en": "key '{word}' appears twice in the same mapping",
    },
    "problem.read.duplicate-top-key": {
        "id": "kunci '{word}' muncul dua kali di tingkat atas; letakkan semua rekamannya di bawah satu kunci",
        "en": "key '{word}' appears twice at the top level; put all its records under one",
    },
    "problem.read.top-level": {
        "id": "tingkat atas harus berupa pemetaan koleksi (regency, opds, units, ...)",
        "en": "top level must be a mapping of collections (regency, opds, units, ...)",
    },
    "problem.read.unknown-collection": {
        "id": "koleksi '{word}' tidak dikenal; yang diharapkan salah satu dari: {known}",
        "en": "unknown collection '{word}'; expected one of: {known}",
    },
    "problem.read.second-regency": {
        "id": "kepala `regency` kedua (yang pertama di {first})",
        "en": "a second `regency` header (the first is at {first})",
    },
    "problem.read.regency-mapping": {
        "id": "`regency` harus berupa pemetaan",
        "en": "`regency` must be a mapping",
    },
    "problem.read.collection-list": {
        "id": "`{kind}` harus berupa daftar rekaman",
        "en": "`{kind}` must be a list of records",
    },
    "problem.read.item-mapping": {
        "id": "setiap butir `{kind}` harus berupa pemetaan",
        "en": "each item of `{kind}` must be a mapping",
    },
    "problem.read.missing-id": {
        "id": "sebuah rekaman di `{kind}` tidak memiliki `id`",
        "en": "a record in `{kind}` has no `id`",
    },
    "problem.read.json-syntax": {"id": "galat sintaks JSON: {detail}", "en": "JSON syntax error: {detail}"},
    "problem.read.json-top-level": {
        "id": "tingkat atas harus berupa objek koleksi",
        "en": "the top level must be an object of collections",
    },
    "problem.read.regency-object": {
        "id": "`regency` harus berupa objek",
        "en": "`regency` must be an object",
    },
    "problem.read.item-object": {
        "id": "setiap butir `{kind}` harus berupa objek",
        "en": "each item of `{kind}` must be an object",
    },
    "problem.read.csv-syntax": {"id": "galat sintaks CSV: {detail}", "en": "CSV syntax error: {detail}"},
    "problem.read.waiver-duplicate-id": {
        "id": "id pengesampingan '{id}' dipakai dua kali (pertama di {first})",
        "en": "waiver id '{id}' is used twice (first at {first})",
    },
    "problem.read.waiver-schema": {"id": "pengesampingan: {detail}", "en": "waivers: {detail}"},
    "problem.read.waiver-reason": {
        "id": "pengesampingan: alasan (reason) tidak boleh kosong",
        "en": "waivers: the reason must not be blank",
    },
    "problem.read.waiver-date": {
        "id": "pengesampingan: expires '{expires}' bukan tanggal yang ada di kalender",
        "en": "waivers: expires '{expires}' is not a real date",
    },
    # remedies (remedy/4 atoms of a rule pack, docs/rule-packs.md): remedy.<kind>, filled with the
    # names of the remedy's arguments; a record id is shown with its name
    "remedies.label": {"id": "Perbaikan", "en": "Remedy"},
    "remedies.unknown": {"id": "(tidak ada dalam data)", "en": "(no one in the data)"},
    "remedies.or": {"id": "atau", "en": "or"},  # the values of one name are alternatives
    "remedy.assessor": {
        "id": "Pejabat Penilai Kinerja yang benar menurut peraturan: {candidate}",
        "en": "The regulation names as Pejabat Penilai Kinerja: {candidate}",
    },
    "remedy.assessor_none": {
        "id": "Data tidak memuat pejabat pada garis unit {unit} yang memenuhi syarat Pejabat Penilai"
        " Kinerja menurut peraturan; isi jabatan itu atau tetapkan pendelegasian kewenangan",
        "en": "The data holds no official in the line of unit {unit} whom the regulation allows as"
        " Pejabat Penilai Kinerja; fill that position or record a delegation of the authority",
    },
    "remedy.team_lead": {
        "id": "Anggota dari unit pemilik kinerja yang dapat menjadi ketua tim: {candidate}",
        "en": "Members from the owning unit who could lead the team: {candidate}",
    },
    "remedy.team_lead_none": {
        "id": "Tidak ada anggota tim dari unit pemilik kinerja {owner} yang jabatannya dapat menjadi"
        " ketua tim; tambahkan anggota dari unit itu",
        "en": "No member of the team from the owning unit {owner} holds a grade that may lead it;"
        " add a member from that unit",
    },
    "remedy.letter": {
        "id": "Buat {letter} dari {sender} kepada {addressee}",
        "en": "Issue a {letter} from {sender} to {addressee}",
    },
    "remedy.letter_to": {
        "id": "Buat {letter} kepada {addressee}",
        "en": "Issue a {letter} to {addressee}",
    },
    "lint.packs": {"id": "{n} paket", "en": ("{n} pack", "{n} packs")},
    "lint.problems": {"id": "{n} masalah", "en": ("{n} problem", "{n} problems")},
    "lint.not_encoded": {
        "id": "{n} ketentuan belum dikodekan",
        "en": ("{n} provision not encoded", "{n} provisions not encoded"),
    },
    # spreadsheets (checker.load.tabular, xlsx_input, csv_input, mapping): problems at a cell
    "sheet.numeric-nip": {
        "en": "NIP {value} is stored as a number, and a number keeps only 15 significant digits, so its"
        " last digits are already lost; format the NIP column as Text and type the NIPs again",
        "id": "NIP {value} tersimpan sebagai angka, dan angka hanya menyimpan 15 digit bermakna, sehingga"
        " digit terakhirnya sudah hilang; format kolom NIP sebagai Teks lalu ketik ulang NIP-nya",
    },
    "sheet.date-serial": {
        "en": "{value} is not a date (an Excel date is a whole day number)",
        "id": "{value} bukan tanggal (tanggal Excel adalah nomor hari yang bulat)",
    },
    "sheet.date-time": {
        "en": "{value} has a time of day; a date is expected",
        "id": "{value} memuat jam; yang diharapkan tanggal",
    },
    "sheet.date-invalid": {
        "en": "{value} is not a real date (read as dd/mm/yyyy)",
        "id": "{value} bukan tanggal yang ada (dibaca sebagai dd/mm/yyyy)",
    },
    "sheet.spaces": {
        "en": "'{value}' has spaces at its start or end; remove them",
        "id": "'{value}' diawali atau diakhiri spasi; hapus spasinya",
    },
    "sheet.empty-item": {
        "en": "an empty item in a ';'-separated list",
        "id": "ada butir kosong dalam daftar yang dipisah ';'",
    },
    "sheet.empty-row": {
        "en": "row {row} is empty but rows follow it; delete the empty row",
        "id": "baris {row} kosong padahal masih ada baris sesudahnya; hapus baris kosong itu",
    },
    "sheet.unknown-column": {
        "en": "unknown column '{name}'{hint}",
        "id": "kolom '{name}' tidak dikenal{hint}",
    },
    "sheet.duplicate-column": {
        "en": "column '{name}' appears twice",
        "id": "kolom '{name}' muncul dua kali",
    },
    "sheet.no-id-column": {
        "en": "the header (row 1) has no `id` column",
        "id": "judul kolom (baris 1) tidak memuat kolom `id`",
    },
    "sheet.conflict": {
        "en": "`{path}` is given twice in this record",
        "id": "`{path}` diisi dua kali dalam rekaman ini",
    },
    "sheet.second-regency-row": {
        "en": "the regency sheet has one row below its header; this is a second",
        "id": "lembar kabupaten hanya berisi satu baris di bawah judul kolom; ini baris kedua",
    },
    "sheet.merged": {
        "en": "merged cells {range}: only the first holds a value; unmerge them and fill each cell",
        "id": "sel {range} digabung: hanya sel pertama yang berisi nilai; pisahkan lalu isi setiap sel",
    },
    "sheet.hidden": {
        "en": "sheet '{sheet}' is hidden; show it (its records would be checked unseen) or delete it",
        "id": "lembar '{sheet}' tersembunyi; tampilkan (rekamannya akan diperiksa tanpa terlihat) atau hapus",
    },
    "sheet.unknown-sheet": {
        "en": "unknown sheet '{sheet}'{hint}; a sheet whose name starts with '_' is not read",
        "id": "lembar '{sheet}' tidak dikenal{hint}; lembar yang namanya diawali '_' tidak dibaca",
    },
    "sheet.formula-no-value": {
        "en": "a formula without a saved value; open the workbook in a spreadsheet program and save it",
        "id": "rumus tanpa nilai tersimpan; buka buku kerja di program lembar kerja lalu simpan",
    },
    "sheet.unreadable": {
        "en": "not a readable .xlsx workbook ({why})",
        "id": "bukan buku kerja .xlsx yang dapat dibaca ({why})",
    },
    "sheet.unknown-table": {
        "en": "'{name}' names no collection{hint}",
        "id": "'{name}' bukan nama koleksi{hint}",
    },
    "sheet.mapped-column-missing": {
        "en": "the mapping reads a column '{name}' that this header row does not have{hint}",
        "id": "pemetaan membaca kolom '{name}' yang tidak ada pada baris judul ini{hint}",
    },
    "sheet.unknown-name": {
        "en": "no {what} named '{name}'{hint}",
        "id": "tidak ada {what} bernama '{name}'{hint}",
    },
    "sheet.ambiguous-name": {
        "en": "'{name}' names several {what}: {candidates}",
        "id": "'{name}' menamai beberapa {what}: {candidates}",
    },
}


LABELS: dict[str, dict[str, str]] = {
    # the title of a data problem reported as a finding
    "finding.data_problem": {"id": "Masalah data: {code}", "en": "Data problem: {code}"},
    # severities and statuses
    "error": {"id": "galat", "en": "error"},
    "warning": {"id": "peringatan", "en": "warning"},
    "info": {"id": "info", "en": "info"},
    "open": {"id": "terbuka", "en": "open"},
    "uncheckable": {"id": "tak dapat diperiksa", "en": "uncheckable"},
    "excepted": {"id": "dikecualikan", "en": "excepted"},
    "waived": {"id": "dikesampingkan", "en": "waived"},
    # compare
    "compare.regs": {"id": "Peraturan yang dibandingkan", "en": "Regulations compared"},
    "compare.regulation": {"id": "peraturan", "en": "regulation"},
    "compare.notes": {"id": "keterangan", "en": "notes"},
    "compare.rules": {"id": "Aturan", "en": "Rules"},
    "compare.rule": {"id": "aturan", "en": "rule"},
    "compare.differs": {"id": "berbeda", "en": "differs"},
    "compare.details": {"id": "Per aturan", "en": "Rule by rule"},
    "compare.params": {"id": "Parameter", "en": "Parameters"},
    "compare.param": {"id": "parameter", "en": "parameter"},
    "compare.key": {"id": "kunci", "en": "key"},
    "compare.all": {"id": "di semua", "en": "in all"},
    "compare.both": {"id": "di keduanya", "en": "in both"},
    "compare.only": {"id": "hanya di", "en": "only in"},
    "compare.own": {"id": "milik sendiri", "en": "own"},
    "compare.inherited": {"id": "diwarisi dari", "en": "inherited from"},
    "compare.overridden": {"id": "diubah", "en": "overridden"},
    "compare.from": {"id": "dari", "en": "from"},
    "compare.not_enacted": {"id": "tidak diberlakukan", "en": "not enacted"},
    "compare.absent": {"id": "tidak ada di peraturan ini", "en": "not in this regulation"},
    "compare.declared": {"id": "dinyatakan oleh", "en": "declared by"},
    "compare.in_force": {"id": "berlaku", "en": "in force"},
    "compare.extends": {"id": "memperluas", "en": "extends"},
    "compare.implements": {"id": "melaksanakan", "en": "implements"},
    "compare.exceptions": {"id": "pengecualian", "en": "exceptions"},
    "compare.enacted": {"id": "diberlakukan", "en": "enacted"},
    "compare.severity": {"id": "tingkat", "en": "severity"},
    "compare.citation": {"id": "rujukan", "en": "citation"},
    "compare.parameters": {"id": "parameter", "en": "parameters"},
    "compare.none": {"id": "tidak ada", "en": "none"},
    "compare.undefined": {"id": "tidak didefinisikan", "en": "not defined"},
    "compare.rows": {"id": "baris", "en": "row(s)"},
    "compare.summary_rules": {
        "id": "{n} id aturan: {all} diberlakukan di semua, {some} hanya di sebagian",
        "en": "rule ids: {n}; {all} enacted in all, {some} in some only",
    },
    "compare.summary_diff": {"id": "perbedaan: {what}", "en": "differences: {what}"},
    "compare.summary_params": {"id": "{n} parameter, {d} berbeda", "en": "parameters: {n}; {d} differ"},
    "compare.data_title": {
        "id": "{name} diperiksa dengan {n} peraturan, per {as_of}",
        "en": "{name} checked under {n} regulations, as of {as_of}",
    },
    "compare.findings": {"id": "temuan", "en": "findings"},
    "compare.only_a": {"id": "hanya dengan {x}", "en": "only under {x}"},
    "compare.under_both": {"id": "dengan keduanya", "en": "under both"},
    "compare.changed": {"id": "berubah", "en": "changed"},
    "compare.per_rule": {"id": "Per aturan", "en": "Per rule"},
    "compare.per_opd": {"id": "Per perangkat daerah", "en": "Per OPD"},
    "compare.opd": {"id": "PD", "en": "OPD"},
    "compare.record": {"id": "rekaman", "en": "record"},
    "compare.total": {"id": "jumlah", "en": "total"},
    "compare.not_in_force": {"id": "belum berlaku", "en": "not yet in force"},
    "compare.status": {"id": "status", "en": "status"},
    "compare.section_only": {"id": "Hanya dengan {x} ({id})", "en": "Only under {x} ({id})"},
    "compare.section_both": {"id": "Dengan keduanya", "en": "Under both"},
    "compare.nothing": {"id": "(tidak ada)", "en": "(none)"},
    "compare.articles_title": {
        "id": "Pasal demi pasal: {a} dan {b}",
        "en": "Article by article: {a} and {b}",
    },
    "compare.articles_none": {"id": "{x} tidak memuat teks peraturannya", "en": "{x} has no regulation text"},
    "compare.articles_no_counterpart": {"id": "— tidak ada padanan", "en": "— no counterpart"},
    "compare.articles_not_enacted": {"id": "— {rule}: tidak diberlakukan", "en": "— {rule}: not enacted"},
    "compare.articles_provision": {"id": "ketentuan", "en": "provision"},
    "compare.articles_other": {"id": "padanan di peraturan lain", "en": "counterpart in the other"},
    "compare.rows_same": {"id": "{n} baris lain sama di semua", "en": "{n} other rows the same in all"},
    "compare.quiet": {
        "id": "{n} aturan lain yang diberlakukan keduanya tidak menemukan apa pun pada data ini.",
        "en": "Rules enacted by both that find nothing in this data: {n} more.",
    },
    "compare.summary_data": {
        "id": "Pasangan (aturan, catatan) yang bertemuan — satu pasangan dapat memuat beberapa temuan:"
        " {a} hanya dengan A, {b} hanya dengan B, {both} dengan keduanya ({changed} berubah)",
        "en": "(rule, record) pairs with findings — a pair may hold several findings:"
        " {a} only under A, {b} only under B, {both} under both ({changed} changed)",
    },
    # html
    "html.title": {"id": "Laporan Audit Sistem Kerja", "en": "Sistem Kerja Audit Report"},
    "html.regulation": {"id": "Peraturan", "en": "Regulation"},
    "html.as_of": {"id": "Per tanggal", "en": "As of"},
    "html.regencies": {"id": "Kabupaten", "en": "Regency"},
    "html.inputs": {"id": "Data diperiksa", "en": "Data checked"},
    "html.fail_on": {"id": "Ambang gagal (--fail-on)", "en": "Failure threshold (--fail-on)"},
    "html.tool": {"id": "Alat", "en": "Tool"},
    "html.summary": {"id": "Ringkasan", "en": "Summary"},
    "html.verdict_fail": {
        "id": "GAGAL: {n} temuan pada atau di atas ambang",
        "en": "FAILS: {n} finding at or above the threshold",
    },
    "html.verdict_pass": {
        "id": "LULUS: tidak ada temuan pada atau di atas ambang",
        "en": "PASSES: no finding at or above the threshold",
    },
    "html.by_opd": {"id": "Temuan per OPD dan tingkat", "en": "Findings by OPD and severity"},
    "html.total": {"id": "Jumlah", "en": "Total"},
    "html.findings": {"id": "Temuan", "en": "Findings"},
    "html.none": {"id": "Tidak ada temuan.", "en": "No findings."},
    "html.no_opd": {"id": "(tanpa OPD)", "en": "(no OPD)"},
    "html.record": {"id": "Rekaman", "en": "Record"},
    "html.citation": {"id": "Dasar hukum", "en": "Legal basis"},
    "html.excerpt": {"id": "Kutipan pasal", "en": "Article excerpt"},
    "html.evidence": {"id": "Bukti", "en": "Evidence"},
    "html.remedy": {"id": "Perbaikan", "en": "Remedy"},
    "html.exception": {"id": "Pengecualian", "en": "Exception"},
    "html.waiver": {"id": "Pengesampingan", "en": "Waiver"},
    "html.reason": {"id": "Alasan", "en": "Reason"},
    "html.approved_by": {"id": "Disetujui oleh", "en": "Approved by"},
    "html.expires": {"id": "Berlaku sampai", "en": "Valid until"},
    "html.waivers": {"id": "Pengesampingan", "en": "Waivers"},
    "html.state": {"id": "Keadaan", "en": "State"},
    "html.matched": {"id": "Temuan", "en": "Findings"},
    "html.rules": {"id": "Aturan yang diperiksa", "en": "Rules checked"},
    "html.rule": {"id": "Aturan", "en": "Rule"},
    "html.severity": {"id": "Tingkat", "en": "Severity"},
    "html.count": {"id": "Temuan", "en": "Findings"},
    "html.reading": {"id": "Penafsiran", "en": "Reading"},
    "html.expired": {"id": "kedaluwarsa", "en": "expired"},
    "html.unused": {"id": "tidak terpakai", "en": "unused"},
    "html.active": {"id": "berlaku", "en": "active"},
    "html.location": {"id": "Lokasi", "en": "Location"},
    "html.contents": {"id": "Daftar isi", "en": "Contents"},
    "html.charts": {"id": "Gambaran", "en": "Overview"},
    "html.filters": {"id": "Saring temuan", "en": "Filter findings"},
    "html.status": {"id": "Status", "en": "Status"},
    "html.all": {"id": "(semua)", "en": "(all)"},
    "html.search": {"id": "Cari", "en": "Search"},
    "html.search_hint": {"id": "nama, id, pasal ...", "en": "name, id, article ..."},
    "html.reset": {"id": "Atur ulang", "en": "Reset"},
    "html.shown": {"id": "{n} dari {total} temuan ditampilkan", "en": "{n} of {total} findings shown"},
    "html.findings_by_opd": {"id": "Temuan per OPD", "en": "Findings by OPD"},
    "html.findings_by_rule": {"id": "Temuan per aturan", "en": "Findings by rule"},
    "html.findings_by_article": {"id": "Temuan per pasal", "en": "Findings by article"},
    "html.unit_trees": {"id": "Pohon unit kerja", "en": "Unit trees"},
    "html.unit_trees_hint": {
        "id": "Unit yang memuat temuan ditandai beserta jumlahnya.",
        "en": "Units that carry findings are marked with their count.",
    },
    "html.unit": {"id": "Unit", "en": "Unit"},
    "html.chart_opd": {"id": "Temuan per OPD dan tingkat", "en": "Findings by OPD and severity"},
    "html.chart_topic": {"id": "Temuan per bidang aturan", "en": "Findings by rule topic"},
    "html.chart_article": {"id": "Temuan per pasal", "en": "Findings by article"},
    "html.other": {"id": "lainnya", "en": "other"},
    "html.verdict_fail_many": {
        "id": "GAGAL: {n} temuan pada atau di atas ambang",
        "en": "FAILS: {n} findings at or above the threshold",
    },
    # markdown
    "markdown.heading": {"id": "Pemeriksaan Sistem Kerja", "en": "Sistem Kerja check"},
    "markdown.note": {"id": "Catatan", "en": "Note"},
    "markdown.as_of": {"id": "per", "en": "as of"},
    "markdown.fails": {"id": "GAGAL", "en": "FAILS"},
    "markdown.passes": {"id": "LULUS", "en": "PASSES"},
    "markdown.fail_on": {"id": "ambang --fail-on", "en": "--fail-on"},
    "markdown.by_opd": {"id": "Ringkasan per OPD", "en": "Summary by OPD"},
    "markdown.total": {"id": "jumlah", "en": "total"},
    "markdown.findings": {"id": "Temuan", "en": "Findings"},
    "markdown.none": {"id": "Tidak ada temuan terbuka.", "en": "No open findings."},
    "markdown.no_opd": {"id": "(tanpa OPD)", "en": "(no OPD)"},
    "markdown.rule": {"id": "Aturan", "en": "Rule"},
    "markdown.where": {"id": "Lokasi", "en": "Location"},
    "markdown.message": {"id": "Pesan", "en": "Message"},
    "markdown.citation": {"id": "Pasal", "en": "Citation"},
    "markdown.severity": {"id": "Tingkat", "en": "Severity"},
    "markdown.status": {"id": "Status", "en": "Status"},
    "markdown.settled": {"id": "Dikesampingkan dan dikecualikan", "en": "Waived and excepted"},
    "markdown.why": {"id": "Dasar", "en": "Basis"},
    "markdown.more": {
        "id": "temuan lain tidak ditampilkan; lihat laporan lengkap",
        "en": "more findings not listed; see the full report",
    },
    # evidence
    "evidence.employee": {"id": "pegawai", "en": "employee"},
    "evidence.assessor": {"id": "penilai", "en": "assessor"},
    "evidence.unit": {"id": "unit", "en": "unit"},
    "evidence.grade": {"id": "jenjang", "en": "grade"},
    "evidence.missing": {"id": "tidak ada", "en": "missing"},
    "evidence.owner": {"id": "pemilik", "en": "owner"},
    "evidence.appointed_by": {"id": "ditunjuk oleh", "en": "appointed by"},
    "evidence.request": {"id": "permintaan", "en": "request"},
    "evidence.team": {"id": "tim", "en": "team"},
    "evidence.map": {"id": "peta", "en": "map"},
    "evidence.application": {"id": "aplikasi", "en": "application"},
    "evidence.acceptor": {"id": "penerima", "en": "acceptor"},
    "evidence.origin": {"id": "asal", "en": "origin"},
    "evidence.letter": {"id": "surat", "en": "letter"},
    "evidence.sender": {"id": "pengirim", "en": "sender"},
    "evidence.addressee": {"id": "penerima surat", "en": "addressee"},
    "evidence.start": {"id": "mulai", "en": "start"},
    "evidence.end": {"id": "selesai", "en": "end"},
    "evidence.signed_by": {"id": "ditandatangani oleh", "en": "signed by"},
    "evidence.drafted_by": {"id": "dikonsep oleh", "en": "drafted by"},
    "evidence.decree_by": {"id": "ditetapkan oleh", "en": "decree by"},
    "evidence.set_by": {"id": "ditetapkan oleh", "en": "set by"},
    "evidence.assignment": {"id": "penugasan", "en": "assignment"},
    "evidence.assignments": {"id": "penugasan", "en": "assignments"},
    "evidence.placements": {"id": "kedudukan", "en": "placements"},
    "evidence.to": {"id": "kepada", "en": "to"},
    "evidence.opd": {"id": "OPD", "en": "opd"},
    "evidence.opd_kind": {"id": "jenis OPD", "en": "opd kind"},
    "evidence.ketua_count": {"id": "jumlah ketua", "en": "ketua count"},
    "evidence.pengawas_positions": {"id": "jabatan pengawas", "en": "pengawas positions"},
    "evidence.duration_start": {"id": "awal jangka waktu", "en": "duration start"},
    "evidence.duration_end": {"id": "akhir jangka waktu", "en": "duration end"},
    # kind
    "kind.opds": {"id": "perangkat daerah", "en": "opds"},
    "kind.units": {"id": "unit kerja", "en": "units"},
    "kind.positions": {"id": "jabatan", "en": "positions"},
    "kind.employees": {"id": "pegawai", "en": "employees"},
    "kind.placements": {"id": "kedudukan", "en": "placements"},
    "kind.delegations": {"id": "pelimpahan", "en": "delegations"},
    "kind.designations": {"id": "penetapan", "en": "designations"},
    "kind.targets": {"id": "sasaran", "en": "targets"},
    "kind.teams": {"id": "tim kerja", "en": "teams"},
    "kind.assignments": {"id": "penugasan", "en": "assignments"},
    "kind.letters": {"id": "surat", "en": "letters"},
    "kind.reports": {"id": "laporan", "en": "reports"},
    # explain
    "explain.finding": {"id": "Temuan", "en": "Finding"},
    "explain.on": {"id": "pada", "en": "on"},
    "explain.record": {"id": "Rekaman", "en": "The record"},
    "explain.why": {"id": "Mengapa aturan ini terpicu", "en": "Why it fired"},
    "explain.requires": {"id": "Bunyi peraturan", "en": "What the regulation says"},
    "explain.reading": {"id": "Penafsiran", "en": "Reading"},
    "explain.parameters": {"id": "Parameter", "en": "Parameters"},
    "explain.exception": {"id": "Pengecualian yang berlaku", "en": "Exception that applies"},
    "explain.waived": {"id": "Dikesampingkan oleh waiver", "en": "Waived by the waiver"},
    "explain.uncheckable": {
        "id": "Data tidak memuat fakta yang diperlukan aturan ini, sehingga tidak dapat diperiksa.",
        "en": "The data lacks a fact this rule needs, so it could not be checked.",
    },
    "explain.missing": {"id": "tidak ada dalam data", "en": "missing from the data"},
    "explain.not_record": {"id": "nilai, bukan rekaman", "en": "a value, not a record"},
    "explain.severity": {"id": "tingkat", "en": "severity"},
    "explain.citation": {"id": "rujukan", "en": "citation"},
    "explain.in_force": {"id": "berlaku", "en": "in force"},
    "explain.text": {"id": "bunyi", "en": "text"},
    "explain.exceptions": {"id": "pengecualian", "en": "exceptions"},
    "explain.pass": {"id": "lolos, mis.", "en": "passes, e.g."},
    "explain.fail": {"id": "gagal, mis.", "en": "fails, e.g."},
    "explain.none": {"id": "(tidak ada)", "en": "(none given)"},
    "explain.defined_in": {"id": "didefinisikan di", "en": "defined in"},
    "explain.own": {"id": "milik sendiri", "en": "own"},
    "explain.inherited": {"id": "diwarisi dari {x}", "en": "inherited from {x}"},
    "explain.overridden": {"id": "diubah ({fields}) dari {x}", "en": "overridden ({fields}) from {x}"},
    "explain.not_enacted": {"id": "tidak diberlakukan", "en": "not enacted"},
    "explain.declared": {"id": "dinyatakan oleh", "en": "declared by"},
    "explain.absent": {"id": "tidak disebut oleh", "en": "not mentioned by"},
    "explain.rows": {"id": "baris", "en": "row(s)"},
    "explain.unknown": {"id": "rekaman tidak dikenal", "en": "unknown record"},
    "explain.as_of": {"id": "per", "en": "as of"},
    "explain.path": {"id": "di", "en": "in"},
    # rules --by-article
    "articles.rules": {"id": "diperiksa oleh", "en": "checked by"},
    "articles.not_checkable": {"id": "tidak dapat diperiksa", "en": "not checkable"},
    "articles.not_encoded": {"id": "belum dikodekan", "en": "not encoded"},
    "articles.note": {"id": "catatan", "en": "note"},
    "articles.none": {"id": "tanpa status", "en": "no status"},
}


def label(key: str, lang: str, **values: Any) -> str:
    """A label in `lang` (Indonesian where the language is unknown), its {placeholders} filled."""
    text = LABELS[key][lang if lang in LANGS else "id"]
    return text.format(**values) if values else text


def label_or(key: str, default: str, lang: str) -> str:
    """The label `key` in `lang`, or `default` where the catalogue has none (a law's term, a name)."""
    return label(key, lang) if key in LABELS else default


def labels(prefix: str, lang: str) -> dict[str, str]:
    """Every label under `prefix` ("html" -> "html.title", ...) in `lang`, by its short key."""
    lang = lang if lang in LANGS else "id"
    start = prefix + "."
    return {k[len(start) :]: v[lang] for k, v in LABELS.items() if k.startswith(start)}


def tr(key: str, lang: str, n: int | None = None, **values: Any) -> str:
    """The message `key` in `lang` (Indonesian where the language is unknown)."""
    text = MESSAGES[key].get(lang) or MESSAGES[key]["id"]
    if isinstance(text, tuple):
        text = text[0] if n == 1 else text[1]
    return text.format(n=n, **values)
