-- Join pages (/j/{code}): a community's public sign-up form behind a QR code, one page per source. A person leaves
-- a first name, a mobile number, maybe an e-mail, interests, a budget band and one consent per channel; the contact
-- is created or completed with the proof of each consent, then sent on to the community's invite link.
-- The route runs without a user: like /r/{code}, it acts as role anon through the security-definer functions of
-- schema cercle_join, which find the workspace from the page's code and can write nowhere else.
-- Mirrored in Python by lib/links/join.py (store, tokens) and lib/links/join_page.py (the route).
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

-- The contacts a page brings arrive through an "import" of source join_page, one per page: the segments' existing
-- « origine » condition (contacts.source_import_id) selects them, and consent events name the page.
alter table public.imports drop constraint imports_source_check;
alter table public.imports add constraint imports_source_check
  check (source in ('upload', 'cli', 'demo', 'join_page'));

-- A page's contacts are people who signed up themselves: undoing its "import" would erase them. Refused.
create function cercle.keep_join_imports() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.source = 'join_page' and new.status = 'undone' then
    raise exception 'a join page''s sign-ups cannot be undone' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke all on function cercle.keep_join_imports() from public, anon;
create trigger imports_keep_join_pages before update of status on public.imports for each row
  execute function cercle.keep_join_imports();

create table public.join_pages (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  community_id uuid not null,
  source text not null check (length(btrim(source)) between 1 and 120),
  -- the alphabet and length of the tracked links' codes (lib/links.new_code)
  code text not null unique check (code ~ '^[23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz]{8,32}$'),
  enabled boolean not null default true,
  -- one consent box per channel, never pre-ticked
  channels text[] not null default '{}' check (channels <@ array['whatsapp', 'sms', 'telegram', 'email']),
  -- the interests the producer offers on this page
  interests text[] not null default '{}' check (cardinality(interests) <= 30),
  import_id uuid not null references public.imports (id),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (id, workspace_id),
  foreign key (community_id, workspace_id) references public.communities (id, workspace_id) on delete cascade
);
create index join_pages_workspace_idx on public.join_pages (workspace_id, created_at);
create index join_pages_community_idx on public.join_pages (community_id);

-- A person's views within the hour count once (keyed visitor hash, never the IP), like link clicks.
create table public.join_page_views (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  page_id uuid not null,
  viewed_at timestamptz not null default now(),
  visitor_hash text not null check (visitor_hash ~ '^[0-9a-f]{64}$'),
  primary key (page_id, visitor_hash),
  foreign key (page_id, workspace_id) references public.join_pages (id, workspace_id) on delete cascade
);
create index join_page_views_workspace_idx on public.join_page_views (workspace_id, viewed_at);

-- Who signed up where and when. Erasing the contact erases the sign-up with it.
create table public.join_signups (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  page_id uuid not null,
  contact_id uuid not null references public.contacts (id) on delete cascade,
  outcome text not null check (outcome in ('created', 'completed')),
  created_at timestamptz not null default now(),
  foreign key (page_id, workspace_id) references public.join_pages (id, workspace_id) on delete cascade
);
create index join_signups_page_idx on public.join_signups (page_id, created_at);
create index join_signups_contact_idx on public.join_signups (contact_id);
create index join_signups_workspace_idx on public.join_signups (workspace_id, created_at);

-- Every form sent (valid or not): the rate limits count these, whichever process served the request.
create table public.join_attempts (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  page_id uuid not null,
  -- keyed hash of the client address alone, per hour: never the IP
  visitor_hash text not null check (visitor_hash ~ '^[0-9a-f]{64}$'),
  attempted_at timestamptz not null default now(),
  foreign key (page_id, workspace_id) references public.join_pages (id, workspace_id) on delete cascade
);
create index join_attempts_visitor_idx on public.join_attempts (visitor_hash, attempted_at);
create index join_attempts_page_idx on public.join_attempts (page_id, attempted_at);
create index join_attempts_time_idx on public.join_attempts (attempted_at);

-- Form tokens already used: a token serves once.
create table public.join_form_tokens (
  nonce text primary key check (nonce ~ '^[A-Za-z0-9_-]{16,64}$'),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  page_id uuid not null,
  used_at timestamptz not null default now(),
  foreign key (page_id, workspace_id) references public.join_pages (id, workspace_id) on delete cascade
);
create index join_form_tokens_time_idx on public.join_form_tokens (used_at);

-- A number or address on the suppression list is never revived by a form: the request waits here until the
-- producer confirms it (the person asked again, with this proof) or dismisses it.
create table public.join_resubscriptions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  page_id uuid not null,
  first_name text check (length(first_name) <= 80),
  phone_e164 text check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
  email text check (length(email) <= 254),
  consents text[] not null default '{}' check (consents <@ array['whatsapp', 'sms', 'telegram', 'email']),
  proof jsonb not null default '{}'::jsonb,
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'dismissed')),
  created_at timestamptz not null default now(),
  foreign key (page_id, workspace_id) references public.join_pages (id, workspace_id) on delete cascade
);
create index join_resubscriptions_workspace_idx on public.join_resubscriptions (workspace_id, created_at);

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['join_pages', 'join_page_views', 'join_signups', 'join_attempts',
                                      'join_form_tokens', 'join_resubscriptions'] loop
    execute format('alter table public.%I enable row level security', tenant_table);
    execute format('alter table public.%I force row level security', tenant_table);
    execute format('revoke all on public.%I from public, anon, authenticated', tenant_table);
    execute format('grant all on public.%I to service_role', tenant_table);
    execute format('create policy %I on public.%I for select to authenticated
                      using (workspace_id in (select cercle.member_workspace_ids()))', tenant_table || '_select', tenant_table);
    execute format('create policy %I on public.%I for delete to authenticated
                      using (workspace_id in (select cercle.writable_workspace_ids()))', tenant_table || '_delete', tenant_table);
    execute format('grant select, delete on public.%I to authenticated', tenant_table);
  end loop;
  foreach tenant_table in array array['join_pages', 'join_resubscriptions'] loop
    execute format('create policy %I on public.%I for update to authenticated
                      using (workspace_id in (select cercle.writable_workspace_ids()))
                      with check (workspace_id in (select cercle.writable_workspace_ids()))', tenant_table || '_update', tenant_table);
  end loop;
end
$$;
create policy join_pages_insert on public.join_pages for insert to authenticated
  with check (workspace_id in (select cercle.writable_workspace_ids()));
grant insert on public.join_pages to authenticated;
-- A page's code, community and origin are fixed once created.
grant update (source, enabled, channels, interests) on public.join_pages to authenticated;
grant update (status) on public.join_resubscriptions to authenticated;

-- The install's key for signed form tokens when CERCLE_JOIN_SECRET is not set (read by the connecting role only).
insert into cercle.install_secrets (name, value)
values ('join_form_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
on conflict (name) do nothing;

create schema if not exists cercle_join;
revoke all on schema cercle_join from public;
grant usage on schema cercle_join to anon, service_role;

-- What the page needs to draw itself, and nothing more.
create function cercle_join.resolve_page(page_code text)
returns table (page_id uuid, enabled boolean, community_name text, invite_url text, workspace_name text,
               is_alcohol boolean, default_region text, channels text[], interests text[], source text)
language sql stable security definer set search_path = ''
as $$
  select p.id, p.enabled, c.name, c.invite_url, w.name, w.is_alcohol, w.default_region, p.channels, p.interests,
         p.source
  from public.join_pages p
  join public.communities c on c.id = p.community_id and c.workspace_id = p.workspace_id
  join public.workspaces w on w.id = p.workspace_id
  where p.code = page_code
$$;

-- Counts one view of a live page; a visitor's repeat within the hour hits the primary key.
create function cercle_join.record_view(target_page uuid, visitor text)
returns boolean
language sql volatile security definer set search_path = ''
as $$
  with counted as (
    insert into public.join_page_views (workspace_id, page_id, visitor_hash)
    select p.workspace_id, p.id, visitor from public.join_pages p where p.id = target_page and p.enabled
    on conflict (page_id, visitor_hash) do nothing
    returning 1
  )
  select exists (select 1 from counted)
$$;

-- Notes one form sent and says whether it stays within the limits: at most per_visitor forms from one visitor in
-- ten minutes and per_page forms on one page in a minute.
create function cercle_join.attempt(target_page uuid, visitor text, per_visitor integer, per_page integer)
returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
declare
  page_workspace uuid;
  by_visitor integer;
  by_page integer;
begin
  select p.workspace_id into page_workspace from public.join_pages p where p.id = target_page and p.enabled;
  if page_workspace is null then
    return false;
  end if;
  if pg_catalog.random() < 0.01 then
    delete from public.join_attempts where attempted_at < pg_catalog.now() - interval '1 day';
    delete from public.join_form_tokens where used_at < pg_catalog.now() - interval '2 days';
  end if;
  insert into public.join_attempts (workspace_id, page_id, visitor_hash) values (page_workspace, target_page, visitor);
  select count(*) into by_visitor from public.join_attempts
  where visitor_hash = visitor and attempted_at > pg_catalog.now() - interval '10 minutes';
  select count(*) into by_page from public.join_attempts
  where page_id = target_page and attempted_at > pg_catalog.now() - interval '1 minute';
  return by_visitor <= greatest(per_visitor, 1) and by_page <= greatest(per_page, 1);
end
$$;

-- One sign-up: the token is spent, then the person is created or completed in the page's own workspace (the same
-- rules as an import: blanks filled, interests added, consents added with their proof, never one withdrawn, an
-- opt-out never touched), and the sign-up noted. A suppressed number or address becomes a re-subscription
-- request instead. Answers 'created', 'completed', 'suppressed', 'replayed' or 'not_found'.
create function cercle_join.sign_up(page_code text, nonce text, first_name text, phone_e164 text, phone_type text,
                                    phone_region text, reach boolean[], email text, interests text[],
                                    budget_raw text, budget_min numeric, budget_max numeric, adult boolean,
                                    consents text[], proofs jsonb)
returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  page record;
  secret text;
  found_id uuid;
  opted timestamptz;
  outcome text;
  wanted text[] := array(select c from pg_catalog.unnest(consents) c
                         where c = any (array['whatsapp', 'sms', 'telegram', 'email']));
  clean_email text := nullif(pg_catalog.lower(pg_catalog.btrim(email)), '');
  picked text[];
  name text := nullif(pg_catalog.left(pg_catalog.btrim(first_name), 80), '');
  budget text := pg_catalog.left(budget_raw, 40);
begin
  select p.id, p.workspace_id, p.channels, p.interests, p.import_id into page
  from public.join_pages p where p.code = page_code and p.enabled;
  if page.id is null then
    return 'not_found';
  end if;
  -- the route checked every field; whoever else calls this gets no more room than the form allows
  if pg_catalog.length(clean_email) > 254 or pg_catalog.octet_length(proofs::text) > 16000
     or pg_catalog.jsonb_typeof(proofs) <> 'object' then
    return 'not_found';
  end if;
  picked := array(select i from pg_catalog.unnest(interests) i where i = any (page.interests));
  insert into public.join_form_tokens (nonce, workspace_id, page_id) values (nonce, page.workspace_id, page.id)
  on conflict do nothing;
  if not found then
    return 'replayed';
  end if;
  wanted := array(select c from pg_catalog.unnest(wanted) c where c = any (page.channels));
  -- imports take this lock alone; sign-ups share it, then take turns per number and per address
  perform pg_catalog.pg_advisory_xact_lock_shared(
    pg_catalog.hashtextextended('cercle-import:' || page.workspace_id::text, 0));
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('cercle-join:' || page.workspace_id::text || ':' || phone_e164, 0));
  if clean_email is not null then
    perform pg_catalog.pg_advisory_xact_lock(
      pg_catalog.hashtextextended('cercle-join:' || page.workspace_id::text || ':' || clean_email, 0));
  end if;

  select w.suppression_key into secret from public.workspaces w where w.id = page.workspace_id;
  if exists (select 1 from public.suppressions x where x.workspace_id = page.workspace_id and (
               (x.kind = 'phone' and x.key_hash = cercle.keyed_hash(secret, 'phone', phone_e164))
               or (clean_email is not null and x.kind = 'email'
                   and x.key_hash = cercle.keyed_hash(secret, 'email', clean_email)))) then
    insert into public.join_resubscriptions (workspace_id, page_id, first_name, phone_e164, email, consents, proof)
    values (page.workspace_id, page.id, name, phone_e164, clean_email, wanted, proofs);
    return 'suppressed';
  end if;

  select c.id, c.opted_out_at into found_id, opted from public.contacts c
  where c.workspace_id = page.workspace_id and c.phone_e164 = sign_up.phone_e164 for update;
  if found_id is null and clean_email is not null then
    select c.id, c.opted_out_at into found_id, opted from public.contacts c
    where c.workspace_id = page.workspace_id and pg_catalog.lower(c.email) = clean_email for update;
  end if;
  if found_id is not null and opted is not null then
    -- opted out (its keys are on the list, or were before an erasure of the keys' owner): never touched
    insert into public.join_resubscriptions (workspace_id, page_id, first_name, phone_e164, email, consents, proof)
    values (page.workspace_id, page.id, name, phone_e164, clean_email, wanted, proofs);
    return 'suppressed';
  end if;

  if found_id is null then
    insert into public.contacts (workspace_id, source_import_id, phone_e164, phone_type, phone_region, first_name,
                                 email, country, interests, budget_raw, budget_min_eur, budget_max_eur,
                                 declared_adult, reach_whatsapp, reach_telegram, reach_sms, consent_whatsapp,
                                 consent_telegram, consent_sms, consent_email, consent_proof)
    values (page.workspace_id, page.import_id, phone_e164, pg_catalog.left(phone_type, 40),
            pg_catalog.left(phone_region, 3), name,
            case when not exists (select 1 from public.contacts o where o.workspace_id = page.workspace_id
                                  and pg_catalog.lower(o.email) = clean_email) then clean_email end,
            case when phone_region ~ '^[A-Z]{2}$' then phone_region end,
            picked, budget, budget_min, budget_max, adult,
            coalesce(reach[1], false), coalesce(reach[2], false), coalesce(reach[3], false),
            'whatsapp' = any (wanted), 'telegram' = any (wanted), 'sms' = any (wanted), 'email' = any (wanted),
            coalesce((select pg_catalog.jsonb_object_agg(k, v) from pg_catalog.jsonb_each(proofs) e (k, v)
                      where k = any (wanted)), '{}'::jsonb))
    returning id into found_id;
    outcome := 'created';
  else
    update public.contacts c set
      first_name = coalesce(c.first_name, name),
      phone_e164 = coalesce(c.phone_e164, sign_up.phone_e164),
      phone_type = coalesce(c.phone_type, case when c.phone_e164 is null then pg_catalog.left(sign_up.phone_type, 40) end),
      phone_region = coalesce(c.phone_region, case when c.phone_e164 is null then pg_catalog.left(sign_up.phone_region, 3) end),
      other_phones = case when c.phone_e164 is null or c.phone_e164 = sign_up.phone_e164
                            or sign_up.phone_e164 = any (c.other_phones) then c.other_phones
                          else c.other_phones || sign_up.phone_e164 end,
      email = coalesce(c.email, case when clean_email is not null and not exists (
                select 1 from public.contacts o where o.workspace_id = c.workspace_id
                and pg_catalog.lower(o.email) = clean_email) then clean_email end),
      interests = array(select distinct i from pg_catalog.unnest(c.interests || picked) i order by 1),
      budget_raw = coalesce(c.budget_raw, budget),
      budget_min_eur = case when c.budget_raw is null then sign_up.budget_min else c.budget_min_eur end,
      budget_max_eur = case when c.budget_raw is null then sign_up.budget_max else c.budget_max_eur end,
      declared_adult = case when sign_up.adult then true else c.declared_adult end,
      reach_whatsapp = c.reach_whatsapp or (c.phone_e164 is null and coalesce(reach[1], false)),
      reach_telegram = c.reach_telegram or (c.phone_e164 is null and coalesce(reach[2], false)),
      reach_sms = c.reach_sms or (c.phone_e164 is null and coalesce(reach[3], false)),
      consent_whatsapp = c.consent_whatsapp or 'whatsapp' = any (wanted),
      consent_telegram = c.consent_telegram or 'telegram' = any (wanted),
      consent_sms = c.consent_sms or 'sms' = any (wanted),
      consent_email = c.consent_email or 'email' = any (wanted),
      -- a new proof only for a consent given now (one already given keeps its own)
      consent_proof = c.consent_proof || coalesce((
        select pg_catalog.jsonb_object_agg(k, v) from pg_catalog.jsonb_each(proofs) e (k, v)
        where k = any (wanted) and not case k when 'whatsapp' then c.consent_whatsapp
                                               when 'telegram' then c.consent_telegram
                                               when 'sms' then c.consent_sms else c.consent_email end), '{}'::jsonb),
      updated_at = pg_catalog.now()
    where c.id = found_id;
    outcome := 'completed';
  end if;
  insert into public.join_signups (workspace_id, page_id, contact_id, outcome)
  values (page.workspace_id, page.id, found_id, outcome);
  return outcome;
end
$$;

revoke all on function cercle_join.resolve_page(text), cercle_join.record_view(uuid, text),
  cercle_join.attempt(uuid, text, integer, integer),
  cercle_join.sign_up(text, text, text, text, text, text, boolean[], text, text[], text, numeric, numeric, boolean,
                      text[], jsonb)
  from public, authenticated;
grant execute on function cercle_join.resolve_page(text), cercle_join.record_view(uuid, text),
  cercle_join.attempt(uuid, text, integer, integer),
  cercle_join.sign_up(text, text, text, text, text, text, boolean[], text, text[], text, numeric, numeric, boolean,
                      text[], jsonb)
  to anon, service_role;
