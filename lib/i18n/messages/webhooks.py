"""Shop webhooks: orders pushed by Shopify and WooCommerce (lib/conversions/webhooks.py, lib/ui/shop_webhooks.py)."""

MESSAGES = {
    "webhooks.error.owner_only": {
        "fr": "Seuls les propriétaires de l'espace peuvent relier une boutique en ligne et voir ses réglages.",
        "en": "Only the workspace's owners can connect an online shop and see its settings.",
    },
    "webhooks.error.bad_secret": {
        "fr": "Le secret doit faire entre {minimum} et {maximum} caractères, sans retour à la ligne : copiez-le "
        "tel que la boutique l'affiche.",
        "en": "The secret must be {minimum} to {maximum} characters long, without line breaks: copy it as the shop "
        "shows it.",
    },
    "webhooks.error.secret_required": {
        "fr": "Collez le secret de signature donné par la boutique : sans lui, Cercle ne peut pas vérifier que les "
        "commandes viennent bien d'elle.",
        "en": "Paste the signing secret the shop gives you: without it Cercle cannot check that orders really come "
        "from it.",
    },
    "webhooks.error.bad_shop": {
        "fr": "Cette adresse de boutique n'est pas lisible : écrivez-la comme « ma-boutique.myshopify.com » ou "
        "« https://www.mon-domaine.fr ».",
        "en": "This shop address cannot be read: write it like \"my-shop.myshopify.com\" or "
        "\"https://www.my-estate.com\".",
    },
    "webhooks.error.shop_taken": {
        "fr": "Cette boutique est déjà reliée à un autre espace Cercle. Laissez l'adresse vide et utilisez "
        "l'adresse de réception propre à cet espace, affichée ci-dessous.",
        "en": "This shop is already connected to another Cercle workspace. Leave the address empty and use this "
        "workspace's own delivery URL, shown below.",
    },
    "audit.setting.shop_webhook_shopify": {"fr": "boutique Shopify reliée", "en": "Shopify shop connection"},
    "audit.setting.shop_webhook_shopify_secret": {"fr": "secret Shopify remplacé", "en": "Shopify secret replaced"},
    "audit.setting.shop_webhook_shopify_removed": {"fr": "boutique Shopify déconnectée",
                                                   "en": "Shopify shop disconnected"},
    "audit.setting.shop_webhook_woocommerce": {"fr": "boutique WooCommerce reliée",
                                               "en": "WooCommerce shop connection"},
    "audit.setting.shop_webhook_woocommerce_secret": {"fr": "secret WooCommerce remplacé",
                                                      "en": "WooCommerce secret replaced"},
    "audit.setting.shop_webhook_woocommerce_removed": {"fr": "boutique WooCommerce déconnectée",
                                                       "en": "WooCommerce shop disconnected"},
    "shophooks.title": {"fr": "Boutique en ligne : commandes en direct", "en": "Online shop: live orders"},
    "shophooks.intro": {
        "fr": "Reliez votre boutique Shopify ou WooCommerce : chaque commande, paiement, annulation ou remboursement "
        "arrive tout seul dans Conversions, sans export à déposer. Une commande déjà importée par fichier n'est "
        "jamais comptée deux fois.",
        "en": "Connect your Shopify or WooCommerce shop: every order, payment, cancellation or refund reaches "
        "Conversions by itself, without an export to upload. An order already imported from a file is never "
        "counted twice.",
    },
    "shophooks.owner_only": {
        "fr": "Seuls les propriétaires de l'espace peuvent relier une boutique en ligne.",
        "en": "Only the workspace's owners can connect an online shop.",
    },
    "shophooks.platform.shopify": {"fr": "Shopify", "en": "Shopify"},
    "shophooks.platform.woocommerce": {"fr": "WooCommerce", "en": "WooCommerce"},
    "shophooks.connected": {"fr": "Reliée", "en": "Connected"},
    "shophooks.not_connected": {"fr": "Pas encore reliée", "en": "Not connected yet"},
    "shophooks.shop": {"fr": "Adresse de la boutique", "en": "Shop address"},
    "shophooks.shop_help.shopify": {
        "fr": "L'adresse en .myshopify.com de votre boutique (Shopify l'envoie avec chaque commande). Facultative "
        "si vous collez l'adresse de réception propre à cet espace.",
        "en": "Your shop's .myshopify.com address (Shopify sends it with every order). Optional if you paste this "
        "workspace's own delivery URL.",
    },
    "shophooks.shop_help.woocommerce": {
        "fr": "L'adresse de votre site WordPress, par exemple https://www.mon-domaine.fr. Facultative si vous "
        "collez l'adresse de réception propre à cet espace.",
        "en": "Your WordPress site's address, for example https://www.my-estate.com. Optional if you paste this "
        "workspace's own delivery URL.",
    },
    "shophooks.secret": {"fr": "Secret de signature", "en": "Signing secret"},
    "shophooks.secret_new": {"fr": "Nouveau secret (laisser vide pour garder l'actuel)",
                             "en": "New secret (leave empty to keep the current one)"},
    "shophooks.secret_help.shopify": {
        "fr": "Dans Shopify : Paramètres → Notifications → Webhooks, la clé affichée sous « Vos webhooks seront "
        "signés avec ». Cercle la garde pour lui : elle ne sera plus jamais affichée.",
        "en": "In Shopify: Settings → Notifications → Webhooks, the key shown under \"Your webhooks will be signed "
        "with\". Cercle keeps it to itself: it will never be shown again.",
    },
    "shophooks.secret_help.woocommerce": {
        "fr": "Dans WooCommerce : Réglages → Avancé → Webhooks, le champ « Secret » du webhook. Cercle le garde pour "
        "lui : il ne sera plus jamais affiché.",
        "en": "In WooCommerce: Settings → Advanced → Webhooks, the webhook's \"Secret\" field. Cercle keeps it to "
        "itself: it will never be shown again.",
    },
    "shophooks.steps.shopify": {
        "fr": "Dans Shopify, créez un webhook au format JSON pour chacun de ces événements : création de commande, "
        "mise à jour de commande, paiement de commande, annulation de commande, création de remboursement ; "
        "adresse de destination :",
        "en": "In Shopify, create a JSON webhook for each of these events: order creation, order update, order "
        "payment, order cancellation, refund creation; destination URL:",
    },
    "shophooks.steps.woocommerce": {
        "fr": "Dans WooCommerce, créez un webhook « Commande créée », un « Commande mise à jour » et un « Commande "
        "supprimée », avec le même secret ; URL de livraison :",
        "en": "In WooCommerce, create an \"Order created\", an \"Order updated\" and an \"Order deleted\" webhook, "
        "with the same secret; delivery URL:",
    },
    "shophooks.bare_url": {
        "fr": "L'adresse courte {url} marche aussi, tant que l'adresse de la boutique ci-dessus est exacte.",
        "en": "The short URL {url} works too, as long as the shop address above is exact.",
    },
    "shophooks.https": {
        "fr": "L'adresse publique de Cercle ({url}) n'est pas en https : les boutiques n'envoient leurs commandes "
        "qu'à une adresse publique en https. Renseignez-la ci-dessus dans « Adresse publique de Cercle ».",
        "en": "Cercle's public address ({url}) is not https: shops only send their orders to a public https "
        "address. Set it above in \"Cercle's public address\".",
    },
    "shophooks.status": {
        "fr": "{shop} · secret enregistré le {secret_date} · {deliveries} envoi(s) reçu(s), dont {stored} "
        "commande(s) enregistrée(s) · dernier envoi : {last}",
        "en": "{shop} · secret saved on {secret_date} · {deliveries} delivery(ies) received, {stored} of them "
        "stored orders · last delivery: {last}",
    },
    "shophooks.no_shop": {"fr": "adresse de boutique non renseignée", "en": "no shop address given"},
    "shophooks.never": {"fr": "aucun pour l'instant", "en": "none yet"},
    "shophooks.rejected": {
        "fr": "{count} envoi(s) refusé(s) pour une signature fausse, le dernier le {last} : le secret enregistré "
        "n'est sans doute pas celui de la boutique. Collez-le à nouveau.",
        "en": "{count} delivery(ies) refused for a wrong signature, the last on {last}: the saved secret is probably "
        "not the shop's. Paste it again.",
    },
    "shophooks.connect": {"fr": "Relier la boutique", "en": "Connect the shop"},
    "shophooks.save": {"fr": "Enregistrer", "en": "Save"},
    "shophooks.disconnect": {"fr": "Déconnecter", "en": "Disconnect"},
    "shophooks.saved": {"fr": "Boutique {platform} enregistrée.", "en": "{platform} shop saved."},
    "shophooks.disconnected": {
        "fr": "Boutique {platform} déconnectée : ses prochains envois seront refusés. Les commandes déjà reçues "
        "restent.",
        "en": "{platform} shop disconnected: its next deliveries will be refused. Orders already received stay.",
    },
}
