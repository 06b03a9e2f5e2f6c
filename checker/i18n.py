"""Every user-visible sentence the commands print, in Indonesian and English, from one table.

A message is a key with one text per language; a message that counts gives English its singular
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
}


def tr(key: str, lang: str, n: int | None = None, **values: Any) -> str:
    """The message `key` in `lang` (Indonesian where the language is unknown)."""
    text = MESSAGES[key].get(lang) or MESSAGES[key]["id"]
    if isinstance(text, tuple):
        text = text[0] if n == 1 else text[1]
    return text.format(n=n, **values)
