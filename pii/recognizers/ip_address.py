"""IPv4 and IPv6 addresses, private ranges included; not version numbers.

Forms: IPv4 with an optional prefix ("192.168.178.24", "10.0.0.1/24"), IPv6 full
("2001:0db8:0000:0000:0000:ff00:0042:8329"), compressed ("fe80::1c2b:3aff:fe4d:9e01",
"2001:db8::1") with an optional zone and prefix ("fe80::1%eth0", "2001:db8::/32"), and IPv4
inside IPv6 ("::ffff:192.0.2.10"). Every match is validated by Python's `ipaddress`.

Not addresses: dotted numbers with more or fewer parts or with a part above 255
("16.0.17928.20114", "Version 4.2.1"); an IPv4-shaped number right after "Version", "v",
"Build", "Firmware", "Release", "Treiber", "Kapitel" and the like ("Firmware 1.2.3.4"); octets
with leading zeros; times ("12:30:45"), MAC addresses ("3C:52:82:1A:7F:0B"), "::" alone, and
hex-only pairs without a digit ("Abc::Def", a C++ scope).

Not personal either, because they name no host:
- a subnet mask: an IPv4 address without a prefix whose first octet is 255 and whose bits are
  ones followed by zeros only ("255.255.255.0", "255.255.0.0", "255.255.255.252"; not
  "255.0.255.0", not "0.0.0.255");
- a network: an address with a prefix shorter than the address (/0–/31 for IPv4, /0–/127 for
  IPv6) whose host bits are all zero ("10.0.0.0/8", "192.168.0.0/16", "fe80::/10",
  "2001:db8::/32") — except IPv6 prefixes of /48 and longer, which are delegated to one site
  or household ("2001:db8:5600::/56") and so identify it.
A host written with its prefix ("192.168.178.23/24", "fe80::1/64") and a single-host prefix
("10.0.0.1/32", "2001:db8::/128") remain addresses.

All addresses in this docstring are documentation or private ones.
"""

from __future__ import annotations

import ipaddress
import re

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import IpRecognizer

from pii.entities import IP_ADDRESS

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
_HEX = r"[0-9A-Fa-f]{1,4}"
# Presidio's IPv6 alternatives (full, and "::" in each possible place), zone name bounded.
_IPV6 = (
    rf"(?:(?:{_HEX}:){{7}}{_HEX}|(?:{_HEX}:){{1,7}}:|(?:{_HEX}:){{1,6}}:{_HEX}"
    rf"|(?:{_HEX}:){{1,5}}(?::{_HEX}){{1,2}}|(?:{_HEX}:){{1,4}}(?::{_HEX}){{1,3}}"
    rf"|(?:{_HEX}:){{1,3}}(?::{_HEX}){{1,4}}|(?:{_HEX}:){{1,2}}(?::{_HEX}){{1,5}}"
    rf"|{_HEX}:(?::{_HEX}){{1,6}}|:(?::{_HEX}){{1,7}})(?:%[0-9A-Za-z_.]{{1,16}})?"
)
_IPV6_PREFIX = r"(?:/(?:12[0-8]|1[01]\d|[1-9]?\d))?"

# The text right before a dotted number that makes it a version, not an address.
_VERSION_LABEL = re.compile(
    r"(?i)(?:\b\w{0,20}(?:version|build|firmware|release|revision|patch)s?"
    r"(?:nummer|number|stand)?|\b(?:ver|v|fw|rev|rel|bios|uefi|treiber|driver|kapitel|abschnitt"
    r"|section|chapter|ziffer|paragraph|stand)\.?)\s{0,3}[:=]?\s{0,3}$"
)
_WINDOW = 40


class IpAddressRecognizer(IpRecognizer):
    """IPv4/IPv6 addresses validated by `ipaddress`; version numbers are left alone."""

    # Presidio's base class declares these without ClassVar, so mypy forbids adding it.
    PATTERNS = [  # noqa: RUF012
        Pattern(
            "IPv4",
            rf"(?<![\w.]){_IPV4}(?:/(?:3[0-2]|[12]?\d))?(?![\w]|\.\d)",
            0.6,
        ),
        Pattern(
            "IPv6",
            rf"(?<![\w:.])(?=[0-9A-Fa-f:]{{0,38}}\d){_IPV6}{_IPV6_PREFIX}(?![\w:]|\.\d)",
            0.6,
        ),
        Pattern(
            "IPv4 in IPv6",
            rf"(?<![\w:.])(?:(?:{_HEX}:){{1,6}}|::(?:ffff:)?){_IPV4}{_IPV6_PREFIX}(?![\w]|\.\d)",
            0.6,
        ),
    ]

    CONTEXT = [  # noqa: RUF012
        "ip",
        "ipv4",
        "ipv6",
        "adresse",
        "address",
        "gateway",
        "dns",
        "subnet",
    ]

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            supported_entity=IP_ADDRESS,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [
            result
            for result in results
            if not _VERSION_LABEL.search(text[max(0, result.start - _WINDOW) : result.start])
            and not _is_mask_or_network(text[result.start : result.end])
        ]


# IPv6 prefixes this long or longer are handed to single customers (RFC 6177): personal.
HOUSEHOLD_IPV6_PREFIX = 48


def _is_mask_or_network(match: str) -> bool:
    """True for a subnet mask or a network address (see the module docstring), which are not
    personal data; `match` is a validated address with an optional zone and prefix."""
    if "/" not in match:
        address = ipaddress.ip_address(match)
        if address.version != 4:
            return False
        bits = int(address)
        host_bits = bits ^ 0xFFFFFFFF
        return bits >> 24 == 0xFF and host_bits & (host_bits + 1) == 0
    interface = ipaddress.ip_interface(match)
    network = interface.network
    if interface.version == 6 and network.prefixlen >= HOUSEHOLD_IPV6_PREFIX:
        return False  # a /48 … /64 is delegated to one site or household: it identifies it
    return (
        network.prefixlen < interface.max_prefixlen
        and int(interface.ip) & int(network.hostmask) == 0
    )
