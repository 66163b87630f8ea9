"""Telegram against a real PostgreSQL and a local fake Bot API: settings for owners only, named invite links behind
tracked links, the webhook (secret, size, replays, attribution) and join statistics."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lib.links import LinkError
from lib.links import redirects as redirects_module
from lib.links import telegram as telegram_module
from lib.links.communities import create_community, create_link, list_links
from lib.links.redirects import RateLimiter
from lib.links.telegram import (
    MAX_BODY,
    SECRET_HEADER,
    TelegramError,
    configure_telegram,
    create_telegram_link,
    remove_telegram,
    seen_chats,
    set_community_chat,
    telegram_joins,
    telegram_status,
)
from lib.routes import ROUTES
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug
from tests.support.telegram import FakeBotApi, new_token

CHAT = -1001234567890
BASE = "https://cercle.example"
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


@pytest.fixture
def bot_api():
    with FakeBotApi() as fake:
        yield fake


class Space:
    def __init__(self, db, bot_api: FakeBotApi) -> None:
        self.db, self.api = db, bot_api
        self.owner = make_user(db)
        self.workspace = ensure_workspace(db, self.owner, unique_slug("tg"))
        self.token = new_token()
        bot_api.tokens.add(self.token)
        self.community = create_community(db, self.owner, self.workspace.id, name="Les Amis du Chenin",
                                          channel="telegram_group")
        self.status = configure_telegram(db, self.owner, self.workspace.id, self.token, base_url=BASE,
                                         api_url=bot_api.url)
        set_community_chat(db, self.owner, self.workspace.id, self.community.id, CHAT)
        self.key = self.status.webhook_url.rsplit("/", 1)[1]
        self.secret = bot_api.last("setWebhook")["secret_token"]

    def link(self, source: str, **options):
        return create_telegram_link(self.db, self.owner, self.workspace.id, self.community.id, source,
                                    base_url=BASE, api_url=self.api.url, **options)

    def add_member(self, role: str):
        person = make_user(self.db)
        with self.db.admin() as conn:
            conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, %s)",
                         (self.workspace.id, person.user_id, role))
        return person

    def count(self, table: str) -> int:
        with self.db.tenant(self.owner) as conn:
            return conn.execute(f"select count(*) from public.{table} where workspace_id = %s",
                                (self.workspace.id,)).fetchone()[0]


@pytest.fixture
def space(db, bot_api) -> Space:
    return Space(db, bot_api)


@pytest.fixture
def client(app_environment, monkeypatch):
    monkeypatch.setattr(redirects_module, "RATE_LIMITER", RateLimiter(limit=1_000_000))
    with TestClient(Starlette(routes=ROUTES), follow_redirects=False) as test_client:
        yield test_client


_update_ids = iter(range(1_000, 10_000_000))


def join_update(user_id: int, invite_link: str | None, *, update_id: int | None = None, chat: int = CHAT,
                via_request: bool = False) -> dict:
    body = {"chat": {"id": chat, "type": "supergroup", "title": "Les Amis du Chenin"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Ana"}, "date": 1_800_000_000,
            "old_chat_member": {"status": "left", "user": {"id": user_id, "is_bot": False, "first_name": "Ana"}},
            "new_chat_member": {"status": "member", "user": {"id": user_id, "is_bot": False, "first_name": "Ana"}}}
    if invite_link is not None:
        body["invite_link"] = {"invite_link": invite_link, "creator": {"id": 1, "is_bot": True, "first_name": "C"},
                               "creates_join_request": False, "is_primary": False, "is_revoked": False}
    if via_request:
        body["via_join_request"] = True
    return {"update_id": next(_update_ids) if update_id is None else update_id, "chat_member": body}


def post(client, space: Space, update: object, *, secret: str | None = "", raw: bytes | None = None):
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret or space.secret
    content = raw if raw is not None else json.dumps(update).encode()
    return client.post(f"/hooks/telegram/{space.key}", content=content, headers=headers)


# --- settings ---------------------------------------------------------------------------------------------


def test_configure_registers_the_webhook_and_stores_only_a_hash_of_its_secret(db, space):
    call = space.api.last("setWebhook")
    assert call["url"] == f"{BASE}/hooks/telegram/{space.key}" == space.status.webhook_url
    assert {"chat_member", "chat_join_request"} <= set(call["allowed_updates"])
    assert space.workspace.id not in space.key and len(space.key) >= 22
    assert len(space.secret) >= 32
    with db.tenant(space.owner) as conn:
        row = conn.execute("select * from public.telegram_settings where workspace_id = %s",
                           (space.workspace.id,)).fetchone()
    assert space.secret not in [str(value) for value in row]
    assert vars(telegram_status(db, space.owner, space.workspace.id, base_url=BASE)).keys().isdisjoint({"token"})
    assert space.token not in repr(telegram_status(db, space.owner, space.workspace.id, base_url=BASE))


def test_reconfiguring_keeps_the_url_and_rotates_the_secret(db, space, bot_api):
    status = configure_telegram(db, space.owner, space.workspace.id, space.token, base_url=BASE, api_url=bot_api.url)
    assert status.webhook_url == space.status.webhook_url
    assert bot_api.last("setWebhook")["secret_token"] != space.secret


def test_refusals_save_nothing(db, space, bot_api):
    with pytest.raises(TelegramError) as info:
        configure_telegram(db, space.owner, space.workspace.id, "not a token", base_url=BASE, api_url=bot_api.url)
    assert info.value.code == "bad_token"
    with pytest.raises(TelegramError) as info:
        configure_telegram(db, space.owner, space.workspace.id, space.token, base_url="http://localhost:8501",
                           api_url=bot_api.url)
    assert info.value.code == "webhook_url"
    revoked = new_token(987654321)  # unknown to the fake: Telegram answers 401
    with pytest.raises(TelegramError) as info:
        configure_telegram(db, space.owner, space.workspace.id, revoked, base_url=BASE, api_url=bot_api.url)
    assert info.value.code == "unauthorized" and revoked not in str(info.value)
    with db.tenant(space.owner) as conn:
        token = conn.execute("select bot_token from public.telegram_settings where workspace_id = %s",
                             (space.workspace.id,)).fetchone()[0]
    assert token == space.token


def test_other_workspaces_settings_are_invisible_and_only_owners_read_the_token(db, space, bot_api):
    other = Space(db, bot_api)
    with db.tenant(other.owner) as conn:
        assert conn.execute("select count(*) from public.telegram_settings where workspace_id = %s",
                            (space.workspace.id,)).fetchone()[0] == 0
        assert conn.execute("select count(*) from public.telegram_settings").fetchone()[0] == 1
        assert conn.execute("update public.telegram_settings set bot_token = %s where workspace_id = %s",
                            (other.token, space.workspace.id)).rowcount == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(other.owner) as conn:
        conn.execute("insert into public.telegram_settings (workspace_id, bot_token, webhook_key, webhook_secret_hash)"
                     " values (%s, %s, %s, %s)", (space.workspace.id, other.token, "k" * 32, "0" * 64))
    assert telegram_status(db, other.owner, space.workspace.id) is None
    for role in ("editor", "viewer"):
        person = space.add_member(role)
        with db.tenant(person) as conn:
            assert conn.execute("select count(*) from public.telegram_settings").fetchone()[0] == 0
            assert conn.execute("update public.telegram_settings set bot_token = %s", (other.token,)).rowcount == 0
            # the chat of each community is not secret: members see it
            assert conn.execute("select chat_id from public.telegram_chats where workspace_id = %s",
                                (space.workspace.id,)).fetchall() == [(CHAT,)]
        assert telegram_status(db, person, space.workspace.id) is None
        with pytest.raises(TelegramError) as info:
            configure_telegram(db, person, space.workspace.id, other.token, base_url=BASE, api_url=bot_api.url)
        assert info.value.code == "owner_only"
        with pytest.raises(TelegramError) as info:
            create_telegram_link(db, person, space.workspace.id, space.community.id, "Salon", base_url=BASE,
                                 api_url=bot_api.url)
        assert info.value.code == "owner_only"
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(None) as conn:
        conn.execute("select count(*) from public.telegram_settings")


def test_the_webhook_functions_are_open_to_the_server_only(db):
    """The webhook runs them as service_role on the server's connection; anon (the public API key on Supabase) and
    signed-in members cannot call them (issue #13 finding 14)."""
    with db.admin() as conn:
        for function, anon, authenticated, service in conn.execute(
                "select p.oid::regprocedure::text, has_function_privilege('anon', p.oid, 'execute'),"
                " has_function_privilege('authenticated', p.oid, 'execute'),"
                " has_function_privilege('service_role', p.oid, 'execute') from pg_proc p"
                " join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'cercle_telegram'").fetchall():
            assert service and not anon and not authenticated, function
            config = conn.execute("select proconfig from pg_proc where oid = %s::regprocedure",
                                  (function,)).fetchone()[0]
            assert any(item.startswith("search_path=") for item in config), function
        for table in ("telegram_settings", "telegram_chats", "telegram_seen_chats", "telegram_invite_links",
                      "telegram_updates", "telegram_joins"):
            assert not conn.execute("select has_table_privilege('anon', %s, 'select')",
                                    (f"public.{table}",)).fetchone()[0], table


# --- links ------------------------------------------------------------------------------------------------


def test_telegram_link_is_named_after_its_source_and_redirected_to(db, space, client):
    expiry = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=30)
    link = space.link("Salon des Vins de Loire à Angers 2027", expires_at=expiry, member_limit=200)
    call = space.api.last("createChatInviteLink")
    assert call == {"chat_id": CHAT, "name": "Salon des Vins de Loire à Angers", "expire_date": int(expiry.timestamp()),
                    "member_limit": 200}
    assert link.destination.startswith("https://t.me/+") and link.expires_at == expiry
    assert link.short_url == f"{BASE}/r/{link.code}"
    assert [found.code for found in list_links(db, space.owner, space.workspace.id, base_url=BASE)] == [link.code]
    answer = client.get(f"/r/{link.code}", headers={"User-Agent": BROWSER})
    assert answer.status_code == 302 and answer.headers["location"] == link.destination
    requests = space.link("Collerette", creates_join_request=True)
    assert space.api.last("createChatInviteLink") == {"chat_id": CHAT, "name": "Collerette",
                                                      "creates_join_request": True}
    with db.tenant(space.owner) as conn:
        stored = conn.execute("select invite_link, member_limit, creates_join_request from public.telegram_invite_links"
                              " where link_id = %s", (requests.id,)).fetchone()
    assert stored == (requests.destination, None, True)


def test_link_refusals_call_telegram_only_when_needed(db, space, bot_api):
    before = len(bot_api.calls)
    with pytest.raises(TelegramError) as info:
        space.link("Salon", member_limit=10, creates_join_request=True)
    assert info.value.code == "limit_with_request"
    with pytest.raises(TelegramError) as info:
        space.link("Salon", member_limit=0)
    assert info.value.code == "bad_limit"
    with pytest.raises(TelegramError) as info:
        space.link("Salon", expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    assert info.value.code == "past_expiry"
    with pytest.raises(LinkError):
        space.link("   ")
    whatsapp = create_community(db, space.owner, space.workspace.id, name="WhatsApp", channel="whatsapp_group",
                                invite_url="https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv")
    with pytest.raises(TelegramError) as info:
        create_telegram_link(db, space.owner, space.workspace.id, whatsapp.id, "Salon", base_url=BASE,
                             api_url=bot_api.url)
    assert info.value.code == "not_telegram"
    unlinked = create_community(db, space.owner, space.workspace.id, name="Canal", channel="telegram_channel")
    with pytest.raises(TelegramError) as info:
        create_telegram_link(db, space.owner, space.workspace.id, unlinked.id, "Salon", base_url=BASE,
                             api_url=bot_api.url)
    assert info.value.code == "no_chat"
    assert len(bot_api.calls) == before
    bot_api.fail_next = {"error_code": 403, "description": "Forbidden: not enough rights to manage chat invite links"}
    with pytest.raises(TelegramError) as info:
        space.link("Salon")
    assert info.value.code == "forbidden" and space.token not in str(info.value)
    assert space.count("invite_links") == 0
    remove_telegram(db, space.owner, space.workspace.id)
    with pytest.raises(TelegramError) as info:
        space.link("Salon")
    assert info.value.code == "not_configured"


def test_a_link_that_cannot_be_stored_is_revoked_on_telegram(db, space, bot_api, monkeypatch):
    monkeypatch.setattr(telegram_module, "new_code", lambda: "not a code!")  # refused by the check constraint
    with pytest.raises(psycopg.errors.CheckViolation):
        space.link("Salon")
    made = bot_api.last("createChatInviteLink")
    assert made["name"] == "Salon"
    assert bot_api.methods()[-2:] == ["createChatInviteLink", "revokeChatInviteLink"]
    assert bot_api.last("revokeChatInviteLink")["chat_id"] == CHAT
    assert space.count("invite_links") == 0 and space.count("telegram_invite_links") == 0


def test_a_chat_belongs_to_one_community(db, space):
    other = create_community(db, space.owner, space.workspace.id, name="Autre", channel="telegram_group")
    with pytest.raises(TelegramError) as info:
        set_community_chat(db, space.owner, space.workspace.id, other.id, CHAT)
    assert info.value.code == "chat_taken"
    with pytest.raises(TelegramError) as info:
        set_community_chat(db, space.owner, space.workspace.id, other.id, "le groupe")
    assert info.value.code == "bad_chat"
    editor = space.add_member("editor")
    with pytest.raises(TelegramError) as info:
        set_community_chat(db, editor, space.workspace.id, other.id, -1009)
    assert info.value.code == "owner_only"


# --- webhook ----------------------------------------------------------------------------------------------


def test_join_with_a_link_is_attributed_to_that_link(db, space, client):
    salon, tag = space.link("Salon"), space.link("Collerette")
    answer = post(client, space, join_update(501, salon.destination))
    assert answer.status_code == 200 and answer.json()["description"] == "attributed"
    assert post(client, space, join_update(502, tag.destination)).status_code == 200
    assert post(client, space, join_update(503, salon.destination)).status_code == 200
    stats = telegram_joins(db, space.owner, space.workspace.id)
    assert {(row.source, row.joins) for row in stats.links} == {("Salon", 2), ("Collerette", 1)}
    assert [(row.name, row.attributed, row.unattributed) for row in stats.communities] == [
        ("Les Amis du Chenin", 3, 0)]
    with db.tenant(space.owner) as conn:
        columns = {row[0] for row in conn.execute("select column_name from information_schema.columns"
                                                  " where table_name = 'telegram_joins'").fetchall()}
    assert not {"first_name", "last_name", "username", "name"} & columns


def test_join_without_invite_link_is_unattributed(db, space, client):
    space.link("Salon")
    answer = post(client, space, join_update(601, None))
    assert answer.status_code == 200 and answer.json()["description"] == "unattributed"
    # a link Cercle did not make (another admin's) is not attributed either
    assert post(client, space, join_update(602, "https://t.me/+SomeoneElses")).json()["description"] == "unattributed"
    stats = telegram_joins(db, space.owner, space.workspace.id)
    assert [(row.attributed, row.unattributed) for row in stats.communities] == [(0, 2)]
    assert [row.joins for row in stats.links] == [0]


def test_join_request_then_approved_join_keeps_the_requests_link(db, space, client):
    link = space.link("Collerette", creates_join_request=True)
    request = {"update_id": next(_update_ids), "chat_join_request": {
        "chat": {"id": CHAT, "type": "supergroup", "title": "Les Amis du Chenin"},
        "from": {"id": 701, "is_bot": False, "first_name": "B"}, "user_chat_id": 701, "date": 1_800_000_000,
        "invite_link": {"invite_link": link.destination, "creates_join_request": True}}}
    assert post(client, space, request).json()["description"] == "attributed"
    assert post(client, space, join_update(701, None, via_request=True)).json()["description"] == "attributed"
    stats = telegram_joins(db, space.owner, space.workspace.id)
    assert [(row.joins, row.requests) for row in stats.links] == [(1, 1)]
    assert [(row.attributed, row.unattributed, row.requests) for row in stats.communities] == [(1, 0, 1)]
    viewer = space.add_member("viewer")  # members read the statistics, not the token
    assert telegram_joins(db, viewer, space.workspace.id) == stats


def test_replayed_update_counts_once(db, space, client):
    link = space.link("Salon")
    update = join_update(801, link.destination)
    assert [post(client, space, update).json()["description"] for _ in range(3)] == [
        "attributed", "duplicate", "duplicate"]
    assert space.count("telegram_joins") == 1 and space.count("telegram_updates") == 1


def test_wrong_or_missing_secret_is_401_and_stores_nothing(db, space, client, bot_api):
    link = space.link("Salon")
    other = Space(db, bot_api)
    for secret in ("wrong", other.secret, space.secret[:-1], None):
        answer = post(client, space, join_update(901, link.destination), secret=secret)
        assert answer.status_code == 401
    assert post(client, space, b"", raw=b"{not json", secret="wrong").status_code == 401
    assert space.count("telegram_updates") == 0 and space.count("telegram_joins") == 0


def test_unknown_key_oversized_and_malformed_bodies_touch_nothing(db, space, client):
    headers = {SECRET_HEADER: space.secret, "Content-Type": "application/json"}
    assert client.post("/hooks/telegram/" + "x" * 32, content=b"{}", headers=headers).status_code == 404
    assert client.post("/hooks/telegram/short", content=b"{}", headers=headers).status_code == 404
    big = json.dumps(join_update(1001, None) | {"padding": "x" * MAX_BODY}).encode()
    assert post(client, space, None, raw=big).status_code == 413

    def chunks():  # no Content-Length: the bound holds while reading
        yield b'{"update_id": 1, "padding": "'
        for _ in range(MAX_BODY // 1024 + 1):
            yield b"x" * 1024
        yield b'"}'

    streamed = client.post(f"/hooks/telegram/{space.key}", content=chunks(), headers=headers)
    assert streamed.status_code == 413
    for raw in (b"{not json", b"[1, 2]", b'{"update_id": "7"}', b"\xff\xfe", b""):
        assert post(client, space, None, raw=raw).status_code == 400, raw
    assert client.get(f"/hooks/telegram/{space.key}").status_code == 405
    assert space.count("telegram_updates") == 0 and space.count("telegram_joins") == 0


def test_removed_settings_close_the_webhook(db, space, client):
    assert remove_telegram(db, space.owner, space.workspace.id)
    assert post(client, space, join_update(1101, None)).status_code == 404


def test_groups_the_bot_sees_are_offered(db, space, client):
    added = {"update_id": next(_update_ids), "my_chat_member": {
        "chat": {"id": -1005555, "type": "supergroup", "title": "Dégustations"}, "from": {"id": 1}, "date": 1,
        "old_chat_member": {"status": "left", "user": {"id": 1, "is_bot": True, "first_name": "C"}},
        "new_chat_member": {"status": "administrator", "user": {"id": 1, "is_bot": True, "first_name": "C"}}}}
    assert post(client, space, added).json()["description"] == "ignored"
    private = {"update_id": next(_update_ids), "message": {"message_id": 1, "date": 1, "text": "/start",
                                                           "chat": {"id": 42, "type": "private"}}}
    assert post(client, space, private).status_code == 200
    assert {(chat.chat_id, chat.title) for chat in seen_chats(db, space.owner, space.workspace.id)} == {
        (-1005555, "Dégustations")}
    post(client, space, join_update(1201, None))
    chats = {chat.chat_id: chat.community_id for chat in seen_chats(db, space.owner, space.workspace.id)}
    assert chats == {-1005555: None, CHAT: space.community.id}


def test_disabling_a_telegram_link_revokes_it_at_telegram_or_says_it_could_not(db, space, bot_api):
    """A disabled tracked link whose destination is a bot-made Telegram invite stops at Telegram too; an editor
    (who cannot use the owner's bot) or a Telegram refusal leaves Cercle's link disabled and says so."""
    from lib.links.communities import disable_link
    from lib.links.telegram import revoke_disabled_link

    link = space.link("Salon")
    disable_link(db, space.owner, space.workspace.id, link.id)
    assert revoke_disabled_link(db, space.owner, space.workspace.id, link.id, api_url=bot_api.url) is True
    assert bot_api.last("revokeChatInviteLink") == {"chat_id": CHAT, "invite_link": link.destination}

    plain = create_link(db, space.owner, space.workspace.id, space.community.id, source="Affiche",
                        destination="https://t.me/+AbCdEfGhIjKl")
    assert revoke_disabled_link(db, space.owner, space.workspace.id, plain.id, api_url=bot_api.url) is None

    editor = space.add_member("editor")
    other = space.link("Caveau")
    disable_link(db, editor, space.workspace.id, other.id)
    calls = len(bot_api.calls)
    assert revoke_disabled_link(db, editor, space.workspace.id, other.id, api_url=bot_api.url) is False
    assert len(bot_api.calls) == calls  # the editor never reaches the owner's bot
    bot_api.fail_next = {"ok": False, "error_code": 400, "description": "Bad Request: INVITE_HASH_EXPIRED"}
    assert revoke_disabled_link(db, space.owner, space.workspace.id, other.id, api_url=bot_api.url) is False
