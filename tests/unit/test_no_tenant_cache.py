"""docs/promises.md 5: no cache or module global carries one workspace's data into another session."""

from __future__ import annotations

import ast

from lib.contacts import intake, phones
from lib.contacts.countries import country_code
from tests.support.db import PROJECT_ROOT

_SOURCES = [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").glob("*.py")),
            *sorted((PROJECT_ROOT / "lib").rglob("*.py"))]


_CACHES = {"cache_data", "cache_resource", "cache", "experimental_memo", "experimental_singleton"}


def _streamlit_caches(path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in _CACHES:
            base = node.value
            if isinstance(base, ast.Name) and base.id in {"st", "streamlit"}:
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    return found


def test_no_streamlit_cache_anywhere():
    """Streamlit's caches are shared by every session of the process: Cercle uses none of them."""
    assert [hit for path in _SOURCES for hit in _streamlit_caches(path)] == []


def test_phone_memo_is_emptied_after_a_column():
    """The fallback validator's memo holds raw numbers only while one column is cleaned."""
    cells = ["06 12 34 56 78 (bureau)", "+33 (0)6 11 22 33 44", "0033 6 55 44 33 22 poste 12", "+1 212 555 0100"]
    phones.clean_phone_cells(cells, "FR")
    assert phones._validate_remembered.cache_info().currsize == 0


def test_cell_memos_are_emptied_after_an_import_file():
    """Budgets, dates, interests and countries of one file are not kept once it is cleaned."""
    columns = ["Téléphone", "Budget", "Date de naissance", "Intérêts", "Pays", "Majeur"]
    rows = [["06 12 34 56 78", "entre 20 et 40 €", "12/03/1980", "vin rouge, champagne", "France", "oui"],
            ["+32 470 12 34 56", "80", "1975-01-02", "rosé", "Belgique", "x"]]
    cleaned = intake.clean_rows(columns, rows, region="FR")
    assert len(cleaned.records) == 2
    for memo in (intake.parse_budget, intake.is_yes, intake.parse_date, intake._split_interests, country_code):
        assert memo.cache_info().currsize == 0, memo
