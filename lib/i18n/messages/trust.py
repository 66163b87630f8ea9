"""Messages of the trust fixes (issue #13): the suppression list fed from a file, neutral labels for files."""

MESSAGES = {
    "trust.cli.suppress_help": {
        "fr": "met sur la liste d'opposition les numéros et adresses d'un fichier (un par ligne, - : entrée standard)",
        "en": "puts the numbers and addresses of a file on the suppression list (one a line, - : standard input)",
    },
    "trust.cli.suppress_path": {
        "fr": "le fichier des réponses STOP (un numéro ou une adresse e-mail par ligne), ou - pour l'entrée standard",
        "en": "the file of STOP replies (one phone number or e-mail address a line), or - for standard input",
    },
    "trust.cli.suppress_reason": {
        "fr": "motif : stop (réponse STOP), objection (opposition), opt_out (désinscription)",
        "en": "reason: stop (a STOP reply), objection, opt_out (unsubscribed)",
    },
    "trust.cli.suppress_done": {
        "fr": "{added} ajout(s) à la liste d'opposition ({valid} ligne(s) lue(s), {known} déjà présente(s), "
              "{bad} ligne(s) illisible(s)) ; {contacts} contact(s) ne sont plus joignables.",
        "en": "{added} added to the suppression list ({valid} line(s) read, {known} already there, {bad} unreadable "
              "line(s)); {contacts} contact(s) are no longer reachable.",
    },
    "trust.cli.suppress_bad_line": {
        "fr": "ligne {line} ignorée : ni un numéro de téléphone valide ni une adresse e-mail",
        "en": "line {line} skipped: neither a valid phone number nor an e-mail address",
    },
    "trust.cli.suppress_read_only": {
        "fr": "Seuls les propriétaires et éditeurs de l'espace peuvent compléter la liste d'opposition.",
        "en": "Only the workspace's owners and editors can add to the suppression list.",
    },
    "trust.file_number": {"fr": "n°{number}", "en": "no. {number}"},
    "trust.import_label": {
        "fr": "import du {date} (fichier n°{number})",
        "en": "import of {date} (file no. {number})",
    },
}
