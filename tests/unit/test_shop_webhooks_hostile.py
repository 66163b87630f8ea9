"""Review of issue 6's webhooks: the topic header is not signed, so a signed body replayed under another topic must
not turn into a deletion (or an update blanking the order)."""

from __future__ import annotations

import pytest

from lib.conversions.webhooks import PayloadError, parse_event, parse_woocommerce
from tests.support.shops import body_of, woo_order


def test_a_whole_order_announced_as_deleted_is_refused():
    with pytest.raises(PayloadError):
        parse_event("woocommerce", "order.deleted", body_of(woo_order()))


def test_a_deletion_body_announced_as_an_update_is_refused():
    with pytest.raises(PayloadError):
        parse_event("woocommerce", "order.updated", body_of({"id": 4750}))


def test_the_real_deletion_and_update_bodies_still_read():
    assert parse_woocommerce("order.deleted", {"id": 4750}).kind == "delete"
    assert parse_woocommerce("order.updated", woo_order()).order.total_cents == 5400
