"""Segments: rule sentences, budget tiers, and why a rule document or a segment is refused."""

MESSAGES = {
    # --- sentences: one per field and operation -------------------------------------------------------------
    "segments.phrase.everyone": {"fr": "tous les contacts", "en": "all contacts"},
    "segments.phrase.interest.any_of": {"fr": "intéressés par {labels}", "en": "interested in {labels}"},
    "segments.phrase.interest.all_of": {"fr": "intéressés à la fois par {labels}",
                                        "en": "interested in all of {labels}"},
    "segments.phrase.interest.none_of": {"fr": "sans intérêt pour {labels}", "en": "not interested in {labels}"},
    "segments.phrase.budget_eur.gte": {"fr": "budget au moins {amount} €", "en": "budget at least €{amount}"},
    "segments.phrase.budget_eur.lte": {"fr": "budget au plus {amount} €", "en": "budget at most €{amount}"},
    "segments.phrase.budget_eur.between": {"fr": "budget entre {low} et {high} €",
                                           "en": "budget between €{low} and €{high}"},
    "segments.phrase.budget_tier.in": {"fr": "budget {tiers}", "en": "budget {tiers}"},
    "segments.phrase.country.in": {"fr": "pays {codes}", "en": "country {codes}"},
    "segments.phrase.country.not_in": {"fr": "pays autre que {codes}", "en": "country other than {codes}"},
    "segments.phrase.department.in": {"fr": "département {codes}", "en": "department {codes}"},
    "segments.phrase.department.not_in": {"fr": "département autre que {codes}",
                                          "en": "department other than {codes}"},
    "segments.phrase.city.in": {"fr": "à {cities}", "en": "in {cities}"},
    "segments.phrase.reachable.is": {"fr": "joignables {channel}", "en": "reachable {channel}"},
    "segments.phrase.reachable.is_not": {"fr": "non joignables {channel}", "en": "not reachable {channel}"},
    "segments.phrase.phone_can.is": {"fr": "numéro utilisable {channel}", "en": "number usable {channel}"},
    "segments.phrase.phone_can.is_not": {"fr": "numéro inutilisable {channel}", "en": "number not usable {channel}"},
    "segments.phrase.consent.is": {"fr": "consentement {name} donné", "en": "{name} consent given"},
    "segments.phrase.consent.is_not": {"fr": "sans consentement {name}", "en": "no {name} consent"},
    "segments.phrase.in_delivery_zone.true": {"fr": "dans la zone de livraison", "en": "in the delivery area"},
    "segments.phrase.in_delivery_zone.false": {"fr": "hors de la zone de livraison", "en": "outside the delivery area"},
    "segments.phrase.adult.true": {"fr": "majeurs déclarés", "en": "declared adults"},
    "segments.phrase.adult.false": {"fr": "mineurs déclarés", "en": "declared minors"},
    "segments.phrase.adult.unknown": {"fr": "âge non renseigné", "en": "age unknown"},
    "segments.phrase.import_source.in": {"fr": "venus de l'import {imports}", "en": "from import {imports}"},
    "segments.phrase.added.after": {"fr": "ajoutés depuis le {day}", "en": "added since {day}"},
    "segments.phrase.added.before": {"fr": "ajoutés avant le {day}", "en": "added before {day}"},
    "segments.word.or": {"fr": "ou", "en": "or"},
    "segments.word.and": {"fr": "et", "en": "and"},
    "segments.word.quoted": {"fr": "« {text} »", "en": "\u201c{text}\u201d"},
    "segments.word.import_id": {"fr": "n° {short}", "en": "no. {short}"},
    "segments.channel.whatsapp": {"fr": "sur WhatsApp", "en": "on WhatsApp"},
    "segments.channel.telegram": {"fr": "sur Telegram", "en": "on Telegram"},
    "segments.channel.sms": {"fr": "par SMS", "en": "by SMS"},
    "segments.channel.email": {"fr": "par e-mail", "en": "by email"},
    "segments.channel_name.whatsapp": {"fr": "WhatsApp", "en": "WhatsApp"},
    "segments.channel_name.telegram": {"fr": "Telegram", "en": "Telegram"},
    "segments.channel_name.sms": {"fr": "SMS", "en": "SMS"},
    "segments.channel_name.email": {"fr": "e-mail", "en": "email"},
    # --- budget tiers ----------------------------------------------------------------------------------------
    "segments.tier.petit": {"fr": "petit (moins de 15 €)", "en": "small (under €15)"},
    "segments.tier.moyen": {"fr": "moyen (15 à 30 €)", "en": "medium (€15 to €30)"},
    "segments.tier.amateur": {"fr": "amateur (30 à 60 €)", "en": "enthusiast (€30 to €60)"},
    "segments.tier.grand_amateur": {"fr": "grand amateur (60 € et plus)", "en": "connoisseur (€60 and more)"},
    "segments.tier.inconnu": {"fr": "non renseigné", "en": "not given"},
    # --- refused rule documents ------------------------------------------------------------------------------
    "segments.error.bad_group": {
        "fr": "Le groupe {where} doit avoir une seule clé : « all » (toutes les conditions) ou « any » (au moins "
        "une).",
        "en": "Group {where} must have exactly one key: \"all\" (every condition) or \"any\" (at least one).",
    },
    "segments.error.bad_condition": {
        "fr": "La condition {where} doit avoir exactement les clés « field », « op » et « value ».",
        "en": "Condition {where} must have exactly the keys \"field\", \"op\" and \"value\".",
    },
    "segments.error.unknown_field": {
        "fr": "Condition {where} : critère inconnu « {field} » (critères possibles : {fields}).",
        "en": "Condition {where}: unknown criterion \"{field}\" (possible criteria: {fields}).",
    },
    "segments.error.unknown_op": {
        "fr": "Condition {where} : « {op} » ne s'applique pas au critère « {field} » (possibles : {ops}).",
        "en": "Condition {where}: \"{op}\" does not apply to \"{field}\" (possible: {ops}).",
    },
    "segments.error.too_deep": {
        "fr": "Trop de groupes imbriqués : au plus {limit} niveaux.",
        "en": "Too many nested groups: at most {limit} levels.",
    },
    "segments.error.too_many_conditions": {
        "fr": "Trop de conditions : au plus {limit} par segment.",
        "en": "Too many conditions: at most {limit} per segment.",
    },
    "segments.error.not_a_list": {
        "fr": "{where} : une liste est attendue, entre crochets [ ].",
        "en": "{where}: a list is expected, in square brackets [ ].",
    },
    "segments.error.empty_list": {
        "fr": "{where} : la liste est vide, donnez au moins une valeur.",
        "en": "{where}: the list is empty, give at least one value.",
    },
    "segments.error.too_many_values": {
        "fr": "{where} : trop de valeurs, au plus {limit}.",
        "en": "{where}: too many values, at most {limit}.",
    },
    "segments.error.not_a_string": {
        "fr": "{where} : « {value} » n'est pas un texte.",
        "en": "{where}: \"{value}\" is not a text.",
    },
    "segments.error.empty_text": {
        "fr": "{where} : une valeur est vide.",
        "en": "{where}: a value is empty.",
    },
    "segments.error.too_long": {
        "fr": "{where} : un texte dépasse {limit} caractères.",
        "en": "{where}: a text is longer than {limit} characters.",
    },
    "segments.error.not_a_number": {
        "fr": "{where} : « {value} » n'est pas un montant en euros.",
        "en": "{where}: \"{value}\" is not an amount in euros.",
    },
    "segments.error.out_of_range": {
        "fr": "{where} : le montant doit être entre {low} et {high} €.",
        "en": "{where}: the amount must be between €{low} and €{high}.",
    },
    "segments.error.not_a_range": {
        "fr": "{where} : une fourchette s'écrit [minimum, maximum], le minimum d'abord.",
        "en": "{where}: a range is written [minimum, maximum], the minimum first.",
    },
    "segments.error.unknown_value": {
        "fr": "{where} : « {value} » n'est pas possible ici (possibles : {allowed}).",
        "en": "{where}: \"{value}\" is not possible here (possible: {allowed}).",
    },
    "segments.error.bad_country": {
        "fr": "{where} : pays inconnu « {value} » ; donnez un code à deux lettres comme FR ou BE.",
        "en": "{where}: unknown country \"{value}\"; give a two-letter code such as FR or BE.",
    },
    "segments.error.bad_department": {
        "fr": "{where} : « {value} » n'est pas un département français (33, 2A, 971…).",
        "en": "{where}: \"{value}\" is not a French department (33, 2A, 971…).",
    },
    "segments.error.bad_community_id": {
        "fr": "{where} : « {value} » n'est pas un identifiant de communauté.",
        "en": "{where}: \"{value}\" is not a community id.",
    },
    "segments.phrase.community.in": {"fr": "membres de {communities}", "en": "members of {communities}"},
    "segments.phrase.community.not_in": {"fr": "pas encore membres de {communities}",
                                         "en": "not yet members of {communities}"},
    "segments.error.bad_import_id": {
        "fr": "{where} : « {value} » n'est pas un identifiant d'import.",
        "en": "{where}: \"{value}\" is not an import id.",
    },
    "segments.error.not_a_date": {
        "fr": "{where} : « {value} » n'est pas une date AAAA-MM-JJ.",
        "en": "{where}: \"{value}\" is not a YYYY-MM-DD date.",
    },
    "segments.error.file_unreadable": {
        "fr": "Impossible de lire le fichier de règles {path} ({reason}).",
        "en": "Cannot read the rules file {path} ({reason}).",
    },
    "segments.error.file_not_json": {
        "fr": "Le fichier de règles {path} n'est pas du JSON valide (ligne {line}, colonne {column}).",
        "en": "The rules file {path} is not valid JSON (line {line}, column {column}).",
    },
    "segments.error.file_too_large": {
        "fr": "Le fichier de règles {path} est trop gros (au plus {limit_kb} Ko).",
        "en": "The rules file {path} is too large (at most {limit_kb} KB).",
    },
    # --- saved segments and snapshots ------------------------------------------------------------------------
    "segments.store.duplicate_name": {
        "fr": "Un segment s'appelle déjà « {name} » dans cet espace : choisissez un autre nom.",
        "en": "A segment called \"{name}\" already exists in this workspace: choose another name.",
    },
    "segments.store.bad_name": {
        "fr": "Donnez au segment un nom de 1 à 120 caractères.",
        "en": "Give the segment a name of 1 to 120 characters.",
    },
    "segments.store.not_found": {
        "fr": "Ce segment n'existe plus dans cet espace.",
        "en": "This segment no longer exists in this workspace.",
    },
    "segments.store.not_allowed": {
        "fr": "Votre rôle dans cet espace ne permet pas de modifier les segments.",
        "en": "Your role in this workspace does not allow changing segments.",
    },
    "segments.store.copy_name": {"fr": "{name} (copie)", "en": "{name} (copy)"},
    "segments.store.copy_name_n": {"fr": "{name} (copie {n})", "en": "{name} (copy {n})"},
}
