"""Texts of the marketer's journey across pages (issue #12): opening a saved segment, public addresses..."""

MESSAGES = {
    "journey.segment_opened": {
        "fr": "« {name} » est ouvert dans l'onglet « Construire » : modifiez-le puis enregistrez.",
        "en": "\"{name}\" is open in the \"Build\" tab: change it, then save.",
    },
}
