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
}
