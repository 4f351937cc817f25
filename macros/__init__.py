"""mkdocs-macros entry point: only `define_env` lives here."""
from __future__ import annotations


def define_env(env) -> None:  # type: ignore[no-untyped-def]
    """Register the playbook's macros (filled in by the checklist modules)."""
