"""Conversions sentences that say only what their chart shows (issue #12 items 6–8), and the texts of editable
communities, automatic re-attribution and paged personal invitations."""

MESSAGES = {
    # --- the nested funnel --------------------------------------------------------------------------------------
    "convtruth.step.touched": {"fr": "Invités ou membres", "en": "Invited or members"},
    "convtruth.step.joined": {"fr": "Membres", "en": "Members"},
    "convtruth.step.bought": {"fr": "Membres qui ont acheté", "en": "Members who bought"},
    "convtruth.funnel": {
        "fr": "Sur {contacts} contacts, {reachable} sont joignables ; parmi eux, {touched} ont reçu une invitation "
        "ou sont membres, {joined} sont membres d'une communauté et {bought} de ces membres ont acheté par une "
        "communauté. Chaque barre ne compte que des personnes de la barre du dessus.",
        "en": "Of {contacts} contacts, {reachable} are reachable; of those, {touched} were invited or are members, "
        "{joined} are members of a community and {bought} of these members bought through one. Each bar only "
        "counts people of the bar above.",
    },
    "convtruth.funnel_outside_buyers": {
        "fr": "{count} autres acheteurs par une communauté ne sont pas dans ce parcours (code promo partagé, lien "
        "suivi, acheteur absent de vos contacts ou non joignable).",
        "en": "{count} other buyers through a community are not in this path (shared promo code, tracked link, "
        "buyer not in your contacts or not reachable).",
    },
    "convtruth.funnel_outside_members": {
        "fr": "{count} membres ne sont pas comptés : aucun consentement enregistré pour les joindre.",
        "en": "{count} members are not counted: no consent recorded to reach them.",
    },
    "convtruth.funnel_visits": {
        "fr": "Les {clicked} visites des liens sont anonymes : ce sont des visites, pas des personnes (barre claire, "
        "hors parcours).",
        "en": "The {clicked} link visits are anonymous: visits, not people (light bar, outside the path).",
    },
    # --- revenue over time --------------------------------------------------------------------------------------
    "convtruth.timeline": {
        "fr": "En gris, les ventes publiques ou inconnues ; en couleur, celles de vos communautés. Leur meilleure "
        "période : {best} ({revenue} par les communautés).",
        "en": "In grey, public or unknown sales; in colour, your communities'. Their best period: {best} ({revenue} "
        "through communities).",
    },
    "convtruth.timeline_one": {
        "fr": "Toutes les ventes de vos communautés tombent en {best} ({revenue}) ; en gris, les ventes publiques "
        "ou inconnues.",
        "en": "All your communities' sales fall in {best} ({revenue}); in grey, public or unknown sales.",
    },
    "convtruth.timeline_no_community": {
        "fr": "Aucune vente rattachée à une communauté sur la période : tout est en gris (ventes publiques ou "
        "inconnues, {public} en tout).",
        "en": "No sale tied to a community in the period: everything is grey (public or unknown sales, {public} in "
        "all).",
    },
    # --- segments × channels ------------------------------------------------------------------------------------
    "convtruth.heatmap": {
        "fr": "Plus la case est foncée, plus le segment a dépensé sur ce canal. Dans vos communautés, en tête : "
        "« {segment} » sur {channel} ({revenue}).",
        "en": "The darker the cell, the more the segment spent on that channel. In your communities, top: "
        "“{segment}” on {channel} ({revenue}).",
    },
    "convtruth.heatmap_public_only": {
        "fr": "Plus la case est foncée, plus le segment a dépensé. Aucun de vos segments n'a acheté par une "
        "communauté ; en ventes publiques ou inconnues, « {segment} » dépense le plus ({revenue}).",
        "en": "The darker the cell, the more the segment spent. None of your segments bought through a community; "
        "in public or unknown sales, “{segment}” spends most ({revenue}).",
    },
    "convtruth.col_member_buyers": {"fr": "dont membres", "en": "of whom members"},
    "convtruth.col_segment_buyers": {"fr": "Acheteurs (tous canaux)", "en": "Buyers (any channel)"},
    "convtruth.col_segment_community_buyers": {"fr": "dont par une communauté", "en": "of whom through a community"},
    # --- headline and sides ------------------------------------------------------------------------------------
    "convtruth.headline_no_community": {
        "fr": "Aucune vente rattachée à une communauté sur la période ; les ventes publiques ou d'origine inconnue "
        "font {public}. {not_counted} commandes remboursées ou annulées ne sont pas comptées.",
        "en": "No sale tied to a community in the period; public or unknown sales come to {public}. {not_counted} "
        "refunded or cancelled orders are not counted.",
    },
    "convtruth.sides_no_community": {
        "fr": "Aucune vente rattachée à une communauté : les {public} viennent du public ou d'une origine inconnue.",
        "en": "No sale tied to a community: the {public} come from public or unknown sales.",
    },
    # --- repeat buyers and cohorts ------------------------------------------------------------------------------
    "convtruth.cohorts": {
        "fr": "{repeat} clients sur {buyers} ont acheté au moins deux fois : {later} sont revenus un mois suivant "
        "(colonnes « Mois + »), {same} ont racheté dans le même mois ou sans date (non visibles ci-dessous).",
        "en": "{repeat} of {buyers} buyers bought at least twice: {later} came back in a later month (“Month +” "
        "columns), {same} bought again in the same month or undated (not visible below).",
    },
    "convtruth.cohorts_none": {
        "fr": "Aucun client n'a encore acheté deux fois sur la période.",
        "en": "No buyer has bought twice in the period yet.",
    },
    # --- the partner summary -----------------------------------------------------------------------------------
    "convtruth.summary_help": {
        "fr": "Les chiffres clés, la période et {charts}, prêts à envoyer (aucune donnée personnelle).",
        "en": "The key figures, the period and {charts}, ready to send (no personal data).",
    },
    "convtruth.charts.0": {"fr": "aucun graphique", "en": "no chart"},
    "convtruth.charts.1": {"fr": "un graphique", "en": "one chart"},
    "convtruth.charts.n": {"fr": "{count} graphiques", "en": "{count} charts"},
    # --- attribution that follows changes -----------------------------------------------------------------------
    "convtruth.reattributed": {
        "fr": "Commandes déjà connues rattachées autrement : {count}.",
        "en": "Orders already known now attributed differently: {count}.",
    },
    "convtruth.reattributed_after_change": {
        "fr": "Commandes rattachées autrement après ce changement : {count}.",
        "en": "Orders attributed differently after this change: {count}.",
    },
    # --- editing a community -------------------------------------------------------------------------------------
    "convtruth.edit": {"fr": "Modifier une communauté", "en": "Edit a community"},
    "convtruth.edit_invite_help": {
        "fr": "Le lien d'invitation du groupe (réinitialisé dans WhatsApp ? collez le nouveau). Les liens suivis déjà "
        "faits gardent leur destination : créez-en un nouveau pour qu'il mène au nouveau lien.",
        "en": "The group's invite link (reset in WhatsApp? paste the new one). Tracked links already made keep their "
        "destination: make a new one to lead to the new link.",
    },
    "convtruth.save": {"fr": "Enregistrer", "en": "Save"},
    "convtruth.saved": {"fr": "Communauté « {name} » enregistrée.", "en": "Community \"{name}\" saved."},
    # --- personal invitations -----------------------------------------------------------------------------------
    "convtruth.estate_needed": {
        "fr": "Quel nom signe vos invitations ? Chaque message doit dire qui l'envoie : donnez le nom de votre domaine "
        "(il sera aussi celui de l'espace, modifiable dans Réglages).",
        "en": "Which name signs your invitations? Every message must say who sends it: give your estate's name (it "
        "also becomes the workspace's, which you can change in Settings).",
    },
    "convtruth.estate_name": {"fr": "Nom de votre domaine", "en": "Your estate's name"},
    "convtruth.estate_help": {
        "fr": "Tel que vos clients le connaissent, par exemple « Domaine des Coteaux ».",
        "en": "As your customers know it, e.g. “Domaine des Coteaux”.",
    },
    "convtruth.need_invite_url": {
        "fr": "Ajoutez d'abord le lien d'invitation du groupe à cette communauté (onglet « Communautés », « Modifier "
        "une communauté »).",
        "en": "First add the group's invite link to this community (“Communities” tab, “Edit a community”).",
    },
    "convtruth.invite_source": {
        "fr": "Ces invitations passent par leur propre lien suivi, « {source} » ({url}) : elles sont comptées à part "
        "des affiches et des salons.",
        "en": "These invitations go through their own tracked link, “{source}” ({url}): they are counted apart from "
        "posters and fairs.",
    },
    "convtruth.viewer_invitations": {
        "fr": "Lecture seule : seuls un éditeur ou le propriétaire envoient des invitations.",
        "en": "Read only: only an editor or the owner send invitations.",
    },
    "convtruth.all_reachable": {"fr": "Tous les joignables", "en": "Everyone reachable"},
    "convtruth.not_invited_only": {"fr": "Pas encore invités", "en": "Not invited yet"},
    "convtruth.page": {"fr": "Page", "en": "Page"},
    "convtruth.recipients": {
        "fr": "{total} personnes peuvent être invitées, dont {invited} déjà invitées ; {matching} affichées selon le "
        "filtre, page {page} sur {pages}. Ouvrez les boutons un par un depuis votre téléphone : Cercle n'envoie rien "
        "en masse, et une invitation n'est comptée que lorsque son bouton est ouvert.",
        "en": "{total} people may be invited, {invited} of them already invited; {matching} listed by the filter, "
        "page {page} of {pages}. Open the buttons one by one from your phone: Cercle sends nothing in bulk, and an "
        "invitation only counts once its button is opened.",
    },
    "convtruth.everyone_invited": {
        "fr": "Tout le monde a déjà été invité.", "en": "Everyone has been invited already."},
    "convtruth.invited_on": {"fr": "déjà invité le {day}", "en": "already invited on {day}"},
    "convtruth.see_message": {"fr": "Voir le message", "en": "See the message"},
    "convtruth.col_people_invited": {"fr": "Personnes invitées", "en": "People invited"},
    "convtruth.invitations_counted": {
        "fr": "Une invitation compte quand son bouton est ouvert pour l'envoyer, pas quand la page s'affiche.",
        "en": "An invitation counts when its button is opened to send it, not when the page shows.",
    },
    # --- downloads ----------------------------------------------------------------------------------------------
    "convtruth.prepare_summary": {"fr": "Préparer le résumé (PDF, PNG)", "en": "Prepare the summary (PDF, PNG)"},
    "convtruth.prepare_images": {"fr": "Images", "en": "Images"},
}
