"""E-mail addresses, validated offline, internal domains included.

Presidio's `EmailRecognizer` validates the domain with tldextract's module-level extractor,
which downloads the public-suffix list on first use, and rejects internal domains
(`j.doe@corp.local`) that an IT service desk sees all the time. This recognizer keeps
Presidio's pattern and validates with tldextract's bundled snapshot, never the network,
accepting common internal suffixes too.

Fictitious examples: ``max.mustermann@example.com``, ``j.doe@corp.local``,
``helpdesk@firma.intern``.
"""

from __future__ import annotations

from functools import cache

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

INTERNAL_SUFFIXES = (
    "local", "lan", "intern", "internal", "corp", "home", "localdomain", "ad",
    # reserved for examples and tests (RFC 2606), which is where fictitious addresses live
    "example", "test", "invalid", "localhost",
)  # fmt: skip


@cache
def offline_extractor() -> tldextract.TLDExtract:
    """A tldextract extractor that uses its bundled suffix list and never fetches one."""
    return tldextract.TLDExtract(
        cache_dir=None,
        suffix_list_urls=(),
        fallback_to_snapshot=True,
        extra_suffixes=INTERNAL_SUFFIXES,
    )


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail pattern, validated without network access."""

    def validate_result(self, pattern_text: str) -> bool:
        return bool(offline_extractor()(pattern_text).fqdn)
