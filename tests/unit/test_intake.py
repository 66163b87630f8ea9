"""From mapped cells to contact records: what is kept, repaired, refused, and said."""

from __future__ import annotations

import pytest

from lib.contacts.intake import clean_rows, is_yes, parse_date, split_interests

COLUMNS = ["Prénom", "Nom", "Mobile", "Téléphone fixe", "Email", "Pays", "Budget", "Date de naissance",
           "Consentement SMS", "Intérêts"]


def _one(**cells) -> tuple:
    row = [cells.get(c, "") for c in COLUMNS]
    cleaned = clean_rows(COLUMNS, [row], region="FR")
    return cleaned, (cleaned.records[0] if cleaned.records else None)


def test_the_mobile_becomes_the_primary_phone_whatever_the_column_order():
    """With a landline column and a mobile column, the mobile is primary and the landline kept aside."""
    mapping = {"Téléphone fixe": "phone", "Mobile": "phone", "Prénom": "first_name"}
    cleaned = clean_rows(["Téléphone fixe", "Mobile", "Prénom"], [["01 42 68 53 00", "06 12 34 56 78", "Ana"]],
                         mapping=mapping)
    record = cleaned.records[0]
    assert record.phone_e164 == "+33612345678"
    assert record.other_phones == ["+33142685300"]
    assert record.reach_whatsapp and record.reach_sms


def test_row_country_decides_how_a_national_number_is_read():
    """0470 12 34 56 is a Belgian mobile for a Belgian customer."""
    _, record = _one(Mobile="0470 12 34 56", Pays="Belgique")
    assert record.phone_e164 == "+32470123456"
    assert record.country == "BE" and record.reach_whatsapp


def test_a_landline_is_kept_but_not_reachable_by_whatsapp():
    """Fixed lines cannot join a group: stored, marked unreachable."""
    _, record = _one(Mobile="01 42 68 53 00")
    assert record.phone_e164 == "+33142685300"
    assert record.phone_type == "fixed_line"
    assert not (record.reach_whatsapp or record.reach_telegram or record.reach_sms)


def test_scientific_notation_is_refused_never_guessed():
    """Excel's 6,12346E+08 is listed with its reason; the row survives only through its email."""
    cleaned, record = _one(Mobile="6,12346E+08", Email="lea@example.fr")
    assert record.phone_e164 is None and record.email == "lea@example.fr"
    assert [i.as_dict()["code"] for i in cleaned.issues] == ["scientific_notation"]
    assert "notation scientifique" in cleaned.issues[0].message


def test_a_row_with_nothing_to_identify_the_person_is_refused_with_reasons():
    """No usable phone, no valid email: refused, and the report says why, row by row."""
    cleaned, record = _one(Prénom="Zoé", Mobile="pas de numéro", Email="zoé@@x")
    assert record is None and cleaned.refused == 1
    codes = [i.as_dict()["code"] for i in cleaned.issues]
    assert codes == ["invalid", "invalid_email", "row_refused"]
    assert all(i.row == 2 for i in cleaned.issues)


@pytest.mark.parametrize(("budget", "low", "high", "noted"), [
    ("15-30", 15, 30, False), ("< 15 €", None, 15, False), ("Pas de budget", None, None, False),
    ("beaucoup", None, None, True),
])
def test_budget_is_parsed_and_unreadable_ones_are_noted(budget, low, high, noted):
    """A declared budget becomes a range; what cannot be read is kept as written and noted."""
    cleaned, record = _one(Mobile="0612345678", Budget=budget)
    assert (record.budget_min_eur, record.budget_max_eur) == (low, high)
    assert record.budget_raw == budget
    assert any(i.code == "budget_unreadable" for i in cleaned.issues) is noted


def test_consent_is_recorded_with_its_proof():
    """A yes in a consent column sets the flag and records where it came from."""
    cleaned = clean_rows(COLUMNS, [["A", "B", "0612345678", "", "", "", "", "", "oui", ""]], region="FR",
                         source_label="salon.csv")
    record = cleaned.records[0]
    assert record.consent_sms and not record.consent_whatsapp
    assert record.consent_proof["sms"]["source"] == "salon.csv"
    assert record.consent_proof["sms"]["wording"] == "Consentement SMS"


def test_birth_date_tells_whether_the_person_is_an_adult():
    """Adults only for alcohol: a birth date sets declared_adult."""
    _, minor = _one(Mobile="0612345678", **{"Date de naissance": "01/01/2020"})
    _, adult = _one(Mobile="0612345679", **{"Date de naissance": "1980-12-31"})
    assert minor.declared_adult is False and adult.declared_adult is True


@pytest.mark.parametrize(("text", "expected"), [("oui", True), ("X", True), ("1", True), ("Yes", True),
                                                 ("non", False), ("", False), ("peut-être", False)])
def test_is_yes(text, expected):
    """Consent columns are read generously for yes, strictly for anything else."""
    assert is_yes(text) is expected


def test_parse_date_and_interests():
    """Dates in French or ISO form; interests split on the usual separators, duplicates dropped."""
    assert str(parse_date("31/12/1980")) == "1980-12-31"
    assert parse_date("31/02/1980") is None
    assert split_interests("Rouge, bio ; bulles/Rouge") == ["Rouge", "bio", "bulles"]


@pytest.mark.parametrize(("cell", "expected"), [
    ("* myContacts ::: Clients", ["Clients"]),
    ("* starred ::: * myContacts", []),
    ("Rouge ::: * friends ::: Bulles", ["Rouge", "Bulles"]),
    ('=HYPERLINK("http://evil.example/x","Clic")', []),
    ("+cmd|' /C calc'!A0", []),
    ("@SUM(1+1)*cmd", []),
    ("-2+3+cmd", []),
    ('Rouge, =HYPERLINK("a/b"), bio', ["Rouge", "bio"]),
    ("- Rouge\n- Blanc", ["Rouge", "Blanc"]),
    ("Vin (rouge), Champagne & crémants", ["Vin (rouge)", "Champagne & crémants"]),
])
def test_google_system_labels_and_formula_junk_never_become_interests(cell, expected):
    """#12 item 9: Google's ``:::`` separates labels, ``* …`` labels are Google's own; formulas are junk."""
    assert split_interests(cell) == expected
