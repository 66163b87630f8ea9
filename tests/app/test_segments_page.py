"""The segment builder under AppTest: click a segment together, read its count and sentence, save it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.db import LOCAL_USER, get_database
from lib.demo import load_demo
from lib.segments.rules import count_members
from tests.support.db import PROJECT_ROOT, unique_slug

RED_30_WHATSAPP = {"all": [{"field": "interest", "op": "any_of", "value": ["Vin rouge"]},
                           {"field": "budget_eur", "op": "gte", "value": 30},
                           {"field": "reachable", "op": "is", "value": "whatsapp"}]}


@pytest.fixture(scope="module")
def demo_slug(app_environment):
    slug = unique_slug("seg")
    load_demo(get_database(), LOCAL_USER, slug)
    return slug


def _segments_page(slug: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = slug
    app.run()
    return app.switch_page("pages/segments.py").run()


def _count(app: AppTest) -> int:
    metric = next(m for m in app.metric if m.label == "personnes dans ce segment")
    return int(metric.value.replace(" ", "").replace("\u202f", ""))


def test_build_red_wine_budget_whatsapp_segment_by_clicking(demo_slug):
    """Choosing red wine, at least 30 € and WhatsApp gives the SQL count and the French sentence; it saves."""
    app = _segments_page(demo_slug)
    assert not app.exception, app.exception
    everyone = _count(app)
    app.multiselect(key="segment_interests").select("Vin rouge").run()
    app.number_input(key="segment_budget_min").set_value(30.0).run()
    app.multiselect(key="segment_channels").select("whatsapp").run()
    assert not app.exception, app.exception
    expected = count_members(get_database(), LOCAL_USER, _workspace_id(demo_slug), RED_30_WHATSAPP)
    assert 0 < _count(app) == expected < everyone
    sentence = [t.value for t in app.text]
    assert ("intéressés par « Vin rouge », budget déclaré allant jusqu'à 30 € ou plus, joignables sur WhatsApp"
            in sentence)
    app.text_input(key="segment_name").input("Amateurs de rouge WhatsApp").run()
    app.button(key="segment_save").click().run()
    assert any("enregistré" in s.value for s in app.success)
    app.switch_page("pages/segments.py").run()
    listed = next(d.value for d in app.dataframe if "Segment" in d.value.columns)
    assert "Amateurs de rouge WhatsApp" in set(listed["Segment"])


def test_invalid_advanced_document_is_refused_with_a_sentence(demo_slug):
    """Hand-written JSON that is not a valid rule document gets a plain refusal, not a traceback."""
    app = _segments_page(demo_slug)
    app.text_area(key="segment_advanced_text").input('{"all": [{"field": "x; drop table contacts", "op": "is"}]}')
    app.button(key="segment_use_advanced").click().run()
    assert not app.exception, app.exception
    assert app.error and "Traceback" not in app.error[0].value
    app.text_area(key="segment_advanced_text").input("{pas du json")
    app.button(key="segment_use_advanced").click().run()
    assert any("JSON" in e.value for e in app.error)


def _workspace_id(slug: str) -> str:
    from lib.workspaces import find_workspace

    return find_workspace(get_database(), LOCAL_USER, slug).id


def test_build_a_segment_on_observed_buying_by_clicking(demo_slug):
    """On the demo's 320 orders: pick the loyal and top customers who ordered at least twice; the count is the
    SQL count of the same document, the sentence says it, and the tier definitions are on screen."""
    app = _segments_page(demo_slug)
    assert not app.exception, app.exception
    captions = " ".join(c.value for c in app.caption)
    assert "acheteurs parmi vos contacts" in captions
    assert any("Comment ces groupes sont définis" in e.label for e in app.expander)
    markdown = " ".join(m.value for m in app.markdown)
    assert "**à réveiller**" in markdown and "**grand client**" in markdown
    tiers = app.multiselect(key="segment_rfm_tiers")
    assert any(option.startswith("jamais acheté (") for option in tiers.options)  # each group with its size
    tiers.select("fidele").select("grand_client").run()
    app.number_input(key="segment_orders_min").set_value(2).run()
    assert not app.exception, app.exception
    document = {"all": [{"field": "rfm_tier", "op": "in", "value": ["fidele", "grand_client"]},
                        {"field": "rfm_orders", "op": "gte", "value": 2}]}
    expected = count_members(get_database(), LOCAL_USER, _workspace_id(demo_slug), document)
    assert 0 < _count(app) == expected
    sentence = [t.value for t in app.text]
    assert "achats observés : client fidèle ou grand client, au moins 2 commandes" in sentence
    app.number_input(key="segment_recency_max").set_value(30).run()
    recent = {"all": [*document["all"], {"field": "rfm_recency_days", "op": "lte", "value": 30}]}
    assert _count(app) == count_members(get_database(), LOCAL_USER, _workspace_id(demo_slug), recent) <= expected
    assert any("ayant acheté dans les 30 derniers jours" in t.value for t in app.text)


def test_without_orders_the_observed_buying_controls_say_so(app_environment):
    """A workspace with no order offers no empty buyer groups: it says no orders were imported yet."""
    from lib.workspaces import ensure_workspace

    slug = unique_slug("seg-empty")
    ensure_workspace(get_database(), LOCAL_USER, slug, "Sans commandes")
    app = _segments_page(slug)
    assert not app.exception, app.exception
    assert any("Aucune commande importée pour l'instant" in i.value for i in app.info)
    assert not [m for m in app.multiselect if m.key == "segment_rfm_tiers"]
    assert not [n for n in app.number_input if n.key == "segment_orders_min"]


def _saved(slug: str, name: str):
    from lib.segments.store import list_segments

    return next(s for s in list_segments(get_database(), LOCAL_USER, _workspace_id(slug), with_counts=False)
                if s.name == name)


def test_a_saved_segment_opens_in_the_builder_and_saves_changed(demo_slug):
    """« Mes segments › Ouvrir dans le constructeur » puts the segment's rules in the builder's widgets and its name
    in the name field (it crashed with StreamlitWidgetAlreadyInstantiatedError); a change saves under that name."""
    from lib.segments.store import save_segment

    save_segment(get_database(), LOCAL_USER, _workspace_id(demo_slug), "Rouge 30 WhatsApp à rouvrir", RED_30_WHATSAPP)
    app = _segments_page(demo_slug)
    app.selectbox(key="segment_pick").select(_saved(demo_slug, "Rouge 30 WhatsApp à rouvrir").id).run()
    app.button(key="segment_open").click().run()
    assert not app.exception, app.exception
    assert app.multiselect(key="segment_interests").value == ["Vin rouge"]
    assert app.number_input(key="segment_budget_min").value == 30.0
    assert app.multiselect(key="segment_channels").value == ["whatsapp"]
    assert app.text_input(key="segment_name").value == "Rouge 30 WhatsApp à rouvrir"
    assert any("est ouvert dans l'onglet « Construire »" in s.value for s in app.success)
    assert _count(app) == count_members(get_database(), LOCAL_USER, _workspace_id(demo_slug), RED_30_WHATSAPP)
    app.multiselect(key="segment_channels").unselect("whatsapp").select("sms").run()
    app.button(key="segment_save").click().run()
    assert not app.exception, app.exception
    stored = _saved(demo_slug, "Rouge 30 WhatsApp à rouvrir").rules.to_document()
    assert {"field": "reachable", "op": "is", "value": "sms"} in stored["all"]


def test_rules_taken_from_the_advanced_editor_fill_the_builder(demo_slug):
    """A valid hand-written document goes into the builder's widgets (this crashed the same way)."""
    app = _segments_page(demo_slug)
    app.text_area(key="segment_advanced_text").input(
        '{"all": [{"field": "interest", "op": "any_of", "value": ["Vin rouge"]}]}')
    app.button(key="segment_use_advanced").click().run()
    assert not app.exception, app.exception
    assert app.multiselect(key="segment_interests").value == ["Vin rouge"]


def test_start_over_clears_every_choice_and_saves_an_empty_rule_set(demo_slug):
    """« Repartir de zéro » resets every builder widget, so saving right after stores no rule at all."""
    app = _segments_page(demo_slug)
    app.multiselect(key="segment_interests").select("Vin rouge").run()
    app.number_input(key="segment_budget_min").set_value(30.0).run()
    app.multiselect(key="segment_channels").select("whatsapp").run()
    app.radio(key="segment_mode").set_value("any").run()
    app.button(key="segment_reset").click().run()
    assert not app.exception, app.exception
    assert app.multiselect(key="segment_interests").value == []
    assert app.number_input(key="segment_budget_min").value is None
    assert app.multiselect(key="segment_channels").value == []
    assert app.radio(key="segment_mode").value == "all"
    assert app.text_input(key="segment_name").value == ""
    app.text_input(key="segment_name").input("Tout le monde après remise à zéro").run()
    app.button(key="segment_save").click().run()
    assert not app.exception, app.exception
    assert _saved(demo_slug, "Tout le monde après remise à zéro").rules.to_document() == {"all": []}
