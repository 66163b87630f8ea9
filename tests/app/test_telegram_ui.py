"""Connecting the Telegram bot from the communities page, against the local fake Bot API (no internet)."""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

from lib.db import LOCAL_USER, get_database
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, unique_slug
from tests.support.telegram import TOKEN, FakeBotApi


def test_owner_connects_the_bot_and_a_wrong_token_is_said_plainly(app_environment, monkeypatch):
    """A refused token gets a French sentence without the token; the right one connects and registers the hook."""
    with FakeBotApi() as fake:
        monkeypatch.setenv("TELEGRAM_API_URL", fake.url)
        monkeypatch.setenv("PUBLIC_BASE_URL", "https://cercle.example.fr")
        slug = unique_slug("tg")
        ensure_workspace(get_database(), LOCAL_USER, slug, "Essai Telegram")
        app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
        app.session_state["workspace"] = slug
        app.run()
        app.switch_page("pages/communities.py").run()
        wrong = "999:AA" + "x" * 33
        app.text_input(key="telegram_token").input(wrong)
        next(b for b in app.button if b.label == "Connecter le bot").click().run()
        assert not app.exception, app.exception
        assert app.error and wrong not in app.error[0].value
        app.text_input(key="telegram_token").input(TOKEN)
        next(b for b in app.button if b.label == "Connecter le bot").click().run()
        assert not app.exception, app.exception
        assert any("connecté" in s.value for s in app.success), [e.value for e in app.error]
        assert "setWebhook" in fake.methods()
        assert os.environ["TELEGRAM_API_URL"] == fake.url
