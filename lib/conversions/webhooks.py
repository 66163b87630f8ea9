"""Orders pushed by the shop as they happen: Shopify and WooCommerce webhooks, signed, once per delivery.

Routes
- ``POST /hooks/shopify`` and ``POST /hooks/woocommerce`` (the bare paths): the workspace is the one whose
  settings name the shop the delivery says it comes from (``X-Shopify-Shop-Domain``, ``X-WC-Webhook-Source``,
  normalised by ``normalise_shop``). A shop is connected to one workspace at most (a unique key), so a delivery
  is checked against exactly one secret.
- ``POST /hooks/shopify/{hook_key}`` and ``POST /hooks/woocommerce/{hook_key}``: the same, the workspace named by
  a random key of its own (never its uuid); what the settings page gives to paste, as it works even when the
  shop's header is not what the owner typed (a WordPress site moved to another address, say).

Whichever the path, a request is checked against ONE secret, the one of the connection it names: nobody can make
Cercle try a signature against other workspaces' secrets, and an unknown shop, an unknown key, a missing or wrong
signature all get the same 401 (a refused signature is counted on the connection, for the settings page).

Each request, in order: the body is read by ``lib.hooks.read_body`` (a declared ``Content-Length`` over ``MAX_BODY``
refused before reading, 413; the same cap whatever was declared, 413; the whole body within its deadline, 408);
WooCommerce's creation ping (an unsigned form body ``webhook_id=N``) is answered 200 and nothing else happens; the
connection's secret is fetched through the security-definer function ``cercle_shop_hooks.signing_key`` (as role
``service_role``, never by reading the table); the base64 HMAC-SHA256 of the raw body is compared with the header
in constant time; only then is the body parsed (400 for anything that is not the expected JSON, nothing stored).
Topics Cercle does not use get 200.

Processing runs in one transaction as role ``authenticated`` on behalf of an owner of the workspace (the one who
connected the shop while they are an owner, else the longest-standing owner), so row level security confines it
to that workspace like any other unit of work:
- the delivery id (``X-Shopify-Webhook-Id``, ``X-WC-Webhook-Delivery-ID``; the body's SHA-256 when absent) is
  recorded first: a replay finds it and changes nothing;
- each order is kept with the shop's own id and its ``updated_at`` / ``date_modified_gmt``: an older update
  arriving after a newer one, or the same version again under a new delivery id (a replay), is recorded as
  ``stale`` and changes nothing; an order with known refunds never goes back to « paid »;
- refunds are kept by their id, so the same refund told twice (``refunds/create``, then the order's update)
  counts once; an order's refunded amount is the larger of what Cercle knew and the sum of its known refunds;
  refunded in full, the order stops being a sale;
- the order is written with ``lib.conversions.store.store_orders`` under the number the shop's CSV export uses
  (Shopify's ``name`` such as ``#1001``, WooCommerce's ``number``), so an import and a webhook of the same order
  are one order; buyers are matched and orders attributed there.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import psycopg
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from lib.audit import record
from lib.conversions.orders import DECLARED_COLUMNS, Order, OrderLine, parse_money, status_meaning
from lib.conversions.store import store_orders
from lib.db import Database, DatabaseUnavailable, Principal, get_database
from lib.hooks import BodyRefused, answer, read_body
from lib.i18n import TranslatedError
from lib.settings import base_url_or_default

log = logging.getLogger(__name__)

PLATFORMS = ("shopify", "woocommerce")
MAX_BODY = 1024 * 1024
SIGNATURE_HEADER = {"shopify": "X-Shopify-Hmac-Sha256", "woocommerce": "X-WC-Webhook-Signature"}
SHOP_HEADER = {"shopify": "X-Shopify-Shop-Domain", "woocommerce": "X-WC-Webhook-Source"}
TOPIC_HEADER = {"shopify": "X-Shopify-Topic", "woocommerce": "X-WC-Webhook-Topic"}
DELIVERY_HEADER = {"shopify": "X-Shopify-Webhook-Id", "woocommerce": "X-WC-Webhook-Delivery-ID"}
SHOPIFY_ORDER_TOPICS = ("orders/create", "orders/updated", "orders/paid", "orders/cancelled")
SHOPIFY_TOPICS = (*SHOPIFY_ORDER_TOPICS, "refunds/create")
WOOCOMMERCE_TOPICS = ("order.created", "order.updated", "order.deleted")
# Mirrored by the check constraints of 20261130100100_shop_webhooks.sql.
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
SHOP_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.:/_~%-]{2,252}$")
MIN_SECRET, MAX_SECRET = 16, 512
_AMOUNT = re.compile(r"^-?[0-9]{1,15}(\.[0-9]{1,6})?$")
_PING = re.compile(rb"^webhook_id=[0-9]{1,20}$")
_UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
_MAX_LINES = 1000
_WOO_ORDER_KEYS = ("number", "status", "total", "line_items", "date_created", "date_created_gmt", "billing")


class WebhookError(TranslatedError):
    """A refusal in the settings, whose ``message`` is the catalog sentence ``webhooks.error.<code>``."""

    prefix = "webhooks.error."


class PayloadError(ValueError):
    """A signed body that is not the order, refund or deletion its topic announces."""


# --- signatures --------------------------------------------------------------------------------------------


def sign(body: bytes, secret: str) -> str:
    """The signature Shopify and WooCommerce send: base64 of the HMAC-SHA256 of the raw body keyed by the secret."""
    return base64.b64encode(hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()).decode("ascii")


def check_signature(body: bytes, given: str | None, secret: str | None) -> bool:
    """Whether ``given`` is the body's signature with ``secret``, compared in constant time."""
    if not given or not secret:
        return False
    return hmac.compare_digest(sign(body, secret).encode("ascii"), given.strip().encode("latin-1", "replace"))


def is_ping(platform: str, body: bytes, signature: str | None) -> bool:
    """WooCommerce's creation ping: an unsigned form body ``webhook_id=N``."""
    return platform == "woocommerce" and not signature and bool(_PING.match(body.strip()))


def normalise_shop(text: str | None) -> str | None:
    """A shop as deliveries name it and as owners type it: ``Ma-Boutique.myshopify.com``,
    ``https://www.domaine.fr/``, ``domaine.fr/boutique`` -> ``ma-boutique.myshopify.com``, ``domaine.fr``,
    ``domaine.fr/boutique``. None when empty or not shaped like a host name."""
    text = (text or "").strip().lower()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.username or parts.password or "." not in host:
        return None
    if host.startswith("www."):
        host = host[4:]
    shop = host + (f":{port}" if port else "") + parts.path.rstrip("/")
    return shop if SHOP_PATTERN.match(shop) else None


# --- payloads ----------------------------------------------------------------------------------------------


@dataclass
class ShopEvent:
    """What a delivery says: ``kind`` is ``order`` (the whole order), ``refund`` (refunds of the order whose shop
    id is ``external_id``), ``delete`` (the order was deleted) or ``ignored`` (a topic Cercle does not use)."""

    kind: str
    external_id: str | None = None
    order: Order | None = None
    updated_at: dt.datetime | None = None
    refunds: list[tuple[str, int]] = field(default_factory=list)  # (refund id, cents), each once


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _text(value: object, limit: int = 500) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.replace("\x00", "").strip()  # PostgreSQL text cannot hold NUL
    return value[:limit] if value else None


def _money(value: object) -> int | None:
    """Cents from the shops' JSON amounts ("49.90", "-6.00", 18, 18.5); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = repr(value)
    if not isinstance(value, str) or not _AMOUNT.match(value.strip()):
        return None
    return parse_money(value.strip())


def _identifier(value: object) -> str | None:
    text = _text(value, 64)
    return text if text is not None and re.fullmatch(r"[A-Za-z0-9_.:/-]{1,64}", text) else None


def _moment(value: object, *, utc_if_naive: bool = False) -> dt.datetime | None:
    text = _text(value, 64)
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        if not utc_if_naive:
            return None
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def _order_time(moment: dt.datetime | None) -> str | None:
    """As lib.conversions.orders.parse_order_time reads it, offset included."""
    return moment.strftime("%Y-%m-%d %H:%M:%S %z") if moment else None


def _lines(items: object, name_keys: tuple[str, ...]) -> list[OrderLine]:
    lines = []
    for item in _list(items)[:_MAX_LINES]:
        item = _dict(item)
        name = next((text for text in (_text(item.get(key)) for key in name_keys) if text), None)
        if name is None:
            continue
        quantity = item.get("quantity")
        quantity = quantity if isinstance(quantity, int) and not isinstance(quantity, bool) and quantity >= 0 else 1
        lines.append(OrderLine(name, quantity, _money(item.get("price"))))
    return lines


def _shopify_refund(refund: dict) -> tuple[str, int] | None:
    """(refund id, cents) of one Shopify refund: its successful refund transactions."""
    refund_id = _identifier(refund.get("id"))
    if refund_id is None:
        return None
    cents = 0
    for transaction in _list(refund.get("transactions")):
        transaction = _dict(transaction)
        if transaction.get("kind", "refund") != "refund" or transaction.get("status", "success") != "success":
            continue
        cents += abs(_money(transaction.get("amount")) or 0)
    return refund_id, cents


def parse_shopify(topic: str, data: object) -> ShopEvent:
    """The event in a decoded Shopify delivery. Raises PayloadError when the body is not what ``topic`` says."""
    if topic not in SHOPIFY_TOPICS:
        return ShopEvent("ignored")
    if not isinstance(data, dict):
        raise PayloadError("not an object")
    if topic == "refunds/create":
        order_id = _identifier(data.get("order_id"))
        refund = _shopify_refund(data)
        if order_id is None or refund is None:
            raise PayloadError("a refund without its id or its order's id")
        return ShopEvent("refund", order_id, refunds=[refund])
    external_id = _identifier(data.get("id"))
    number = _text(data.get("name"), 100)
    if number is None and _text(data.get("order_number"), 40):
        number = f"#{_text(data.get('order_number'), 40)}"
    if external_id is None or number is None:
        raise PayloadError("an order without its id or name")
    customer, billing = _dict(data.get("customer")), _dict(data.get("billing_address"))
    shipping = _dict(data.get("shipping_address"))
    refunds = [found for found in (_shopify_refund(_dict(r)) for r in _list(data.get("refunds"))) if found]
    code = next((text for text in (_text(_dict(c).get("code"), 200) for c in _list(data.get("discount_codes")))
                 if text), None)
    declared_names = {name.lower() for name in DECLARED_COLUMNS}
    declared = next((_text(_dict(a).get("value"), 200) for a in _list(data.get("note_attributes"))
                     if (_text(_dict(a).get("name"), 200) or "").lower() in declared_names), None)
    order = Order(
        source="shopify", number=number, row=1, created_at=_order_time(_moment(data.get("created_at"))),
        currency=_text(data.get("currency"), 10), total_cents=_money(data.get("total_price")),
        refunded_cents=sum(cents for _, cents in refunds),
        financial_status=(_text(data.get("financial_status"), 60) or "").lower() or None,
        cancelled=_text(data.get("cancelled_at")) is not None,
        email=next((e for e in (_text(v, 320) for v in (data.get("email"), data.get("contact_email"),
                                                         customer.get("email"))) if e), None),
        phone=next((p for p in (_text(v, 60) for v in (data.get("phone"), customer.get("phone"), billing.get("phone"),
                                                       shipping.get("phone"))) if p), None),
        discount_code=code, landing_site=_text(data.get("landing_site"), 4096),
        lines=_lines(data.get("line_items"), ("name", "title")), declared_source=declared,
    )
    return ShopEvent("order", external_id, order, _moment(data.get("updated_at")), refunds)


def woocommerce_landing_site(meta_data: object) -> str | None:
    """A landing-site URL carrying the UTM parameters WooCommerce (8.5+) recorded in the order's attribution
    meta data (``_wc_order_attribution_*``), after the session's entry page when it was recorded."""
    meta = {}
    for item in _list(meta_data):
        item = _dict(item)
        key = _text(item.get("key"), 100)
        if key and key.startswith("_wc_order_attribution_") and key not in meta:
            meta[key.removeprefix("_wc_order_attribution_")] = _text(item.get("value"), 1000)
    utms = [(key, meta[key]) for key in _UTM_KEYS if meta.get(key) and meta[key] != "(none)"]
    entry = meta.get("session_entry")
    entry = entry if entry and entry.startswith(("http://", "https://", "/")) else None
    if not utms:
        return entry
    base = entry or "/"
    return f"{base}{'&' if '?' in base else '?'}{urlencode(utms)}"[:4096]


def parse_woocommerce(topic: str, data: object) -> ShopEvent:
    """The event in a decoded WooCommerce delivery. Raises PayloadError when the body is not what ``topic`` says."""
    if topic not in WOOCOMMERCE_TOPICS:
        return ShopEvent("ignored")
    if not isinstance(data, dict):
        raise PayloadError("not an object")
    external_id = _identifier(data.get("id"))
    if external_id is None:
        raise PayloadError("an order without its id")
    if topic == "order.deleted":
        # WooCommerce tells a deletion with the order's id alone ({"id": 4750}). The topic header is not signed:
        # a whole order announced as deleted is a signed order body replayed under another topic, not a deletion.
        if any(key in data for key in _WOO_ORDER_KEYS):
            raise PayloadError("an order body announced as a deletion")
        return ShopEvent("delete", external_id)
    if data.get("total") is None or data.get("status") is None:
        # likewise a deletion body ({"id": ...}) replayed as an update must not blank the order
        raise PayloadError("an order without its total or status")
    number = _text(data.get("number"), 100) or external_id
    status = (_text(data.get("status"), 60) or "").lower() or None
    billing = _dict(data.get("billing"))
    refunds = []
    for refund in _list(data.get("refunds")):
        refund = _dict(refund)
        refund_id = _identifier(refund.get("id"))
        if refund_id is not None:
            refunds.append((refund_id, abs(_money(refund.get("total")) or 0)))
    code = next((text for text in (_text(_dict(c).get("code"), 200) for c in _list(data.get("coupon_lines")))
                 if text), None)
    created = _moment(data.get("date_created_gmt"), utc_if_naive=True) or _moment(data.get("date_created"))
    updated = _moment(data.get("date_modified_gmt"), utc_if_naive=True) or _moment(data.get("date_modified"))
    order = Order(
        source="woocommerce", number=number, row=1, created_at=_order_time(created),
        currency=_text(data.get("currency"), 10), total_cents=_money(data.get("total")),
        refunded_cents=sum(cents for _, cents in refunds), financial_status=status,
        cancelled=False, email=_text(billing.get("email"), 320),
        phone=_text(billing.get("phone"), 60), discount_code=code,
        landing_site=woocommerce_landing_site(data.get("meta_data")),
        lines=_lines(data.get("line_items"), ("name",)),
    )
    # as WooCommerce's exports are read: pending, on-hold, failed, cancelled, refunded, draft, trash are no sale
    order.sale, order.cancelled = status_meaning(status)
    return ShopEvent("order", external_id, order, updated, refunds)


def parse_event(platform: str, topic: str, body: bytes) -> ShopEvent:
    """The event in a verified body. Raises PayloadError for a body that is not JSON or not the topic's object."""
    if topic not in (SHOPIFY_TOPICS if platform == "shopify" else WOOCOMMERCE_TOPICS):
        return ShopEvent("ignored")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise PayloadError("not JSON") from exc
    return parse_shopify(topic, data) if platform == "shopify" else parse_woocommerce(topic, data)


# --- processing --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SigningKey:
    workspace_id: str
    secret: str = field(repr=False)  # never in a log line or a traceback's repr
    actor: str | None = None


def signing_key(db: Database, platform: str, hook_key: str | None, shop: str | None) -> SigningKey | None:
    """The secret of the one connection a request names (by path key, else by shop), or None."""
    with db.admin() as conn:
        conn.execute("set local role service_role")
        row = conn.execute("select workspace_id::text, secret, actor::text"
                           " from cercle_shop_hooks.signing_key(%s, %s, %s)", (platform, hook_key, shop)).fetchone()
    return SigningKey(*row) if row else None


def note_rejected(db: Database, workspace_id: str, platform: str) -> None:
    with db.admin() as conn:
        conn.execute("set local role service_role")
        conn.execute("select cercle_shop_hooks.note_rejected(%s, %s)", (workspace_id, platform))


_STORED_ORDER_SQL = """
select number, created_at, currency, total_cents, refunded_cents, financial_status, cancelled, email, phone_e164,
       discount_code, landing_site, declared_source, is_sale
from public.orders where workspace_id = %s and source = %s and number = %s
"""


def _stored_order(conn: psycopg.Connection, workspace_id: str, platform: str, number: str) -> Order | None:
    row = conn.execute(_STORED_ORDER_SQL, (workspace_id, platform, number)).fetchone()
    if row is None:
        return None
    lines = [OrderLine(*line) for line in conn.execute(
        "select l.name, l.quantity, l.unit_price_cents from public.order_lines l join public.orders o"
        " on o.id = l.order_id where o.workspace_id = %s and o.source = %s and o.number = %s order by l.position",
        (workspace_id, platform, number))]
    return Order(source=platform, number=row[0], row=1, created_at=_order_time(row[1]), currency=row[2],
                 total_cents=row[3], refunded_cents=row[4], financial_status=row[5], cancelled=row[6], email=row[7],
                 phone=row[8], discount_code=row[9], landing_site=row[10], lines=lines, declared_source=row[11],
                 sale=row[12])


def _known_refunds(conn: psycopg.Connection, workspace_id: str, platform: str, number: str,
                   refunds: list[tuple[str, int]]) -> int:
    """Records ``refunds`` (each id once) and returns the sum of all the order's known refunds."""
    for refund_id, cents in refunds:
        conn.execute("insert into public.shop_webhook_refunds (workspace_id, platform, number, refund_id, amount_cents)"
                     " values (%s, %s, %s, %s, %s) on conflict do nothing",
                     (workspace_id, platform, number, refund_id, min(cents, 10**13)))
    return conn.execute("select coalesce(sum(amount_cents), 0) from public.shop_webhook_refunds"
                        " where workspace_id = %s and platform = %s and number = %s",
                        (workspace_id, platform, number)).fetchone()[0]


def _apply_order(conn: psycopg.Connection, workspace_id: str, platform: str, event: ShopEvent) -> tuple[str, str]:
    order = event.order
    assert order is not None and event.external_id is not None
    order.number = order.number[:100]
    known = conn.execute("select updated_at from public.shop_webhook_orders"
                         " where workspace_id = %s and platform = %s and external_id = %s",
                         (workspace_id, platform, event.external_id)).fetchone()
    # the delivery's headers (topic, id) are not signed: an order body without its version cannot be placed after
    # the one Cercle has, so it changes nothing; nor can the same version again (a body replayed under a new
    # delivery id, after a refund told separately, would take the order back to « paid »)
    if known and known[0] and (event.updated_at is None or event.updated_at <= known[0]):
        return "stale", order.number
    conn.execute(
        "insert into public.shop_webhook_orders as o (workspace_id, platform, external_id, number, updated_at)"
        " values (%s, %s, %s, %s, %s) on conflict (workspace_id, platform, external_id) do update"
        " set number = excluded.number, updated_at = greatest(o.updated_at, excluded.updated_at)",
        (workspace_id, platform, event.external_id, order.number, event.updated_at))
    refunded = _known_refunds(conn, workspace_id, platform, order.number, event.refunds)
    stored = conn.execute("select refunded_cents from public.orders where workspace_id = %s and source = %s"
                          " and number = %s", (workspace_id, platform, order.number)).fetchone()
    # refunds only ever grow: what an export or an earlier delivery told is never lowered
    order.refunded_cents = max(order.refunded_cents, refunded, stored[0] if stored else 0)
    _refund_status(order)
    _store(conn, workspace_id, order)
    return "stored", order.number


def _apply_to_known(conn: psycopg.Connection, workspace_id: str, platform: str,
                    event: ShopEvent) -> tuple[str, str | None]:
    """A refund or a deletion of an order Cercle knows by the shop's id."""
    found = conn.execute("select number from public.shop_webhook_orders"
                         " where workspace_id = %s and platform = %s and external_id = %s",
                         (workspace_id, platform, event.external_id)).fetchone()
    order = _stored_order(conn, workspace_id, platform, found[0]) if found else None
    if order is None:
        return "unknown_order", None
    if event.kind == "delete":
        order.cancelled = True
    else:
        refunded = _known_refunds(conn, workspace_id, platform, order.number, event.refunds)
        order.refunded_cents = max(order.refunded_cents, refunded)
        _refund_status(order)
    _store(conn, workspace_id, order)
    return "stored", order.number


# Statuses that already say more than a refund would: kept as they are.
_FINAL_STATUSES = ("refunded", "voided", "cancelled", "failed")


def _refund_status(order: Order) -> None:
    """An order with known refunds says so, whatever the body said: its status never goes back to « paid »
    (a refund told by ``refunds/create`` is not in the order's version), and refunded in full it is no sale."""
    if order.total_cents is None or order.refunded_cents <= 0:
        return
    if (order.financial_status or "").lower() not in _FINAL_STATUSES:
        order.financial_status = "refunded" if order.refunded_cents >= order.total_cents else "partially_refunded"
    if order.refunded_cents >= order.total_cents:
        order.sale = False  # refunded in full, even if the shop's status says otherwise yet


def _store(conn: psycopg.Connection, workspace_id: str, order: Order) -> None:
    region = conn.execute("select default_region from public.workspaces where id = %s", (workspace_id,)).fetchone()
    store_orders(conn, workspace_id, [order], region=region[0] if region else "FR")


def process_delivery(db: Database, key: SigningKey, platform: str, delivery_id: str, topic: str,
                     event: ShopEvent) -> str:
    """Applies one verified delivery once, on behalf of the workspace's owner. Returns ``duplicate`` (seen
    before: nothing changed), ``stored``, ``stale``, ``unknown_order`` or ``ignored``."""
    assert key.actor is not None, "a delivery is applied on behalf of an owner"
    with db.tenant(Principal(key.actor)) as conn:
        # the lock store_orders takes, taken first: deliveries of one workspace are applied one after the other
        conn.execute("select pg_advisory_xact_lock(hashtextextended('cercle-orders:' || %s, 0))", (key.workspace_id,))
        inserted = conn.execute(
            "insert into public.shop_webhook_deliveries (workspace_id, platform, delivery_id, topic, outcome)"
            " values (%s, %s, %s, %s, 'ignored') on conflict do nothing returning 1",
            (key.workspace_id, platform, delivery_id[:200], topic[:60])).fetchone()
        if inserted is None:
            return "duplicate"
        number = None
        if event.kind == "order":
            outcome, number = _apply_order(conn, key.workspace_id, platform, event)
        elif event.kind in ("refund", "delete"):
            outcome, number = _apply_to_known(conn, key.workspace_id, platform, event)
        else:
            outcome = "ignored"
        conn.execute("update public.shop_webhook_deliveries set outcome = %s, order_number = %s"
                     " where workspace_id = %s and platform = %s and delivery_id = %s",
                     (outcome, number, key.workspace_id, platform, delivery_id[:200]))
    return outcome


# --- routes ------------------------------------------------------------------------------------------------


async def _receive(request: Request, platform: str) -> JSONResponse:
    hook_key = request.path_params.get("hook_key")
    if hook_key is not None and not KEY_PATTERN.match(hook_key):
        return answer(401, "unauthorized")
    try:
        body = await read_body(request, MAX_BODY)
    except BodyRefused as refused:
        return refused.response
    signature = request.headers.get(SIGNATURE_HEADER[platform])
    if is_ping(platform, body, signature):
        return answer(200, "ping")
    shop = None if hook_key is not None else normalise_shop(request.headers.get(SHOP_HEADER[platform]))
    if hook_key is None and shop is None:
        return answer(401, "unauthorized")
    try:
        database = await asyncio.to_thread(get_database)
        key = await asyncio.to_thread(signing_key, database, platform, hook_key, shop)
    except (DatabaseUnavailable, psycopg.Error):
        log.exception("%s webhook: database unavailable", platform)
        return answer(503, "unavailable")
    if key is None:
        log.warning("%s webhook: no connection for this shop or key", platform)
        return answer(401, "unauthorized")
    if not check_signature(body, signature, key.secret):
        log.warning("%s webhook: wrong or missing signature", platform)
        try:
            await asyncio.to_thread(note_rejected, database, key.workspace_id, platform)
        except psycopg.Error:
            log.exception("%s webhook: refusal not counted", platform)
        return answer(401, "unauthorized")
    if key.actor is None:
        # a workspace without any owner left: the shop retries, an owner added in the meantime gets the order
        log.warning("%s webhook: the workspace has no owner to write the order for", platform)
        return answer(503, "no owner")
    topic = (request.headers.get(TOPIC_HEADER[platform]) or "").strip().lower()[:60] or "unknown"
    try:
        event = parse_event(platform, topic, body)
    except PayloadError as exc:
        log.warning("%s webhook: unreadable %s delivery (%s)", platform, topic, exc)
        return answer(400, "unreadable body")
    delivery = (request.headers.get(DELIVERY_HEADER[platform]) or "").strip()[:200]
    delivery = delivery or "sha256:" + hashlib.sha256(body).hexdigest()
    try:
        outcome = await asyncio.to_thread(process_delivery, database, key, platform, delivery, topic, event)
    except (DatabaseUnavailable, psycopg.Error):
        # the shop retries a failed delivery; the delivery id makes the retry count once
        log.exception("%s webhook: delivery not recorded", platform)
        return answer(503, "unavailable")
    log.info("%s webhook %s: %s", platform, topic, outcome)
    return answer(200, outcome)


async def shopify_webhook(request: Request) -> JSONResponse:
    return await _receive(request, "shopify")


async def woocommerce_webhook(request: Request) -> JSONResponse:
    return await _receive(request, "woocommerce")


SHOP_WEBHOOK_ROUTES = [
    Route("/hooks/shopify", shopify_webhook, methods=["POST"]),
    Route("/hooks/shopify/{hook_key}", shopify_webhook, methods=["POST"]),
    Route("/hooks/woocommerce", woocommerce_webhook, methods=["POST"]),
    Route("/hooks/woocommerce/{hook_key}", woocommerce_webhook, methods=["POST"]),
]


# --- settings (owners only) ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShopHookStatus:
    """A connection as an owner may see it: never the secret."""

    platform: str
    shop_domain: str | None
    url: str
    bare_url: str
    connected_at: dt.datetime
    secret_updated_at: dt.datetime
    rejected: int
    last_rejected_at: dt.datetime | None
    deliveries: int
    stored: int
    last_delivery_at: dt.datetime | None


def webhook_url(base_url: str, platform: str, hook_key: str | None = None) -> str:
    url = f"{base_url.rstrip('/')}/hooks/{platform}"
    return f"{url}/{hook_key}" if hook_key else url


def _require_owner(conn: psycopg.Connection, workspace_id: str) -> None:
    if not conn.execute("select cercle.is_owner(%s)", (workspace_id,)).fetchone()[0]:
        raise WebhookError("owner_only")


def _platform(platform: str) -> str:
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}")
    return platform


def connect_shop(db: Database, principal: Principal, workspace_id: str, platform: str, *, secret: str | None,
                 shop: str | None) -> None:
    """Saves the connection of ``platform`` (owners only): the shop's address and, when given, a new secret (a first
    connection needs one). The workspace keeps its webhook key across calls. Raises WebhookError."""
    _platform(platform)
    secret = (secret or "").strip()
    if secret and not MIN_SECRET <= len(secret) <= MAX_SECRET:
        raise WebhookError("bad_secret", minimum=MIN_SECRET, maximum=MAX_SECRET)
    if secret and any(ord(ch) < 32 or ord(ch) == 127 for ch in secret):
        raise WebhookError("bad_secret", minimum=MIN_SECRET, maximum=MAX_SECRET)
    domain = normalise_shop(shop) if (shop or "").strip() else None
    if (shop or "").strip() and domain is None:
        raise WebhookError("bad_shop")
    with db.tenant(principal) as conn:
        _require_owner(conn, workspace_id)
        exists = conn.execute("select 1 from public.shop_webhooks where workspace_id = %s and platform = %s",
                              (workspace_id, platform)).fetchone()
        try:
            with conn.transaction():
                if exists is None:
                    if not secret:
                        raise WebhookError("secret_required")
                    conn.execute("insert into public.shop_webhooks (workspace_id, platform, hook_key, shop_domain,"
                                 " secret, connected_by) values (%s, %s, %s, %s, %s, %s)",
                                 (workspace_id, platform, secrets.token_urlsafe(24), domain, secret,
                                  principal.user_id))
                elif secret:
                    conn.execute("update public.shop_webhooks set shop_domain = %s, secret = %s, connected_by = %s,"
                                 " secret_updated_at = now(), rejected = 0, last_rejected_at = null"
                                 " where workspace_id = %s and platform = %s",
                                 (domain, secret, principal.user_id, workspace_id, platform))
                else:
                    conn.execute("update public.shop_webhooks set shop_domain = %s"
                                 " where workspace_id = %s and platform = %s", (domain, workspace_id, platform))
        except psycopg.errors.UniqueViolation as exc:
            raise WebhookError("shop_taken") from exc
        changed = [f"shop_webhook_{platform}"] + ([f"shop_webhook_{platform}_secret"] if secret and exists else [])
        record(conn, workspace_id, "settings_changed", settings=changed)


def disconnect_shop(db: Database, principal: Principal, workspace_id: str, platform: str) -> bool:
    """Forgets the connection and its secret (owners only); its deliveries are then refused. Orders stay."""
    _platform(platform)
    with db.tenant(principal) as conn:
        _require_owner(conn, workspace_id)
        removed = conn.execute("delete from public.shop_webhooks where workspace_id = %s and platform = %s",
                               (workspace_id, platform)).rowcount > 0
        if removed:
            record(conn, workspace_id, "settings_changed", settings=[f"shop_webhook_{platform}_removed"])
    return removed


_STATUS_SQL = """
select h.platform, h.hook_key, h.shop_domain, h.connected_at, h.secret_updated_at, h.rejected, h.last_rejected_at,
       (select count(*) from public.shop_webhook_deliveries d where d.workspace_id = h.workspace_id
          and d.platform = h.platform),
       (select count(*) from public.shop_webhook_deliveries d where d.workspace_id = h.workspace_id
          and d.platform = h.platform and d.outcome = 'stored'),
       (select max(d.received_at) from public.shop_webhook_deliveries d where d.workspace_id = h.workspace_id
          and d.platform = h.platform)
from public.shop_webhooks h where h.workspace_id = %s
"""


def shop_hook_status(db: Database, principal: Principal, workspace_id: str, *,
                     base_url: str | None = None) -> dict[str, ShopHookStatus]:
    """The workspace's connections by platform, for an owner (empty for anyone else)."""
    base = base_url_or_default(base_url)
    with db.tenant(principal) as conn:
        rows = conn.execute(_STATUS_SQL, (workspace_id,)).fetchall()
    return {row[0]: ShopHookStatus(row[0], row[2], webhook_url(base, row[0], row[1]), webhook_url(base, row[0]),
                                   row[3], row[4], row[5], row[6], row[7], row[8], row[9]) for row in rows}
