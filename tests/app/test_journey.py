"""The marketer's journey under AppTest: the workspace and language a session chose, and what a reload reads back
from the address (?ws=<slug>&lang=en)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.db import LOCAL_USER, get_database
from lib.workspaces import ensure_workspace
from tests.conftest import PROJECT_ROOT, unique_slug


def _app(**params: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app


def _param(app: AppTest, key: str) -> str | None:
    value = app.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def test_a_reload_reads_the_workspace_and_language_back_from_the_address(app_environment):
    slug = unique_slug("relu")
    ensure_workspace(get_database(), LOCAL_USER, slug, "Domaine relu")
    app = _app(ws=slug, lang="en").run()
    assert not app.exception, app.exception
    assert app.session_state["workspace"] == slug and app.session_state["language"] == "en"
    assert app.title[0].value == "Home · Domaine relu"
    assert app.selectbox(key="workspace_picker").value == slug
    assert app.selectbox(key="language_picker").value == "en"
    app.switch_page("pages/segments.py").run()
    assert app.session_state["workspace"] == slug
    assert _param(app, "ws") == slug and _param(app, "lang") == "en"


def test_a_workspace_the_user_is_not_member_of_is_ignored_silently(app_environment, db):
    from tests.conftest import make_user

    stranger = make_user(db)
    theirs = unique_slug("pas-a-moi")
    ensure_workspace(db, stranger, theirs, "Pas à moi")
    app = _app(ws=theirs, lang="xx").run()
    assert not app.exception, app.exception
    assert not app.error
    assert app.session_state["workspace"] != theirs
    assert "Pas à moi" not in app.title[0].value
    assert app.session_state["language"] == "fr"
    assert _param(app, "ws") == app.session_state["workspace"]
    assert _param(app, "lang") is None  # French, the default, is not written


def test_the_sessions_choice_wins_over_the_address_and_survives_page_changes(app_environment):
    first, second = unique_slug("un"), unique_slug("deux")
    ensure_workspace(get_database(), LOCAL_USER, first, "Premier")
    ensure_workspace(get_database(), LOCAL_USER, second, "Second")
    app = _app(ws=first).run()
    app.selectbox(key="workspace_picker").set_value(second).run()
    assert app.title[0].value.endswith("Second")
    for page in ("pages/contacts.py", "pages/segments.py", "pages/home.py"):
        app.switch_page(page).run()
        assert not app.exception, app.exception
        assert app.session_state["workspace"] == second
        assert app.selectbox(key="workspace_picker").value == second
    assert app.title[0].value.endswith("Second")
    assert _param(app, "ws") == second
