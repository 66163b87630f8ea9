"""The activity log (Réglages → Journal d'activité): actions, sentences, filters (lib/audit, lib/ui/audit)."""

MESSAGES = {
    "audit.title": {"fr": "Journal d'activité", "en": "Activity log"},
    "audit.help": {
        "fr": "Ce qui a été fait dans cet espace, quand et par qui : imports, exports, liens, réglages… "
        "Le journal ne contient aucune donnée personnelle de vos contacts, et personne ne peut le modifier.",
        "en": "What was done in this workspace, when and by whom: imports, exports, links, settings… "
        "The log holds none of your contacts' personal data, and nobody can edit it.",
    },
    "audit.filter_action": {"fr": "Action", "en": "Action"},
    "audit.filter_period": {"fr": "Période", "en": "Period"},
    "audit.period.7": {"fr": "7 derniers jours", "en": "Last 7 days"},
    "audit.period.30": {"fr": "30 derniers jours", "en": "Last 30 days"},
    "audit.period.365": {"fr": "12 derniers mois", "en": "Last 12 months"},
    "audit.period.all": {"fr": "Depuis le début", "en": "All time"},
    "audit.empty": {
        "fr": "Rien dans le journal pour cette période. Les imports, exports, liens créés et réglages modifiés "
        "y apparaîtront.",
        "en": "Nothing in the log for this period. Imports, exports, links created and settings changed will "
        "appear here.",
    },
    "audit.count": {"fr": "{count} entrée(s), les plus récentes d'abord.", "en": "{count} entries, newest first."},
    "audit.col.when": {"fr": "Quand", "en": "When"},
    "audit.col.who": {"fr": "Qui", "en": "Who"},
    "audit.col.action": {"fr": "Action", "en": "Action"},
    "audit.col.what": {"fr": "Quoi", "en": "What"},
    "audit.unknown_actor": {"fr": "inconnu", "en": "unknown"},
    "audit.download_csv": {"fr": "Télécharger le journal (CSV)", "en": "Download the log (CSV)"},
    "audit.action.all": {"fr": "Toutes les actions", "en": "All actions"},
    "audit.action.import": {"fr": "Import", "en": "Import"},
    "audit.action.import_undone": {"fr": "Import annulé", "en": "Import undone"},
    "audit.action.export": {"fr": "Export", "en": "Export"},
    "audit.action.erasure": {"fr": "Effacement", "en": "Erasure"},
    "audit.action.consent_changed": {"fr": "Consentement modifié", "en": "Consent changed"},
    "audit.action.link_created": {"fr": "Lien créé", "en": "Link created"},
    "audit.action.settings_changed": {"fr": "Réglages modifiés", "en": "Settings changed"},
    "audit.action.sign_in": {"fr": "Connexion", "en": "Sign-in"},
    "audit.action.member_invited": {"fr": "Membre invité", "en": "Member invited"},
    "audit.action.role_changed": {"fr": "Rôle modifié", "en": "Role changed"},
    # Sentences: {placeholders} are the entry's details; a missing one shows as "?".
    "audit.say.import": {
        "fr": "Import du fichier « {file_name} » : {rows} lignes, {imported} contacts ajoutés, {updated} mis à "
        "jour, {refused} lignes refusées.",
        "en": "Imported the file \"{file_name}\": {rows} rows, {imported} contacts added, {updated} updated, "
        "{refused} rows refused.",
    },
    "audit.say.import_undone": {
        "fr": "Import du fichier « {file_name} » annulé : {removed} contacts retirés, {restored} remis comme avant.",
        "en": "Import of the file \"{file_name}\" undone: {removed} contacts removed, {restored} restored.",
    },
    "audit.say.export_all": {
        "fr": "Export de tous les contacts : {rows} contacts.",
        "en": "Exported all contacts: {rows} contacts.",
    },
    "audit.say.export_segment": {
        "fr": "Export du segment « {segment} » : {rows} contacts.",
        "en": "Exported the segment \"{segment}\": {rows} contacts.",
    },
    "audit.say.via_cli": {"fr": " (en ligne de commande)", "en": " (from the command line)"},
    "audit.say.erasure": {"fr": "Effacement de {count} contact(s).", "en": "Erased {count} contact(s)."},
    "audit.say.consent_changed": {
        "fr": "Consentement modifié pour {count} contact(s) ({channel}).",
        "en": "Consent changed for {count} contact(s) ({channel}).",
    },
    "audit.say.link_created": {
        "fr": "Lien {code} créé pour la communauté « {community} », diffusé via « {source} ».",
        "en": "Link {code} created for the community \"{community}\", shared via \"{source}\".",
    },
    "audit.say.settings_changed": {"fr": "Réglages modifiés : {settings}.", "en": "Settings changed: {settings}."},
    "audit.say.sign_in": {"fr": "Connexion à Cercle.", "en": "Signed in to Cercle."},
    "audit.say.member_invited": {
        "fr": "Un membre a été invité (rôle : {role}).",
        "en": "A member was invited (role: {role}).",
    },
    "audit.say.role_changed": {"fr": "Rôle d'un membre changé en {role}.", "en": "A member's role changed to {role}."},
    "audit.setting.name": {"fr": "nom du domaine", "en": "estate name"},
    "audit.setting.default_region": {"fr": "pays par défaut", "en": "default country"},
    "audit.setting.is_alcohol": {"fr": "règles alcool", "en": "alcohol rules"},
    "audit.setting.delivery_countries": {"fr": "pays de livraison", "en": "delivery countries"},
    "audit.setting.delivery_departments": {"fr": "départements de livraison", "en": "delivery departments"},
}
