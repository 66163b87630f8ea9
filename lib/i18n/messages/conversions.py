"""Orders import and attribution of sales to communities."""

MESSAGES = {
    "orders.error.unknown_format": {
        "fr": "Ce fichier n'est pas un export de commandes reconnu : exportez les commandes depuis Shopify "
        "(Commandes › Exporter › CSV).",
        "en": "This file is not a recognised orders export: export the orders from Shopify "
        "(Orders › Export › CSV).",
    },
    "conversions.reason.promo_code": {
        "fr": "code promo {detail} de la communauté {community}",
        "en": "promo code {detail} of the community {community}",
    },
    "conversions.reason.link": {
        "fr": "lien suivi {detail} de la communauté {community}",
        "en": "tracked link {detail} of the community {community}",
    },
    "conversions.reason.contact": {
        "fr": "l'acheteur est membre ou invité de la communauté {community}{detail}",
        "en": "the buyer is a member or a guest of the community {community}{detail}",
    },
    "conversions.reason.declared": {
        "fr": "l'acheteur dit nous avoir connus par {community}{detail}",
        "en": "the buyer says they heard of us through {community}{detail}",
    },
    "conversions.reason.none": {
        "fr": "aucun indice de communauté : vente publique ou inconnue{community}{detail}",
        "en": "no sign of a community: public or unknown sale{community}{detail}",
    },
    "conversions.issue.phone_invalid": {
        "fr": "Numéro de téléphone illisible : la commande est gardée, sans rapprochement par téléphone.",
        "en": "Unreadable phone number: the order is kept, without matching by phone.",
    },
    "conversions.issue.bad_date": {
        "fr": "Date de commande illisible : la commande est gardée sans date.",
        "en": "Unreadable order date: the order is kept without a date.",
    },
    "conversions.issue.no_total": {
        "fr": "Pas de total : la commande n'est pas comptée comme une vente.",
        "en": "No total: the order is not counted as a sale.",
    },
    "conversions.issue.bad_currency": {
        "fr": "Devise illisible (attendu un code comme EUR) : la commande est gardée sans devise.",
        "en": "Unreadable currency (a code like EUR was expected): the order is kept without a currency.",
    },
    "conversions.issue.bad_amount": {
        "fr": "Montant démesuré (cellule mal lue ?) : la commande n'est pas importée.",
        "en": "Implausible amount (a misread cell?): the order is not imported.",
    },
    "conversions.cli.import_done": {
        "fr": "{file} : {orders} {orders|commande|commandes}, dont {sales} {sales|vente|ventes} pour {revenue} "
        "{currency} ; {matched_contacts} {matched_contacts|acheteur reconnu|acheteurs reconnus} parmi les contacts.",
        "en": "{file}: {orders} {orders|order|orders}, {sales} of them {sales|sale|sales} worth {revenue} {currency}; "
        "{matched_contacts} {matched_contacts|buyer|buyers} recognised among the contacts.",
    },
}
