"""Observed RFM without a database: sales per contact, scores by fifths with ties, tiers for tiny and large bases,
RFM conditions (validation, sentences, Python evaluation) and the builder form."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from lib.segments.builder import BuilderForm, from_document, to_document
from lib.segments.rfm import (
    ASLEEP_AFTER_DAYS,
    BIG_SPENDER_CENTS,
    LOYAL_SALES,
    NEW_WITHIN_DAYS,
    NO_PURCHASE,
    QUINTILE_MIN_BUYERS,
    Buyer,
    _scores,
    buyers_from_orders,
    rfm_context,
    tiers_of,
)
from lib.segments.rules import RuleError, compile_rules, describe, matches, validate_rules

TODAY = date(2026, 11, 29)
WS = "00000000-0000-4000-8000-00000000abcd"
WORKSPACE = {"delivery_countries": ["FR"], "delivery_departments": [], "is_alcohol": True}


def cond(field, op, value):
    return {"field": field, "op": op, "value": value}


def order(contact, when, cents, is_sale=True):
    return {"contact_id": contact, "created_at": when, "is_sale": is_sale, "amount_cents": cents if is_sale else 0}


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# --- sales per contact ---------------------------------------------------------------------------------------


def test_buyers_count_sales_only_in_paris_days():
    """Refunds and strangers' orders are left out; 23:30 UTC on the 28th is the 29th in Paris."""
    buyers = buyers_from_orders([
        order("a", datetime(2026, 11, 28, 23, 30, tzinfo=UTC), 4500),
        order("a", datetime(2026, 6, 1, 12, tzinfo=UTC), 9000),
        order("a", datetime(2026, 11, 29, 12, tzinfo=UTC), 50000, is_sale=False),
        order("b", None, 1200),
        order(None, datetime(2026, 11, 29, tzinfo=UTC), 99999),
    ])
    assert buyers == {"a": Buyer(date(2026, 11, 29), 2, 13500), "b": Buyer(None, 1, 1200)}
    assert buyers["a"].recency(TODAY) == 0 and buyers["b"].recency(TODAY) is None


def test_scores_by_fifths_give_ties_the_same_score():
    """Ties share the score of their first rank; the top fifth scores 5; one buyer alone scores 1."""
    assert _scores({"only": 3}) == {"only": 1}
    spread = _scores({str(n): n for n in range(100)})
    assert [spread[str(n)] for n in (0, 19, 20, 39, 40, 79, 80, 99)] == [1, 1, 2, 2, 3, 4, 5, 5]
    # 70 people bought once, 20 twice, 10 three times: all the once-buyers score 1, twice already scores 4
    counts = {f"p{n}": 1 if n < 70 else (2 if n < 90 else 3) for n in range(100)}
    scored = _scores(counts)
    assert {scored[k] for k, v in counts.items() if v == 1} == {1}
    assert {scored[k] for k, v in counts.items() if v == 2} == {4}
    assert {scored[k] for k, v in counts.items() if v == 3} == {5}
    # an unknown value (an undated last sale) ranks lowest
    assert _scores({"x": None, "y": date(2026, 1, 1), "z": date(2026, 2, 1)}) == {"x": 1, "y": 3, "z": 5}


# --- tiers ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("buyer", "tier"), [
    (Buyer(days_ago(ASLEEP_AFTER_DAYS + 1), 10, 10**6), "a_reveiller"),  # asleep comes first, even for a big client
    (Buyer(days_ago(ASLEEP_AFTER_DAYS), 1, 1000), "occasionnel"),  # exactly a year: not yet asleep
    (Buyer(None, 2, 5000), "a_reveiller"),  # no dated sale: nothing says they are awake
    (Buyer(days_ago(200), 1, BIG_SPENDER_CENTS), "grand_client"),
    (Buyer(days_ago(10), LOYAL_SALES, BIG_SPENDER_CENTS - 1), "fidele"),
    (Buyer(days_ago(NEW_WITHIN_DAYS), 1, 2000), "nouveau"),
    (Buyer(days_ago(NEW_WITHIN_DAYS + 1), 1, 2000), "occasionnel"),
    (Buyer(days_ago(5), 2, 9000), "occasionnel"),
])
def test_tiny_base_tiers_follow_fixed_thresholds(buyer, tier):
    """Under 50 buyers each tier is a stated threshold, in the stated order."""
    base = {"me": buyer, **{f"other{n}": Buyer(days_ago(5), 1, 1000) for n in range(QUINTILE_MIN_BUYERS - 2)}}
    assert len(base) == QUINTILE_MIN_BUYERS - 1
    assert tiers_of(base, TODAY)["me"] == tier


def large_base(n: int = 100) -> dict[str, Buyer]:
    """n buyers: recency spread over 0..(2n-2) days, sales 1-5, spend rising with the index."""
    return {f"b{i}": Buyer(days_ago(2 * i), 1 + i % 5, 1000 * (i + 1)) for i in range(n)}


def test_large_base_tiers_come_from_fifths():
    """From 50 buyers: the top fifth by spend is grand client, the two least recent fifths (if over 90 days) are
    à réveiller, frequency 4-5 is fidèle; the same fixed-threshold buyer may land elsewhere."""
    base = large_base()
    tiers = tiers_of(base, TODAY)
    # b0..b19 are the most recent fifth, b60..b99 the two least recent (120..198 days ago, all > 90)
    assert {tiers[f"b{i}"] for i in range(60, 100)} == {"a_reveiller"}
    assert all(tiers[f"b{i}"] != "a_reveiller" for i in range(60))
    # spend score 5 = b80..b99, who are all asleep: à réveiller comes first, so nobody is grand client here
    assert "grand_client" not in tiers.values()
    assert tiers["b3"] == "fidele"  # 4 sales: frequency score 4 (the 4s and 5s are the top two fifths)
    assert tiers["b0"] == "nouveau"  # 1 sale today
    assert tiers["b1"] == "occasionnel"  # 2 sales, 2 days ago
    assert len(tiers) == 100


def test_large_base_with_recent_big_spenders():
    """Reverse the spend: the most recent buyers spend most and are grand clients."""
    base = {f"b{i}": Buyer(days_ago(i), 1, 1000 * (100 - i)) for i in range(100)}
    tiers = tiers_of(base, TODAY)
    assert {tiers[f"b{i}"] for i in range(20)} == {"grand_client"}
    # scores 1-2 in recency are b60..b99, but only those more than 90 days ago are asleep
    assert tiers["b95"] == "a_reveiller" and tiers["b85"] != "a_reveiller"


def test_a_base_where_everyone_bought_last_month_has_nobody_to_wake_up():
    """Fifths are relative, the 90-day floor is not: a fresh base keeps its two least recent fifths awake."""
    base = {f"b{i}": Buyer(days_ago(i % 30), 1 + i % 2, 5000) for i in range(60)}
    assert "a_reveiller" not in tiers_of(base, TODAY).values()


def test_the_switch_to_fifths_happens_at_the_stated_size():
    """49 buyers: fixed thresholds (nobody reaches 300 €, so no grand client); 50: the top fifth by spend is."""
    def base(n):
        return {f"b{i}": Buyer(days_ago(5), 2, 1000 + i) for i in range(n)}
    assert "grand_client" not in tiers_of(base(QUINTILE_MIN_BUYERS - 1), TODAY).values()
    assert list(tiers_of(base(QUINTILE_MIN_BUYERS), TODAY).values()).count("grand_client") == 10


# --- conditions: validation, sentences, evaluation ----------------------------------------------------------------


@pytest.mark.parametrize(("condition", "code"), [
    (cond("rfm_recency_days", "gte", -1), "days_out_of_range"),
    (cond("rfm_recency_days", "lte", 10**9), "days_out_of_range"),
    (cond("rfm_recency_days", "lte", "30"), "not_a_whole_number"),
    (cond("rfm_recency_days", "lte", 2.5), "not_a_whole_number"),
    (cond("rfm_recency_days", "lte", True), "not_a_whole_number"),
    (cond("rfm_recency_days", "lte", float("inf")), "not_a_whole_number"),
    (cond("rfm_recency_days", "between", [90, 30]), "not_a_range"),
    (cond("rfm_orders", "gte", -3), "count_out_of_range"),
    (cond("rfm_orders", "gte", 1e12), "count_out_of_range"),
    (cond("rfm_orders", "between", [1]), "not_a_range"),
    (cond("rfm_orders", "in", [1]), "unknown_op"),
    (cond("rfm_spent_eur", "gte", -0.01), "spent_out_of_range"),
    (cond("rfm_spent_eur", "gte", 1e15), "spent_out_of_range"),
    (cond("rfm_spent_eur", "gte", "100 €"), "not_a_number"),
    (cond("rfm_spent_eur", "lte", float("nan")), "not_a_number"),
    (cond("rfm_tier", "in", ["champion"]), "unknown_value"),
    (cond("rfm_tier", "in", []), "empty_list"),
    (cond("rfm_tier", "in", "fidele"), "not_a_list"),
])
def test_bad_rfm_values_are_refused_in_french(condition, code):
    """Negative, textual, fractional and huge values are refused with a French sentence naming the place."""
    with pytest.raises(RuleError) as raised:
        validate_rules({"all": [condition]})
    assert raised.value.code == code
    assert raised.value.message.startswith("/all/1 :") or code == "unknown_op"


def test_rfm_conditions_round_trip_and_read_as_french_sentences():
    document = {"all": [cond("rfm_tier", "in", ["grand_client", "fidele"]), cond("rfm_recency_days", "lte", 90),
                        cond("rfm_orders", "gte", 2.0), cond("rfm_spent_eur", "between", [100, 499.5])]}
    ruleset = validate_rules(document)
    assert validate_rules(json.loads(json.dumps(ruleset.to_document()))) == ruleset
    assert ruleset.to_document()["all"][2]["value"] == 2
    assert describe(ruleset, "fr") == ("achats observés : grand client ou client fidèle, ayant acheté dans les 90 "
                                       "derniers jours, au moins 2 commandes, ayant dépensé entre 100 et 499,50 € "
                                       "en tout")
    assert describe(ruleset, "en") == ("observed buying: top customer or loyal customer, who bought in the last "
                                       "90 days, at least 2 orders, who spent between €100 and €499.50 in all")
    assert describe({"all": [cond("rfm_orders", "lte", 0)]}, "fr") == "sans aucune commande"
    assert describe({"all": [cond("rfm_orders", "gte", 1)]}, "fr") == "au moins 1 commande"


def test_rfm_sql_is_bound_and_set_based():
    """Values are parameters; each RFM condition is one uncorrelated subquery over the workspace's orders."""
    where, params = compile_rules({"all": [cond("rfm_orders", "lte", 2), cond("rfm_recency_days", "gte", 30),
                                           cond("rfm_tier", "in", ["jamais_achete"])]}, WS, TODAY)
    text = where.as_string(None)
    assert "c.id not in (select b.contact_id" in text  # 0 orders is at most 2: written as "not among the others"
    assert "((c.id in (select b.contact_id" in text and ") is true)" in text  # kept a hashed subplan
    assert "o.contact_id = c.id" not in text  # never correlated per contact
    assert sorted(params.values(), key=str) == sorted([WS, 2, date(2026, 10, 30), TODAY, ["jamais_achete"]],
                                                      key=str)


def test_matches_reads_rfm_from_the_context():
    """Python evaluation: a contact's sales come from ``rfm_context``; no sale = 0 orders, 0 €, no recency."""
    orders = [order("c1", datetime(2026, 11, 20, 10, tzinfo=UTC), 12000),
              order("c1", datetime(2026, 10, 1, 10, tzinfo=UTC), 30000),
              order("c2", datetime(2026, 11, 25, 10, tzinfo=UTC), 8000, is_sale=False)]
    workspace = WORKSPACE | rfm_context(orders, TODAY)
    c1 = {"id": "c1", "email": "a@b.fr", "consent_email": True}
    c2 = {"id": "c2", "email": "c@d.fr"}
    assert matches({"all": [cond("rfm_spent_eur", "gte", 420)]}, c1, workspace, False)
    assert not matches({"all": [cond("rfm_spent_eur", "gte", 420.01)]}, c1, workspace, False)
    assert matches({"all": [cond("rfm_recency_days", "between", [9, 9])]}, c1, workspace, False)
    assert matches({"all": [cond("rfm_tier", "in", ["grand_client"])]}, c1, workspace, False)
    assert matches({"all": [cond("rfm_tier", "in", [NO_PURCHASE])]}, c2, workspace, False)
    assert matches({"all": [cond("rfm_orders", "lte", 0), cond("rfm_spent_eur", "lte", 0)]}, c2, workspace, False)
    assert not matches({"all": [cond("rfm_recency_days", "gte", 0)]}, c2, workspace, False)
    assert not matches({"all": [cond("rfm_orders", "gte", 0)]}, c1, workspace, True)  # suppressed: never


# --- the builder form -------------------------------------------------------------------------------------------


def test_builder_form_carries_rfm_conditions_both_ways():
    form = BuilderForm(rfm_tiers=["a_reveiller"], recency_min=180, orders_min=2, orders_max=5, spent_max=300.0)
    document = to_document(form)
    assert document == {"all": [cond("rfm_tier", "in", ["a_reveiller"]), cond("rfm_recency_days", "gte", 180),
                                cond("rfm_orders", "between", [2, 5]), cond("rfm_spent_eur", "lte", 300.0)]}
    normalised = validate_rules(document).to_document()
    assert from_document(normalised) == form
    assert describe(normalised, "fr") == ("achats observés : client à réveiller, sans achat depuis au moins 180 "
                                          "jours, entre 2 et 5 commandes, ayant dépensé au plus 300 € en tout")
    again = from_document(validate_rules({"all": [cond("rfm_recency_days", "between", [0, 30])]}).to_document())
    assert (again.recency_min, again.recency_max) == (0, 30) and isinstance(again.recency_min, int)
