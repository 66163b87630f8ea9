"""Consent proofs, the access request's flattening and the log's sentences, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.audit import ACTIONS, action_label, clean_details, describe
from lib.contacts.consent import GRANT_METHODS, WITHDRAW_METHODS, ConsentError, clean_text, make_proof
from lib.contacts.rights import Person, _like_pattern, person_csv, person_document, person_rows
from lib.i18n import set_language, t

AT = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


def test_a_grant_needs_a_method_a_source_and_the_wording_shown():
    proof = make_proof(granted=True, method="paper", source=" Salon\tde  Pau ", wording="Bulletin v2\n(2026)",
                       by="marie@domaine.fr", at=AT)
    assert proof == {"at": "2026-03-14T09:30:00+00:00", "method": "paper", "source": "Salon de Pau",
                     "wording": "Bulletin v2 (2026)", "by": "marie@domaine.fr"}
    for kwargs, code in [({"method": "paper", "source": "Salon", "wording": " \u200b "}, "wording_required"),
                         ({"method": "paper", "source": "", "wording": "v1"}, "source_required"),
                         ({"method": "stop", "source": "Salon", "wording": "v1"}, "bad_method"),
                         ({"method": "", "source": "Salon", "wording": "v1"}, "bad_method")]:
        with pytest.raises(ConsentError) as refused:
            make_proof(granted=True, by=None, **kwargs)
        assert refused.value.code == code


def test_a_withdrawal_is_marked_and_needs_only_how():
    proof = make_proof(granted=False, method="stop", source="", wording="", by=None, at=AT)
    assert proof == {"at": "2026-03-14T09:30:00+00:00", "method": "stop", "withdrawn": True}
    with pytest.raises(ConsentError):
        make_proof(granted=False, method="form", source="", wording="", by=None)
    assert "stop" not in GRANT_METHODS and "form" not in WITHDRAW_METHODS


def test_clean_text_keeps_one_bounded_line():
    assert clean_text("a\x00b\r\nc\u2028d\u202ee") == "a b c d e"
    assert len(clean_text("x" * 10_000)) == 200
    assert clean_text(None) == ""


def test_search_wildcards_are_literal():
    assert _like_pattern("100%_sûr\\") == "%100\\%\\_sûr\\\\%"


def _person() -> Person:
    return Person(
        id="c1",
        fields={"first_name": "=cmd|' /C calc'!A0", "last_name": "@SUM(1)", "phone_e164": "+33612345678",
                "other_phones": ["+33798765432"], "email": "-x@y.fr", "created_at": AT, "attributes": {"notes": "+1"}},
        consent_proof={"sms": {"at": "2026-03-14", "method": "import"}}, consent_history=[],
        orders=[{"number": "#1", "amount_cents": 4200, "created_at": AT}])


def test_the_access_request_document_is_json_ready_and_its_spreadsheet_is_neutralised():
    document = person_document(_person())
    assert document["contact"]["created_at"] == "2026-03-14T09:30:00+00:00"
    assert document["orders"] == [{"number": "#1", "amount_cents": 4200, "created_at": "2026-03-14T09:30:00+00:00"}]
    rows = person_rows(_person())
    assert ("contact", 1, "phone_e164", "+33612345678") in rows
    text = person_csv(_person()).decode("utf-8-sig")
    assert "'=cmd" in text and "'@SUM" in text and "'-x@y.fr" in text
    assert ",+33612345678" in text  # an E.164 number stays usable (lib/contacts/export.py)
    assert "\n=" not in text and ",=" not in text and ",@" not in text


def test_the_log_names_the_new_actions_without_the_person():
    set_language("fr")
    assert {"opt_out", "person_export", "purge"} <= set(ACTIONS)
    assert action_label("opt_out") == "Opposition"
    assert describe("purge", {"count": 12, "months": 36}) == (
        "Purge de 12 prospect(s) inactif(s) depuis plus de 36 mois.")
    assert describe("person_export", {"count": 1, "format": "json"}).startswith("Données d'une personne exportées")
    assert "stop" in describe("opt_out", {"count": 1, "reason": "stop", "withdrawn": 2, "keys": 3})
    assert t("audit.setting.prospect_retention_months") == "durée de conservation des prospects"
    with pytest.raises(ValueError):
        clean_details({"email": "x@y.fr"})
