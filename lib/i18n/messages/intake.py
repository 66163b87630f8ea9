"""What the cleaning of an imported row can say about it."""

MESSAGES = {
    "intake.invalid_email": {
        "fr": "Cette adresse e-mail n'est pas valide ; elle n'a pas été enregistrée.",
        "en": "This email address is not valid; it was not stored.",
    },
    "intake.row_refused": {
        "fr": "Ligne refusée : ni numéro de téléphone utilisable ni e-mail valide pour identifier la personne.",
        "en": "Row refused: neither a usable phone number nor a valid email identifies the person.",
    },
    "intake.budget_unreadable": {
        "fr": "Budget illisible (exemples compris : « 15-30 », « < 15 € », « entre 20 et 40 euros ») ; "
        "le texte est gardé tel quel.",
        "en": "Budget not understood (examples that work: \"15-30\", \"< 15 €\", \"between 20 and 40\"); "
        "the text is kept as written.",
    },
    "intake.date_unreadable": {
        "fr": "Date illisible (formats compris : 31/12/1980, 1980-12-31) ; elle n'a pas été enregistrée.",
        "en": "Date not understood (formats that work: 31/12/1980, 1980-12-31); it was not stored.",
    },
}
