"""What `python -m lib.cli` says to an operator."""

MESSAGES = {
    "cli.bad_slug": {
        "fr": "Identifiant d'espace invalide « {slug} » : lettres minuscules, chiffres et tirets (2 à 63).",
        "en": "Invalid workspace id \"{slug}\": lower-case letters, digits and dashes (2 to 63).",
    },
    "cli.bad_region": {
        "fr": "Pays inconnu « {region} » : donnez un code à deux lettres comme FR, BE ou CH.",
        "en": "Unknown country \"{region}\": give a two-letter code such as FR, BE or CH.",
    },
    "cli.cannot_open": {
        "fr": "Impossible d'ouvrir {path} ({reason}).",
        "en": "Cannot open {path} ({reason}).",
    },
    "cli.cannot_write": {
        "fr": "Impossible d'écrire {path} ({reason}).",
        "en": "Cannot write {path} ({reason}).",
    },
    "cli.no_identifier": {
        "fr": "Aucune colonne de téléphone ni d'e-mail reconnue (colonnes lues : {columns}) ; rien n'a été "
        "importé.",
        "en": "No phone or email column recognised (columns read: {columns}); nothing was imported.",
    },
    "cli.import_done": {
        "fr": "{file} : {rows} lignes, {imported} nouveaux contacts, {updated} complétés, {unchanged} inchangés, "
        "{refused} refusées.",
        "en": "{file}: {rows} rows, {imported} new contacts, {updated} completed, {unchanged} unchanged, "
        "{refused} refused.",
    },
    "cli.import_nothing_new": {
        "fr": "Ce fichier n'apporte rien de nouveau : la base n'a pas changé.",
        "en": "This file brings nothing new: the database did not change.",
    },
    "cli.export_done": {
        "fr": "{count} {count|contact exporté|contacts exportés} dans {path}.",
        "en": "{count} {count|contact|contacts} exported to {path}.",
    },
}
