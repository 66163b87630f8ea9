"""The "live orders" section of Réglages under AppTest: connect a shop, the secret is never shown again."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.conversions.webhooks import shop_hook_status
from lib.db import LOCAL_USER, get_database
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, unique_slug

SECRET = "whsec-Chenin-2026-ne-jamais-afficher-4f1c"


def _shown(app: AppTest) -> str:
    """Every text the page shows, widget values included."""
    parts = [element.value for kind in ("markdown", "caption", "code", "success", "info", "warning", "error", "text",
                                        "subheader", "title") for element in getattr(app, kind)]
    parts += [str(widget.value) for widget in app.text_input]
    return "\n".join(str(part) for part in parts)


def _save(app: AppTest, platform: str) -> AppTest:
    return next(b for b in app.button if b.key == f"shophook_{platform}_save").click().run()


def test_owner_connects_shopify_and_the_secret_never_comes_back(app_environment, monkeypatch):
    """A short secret gets a French sentence; the right one connects, and the page never shows it again."""
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://cercle.example.fr")
    slug = unique_slug("shop")
    workspace = ensure_workspace(get_database(), LOCAL_USER, slug, "Essai boutique")
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = slug
    app.run()
    app.switch_page("pages/settings.py").run()
    assert not app.exception, app.exception
    assert "Boutique en ligne : commandes en direct" in [h.value for h in app.subheader]

    app.text_input(key="shophook_shopify_secret").input("trop-court")
    _save(app, "shopify")
    assert not app.exception, app.exception
    assert any("entre 16 et 512 caractères" in e.value for e in app.error)
    assert shop_hook_status(get_database(), LOCAL_USER, workspace.id) == {}

    app.text_input(key="shophook_shopify_shop").input(f"{slug}.myshopify.com")
    app.text_input(key="shophook_shopify_secret").input(SECRET)
    _save(app, "shopify")
    assert not app.exception, app.exception
    assert any("Boutique Shopify enregistrée" in s.value for s in app.success), _shown(app)
    status = shop_hook_status(get_database(), LOCAL_USER, workspace.id)["shopify"]
    shown = _shown(app)
    assert status.url.startswith("https://cercle.example.fr/hooks/shopify/") and status.url in shown
    assert f"{slug}.myshopify.com" in shown and "Reliée" in shown
    assert SECRET not in shown
    assert app.text_input(key="shophook_shopify_secret").value == ""

    app.run()  # and on any later visit
    assert SECRET not in _shown(app)

    next(b for b in app.button if b.key == "shophook_shopify_disconnect").click().run()
    assert not app.exception, app.exception
    assert any("déconnectée" in s.value for s in app.success)
    assert shop_hook_status(get_database(), LOCAL_USER, workspace.id) == {}
