"""The interests vocabulary: its section of the segments page and the reasons a change is refused."""

MESSAGES = {
    "interests.title": {"fr": "Vocabulaire des centres d'intérêt", "en": "Interests vocabulary"},
    "interests.intro": {
        "fr": "Les fichiers disent la même chose de mille façons (« rouge », « Vins rouges », « bulles », "
        "« crémant »). Cercle range chaque façon de l'écrire sous un centre d'intérêt de votre vocabulaire : "
        "renommez, fusionnez et ajoutez des synonymes pour que vos audiences restent justes.",
        "en": "Files say the same thing a thousand ways (\"rouge\", \"Vins rouges\", \"bulles\", \"crémant\"). "
        "Cercle files each spelling under an interest of your vocabulary: rename, merge and add synonyms so "
        "that your audiences stay accurate.",
    },
    "interests.empty": {
        "fr": "Ce vocabulaire est encore vide. Il se remplit au premier import de contacts, avec un vocabulaire "
        "du vin prêt à l'emploi (rouge, blanc, bulles, bio…) ; une personne qui peut modifier l'espace peut "
        "aussi l'ouvrir ici pour le créer.",
        "en": "This vocabulary is still empty. It fills at the first contact import, with a ready-made wine "
        "vocabulary (red, white, sparkling, organic…); someone who can edit the workspace can also open it "
        "here to create it.",
    },
    "interests.no_contacts": {
        "fr": "Aucun contact ne cite encore ces centres d'intérêt. Importez un fichier avec une colonne "
        "« Goûts » ou « Centres d'intérêt » (page Contacts) : chaque valeur sera rangée ici.",
        "en": "No contact cites these interests yet. Import a file with a \"Tastes\" or \"Interests\" column "
        "(Contacts page): each value will be filed here.",
    },
    "interests.viewer": {
        "fr": "Vous consultez cet espace en lecture seule : seuls ses propriétaires et éditeurs modifient le "
        "vocabulaire.",
        "en": "You are viewing this workspace read-only: only its owners and editors change the vocabulary.",
    },
    "interests.col_label": {"fr": "Centre d'intérêt", "en": "Interest"},
    "interests.col_contacts": {"fr": "Contacts", "en": "Contacts"},
    "interests.col_synonyms": {"fr": "Autres façons de l'écrire", "en": "Other spellings"},
    "interests.col_origin": {"fr": "Origine", "en": "Origin"},
    "interests.origin.starter": {"fr": "Vocabulaire de départ", "en": "Starter vocabulary"},
    "interests.origin.import": {"fr": "Nouveau, venu d'un fichier", "en": "New, from a file"},
    "interests.origin.user": {"fr": "Ajouté par vous", "en": "Added by you"},
    "interests.chart_title": {"fr": "Contacts par centre d'intérêt", "en": "Contacts per interest"},
    "interests.stray": {
        "fr": "Libellés de vos contacts pas encore rangés dans le vocabulaire (venus d'imports antérieurs) : "
        "{count}. Rangez-les pour que vos segments les comptent.",
        "en": "Labels of your contacts not yet filed in the vocabulary (from earlier imports): {count}. "
        "File them so that your segments count them.",
    },
    "interests.stray_label": {"fr": "Libellé actuel", "en": "Current label"},
    "interests.remap": {"fr": "Ranger ces contacts dans le vocabulaire", "en": "File these contacts in the vocabulary"},
    "interests.remapped": {
        "fr": "Contacts rangés dans le vocabulaire : {count}.",
        "en": "Contacts filed in the vocabulary: {count}.",
    },
    "interests.edit": {"fr": "Modifier le vocabulaire", "en": "Edit the vocabulary"},
    "interests.tab_rename": {"fr": "Renommer", "en": "Rename"},
    "interests.tab_merge": {"fr": "Fusionner", "en": "Merge"},
    "interests.tab_synonyms": {"fr": "Synonymes", "en": "Synonyms"},
    "interests.rename_which": {"fr": "Centre d'intérêt à renommer", "en": "Interest to rename"},
    "interests.rename_to": {"fr": "Nouveau nom", "en": "New name"},
    "interests.rename_help": {
        "fr": "L'ancien nom reste un synonyme : les prochains fichiers qui l'emploient arriveront ici.",
        "en": "The old name stays a synonym: future files that use it will land here.",
    },
    "interests.rename_submit": {"fr": "Renommer", "en": "Rename"},
    "interests.renamed": {
        "fr": "« {old} » s'appelle désormais « {new} » (contacts mis à jour : {count}).",
        "en": "\"{old}\" is now called \"{new}\" (contacts updated: {count}).",
    },
    "interests.merge_source": {"fr": "Fusionner…", "en": "Merge…"},
    "interests.merge_target": {"fr": "…dans", "en": "…into"},
    "interests.merge_help": {
        "fr": "Les contacts du premier centre d'intérêt passent au second, avec ses synonymes ; le premier "
        "disparaît. Cela modifie vos contacts et ne se défait pas d'un clic.",
        "en": "The first interest's contacts move to the second, with its synonyms; the first disappears. "
        "This changes your contacts and cannot be undone in one click.",
    },
    "interests.merge_confirm": {
        "fr": "Je confirme : modifier les contacts concernés",
        "en": "I confirm: change the contacts concerned",
    },
    "interests.merge_submit": {"fr": "Fusionner", "en": "Merge"},
    "interests.merge_unconfirmed": {
        "fr": "Contacts qui citent « {source} » : {count}. Cochez la confirmation pour les rattacher à « {target} ».",
        "en": "Contacts citing \"{source}\": {count}. Tick the confirmation to move them to \"{target}\".",
    },
    "interests.merged": {
        "fr": "« {source} » a rejoint « {target} » (contacts mis à jour : {count}).",
        "en": "\"{source}\" joined \"{target}\" (contacts updated: {count}).",
    },
    "interests.synonym_interest": {"fr": "Centre d'intérêt", "en": "Interest"},
    "interests.synonym_new": {"fr": "Autre façon de l'écrire", "en": "Other spelling"},
    "interests.synonym_new_help": {
        "fr": "Par exemple « pet nat » pour Champagne & crémants. Majuscules, accents et pluriels ne comptent pas.",
        "en": "For instance \"pet nat\" for Champagne & crémants. Capitals, accents and plurals do not count.",
    },
    "interests.synonym_add": {"fr": "Ajouter le synonyme", "en": "Add the synonym"},
    "interests.synonym_added": {
        "fr": "« {name} » mène désormais à « {label} ».",
        "en": "\"{name}\" now leads to \"{label}\".",
    },
    "interests.synonym_remove_which": {"fr": "Synonyme à retirer", "en": "Synonym to remove"},
    "interests.synonym_remove": {"fr": "Retirer le synonyme", "en": "Remove the synonym"},
    "interests.synonym_removed": {
        "fr": "« {name} » ne mène plus à « {label} ». Les contacts déjà rangés gardent leur centre d'intérêt.",
        "en": "\"{name}\" no longer leads to \"{label}\". Contacts already filed keep their interest.",
    },
    "interests.no_synonyms": {
        "fr": "Aucun synonyme à retirer pour l'instant.",
        "en": "No synonym to remove yet.",
    },
    "interests.error.empty_label": {
        "fr": "Le nom d'un centre d'intérêt ne peut pas être vide.",
        "en": "An interest's name cannot be empty.",
    },
    "interests.error.empty_synonym": {
        "fr": "Le synonyme ne peut pas être vide.",
        "en": "The synonym cannot be empty.",
    },
    "interests.error.taken": {
        "fr": "« {name} » désigne déjà le centre d'intérêt « {other} ». Pour les réunir, fusionnez-les.",
        "en": "\"{name}\" already stands for the interest \"{other}\". To bring them together, merge them.",
    },
    "interests.error.unknown": {
        "fr": "Le centre d'intérêt « {label} » n'existe pas (ou plus). Rechargez la page.",
        "en": "The interest \"{label}\" does not exist (any more). Reload the page.",
    },
    "interests.error.merge_same": {
        "fr": "Choisissez deux centres d'intérêt différents à fusionner.",
        "en": "Choose two different interests to merge.",
    },
    "interests.error.already_synonym": {
        "fr": "« {name} » mène déjà à « {label} ».",
        "en": "\"{name}\" already leads to \"{label}\".",
    },
    "interests.error.own_name": {
        "fr": "« {name} » est le nom même de « {label} » : renommez le centre d'intérêt plutôt.",
        "en": "\"{name}\" is the very name of \"{label}\": rename the interest instead.",
    },
    "interests.error.unknown_synonym": {
        "fr": "« {name} » n'est pas un synonyme de « {label} ».",
        "en": "\"{name}\" is not a synonym of \"{label}\".",
    },
    "interests.error.read_only": {
        "fr": "Vous ne pouvez pas modifier le vocabulaire de cet espace (lecture seule).",
        "en": "You cannot change this workspace's vocabulary (read-only).",
    },
}
