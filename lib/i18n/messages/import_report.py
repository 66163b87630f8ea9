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
}
