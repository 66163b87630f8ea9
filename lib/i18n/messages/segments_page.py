"""The segments page: builder, saved segments, composition and overlap."""

MESSAGES = {
    "segpage.tab_build": {"fr": "Construire", "en": "Build"},
    "segpage.tab_saved": {"fr": "Mes segments", "en": "My segments"},
    "segpage.tab_composition": {"fr": "Composition & recoupements", "en": "Composition & overlap"},
    "segpage.tab_interests": {"fr": "Centres d'intérêt", "en": "Interests"},
    "segpage.intro": {
        "fr": "Qualifiez votre audience : des personnes qui aiment ce que vous faites, que vous pouvez livrer, "
        "qui peuvent acheter et qui ont accepté de vous entendre. Le nombre se met à jour à chaque choix.",
        "en": "Qualify your audience: people who like what you make, whom you can deliver, who can buy and who "
        "agreed to hear from you. The count updates with every choice.",
    },
    "segpage.editing": {"fr": "Vous modifiez « {name} ».", "en": "You are editing \"{name}\"."},
    "segpage.mode": {"fr": "Les personnes doivent remplir", "en": "People must meet"},
    "segpage.mode.all": {"fr": "tous les critères", "en": "all the criteria"},
    "segpage.mode.any": {"fr": "au moins un critère", "en": "at least one criterion"},
    "segpage.interests": {"fr": "Centres d'intérêt", "en": "Interests"},
    "segpage.interests_op.any_of": {"fr": "au moins un de ceux-ci", "en": "at least one of these"},
    "segpage.interests_op.all_of": {"fr": "tous ceux-ci", "en": "all of these"},
    "segpage.interests_op.none_of": {"fr": "aucun de ceux-ci", "en": "none of these"},
    "segpage.budget": {
        "fr": "Capacité d'achat (budget déclaré par bouteille)",
        "en": "Purchasing ability (declared budget per bottle)",
    },
    "segpage.budget_help": {
        "fr": "Ce que les personnes ont déclaré (« 15-30 », « < 15 € »…). « Au moins 30 € » retient ceux dont le "
        "budget atteint 30 €. Les personnes sans budget déclaré ne sont pas retenues par ces critères. Ce "
        "qu'elles achètent vraiment (récence, fréquence, montant) est dans « Achats observés », juste en dessous.",
        "en": "What people declared (\"15-30\", \"< €15\"…). \"At least €30\" keeps those whose budget reaches €30. "
        "People with no declared budget are not kept by these criteria. What they actually buy (recency, "
        "frequency, amount) is under \"Observed buying\", just below.",
    },
    "segpage.budget_min": {"fr": "Au moins (€)", "en": "At least (€)"},
    "segpage.budget_max": {"fr": "Au plus (€)", "en": "At most (€)"},
    "segpage.tiers": {"fr": "Ou par tranche", "en": "Or by tier"},
    "segpage.rfm": {"fr": "Achats observés (commandes importées)", "en": "Observed buying (imported orders)"},
    "segpage.rfm_help": {
        "fr": "Calculé à partir des ventes rattachées à un contact (une commande remboursée, annulée ou abandonnée "
        "n'est pas une vente) : récence = jours depuis le dernier achat, fréquence = nombre de commandes, montant "
        "= total dépensé. Recalculé à chaque comptage : une commande importée ou remboursée compte aussitôt.",
        "en": "Computed from the sales matched to a contact (a refunded, cancelled or voided order is not a sale): "
        "recency = days since the last purchase, frequency = number of orders, amount = total spent. Recomputed "
        "at every count: an imported or refunded order counts at once.",
    },
    "segpage.rfm_no_orders": {
        "fr": "Aucune commande importée pour l'instant : les groupes d'acheteurs (nouveau client, fidèle, grand "
        "client, à réveiller…) apparaîtront ici dès que vous importerez vos commandes dans la page Conversions.",
        "en": "No orders imported yet: buyer groups (new, loyal, top customer, to win back…) will appear here as "
        "soon as you import your orders on the Conversions page.",
    },
    "segpage.rfm_no_buyers": {
        "fr": "{orders} commandes importées ({sales} ventes), mais aucune n'est rattachée à l'un de vos contacts "
        "(téléphone ou e-mail de l'acheteur inconnus ici) : pas encore d'achats observés à filtrer.",
        "en": "{orders} orders imported ({sales} sales), but none is matched to one of your contacts (the buyer's "
        "phone or email is unknown here): no observed buying to filter on yet.",
    },
    "segpage.rfm_mode.fixed": {
        "fr": "{buyers} acheteurs parmi vos contacts ({sales} ventes) : moins de {limit}, les groupes suivent des "
        "seuils fixes (des cinquièmes de si peu de monde ne voudraient rien dire).",
        "en": "{buyers} buyers among your contacts ({sales} sales): fewer than {limit}, so groups follow fixed "
        "thresholds (fifths of so few people would mean nothing).",
    },
    "segpage.rfm_mode.quintiles": {
        "fr": "{buyers} acheteurs parmi vos contacts ({sales} ventes) : au moins {limit}, les groupes se comparent "
        "à vos autres acheteurs (notes de 1 à 5 par cinquièmes).",
        "en": "{buyers} buyers among your contacts ({sales} sales): at least {limit}, so groups compare buyers with "
        "one another (scores 1 to 5 by fifths).",
    },
    "segpage.rfm_chart": {"fr": "Groupes d'acheteurs (achats observés)", "en": "Buyer groups (observed buying)"},
    "segpage.rfm_tiers": {"fr": "Groupe d'acheteurs", "en": "Buyer group"},
    "segpage.rfm_tier_option": {"fr": "{tier} ({count})", "en": "{tier} ({count})"},
    "segpage.recency_min": {"fr": "Dernier achat il y a au moins (jours)", "en": "Last purchase at least (days ago)"},
    "segpage.recency_max": {"fr": "Dernier achat il y a au plus (jours)", "en": "Last purchase at most (days ago)"},
    "segpage.recency_help": {
        "fr": "Jours écoulés depuis le dernier achat (heure de Paris). Les personnes qui n'ont jamais acheté ne "
        "sont pas retenues par ce critère.",
        "en": "Days since the last purchase (Paris time). People who never bought are not kept by this criterion.",
    },
    "segpage.orders_min": {"fr": "Commandes : au moins", "en": "Orders: at least"},
    "segpage.orders_max": {"fr": "Commandes : au plus", "en": "Orders: at most"},
    "segpage.spent_min": {"fr": "Dépensé en tout : au moins (€)", "en": "Spent in all: at least (€)"},
    "segpage.spent_max": {"fr": "Dépensé en tout : au plus (€)", "en": "Spent in all: at most (€)"},
    "segpage.rfm_how": {"fr": "Comment ces groupes sont définis", "en": "How these groups are defined"},
    "segpage.rfm_definitions.common": {
        "fr": "Chaque acheteur est dans un seul groupe : le premier qui lui correspond, dans cet ordre — "
        "**à réveiller**, **grand client**, **fidèle**, **nouveau client** (une seule commande, il y a {new} jours "
        "au plus), sinon **occasionnel**. **Jamais acheté** : aucune vente à son nom.",
        "en": "Each buyer is in one group only: the first that fits, in this order — **to win back**, **top "
        "customer**, **loyal**, **new customer** (a single order, at most {new} days ago), otherwise "
        "**occasional**. **Never bought**: no sale in their name.",
    },
    "segpage.rfm_definitions.fixed": {
        "fr": "Avec moins de {limit} acheteurs (votre cas) : **à réveiller** = aucun achat depuis plus de {asleep} "
        "jours ; **grand client** = au moins {big} € dépensés en tout ; **fidèle** = au moins {loyal} commandes.",
        "en": "With fewer than {limit} buyers (your case): **to win back** = no purchase for more than {asleep} "
        "days; **top customer** = at least €{big} spent in all; **loyal** = at least {loyal} orders.",
    },
    "segpage.rfm_definitions.quintiles": {
        "fr": "Avec {limit} acheteurs ou plus (votre cas), chacun reçoit une note de 1 à 5 en récence, fréquence et "
        "montant selon le cinquième de vos acheteurs où il se trouve ; les ex æquo ont la même note. **À "
        "réveiller** = note de récence 1 ou 2 et aucun achat depuis plus de {new} jours ; **grand client** = "
        "note de montant 5 (le cinquième qui dépense le plus) ; **fidèle** = note de fréquence 4 ou 5.",
        "en": "With {limit} buyers or more (your case), each gets a score from 1 to 5 in recency, frequency and "
        "amount by the fifth of your buyers they fall in; ties get the same score. **To win back** = recency "
        "score 1 or 2 and no purchase for more than {new} days; **top customer** = amount score 5 (the fifth "
        "who spend most); **loyal** = frequency score 4 or 5.",
    },
    "segpage.rfm_definitions.other": {
        "fr": "Sous {limit} acheteurs, des cinquièmes ne veulent rien dire : les seuils sont fixes (plus de {asleep} "
        "jours sans achat, {big} € dépensés, {loyal} commandes). À partir de {limit}, on compare aux autres "
        "acheteurs.",
        "en": "Under {limit} buyers, fifths mean nothing: thresholds are fixed (more than {asleep} days without "
        "buying, €{big} spent, {loyal} orders). From {limit} on, buyers are compared with one another.",
    },
    "segpage.reach": {"fr": "Joignables sur", "en": "Reachable on"},
    "segpage.reach_help": {
        "fr": "Joignable = numéro mobile (ou e-mail), consentement pour ce canal, pas d'opposition, dans votre zone "
        "de livraison et, si vous vendez de l'alcool, majeur déclaré.",
        "en": "Reachable = mobile number (or email), consent for that channel, no opt-out, in your delivery zone "
        "and, if you sell alcohol, declared adult.",
    },
    "segpage.reach_parts": {"fr": "Détail de la joignabilité", "en": "Reachability in detail"},
    "segpage.consents": {"fr": "Consentement donné pour", "en": "Consent given for"},
    "segpage.zone": {"fr": "Zone de livraison", "en": "Delivery zone"},
    "segpage.zone.None": {"fr": "indifférent", "en": "any"},
    "segpage.zone.True": {"fr": "dans la zone", "en": "inside the zone"},
    "segpage.zone.False": {"fr": "hors de la zone", "en": "outside the zone"},
    "segpage.age": {"fr": "Âge", "en": "Age"},
    "segpage.age.None": {"fr": "indifférent", "en": "any"},
    "segpage.age.True": {"fr": "majeurs déclarés", "en": "declared adults"},
    "segpage.age.False": {"fr": "mineurs déclarés", "en": "declared minors"},
    "segpage.age.unknown": {"fr": "âge non renseigné", "en": "age unknown"},
    "segpage.communities": {"fr": "Communautés", "en": "Communities"},
    "segpage.communities_op.in": {"fr": "membres de", "en": "members of"},
    "segpage.communities_op.not_in": {"fr": "pas encore membres de", "en": "not yet members of"},
    "segpage.where": {"fr": "Où", "en": "Where"},
    "segpage.countries": {"fr": "Pays", "en": "Countries"},
    "segpage.departments": {"fr": "Départements", "en": "Departments"},
    "segpage.origin": {"fr": "Origine", "en": "Origin"},
    "segpage.imports": {"fr": "Venus de l'import", "en": "From import"},
    "segpage.added_after": {"fr": "Ajoutés depuis le", "en": "Added since"},
    "segpage.advanced": {"fr": "Mode avancé (document de règles JSON)", "en": "Advanced mode (JSON rule document)"},
    "segpage.advanced_help": {
        "fr": "Pour des groupes imbriqués « tous / au moins un ». Le document est vérifié avant d'être utilisé.",
        "en": "For nested \"all / any\" groups. The document is checked before it is used.",
    },
    "segpage.use_advanced": {"fr": "Utiliser ce document", "en": "Use this document"},
    "segpage.advanced_active": {
        "fr": "Ce segment utilise un document de règles avancé ; modifiez-le ci-dessous ou repartez de zéro.",
        "en": "This segment uses an advanced rule document; edit it below or start over.",
    },
    "segpage.bad_json": {"fr": "Ce n'est pas du JSON valide : {error}", "en": "This is not valid JSON: {error}"},
    "segpage.choose": {"fr": "Choisir…", "en": "Choose…"},
    "segpage.reset": {"fr": "Repartir de zéro", "en": "Start over"},
    "segpage.count": {"fr": "personnes dans ce segment", "en": "people in this segment"},
    "segpage.of_total": {"fr": "sur {total} contacts", "en": "of {total} contacts"},
    "segpage.sentence": {"fr": "En clair", "en": "In plain words"},
    "segpage.sample": {"fr": "Quelques membres", "en": "A few members"},
    "segpage.empty_workspace": {
        "fr": "Aucun contact pour l'instant : importez vos contacts ou chargez la démo depuis l'accueil.",
        "en": "No contacts yet: import your contacts or load the demo from the home page.",
    },
    "segpage.nobody": {
        "fr": "Personne ne correspond. Élargissez un critère (budget, pays, canal) pour retrouver du monde.",
        "en": "Nobody matches. Widen a criterion (budget, country, channel) to find people.",
    },
    "segpage.name": {"fr": "Nom du segment", "en": "Segment name"},
    "segpage.save": {"fr": "Enregistrer", "en": "Save"},
    "segpage.save_as_new": {"fr": "Enregistrer comme nouveau", "en": "Save as new"},
    "segpage.saved": {"fr": "Segment « {name} » enregistré.", "en": "Segment \"{name}\" saved."},
    "segpage.name_required": {"fr": "Donnez un nom au segment.", "en": "Give the segment a name."},
    "segpage.none_saved": {
        "fr": "Aucun segment enregistré. Construisez-en un dans l'onglet « Construire » puis enregistrez-le.",
        "en": "No saved segment. Build one in the \"Build\" tab, then save it.",
    },
    "segpage.col_name": {"fr": "Segment", "en": "Segment"},
    "segpage.col_members": {"fr": "Membres (en direct)", "en": "Members (live)"},
    "segpage.col_sentence": {"fr": "Définition", "en": "Definition"},
    "segpage.col_updated": {"fr": "Modifié le", "en": "Updated on"},
    "segpage.pick": {"fr": "Segment", "en": "Segment"},
    "segpage.open": {"fr": "Ouvrir dans le constructeur", "en": "Open in the builder"},
    "segpage.rename_to": {"fr": "Nouveau nom", "en": "New name"},
    "segpage.rename": {"fr": "Renommer", "en": "Rename"},
    "segpage.duplicate": {"fr": "Dupliquer", "en": "Duplicate"},
    "segpage.delete_confirm": {
        "fr": "Je veux supprimer ce segment (les contacts ne sont pas touchés).",
        "en": "I want to delete this segment (contacts are not touched).",
    },
    "segpage.delete": {"fr": "Supprimer", "en": "Delete"},
    "segpage.freeze": {"fr": "Figer la liste pour une campagne", "en": "Freeze the list for a campaign"},
    "segpage.freeze_help": {
        "fr": "Un segment est dynamique : ses membres changent avec vos contacts. Figer garde la liste d'aujourd'hui "
        "pour une campagne précise.",
        "en": "A segment is dynamic: its members change with your contacts. Freezing keeps today's list for a "
        "given campaign.",
    },
    "segpage.frozen": {"fr": "Liste figée : {count} personnes.", "en": "List frozen: {count} people."},
    "segpage.snapshots": {"fr": "Listes figées", "en": "Frozen lists"},
    "segpage.export_csv": {"fr": "Exporter en CSV", "en": "Export as CSV"},
    "segpage.export_xlsx": {"fr": "Exporter en Excel", "en": "Export as Excel"},
    "segpage.prepare_export": {"fr": "Préparer l'export", "en": "Prepare the export"},
    "segpage.heatmap": {"fr": "Centres d'intérêt × budget", "en": "Interests × budget"},
    "segpage.departments_chart": {"fr": "Contacts par département", "en": "Contacts by department"},
    "segpage.channels_chart": {"fr": "Joignables par canal", "en": "Reachable by channel"},
    "segpage.scope": {"fr": "Pour", "en": "For"},
    "segpage.scope_all": {"fr": "tous les contacts", "en": "all contacts"},
    "segpage.overlap": {"fr": "Recoupement de segments", "en": "Segment overlap"},
    "segpage.overlap_pick": {"fr": "Choisissez 2 ou 3 segments", "en": "Pick 2 or 3 segments"},
    "segpage.overlap_need": {
        "fr": "Enregistrez au moins deux segments pour voir leurs recoupements.",
        "en": "Save at least two segments to see how they overlap.",
    },
    "segpage.overlap_combo": {"fr": "Combinaison", "en": "Combination"},
    "segpage.chart_tier": {"fr": "Budget", "en": "Budget"},
    "segpage.chart_interest": {"fr": "Centre d'intérêt", "en": "Interest"},
    "segpage.chart_department": {"fr": "Département", "en": "Department"},
    "segpage.chart_channel": {"fr": "Canal", "en": "Channel"},
    "segpage.chart_contacts": {"fr": "Contacts", "en": "Contacts"},
}
