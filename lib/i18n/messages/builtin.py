"""Streamlit's own words, in the session's language (lib/ui/builtin_text.py)."""

MESSAGES = {
    "builtin.upload": {"fr": "Choisir un fichier", "en": "Choose a file"},
    "builtin.upload_limit": {"fr": "Glissez-déposez ici votre fichier, {megabytes} Mo au plus",
                             "en": "Drag and drop your file here, {megabytes} MB at most"},
    "builtin.select_all": {"fr": "Tout sélectionner", "en": "Select all"},
}
