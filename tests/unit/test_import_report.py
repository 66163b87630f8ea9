"""The import report tells the truth: a dropped number is never « Réparé », losses and repairs are apart."""

from __future__ import annotations

from lib.contacts.importer import ImportReport, preview, report_rows, status_label
from lib.contacts.intake import clean_rows
from lib.contacts.phones import CELL_CODES, REPAIR_CODES

COLUMNS = ["Nom", "Portable", "E-mail"]


def test_the_preview_never_calls_a_dropped_number_repaired():
    """#12 item 4: « 06 12 34 » kept by its email was labelled « Réparé »."""
    rows = [["A", "06 12 34", "a@example.fr"], ["B", "0033 6 12 34 56 78", ""], ["C", "06 12 34 56 79", ""],
            ["D", "6,12346E+08", ""]]
    mapping = {"Nom": "full_name", "Portable": "phone", "E-mail": "email"}
    shown = {row["row"]: row for row in preview(COLUMNS, rows, mapping, "FR")}
    assert [shown[n]["status"] for n in (2, 3, 4, 5)] == ["phone_lost", "repaired", "ok", "refused"]
    assert status_label("phone_lost") == "Numéro écarté"
    assert shown[2]["notes"].startswith("Numéro écarté : Numéro incomplet")


def _report(rows: list[list[str]]) -> ImportReport:
    cleaned = clean_rows(COLUMNS, rows, mapping={"Nom": "full_name", "Portable": "phone", "E-mail": "email"})
    return ImportReport(None, "f.csv", len(rows), len(cleaned.records), 0, 0, cleaned.refused, cleaned.repaired,
                        issues=cleaned.issues)


def test_losses_are_listed_one_by_one_and_repairs_collapsed_by_kind():
    """28 numbers in scientific notation and 23 too short are 51 losses, apart from 125 harmless repairs."""
    rows = ([[f"S{i}", "6,12346E+08", f"s{i}@example.fr"] for i in range(28)]
            + [[f"T{i}", "06 12 34", f"t{i}@example.fr"] for i in range(23)]
            + [[f"Z{i}", f"6123456{i:02d}", ""] for i in range(100)]
            + [[f"I{i}", f"0033 7 81 22 33 {i:02d}", ""] for i in range(25)])
    report = _report(rows)
    assert report.refused == 0  # every person is kept (by email)…
    lost = report.numbers_lost()
    assert len(lost) == 51  # …but 51 numbers are lost, and said so
    assert lost[0] == {"row": 2, "column": "Portable", "value": "6,12346E+08",
                       "why": lost[0]["why"], "what_to_do": lost[0]["what_to_do"],
                       "person": "Personne importée (par son e-mail)"}
    repaired = report.numbers_repaired()
    assert [(entry["kind"], entry["count"]) for entry in repaired] == [
        ("leading_zero_restored", 100), ("international_prefix_00", 25)]
    assert repaired[0]["example"] == "612345600" and repaired[0]["result"] == "+33612345600"
    assert report.repaired == 125


def test_no_raw_code_reaches_the_words_a_marketer_reads():
    """Why, what to do, kind: sentences, never « invalid » or « international_prefix_00 »."""
    rows = [["A", "6,12346E+08", "a@example.fr"], ["B", "06 12 34", "b@example.fr"], ["C", "abc", ""],
            ["D", "0033 6 12 34 56 78", "pas-un-email"], ["E", "+99 1234", "e@example.fr"]]
    report = _report(rows)
    codes = set(CELL_CODES) | set(REPAIR_CODES) | {"too_short", "not_a_number", "invalid_country_code"}
    words = [text for row in report_rows(report.issues) for text in (row[1], row[4], row[5])]  # kind, why, todo
    words += [text for item in report.numbers_lost() for text in (item["why"], item["what_to_do"], item["person"])]
    words += [entry["label"] for entry in report.numbers_repaired()]
    for text in words:
        assert not any(text == code or f"importreport.{code}" in text for code in codes), text
        assert "importreport." not in text and "intake." not in text, text


def test_a_cell_that_lost_one_of_its_numbers_is_a_loss_not_a_repair():
    """« 06 12 34 56 78 / 01 23 45 67 » keeps the mobile, loses the other: the loss is listed, and the row
    counts as repaired only for the harmless part (several numbers: the mobile made main)."""
    report = _report([["A", "06 12 34 56 78 / 01 23 45 67", ""]])
    assert [(item["row"], item["value"]) for item in report.numbers_lost()] == [(2, "06 12 34 56 78 / 01 23 45 67")]
    assert "plusieurs numéros" in report.numbers_lost()[0]["why"]
    assert [entry["kind"] for entry in report.numbers_repaired()] == ["several_numbers"]
    assert report.repaired == 1
