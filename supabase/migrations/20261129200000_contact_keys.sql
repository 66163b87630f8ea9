-- Each contact carries its own suppression keys (the keyed hashes of its phone and email), kept up to date by
-- a trigger: counting a segment compares stored keys with the suppression list instead of hashing every
-- contact on every count. The list itself never holds a number or an address.

alter table public.contacts add column phone_key text, add column email_key text;

create function cercle.contact_keys() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  secret text;
begin
  select w.suppression_key into secret from public.workspaces w where w.id = new.workspace_id;
  new.phone_key := case when new.phone_e164 is null then null else cercle.keyed_hash(secret, 'phone', new.phone_e164) end;
  new.email_key := case when new.email is null then null else cercle.keyed_hash(secret, 'email', new.email) end;
  return new;
end
$$;
revoke all on function cercle.contact_keys() from public, anon;

create trigger contacts_keys before insert or update of phone_e164, email, workspace_id, phone_key, email_key
  on public.contacts for each row execute function cercle.contact_keys();

-- rows written before this migration (none on a new install)
update public.contacts set phone_e164 = phone_e164;
