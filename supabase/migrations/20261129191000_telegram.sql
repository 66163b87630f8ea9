-- Telegram, when a workspace owner gives Cercle a bot token: named invite links made through the Bot API (one per
-- source), the chat of each Telegram community, and the joins the bot's webhook reports, attributed to the link a
-- person joined with. Mirrored in Python by lib/links/telegram.py.
-- The webhook /hooks/telegram/{workspace_key} runs without a user: like /r/{code}, it only calls two narrow
-- security-definer functions of the schema cercle_telegram as role anon.

-- One bot per workspace. Owners only: the token is a full key to the bot.
create table public.telegram_settings (
  workspace_id uuid primary key references public.workspaces (id) on delete cascade,
  -- "<bot id>:<secret>" as BotFather gives it
  bot_token text not null check (bot_token ~ '^[0-9]{1,20}:[A-Za-z0-9_-]{30,100}$'),
  bot_id bigint generated always as (split_part(bot_token, ':', 1)::bigint) stored,
  -- the random path segment of the webhook URL (never the workspace's uuid)
  webhook_key text not null unique check (webhook_key ~ '^[A-Za-z0-9_-]{22,64}$'),
  -- SHA-256 (hex) of the secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token: the secret itself is
  -- only ever given to Telegram (a new one each time the webhook is registered)
  webhook_secret_hash text not null check (webhook_secret_hash ~ '^[0-9a-f]{64}$'),
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- The Telegram chat (group, supergroup or channel) behind a community.
create table public.telegram_chats (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  community_id uuid primary key,
  chat_id bigint not null,
  unique (workspace_id, chat_id),
  foreign key (community_id, workspace_id) references public.communities (id, workspace_id) on delete cascade
);

-- Chats the bot has seen (added to a group, a message in it): what the settings page offers to pick from.
-- A group's title is not personal data; no member or message is stored here.
create table public.telegram_seen_chats (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  chat_id bigint not null,
  chat_type text not null check (chat_type in ('group', 'supergroup', 'channel')),
  title text check (length(title) <= 255),
  seen_at timestamptz not null default now(),
  primary key (workspace_id, chat_id)
);

-- The Telegram invite link behind a tracked link (its destination), to recognise it in chat_member updates.
create table public.telegram_invite_links (
  link_id uuid primary key,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  chat_id bigint not null,
  invite_link text not null check (invite_link ~ '^https://(t|telegram)\.me/\S{1,200}$'),
  member_limit integer check (member_limit between 1 and 99999),
  creates_join_request boolean not null default false,
  unique (workspace_id, invite_link),
  foreign key (link_id, workspace_id) references public.invite_links (id, workspace_id) on delete cascade
);

-- Each update Telegram delivers is processed once: a replay hits the primary key and changes nothing.
create table public.telegram_updates (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  bot_id bigint not null,
  update_id bigint not null,
  event text not null check (length(event) <= 40),
  received_at timestamptz not null default now(),
  primary key (workspace_id, bot_id, update_id)
);

-- Someone joined (or asked to join) a Telegram chat. The Telegram user id only: no name, no username.
create table public.telegram_joins (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  community_id uuid,
  link_id uuid,
  kind text not null check (kind in ('join', 'join_request')),
  chat_id bigint not null,
  telegram_user_id bigint not null,
  -- the invite link Telegram reported (missing for public groups and re-joins: the join is then unattributed)
  invite_link text check (length(invite_link) <= 300),
  occurred_at timestamptz not null,
  bot_id bigint not null,
  update_id bigint not null,
  recorded_at timestamptz not null default now(),
  foreign key (community_id, workspace_id) references public.communities (id, workspace_id) on delete cascade,
  foreign key (link_id, workspace_id) references public.invite_links (id, workspace_id) on delete set null (link_id),
  foreign key (workspace_id, bot_id, update_id) references public.telegram_updates (workspace_id, bot_id, update_id)
    on delete cascade
);
create index telegram_joins_workspace_idx on public.telegram_joins (workspace_id, occurred_at);
create index telegram_joins_link_idx on public.telegram_joins (link_id);
create index telegram_joins_member_idx on public.telegram_joins (workspace_id, chat_id, telegram_user_id);

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['telegram_settings', 'telegram_chats', 'telegram_seen_chats',
                                      'telegram_invite_links', 'telegram_updates', 'telegram_joins'] loop
    execute format('alter table public.%I enable row level security', tenant_table);
    execute format('alter table public.%I force row level security', tenant_table);
    execute format('revoke all on public.%I from anon, authenticated', tenant_table);
    execute format('grant all on public.%I to service_role', tenant_table);
  end loop;
end
$$;

-- The bot token: owners read and write it, nobody else (not editors, not viewers).
create policy telegram_settings_select on public.telegram_settings for select to authenticated
  using (cercle.is_owner(workspace_id));
create policy telegram_settings_insert on public.telegram_settings for insert to authenticated
  with check (cercle.is_owner(workspace_id));
create policy telegram_settings_update on public.telegram_settings for update to authenticated
  using (cercle.is_owner(workspace_id)) with check (cercle.is_owner(workspace_id));
create policy telegram_settings_delete on public.telegram_settings for delete to authenticated
  using (cercle.is_owner(workspace_id));
grant select, insert, update, delete on public.telegram_settings to authenticated;

-- Which chat is which community: members read, owners (who set the bot up) change.
create policy telegram_chats_select on public.telegram_chats for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy telegram_chats_insert on public.telegram_chats for insert to authenticated
  with check (cercle.is_owner(workspace_id));
create policy telegram_chats_update on public.telegram_chats for update to authenticated
  using (cercle.is_owner(workspace_id)) with check (cercle.is_owner(workspace_id));
create policy telegram_chats_delete on public.telegram_chats for delete to authenticated
  using (cercle.is_owner(workspace_id));
grant select, insert, update, delete on public.telegram_chats to authenticated;

-- Written by the webhook only; members read; owners may clear the list.
create policy telegram_seen_chats_select on public.telegram_seen_chats for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy telegram_seen_chats_delete on public.telegram_seen_chats for delete to authenticated
  using (cercle.is_owner(workspace_id));
grant select, delete on public.telegram_seen_chats to authenticated;

-- Made with a tracked link by whoever may use the bot (owners); members read; a link is never edited.
create policy telegram_invite_links_select on public.telegram_invite_links for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy telegram_invite_links_insert on public.telegram_invite_links for insert to authenticated
  with check (cercle.is_owner(workspace_id));
create policy telegram_invite_links_delete on public.telegram_invite_links for delete to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()));
grant select, insert, delete on public.telegram_invite_links to authenticated;

-- Delivery bookkeeping: owners may look, only the webhook writes.
create policy telegram_updates_select on public.telegram_updates for select to authenticated
  using (cercle.is_owner(workspace_id));
grant select on public.telegram_updates to authenticated;

-- Joins: written by the webhook only; members read; writers may erase.
create policy telegram_joins_select on public.telegram_joins for select to authenticated
  using (workspace_id in (select cercle.member_workspace_ids()));
create policy telegram_joins_delete on public.telegram_joins for delete to authenticated
  using (workspace_id in (select cercle.writable_workspace_ids()));
grant select, delete on public.telegram_joins to authenticated;

create schema if not exists cercle_telegram;
revoke all on schema cercle_telegram from public;
grant usage on schema cercle_telegram to anon, service_role;

-- What the webhook needs before reading the body: the hash of the workspace's webhook secret, nothing else.
create function cercle_telegram.webhook_secret_hash(hook_key text)
returns text
language sql stable security definer set search_path = ''
as $$
  select s.webhook_secret_hash from public.telegram_settings s where s.webhook_key = hook_key
$$;

-- Records one update of the workspace behind hook_key, once. Returns what it did: 'unknown_workspace',
-- 'duplicate' (update_id seen before: nothing changed), 'ignored' (not a join), 'attributed' or 'unattributed'.
create function cercle_telegram.record_update(hook_key text, update_number bigint, event_kind text,
                                              chat bigint, chat_kind text, chat_title text, member bigint,
                                              invite_url text, via_request boolean, occurred timestamptz)
returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  ws uuid;
  bot bigint;
  found_community uuid;
  found_link uuid;
begin
  select s.workspace_id, s.bot_id into ws, bot from public.telegram_settings s where s.webhook_key = hook_key;
  if ws is null then
    return 'unknown_workspace';
  end if;
  insert into public.telegram_updates (workspace_id, bot_id, update_id, event)
  values (ws, bot, update_number, left(coalesce(event_kind, 'other'), 40))
  on conflict do nothing;
  if not found then
    return 'duplicate';
  end if;
  if chat is not null and chat_kind in ('group', 'supergroup', 'channel') then
    insert into public.telegram_seen_chats as seen (workspace_id, chat_id, chat_type, title)
    values (ws, chat, chat_kind, left(chat_title, 255))
    on conflict (workspace_id, chat_id) do update
      set chat_type = excluded.chat_type, title = coalesce(excluded.title, seen.title), seen_at = pg_catalog.now();
  end if;
  if event_kind not in ('join', 'join_request') or chat is null or member is null then
    return 'ignored';
  end if;
  if invite_url is not null then
    select t.link_id into found_link from public.telegram_invite_links t
    where t.workspace_id = ws and t.chat_id = chat and t.invite_link = invite_url;
  end if;
  if found_link is null and event_kind = 'join' and via_request then
    -- a join approved after a request may come without its link: the request had it
    select j.link_id into found_link from public.telegram_joins j
    where j.workspace_id = ws and j.chat_id = chat and j.telegram_user_id = member and j.kind = 'join_request'
      and j.link_id is not null
    order by j.occurred_at desc limit 1;
  end if;
  select coalesce((select l.community_id from public.invite_links l where l.id = found_link),
                  (select c.community_id from public.telegram_chats c where c.workspace_id = ws and c.chat_id = chat))
  into found_community;
  insert into public.telegram_joins (workspace_id, community_id, link_id, kind, chat_id, telegram_user_id,
                                     invite_link, occurred_at, bot_id, update_id)
  values (ws, found_community, found_link, event_kind, chat, member, left(invite_url, 300),
          coalesce(occurred, pg_catalog.now()), bot, update_number);
  return case when found_link is null then 'unattributed' else 'attributed' end;
end
$$;

revoke all on function cercle_telegram.webhook_secret_hash(text),
  cercle_telegram.record_update(text, bigint, text, bigint, text, text, bigint, text, boolean, timestamptz)
  from public, authenticated;
grant execute on function cercle_telegram.webhook_secret_hash(text),
  cercle_telegram.record_update(text, bigint, text, bigint, text, text, bigint, text, boolean, timestamptz)
  to anon, service_role;
