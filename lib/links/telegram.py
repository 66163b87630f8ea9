"""Telegram, when a workspace owner has given Cercle a bot token (the bot is an admin of the community's group).

- ``TelegramClient``: the three Bot API methods Cercle uses (``createChatInviteLink``, ``setWebhook``,
  ``approveChatJoinRequest``), with timeouts; every failure becomes a translated ``TelegramError`` whose text
  never contains the token (httpx's own request log lines are redacted too).
- Settings (owners only, row level security): ``configure_telegram`` saves the token, a random webhook key (the
  path of ``/hooks/telegram/{workspace_key}``, never the workspace's uuid) and registers the webhook with a fresh
  random secret of which only the SHA-256 is stored. ``set_community_chat`` ties a community to its chat.
- ``create_telegram_link`` makes a named Telegram invite link per source AND the tracked ``invite_links`` row in
  front of it, so ``/r/{code}`` redirects to it and Telegram's ``chat_member`` updates are attributed to it.
- ``POST /hooks/telegram/{workspace_key}``: checks the secret header in constant time before reading the body,
  bounds the body, records each update once through the security-definer functions of ``cercle_telegram``
  executed as role ``anon`` (like ``/r/{code}``), never as a role that bypasses row level security.
- ``telegram_joins``: joins per community and per link, attributed or not.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

import httpx
import psycopg
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from lib.db import Database, DatabaseUnavailable, Principal, get_database
from lib.hooks import BodyRefused, answer, read_body
from lib.i18n import TranslatedError
from lib.links import new_code
from lib.links.communities import InviteLink, _link
from lib.settings import base_url_or_default

log = logging.getLogger(__name__)

TELEGRAM_API = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# What the webhook asks Telegram for: joins (chat_member, which Telegram only sends when asked), join requests,
# the bot being added to a group (my_chat_member) and messages (to learn a group's id and title).
WEBHOOK_UPDATES = ("chat_member", "chat_join_request", "my_chat_member", "message")
MAX_BODY = 64 * 1024
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
# Telegram's limits: an invite link's name is at most 32 characters, its member limit 1 to 99999.
MAX_LINK_NAME = 32
MAX_MEMBER_LIMIT = 99_999
TELEGRAM_CHANNELS = ("telegram_group", "telegram_channel")

# Mirrored by the check constraints of 20261129191000_telegram.sql.
TOKEN_PATTERN = re.compile(r"^[0-9]{1,20}:[A-Za-z0-9_-]{30,100}$")
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
INVITE_PATTERN = re.compile(r"^https://(t|telegram)\.me/\S{1,200}$")
_BOT_PATH = re.compile(r"/bot[0-9]{1,20}:[A-Za-z0-9_-]+")
_CODE_ATTEMPTS = 5


class TelegramError(TranslatedError):
    """A refusal or failure whose ``message`` is the catalog sentence ``telegram.error.<code>``."""

    prefix = "telegram.error."


def redact(text: str, token: str | None = None) -> str:
    """``text`` without the bot token: ``/bot<token>`` paths and the token itself become ``<redacted>``."""
    cleaned = _BOT_PATH.sub("/bot<redacted>", text or "")
    if token:
        cleaned = cleaned.replace(token, "<redacted>")
        secret_part = token.partition(":")[2]
        if len(secret_part) >= 8:
            cleaned = cleaned.replace(secret_part, "<redacted>")
    return cleaned


class _RedactBotTokens(logging.Filter):
    """httpx logs every request's URL at INFO; a Bot API URL holds the token in its path."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken log call is not ours to fix
            return True
        if "/bot" in message:
            record.msg = redact(message)
            record.args = None
        return True


for _logger_name in ("httpx", "httpcore"):
    _logger = logging.getLogger(_logger_name)
    if not any(isinstance(existing, _RedactBotTokens) for existing in _logger.filters):
        _logger.addFilter(_RedactBotTokens())


def _unix(moment: dt.datetime | int | None) -> int | None:
    if moment is None or isinstance(moment, int):
        return moment
    if moment.tzinfo is None:
        raise ValueError("expire_date must be timezone-aware")
    return int(moment.timestamp())


class TelegramClient:
    """The Bot API for one bot. ``base_url`` is Telegram's, or a local fake in tests."""

    def __init__(self, token: str, base_url: str = TELEGRAM_API, *, timeout: httpx.Timeout | float = TIMEOUT,
                 transport: httpx.BaseTransport | None = None) -> None:
        self._token = token
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(timeout=timeout, transport=transport, follow_redirects=False)

    def __repr__(self) -> str:
        return f"TelegramClient(base_url={self.base_url!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> TelegramClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def call(self, method: str, payload: dict) -> object:
        """``POST /bot<token>/<method>`` with JSON; the ``result`` of an ``ok`` answer. Raises TelegramError."""
        url = f"{self.base_url}/bot{self._token}/{method}"
        response = failure = None
        try:
            response = self._http.post(url, json=payload)
        except httpx.HTTPError as exc:
            failure = type(exc).__name__
        if response is None:
            # httpx's exception holds the request, so the URL and the token: raised outside the except block, the
            # TelegramError carries no chain or context to it; only the kind of failure is logged
            log.warning("Telegram %s failed: %s", method, failure)
            raise TelegramError("unreachable")
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or "ok" not in answer:
            log.warning("Telegram %s: unreadable answer (HTTP %s)", method, response.status_code)
            raise TelegramError("bad_answer")
        if answer.get("ok") is True:
            return answer.get("result")
        status = answer.get("error_code") if isinstance(answer.get("error_code"), int) else response.status_code
        detail = redact(str(answer.get("description") or ""), self._token)[:200]
        log.warning("Telegram %s refused (%s): %s", method, status, detail)
        if status in (401, 404):
            raise TelegramError("unauthorized")
        if status == 403:
            raise TelegramError("forbidden", detail=detail)
        if status == 429:
            parameters = answer.get("parameters") if isinstance(answer.get("parameters"), dict) else {}
            raise TelegramError("rate_limited", seconds=int(parameters.get("retry_after") or 30))
        raise TelegramError("rejected", status=status, detail=detail)

    def create_invite_link(self, chat_id: int | str, name: str, expire_date: dt.datetime | int | None = None,
                           member_limit: int | None = None, creates_join_request: bool = False) -> dict:
        """A new named invite link of ``chat_id`` (the ChatInviteLink object). Telegram refuses a member limit
        on a join-request link."""
        payload: dict = {"chat_id": chat_id, "name": name[:MAX_LINK_NAME]}
        if expire_date is not None:
            payload["expire_date"] = _unix(expire_date)
        if member_limit is not None:
            payload["member_limit"] = int(member_limit)
        if creates_join_request:
            payload["creates_join_request"] = True
        result = self.call("createChatInviteLink", payload)
        if not isinstance(result, dict) or not isinstance(result.get("invite_link"), str):
            raise TelegramError("bad_answer")
        return result

    def set_webhook(self, url: str, secret_token: str, allowed_updates: Sequence[str] = (
            "chat_member", "chat_join_request", "message")) -> bool:
        return bool(self.call("setWebhook", {"url": url, "secret_token": secret_token,
                                             "allowed_updates": list(allowed_updates)}))

    def approve_join_request(self, chat_id: int | str, user_id: int) -> bool:
        return bool(self.call("approveChatJoinRequest", {"chat_id": chat_id, "user_id": int(user_id)}))

    def revoke_invite_link(self, chat_id: int | str, invite_link: str) -> dict:
        result = self.call("revokeChatInviteLink", {"chat_id": chat_id, "invite_link": invite_link})
        return result if isinstance(result, dict) else {}


# --- updates -----------------------------------------------------------------------------------------------

_MEMBER_STATUSES = ("member", "administrator", "creator")


@dataclass(frozen=True)
class TelegramEvent:
    """What Cercle keeps of one update: ``kind`` is ``join``, ``join_request`` or another update's type."""

    update_id: int
    kind: str
    chat_id: int | None = None
    chat_type: str | None = None
    chat_title: str | None = None
    user_id: int | None = None
    invite_link: str | None = None
    via_request: bool = False
    occurred_at: dt.datetime | None = None


def _is_member(member: object) -> bool:
    if not isinstance(member, dict):
        return False
    status = member.get("status")
    return status in _MEMBER_STATUSES or (status == "restricted" and member.get("is_member") is True)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: object, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def parse_update(data: object) -> TelegramEvent:
    """The event in a decoded Update. Raises ValueError when it is not an Update (no integer ``update_id``)."""
    if not isinstance(data, dict) or _int(data.get("update_id")) is None:
        raise ValueError("not a Telegram update")
    update_id = data["update_id"]
    kind = next((key for key in data if key != "update_id"), "empty")
    body = data.get(kind)
    if not isinstance(body, dict):
        return TelegramEvent(update_id, str(kind)[:40])
    chat = body.get("chat") if isinstance(body.get("chat"), dict) else {}
    chat_id, chat_type, title = _int(chat.get("id")), _text(chat.get("type"), 20), _text(chat.get("title"), 255)
    date = _int(body.get("date"))
    occurred = dt.datetime.fromtimestamp(date, dt.UTC) if date is not None and date > 0 else None
    link = body.get("invite_link") if isinstance(body.get("invite_link"), dict) else {}
    invite = _text(link.get("invite_link"), 300)
    if kind == "chat_member":
        new, old = body.get("new_chat_member"), body.get("old_chat_member")
        joined = _is_member(new) and not _is_member(old)
        user = new.get("user") if isinstance(new, dict) and isinstance(new.get("user"), dict) else {}
        return TelegramEvent(update_id, "join" if joined else "member_change", chat_id, chat_type, title,
                             _int(user.get("id")) if joined else None, invite if joined else None,
                             body.get("via_join_request") is True, occurred)
    if kind == "chat_join_request":
        user = body.get("from") if isinstance(body.get("from"), dict) else {}
        return TelegramEvent(update_id, "join_request", chat_id, chat_type, title, _int(user.get("id")), invite,
                             False, occurred)
    return TelegramEvent(update_id, str(kind)[:40], chat_id, chat_type, title, occurred_at=occurred)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_secret(given: str | None, stored_hash: str | None) -> bool:
    """Whether the header's secret is the workspace's, compared in constant time (hashes of equal length)."""
    if not given or not stored_hash:
        return False
    return hmac.compare_digest(secret_hash(given), stored_hash)


def webhook_secret_hash(db: Database, workspace_key: str) -> str | None:
    """The stored hash of the webhook secret behind ``workspace_key`` (None: no such workspace), read as anon."""
    with db.admin() as conn:
        conn.execute("set local role service_role")  # never anon: 20261203100400_anon_calls_nothing.sql
        row = conn.execute("select cercle_telegram.webhook_secret_hash(%s)", (workspace_key,)).fetchone()
    return row[0] if row else None


def record_event(db: Database, workspace_key: str, event: TelegramEvent) -> str:
    """Records one update once, as anon through ``cercle_telegram.record_update``; returns what it did
    (``duplicate``, ``ignored``, ``attributed``, ``unattributed`` or ``unknown_workspace``)."""
    with db.admin() as conn:
        conn.execute("set local role service_role")  # never anon: 20261203100400_anon_calls_nothing.sql
        row = conn.execute(
            "select cercle_telegram.record_update(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (workspace_key, event.update_id, event.kind, event.chat_id, event.chat_type, event.chat_title,
             event.user_id, event.invite_link, event.via_request, event.occurred_at),
        ).fetchone()
    return row[0]


async def telegram_webhook(request: Request) -> JSONResponse:
    key = request.path_params.get("workspace_key", "")
    if not KEY_PATTERN.match(key):
        return answer(404, "unknown workspace")
    try:
        database = await asyncio.to_thread(get_database)
        stored = await asyncio.to_thread(webhook_secret_hash, database, key)
    except (DatabaseUnavailable, psycopg.Error):
        log.exception("telegram webhook: database unavailable")
        return answer(503, "unavailable")
    if stored is None:
        return answer(404, "unknown workspace")
    if not check_secret(request.headers.get(SECRET_HEADER), stored):
        log.warning("telegram webhook: wrong or missing secret")
        return answer(401, "unauthorized")
    try:
        body = await read_body(request, MAX_BODY)
    except BodyRefused as refused:
        return refused.response
    try:
        event = parse_update(json.loads(body))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return answer(400, "not a Telegram update")
    try:
        outcome = await asyncio.to_thread(record_event, database, key, event)
    except psycopg.Error:
        # Telegram retries a failed delivery; the update_id key makes the retry count once
        log.exception("telegram webhook: update %s not recorded", event.update_id)
        return answer(503, "unavailable")
    log.info("telegram update %s: %s", event.update_id, outcome)
    return answer(200, outcome)


TELEGRAM_ROUTE = Route("/hooks/telegram/{workspace_key}", telegram_webhook, methods=["POST"])


# --- settings (owners only) ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TelegramStatus:
    """A workspace's Telegram set-up as an owner may see it: never the token."""

    bot_id: int
    webhook_url: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class SeenChat:
    chat_id: int
    chat_type: str
    title: str | None
    community_id: str | None


def new_webhook_key() -> str:
    return secrets.token_urlsafe(24)  # 32 characters of [A-Za-z0-9_-]


def new_webhook_secret() -> str:
    return secrets.token_urlsafe(48)  # 64 characters: Telegram accepts 1 to 256 of [A-Za-z0-9_-]


def webhook_url(base_url: str, workspace_key: str) -> str:
    return f"{base_url.rstrip('/')}/hooks/telegram/{workspace_key}"


def _require_owner(conn: psycopg.Connection, workspace_id: str) -> None:
    if not conn.execute("select cercle.is_owner(%s)", (workspace_id,)).fetchone()[0]:
        raise TelegramError("owner_only")


def configure_telegram(db: Database, principal: Principal, workspace_id: str, token: str, *,
                       base_url: str | None = None, api_url: str = TELEGRAM_API) -> TelegramStatus:
    """Saves the bot token and registers the webhook with a fresh secret (owners only). The workspace keeps its
    webhook key across calls. Nothing is saved unless Telegram accepted the webhook. Raises TelegramError."""
    token = (token or "").strip()
    if not TOKEN_PATTERN.match(token):
        raise TelegramError("bad_token")
    base = base_url_or_default(base_url)
    if not base.startswith("https://"):
        raise TelegramError("webhook_url", url=base[:80])
    secret = new_webhook_secret()
    with db.tenant(principal) as conn:
        _require_owner(conn, workspace_id)
        row = conn.execute(
            "insert into public.telegram_settings (workspace_id, bot_token, webhook_key, webhook_secret_hash,"
            " updated_by) values (%s, %s, %s, %s, %s) on conflict (workspace_id) do update set"
            " bot_token = excluded.bot_token, webhook_secret_hash = excluded.webhook_secret_hash,"
            " updated_by = excluded.updated_by, updated_at = now()"
            " returning bot_id, webhook_key, updated_at",
            (workspace_id, token, new_webhook_key(), secret_hash(secret), principal.user_id),
        ).fetchone()
        bot_id, key, updated_at = row
        url = webhook_url(base, key)
        # inside the transaction: if Telegram refuses, the old token and secret stay as they were
        with TelegramClient(token, api_url) as client:
            client.set_webhook(url, secret, WEBHOOK_UPDATES)
    return TelegramStatus(bot_id, url, updated_at)


def telegram_status(db: Database, principal: Principal, workspace_id: str, *,
                    base_url: str | None = None) -> TelegramStatus | None:
    """The set-up for an owner; None when Telegram is not configured or the user is not an owner."""
    with db.tenant(principal) as conn:
        row = conn.execute("select bot_id, webhook_key, updated_at from public.telegram_settings"
                           " where workspace_id = %s", (workspace_id,)).fetchone()
    if row is None:
        return None
    return TelegramStatus(row[0], webhook_url(base_url_or_default(base_url), row[1]), row[2])


def remove_telegram(db: Database, principal: Principal, workspace_id: str) -> bool:
    """Forgets the token (owners only); the webhook then answers 404. Links and joins stay."""
    with db.tenant(principal) as conn:
        _require_owner(conn, workspace_id)
        return conn.execute("delete from public.telegram_settings where workspace_id = %s",
                            (workspace_id,)).rowcount > 0


def _chat_id(chat_id: object) -> int:
    text = str(chat_id).strip()
    if not re.fullmatch(r"-?[0-9]{1,20}", text):
        raise TelegramError("bad_chat", chat=text[:40])
    return int(text)


def set_community_chat(db: Database, principal: Principal, workspace_id: str, community_id: str,
                       chat_id: int | str | None) -> None:
    """Ties a Telegram community to its chat (None unties it). Owners only. Raises TelegramError."""
    with db.tenant(principal) as conn:
        _require_owner(conn, workspace_id)
        found = conn.execute("select name, channel from public.communities where workspace_id = %s and id = %s",
                             (workspace_id, community_id)).fetchone()
        if found is None:
            from lib.links import LinkError

            raise LinkError("unknown_community")
        if chat_id is None:
            conn.execute("delete from public.telegram_chats where community_id = %s", (community_id,))
            return
        if found[1] not in TELEGRAM_CHANNELS:
            raise TelegramError("not_telegram", name=found[0])
        chat = _chat_id(chat_id)
        try:
            with conn.transaction():
                conn.execute("insert into public.telegram_chats (workspace_id, community_id, chat_id)"
                             " values (%s, %s, %s) on conflict (community_id) do update set chat_id = excluded.chat_id",
                             (workspace_id, community_id, chat))
        except psycopg.errors.UniqueViolation as exc:
            raise TelegramError("chat_taken") from exc


def seen_chats(db: Database, principal: Principal, workspace_id: str) -> list[SeenChat]:
    """Groups and channels the bot has seen, most recent first, with the community each is tied to."""
    with db.tenant(principal) as conn:
        rows = conn.execute(
            "select s.chat_id, s.chat_type, s.title, c.community_id::text from public.telegram_seen_chats s"
            " left join public.telegram_chats c on c.workspace_id = s.workspace_id and c.chat_id = s.chat_id"
            " where s.workspace_id = %s order by s.seen_at desc, s.chat_id", (workspace_id,)).fetchall()
    return [SeenChat(*row) for row in rows]


# --- links --------------------------------------------------------------------------------------------------

_LINK_COLUMNS = "id::text, community_id::text, source, code, destination, enabled, expires_at"


def create_telegram_link(db: Database, principal: Principal, workspace_id: str, community_id: str, source: str, *,
                         expires_at: dt.datetime | None = None, member_limit: int | None = None,
                         creates_join_request: bool = False, base_url: str | None = None,
                         api_url: str = TELEGRAM_API) -> InviteLink:
    """A Telegram invite link named after ``source`` (its first 32 characters) made by the bot in the community's
    chat, behind a new tracked link ``/r/{code}`` whose destination it is. Owners only (the bot's token is
    theirs). Raises TelegramError or LinkError."""
    from lib.links import LinkError

    source = " ".join((source or "").split())
    if not 1 <= len(source) <= 120:
        raise LinkError("bad_source")
    if member_limit is not None and not 1 <= int(member_limit) <= MAX_MEMBER_LIMIT:
        raise TelegramError("bad_limit")
    if member_limit is not None and creates_join_request:
        raise TelegramError("limit_with_request")
    if expires_at is not None:
        if expires_at.tzinfo is None:
            raise ValueError("expires_at must be timezone-aware")
        if expires_at <= dt.datetime.now(dt.UTC):
            raise TelegramError("past_expiry")
    with db.tenant(principal) as conn:
        _require_owner(conn, workspace_id)
        settings = conn.execute("select bot_token from public.telegram_settings where workspace_id = %s",
                                (workspace_id,)).fetchone()
        community = conn.execute(
            "select c.name, c.channel, t.chat_id from public.communities c"
            " left join public.telegram_chats t on t.community_id = c.id"
            " where c.workspace_id = %s and c.id = %s", (workspace_id, community_id)).fetchone()
    if community is None:
        raise LinkError("unknown_community")
    name, channel, chat = community
    if channel not in TELEGRAM_CHANNELS:
        raise TelegramError("not_telegram", name=name)
    if settings is None:
        raise TelegramError("not_configured")
    if chat is None:
        raise TelegramError("no_chat", name=name)
    with TelegramClient(settings[0], api_url) as client:
        made = client.create_invite_link(chat, source[:MAX_LINK_NAME], expire_date=expires_at,
                                         member_limit=member_limit, creates_join_request=creates_join_request)
        invite = made["invite_link"].strip()
        try:
            if not INVITE_PATTERN.match(invite) or len(invite) > 300:
                raise TelegramError("bad_answer")
            return _store_telegram_link(db, principal, workspace_id, community_id, source, invite, chat,
                                        expires_at, member_limit, creates_join_request, base_url_or_default(base_url))
        except BaseException:
            # not stored: a Telegram link nobody can attribute should not stay usable
            try:
                client.revoke_invite_link(chat, invite)
            except TelegramError:
                log.warning("an unsaved Telegram invite link of chat %s could not be revoked", chat)
            raise


def _store_telegram_link(db: Database, principal: Principal, workspace_id: str, community_id: str, source: str,
                         invite: str, chat: int, expires_at: dt.datetime | None, member_limit: int | None,
                         creates_join_request: bool, base: str) -> InviteLink:
    for attempt in range(_CODE_ATTEMPTS):
        try:
            with db.tenant(principal) as conn:
                row = conn.execute(
                    f"insert into public.invite_links (workspace_id, community_id, source, code, destination,"
                    f" expires_at, created_by) values (%s, %s, %s, %s, %s, %s, %s) returning {_LINK_COLUMNS}",
                    (workspace_id, community_id, source, new_code(), invite, expires_at, principal.user_id),
                ).fetchone()
                conn.execute(
                    "insert into public.telegram_invite_links (link_id, workspace_id, chat_id, invite_link,"
                    " member_limit, creates_join_request) values (%s, %s, %s, %s, %s, %s)",
                    (row[0], workspace_id, chat, invite, member_limit, creates_join_request),
                )
            return _link(row, base)
        except psycopg.errors.UniqueViolation as exc:
            # a code already taken (about 1 in 10**17): draw another; the same Telegram link twice: give up
            if attempt == _CODE_ATTEMPTS - 1 or "telegram_invite_links" in str(exc):
                raise TelegramError("bad_answer") from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise TelegramError("owner_only") from exc
    raise AssertionError("unreachable")


# --- statistics ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommunityJoins:
    community_id: str | None  # None: joins in a chat tied to no community
    name: str | None
    attributed: int
    unattributed: int
    requests: int


@dataclass(frozen=True)
class LinkJoins:
    link_id: str
    code: str
    source: str
    community_id: str
    community: str
    joins: int
    requests: int


@dataclass(frozen=True)
class TelegramJoinStats:
    communities: list[CommunityJoins]
    links: list[LinkJoins]


def telegram_joins(db: Database, principal: Principal, workspace_id: str) -> TelegramJoinStats:
    """Joins (and join requests) reported by the bot, per community (attributed to a tracked link or not) and
    per Telegram link. Counts events: someone who leaves and comes back counts again (usually unattributed)."""
    with db.tenant(principal) as conn:
        communities = conn.execute(
            "select j.community_id::text, c.name,"
            " count(*) filter (where j.kind = 'join' and j.link_id is not null)::int,"
            " count(*) filter (where j.kind = 'join' and j.link_id is null)::int,"
            " count(*) filter (where j.kind = 'join_request')::int"
            " from public.telegram_joins j left join public.communities c on c.id = j.community_id"
            " where j.workspace_id = %s group by j.community_id, c.name order by c.name nulls last",
            (workspace_id,)).fetchall()
        links = conn.execute(
            "select l.id::text, l.code, l.source, c.id::text, c.name,"
            " count(j.id) filter (where j.kind = 'join')::int,"
            " count(j.id) filter (where j.kind = 'join_request')::int"
            " from public.telegram_invite_links t join public.invite_links l on l.id = t.link_id"
            " join public.communities c on c.id = l.community_id"
            " left join public.telegram_joins j on j.link_id = l.id"
            " where t.workspace_id = %s group by l.id, l.code, l.source, c.id, c.name"
            " order by 6 desc, l.created_at, l.code", (workspace_id,)).fetchall()
    return TelegramJoinStats([CommunityJoins(*row) for row in communities], [LinkJoins(*row) for row in links])


def revoke_disabled_link(db: Database, principal: Principal, workspace_id: str, link_id: str, *,
                         api_url: str = TELEGRAM_API) -> bool | None:
    """After a tracked link is disabled: its Telegram invite link (when it has one) is revoked at Telegram too, so
    the link people already copied stops working there as well. True when revoked, None when the link is not a
    Telegram one, False when it could not be revoked here (not an owner, no bot, Telegram refused): the page then
    says the owner must revoke it. Never raises for Telegram's sake: the link is already disabled in Cercle."""
    with db.tenant(principal) as conn:
        found = conn.execute("select chat_id, invite_link from public.telegram_invite_links"
                             " where workspace_id = %s and link_id = %s", (workspace_id, link_id)).fetchone()
        if found is None:
            return None
        settings = conn.execute("select bot_token from public.telegram_settings where workspace_id = %s",
                                (workspace_id,)).fetchone()  # owners only (row level security)
    if settings is None:
        return False
    try:
        with TelegramClient(settings[0], api_url) as client:
            client.revoke_invite_link(found[0], found[1])
    except TelegramError:
        log.warning("the Telegram invite link of a disabled link of chat %s could not be revoked", found[0])
        return False
    return True
