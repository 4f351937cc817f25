"""The Python layout: one concern per folder under macros/, imports pointing down only (CONTRIBUTING.md)."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "macros"
# From the bottom up; a layer may import its own folder and the layers before it.
LAYERS = ("content", "render", "build", "publish", "serve")
MAY_IMPORT = {"content": {"content"}, "render": {"content", "render"},
              "build": {"content", "render", "build"},
              "publish": {"content", "render", "build", "publish"},
              "serve": {"content", "render", "build", "serve"}}


def imported_layers(path: Path) -> set[tuple[str, int]]:
    """(layer, line) for every `macros.<layer>` a module imports, at any depth of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.relative_to(ROOT)}:{node.lineno}: use absolute imports (from macros.<layer>...)"
            names = [node.module or ""] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "macros" and len(parts) > 1 and parts[1] in LAYERS:
                found.add((parts[1], node.lineno))
    return found


def test_every_module_lives_in_a_layer_folder() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], f"modules outside a layer folder: {loose}"
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(LAYERS)


def test_imports_point_down() -> None:
    wrong = []
    for layer in LAYERS:
        for module in sorted((PACKAGE / layer).glob("*.py")):
            for target, line in sorted(imported_layers(module)):
                if target not in MAY_IMPORT[layer]:
                    wrong.append(f"macros/{layer}/{module.name}:{line} imports macros.{target}")
    assert wrong == []


def test_each_folder_says_what_lives_there_and_what_it_may_import() -> None:
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) == 2 and "import" in doc.splitlines()[1].lower(), layer


def test_the_macros_entry_point_holds_only_define_env() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    defined = [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    assert defined == ["define_env"]
    assert not [node for node in tree.body if isinstance(node, ast.Assign)]
