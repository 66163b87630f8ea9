"""Orders as shops export them, read into one record per order with money in cents.

Shopify's orders export has one row per line item; the order-level fields (Total, Discount Code, Financial
Status, phones...) are filled on the order's first row only. Refunded and voided orders, and cancelled ones,
are kept but are not sales; a partial refund lowers the sale's amount.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from lib.i18n import TranslatedError

_PARIS = ZoneInfo("Europe/Paris")

NOT_SALES = frozenset({"refunded", "voided"})
SHOPIFY_HEADERS = frozenset({"Name", "Financial Status", "Total", "Lineitem name"})
# "How did you hear of us?" as a shop may add it to its export (a checkout field or an order note attribute).
# Shopify's default export has no such column; when one of these is present its value feeds attribution (d).
DECLARED_COLUMNS = ("How did you hear about us?", "How did you hear about us", "Comment nous avez-vous connus ?",
                    "Comment nous avez-vous connus", "Source déclarée")
_MONEY_NOISE = re.compile(r"[^\d,.\-]")


class OrderReadError(TranslatedError):
    prefix = "orders.error."


def parse_money(text: str | None) -> int | None:
    """Cents from "49.90", "49,90 €", "1 234,50", "1,234.50" or "-5"; None when there is no amount."""
    if text is None:
        return None
    cleaned = _MONEY_NOISE.sub("", text.replace("\u00a0", "").replace("\u202f", ""))
    if not cleaned or cleaned in {"-", ".", ","}:
        return None
    if "," in cleaned and "." in cleaned:
        # the last separator is the decimal one: 1,234.50 or 1.234,50
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        whole, _, decimals = cleaned.rpartition(",")
        cleaned = f"{whole.replace(',', '')}.{decimals}" if len(decimals) <= 2 else cleaned.replace(",", "")
    try:
        return int((Decimal(cleaned) * 100).quantize(Decimal(1)))
    except InvalidOperation:
        return None


@dataclass
class OrderLine:
    name: str
    quantity: int
    unit_price_cents: int | None


@dataclass
class Order:
    """One order, whatever the shop. ``amount_cents`` is what counts as sold (total less refunds; 0 if no sale)."""

    source: str
    number: str
    row: int
    created_at: str | None
    currency: str | None
    total_cents: int | None
    refunded_cents: int
    financial_status: str | None
    cancelled: bool
    email: str | None
    phone: str | None
    discount_code: str | None
    landing_site: str | None
    lines: list[OrderLine] = field(default_factory=list)
    declared_source: str | None = None

    @property
    def is_sale(self) -> bool:
        return not self.cancelled and (self.financial_status or "") not in NOT_SALES and bool(self.total_cents)

    @property
    def amount_cents(self) -> int:
        if not self.is_sale:
            return 0
        return max(0, (self.total_cents or 0) - self.refunded_cents)


def is_shopify_orders(columns: list[str]) -> bool:
    return set(columns) >= SHOPIFY_HEADERS


def read_shopify_orders(columns: list[str], rows: list[list[str]], row_numbers: list[int]) -> list[Order]:
    """Shopify's orders export (one row per line item) as orders, in file order."""
    if not is_shopify_orders(columns):
        raise OrderReadError("not_shopify")
    at = {name: i for i, name in enumerate(columns)}

    def cell(row: list[str], name: str) -> str | None:
        index = at.get(name)
        value = row[index].strip() if index is not None and index < len(row) else ""
        return value or None

    orders: dict[str, Order] = {}
    for row, number in zip(rows, row_numbers, strict=True):
        name = cell(row, "Name")
        if not name:
            continue
        order = orders.get(name)
        if order is None:  # the first row of an order carries its order-level fields
            order = orders[name] = Order(
                source="shopify", number=name, row=number, created_at=cell(row, "Created at"),
                currency=cell(row, "Currency"), total_cents=parse_money(cell(row, "Total")),
                refunded_cents=parse_money(cell(row, "Refunded Amount")) or 0,
                financial_status=(cell(row, "Financial Status") or "").lower() or None,
                cancelled=bool(cell(row, "Cancelled at")), email=cell(row, "Email"),
                phone=cell(row, "Phone") or cell(row, "Billing Phone") or cell(row, "Shipping Phone"),
                discount_code=cell(row, "Discount Code"), landing_site=cell(row, "Landing Site"),
                declared_source=next((value for value in (cell(row, name) for name in DECLARED_COLUMNS) if value),
                                     None),
            )
        line_name = cell(row, "Lineitem name")
        if line_name:
            quantity = cell(row, "Lineitem quantity") or "1"
            order.lines.append(OrderLine(line_name, int(quantity) if quantity.isdigit() else 1,
                                         parse_money(cell(row, "Lineitem price"))))
    return list(orders.values())


_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y")


def parse_order_time(text: str | None) -> dt.datetime | None:
    """When an order was placed, from Shopify's "2026-10-02 09:58:00 +0200" or an ISO / French date;
    None when absent or unreadable. A time without an offset is taken as Paris time."""
    if not text:
        return None
    text = text.strip()
    for pattern in _TIME_FORMATS:
        try:
            moment = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=_PARIS)
    return None


def read_orders(columns: list[str], rows: list[list[str]], row_numbers: list[int]) -> list[Order]:
    """Orders from a shop's export, whichever this module recognises (Shopify for now); OrderReadError else."""
    if is_shopify_orders(columns):
        return read_shopify_orders(columns, rows, row_numbers)
    raise OrderReadError("unknown_format")
