"""Helpers for the join-page tests (/j/{code}): a workspace with a community and a page, the form's token, a post."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from lib.db import Database, Principal
from lib.links.communities import Community, create_community
from lib.links.join import JoinPage, create_join_page
from lib.workspaces import Workspace, ensure_workspace
from tests.support.db import make_user, unique_slug

INVITE = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
_TOKEN = re.compile(r'name="token" value="([^"]+)"')


@dataclass
class JoinSpace:
    owner: Principal
    workspace: Workspace
    community: Community
    page: JoinPage


def join_space(db: Database, *, alcohol: bool = True, invite: str | None = INVITE, channel: str = "whatsapp_group",
               name: str = "Domaine des Essais", interests: tuple[str, ...] = ("Rouge", "Blanc", "Bulles"),
               base_url: str = "https://c.example") -> JoinSpace:
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("join"), name)
    if not alcohol:
        with db.admin() as conn:
            conn.execute("update public.workspaces set is_alcohol = false where id = %s", (workspace.id,))
    community = create_community(db, owner, workspace.id, name="Le Cercle des Amis", channel=channel,
                                 invite_url=invite)
    page = create_join_page(db, owner, workspace.id, community.id, source="Salon de Lyon",
                            interests=list(interests), base_url=base_url)
    return JoinSpace(owner, workspace, community, page)


def token_of(html: str) -> str:
    found = _TOKEN.search(html)
    assert found, "no token in the form"
    return found.group(1)


def good_fields(**changes: object) -> dict[str, object]:
    """A valid sign-up: a fresh French mobile each call (no two tests share a person)."""
    number = f"061{uuid.uuid4().int % 10**7:07d}"  # 061…: always a valid French mobile
    fields: dict[str, object] = {"first_name": "Camille", "phone": number, "email": "", "consent_whatsapp": "yes",
                                 "adult": "yes", "budget": "15-30", "interests": ["Rouge", "Bulles"]}
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def post_form(client, code: str, fields: dict[str, object], *, token: str | None = None,
              user_agent: str = BROWSER):
    """GETs the page for a fresh token (unless one is given), then posts ``fields`` with it."""
    if token is None:
        page = client.get(f"/j/{code}", headers={"User-Agent": user_agent})
        assert page.status_code == 200, page.text
        token = token_of(page.text)
    return client.post(f"/j/{code}", data={**fields, "token": token}, headers={"User-Agent": user_agent})
