"""The builder form and the rule document say the same thing, both ways."""

from __future__ import annotations

from datetime import date

import pytest

from lib.segments.builder import BuilderForm, from_document, to_document
from lib.segments.rules import describe, validate_rules

FORMS = [
    BuilderForm(),
    BuilderForm(interests=["Vin rouge"], budget_min=30.0, channels=["whatsapp"]),
    BuilderForm(mode="any", interests=["Bio & nature"], interests_op="none_of", tiers=["amateur", "petit"]),
    BuilderForm(budget_min=15.0, budget_max=40.0, countries=["FR", "BE"], departments=["33", "2A"]),
    BuilderForm(channels=["sms", "email"], cities=["lyon"], added_after=date(2026, 1, 1)),
    BuilderForm(consents=["whatsapp", "sms"], in_zone=False, adult="unknown"),
    BuilderForm(in_zone=True, adult=True, budget_max=20.0),
    BuilderForm(communities=["6f1c2f4e-1111-4222-8333-444455556666"], communities_op="not_in", channels=["sms"]),
]


@pytest.mark.parametrize("form", FORMS)
def test_form_survives_a_round_trip_through_the_validated_document(form):
    """What the marketer ticked is what the saved segment reopens with."""
    document = validate_rules(to_document(form)).to_document()
    assert from_document(document) == form


def test_empty_form_is_everyone():
    """Nothing ticked: every contact (who may be contacted at all)."""
    assert describe(to_document(BuilderForm())) == "tous les contacts"


def test_the_issue_example_reads_as_expected():
    """« amateurs de rouge, budget ≥ 30 €, joignables sur WhatsApp » as a sentence."""
    form = BuilderForm(interests=["Vin rouge"], budget_min=30.0, channels=["whatsapp"])
    assert describe(to_document(form)) == ("intéressés par « Vin rouge », budget déclaré allant jusqu'à 30 € ou plus, "
                                           "joignables sur WhatsApp")


@pytest.mark.parametrize("document", [
    {"all": [{"any": [{"field": "interest", "op": "any_of", "value": ["Rosé"]},
                      {"field": "budget_eur", "op": "gte", "value": 20}]}]},
    {"all": [{"field": "country", "op": "not_in", "value": ["FR"]}]},
    {"all": [{"field": "interest", "op": "any_of", "value": ["A"]},
             {"field": "interest", "op": "none_of", "value": ["B"]}]},
])
def test_documents_the_form_cannot_show_open_in_the_advanced_editor(document):
    """Nested groups or repeated criteria are not squeezed into the form."""
    assert from_document(validate_rules(document).to_document()) is None
