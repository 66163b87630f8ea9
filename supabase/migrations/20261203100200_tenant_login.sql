-- Issue #13, finding 13: tenant transactions must not be able to climb back to the login role. The app used to log
-- in as `postgres` (a superuser on a plain PostgreSQL) for everything; a `RESET ROLE` inside a tenant transaction
-- then read every workspace, and `COPY ... TO PROGRAM` ran commands on the server.
--
-- Tenant work now logs in as `cercle_tenant`: a login role that is no superuser, creates nothing, bypasses no row
-- level security, holds no privilege of its own (NOINHERIT) and may only become `anon` or `authenticated`. After a
-- RESET ROLE it can read nothing. Migrations, health checks and the few service tasks keep the admin login.
--
-- Its password is made here, at random, and kept in cercle_private.tenant_login, which only the database owner
-- reads (lib/db/database.py builds the tenant connection from it). On Supabase, where this migration is applied by
-- the Supabase CLI: the role is created the same way; connect through the direct connection (port 5432) or give
-- the tenant connection string yourself in TENANT_DATABASE_URL (the pooler names users `cercle_tenant.<project>`).
-- Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.

create schema if not exists cercle_private;
revoke all on schema cercle_private from public;
do $$
begin
  execute 'revoke all on schema cercle_private from anon, authenticated, service_role';
end
$$;

create table if not exists cercle_private.tenant_login (
  only_row boolean primary key default true check (only_row),
  role_name text not null,
  password text not null
);
revoke all on cercle_private.tenant_login from public;

-- Creates the role where it is missing and gives it this database's stored password (made at random the first
-- time). lib/db runs it at every start as the database owner, so a database restored elsewhere, or a role whose
-- password was changed, works again. Several Cercle databases on one server share the role: the last one started
-- sets its password (give each its own TENANT_DATABASE_URL then). Owner only: nobody else may execute it.
create or replace function cercle_private.ensure_tenant_login() returns text
language plpgsql volatile set search_path = ''
as $$
declare
  secret text;
begin
  select t.password into secret from cercle_private.tenant_login t;
  if secret is null then
    secret := pg_catalog.replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
    insert into cercle_private.tenant_login (role_name, password) values ('cercle_tenant', secret);
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'cercle_tenant') then
    execute pg_catalog.format('create role cercle_tenant login noinherit nosuperuser nocreatedb nocreaterole '
                              'nobypassrls noreplication password %L', secret);
  else
    execute pg_catalog.format('alter role cercle_tenant login noinherit nosuperuser nocreatedb nocreaterole '
                              'nobypassrls noreplication password %L', secret);
  end if;
  execute 'grant anon, authenticated to cercle_tenant';
  -- the one database it works in; nothing in it besides what anon and authenticated are given
  execute pg_catalog.format('grant connect, temporary on database %I to cercle_tenant',
                            pg_catalog.current_database());
  return 'cercle_tenant';
end
$$;
revoke all on function cercle_private.ensure_tenant_login() from public;

do $$
begin
  perform cercle_private.ensure_tenant_login();
exception when insufficient_privilege then
  -- a server where the migrating role may not manage roles: the app then asks for TENANT_DATABASE_URL
  raise warning 'cercle_tenant not created: % (set TENANT_DATABASE_URL)', sqlerrm;
end
$$;
