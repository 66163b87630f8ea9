-- Teams: invitations by email, roles, leaving, transferring ownership (issue 7, item 2).
-- Roles: owner (everything, including settings, members and secrets), editor (the data, not the settings nor
-- the members), viewer (reads only). Every change of membership goes through the security-definer functions
-- below or through the owner-only policies on workspace_members; a trigger keeps at least one owner.
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

-- The workspaces the signed-in user owns, as a set (the shape every policy uses, see the tenancy migration).
create function cercle.owned_workspace_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.workspace_id from public.workspace_members m
  where m.user_id = (select auth.uid()) and m.role = 'owner'
$$;
revoke all on function cercle.owned_workspace_ids() from public, anon;
grant execute on function cercle.owned_workspace_ids() to authenticated, service_role;

-- An invitation holds a hash of its token, never the token: whoever reads the table cannot accept it.
create table public.workspace_invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  email text not null check (email = lower(btrim(email)) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'
                             and length(email) <= 320),
  role text not null check (role in ('editor', 'viewer')),  -- owner only by transfer
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  check (expires_at > created_at),
  check (accepted_at is null or revoked_at is null)
);
create index workspace_invitations_workspace_idx on public.workspace_invitations (workspace_id, created_at desc);

alter table public.workspace_invitations enable row level security;
alter table public.workspace_invitations force row level security;
revoke all on public.workspace_invitations from public, anon, authenticated;
grant select on public.workspace_invitations to authenticated;
grant all on public.workspace_invitations to service_role;
-- Owners see their workspaces' invitations (the invitees' addresses); nobody writes them but the functions.
create policy workspace_invitations_select on public.workspace_invitations for select to authenticated
  using (workspace_id in (select cercle.owned_workspace_ids()));

-- The audit log learns the team's actions (added to whatever list it has: see 20261130100400_auth.sql).
select cercle.allow_audit_actions('workspace_created', 'invitation_accepted', 'invitation_revoked', 'member_removed',
                                  'member_left', 'ownership_transferred');

-- Direct writes to workspace_members stay possible for owners, within the rules: nobody becomes owner
-- except by transfer, a row only ever changes its role, and the last owner cannot go (trigger below).
drop policy members_insert on public.workspace_members;
drop policy members_update on public.workspace_members;
create policy members_insert on public.workspace_members for insert to authenticated
  with check (workspace_id in (select cercle.owned_workspace_ids()) and role <> 'owner');
create policy members_update on public.workspace_members for update to authenticated
  using (workspace_id in (select cercle.owned_workspace_ids()))
  with check (workspace_id in (select cercle.owned_workspace_ids()) and role <> 'owner');
revoke update on public.workspace_members from authenticated;
grant update (role) on public.workspace_members to authenticated;

-- Owners change the settings of their workspace, nothing else about it (not its key, creator or dates).
revoke update on public.workspaces from authenticated;
grant update (name, default_region, is_alcohol, delivery_countries, delivery_departments, public_base_url,
              updated_at) on public.workspaces to authenticated;
alter table public.workspaces add constraint workspaces_public_base_url_check
  check (public_base_url is null or (public_base_url ~ '^https?://[^\s/?#@]+(/[^\s?#]*)?$'
                                     and length(public_base_url) <= 300 and public_base_url !~ '/$'));

-- A workspace keeps at least one owner, whatever the path (function, direct SQL, role change or removal).
-- Deleting the workspace itself, or the account (auth.users), is not blocked.
create function cercle.keep_an_owner() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner')
     and exists (select 1 from public.workspaces w where w.id = old.workspace_id)
     and exists (select 1 from auth.users u where u.id = old.user_id)
     and not exists (select 1 from public.workspace_members m
                     where m.workspace_id = old.workspace_id and m.role = 'owner' and m.user_id <> old.user_id) then
    raise exception 'last_owner' using errcode = 'P0001', hint = 'cercle';
  end if;
  return null;
end
$$;
revoke all on function cercle.keep_an_owner() from public, anon, authenticated;
create trigger workspace_members_keep_an_owner after update or delete on public.workspace_members
  for each row execute function cercle.keep_an_owner();

-- Refusals the app translates: the message is a code, the hint says it is one of ours.
create function cercle.refuse(code text) returns void
language plpgsql volatile set search_path = ''
as $$
begin
  raise exception '%', code using errcode = 'P0001', hint = 'cercle';
end
$$;
revoke all on function cercle.refuse(text) from public, anon;
grant execute on function cercle.refuse(text) to authenticated, service_role;

create function cercle.require_owner(target_workspace uuid) returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
begin
  if caller is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  if not exists (select 1 from public.workspace_members m
                 where m.workspace_id = target_workspace and m.user_id = caller and m.role = 'owner') then
    raise exception 'only an owner of the workspace may do this' using errcode = '42501';
  end if;
  return caller;
end
$$;
revoke all on function cercle.require_owner(uuid) from public, anon, authenticated;

-- An owner invites someone by email with a role; the app keeps the token, the database its SHA-256.
-- A new invitation to the same address replaces a pending one.
create function cercle.invite_member(target_workspace uuid, invitee_email text, invitee_role text,
                                     invitation_token_hash text, valid_for interval default interval '7 days')
returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  caller uuid := cercle.require_owner(target_workspace);
  address text := lower(btrim(invitee_email));
  created uuid;
begin
  if invitee_role is null or invitee_role not in ('editor', 'viewer') then
    perform cercle.refuse('bad_role');
  end if;
  if address is null or address !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' or length(address) > 320 then
    perform cercle.refuse('bad_email');
  end if;
  if valid_for is null or valid_for < interval '1 hour' or valid_for > interval '30 days' then
    perform cercle.refuse('bad_validity');
  end if;
  if exists (select 1 from public.workspace_members m join auth.users u on u.id = m.user_id
             where m.workspace_id = target_workspace and lower(u.email) = address) then
    perform cercle.refuse('already_member');
  end if;
  update public.workspace_invitations set revoked_at = now()
  where workspace_id = target_workspace and email = address
    and accepted_at is null and revoked_at is null and expires_at > now();
  insert into public.workspace_invitations (workspace_id, email, role, token_hash, invited_by, expires_at)
  values (target_workspace, address, invitee_role, invitation_token_hash, caller, now() + valid_for)
  returning id into created;
  return created;
end
$$;

create function cercle.revoke_invitation(invitation uuid) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  found public.workspace_invitations;
begin
  select * into found from public.workspace_invitations i where i.id = invitation for update;
  if found.id is null then
    perform cercle.refuse('unknown_invitation');
  end if;
  perform cercle.require_owner(found.workspace_id);
  if found.accepted_at is not null then
    perform cercle.refuse('invitation_used');
  end if;
  update public.workspace_invitations set revoked_at = coalesce(revoked_at, now()) where id = invitation;
  return found.workspace_id;
end
$$;

-- What the holder of a token may know before accepting: the workspace's name, the role, the state.
create function cercle.invitation_preview(invitation_token text)
returns table (workspace_name text, role text, status text, expires_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select w.name, i.role,
         case when i.revoked_at is not null then 'revoked' when i.accepted_at is not null then 'used'
              when i.expires_at <= now() then 'expired' else 'pending' end,
         i.expires_at
  from public.workspace_invitations i join public.workspaces w on w.id = i.workspace_id
  where (select auth.uid()) is not null
    and i.token_hash = encode(sha256(convert_to(coalesce(invitation_token, ''), 'UTF8')), 'hex')
$$;

-- Accepting: signed in, with the invited address (only its case may differ), once, before it expires.
create function cercle.accept_invitation(invitation_token text) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  caller_email text;
  caller_upper text;
  unconfirmed boolean;
  found public.workspace_invitations;
begin
  if caller is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  select * into found from public.workspace_invitations i
  where i.token_hash = encode(sha256(convert_to(coalesce(invitation_token, ''), 'UTF8')), 'hex')
  for update;
  if found.id is null then
    perform cercle.refuse('unknown_invitation');
  end if;
  if found.revoked_at is not null then
    perform cercle.refuse('invitation_revoked');
  end if;
  if found.accepted_at is not null then
    perform cercle.refuse('invitation_used');
  end if;
  if found.expires_at <= now() then
    perform cercle.refuse('invitation_expired');
  end if;
  -- On Supabase, an address counts once confirmed (auth.users.email_confirmed_at); read through jsonb so the
  -- same function runs on plain PostgreSQL, whose minimal auth.users has no such column.
  select lower(btrim(u.email)), upper(btrim(u.email)),
         (to_jsonb(u) ? 'email_confirmed_at') and (to_jsonb(u) ->> 'email_confirmed_at') is null
    into caller_email, caller_upper, unconfirmed
  from auth.users u where u.id = caller;
  -- equal lower-cased AND upper-cased: a plain difference of case passes, look-alike letters that lower-case
  -- into ASCII do not (the Kelvin sign U+212A lowers to "k", the dotted capital I U+0130 to "i")
  if caller_email is null or caller_email <> found.email or caller_upper <> upper(found.email) then
    perform cercle.refuse('wrong_email');
  end if;
  if unconfirmed then
    perform cercle.refuse('email_unconfirmed');
  end if;
  if exists (select 1 from public.workspace_members m where m.workspace_id = found.workspace_id
             and m.user_id = caller) then
    perform cercle.refuse('already_member');
  end if;
  insert into public.workspace_members (workspace_id, user_id, role) values (found.workspace_id, caller, found.role);
  update public.workspace_invitations set accepted_at = now(), accepted_by = caller where id = found.id;
  return found.workspace_id;
end
$$;

-- Owners change a member's role (editor or viewer; owner only by transfer).
create function cercle.set_member_role(target_workspace uuid, member uuid, new_role text) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  previous text;
begin
  perform cercle.require_owner(target_workspace);
  if new_role is null or new_role not in ('editor', 'viewer') then
    perform cercle.refuse('bad_role');
  end if;
  select m.role into previous from public.workspace_members m
  where m.workspace_id = target_workspace and m.user_id = member for update;
  if previous is null then
    perform cercle.refuse('unknown_member');
  end if;
  update public.workspace_members set role = new_role where workspace_id = target_workspace and user_id = member;
  return previous;
end
$$;

-- Owners remove a member (leaving is the way to remove oneself).
create function cercle.remove_member(target_workspace uuid, member uuid) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  caller uuid := cercle.require_owner(target_workspace);
  previous text;
begin
  if member = caller then
    perform cercle.refuse('remove_self');
  end if;
  delete from public.workspace_members where workspace_id = target_workspace and user_id = member
  returning role into previous;
  if previous is null then
    perform cercle.refuse('unknown_member');
  end if;
  return previous;
end
$$;

-- Any member leaves; the last owner must first hand the workspace over.
create function cercle.leave_workspace(target_workspace uuid) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  previous text;
begin
  if caller is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  delete from public.workspace_members where workspace_id = target_workspace and user_id = caller
  returning role into previous;
  if previous is null then
    perform cercle.refuse('unknown_member');
  end if;
  return previous;
end
$$;

-- The owner hands the workspace to another member and stays as an editor.
create function cercle.transfer_ownership(target_workspace uuid, new_owner uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  caller uuid := cercle.require_owner(target_workspace);
begin
  if new_owner = caller then
    perform cercle.refuse('transfer_self');
  end if;
  update public.workspace_members set role = 'owner' where workspace_id = target_workspace and user_id = new_owner;
  if not found then
    perform cercle.refuse('unknown_member');
  end if;
  update public.workspace_members set role = 'editor' where workspace_id = target_workspace and user_id = caller;
end
$$;

-- The members of a workspace with their addresses, for its members (auth.users is not readable directly).
create function cercle.workspace_team(target_workspace uuid)
returns table (user_id uuid, email text, role text, joined_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select m.user_id, u.email, m.role, m.created_at
  from public.workspace_members m left join auth.users u on u.id = m.user_id
  where m.workspace_id = target_workspace
    and exists (select 1 from public.workspace_members me
                where me.workspace_id = target_workspace and me.user_id = (select auth.uid()))
  order by case m.role when 'owner' then 0 when 'editor' then 1 else 2 end, m.created_at, u.email
$$;

revoke all on function cercle.invite_member(uuid, text, text, text, interval), cercle.revoke_invitation(uuid),
  cercle.invitation_preview(text), cercle.accept_invitation(text), cercle.set_member_role(uuid, uuid, text),
  cercle.remove_member(uuid, uuid), cercle.leave_workspace(uuid), cercle.transfer_ownership(uuid, uuid),
  cercle.workspace_team(uuid) from public, anon;
grant execute on function cercle.invite_member(uuid, text, text, text, interval), cercle.revoke_invitation(uuid),
  cercle.invitation_preview(text), cercle.accept_invitation(text), cercle.set_member_role(uuid, uuid, text),
  cercle.remove_member(uuid, uuid), cercle.leave_workspace(uuid), cercle.transfer_ownership(uuid, uuid),
  cercle.workspace_team(uuid) to authenticated, service_role;
