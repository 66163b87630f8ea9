"""Segment rule documents: what is accepted, what is refused, how they read, and how they match a contact."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from lib.i18n import set_language
from lib.segments.rules import (
    FIELDS,
    MAX_CONDITIONS,
    RuleError,
    budget_tier,
    compile_rules,
    department_of,
    describe,
    matches,
    read_rules_file,
    validate_rules,
)

WS = "00000000-0000-4000-8000-00000000abcd"
IMPORT_ID = "3f2a4a0e-5d7c-4b9e-9f0a-0c1d2e3f4a5b"


def cond(field, op, value):
    return {"field": field, "op": op, "value": value}


def nest(depth: int) -> dict:
    doc = {"all": [cond("adult", "is", True)]}
    for _ in range(depth - 1):
        doc = {"any": [doc]}
    return doc


GOOD = [
    {"all": []},
    {"any": []},
    {"all": [cond("interest", "any_of", ["vin rouge", "bio"])]},
    {"all": [cond("interest", "all_of", ["Rouge"]), cond("interest", "none_of", ["whisky"])]},
    {"all": [cond("budget_eur", "gte", 30), cond("budget_eur", "lte", 12.5), cond("budget_eur", "between", [20, 40])]},
    {"all": [cond("budget_tier", "in", ["petit", "grand_amateur", "inconnu"])]},
    {"all": [cond("country", "in", ["FR", "be", "France"]), cond("country", "not_in", ["CH"])]},
    {"all": [cond("department", "in", ["33", "2A", "2b", "971", "1"]), cond("department", "not_in", ["75"])]},
    {"all": [cond("city", "in", ["Bordeaux", "SAINT-ÉMILION"])]},
    {"any": [cond("reachable", "is", "whatsapp"), cond("reachable", "is_not", "email")]},
    {"all": [cond("phone_can", "is", "sms"), cond("consent", "is_not", "telegram")]},
    {"all": [cond("in_delivery_zone", "is", False), cond("adult", "is", "unknown")]},
    {"all": [cond("import_source", "in", [IMPORT_ID.upper()]), cond("added", "after", "2026-03-01"),
             cond("added", "before", "2026-04-01")]},
    nest(4),
    {"all": [cond("adult", "is", True)] * MAX_CONDITIONS},
]


@pytest.mark.parametrize("document", GOOD)
def test_good_documents_are_accepted_and_survive_a_round_trip(document):
    """Valid documents validate, and their normalised form reads back to the same rule set."""
    ruleset = validate_rules(document)
    again = validate_rules(json.loads(json.dumps(ruleset.to_document())))
    assert again == ruleset


BAD = [
    ([], "bad_group"),
    ("all", "bad_group"),
    ({"all": [], "any": []}, "bad_group"),
    ({"none": []}, "bad_group"),
    ({"all": "interest"}, "not_a_list"),
    ({"all": [cond("interest", "any_of", ["bio"]) | {"extra": 1}]}, "bad_condition"),
    ({"all": [{"field": "interest", "op": "any_of"}]}, "bad_condition"),
    ({"all": ["interest"]}, "bad_condition"),
    ({"all": [cond("favourite_colour", "in", ["red"])]}, "unknown_field"),
    ({"all": [cond(["interest"], "any_of", ["bio"])]}, "unknown_field"),
    ({"all": [cond("interest", "equals", ["bio"])]}, "unknown_op"),
    ({"all": [cond("interest", None, ["bio"])]}, "unknown_op"),
    ({"all": [cond("interest", "any_of", "bio")]}, "not_a_list"),
    ({"all": [cond("interest", "any_of", [])]}, "empty_list"),
    ({"all": [cond("interest", "any_of", [1])]}, "not_a_string"),
    ({"all": [cond("interest", "any_of", ["  "])]}, "empty_text"),
    ({"all": [cond("interest", "any_of", ["x" * 201])]}, "too_long"),
    ({"all": [cond("interest", "any_of", [f"i{n}" for n in range(101)])]}, "too_many_values"),
    ({"all": [cond("budget_eur", "gte", "30")]}, "not_a_number"),
    ({"all": [cond("budget_eur", "gte", True)]}, "not_a_number"),
    ({"all": [cond("budget_eur", "gte", float("nan"))]}, "not_a_number"),
    ({"all": [cond("budget_eur", "gte", -1)]}, "out_of_range"),
    ({"all": [cond("budget_eur", "lte", 1e9)]}, "out_of_range"),
    ({"all": [cond("budget_eur", "between", [40, 20])]}, "not_a_range"),
    ({"all": [cond("budget_eur", "between", 30)]}, "not_a_range"),
    ({"all": [cond("budget_tier", "in", ["énorme"])]}, "unknown_value"),
    ({"all": [cond("country", "in", ["Atlantide"])]}, "bad_country"),
    ({"all": [cond("country", "in", "FR")]}, "not_a_list"),
    ({"all": [cond("department", "in", ["20"])]}, "bad_department"),
    ({"all": [cond("department", "in", ["99"])]}, "bad_department"),
    ({"all": [cond("department", "in", ["2C"])]}, "bad_department"),
    ({"all": [cond("reachable", "is", "pigeon")]}, "unknown_value"),
    ({"all": [cond("reachable", "is", ["whatsapp"])]}, "unknown_value"),
    ({"all": [cond("phone_can", "is", "email")]}, "unknown_value"),
    ({"all": [cond("in_delivery_zone", "is", "true")]}, "unknown_value"),
    ({"all": [cond("adult", "is", 1)]}, "unknown_value"),
    ({"all": [cond("import_source", "in", ["salon-lyon.csv"])]}, "bad_import_id"),
    ({"all": [cond("added", "after", "01/03/2026")]}, "not_a_date"),
    ({"all": [cond("added", "after", "2026-02-30")]}, "not_a_date"),
    ({"all": [cond("added", "after", 20260301)]}, "not_a_string"),
    (nest(5), "too_deep"),
    ({"all": [cond("adult", "is", True)] * (MAX_CONDITIONS + 1)}, "too_many_conditions"),
    ({"all": [{"any": [cond("adult", "is", True)] * 31}, {"any": [cond("adult", "is", True)] * 30}]},
     "too_many_conditions"),
]


@pytest.mark.parametrize(("document", "code"), BAD)
def test_bad_documents_are_refused_with_a_reason(document, code):
    """Each malformed document is refused with the code that says what is wrong."""
    with pytest.raises(RuleError) as raised:
        validate_rules(document)
    assert raised.value.code == code


@pytest.mark.parametrize("name", [
    "interest; drop table public.contacts; --",
    "c.id) or (1=1",
    'interest" or true --',
    "reach_whatsapp",
    "__class__",
])
def test_an_injected_field_name_is_just_an_unknown_field(name):
    """A field name is looked up in a whitelist, never written into SQL."""
    with pytest.raises(RuleError) as raised:
        validate_rules({"all": [cond(name, "in", ["x"])]})
    assert raised.value.code == "unknown_field"


@pytest.mark.parametrize("op", ["any_of) or (true", "any_of; delete from contacts", "&&"])
def test_an_injected_operation_is_just_an_unknown_operation(op):
    """Operations come from each field's own list."""
    with pytest.raises(RuleError) as raised:
        validate_rules({"all": [cond("interest", op, ["bio"])]})
    assert raised.value.code == "unknown_op"


HOSTILE = "'); drop table public.contacts; -- %s %(ws)s {ws}"


@pytest.mark.parametrize("document", [
    {"all": [cond("interest", "any_of", [HOSTILE])]},
    {"all": [cond("city", "in", [HOSTILE])]},
    {"any": [cond("interest", "none_of", [HOSTILE]), cond("city", "in", ["Pau", HOSTILE])]},
])
def test_a_hostile_value_is_bound_as_a_parameter_never_written_into_the_sql(document):
    """Values travel as bound parameters: the SQL text holds none of them, the parameters hold them intact."""
    where, params = compile_rules(validate_rules(document), WS)
    text = where.as_string()
    assert "drop table" not in text.lower() and WS not in text
    assert any(HOSTILE.lower() in (v.lower() for v in value) for value in params.values() if isinstance(value, list))
    placeholders = set(re.findall(r"%\((\w+)\)s", text))
    assert placeholders == set(params)


def test_compiled_sql_names_only_whitelisted_columns():
    """Every quoted identifier in the SQL is a contacts column a field owns."""
    document = {"all": [cond("reachable", "is", "whatsapp"), cond("phone_can", "is_not", "sms"),
                        cond("consent", "is", "email"), cond("budget_tier", "in", ["moyen"])]}
    where, _ = compile_rules(validate_rules(document), WS)
    identifiers = set(re.findall(r'"c"\."(\w+)"', where.as_string()))
    assert identifiers <= {"reach_whatsapp", "reach_sms", "consent_whatsapp", "consent_email", "budget_min_eur",
                           "budget_max_eur"}


def test_refusals_are_translated_sentences():
    """A RuleError says what is wrong in French by default and in English on request, without internals."""
    error = pytest.raises(RuleError, validate_rules, {"all": [cond("couleur", "in", ["x"])]}).value
    set_language("fr")
    assert "critère inconnu « couleur »" in error.message
    set_language("en")
    assert 'unknown criterion "couleur"' in error.message
    set_language("fr")
    assert "Traceback" not in error.message and "\n" not in error.message


EXAMPLE = {"all": [cond("interest", "any_of", ["vin rouge", "bio"]), cond("budget_eur", "gte", 30),
                   cond("reachable", "is", "whatsapp")]}


@pytest.mark.parametrize(("document", "french", "english"), [
    ({"all": []}, "tous les contacts", "all contacts"),
    (EXAMPLE, "intéressés par « vin rouge » ou « bio », budget déclaré allant jusqu'à 30 € ou plus, "
              "joignables sur WhatsApp",
     "interested in “vin rouge” or “bio”, declared budget reaching €30 or more, reachable on WhatsApp"),
    ({"all": [cond("budget_eur", "between", [12.5, 40])]}, "budget déclaré croisant 12,50–40 €",
     "declared budget overlapping €12.50–€40"),
    ({"all": [cond("budget_tier", "in", ["petit", "moyen"])]}, "budget petit (moins de 15 €) ou moyen (15 à 30 €)",
     "budget small (under €15) or medium (€15 to €30)"),
    ({"all": [cond("interest", "all_of", ["bio", "bulles", "nature"])]},
     "intéressés à la fois par « bio », « bulles » et « nature »",
     "interested in all of “bio”, “bulles” and “nature”"),
    ({"all": [cond("department", "not_in", ["33", "2A"]), cond("adult", "is", "unknown")]},
     "département autre que 33 ou 2A, âge non renseigné", "department other than 33 or 2A, age unknown"),
    ({"all": [cond("reachable", "is_not", "sms"), cond("added", "after", "2026-03-01")]},
     "non joignables par SMS, ajoutés depuis le 01/03/2026", "not reachable by SMS, added since 2026-03-01"),
    ({"all": [cond("country", "in", ["FR"]), {"any": [cond("reachable", "is", "whatsapp"),
                                                      cond("reachable", "is", "telegram")]}]},
     "pays FR, (joignables sur WhatsApp ou joignables sur Telegram)",
     "country FR, (reachable on WhatsApp or reachable on Telegram)"),
    ({"all": [cond("consent", "is_not", "email"), cond("in_delivery_zone", "is", True)]},
     "sans consentement e-mail, dans la zone de livraison", "no email consent, in the delivery area"),
])
def test_describe_reads_the_segment_in_french_and_english(document, french, english):
    """The same rule set reads as a French and an English sentence."""
    ruleset = validate_rules(document)
    assert describe(ruleset, "fr") == french
    assert describe(ruleset, "en") == english


def test_describe_names_imports_by_file_when_told():
    """Import ids read as their file names when the caller knows them, else as a short id."""
    ruleset = validate_rules({"all": [cond("import_source", "in", [IMPORT_ID])]})
    assert describe(ruleset, "fr", {IMPORT_ID: "salon-lyon.csv"}) == "venus de l'import salon-lyon.csv"
    assert describe(ruleset, "fr") == "venus de l'import n° 3f2a4a0e"


@pytest.mark.parametrize(("country", "postal_code", "department"), [
    ("FR", "33000", "33"),
    ("FR", "33 000", "33"),
    ("FR", "33\u00a0000", "33"),
    ("FR", "33.000", "33"),
    ("FR", "6000", "06"),
    ("FR", "20000", "2A"),
    ("FR", "20167", "2A"),
    ("FR", "20200", "2B"),
    ("FR", "20600", "2B"),
    ("FR", "97110", "971"),
    ("GP", "97110", "971"),
    ("NC", "98800", "988"),
    ("FR", "00100", None),
    ("FR", "330001", None),
    ("FR", "F-33000", None),
    ("FR", None, None),
    ("BE", "1000", None),
    ("MC", "98000", None),
    (None, "33000", None),
])
def test_department_of_a_postal_code(country, postal_code, department):
    """Departments come from French postal codes only, Corsica and overseas included."""
    assert department_of(country, postal_code) == department


def contact(**fields) -> dict:
    base = {"phone_e164": "+33612345678", "email": None, "country": "FR", "postal_code": "33000", "city": "Bordeaux",
            "interests": [], "budget_min_eur": None, "budget_max_eur": None, "declared_adult": True,
            "reach_whatsapp": True, "reach_telegram": False, "reach_sms": True, "consent_whatsapp": True,
            "consent_telegram": False, "consent_sms": False, "consent_email": False, "opted_out_at": None,
            "source_import_id": None, "created_at": datetime(2026, 3, 10, tzinfo=UTC)}
    return base | fields


WORKSPACE = {"delivery_countries": ["FR"], "delivery_departments": [], "is_alcohol": True}


def budget(low, high) -> dict:
    return {"budget_min_eur": None if low is None else Decimal(low),
            "budget_max_eur": None if high is None else Decimal(high)}


@pytest.mark.parametrize(("rule", "low", "high", "expected"), [
    (cond("budget_eur", "gte", 30), None, 15, False),
    (cond("budget_eur", "gte", 30), 15, 30, True),
    (cond("budget_eur", "gte", 30), 60, None, True),
    (cond("budget_eur", "gte", 30), 25, 25, False),
    (cond("budget_eur", "gte", 0), None, None, False),
    (cond("budget_eur", "lte", 20), 25, 40, False),
    (cond("budget_eur", "lte", 20), None, 15, True),
    (cond("budget_eur", "lte", 1000), None, None, False),
    (cond("budget_eur", "between", [20, 25]), 15, 30, True),
    (cond("budget_eur", "between", [20, 25]), 26, 40, False),
])
def test_budget_conditions_read_declared_ranges(rule, low, high, expected):
    """"Budget au moins X" means the declared range reaches X; no declared budget never matches."""
    assert matches({"all": [rule]}, contact(**budget(low, high)), WORKSPACE, False) is expected


@pytest.mark.parametrize(("low", "high", "tier"), [
    (None, 15, "petit"), (15, 30, "moyen"), (None, 30, "moyen"), (30, 60, "amateur"), (20, 40, "amateur"),
    (60, None, "grand_amateur"), (80, 80, "grand_amateur"), (None, None, "inconnu"),
])
def test_budget_tier_of_a_declared_range(low, high, tier):
    """Tiers come from the middle of the range (its bottom when open-topped)."""
    values = budget(low, high)
    assert budget_tier(values["budget_min_eur"], values["budget_max_eur"]) == tier


@pytest.mark.parametrize(("changes", "workspace", "expected"), [
    ({}, WORKSPACE, True),
    ({"consent_whatsapp": False}, WORKSPACE, False),
    ({"reach_whatsapp": False}, WORKSPACE, False),
    ({"country": "BE"}, WORKSPACE, False),
    ({"country": None}, WORKSPACE, False),
    ({"declared_adult": None}, WORKSPACE, False),
    ({"declared_adult": None}, WORKSPACE | {"is_alcohol": False}, True),
    ({"postal_code": "75011"}, WORKSPACE | {"delivery_departments": ["33"]}, False),
    ({"postal_code": "33120"}, WORKSPACE | {"delivery_departments": ["33"]}, True),
    ({"country": "BE", "postal_code": "1000"}, WORKSPACE | {"delivery_countries": ["FR", "BE"],
                                                            "delivery_departments": ["33"]}, True),
])
def test_reachable_on_whatsapp_combines_number_consent_zone_and_age(changes, workspace, expected):
    """Reachable = a mobile with consent, in the delivery zone, adult when the workspace sells alcohol."""
    assert matches({"all": [cond("reachable", "is", "whatsapp")]}, contact(**changes), workspace, False) is expected


def test_opted_out_and_suppressed_people_match_no_rule():
    """Even the empty rule set and a negative rule leave out opted-out and suppressed people."""
    for document in ({"all": []}, {"all": [cond("reachable", "is_not", "whatsapp")]}):
        assert matches(document, contact(), WORKSPACE, False) is (document == {"all": []})
        assert not matches(document, contact(opted_out_at=datetime(2026, 1, 1, tzinfo=UTC)), WORKSPACE, False)
        assert not matches(document, contact(), WORKSPACE, True)


def test_added_counts_days_in_paris_time():
    """"Added after 10 March" includes 10 March from midnight in Paris, which is 23:00 UTC the day before."""
    after = {"all": [cond("added", "after", "2026-03-10")]}
    assert matches(after, contact(created_at=datetime(2026, 3, 9, 23, 30, tzinfo=UTC)), WORKSPACE, False)
    assert not matches(after, contact(created_at=datetime(2026, 3, 9, 22, 30, tzinfo=UTC)), WORKSPACE, False)


def test_every_field_says_itself_in_both_languages():
    """No field falls back to a raw catalog key in a sentence."""
    samples = {"interest": ("any_of", ["bio"]), "budget_eur": ("gte", 10), "budget_tier": ("in", ["moyen"]),
               "country": ("in", ["FR"]), "department": ("in", ["33"]), "city": ("in", ["Pau"]),
               "reachable": ("is", "email"), "phone_can": ("is", "telegram"), "consent": ("is", "sms"),
               "in_delivery_zone": ("is", True), "adult": ("is", False), "import_source": ("in", [IMPORT_ID]),
               "added": ("before", "2026-01-01"), "community": ("not_in", [IMPORT_ID]),
               "rfm_recency_days": ("lte", 30), "rfm_orders": ("gte", 2), "rfm_spent_eur": ("between", [50, 300]),
               "rfm_tier": ("in", ["fidele", "jamais_achete"])}
    assert set(samples) == set(FIELDS)
    for name, (op, value) in samples.items():
        for language in ("fr", "en"):
            sentence = describe({"all": [cond(name, op, value)]}, language)
            assert "segments." not in sentence, (name, language, sentence)


@pytest.mark.parametrize(("content", "code"), [
    (None, "file_unreadable"),
    ("{\"all\": [", "file_not_json"),
    ("\"all\"", "bad_group"),
    (json.dumps({"all": [cond("interest", "any_of", "bio")]}), "not_a_list"),
])
def test_read_rules_file_refuses_with_a_sentence(tmp_path, content, code):
    """A missing, broken or invalid rules file is one RuleError with a translated message."""
    path = tmp_path / "rules.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as raised:
        read_rules_file(path)
    assert raised.value.code == code
    assert raised.value.message and "segments.error" not in raised.value.message


def test_read_rules_file_reads_a_document(tmp_path):
    """A valid file (with or without a BOM) gives its rule set."""
    path = tmp_path / "rules.json"
    path.write_text("\ufeff" + json.dumps(EXAMPLE), encoding="utf-8")
    assert read_rules_file(path) == validate_rules(EXAMPLE)
