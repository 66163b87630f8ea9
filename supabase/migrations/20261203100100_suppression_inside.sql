-- Issue #13, findings 2 and 6: the suppression list is matched inside the database, on the rows being written,
-- and never hands a hash back to a member. Applied by the Supabase CLI on a hosted project and by lib/db on any
-- other PostgreSQL.
--
-- Before: any member (a viewer too) could call cercle.suppression_hashes(ws, 'phone', array[...]) on a million
-- candidate numbers and join the result with public.suppressions to recover an erased number (9.7 s); an editor
-- could do the same by inserting candidates and reading contacts.phone_key. And only the main phone and the e-mail
-- were checked: a suppressed number written as a second number of a cell came back in other_phones.
--
-- Now:
--  * members read no key hash at all: not public.suppressions.key_hash, and contacts hold no key column;
--  * nothing callable by a member turns a value into a hash (suppression_hash, suppression_hashes dropped);
--  * a trigger on contacts, security definer, checks every phone (main and others) and the e-mail of the row being
--    written: a new contact whose main phone or e-mail is on the list is not created (the insert skips the row), a
--    listed number or address is never added to an existing contact (dropped from other_phones, the old value kept);
--  * contacts.suppressed says that something the contact holds is on the list; the database keeps it (a member
--    cannot clear it: every write recomputes it). Segments, invitations and exports leave such contacts out;
--  * values join the list only through cercle.suppress(), which hashes inside the database and marks the contacts
--    holding them as suppressed.

drop trigger if exists contacts_keys on public.contacts;
drop function if exists cercle.contact_keys();
alter table public.contacts drop column if exists phone_key, drop column if exists email_key;
drop function if exists cercle.suppression_hashes(uuid, text, text[]);
drop function if exists cercle.suppression_hash(uuid, text, text);
revoke all on function cercle.keyed_hash(text, text, text) from authenticated;

-- What the marketer showed as proof of an opt-out (a file of STOP replies: its SHA-256, never its name or lines).
alter table public.suppressions add column proof jsonb check (proof is null or jsonb_typeof(proof) = 'object');

-- Members see that an entry exists, its kind, reason, author and date; never its hash.
revoke select, insert on public.suppressions from authenticated;
grant select (workspace_id, kind, reason, created_by, created_at, proof) on public.suppressions to authenticated;
drop policy if exists suppressions_insert on public.suppressions;

alter table public.contacts add column suppressed boolean not null default false;

-- Is this value on the workspace's list? For the trigger and cercle.suppress only (never granted to members).
create function cercle.is_listed(target_workspace uuid, secret text, kind text, value text) returns boolean
language sql stable set search_path = ''
as $$
  select value is not null and exists (
    select 1 from public.suppressions x
    where x.workspace_id = target_workspace and x.kind = is_listed.kind
      and x.key_hash = cercle.keyed_hash(secret, is_listed.kind, value))
$$;
revoke all on function cercle.is_listed(uuid, text, text, text) from public, anon, authenticated;

-- What it left out is added to the transaction's setting cercle.suppressed_values (a JSON array of the values the
-- writer itself gave): lib/contacts/store.py reads it to say which rows of a file were stopped, and drops their
-- report lines. Nothing else about the list is told.
create function cercle.note_suppressed(vals text[]) returns void
language plpgsql volatile set search_path = ''
as $$
begin
  vals := array(select v from pg_catalog.unnest(vals) v where v is not null);
  if coalesce(pg_catalog.cardinality(vals), 0) > 0 then
    perform pg_catalog.set_config('cercle.suppressed_values',
      (coalesce(nullif(pg_catalog.current_setting('cercle.suppressed_values', true), ''), '[]')::jsonb
       || pg_catalog.to_jsonb(vals))::text, true);
  end if;
end
$$;
revoke all on function cercle.note_suppressed(text[]) from public, anon, authenticated;

create function cercle.contact_suppression() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  secret text;
  previous text[] := '{}';
  dropped text[] := '{}';
  kept text[];
begin
  select w.suppression_key into secret from public.workspaces w where w.id = new.workspace_id;
  if tg_op = 'UPDATE' then
    previous := old.other_phones;
  end if;
  -- other numbers: one on the list is not stored (those the contact already held stay, for an opted-out person)
  if coalesce(pg_catalog.cardinality(new.other_phones), 0) > 0 then
    kept := array(
      select p from pg_catalog.unnest(new.other_phones) with ordinality u (p, n)
      where p = any (previous) or not cercle.is_listed(new.workspace_id, secret, 'phone', p)
      order by n);
    if pg_catalog.cardinality(kept) < pg_catalog.cardinality(new.other_phones) then
      dropped := array(select p from pg_catalog.unnest(new.other_phones) p where p <> all (kept));
      new.other_phones := kept;
    end if;
  end if;
  if tg_op = 'INSERT' then
    -- a new person whose number or address is on the list is not created (one lookup per key, in one query:
    -- imports insert thousands of rows through here)
    if exists (select 1 from public.suppressions x
               where new.phone_e164 is not null and x.workspace_id = new.workspace_id and x.kind = 'phone'
                 and x.key_hash = cercle.keyed_hash(secret, 'phone', new.phone_e164))
       or exists (select 1 from public.suppressions x
                  where new.email is not null and x.workspace_id = new.workspace_id and x.kind = 'email'
                    and x.key_hash = cercle.keyed_hash(secret, 'email', new.email)) then
      perform cercle.note_suppressed(dropped || array[new.phone_e164, new.email]);
      return null;
    end if;
    if pg_catalog.cardinality(dropped) > 0 then
      perform cercle.note_suppressed(dropped);
    end if;
    new.suppressed := false;
    return new;
  end if;
  if new.phone_e164 is distinct from old.phone_e164
     and cercle.is_listed(new.workspace_id, secret, 'phone', new.phone_e164) then
    dropped := dropped || new.phone_e164;
    new.phone_e164 := old.phone_e164;
  end if;
  if pg_catalog.lower(new.email) is distinct from pg_catalog.lower(old.email)
     and cercle.is_listed(new.workspace_id, secret, 'email', new.email) then
    dropped := dropped || new.email;
    new.email := old.email;
  end if;
  perform cercle.note_suppressed(dropped);
  new.suppressed := cercle.is_listed(new.workspace_id, secret, 'email', new.email)
    or exists (select 1 from pg_catalog.unnest(array[new.phone_e164] || new.other_phones) p
               where cercle.is_listed(new.workspace_id, secret, 'phone', p));
  return new;
end
$$;
revoke all on function cercle.contact_suppression() from public, anon, authenticated;
create trigger contacts_suppression before insert or update of phone_e164, other_phones, email, suppressed,
  workspace_id on public.contacts for each row execute function cercle.contact_suppression();

-- Puts values on the list (an opt-out, an erasure, a file of STOP replies): editors and owners of the workspace.
-- Returns how many entries are new; the contacts holding any of the values are marked suppressed. Nothing about
-- the values is returned.
create function cercle.suppress(target_workspace uuid, list_kind text, vals text[], why text, given_proof jsonb default null)
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  secret text;
  added integer;
  cleaned text[];
begin
  if not (select cercle.can_write(target_workspace)) then
    raise exception 'only editors and owners add to the suppression list' using errcode = '42501';
  end if;
  if list_kind not in ('phone', 'email') then
    raise exception 'kind must be phone or email' using errcode = '22023';
  end if;
  select w.suppression_key into secret from public.workspaces w where w.id = target_workspace;
  cleaned := array(select distinct case when list_kind = 'email' then pg_catalog.lower(pg_catalog.btrim(v))
                                        else pg_catalog.btrim(v) end
                   from pg_catalog.unnest(vals) v where v is not null and pg_catalog.btrim(v) <> '');
  insert into public.suppressions (workspace_id, kind, key_hash, reason, created_by, proof)
  select target_workspace, list_kind, cercle.keyed_hash(secret, list_kind, v), why, (select auth.uid()), given_proof
  from pg_catalog.unnest(cleaned) v
  on conflict on constraint suppressions_pkey do nothing;
  get diagnostics added = row_count;
  if list_kind = 'phone' then
    update public.contacts c set suppressed = true
    where c.workspace_id = target_workspace and not c.suppressed
      and (c.phone_e164 = any (cleaned) or c.other_phones && cleaned);
  else
    update public.contacts c set suppressed = true
    where c.workspace_id = target_workspace and not c.suppressed and pg_catalog.lower(c.email) = any (cleaned);
  end if;
  return added;
end
$$;
revoke all on function cercle.suppress(uuid, text, text[], text, jsonb) from public, anon;
grant execute on function cercle.suppress(uuid, text, text[], text, jsonb) to authenticated, service_role;

-- The contact page says which of a stored contact's coordinates are listed (members read the contact anyway).
create function cercle.contact_listed(target_workspace uuid, contact uuid)
returns table (phone boolean, email boolean)
language sql stable security definer set search_path = ''
as $$
  select cercle.is_listed(c.workspace_id, w.suppression_key, 'phone', c.phone_e164),
         cercle.is_listed(c.workspace_id, w.suppression_key, 'email', c.email)
  from public.contacts c join public.workspaces w on w.id = c.workspace_id
  where c.id = contact and c.workspace_id = target_workspace and (select cercle.is_member(target_workspace))
$$;
revoke all on function cercle.contact_listed(uuid, uuid) from public, anon;
grant execute on function cercle.contact_listed(uuid, uuid) to authenticated, service_role;

-- Orders: a buyer erased from the workspace stays erased. An order written with a phone or e-mail on the list for
-- an erasure keeps the sale, not the buyer's phone, e-mail, name or note (was done with suppression_hashes).
create function cercle.order_forget_erased() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  secret text;
begin
  if new.phone_e164 is null and new.email is null then
    return new;
  end if;
  select w.suppression_key into secret from public.workspaces w where w.id = new.workspace_id;
  if exists (select 1 from public.suppressions x
             where x.workspace_id = new.workspace_id and x.reason = 'erasure'
               and ((x.kind = 'phone' and new.phone_e164 is not null
                     and x.key_hash = cercle.keyed_hash(secret, 'phone', new.phone_e164))
                 or (x.kind = 'email' and new.email is not null
                     and x.key_hash = cercle.keyed_hash(secret, 'email', new.email)))) then
    new.phone_e164 := null;
    new.email := null;
    new.buyer_name := null;
    new.note := null;
    new.contact_id := null;
  end if;
  return new;
end
$$;
revoke all on function cercle.order_forget_erased() from public, anon, authenticated;
create trigger orders_forget_erased before insert or update of phone_e164, email on public.orders
  for each row execute function cercle.order_forget_erased();

-- Contacts written before this migration: their flag from the list as it stands.
update public.contacts set suppressed = suppressed;
