"""Reading the bot's handoff request: only well-formed parts, top priority for security."""

from __future__ import annotations

from typing import Any

import pytest

from escalation.handoff import Handoff


def test_a_full_request_is_kept() -> None:
    handoff = Handoff.requested_by_bot(
        {
            "event": "handoff_request",
            "reason": "troubleshooting_failed",
            "category": "vpn_problem",
            "steps_tried": ["utter_vpn_problem_1", "utter_vpn_problem_2"],
            "details": {"application": "GlobalProtect", "others_affected": "whole team"},
        }
    )
    assert handoff == Handoff(
        reason="troubleshooting_failed",
        priority="P3",
        category="vpn_problem",
        steps_tried=("utter_vpn_problem_1", "utter_vpn_problem_2"),
        details={"application": "GlobalProtect", "others_affected": "whole team"},
    )
    assert handoff.public_event() == {"event": "handoff", "queue": "general", "priority": "P3"}


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({"reason": "security_incident"}, id="reason"),
        pytest.param({"reason": "user_request", "category": "security_incident"}, id="category"),
    ],
)
def test_security_incidents_get_top_priority(payload: dict[str, Any]) -> None:
    assert Handoff.requested_by_bot(payload).priority == "P1"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param({}, Handoff(reason="bot_request"), id="empty"),
        pytest.param({"reason": "DROP TABLE"}, Handoff(reason="bot_request"), id="odd-reason"),
        pytest.param(
            {"reason": "fallback", "category": "<script>", "steps_tried": "utter_x_1"},
            Handoff(reason="fallback"),
            id="odd-category-and-steps",
        ),
        pytest.param(
            {
                "reason": "fallback",
                "steps_tried": ["utter_ok_1", "rm -rf", 7, "utter_" + "x" * 200],
            },
            Handoff(reason="fallback", steps_tried=("utter_ok_1",)),
            id="bad-steps",
        ),
        pytest.param(
            {"reason": "fallback", "details": {"device": " ", "colour": "blue", "error_code": 5}},
            Handoff(reason="fallback"),
            id="bad-details",
        ),
        pytest.param(
            {"reason": "fallback", "details": {"application": "x" * 500}},
            Handoff(reason="fallback", details={"application": "x" * 100}),
            id="long-detail",
        ),
    ],
)
def test_malformed_parts_are_dropped(payload: dict[str, Any], expected: Handoff) -> None:
    assert Handoff.requested_by_bot(payload) == expected
