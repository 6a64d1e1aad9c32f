"""E-mail addresses, validated offline, internal domains included.

Presidio's `EmailRecognizer` validates the domain with tldextract's module-level extractor,
which downloads the public-suffix list on first use, and rejects internal domains
(`j.doe@corp.local`) that an IT service desk sees all the time. This recognizer keeps
Presidio's pattern and validates with tldextract's bundled snapshot, never the network,
accepting common internal suffixes too.

Presidio's pattern lets the local part contain "/", "?" and "=", so it also matches what comes
before an address in a path, a query or a setting. Only the domain (after the last "@") is
validated, and the reported span starts after the last "/", "?", "=", "#", ":" or space before
the "@": ``Vertrieb/anna.schmidt@firma.de``, ``email=anna.schmidt@firma.de`` and
``https://portal.firma.de/reset?user=anna.schmidt@firma.de`` report the address alone, and
``https://cdn.firma.de/img/logo@2x.png`` reports nothing.

Fictitious examples: ``max.mustermann@example.com``, ``j.doe@corp.local``,
``helpdesk@firma.intern``.
"""

from __future__ import annotations

import re
from functools import cache

import tldextract
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import EmailRecognizer

INTERNAL_SUFFIXES = (
    "local", "lan", "intern", "internal", "corp", "home", "localdomain", "ad",
    # reserved for examples and tests (RFC 2606), which is where fictitious addresses live
    "example", "test", "invalid", "localhost",
)  # fmt: skip

# What separates an address from a path, query, setting or label glued on before it.
_BEFORE_LOCAL_PART = re.compile(r"[/?=#:\s]")


@cache
def offline_extractor() -> tldextract.TLDExtract:
    """A tldextract extractor that uses its bundled suffix list and never fetches one."""
    return tldextract.TLDExtract(
        cache_dir=None,
        suffix_list_urls=(),
        fallback_to_snapshot=True,
        extra_suffixes=INTERNAL_SUFFIXES,
    )


def _local_part_start(match: str) -> int | None:
    """Where the address's local part begins in `match`, or None if it has no local part."""
    local_part = match.rpartition("@")[0]
    separators = list(_BEFORE_LOCAL_PART.finditer(local_part))
    start = separators[-1].end() if separators else 0
    return start if start < len(local_part) else None


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail pattern, validated without network access, trimmed to the address."""

    def validate_result(self, pattern_text: str) -> bool:
        # tldextract reads "Vertrieb/a@firma.de" as host "Vertrieb": give it the domain alone.
        return bool(offline_extractor()(pattern_text.rpartition("@")[2]).fqdn)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            start = _local_part_start(text[result.start : result.end])
            if start is None:
                continue
            result.start += start
            results.append(result)
        return results
