"""People's rights: the contact page (Fiche contact), consents, opposition, erasure, purge (lib/contacts/rights.py)."""

MESSAGES = {
    "nav.contact": {"fr": "Fiche contact", "en": "Contact record"},
    "rights.title": {"fr": "Fiche contact", "en": "Contact record"},
    "rights.intro": {
        "fr": "Retrouvez une personne pour voir tout ce que Cercle conserve sur elle, gérer ses consentements, "
        "exporter ses données ou l'effacer (droits d'accès, d'opposition et d'effacement du RGPD).",
        "en": "Find a person to see everything Cercle holds on them, manage their consents, export their data or "
        "erase them (GDPR rights of access, objection and erasure).",
    },
    "rights.search": {"fr": "Rechercher (nom, téléphone ou e-mail)", "en": "Search (name, phone or email)"},
    "rights.search_placeholder": {"fr": "ex. Dupont, 06 12 34 56 78, marie@…", "en": "e.g. Smith, +44 7…, mary@…"},
    "rights.no_match": {"fr": "Personne ne correspond à « {search} ».", "en": "Nobody matches \"{search}\"."},
    "rights.pick": {"fr": "Personne", "en": "Person"},
    "rights.many": {
        "fr": "{count} personnes correspondent (20 au plus sont proposées) : précisez la recherche si besoin.",
        "en": "{count} people match (at most 20 are offered): narrow the search if needed.",
    },
    "rights.gone": {
        "fr": "Cette personne n'est plus dans cet espace (effacée ou jamais importée ici).",
        "en": "This person is no longer in this workspace (erased, or never imported here).",
    },
    "rights.viewer": {
        "fr": "Vous consultez cet espace en lecture seule : vous voyez la fiche, mais seuls les éditeurs et "
        "propriétaires peuvent modifier un consentement, enregistrer une opposition, exporter ou effacer.",
        "en": "You have read-only access to this workspace: you see the record, but only editors and owners may "
        "change a consent, record an objection, export or erase.",
    },
    "rights.opted_out": {
        "fr": "Opposition enregistrée le {date} ({reason}) : cette personne ne reçoit plus rien et ne peut plus "
        "être réimportée.",
        "en": "Objection recorded on {date} ({reason}): this person receives nothing and cannot be imported again.",
    },
    "rights.suppressed": {
        "fr": "Son numéro ou son e-mail est sur la liste d'exclusion : elle n'entre dans aucun segment, aucune "
        "invitation ni aucun export.",
        "en": "Their number or email is on the suppression list: they are in no segment, invitation or export.",
    },
    "rights.section.fields": {"fr": "Ce que Cercle conserve", "en": "What Cercle holds"},
    "rights.section.consents": {"fr": "Consentements", "en": "Consents"},
    "rights.section.history": {"fr": "Historique des consentements", "en": "Consent history"},
    "rights.section.communities": {"fr": "Communautés", "en": "Communities"},
    "rights.section.invitations": {"fr": "Invitations", "en": "Invitations"},
    "rights.section.orders": {"fr": "Commandes", "en": "Orders"},
    "rights.section.imports": {"fr": "Origine des données", "en": "Where the data came from"},
    "rights.section.snapshots": {"fr": "Campagnes (segments figés)", "en": "Campaigns (frozen segments)"},
    "rights.none": {"fr": "Rien.", "en": "Nothing."},
    "rights.col.field": {"fr": "Champ", "en": "Field"},
    "rights.col.value": {"fr": "Valeur", "en": "Value"},
    "rights.col.channel": {"fr": "Canal", "en": "Channel"},
    "rights.col.state": {"fr": "État", "en": "State"},
    "rights.col.when": {"fr": "Quand", "en": "When"},
    "rights.col.recorded": {"fr": "Enregistré le", "en": "Recorded on"},
    "rights.col.method": {"fr": "Comment", "en": "How"},
    "rights.col.source": {"fr": "Source", "en": "Source"},
    "rights.col.wording": {"fr": "Texte présenté (version)", "en": "Wording shown (version)"},
    "rights.col.by": {"fr": "Par", "en": "By"},
    "rights.col.import": {"fr": "Import", "en": "Import"},
    "rights.col.community": {"fr": "Communauté", "en": "Community"},
    "rights.col.joined": {"fr": "Depuis", "en": "Since"},
    "rights.col.prepared": {"fr": "Préparée le", "en": "Prepared on"},
    "rights.col.opened": {"fr": "Ouverte le", "en": "Opened on"},
    "rights.col.number": {"fr": "N°", "en": "No."},
    "rights.col.amount": {"fr": "Montant", "en": "Amount"},
    "rights.col.sale": {"fr": "Vente", "en": "Sale"},
    "rights.col.file": {"fr": "Fichier", "en": "File"},
    "rights.col.name": {"fr": "Nom", "en": "Name"},
    "rights.state.granted": {"fr": "Accordé", "en": "Given"},
    "rights.state.withdrawn": {"fr": "Retiré", "en": "Withdrawn"},
    "rights.state.none": {"fr": "Non", "en": "No"},
    "rights.yes": {"fr": "oui", "en": "yes"},
    "rights.no": {"fr": "non", "en": "no"},
    "rights.channel.whatsapp": {"fr": "WhatsApp", "en": "WhatsApp"},
    "rights.channel.sms": {"fr": "SMS", "en": "SMS"},
    "rights.channel.telegram": {"fr": "Telegram", "en": "Telegram"},
    "rights.channel.email": {"fr": "E-mail", "en": "Email"},
    "rights.method.import": {"fr": "fichier importé", "en": "imported file"},
    "rights.method.form": {"fr": "formulaire (site, QR code)", "en": "form (website, QR code)"},
    "rights.method.paper": {"fr": "bulletin papier", "en": "paper form"},
    "rights.method.in_person": {"fr": "de vive voix (caveau, salon)", "en": "in person (cellar, fair)"},
    "rights.method.message": {"fr": "réponse à un message", "en": "reply to a message"},
    "rights.method.phone_call": {"fr": "appel téléphonique", "en": "phone call"},
    "rights.method.other": {"fr": "autre", "en": "other"},
    "rights.method.request": {"fr": "demande de la personne", "en": "the person's request"},
    "rights.method.stop": {"fr": "réponse STOP", "en": "STOP reply"},
    "rights.method.unsubscribe": {"fr": "lien de désinscription", "en": "unsubscribe link"},
    "rights.method.reverted": {"fr": "annulation d'un import", "en": "import undone"},
    "rights.consent.edit": {"fr": "Modifier un consentement", "en": "Change a consent"},
    "rights.consent.channel": {"fr": "Canal", "en": "Channel"},
    "rights.consent.action": {"fr": "Action", "en": "Action"},
    "rights.consent.grant": {"fr": "Accorder", "en": "Give"},
    "rights.consent.withdraw": {"fr": "Retirer", "en": "Withdraw"},
    "rights.consent.method": {"fr": "Comment a-t-il été recueilli (ou retiré) ?", "en": "How was it collected (or "
                              "withdrawn)?"},
    "rights.consent.source": {"fr": "Où / source", "en": "Where / source"},
    "rights.consent.source_help": {
        "fr": "Par exemple « Salon des vins de Pau 2026 » ou « formulaire newsletter du site ».",
        "en": "For example \"Pau wine fair 2026\" or \"website newsletter form\".",
    },
    "rights.consent.wording": {"fr": "Texte présenté à la personne (version)", "en": "Wording shown (version)"},
    "rights.consent.wording_help": {
        "fr": "La phrase ou la version du texte que la personne a acceptée, par exemple « Case WhatsApp v2 (mars "
        "2026) ». C'est ce qui prouve ce qu'on lui a dit.",
        "en": "The sentence or version of the text the person accepted, e.g. \"WhatsApp box v2 (March 2026)\". "
        "It proves what they were told.",
    },
    "rights.consent.save": {"fr": "Enregistrer", "en": "Save"},
    "rights.consent.saved": {"fr": "Consentement enregistré, avec sa preuve.", "en": "Consent saved, with its proof."},
    "rights.consent.unchanged": {"fr": "C'était déjà le cas : rien n'a changé.", "en": "It already was: nothing "
                                 "changed."},
    "rights.consent.opted_out": {
        "fr": "Cette personne s'est opposée à toute prospection : aucun consentement ne peut être ajouté.",
        "en": "This person objected to all marketing: no consent can be added.",
    },
    "rights.export.title": {"fr": "Exporter ses données", "en": "Export their data"},
    "rights.export.help": {
        "fr": "Pour répondre à une demande d'accès : tout ce que Cercle conserve sur cette personne, en JSON ou en "
        "tableur. L'export est noté dans le journal d'activité (sans le nom de la personne).",
        "en": "To answer an access request: everything Cercle holds on this person, as JSON or a spreadsheet. "
        "The export is noted in the activity log (without the person's name).",
    },
    "rights.export.prepare": {"fr": "Préparer l'export", "en": "Prepare the export"},
    "rights.export.json": {"fr": "Télécharger (JSON)", "en": "Download (JSON)"},
    "rights.export.csv": {"fr": "Télécharger (CSV)", "en": "Download (CSV)"},
    "rights.export.xlsx": {"fr": "Télécharger (Excel)", "en": "Download (Excel)"},
    "rights.optout.title": {"fr": "Opposition / STOP", "en": "Objection / STOP"},
    "rights.optout.help": {
        "fr": "La personne a répondu STOP ou ne veut plus rien recevoir : tous ses consentements sont retirés et ses "
        "numéros et son e-mail rejoignent la liste d'exclusion. Elle reste dans vos contacts, marquée.",
        "en": "The person replied STOP or wants nothing more: all their consents are withdrawn and their numbers "
        "and email join the suppression list. They stay in your contacts, marked.",
    },
    "rights.optout.reason": {"fr": "Motif", "en": "Reason"},
    "rights.optout.reason.stop": {"fr": "réponse STOP", "en": "STOP reply"},
    "rights.optout.reason.objection": {"fr": "opposition exprimée", "en": "objection"},
    "rights.optout.reason.opt_out": {"fr": "désinscription", "en": "unsubscribed"},
    "rights.optout.button": {"fr": "Enregistrer l'opposition", "en": "Record the objection"},
    "rights.optout.done": {"fr": "Opposition enregistrée.", "en": "Objection recorded."},
    "rights.optout.already": {"fr": "L'opposition était déjà enregistrée.", "en": "The objection was already "
                              "recorded."},
    "rights.erase.title": {"fr": "Effacer cette personne", "en": "Erase this person"},
    "rights.erase.help": {
        "fr": "Efface la personne partout dans Cercle : sa fiche, ses consentements et leur historique, ses "
        "communautés, ses invitations, ses traces dans les imports ; ses commandes restent comptées dans vos "
        "chiffres, mais sans nom, téléphone ni e-mail. C'est définitif.",
        "en": "Erases the person everywhere in Cercle: their record, consents and their history, communities, "
        "invitations, traces in imports; their orders still count in your figures, but without name, phone or "
        "email. This cannot be undone.",
    },
    "rights.erase.key": {
        "fr": "Une seule chose reste : une empreinte chiffrée (non réversible) de ses numéros et de son e-mail sur la "
        "liste d'exclusion. Elle ne permet pas de retrouver la personne, mais elle empêche qu'un ancien fichier la "
        "réimporte et qu'on la recontacte par erreur. Le RGPD admet ce minimum pour respecter son choix.",
        "en": "One thing remains: an encrypted, one-way fingerprint of their numbers and email on the suppression "
        "list. It cannot identify the person, but it stops an old file from importing them again and anyone "
        "contacting them by mistake. The GDPR allows this minimum to honour their choice.",
    },
    "rights.erase.type_name": {"fr": "Pour confirmer, tapez « {name} »", "en": "To confirm, type \"{name}\""},
    "rights.erase.confirm": {"fr": "Je comprends que c'est définitif", "en": "I understand this is final"},
    "rights.erase.button": {"fr": "Effacer définitivement", "en": "Erase for good"},
    "rights.erase.mismatch": {
        "fr": "Le texte tapé ne correspond pas : rien n'a été effacé.",
        "en": "The typed text does not match: nothing was erased.",
    },
    "rights.erase.done": {
        "fr": "La personne a été effacée. Seule l'empreinte d'exclusion reste.",
        "en": "The person was erased. Only the suppression fingerprint remains.",
    },
    "rights.purge.title": {"fr": "Purger les prospects inactifs", "en": "Purge inactive prospects"},
    "rights.purge.help": {
        "fr": "La CNIL demande de ne pas garder un prospect (quelqu'un qui n'a jamais acheté) plus de trois ans "
        "après son dernier contact. Sont concernés les contacts sans aucune vente, sans import, consentement, "
        "commande, invitation ni adhésion à une communauté depuis la durée choisie. Ils sont effacés sans être "
        "mis sur la liste d'exclusion : ils ne se sont pas opposés et pourront se réinscrire.",
        "en": "The CNIL asks not to keep a prospect (someone who never bought) more than three years after their "
        "last contact. This covers contacts with no sale and no import, consent, order, invitation or community "
        "membership for the chosen period. They are erased without being put on the suppression list: they did "
        "not object and may sign up again.",
    },
    "rights.purge.months": {"fr": "Durée de conservation (mois)", "en": "Retention period (months)"},
    "rights.purge.months_help": {
        "fr": "36 mois par défaut (recommandation CNIL). Seuls les propriétaires de l'espace la modifient.",
        "en": "36 months by default (CNIL recommendation). Only the workspace's owners change it.",
    },
    "rights.purge.save_months": {"fr": "Enregistrer la durée", "en": "Save the period"},
    "rights.purge.months_saved": {"fr": "Durée enregistrée.", "en": "Period saved."},
    "rights.purge.preview": {"fr": "Voir qui serait effacé", "en": "See who would be erased"},
    "rights.purge.count": {
        "fr": "{count} prospect(s) inactif(s) depuis plus de {months} mois.",
        "en": "{count} prospect(s) inactive for more than {months} months.",
    },
    "rights.purge.nobody": {
        "fr": "Aucun prospect inactif depuis plus de {months} mois : rien à purger.",
        "en": "No prospect inactive for more than {months} months: nothing to purge.",
    },
    "rights.purge.sample": {"fr": "Exemples :", "en": "Examples:"},
    "rights.purge.confirm": {
        "fr": "J'ai vérifié la liste : effacer ces {count} prospect(s)",
        "en": "I checked the list: erase these {count} prospect(s)",
    },
    "rights.purge.button": {"fr": "Purger", "en": "Purge"},
    "rights.purge.done": {"fr": "{count} prospect(s) effacé(s).", "en": "{count} prospect(s) erased."},
    "rights.open": {"fr": "Ouvrir une fiche contact", "en": "Open a contact record"},
    "rights.error.read_only": {
        "fr": "Votre rôle dans cet espace ne permet pas cette action (éditeurs et propriétaires seulement).",
        "en": "Your role in this workspace does not allow this (editors and owners only).",
    },
    "rights.error.owner_only": {
        "fr": "Seuls les propriétaires de l'espace peuvent modifier ce réglage.",
        "en": "Only the workspace's owners can change this setting.",
    },
    "rights.error.not_found": {"fr": "Cette personne n'existe plus dans cet espace.", "en": "This person no longer "
                               "exists in this workspace."},
    "rights.error.opted_out": {
        "fr": "Cette personne s'est opposée à toute prospection : aucun consentement ne peut être ajouté.",
        "en": "This person objected to all marketing: no consent can be added.",
    },
    "rights.error.bad_channel": {"fr": "Canal inconnu.", "en": "Unknown channel."},
    "rights.error.bad_method": {"fr": "Choisissez comment il a été recueilli ou retiré.", "en": "Choose how it was "
                                "collected or withdrawn."},
    "rights.error.wording_required": {
        "fr": "Indiquez le texte (ou sa version) que la personne a accepté : c'est la preuve de son consentement.",
        "en": "Give the wording (or its version) the person accepted: it is the proof of their consent.",
    },
    "rights.error.source_required": {
        "fr": "Indiquez où le consentement a été recueilli (salon, site, caveau…).",
        "en": "Say where the consent was collected (fair, website, cellar…).",
    },
    "rights.error.bad_retention": {
        "fr": "La durée doit être un nombre de mois entre {low} et {high}.",
        "en": "The period must be a number of months between {low} and {high}.",
    },
    "rights.error.purge_changed": {
        "fr": "La liste a changé depuis l'aperçu : rien n'a été effacé. Regardez-la à nouveau avant de confirmer.",
        "en": "The list changed since the preview: nothing was erased. Look at it again before confirming.",
    },
    "rights.field.first_name": {"fr": "Prénom", "en": "First name"},
    "rights.field.last_name": {"fr": "Nom", "en": "Last name"},
    "rights.field.phone_e164": {"fr": "Téléphone", "en": "Phone"},
    "rights.field.phone_type": {"fr": "Type de ligne", "en": "Line type"},
    "rights.field.phone_region": {"fr": "Pays du numéro", "en": "Number's country"},
    "rights.field.other_phones": {"fr": "Autres numéros", "en": "Other numbers"},
    "rights.field.email": {"fr": "E-mail", "en": "Email"},
    "rights.field.city": {"fr": "Ville", "en": "City"},
    "rights.field.postal_code": {"fr": "Code postal", "en": "Postcode"},
    "rights.field.country": {"fr": "Pays", "en": "Country"},
    "rights.field.interests": {"fr": "Centres d'intérêt", "en": "Interests"},
    "rights.field.budget_raw": {"fr": "Budget", "en": "Budget"},
    "rights.field.birth_date": {"fr": "Date de naissance", "en": "Birth date"},
    "rights.field.declared_adult": {"fr": "Majeur (déclaré)", "en": "Adult (declared)"},
    "rights.field.reach_whatsapp": {"fr": "Joignable sur WhatsApp", "en": "Reachable on WhatsApp"},
    "rights.field.reach_telegram": {"fr": "Joignable sur Telegram", "en": "Reachable on Telegram"},
    "rights.field.reach_sms": {"fr": "Joignable par SMS", "en": "Reachable by SMS"},
    "rights.field.consent_whatsapp": {"fr": "Consentement WhatsApp", "en": "WhatsApp consent"},
    "rights.field.consent_sms": {"fr": "Consentement SMS", "en": "SMS consent"},
    "rights.field.consent_telegram": {"fr": "Consentement Telegram", "en": "Telegram consent"},
    "rights.field.consent_email": {"fr": "Consentement e-mail", "en": "Email consent"},
    "rights.field.opted_out_at": {"fr": "Opposition le", "en": "Objected on"},
    "rights.field.opt_out_reason": {"fr": "Motif de l'opposition", "en": "Objection reason"},
    "rights.field.attributes": {"fr": "Autres informations", "en": "Other information"},
    "rights.field.created_at": {"fr": "Ajouté le", "en": "Added on"},
    "rights.field.updated_at": {"fr": "Modifié le", "en": "Changed on"},
    "rights.imported_from": {
        "fr": "Ajouté par l'import « {file} » du {date}.",
        "en": "Added by the import \"{file}\" of {date}.",
    },
    "rights.completed_by": {"fr": "Complété ensuite par ces imports :", "en": "Then completed by these imports:"},
    # the activity log (lib/audit: action labels and sentences)
    "audit.action.opt_out": {"fr": "Opposition", "en": "Objection"},
    "audit.action.person_export": {"fr": "Export d'une personne", "en": "Person's data exported"},
    "audit.action.purge": {"fr": "Purge des prospects", "en": "Prospect purge"},
    "audit.say.opt_out": {
        "fr": "Opposition enregistrée pour {count} contact(s) ({reason}) : {withdrawn} consentement(s) retiré(s), "
        "{keys} empreinte(s) ajoutée(s) à la liste d'exclusion.",
        "en": "Objection recorded for {count} contact(s) ({reason}): {withdrawn} consent(s) withdrawn, {keys} "
        "fingerprint(s) added to the suppression list.",
    },
    "audit.say.person_export": {
        "fr": "Données d'une personne exportées (demande d'accès, format {format}).",
        "en": "One person's data exported (access request, {format} format).",
    },
    "audit.say.purge": {
        "fr": "Purge de {count} prospect(s) inactif(s) depuis plus de {months} mois.",
        "en": "Purged {count} prospect(s) inactive for more than {months} months.",
    },
    "audit.setting.prospect_retention_months": {
        "fr": "durée de conservation des prospects",
        "en": "prospect retention period",
    },
}
