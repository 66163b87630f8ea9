-- The activity log: a viewer may only record what a viewer does (sign-ins, exports, joining, leaving).
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
