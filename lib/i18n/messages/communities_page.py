"""The communities & links page."""

MESSAGES = {
    "compage.intro": {
        "fr": "Une communauté est un groupe privé (WhatsApp, Telegram, liste SMS…). Devant chaque invitation, Cercle "
        "place un lien suivi par source (salon, étiquette de bouteille, statut WhatsApp) et compte les vraies "
        "personnes, pas les robots d'aperçu.",
        "en": "A community is a private group (WhatsApp, Telegram, SMS list…). In front of every invitation Cercle "
        "puts a link tracked per source (trade fair, bottle tag, WhatsApp status) and counts real people, not "
        "preview bots.",
    },
    "compage.tab_communities": {"fr": "Communautés", "en": "Communities"},
    "compage.tab_links": {"fr": "Liens & affiches", "en": "Links & posters"},
    "compage.tab_invitations": {"fr": "Invitations personnelles", "en": "Personal invitations"},
    "compage.tab_stats": {"fr": "Statistiques", "en": "Statistics"},
    "compage.none": {
        "fr": "Aucune communauté pour l'instant. Créez la première ci-dessous : son nom, son canal et le lien "
        "d'invitation du groupe.",
        "en": "No community yet. Create the first one below: its name, channel and the group's invite link.",
    },
    "compage.create": {"fr": "Créer une communauté", "en": "Create a community"},
    "compage.name": {"fr": "Nom", "en": "Name"},
    "compage.channel": {"fr": "Canal", "en": "Channel"},
    "compage.invite_url": {"fr": "Lien d'invitation du groupe", "en": "Group invite link"},
    "compage.invite_url_help": {
        "fr": "Par exemple https://chat.whatsapp.com/… ou https://t.me/+… ; aucun pour une liste SMS.",
        "en": "For example https://chat.whatsapp.com/… or https://t.me/+…; none for an SMS list.",
    },
    "compage.segment": {"fr": "Segment visé", "en": "Target segment"},
    "compage.no_segment": {"fr": "(tous les contacts)", "en": "(all contacts)"},
    "compage.promo": {"fr": "Code promo de la communauté", "en": "Community promo code"},
    "compage.notes": {"fr": "Notes", "en": "Notes"},
    "compage.created": {"fr": "Communauté « {name} » créée.", "en": "Community \"{name}\" created."},
    "compage.col_members": {"fr": "Membres", "en": "Members"},
    "compage.col_links": {"fr": "Liens", "en": "Links"},
    "compage.col_clicks": {"fr": "Clics", "en": "Clicks"},
    "compage.members": {"fr": "Enregistrer les membres d'un groupe", "en": "Record a group's members"},
    "compage.members_help": {
        "fr": "WhatsApp n'offre pas d'accès aux groupes : collez ici les numéros des membres (un par ligne), "
        "Cercle les rapproche de vos contacts.",
        "en": "WhatsApp gives no access to groups: paste the members' numbers here (one per line), Cercle matches "
        "them to your contacts.",
    },
    "compage.members_record": {"fr": "Rapprocher", "en": "Match"},
    "compage.members_done": {
        "fr": "{read} numéros lus : {added} membres ajoutés, {already} déjà là, {unknown} inconnus de vos contacts, "
        "{invalid} illisibles.",
        "en": "{read} numbers read: {added} members added, {already} already there, {unknown} unknown to your "
        "contacts, {invalid} unreadable.",
    },
    "compage.pick": {"fr": "Communauté", "en": "Community"},
    "compage.source": {"fr": "Source (où le lien sera montré)", "en": "Source (where the link will be shown)"},
    "compage.source_help": {
        "fr": "Un lien par source : « Salon de Lyon », « Étiquette col de bouteille », « Statut WhatsApp »…",
        "en": "One link per source: \"Lyon fair\", \"Bottle neck tag\", \"WhatsApp status\"…",
    },
    "compage.destination": {"fr": "Page de boutique (facultatif)", "en": "Shop page (optional)"},
    "compage.destination_help": {
        "fr": "Vide : le lien mène au groupe. Une page de boutique reçoit les paramètres UTM.",
        "en": "Empty: the link leads to the group. A shop page gets UTM parameters.",
    },
    "compage.create_link": {"fr": "Créer le lien suivi", "en": "Create the tracked link"},
    "compage.link_created": {"fr": "Lien créé : copiez-le ci-dessous (bouton à droite).",
                             "en": "Link created: copy it below (button on the right)."},
    "compage.no_links": {"fr": "Aucun lien pour cette communauté.", "en": "No link for this community."},
    "compage.col_source": {"fr": "Source", "en": "Source"},
    "compage.col_url": {"fr": "Lien court", "en": "Short link"},
    "compage.col_enabled": {"fr": "Actif", "en": "Active"},
    "compage.link_pick": {"fr": "Lien", "en": "Link"},
    "compage.qr_png": {"fr": "QR code (PNG)", "en": "QR code (PNG)"},
    "compage.qr_svg": {"fr": "QR code (SVG)", "en": "QR code (SVG)"},
    "compage.poster_a4": {"fr": "Affiche A4 (PDF)", "en": "A4 poster (PDF)"},
    "compage.poster_a6": {"fr": "Chevalet A6 (PDF)", "en": "A6 table tent (PDF)"},
    "compage.poster_line": {"fr": "Phrase de l'affiche", "en": "Poster line"},
    "compage.disable": {"fr": "Désactiver ce lien", "en": "Disable this link"},
    "compage.disabled": {"fr": "Lien désactivé : il répond désormais « introuvable ».",
                         "en": "Link disabled: it now answers \"not found\"."},
    "compage.no_invitation_channel": {
        "fr": "Les invitations personnelles passent par WhatsApp, Telegram ou SMS ; pour ce canal, partagez le lien "
        "suivi ou l'affiche.",
        "en": "Personal invitations go through WhatsApp, Telegram or SMS; for this channel, share the tracked "
        "link or the poster.",
    },
    "compage.template": {"fr": "Message", "en": "Message"},
    "compage.template_help": {
        "fr": "{prenom}, {lien} et {domaine} sont remplacés pour chaque personne ; l'expéditeur, la mention "
        "sanitaire (alcool) et STOP sont ajoutés.",
        "en": "{first_name}, {link} and {estate} are filled in for each person; the sender, the health warning "
        "(alcohol, French legal wording) and STOP are added.",
    },
    "compage.nobody": {
        "fr": "Personne n'est joignable sur ce canal dans le segment visé (consentement, zone, mobile).",
        "en": "Nobody in the target segment is reachable on this channel (consent, zone, mobile).",
    },
    "compage.open": {"fr": "Ouvrir", "en": "Open"},
    "compage.invitations_sent": {"fr": "Invitations personnelles", "en": "Personal invitations"},
    "compage.opened": {"fr": "Ouvertes pour envoi", "en": "Opened to send"},
    "compage.clicks_by_day": {"fr": "Clics par jour", "en": "Clicks per day"},
    "compage.clicks_by_source": {"fr": "Clics par source", "en": "Clicks per source"},
    "compage.no_clicks": {"fr": "Aucun clic pour l'instant.", "en": "No clicks yet."},
    "compage.day": {"fr": "Jour", "en": "Day"},
    "compage.download_stats": {"fr": "Télécharger les chiffres (CSV)", "en": "Download the figures (CSV)"},
    "compage.channel.whatsapp_group": {"fr": "Groupe WhatsApp", "en": "WhatsApp group"},
    "compage.channel.whatsapp_community": {"fr": "Communauté WhatsApp", "en": "WhatsApp community"},
    "compage.channel.telegram_group": {"fr": "Groupe Telegram", "en": "Telegram group"},
    "compage.channel.telegram_channel": {"fr": "Chaîne Telegram", "en": "Telegram channel"},
    "compage.channel.facebook_group": {"fr": "Groupe Facebook", "en": "Facebook group"},
    "compage.channel.instagram_channel": {"fr": "Canal Instagram", "en": "Instagram channel"},
    "compage.channel.signal_group": {"fr": "Groupe Signal", "en": "Signal group"},
    "compage.channel.sms_list": {"fr": "Liste SMS", "en": "SMS list"},
    "compage.tab_telegram": {"fr": "Telegram", "en": "Telegram"},
    "tgpage.owner_only": {
        "fr": "Le bot Telegram se configure par le propriétaire de l'espace.",
        "en": "The Telegram bot is set up by the workspace owner.",
    },
    "tgpage.intro": {
        "fr": "Avec un bot Telegram (créé avec @BotFather, ajouté comme administrateur de vos groupes), Cercle crée "
        "un lien d'invitation nommé par source et sait qui a rejoint par quel lien.",
        "en": "With a Telegram bot (made with @BotFather, added as an admin of your groups), Cercle creates one "
        "named invite link per source and knows who joined through which link.",
    },
    "tgpage.token": {"fr": "Jeton du bot", "en": "Bot token"},
    "tgpage.token_help": {
        "fr": "Donné par @BotFather. Il reste sur le serveur : il n'est jamais réaffiché.",
        "en": "Given by @BotFather. It stays on the server: it is never shown again.",
    },
    "tgpage.connect": {"fr": "Connecter le bot", "en": "Connect the bot"},
    "tgpage.connected": {
        "fr": "Bot {bot} connecté ; Telegram envoie les arrivées à {url}.",
        "en": "Bot {bot} connected; Telegram sends joins to {url}.",
    },
    "tgpage.no_chats": {
        "fr": "Ajoutez le bot comme administrateur de votre groupe : il apparaîtra ici pour être relié à une "
        "communauté.",
        "en": "Add the bot as an admin of your group: it will show here to be tied to a community.",
    },
    "tgpage.chat": {"fr": "Groupe vu par le bot", "en": "Group seen by the bot"},
    "tgpage.tie": {"fr": "Relier", "en": "Tie"},
    "tgpage.tied": {"fr": "Groupe relié à la communauté.", "en": "Group tied to the community."},
    "tgpage.disconnect": {"fr": "Déconnecter le bot", "en": "Disconnect the bot"},
    "tgpage.link_title": {"fr": "Lien Telegram nommé", "en": "Named Telegram link"},
    "tgpage.link_help": {
        "fr": "Le bot crée un lien d'invitation à son nom de source : chaque arrivée dans le groupe lui est "
        "attribuée.",
        "en": "The bot creates an invite link named after the source: each join is credited to it.",
    },
    "tgpage.member_limit": {"fr": "Limite de membres (0 = aucune)", "en": "Member limit (0 = none)"},
    "tgpage.join_request": {"fr": "Sur demande", "en": "On request"},
    "tgpage.create_link": {"fr": "Créer le lien Telegram", "en": "Create the Telegram link"},
    "tgpage.joins": {"fr": "Arrivées Telegram", "en": "Telegram joins"},
    "tgpage.attributed": {"fr": "Par un lien suivi", "en": "Through a tracked link"},
    "tgpage.unattributed": {"fr": "Sans lien connu", "en": "Without a known link"},
    "tgpage.requests": {"fr": "Demandes", "en": "Requests"},
}
