"""Private keys pasted whole or in part: PEM and OpenSSH blocks, PuTTY key files, age and
WireGuard keys.

- ``-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )PRIVATE KEY( BLOCK)-----`` through the
  matching END line, at most 10,000 characters, also with the line breaks of a JSON string
  ("\\n") or with fewer dashes (1.0);
- a truncated paste: the BEGIN line, optional headers ("Proc-Type: 4,ENCRYPTED") and the base64
  lines that follow, however many there are (0.95);
- a PuTTY ``.ppk`` file from ``PuTTY-User-Key-File-3:`` to ``Private-MAC:`` (1.0), or its
  ``Private-Lines:`` section alone (0.95);
- ``AGE-SECRET-KEY-1…`` (1.0) and WireGuard's ``PrivateKey = <base64>`` (the key only, 0.95).

The whole block is one span, BEGIN and END lines included. Public keys ("ssh-rsa AAAA…
user@host", "BEGIN PUBLIC KEY", certificates) are not credentials and are left alone; an e-mail
address in their comment is the e-mail recognizer's.
"""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pii.entities import CREDENTIAL

_DASHES = r"[-–—]{2,6}"
_LABEL = r"(?:[A-Z0-9]{1,10} ){0,3}PRIVATE KEY(?: BLOCK)?"
_BEGIN = rf"{_DASHES} ?BEGIN {_LABEL} ?{_DASHES}"
_END = rf"{_DASHES} ?END {_LABEL} ?{_DASHES}"
_BREAK = r"(?:\s|\\[nr]){1,8}"


class PrivateKeyRecognizer(PatternRecognizer):
    """Finds private key blocks, complete or cut off."""

    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(name="pem_block", regex=rf"{_BEGIN}[\s\S]{{1,10000}}?{_END}", score=1.0),
        Pattern(
            name="pem_truncated",
            regex=rf"{_BEGIN}(?:{_BREAK}[A-Z0-9-]{{1,30}}:[^\n\\]{{1,100}}){{0,6}}"
            rf"(?:{_BREAK}[A-Z0-9+/=]{{16,4000}}){{1,200}}(?:{_BREAK}[A-Z0-9+/]{{1,15}}={{1,2}})?",
            score=0.95,
        ),
        Pattern(
            name="putty_file",
            regex=r"PuTTY-User-Key-File-\d{1,2}:[^\n]{0,100}(?:\r?\n[^\n]{0,4000}){1,80}?"
            r"\r?\nPrivate-MAC:[ \t]{0,3}[0-9a-f]{16,128}",
            score=1.0,
        ),
        Pattern(
            name="putty_private_lines",
            regex=r"Private-Lines:[ \t]{0,3}\d{1,3}(?:\s{1,4}[A-Z0-9+/=]{16,4000}){1,100}",
            score=0.95,
        ),
        Pattern(name="age", regex=r"AGE-SECRET-KEY-1[0-9A-Z]{58}", score=1.0),
        Pattern(
            name="wireguard",
            regex=r"(?<=PrivateKey[ \t]{0,3}=[ \t]{0,3})[A-Z0-9+/]{42,43}=",
            score=0.95,
        ),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entity=CREDENTIAL,
            name=f"PrivateKeyRecognizer_{supported_language}",
            supported_language=supported_language,
            patterns=list(self.PATTERNS),
        )
