"""The suite's own layout: no test module imports another (shared helpers live in tests/support/), and every test
carries its layer's marker so each layer runs alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_test_module_imports_another_test_module_or_a_conftest():
    offenders = []
    for path in sorted([*TESTS.rglob("*.py"), *(TESTS.parent / "bench").glob("*.py")]):
        for module in _imported_modules(path):
            if module.startswith("tests.") and not module.startswith("tests.support."):
                offenders.append(f"{path.relative_to(TESTS.parent)} imports {module}")
    assert offenders == [], "move what they share to tests/support/:\n" + "\n".join(offenders)


@pytest.mark.parametrize("layer", ["unit", "db", "app", "e2e"])
def test_each_layer_folder_holds_tests(layer):
    assert any((TESTS / layer).glob("test_*.py"))


def test_this_test_carries_the_unit_marker(request):
    assert request.node.get_closest_marker("unit") is not None


def test_every_clock_module_exists():
    """The modules the CI reruns with the day moved are real files (a rename would silently drop them)."""
    from tests.support.layers import CLOCK_MODULES

    assert sorted(m for m in CLOCK_MODULES if not (TESTS / m).exists()) == []


def test_the_readme_code_map_names_every_package_and_module_of_lib():
    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    code_map = readme[readme.index("### Organisation du code"):]
    lib = TESTS.parent / "lib"
    names = [f"`{p.name}/`" for p in lib.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    names += [f"`{p.name}`" for p in lib.glob("*.py") if p.name != "__init__.py"]
    assert sorted(name for name in names if name not in code_map) == []


def test_every_file_the_docs_name_exists():
    import re

    root = TESTS.parent
    for doc in ["README.md", *(f"docs/{p.name}" for p in (root / "docs").glob("*.md"))]:
        text = (root / doc).read_text(encoding="utf-8")
        named = set(re.findall(r"`((?:lib|tests|pages|bench|docs|supabase)/[\w./-]+\.(?:py|md|sql))`", text))
        assert sorted(path for path in named if not (root / path).exists()) == [], doc
