"""Guessing which Cercle field each column holds, from French and English headers and known exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.contacts.mapping import (
    FIELD_LABELS,
    FIELDS,
    field_label,
    guess_field,
    guess_mapping,
    normalise_header,
)
from lib.contacts.readers import read_contacts_file
from lib.i18n import set_language

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"

HEADERS = [
    # phone
    ("Téléphone", "phone"),
    ("TÉLÉPHONE", "phone"),
    ("Tél.", "phone"),
    ("Tel", "phone"),
    ("tél portable", "phone"),
    ("Téléphone fixe", "phone"),
    ("Portable", "phone"),
    ("Mobile", "phone"),
    ("GSM", "phone"),
    ("Numéro", "phone"),
    ("Numéro de téléphone", "phone"),
    ("N° WhatsApp", "phone"),
    ("Phone", "phone"),
    ("Phone 1 - Value", "phone"),
    ("Mobile Phone", "phone"),
    ("Default Address Phone", "phone"),
    # not phones
    ("Phone 1 - Label", "ignore"),
    ("Phone 1 - Type", "ignore"),
    ("Business Fax", "ignore"),
    ("Numéro client", "ignore"),
    ("N° de commande", "ignore"),
    # names
    ("Prénom", "first_name"),
    ("prenom", "first_name"),
    ("First name", "first_name"),
    ("Given Name", "first_name"),
    ("Given Name Yomi", "ignore"),
    ("Phonetic First Name", "ignore"),
    ("Nom", "last_name"),
    ("NOM", "last_name"),
    ("Nom de famille", "last_name"),
    ("Last name", "last_name"),
    ("Family Name", "last_name"),
    ("Nom complet", "full_name"),
    ("Name", "full_name"),
    ("Full name", "full_name"),
    ("Nom Prénom", "full_name"),
    ("Nom et prénom", "full_name"),
    ("Nom de la société", "ignore"),
    ("Middle Name", "ignore"),
    # email
    ("E-mail", "email"),
    ("Email", "email"),
    ("EMAIL", "email"),
    ("Courriel", "email"),
    ("Mail", "email"),
    ("Adresse e-mail", "email"),
    ("E-mail Address", "email"),
    ("Adresse de messagerie", "email"),
    ("E-mail 1 - Value", "email"),
    ("E-mail 1 - Label", "ignore"),
    # address
    ("Ville", "city"),
    ("City", "city"),
    ("Commune", "city"),
    ("Default Address City", "city"),
    ("Address 1 - City", "city"),
    ("Code postal", "postal_code"),
    ("CP", "postal_code"),
    ("Zip", "postal_code"),
    ("Postal code", "postal_code"),
    ("Default Address Zip", "postal_code"),
    ("Pays", "country"),
    ("Country", "country"),
    ("Country Code", "country"),
    ("Default Address Country Code", "country"),
    ("Home Country/Region", "country"),
    # tastes and means
    ("Centres d'intérêt", "interests"),
    ("Centres d’intérêt", "interests"),
    ("Intérêts", "interests"),
    ("Goûts", "interests"),
    ("Préférences", "interests"),
    ("Interests", "interests"),
    ("Tags", "interests"),
    ("Catégories", "interests"),
    ("Budget", "budget"),
    ("Budget par bouteille", "budget"),
    ("Budget / bouteille (€)", "budget"),
    ("Date de naissance", "birth_date"),
    ("Né(e) le", "birth_date"),
    ("Birthday", "birth_date"),
    # consent
    ("Consentement WhatsApp", "consent_whatsapp"),
    ("Opt-in WhatsApp", "consent_whatsapp"),
    ("WhatsApp", "consent_whatsapp"),
    ("Consentement SMS", "consent_sms"),
    ("Opt-in SMS", "consent_sms"),
    ("OK SMS", "consent_sms"),
    ("SMS", "consent_sms"),
    ("Accepts SMS Marketing", "consent_sms"),
    ("Accord Telegram", "consent_telegram"),
    ("Accepts Email Marketing", "consent_email"),
    ("Inscrit newsletter", "consent_email"),
    ("Newsletter", "consent_email"),
    ("Opt-in", "ignore"),  # names no channel: the user says which
    ("Consentement", "ignore"),
    # notes
    ("Notes", "notes"),
    ("Remarques", "notes"),
    ("Commentaire", "notes"),
    ("Note", "notes"),
    # nothing to do with contacts
    ("Total Spent", "ignore"),
    ("Customer ID", "ignore"),
    ("Date d'inscription", "ignore"),
    ("", "ignore"),
    ("Colonne 3", "ignore"),
]


@pytest.mark.parametrize(("header", "field"), HEADERS)
def test_headers_in_french_and_english_map_to_fields(header, field):
    """Accents, case and punctuation do not matter; fax numbers, IDs and labels are not phones."""
    assert guess_field(header) == field


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Tél. portable", "tel portable"),
        ("  E-MAIL  ", "e mail"),
        ("Centres d’intérêt", "centres d interet"),
        ("Œnologie", "oenologie"),
        ("N°", "n"),
    ],
)
def test_headers_are_compared_without_accents_case_or_punctuation(header, expected):
    """The comparison key is lower case ASCII words."""
    assert normalise_header(header) == expected


def test_every_phone_column_maps_to_phone_and_other_fields_only_once():
    """Several phone columns all feed the importer; a second email or city column is ignored."""
    columns = ["Portable", "Email", "Tél fixe", "E-mail pro", "Ville", "Ville (livraison)", "Phone 2 - Value"]
    assert guess_mapping(columns) == {
        "Portable": "phone",
        "Email": "email",
        "Tél fixe": "phone",
        "E-mail pro": "ignore",
        "Ville": "city",
        "Ville (livraison)": "ignore",
        "Phone 2 - Value": "phone",
    }


def test_mapping_covers_every_column_in_order():
    """Each column gets an entry, in the file's order, with a known field."""
    columns = ["Nom", "Prénom", "Quelque chose", "Téléphone"]
    mapping = guess_mapping(columns)
    assert list(mapping) == columns
    assert set(mapping.values()) <= set(FIELDS)


EXPORTS = [
    (
        "google_contacts.csv",
        {
            "First Name": "first_name",
            "Last Name": "last_name",
            "E-mail 1 - Value": "email",
            "Phone 1 - Value": "phone",
            "Phone 2 - Value": "phone",
            "Address 1 - City": "city",
            "Address 1 - Postal Code": "postal_code",
            "Address 1 - Country": "country",
            "Labels": "interests",
            "Birthday": "birth_date",
            "Notes": "notes",
            "Phone 1 - Label": "ignore",
            "E-mail 2 - Value": "ignore",
            "Organization Name": "ignore",
        },
    ),
    (
        "google_contacts_legacy.csv",
        {
            "Name": "full_name",
            "Given Name": "first_name",
            "Family Name": "last_name",
            "Group Membership": "interests",
            "Phone 1 - Type": "ignore",
            "Phone 1 - Value": "phone",
        },
    ),
    (
        "outlook_contacts.csv",
        {
            "First Name": "first_name",
            "Last Name": "last_name",
            "E-mail Address": "email",
            "Mobile Phone": "phone",
            "Home Phone": "phone",
            "Business Phone": "phone",
            "Business Fax": "ignore",
            "Pager": "ignore",
            "Assistant's Phone": "ignore",
            "Home City": "city",
            "Home Postal Code": "postal_code",
            "Categories": "interests",
        },
    ),
    (
        "shopify_customers.csv",
        {
            "First Name": "first_name",
            "Last Name": "last_name",
            "Email": "email",
            "Accepts Email Marketing": "consent_email",
            "Accepts SMS Marketing": "consent_sms",
            "Phone": "phone",
            "Default Address Phone": "phone",
            "Default Address City": "city",
            "Default Address Zip": "postal_code",
            "Default Address Country Code": "country",
            "Default Address Province Code": "ignore",
            "Tags": "interests",
            "Note": "notes",
            "Total Spent": "ignore",
        },
    ),
]


@pytest.mark.parametrize(("fixture", "expected"), EXPORTS)
def test_known_exports_map_as_expected(fixture, expected):
    """The real headers of Google, Outlook and Shopify exports land on the right fields."""
    table = read_contacts_file((FIXTURES / fixture).read_bytes())
    mapping = guess_mapping(table.columns, table.known_export)
    assert {column: mapping[column] for column in expected} == expected


def test_the_known_export_decides_headers_that_are_ambiguous_alone():
    """Shopify's old "Accepts Marketing" is email consent there, and left alone elsewhere."""
    assert guess_mapping(["Accepts Marketing"], "shopify_customers") == {"Accepts Marketing": "consent_email"}
    assert guess_mapping(["Accepts Marketing"]) == {"Accepts Marketing": "ignore"}


def test_vcard_columns_map_fully():
    """The columns the vCard reader produces all map to a field."""
    table = read_contacts_file((FIXTURES / "vcard_4_0.vcf").read_bytes())
    mapping = guess_mapping(table.columns, table.known_export)
    assert mapping["Téléphone"] == "phone" and mapping["E-mail"] == "email"
    assert mapping["Nom complet"] == "full_name" and mapping["Catégories"] == "interests"
    assert mapping["Organisation"] == "ignore"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_field_has_a_label_in_both_languages(language):
    """The mapping editor can name every field, in French and in English."""
    labels = [field_label(field, language) for field in FIELDS]
    assert all(label and not label.startswith("readers.") for label in labels)
    assert len(set(labels)) == len(labels)


def test_field_labels_follow_the_session_language():
    """FIELD_LABELS reads the session's language when used, not when imported."""
    try:
        set_language("fr")
        assert FIELD_LABELS["phone"] == "Téléphone"
        set_language("en")
        assert FIELD_LABELS["phone"] == "Phone"
        assert list(FIELD_LABELS) == list(FIELDS)
    finally:
        set_language("fr")
    with pytest.raises(KeyError):
        FIELD_LABELS["no_such_field"]
