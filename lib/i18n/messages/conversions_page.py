"""The conversions page."""

MESSAGES = {
    "convpage.intro": {
        "fr": "Vos communautés privées vendent-elles du vin, lesquelles, à qui, et comment cela se compare aux ventes "
        "publiques ? Déposez l'export des commandes de votre boutique : Cercle rattache chaque vente à une "
        "communauté quand il le peut, et dit pourquoi.",
        "en": "Do your private communities sell wine, which ones, to whom, and how does that compare with public "
        "sales? Drop your shop's orders export: Cercle ties each sale to a community when it can, and says why.",
    },
    "convpage.import": {"fr": "Importer les commandes", "en": "Import the orders"},
    "convpage.report": {
        "fr": "{orders} {orders|commande lue|commandes lues}, {sales} {sales|vente|ventes} pour {revenue}, {matched} "
        "{matched|acheteur reconnu|acheteurs reconnus} parmi vos contacts.",
        "en": "{orders} {orders|order|orders} read, {sales} {sales|sale|sales} for {revenue}, {matched} "
        "{matched|buyer|buyers} recognised among your contacts.",
    },
    "convpage.issues": {"fr": "Remarques sur le fichier", "en": "Notes on the file"},
    "convpage.empty": {
        "fr": "Aucune commande pour l'instant. Importez l'export de commandes de votre boutique (Shopify, WooCommerce, "
        "PrestaShop ou tout fichier CSV/Excel), saisissez une vente du caveau, ou reliez la boutique dans Réglages.",
        "en": "No orders yet. Import your shop's orders export (Shopify, WooCommerce, PrestaShop or any CSV/Excel "
        "file), enter a cellar-door sale, or connect the shop in Settings.",
    },
    "convpage.by_community": {"fr": "Ce que rapporte chaque communauté", "en": "What each community brings"},
    "convpage.public": {"fr": "Public / inconnu", "en": "Public / unknown"},
    "convpage.col_community": {"fr": "Communauté", "en": "Community"},
    "convpage.col_members": {"fr": "Membres", "en": "Members"},
    "convpage.col_sales": {"fr": "Ventes", "en": "Sales"},
    "convpage.col_revenue": {"fr": "Chiffre d'affaires", "en": "Revenue"},
    "convpage.col_rate": {"fr": "Taux de conversion (intervalle à 95 %)", "en": "Conversion rate (95% interval)"},
    "convpage.rate_help": {
        "fr": "Part des membres qui ont acheté. L'intervalle (Wilson) dit ce qu'on peut en conclure : avec peu de "
        "membres il est large, ne sur-interprétez pas un petit groupe.",
        "en": "Share of members who bought. The (Wilson) interval says what can be concluded: with few members it "
        "is wide, do not over-read a small group.",
    },
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
    "convpage.empty_steps": {
        "fr": "1. Exportez vos commandes : Shopify **Commandes › Exporter › CSV pour Excel** ; WooCommerce "
        "**Commandes › Exporter** ; PrestaShop **Commandes › Exporter** ; ou tout autre tableur.\n"
        "2. Ouvrez **Importer les commandes** ci-dessus et déposez le fichier.\n"
        "3. Cercle rattache chaque vente à une communauté (code promo, lien suivi, membre) et dessine ici ce que "
        "rapporte chacune. Pour essayer sans vos données, chargez la démo depuis l'accueil.",
        "en": "1. Export your orders: Shopify **Orders › Export › CSV for Excel**; WooCommerce **Orders › Export**; "
        "PrestaShop **Orders › Export**; or any other spreadsheet.\n"
        "2. Open **Import the orders** above and drop the file.\n"
        "3. Cercle ties each sale to a community (promo code, tracked link, member) and draws here what each one "
        "brings. To try without your data, load the demo from the home page.",
    },
    "convpage.filter_period": {"fr": "Période", "en": "Period"},
    "convpage.filter_communities": {"fr": "Communautés", "en": "Communities"},
    "convpage.filter_channel": {"fr": "Canal", "en": "Channel"},
    "convpage.filter_all": {"fr": "Toutes", "en": "All"},
    "convpage.filter_grain": {"fr": "Par", "en": "Per"},
    "convpage.summary": {"fr": "Résumé d'une page pour un partenaire (PDF)",
                         "en": "One-page summary for a partner (PDF)"},
    "convpage.summary_png": {"fr": "En image (PNG)", "en": "As an image (PNG)"},
    "convpage.segment_detail": {"fr": "Calculer le détail par segment", "en": "Compute the detail per segment"},
    "convpage.data_csv": {"fr": "Données (CSV)", "en": "Data (CSV)"},
    "convpage.by_source": {"fr": "D'où viennent les ventes", "en": "Where sales come from"},
    "convpage.by_source_help": {
        "fr": "Par lien suivi (avec ses visites anonymes), par réseau ou publicité (utm_source de la page "
        "d'arrivée), ou par la façon dont la vente a été rattachée.",
        "en": "Per tracked link (with its anonymous visits), per network or ad (the landing page's utm_source), or "
        "by how the sale was tied.",
    },
    "convpage.by_segment": {"fr": "Vos segments, du contact à l'achat",
                            "en": "Your segments, from contact to purchase"},
    "convpage.cohorts": {"fr": "Les clients reviennent-ils ?", "en": "Do buyers come back?"},
    "convpage.cohorts_help": {
        "fr": "Les clients sont groupés par mois de leur premier achat ; chaque colonne dit combien ont racheté "
        "le mois suivant, deux mois après… et pour combien.",
        "en": "Buyers are grouped by the month of their first purchase; each column says how many bought again the "
        "next month, two months later… and for how much.",
    },
    "convpage.orders_help": {
        "fr": "Chaque commande dit pourquoi elle est rattachée à une communauté, ou non. Les commandes remboursées "
        "ou annulées restent visibles mais ne comptent dans aucun chiffre.",
        "en": "Each order says why it is tied to a community, or not. Refunded or cancelled orders stay visible but "
        "count in no figure.",
    },
}
