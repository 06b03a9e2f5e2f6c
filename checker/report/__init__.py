"""Report formats. Each format is a module with `render(report: Report) -> str`; listed here so the
CLI can offer them and import only the one asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from checker.model import Finding
from checker.packs import Pack

# format name -> module under checker.report
FORMATS: dict[str, str] = {
    "text": "checker.report.text",
    "json": "checker.report.json_report",
}


@dataclass
class Report:
    """What every format renders: the findings of one or more regencies, and how they were produced."""

    findings: list[Finding]
    packs: dict[str, Pack]  # regulation id -> pack, for rule metadata
    as_of: str
    inputs: list[str]  # the paths checked
    regencies: list[str] = field(default_factory=list)
    lang: str = "id"
    tool_version: str = ""


def renderer(name: str) -> Callable[[Report], str]:
    return importlib.import_module(FORMATS[name]).render  # type: ignore[no-any-return]
