"""Order numbers a file gives twice or empty (lib/conversions/store.py)."""

MESSAGES = {
    "conversions.issue.duplicate_number": {
        "fr": "Ce numéro de commande figure déjà plus haut dans le fichier (au moins sur ses 100 premiers caractères) :"
              " seule la première commande est gardée.",
        "en": "This order number already appears earlier in the file (at least in its first 100 characters): only the"
              " first order is kept.",
    },
    "ordersreview.twice": {
        "fr": "La colonne « {column} » est choisie pour plusieurs champs ({fields}) : gardez-la pour un seul avant"
              " d'importer.",
        "en": "The column \"{column}\" is chosen for several fields ({fields}): keep it for one only before importing.",
    },
    "conversions.issue.bad_number": {
        "fr": "Numéro de commande vide ou illisible : la commande n'est pas importée.",
        "en": "Empty or unreadable order number: the order is not imported.",
    },
    "ordersreview.other_currency": {
        "fr": "{count} commande(s) dans une autre devise que {currency} ne sont pas comptées dans ces chiffres : des"
              " euros et des francs suisses ne s'additionnent pas.",
        "en": "{count} order(s) in another currency than {currency} are left out of these figures: euros and Swiss"
              " francs do not add up.",
    },
}
