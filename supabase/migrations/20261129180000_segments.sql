-- Segments: saved audience rules, frozen member lists for campaigns, and what counting 1,000,000 contacts needs.
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

-- The French department of a postal code, for France and the overseas regions and collectivities:
-- two digits, three for 97x/98x, Corsica 200xx-201xx = 2A and 202xx-206xx = 2B. A four-digit code is a
-- spreadsheet that dropped the leading zero (6000 = Nice). Mirrored in Python by lib.segments.rules.department_of.
create function cercle.french_department(country text, postal_code text) returns text
language sql immutable parallel safe set search_path = ''
as $$
  select case
    when country is null or country <> all (array['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'WF', 'PF',
                                                   'NC', 'TF']) then null
    when code !~ '^[0-9]{5}$' or left(code, 2) = '00' then null
    when left(code, 2) in ('97', '98') then left(code, 3)
    when left(code, 2) = '20' then case when substr(code, 3, 1) in ('0', '1') then '2A' else '2B' end
    else left(code, 2)
  end
  from (select case when length(digits) = 4 then '0' || digits else digits end as code
        from (select translate(coalesce(postal_code, ''), E' .\t\u00A0', '') as digits) as d) as p
$$;
revoke all on function cercle.french_department(text, text) from public, anon;
grant execute on function cercle.french_department(text, text) to authenticated, service_role;

alter table public.contacts add column department text
  generated always as (cercle.french_department(country, postal_code)) stored;

create table public.segments (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 120),
  -- a rule document as lib/segments/rules.py documents it, stored as validated
  rules jsonb not null default '{"all": []}'::jsonb check (jsonb_typeof(rules) = 'object'),
  description text check (length(description) <= 2000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index segments_name_key on public.segments (workspace_id, lower(name));

-- Who was in a segment when a campaign went out: the rules and the member ids, frozen.
create table public.segment_snapshots (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  segment_id uuid references public.segments (id) on delete set null,
  name text not null check (length(btrim(name)) between 1 and 200),
  rules jsonb not null check (jsonb_typeof(rules) = 'object'),
  member_count integer not null default 0 check (member_count >= 0),
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  unique (id, workspace_id)
);
create index segment_snapshots_workspace_idx on public.segment_snapshots (workspace_id, created_at desc);
create index segment_snapshots_segment_idx on public.segment_snapshots (segment_id);

create table public.segment_snapshot_members (
  snapshot_id uuid not null,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  contact_id uuid not null references public.contacts (id) on delete cascade,
  primary key (snapshot_id, contact_id),
  -- a member row belongs to its snapshot's workspace
  foreign key (snapshot_id, workspace_id) references public.segment_snapshots (id, workspace_id) on delete cascade
);
create index segment_snapshot_members_contact_idx on public.segment_snapshot_members (contact_id);
create index segment_snapshot_members_workspace_idx on public.segment_snapshot_members (workspace_id);

alter table public.segments enable row level security;
alter table public.segments force row level security;
alter table public.segment_snapshots enable row level security;
alter table public.segment_snapshots force row level security;
alter table public.segment_snapshot_members enable row level security;
alter table public.segment_snapshot_members force row level security;

revoke all on public.segments, public.segment_snapshots, public.segment_snapshot_members from anon;
grant select, insert, update, delete on public.segments to authenticated;
-- a snapshot is a record of what was sent: it may be deleted, never edited
grant select, insert, delete on public.segment_snapshots, public.segment_snapshot_members to authenticated;
grant all on public.segments, public.segment_snapshots, public.segment_snapshot_members to service_role;

create policy segments_select on public.segments for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy segments_insert on public.segments for insert to authenticated
  with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy segments_update on public.segments for update to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids())) with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy segments_delete on public.segments for delete to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()));

create policy segment_snapshots_select on public.segment_snapshots for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy segment_snapshots_insert on public.segment_snapshots for insert to authenticated
  with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy segment_snapshots_delete on public.segment_snapshots for delete to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()));

-- A snapshot can hold a million rows: the set form keeps freezing and reading it linear (see contacts_select).
create policy segment_snapshot_members_select on public.segment_snapshot_members for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy segment_snapshot_members_insert on public.segment_snapshot_members for insert to authenticated
  with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy segment_snapshot_members_delete on public.segment_snapshot_members for delete to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()));

-- Counting a segment over 1,000,000 contacts. Each index leads with workspace_id and matches, expression for
-- expression, what lib/segments/rules.py compiles; the GIN index on interests already exists.
create index contacts_reach_whatsapp_idx on public.contacts (workspace_id)
  where reach_whatsapp and consent_whatsapp and opted_out_at is null;
create index contacts_reach_telegram_idx on public.contacts (workspace_id)
  where reach_telegram and consent_telegram and opted_out_at is null;
create index contacts_reach_sms_idx on public.contacts (workspace_id)
  where reach_sms and consent_sms and opted_out_at is null;
create index contacts_reach_email_idx on public.contacts (workspace_id)
  where email is not null and consent_email and opted_out_at is null;
-- the top of a declared budget range (open top = infinity; no budget = null): "budget au moins X"
create index contacts_budget_top_idx on public.contacts
  (workspace_id, (coalesce(budget_max_eur, case when budget_min_eur is not null then 'infinity'::numeric end)));
-- the bottom of a declared range (open bottom = -infinity; no budget = null): "budget au plus X"
create index contacts_budget_floor_idx on public.contacts
  (workspace_id, (coalesce(budget_min_eur, case when budget_max_eur is not null then '-infinity'::numeric end)));
create index contacts_country_idx on public.contacts (workspace_id, country);
create index contacts_department_idx on public.contacts (workspace_id, department) where department is not null;
create index contacts_city_idx on public.contacts (workspace_id, lower(city)) where city is not null;
