"""Communities, tracked links and /r/{code} against a real PostgreSQL: counting, bots, 404s, open redirects,
row level security, concurrency and the CLI contract."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lib import clock
from lib.links import LinkError
from lib.links import redirects as redirects_module
from lib.links.communities import (
    clicks_by_day,
    clicks_by_source,
    community_stats,
    create_community,
    create_link,
    disable_link,
    find_community,
    import_members,
    link_stats,
    list_communities,
    list_links,
    update_community,
)
from lib.links.redirects import RateLimiter, follow
from lib.routes import ROUTES
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, make_user, unique_slug

INVITE = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
BOTS = ["WhatsApp/2.23.20.0 A", "TelegramBot (like TwitterBot)", "facebookexternalhit/1.1", "Facebot",
        "Twitterbot/1.0", "Slackbot-LinkExpanding 1.0", "LinkedInBot/1.0", "Mozilla/5.0 (compatible; Discordbot/2.0)",
        "SkypeUriPreview Preview/0.5", "Applebot/0.1", "Mozilla/5.0 (compatible; Googlebot/2.1)"]


@pytest.fixture
def space(db):
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("links"))
    community = create_community(db, owner, workspace.id, name="Les Amis du Domaine", channel="whatsapp_group",
                                 invite_url=INVITE, promo_code="AMIS10")
    link = create_link(db, owner, workspace.id, community.id, source="Salon d'Angers", base_url="https://c.example")
    return owner, workspace, community, link


@pytest.fixture
def client(app_environment, monkeypatch):
    monkeypatch.setattr(redirects_module, "RATE_LIMITER", RateLimiter(limit=1_000_000))
    with TestClient(Starlette(routes=ROUTES), follow_redirects=False) as test_client:
        yield test_client


def clicks(db, owner, workspace_id, code) -> int:
    return {stat.code: stat.clicks for stat in link_stats(db, owner, workspace_id)}[code]


def test_link_is_short_unguessable_and_points_at_the_invite(space):
    owner, workspace, community, link = space
    assert link.short_url == f"https://c.example/r/{link.code}"
    assert len(link.code) >= 8 and link.destination == INVITE and link.enabled


def test_person_is_redirected_and_counted_once_per_hour(db, space, client):
    owner, workspace, _, link = space
    first = client.get(f"/r/{link.code}", headers={"User-Agent": BROWSER})
    assert first.status_code == 302 and first.headers["location"] == INVITE
    assert "no-store" in first.headers["cache-control"]
    again = client.get(f"/r/{link.code}", headers={"User-Agent": BROWSER})
    assert again.status_code == 302
    assert clicks(db, owner, workspace.id, link.code) == 1
    client.get(f"/r/{link.code}", headers={"User-Agent": BROWSER + " other"})
    assert clicks(db, owner, workspace.id, link.code) == 2


def test_head_gets_the_same_status_and_is_not_counted(db, space, client):
    owner, workspace, _, link = space
    response = client.head(f"/r/{link.code}", headers={"User-Agent": BROWSER})
    assert response.status_code == 302 and response.headers["location"] == INVITE
    assert clicks(db, owner, workspace.id, link.code) == 0


@pytest.mark.parametrize("user_agent", BOTS)
def test_preview_bots_get_an_opengraph_page_and_are_not_counted(db, space, client, user_agent):
    owner, workspace, _, link = space
    response = client.get(f"/r/{link.code}", headers={"User-Agent": user_agent})
    assert response.status_code == 200
    assert '<meta property="og:title" content="Les Amis du Domaine">' in response.text
    assert "og:description" in response.text
    assert clicks(db, owner, workspace.id, link.code) == 0


def test_opengraph_text_is_escaped(db, client):
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("xss"))
    community = create_community(db, owner, workspace.id, name='<script>alert("x")</script>', channel="whatsapp_group",
                                 invite_url=INVITE)
    link = create_link(db, owner, workspace.id, community.id, source="bio", base_url="")
    response = client.get(f"/r/{link.code}", headers={"User-Agent": "WhatsApp/2.23.20.0 A"})
    assert "<script>" not in response.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in response.text


def test_unknown_disabled_and_expired_codes_get_the_french_404(db, space, client):
    owner, workspace, community, link = space
    expired = create_link(db, owner, workspace.id, community.id, source="old",
                          expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    disabled = create_link(db, owner, workspace.id, community.id, source="off")
    disable_link(db, owner, workspace.id, disabled.id)
    for code in ("ZZZZZZZZZZ", expired.code, disabled.code, "short", "<b>"):
        for agent in (BROWSER, "WhatsApp/2.23.20.0 A"):
            response = client.get(f"/r/{code}", headers={"User-Agent": agent})
            assert response.status_code == 404, code
            assert "Lien introuvable" in response.text and 'lang="fr"' in response.text
    assert clicks(db, owner, workspace.id, expired.code) == 0
    assert clicks(db, owner, workspace.id, disabled.code) == 0
    with pytest.raises(LinkError):
        disable_link(db, owner, workspace.id, "00000000-0000-4000-8000-00000000dead")


def test_nothing_in_the_request_changes_the_destination(space, client):
    _, _, _, link = space
    attempts = [f"/r/{link.code}?next=https://evil.example", f"/r/{link.code}?url=https%3A%2F%2Fevil.example",
                f"/r/{link.code}?destination=//evil.example&redirect=javascript:alert(1)"]
    for path in attempts:
        response = client.get(path, headers={"User-Agent": BROWSER})
        assert response.status_code == 302 and response.headers["location"] == INVITE, path
    others = [f"/r/{link.code}/../x", f"/r/{link.code}/https://evil.example", f"/r/{link.code}%2F%2Fevil.example",
              "/r/%2F%2Fevil.example", f"/r/{link.code}%2F..%2F..%2Fevil", f"/r/{link.code}%0d%0aLocation:%20https://evil"]
    for path in others:
        response = client.get(path, headers={"User-Agent": BROWSER, "Host": "evil.example",
                                             "X-Forwarded-Host": "evil.example"})
        assert response.status_code in (302, 404), path
        assert response.headers.get("location") in (None, INVITE), path
        assert "evil" not in response.headers.get("location", "")


def test_rate_limit_answers_429(space, app_environment, monkeypatch):
    _, _, _, link = space
    monkeypatch.setattr(redirects_module, "RATE_LIMITER", RateLimiter(limit=2))
    with TestClient(Starlette(routes=ROUTES), follow_redirects=False) as test_client:
        statuses = [test_client.get(f"/r/{link.code}", headers={"User-Agent": BROWSER}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_destinations_are_http_only_and_fixed(db, space):
    owner, workspace, community, link = space
    for bad in ("javascript:alert(1)", "ftp://example.fr", "https://", "//evil.example"):
        with pytest.raises(LinkError):
            create_link(db, owner, workspace.id, community.id, source="x", destination=bad)
    shop = create_link(db, owner, workspace.id, community.id, source="Collerette Rosé",
                       destination="https://boutique.example.fr/rose")
    assert shop.destination == ("https://boutique.example.fr/rose?utm_source=collerette-rose"
                                "&utm_medium=whatsapp-group&utm_campaign=les-amis-du-domaine"
                                f"&utm_content={shop.code}")  # the code: orders can name this very link
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("update public.invite_links set destination = 'https://evil.example' where id = %s", (link.id,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("update public.invite_links set code = 'AAAAAAAAAA' where id = %s", (link.id,))
    # the database refuses what Python would, for any writer
    with pytest.raises(psycopg.errors.CheckViolation), db.tenant(owner) as conn:
        conn.execute("insert into public.invite_links (workspace_id, community_id, source, code, destination)"
                     " values (%s, %s, 'x', 'AAAAAAAAAA', 'javascript:alert(1)')", (workspace.id, community.id))


def test_community_invite_url_checked_per_channel_in_python_and_sql(db, space):
    owner, workspace, community, _ = space
    with pytest.raises(LinkError) as info:
        create_community(db, owner, workspace.id, name="Telegram", channel="telegram_group", invite_url=INVITE)
    assert "t.me" in info.value.message
    with pytest.raises(LinkError):
        create_community(db, owner, workspace.id, name="SMS", channel="sms_list", invite_url=INVITE)
    with pytest.raises(LinkError) as duplicate:
        create_community(db, owner, workspace.id, name="les amis du domaine", channel="whatsapp_group")
    assert duplicate.value.code == "duplicate_name"
    with pytest.raises(psycopg.errors.CheckViolation), db.tenant(owner) as conn:
        conn.execute("insert into public.communities (workspace_id, name, channel, invite_url)"
                     " values (%s, 'x', 'signal_group', %s)", (workspace.id, INVITE))
    sms = create_community(db, owner, workspace.id, name="Liste SMS", channel="sms_list")
    with pytest.raises(LinkError) as no_destination:
        create_link(db, owner, workspace.id, sms.id, source="caveau")
    assert no_destination.value.code == "no_destination"
    updated = update_community(db, owner, workspace.id, community.id, name="Les Amis", channel="telegram_group",
                               invite_url="https://t.me/+AbCdEfGhIjKl", notes="  ")
    assert updated.channel == "telegram_group" and updated.notes is None
    assert find_community(db, owner, workspace.id, "les amis").id == community.id
    assert [c.name for c in list_communities(db, owner, workspace.id)] == ["Les Amis", "Liste SMS"]


def test_other_workspaces_links_and_clicks_are_invisible(db, space, client):
    owner, workspace, community, link = space
    client.get(f"/r/{link.code}", headers={"User-Agent": BROWSER})
    stranger = make_user(db)
    ensure_workspace(db, stranger, unique_slug("other"))
    assert link_stats(db, stranger, workspace.id) == []
    assert list_links(db, stranger, workspace.id) == []
    assert list_communities(db, stranger, workspace.id) == []
    with db.tenant(stranger) as conn:
        for table in ("communities", "invite_links", "link_clicks", "community_members"):
            assert conn.execute(f"select count(*) from public.{table} where workspace_id = %s",
                                (workspace.id,)).fetchone()[0] == 0
    with pytest.raises(LinkError):
        create_link(db, stranger, workspace.id, community.id, source="x")
    with pytest.raises(LinkError):
        disable_link(db, stranger, workspace.id, link.id)
    # the anonymous role reads no table and cannot use the member helpers; signed-in users cannot forge clicks
    for statement in ("select count(*) from public.invite_links", "select count(*) from public.link_clicks",
                      "select count(*) from cercle.install_secrets"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(None) as conn:
            conn.execute(statement)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("select cercle_redirect.record_click(%s, %s)", (link.id, "a" * 64))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("insert into public.link_clicks (workspace_id, link_id, visitor_hash) values (%s, %s, %s)",
                     (workspace.id, link.id, "b" * 64))
    assert clicks(db, owner, workspace.id, link.code) == 1


def test_many_visitors_at_once_none_lost_none_doubled(db, space):
    owner, workspace, _, link = space
    visitors = [(f"198.51.100.{n % 250}", f"{BROWSER} visitor-{n}") for n in range(300)]
    calls = visitors + visitors[:100]  # a third clicked twice, concurrently with the others

    def click(visitor):
        return follow(db, link.code, client_ip=visitor[0], user_agent=visitor[1]).counted

    with ThreadPoolExecutor(max_workers=24) as pool:
        counted = list(pool.map(click, calls))
    assert sum(counted) == 300
    assert clicks(db, owner, workspace.id, link.code) == 300


def test_stats_by_source_day_and_community(db, space):
    owner, workspace, community, link = space
    other = create_link(db, owner, workspace.id, community.id, source="Statut WhatsApp")
    for n in range(3):
        follow(db, link.code, client_ip="192.0.2.1", user_agent=f"{BROWSER} {n}")
    follow(db, other.code, client_ip="192.0.2.1", user_agent=BROWSER)
    assert [(s.code, s.source, s.clicks) for s in link_stats(db, owner, workspace.id)] == [
        (link.code, "Salon d'Angers", 3), (other.code, "Statut WhatsApp", 1)]
    assert clicks_by_source(db, owner, workspace.id) == [("Salon d'Angers", 3), ("Statut WhatsApp", 1)]
    clicked_on = clock.today()  # the route stamps each click with the clock's instant
    days = clicks_by_day(db, owner, workspace.id, days=7)
    assert len(days) == 7 and days[-1] == (clicked_on, 4) and sum(count for _, count in days) == 4
    assert sum(count for _, count in clicks_by_day(db, owner, workspace.id, link_id=other.id)) == 1
    assert clicks_by_day(db, owner, workspace.id, days=7, today=clicked_on - dt.timedelta(days=7))[-1][1] == 0
    [stat] = community_stats(db, owner, workspace.id)
    assert (stat.members, stat.links, stat.clicks) == (0, 2, 4)


def test_import_member_list_matches_contacts_and_reports_unknown_numbers(db, space):
    owner, workspace, community, _ = space
    with db.tenant(owner) as conn:
        conn.execute("insert into public.contacts (workspace_id, phone_e164, first_name, other_phones) values"
                     " (%s, '+33612345678', 'Léa', '{}'), (%s, '+33698765432', 'Marc', '{+33781234567}')",
                     (workspace.id, workspace.id))
    report = import_members(db, owner, workspace.id, community.id,
                            ["06 12 34 56 78", "07 81 23 45 67", "+33611111111", "pas un numéro", "",
                             "0612345678"], source="export WhatsApp")
    assert report.counts() == {"read": 5, "added": 2, "already": 0, "unknown": 1, "invalid": 1}
    assert report.unknown == ["+33611111111"] and report.invalid == ["pas un numéro"]
    again = import_members(db, owner, workspace.id, community.id, ["+33612345678"])
    assert (again.added, again.already) == (0, 1)
    assert community_stats(db, owner, workspace.id)[0].members == 2


@pytest.fixture
def cli(database_url):
    env = dict(os.environ, DATABASE_URL=database_url, PUBLIC_BASE_URL="https://vins.example/")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=180)

    return run


def test_cli_create_link_and_link_stats(db, cli):
    slug = unique_slug("cli")
    made = cli("create-link", "--workspace", slug, "--community", "Amis du Chenin", "--source", "salon",
               "--destination", INVITE, "--json")
    assert made.returncode == 0, made.stderr
    created = json.loads(made.stdout)
    assert set(created) == {"code", "url"} and created["url"] == f"https://vins.example/r/{created['code']}"
    shop = cli("create-link", "--workspace", slug, "--community", "Amis du Chenin", "--source", "neck-tag",
               "--destination", "https://boutique.example.fr/chenin")
    assert shop.returncode == 0, shop.stderr
    assert "https://vins.example/r/" in shop.stdout
    follow(db, created["code"], client_ip="192.0.2.9", user_agent=BROWSER)
    stats = cli("link-stats", "--workspace", slug, "--json")
    assert stats.returncode == 0, stats.stderr
    rows = json.loads(stats.stdout)
    assert rows[0] == {"code": created["code"], "community": "Amis du Chenin", "source": "salon", "clicks": 1}
    assert len(rows) == 2 and rows[1]["source"] == "neck-tag" and rows[1]["clicks"] == 0
    for bad in ("javascript:alert(1)", "ftp://example.fr/x", "https://"):
        refused = cli("create-link", "--workspace", slug, "--community", "X", "--source", "s", "--destination", bad)
        assert refused.returncode == 2
        assert refused.stdout == "" and len(refused.stderr.strip().splitlines()) == 1
        assert "https://" in refused.stderr


def test_cli_guesses_the_channel_from_the_destination(db, cli):
    slug = unique_slug("cli")
    made = cli("create-link", "--workspace", slug, "--community", "Canal", "--source", "bio",
               "--destination", "https://t.me/+AbCdEfGhIjKl", "--json")
    assert made.returncode == 0, made.stderr
    with db.admin() as conn:
        channel, invite = conn.execute("select c.channel, c.invite_url from public.communities c"
                                       " join public.workspaces w on w.id = c.workspace_id where w.slug = %s",
                                       (slug,)).fetchone()
    assert (channel, invite) == ("telegram_group", "https://t.me/+AbCdEfGhIjKl")


def test_viewers_read_but_cannot_change_and_raw_ips_are_not_stored(db, space):
    owner, workspace, community, link = space
    viewer = make_user(db)
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace.id, viewer.user_id))
    assert [stat.code for stat in link_stats(db, viewer, workspace.id)] == [link.code]
    with pytest.raises(LinkError) as info:
        create_community(db, viewer, workspace.id, name="Nouveau", channel="sms_list")
    assert info.value.code == "read_only"
    with pytest.raises(LinkError):
        create_link(db, viewer, workspace.id, community.id, source="x")
    with pytest.raises(LinkError):
        disable_link(db, viewer, workspace.id, link.id)
    follow(db, link.code, client_ip="203.0.113.77", user_agent=BROWSER)
    with db.tenant(owner) as conn:
        columns = {row[0] for row in conn.execute("select column_name from information_schema.columns"
                                                  " where table_name = 'link_clicks'").fetchall()}
        stored = conn.execute("select visitor_hash from public.link_clicks where link_id = %s", (link.id,)).fetchall()
    assert columns == {"click_id", "workspace_id", "link_id", "clicked_at", "visitor_hash", "source_hash"}
    assert len(stored) == 1 and "203.0.113.77" not in stored[0][0] and len(stored[0][0]) == 64


def _at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, 3, hour, minute, second, tzinfo=dt.UTC)


def test_a_visitor_counts_once_per_sliding_hour_not_per_clock_hour(db, space):
    owner, workspace, _, link = space

    def visit(when):
        return follow(db, link.code, client_ip="203.0.113.5", user_agent=BROWSER, when=when).counted

    assert visit(_at(10, 59))
    assert not visit(_at(11, 1))  # another clock hour, the same hour of this visitor
    assert not visit(_at(11, 58, 59))
    assert visit(_at(12, 0))  # an hour after the click that counted
    assert clicks(db, owner, workspace.id, link.code) == 2


def test_one_address_rotating_its_user_agent_counts_a_few_clicks_not_one_per_request(db, space):
    owner, workspace, _, link = space
    per_minute, per_hour = redirects_module.CLICKS_PER_ADDRESS_MINUTE, redirects_module.CLICKS_PER_ADDRESS_HOUR
    # 20 requests a minute for 10 minutes from one address, a new browser string on every request
    counted = sum(follow(db, link.code, client_ip="198.51.100.66", user_agent=f"{BROWSER} flood-{m}-{n}",
                         when=_at(15, m, n)).counted for m in range(10) for n in range(20))
    assert counted == min(10 * per_minute, per_hour) == 30
    # people on other addresses still count, and the same address counts again once the hour has passed
    assert follow(db, link.code, client_ip="198.51.100.67", user_agent=BROWSER, when=_at(15, 9, 30)).counted
    assert follow(db, link.code, client_ip="198.51.100.66", user_agent=BROWSER, when=_at(16, 30)).counted
    assert clicks(db, owner, workspace.id, link.code) == 32


@pytest.fixture
def proxied(app_environment, monkeypatch):
    """The route as served behind the documented proxy on 127.0.0.1, with TRUSTED_PROXIES=127.0.0.1,::1."""
    from lib.edge import parse_networks

    monkeypatch.setattr(redirects_module, "TRUSTED_PROXIES", parse_networks("127.0.0.1,::1"))
    monkeypatch.setattr(redirects_module, "RATE_LIMITER", RateLimiter(limit=2))
    with TestClient(Starlette(routes=ROUTES), follow_redirects=False, client=("127.0.0.1", 40000)) as test_client:
        yield test_client


def test_behind_a_trusted_proxy_each_visitor_is_the_forwarded_address(db, space, proxied):
    owner, workspace, _, link = space
    for visitor in ("203.0.113.10", "203.0.113.11", "203.0.113.12"):
        answer = proxied.get(f"/r/{link.code}", headers={"User-Agent": BROWSER, "X-Forwarded-For": visitor})
        assert answer.status_code == 302
    assert clicks(db, owner, workspace.id, link.code) == 3  # one browser string, three people
    # the rate limit is per visitor, not per proxy: a third request of one visitor is refused, not the others'
    headers = {"User-Agent": BROWSER, "X-Forwarded-For": "203.0.113.10"}
    assert proxied.get(f"/r/{link.code}", headers=headers).status_code == 302
    assert proxied.get(f"/r/{link.code}", headers=headers).status_code == 429
    assert proxied.get(f"/r/{link.code}", headers={"User-Agent": BROWSER, "X-Forwarded-For": "203.0.113.13"}
                       ).status_code == 302


def test_forwarding_headers_from_an_untrusted_peer_are_ignored(db, space, client):
    owner, workspace, _, link = space
    for forged in ("203.0.113.20", "203.0.113.21", "203.0.113.22"):
        client.get(f"/r/{link.code}", headers={"User-Agent": BROWSER, "X-Forwarded-For": forged})
    assert clicks(db, owner, workspace.id, link.code) == 1
