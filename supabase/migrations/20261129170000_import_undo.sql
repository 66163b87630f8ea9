-- What each import changed in contacts it did not create, so the import can be undone field by field.

create table public.import_changes (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  import_id uuid not null references public.imports (id) on delete cascade,
  contact_id uuid not null references public.contacts (id) on delete cascade,
  -- the contact's fields as they were just before the import touched them
  before jsonb not null,
  primary key (import_id, contact_id)
);
create index import_changes_workspace_idx on public.import_changes (workspace_id);
create index contacts_source_import_idx on public.contacts (source_import_id);

alter table public.import_changes enable row level security;
alter table public.import_changes force row level security;
revoke all on public.import_changes from anon;
grant select, insert, delete on public.import_changes to authenticated;
grant all on public.import_changes to service_role;

create policy import_changes_select on public.import_changes for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy import_changes_insert on public.import_changes for insert to authenticated
  with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy import_changes_delete on public.import_changes for delete to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()));

-- Who ran an import, readable by the workspace's members (auth.users is not theirs to read).
alter table public.imports add column created_by_email text;
