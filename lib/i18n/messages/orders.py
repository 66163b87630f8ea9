"""Reading order exports."""

MESSAGES = {
    "orders.error.not_shopify": {
        "fr": "Ce fichier n'a pas les colonnes d'un export de commandes Shopify (Name, Financial Status, Total, "
        "Lineitem name).",
        "en": "This file does not have the columns of a Shopify orders export (Name, Financial Status, Total, "
        "Lineitem name).",
    },
}
