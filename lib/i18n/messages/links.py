"""Communities, tracked invite links and the /r/{code} redirect's pages (lib/links)."""

MESSAGES = {
    "links.error.bad_url": {
        "fr": "Lien refusé « {url} » : donnez une adresse web complète commençant par https:// (ou http://).",
        "en": "Link refused \"{url}\": give a full web address starting with https:// (or http://).",
    },
    "links.error.bad_channel": {
        "fr": "Canal inconnu « {channel} ».",
        "en": "Unknown channel \"{channel}\".",
    },
    "links.error.no_invite_for_channel": {
        "fr": "Une liste SMS n'a pas de lien d'invitation : laissez ce champ vide.",
        "en": "An SMS list has no invite link: leave this field empty.",
    },
    "links.error.bad_invite_url": {
        "fr": "« {url} » ne ressemble pas à un lien d'invitation de ce canal (exemple : {example}).",
        "en": "\"{url}\" does not look like an invite link of this channel (example: {example}).",
    },
    "links.error.bad_name": {
        "fr": "Donnez un nom de 1 à 120 caractères.",
        "en": "Give a name of 1 to 120 characters.",
    },
    "links.error.bad_source": {
        "fr": "Dites où le lien sera diffusé (salon, collerette, statut WhatsApp…), en 120 caractères au plus.",
        "en": "Say where the link will be shared (fair, neck-tag, WhatsApp status…), in at most 120 characters.",
    },
    "links.error.duplicate_name": {
        "fr": "Une communauté s'appelle déjà « {name} » dans cet espace.",
        "en": "A community called \"{name}\" already exists in this workspace.",
    },
    "links.error.no_destination": {
        "fr": "La communauté « {name} » n'a pas de lien d'invitation : donnez l'adresse où envoyer les visiteurs.",
        "en": "The community \"{name}\" has no invite link: give the address to send visitors to.",
    },
    "links.error.unknown_community": {
        "fr": "Communauté introuvable dans cet espace.",
        "en": "Community not found in this workspace.",
    },
    "links.error.unknown_link": {
        "fr": "Lien introuvable dans cet espace.",
        "en": "Link not found in this workspace.",
    },
    "links.error.read_only": {
        "fr": "Votre rôle dans cet espace ne permet pas de modifier les communautés et les liens.",
        "en": "Your role in this workspace does not allow changing communities and links.",
    },
    "links.not_found.title": {
        "fr": "Lien introuvable",
        "en": "Link not found",
    },
    "links.not_found.body": {
        "fr": "Ce lien d'invitation n'existe pas, a expiré ou a été désactivé. Demandez un nouveau lien à la "
        "personne qui vous l'a envoyé.",
        "en": "This invite link does not exist, has expired or was disabled. Ask whoever sent it for a new one.",
    },
    "links.rate_limited.title": {
        "fr": "Un instant",
        "en": "Just a moment",
    },
    "links.rate_limited": {
        "fr": "Trop de demandes en peu de temps : réessayez dans une minute.",
        "en": "Too many requests in a short time: try again in a minute.",
    },
    "links.preview.description": {
        "fr": "Invitation à rejoindre « {name} ».",
        "en": "Invitation to join \"{name}\".",
    },
    "links.unavailable.title": {
        "fr": "Service indisponible",
        "en": "Service unavailable",
    },
    "links.unavailable": {
        "fr": "Le service est momentanément indisponible : réessayez dans quelques instants.",
        "en": "The service is temporarily unavailable: try again in a moment.",
    },
    "links.cli.created": {
        "fr": "Lien {code} créé : {url}",
        "en": "Link {code} created: {url}",
    },
}
