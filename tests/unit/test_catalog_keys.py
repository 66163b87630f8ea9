"""Every key the code asks for is in the catalog (a missing one would show its raw code on screen), and every
key in the catalog is asked for somewhere (literally, or through a prefix such as ``f"col.{name}"`` or an
error class's ``prefix = "links.error."``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from lib.i18n import CATALOG

ROOT = Path(__file__).resolve().parent.parent.parent
KEY = re.compile(r"[a-z_]+(\.[a-z0-9_-]+)+")
PREFIX = re.compile(r"[a-z_]+(\.[a-z0-9_]+)*[._]")
NAMESPACES = {key.split(".", 1)[0] for key in CATALOG}


def _code_files() -> list[Path]:
    files = [path for path in (ROOT / "lib").rglob("*.py") if "i18n" not in path.relative_to(ROOT).parts]
    return files + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py", ROOT / "cercle.py"]


def _strings() -> tuple[set[str], set[str]]:
    """(keys written whole, prefixes keys are built from) in the code."""
    keys, prefixes = set(), set()
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if KEY.fullmatch(node.value) and not node.value.endswith(("_", ".")):
                    keys.add(node.value)
                elif PREFIX.fullmatch(node.value):
                    prefixes.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = node.values[0].value
                if isinstance(head, str) and PREFIX.fullmatch(head):
                    prefixes.add(head)
    return keys, prefixes


def test_every_key_the_code_asks_for_is_in_the_catalog():
    keys, _ = _strings()
    asked = {key for key in keys if key.split(".", 1)[0] in NAMESPACES}
    assert sorted(asked - set(CATALOG)) == []


def test_every_catalog_key_is_used():
    keys, prefixes = _strings()
    unused = sorted(key for key in CATALOG if key not in keys and not any(key.startswith(p) for p in prefixes))
    assert unused == []
