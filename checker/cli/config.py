"""Defaults from a configuration file, as conftest, Checkov and ruff users expect.

`.sistemkerja.yaml` (or `[tool.sistemkerja]` in `pyproject.toml`) in the working directory or
the nearest folder above it that holds one, up to the repository root (a `.git`). Keys are the
long option names, given once for every command that has the option, or under a command's name:

    regulation: perbup-tanah-laut-26-2024
    fail-on: warning
    rules-dir: [../packs]
    check:
      format: [text, sarif:out.sarif]

An option on the command line always wins. A malformed file is a usage error (exit 2), never
ignored. The file belongs to the repository it is in: a pull request can change it, so a merge gate
passes what it relies on (`--regulation`, `--rules-dir`) on the command line.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import click

NAMES = (".sistemkerja.yaml", "pyproject.toml")
# option name in the file -> (parameter name, whether it takes a list)
KEYS: dict[str, tuple[str, bool]] = {
    "regulation": ("regulation", False),
    "as-of": ("as_of", False),
    "fail-on": ("fail_on", False),
    "format": ("formats", True),
    "waivers": ("waiver_files", True),
    "rules-dir": ("rules_dirs", True),
    "lang": ("lang", False),
    "jobs": ("jobs", False),
    "quiet": ("quiet", False),
}


class ConfigError(click.UsageError):
    pass


def find(start: Path) -> Path | None:
    """The nearest configuration file from `start` upward, stopping at a repository's root."""
    for folder in (start, *start.parents):
        for name in NAMES:
            path = folder / name
            if path.is_file() and (name != "pyproject.toml" or _has_table(path)):
                return path
        if (folder / ".git").exists():
            return None
    return None


def _has_table(path: Path) -> bool:
    import tomllib

    try:
        return "sistemkerja" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let `read` say what is wrong with it


def read(path: Path) -> dict[str, Any]:
    # imported only when there is a file: a check without one starts 11 ms sooner
    import tomllib

    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        if path.name == "pyproject.toml":
            data = tomllib.loads(text).get("tool", {}).get("sistemkerja", {})
        else:
            data = yaml.safe_load(text) or {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of option names")
    return data


def default_map(
    data: Mapping[str, Any], commands: Mapping[str, click.Command], known: Collection[str], where: Path
) -> dict[str, Any]:
    """click's `default_map`: for each command given, the file's values for the options it has;
    `known` names every command (a section for another command is not an error)."""
    out: dict[str, dict[str, Any]] = {}
    for name, command in commands.items():
        params = {p.name for p in command.params}
        section = data.get(name, {})
        if not isinstance(section, dict):
            raise ConfigError(f"{where}: `{name}` must be a mapping of option names")
        values = {**{k: v for k, v in data.items() if k in KEYS}, **section}
        out[name] = {}
        for key, value in values.items():
            if key not in KEYS:
                raise ConfigError(f"{where}: unknown option '{key}' under `{name}`; known: {', '.join(KEYS)}")
            param, many = KEYS[key]
            if param in params:
                out[name][param] = _shaped(value, many, key, where)
    unknown = [k for k in data if k not in KEYS and k not in known]
    if unknown:
        raise ConfigError(
            f"{where}: unknown option or command '{unknown[0]}'; known options: {', '.join(KEYS)}"
        )
    return out


def _shaped(value: Any, many: bool, key: str, where: Path) -> Any:
    if many:
        value = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: `{key}` must be text or a list of texts")
        return tuple(value)
    if isinstance(value, (list, dict)) or value is None:
        raise ConfigError(f"{where}: `{key}` must be a single value")
    return value
