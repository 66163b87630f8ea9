"""Sentences about reading contact files (lib/contacts/readers.py) and naming their columns (mapping.py)."""

MESSAGES = {
    # Refusals: ReadError(code).message
    "readers.error.empty_file": {
        "fr": "Le fichier est vide : il ne contient aucune ligne à lire.",
        "en": "The file is empty: there is no line to read.",
    },
    "readers.error.too_large": {
        "fr": "Le fichier pèse {size_mb} Mo, au-delà de la limite de {limit_mb} Mo. "
        "Découpez-le en plusieurs fichiers ou retirez les colonnes inutiles.",
        "en": "The file is {size_mb} MB, over the {limit_mb} MB limit. "
        "Split it into several files or remove the columns you do not need.",
    },
    "readers.error.too_many_rows": {
        "fr": "Le fichier contient plus de {limit} lignes, la limite d'un import. "
        "Découpez-le en plusieurs fichiers.",
        "en": "The file has more than {limit} rows, the limit for one import. Split it into several files.",
    },
    "readers.error.too_many_columns": {
        "fr": "Le fichier a {count} colonnes, au-delà de la limite de {limit}. "
        "Gardez seulement les colonnes utiles (téléphone, nom, e-mail…).",
        "en": "The file has {count} columns, over the limit of {limit}. "
        "Keep only the useful ones (phone, name, email…).",
    },
    "readers.error.cell_too_long": {
        "fr": "La cellule de la ligne {row}, colonne « {column} », dépasse {limit} caractères. "
        "Raccourcissez-la puis recommencez.",
        "en": "The cell on row {row}, column \u201c{column}\u201d, is longer than {limit} characters. "
        "Shorten it and try again.",
    },
    "readers.error.cell_too_long_at_row": {
        "fr": "Une cellule qui commence ligne {row} dépasse {limit} caractères : il manque sans doute "
        'un guillemet fermant (") à cet endroit du fichier.',
        "en": 'A cell starting on row {row} is longer than {limit} characters: a closing quote (") is '
        "probably missing there.",
    },
    "readers.error.archive_bomb": {
        "fr": "Ce fichier compressé est anormal (contenu démesuré une fois décompressé, ou structure XML "
        "piégée) : par précaution, Cercle ne l'ouvre pas. Réenregistrez-le depuis votre tableur.",
        "en": "This compressed file looks abnormal (huge once decompressed, or a booby-trapped XML "
        "structure): Cercle will not open it. Save it again from your spreadsheet program.",
    },
    "readers.error.unreadable": {
        "fr": "Cercle n'arrive pas à lire ce fichier : il est peut-être abîmé ou incomplet. "
        "Réenregistrez-le depuis votre tableur (Excel, LibreOffice) puis recommencez.",
        "en": "Cercle cannot read this file: it may be damaged or incomplete. "
        "Save it again from your spreadsheet program (Excel, LibreOffice) and try again.",
    },
    "readers.error.no_header": {
        "fr": "La première ligne du fichier contient déjà des contacts, pas des noms de colonnes. "
        "Ajoutez une ligne d'en-tête au début (par exemple : Téléphone, Prénom, Nom, E-mail).",
        "en": "The first line of the file already holds contacts, not column names. "
        "Add a header line at the top (for example: Phone, First name, Last name, Email).",
    },
    "readers.error.encrypted": {
        "fr": "Ce fichier est protégé par un mot de passe. Ouvrez-le dans votre tableur, retirez "
        "la protection (ou enregistrez une copie sans mot de passe) puis importez cette copie.",
        "en": "This file is password-protected. Open it in your spreadsheet program, remove the "
        "protection (or save a copy without a password) and import that copy.",
    },
    "readers.error.unsupported_format": {
        "fr": "Ce fichier ressemble à {kind}, que Cercle ne lit pas. Formats acceptés : CSV, "
        "Excel (.xlsx), LibreOffice (.ods) et vCard (.vcf).",
        "en": "This file looks like {kind}, which Cercle does not read. Accepted formats: CSV, "
        "Excel (.xlsx), LibreOffice (.ods) and vCard (.vcf).",
    },
    "readers.error.sheet_not_found": {
        "fr": "La feuille « {sheet} » n'existe pas dans ce classeur.",
        "en": "There is no sheet named \u201c{sheet}\u201d in this workbook.",
    },
    # What an unsupported file looks like: {kind} above
    "readers.kind.xls": {
        "fr": "un classeur Excel 97-2003 (.xls) : enregistrez-le au format .xlsx ou CSV",
        "en": "an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV",
    },
    "readers.kind.xlsb": {
        "fr": "un classeur Excel binaire (.xlsb) : enregistrez-le au format .xlsx ou CSV",
        "en": "a binary Excel workbook (.xlsb): save it as .xlsx or CSV",
    },
    "readers.kind.spreadsheetml": {
        "fr": "un classeur Excel 2003 XML : enregistrez-le au format .xlsx ou CSV",
        "en": "an Excel 2003 XML workbook: save it as .xlsx or CSV",
    },
    "readers.kind.numbers": {
        "fr": "un document Numbers : exportez-le en Excel ou CSV",
        "en": "a Numbers document: export it as Excel or CSV",
    },
    "readers.kind.pdf": {"fr": "un document PDF", "en": "a PDF document"},
    "readers.kind.image": {"fr": "une image", "en": "an image"},
    "readers.kind.word": {"fr": "un document de traitement de texte", "en": "a word-processing document"},
    "readers.kind.presentation": {"fr": "une présentation", "en": "a presentation"},
    "readers.kind.html": {"fr": "une page web (HTML)", "en": "a web page (HTML)"},
    "readers.kind.xml": {"fr": "un fichier XML", "en": "an XML file"},
    "readers.kind.archive": {"fr": "une archive compressée", "en": "a compressed archive"},
    "readers.kind.binary": {"fr": "un fichier binaire", "en": "a binary file"},
    # Things the reader did or noticed: Table.warnings
    "readers.warning.header_below_title": {
        "fr": "Les noms de colonnes ont été trouvés ligne {row} ; "
        "les lignes au-dessus (titre) sont ignorées.",
        "en": "Column names were found on row {row}; the lines above it (a title) are ignored.",
    },
    "readers.warning.ragged_rows": {
        "fr": "{count} ligne(s) n'ont pas le même nombre de cellules que l'en-tête (lignes {rows}) : "
        "vérifiez-les dans l'aperçu.",
        "en": "{count} row(s) do not have as many cells as the header (rows {rows}): "
        "check them in the preview.",
    },
    "readers.warning.unclosed_quote": {
        "fr": "Un guillemet ouvert ligne {row} n'est jamais fermé : la fin du fichier a pu être lue comme "
        "une seule cellule.",
        "en": "A quote opened on row {row} is never closed: the end of the file may have been read "
        "as one cell.",
    },
    "readers.warning.replaced_characters": {
        "fr": "{count} caractère(s) illisibles dans cet encodage ont été remplacés par « \ufffd ».",
        "en": "{count} character(s) that this encoding cannot read were replaced by \u201c\ufffd\u201d.",
    },
    "readers.warning.duplicate_columns": {
        "fr": "Plusieurs colonnes portent le même nom ; elles ont été numérotées : {names}.",
        "en": "Several columns have the same name; they were numbered: {names}.",
    },
    "readers.warning.blank_column_names": {
        "fr": "{count} colonne(s) sans nom ont été appelées « Colonne N ».",
        "en": "{count} column(s) without a name were called \u201cColonne N\u201d.",
    },
    "readers.warning.other_sheets": {
        "fr": "Seule la feuille « {sheet} » a été lue ; le classeur contient aussi : {others}.",
        "en": "Only the sheet \u201c{sheet}\u201d was read; the workbook also has: {others}.",
    },
    "readers.warning.columns_beyond_limit": {
        "fr": "La feuille déclare plus de {limit} colonnes : seules les {limit} premières ont été lues.",
        "en": "The sheet claims more than {limit} columns: only the first {limit} were read.",
    },
    "readers.warning.dialect_unsure": {
        "fr": "Cercle n'est pas sûr de la façon de découper ce fichier : vérifiez l'aperçu et choisissez "
        "le bon réglage si les colonnes ou les accents sont faux.",
        "en": "Cercle is not sure how to split this file: check the preview and pick the right setting "
        "if columns or accents look wrong.",
    },
    # Describing a text dialect to the user
    "readers.dialect": {
        "fr": "{encoding}, séparateur {delimiter}",
        "en": "{encoding}, separated by {delimiter}",
    },
    "readers.delimiter.comma": {"fr": "virgule ( , )", "en": "comma ( , )"},
    "readers.delimiter.semicolon": {"fr": "point-virgule ( ; )", "en": "semicolon ( ; )"},
    "readers.delimiter.tab": {"fr": "tabulation", "en": "tab"},
    "readers.delimiter.pipe": {"fr": "barre verticale ( | )", "en": "vertical bar ( | )"},
    "readers.encoding.utf-8": {"fr": "UTF-8 (standard actuel)", "en": "UTF-8 (today's standard)"},
    "readers.encoding.utf-8-sig": {
        "fr": "UTF-8 (Excel « CSV UTF-8 »)",
        "en": "UTF-8 (Excel \u201cCSV UTF-8\u201d)",
    },
    "readers.encoding.utf-16": {
        "fr": "UTF-16 (Excel « Texte Unicode »)",
        "en": "UTF-16 (Excel \u201cUnicode Text\u201d)",
    },
    "readers.encoding.cp1252": {
        "fr": "Windows occidental (Excel « CSV »)",
        "en": "Western Windows (Excel \u201cCSV\u201d)",
    },
    "readers.encoding.latin-1": {"fr": "ISO Latin-1", "en": "ISO Latin-1"},
    "readers.encoding.mac_roman": {"fr": "Mac ancien (Mac Roman)", "en": "Classic Mac (Mac Roman)"},
    "readers.encoding.cp850": {"fr": "DOS (ancienne caisse, cp850)", "en": "DOS (old till system, cp850)"},
    # Known exports recognised by their headers
    "readers.export.google_csv": {"fr": "export Google Contacts (CSV)", "en": "Google Contacts export (CSV)"},
    "readers.export.outlook_csv": {"fr": "export Outlook (CSV)", "en": "Outlook export (CSV)"},
    "readers.export.shopify_customers": {
        "fr": "export des clients Shopify",
        "en": "Shopify customers export",
    },
    "readers.export.iphone_vcard": {"fr": "contacts d'iPhone (vCard)", "en": "iPhone contacts (vCard)"},
    "readers.export.apple_vcard": {"fr": "contacts Apple (vCard)", "en": "Apple contacts (vCard)"},
    "readers.export.android_vcard": {"fr": "contacts Android (vCard)", "en": "Android contacts (vCard)"},
    # Cercle's contact fields, as the editable column mapping names them
    "readers.field.phone": {"fr": "Téléphone", "en": "Phone"},
    "readers.field.first_name": {"fr": "Prénom", "en": "First name"},
    "readers.field.last_name": {"fr": "Nom", "en": "Last name"},
    "readers.field.full_name": {"fr": "Nom complet", "en": "Full name"},
    "readers.field.email": {"fr": "E-mail", "en": "Email"},
    "readers.field.city": {"fr": "Ville", "en": "City"},
    "readers.field.postal_code": {"fr": "Code postal", "en": "Postal code"},
    "readers.field.country": {"fr": "Pays", "en": "Country"},
    "readers.field.interests": {"fr": "Centres d'intérêt", "en": "Interests"},
    "readers.field.budget": {"fr": "Budget par bouteille", "en": "Budget per bottle"},
    "readers.field.birth_date": {"fr": "Date de naissance", "en": "Birth date"},
    "readers.field.adult": {"fr": "Majeur (18 ans ou plus)", "en": "Adult (18 or over)"},
    "readers.field.consent_whatsapp": {"fr": "Accord WhatsApp", "en": "WhatsApp consent"},
    "readers.field.consent_sms": {"fr": "Accord SMS", "en": "SMS consent"},
    "readers.field.consent_telegram": {"fr": "Accord Telegram", "en": "Telegram consent"},
    "readers.field.consent_email": {"fr": "Accord e-mail", "en": "Email consent"},
    "readers.field.notes": {"fr": "Notes", "en": "Notes"},
    "readers.field.ignore": {"fr": "(ne pas importer)", "en": "(do not import)"},
}
