"""MAC addresses in the usual notations; not IPv6 addresses, GUIDs or hex dumps.

Forms: colon- or hyphen-separated pairs ("3C:52:82:1A:7F:0B", "3c-52-82-1a-7f-0b", one
separator throughout), Cisco's dotted quads ("3c52.821a.7f0b"), and twelve hex digits in one
run when a context word is near ("MAC-Adresse: 3C52821A7F0B").

Scores: 0.6 with at least one hex letter; 0.4 when all twelve are decimal digits
("12-34-56-78-90-12" could be another code), so a context word ("MAC", "Netzwerkkarte",
"adapter") is needed; 0.2 for the run of twelve (and it needs a letter and a digit). A match
inside a longer colon, hyphen or dot sequence (an IPv6 address "fe80::12:34:56:78:9a:bc", a
GUID "…-0305E82C3301}") is not reported, nor are the broadcast and all-zero addresses.

All addresses in this docstring are fictitious.
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import MacAddressRecognizer as PresidioMacRecognizer

from pii.entities import MAC_ADDRESS

_PAIR = r"[0-9A-Fa-f]{2}"
_QUAD = r"[0-9A-Fa-f]{4}"
# Not inside a longer sequence of hex groups, on either side.
_START = r"(?<![\w:.-])"
_END = r"(?![\w:]|[.-][0-9A-Za-z])"
# Somewhere in the next 17 characters of the address there is a hex letter.
_HAS_HEX_LETTER = r"(?=[0-9A-Fa-f:.-]{0,16}[A-Fa-f])"


class HardwareAddressRecognizer(PresidioMacRecognizer):
    """MAC addresses (colon, hyphen, Cisco dot notation; a plain run of twelve in context)."""

    # Presidio's base class declares these without ClassVar, so mypy forbids adding it.
    PATTERNS = [  # noqa: RUF012
        Pattern(
            "MAC pairs with a hex letter",
            rf"{_START}{_HAS_HEX_LETTER}{_PAIR}([:-])(?:{_PAIR}\1){{4}}{_PAIR}{_END}",
            0.6,
        ),
        Pattern("MAC pairs", rf"{_START}{_PAIR}([:-])(?:{_PAIR}\1){{4}}{_PAIR}{_END}", 0.4),
        Pattern(
            "MAC Cisco with a hex letter",
            rf"{_START}{_HAS_HEX_LETTER}{_QUAD}\.{_QUAD}\.{_QUAD}{_END}",
            0.6,
        ),
        Pattern("MAC Cisco", rf"{_START}{_QUAD}\.{_QUAD}\.{_QUAD}{_END}", 0.4),
        Pattern(
            "MAC twelve in one run",
            r"(?<![\w-])(?=[0-9A-Fa-f]{0,11}[A-Fa-f])(?=[0-9A-Fa-f]{0,11}\d)[0-9A-Fa-f]{12}(?![\w-])",
            0.2,
        ),
    ]

    CONTEXT = [  # noqa: RUF012
        "mac",
        "hardware",
        "physisch",
        "physikalisch",
        "physical",
        "ethernet",
        "wlan",
        "wifi",
        "netzwerkkarte",
        "adapter",
        "dhcp",
        "ipconfig",
        "getmac",
    ]

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            supported_entity=MAC_ADDRESS,
        )
