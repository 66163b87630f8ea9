"""What Cercle says about a phone number: libphonenumber's reasons, a cell's verdict, and each repair."""

MESSAGES = {
    # Verdicts on a number (PhoneCheck.code) and on a cell (CellPhones.code)
    "phone.ok": {
        "fr": "Numéro valide.",
        "en": "Valid number.",
    },
    "phone.invalid": {
        "fr": "Ce numéro n'existe pas dans le plan de numérotation du pays : un chiffre en trop ou en moins, "
        "ou un indicatif qui ne correspond pas.",
        "en": "This number does not exist in the country's numbering plan: a digit too many or too few, "
        "or a country code that does not fit.",
    },
    "phone.empty": {
        "fr": "Aucun numéro dans cette cellule.",
        "en": "No number in this cell.",
    },
    "phone.not_a_number": {
        "fr": "Ce texte ne ressemble pas à un numéro de téléphone.",
        "en": "This text does not look like a phone number.",
    },
    "phone.invalid_country_code": {
        "fr": "Indicatif pays inconnu, ou numéro sans indicatif alors que le pays du contact n'est pas "
        "connu.",
        "en": "Unknown country code, or a number without a country code for a contact whose country is "
        "unknown.",
    },
    "phone.too_short_after_idd": {
        "fr": "Le numéro s'arrête juste après le préfixe international (+ ou 00).",
        "en": "The number stops right after the international prefix (+ or 00).",
    },
    "phone.too_short": {
        "fr": "Numéro trop court.",
        "en": "Number too short.",
    },
    "phone.too_long": {
        "fr": "Numéro trop long.",
        "en": "Number too long.",
    },
    "phone.scientific_notation": {
        "fr": "Excel a écrit ce numéro en notation scientifique (comme 6,12346E+08) : ses derniers chiffres "
        "sont perdus et Cercle ne les devine pas. Mettez la colonne au format Texte dans le fichier "
        "d'origine, puis importez-le à nouveau.",
        "en": "Excel wrote this number in scientific notation (like 6.12346E+08): its last digits are lost "
        "and Cercle does not guess them. Format the column as Text in the original file, then import it "
        "again.",
    },
    # Repairs (CellPhones.repairs)
    "phone.excel_float_artefact": {
        "fr": "Le « ,0 » ou « .0 » ajouté par Excel à la fin du numéro a été retiré.",
        "en": "The \".0\" Excel added at the end of the number was removed.",
    },
    "phone.apostrophe_removed": {
        "fr": "L'apostrophe ou les guillemets autour du numéro ont été retirés.",
        "en": "The apostrophe or quotes around the number were removed.",
    },
    "phone.tel_uri_removed": {
        "fr": "Le préfixe de lien « tel: » a été retiré.",
        "en": "The \"tel:\" link prefix was removed.",
    },
    "phone.annotation_removed": {
        "fr": "Une mention écrite avec le numéro a été retirée (comme « Portable : », « (bureau) » ou "
        "« poste 12 »).",
        "en": "A note written with the number was removed (such as \"Mobile:\", \"(office)\" or "
        "\"ext. 12\").",
    },
    "phone.several_numbers": {
        "fr": "La cellule contient plusieurs numéros : le portable est gardé comme numéro principal, les "
        "autres en complément.",
        "en": "The cell holds several numbers: the mobile is kept as the main number, the others as extra "
        "numbers.",
    },
    "phone.separators_removed": {
        "fr": "Les espaces, points, tirets, barres ou parenthèses entre les chiffres ont été retirés.",
        "en": "Spaces, dots, dashes, slashes or brackets between the digits were removed.",
    },
    "phone.international_prefix_00": {
        "fr": "Le préfixe international 00 a été remplacé par +.",
        "en": "The international prefix 00 was replaced with +.",
    },
    "phone.trunk_zero_removed": {
        "fr": "Le (0) écrit après l'indicatif pays a été retiré : on ne le compose pas depuis l'étranger.",
        "en": "The (0) written after the country code was removed: it is not dialled from abroad.",
    },
    "phone.leading_zero_restored": {
        "fr": "Le 0 du début, supprimé par Excel, a été remis.",
        "en": "The leading 0, dropped by Excel, was put back.",
    },
    "phone.overseas_france": {
        "fr": "Numéro d'outre-mer écrit comme un numéro de métropole : l'indicatif du territoire (+590, "
        "+596, +594 ou +262) a été utilisé.",
        "en": "Overseas France number written like a mainland one: the territory's country code (+590, +596, "
        "+594 or +262) was used.",
    },
    "phone.invalid_number_dropped": {
        "fr": "Un des numéros de la cellule n'est pas valide ; il a été écarté.",
        "en": "One of the numbers in the cell is not valid; it was left out.",
    },
    "phone.duplicate_removed": {
        "fr": "Le même numéro apparaissait deux fois dans la cellule ; il n'est gardé qu'une fois.",
        "en": "The same number appeared twice in the cell; it is kept once.",
    },
}
