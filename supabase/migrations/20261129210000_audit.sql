-- The activity log (TRUST.md 23): what was done in a workspace, when and by whom — imports, exports, erasures,
-- consent changes, link creation, settings, sign-ins — never the contacts' personal data. Append-only: members
-- read their workspace's entries; entries are written only through cercle.audit(), which takes the actor from
-- the session's JWT; nobody but the database's owner role may change or remove one.
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

create table public.audit_log (
  id bigint generated always as identity primary key,
  -- deleting a whole workspace (its erasure) takes its log with it; nothing else removes an entry
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  at timestamptz not null default now(),
  -- no foreign key: the log keeps who acted even after that account is gone
  actor uuid,
  actor_email text check (length(actor_email) <= 320),
  action text not null check (action in ('import', 'import_undone', 'export', 'erasure', 'consent_changed',
                                         'link_created', 'settings_changed', 'sign_in', 'member_invited',
                                         'role_changed')),
  -- counts and the names of files, segments, communities, settings: never a contact's phone, email or name
  details jsonb not null default '{}'::jsonb,
  check (jsonb_typeof(details) = 'object'),
  check (pg_column_size(details) < 8192),
  check (not details ?| array['phone', 'phone_e164', 'email', 'first_name', 'last_name', 'name_of_contact',
                              'contact_name', 'telephone', 'mobile', 'prenom', 'nom'])
);
create index audit_log_workspace_at_idx on public.audit_log (workspace_id, at desc);

alter table public.audit_log enable row level security;
alter table public.audit_log force row level security;
revoke all on public.audit_log from public, anon, authenticated, service_role;
grant select on public.audit_log to authenticated;
grant select, insert on public.audit_log to service_role;

create policy audit_log_select on public.audit_log for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));

-- Belt and braces for "append-only": even a role with the privilege cannot rewrite an entry.
create function cercle.audit_log_is_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'audit_log entries cannot be changed' using errcode = '42501';
end
$$;
revoke all on function cercle.audit_log_is_append_only() from public, anon, authenticated;
create trigger audit_log_no_update before update on public.audit_log
  for each row execute function cercle.audit_log_is_append_only();

-- The one way to write an entry: a member of the workspace, as themselves.
create function cercle.audit(workspace uuid, action text, details jsonb default '{}'::jsonb) returns bigint
language plpgsql volatile security definer set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
  written bigint;
begin
  if actor is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if not exists (select 1 from public.workspace_members m where m.workspace_id = workspace and m.user_id = actor)
  then
    raise exception 'not a member of this workspace' using errcode = '42501';
  end if;
  insert into public.audit_log (workspace_id, actor, actor_email, action, details)
  values (workspace, actor, left(nullif((select auth.jwt()) ->> 'email', ''), 320), action,
          coalesce(details, '{}'::jsonb))
  returning id into written;
  return written;
end
$$;
revoke all on function cercle.audit(uuid, text, jsonb) from public, anon;
grant execute on function cercle.audit(uuid, text, jsonb) to authenticated;
