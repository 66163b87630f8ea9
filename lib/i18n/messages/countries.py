"""Country names the UI needs beyond libphonenumber's own (lib/contacts/countries.py)."""

MESSAGES = {
    "countries.unknown": {"fr": "inconnu", "en": "unknown"},
}
