"""Reading uploaded contact files: text dialects, workbooks, vCard, known exports, and every refusal."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.contacts.readers import (
    FORMATS,
    KNOWN_EXPORTS,
    VCARD_COLUMNS,
    ReadError,
    ReadLimits,
    Table,
    describe_dialect,
    describe_export,
    read_contacts_file,
)
from lib.i18n import t

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

HEADER = ["Nom", "Prénom", "Téléphone", "Ville"]
PEOPLE = [
    ["Dupont", "Élodie", "06 12 34 56 78", "Saint-Émilion"],
    ["Lefèvre", "Hélène", "+33 6 11 22 33 44", "Besançon"],
    ["Müller", "Chloé", "0698765432", "Mâcon"],
]


def csv_text(rows: list[list[str]], delimiter: str, newline: str = "\r\n") -> str:
    return newline.join(delimiter.join(row) for row in rows) + newline


def xlsx_bytes(*sheets: tuple[str, list[list[object]]], formats: dict[str, str] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for ref, number_format in (formats or {}).items():
        workbook.worksheets[0][ref].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(rows: list[list[object]], sheet_name: str = "Feuille1") -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame(rows).to_excel(buffer, engine="odf", header=False, index=False, sheet_name=sheet_name)
    return buffer.getvalue()


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def handmade_ods(tables: str, *, prolog: str = "", manifest: str = "") -> bytes:
    """An ODS archive around hand-written table XML (LibreOffice's own shapes: repeats, covered cells…)."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODS_NAMESPACES} '
        f'office:version="1.3"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            "META-INF/manifest.xml", manifest or "<manifest/>", compress_type=zipfile.ZIP_DEFLATED
        )
    return buffer.getvalue()


def ods_cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def with_entry(archive_bytes: bytes, name: str, data: bytes, *, replace: bool = True) -> bytes:
    """A copy of a zip archive with one entry added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(archive_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if not (replace and info.filename == name):
                target.writestr(info.filename, source.read(info))
        target.writestr(name, data)
    return buffer.getvalue()


def simple_xlsx() -> bytes:
    return xlsx_bytes(("Contacts", [HEADER, *PEOPLE]))


def read_refusal(data: bytes, **kwargs) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_contacts_file(data, **kwargs)
    return caught.value


# ---------------------------------------------------------------------------------------------------------
# Delimited text


ENCODINGS = [
    # (how the file is written, what the reader reports)
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
    ("cp1252", "cp1252"),
    ("latin-1", "cp1252"),  # identical bytes for these letters; cp1252 is the superset Excel writes
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize(("written", "reported"), ENCODINGS)
def test_every_encoding_and_delimiter_is_detected(written, reported, delimiter):
    """Each encoding Excel or a till writes, with each usual delimiter, reads back exactly and confidently."""
    data = csv_text([HEADER, *PEOPLE], delimiter).encode(written)
    table = read_contacts_file(data, "contacts.csv")
    assert (table.encoding, table.delimiter, table.confident) == (reported, delimiter, True)
    assert table.columns == HEADER
    assert table.rows == PEOPLE
    assert table.row_numbers == [2, 3, 4]
    assert table.alternatives == []
    assert table.format == "csv"


def test_quoted_fields_keep_their_newlines_and_rows_start_where_the_record_starts():
    """A quoted cell over several lines stays one cell; the next row's number is its real line."""
    data = (
        b'Nom;Adresse;Tel\r\nDupont;"12 rue des Vignes\r\nB\xc3\xa2timent B";0612345678\r\n'
        b'Martin;"3 ""bis"" av";07\r\n'
    )
    table = read_contacts_file(data)
    assert table.rows == [
        ["Dupont", "12 rue des Vignes\r\nBâtiment B", "0612345678"],
        ["Martin", '3 "bis" av', "07"],
    ]
    assert table.row_numbers == [2, 4]


def test_byte_order_mark_is_not_part_of_the_first_column_name():
    """Excel's "CSV UTF-8" BOM never leaks into the first header (it would break the mapping)."""
    table = read_contacts_file("\ufeffTéléphone;Prénom\r\n0612345678;Élodie\r\n".encode())
    assert table.columns == ["Téléphone", "Prénom"]
    assert table.encoding == "utf-8-sig"


def test_excel_unicode_text_export_is_utf16_with_tabs():
    """Excel's "Unicode text" export (UTF-16 LE with BOM, tab-separated) reads like any CSV."""
    data = "Prénom\tTéléphone\r\nÉlodie\t06 12 34 56 78\r\n".encode("utf-16")
    table = read_contacts_file(data, "export.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows == [["Élodie", "06 12 34 56 78"]]


def test_windows_accents_and_euro_sign_come_out_right():
    """A cp1252 file from French Excel keeps its accents, ligatures and euro sign."""
    data = "Nom;Goûts;Budget\r\nLœuvre;Crémant, Côtes-du-Rhône;20 €\r\n".encode("cp1252")
    table = read_contacts_file(data)
    assert table.encoding == "cp1252" and table.confident
    assert table.rows == [["Lœuvre", "Crémant, Côtes-du-Rhône", "20 €"]]


def test_excel_sep_line_sets_the_delimiter_and_is_not_a_row():
    """The "sep=;" first line Excel understands is obeyed and skipped; line numbers stay true."""
    table = read_contacts_file(b"sep=;\r\nNom;Tel\r\nDupont, Jean;0612\r\n")
    assert table.columns == ["Nom", "Tel"]
    assert table.rows == [["Dupont, Jean", "0612"]]
    assert table.row_numbers == [3]


def test_decimal_commas_do_not_make_the_comma_a_delimiter():
    """French decimals ("12,50") in a semicolon file do not fool the sniffer."""
    table = read_contacts_file(b"Nom;Budget;Tel\nA;12,50;0612\nB;30,00;0613\nC;8,90;0614\n")
    assert (table.delimiter, table.confident) == (";", True)
    assert table.rows[0] == ["A", "12,50", "0612"]


def test_two_equally_consistent_delimiters_make_the_table_ask():
    """When two delimiters split every line evenly, the table is not confident and lists both."""
    table = read_contacts_file(b"Nom,Pr\xc3\xa9nom;T\xc3\xa9l\nDupont,Jean;0612\nMartin,Paul;0613\n")
    assert table.confident is False
    assert ("utf-8", ",") in table.alternatives and ("utf-8", ";") in table.alternatives
    assert table.alternatives[0] == (table.encoding, table.delimiter)
    assert ("dialect_unsure", {}) in table.warnings


def test_ambiguous_single_byte_encoding_makes_the_table_ask():
    """Bytes that read as plausibly in Windows and Mac encodings are not decided silently."""
    table = read_contacts_file(b"Nom;Ville\nCAF\xe9;PARIS\n")
    assert table.confident is False
    encodings = {encoding for encoding, _ in table.alternatives}
    assert {"cp1252", "mac_roman"} <= encodings


def test_mixed_encodings_offer_utf8_among_the_choices():
    """A file half UTF-8, half Windows is flagged, with UTF-8 among the candidates."""
    table = read_contacts_file(b"Nom;Ville\nH\xc3\xa9l\xe8ne;Paris\n")
    assert table.confident is False
    assert ("utf-8", ";") in table.alternatives


def test_the_users_answer_wins_over_the_guess():
    """Passing encoding and delimiter (the user's choice) reads the file that way, confidently."""
    data = b"Nom,Pr\xc3\xa9nom;T\xc3\xa9l\nDupont,Jean;0612\n"
    table = read_contacts_file(data, encoding="utf-8", delimiter=";")
    assert table.confident and table.alternatives == []
    assert table.columns == ["Nom,Prénom", "Tél"]
    assert table.rows == [["Dupont,Jean", "0612"]]


def test_a_forced_encoding_that_does_not_fit_replaces_and_counts():
    """Forcing UTF-8 on Windows bytes keeps the row, marks the bad characters and says how many."""
    table = read_contacts_file(b"Nom;Ville\nH\xe9l\xe8ne;Paris\n", encoding="utf-8", delimiter=";")
    assert table.rows == [["H\ufffdl\ufffdne", "Paris"]]
    assert ("replaced_characters", {"count": 2}) in table.warnings


def test_one_column_whose_values_contain_commas_keeps_every_line_whole():
    """A list of "Dupont, Jean" names is not split into a fake header and half-names."""
    table = read_contacts_file(b"Nom\nDupont, Jean\nMartin, Paul\nBernard, Luc\n")
    assert table.columns == ["Nom"]
    assert table.rows == [["Dupont, Jean"], ["Martin, Paul"], ["Bernard, Luc"]]
    assert table.confident is False  # the comma reading is offered too


def test_ragged_rows_are_padded_or_cut_and_reported():
    """Short rows are padded, long ones cut to the header, and both are listed by row number."""
    data = b"Nom;Tel;Ville\nA;0612;Paris\nB;0613\nC;0614;Lyon;oops\nD;0615;Dax;\nE;0616;Pau\nF;0617;Metz\n"
    table = read_contacts_file(data)
    assert table.delimiter == ";"
    assert all(len(row) == 3 for row in table.rows)
    assert table.rows[1] == ["B", "0613", ""]
    assert table.rows[2] == ["C", "0614", "Lyon"]
    assert table.ragged_rows == [3, 4]  # an empty trailing field (row 5) is not ragged
    assert ("ragged_rows", {"count": 2, "rows": "3, 4"}) in table.warnings


def test_blank_and_repeated_headers_get_unique_names():
    """A blank header becomes "Colonne N"; repeated ones are numbered; all are stripped."""
    table = read_contacts_file(b" Tel ;;Tel;Nom\n0612;x;0613;A\n")
    assert table.columns == ["Tel", "Colonne 2", "Tel (2)", "Nom"]
    codes = [code for code, _ in table.warnings]
    assert "blank_column_names" in codes and "duplicate_columns" in codes


def test_blank_lines_are_skipped_but_row_numbers_stay_true():
    """Empty lines between contacts disappear without shifting the row numbers."""
    table = read_contacts_file(b"Nom;Tel\n\nA;0612\n;\n\nB;0613\n")
    assert table.rows == [["A", "0612"], ["B", "0613"]]
    assert table.row_numbers == [3, 6]


def test_title_lines_above_the_header_in_a_csv_are_skipped():
    """A title and a blank line above the header (as Excel exports a sheet) are not taken as columns."""
    table = read_contacts_file(b"Salon des vins 2026;;\n;;\nNom;Tel;Ville\nA;0612;Paris\n")
    assert table.columns == ["Nom", "Tel", "Ville"]
    assert table.row_numbers == [4]
    assert table.header_row == 3
    assert ("header_below_title", {"row": 3}) in table.warnings
    assert table.confident


def test_an_unclosed_quote_is_reported():
    """A quote never closed swallows the end of the file: the table says where it started."""
    table = read_contacts_file(b'Nom;Tel\nA;"0612\nB;0613\nC;0614\n')
    assert ("unclosed_quote", {"row": 2}) in table.warnings


# ---------------------------------------------------------------------------------------------------------
# Workbooks


def test_xlsx_header_below_a_title_and_real_sheet_row_numbers():
    """A title in A1 and a blank line above the header: columns from row 3, rows numbered as in Excel."""
    data = xlsx_bytes(("Salon", [["Salon des vins 2026"], [], HEADER, PEOPLE[0], [], PEOPLE[1]]))
    table = read_contacts_file(data, "salon.xlsx")
    assert table.format == "xlsx"
    assert table.columns == HEADER
    assert table.rows == [PEOPLE[0], PEOPLE[1]]
    assert table.row_numbers == [4, 6]
    assert ("header_below_title", {"row": 3}) in table.warnings
    assert (table.encoding, table.delimiter, table.confident) == (None, None, True)


def test_ods_header_below_a_title_and_real_sheet_row_numbers():
    """The same sign-up sheet saved by LibreOffice reads the same way."""
    data = ods_bytes([["Salon des vins 2026", None, None, None], [None] * 4, HEADER, PEOPLE[0], PEOPLE[1]])
    table = read_contacts_file(data, "salon.ods")
    assert table.format == "ods"
    assert table.columns == HEADER
    assert table.rows == [PEOPLE[0], PEOPLE[1]]
    assert table.row_numbers == [4, 5]
    assert table.sheet_names == ["Feuille1"]


XLSX_NUMBERS = [
    (612345678, "General", "612345678"),
    (612345678.0, "General", "612345678"),
    (33612345678, "General", "33612345678"),
    (33612345678.0, "0.00E+00", "33612345678"),  # shown in scientific notation, stored whole
    (12.5, "General", "12.5"),
    (0.1, "General", "0.1"),
    (1e-05, "General", "0.00001"),
    (-3, "General", "-3"),
    (612345678, "0000000000", "0612345678"),  # a phone typed as a number, shown with its zero
    (612345678, "00\\ 00\\ 00\\ 00\\ 00", "0612345678"),
    (True, "General", "TRUE"),
    (dt.date(2026, 3, 14), "yyyy-mm-dd", "2026-03-14"),
    (dt.datetime(2026, 3, 14, 10, 30), "yyyy-mm-dd hh:mm", "2026-03-14T10:30:00"),
    ("0612345678", "@", "0612345678"),
]


@pytest.mark.parametrize(("value", "number_format", "expected"), XLSX_NUMBERS)
def test_xlsx_numbers_and_dates_come_out_as_plain_text(value, number_format, expected):
    """Numbers keep every digit and gain no ".0"; dates are ISO; a zero-padding format keeps the 0."""
    data = xlsx_bytes(("Contacts", [["Valeur"], [value]]), formats={"A2": number_format})
    table = read_contacts_file(data)
    assert table.rows == [[expected]]


ODS_VALUES = [
    ('office:value-type="float" office:value="612345678"', "612345678", "612345678"),
    ('office:value-type="float" office:value="6.12345678E8"', "6,12E+08", "612345678"),
    ('office:value-type="float" office:value="612345678"', "06 12 34 56 78", "0612345678"),
    ('office:value-type="float" office:value="12.5"', "12,50", "12.5"),
    ('office:value-type="currency" office:currency="EUR" office:value="25"', "25,00 €", "25"),
    ('office:value-type="percentage" office:value="0.15"', "15 %", "0.15"),
    ('office:value-type="date" office:date-value="2026-03-14"', "14/03/26", "2026-03-14"),
    (
        'office:value-type="date" office:date-value="2026-03-14T10:30:00"',
        "14/03/26 10:30",
        "2026-03-14T10:30:00",
    ),
    ('office:value-type="time" office:time-value="PT10H30M00S"', "10:30", "10:30:00"),
    ('office:value-type="boolean" office:boolean-value="true"', "VRAI", "TRUE"),
    ('office:value-type="string"', 'Côte <text:s text:c="2"/>d\'Or', "Côte   d'Or"),
]


@pytest.mark.parametrize(("attributes", "shown", "expected"), ODS_VALUES)
def test_ods_values_come_out_as_plain_text(attributes, shown, expected):
    """ODS numbers come from their stored value, dates are ISO, spaces and zeros are kept."""
    cell = f"<table:table-cell {attributes}><text:p>{shown}</text:p></table:table-cell>"
    data = handmade_ods(
        f'<table:table table:name="F"><table:table-row>{ods_cell("Valeur")}</table:table-row>'
        f"<table:table-row>{cell}</table:table-row></table:table>"
    )
    assert read_contacts_file(data).rows == [[expected]]


def test_ods_repeated_rows_and_cells_are_expanded_only_where_they_hold_data():
    """LibreOffice's repeats: filled ones are copied, the million empty trailing ones cost nothing."""
    tables = (
        '<table:table table:name="Clients">'
        f"<table:table-row>{ods_cell('Nom')}{ods_cell('Ville')}"
        '<table:table-cell table:number-columns-repeated="16382"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="2">'
        f'{ods_cell("Dupont")}<table:table-cell table:number-columns-repeated="1" office:value-type="string">'
        '<text:p>Paris</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16382"/>'
        "</table:table-row>"
        f"<table:table-row><table:covered-table-cell/>{ods_cell('Lyon')}</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048571">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        "</table:table>"
    )
    started = time.perf_counter()
    table = read_contacts_file(handmade_ods(tables))
    assert time.perf_counter() - started < 2
    assert table.columns == ["Nom", "Ville"]
    assert table.rows == [["Dupont", "Paris"], ["Dupont", "Paris"], ["", "Lyon"]]
    assert table.row_numbers == [2, 3, 4]


def test_ods_cell_with_several_paragraphs_keeps_the_line_breaks():
    """A cell typed on two lines keeps both lines."""
    cell = '<table:table-cell office:value-type="string"><text:p>12 rue X</text:p><text:p>Bât B</text:p>'
    data = handmade_ods(
        f'<table:table table:name="F"><table:table-row>{ods_cell("Adresse")}</table:table-row>'
        f"<table:table-row>{cell}</table:table-cell></table:table-row></table:table>"
    )
    assert read_contacts_file(data).rows == [["12 rue X\nBât B"]]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_first_non_empty_sheet_is_read_and_all_sheet_names_are_listed(fmt):
    """An empty first sheet is passed over; the others are named so the page can offer them."""
    if fmt == "xlsx":
        data = xlsx_bytes(("Notes", []), ("Contacts", [HEADER, PEOPLE[0]]), ("Archives", [HEADER, PEOPLE[1]]))
    else:
        data = handmade_ods(
            '<table:table table:name="Notes"><table:table-row><table:table-cell/></table:table-row>'
            "</table:table>"
            f'<table:table table:name="Contacts"><table:table-row>{ods_cell("Nom")}</table:table-row>'
            f"<table:table-row>{ods_cell('Dupont')}</table:table-row></table:table>"
            f'<table:table table:name="Archives"><table:table-row>{ods_cell("Nom")}</table:table-row>'
            f"<table:table-row>{ods_cell('Lefèvre')}</table:table-row></table:table>"
        )
    table = read_contacts_file(data)
    assert table.sheet_names == ["Notes", "Contacts", "Archives"]
    assert table.sheet == "Contacts"
    assert table.rows[0][0] == "Dupont"
    assert ("other_sheets", {"sheet": "Contacts", "others": "Notes, Archives"}) in table.warnings
    chosen = read_contacts_file(data, sheet="Archives")
    assert (chosen.sheet, chosen.rows[0][0]) == ("Archives", "Lefèvre")
    assert read_refusal(data, sheet="Absente").code == "sheet_not_found"


def test_xlsx_values_right_of_the_header_get_a_column():
    """A note typed in a column without a header is kept under "Colonne N", not dropped."""
    data = xlsx_bytes(("F", [["Nom", "Tel"], ["A", "0612", None, "rappeler"]]))
    table = read_contacts_file(data)
    assert table.columns == ["Nom", "Tel", "Colonne 3", "Colonne 4"]
    assert table.rows == [["A", "0612", "", "rappeler"]]


def test_xlsx_with_a_wrong_stored_dimension_is_read_entirely():
    """Some generators write a too-small <dimension>; every row is still read."""
    data = simple_xlsx()
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheet_xml = archive.read("xl/worksheets/sheet1.xml").replace(
        b'<dimension ref="A1:D4"/>', b'<dimension ref="A1"/>'
    )
    table = read_contacts_file(with_entry(data, "xl/worksheets/sheet1.xml", sheet_xml))
    assert table.rows == PEOPLE


# ---------------------------------------------------------------------------------------------------------
# vCard


def test_vcard_21_quoted_printable_folding_and_several_numbers():
    """Android's 2.1 export: QP with soft breaks and charsets, several TEL with the mobile first."""
    table = read_contacts_file((FIXTURES / "android_2_1.vcf").read_bytes(), "contacts.vcf")
    assert table.format == "vcard"
    assert table.columns == list(VCARD_COLUMNS)
    assert table.row_numbers == [1, 2]
    first = dict(zip(table.columns, table.rows[0], strict=True))
    assert first["Nom complet"] == "Élodie Dupont de la Cave Saint-Émilion"
    assert (first["Prénom"], first["Nom"]) == ("Élodie", "Dupont")
    assert first["Téléphone"] == "06 12 34 56 78 ::: 01 44 55 66 77 ::: +33 5 57 00 00 00"
    assert (first["Ville"], first["Code postal"], first["Pays"]) == ("Saint-Émilion", "33330", "France")
    assert first["Notes"] == "Aime les rouges de Bordeaux,\nbudget 20-30 €"
    assert table.known_export == "android_vcard"


def test_vcard_21_latin1_charset_and_folded_lines():
    """A QP value in ISO-8859-1 and a folded line (continuation starting with a space) are decoded."""
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Lef=E8vre;H=E9l=E8ne\r\n"
        b"FN:H\xc3\xa9l\xc3\xa8ne Lef\r\n \xc3\xa8vre\r\n"
        b"TEL;WORK;VOICE:03 80 00 00 00\r\nTEL;CELL:06 11 22 33 44\r\n"
        b"EMAIL;INTERNET:helene@example.fr\r\nEND:VCARD\r\n"
    )
    row = dict(zip(VCARD_COLUMNS, read_contacts_file(data).rows[0], strict=True))
    assert (row["Prénom"], row["Nom"], row["Nom complet"]) == ("Hélène", "Lefèvre", "Hélène Lefèvre")
    assert row["Téléphone"] == "06 11 22 33 44 ::: 03 80 00 00 00"
    assert row["E-mail"] == "helene@example.fr"


def test_vcard_30_from_an_iphone():
    """iPhone's 3.0 export: escapes, X-ABLabel mobile labels, categories, birthday, photo skipped."""
    table = read_contacts_file((FIXTURES / "iphone_3_0.vcf").read_bytes())
    row = dict(zip(table.columns, table.rows[0], strict=True))
    assert row["Téléphone"] == "06 11 22 33 44 ::: 01 23 45 67 89"
    assert row["Notes"] == "Salon 2025, stand 12\nRappeler en mars"
    assert row["Catégories"] == "Clients, Salon 2025"
    assert row["Date de naissance"] == "1975-06-21"
    assert row["Organisation"] == "Cave Lefèvre"
    assert table.known_export == "iphone_vcard"


def test_vcard_40_uris_preferences_and_partial_birthday():
    """vCard 4.0: tel: URIs, PREF=1, quoted TYPE lists, --MMDD birthdays, several CATEGORIES."""
    table = read_contacts_file((FIXTURES / "vcard_4_0.vcf").read_bytes())
    row = dict(zip(table.columns, table.rows[0], strict=True))
    assert row["Téléphone"] == "+33-6-55-44-33-22 ::: +33-4-78-00-00-00"
    assert row["E-mail"] == "jb@example.fr ::: jb.moreau@example.com"
    assert (row["Ville"], row["Code postal"]) == ("Lyon", "69002")
    assert row["Date de naissance"] == "--04-15"
    assert row["Catégories"] == "Bourgogne, Champagne, VIP"
    assert table.known_export is None


def test_vcard_without_fn_builds_the_full_name_from_n():
    """A card with only N still gets a full name."""
    table = read_contacts_file(b"BEGIN:VCARD\nVERSION:3.0\nN:Petit;Luc;;;\nTEL;TYPE=CELL:0612\nEND:VCARD\n")
    assert table.rows[0][:3] == ["Luc Petit", "Luc", "Petit"]


# ---------------------------------------------------------------------------------------------------------
# Known exports


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("google_contacts.csv", "google_csv"),
        ("google_contacts_legacy.csv", "google_csv"),
        ("outlook_contacts.csv", "outlook_csv"),
        ("shopify_customers.csv", "shopify_customers"),
        ("shopify_customers_legacy.csv", "shopify_customers"),
        ("iphone_3_0.vcf", "iphone_vcard"),
        ("android_2_1.vcf", "android_vcard"),
        ("vcard_4_0.vcf", None),
    ],
)
def test_known_exports_are_recognised_by_their_content(fixture, expected):
    """Google, Outlook, Shopify, iPhone and Android exports are named; a plain vCard is not."""
    table = read_contacts_file((FIXTURES / fixture).read_bytes(), "anything.txt")
    assert table.known_export == expected
    assert table.confident
    assert not table.ragged_rows


def test_a_known_export_saved_as_xlsx_is_still_recognised():
    """Recognition looks at the headers, whatever the container."""
    header = [
        "Customer ID",
        "First Name",
        "Last Name",
        "Email",
        "Accepts Email Marketing",
        "Phone",
        "Total Spent",
    ]
    data = xlsx_bytes(
        ("customers_export", [header, ["1", "Claire", "Bernard", "c@example.fr", "yes", "x", "1"]])
    )
    assert read_contacts_file(data).known_export == "shopify_customers"


def test_google_multi_value_cells_are_kept_as_written():
    """Google's " ::: " in one cell reaches the importer untouched (it splits them)."""
    table = read_contacts_file((FIXTURES / "google_contacts.csv").read_bytes())
    phones = table.to_frame()["Phone 1 - Value"].tolist()
    assert phones == ["+33 6 12 34 56 78 ::: 01 44 55 66 77", "07 98 76 54 32"]


# ---------------------------------------------------------------------------------------------------------
# Refusals


def bomb_xlsx() -> bytes:
    """A real workbook plus a 20 MB entry of zeros that deflates to about 20 kB."""
    return with_entry(simple_xlsx(), "xl/media/image1.bin", b"\0" * (20 * 1024 * 1024))


def entity_bomb_xlsx() -> bytes:
    """A workbook whose sheet XML declares nested entities ("billion laughs")."""
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>'
    )
    return with_entry(simple_xlsx(), "xl/worksheets/sheet1.xml", sheet.encode())


def big_total_xlsx() -> bytes:
    """Entries that are each small and barely compressible but add up past a 1 MB total."""
    data = simple_xlsx()
    for index in range(3):
        data = with_entry(data, f"xl/media/image{index}.bin", os.urandom(400_000))
    return data


REFUSALS = [
    ("empty", lambda: b"", {}, "empty_file"),
    ("bom only", lambda: b"\xef\xbb\xbf", {}, "empty_file"),
    ("blank lines", lambda: b" \r\n\r\n\t\n", {}, "empty_file"),
    ("utf-16 blank", lambda: "\r\n".encode("utf-16"), {}, "empty_file"),
    ("empty workbook", lambda: xlsx_bytes(("Feuil1", [])), {}, "empty_file"),
    ("too large", lambda: b"Nom;Tel\n" * 20, {"limits": ReadLimits(max_bytes=100)}, "too_large"),
    (
        "too many rows csv",
        lambda: b"Tel\n" + b"0612345678\n" * 11,
        {"limits": ReadLimits(max_rows=10)},
        "too_many_rows",
    ),
    (
        "too many rows xlsx",
        lambda: xlsx_bytes(("F", [["Tel"]] + [["0612"]] * 11)),
        {"limits": ReadLimits(max_rows=10)},
        "too_many_rows",
    ),
    (
        "too many rows ods repeat",
        lambda: handmade_ods(
            f'<table:table table:name="F"><table:table-row>{ods_cell("Tel")}</table:table-row>'
            f'<table:table-row table:number-rows-repeated="1000000000">{ods_cell("0612")}</table:table-row>'
            "</table:table>"
        ),
        {},
        "too_many_rows",
    ),
    (
        "too many cards",
        lambda: b"BEGIN:VCARD\nFN:A\nEND:VCARD\n" * 11,
        {"limits": ReadLimits(max_rows=10)},
        "too_many_rows",
    ),
    (
        "too many columns csv",
        lambda: b"a;b;c;d\n1;2;3;4\n",
        {"limits": ReadLimits(max_columns=3)},
        "too_many_columns",
    ),
    (
        "too many columns xlsx",
        lambda: xlsx_bytes(("F", [["a", "b"], ["1", "2", "3", "4"]])),
        {"limits": ReadLimits(max_columns=3)},
        "too_many_columns",
    ),
    (
        "too many columns ods repeat",
        lambda: handmade_ods(
            '<table:table table:name="F"><table:table-row><table:table-cell table:number-columns-repeated='
            '"100000000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
            "</table:table>"
        ),
        {},
        "too_many_columns",
    ),
    ("unclosed quote past csv limit", lambda: b'Nom;Note\nA;"' + b"x" * 200_000 + b"\n", {}, "cell_too_long"),
    ("zip bomb ratio", bomb_xlsx, {}, "archive_bomb"),
    ("zip total", big_total_xlsx, {"limits": ReadLimits(max_uncompressed_bytes=1_000_000)}, "archive_bomb"),
    ("xml entity bomb xlsx", entity_bomb_xlsx, {}, "archive_bomb"),
    (
        "doctype in ods",
        lambda: handmade_ods('<table:table table:name="F"/>', prolog='<!DOCTYPE x [<!ENTITY e "x">]>'),
        {},
        "archive_bomb",
    ),
    (
        "encrypted ooxml",
        lambda: OLE_MAGIC + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"),
        {},
        "encrypted",
    ),
    (
        "encrypted ods",
        lambda: handmade_ods('<table:table table:name="F"/>', manifest="<manifest:encryption-data/>"),
        {},
        "encrypted",
    ),
    ("legacy xls", lambda: OLE_MAGIC + b"\0" * 64 + "Workbook".encode("utf-16-le"), {}, "unsupported_format"),
    ("pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", {}, "unsupported_format"),
    ("png", lambda: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", {}, "unsupported_format"),
    ("jpeg", lambda: b"\xff\xd8\xff\xe0\0\x10JFIF", {}, "unsupported_format"),
    (
        "html table named xls",
        lambda: b"<html><body><table><tr><td>Nom</td></tr></table>",
        {},
        "unsupported_format",
    ),
    (
        "word document",
        lambda: with_entry(simple_xlsx(), "word/document.xml", b"<w/>").replace(
            b"xl/workbook.xml", b"xl/workbook.xmm"
        ),
        {},
        "unsupported_format",
    ),
    ("random binary", lambda: bytes(range(256)) * 8, {}, "unsupported_format"),
    ("truncated xlsx", lambda: simple_xlsx()[:3000], {}, "unreadable"),
    ("unknown forced encoding", lambda: b"Nom\nA\n", {"encoding": "klingon"}, "unreadable"),
    ("line of delimiters", lambda: b"Nom;Tel\nA;" + b";" * 200_001 + b"\n", {}, "too_many_columns"),
    (
        "card with endless numbers",
        lambda: b"BEGIN:VCARD\n" + b"TEL:0612\n" * 2000 + b"END:VCARD\n",
        {},
        "cell_too_long",
    ),
    ("cards nested past reason", lambda: b"BEGIN:VCARD\n" * 10 + b"FN:A\n", {}, "unreadable"),
    ("no header", lambda: b"0612345678\n0698765432\n", {}, "no_header"),
    ("no header with emails", lambda: b"Dupont;jean@example.fr\nMartin;paul@example.fr\n", {}, "no_header"),
]


@pytest.mark.parametrize(("data", "kwargs", "code"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_refusals_raise_read_error_with_a_code_and_a_sentence(data, kwargs, code):
    """Each refused file raises ReadError with its code, quickly, and a readable sentence (not the code)."""
    payload = data()
    started = time.perf_counter()
    error = read_refusal(payload, **kwargs)
    assert time.perf_counter() - started < 3
    assert error.code == code
    assert error.message and not error.message.startswith("readers.")
    assert str(error) == error.message


def test_archive_bomb_is_refused_from_the_directory_without_decompressing():
    """The 20 MB entry is never inflated: memory stays far below its size and the answer is immediate."""
    data = bomb_xlsx()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        error = read_refusal(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.code == "archive_bomb"
    assert time.perf_counter() - started < 1
    assert peak < 5 * 1024 * 1024


def test_refusal_messages_exist_in_french_and_english():
    """The sentence follows the session's language and fills its placeholders."""
    error = ReadError("too_many_rows", limit="1\u202f000\u202f000")
    assert "lignes" in t("readers.error.too_many_rows", "fr", limit="10")
    assert "1\u202f000\u202f000" in error.message
    kind = ReadError("unsupported_format", kind="xls")
    assert ".xls" in kind.message and "{kind}" not in kind.message
    english = t("readers.error.unsupported_format", "en", kind=t("readers.kind.pdf", "en"))
    assert english.startswith("This file looks like a PDF document")


def test_unexpected_failures_become_unreadable_and_never_escape():
    """Input that breaks a parser in an unforeseen way is still a ReadError("unreadable")."""
    broken = with_entry(simple_xlsx(), "xl/workbook.xml", b"<workbook><sheets><sheet name=")
    assert read_refusal(broken).code == "unreadable"


# ---------------------------------------------------------------------------------------------------------
# The table itself


def test_to_frame_is_text_indexed_by_row_number():
    """The DataFrame holds str cells only, indexed by where each row is in the file."""
    table = read_contacts_file(b"Nom;Tel\nA;0612\n\nB;\n")
    frame = table.to_frame()
    assert list(frame.columns) == ["Nom", "Tel"]
    assert list(frame.index) == [2, 4]
    assert all(pd.api.types.is_string_dtype(dtype) for dtype in frame.dtypes)
    assert frame.loc[4, "Tel"] == ""
    assert not frame.isna().any().any()


def test_warning_messages_are_sentences():
    """Every warning code the reader emits has a sentence with its placeholders filled."""
    table = read_contacts_file(b"Titre;;\n\n;Tel;Tel\nA;0612\n")
    messages = table.warning_messages()
    assert messages and all("{" not in m and not m.startswith("readers.") for m in messages)


@pytest.mark.parametrize("known_export", KNOWN_EXPORTS)
def test_every_known_export_has_a_name(known_export):
    """The page can say which export it recognised, in French and English."""
    assert not describe_export(known_export).startswith("readers.")
    assert t(f"readers.export.{known_export}", "en") != t(f"readers.export.{known_export}", "fr")


def test_describe_dialect_names_the_choice_in_plain_words():
    """The page can show each alternative as "encoding, separated by …"."""
    assert describe_dialect("cp1252", ";") == t(
        "readers.dialect", encoding=t("readers.encoding.cp1252"), delimiter=t("readers.delimiter.semicolon")
    )
    assert "point-virgule" in describe_dialect("utf-8", ";")


# ---------------------------------------------------------------------------------------------------------
# Property tests: no input makes the reader crash or hang


def _check_table(table: Table) -> None:
    assert table.format in FORMATS
    assert len(table.columns) == len(set(table.columns)) and all(table.columns)
    assert all(len(row) == len(table.columns) for row in table.rows)
    assert all(isinstance(cell, str) for row in table.rows for cell in row)
    assert len(table.row_numbers) == len(table.rows)
    assert table.row_numbers == sorted(table.row_numbers)


def _read_quickly(data: bytes, *, deliberate_only: bool) -> None:
    started = time.perf_counter()
    try:
        _check_table(read_contacts_file(data))
    except ReadError as error:
        if deliberate_only:
            # Text never reaches a third-party parser: every refusal must be one the reader chose.
            assert error.__cause__ is None, repr(error.__cause__)
    assert time.perf_counter() - started < 2


PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"BEGIN:VCARD\r\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    OLE_MAGIC,
    b"Nom;T\xc3\xa9l\n",
    b"sep=,\n",
]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000))
def test_random_bytes_never_raise_anything_but_read_error(prefix, body):
    """Random bytes, alone or after a format's magic, end in a table or a ReadError, within seconds."""
    _read_quickly(prefix + body, deliberate_only=not prefix.startswith((b"PK", OLE_MAGIC)))


CSV_ALPHABET = st.sampled_from(list('ab é;,|\t"\n\r=:\\') + ["BEGIN:VCARD", "\r\n ", "END:VCARD"])


@FUZZ
@given(
    pieces=st.lists(CSV_ALPHABET, max_size=300),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_random_delimited_text_gives_a_well_formed_table(pieces, encoding):
    """Text made of delimiters, quotes and line breaks gives a rectangular table of str, or a refusal."""
    _read_quickly("".join(pieces).encode(encoding), deliberate_only=True)


_SAMPLES = {
    "xlsx": simple_xlsx(),
    "ods": ods_bytes([HEADER, *PEOPLE]),
}


@pytest.mark.filterwarnings("ignore::UserWarning")  # openpyxl comments on damaged parts
@FUZZ
@given(
    kind=st.sampled_from(sorted(_SAMPLES)),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
)
def test_damaged_workbooks_are_refused_not_crashed(kind, flips):
    """A valid workbook with random bytes overwritten reads or is refused, never crashes or hangs."""
    data = bytearray(_SAMPLES[kind])
    for position, value in flips:
        data[position % len(data)] = value
    _read_quickly(bytes(data), deliberate_only=False)


@pytest.mark.filterwarnings("ignore::UserWarning")
@FUZZ
@given(
    kind=st.sampled_from(sorted(_SAMPLES)),
    edits=st.lists(
        st.tuples(
            st.integers(0, 10**6),
            st.sampled_from([b"", b"<", b">", b'"', b"&", b"-1", b"99999999999", b'<row r="0"/>', b"\xff"]),
            st.integers(0, 20),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_workbooks_with_broken_xml_inside_a_valid_archive_are_refused_not_crashed(kind, edits):
    """Damaged XML behind an intact zip (the parsers' own input) reads or is refused, quickly."""
    archive = zipfile.ZipFile(io.BytesIO(_SAMPLES[kind]))
    xml_names = sorted(name for name in archive.namelist() if name.endswith(".xml"))
    target = xml_names[edits[0][0] % len(xml_names)]
    content = bytearray(archive.read(target))
    for position, insert, removed in edits:
        at = position % len(content)
        content[at : at + removed] = insert
    _read_quickly(with_entry(_SAMPLES[kind], target, bytes(content)), deliberate_only=False)


def test_cells_right_of_the_column_limit_are_not_read_and_the_table_says_so():
    """A sheet claiming 16,384 columns is read up to the limit, with a warning instead of a long wait."""
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:XFD3"/><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>Dupont</t></is></c><c r="XFD2"><v>1</v></c></row>'
        b"</sheetData></worksheet>"
    )
    table = read_contacts_file(with_entry(simple_xlsx(), "xl/worksheets/sheet1.xml", sheet))
    assert table.rows == [["Dupont"]]
    assert ("columns_beyond_limit", {"limit": 200}) in table.warnings


def test_an_ods_repetition_bomb_is_refused_fast_before_anything_is_unfolded():
    """#13 item 3: 660 bytes claiming 999,990 rows × 200 cells is refused in about a second, small memory."""
    from tests.support.files import ods_repetition_bomb

    data = ods_repetition_bomb()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ReadError) as refused:
            read_contacts_file(data, "bombe.ods")
        elapsed = time.perf_counter() - started
        left, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "too_many_cells"
    assert left < 2 * 2**20  # nothing of the refused file stays behind
    assert "cellules" in refused.value.message and "importreport" not in refused.value.message
    assert elapsed < 3
    assert peak < 30 * 2**20


def test_filled_repeated_rows_count_towards_the_cell_limit_and_trailing_empty_ones_do_not():
    """Repeats of a filled row are counted as rows × width; LibreOffice's trailing empty repeats are free."""
    from tests.support.files import ods_archive

    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    tables = ('<table:table table:name="F">'
              f'<table:table-row>{cell.format("Nom")}{cell.format("Ville")}</table:table-row>'
              f'<table:table-row table:number-rows-repeated="30">{cell.format("a")}{cell.format("b")}'
              '<table:table-cell table:number-columns-repeated="16382"/></table:table-row>'
              '<table:table-row table:number-rows-repeated="1048000">'
              '<table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>')
    assert len(read_contacts_file(ods_archive(tables)).rows) == 30
    with pytest.raises(ReadError) as refused:
        read_contacts_file(ods_archive(tables), limits=ReadLimits(max_cells=50))
    assert refused.value.code == "too_many_cells"
    with pytest.raises(ReadError) as refused_csv:
        read_contacts_file(("Nom;Ville\n" + "a;b\n" * 30).encode(), limits=ReadLimits(max_cells=50))
    assert refused_csv.value.code == "too_many_cells"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_one_over_long_cell_costs_its_value_not_the_file(fmt):
    """#12 item 5: a 20,000-character name no longer refuses ten good contacts; the cell is cut, its row named."""
    rows = [["Nom", "Téléphone"]] + [[f"Client {i}", f"06 12 34 56 {i:02d}"] for i in range(10)]
    rows.insert(4, ["x" * 20_000, "06 98 76 54 32"])
    if fmt == "csv":
        data = "\n".join(";".join(row) for row in rows).encode()
    elif fmt == "xlsx":
        data = xlsx_bytes(("Contacts", rows))
    else:
        data = ods_bytes(rows)
    table = read_contacts_file(data)
    assert len(table.rows) == 11
    assert table.cut_cells == [(5, "Nom")]
    assert len(table.rows[3][0]) == 10_000
    assert any("ligne 5" in message or "5" in message for message in table.warning_messages())
    assert not any("importreport" in message for message in table.warning_messages())
