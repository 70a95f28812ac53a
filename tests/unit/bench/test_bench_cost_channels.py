"""The cost model prices each notification channel (issue 20 item 9)."""

from __future__ import annotations

import pytest

from bench import cost


def test_each_channel_is_priced_and_whatsapp_costs_far_less_than_sms() -> None:
    prices = cost.channel_prices()
    assert set(prices) == {"email", "sms", "whatsapp"}
    assert prices["email"] < prices["whatsapp"] < prices["sms"] / 5
    assert prices["whatsapp"] == pytest.approx(
        cost.WHATSAPP_UTILITY_INDONESIA_PER_MESSAGE + cost.SOCIAL_MESSAGING_FEE_PER_MESSAGE
    )


def test_per_application_cost_scales_with_the_notices() -> None:
    two, three = cost.channel_costs(2), cost.channel_costs(3)
    for channel in ("email", "sms", "whatsapp"):
        assert two[channel]["usd_per_application"] == pytest.approx(2 * two[channel]["usd_per_message"])
        assert three[channel]["usd_per_application"] > two[channel]["usd_per_application"]
    assert cost.run(results={})["notification_channels"] == cost.channel_costs(
        cost.Assumptions().notifications
    )
