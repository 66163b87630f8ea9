-- Issue #13, findings 9 and 12. Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.
--
-- 1. A workspace is never deleted by a member, not even its owner: deleting it would take the suppression list
--    (people who said STOP or were erased) and the append-only activity log with it. Closing a workspace is an
--    operator's job (service_role / the database owner), never one SQL statement from the app's role.
-- 2. Nobody joins a workspace without an invitation: members arrive only through cercle.accept_invitation (and the
--    creator through cercle.create_workspace), both security definer. An owner can no longer insert any account
--    into workspace_members directly.
-- 3. A row never points at another workspace's row: every reference between tenant tables carries the
--    workspace_id too (composite foreign keys), so a forged id from another workspace is refused instead of
--    answering "this id exists" or cascading across tenants.

drop policy if exists workspaces_delete on public.workspaces;
revoke delete on public.workspaces from authenticated;

drop policy if exists members_insert on public.workspace_members;
revoke insert on public.workspace_members from authenticated;

-- Belt and braces: even a role that was granted the privilege again cannot do it as a signed-in member.
create function cercle.refuse_member_workspace_delete() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user::text in ('authenticated', 'anon') then
    raise exception 'a workspace is not deleted from the app' using errcode = '42501';
  end if;
  return old;
end
$$;
revoke all on function cercle.refuse_member_workspace_delete() from public, anon, authenticated;
create trigger workspaces_refuse_member_delete before delete on public.workspaces
  for each row execute function cercle.refuse_member_workspace_delete();

-- (id, workspace_id) keys the composite references below need.
alter table public.contacts add constraint contacts_id_workspace_key unique (id, workspace_id);
alter table public.imports add constraint imports_id_workspace_key unique (id, workspace_id);
alter table public.segments add constraint segments_id_workspace_key unique (id, workspace_id);

-- Rows written before this migration that already point across workspaces lose the link (or the row, for rows
-- that are nothing without it): none on a sound install.
delete from public.community_members m using public.contacts c
  where c.id = m.contact_id and c.workspace_id <> m.workspace_id;
delete from public.invitations i using public.contacts c where c.id = i.contact_id and c.workspace_id <> i.workspace_id;
delete from public.import_changes ch using public.contacts c
  where c.id = ch.contact_id and c.workspace_id <> ch.workspace_id;
delete from public.import_changes ch using public.imports i
  where i.id = ch.import_id and i.workspace_id <> ch.workspace_id;
update public.orders o set contact_id = null from public.contacts c
  where c.id = o.contact_id and c.workspace_id <> o.workspace_id;
update public.contacts c set source_import_id = null from public.imports i
  where i.id = c.source_import_id and i.workspace_id <> c.workspace_id;
update public.communities m set target_segment_id = null from public.segments s
  where s.id = m.target_segment_id and s.workspace_id <> m.workspace_id;
delete from public.segment_snapshot_members m using public.contacts c
  where c.id = m.contact_id and c.workspace_id <> m.workspace_id;
update public.consent_events e set import_id = null from public.imports i
  where i.id = e.import_id and i.workspace_id <> e.workspace_id;

alter table public.community_members drop constraint community_members_contact_id_fkey,
  add constraint community_members_contact_fkey foreign key (contact_id, workspace_id)
    references public.contacts (id, workspace_id) on delete cascade;
alter table public.invitations drop constraint invitations_contact_id_fkey,
  add constraint invitations_contact_fkey foreign key (contact_id, workspace_id)
    references public.contacts (id, workspace_id) on delete cascade;
alter table public.import_changes drop constraint import_changes_contact_id_fkey,
  drop constraint import_changes_import_id_fkey,
  add constraint import_changes_contact_fkey foreign key (contact_id, workspace_id)
    references public.contacts (id, workspace_id) on delete cascade,
  add constraint import_changes_import_fkey foreign key (import_id, workspace_id)
    references public.imports (id, workspace_id) on delete cascade;
alter table public.orders drop constraint orders_contact_id_fkey,
  add constraint orders_contact_fkey foreign key (contact_id, workspace_id)
    references public.contacts (id, workspace_id) on delete set null (contact_id);
alter table public.contacts drop constraint contacts_source_import_id_fkey,
  add constraint contacts_source_import_fkey foreign key (source_import_id, workspace_id)
    references public.imports (id, workspace_id) on delete set null (source_import_id);
alter table public.communities drop constraint communities_target_segment_id_fkey,
  add constraint communities_target_segment_fkey foreign key (target_segment_id, workspace_id)
    references public.segments (id, workspace_id) on delete set null (target_segment_id);
alter table public.segment_snapshot_members drop constraint segment_snapshot_members_contact_id_fkey,
  add constraint segment_snapshot_members_contact_fkey foreign key (contact_id, workspace_id)
    references public.contacts (id, workspace_id) on delete cascade;
alter table public.consent_events drop constraint consent_events_contact_id_fkey,
  drop constraint consent_events_import_id_fkey,
  add constraint consent_events_contact_fkey foreign key (contact_id, workspace_id)
    references public.contacts (id, workspace_id) on delete cascade,
  add constraint consent_events_import_fkey foreign key (import_id, workspace_id)
    references public.imports (id, workspace_id) on delete set null (import_id);
update public.segment_snapshots n set segment_id = null from public.segments s
  where s.id = n.segment_id and s.workspace_id <> n.workspace_id;
alter table public.segment_snapshots drop constraint segment_snapshots_segment_id_fkey,
  add constraint segment_snapshots_segment_fkey foreign key (segment_id, workspace_id)
    references public.segments (id, workspace_id) on delete set null (segment_id);
alter table public.order_imports add constraint order_imports_id_workspace_key unique (id, workspace_id);
update public.orders o set import_id = null from public.order_imports i
  where i.id = o.import_id and i.workspace_id <> o.workspace_id;
alter table public.orders drop constraint orders_import_id_fkey,
  add constraint orders_import_fkey foreign key (import_id, workspace_id)
    references public.order_imports (id, workspace_id) on delete set null (import_id);
