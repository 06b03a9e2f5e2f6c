"""Referential integrity checks (placeholder until they land)."""

from __future__ import annotations

from checker.model import Problem, Regency


def check_integrity(regency: Regency) -> list[Problem]:
    return []
