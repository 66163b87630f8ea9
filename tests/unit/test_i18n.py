"""The French/English catalog is complete and consistent."""

from __future__ import annotations

import pytest

from lib.i18n import CATALOG, LANGUAGES, placeholders, set_language, t


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_message_has_french_and_english_with_the_same_placeholders(key):
    """No sentence is missing a language or a placeholder in one of them."""
    texts = CATALOG[key]
    assert set(texts) == set(LANGUAGES), key
    assert all(texts[lang].strip() for lang in LANGUAGES), key
    if key.startswith("invitations.template.") or key == "compage.template_help":  # fields named in each language
        from lib.links.invitations import ALIASES

        assert placeholders(texts["fr"]) == {ALIASES[name] for name in placeholders(texts["en"])}, key
    else:
        assert placeholders(texts["fr"]) == placeholders(texts["en"]), key


def test_french_is_the_default_and_english_is_available():
    """t() speaks French unless the session chose English."""
    set_language("fr")
    assert t("nav.settings") == "Réglages"
    set_language("en")
    assert t("nav.settings") == "Settings"
    set_language("xx")
    assert t("nav.settings") == "Réglages"


def test_unknown_key_shows_itself_instead_of_crashing():
    """A missing translation is visible, not fatal."""
    assert t("no.such.key") == "no.such.key"


@pytest.mark.parametrize(("count", "french", "english"), [
    (0, "0 client", "0 buyers"), (1, "1 client", "1 buyer"), (2, "2 clients", "2 buyers"),
    ("1\u202f234", "1\u202f234 clients", "1\u202f234 buyers"),
])
def test_words_agree_with_their_number_in_each_language(count, french, english):
    """« 1 affichés sur 1 » and « 1 clients » no more: {n|singular|plural} picks the form (French keeps 0 singular)."""
    from lib.i18n import CATALOG

    assert CATALOG["convmetrics.cohort_cell"]
    assert t("convmetrics.cohort_cell", "fr", buyers=count, revenue="x") == f"{french} · x"
    assert t("convmetrics.cohort_cell", "en", buyers=count, revenue="x") == f"{english} · x"
    assert t("contacts.count", "fr", shown=1, total=1) == "1 affiché sur 1"


def test_shop_order_statuses_are_shown_in_the_readers_language():
    """Shopify's « paid » or « partially_refunded » never reach a French screen as such; an unknown one stays."""
    from lib.ui.orders_in import status_label

    set_language("fr")
    assert [status_label(s) for s in ("paid", "partially_refunded", "Voided", "", None, "weird")] == [
        "payée", "remboursée en partie", "annulée avant paiement", "", "", "weird"]
    set_language("en")
    try:
        assert status_label("partially_refunded") == "partially refunded"
    finally:
        set_language("fr")
    assert t("convpage.report", "fr", orders=1, sales=1, revenue="9 €", matched=1) == (
        "1 commande lue, 1 vente pour 9 €, 1 acheteur reconnu parmi vos contacts.")
