"""Navigation, page titles and the words every page shares."""

MESSAGES = {
    "nav.home": {"fr": "Accueil", "en": "Home"},
    "nav.contacts": {"fr": "Contacts", "en": "Contacts"},
    "nav.segments": {"fr": "Segments", "en": "Segments"},
    "nav.communities": {"fr": "Communautés & liens", "en": "Communities & links"},
    "nav.conversions": {"fr": "Conversions", "en": "Conversions"},
    "nav.settings": {"fr": "Réglages", "en": "Settings"},
    "ui.tagline": {
        "fr": "Vos communautés privées, de la liste de contacts aux ventes.",
        "en": "Your private communities, from contact list to sales.",
    },
    "ui.language": {"fr": "Langue", "en": "Language"},
    "ui.workspace": {"fr": "Espace de travail", "en": "Workspace"},
    "ui.default_workspace_name": {"fr": "Mon domaine", "en": "My estate"},
    "ui.db_help": {
        "fr": "Cercle utilise sa propre base PostgreSQL intégrée quand DATABASE_URL n'est pas défini. "
        "Voir le README, section « Où sont les données ».",
        "en": "Cercle uses its own embedded PostgreSQL when DATABASE_URL is not set. See the README, "
        "section \"Where the data lives\".",
    },
    # Home
    "home.title": {"fr": "Accueil", "en": "Home"},
    "home.intro": {
        "fr": "Cercle vous aide à bâtir des communautés privées (WhatsApp, Telegram, SMS…) de personnes "
        "qualifiées : elles aiment ce que vous faites, vous pouvez les livrer, elles peuvent acheter et ont "
        "accepté de vous entendre.",
        "en": "Cercle helps you build private communities (WhatsApp, Telegram, SMS…) of qualified people: "
        "they like what you make, you can deliver them, they can buy, and they agreed to hear from you.",
    },
    "home.metric_contacts": {"fr": "Contacts", "en": "Contacts"},
    "home.metric_mobiles": {"fr": "Numéros mobiles", "en": "Mobile numbers"},
    "home.metric_whatsapp": {"fr": "Joignables sur WhatsApp", "en": "Reachable on WhatsApp"},
    "home.metric_sms": {"fr": "Joignables par SMS", "en": "Reachable by SMS"},
    "home.metric_email": {"fr": "Avec e-mail", "en": "With email"},
    "home.metric_whatsapp_help": {
        "fr": "Numéro mobile, consentement WhatsApp enregistré, pas d'opposition.",
        "en": "Mobile number, WhatsApp consent recorded, no opt-out.",
    },
    "home.empty_title": {"fr": "Votre espace est vide pour l'instant", "en": "Your workspace is empty for now"},
    "home.empty_body": {
        "fr": "Commencez par importer vos contacts (export de caisse, de boutique en ligne, fiche de salon, "
        "contacts du téléphone), ou chargez la démo pour découvrir Cercle avec les 2 000 contacts d'un domaine "
        "viticole fictif.",
        "en": "Start by importing your contacts (till export, webshop export, trade-fair sheet, phone "
        "contacts), or load the demo to discover Cercle with the 2,000 contacts of a fictional wine estate.",
    },
    "home.go_import": {"fr": "Importer mes contacts", "en": "Import my contacts"},
    "home.load_demo": {"fr": "Charger la démo", "en": "Load the demo"},
    "home.reload_demo": {"fr": "Recharger la démo", "en": "Reload the demo"},
    "home.demo_help": {
        "fr": "Les données de démonstration vont dans un espace séparé, « Domaine des Coteaux (démo) » : "
        "elles ne se mélangent jamais à vos vrais contacts. Recharger ne crée pas de doublons.",
        "en": "Demo data goes into a separate workspace, \"Domaine des Coteaux (démo)\": it never mixes with "
        "your real contacts. Reloading creates no duplicates.",
    },
    "home.demo_loading": {"fr": "Chargement de la démo…", "en": "Loading the demo…"},
    "home.demo_done": {
        "fr": "Démo chargée : {imported} nouveaux contacts, {updated} complétés, {unchanged} inchangés, "
        "{refused} lignes refusées.",
        "en": "Demo loaded: {imported} new contacts, {updated} completed, {unchanged} unchanged, "
        "{refused} rows refused.",
    },
    "home.by_country": {"fr": "Contacts par pays", "en": "Contacts by country"},
    "home.top_interests": {"fr": "Centres d'intérêt les plus cités", "en": "Most cited interests"},
    "home.pipeline": {"fr": "Le parcours", "en": "The pipeline"},
    "home.pipeline_steps": {
        "fr": "1. **Contacts** : importez vos fichiers, les numéros sont nettoyés.  \n"
        "2. **Segments** : qualifiez par goûts, budget, joignabilité et consentement.  \n"
        "3. **Communautés & liens** : invitez avec des liens suivis.  \n"
        "4. **Conversions** : voyez ce qui se vend, et grâce à qui.",
        "en": "1. **Contacts**: import your files, numbers get cleaned.  \n"
        "2. **Segments**: qualify by taste, budget, reachability and consent.  \n"
        "3. **Communities & links**: invite with tracked links.  \n"
        "4. **Conversions**: see what sells, and thanks to whom.",
    },
    "chart.country": {"fr": "Pays", "en": "Country"},
    "chart.contacts": {"fr": "Contacts", "en": "Contacts"},
    "chart.interest": {"fr": "Centre d'intérêt", "en": "Interest"},
    # Contacts
    "contacts.title": {"fr": "Contacts", "en": "Contacts"},
    "contacts.search": {"fr": "Rechercher (nom, téléphone, e-mail, ville)", "en": "Search (name, phone, email, city)"},
    "contacts.count": {"fr": "{shown} {shown|affiché|affichés} sur {total}", "en": "{shown} shown of {total}"},
    "contacts.none": {
        "fr": "Aucun contact pour l'instant. Chargez la démo depuis l'accueil en attendant l'import de fichiers.",
        "en": "No contacts yet. Load the demo from the home page while file import is on its way.",
    },
    "contacts.no_match": {
        "fr": "Aucun contact ne correspond à « {search} ».",
        "en": "No contact matches \"{search}\".",
    },
    "col.first_name": {"fr": "Prénom", "en": "First name"},
    "col.last_name": {"fr": "Nom", "en": "Last name"},
    "col.phone_e164": {"fr": "Téléphone", "en": "Phone"},
    "col.phone_type": {"fr": "Type", "en": "Type"},
    "col.email": {"fr": "E-mail", "en": "Email"},
    "col.city": {"fr": "Ville", "en": "City"},
    "col.postal_code": {"fr": "Code postal", "en": "Postal code"},
    "col.country": {"fr": "Pays", "en": "Country"},
    "col.interests": {"fr": "Centres d'intérêt", "en": "Interests"},
    "col.budget_raw": {"fr": "Budget déclaré", "en": "Declared budget"},
    "col.reach_whatsapp": {"fr": "Mobile (WhatsApp)", "en": "Mobile (WhatsApp)"},
    "col.other_phones": {"fr": "Autres numéros", "en": "Other numbers"},
    "col.reach_telegram": {"fr": "Joignable sur Telegram", "en": "Reachable on Telegram"},
    "col.reach_sms": {"fr": "Joignable par SMS", "en": "Reachable by SMS"},
    "col.consent_telegram": {"fr": "Accord Telegram", "en": "Telegram consent"},
    "col.consent_whatsapp": {"fr": "Accord WhatsApp", "en": "WhatsApp consent"},
    "col.consent_sms": {"fr": "Accord SMS", "en": "SMS consent"},
    "col.consent_email": {"fr": "Accord e-mail", "en": "Email consent"},
    "col.created_at": {"fr": "Ajouté le", "en": "Added on"},
    # Pages still to come
    "segments.title": {"fr": "Segments", "en": "Segments"},
    "communities.title": {"fr": "Communautés & liens", "en": "Communities & links"},
    "conversions.title": {"fr": "Conversions", "en": "Conversions"},
    # Settings
    "settings.title": {"fr": "Réglages", "en": "Settings"},
    "settings.workspace": {"fr": "Espace de travail", "en": "Workspace"},
    "settings.name": {"fr": "Nom du domaine ou de la marque", "en": "Estate or brand name"},
    "settings.region": {"fr": "Pays par défaut des numéros", "en": "Default country for numbers"},
    "settings.region_help": {
        "fr": "Sert à lire les numéros écrits sans indicatif (06…) quand la ligne n'indique pas de pays.",
        "en": "Used to read numbers written without a country code (06…) when the row gives no country.",
    },
    "settings.alcohol": {"fr": "Je vends de l'alcool", "en": "I sell alcohol"},
    "settings.alcohol_help": {
        "fr": "Ajoute la mention sanitaire de la loi Evin aux messages et réserve les audiences aux adultes.",
        "en": "Adds the Loi Evin health warning to messages and keeps audiences to adults.",
    },
    "settings.zone": {"fr": "Zone de livraison", "en": "Delivery zone"},
    "settings.zone_help": {
        "fr": "Une personne n'est « joignable » que si vous pouvez la livrer : son pays est dans la liste et, pour la "
        "France, son département aussi quand vous en choisissez.",
        "en": "A person is \"reachable\" only if you can deliver them: their country is in the list and, for France, "
        "their department too when you pick some.",
    },
    "settings.zone_countries": {"fr": "Pays livrés", "en": "Countries delivered"},
    "settings.zone_departments": {"fr": "Départements livrés (France)", "en": "Departments delivered (France)"},
    "settings.zone_all_departments": {"fr": "Toute la France", "en": "All of France"},
    "settings.zone_required": {
        "fr": "Choisissez au moins un pays livré.",
        "en": "Pick at least one country you deliver.",
    },
    "settings.save": {"fr": "Enregistrer", "en": "Save"},
    "settings.saved": {"fr": "Réglages enregistrés.", "en": "Settings saved."},
    "settings.name_required": {"fr": "Le nom ne peut pas être vide.", "en": "The name cannot be empty."},
    "settings.viewer": {
        "fr": "Vous avez un accès en lecture seule à cet espace.",
        "en": "You have read-only access to this workspace.",
    },
    "settings.database": {"fr": "Base de données", "en": "Database"},
    "settings.db_embedded": {
        "fr": "Base PostgreSQL intégrée ; données dans {path}.",
        "en": "Embedded PostgreSQL; data in {path}.",
    },
    "settings.db_external": {"fr": "PostgreSQL externe : {target}.", "en": "External PostgreSQL: {target}."},
}
