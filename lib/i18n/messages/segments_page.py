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
    "segpage.new": {"fr": "Nouveau segment", "en": "New segment"},
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
        "budget atteint 30 €. Les personnes sans budget déclaré ne sont pas retenues par ces critères. Le "
        "comportement d'achat observé (récence, fréquence, montant) s'ajoutera quand les commandes seront "
        "importées.",
        "en": "What people declared (\"15-30\", \"< €15\"…). \"At least €30\" keeps those whose budget reaches €30. "
        "People with no declared budget are not kept by these criteria. Observed buying (recency, frequency, "
        "amount) will join once orders are imported.",
    },
    "segpage.budget_min": {"fr": "Au moins (€)", "en": "At least (€)"},
    "segpage.budget_max": {"fr": "Au plus (€)", "en": "At most (€)"},
    "segpage.tiers": {"fr": "Ou par tranche", "en": "Or by tier"},
    "segpage.reach": {"fr": "Joignables sur", "en": "Reachable on"},
    "segpage.reach_help": {
        "fr": "Joignable = numéro mobile (ou e-mail), consentement pour ce canal, pas d'opposition, dans votre zone "
        "de livraison et, si vous vendez de l'alcool, majeur déclaré.",
        "en": "Reachable = mobile number (or email), consent for that channel, no opt-out, in your delivery zone "
        "and, if you sell alcohol, declared adult.",
    },
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
    "segpage.deleted": {"fr": "Segment supprimé.", "en": "Segment deleted."},
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
    "segpage.overlap_only": {"fr": "{names}", "en": "{names}"},
    "segpage.chart_tier": {"fr": "Budget", "en": "Budget"},
    "segpage.chart_interest": {"fr": "Centre d'intérêt", "en": "Interest"},
    "segpage.chart_department": {"fr": "Département", "en": "Department"},
    "segpage.chart_channel": {"fr": "Canal", "en": "Channel"},
    "segpage.chart_contacts": {"fr": "Contacts", "en": "Contacts"},
}
