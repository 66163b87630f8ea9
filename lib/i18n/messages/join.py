"""Join pages /j/{code} (lib/links/join.py, lib/links/join_page.py) and their CLI commands.

The consent sentences (join.consent.*) are stored with each consent's proof, in French: when one changes, change
lib.links.join.WORDING_VERSION too.
"""

MESSAGES = {
    "join.intro": {
        "fr": "Rejoignez « {community} », la communauté privée de {name} : dégustations, nouveautés et offres "
              "réservées aux membres.",
        "en": "Join \"{community}\", the private community of {name}: tastings, new releases and members-only offers.",
    },
    "join.preview": {
        "fr": "Inscrivez-vous pour rejoindre la communauté de {name}.",
        "en": "Sign up to join the community of {name}.",
    },
    "join.field.first_name": {"fr": "Prénom", "en": "First name"},
    "join.field.phone": {"fr": "Numéro de mobile", "en": "Mobile number"},
    "join.field.phone_help": {
        "fr": "Par exemple 06 12 34 56 78, ou +32 470 12 34 56 pour un numéro étranger.",
        "en": "For example 06 12 34 56 78, or +44 7400 123456 for a number abroad.",
    },
    "join.field.email": {"fr": "E-mail (facultatif)", "en": "E-mail (optional)"},
    "join.field.interests": {"fr": "Ce qui vous intéresse", "en": "What you like"},
    "join.field.budget": {"fr": "Votre budget par bouteille (facultatif)", "en": "Your budget per bottle (optional)"},
    "join.field.consents": {"fr": "Comment vous écrire", "en": "How we may write to you"},
    "join.field.adult": {"fr": "J'ai 18 ans ou plus", "en": "I am 18 or older"},
    "join.budget.lt15": {"fr": "Moins de 15 €", "en": "Under €15"},
    "join.budget.15-30": {"fr": "De 15 à 30 €", "en": "€15 to €30"},
    "join.budget.30-60": {"fr": "De 30 à 60 €", "en": "€30 to €60"},
    "join.budget.gt60": {"fr": "Plus de 60 €", "en": "Over €60"},
    "join.budget.none": {"fr": "Je préfère ne pas le dire", "en": "I'd rather not say"},
    "join.consent.whatsapp": {
        "fr": "J'accepte que {name} m'invite et m'écrive sur WhatsApp. "
              "Je peux arrêter à tout moment en répondant STOP.",
        "en": "I agree that {name} may invite me and write to me on WhatsApp. "
              "I can stop at any time by replying STOP.",
    },
    "join.consent.sms": {
        "fr": "J'accepte de recevoir les SMS de {name}. Je peux arrêter à tout moment en répondant STOP.",
        "en": "I agree to receive text messages from {name}. I can stop at any time by replying STOP.",
    },
    "join.consent.telegram": {
        "fr": "J'accepte que {name} m'invite et m'écrive sur Telegram. "
              "Je peux arrêter à tout moment en répondant STOP.",
        "en": "I agree that {name} may invite me and write to me on Telegram. "
              "I can stop at any time by replying STOP.",
    },
    "join.consent.email": {
        "fr": "J'accepte de recevoir les e-mails de {name}. Un lien de désinscription figure dans chaque message.",
        "en": "I agree to receive e-mails from {name}. Each message carries an unsubscribe link.",
    },
    "join.honeypot": {"fr": "Ne pas remplir", "en": "Leave empty"},
    "join.submit": {"fr": "Je m'inscris", "en": "Sign me up"},
    "join.evin": {
        "fr": "L'abus d'alcool est dangereux pour la santé, à consommer avec modération.",
        "en": "L'abus d'alcool est dangereux pour la santé, à consommer avec modération. (Alcohol abuse is dangerous "
              "for your health; drink in moderation.)",
    },
    "join.privacy": {
        "fr": "{name} conserve votre prénom, votre numéro, votre e-mail et vos réponses pour vous inviter dans sa "
              "communauté et vous écrire sur les canaux que vous avez cochés, et rien d'autre. Ces données sont "
              "gardées trois ans au plus après votre dernier échange. Vous pouvez y accéder, les corriger ou les "
              "faire effacer en écrivant à {name} ; répondez STOP à tout message pour ne plus rien recevoir.",
        "en": "{name} keeps your first name, number, e-mail and answers to invite you to its community and write to "
              "you on the channels you ticked, and nothing else. They are kept at most three years after your last "
              "exchange. You may see, correct or erase them by writing to {name}; reply STOP to any message to "
              "receive nothing more.",
    },
    "join.thanks.title": {"fr": "Merci, c'est noté !", "en": "Thank you, you're signed up!"},
    "join.thanks.body": {
        "fr": "{name} vous remercie. Il ne reste plus qu'à rejoindre le groupe.",
        "en": "{name} thanks you. All that's left is to join the group.",
    },
    "join.thanks.button": {"fr": "Rejoindre le groupe", "en": "Join the group"},
    "join.not_found.title": {"fr": "Page introuvable", "en": "Page not found"},
    "join.not_found.body": {
        "fr": "Cette page d'inscription n'existe pas ou n'est plus active. Demandez un nouveau lien à la personne "
              "qui vous l'a donné.",
        "en": "This sign-up page does not exist or is no longer active. Ask whoever gave it to you for a new link.",
    },
    "join.unavailable.title": {"fr": "Service momentanément indisponible", "en": "Temporarily unavailable"},
    "join.unavailable.body": {
        "fr": "L'inscription ne répond pas pour l'instant. Réessayez dans quelques minutes.",
        "en": "Sign-up is not answering right now. Try again in a few minutes.",
    },
    "join.error.first_name": {"fr": "Indiquez votre prénom.", "en": "Please give your first name."},
    "join.error.phone_missing": {"fr": "Indiquez votre numéro de mobile.", "en": "Please give your mobile number."},
    "join.error.phone_invalid": {
        "fr": "Ce numéro de téléphone n'est pas valide. Vérifiez-le (par exemple 06 12 34 56 78, ou avec l'indicatif "
              "du pays : +32 470 12 34 56).",
        "en": "This phone number is not valid. Check it (for example 06 12 34 56 78, or with the country code: "
              "+32 470 12 34 56).",
    },
    "join.error.phone_not_mobile": {
        "fr": "Ce numéro n'est pas un mobile : donnez un numéro de portable pour rejoindre le groupe.",
        "en": "This number is not a mobile: give a mobile number to join the group.",
    },
    "join.error.email_invalid": {
        "fr": "Cette adresse e-mail n'est pas valide (exemple : prenom@exemple.fr).",
        "en": "This e-mail address is not valid (example: name@example.com).",
    },
    "join.error.email_for_consent": {
        "fr": "Pour recevoir les e-mails, indiquez votre adresse e-mail.",
        "en": "To receive e-mails, please give your e-mail address.",
    },
    "join.error.budget": {"fr": "Choisissez un budget dans la liste.", "en": "Pick a budget from the list."},
    "join.error.adult": {
        "fr": "Cette communauté parle de vin : cochez « J'ai 18 ans ou plus » pour vous inscrire.",
        "en": "This community is about wine: tick \"I am 18 or older\" to sign up.",
    },
    "join.error.too_long": {
        "fr": "Un des champs est trop long : raccourcissez-le et envoyez à nouveau.",
        "en": "One of the fields is too long: shorten it and send again.",
    },
    "join.error.bad_request": {
        "fr": "Le formulaire n'a pas pu être lu. Remplissez-le à nouveau.",
        "en": "The form could not be read. Please fill it in again.",
    },
    "join.error.rate_limited": {
        "fr": "Trop d'envois en peu de temps. Patientez quelques minutes puis réessayez.",
        "en": "Too many attempts in a short time. Wait a few minutes and try again.",
    },
    "join.error.token_forged": {
        "fr": "Ce formulaire n'est pas valide. Envoyez-le à nouveau depuis cette page.",
        "en": "This form is not valid. Send it again from this page.",
    },
    "join.error.token_expired": {
        "fr": "Ce formulaire a expiré. Vérifiez vos réponses et envoyez-le à nouveau.",
        "en": "This form has expired. Check your answers and send it again.",
    },
    "join.error.token_replayed": {
        "fr": "Ce formulaire a déjà été envoyé. Pour recommencer, envoyez-le à nouveau depuis cette page.",
        "en": "This form was already sent. To do it again, send it again from this page.",
    },
    "join.cli.created": {"fr": "Page d'inscription {code} créée : {url}", "en": "Join page {code} created: {url}"},
    "join.cli.unknown_community": {
        "fr": "La communauté « {name} » n'existe pas dans cet espace : créez-la d'abord (page Communautés & liens "
              "ou create-link).",
        "en": "The community \"{name}\" does not exist in this workspace: create it first (Communities & links "
              "page or create-link).",
    },
}
