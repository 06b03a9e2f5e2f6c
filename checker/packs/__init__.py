"""Rule packs: what a pack is (model), how it is found and loaded (load), read as YAML
(yaml_doc), its regulation as a document (document, articles), and what it does (analysis).

The model is imported with the package; the loader only when first used (PEP 562): a warm check
reads its pack from the cache and needs neither YAML nor jsonschema nor clingo.
"""

from __future__ import annotations

from typing import Any

from checker.packs.model import Exception_, Pack, PackError, Parameter, Rule

__all__ = ["Exception_", "Pack", "PackError", "Parameter", "Rule"]

# names of checker.packs.load, served from there on first use
_LOADER = frozenset(
    {
        "NOT_TOPICS",
        "REQUIRED_RULE_FIELDS",
        "TEXT_CITATION_FIELDS",
        "asp_term",
        "document_notices",
        "load_pack",
        "parameter_facts",
    }
)


_SEARCH = frozenset({"available_packs", "default_rules_dir", "find_pack", "search_path"})


def __getattr__(name: str) -> Any:
    if name in _SEARCH:
        from checker.packs import search

        return getattr(search, name)
    if name in _LOADER:
        from checker.packs import load

        return getattr(load, name)
    raise AttributeError(f"module 'checker.packs' has no attribute '{name}'")
