"""JSON Schema validation of records (placeholder until the schemas land)."""

from __future__ import annotations

from checker.model import Problem, Regency


def validate_regency(regency: Regency) -> list[Problem]:
    return []
