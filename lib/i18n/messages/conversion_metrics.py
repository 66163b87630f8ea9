"""The conversions figures: funnel steps, headline figures, chart titles and the sentences that read them."""

MESSAGES = {
    "convmetrics.public": {"fr": "Public / inconnu", "en": "Public / unknown"},
    "convmetrics.side_communities": {"fr": "Vos communautés", "en": "Your communities"},
    "convmetrics.period": {"fr": "Du {start} au {end}", "en": "From {start} to {end}"},
    "convmetrics.period_none": {"fr": "Aucune vente datée", "en": "No dated sale"},
    "convmetrics.kind_people": {"fr": "personnes", "en": "people"},
    "convmetrics.kind_visits": {"fr": "visites anonymes des liens", "en": "anonymous link visits"},
    "convmetrics.step.contacts": {"fr": "Contacts", "en": "Contacts"},
    "convmetrics.step.reachable": {"fr": "Joignables", "en": "Reachable"},
    "convmetrics.step.invited": {"fr": "Invités", "en": "Invited"},
    "convmetrics.step.joined": {"fr": "Membres", "en": "Members"},
    "convmetrics.step.clicked": {"fr": "Visites des liens", "en": "Link visits"},
    "convmetrics.step.bought": {"fr": "Acheteurs", "en": "Buyers"},
    "convmetrics.col_step": {"fr": "Étape", "en": "Step"},
    "convmetrics.col_count": {"fr": "Nombre", "en": "Count"},
    "convmetrics.col_channel": {"fr": "Canal", "en": "Channel"},
    "convmetrics.col_origin": {"fr": "Origine", "en": "Origin"},
    "convmetrics.col_segment": {"fr": "Segment", "en": "Segment"},
    "convmetrics.col_buyers": {"fr": "Acheteurs", "en": "Buyers"},
    "convmetrics.col_basket": {"fr": "Panier moyen", "en": "Average basket"},
    "convmetrics.col_repeat": {"fr": "Clients revenus", "en": "Repeat buyers"},
    "convmetrics.col_conversion": {"fr": "Taux d'achat (intervalle à 95 %)", "en": "Purchase rate (95% interval)"},
    "convmetrics.col_community_revenue": {"fr": "CA via les communautés", "en": "Revenue through communities"},
    "convmetrics.col_source": {"fr": "Origine de la vente", "en": "Where the sale came from"},
    "convmetrics.col_cohort": {"fr": "Premier achat en", "en": "First purchase in"},
    "convmetrics.col_new_buyers": {"fr": "Nouveaux clients", "en": "New buyers"},
    "convmetrics.col_first_revenue": {"fr": "CA du 1er mois", "en": "First month revenue"},
    "convmetrics.col_month_after": {"fr": "Mois +{n}", "en": "Month +{n}"},
    "convmetrics.col_status": {"fr": "Statut", "en": "Status"},
    "convmetrics.status.sale": {"fr": "vente", "en": "sale"},
    "convmetrics.status.refunded": {"fr": "remboursée (non comptée)", "en": "refunded (not counted)"},
    "convmetrics.status.cancelled": {"fr": "annulée (non comptée)", "en": "cancelled (not counted)"},
    "convmetrics.source.link": {"fr": "Lien suivi : {source}", "en": "Tracked link: {source}"},
    "convmetrics.source.utm": {"fr": "Publicité ou réseau : {source}", "en": "Ad or network: {source}"},
    "convmetrics.source.promo_code": {"fr": "Code promo d'une communauté", "en": "A community's promo code"},
    "convmetrics.source.contact": {"fr": "Achat d'un membre (sans code)", "en": "A member's purchase (no code)"},
    "convmetrics.source.declared": {"fr": "Déclaré par le client", "en": "Declared by the buyer"},
    "convmetrics.source.none": {"fr": "Direct / inconnu", "en": "Direct / unknown"},
    "convmetrics.axis.revenue": {"fr": "Chiffre d'affaires", "en": "Revenue"},
    "convmetrics.axis.month": {"fr": "Mois", "en": "Month"},
    "convmetrics.axis.week": {"fr": "Semaine", "en": "Week"},
    "convmetrics.axis.rate": {"fr": "Part des membres qui ont acheté", "en": "Share of members who bought"},
    "convmetrics.chart.funnel": {"fr": "Du contact à l'achat", "en": "From contact to purchase"},
    "convmetrics.chart.timeline_month": {"fr": "Chiffre d'affaires par mois et par canal",
                                         "en": "Revenue per month and channel"},
    "convmetrics.chart.timeline_week": {"fr": "Chiffre d'affaires par semaine et par canal",
                                        "en": "Revenue per week and channel"},
    "convmetrics.chart.rates": {"fr": "Quelle communauté fait acheter ses membres",
                                "en": "Which community gets its members to buy"},
    "convmetrics.chart.heatmap": {"fr": "Ce que vos segments achètent, par canal",
                                  "en": "What your segments buy, per channel"},
    "convmetrics.chart.sides": {"fr": "Communautés privées ou ventes publiques",
                                "en": "Private communities or public sales"},
    "convmetrics.sentence.headline": {
        "fr": "Vos communautés ont rapporté {community} ({share} du chiffre d'affaires, {buyers} acheteurs) ; les "
        "ventes publiques ou d'origine inconnue, {public}. {not_counted} commandes remboursées ou annulées ne sont "
        "pas comptées.",
        "en": "Your communities brought {community} ({share} of revenue, {buyers} buyers); public or unknown sales, "
        "{public}. {not_counted} refunded or cancelled orders are not counted.",
    },
    "convmetrics.sentence.sides": {
        "fr": "Les communautés pèsent {share} des ventes : {community}, contre {public} pour le public ou "
        "l'inconnu. Panier moyen : {community_basket} dans les communautés, {public_basket} ailleurs.",
        "en": "Communities weigh {share} of sales: {community}, against {public} for public or unknown. Average "
        "basket: {community_basket} in communities, {public_basket} elsewhere.",
    },
    "convmetrics.sentence.timeline": {
        "fr": "En gris, les ventes publiques ou inconnues ; en couleur, celles de vos communautés. Leur meilleure "
        "période : {best} ({revenue}).",
        "en": "In grey, public or unknown sales; in colour, your communities'. Their best period: {best} ({revenue}).",
    },
    "convmetrics.sentence.funnel": {
        "fr": "Sur {contacts} contacts, {reachable} sont joignables, {invited} ont reçu une invitation, {joined} "
        "sont membres d'une communauté et {bought} ont acheté par une communauté. Les {clicked} visites des liens "
        "sont anonymes : ce sont des visites, pas des personnes.",
        "en": "Of {contacts} contacts, {reachable} are reachable, {invited} were sent an invitation, {joined} are "
        "members of a community and {bought} bought through one. The {clicked} link visits are anonymous: visits, "
        "not people.",
    },
    "convmetrics.sentence.rates": {
        "fr": "{community} fait acheter {rate} de ses membres ({buyers} sur {members}) : avec 95 % de confiance, "
        "entre {low} et {high}. Le trait montre cette marge.",
        "en": "{community} gets {rate} of its members to buy ({buyers} of {members}): with 95% confidence, between "
        "{low} and {high}. The line shows that margin.",
    },
    "convmetrics.sentence.rates_overlap": {
        "fr": "Quand deux traits se chevauchent, l'écart entre les communautés peut venir du hasard.",
        "en": "When two lines overlap, the difference between the communities may be chance.",
    },
    "convmetrics.sentence.heatmap": {
        "fr": "Plus la case est foncée, plus le segment a dépensé sur ce canal. Dans vos communautés, en tête : "
        "« {segment} » sur {channel} ({revenue}).",
        "en": "The darker the cell, the more the segment spent on that channel. In your communities, top: "
        "“{segment}” on {channel} ({revenue}).",
    },
    "convmetrics.sentence.no_segments": {
        "fr": "Enregistrez des segments sur la page Segments pour voir ici ce que chacun achète, par canal.",
        "en": "Save segments on the Segments page to see here what each buys, per channel.",
    },
    "convmetrics.sentence.segments_deferred": {
        "fr": "Avec une liste de cette taille, le détail par segment se calcule à la demande (quelques secondes).",
        "en": "With a list this size, the detail per segment is computed on request (a few seconds).",
    },
    "convmetrics.sentence.no_segment_sales": {
        "fr": "Aucun contact de vos segments n'a encore acheté sur la période.",
        "en": "No contact of your segments has bought in the period yet.",
    },
    "convmetrics.sentence.no_members": {
        "fr": "Importez la liste des membres d'une communauté (page Communautés) pour mesurer sa conversion.",
        "en": "Import a community's member list (Communities page) to measure its conversion.",
    },
    "convmetrics.sentence.no_sales": {"fr": "Aucune vente sur cette période.", "en": "No sale in this period."},
    "convmetrics.head.community_revenue": {"fr": "CA des communautés", "en": "Community revenue"},
    "convmetrics.head.community_revenue_help": {
        "fr": "{share} du chiffre d'affaires, {orders} ventes rattachées à une communauté (code promo, lien suivi, "
        "membre ou déclaration).",
        "en": "{share} of revenue, {orders} sales tied to a community (promo code, tracked link, member or "
        "declaration).",
    },
    "convmetrics.head.public_revenue": {"fr": "CA public / inconnu", "en": "Public / unknown revenue"},
    "convmetrics.head.public_revenue_help": {
        "fr": "{orders} ventes sans indice de communauté.", "en": "{orders} sales with no sign of a community."},
    "convmetrics.head.conversion": {"fr": "Membres qui ont acheté", "en": "Members who bought"},
    "convmetrics.head.conversion_help": {
        "fr": "{buyers} membres sur {members} ont acheté par leur communauté ; avec 95 % de confiance entre {low} "
        "et {high} (intervalle de Wilson).",
        "en": "{buyers} members of {members} bought through their community; with 95% confidence between {low} and "
        "{high} (Wilson interval).",
    },
    "convmetrics.head.basket": {"fr": "Panier moyen", "en": "Average basket"},
    "convmetrics.head.basket_help": {"fr": "Sur {orders} ventes.", "en": "Over {orders} sales."},
    "convmetrics.head.repeat": {"fr": "Clients revenus", "en": "Repeat buyers"},
    "convmetrics.head.repeat_value": {"fr": "{repeat} sur {buyers}", "en": "{repeat} of {buyers}"},
    "convmetrics.cohort_cell": {"fr": "{buyers} {buyers|client|clients} · {revenue}",
                                 "en": "{buyers} {buyers|buyer|buyers} · {revenue}"},
    "convmetrics.head.repeat_help": {
        "fr": "Acheteurs avec au moins deux ventes sur la période, sur l'ensemble des acheteurs.",
        "en": "Buyers with at least two sales in the period, out of all buyers.",
    },
    "convmetrics.head.per_contact": {"fr": "CA par contact", "en": "Revenue per contact"},
    "convmetrics.head.per_contact_help": {
        "fr": "Chiffre d'affaires divisé par vos {contacts} contacts joignables ou non.",
        "en": "Revenue divided by your {contacts} contacts, reachable or not.",
    },
    "convmetrics.pdf.title": {"fr": "{workspace} : ce que rapportent les communautés",
                              "en": "{workspace}: what the communities bring"},
    "convmetrics.pdf.footer": {
        "fr": "Ventes nettes des remboursements ; commandes remboursées ou annulées exclues. Une vente est rattachée "
        "à une communauté par son code promo, un lien suivi, l'appartenance de l'acheteur ou sa déclaration. "
        "Établi avec Cercle.",
        "en": "Sales net of refunds; refunded or cancelled orders excluded. A sale is tied to a community by its "
        "promo code, a tracked link, the buyer's membership or their declaration. Made with Cercle.",
    },
}
