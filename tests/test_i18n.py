"""One catalogue of messages: both languages for every key, the same placeholders in each, plural
forms instead of "(s)"."""

from __future__ import annotations

import string

import pytest

from checker.i18n import LANGS, MESSAGES, tr


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_in_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == set(LANGS)
    forms = [f for lang in LANGS for f in (entry[lang] if isinstance(entry[lang], tuple) else (entry[lang],))]
    assert len({frozenset(placeholders(f)) for f in forms}) == 1, forms
    assert not any("(s)" in f for f in forms)


def test_plural_forms() -> None:
    assert tr("summary.findings", "en", n=1) == "1 finding"
    assert tr("summary.findings", "en", n=0) == "0 findings"
    assert tr("summary.findings", "id", n=44) == "44 temuan"
