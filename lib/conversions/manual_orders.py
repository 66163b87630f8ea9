"""Sales typed in by hand: the cellar door, a wine fair, a tasting evening.

A manual sale is an order of source ``manual`` numbered ``CAVE-<year>-<0001>`` (per workspace and year of the
sale), stored by ``lib.conversions.store.store_orders`` like an imported order: the buyer matched to a contact
by phone or e-mail, then attributed by the same rules (promo code, membership, "how did you hear of us").
A buyer known only by name keeps the name on the order and matches no contact.

Input is checked before anything is written, and every refusal is one French sentence (``ManualSaleError``):
the date within 2000 and tomorrow, an amount written like "45", "45,50" or "1 234,50 €" above zero and at most
one million, a three-letter currency, a readable phone number and e-mail when given, and short texts (names,
notes) kept as typed (``<script>`` is just text) but without control characters. Only manual sales can be
deleted, one by one, when typed by mistake.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from lib import audit, clock
from lib.contacts.phones import clean_phone_cells
from lib.conversions.orders import Order, parse_money
from lib.conversions.store import store_orders
from lib.db import Database, Principal
from lib.i18n import TranslatedError

_PARIS = ZoneInfo("Europe/Paris")
MAX_MANUAL_CENTS = 100_000_000  # one million: no cellar-door sale is larger
EARLIEST = dt.date(2000, 1, 1)
_AMOUNT = re.compile(r"^\s*\d[\d\s\u00a0\u202f.,]*\s*(€|eur|euros?)?\s*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LIMITS = {"name": 200, "declared": 200, "promo_code": 200, "note": 1000}
PREFIX = "CAVE"


class ManualSaleError(TranslatedError):
    prefix = "ordersin.manual.error."


@dataclass(frozen=True)
class ManualSale:
    """What the form sends."""

    sold_on: dt.date | None
    amount: str
    currency: str = "EUR"
    phone: str = ""
    email: str = ""
    name: str = ""
    declared: str = ""
    promo_code: str = ""
    note: str = ""


@dataclass(frozen=True)
class RecordedSale:
    id: str
    number: str
    amount_cents: int
    currency: str
    contact_matched: bool
    community: str | None
    confidence: str
    reason: str | None


def _text(value: str | None, field: str, *, multiline: bool = False) -> str | None:
    """Trimmed text without control characters (a new line is kept in a note); refused when too long."""
    text = "".join(ch for ch in (value or "") if (multiline and ch == "\n")
                   or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    text = text.strip()
    if len(text) > _LIMITS[field]:
        raise ManualSaleError(f"too_long_{field}", limit=_LIMITS[field])
    return text or None


def check_sale(sale: ManualSale, region: str = "FR", today: dt.date | None = None) -> Order:
    """The order a manual sale becomes, or ManualSaleError saying in French what is wrong."""
    today = today or clock.today()
    if not isinstance(sale.sold_on, dt.date):
        raise ManualSaleError("no_date")
    sold_on = sale.sold_on.date() if isinstance(sale.sold_on, dt.datetime) else sale.sold_on
    if not EARLIEST <= sold_on <= today + dt.timedelta(days=1):
        raise ManualSaleError("bad_date", earliest=f"{EARLIEST:%d/%m/%Y}", latest=f"{today:%d/%m/%Y}")
    amount_text = (sale.amount or "").strip()
    if not amount_text:
        raise ManualSaleError("no_amount")
    if amount_text.startswith("-"):
        raise ManualSaleError("negative_amount")
    cents = parse_money(amount_text) if _AMOUNT.match(amount_text) and len(amount_text) <= 40 else None
    if cents is None:
        raise ManualSaleError("bad_amount", amount=amount_text[:40])
    if cents <= 0:
        raise ManualSaleError("negative_amount")
    if cents > MAX_MANUAL_CENTS:
        raise ManualSaleError("huge_amount")
    currency = (sale.currency or "EUR").strip().upper()
    if not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
        raise ManualSaleError("bad_currency")
    phone_text = _text(sale.phone, "name")
    phone = None
    if phone_text:
        [cell] = clean_phone_cells([phone_text], region)
        if cell.code != "ok" or cell.primary is None:
            raise ManualSaleError("bad_phone")
        phone = cell.primary.e164
    email = _text(sale.email, "name")
    if email and not _EMAIL.match(email):
        raise ManualSaleError("bad_email")
    name = _text(sale.name, "name")
    return Order(source="manual", number="", row=0, created_at=f"{sold_on:%Y-%m-%d} 12:00:00", currency=currency,
                 total_cents=cents, refunded_cents=0, financial_status=None, cancelled=False, email=email,
                 phone=phone, discount_code=_text(sale.promo_code, "promo_code"), landing_site=None,
                 declared_source=_text(sale.declared, "declared"), sale=True, buyer_name=name,
                 note=_text(sale.note, "note", multiline=True))


def _next_number(conn, workspace_id: str, year: int) -> str:
    prefix = f"{PREFIX}-{year}-"
    last = conn.execute(
        "select coalesce(max(substring(number from %s)::integer), 0) from public.orders "
        "where workspace_id = %s and source = 'manual' and number ~ %s",
        (r"-(\d{4,6})$", workspace_id, rf"^{PREFIX}-{year}-\d{{4,6}}$")).fetchone()[0]
    return f"{prefix}{last + 1:04d}"


def record_manual_sale(db: Database, principal: Principal, workspace_id: str, sale: ManualSale, *,
                       region: str = "FR", today: dt.date | None = None) -> RecordedSale:
    """Checks and stores one manual sale in one transaction; returns it with its number and attribution."""
    order = check_sale(sale, region, today)
    with db.tenant(principal) as conn:
        conn.execute("select pg_advisory_xact_lock(hashtextextended('cercle-orders:' || %s, 0))", (workspace_id,))
        order.number = _next_number(conn, workspace_id, int(order.created_at[:4]))
        store_orders(conn, workspace_id, [order], region=region)
        row = conn.execute(
            "select o.id::text, o.contact_id is not null, c.name, o.confidence, o.reason from public.orders o "
            "left join public.communities c on c.id = o.community_id "
            "where o.workspace_id = %s and o.source = 'manual' and o.number = %s",
            (workspace_id, order.number)).fetchone()
    return RecordedSale(row[0], order.number, order.total_cents or 0, order.currency or "EUR", row[1], row[2],
                        row[3], row[4])


_LIST_SQL = """
select o.id::text, o.number, o.created_at, o.amount_cents, o.currency, o.buyer_name, o.phone_e164, o.email,
       o.declared_source, o.discount_code, o.note, o.confidence, o.reason, c.name as community
from public.orders o left join public.communities c on c.id = o.community_id
where o.workspace_id = %s and o.source = 'manual'
order by o.created_at desc nulls last, o.number desc
limit %s
"""


def manual_sales(db: Database, principal: Principal, workspace_id: str, limit: int = 200) -> list[dict]:
    """The latest manual sales, newest first."""
    with db.tenant(principal) as conn:
        cursor = conn.execute(_LIST_SQL, (workspace_id, limit))
        names = [d.name for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def delete_manual_sale(db: Database, principal: Principal, workspace_id: str, order_id: str) -> str | None:
    """Deletes one manual sale (never an imported order); returns its number, or None when there was none."""
    try:
        import uuid

        uuid.UUID(str(order_id))
    except ValueError:
        return None
    with db.tenant(principal) as conn:
        row = conn.execute("delete from public.orders where workspace_id = %s and id = %s and source = 'manual' "
                           "returning number, amount_cents, currency", (workspace_id, order_id)).fetchone()
        if row:
            audit.record(conn, workspace_id, "order_deleted", number=row[0], amount_cents=row[1],
                         currency=row[2] or "EUR")
    return row[0] if row else None
