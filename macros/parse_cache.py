"""Checklists already parsed and validated, kept between builds.

Parsing 100 checklist files costs about 0.07 s of every build, nearly all of
it PyYAML building Python objects. Each entry is keyed by the file's name and
text and by the code that parses it (every module of this package, PyYAML's
version and Python's), so a change to any of them parses the file again: a
cached checklist is always what parsing would give. Only valid checklists are
kept; a file with a mistake is parsed on every build, so its message is
always current. Guidance links are checked on every build, cached or not.

The cache is one file, `.cache/playbook/checklists.pickle` beside mkdocs.yml
(ignored by git), replaced atomically. A missing, unreadable or outdated
cache only means a slower build; deleting it is always safe.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import yaml

from .model import Checklist

CACHE_FILE = Path(".cache") / "playbook" / "checklists.pickle"


def _code_version() -> str:
    digest = hashlib.sha256(f"{sys.version}|{yaml.__version__}|{yaml.__with_libyaml__}".encode())
    for module in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


CODE_VERSION = _code_version()


class ParseCache:
    """Parsed checklists by file name and text; `save` keeps the ones this build used."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, Checklist] = {}
        self._used: dict[str, Checklist] = {}
        if path is None:
            return
        try:
            with path.open("rb") as file:
                data = pickle.load(file)  # noqa: S301 - our own file, beside the project's own code
            if isinstance(data, dict) and data.get("code") == CODE_VERSION and isinstance(data.get("entries"), dict):
                self._entries = data["entries"]
        except Exception:  # noqa: BLE001 - missing, truncated or from another version: start empty
            self._entries = {}

    @classmethod
    def beside(cls, root: Path) -> ParseCache:
        return cls(root / CACHE_FILE)

    @staticmethod
    def _key(text: str, source: str) -> str:
        return hashlib.sha256(f"{CODE_VERSION}\0{source}\0{text}".encode()).hexdigest()

    def get(self, text: str, source: str) -> Checklist | None:
        key = self._key(text, source)
        checklist = self._entries.get(key)
        if isinstance(checklist, Checklist):
            self._used[key] = checklist
            return checklist
        return None

    def put(self, text: str, source: str, checklist: Checklist) -> None:
        self._used[self._key(text, source)] = checklist

    def save(self) -> None:
        """Write the entries this build used, if they differ from the file's; never fails the build."""
        if self.path is None or self._used.keys() == self._entries.keys():
            return
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.path.parent, delete=False) as file:
                temporary = file.name
                pickle.dump({"code": CODE_VERSION, "entries": self._used}, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
            self._entries = dict(self._used)
        except (OSError, pickle.PicklingError):
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
