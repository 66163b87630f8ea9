-- The interests vocabulary: each workspace's canonical interests, and the spellings that lead to them.
-- A contact's `interests` array holds canonical labels; `lib/segments/interests.py` owns the normalisation
-- that turns what a file says ("Vins rouges", "bulles") into a synonym key.

create table public.interests (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  -- the normalised form of the label (lib/segments/interests.py: normalise_interest)
  key text not null check (length(key) between 1 and 80),
  label text not null check (length(btrim(label)) between 1 and 80),
  -- where the interest came from: the starter vocabulary, a file's unknown spelling, or a marketer
  origin text not null default 'user' check (origin in ('starter', 'import', 'user')),
  created_at timestamptz not null default now(),
  unique (workspace_id, key),
  unique (workspace_id, label),
  -- lets synonyms reference an interest of their own workspace only
  unique (workspace_id, id)
);

create table public.interest_synonyms (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  -- a normalised spelling; each leads to exactly one interest (an interest's own key is one of its synonyms)
  key text not null check (length(key) between 1 and 80),
  -- the spelling as first written, for people to read
  spelling text not null check (length(btrim(spelling)) between 1 and 80),
  interest_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (workspace_id, key),
  foreign key (workspace_id, interest_id) references public.interests (workspace_id, id) on delete cascade
);
create index interest_synonyms_interest_idx on public.interest_synonyms (interest_id);

alter table public.interests enable row level security;
alter table public.interests force row level security;
alter table public.interest_synonyms enable row level security;
alter table public.interest_synonyms force row level security;

revoke all on public.interests, public.interest_synonyms from anon;
grant select, insert, update, delete on public.interests, public.interest_synonyms to authenticated;
grant all on public.interests, public.interest_synonyms to service_role;

create policy interests_select on public.interests for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy interests_insert on public.interests for insert to authenticated
  with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy interests_update on public.interests for update to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids())) with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy interests_delete on public.interests for delete to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()));

create policy interest_synonyms_select on public.interest_synonyms for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy interest_synonyms_insert on public.interest_synonyms for insert to authenticated
  with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy interest_synonyms_update on public.interest_synonyms for update to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids())) with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy interest_synonyms_delete on public.interest_synonyms for delete to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()));
