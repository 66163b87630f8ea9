"""Every page renders under AppTest without an exception; the demo loads from the home page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.db import LOCAL_USER, get_database
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, unique_slug

PAGES = ["pages/home.py", "pages/contacts.py", "pages/contact.py", "pages/segments.py", "pages/communities.py",
         "pages/conversions.py", "pages/team.py", "pages/settings.py"]


def _run(page: str, **state) -> AppTest:
    """The whole app (st.App + navigation), switched to ``page``, as a browser session would see it."""
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    return app.switch_page(page).run()


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(app_environment, page):
    """Each page draws its title and raises nothing, in French by default."""
    app = _run(page)
    assert not app.exception, app.exception
    assert app.title, f"{page} has no title"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_english(app_environment, page):
    """The language switch reaches every page: its title differs from the French one where the words do."""
    french, english = _run(page), _run(page, language="en")
    assert not english.exception, english.exception
    if page not in ("pages/contacts.py", "pages/segments.py", "pages/conversions.py"):  # same word in both
        assert english.title[0].value != french.title[0].value


def test_whole_app_navigation_renders(app_environment):
    """app.py itself (st.App plus navigation) runs as a Streamlit script."""
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception, app.exception
    assert app.title[0].value.startswith("Accueil")


def test_demo_button_loads_the_demo_and_shows_figures(app_environment):
    """From an empty workspace, « Charger la démo » fills the separate demo workspace and shows its figures."""
    slug = unique_slug("vide")
    ensure_workspace(get_database(), LOCAL_USER, slug, "Vide")
    app = _run("pages/home.py", workspace=slug)
    button = app.button(key="home_load_demo")
    assert button.label == "Charger la démo"
    button.click().run(timeout=120)
    assert not app.exception, app.exception
    assert app.session_state["workspace"] == "demo"
    contacts = next(m for m in app.metric if m.label == "Contacts")
    assert int(contacts.value.replace(" ", "").replace("\u202f", "")) > 1900
    assert any("Démo chargée" in s.value for s in app.success)


def test_settings_refuse_an_empty_name(app_environment):
    """An empty workspace name is refused with a sentence, and the old name stays."""
    app = _run("pages/settings.py")
    before = app.text_input(key="settings_name").value
    app.text_input(key="settings_name").set_value("   ")
    app.button[0].click().run()
    assert not app.exception
    assert any("vide" in e.value for e in app.error)
    assert _run("pages/settings.py").text_input(key="settings_name").value == before


def test_delivery_zone_setting_changes_who_is_reachable(app_environment):
    """Adding Belgium to the delivery zone in Réglages makes Belgian mobiles reachable in segments."""
    from lib.demo import load_demo
    from lib.segments.rules import count_members

    slug = unique_slug("zone")
    workspace, _ = load_demo(get_database(), LOCAL_USER, slug)
    belgians = {"all": [{"field": "country", "op": "in", "value": ["BE"]},
                        {"field": "reachable", "op": "is", "value": "whatsapp"}]}
    assert count_members(get_database(), LOCAL_USER, workspace.id, belgians) == 0
    app = _run("pages/settings.py", workspace=slug)
    app.multiselect(key="settings_zone_countries").select("BE")
    app.button[0].click().run()
    assert not app.exception, app.exception
    assert any("enregistrés" in s.value for s in app.success)
    assert count_members(get_database(), LOCAL_USER, workspace.id, belgians) > 0
