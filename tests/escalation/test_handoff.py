"""Reading the bot's handoff request: only well-formed parts."""

from __future__ import annotations

from typing import Any

import pytest

from escalation.handoff import HandoffDecision


def test_a_full_request_is_kept() -> None:
    handoff = HandoffDecision.requested_by_bot(
        {
            "event": "handoff_request",
            "reason": "troubleshooting_failed",
            "category": "vpn_problem",
            "steps_tried": ["utter_vpn_problem_1", "utter_vpn_problem_2"],
            "details": {"application": "GlobalProtect", "others_affected": "whole team"},
        }
    )
    assert handoff == HandoffDecision(
        reason="troubleshooting_failed",
        category="vpn_problem",
        steps_tried=("utter_vpn_problem_1", "utter_vpn_problem_2"),
        details={"application": "GlobalProtect", "others_affected": "whole team"},
    )


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param({}, HandoffDecision(reason="bot_request"), id="empty"),
        pytest.param(
            {"reason": "DROP TABLE"}, HandoffDecision(reason="bot_request"), id="odd-reason"
        ),
        pytest.param(
            {"reason": "fallback", "category": "<script>", "steps_tried": "utter_x_1"},
            HandoffDecision(reason="fallback"),
            id="odd-category-and-steps",
        ),
        pytest.param(
            {
                "reason": "fallback",
                "steps_tried": ["utter_ok_1", "rm -rf", 7, "utter_" + "x" * 200],
            },
            HandoffDecision(reason="fallback", steps_tried=("utter_ok_1",)),
            id="bad-steps",
        ),
        pytest.param(
            {"reason": "fallback", "details": {"device": " ", "colour": "blue", "error_code": 5}},
            HandoffDecision(reason="fallback"),
            id="bad-details",
        ),
        pytest.param(
            {"reason": "fallback", "details": {"application": "x" * 500}},
            HandoffDecision(reason="fallback", details={"application": "x" * 100}),
            id="long-detail",
        ),
    ],
)
def test_malformed_parts_are_dropped(payload: dict[str, Any], expected: HandoffDecision) -> None:
    assert HandoffDecision.requested_by_bot(payload) == expected
