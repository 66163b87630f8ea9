-- Contacts, the imports that brought them, and the suppression list that outlives them.

create table public.imports (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  file_name text not null,
  file_format text,
  source text not null default 'upload' check (source in ('upload', 'cli', 'demo')),
  status text not null default 'done' check (status in ('done', 'undone')),
  rows integer not null default 0,
  imported integer not null default 0,
  updated integer not null default 0,
  unchanged integer not null default 0,
  refused integer not null default 0,
  repaired integer not null default 0,
  issues jsonb not null default '[]'::jsonb,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  undone_at timestamptz
);
create index imports_workspace_idx on public.imports (workspace_id, created_at desc);

create table public.contacts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  phone_e164 text check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
  phone_type text,
  phone_region text,
  other_phones text[] not null default '{}',
  first_name text,
  last_name text,
  email text,
  city text,
  postal_code text,
  country text check (country ~ '^[A-Z]{2}$'),
  interests text[] not null default '{}',
  budget_raw text,
  budget_min_eur numeric(10, 2),
  budget_max_eur numeric(10, 2),
  birth_date date,
  declared_adult boolean,
  reach_whatsapp boolean not null default false,
  reach_telegram boolean not null default false,
  reach_sms boolean not null default false,
  consent_whatsapp boolean not null default false,
  consent_telegram boolean not null default false,
  consent_sms boolean not null default false,
  consent_email boolean not null default false,
  -- per channel: {"at", "method", "source", "wording", "by"}: the proof behind each consent flag
  consent_proof jsonb not null default '{}'::jsonb,
  opted_out_at timestamptz,
  opt_out_reason text,
  source_import_id uuid references public.imports (id) on delete set null,
  attributes jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (phone_e164 is not null or email is not null),
  check (budget_min_eur is null or budget_max_eur is null or budget_min_eur <= budget_max_eur)
);
create unique index contacts_phone_key on public.contacts (workspace_id, phone_e164) where phone_e164 is not null;
create unique index contacts_email_key on public.contacts (workspace_id, lower(email)) where email is not null;
create index contacts_workspace_idx on public.contacts (workspace_id, created_at);
create index contacts_interests_idx on public.contacts using gin (interests);

create table public.suppressions (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  kind text not null check (kind in ('phone', 'email')),
  key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
  reason text not null check (reason in ('opt_out', 'stop', 'objection', 'erasure')),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (workspace_id, kind, key_hash)
);

-- The suppression key of a phone or email: a keyed SHA-256, so the list never holds the number itself.
-- keyed_hash is immutable plain SQL so the planner inlines it: set-based queries pay one sha256 a row.
create function cercle.keyed_hash(secret text, kind text, value text) returns text
language sql immutable parallel safe
as $$
  select pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(secret || ':' || kind || ':' ||
           case when kind = 'email' then pg_catalog.lower(pg_catalog.btrim(value)) else pg_catalog.btrim(value) end,
           'UTF8')), 'hex')
$$;

create function cercle.suppression_hash(target_workspace uuid, kind text, value text) returns text
language sql stable security definer set search_path = ''
as $$
  select cercle.keyed_hash(w.suppression_key, kind, value)
  from public.workspaces w
  where w.id = target_workspace and (select cercle.is_member(target_workspace))
$$;
revoke all on function cercle.keyed_hash(text, text, text), cercle.suppression_hash(uuid, text, text) from public, anon;
grant execute on function cercle.keyed_hash(text, text, text), cercle.suppression_hash(uuid, text, text)
  to authenticated, service_role;

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['imports', 'contacts', 'suppressions'] loop
    execute format('alter table public.%I enable row level security', tenant_table);
    execute format('alter table public.%I force row level security', tenant_table);
    execute format('revoke all on public.%I from anon', tenant_table);
    execute format('grant select, insert, update, delete on public.%I to authenticated', tenant_table);
    execute format('grant all on public.%I to service_role', tenant_table);
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

-- A suppression is never lifted from the app: nobody, not even an owner, may edit or delete one.
drop policy suppressions_update on public.suppressions;
drop policy suppressions_delete on public.suppressions;
revoke update, delete on public.suppressions from authenticated;
