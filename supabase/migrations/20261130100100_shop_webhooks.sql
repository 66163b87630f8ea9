-- Orders pushed by the shop itself: Shopify and WooCommerce webhooks, signed with a secret per workspace and
-- platform. Mirrored in Python by lib/conversions/webhooks.py (which states how a delivery finds its workspace).
-- The routes /hooks/shopify and /hooks/woocommerce run without a user: before the signature is checked they only
-- call the security-definer functions of the schema cercle_shop_hooks as role service_role; once it is checked,
-- the order is written as role authenticated on behalf of an owner of the workspace, so row level security
-- still confines what the delivery may touch.

-- One connection per workspace and platform. Owners only; the secret column is not even readable by them:
-- once saved, a secret goes back to nobody but the webhook's own check.
create table public.shop_webhooks (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  platform text not null check (platform in ('shopify', 'woocommerce')),
  -- the random last segment of /hooks/<platform>/<hook_key> (never the workspace's uuid)
  hook_key text not null unique check (hook_key ~ '^[A-Za-z0-9_-]{22,64}$'),
  -- the shop as its deliveries name it (X-Shopify-Shop-Domain, X-WC-Webhook-Source), normalised: lower-case,
  -- no scheme, no "www.", no trailing slash. A shop is connected to one workspace at most.
  shop_domain text check (shop_domain ~ '^[a-z0-9][a-z0-9.:/_~%-]{2,252}$'),
  secret text not null check (length(secret) between 16 and 512),
  connected_by uuid references auth.users (id) on delete set null,
  connected_at timestamptz not null default now(),
  secret_updated_at timestamptz not null default now(),
  -- deliveries refused for a wrong or missing signature (a wrong secret shows here)
  rejected integer not null default 0,
  last_rejected_at timestamptz,
  primary key (workspace_id, platform),
  unique (platform, shop_domain)
);

-- Each delivery is processed once: a replay hits the primary key and changes nothing.
create table public.shop_webhook_deliveries (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  platform text not null check (platform in ('shopify', 'woocommerce')),
  delivery_id text not null check (length(delivery_id) between 1 and 200),
  topic text not null check (length(topic) <= 60),
  -- stored: an order was written; stale: older than what Cercle has; unknown_order: a refund or deletion of an
  -- order Cercle never saw; ignored: a topic Cercle does not use
  outcome text not null check (outcome in ('stored', 'stale', 'unknown_order', 'ignored')),
  order_number text check (length(order_number) <= 100),
  received_at timestamptz not null default now(),
  primary key (workspace_id, platform, delivery_id)
);
create index shop_webhook_deliveries_recent_idx on public.shop_webhook_deliveries (workspace_id, platform, received_at);

-- The shop's own id of each order it pushed (refunds and deletions name that id, not the order number) and the
-- last version stored, so an older update arriving late never overwrites a newer one.
create table public.shop_webhook_orders (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  platform text not null check (platform in ('shopify', 'woocommerce')),
  external_id text not null check (length(external_id) between 1 and 64),
  number text not null check (length(btrim(number)) between 1 and 100),
  updated_at timestamptz,
  primary key (workspace_id, platform, external_id)
);

-- Refunds by their id: the same refund told twice (refunds/create, then the order's update) counts once.
create table public.shop_webhook_refunds (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  platform text not null check (platform in ('shopify', 'woocommerce')),
  number text not null check (length(btrim(number)) between 1 and 100),
  refund_id text not null check (length(refund_id) between 1 and 64),
  amount_cents bigint not null check (amount_cents between 0 and 10000000000000),
  primary key (workspace_id, platform, number, refund_id)
);

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['shop_webhooks', 'shop_webhook_deliveries', 'shop_webhook_orders',
                                      'shop_webhook_refunds'] loop
    execute format('alter table public.%I enable row level security', tenant_table);
    execute format('alter table public.%I force row level security', tenant_table);
    execute format('revoke all on public.%I from anon, authenticated', tenant_table);
    execute format('grant all on public.%I to service_role', tenant_table);
    -- owners see and change the connection; deliveries are written on behalf of an owner
    execute format('create policy %I on public.%I for select to authenticated using (cercle.is_owner(workspace_id))',
                   tenant_table || '_select', tenant_table);
    execute format('create policy %I on public.%I for insert to authenticated with check (cercle.is_owner(workspace_id))',
                   tenant_table || '_insert', tenant_table);
    execute format('create policy %I on public.%I for update to authenticated using (cercle.is_owner(workspace_id))
                      with check (cercle.is_owner(workspace_id))', tenant_table || '_update', tenant_table);
    execute format('create policy %I on public.%I for delete to authenticated using (cercle.is_owner(workspace_id))',
                   tenant_table || '_delete', tenant_table);
  end loop;
end
$$;

-- Everything but the secret may be read back; the secret may only be written.
grant select (workspace_id, platform, hook_key, shop_domain, connected_by, connected_at, secret_updated_at,
              rejected, last_rejected_at) on public.shop_webhooks to authenticated;
grant insert, update, delete on public.shop_webhooks to authenticated;
grant select, insert, update, delete on public.shop_webhook_deliveries, public.shop_webhook_orders,
  public.shop_webhook_refunds to authenticated;

create schema if not exists cercle_shop_hooks;
revoke all on schema cercle_shop_hooks from public;
grant usage on schema cercle_shop_hooks to service_role;

-- What a delivery needs to check its signature: the one connection named by its path key (hook_key) or, on the
-- bare path, by the shop it says it comes from; with its secret and the owner the order will be written for
-- (the one who connected the shop while they are an owner, else the longest-standing owner).
create function cercle_shop_hooks.signing_key(hook_platform text, key text, shop text)
returns table (workspace_id uuid, secret text, actor uuid)
language sql stable security definer set search_path = ''
as $$
  select h.workspace_id, h.secret,
         coalesce((select m.user_id from public.workspace_members m
                   where m.workspace_id = h.workspace_id and m.user_id = h.connected_by and m.role = 'owner'),
                  (select m.user_id from public.workspace_members m
                   where m.workspace_id = h.workspace_id and m.role = 'owner'
                   order by m.created_at, m.user_id limit 1))
  from public.shop_webhooks h
  where h.platform = hook_platform
    and ((key is not null and h.hook_key = key) or (key is null and shop is not null and h.shop_domain = shop))
$$;

-- Counts a delivery refused for its signature (what the settings page shows to debug a wrong secret).
create function cercle_shop_hooks.note_rejected(hook_workspace uuid, hook_platform text)
returns void
language sql volatile security definer set search_path = ''
as $$
  update public.shop_webhooks set rejected = rejected + 1, last_rejected_at = pg_catalog.now()
  where workspace_id = hook_workspace and platform = hook_platform
$$;

revoke all on function cercle_shop_hooks.signing_key(text, text, text),
  cercle_shop_hooks.note_rejected(uuid, text) from public, anon, authenticated;
grant execute on function cercle_shop_hooks.signing_key(text, text, text),
  cercle_shop_hooks.note_rejected(uuid, text) to service_role;
