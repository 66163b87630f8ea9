-- Tracked-link clicks: a sliding hour per visitor and a cap per address, instead of clock-hour buckets.
--
-- Until now a visitor's hash included the UTC hour, and the primary key (link_id, visitor_hash) stopped repeats:
-- 10:59 and 11:01 counted twice, and a flood from one address with a new user agent on every request counted
-- every request. Now:
-- - visitor_hash is the keyed hash of address and user agent alone; a visitor counts again only when their
--   last counted click of the link is an hour old or more (a query under a transaction-level advisory lock on
--   (link, visitor), so two processes serving the same visitor at once count one click);
-- - source_hash is the keyed hash of the address alone (an IPv6 address by its /64): per link, at most
--   `per_minute` clicks a minute and `per_hour` clicks an hour are counted from one address, whatever the agents;
-- - clicked_at is the instant the app passes (lib/clock), so the hour is the app's hour.
-- Neither hash can be turned back into an address without the install's key.

alter table public.link_clicks drop constraint link_clicks_pkey;
alter table public.link_clicks add column click_id bigint generated always as identity primary key;
alter table public.link_clicks add column source_hash text check (source_hash ~ '^[0-9a-f]{64}$');
create index link_clicks_visitor_idx on public.link_clicks (link_id, visitor_hash, clicked_at desc);
create index link_clicks_source_idx on public.link_clicks (link_id, source_hash, clicked_at desc)
  where source_hash is not null;

-- One click of a live link by `visitor` from `source` at `at`: counted unless the visitor was counted on this link
-- within the hour before, or the address already reached its cap on this link.
create function cercle_redirect.record_click(target_link uuid, visitor text, source text, at timestamptz,
                                             per_minute integer, per_hour integer)
returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
declare
  workspace uuid;
begin
  select l.workspace_id into workspace from public.invite_links l
  where l.id = target_link and l.enabled and (l.expires_at is null or l.expires_at > pg_catalog.now());
  if workspace is null then
    return false;
  end if;
  -- one visitor (and one address) of one link at a time, whichever process serves them
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(target_link::text || ':' || visitor, 0));
  if source is not null then
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(target_link::text || '@' || source, 0));
  end if;
  if exists (select 1 from public.link_clicks k where k.link_id = target_link and k.visitor_hash = visitor
             and k.clicked_at > at - interval '1 hour' and k.clicked_at <= at + interval '1 hour') then
    return false;
  end if;
  if source is not null and (
       (select count(*) from public.link_clicks k where k.link_id = target_link and k.source_hash = source
        and k.clicked_at > at - interval '1 minute' and k.clicked_at <= at) >= per_minute
    or (select count(*) from public.link_clicks k where k.link_id = target_link and k.source_hash = source
        and k.clicked_at > at - interval '1 hour' and k.clicked_at <= at) >= per_hour) then
    return false;
  end if;
  insert into public.link_clicks (workspace_id, link_id, visitor_hash, source_hash, clicked_at)
  values (workspace, target_link, visitor, source, at);
  return true;
end
$$;

-- The former function, for callers that hash their own visits (the demo): one click per (link, visitor), ever.
create or replace function cercle_redirect.record_click(target_link uuid, visitor text)
returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if not exists (select 1 from public.invite_links l where l.id = target_link and l.enabled
                 and (l.expires_at is null or l.expires_at > pg_catalog.now())) then
    return false;
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(target_link::text || ':' || visitor, 0));
  if exists (select 1 from public.link_clicks k where k.link_id = target_link and k.visitor_hash = visitor) then
    return false;
  end if;
  insert into public.link_clicks (workspace_id, link_id, visitor_hash)
  select l.workspace_id, l.id, visitor from public.invite_links l where l.id = target_link;
  return true;
end
$$;

revoke all on function cercle_redirect.record_click(uuid, text, text, timestamptz, integer, integer)
  from public, authenticated;
grant execute on function cercle_redirect.record_click(uuid, text, text, timestamptz, integer, integer)
  to anon, service_role;
