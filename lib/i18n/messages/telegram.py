"""Telegram: the bot's settings, invite links made through the Bot API and its errors (lib/links/telegram.py)."""

MESSAGES = {
    "telegram.revoke_failed": {
        "fr": "Ce lien passe par une invitation Telegram que Cercle n'a pas pu révoquer chez Telegram : elle "
        "fonctionne encore pour qui l'a copiée. Le propriétaire de l'espace peut la révoquer dans Telegram "
        "(Gérer le groupe › Liens d'invitation).",
        "en": "This link goes through a Telegram invite link Cercle could not revoke at Telegram: it still works "
        "for anyone who copied it. The workspace owner can revoke it in Telegram (Manage group › Invite links).",
    },
    "telegram.error.bad_token": {
        "fr": "Ce jeton de bot Telegram n'a pas la bonne forme : copiez-le tel que BotFather l'a donné "
        "(des chiffres, deux-points, puis une longue suite de lettres).",
        "en": "This Telegram bot token does not have the right shape: copy it as BotFather gave it "
        "(digits, a colon, then a long run of letters).",
    },
    "telegram.error.not_configured": {
        "fr": "Telegram n'est pas configuré pour cet espace : un propriétaire doit d'abord enregistrer le jeton "
        "du bot dans les réglages.",
        "en": "Telegram is not set up for this workspace: an owner must first save the bot token in the settings.",
    },
    "telegram.error.owner_only": {
        "fr": "Seuls les propriétaires de l'espace peuvent utiliser le bot Telegram et voir ses réglages.",
        "en": "Only the workspace's owners can use the Telegram bot and see its settings.",
    },
    "telegram.error.no_chat": {
        "fr": "La communauté « {name} » n'est reliée à aucun groupe Telegram : choisissez d'abord son groupe.",
        "en": "The community \"{name}\" is not linked to a Telegram group: choose its group first.",
    },
    "telegram.error.not_telegram": {
        "fr": "La communauté « {name} » n'est pas un groupe ou un canal Telegram.",
        "en": "The community \"{name}\" is not a Telegram group or channel.",
    },
    "telegram.error.chat_taken": {
        "fr": "Ce groupe Telegram est déjà relié à une autre communauté de cet espace.",
        "en": "This Telegram group is already linked to another community of this workspace.",
    },
    "telegram.error.bad_chat": {
        "fr": "Identifiant de groupe Telegram invalide « {chat} » : un nombre entier, souvent négatif "
        "(par exemple -1001234567890).",
        "en": "Invalid Telegram group id \"{chat}\": a whole number, often negative (for example -1001234567890).",
    },
    "telegram.error.bad_limit": {
        "fr": "Le nombre maximal de membres d'un lien Telegram va de 1 à 99 999.",
        "en": "A Telegram link's member limit goes from 1 to 99,999.",
    },
    "telegram.error.limit_with_request": {
        "fr": "Un lien Telegram avec demande d'adhésion ne peut pas avoir de nombre maximal de membres.",
        "en": "A Telegram link with join requests cannot have a member limit.",
    },
    "telegram.error.past_expiry": {
        "fr": "La date d'expiration du lien est déjà passée.",
        "en": "The link's expiry date is already past.",
    },
    "telegram.error.unauthorized": {
        "fr": "Telegram refuse ce jeton de bot (révoqué ou mal copié). Demandez-en un à BotFather et "
        "enregistrez-le à nouveau.",
        "en": "Telegram refuses this bot token (revoked or mistyped). Get one from BotFather and save it again.",
    },
    "telegram.error.forbidden": {
        "fr": "Le bot n'a pas le droit de faire cela dans ce groupe : ajoutez-le comme administrateur avec le "
        "droit d'inviter des membres. (Telegram : {detail})",
        "en": "The bot may not do this in that group: make it an administrator allowed to invite members. "
        "(Telegram: {detail})",
    },
    "telegram.error.rejected": {
        "fr": "Telegram a refusé la demande (code {status}) : {detail}",
        "en": "Telegram refused the request (code {status}): {detail}",
    },
    "telegram.error.rate_limited": {
        "fr": "Telegram demande d'attendre {seconds} secondes avant de réessayer.",
        "en": "Telegram asks to wait {seconds} seconds before trying again.",
    },
    "telegram.error.unreachable": {
        "fr": "Impossible de joindre Telegram pour le moment. Réessayez dans quelques minutes ; rien n'a été "
        "enregistré.",
        "en": "Telegram cannot be reached right now. Try again in a few minutes; nothing was saved.",
    },
    "telegram.error.bad_answer": {
        "fr": "Telegram a donné une réponse illisible. Réessayez dans quelques minutes ; rien n'a été enregistré.",
        "en": "Telegram gave an unreadable answer. Try again in a few minutes; nothing was saved.",
    },
    "telegram.error.webhook_url": {
        "fr": "Telegram n'envoie ses notifications qu'à une adresse publique en https:// : réglez PUBLIC_BASE_URL "
        "(actuellement « {url} »).",
        "en": "Telegram only sends its notifications to a public https:// address: set PUBLIC_BASE_URL "
        "(currently \"{url}\").",
    },
}
