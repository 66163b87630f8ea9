"""The demo file is realistic and always the same."""

from __future__ import annotations

from lib.demo import DEMO_COLUMNS, DEMO_SIZE, demo_rows


def test_demo_rows_are_deterministic_and_complete():
    """Two calls give the same 2,000 rows, every row as wide as the header."""
    rows = demo_rows()
    assert rows == demo_rows()
    assert len(rows) == DEMO_SIZE
    assert all(len(row) == len(DEMO_COLUMNS) for row in rows)


def test_demo_phones_are_written_the_messy_ways_people_write_them():
    """The demo holds the formats the cleaning must handle, scientific notation included."""
    phones = [row[DEMO_COLUMNS.index("Téléphone")] for row in demo_rows()]
    assert any(p.startswith("+33 (0)") for p in phones)
    assert any(p.startswith("0033") for p in phones)
    assert any(p.startswith("'+33") for p in phones)
    assert any(p.startswith("tel:") for p in phones)
    assert any(p.endswith(".0") for p in phones)
    assert any("E+08" in p for p in phones)
    assert any(" / " in p or " ::: " in p for p in phones)
    assert any(p == "" for p in phones)
