"""Exports cannot run formulas in a spreadsheet, and phone numbers stay usable (docs/promises.md 15)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from lib.contacts.export import neutralise, to_csv, to_xlsx


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://evil\",\"clic\")", "'=HYPERLINK(\"http://evil\",\"clic\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("+33612345678", "+33612345678"),
    ("+33612345678 +33123456789", "+33612345678 +33123456789"),
    ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
    ("+336123456789012345", "'+336123456789012345"),
    ("Camille", "Camille"),
    ("", ""),
    (None, ""),
    (True, "true"),
])
def test_neutralise(value, expected):
    """Formula triggers get a leading apostrophe; strict E.164 numbers keep their plus sign."""
    assert neutralise(value) == expected


@pytest.mark.parametrize("value", [
    "＝HYPERLINK(\"http://evil\",\"clic\")", "＋cmd|' /C calc'!A0", "－2+3+cmd|' /C calc'!A0", "＠SUM(A1:A9)",
    "﹦1+1", "﹢1+1", "﹣1+1", "﹫SUM(A1)", "−1+1",
    "\u200b=1+1", "\u200c=1+1", "\u200d=1+1", "\u2060=1+1", "\ufeff=1+1", "\u200e+1+1", "\u202e=1+1",
    "\u00ad=1+1", "\u00a0=1+1", " =1+1", "\n=1+1", "\u200b\ufeff ＝1+1", "\u200b+33612345678", "＋33612345678",
])
def test_disguised_formula_signs_are_neutralised(value):
    """Full-width and small signs, and signs behind invisible or blank characters, are formulas too."""
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Camille", "\u200bCamille", "Zoë = amie", "06 12 34 56 78", "Île-de-France"])
def test_ordinary_text_with_signs_inside_is_left_alone(value):
    assert neutralise(value) == value


def test_csv_export_is_utf8_with_bom_and_neutralised():
    """The CSV opens in Excel with accents intact and no live formula."""
    data = to_csv(["prénom", "phone_e164"], [["=1+1", "+33612345678"], ["Hélène", None]])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["prénom", "phone_e164"], ["'=1+1", "+33612345678"], ["Hélène", ""]]


def test_xlsx_export_holds_text_cells_only():
    """Every XLSX cell is a string: no formula can exist in the workbook."""
    data = to_xlsx(["a", "b"], [["=cmd()", "+33612345678"], ["@x", 42]])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type == "s" for cell in cells)
    assert [c.value for c in cells] == ["a", "b", "'=cmd()", "+33612345678", "'@x", "42"]


def test_files_made_in_the_browser_speak_to_people_not_to_scripts():
    """Headers « Téléphone », « Accord WhatsApp »; « oui » / « non »; dates in Paris time; nothing for nothing.
    Every exported column has its header in both languages."""
    import datetime as dt

    from lib.contacts.export import EXPORT_COLUMNS, people_header, people_rows

    header = people_header(EXPORT_COLUMNS, "fr")
    assert header[0] == "Téléphone" and "Accord WhatsApp" in header and not any(h.startswith("col.") for h in header)
    assert not any(h.startswith("col.") for h in people_header(EXPORT_COLUMNS, "en"))
    row = people_rows([["+33612345678", None, True, False, dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)]], "fr")
    assert row == [["+33612345678", "", "oui", "non", "02/07/2026 00:30"]]
