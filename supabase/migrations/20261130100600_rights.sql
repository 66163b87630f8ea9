-- People's rights (TRUST.md 19–22): the history of every consent, per channel and with its proof; the workspace's
-- retention period for inactive prospects; the activity-log actions for opt-outs, exports of one person and purges.
-- Mirrored in Python by lib/contacts/consent.py and lib/contacts/rights.py.
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

-- Every consent given or withdrawn, append-only. The contact's consent_* flags stay the fast path for segments;
-- the triggers below write one event here each time a flag changes, in the same statement, whoever changes it
-- (the contact page, an import, an opt-out). Members read; nobody writes or edits an event directly. Erasing a
-- contact removes its events with it (on delete cascade): nothing identifying is kept but the suppression key.
create table public.consent_events (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  contact_id uuid not null references public.contacts (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'telegram', 'sms', 'email')),
  granted boolean not null,
  -- when the person gave (or withdrew) it, as the proof says; recorded_at is when Cercle learnt it
  given_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  method text check (length(method) <= 40),
  source text check (length(source) <= 300),
  wording text check (length(wording) <= 300),
  by_user uuid,
  by_email text check (length(by_email) <= 320),
  import_id uuid references public.imports (id) on delete set null
);
create index consent_events_contact_idx on public.consent_events (contact_id, recorded_at desc);
create index consent_events_workspace_idx on public.consent_events (workspace_id, recorded_at desc);
create index consent_events_import_idx on public.consent_events (import_id);

alter table public.consent_events enable row level security;
alter table public.consent_events force row level security;
revoke all on public.consent_events from public, anon, authenticated;
grant select on public.consent_events to authenticated;
grant all on public.consent_events to service_role;
create policy consent_events_select on public.consent_events for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));

-- A proof's "at" as a timestamp, or null when it is not one (files carry dates in all shapes).
create function cercle.proof_time(proof jsonb) returns timestamptz
language plpgsql stable set search_path = ''
as $$
begin
  return (proof ->> 'at')::timestamptz;
exception when others then
  return null;
end
$$;
revoke all on function cercle.proof_time(jsonb) from public, anon;
grant execute on function cercle.proof_time(jsonb) to authenticated, service_role;

-- The import being merged, when there is one (lib/contacts/store.py sets it for its transaction).
create function cercle.current_import() returns uuid
language plpgsql stable set search_path = ''
as $$
begin
  return nullif(pg_catalog.current_setting('cercle.import_id', true), '')::uuid;
exception when others then
  return null;
end
$$;
revoke all on function cercle.current_import() from public, anon;
grant execute on function cercle.current_import() to authenticated, service_role;

-- New contacts: one "granted" event per consent they arrive with.
create function cercle.consent_history_insert() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.consent_events (workspace_id, contact_id, channel, granted, given_at, method, source, wording,
                                     by_user, by_email, import_id)
  select n.workspace_id, n.id, ch.channel, true,
         coalesce(cercle.proof_time(n.consent_proof -> ch.channel), pg_catalog.now()),
         left(n.consent_proof -> ch.channel ->> 'method', 40), left(n.consent_proof -> ch.channel ->> 'source', 300),
         left(n.consent_proof -> ch.channel ->> 'wording', 300), (select auth.uid()),
         left(nullif((select auth.jwt()) ->> 'email', ''), 320),
         coalesce(cercle.current_import(), n.source_import_id)
  from new_rows n
  cross join lateral (values ('whatsapp', n.consent_whatsapp), ('telegram', n.consent_telegram),
                             ('sms', n.consent_sms), ('email', n.consent_email)) ch (channel, flag)
  where ch.flag;
  return null;
end
$$;

-- Changed contacts: one event per flag that changed. A withdrawal's proof is the one the contact page or the
-- opt-out wrote ({"withdrawn": true, ...}); a flag cleared any other way is recorded with method "reverted".
-- A row trigger behind a WHEN clause: updates that change no consent (interests, keys, undo) never call it.
create function cercle.consent_history_update() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.consent_events (workspace_id, contact_id, channel, granted, given_at, method, source, wording,
                                     by_user, by_email, import_id)
  select new.workspace_id, new.id, ch.channel, ch.now_on,
         coalesce(case when ch.now_on or (ch.proof ->> 'withdrawn') = 'true' then cercle.proof_time(ch.proof) end,
                  pg_catalog.now()),
         case when ch.now_on or (ch.proof ->> 'withdrawn') = 'true' then left(ch.proof ->> 'method', 40)
              else 'reverted' end,
         case when ch.now_on or (ch.proof ->> 'withdrawn') = 'true' then left(ch.proof ->> 'source', 300) end,
         case when ch.now_on or (ch.proof ->> 'withdrawn') = 'true' then left(ch.proof ->> 'wording', 300) end,
         (select auth.uid()), left(nullif((select auth.jwt()) ->> 'email', ''), 320), cercle.current_import()
  from (values ('whatsapp', old.consent_whatsapp, new.consent_whatsapp, new.consent_proof -> 'whatsapp'),
               ('telegram', old.consent_telegram, new.consent_telegram, new.consent_proof -> 'telegram'),
               ('sms', old.consent_sms, new.consent_sms, new.consent_proof -> 'sms'),
               ('email', old.consent_email, new.consent_email, new.consent_proof -> 'email'))
    ch (channel, was_on, now_on, proof)
  where ch.was_on is distinct from ch.now_on;
  return null;
end
$$;
revoke all on function cercle.consent_history_insert(), cercle.consent_history_update() from public, anon;

-- New contacts arrive by the thousand (imports): one set-based insert per statement.
create trigger contacts_consent_history_insert after insert on public.contacts
  referencing new table as new_rows for each statement execute function cercle.consent_history_insert();
create trigger contacts_consent_history_update
  after update of consent_whatsapp, consent_telegram, consent_sms, consent_email on public.contacts for each row
  when (old.consent_whatsapp is distinct from new.consent_whatsapp or old.consent_telegram is distinct from
        new.consent_telegram or old.consent_sms is distinct from new.consent_sms
        or old.consent_email is distinct from new.consent_email)
  execute function cercle.consent_history_update();

-- A withdrawn consent is not given back by a merge that keeps the withdrawal's proof (an import re-reading an old
-- file: lib/contacts/store.py keeps the existing proof), and nobody who opted out holds any consent. Giving it
-- again takes a new proof, written with the flag (the contact page).
create function cercle.keep_withdrawals() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.opted_out_at is not null then
    new.consent_whatsapp := false;
    new.consent_telegram := false;
    new.consent_sms := false;
    new.consent_email := false;
    return new;
  end if;
  if new.consent_whatsapp and not old.consent_whatsapp
     and (new.consent_proof -> 'whatsapp' ->> 'withdrawn') = 'true' then
    new.consent_whatsapp := false;
  end if;
  if new.consent_telegram and not old.consent_telegram
     and (new.consent_proof -> 'telegram' ->> 'withdrawn') = 'true' then
    new.consent_telegram := false;
  end if;
  if new.consent_sms and not old.consent_sms and (new.consent_proof -> 'sms' ->> 'withdrawn') = 'true' then
    new.consent_sms := false;
  end if;
  if new.consent_email and not old.consent_email and (new.consent_proof -> 'email' ->> 'withdrawn') = 'true' then
    new.consent_email := false;
  end if;
  return new;
end
$$;
revoke all on function cercle.keep_withdrawals() from public, anon;
create trigger contacts_keep_withdrawals before update of consent_whatsapp, consent_telegram, consent_sms, consent_email
  on public.contacts for each row
  when ((new.consent_whatsapp and not old.consent_whatsapp) or (new.consent_telegram and not old.consent_telegram)
        or (new.consent_sms and not old.consent_sms) or (new.consent_email and not old.consent_email))
  execute function cercle.keep_withdrawals();

-- How long a prospect (someone who never bought) may stay without any activity before the purge offers to erase
-- them. CNIL: three years after the last contact.
alter table public.workspaces add column prospect_retention_months integer not null default 36
  check (prospect_retention_months between 6 and 120);

-- The activity log learns three actions: an opt-out, the export of one person's data (an access request), and a
-- purge of inactive prospects (counts only, as for every action); see cercle.allow_audit_actions.
select cercle.allow_audit_actions('opt_out', 'person_export', 'purge');

-- Owners change it like the other settings (row level security: workspaces_update is owners only).
grant update (prospect_retention_months) on public.workspaces to authenticated;
