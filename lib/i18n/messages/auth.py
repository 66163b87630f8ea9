"""Sign-in on a shared instance (Supabase Auth), the first workspace, and the sign-in/sign-out log entries."""

MESSAGES = {
    "auth.nav.signin": {"fr": "Connexion", "en": "Sign in"},
    "auth.nav.onboarding": {"fr": "Créer mon espace", "en": "Create my workspace"},
    "auth.title": {"fr": "Connexion à Cercle", "en": "Sign in to Cercle"},
    "auth.intro": {
        "fr": "Connectez-vous pour retrouver vos contacts, vos segments et vos communautés.",
        "en": "Sign in to find your contacts, segments and communities.",
    },
    "auth.tab.password": {"fr": "Mot de passe", "en": "Password"},
    "auth.tab.code": {"fr": "Code par e-mail", "en": "Code by email"},
    "auth.tab.reset": {"fr": "Mot de passe oublié", "en": "Forgot password"},
    "auth.tab.signup": {"fr": "Créer un compte", "en": "Create an account"},
    "auth.email": {"fr": "Adresse e-mail", "en": "Email address"},
    "auth.password": {"fr": "Mot de passe", "en": "Password"},
    "auth.password_confirm": {"fr": "Confirmez le mot de passe", "en": "Confirm the password"},
    "auth.code": {"fr": "Code reçu par e-mail", "en": "Code received by email"},
    "auth.sign_in": {"fr": "Se connecter", "en": "Sign in"},
    "auth.send_code": {"fr": "Recevoir un code", "en": "Send me a code"},
    "auth.code_help": {
        "fr": "Nous vous envoyons un code à six chiffres (et un lien) pour vous connecter sans mot de passe.",
        "en": "We email you a six-digit code (and a link) to sign in without a password.",
    },
    "auth.code_sent": {
        "fr": "Un e-mail vient de partir. Saisissez le code qu'il contient, ou cliquez sur son lien.",
        "en": "An email is on its way. Type the code it contains, or click its link.",
    },
    "auth.verify_code": {"fr": "Valider le code", "en": "Check the code"},
    "auth.other_address": {"fr": "Utiliser une autre adresse", "en": "Use another address"},
    "auth.send_reset": {"fr": "Recevoir un code de réinitialisation", "en": "Send me a reset code"},
    "auth.reset_help": {
        "fr": "Indiquez votre adresse : vous recevrez un code pour choisir un nouveau mot de passe.",
        "en": "Enter your address: you will receive a code to choose a new password.",
    },
    "auth.reset_sent": {
        "fr": "Si un compte existe pour cette adresse, un e-mail vient de partir avec un code.",
        "en": "If an account exists for this address, an email with a code is on its way.",
    },
    "auth.new_password_title": {"fr": "Choisissez un nouveau mot de passe", "en": "Choose a new password"},
    "auth.new_password": {"fr": "Nouveau mot de passe", "en": "New password"},
    "auth.save_password": {"fr": "Enregistrer le mot de passe", "en": "Save the password"},
    "auth.password_saved": {"fr": "Votre nouveau mot de passe est enregistré.", "en": "Your new password is saved."},
    "auth.sign_up": {"fr": "Créer mon compte", "en": "Create my account"},
    "auth.sign_up_sent": {
        "fr": "Compte créé. Confirmez votre adresse avec le code reçu par e-mail.",
        "en": "Account created. Confirm your address with the code received by email.",
    },
    "auth.signed_in_as": {"fr": "Connecté : {email}", "en": "Signed in: {email}"},
    "auth.sign_out": {"fr": "Se déconnecter", "en": "Sign out"},
    "auth.signed_out": {"fr": "Vous êtes déconnecté.", "en": "You are signed out."},
    "auth.required": {
        "fr": "Connectez-vous pour voir cette page.",
        "en": "Sign in to see this page.",
    },
    # Failures of an exchange with Supabase Auth, shown instead of the server's own text.
    "auth.error.invalid_credentials": {
        "fr": "Adresse e-mail ou mot de passe incorrect.",
        "en": "Wrong email address or password.",
    },
    "auth.error.email_not_confirmed": {
        "fr": "Votre adresse n'est pas encore confirmée : ouvrez l'e-mail de confirmation, ou connectez-vous "
        "avec un code par e-mail.",
        "en": "Your address is not confirmed yet: open the confirmation email, or sign in with a code by email.",
    },
    "auth.error.rate_limited": {
        "fr": "Trop de tentatives en peu de temps. Patientez une minute avant de réessayer.",
        "en": "Too many attempts in a short time. Wait a minute before trying again.",
    },
    "auth.error.code_invalid": {
        "fr": "Ce code est incorrect ou a expiré. Demandez-en un nouveau.",
        "en": "This code is wrong or has expired. Ask for a new one.",
    },
    "auth.error.code_format": {
        "fr": "Le code se compose de chiffres uniquement (six en général).",
        "en": "The code is made of digits only (usually six).",
    },
    "auth.error.link_invalid": {
        "fr": "Ce lien de connexion n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau.",
        "en": "This sign-in link is no longer valid (already used or expired). Ask for a new one.",
    },
    "auth.error.no_account": {
        "fr": "Aucun compte n'est ouvert avec cette adresse. Vérifiez-la, ou demandez une invitation.",
        "en": "No account uses this address. Check it, or ask for an invitation.",
    },
    "auth.error.weak_password": {
        "fr": "Ce mot de passe est trop faible : au moins {minimum} caractères, difficiles à deviner.",
        "en": "This password is too weak: at least {minimum} characters, hard to guess.",
    },
    "auth.error.same_password": {
        "fr": "Le nouveau mot de passe doit être différent de l'ancien.",
        "en": "The new password must differ from the old one.",
    },
    "auth.error.password_missing": {"fr": "Saisissez votre mot de passe.", "en": "Enter your password."},
    "auth.error.password_mismatch": {
        "fr": "Les deux mots de passe ne sont pas identiques.",
        "en": "The two passwords do not match.",
    },
    "auth.error.signup_disabled": {
        "fr": "La création de compte est fermée sur cette instance : demandez une invitation.",
        "en": "Account creation is closed on this instance: ask for an invitation.",
    },
    "auth.error.user_exists": {
        "fr": "Un compte existe déjà avec cette adresse : connectez-vous, ou utilisez « Mot de passe oublié ».",
        "en": "An account already uses this address: sign in, or use \"Forgot password\".",
    },
    "auth.error.email_invalid": {
        "fr": "Cette adresse e-mail n'est pas valable.",
        "en": "This email address is not valid.",
    },
    "auth.error.session_expired": {
        "fr": "Votre session a expiré. Reconnectez-vous pour continuer.",
        "en": "Your session has expired. Sign in again to continue.",
    },
    "auth.error.secret_key": {
        "fr": "La clé Supabase réglée comme clé publique est une clé secrète (« sb_secret_… » ou « service_role ») : "
        "Cercle refuse de s'en servir. L'exploitant doit régler la clé publique du projet (« sb_publishable_… » ou "
        "« anon ») dans SUPABASE_ANON_KEY.",
        "en": "The Supabase key set as the public key is a secret key (\"sb_secret_…\" or \"service_role\"): Cercle "
        "refuses to use it. The operator must set the project's public key (\"sb_publishable_…\" or \"anon\") "
        "in SUPABASE_ANON_KEY.",
    },
    "auth.error.network": {
        "fr": "Le service de connexion ne répond pas. Vérifiez la connexion internet et réessayez dans un instant.",
        "en": "The sign-in service does not answer. Check the internet connection and try again in a moment.",
    },
    "auth.error.network_expired": {
        "fr": "Votre session a expiré et le service de connexion ne répond pas pour la prolonger. Reconnectez-vous "
        "dans un instant.",
        "en": "Your session has expired and the sign-in service does not answer to extend it. Sign in again in a "
        "moment.",
    },
    "auth.error.banned": {
        "fr": "Ce compte est suspendu. Contactez la personne qui gère cette instance.",
        "en": "This account is suspended. Contact the person who runs this instance.",
    },
    "auth.error.token_invalid": {
        "fr": "Votre connexion n'a pas pu être vérifiée. Reconnectez-vous.",
        "en": "Your sign-in could not be verified. Sign in again.",
    },
    "auth.error.misconfigured": {
        "fr": "La connexion n'est pas configurée correctement sur cette instance (SUPABASE_URL). Prévenez la "
        "personne qui la gère.",
        "en": "Sign-in is not configured correctly on this instance (SUPABASE_URL). Tell the person who runs it.",
    },
    "auth.error.unknown": {
        "fr": "La connexion n'a pas abouti. Réessayez ; si cela persiste, contactez la personne qui gère cette "
        "instance.",
        "en": "Signing in did not work. Try again; if it keeps failing, contact the person who runs this instance.",
    },
    # First workspace
    "auth.onboarding.title": {"fr": "Créer mon espace", "en": "Create my workspace"},
    "auth.onboarding.intro": {
        "fr": "Bienvenue ! Un espace réunit les contacts, segments et communautés d'un domaine ou d'une marque. "
        "Donnez-lui le nom de votre domaine ; vous pourrez inviter votre équipe ensuite.",
        "en": "Welcome! A workspace holds one estate's or brand's contacts, segments and communities. Name it "
        "after your estate; you can invite your team afterwards.",
    },
    "auth.onboarding.name": {"fr": "Nom de votre domaine ou de votre marque", "en": "Name of your estate or brand"},
    "auth.onboarding.slug": {"fr": "Identifiant de l'espace : {slug}", "en": "Workspace identifier: {slug}"},
    "auth.onboarding.create": {"fr": "Créer mon espace", "en": "Create my workspace"},
    "auth.onboarding.name_invalid": {
        "fr": "Donnez un nom d'au moins deux lettres ou chiffres (80 caractères au plus).",
        "en": "Give a name of at least two letters or digits (80 characters at most).",
    },
    "auth.onboarding.failed": {
        "fr": "L'espace n'a pas pu être créé. Réessayez dans un instant.",
        "en": "The workspace could not be created. Try again in a moment.",
    },
    # Activity log
    "audit.action.sign_out": {"fr": "Déconnexion", "en": "Sign-out"},
    "audit.say.sign_out": {"fr": "Déconnexion de Cercle.", "en": "Signed out of Cercle."},
}
