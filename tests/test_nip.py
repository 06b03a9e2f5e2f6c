"""NIP helpers: the 18-digit layout birth yyyymmdd, appointment yyyymm, gender, serial."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.validate.nip import (
    Nip,
    NipError,
    appointment,
    birth_date,
    gender,
    is_nip_shape,
    make_nip,
    nip_errors,
    parse_nip,
)


def test_parse_valid_nip():
    assert parse_nip("198203142006041002") == Nip(date(1982, 3, 14), (2006, 4), "male", "002")
    assert parse_nip("199001012015032003").gender == "female"


def test_part_helpers():
    assert birth_date("198203142006041002") == date(1982, 3, 14)
    assert appointment("198203142006041002") == (2006, 4)
    assert gender("198203142006041002") == "male"
    assert birth_date("198202302006041002") is None  # 30 February
    assert appointment("198203142006131002") is None  # month 13
    assert appointment("198203142006001002") is None  # month 00
    assert gender("198203142006043002") is None
    assert birth_date("") is None and appointment("") is None and gender("") is None


def test_shape():
    assert is_nip_shape("198203142006041002")
    assert not is_nip_shape("19820314")
    assert not is_nip_shape("1982031420060410021")
    assert not is_nip_shape(198203142006041002)
    assert not is_nip_shape("١٩٨٢٠٣١٤٢٠٠٦٠٤١٠٠٢")  # Arabic-Indic digits are digits to str.isdigit
    assert not is_nip_shape("19820314200604100a")


@pytest.mark.parametrize(
    ("nip", "reasons"),
    [
        ("198203142006041002", []),
        ("19820314", ["must be 18 digits, got '19820314'"]),
        (None, ["must be 18 digits, got None"]),
        ("198213142006041002", ["digits 1-8 '19821314' are not a valid birth date (yyyymmdd)"]),
        (
            "198203142006131002",
            ["digits 9-14 '200613' are not a valid appointment year-month (yyyymm, month 01-12)"],
        ),
        ("198203141980041002", ["appointment 1980-04 is not after birth 1982-03-14"]),
        ("198203141982031002", ["appointment 1982-03 is not after birth 1982-03-14"]),
        ("198203142006040002", ["digit 15 '0' must be 1 (male) or 2 (female)"]),
        (
            "198299992006009002",
            [
                "digits 1-8 '19829999' are not a valid birth date (yyyymmdd)",
                "digits 9-14 '200600' are not a valid appointment year-month (yyyymm, month 01-12)",
                "digit 15 '9' must be 1 (male) or 2 (female)",
            ],
        ),
    ],
)
def test_nip_errors(nip, reasons):
    assert nip_errors(nip) == reasons


def test_parse_raises_with_every_reason():
    with pytest.raises(NipError) as exc:
        parse_nip("198213142006043002")
    assert exc.value.reasons == [
        "digits 1-8 '19821314' are not a valid birth date (yyyymmdd)",
        "digit 15 '3' must be 1 (male) or 2 (female)",
    ]
    assert isinstance(exc.value, ValueError)


@st.composite
def nip_parts(draw):
    born = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9998, 11, 30)))
    first = born.year * 12 + born.month  # months since year 0, birth month
    appointed = draw(st.integers(min_value=first + 1, max_value=9999 * 12 + 11))
    year, month = divmod(appointed - 1, 12)
    return born, (year, month + 1), draw(st.sampled_from(["male", "female"])), draw(st.integers(0, 999))


@given(nip_parts())
def test_round_trip(parts):
    born, appointed, sex, serial = parts
    nip = make_nip(born, appointed, sex, serial)
    assert is_nip_shape(nip)
    assert parse_nip(nip) == Nip(born, appointed, sex, f"{serial:03d}")


@given(st.one_of(st.text(max_size=20), st.text(alphabet="0123456789", min_size=18, max_size=18), st.none()))
def test_never_raises_on_junk(value):
    reasons = nip_errors(value)
    if reasons:
        with pytest.raises(NipError):
            parse_nip(value)
    else:
        assert is_nip_shape(value)
        assert make_nip(*_parts(parse_nip(value))) == value


def _parts(nip: Nip):
    return nip.birth, nip.appointment, nip.gender, nip.serial
