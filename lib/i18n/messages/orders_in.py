"""Orders in: WooCommerce, PrestaShop and mapped files, and sales typed in at the cellar door."""

MESSAGES = {
    "orders.error.needs_mapping": {
        "fr": "Ce fichier n'est pas un export de commandes reconnu (Shopify, WooCommerce, PrestaShop) : importez-le "
        "depuis la page Conversions de l'application, où vous direz quelle colonne contient quoi, ou utilisez "
        "l'export de commandes de votre boutique.",
        "en": "This file is not a recognised orders export (Shopify, WooCommerce, PrestaShop): import it from the "
        "app's Conversions page, where you say which column holds what, or use your shop's orders export.",
    },
    "orders.error.mapping_incomplete": {
        "fr": "Indiquez au moins la colonne du numéro de commande et celle du montant total.",
        "en": "Choose at least the order number column and the total amount column.",
    },
    "ordersin.upload": {
        "fr": "Export de commandes (Shopify, WooCommerce, PrestaShop) ou tout autre fichier CSV / Excel",
        "en": "Orders export (Shopify, WooCommerce, PrestaShop) or any other CSV / Excel file",
    },
    "ordersin.recognised": {"fr": "Export {name} reconnu : il peut être importé tel quel.",
                            "en": "{name} export recognised: it can be imported as it is."},
    "ordersin.format.shopify": {"fr": "de commandes Shopify", "en": "Shopify orders"},
    "ordersin.format.woocommerce": {"fr": "de commandes WooCommerce", "en": "WooCommerce orders"},
    "ordersin.format.prestashop": {"fr": "de commandes PrestaShop", "en": "PrestaShop orders"},
    "ordersin.mapping": {"fr": "Quelle colonne contient quoi ?", "en": "Which column holds what?"},
    "ordersin.mapping_help": {
        "fr": "Cercle ne connaît pas ce fichier : il a deviné les colonnes d'après leurs titres. Vérifiez et "
        "corrigez. Le numéro de commande et le montant total sont indispensables, la date est recommandée "
        "(elle sert à rattacher la vente à une communauté rejointe avant l'achat).",
        "en": "Cercle does not know this file: it guessed the columns from their headers. Check and correct. The "
        "order number and total amount are required, the date is recommended (it ties a sale to a community "
        "joined before the purchase).",
    },
    "ordersin.example": {"fr": "ex.", "en": "e.g."},
    "ordersin.no_orders": {
        "fr": "Aucune commande lue : la colonne choisie pour le numéro de commande est vide.",
        "en": "No order read: the column chosen for the order number is empty.",
    },
    "ordersin.none": {"fr": "— aucune —", "en": "— none —"},
    "ordersin.no_date": {
        "fr": "Sans colonne de date, les ventes ne pourront pas être rattachées à une communauté par l'adhésion "
        "de l'acheteur avant son achat.",
        "en": "Without a date column, sales cannot be tied to a community the buyer joined before buying.",
    },
    "ordersin.preview": {"fr": "Aperçu des premières commandes lues", "en": "Preview of the first orders read"},
    "ordersin.col_buyer": {"fr": "Acheteur", "en": "Buyer"},
    "ordersin.col_status": {"fr": "État", "en": "Status"},
    "ordersin.col_lines": {"fr": "Articles", "en": "Items"},
    "ordersin.col_total": {"fr": "Total", "en": "Total"},
    "ordersin.col_declared": {"fr": "Connu par", "en": "Heard of us through"},
    "ordersin.col_promo": {"fr": "Code promo", "en": "Promo code"},
    "ordersin.col_note": {"fr": "Note", "en": "Note"},
    "ordersin.field.number": {"fr": "Numéro de commande", "en": "Order number"},
    "ordersin.field.date": {"fr": "Date de la commande", "en": "Order date"},
    "ordersin.field.total": {"fr": "Montant total", "en": "Total amount"},
    "ordersin.field.refunded": {"fr": "Montant remboursé", "en": "Refunded amount"},
    "ordersin.field.currency": {"fr": "Devise", "en": "Currency"},
    "ordersin.field.status": {"fr": "État / statut", "en": "Status"},
    "ordersin.field.phone": {"fr": "Téléphone de l'acheteur", "en": "Buyer's phone"},
    "ordersin.field.email": {"fr": "E-mail de l'acheteur", "en": "Buyer's e-mail"},
    "ordersin.field.buyer_name": {"fr": "Nom de l'acheteur", "en": "Buyer's name"},
    "ordersin.field.promo_code": {"fr": "Code promo", "en": "Promo code"},
    "ordersin.field.landing": {"fr": "Page d'arrivée / lien avec UTM", "en": "Landing page / link with UTM"},
    "ordersin.field.utm_source": {"fr": "Source UTM (origine)", "en": "UTM source (origin)"},
    "ordersin.field.utm_campaign": {"fr": "Campagne UTM", "en": "UTM campaign"},
    "ordersin.field.utm_content": {"fr": "Contenu UTM", "en": "UTM content"},
    "ordersin.field.declared": {"fr": "Comment nous a-t-il connus ?", "en": "How did they hear of us?"},
    "ordersin.field.product": {"fr": "Produit", "en": "Product"},
    "ordersin.field.quantity": {"fr": "Quantité", "en": "Quantity"},
    "ordersin.field.unit_price": {"fr": "Prix unitaire", "en": "Unit price"},
    "ordersin.field.line_item": {"fr": "Article (format WooCommerce)", "en": "Item (WooCommerce format)"},
    "ordersin.field.ignore": {"fr": "— ne pas importer —", "en": "— do not import —"},
    "ordersin.unchanged": {
        "fr": "Ces commandes étaient déjà connues : rien n'a changé.",
        "en": "These orders were already known: nothing changed.",
    },
    "ordersin.manual": {"fr": "Saisir une vente (caveau, salon)", "en": "Record a sale (cellar door, fair)"},
    "ordersin.manual_help": {
        "fr": "Pour les ventes sans boutique en ligne : au caveau, sur un salon, lors d'une dégustation. Le "
        "téléphone ou l'e-mail permet de reconnaître le contact ; la réponse à « comment nous avez-vous "
        "connus ? » rattache la vente à une communauté quand elle en donne le nom.",
        "en": "For sales outside the online shop: cellar door, wine fair, tasting. The phone or e-mail lets Cercle "
        "recognise the contact; the answer to \"how did you hear of us?\" ties the sale to a community when it "
        "names one.",
    },
    "ordersin.m_date": {"fr": "Date de la vente", "en": "Date of the sale"},
    "ordersin.m_amount": {"fr": "Montant TTC", "en": "Amount (incl. tax)"},
    "ordersin.m_amount_help": {"fr": "Par exemple 45 ou 127,50", "en": "For example 45 or 127.50"},
    "ordersin.m_currency": {"fr": "Devise", "en": "Currency"},
    "ordersin.m_phone": {"fr": "Téléphone de l'acheteur", "en": "Buyer's phone"},
    "ordersin.m_email": {"fr": "E-mail de l'acheteur", "en": "Buyer's e-mail"},
    "ordersin.m_name": {"fr": "Nom (si ni téléphone ni e-mail)", "en": "Name (if no phone or e-mail)"},
    "ordersin.m_community": {"fr": "Il nous a connus par la communauté…", "en": "They heard of us through the "
                             "community…"},
    "ordersin.m_community_help": {
        "fr": "Si l'acheteur cite l'une de vos communautés, choisissez-la : la vente lui sera rattachée "
        "(certitude « déclarée »).",
        "en": "If the buyer names one of your communities, pick it: the sale is tied to it (\"declared\" "
        "confidence).",
    },
    "ordersin.m_declared": {"fr": "… ou autre réponse", "en": "… or another answer"},
    "ordersin.m_declared_help": {
        "fr": "Un salon, un caviste, le bouche-à-oreille… Si c'est le nom exact d'une communauté, la vente lui "
        "est aussi rattachée.",
        "en": "A fair, a wine shop, word of mouth… If it is a community's exact name, the sale is tied to it too.",
    },
    "ordersin.m_promo": {"fr": "Code promo (facultatif)", "en": "Promo code (optional)"},
    "ordersin.m_note": {"fr": "Note (facultatif)", "en": "Note (optional)"},
    "ordersin.m_submit": {"fr": "Enregistrer la vente", "en": "Record the sale"},
    "ordersin.m_done": {
        "fr": "Vente {number} enregistrée : {amount}.",
        "en": "Sale {number} recorded: {amount}.",
    },
    "ordersin.m_matched": {"fr": "L'acheteur est reconnu parmi vos contacts.",
                           "en": "The buyer is recognised among your contacts."},
    "ordersin.m_attributed": {"fr": "Rattachée à « {community} » : {reason}.",
                              "en": "Tied to \"{community}\": {reason}."},
    "ordersin.m_public": {"fr": "Non rattachée à une communauté (vente publique ou inconnue).",
                          "en": "Not tied to a community (public or unknown sale)."},
    "ordersin.m_list": {"fr": "Ventes saisies à la main", "en": "Sales recorded by hand"},
    "ordersin.m_delete_pick": {"fr": "Vente saisie par erreur", "en": "Sale recorded by mistake"},
    "ordersin.m_delete_confirm": {
        "fr": "Je confirme : supprimer cette vente saisie à la main",
        "en": "I confirm: delete this sale recorded by hand",
    },
    "ordersin.m_delete": {"fr": "Supprimer la vente", "en": "Delete the sale"},
    "ordersin.m_deleted": {"fr": "Vente {number} supprimée.", "en": "Sale {number} deleted."},
    "ordersin.m_delete_gone": {"fr": "Cette vente n'existe plus.", "en": "This sale no longer exists."},
    "ordersin.manual.error.no_date": {"fr": "Indiquez la date de la vente.", "en": "Give the date of the sale."},
    "ordersin.manual.error.bad_date": {
        "fr": "La date de la vente doit être comprise entre le {earliest} et le {latest}.",
        "en": "The date of the sale must be between {earliest} and {latest}.",
    },
    "ordersin.manual.error.no_amount": {"fr": "Indiquez le montant de la vente.", "en": "Give the sale's amount."},
    "ordersin.manual.error.bad_amount": {
        "fr": "Montant illisible : « {amount} ». Écrivez-le en chiffres, par exemple 45 ou 127,50.",
        "en": "Unreadable amount: \"{amount}\". Write it in figures, for example 45 or 127.50.",
    },
    "ordersin.manual.error.negative_amount": {
        "fr": "Le montant doit être supérieur à zéro. Une vente saisie par erreur se supprime plus bas.",
        "en": "The amount must be above zero. A sale recorded by mistake is deleted further down.",
    },
    "ordersin.manual.error.huge_amount": {
        "fr": "Montant trop élevé pour une vente au caveau (plus d'un million) : vérifiez la saisie.",
        "en": "Amount too large for a cellar-door sale (over a million): check what was typed.",
    },
    "ordersin.manual.error.bad_currency": {
        "fr": "La devise s'écrit en trois lettres, par exemple EUR.",
        "en": "The currency is written as three letters, for example EUR.",
    },
    "ordersin.manual.error.bad_phone": {
        "fr": "Numéro de téléphone illisible : corrigez-le ou laissez la case vide.",
        "en": "Unreadable phone number: correct it or leave the box empty.",
    },
    "ordersin.manual.error.bad_email": {
        "fr": "Adresse e-mail illisible : corrigez-la ou laissez la case vide.",
        "en": "Unreadable e-mail address: correct it or leave the box empty.",
    },
    "ordersin.manual.error.too_long_name": {
        "fr": "Texte trop long (au plus {limit} caractères).",
        "en": "Text too long (at most {limit} characters).",
    },
    "ordersin.manual.error.too_long_declared": {
        "fr": "La réponse « comment nous a-t-il connus ? » est trop longue (au plus {limit} caractères).",
        "en": "The \"how did they hear of us?\" answer is too long (at most {limit} characters).",
    },
    "ordersin.manual.error.too_long_promo_code": {
        "fr": "Code promo trop long (au plus {limit} caractères).",
        "en": "Promo code too long (at most {limit} characters).",
    },
    "ordersin.manual.error.too_long_note": {
        "fr": "Note trop longue (au plus {limit} caractères).",
        "en": "Note too long (at most {limit} characters).",
    },
    "audit.action.order_deleted": {"fr": "Vente supprimée", "en": "Sale deleted"},
    "audit.say.order_deleted": {"fr": "Vente saisie à la main {number} ({amount}) supprimée.",
                                "en": "Manually entered sale {number} ({amount}) deleted."},
}
