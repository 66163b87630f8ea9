"""Database start-up and connection problems, said so an operator knows what to do."""

MESSAGES = {
    "db.bad_url": {
        "fr": "L'adresse de la base de données (DATABASE_URL) n'est pas valide. Vérifiez-la dans "
        ".streamlit/secrets.toml ou dans l'environnement.",
        "en": "The database address (DATABASE_URL) is not valid. Check it in .streamlit/secrets.toml "
        "or in the environment.",
    },
    "db.unreachable": {
        "fr": "Impossible de joindre la base de données ({target}). Vérifiez DATABASE_URL, le mot de passe "
        "et que le serveur est démarré. Aucune donnée n'a été modifiée.",
        "en": "Cannot reach the database ({target}). Check DATABASE_URL, the password and that the server "
        "is running. No data was changed.",
    },
    "db.data_dir_version": {
        "fr": "Le dossier de données {path} a été créé par PostgreSQL {found}, mais Cercle embarque "
        "PostgreSQL {expected}. Il n'a pas été modifié : sauvegardez-le puis déplacez-le, ou choisissez "
        "un autre dossier avec CERCLE_DATA_DIR.",
        "en": "The data folder {path} was created by PostgreSQL {found}, but Cercle ships PostgreSQL "
        "{expected}. It was left untouched: back it up and move it, or choose another folder with "
        "CERCLE_DATA_DIR.",
    },
    "db.data_dir_unusable": {
        "fr": "Le dossier de données {path} n'est pas utilisable (droits, disque plein ou chemin invalide). "
        "Choisissez un autre dossier avec CERCLE_DATA_DIR.",
        "en": "The data folder {path} cannot be used (permissions, full disk or invalid path). Choose "
        "another folder with CERCLE_DATA_DIR.",
    },
    "db.embedded_failed": {
        "fr": "La base de données intégrée n'a pas pu démarrer. Le journal est dans {log}.",
        "en": "The embedded database could not start. Its log is in {log}.",
    },
    "db.schema_newer": {
        "fr": "Cette base de données a été mise à jour par une version plus récente de Cercle "
        "(migrations inconnues : {versions}). Mettez Cercle à jour ; rien n'a été modifié.",
        "en": "This database was upgraded by a newer version of Cercle (unknown migrations: {versions}). "
        "Update Cercle; nothing was changed.",
    },
    "db.migration_failed": {
        "fr": "La mise à jour du schéma ({name}) a échoué et a été annulée ; la base est restée telle "
        "qu'elle était.",
        "en": "The schema upgrade ({name}) failed and was rolled back; the database is as it was.",
    },
    "db.permission_denied": {
        "fr": "Vous n'avez pas le droit de faire cela dans cet espace de travail.",
        "en": "You are not allowed to do this in this workspace.",
    },
}
