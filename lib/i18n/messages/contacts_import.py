"""The contacts page: import wizard, report, history and undo."""

MESSAGES = {
    "import.tab_import": {"fr": "Importer", "en": "Import"},
    "import.tab_list": {"fr": "Liste", "en": "List"},
    "import.tab_history": {"fr": "Historique des imports", "en": "Import history"},
    "import.upload": {
        "fr": "Déposez votre fichier de contacts (CSV, TXT, Excel XLSX, LibreOffice ODS, vCard VCF)",
        "en": "Drop your contact file (CSV, TXT, Excel XLSX, LibreOffice ODS, vCard VCF)",
    },
    "import.upload_help": {
        "fr": "Export de caisse, de boutique en ligne, fiche de salon, contacts du téléphone : Cercle "
        "reconnaît le format au contenu, pas au nom du fichier.",
        "en": "Till export, webshop export, trade-fair sheet, phone contacts: Cercle recognises the format "
        "from the content, not the file name.",
    },
    "import.read_summary": {
        "fr": "{rows} {rows|ligne|lignes} et {columns} {columns|colonne lue|colonnes lues} ({format}).",
        "en": "{rows} {rows|row|rows} and {columns} {columns|column|columns} read ({format}).",
    },
    "import.known_export": {"fr": "Format reconnu : {name}.", "en": "Recognised format: {name}."},
    "import.export.google_csv": {"fr": "export Google Contacts", "en": "Google Contacts export"},
    "import.export.outlook_csv": {"fr": "export Outlook", "en": "Outlook export"},
    "import.export.shopify_customers": {"fr": "export clients Shopify", "en": "Shopify customers export"},
    "import.export.iphone_vcard": {"fr": "contacts d'iPhone (vCard)", "en": "iPhone contacts (vCard)"},
    "import.export.apple_vcard": {"fr": "contacts Apple (vCard)", "en": "Apple contacts (vCard)"},
    "import.export.android_vcard": {"fr": "contacts Android (vCard)", "en": "Android contacts (vCard)"},
    "import.dialect_unsure": {
        "fr": "Nous ne sommes pas sûrs de la façon dont ce fichier est écrit. Choisissez la lecture dont "
        "l'aperçu ci-dessous a l'air juste :",
        "en": "We are not sure how this file is written. Pick the reading whose preview below looks right:",
    },
    "import.raw_preview": {"fr": "Le fichier tel qu'il est lu", "en": "The file as read"},
    "import.mapping": {"fr": "Correspondance des colonnes", "en": "Column mapping"},
    "import.mapping_help": {
        "fr": "Cercle a deviné à quoi correspond chaque colonne ; corrigez si besoin. Plusieurs colonnes "
        "peuvent être « Téléphone » : la première est le numéro principal.",
        "en": "Cercle guessed what each column holds; correct it if needed. Several columns may be "
        "\"Phone\": the first one is the main number.",
    },
    "import.col_file": {"fr": "Colonne du fichier", "en": "File column"},
    "import.col_example": {"fr": "Exemple", "en": "Example"},
    "import.col_field": {"fr": "Devient", "en": "Becomes"},
    "import.region": {"fr": "Pays des numéros sans indicatif", "en": "Country of numbers without a prefix"},
    "import.region_help": {
        "fr": "Utilisé quand la ligne n'indique pas de pays. Un 06… est français, un 0470… belge pour un client "
        "belge.",
        "en": "Used when the row gives no country. A 06… is French; a 0470… is Belgian for a Belgian customer.",
    },
    "import.preview": {"fr": "Aperçu après nettoyage", "en": "Preview after cleaning"},
    "import.status.ok": {"fr": "OK", "en": "OK"},
    "import.status.repaired": {"fr": "Réparé", "en": "Repaired"},
    "import.status.refused": {"fr": "Refusé", "en": "Refused"},
    "import.col_row": {"fr": "Ligne", "en": "Row"},
    "import.col_status": {"fr": "État", "en": "Status"},
    "import.col_notes": {"fr": "Ce que Cercle a fait", "en": "What Cercle did"},
    "import.no_identifier": {
        "fr": "Aucune colonne n'est marquée « Téléphone » ou « E-mail » : sans elles, personne ne peut être "
        "identifié. Corrigez la correspondance.",
        "en": "No column is marked \"Phone\" or \"Email\": without them nobody can be identified. Fix the "
        "mapping.",
    },
    "import.run": {"fr": "Importer {rows} {rows|ligne|lignes}",
                   "en": "Import {rows} {rows|row|rows}"},
    "import.running": {"fr": "Import en cours…", "en": "Importing…"},
    "import.report": {"fr": "Rapport d'import", "en": "Import report"},
    "import.m_rows": {"fr": "Lignes", "en": "Rows"},
    "import.m_new": {"fr": "Personnes créées", "en": "People created"},
    "import.m_updated": {"fr": "Personnes complétées", "en": "People completed"},
    "import.m_unchanged": {"fr": "Déjà à jour", "en": "Already up to date"},
    "import.m_refused": {"fr": "Non importées", "en": "Not imported"},
    "import.nothing_new": {
        "fr": "Ce fichier n'apporte rien de nouveau : tous ses contacts étaient déjà là, à l'identique. "
        "Rien n'a changé.",
        "en": "This file brings nothing new: all its contacts were already there, identical. Nothing changed.",
    },
    "import.suppressed": {
        "fr": "{count} personnes ont été ignorées car elles se sont opposées à vos messages (liste "
        "d'opposition).",
        "en": "{count} people were skipped because they objected to your messages (suppression list).",
    },
    "import.issues": {
        "fr": "{count} {count|remarque|remarques} en tout, réparations comprises : la liste complète se télécharge "
        "ici. Réimporter le fichier corrigé ne prend que les nouveautés.",
        "en": "{count} notes in all, repairs included: the full list can be downloaded here. Importing the fixed "
        "file again takes only what is new.",
    },
    "import.no_issues": {"fr": "Aucune remarque : tout était propre.", "en": "No notes: everything was clean."},
    "import.download_csv": {"fr": "Télécharger les remarques (CSV)", "en": "Download the notes (CSV)"},
    "import.download_xlsx": {"fr": "Télécharger les remarques (Excel)", "en": "Download the notes (Excel)"},
    "import.col_column": {"fr": "Colonne", "en": "Column"},
    "import.col_value": {"fr": "Valeur", "en": "Value"},
    "import.col_code": {"fr": "Code", "en": "Code"},
    "import.col_message": {"fr": "Explication", "en": "Explanation"},
    "import.history_empty": {
        "fr": "Aucun import pour l'instant. Vos imports apparaîtront ici, avec la possibilité de les annuler.",
        "en": "No import yet. Your imports will show here, and you can undo them.",
    },
    "import.h_when": {"fr": "Date", "en": "Date"},
    "import.h_file": {"fr": "Fichier", "en": "File"},
    "import.h_who": {"fr": "Par", "en": "By"},
    "import.h_status": {"fr": "État", "en": "Status"},
    "import.h_done": {"fr": "Importé", "en": "Imported"},
    "import.h_undone": {"fr": "Annulé", "en": "Undone"},
    "import.undo_pick": {"fr": "Import à annuler", "en": "Import to undo"},
    "import.undo_confirm": {
        "fr": "Je comprends : les contacts créés par cet import seront supprimés et les champs qu'il a "
        "complétés remis comme avant.",
        "en": "I understand: contacts created by this import will be deleted and the fields it filled in put "
        "back as before.",
    },
    "import.undo": {"fr": "Annuler cet import", "en": "Undo this import"},
    "import.undone": {
        "fr": "Import annulé : {removed} {removed|contact retiré|contacts retirés}, {restored} "
        "{restored|contact remis|contacts remis} comme avant.",
        "en": "Import undone: {removed} contacts removed, {restored} contacts put back as before.",
    },
    "import.export": {"fr": "Exporter les contacts", "en": "Export contacts"},
    "import.export_csv": {"fr": "Télécharger en CSV", "en": "Download as CSV"},
    "import.export_xlsx": {"fr": "Télécharger en Excel", "en": "Download as Excel"},
    "import.export_help": {
        "fr": "Les personnes opposées à vos messages ne sont jamais exportées. Les cellules qui pourraient "
        "être lues comme des formules sont neutralisées ; les numéros restent au format +33….",
        "en": "People who objected to your messages are never exported. Cells that could be read as formulas "
        "are neutralised; numbers stay as +33….",
    },
}
