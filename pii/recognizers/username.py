"""Login names: Windows down-level logons, profile folders, and names after login keywords.

Three shapes, each scored 0.85:

- A down-level logon ``DOMAIN\\user`` (NetBIOS domain of 2-15 characters), reported whole:
  ``CORP\\mmuster``, ``FIRMA\\j.doe``, ``ad\\ab12345``. Paths are not logons: a segment after a
  drive, a share or another segment (``C:\\Windows\\System32``, ``\\\\srv-fs01\\share``), one
  followed by a further segment, registry roots (``HKLM\\Software``), file names
  (``docs\\readme.txt``), and escape sequences of pasted JSON (``Fehler\\nDetails``) are skipped.
  A mixed-case domain ("Files\\Microsoft") counts only with a lower-case user part.
- The profile folder of a path: ``C:\\Users\\mmuster\\AppData``, ``/home/jdoe``,
  ``/Users/sarah``; only the folder name is reported (it is the logon name), so the agent
  still sees the path. Built-in profiles (Public, Default, Administrator) and URLs are skipped.
- A name after a login keyword: "Benutzername: priya.r", "mein Login ist mweber",
  "Kennung lautet tbr", "username is jdoe42", "angemeldet als mweber", "logged in as jdoe42";
  directly after the keyword ("Benutzerkennung ab12345", "AD-Account xyz123", "UserID u123456")
  only when the value has a digit, dot or underscore. Statements about a login
  ("Benutzername vergessen", "username is wrong", "Login fehlgeschlagen") are not names: a value
  that is an ordinary word of the language (Lotse's lexicon), a state word, a product name, an
  error or ticket code, a version or a host name is skipped, and so is anything with "@"
  (an e-mail address, which the e-mail recognizer reports).

Only the name is reported, never the keyword. Fictitious examples: ``CORP\\mmuster``,
``Benutzername: priya.r``, ``my username is jdoe42``, ``C:\\Users\\mmuster\\Desktop``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from pii.entities import USERNAME

_SCORE = 0.85
# Whether a string is an ordinary word of the language (None when no lexicon is at hand).
WordTest = Callable[[str], bool] | None
_VALUE = r"[\"'„“‚‘»«]?(?P<value>[^\W_][\w.\-]{0,63})"

# Keywords after which a login name may follow directly ("Benutzerkennung ab12345").
_NAME_KEYWORD = (
    r"benutzer[\s-]?(?:name|kennung|kürzel|id|konto)|nutzer[\s-]?(?:name|kennung|konto)"
    r"|anmelde-?(?:name|kennung)|log-?in(?:[\s-]?(?:name|kennung|id))?|kennung"
    r"|user-?(?:name|id)|user\s(?:name|id)|logon\s?name|account\s?name|samaccountname"
    r"|(?:ad|windows|domänen|domain)-(?:account|konto|benutzer|login|kennung|user(?:name)?)"
    r"|(?:ad|windows|domain)\s(?:account|login|user(?:name)?)"
)
# Broader words that introduce a name only before ":", "=" or "ist"/"is" ("User: mweber").
_BROAD_KEYWORD = rf"{_NAME_KEYWORD}|user|benutzer|nutzer|account"
_VERB = r"(?:ist|lautet|war|heißt|wäre|is|was|would\s+be)"
_TOPIC = r"(?:(?:für|for|bei|in|im|at|on|von|of)\s{1,3}\S{1,30}\s{1,3})?"
_ARTICLE = r"(?:(?:der|die|das|the|einfach|just|simply|nur)\s{1,3})?"

_BUILT_IN_PROFILES = frozenset(
    "public default defaultuser0 default.migrated all administrator administrador guest gast "
    "wdagutilityaccount user users username benutzer name yourname deinname ihrname shared "
    "localservice networkservice systemprofile".split()
)
_REGISTRY_ROOTS = frozenset("hklm hkcu hkcr hku hkcc".split())
# Path segments that look like DOMAIN\user pairs ("Windows\System32", "AppData\Local").
_PATH_WORDS = frozenset(
    "windows system32 syswow64 winsxs appdata local locallow roaming temp tmp desktop documents "
    "dokumente downloads public programdata users benutzer microsoft drivers etc software "
    "system currentcontrolset program files programme profiles profile home share shares "
    "daten data logs log cache config".split()
)
_FILE_EXTENSIONS = frozenset(
    "txt log exe msi dll ini cfg conf bat cmd ps1 vbs sh py js json xml csv pdf doc docx xls "
    "xlsx xlsm ppt pptx zip rar 7z lnk pst ost png jpg jpeg gif bmp html htm eml msg reg sys "
    "tmp bak iso vhd vhdx ica rdp url".split()
)
# Words that describe a login rather than being one (the lexicon catches most others).
_NOT_NAMES = frozenset(
    "vergessen abgelaufen falsch ungültig gesperrt geändert zurückgesetzt korrekt richtig neu "
    "alt leer weg nicht kein keine gleich identisch anders unbekannt fehlgeschlagen funktioniert "
    "geht klappt hängt kaputt deaktiviert aktiv inaktiv blockiert ok okay vorhanden bekannt "
    "derselbe dieselbe dasselbe der die das ein eine mein meine dein ihr sein noch schon immer "
    "wieder jetzt gerade auch nur eigentlich seit leider bitte fehler problem feld maske seite "
    "fenster dialog ist lautet war heißt im in am auf bei für forgotten forgot wrong invalid "
    "incorrect locked changed reset correct right new old empty gone not no none the a an my "
    "your his her their same different unknown failed fails failing works working broken disabled enabled active "
    "inactive blocked still already now just also only required case missing fine there here "
    "and or und oder yes ja nein with without mit ohne on off an aus "
    "is was error problem field page screen prompt button dialog "
    # products and protocols that follow "Login" ("Login O365", "login 2FA")
    "teams outlook windows office sap vpn o365 m365 office365 2fa mfa sso okta azure entra "
    "citrix jira confluence sharepoint onedrive intune wlan wifi win10 win11 x64 x86 arm64 "
    "32bit 64bit ipv4 ipv6 5g 4g lte".split()
)
_NOT_AN_ID = re.compile(
    r"(?i)0x[0-9a-f]{1,16}|(?:inc|req|chg|ritm|task|prb|kb|aadsts|sr|ticket)[-#]?\d.{0,30}"
    r"|\d{1,4}|[\d.]{0,64}\.[\d.]{0,64}|\d{1,3}x"
)
_HOST_SUFFIX = re.compile(r"(?i)\.(?:local|lan|corp|intern|internal|de|com|net|org|eu|at|ch)$")
_HOST_LIKE = re.compile(
    r"(?i)(?:srv|pc|nb|ws|vm|lt|dc|fs|nas|prn|ap|sw)-[\w-]{1,30}|\w{1,30}-\w{1,30}-[\w-]{1,30}"
)
# Escape sequences of pasted JSON or code ("Fehler\\nDetails", "Gr\\u00fc\\u00dfe").
_ESCAPE = re.compile(r"\\(?:[nrt\"]|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2})")
_ESCAPE_LIKE_USER = re.compile(r"[nrt]|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}")
# A drive, share or variable path that runs up to this point without sentence punctuation.
_PATH_BEFORE = re.compile(r"(?:[A-Za-z]:\\|\\\\|%\\)(?:[^\n\"'<>|,;:!?.]|[,.](?!\s)){0,120}$")
_KEYWORD_ITSELF = re.compile(rf"(?i){_BROAD_KEYWORD}")


class UsernameRecognizer(EntityRecognizer):
    """Finds login names: DOMAIN\\user, profile folders, names after login keywords."""

    PATTERNS: ClassVar[dict[str, re.Pattern[str]]] = {
        "down_level_logon": re.compile(
            r"(?<![\w\\/:.%$@-])(?P<domain>[A-Za-z0-9][A-Za-z0-9-]{1,14})\\(?P<value>[^\W_][\w.\-]{0,63})"
        ),
        "profile_folder": re.compile(
            r"(?i)(?:[a-z]:)?[\\/]{1,2}(?:users|benutzer|documents\sand\ssettings"
            r"|dokumente\sund\seinstellungen|home)[\\/](?P<value>[^\W_][\w.\-]{0,63})"
        ),
        "keyword_separator": re.compile(
            rf"(?i)(?<![\w-])(?:{_BROAD_KEYWORD})(?![\w-])\s{{0,3}}[:=]\s{{0,3}}{_VALUE}"
        ),
        "keyword_verb": re.compile(
            rf"(?i)(?<![\w-])(?:{_BROAD_KEYWORD})(?![\w-])\s{{1,3}}{_TOPIC}{_VERB}\s{{1,3}}{_ARTICLE}{_VALUE}"
        ),
        "keyword_direct": re.compile(
            rf"(?i)(?<![\w-])(?:{_NAME_KEYWORD}|user|benutzer|nutzer)(?![\w-])\s{{1,3}}{_VALUE}"
        ),
        "logged_in_as": re.compile(
            r"(?i)(?<![\w-])(?:angemeldet|eingeloggt|eingelogt|logged\s(?:in|on)|signed\sin)"
            rf"\s{{1,3}}(?:als|as)\s{{1,3}}(?:(?:benutzer|user)\s{{1,3}})?{_VALUE}"
        ),
        "als_angemeldet": re.compile(
            rf"(?i)(?<![\w-])als\s{{1,3}}(?:benutzer\s{{1,3}})?{_VALUE}(?=\s{{1,3}}(?:angemeldet|eingeloggt))"
        ),
    }

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entities=[USERNAME],
            name=f"UsernameRecognizer_{supported_language}",
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and USERNAME not in entities:
            return []
        is_word = _word_test(nlp_artifacts, self.supported_language)
        spans: set[tuple[int, int]] = set()
        for name, pattern in self.PATTERNS.items():
            for match in pattern.finditer(text):
                span = self._span(name, match, text, is_word)
                if span is not None:
                    spans.add(span)
        return [
            RecognizerResult(entity_type=USERNAME, start=start, end=end, score=_SCORE)
            for start, end in sorted(spans)
        ]

    @staticmethod
    def _span(
        name: str, match: re.Match[str], text: str, is_word: WordTest
    ) -> tuple[int, int] | None:
        value = match.group("value").rstrip(".-")
        start = match.start("value")
        end = start + len(value)
        if name == "profile_folder":
            return (start, end) if _is_profile_folder(value, text, match.start()) else None
        following = text[end : end + 1]
        if following and following in "@\\":  # an e-mail address, or a logon found separately
            return None
        if name == "down_level_logon":
            logon_start = match.start()
            if following == "/":
                return None
            return (
                (logon_start, end)
                if _is_logon(match.group("domain"), value, text, logon_start, is_word)
                else None
            )
        if not _is_login_name(value, text, end, is_word, direct=name == "keyword_direct"):
            return None
        return start, end


def _word_test(nlp_artifacts: Any, language: str) -> WordTest:
    """The lexicon's word test when the NLP engine is Lotse's offline one (the only one that
    has a lexicon), else None."""
    engine = getattr(nlp_artifacts, "nlp_engine", None)
    lexicon = getattr(engine, "lexicon", None)
    if lexicon is None:
        return None
    is_word: Callable[[str], bool] = lexicon(language).is_word
    return is_word


def _is_logon(domain: str, user: str, text: str, start: int, is_word: WordTest) -> bool:
    if _PATH_BEFORE.search(text, max(0, start - 120), start):
        return False  # "C:\Program Files\Microsoft Office\root": the tail of a path
    folded_domain, folded_user = domain.casefold(), user.casefold()
    if domain.isdigit() or folded_domain in _REGISTRY_ROOTS:
        return False
    if folded_domain in _PATH_WORDS or folded_user in _PATH_WORDS:
        return False
    if "." in user and user.rsplit(".", 1)[1].casefold() in _FILE_EXTENSIONS:
        return False
    if not (domain.isupper() or domain.islower()) and not user.islower():
        return False  # "Files\Microsoft": a path with a space in it, not a logon
    if _is_known_word(domain, is_word) and _is_known_word(user, is_word):
        return False  # "ja\nein", "and\or"
    if re.match(r"[nrt][A-Z]", user):
        return False  # "Fehler\nDetails"
    return not (_ESCAPE_LIKE_USER.match(user) and len(_ESCAPE.findall(text)) > 1)


def _is_known_word(word: str, is_word: WordTest) -> bool:
    return word.casefold() in _NOT_NAMES or (is_word is not None and is_word(word))


def _is_profile_folder(folder: str, text: str, start: int) -> bool:
    if folder.casefold() in _BUILT_IN_PROFILES or folder.isdigit():
        return False
    token_start = max(text.rfind(space, 0, start) for space in " \t\n") + 1
    return "://" not in text[token_start:start]  # a URL's path ("https://x.example/users/7")


def _is_login_name(value: str, text: str, end: int, is_word: WordTest, *, direct: bool) -> bool:
    folded = value.casefold()
    if len(value) < 2 or folded in _NOT_NAMES or _NOT_AN_ID.fullmatch(value):
        return False
    if _KEYWORD_ITSELF.fullmatch(value):  # "Login: Login: …"
        return False
    if value.count(".") > 1 or _HOST_SUFFIX.search(value) or _HOST_LIKE.fullmatch(value):
        return False
    if direct:  # no ":" or "ist": the value itself must look like an id
        has_marker = any(character.isdigit() or character in "._" for character in value)
        return has_marker and len(value) >= 3 and "-" not in value
    if value.isalpha():
        if is_word is not None and is_word(value):
            return False
        # "User: Max Mustermann" is a person's name, which the name recognizer reports.
        following = re.match(r"\s{1,3}[A-ZÄÖÜ][a-zäöüß]{1,30}\b", text[end : end + 40])
        if value[0].isupper() and value[1:].islower() and following:
            return False
    return True
