"""Texts of the marketer's journey across pages (issue #12): opening a saved segment, public addresses..."""

MESSAGES = {
    "journey.segment_opened": {
        "fr": "« {name} » est ouvert dans l'onglet « Construire » : modifiez-le puis enregistrez.",
        "en": "\"{name}\" is open in the \"Build\" tab: change it, then save.",
    },
    "journey.local_address_only": {
        "fr": "Vos liens commencent par {url} : ils ne s'ouvrent que sur cet ordinateur. Avant d'imprimer une affiche "
              "ou d'envoyer un lien, indiquez l'adresse publique de Cercle dans Réglages.",
        "en": "Your links start with {url}: they open on this computer only. Before printing a poster or sending a "
              "link, set Cercle's public address in Settings.",
    },
    "journey.public_address_needed": {
        "fr": "Les liens, QR codes, affiches et invitations porteraient l'adresse {url}, que personne d'autre ne "
              "peut ouvrir. Indiquez d'abord l'adresse publique de Cercle (celle que vos contacts ouvriront) dans "
              "Réglages : ils seront faits avec elle.",
        "en": "Links, QR codes, posters and invitations would carry the address {url}, which nobody else can open. "
              "First set Cercle's public address (the one your contacts will open) in Settings: they will use it.",
    },
    "journey.public_address_set": {"fr": "Indiquer l'adresse publique (Réglages)",
                                   "en": "Set the public address (Settings)"},
    "journey.public_address_needed_team": {
        "fr": "Un lien d'invitation porterait l'adresse {url}, que personne d'autre ne peut ouvrir. Indiquez d'abord "
              "l'adresse publique de Cercle dans Réglages, puis invitez votre équipe.",
        "en": "An invitation link would carry the address {url}, which nobody else can open. First set Cercle's "
              "public address in Settings, then invite your team.",
    },
}
