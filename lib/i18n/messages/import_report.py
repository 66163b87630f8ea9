"""The import report: what happened to each person and each number, in plain words (issue #12, #13)."""

MESSAGES = {
    "importreport.error.too_many_cells": {
        "fr": "Ce fichier se déplie en {count} cellules une fois ses lignes et colonnes répétées comptées "
        "(au plus {limit}) : Cercle ne le lit pas. Ouvrez-le dans LibreOffice ou Excel, supprimez les lignes "
        "recopiées en trop, enregistrez puis importez à nouveau.",
        "en": "This file unfolds into {count} cells once its repeated rows and columns are counted (at most "
        "{limit}): Cercle does not read it. Open it in LibreOffice or Excel, delete the extra copied rows, "
        "save and import it again.",
    },
    "importreport.warning.cells_cut": {
        "fr": "{count} cellule(s) dépassaient {limit} caractères (lignes {rows}) : elles ont été coupées, et la "
        "valeur est écartée pour sa ligne si elle va dans une colonne importée. Le reste du fichier est lu.",
        "en": "{count} cell(s) were longer than {limit} characters (rows {rows}): they were cut, and the value "
        "is left out for its row if it goes into an imported column. The rest of the file is read.",
    },
    "importreport.issue.value_too_long": {
        "fr": "Valeur beaucoup trop longue pour cette colonne : elle est écartée pour cette ligne, le reste de "
        "la ligne est importé. Vérifiez la cellule dans le fichier.",
        "en": "Value far too long for this column: it is left out for this row, the rest of the row is "
        "imported. Check the cell in the file.",
    },
    "importreport.error.database_refused": {
        "fr": "La base de données a refusé une valeur de ce fichier : rien n'a été importé, vos contacts sont "
        "comme avant. Vérifiez les cellules anormalement longues ou étranges, puis importez à nouveau.",
        "en": "The database refused a value in this file: nothing was imported, your contacts are as they were. "
        "Check for unusually long or odd cells, then import again.",
    },
    # Why a number was not kept, and what to do about it (the report's « Numéros perdus »)
    "importreport.lost.why.scientific_notation": {
        "fr": "Excel a écrit ce numéro en notation scientifique (comme 6,12346E+08) : ses derniers chiffres sont "
        "perdus et Cercle ne les devine pas.",
        "en": "Excel wrote this number in scientific notation (like 6.12346E+08): its last digits are lost and "
        "Cercle does not guess them.",
    },
    "importreport.lost.todo.scientific_notation": {
        "fr": "Dans le fichier d'origine, mettez la colonne au format Texte, recopiez les numéros depuis leur "
        "source (caisse, boutique), puis importez à nouveau.",
        "en": "In the original file, format the column as Text, copy the numbers again from their source "
        "(till, shop), then import again.",
    },
    "importreport.lost.why.too_short": {
        "fr": "Numéro incomplet : il manque des chiffres.",
        "en": "Incomplete number: digits are missing.",
    },
    "importreport.lost.todo.too_short": {
        "fr": "Complétez le numéro dans le fichier (10 chiffres pour un numéro français), puis importez à nouveau.",
        "en": "Complete the number in the file (10 digits for a French number), then import again.",
    },
    "importreport.lost.why.too_long": {
        "fr": "Trop de chiffres pour un seul numéro.",
        "en": "Too many digits for one number.",
    },
    "importreport.lost.todo.too_long": {
        "fr": "Retirez les chiffres en trop ; s'il y a deux numéros, séparez-les par « / ».",
        "en": "Remove the extra digits; if there are two numbers, separate them with \"/\".",
    },
    "importreport.lost.why.invalid": {
        "fr": "Ce numéro n'existe pas dans le pays de la ligne : un chiffre faux ou un indicatif qui ne "
        "correspond pas.",
        "en": "This number does not exist in the row's country: a wrong digit or a country code that does "
        "not fit.",
    },
    "importreport.lost.todo.invalid": {
        "fr": "Vérifiez le numéro, et le pays de la ligne (colonne Pays, sinon le pays choisi pour l'import).",
        "en": "Check the number, and the row's country (Country column, else the country chosen for the import).",
    },
    "importreport.lost.why.invalid_country_code": {
        "fr": "Indicatif pays inconnu, ou numéro sans indicatif pour un pays inconnu.",
        "en": "Unknown country code, or a number without one for an unknown country.",
    },
    "importreport.lost.todo.invalid_country_code": {
        "fr": "Écrivez le numéro avec son indicatif (+33 6…), ou indiquez le pays de la ligne.",
        "en": "Write the number with its country code (+33 6…), or give the row's country.",
    },
    "importreport.lost.why.not_a_number": {
        "fr": "Ce texte n'est pas un numéro de téléphone.",
        "en": "This text is not a phone number.",
    },
    "importreport.lost.todo.not_a_number": {
        "fr": "Mettez le numéro dans la colonne Téléphone, le texte dans une autre colonne.",
        "en": "Put the number in the Phone column and the text in another column.",
    },
    "importreport.lost.why.too_short_after_idd": {
        "fr": "Le numéro s'arrête juste après le + ou le 00.",
        "en": "The number stops right after the + or 00.",
    },
    "importreport.lost.todo.too_short_after_idd": {
        "fr": "Complétez le numéro dans le fichier, puis importez à nouveau.",
        "en": "Complete the number in the file, then import again.",
    },
    "importreport.lost.why.invalid_number_dropped": {
        "fr": "La cellule contient plusieurs numéros et l'un d'eux n'est pas valide : il a été écarté, les "
        "autres sont gardés.",
        "en": "The cell holds several numbers and one is not valid: it was left out, the others are kept.",
    },
    "importreport.lost.todo.invalid_number_dropped": {
        "fr": "Si ce numéro compte, corrigez-le dans le fichier puis importez à nouveau : la fiche sera complétée.",
        "en": "If that number matters, fix it in the file and import again: the record will be completed.",
    },
    "importreport.person.kept": {"fr": "Personne importée (par son e-mail)", "en": "Person imported (by email)"},
    "importreport.person.refused": {"fr": "Ligne non importée", "en": "Row not imported"},
    "importreport.preview.lost": {"fr": "Numéro écarté : {why}", "en": "Number left out: {why}"},
    "importreport.status.phone_lost": {"fr": "Numéro écarté", "en": "Number left out"},
    "importreport.status.note": {"fr": "À vérifier", "en": "To check"},
    # Kinds of remark in the downloadable list, and what to do
    "importreport.kind.repaired": {"fr": "Numéro réparé", "en": "Number repaired"},
    "importreport.kind.number_lost": {"fr": "Numéro perdu", "en": "Number lost"},
    "importreport.kind.refused": {"fr": "Ligne non importée", "en": "Row not imported"},
    "importreport.kind.note": {"fr": "À vérifier", "en": "To check"},
    "importreport.todo.refused": {
        "fr": "Ajoutez un numéro de téléphone ou un e-mail valide à la ligne, puis importez à nouveau.",
        "en": "Add a valid phone number or email to the row, then import again.",
    },
    "importreport.todo.note": {
        "fr": "Corrigez la cellule dans le fichier si besoin ; réimporter complétera la fiche.",
        "en": "Fix the cell in the file if needed; importing again will complete the record.",
    },
    # The on-screen report
    "importreport.m_merged": {"fr": "Lignes fusionnées", "en": "Rows merged"},
    "importreport.m_merged_help": {
        "fr": "Lignes qui concernaient une personne déjà présente plus haut dans le fichier (même numéro, ou "
        "même e-mail sans numéro) : elles complètent sa fiche au lieu d'en créer une seconde.",
        "en": "Rows about a person already met higher up in the file (same number, or same email without a "
        "number): they complete that record instead of creating a second one.",
    },
    "importreport.m_not_imported_help": {
        "fr": "Lignes sans numéro utilisable ni e-mail valide, et personnes de la liste d'opposition.",
        "en": "Rows with neither a usable number nor a valid email, and people on the suppression list.",
    },
    "importreport.summary": {
        "fr": "{rows} {rows|ligne lue|lignes lues} dans « {file} ».",
        "en": "{rows} rows read from \"{file}\".",
    },
    "importreport.repaired_title": {
        "fr": "Numéros réparés : {count} (sans risque, rien à faire)",
        "en": "Numbers repaired: {count} (harmless, nothing to do)",
    },
    "importreport.lost_title": {
        "fr": "Numéros perdus : {count} — à corriger dans le fichier",
        "en": "Numbers lost: {count} — to fix in the file",
    },
    "importreport.refused_title": {
        "fr": "Lignes non importées : {count}",
        "en": "Rows not imported: {count}",
    },
    "importreport.notes_title": {
        "fr": "Autres remarques : {count}",
        "en": "Other remarks: {count}",
    },
    "importreport.col_repair": {"fr": "Réparation", "en": "Repair"},
    "importreport.col_count": {"fr": "Nombre", "en": "Count"},
    "importreport.col_example": {"fr": "Exemple (ligne)", "en": "Example (row)"},
    "importreport.col_result": {"fr": "Devenu", "en": "Became"},
    "importreport.col_why": {"fr": "Pourquoi", "en": "Why"},
    "importreport.col_todo": {"fr": "Que faire", "en": "What to do"},
    "importreport.col_person": {"fr": "La personne", "en": "The person"},
    "importreport.col_kind": {"fr": "Type", "en": "Kind"},
    "importreport.refused_help": {
        "fr": "Ni numéro de téléphone utilisable ni e-mail valide : Cercle ne peut pas savoir qui c'est. Lignes : "
        "{rows}.",
        "en": "Neither a usable phone number nor a valid email: Cercle cannot tell who it is. Rows: {rows}.",
    },
    "importreport.cli.merged": {
        "fr": "{count} lignes concernaient une personne déjà présente plus haut dans le fichier : fusionnées.",
        "en": "{count} rows were about a person already met higher up in the file: merged.",
    },
    "importreport.cli.lost": {
        "fr": "{count} numéros perdus, à corriger dans le fichier :",
        "en": "{count} numbers lost, to fix in the file:",
    },
    "importreport.cli.lost_line": {
        "fr": "  ligne {row} : « {value} » — {why} {what_to_do} ({person})",
        "en": "  row {row}: \"{value}\" — {why} {what_to_do} ({person})",
    },
}
