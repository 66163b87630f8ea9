-- Communities (WhatsApp, Telegram, Facebook... groups), the tracked invite links in front of them, their clicks
-- and member lists. Applied by the Supabase CLI on a hosted project and by lib/db on any other PostgreSQL.
-- The redirect /r/{code} runs without a user: it reads and counts through two narrow functions of the schema
-- cercle_redirect, the only thing role anon may use here (mirrored in Python by lib/links).

create table public.communities (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 120),
  channel text not null check (channel in ('whatsapp_group', 'whatsapp_community', 'telegram_group',
    'telegram_channel', 'facebook_group', 'instagram_channel', 'signal_group', 'sms_list')),
  invite_url text check (length(invite_url) <= 500),
  target_segment_id uuid references public.segments (id) on delete set null,
  promo_code text check (length(promo_code) <= 60),
  notes text check (length(notes) <= 2000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (id, workspace_id),
  -- the invite link has the shape of its channel's links; an SMS list has none (lib.links.communities.INVITE_SHAPES)
  constraint communities_invite_url_shape check (invite_url is null or case channel
    when 'whatsapp_group' then invite_url ~ '^https://chat\.whatsapp\.com/(invite/)?[A-Za-z0-9_-]{10,64}/?$'
    when 'whatsapp_community' then invite_url ~ '^https://chat\.whatsapp\.com/(invite/)?[A-Za-z0-9_-]{10,64}/?$'
    when 'telegram_group' then invite_url ~ '^https://(t|telegram)\.me/(\+[A-Za-z0-9_-]{8,64}|joinchat/[A-Za-z0-9_-]{8,64}|[A-Za-z][A-Za-z0-9_]{4,31})/?$'
    when 'telegram_channel' then invite_url ~ '^https://(t|telegram)\.me/(\+[A-Za-z0-9_-]{8,64}|joinchat/[A-Za-z0-9_-]{8,64}|[A-Za-z][A-Za-z0-9_]{4,31})/?$'
    when 'facebook_group' then invite_url ~ '^https://(www\.|m\.|web\.)?facebook\.com/groups/[A-Za-z0-9._-]{1,100}/?$'
    when 'instagram_channel' then invite_url ~ '^https://(ig\.me/j/|(www\.)?instagram\.com/channel/)[A-Za-z0-9_-]{4,64}/?$'
    when 'signal_group' then invite_url ~ '^https://signal\.group/#[A-Za-z0-9_%=+-]{8,}$'
    else false end)
);
create unique index communities_name_key on public.communities (workspace_id, lower(name));
create index communities_segment_idx on public.communities (target_segment_id);

create table public.invite_links (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  community_id uuid not null,
  -- where people found the link: a salon, a bottle neck-tag, a WhatsApp status, an Instagram bio...
  source text not null check (length(btrim(source)) between 1 and 120),
  -- short and unguessable: 10 characters of a 56-letter alphabet without look-alikes (0/O, 1/l/I)
  code text not null unique check (code ~ '^[23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz]{8,32}$'),
  -- fixed at creation (authenticated may not update it): http(s), a host, printable ASCII only (no spaces or
  -- control characters: it goes into a Location header as stored)
  destination text not null check (destination ~ '^https?://[^/?#\s@]+([/?#][^\s]*)?$'
                                   and destination !~ '[^!-~]' and length(destination) <= 2048),
  enabled boolean not null default true,
  expires_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (id, workspace_id),
  foreign key (community_id, workspace_id) references public.communities (id, workspace_id) on delete cascade
);
create index invite_links_workspace_idx on public.invite_links (workspace_id, created_at);
create index invite_links_community_idx on public.invite_links (community_id);

create table public.link_clicks (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  link_id uuid not null,
  clicked_at timestamptz not null default now(),
  -- HMAC-SHA256 of IP, user agent and hour bucket under the install's secret: never the IP itself
  visitor_hash text not null check (visitor_hash ~ '^[0-9a-f]{64}$'),
  -- a visitor's repeats within the hour count once, whichever process or machine served them
  primary key (link_id, visitor_hash),
  foreign key (link_id, workspace_id) references public.invite_links (id, workspace_id) on delete cascade
);
create index link_clicks_workspace_idx on public.link_clicks (workspace_id, clicked_at);

create table public.community_members (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  community_id uuid not null,
  contact_id uuid not null references public.contacts (id) on delete cascade,
  joined_at timestamptz not null default now(),
  source text check (length(source) <= 120),
  primary key (community_id, contact_id),
  foreign key (community_id, workspace_id) references public.communities (id, workspace_id) on delete cascade
);
create index community_members_workspace_idx on public.community_members (workspace_id);
create index community_members_contact_idx on public.community_members (contact_id);

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['communities', 'invite_links', 'link_clicks', 'community_members'] loop
    execute format('alter table public.%I enable row level security', tenant_table);
    execute format('alter table public.%I force row level security', tenant_table);
    execute format('revoke all on public.%I from anon', tenant_table);
    execute format('grant all on public.%I to service_role', tenant_table);
    execute format('create policy %I on public.%I for select to authenticated
                      using (workspace_id in (select cercle.member_workspace_ids()))', tenant_table || '_select', tenant_table);
    execute format('create policy %I on public.%I for delete to authenticated
                      using (workspace_id in (select cercle.writable_workspace_ids()))', tenant_table || '_delete', tenant_table);
  end loop;
  foreach tenant_table in array array['communities', 'invite_links', 'community_members'] loop
    execute format('create policy %I on public.%I for insert to authenticated
                      with check (workspace_id in (select cercle.writable_workspace_ids()))', tenant_table || '_insert', tenant_table);
    execute format('create policy %I on public.%I for update to authenticated
                      using (workspace_id in (select cercle.writable_workspace_ids()))
                      with check (workspace_id in (select cercle.writable_workspace_ids()))', tenant_table || '_update', tenant_table);
  end loop;
end
$$;

-- Supabase's default privileges grant every new public table to anon and authenticated: start from nothing.
revoke all on public.communities, public.invite_links, public.link_clicks, public.community_members
  from authenticated;
grant select, insert, update, delete on public.communities, public.community_members to authenticated;
-- A link's code and destination are fixed once created: only these columns may change.
grant select, insert, delete on public.invite_links to authenticated;
grant update (source, enabled, expires_at) on public.invite_links to authenticated;
-- Clicks are written by cercle_redirect.record_click only; members read them and may erase them.
grant select, delete on public.link_clicks to authenticated;

-- The install's secret for visitor hashes when CERCLE_LINK_SECRET is not set: readable by the connecting role only.
create table cercle.install_secrets (
  name text primary key,
  value text not null check (length(value) >= 32)
);
alter table cercle.install_secrets enable row level security;
revoke all on cercle.install_secrets from public, anon, authenticated;
insert into cercle.install_secrets (name, value)
values ('link_visitor_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
on conflict (name) do nothing;

-- The redirect's two functions live in their own schema so that granting anon usage of it exposes nothing else.
create schema if not exists cercle_redirect;
revoke all on schema cercle_redirect from public;
grant usage on schema cercle_redirect to anon, service_role;

-- What /r/{code} needs to answer, and nothing more.
create function cercle_redirect.resolve_link(link_code text)
returns table (link_id uuid, destination text, enabled boolean, expired boolean, community_name text)
language sql stable security definer set search_path = ''
as $$
  select l.id, l.destination, l.enabled, coalesce(l.expires_at <= pg_catalog.now(), false), c.name
  from public.invite_links l
  join public.communities c on c.id = l.community_id and c.workspace_id = l.workspace_id
  where l.code = link_code
$$;

-- Counts one click of a live link; a visitor's repeat within the hour hits the primary key and is not counted.
create function cercle_redirect.record_click(target_link uuid, visitor text)
returns boolean
language sql volatile security definer set search_path = ''
as $$
  with counted as (
    insert into public.link_clicks (workspace_id, link_id, visitor_hash)
    select l.workspace_id, l.id, visitor
    from public.invite_links l
    where l.id = target_link and l.enabled and (l.expires_at is null or l.expires_at > pg_catalog.now())
    on conflict (link_id, visitor_hash) do nothing
    returning 1
  )
  select exists (select 1 from counted)
$$;

revoke all on function cercle_redirect.resolve_link(text), cercle_redirect.record_click(uuid, text)
  from public, authenticated;
grant execute on function cercle_redirect.resolve_link(text), cercle_redirect.record_click(uuid, text)
  to anon, service_role;
