"""Tracked links without a database: codes, invite link shapes, destinations, UTM tags, bots, rate limit."""

from __future__ import annotations

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
from lib.links.redirects import RateLimiter, is_preview_bot, preview_page, source_hash, visitor_hash


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


# One real user agent of each previewer a link is shared through, by name: none of them is a person.
PREVIEWERS = {
    "WhatsApp": "WhatsApp/2.23.20.0 A",
    "Telegram": "TelegramBot (like TwitterBot)",
    "Facebook": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Meta": "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
    "Slack": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Twitter": "Twitterbot/1.0",
    "LinkedIn": "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Discord": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "Signal": "WhatsApp/2",
    "Viber": "Viber/20.9.0.8 CFNetwork/1410.0.3 Darwin/22.6.0",
    "Snapchat": "Mozilla/5.0 (compatible; Snap URL Preview Service; bot; snapchat; https://developers.snap.com/robots)",
    "Outlook": "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.12026; Pro)",
    "Word": "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
    "Google-PageRenderer": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/56.0.2924.87 "
                           "Safari/537.36 Google-PageRenderer Google (+https://developers.google.com/+/web/snippet/)",
    "GoogleOther": "GoogleOther",
    "Skype": "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
    "Teams": "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
    "iMessage": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) "
                "Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
    "Applebot": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Applebot/0.1",
    "Bing preview": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b",
    "Pinterest": "Pinterestbot/1.0 (+http://www.pinterest.com/bot.html)",
    "Mastodon": "http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)",
    "LINE": "facebookexternalhit/1.1;line-poker/1.0",
    "okhttp": "okhttp/4.12.0",
}


@pytest.mark.parametrize("name", sorted(PREVIEWERS))
def test_each_link_previewer_is_recognised_by_name(name):
    assert is_preview_bot(PREVIEWERS[name]), name


# People reading in an app's own browser are people.
IN_APP_BROWSERS = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
    "Snapchat/12.65.0.33 (like Safari/8617.1.17.10.9, panda)",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
    "Chrome/120.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/445.0.0.34.118;]",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
    "LinkedInApp/9.29",
]


@pytest.mark.parametrize("user_agent", IN_APP_BROWSERS)
def test_in_app_browsers_are_people(user_agent):
    assert not is_preview_bot(user_agent)


@pytest.mark.parametrize("user_agent", PEOPLE)
def test_people_are_not_bots(user_agent):
    assert not is_preview_bot(user_agent)


def test_visitor_hash_is_keyed_and_hides_the_ip_with_no_clock_hour_in_it():
    first = visitor_hash("k" * 32, "203.0.113.7", "Firefox")
    assert len(first) == 64 and "203.0.113.7" not in first
    assert visitor_hash("k" * 32, "203.0.113.7", "Firefox") == first  # the hour is the database's sliding window
    assert visitor_hash("x" * 32, "203.0.113.7", "Firefox") != first
    assert visitor_hash("k" * 32, "203.0.113.8", "Firefox") != first
    assert visitor_hash("k" * 32, "203.0.113.7", "Chrome") != first


def test_source_hash_is_the_address_alone_and_an_ipv6_subscriber_by_its_64():
    assert source_hash("k" * 32, "203.0.113.7") == source_hash("k" * 32, "203.0.113.7")
    assert source_hash("k" * 32, "203.0.113.7") != source_hash("k" * 32, "203.0.113.8")
    assert source_hash("k" * 32, "2001:db8:1:2::1") == source_hash("k" * 32, "2001:db8:1:2:ffff::9")
    assert source_hash("k" * 32, "2001:db8:1:2::1") != source_hash("k" * 32, "2001:db8:1:3::1")
    assert source_hash("k" * 32, "203.0.113.7") != visitor_hash("k" * 32, "203.0.113.7", "")


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
