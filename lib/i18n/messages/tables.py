"""Cells of the app's tables (lib/ui/tables.py)."""

MESSAGES = {
    "tables.yes": {"fr": "oui", "en": "yes"},
    "tables.no": {"fr": "non", "en": "no"},
}
