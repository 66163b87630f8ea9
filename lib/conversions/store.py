"""Writing a shop's orders into a workspace: one transaction, COPY into staging, then set-based SQL.

Orders are keyed by (workspace, source, number): importing the same export again changes nothing, and a later
export in which an order was refunded or cancelled updates it (it then stops counting as a sale). Buyers are
matched to contacts by E.164 phone (main, then other numbers), else lower-cased email; then every order of the
file is attributed to a community (lib/conversions/attribution.py).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

import psycopg

from lib.contacts.phones import clean_phone_cells
from lib.conversions.attribution import attribute_orders
from lib.conversions.orders import Order, parse_order_time, read_orders_as
from lib.db import Database, Principal
from lib.i18n import t

_ORDER_FIELDS = ("row_no", "source", "number", "created_at", "currency", "total_cents", "refunded_cents",
                 "financial_status", "cancelled", "is_sale", "amount_cents", "discount_code", "landing_site",
                 "declared_source", "phone_e164", "email", "buyer_name", "note")
# The fields an import writes; an order is updated only when one of them differs.
_STORED = _ORDER_FIELDS[3:]
# Orders already in the workspace before this file, with their attribution: after attribution runs, those
# attached to another community (or none) are the file's re-attributions.
_BEFORE_SQL = """
create temporary table order_attribution_before on commit drop as
select o.id, o.community_id, o.method from public.orders o
join order_staging s on s.source = o.source and s.number = o.number where o.workspace_id = %(ws)s
"""
_REATTRIBUTED_SQL = """
select count(*) from order_attribution_before b join public.orders o on o.id = b.id
where (o.community_id, o.method) is distinct from (b.community_id, b.method)
"""
# A source that does not carry the buyer's name or a note (a webhook) leaves the ones already known.
_NEW = {name: f"coalesce(excluded.{name}, orders.{name})" if name in ("buyer_name", "note") else f"excluded.{name}"
        for name in _STORED}
_MAX_CENTS = 10**13  # a hundred billion: anything larger is a misread cell, not an order
_MAX_QUANTITY = 1_000_000
_LINE_FIELDS = ("number", "position", "name", "quantity", "unit_price_cents")

_STAGING_DDL = ("""
create temporary table order_staging (
  row_no integer not null, source text not null, number text not null, created_at timestamptz, currency text,
  total_cents bigint, refunded_cents bigint not null, financial_status text, cancelled boolean not null,
  is_sale boolean not null, amount_cents bigint not null, discount_code text, landing_site text,
  declared_source text, phone_e164 text, email text, buyer_name text, note text, order_id uuid
) on commit drop""", """
create temporary table order_line_staging (
  number text not null, position integer not null, name text not null, quantity integer not null,
  unit_price_cents bigint
) on commit drop""")

_UPSERT_SQL = f"""
with written as (
  insert into public.orders (workspace_id, import_id, source, number, {", ".join(_STORED)})
  select %(ws)s, %(import)s, s.source, s.number, {", ".join(f"s.{n}" for n in _STORED)} from order_staging s
  on conflict (workspace_id, source, number) do update
  set {", ".join(f"{n} = {_NEW[n]}" for n in _STORED)}, import_id = coalesce(excluded.import_id, orders.import_id),
      imported_at = now()
  where ({", ".join(f"orders.{n}" for n in _STORED)}) is distinct from ({", ".join(_NEW[n] for n in _STORED)})
  returning id, source, number
)
update order_staging s set order_id = w.id from written w where w.source = s.source and w.number = s.number
"""

# Lines are replaced for the orders this file created or changed, and only those.
_DELETE_LINES_SQL = """
delete from public.order_lines l using order_staging s where s.order_id is not null and l.order_id = s.order_id
"""
_INSERT_LINES_SQL = """
insert into public.order_lines (workspace_id, order_id, position, name, quantity, unit_price_cents)
select %(ws)s, s.order_id, l.position, l.name, l.quantity, l.unit_price_cents
from order_line_staging l join order_staging s on s.number = l.number where s.order_id is not null
"""

_UNCHANGED_IDS_SQL = """
update order_staging s set order_id = o.id from public.orders o
where s.order_id is null and o.workspace_id = %(ws)s and o.source = s.source and o.number = s.number
"""

# Phone (the contact's main number, then its other numbers), else email; the oldest contact on a tie.
_MATCH_SQL = """
update public.orders o set contact_id = m.contact_id
from (
  select s.order_id, coalesce(
    (select c.id from public.contacts c where c.workspace_id = %(ws)s and c.phone_e164 = s.phone_e164
      order by c.created_at, c.id limit 1),
    (select c.id from public.contacts c where c.workspace_id = %(ws)s and s.phone_e164 = any(c.other_phones)
      order by c.created_at, c.id limit 1),
    (select c.id from public.contacts c where c.workspace_id = %(ws)s and lower(c.email) = s.email
      order by c.created_at, c.id limit 1)) as contact_id
  from order_staging s
) m
where o.id = m.order_id and o.workspace_id = %(ws)s and o.contact_id is distinct from m.contact_id
"""

_FIGURES_SQL = """
select count(*), count(*) filter (where o.is_sale), coalesce(sum(o.amount_cents), 0),
       count(distinct o.contact_id),
       (select s2.currency from order_staging s2 where s2.currency is not null
        group by s2.currency order by count(*) desc, s2.currency limit 1)
from order_staging s join public.orders o on o.id = s.order_id
"""


@dataclass(frozen=True)
class OrderIssue:
    """Something in the file worth telling, with the file's line number (header = 1)."""

    row: int
    column: str
    value: str
    code: str

    @property
    def message(self) -> str:
        return t(f"conversions.issue.{self.code}")

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "code": self.code,
                "message": self.message}


@dataclass
class OrderImportReport:
    """``orders``: distinct orders in the file; ``sales``: those counted as sales; ``revenue_cents``: their
    totals less refunds; ``matched_contacts``: distinct contacts recognised among the buyers."""

    orders: int
    sales: int
    revenue_cents: int
    currency: str | None
    matched_contacts: int
    issues: list[OrderIssue] = field(default_factory=list)
    import_id: str | None = None
    # orders this import created or changed (0: the file brought nothing new); not part of the CLI's JSON
    changed: int = 0
    # orders known before the file that are now attached to another community (or to none): a community, promo
    # code or link created since they were first imported
    reattributed: int = 0

    @property
    def revenue(self) -> Decimal:
        return Decimal(self.revenue_cents) / 100

    def as_dict(self) -> dict:
        return {"orders": self.orders, "sales": self.sales, "revenue": float(self.revenue),
                "currency": self.currency, "matched_contacts": self.matched_contacts,
                "issues": [issue.as_dict() for issue in self.issues]}


def _prepare(orders: list[Order], region: str) -> tuple[list[tuple], list[tuple], list[OrderIssue]]:
    """Staging rows for orders and lines, with the buyer's phone as E.164 and email lower-cased."""
    issues: list[OrderIssue] = []
    cells = clean_phone_cells([order.phone or "" for order in orders], region)
    order_rows, line_rows = [], []
    seen: set[tuple[str, str]] = set()
    for order, cell in zip(orders, cells, strict=True):
        # the number as the table will hold it: two numbers alike in their first 100 characters (or once a NUL is
        # dropped) are one order, and the first one read wins, as two rows of one upsert cannot touch one order
        number = order.number.replace("\x00", "")[:100]
        if not number.strip(" "):
            issues.append(OrderIssue(order.row, "Number", order.number[:100], "bad_number"))
            continue
        if (order.source, number) in seen:
            issues.append(OrderIssue(order.row, "Number", number, "duplicate_number"))
            continue
        amounts = [order.total_cents, order.refunded_cents, *(line.unit_price_cents for line in order.lines)]
        if any(amount is not None and abs(amount) >= _MAX_CENTS for amount in amounts):
            issues.append(OrderIssue(order.row, "Total", str((order.total_cents or 0) / 100), "bad_amount"))
            continue
        seen.add((order.source, number))
        phone = cell.primary.e164 if cell.code == "ok" and cell.primary is not None else None
        if order.phone and phone is None:
            issues.append(OrderIssue(order.row, "Phone", order.phone, "phone_invalid"))
        created = parse_order_time(order.created_at)
        if order.created_at and created is None:
            issues.append(OrderIssue(order.row, "Created at", order.created_at, "bad_date"))
        currency = (order.currency or "").strip().upper() or None
        if currency is not None and not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
            issues.append(OrderIssue(order.row, "Currency", order.currency or "", "bad_currency"))
            currency = None
        if order.total_cents is None and not order.cancelled:
            issues.append(OrderIssue(order.row, "Total", "", "no_total"))
        email = (order.email or "").strip().lower() or None
        if email is not None and ("@" not in email or len(email) > 320):
            email = None
        order_rows.append((order.row, order.source, number, created.isoformat() if created else None,
                           currency, order.total_cents, order.refunded_cents, (order.financial_status or "")[:60]
                           or None, order.cancelled, order.is_sale, order.amount_cents,
                           (order.discount_code or "")[:200] or None, (order.landing_site or "")[:4096] or None,
                           (order.declared_source or "")[:200] or None, phone, email,
                           (order.buyer_name or "")[:200] or None, (order.note or "")[:1000] or None))
        for position, line in enumerate(order.lines, start=1):
            line_rows.append((number, position, line.name[:500], min(max(0, line.quantity), _MAX_QUANTITY),
                              line.unit_price_cents))
    return order_rows, line_rows, issues


def _copy(conn: psycopg.Connection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # PostgreSQL text cannot hold NUL: a stray one in a shop's export must not sink the whole import
    writer.writerows([("t" if v else "f") if isinstance(v, bool) else v.replace("\x00", "") if isinstance(v, str)
                      else v for v in row] for row in rows)
    with conn.cursor().copy(f"copy {table} ({', '.join(columns)}) from stdin with (format csv)") as copy:
        copy.write(buffer.getvalue())


def store_orders(conn: psycopg.Connection, workspace_id: str, orders: list[Order], *, import_id: str | None = None,
                 region: str = "FR") -> OrderImportReport:
    """Upserts ``orders`` into the workspace inside the caller's transaction, matches buyers, attributes."""
    conn.execute("select pg_advisory_xact_lock(hashtextextended('cercle-orders:' || %s, 0))", (workspace_id,))
    order_rows, line_rows, issues = _prepare(orders, region)
    for statement in _STAGING_DDL:
        conn.execute(statement)
    _copy(conn, "order_staging", _ORDER_FIELDS, order_rows)
    _copy(conn, "order_line_staging", _LINE_FIELDS, line_rows)
    # lower-cased by PostgreSQL itself, as contacts are compared (and as the table's check wants it)
    conn.execute("update order_staging set email = lower(email) where email is distinct from lower(email)")
    # A person erased from the workspace stays erased: an old export or a late webhook bringing their order again
    # brings the sale, not their phone, e-mail, name or note: the database's trigger on orders checks the
    # suppression list as the row is written (migration 20261203100100_suppression_inside.sql).
    params = {"ws": workspace_id, "import": import_id}
    conn.execute(_BEFORE_SQL, params)
    conn.execute(_UPSERT_SQL, params)
    conn.execute(_DELETE_LINES_SQL)
    conn.execute(_INSERT_LINES_SQL, params)
    changed = conn.execute("select count(*) from order_staging where order_id is not null").fetchone()[0]
    conn.execute(_UNCHANGED_IDS_SQL, params)
    conn.execute(_MATCH_SQL, params)
    ids = [row[0] for row in conn.execute("select order_id::text from order_staging")]
    attribute_orders(conn, workspace_id, ids)
    reattributed = conn.execute(_REATTRIBUTED_SQL).fetchone()[0]
    count, sales, revenue, matched, currency = conn.execute(_FIGURES_SQL).fetchone()
    return OrderImportReport(count, sales, int(revenue), currency, matched, issues, import_id, changed,
                             reattributed)


def import_orders(db: Database, principal: Principal, workspace_id: str, columns: list[str], rows: list[list[str]],
                  row_numbers: list[int], *, file_name: str, region: str = "FR",
                  mapping: dict[str, str] | None = None) -> OrderImportReport:
    """Reads a shop's orders export (Shopify, WooCommerce, PrestaShop) or, with a ``mapping`` (column -> order
    field, at least the number and the total), any other file, and stores it in one transaction. Anything
    unreadable raises OrderReadError before anything is stored."""
    source, orders = read_orders_as(columns, rows, row_numbers, mapping)
    with db.tenant(principal) as conn:
        import_id = conn.execute(
            "insert into public.order_imports (workspace_id, file_name, source, orders, created_by) "
            "values (%s, %s, %s, %s, %s) returning id::text",
            (workspace_id, file_name[:255], source, len(orders), principal.user_id)).fetchone()[0]
        return store_orders(conn, workspace_id, orders, import_id=import_id, region=region)


def reattribute_orders(db: Database, principal: Principal, workspace_id: str) -> int:
    """Runs attribution again over all the workspace's orders (after members, links or promo codes changed);
    returns how many orders changed attribution."""
    with db.tenant(principal) as conn:
        return reattribute_in(conn, workspace_id)


def reattribute_in(conn: psycopg.Connection, workspace_id: str) -> int:
    """Attribution again over all the workspace's orders, in the caller's transaction (one set-based UPDATE, under
    the orders lock so an import running meanwhile is not attributed by half); how many orders changed."""
    conn.execute("select pg_advisory_xact_lock(hashtextextended('cercle-orders:' || %s, 0))", (workspace_id,))
    return attribute_orders(conn, workspace_id)


@dataclass(frozen=True)
class CommunitySales:
    """What the charts draw for one community (``community_id`` None: public or unknown sales).

    ``by_confidence`` counts sales per confidence; ``member_buyers`` are members who made a sale attributed to
    the community, the numerator of its conversion rate (``conversion``, a Wilson 95% interval)."""

    community_id: str | None
    name: str | None
    members: int
    orders: int
    sales: int
    revenue_cents: int
    buyers: int
    member_buyers: int
    by_confidence: dict[str, int]

    @property
    def conversion(self) -> tuple[float, float]:
        from lib.conversions.metrics import wilson_interval

        return wilson_interval(min(self.member_buyers, self.members), self.members)


_CONFIDENCES = ("certain", "strong", "probable", "declared")
_FEED_SQL = f"""
with per as (
  select o.community_id, count(*) as orders, count(*) filter (where o.is_sale) as sales,
         coalesce(sum(o.amount_cents), 0) as revenue, count(distinct o.contact_id) filter (where o.is_sale) as buyers,
         count(distinct o.contact_id) filter (where o.is_sale and exists (
           select 1 from public.community_members m
           where m.community_id = o.community_id and m.contact_id = o.contact_id)) as member_buyers,
         {", ".join(f"count(*) filter (where o.is_sale and o.confidence = '{c}') as {c}" for c in _CONFIDENCES)}
  from public.orders o where o.workspace_id = %(ws)s group by o.community_id
), members as (
  select community_id, count(*) as n from public.community_members where workspace_id = %(ws)s group by 1
)
select c.id::text, c.name, coalesce(m.n, 0), coalesce(p.orders, 0), coalesce(p.sales, 0), coalesce(p.revenue, 0),
       coalesce(p.buyers, 0), coalesce(p.member_buyers, 0),
       {", ".join(f"coalesce(p.{c}, 0)" for c in _CONFIDENCES)}
from public.communities c left join per p on p.community_id = c.id left join members m on m.community_id = c.id
where c.workspace_id = %(ws)s
union all
select null, null, 0, p.orders, p.sales, p.revenue, p.buyers, 0, {", ".join(f"p.{c}" for c in _CONFIDENCES)}
from per p where p.community_id is null
order by 6 desc, 2 nulls last
"""


def sales_by_community(db: Database, principal: Principal, workspace_id: str) -> list[CommunitySales]:
    """Orders, sales and revenue per community (one SQL aggregate), highest revenue first, then the public or
    unknown sales as a row of their own. Amounts are summed as stored: one currency per workspace is assumed."""
    with db.tenant(principal) as conn:
        rows = conn.execute(_FEED_SQL, {"ws": workspace_id}).fetchall()
    return [CommunitySales(row[0], row[1], row[2], row[3], row[4], int(row[5]), row[6], row[7],
                           dict(zip(_CONFIDENCES, row[8:], strict=True))) for row in rows]



def orders_replaced(db: Database, principal: Principal, workspace_id: str, orders: list[Order]) -> int:
    """How many of ``orders`` would replace a different order already stored under the same shop and number (another
    total or another buyer's e-mail): shown before an import, since a file that reuses numbers (another shop, a
    test export) would otherwise overwrite sales without a word. The same order again counts for nothing."""
    if not orders:
        return 0
    with db.tenant(principal) as conn:
        return conn.execute(
            "select count(*) from unnest(%s::text[], %s::text[], %s::bigint[], %s::text[]) as f(source, number, total,"
            " email) join public.orders o on o.workspace_id = %s and o.source = f.source and o.number = f.number"
            " where (f.total is not null and o.total_cents is distinct from f.total)"
            "    or (f.email is not null and o.email is not null and lower(o.email) <> lower(f.email))",
            ([o.source for o in orders], [o.number for o in orders], [o.total_cents for o in orders],
             [o.email for o in orders], workspace_id)).fetchone()[0]
