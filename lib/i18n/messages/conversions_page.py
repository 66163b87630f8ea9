"""The conversions page."""

MESSAGES = {
    "convpage.intro": {
        "fr": "Vos communautés privées vendent-elles du vin, lesquelles, à qui, et comment cela se compare aux ventes "
        "publiques ? Déposez l'export des commandes de votre boutique : Cercle rattache chaque vente à une "
        "communauté quand il le peut, et dit pourquoi.",
        "en": "Do your private communities sell wine, which ones, to whom, and how does that compare with public "
        "sales? Drop your shop's orders export: Cercle ties each sale to a community when it can, and says why.",
    },
    "convpage.upload": {"fr": "Export de commandes Shopify (CSV)", "en": "Shopify orders export (CSV)"},
    "convpage.import": {"fr": "Importer les commandes", "en": "Import the orders"},
    "convpage.report": {
        "fr": "{orders} commandes lues, {sales} ventes pour {revenue}, {matched} acheteurs reconnus parmi vos "
        "contacts.",
        "en": "{orders} orders read, {sales} sales for {revenue}, {matched} buyers recognised among your contacts.",
    },
    "convpage.issues": {"fr": "Remarques sur le fichier", "en": "Notes on the file"},
    "convpage.empty": {
        "fr": "Aucune commande pour l'instant. Importez l'export de commandes de votre boutique (Shopify : Commandes › "
        "Exporter › CSV pour Excel).",
        "en": "No orders yet. Import your shop's orders export (Shopify: Orders › Export › CSV for Excel).",
    },
    "convpage.by_community": {"fr": "Ce que rapporte chaque communauté", "en": "What each community brings"},
    "convpage.public": {"fr": "Public / inconnu", "en": "Public / unknown"},
    "convpage.col_community": {"fr": "Communauté", "en": "Community"},
    "convpage.col_members": {"fr": "Membres", "en": "Members"},
    "convpage.col_buyers": {"fr": "Membres acheteurs", "en": "Members who bought"},
    "convpage.col_sales": {"fr": "Ventes", "en": "Sales"},
    "convpage.col_revenue": {"fr": "Chiffre d'affaires", "en": "Revenue"},
    "convpage.col_rate": {"fr": "Taux de conversion (intervalle à 95 %)", "en": "Conversion rate (95% interval)"},
    "convpage.rate_help": {
        "fr": "Part des membres qui ont acheté. L'intervalle (Wilson) dit ce qu'on peut en conclure : avec peu de "
        "membres il est large, ne sur-interprétez pas un petit groupe.",
        "en": "Share of members who bought. The (Wilson) interval says what can be concluded: with few members it "
        "is wide, do not over-read a small group.",
    },
    "convpage.revenue_chart": {"fr": "Chiffre d'affaires par origine", "en": "Revenue by origin"},
    "convpage.rate_chart": {"fr": "Conversion des membres, avec intervalle", "en": "Member conversion, with interval"},
    "convpage.orders": {"fr": "Dernières commandes et leur rattachement", "en": "Latest orders and where they belong"},
    "convpage.col_number": {"fr": "Commande", "en": "Order"},
    "convpage.col_date": {"fr": "Date", "en": "Date"},
    "convpage.col_amount": {"fr": "Montant vendu", "en": "Amount sold"},
    "convpage.col_sale": {"fr": "Vente", "en": "Sale"},
    "convpage.col_why": {"fr": "Pourquoi", "en": "Why"},
    "convpage.col_confidence": {"fr": "Certitude", "en": "Confidence"},
    "convpage.confidence.certain": {"fr": "certaine", "en": "certain"},
    "convpage.confidence.strong": {"fr": "forte", "en": "strong"},
    "convpage.confidence.probable": {"fr": "probable", "en": "probable"},
    "convpage.confidence.declared": {"fr": "déclarée", "en": "declared"},
    "convpage.confidence.none": {"fr": "—", "en": "—"},
    "convpage.download": {"fr": "Télécharger ces chiffres (CSV)", "en": "Download these figures (CSV)"},
}
