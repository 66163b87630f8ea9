-- Orders imported from shops (a Shopify orders export for now), their line items, and which community each
-- sale is attributed to, with how sure Cercle is of it (lib/conversions/attribution.py states the rules).
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

create table public.order_imports (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  file_name text not null check (length(file_name) <= 255),
  source text not null check (source in ('shopify')),
  orders integer not null default 0,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index order_imports_workspace_idx on public.order_imports (workspace_id, created_at desc);

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  source text not null check (source in ('shopify', 'woocommerce', 'prestashop')),
  number text not null check (length(btrim(number)) between 1 and 100),
  created_at timestamptz,
  currency text check (currency ~ '^[A-Z]{3}$'),
  total_cents bigint,
  refunded_cents bigint not null default 0,
  financial_status text check (length(financial_status) <= 60),
  cancelled boolean not null default false,
  -- refunded, voided and cancelled orders are kept but are not sales; amount = total less refunds (0 if no sale)
  is_sale boolean not null default false,
  amount_cents bigint not null default 0 check (amount_cents >= 0),
  discount_code text check (length(discount_code) <= 200),
  landing_site text check (length(landing_site) <= 4096),
  -- "how did you hear of us?" as the shop recorded it (no column in Shopify's default export)
  declared_source text check (length(declared_source) <= 200),
  -- the buyer as contacts are matched: E.164 phone, lower-cased email
  phone_e164 text check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
  email text check (email = lower(email) and length(email) <= 320),
  contact_id uuid references public.contacts (id) on delete set null,
  community_id uuid,
  link_id uuid,
  method text not null default 'none' check (method in ('promo_code', 'link', 'contact', 'declared', 'none')),
  confidence text not null default 'none' check (confidence in ('certain', 'strong', 'probable', 'declared', 'none')),
  reason text check (length(reason) <= 500),
  import_id uuid references public.order_imports (id) on delete set null,
  imported_at timestamptz not null default now(),
  unique (workspace_id, source, number),
  unique (id, workspace_id),
  foreign key (community_id, workspace_id) references public.communities (id, workspace_id)
    on delete set null (community_id),
  foreign key (link_id, workspace_id) references public.invite_links (id, workspace_id) on delete set null (link_id),
  check (method <> 'none' or community_id is null)
);
create index orders_workspace_idx on public.orders (workspace_id, created_at);
create index orders_community_idx on public.orders (community_id);
create index orders_contact_idx on public.orders (contact_id);
create index orders_link_idx on public.orders (link_id);

create table public.order_lines (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  order_id uuid not null,
  position integer not null check (position >= 1),
  name text not null check (length(name) <= 500),
  quantity integer not null check (quantity >= 0),
  unit_price_cents bigint,
  primary key (order_id, position),
  foreign key (order_id, workspace_id) references public.orders (id, workspace_id) on delete cascade
);
create index order_lines_workspace_idx on public.order_lines (workspace_id);

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['order_imports', 'orders', 'order_lines'] loop
    execute format('alter table public.%I enable row level security', tenant_table);
    execute format('alter table public.%I force row level security', tenant_table);
    execute format('revoke all on public.%I from anon, authenticated', tenant_table);
    execute format('grant all on public.%I to service_role', tenant_table);
    execute format('grant select, insert, update, delete on public.%I to authenticated', tenant_table);
    execute format('create policy %I on public.%I for select to authenticated
                      using (workspace_id in (select cercle.member_workspace_ids()))', tenant_table || '_select', tenant_table);
    execute format('create policy %I on public.%I for insert to authenticated
                      with check (workspace_id in (select cercle.writable_workspace_ids()))', tenant_table || '_insert', tenant_table);
    execute format('create policy %I on public.%I for update to authenticated
                      using (workspace_id in (select cercle.writable_workspace_ids()))
                      with check (workspace_id in (select cercle.writable_workspace_ids()))', tenant_table || '_update', tenant_table);
    execute format('create policy %I on public.%I for delete to authenticated
                      using (workspace_id in (select cercle.writable_workspace_ids()))', tenant_table || '_delete', tenant_table);
  end loop;
end
$$;
