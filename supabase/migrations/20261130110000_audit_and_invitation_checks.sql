-- Review of issue 7 (sign-in, teams, people's rights): what the database must refuse that it did not.
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

-- The activity log's one writer, cercle.audit(), accepted any action from any member: a viewer could write an
-- "erasure", an "import" or a "role_changed" that never happened, in their own name, by direct SQL. A viewer
-- changes nothing, so the only entries a viewer's actions make are their sign-ins and sign-outs, their exports
-- (reading is theirs), joining by an invitation and leaving. The rest of the function is unchanged.
create or replace function cercle.audit(workspace uuid, action text, details jsonb default '{}'::jsonb) returns bigint
language plpgsql volatile security definer set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
  actor_role text;
  written bigint;
begin
  if actor is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  select m.role into actor_role from public.workspace_members m
  where m.workspace_id = workspace and m.user_id = actor;
  if actor_role is null then
    raise exception 'not a member of this workspace' using errcode = '42501';
  end if;
  if actor_role = 'viewer' and action not in ('sign_in', 'sign_out', 'export', 'person_export',
                                              'invitation_accepted', 'member_left') then
    raise exception 'a viewer does not do this' using errcode = '42501';
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

-- Accepting an invitation compared lower(the caller's address) with the invited one: case did not matter, but
-- neither did look-alike letters that lower-case into ASCII (the Kelvin sign U+212A lowers to "k", the dotted
-- capital I U+0130 to "i"), so "\u212aim@..." could take the invitation of "kim@...". The addresses must now
-- also agree upper-cased, which only a plain difference of case passes. The rest of the function is unchanged.
create or replace function cercle.accept_invitation(invitation_token text) returns uuid
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
revoke all on function cercle.accept_invitation(text) from public, anon;
grant execute on function cercle.accept_invitation(text) to authenticated, service_role;
