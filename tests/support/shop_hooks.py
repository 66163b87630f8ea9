"""A workspace with a connected Shopify shop and WooCommerce site, and signed deliveries through the routes."""

from __future__ import annotations

from lib.conversions.webhooks import (
    connect_shop,
    shop_hook_status,
    sign,
)
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug
from tests.support.shops import body_of

BASE = "https://cercle.example"


_ids = iter(range(1, 10_000_000))


class Space:
    """A workspace whose owner connected a Shopify shop and a WooCommerce site, each with its own secret."""

    def __init__(self, db) -> None:
        self.db = db
        self.owner = make_user(db)
        self.workspace = ensure_workspace(db, self.owner, unique_slug("hooks"))
        suffix = self.workspace.slug
        self.shop = f"{suffix}.myshopify.com"
        self.site = f"https://www.{suffix}.fr/"
        self.secrets = {"shopify": f"shpss_{suffix}_0123456789abcdef", "woocommerce": f"wc-{suffix}-secret-#&é"}
        connect_shop(db, self.owner, self.workspace.id, "shopify", secret=self.secrets["shopify"], shop=self.shop)
        connect_shop(db, self.owner, self.workspace.id, "woocommerce", secret=self.secrets["woocommerce"],
                     shop=self.site)
        self.status = shop_hook_status(db, self.owner, self.workspace.id, base_url=BASE)

    def key(self, platform: str) -> str:
        return self.status[platform].url.rsplit("/", 1)[1]

    def orders(self) -> dict[str, dict]:
        with self.db.tenant(self.owner) as conn:
            cursor = conn.execute(
                "select number, source, total_cents, refunded_cents, is_sale, amount_cents, cancelled, currency,"
                " financial_status, discount_code, landing_site, phone_e164, email, community_id::text, method"
                " from public.orders where workspace_id = %s", (self.workspace.id,))
            names = [d.name for d in cursor.description]
            return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}

    def count(self, table: str) -> int:
        with self.db.tenant(self.owner) as conn:
            return conn.execute(f"select count(*) from public.{table} where workspace_id = %s",
                                (self.workspace.id,)).fetchone()[0]

    def add_member(self, role: str):
        person = make_user(self.db)
        with self.db.admin() as conn:
            conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, %s)",
                         (self.workspace.id, person.user_id, role))
        return person


def shopify(client, space: Space, payload: object, *, topic: str = "orders/create", delivery: str | None = None,
            secret: str | None = "", raw: bytes | None = None, by_key: bool = False, shop: str | None = None):
    """POSTs as Shopify does: raw JSON, its signature, topic, shop domain and delivery id."""
    body = raw if raw is not None else body_of(payload)
    headers = {"Content-Type": "application/json", "X-Shopify-Topic": topic,
               "X-Shopify-Shop-Domain": shop or space.shop, "X-Shopify-API-Version": "2025-10",
               "X-Shopify-Webhook-Id": delivery or f"b54557e4-bdd9-4b37-8a5f-{next(_ids):012d}"}
    if secret is not None:
        headers["X-Shopify-Hmac-Sha256"] = sign(body, secret or space.secrets["shopify"])
    path = f"/hooks/shopify/{space.key('shopify')}" if by_key else "/hooks/shopify"
    return client.post(path, content=body, headers=headers)


def woocommerce(client, space: Space, payload: object, *, topic: str = "order.created", delivery: str | None = None,
                secret: str | None = "", by_key: bool = False):
    body = body_of(payload)
    headers = {"Content-Type": "application/json", "X-WC-Webhook-Topic": topic,
               "X-WC-Webhook-Resource": topic.split(".")[0], "X-WC-Webhook-Event": topic.split(".")[-1],
               "X-WC-Webhook-Source": space.site, "X-WC-Webhook-ID": "3",
               "X-WC-Webhook-Delivery-ID": delivery or f"36e520ebabc2fa725092ff4a{next(_ids):08x}",
               "User-Agent": "WooCommerce/9.4.0 Hookshot (WordPress/6.7)"}
    if secret is not None:
        headers["X-WC-Webhook-Signature"] = sign(body, secret or space.secrets["woocommerce"])
    path = f"/hooks/woocommerce/{space.key('woocommerce')}" if by_key else "/hooks/woocommerce"
    return client.post(path, content=body, headers=headers)
