-- Personal invitations: each one-click link the marketer opens (WhatsApp, SMS, Telegram) is recorded — who was
-- invited, through which community link and channel, prepared by whom, opened when. Applied by the Supabase CLI on
-- a hosted project and by lib/db on any other PostgreSQL.

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  link_id uuid not null,
  contact_id uuid not null references public.contacts (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'sms', 'telegram')),
  -- unguessable: the page's button points at /i/{token}, which records the opening then sends the browser on
  token text not null unique check (token ~ '^[A-Za-z0-9_-]{22,64}$'),
  -- where /i/{token} sends the browser: the prefilled one-to-one message, nothing else
  open_url text not null check (open_url ~ '^(https://wa\.me/[0-9]{6,15}\?text=|sms:\+[0-9]{6,15}\?body=|https://t\.me/share/url\?)'
                                and open_url !~ '[^!-~]' and length(open_url) <= 4096),
  prepared_by uuid references auth.users (id) on delete set null,
  prepared_at timestamptz not null default now(),
  opened_at timestamptz,
  opened_count integer not null default 0,
  unique (link_id, contact_id, channel),
  foreign key (link_id, workspace_id) references public.invite_links (id, workspace_id) on delete cascade
);
create index invitations_workspace_idx on public.invitations (workspace_id, opened_at);

alter table public.invitations enable row level security;
alter table public.invitations force row level security;
revoke all on public.invitations from anon, authenticated;
grant select, insert, delete on public.invitations to authenticated;
grant update (open_url, prepared_by, prepared_at) on public.invitations to authenticated;
grant all on public.invitations to service_role;

create policy invitations_select on public.invitations for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy invitations_insert on public.invitations for insert to authenticated
  with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy invitations_update on public.invitations for update to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()))
  with check (workspace_id in (select cercle.writable_workspace_ids()));
create policy invitations_delete on public.invitations for delete to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()));

-- What /i/{token} needs, and nothing more: mark the invitation opened and say where to go.
create function cercle_redirect.open_invitation(invitation_token text) returns text
language sql volatile security definer set search_path = ''
as $$
  update public.invitations
  set opened_at = coalesce(opened_at, pg_catalog.now()), opened_count = opened_count + 1
  where token = invitation_token
  returning open_url
$$;
revoke all on function cercle_redirect.open_invitation(text) from public, authenticated;
grant execute on function cercle_redirect.open_invitation(text) to anon, service_role;
