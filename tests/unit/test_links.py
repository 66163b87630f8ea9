"""Tracked links without a database: codes, invite link shapes, destinations, UTM tags, bots, rate limit."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.i18n import set_language
from lib.links import (
    CHANNELS,
    CODE_ALPHABET,
    CODE_LENGTH,
    INVITE_EXAMPLES,
    LinkError,
    check_destination,
    check_invite_url,
    guess_channel,
    is_code,
    new_code,
    short_url,
    with_utm,
)
from lib.links.redirects import RateLimiter, is_preview_bot, preview_page, visitor_hash


def test_alphabet_has_56_unambiguous_characters():
    """No 0/O, 1/l/I look-alikes, no duplicates."""
    assert len(CODE_ALPHABET) == 56 == len(set(CODE_ALPHABET))
    assert not set("0O1lIo") & set(CODE_ALPHABET)


def test_codes_are_long_random_and_from_the_alphabet():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert CODE_LENGTH >= 8
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) and is_code(code) for code in codes)
    # every character shows up: the draw covers the whole alphabet
    assert set("".join(codes)) == set(CODE_ALPHABET)
    with pytest.raises(ValueError):
        new_code(6)


@pytest.mark.parametrize("text", ["", "abc", "AbCdEfGh0", "AbCdEfGh/x", "AbCdEfGhI", "../../etc", "AbCd%2FEfGh",
                                  "A" * 33])
def test_not_codes(text):
    assert not is_code(text)


@pytest.mark.parametrize("url", ["https://www.example.fr/boutique", "http://shop.example.com:8080/a?b=c#d",
                                 "HTTPS://EXAMPLE.FR"])
def test_good_destinations(url):
    assert check_destination(f"  {url} ") == url


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.fr/x", "data:text/html,hi", "//evil.example",
                                 "https://", "https:///path", "example.fr", "https://user:pw@evil.example/",
                                 "https://good.example@evil.example", "https://exa mple.fr", "https://a.fr/\r\nX: y",
                                 "https://a.fr\\@evil.example", "", "https://a.fr/" + "x" * 3000])
def test_bad_destinations_are_refused_with_a_translated_sentence(url):
    set_language("fr")
    with pytest.raises(LinkError) as info:
        check_destination(url)
    assert info.value.code == "bad_url"
    assert "https://" in info.value.message


def test_non_ascii_destination_becomes_ascii():
    url = check_destination("https://bücher.example/vins/rosé?cuvée=été")
    assert url.isascii()
    assert url.startswith("https://xn--bcher-kva.example/vins/ros%C3%A9?")


VALID_INVITES = [
    ("whatsapp_group", "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
    ("whatsapp_community", "https://chat.whatsapp.com/invite/AbCdEfGhIjKlMnOpQrStUv"),
    ("telegram_group", "https://t.me/+AbCdEfGhIjKl"),
    ("telegram_group", "https://t.me/joinchat/AAAAAEkK2W0dNe"),
    ("telegram_channel", "https://t.me/domaine_des_vignes"),
    ("facebook_group", "https://www.facebook.com/groups/amis.du.domaine/"),
    ("facebook_group", "https://facebook.com/groups/123456789"),
    ("instagram_channel", "https://ig.me/j/AbCdEfGh"),
    ("instagram_channel", "https://www.instagram.com/channel/AbCdEfGh/"),
    ("signal_group", "https://signal.group/#CjQKIFr0bSbGh-aBcD"),
]
INVALID_INVITES = [
    ("whatsapp_group", "http://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
    ("whatsapp_group", "https://chat.whatsapp.com.evil.example/AbCdEfGhIjKlMn"),
    ("whatsapp_group", "https://t.me/+AbCdEfGhIjKl"),
    ("telegram_group", "https://t.me/+abc"),
    ("telegram_channel", "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
    ("facebook_group", "https://www.facebook.com/domaine"),
    ("instagram_channel", "https://www.instagram.com/domaine"),
    ("signal_group", "https://signal.group/CjQKIFr0bSbGh"),
    ("sms_list", "https://example.fr"),
]


@pytest.mark.parametrize(("channel", "url"), VALID_INVITES)
def test_invite_shapes_accept(channel, url):
    assert check_invite_url(channel, url) == url


@pytest.mark.parametrize(("channel", "url"), INVALID_INVITES)
def test_invite_shapes_refuse(channel, url):
    with pytest.raises(LinkError) as info:
        check_invite_url(channel, url)
    assert info.value.code in ("bad_invite_url", "no_invite_for_channel")
    assert info.value.message and not info.value.message.startswith("links.")


def test_every_channel_has_an_example_of_its_shape():
    for channel in CHANNELS:
        if INVITE_EXAMPLES[channel]:
            assert check_invite_url(channel, INVITE_EXAMPLES[channel])
    assert check_invite_url("sms_list", "") is None
    with pytest.raises(LinkError):
        check_invite_url("myspace", None)


@pytest.mark.parametrize(("url", "channel"), [
    ("https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv", "whatsapp_group"),
    ("https://t.me/+AbCdEfGhIjKl", "telegram_group"),
    ("https://www.facebook.com/groups/amis", "facebook_group"),
    ("https://signal.group/#CjQKIFr0bSbGh", "signal_group"),
    ("https://ig.me/j/AbCdEfGh", "instagram_channel"),
    ("https://boutique.example.fr/rose", None),
])
def test_guess_channel(url, channel):
    assert guess_channel(url) == channel


def test_utm_parameters_are_added_and_existing_ones_kept():
    url = with_utm("https://shop.example.fr/vins?x=1#top", source="Salon des Vins d'Angers", medium="whatsapp_group",
                   campaign="Les Amis du Domaine")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert query == {"x": ["1"], "utm_source": ["salon-des-vins-d-angers"], "utm_medium": ["whatsapp-group"],
                     "utm_campaign": ["les-amis-du-domaine"]}
    assert parts.fragment == "top" and parts.netloc == "shop.example.fr"
    kept = parse_qs(urlsplit(with_utm("https://s.fr/?utm_source=mine", source="a", medium="b", campaign="c")).query)
    assert kept["utm_source"] == ["mine"] and kept["utm_medium"] == ["b"]
    with pytest.raises(LinkError):
        with_utm("javascript:alert(1)", source="a", medium="b", campaign="c")


def test_short_url():
    assert short_url("https://cercle.example.fr/", "AbCdEfGh23") == "https://cercle.example.fr/r/AbCdEfGh23"


BOTS = [
    "WhatsApp/2.23.20.0 A",
    "WhatsApp/2.2337.7 i",
    "TelegramBot (like TwitterBot)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Facebot",
    "Twitterbot/1.0",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Applebot/0.1",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    "curl/8.5.0",
    "",
]
PEOPLE = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 9; CUBOT P30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 "
    "Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
    "[FBAN/FBIOS;FBAV/440.0.0]",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Instagram 305.0.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
]


@pytest.mark.parametrize("user_agent", BOTS)
def test_preview_bots_are_recognised(user_agent):
    assert is_preview_bot(user_agent)


@pytest.mark.parametrize("user_agent", PEOPLE)
def test_people_are_not_bots(user_agent):
    assert not is_preview_bot(user_agent)


def test_visitor_hash_is_keyed_per_hour_and_hides_the_ip():
    at = dt.datetime(2026, 11, 29, 10, 5, tzinfo=dt.UTC)
    first = visitor_hash("k" * 32, "203.0.113.7", "Firefox", at)
    assert len(first) == 64 and "203.0.113.7" not in first
    assert visitor_hash("k" * 32, "203.0.113.7", "Firefox", at + dt.timedelta(minutes=50)) == first
    assert visitor_hash("k" * 32, "203.0.113.7", "Firefox", at + dt.timedelta(minutes=56)) != first
    assert visitor_hash("x" * 32, "203.0.113.7", "Firefox", at) != first
    assert visitor_hash("k" * 32, "203.0.113.8", "Firefox", at) != first
    assert visitor_hash("k" * 32, "203.0.113.7", "Chrome", at) != first


def test_rate_limiter_is_per_client_windowed_and_bounded():
    limiter = RateLimiter(limit=3, window=60, max_clients=100)
    assert [limiter.allow("a", now=0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b", now=1)
    assert limiter.allow("a", now=61)
    for number in range(500):
        limiter.allow(f"ip{number}", now=2)
    assert len(limiter._windows) == 100


def test_preview_page_escapes_the_community_name():
    body = preview_page('<script>alert("x")</script>').body.decode()
    assert "<script>" not in body
    assert 'content="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in body
