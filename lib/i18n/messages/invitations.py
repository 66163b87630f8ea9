"""Invitation messages, printed posters and their refusals (lib/links)."""

# The Loi Evin health warning is a French legal mention: it stays in French whatever the message language.
_HEALTH_WARNING = "L'abus d'alcool est dangereux pour la santé, à consommer avec modération."

MESSAGES = {
    "invitations.health_warning": {"fr": _HEALTH_WARNING, "en": _HEALTH_WARNING},
    "invitations.stop_line": {
        "fr": "Répondez STOP pour ne plus recevoir de messages.",
        "en": "Reply STOP to stop receiving messages.",
    },
    "invitations.signature": {"fr": "— {domaine}", "en": "— {domaine}"},
    "invitations.template.default": {
        "fr": "Bonjour {prenom}, {domaine} vous invite à rejoindre son cercle de dégustation : nouveautés, "
        "dégustations et offres réservées aux membres. Pour nous rejoindre : {lien}",
        "en": "Hello {first_name}, {estate} invites you to join its tasting circle: new releases, tastings and "
        "members-only offers. To join us: {link}",
    },
    "invitations.poster_line": {
        "fr": "Rejoignez notre cercle de dégustation",
        "en": "Join our tasting circle",
    },
    "invitations.error.unknown_placeholder": {
        "fr": "Le modèle contient « {placeholder} », que Cercle ne sait pas remplir. Utilisez seulement {allowed}.",
        "en": "The template contains \"{placeholder}\", which Cercle cannot fill in. Use only {allowed}.",
    },
    "invitations.error.bad_braces": {
        "fr": "Le modèle contient une accolade seule. Écrivez les champs comme {example} ; pour une accolade "
        "dans le texte, doublez-la.",
        "en": "The template contains a lone brace. Write fields as {example}; to show a brace in the text, "
        "double it.",
    },
    "invitations.error.no_sender": {
        "fr": "Indiquez le nom du domaine : chaque message doit dire qui l'envoie.",
        "en": "Give the estate's name: every message must say who sends it.",
    },
    "invitations.error.bad_link": {
        "fr": "Le lien « {link} » n'est pas une adresse web commençant par https:// ou http://.",
        "en": "The link \"{link}\" is not a web address starting with https:// or http://.",
    },
    "invitations.error.not_e164": {
        "fr": "Le numéro « {number} » n'est pas au format international (par exemple +33612345678). "
        "Nettoyez d'abord les numéros dans Contacts.",
        "en": "The number \"{number}\" is not in international format (for example +33612345678). "
        "Clean the numbers in Contacts first.",
    },
    "invitations.error.bad_size": {
        "fr": "Format d'affiche inconnu « {size} » : choisissez A4 ou A6.",
        "en": "Unknown poster size \"{size}\": choose A4 or A6.",
    },
    "invitations.error.empty_name": {
        "fr": "Donnez un nom à la communauté pour l'afficher.",
        "en": "Give the community a name to print it.",
    },
}
