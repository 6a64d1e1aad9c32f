"""API keys, access tokens and client secrets.

Three kinds of evidence, strongest first:

- A vendor prefix that no other text has (0.95): OpenAI/Anthropic ``sk-…``/``sk-proj-…``,
  GitHub ``ghp_…``/``github_pat_…``, GitLab ``glpat-…``, Slack ``xoxb-…``, AWS access key IDs
  ``AKIA…``, Google ``AIza…``/``GOCSPX-…``/``ya29.…``, Stripe ``sk_live_…``/``rk_live_…``,
  SendGrid, npm, PyPI, Hugging Face and Atlassian tokens, JWTs ``eyJ….eyJ….…``, Slack and Teams
  webhook URLs.
- Where the secret goes (0.9-0.95): ``Bearer <token>``, ``Authorization: Basic <base64>``
  (bare "Basic …" when it decodes to "user:password"), ``sig=`` of an Azure SAS URL,
  ``AccountKey=``/``SharedAccessKey=`` and ``Password=…;`` of a connection string (the password
  may contain spaces there), and ``?access_token=``/``&api_key=``/``&code=`` URL parameters.
- A keyword ("token", "API key", "secret", "client secret", "access key", "Schlüssel",
  "Zugriffstoken", "PAT") before a random-looking string: right after the keyword and ":",
  "=" or "ist"/"is", 12 characters or more (0.85); up to three words later, 20 characters or
  more (0.75). Random-looking means letters and digits mixed, not a host name, a path, a
  version or a word-built identifier ("AccessTokenLifetime", "YOUR_API_KEY").

Decisions: GUIDs are identifiers (correlation, request, tenant, client and object IDs that
agents need), so a GUID counts only right after a secret keyword ("API-Key: <GUID>"), never
when an "ID" word stands between. Hex hashes after "SHA256", "hash", "checksum", "Prüfsumme",
"thumbprint" or "fingerprint" identify files and certificates and are not secrets. Keys of
products, recovery keys, registry keys and public keys are other recognizers' or nobody's.

Fictitious examples: ``ghp_R4nd0mFict1t10usT0kenValue00000000``, ``Bearer eyJhbGciOi…``,
``client_secret=Q8x~fictitious.Secret_42``.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from pii.entities import CREDENTIAL

_START = r"(?<![A-Za-z0-9_-])"
_END = r"(?![A-Za-z0-9_-])"
_VALUE_CHARACTERS = r"[A-Za-z0-9_+/=~.\-]"

_KEYWORD = (
    r"(?<![\w-])(?P<keyword>(?:[\w-]{1,30}?)?(?:tokens?|secrets?|schlüssel|schluessel|geheimnis"
    r"|apikeys?)|(?:[\w-]{1,30}[-_])?keys?|(?:api|app|access|secret|private|client|master"
    r"|subscription|shared|account|storage|service|signing|encryption|webhook|license|licence"
    r"|lizenz|auth|sas)keys?|(?-i:PATs?)|personal\s{1,2}access\s{1,2}tokens?|bearer)(?![\w-])"
)
# Keywords that name something that is not a secret ("Produktschlüssel", "public key").
_NOT_SECRET_KEYWORDS = re.compile(
    r"produkt|product|wiederherstellung|recovery|registr|public|öffentlich|host|fingerprint"
    r"|fingerabdruck|tastatur|keyboard|schlüsselbund|keychain|token-?id",
    re.IGNORECASE,
)
# Words between a keyword and a value that say the value is something else.
_NOT_SECRET_WORDS = re.compile(
    r"ids?|guid|uuid|nummer|number|nr|no|version|hash|sha\w{0,6}|md5|checksum|prüfsumme"
    r"|fingerprint|fingerabdruck|thumbprint|ablauf|expiry|expires|expired|abgelaufen|lifetime"
    r"|gültigkeit|name|namen|endpoint|endpunkt|url|uri|server|host|pfad|path|datei|file|typ"
    r"|type|format|länge|length|header|scope|scopes|audience|issuer|tenant|mandant|request"
    r"|correlation|trace|activity|session|error|fehler|code|status",
    re.IGNORECASE,
)
_HASH_WORDS = re.compile(
    r"sha-?\d{0,3}|md5|hash|checksum|prüfsumme|pruefsumme|thumbprint|fingerprint|fingerabdruck",
    re.IGNORECASE,
)
_GUID = re.compile(r"\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?", re.I)
_DOMAIN = re.compile(r"[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10}\.[a-z]{2,24}", re.IGNORECASE)
_WORD_PART = re.compile(r"[A-Z]?[a-z]{2,}|[A-Z]{2,}(?![a-z])")

_SCORES = {
    "vendor_prefix": 0.95,
    "jwt": 0.95,
    "webhook": 0.95,
    "bearer": 0.9,
    "basic": 0.9,
    "sas_signature": 0.95,
    "connection_key": 0.95,
    "connection_password": 0.95,
    "url_parameter": 0.9,
    "keyword_direct": 0.85,
    "keyword_near": 0.75,
}


class ApiKeyRecognizer(EntityRecognizer):
    """Finds API keys and tokens by vendor prefix, by position, or after a keyword."""

    PATTERNS: ClassVar[dict[str, re.Pattern[str]]] = {
        "vendor_prefix": re.compile(
            rf"{_START}(?P<value>sk-(?:proj-|svcacct-|admin-|ant-[a-z]{{3,6}}\d{{2}}-)?"
            r"[A-Za-z0-9_-]{20,300}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255}"
            r"|gl(?:pat|dt|rt|ptt|cbt|imt|soat|ffct|oas|agent)-[A-Za-z0-9_-]{20,255}"
            r"|(?:xox[abposrce]|xapp)-[A-Za-z0-9-]{10,255}|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"
            r"|AIza[0-9A-Za-z_-]{35}|GOCSPX-[0-9A-Za-z_-]{20,40}|ya29\.[0-9A-Za-z_-]{20,2000}"
            r"|(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,255}|whsec_[0-9A-Za-z]{20,255}"
            r"|SG\.[0-9A-Za-z_-]{16,32}\.[0-9A-Za-z_-]{16,64}|npm_[A-Za-z0-9]{36}"
            r"|pypi-[A-Za-z0-9_-]{50,300}|hf_[A-Za-z0-9]{30,40}|ATATT[A-Za-z0-9_=-]{50,300}"
            r"|dop_v1_[a-f0-9]{64}|shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}"
            rf"|(?<!\d)\d{{8,10}}:AA[A-Za-z0-9_-]{{33}}){_END}"
        ),
        "jwt": re.compile(
            rf"{_START}(?P<value>eyJ[A-Za-z0-9_-]{{8,4000}}\.eyJ[A-Za-z0-9_-]{{8,8000}}"
            r"(?:\.[A-Za-z0-9_-]{0,4000})?)(?![A-Za-z0-9_-])"
        ),
        "webhook": re.compile(
            r"(?:hooks\.slack\.com/services/|\.webhook\.office\.com/webhookb2/)"
            r"(?P<value>[A-Za-z0-9@/_-]{20,400})"
        ),
        "bearer": re.compile(
            r"(?<![\w-])(?i:bearer)\s{1,3}(?P<value>[A-Za-z0-9._~+/-]{16,8000}=*)"
            r"(?![A-Za-z0-9._~+/=-])"
        ),
        "basic": re.compile(
            r"(?<![\w-])(?P<header>(?i:authorization)\s{0,2}:\s{0,3})?(?i:basic)\s{1,3}"
            r"(?P<value>[A-Za-z0-9+/]{6,500}={0,2})(?![A-Za-z0-9+/=])"
        ),
        "sas_signature": re.compile(r"[?&;](?i:sig)=(?P<value>[A-Za-z0-9%+/=]{16,256})"),
        "connection_key": re.compile(
            r"(?<![\w-])(?i:accountkey|sharedaccesskey|sharedsecret|clientsecret)\s{0,2}=\s{0,2}"
            r"(?P<value>[A-Za-z0-9+/=_~.\-]{8,256})"
        ),
        "connection_password": re.compile(
            r"(?:^|(?<=[;\"'\s]))(?i:password|pwd)\s{0,2}=\s{0,2}"
            r"(?P<value>\{[^}\n]{1,128}\}|[^;\r\n\"'{][^;\r\n\"']{0,127}?)\s{0,2}(?=;|[\"'\r\n]|$)"
        ),
        "url_parameter": re.compile(
            r"[?&#](?i:access_token|refresh_token|id_token|token|api_key|apikey|api-key|key"
            r"|client_secret|secret|password|passwd|pwd|auth|code|signature)"
            r"=(?P<value>[^&\s#\"'<>]{8,2048})"
        ),
        "keyword_direct": re.compile(
            rf"{_KEYWORD}(?:\s{{0,3}}\([^()\n]{{1,40}}\))?\s{{0,3}}(?:[:=]|:=|=>|->|\s(?:ist|is"
            r"|lautet|lautete|was|war|wäre|would\s{1,3}be)(?:\s{1,3}(?:jetzt|now|noch|still))?"
            r"\s{0,3}:?)\s{0,3}(?:\r?\n\s{0,10})?[\"'„“`]?"
            rf"(?P<value>{_VALUE_CHARACTERS}{{12,2048}})",
            re.IGNORECASE,
        ),
        "keyword_near": re.compile(
            rf"{_KEYWORD}(?P<between>(?:\s{{1,3}}[^\W\d_]{{1,25}}){{0,5}}?)\s{{0,3}}[:=]?\s{{0,3}}"
            rf"[\"'„“`]?(?<![A-Za-z0-9_+/=~.\-])(?P<value>{_VALUE_CHARACTERS}{{20,2048}})",
            re.IGNORECASE,
        ),
    }
    # The keywords, for readers and for Lotse's lexicon (this recognizer checks them itself:
    # Presidio's window would boost any long string near "token").
    CONTEXT: ClassVar[tuple[str, ...]] = (
        "token",
        "api key",
        "secret",
        "client secret",
        "access key",
        "schlüssel",
        "bearer",
    )

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entities=[CREDENTIAL],
            name=f"ApiKeyRecognizer_{supported_language}",
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and CREDENTIAL not in entities:
            return []
        scores: dict[tuple[int, int], float] = {}
        for name, pattern in self.PATTERNS.items():
            position = 0
            while (match := pattern.search(text, position)) is not None:
                span = _span(name, match, text)
                if span is None:
                    position = match.start() + 1
                    continue
                scores[span] = max(scores.get(span, 0.0), _SCORES[name])
                position = match.end()
        return [
            RecognizerResult(entity_type=CREDENTIAL, start=start, end=end, score=score)
            for (start, end), score in _outermost(scores)
        ]


def _span(name: str, match: re.Match[str], text: str) -> tuple[int, int] | None:
    start, end = match.span("value")
    value = match.group("value")
    if name in ("keyword_direct", "keyword_near", "url_parameter", "bearer"):
        trimmed = value.rstrip(".")
        end -= len(value) - len(trimmed)
        value = trimmed
    if name == "vendor_prefix":
        # "sk-" also starts host names ("sk-prod-web01"); generated keys mix all three classes
        classes = _character_classes(value)
        return (start, end) if classes == 3 or (classes == 2 and value[:3] != "sk-") else None
    if name in ("webhook", "sas_signature"):
        return start, end
    if name == "jwt":
        return (start, end) if _is_jwt_header(value.split(".", 1)[0]) else None
    if name == "basic":
        return (start, end) if match.group("header") or _is_user_and_password(value) else None
    if name == "connection_password":
        line = text[text.rfind("\n", 0, start) + 1 : start]
        return (start, end) if ";" in line or text[end : end + 1] == ";" else None
    if name in ("bearer", "url_parameter", "connection_key"):
        return (start, end) if _character_classes(value) >= 2 else None
    word_before = text[max(0, match.start() - 30) : match.start()].split()[-1:]
    if _NOT_SECRET_KEYWORDS.search(" ".join([*word_before, match.group("keyword")])):
        return None
    if _HASH_WORDS.search(text, max(0, match.start() - 40), start) and _is_hex(value):
        return None
    if name == "keyword_near":
        between = match.group("between").split()
        if any(_NOT_SECRET_WORDS.fullmatch(word) for word in between) or _GUID.fullmatch(value):
            return None
    return (start, end) if _looks_random(value) else None


def _looks_random(value: str) -> bool:
    """Letters and digits mixed like a generated token, not a word-built name or a host."""
    if _GUID.fullmatch(value):
        return True  # only reached right after a secret keyword
    if _character_classes(value) < 2 or len(set(value)) < 6:
        return False
    if value[0] in "/.~" or "//" in value or _DOMAIN.fullmatch(value) or "***" in value:
        return False
    if any(character.isdigit() for character in value):
        return True
    # no digit: random only if it is not made of words ("AccessTokenLifetime", "YOUR_API_KEY")
    covered = sum(len(part) for part in _WORD_PART.findall(value))
    return covered < len(value) / 2 and not re.search(r"[._-]", value)


def _character_classes(value: str) -> int:
    return sum(
        any(test(character) for character in value)
        for test in (str.isupper, str.islower, str.isdigit)
    )


def _is_hex(value: str) -> bool:
    return re.fullmatch(r"[0-9a-fA-F]{16,128}", value) is not None


def _is_jwt_header(segment: str) -> bool:
    """True when a JWT's first segment decodes to a JSON header naming its algorithm."""
    try:
        decoded = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        return False
    return decoded.startswith(b'{"') and b'"alg"' in decoded


def _is_user_and_password(value: str) -> bool:
    """True when a "Basic" value decodes to printable "user:password"."""
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    text = decoded.decode("utf-8", errors="replace")
    return ":" in text and text.isprintable() and "\ufffd" not in text


def _outermost(scores: dict[tuple[int, int], float]) -> list[tuple[tuple[int, int], float]]:
    """Spans not inside a longer one; the longer one takes the higher score."""
    kept: dict[tuple[int, int], float] = {}
    for span in sorted(scores, key=lambda s: (s[0] - s[1], s[0])):
        outer = next((k for k in kept if k[0] <= span[0] and span[1] <= k[1]), None)
        if outer is None:
            kept[span] = scores[span]
        else:
            kept[outer] = max(kept[outer], scores[span])
    return sorted(kept.items())
