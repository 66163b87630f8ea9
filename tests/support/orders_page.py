"""The conversions page opened in AppTest on a fresh workspace, and the order files it is fed."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.db import LOCAL_USER, get_database
from lib.links.communities import create_community
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "orders"


def orders_page(slug: str, community: str | None = None) -> AppTest:
    workspace = ensure_workspace(get_database(), LOCAL_USER, slug, "Essai commandes")
    if community:
        create_community(get_database(), LOCAL_USER, workspace.id, name=community, channel="whatsapp_group")
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.session_state["workspace"] = slug
    app.run()
    return app.switch_page("pages/conversions.py").run()
