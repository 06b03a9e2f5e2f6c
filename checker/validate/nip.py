"""NIP (Nomor Induk Pegawai) helpers.

A NIP is 18 digits: birth date yyyymmdd (8), appointment year-month yyyymm (6), gender digit
1 = male / 2 = female (1), serial (3). E.g. 198203142006041002: born 1982-03-14, appointed 2006-04,
male, serial 002.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from checker.model import Text
from checker.validate.context import say

_NIP = re.compile(r"[0-9]{18}")  # ASCII digits only: \d and str.isdigit accept other scripts
GENDERS = {"1": "male", "2": "female"}


@dataclass(frozen=True)
class Nip:
    birth: date
    appointment: tuple[int, int]  # (year, month)
    gender: str  # "male" | "female"
    serial: str  # 3 digits


class NipError(ValueError):
    """A NIP that does not follow the 18-digit layout; `reasons` lists every broken part."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def is_nip_shape(value: object) -> bool:
    """True for a string of exactly 18 ASCII digits."""
    return isinstance(value, str) and _NIP.fullmatch(value) is not None


def birth_date(nip: str) -> date | None:
    """The birth date in digits 1-8, or None when they are not a real date."""
    if not isinstance(nip, str) or len(nip) < 8 or not nip[:8].isascii() or not nip[:8].isdigit():
        return None
    try:
        return date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return None


def appointment(nip: str) -> tuple[int, int] | None:
    """The appointment (year, month) in digits 9-14, or None when the month is not 01-12."""
    part = nip[8:14] if isinstance(nip, str) else ""
    if len(part) != 6 or not part.isascii() or not part.isdigit():
        return None
    year, month = int(part[:4]), int(part[4:])
    if year < 1 or not 1 <= month <= 12:
        return None
    return (year, month)


def gender(nip: str) -> str | None:
    """ "male" or "female" from digit 15, or None when it is neither 1 nor 2."""
    if not isinstance(nip, str) or len(nip) < 15:
        return None
    return GENDERS.get(nip[14])


def nip_errors(nip: object) -> list[str]:
    """Every way `nip` breaks the layout, as phrases ("" list when it is a valid NIP)."""
    return [reason.en for reason in nip_reasons(nip)]


def nip_reasons(nip: object) -> list[Text]:
    """As nip_errors, in both languages."""
    if not is_nip_shape(nip):
        return [say("problem.nip.shape", got=repr(nip))]
    assert isinstance(nip, str)
    reasons: list[Text] = []
    born = birth_date(nip)
    if born is None:
        reasons.append(say("problem.nip.birth", digits=nip[:8]))
    appointed = appointment(nip)
    if appointed is None:
        reasons.append(say("problem.nip.appointment", digits=nip[8:14]))
    if born is not None and appointed is not None and appointed <= (born.year, born.month):
        month = f"{appointed[0]:04d}-{appointed[1]:02d}"
        reasons.append(say("problem.nip.order", appointed=month, born=born.isoformat()))
    if gender(nip) is None:
        reasons.append(say("problem.nip.gender", digit=nip[14]))
    return reasons


def parse_nip(nip: object) -> Nip:
    """Split a NIP into its parts; raise NipError naming every broken part."""
    reasons = nip_errors(nip)
    if reasons:
        raise NipError(reasons)
    assert isinstance(nip, str)
    born, appointed, sex = birth_date(nip), appointment(nip), gender(nip)
    assert born is not None and appointed is not None and sex is not None
    return Nip(birth=born, appointment=appointed, gender=sex, serial=nip[15:18])


def make_nip(birth: date, appointed: tuple[int, int], sex: str, serial: str | int) -> str:
    """Compose a NIP from its parts (the inverse of parse_nip)."""
    code = {v: k for k, v in GENDERS.items()}[sex]
    born = f"{birth.year:04d}{birth.month:02d}{birth.day:02d}"
    return f"{born}{appointed[0]:04d}{appointed[1]:02d}{code}{int(serial):03d}"
