"""The Telegram Bot API client against a local fake Bot API server, update parsing and the webhook secret.

``FakeBotApi`` speaks the Bot API's protocol (``POST /bot<token>/<method>`` with JSON, answering
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code", "description"}``) on 127.0.0.1 and records every
call; the database tests (tests/db/test_telegram.py) use it too. Nothing here reaches api.telegram.org.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket

import httpx
import pytest

from lib.i18n import set_language
from lib.links.telegram import (
    TelegramClient,
    TelegramError,
    check_secret,
    parse_update,
    redact,
    secret_hash,
)
from tests.support.telegram import TOKEN, FakeBotApi, new_token


@pytest.fixture
def bot_api():
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture(autouse=True)
def french():
    set_language("fr")
    yield
    set_language("fr")


def test_create_invite_link_sends_name_expiry_limit_and_request_flag(bot_api):
    expiry = dt.datetime(2030, 5, 1, 12, 0, tzinfo=dt.UTC)
    with TelegramClient(TOKEN, bot_api.url) as client:
        link = client.create_invite_link(-1001234567890, "Salon des vins de Loire", expire_date=expiry,
                                         member_limit=50)
        request_link = client.create_invite_link(-1001234567890, "Collerette", creates_join_request=True)
    assert link["invite_link"].startswith("https://t.me/+")
    token, method, payload = bot_api.calls[0]
    assert (token, method) == (TOKEN, "createChatInviteLink")
    assert payload == {"chat_id": -1001234567890, "name": "Salon des vins de Loire",
                       "expire_date": int(expiry.timestamp()), "member_limit": 50}
    assert bot_api.calls[1][2] == {"chat_id": -1001234567890, "name": "Collerette", "creates_join_request": True}
    assert request_link["creates_join_request"] is True


def test_link_names_are_cut_to_telegrams_32_characters(bot_api):
    with TelegramClient(TOKEN, bot_api.url) as client:
        client.create_invite_link(-1001234567890, "Dégustation de printemps au domaine, édition 2027")
    assert len(bot_api.last("createChatInviteLink")["name"]) == 32


def test_set_webhook_and_approve_join_request(bot_api):
    with TelegramClient(TOKEN, bot_api.url) as client:
        assert client.set_webhook("https://cercle.example/hooks/telegram/k", "s3cr3t")
        assert client.approve_join_request(-1001234567890, 42)
    assert bot_api.last("setWebhook") == {"url": "https://cercle.example/hooks/telegram/k", "secret_token": "s3cr3t",
                                          "allowed_updates": ["chat_member", "chat_join_request", "message"]}
    assert bot_api.last("approveChatJoinRequest") == {"chat_id": -1001234567890, "user_id": 42}


def test_api_error_becomes_a_translated_error_without_the_token(bot_api):
    bot_api.fail_next = {"error_code": 400, "description": f"Bad Request: no bot {TOKEN} here"}
    with TelegramClient(TOKEN, bot_api.url) as client, pytest.raises(TelegramError) as info:
        client.create_invite_link(-1001234567890, "Salon")
    error = info.value
    assert error.code == "rejected" and "Telegram a refusé" in str(error)
    everything = " ".join([str(error), repr(error), repr(error.params), repr(error.__cause__),
                           repr(error.__context__)])
    assert TOKEN not in everything and TOKEN.split(":")[1] not in everything
    with TelegramClient(TOKEN, bot_api.url) as client, pytest.raises(TelegramError) as info:
        client.create_invite_link(-100999, "Salon")
    assert info.value.code == "rejected" and "chat not found" in info.value.message


@pytest.mark.parametrize(("answer", "code"), [
    ({"error_code": 401, "description": "Unauthorized"}, "unauthorized"),
    ({"error_code": 403, "description": "Forbidden: bot is not a member of the supergroup chat"}, "forbidden"),
    ({"error_code": 429, "description": "Too Many Requests: retry after 7", "parameters": {"retry_after": 7}},
     "rate_limited"),
])
def test_known_refusals_have_their_own_sentence(bot_api, answer, code):
    bot_api.fail_next = answer
    with TelegramClient(TOKEN, bot_api.url) as client, pytest.raises(TelegramError) as info:
        client.create_invite_link(-1001234567890, "Salon")
    assert info.value.code == code
    assert info.value.message != f"telegram.error.{code}"  # a real sentence from the catalog
    if code == "rate_limited":
        assert "7" in info.value.message


def test_unknown_token_is_unauthorized(bot_api):
    with TelegramClient(new_token(), bot_api.url) as client, pytest.raises(TelegramError) as info:
        client.set_webhook("https://cercle.example/hooks/telegram/k", "s")
    assert info.value.code == "unauthorized"


def test_unreadable_answer_and_unreachable_server(bot_api):
    bot_api.raw_next = b"<html>Bad Gateway</html>"
    with TelegramClient(TOKEN, bot_api.url) as client, pytest.raises(TelegramError) as info:
        client.create_invite_link(-1001234567890, "Salon")
    assert info.value.code == "bad_answer"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with TelegramClient(TOKEN, f"http://127.0.0.1:{closed_port}", timeout=2.0) as client, \
            pytest.raises(TelegramError) as info:
        client.create_invite_link(-1001234567890, "Salon")
    assert info.value.code == "unreachable"
    assert info.value.__cause__ is None and info.value.__context__ is None


def test_timeouts_are_set_and_the_token_is_not_in_repr():
    client = TelegramClient(TOKEN)
    try:
        assert client._http.timeout.read is not None and client._http.timeout.connect is not None
        assert TOKEN not in repr(client)
    finally:
        client.close()


def test_httpx_request_log_lines_are_redacted(bot_api, caplog):
    caplog.set_level(logging.INFO, logger="httpx")
    with TelegramClient(TOKEN, bot_api.url) as client:
        client.approve_join_request(-1001234567890, 1)
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "approveChatJoinRequest" in logged and "/bot<redacted>/" in logged
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged


def test_redact_removes_paths_and_the_token():
    assert redact(f"POST https://api.telegram.org/bot{TOKEN}/getMe") == "POST https://api.telegram.org/bot<redacted>/getMe"
    assert TOKEN not in redact(f"token={TOKEN}", TOKEN)


def test_secret_check_is_by_hash_and_refuses_missing_or_wrong():
    stored = secret_hash("le-bon-secret")
    assert check_secret("le-bon-secret", stored)
    assert not check_secret("le-mauvais", stored)
    assert not check_secret(None, stored) and not check_secret("", stored) and not check_secret("x", None)


def _member(status: str, user_id: int = 7, **extra) -> dict:
    return {"status": status, "user": {"id": user_id, "is_bot": False, "first_name": "Ana"}, **extra}


def test_chat_member_join_with_and_without_invite_link():
    chat = {"id": -1001234567890, "type": "supergroup", "title": "Les Amis"}
    update = {"update_id": 10, "chat_member": {
        "chat": chat, "from": {"id": 7}, "date": 1_800_000_000,
        "old_chat_member": _member("left"), "new_chat_member": _member("member"),
        "invite_link": {"invite_link": "https://t.me/+AbCdEfGhIjKl", "creates_join_request": False}}}
    event = parse_update(update)
    assert (event.kind, event.chat_id, event.user_id, event.invite_link) == (
        "join", -1001234567890, 7, "https://t.me/+AbCdEfGhIjKl")
    assert event.occurred_at == dt.datetime.fromtimestamp(1_800_000_000, dt.UTC)
    del update["chat_member"]["invite_link"]
    assert parse_update(update).invite_link is None and parse_update(update).kind == "join"
    # a member leaving or being promoted is not a join
    update["chat_member"]["old_chat_member"] = _member("member")
    update["chat_member"]["new_chat_member"] = _member("left")
    assert parse_update(update).kind == "member_change" and parse_update(update).user_id is None
    update["chat_member"]["new_chat_member"] = _member("administrator")
    assert parse_update(update).kind == "member_change"
    # restricted but in the group counts as a join
    update["chat_member"]["old_chat_member"] = _member("kicked")
    update["chat_member"]["new_chat_member"] = _member("restricted", is_member=True)
    assert parse_update(update).kind == "join"


def test_join_request_and_other_updates():
    event = parse_update({"update_id": 11, "chat_join_request": {
        "chat": {"id": -100, "type": "supergroup", "title": "G"}, "from": {"id": 99, "first_name": "B"},
        "user_chat_id": 99, "date": 1_800_000_000, "invite_link": {"invite_link": "https://t.me/+Zz"}}})
    assert (event.kind, event.user_id, event.invite_link) == ("join_request", 99, "https://t.me/+Zz")
    message = parse_update({"update_id": 12, "message": {"message_id": 1, "date": 1, "text": "hello",
                                                         "chat": {"id": -100, "type": "group", "title": "G"}}})
    assert (message.kind, message.chat_id, message.chat_type, message.user_id) == ("message", -100, "group", None)


@pytest.mark.parametrize("body", [[], "x", {"update_id": "1"}, {"update_id": True}, {"message": {}}, None])
def test_anything_but_an_update_is_refused(body):
    with pytest.raises(ValueError):
        parse_update(body)


def test_client_errors_inherit_the_translated_error_language(bot_api):
    set_language("en")
    bot_api.fail_next = {"error_code": 401, "description": "Unauthorized"}
    with TelegramClient(TOKEN, bot_api.url) as client, pytest.raises(TelegramError) as info:
        client.set_webhook("https://cercle.example/x", "s")
    assert "Telegram refuses this bot token" in str(info.value)


def test_httpx_is_the_transport():
    with TelegramClient(TOKEN) as client:
        assert isinstance(client._http, httpx.Client)
