"""Who a community's personal invitations may go to: the target segment, reachable on the community's channel.

Reachable already means a mobile (or email), consent for that channel, no opt-out, not suppressed, in the
delivery zone and adult where alcohol is sold (lib/segments/rules.py), so nobody else is ever listed.
"""

from __future__ import annotations

from lib.db import Database, Principal
from lib.segments.rules import EVERYONE, RuleSet, count_members, sample_members, validate_rules

# The channel a personal invitation to each kind of community travels on.
INVITATION_CHANNEL = {"whatsapp_group": "whatsapp", "whatsapp_community": "whatsapp", "telegram_group": "telegram",
                      "telegram_channel": "telegram", "sms_list": "sms"}


def recipient_rules(community_channel: str, segment: RuleSet | dict | None) -> dict | None:
    """The rule document of who may be invited, or None when the channel has no personal invitation."""
    channel = INVITATION_CHANNEL.get(community_channel)
    if channel is None:
        return None
    base = validate_rules(segment).to_document() if segment is not None else EVERYONE.to_document()
    return {"all": [base, {"field": "reachable", "op": "is", "value": channel}]}


def recipients(db: Database, principal: Principal, workspace_id: str, community_channel: str,
               segment: RuleSet | dict | None, limit: int = 50) -> tuple[int, list[dict]]:
    """How many may be invited, and the first ``limit`` of them (first name and E.164 phone among others)."""
    rules = recipient_rules(community_channel, segment)
    if rules is None:
        return 0, []
    return (count_members(db, principal, workspace_id, rules),
            sample_members(db, principal, workspace_id, rules, limit=limit))


def invitation_link(channel: str, e164: str, short_url: str, text: str) -> str:
    """The one-click link that opens ``text`` ready to send to one person on ``channel`` (nothing is sent)."""
    from lib.links.invitations import sms_link, telegram_share_link, whatsapp_link

    if channel == "whatsapp":
        return whatsapp_link(e164, text)
    if channel == "sms":
        return sms_link(e164, text)
    return telegram_share_link(short_url, text)
