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
