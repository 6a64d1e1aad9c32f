"""Names of people in German and English messages, of any origin.

Evidence, strongest first (a name gets the score of its best evidence; Lotse keeps >= 0.5):

- the organisation directory (`pii.directory`): a person's full name or "Last, First", in any
  case, and any cue before a directory surname (0.95); a directory first name alone that is
  no word (0.7);
- a cue before the name: a title ("Herr Yilmaz", "Frau Dr. Anna Berger", "Mr. O'Connor"; 0.9),
  an introduction ("mein Name ist Kerstin Vogt", "ich heiße Mehmet"; 0.9), a salutation ("Hallo
  Jonas", "Dear Priya"; 0.85), a sign-off that the name ends ("VG Tobi", "LG\\nSabine", "Viele
  Grüße\\nM. Weber", "Thanks, Priya", "-- Kerstin"; 0.85), a relation ("mein Kollege Jonas
  Peters", "my manager Sarah O'Connor"; 0.85), a label ("Name: …", "Ansprechpartner: …",
  "contact person …"; 0.85), a mention ("@Anna Schmidt"; 0.85), a weak introduction ("ich bin
  jana", "I'm Priya", "this is Wei"; 0.8: only a listed name or a word no lexicon knows, so
  "I'm stuck", "ich bin neu" and "this is urgent" are not names);
- name lists (`pii.names`): a known first name and a surname-like word ("Anna Schmidt hat
  keinen Zugriff", "Priya Raman can't log in"; 0.85), surname first ("Zhang Wei", "Schmidt,
  Anna"; 0.75), initials and a known surname ("M. Weber"; 0.65), a known first name alone
  ("Priya kann sich nicht anmelden"; 0.6), a word name and a common surname ("Frank Koch";
  0.6), an unknown word and a known surname (0.6), a lower-case first and last name ("anna
  schmidt"; 0.55), a known surname or lower-case first name after "an", "von", "cc", "ask" …
  (0.55);
- the last line of a message of several lines when it holds a name only (0.7);
- PERSON entities of a pretrained spaCy model, when one is configured: +0.1 for a name found
  otherwise, 0.55 alone. Two unknown capitalised words ("Qwilmar Traxoniu") score 0.45, under
  the threshold, unless such a model agrees: products come in such pairs too.

Surname-like: a listed surname, a capitalised word that no lexicon has (spaCy's lookup tables
of the message language and English, WordNet's English lemmas, German compounds and noun
endings count as known), or a word with a surname ending ("Lindemann", "Kowalczyk").

Words that are also names ("Will", "Mark", "Rose", "Fischer", "Koch") count only with a cue or
another name part ("der Koch" is not a person, "Herr Koch" and "Frank Koch" are). Lower-case
names count only after a cue ("hi ich bin jana", "lg tobi", "thx, priya", "cc jonas") or as a
listed first and last name. Never names: products and brands ("Outlook", "Teams", "Alexa"),
the bot ("Lotse"), days and months, function words, greetings and groups ("Hallo zusammen"),
all-caps and camel-case words ("SAP", "OneDrive"), words with digits, and words glued to
addresses, paths or hosts ("Anna.Schmidt@…", "\\\\srv\\Anna"). Only the name is reported,
without titles or salutations: "Hallo Herr [Yilmaz]", "Frau Dr. [Anna Berger]".

Fictitious examples: ``Hallo Herr Yilmaz``, ``VG Tobi``, ``mein Kollege Jonas Peters``,
``my name is Priya Raman``, ``Thanks, Ollie``, ``Frau Dr. Anna Berger``, ``M. Weber``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from nlu.language import Language
from pii.directory import TOKEN, Directory
from pii.entities import PERSON
from pii.lexicon import Lexicon
from pii.names import (
    FUNCTION_WORDS,
    NOT_NAMES,
    PARTICLES,
    NameLists,
    english_base_words,
    english_lexicon,
    is_word_name,
    name_key,
    name_lists,
)
from pii.nlp_engine import OfflineNlpEngine


class Cue(Enum):
    """What a phrase before a name says about it."""

    TITLE = "title"
    SALUTATION = "salutation"
    INTRODUCTION = "introduction"
    WEAK_INTRODUCTION = "weak introduction"
    THANKS = "thanks"
    SIGN_OFF = "sign-off"
    SHORT_SIGN_OFF = "short sign-off"
    RELATION = "relation"
    LABEL = "label"
    MENTION = "mention"
    PREPOSITION = "preposition"


SCORES = {
    Cue.TITLE: 0.9,
    Cue.SALUTATION: 0.85,
    Cue.INTRODUCTION: 0.9,
    Cue.WEAK_INTRODUCTION: 0.8,
    Cue.THANKS: 0.85,
    Cue.SIGN_OFF: 0.85,
    Cue.SHORT_SIGN_OFF: 0.85,
    Cue.RELATION: 0.85,
    Cue.LABEL: 0.85,
    Cue.MENTION: 0.85,
}
SCORE_DIRECTORY = 0.95
SCORE_DIRECTORY_FIRST_NAME = 0.7
SCORE_FULL_NAME = 0.85
SCORE_SURNAME_FIRST = 0.75
SCORE_WORD_FIRST_NAME_AND_SURNAME = 0.6
SCORE_INITIALS = 0.65
SCORE_LOWERCASE_FULL_NAME = 0.55
SCORE_UNKNOWN_AND_SURNAME = 0.6
# Below the threshold: products come in pairs of unknown words too ("Konica Minolta");
# only a pretrained model's agreement (MODEL_BOOST) lifts it.
SCORE_TWO_UNKNOWN = 0.45
SCORE_FIRST_NAME = 0.6
SCORE_SURNAME_AFTER_PREPOSITION = 0.55
SCORE_SIGNATURE_LINE = 0.7
SCORE_MODEL = 0.55
MODEL_BOOST = 0.1

_MAX_NAME_WORDS = 5
_MAX_INITIALS = 3
_MAX_TITLE_TOKENS = 10  # "Frau Prof. Dr. rer. nat."
_MAX_WORD_LENGTH = 40
_MIN_COMPOUND_LENGTH = 7
# Characters that glue a word to an address, path or host ("anna.schmidt@", "\\srv\Anna").
_GLUE_BEFORE = frozenset("@/\\._=#<>|~$%&*+")
_GLUE_AFTER = frozenset("@/\\_=|<>")
# Sign-offs and cues may be separated from the name by these.
_CUE_PUNCTUATION = frozenset(",:!.&+-–—")
_NAME_PARTICLE_PREFIXES = ("al-", "el-", "ad-", "as-", "d'", "l'", "dell'")
_CAMEL_CASE_PREFIXES = ("Mc", "Mac", "Di", "De", "Le", "La", "Du", "Van", "Von", "Fitz", "O")

# Title words; those in _TITLES_CAPITALISED count only capitalised ("Ms Smith", not "5 ms").
_TITLES = frozenset(
    "herr herrn frau hr fr dr prof professor professorin doktor dipl ing mag mr mrs mister "
    "madame monsieur ms miss sir".split()
)
_TITLES_CAPITALISED = frozenset("ms miss sir fr".split())
# After a title only: "Dr. med. Müller", "Dr. rer. nat. Berger".
_TITLE_QUALIFIERS = frozenset("med dent rer nat phil jur habil vet oec pol ing".split())

# Words that greet or address groups and IT words that the lexicons lack; never names.
_ADDRESSEES = frozenset(
    "team teams zusammen alle all everyone everybody leute folks guys people there kollegen "
    "kolleginnen colleagues support helpdesk servicedesk service desk hotline admin admins "
    "administrator administratorin sysadmin bot chatbot assistant assistent assistentin "
    "damen herren ladies gentlemen madam sir welt world hallo hello hi hey moin servus dear "
    "liebe lieber liebes danke dank thanks thank thx cheers gruß grüße gruss grüsse regards "
    "best vg lg mfg br kr rgds logon login webcam desktop wiki dockingstation homeoffice "
    "authenticator onboarding offboarding bluescreen it edv buchhaltung personalabteilung "
    "personal vertrieb einkauf marketing empfang rechenzentrum geschäftsführung verwaltung "
    "finanzen controlling hr finance sales accounting facility facilities legal management "
    "it-abteilung it-support schön schöne sehr".split()
)

# Frequent words of IT chats that spaCy's lookup tables lack, and German noun endings.
_WORDS_MISSING_FROM_LEXICONS = frozenset(
    "kaffee software hardware firmware malware spam phishing tür wartung mikrofon "
    "headset webcam wlan lan vpn".split()
)
# Endings of surnames of German, Slavic, Greek, Turkish and Romanian origin.
_SURNAME_SUFFIXES = (
    "mann",
    "berg",
    "berger",
    "bach",
    "stein",
    "meier",
    "meyer",
    "maier",
    "mayer",
    "huber",
    "hofer",
    "hoff",
    "brock",
    "bock",
    "schulte",
    "inger",
    "ski",
    "sky",
    "witz",
    "wicz",
    "czyk",
    "oglu",
    "oğlu",
    "ović",
    "ovic",
    "evic",
    "escu",
    "poulos",
    "akis",
    "idis",
    "enko",
    "chuk",
)
_SHORT_COMPOUND_TAILS = ("tag", "amt", "weg", "typ", "zug", "rat", "uhr")
_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "sion", "tät", "ment", "ismus", "nis")

_CUE_PHRASES: Mapping[Cue, str] = {
    Cue.SALUTATION: (
        "hallo|hi|hey|moin|moin moin|servus|hallöchen|huhu|grüß gott|grüezi|guten morgen|"
        "guten tag|guten abend|morgen|liebe|lieber|sehr geehrte|sehr geehrter|dear|hello|"
        "good morning|good afternoon|good evening|morning|hiya|yo|ciao|salut"
    ),
    Cue.INTRODUCTION: (
        "mein name ist|mein name lautet|mein name|my name is|my name|ich heiße|ich heisse|"
        "ich heiß|heiße|i am called|call me|hier spricht|nennt mich|man nennt mich"
    ),
    Cue.WEAK_INTRODUCTION: (
        "ich bin|ich bin die|ich bin der|i'm|i am|this is|hier ist|hier ist die|hier ist der|"
        "hier schreibt|es schreibt|it's|it is"
    ),
    Cue.THANKS: (
        "danke|danke schön|dankeschön|danke dir|vielen dank|merci|thanks|thank you|thx|ty|"
        "many thanks|thanks a lot|cheers"
    ),
    Cue.SIGN_OFF: (
        "gruß|grüße|gruss|grüsse|viele grüße|beste grüße|liebe grüße|schöne grüße|"
        "freundliche grüße|herzliche grüße|mit freundlichen grüßen|mit freundlichem gruß|"
        "regards|best regards|kind regards|warm regards|best wishes|all the best|best|"
        "bye|tschüss|tschau|bis dann|bis später|see you|take care"
    ),
    Cue.SHORT_SIGN_OFF: "vg|lg|mfg|sg|bg|br|kr|rgds|brgds|cu|- -|--|—|–",
    Cue.RELATION: (
        "kollege|kollegin|kollegen|chef|chefin|vorgesetzte|vorgesetzter|vorgesetzten|"
        "teamleiter|teamleiterin|teamleitung|abteilungsleiter|abteilungsleiterin|gruppenleiter|"
        "gruppenleiterin|bereichsleiter|bereichsleiterin|projektleiter|projektleiterin|"
        "geschäftsführer|geschäftsführerin|managerin|azubi|auszubildende|auszubildender|"
        "praktikant|praktikantin|werkstudent|werkstudentin|mitarbeiter|mitarbeiterin|"
        "sekretärin|ansprechpartner|ansprechpartnerin|stellvertreter|stellvertreterin|"
        "vertretung|nachfolger|nachfolgerin|vorgänger|vorgängerin|sitznachbar|sitznachbarin|"
        "kundin|nutzerin|benutzerin|colleague|coworker|co-worker|workmate|teammate|manager|"
        "boss|supervisor|team lead|teamlead|line manager|director|intern|trainee|apprentice|"
        "deputy|successor|predecessor|employee|new starter|new hire"
    ),
    Cue.LABEL: (
        "name :|vorname :|nachname :|full name :|vollständiger name :|ansprechpartner :|"
        "ansprechpartnerin :|ansprechperson|ansprechperson :|kontakt :|kontaktperson|"
        "kontaktperson :|contact person|contact person :|contact :|requester :|requested by|"
        "requested by :|reported by|reported by :|gemeldet von|erstellt von|created by|"
        "antragsteller :|antragstellerin :|benutzer :|nutzer :|user :|mitarbeiter :|"
        "mitarbeiterin :|employee :|name des mitarbeiters :|name der mitarbeiterin :|"
        "absender :|sender :|empfänger :|recipient :|besitzer :|owner :|inhaber :|"
        "von :|from :|an :|to :|cc :"
    ),
    Cue.PREPOSITION: "von|an|cc|bcc|für|bei|mit|ask|tell|from|to|with|for|frag|frage|fragt",
}


def _phrases(table: Mapping[Cue, str]) -> dict[tuple[str, ...], Cue]:
    phrases: dict[tuple[str, ...], Cue] = {}
    for cue, alternatives in table.items():
        for phrase in alternatives.split("|"):
            keys = tuple(name_key(match.group()) for match in TOKEN.finditer(phrase))
            phrases.setdefault(keys, cue)
    return phrases


_STOP_WORDS = frozenset(
    name_key(word)
    for word in (
        *FUNCTION_WORDS,
        *NOT_NAMES,
        *_ADDRESSEES,
        *_TITLES,
        *(word for phrases in _CUE_PHRASES.values() for word in phrases.replace("|", " ").split()),
    )
)


class PersonRecognizer(EntityRecognizer):
    """Finds names of people from cues, name lists and an optional organisation directory."""

    # Presidio's context words are not used: the cues are combined in `analyze`.
    CONTEXT: ClassVar[list[str]] = []
    CUES: ClassVar[dict[tuple[str, ...], Cue]] = _phrases(_CUE_PHRASES)
    _MAX_CUE_LENGTH: ClassVar[int] = max(len(phrase) for phrase in CUES)

    def __init__(
        self,
        *,
        supported_language: str = "en",
        directory: Directory | None = None,
        names: NameLists | None = None,
    ) -> None:
        self.directory = directory
        self.names = names if names is not None else name_lists()
        super().__init__(
            supported_entities=[PERSON],
            name=f"PersonRecognizer_{supported_language}",
            supported_language=supported_language,
            context=list(self.CONTEXT),
        )

    def load(self) -> None:
        """Nothing to load: the name lists are read on construction."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and PERSON not in entities:
            return []
        lexicons = _lexicons(nlp_artifacts, self.supported_language)
        message = _Message(
            text,
            language=self.supported_language,
            names=self.names,
            directory=self.directory,
            lexicons=lexicons,
        )
        candidates = message.candidates(self.CUES, self._MAX_CUE_LENGTH)
        candidates = _with_model_evidence(candidates, _model_spans(nlp_artifacts), message)
        return [
            RecognizerResult(entity_type=PERSON, start=start, end=end, score=score)
            for start, end, score in _best_without_overlaps(candidates, len(text))
        ]


def _lexicons(nlp_artifacts: Any, language: str) -> tuple[Lexicon, ...]:
    """The message language's word list and English (German users write English IT words)."""
    engine = getattr(nlp_artifacts, "nlp_engine", None)
    if not isinstance(engine, OfflineNlpEngine):
        return (english_lexicon(), english_base_words())
    available: Mapping[str, Any] = engine.nlp or {}
    english = Language("en")
    lexicons = [engine.lexicon(Language(language))] if language in available else []
    if language != english or not lexicons:
        lexicons.append(engine.lexicon(english) if english in available else english_lexicon())
    lexicons.append(english_base_words())
    return tuple(lexicons)


Candidate = tuple[int, int, float]


def _best_without_overlaps(candidates: Sequence[Candidate], length: int) -> list[Candidate]:
    """The best-scored (then longest) candidates that do not overlap, in text order."""
    taken = bytearray(length)
    chosen: list[Candidate] = []
    for start, end, score in sorted(candidates, key=lambda c: (-c[2], c[0] - c[1], c[0])):
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, score))
    return sorted(chosen)


def _model_spans(nlp_artifacts: Any) -> list[tuple[int, int]]:
    """The PERSON entities of a pretrained spaCy model (none with a blank pipeline)."""
    entities = getattr(nlp_artifacts, "entities", None) or []
    return [
        (entity.start_char, entity.end_char)
        for entity in entities
        if entity.label_ in ("PER", "PERSON")
    ]


def _with_model_evidence(
    candidates: list[Candidate], model_spans: Sequence[tuple[int, int]], message: _Message
) -> list[Candidate]:
    """Candidates that a model confirms score higher; a model's own names are weak evidence."""
    if not model_spans:
        return candidates
    combined = [
        (start, end, min(1.0, score + MODEL_BOOST))
        if any(start < model_end and model_start < end for model_start, model_end in model_spans)
        else (start, end, score)
        for start, end, score in candidates
    ]
    for model_start, model_end in model_spans:
        if not any(start < model_end and model_start < end for start, end, _ in candidates):
            combined.extend(message.model_candidate(model_start, model_end))
    return combined


class _Level(Enum):
    """How much a cue vouches for the word after it."""

    TITLE = "title"  # any capitalised word: "Herr Fischer", "mein Name ist Vogel"
    STRONG = "strong"  # a listed or unknown word: "Hallo Frank", "VG Tobi"
    WEAK = "weak"  # a listed name that is no word, or an unknown word: "I'm Priya"


# Per cue: how strong, which lower-case words count, whether the name must end the phrase.
_CUE_RULES: Mapping[Cue, tuple[_Level, str, bool]] = {
    Cue.TITLE: (_Level.TITLE, "any", False),
    Cue.SALUTATION: (_Level.STRONG, "listed", False),
    Cue.INTRODUCTION: (_Level.TITLE, "any", False),
    Cue.WEAK_INTRODUCTION: (_Level.WEAK, "first", False),
    Cue.THANKS: (_Level.STRONG, "listed", True),
    Cue.SIGN_OFF: (_Level.STRONG, "listed", True),
    Cue.SHORT_SIGN_OFF: (_Level.STRONG, "listed", True),
    Cue.RELATION: (_Level.STRONG, "first", False),
    Cue.LABEL: (_Level.STRONG, "listed", False),
    Cue.MENTION: (_Level.TITLE, "listed", False),
}
_SIGN_OFFS = frozenset({Cue.THANKS, Cue.SIGN_OFF, Cue.SHORT_SIGN_OFF})


class _Message:
    """One message cut into tokens, with the name evidence of each token (computed lazily)."""

    def __init__(
        self,
        text: str,
        *,
        language: str,
        names: NameLists,
        directory: Directory | None,
        lexicons: Sequence[Lexicon],
    ) -> None:
        self.text = text
        self.language = language
        matches = list(TOKEN.finditer(text))
        self.spans = [(match.start(), match.end()) for match in matches]
        self.words = [match.group() for match in matches]
        self.keys = [name_key(word) for word in self.words]
        self.count = len(matches)
        self._names = names
        self._directory = directory
        self._lexicons = lexicons
        self._ordinary: dict[str, bool] = {}

    # -- what one token is ---------------------------------------------------------------

    def is_word(self, index: int) -> bool:
        return index < self.count and (
            self.words[index][0].isalnum() or self.words[index][0] == "_"
        )

    def clean(self, index: int) -> bool:
        """A word of letters (and inner hyphens or apostrophes), not glued to a host or path."""
        if not self.is_word(index):
            return False
        word = self.words[index]
        if (
            not 2 <= len(word) <= _MAX_WORD_LENGTH
            or not word.replace("-", "").replace("'", "").replace("’", "").isalpha()
        ):
            return False
        start, end = self.spans[index]
        before = self.text[start - 1] if start else " "
        before_before = self.text[start - 2] if start > 1 else " "
        after = self.text[end] if end < len(self.text) else " "
        after_after = self.text[end + 1] if end + 1 < len(self.text) else " "
        if before in _GLUE_BEFORE and not (before in "@." and not before_before.isalnum()):
            return False
        return after not in _GLUE_AFTER and not (after in ".!" and after_after.isalnum())

    def shape(self, index: int) -> str:
        """The word's case: capitalised, lower or other (all-caps, camel case)."""
        return _shape(self.words[index])

    def stop(self, index: int) -> bool:
        key = self.keys[index]
        return key in _STOP_WORDS or any(part in _STOP_WORDS for part in key.split("-"))

    def first(self, index: int) -> bool:
        """A first name of the lists or the directory."""
        return self.listed_first(index) or self.directory_first(index)

    def listed_first(self, index: int) -> bool:
        key = _without_particle(self.keys[index])
        if key in self._names.first_names:
            return True
        if self.language == "de" and _genitive_of(key, self._names.first_names):
            return True  # "Annas Laptop"
        parts = key.split("-")
        return len(parts) > 1 and all(part in self._names.first_names for part in parts)

    def directory_first(self, index: int) -> bool:
        return self._directory is not None and self._directory.is_first_name(self.keys[index])

    def last(self, index: int) -> bool:
        key = _without_particle(self.keys[index])
        if key in self._names.last_names:
            return True
        if self._directory is not None and self._directory.is_last_name(key):
            return True
        parts = [part for part in key.split("-") if part]
        if len(parts) < 2:
            return False
        listed = [self._names.is_name(part) for part in parts]
        return any(listed) and all(
            is_listed or (len(part) >= 3 and not self.ordinary(part))
            for part, is_listed in zip(parts, listed, strict=True)
        )

    def common_last(self, index: int) -> bool:
        """A surname frequent among German and English speakers ("Koch", "Lange", "Baker")."""
        key = _without_particle(self.keys[index])
        if self._directory is not None and self._directory.is_last_name(key):
            return True
        return key in self._names.common_last_names

    def word_name(self, index: int) -> bool:
        return is_word_name(self.words[index])

    def ordinary(self, word: str) -> bool:
        """True when `word` is a word of the message's language or English, or a compound."""
        lower = word.casefold()
        known = self._ordinary.get(lower)
        if known is None:
            known = (
                lower in _WORDS_MISSING_FROM_LEXICONS
                or lower.endswith(_NOUN_SUFFIXES)
                or self._in_lexicons(lower)
                or self._compound(lower)
            )
            self._ordinary[lower] = known
        return known

    def unknown(self, index: int) -> bool:
        """A word that no list knows and no lexicon has: "Oyelaran", "Tobi"."""
        word = self.words[index]
        if len(word) < 3 or self.stop(index) or self._names.is_name(word):
            return False
        if _surname_shaped(word):
            return True  # "Lindemann", "Hohenstein", "Kowalczyk", even if the lexicon has it
        return not all(self.ordinary(part) for part in word.split("-")) and not self.ordinary(word)

    def initial(self, index: int) -> bool:
        """A capital letter with a full stop right after it ("M." in "M. Weber")."""
        word = self.words[index] if index < self.count else ""
        return (
            len(word) == 1
            and word.isalpha()
            and word.isupper()
            and index + 1 < self.count
            and self.words[index + 1] == "."
            and self.spans[index + 1][0] == self.spans[index][1]
        )

    def title(self, index: int) -> bool:
        if not self.is_word(index) or self.keys[index] not in _TITLES:
            return False
        return self.keys[index] not in _TITLES_CAPITALISED or self.words[index][0].isupper()

    def _in_lexicons(self, lower: str) -> bool:
        return lower in FUNCTION_WORDS or any(lexicon.is_word(lower) for lexicon in self._lexicons)

    def _compound(self, lower: str) -> bool:
        if len(lower) < _MIN_COMPOUND_LENGTH or not lower.isalpha():
            return False
        if lower.endswith(_SHORT_COMPOUND_TAILS) and self._in_lexicons(lower[:-3]):
            return True  # "Feiertag"
        for cut in range(3, len(lower) - 3):
            head, tail = lower[:cut], lower[cut:]
            head_is_word = (
                self._in_lexicons(head)
                or (head[-1] in "sn" and self._in_lexicons(head[:-1]))
                or (head[-2:] in ("en", "es", "er") and self._in_lexicons(head[:-2]))
            )
            long_parts = len(head) >= 4 and len(tail) >= 5
            if self._in_lexicons(tail) and (head_is_word or long_parts):
                return True  # "Bildschirm", "Verteilerliste"
            if len(head) >= 6 and len(tail) >= 5 and self._in_lexicons(head):
                return True  # "Druckertreiber"
        return False

    # -- names ---------------------------------------------------------------------------

    def starts_name(self, index: int, level: _Level, lowercase: str) -> bool:
        """True when a name may start at `index` after a cue of `level`."""
        if not self.clean(index):
            return False
        shape = self.shape(index)
        if shape == "capitalised":
            if self.stop(index) or self.keys[index] in NOT_NAMES:
                return level is _Level.TITLE and self.last(index) and not self.is_cue_word(index)
            if level is _Level.TITLE:
                return True
            if level is _Level.STRONG:
                return self.first(index) or self.last(index) or self.unknown(index)
            listed = self.first(index) or self.last(index)
            return (listed and not self.word_name(index)) or self.unknown(index)
        if shape != "lower" or lowercase == "none" or self.stop(index):
            return False
        if lowercase == "first":
            return self.first(index) and not self.word_name(index)
        listed = (self.first(index) or self.last(index)) and not self.word_name(index)
        return listed or (lowercase == "any" and self.unknown(index))

    def is_cue_word(self, index: int) -> bool:
        return self.keys[index] in _CUE_WORDS

    def continues(self, index: int, previous: int, lowercase: bool) -> bool:
        """True when the word at `index` continues the name that ends with `previous`."""
        if not self.clean(index) or self.keys[index] == self.keys[previous]:
            return False
        if self.keys[index] in NOT_NAMES or self.is_cue_word(index):
            return False
        shape = self.shape(index)
        if shape == "capitalised":
            if self.stop(index) or (self.word_name(index) and self.language == "de"):
                # German capitalises nouns: "Hat Jonas Post bekommen?", but "Frank Koch"
                return self.common_last(index)
            return self.first(index) or self.last(index) or self.unknown(index)
        return (
            lowercase
            and shape == "lower"
            and not self.stop(index)
            and (self.first(index) or self.last(index))
        )

    def extend(self, index: int, lowercase: bool) -> int:
        """The end (exclusive) of the name whose first word is at `index`."""
        end = index + 1
        words = 1
        while end < self.count and words < _MAX_NAME_WORDS:
            after_particles = self._after_particles(end)
            if after_particles > end and self._surname_after_particles(after_particles):
                end = after_particles + 1
            elif self.initial(end) and self.continues(end + 2, end - 1, lowercase):
                end += 3
            elif self.continues(end, end - 1, lowercase):
                end += 1
            else:
                break
            words += 1
        # "Schmidt, Anna": a surname, a comma and a first name that ends the phrase
        if (
            end == index + 1
            and not self.first(index)
            and end + 1 < self.count
            and self.words[end] == ","
            and self.shape(end + 1) == "capitalised"
            and self.clean(end + 1)
            and self.first(end + 1)
            and not self.word_name(end + 1)
            and not self.is_word(end + 2)
        ):
            end += 2
        return end

    def _surname_after_particles(self, index: int) -> bool:
        """Any capitalised word after "van der", "de la", "von" …: "Saar van Mil"."""
        return (
            self.clean(index)
            and self.shape(index) == "capitalised"
            and self.keys[index] not in NOT_NAMES
            and not self.is_cue_word(index)
            and (not self.stop(index) or self.last(index))
            and (self.last(index) or self.first(index) or not self.ordinary(self.words[index]))
        )

    def _after_particles(self, index: int) -> int:
        end = index
        while end < self.count and end - index < 3 and self.keys[end] in PARTICLES:
            end += 1
        return end

    def after_initials(self, index: int) -> int:
        end = index
        while end - index < 2 * _MAX_INITIALS and self.initial(end):
            end += 2
        return end

    def ends_phrase(self, index: int, cue: Cue) -> bool:
        """True when nothing but punctuation, a line break or the end follows."""
        if not self.is_word(index):
            return True
        return cue is Cue.THANKS and self.keys[index] in FUNCTION_WORDS

    def near_number(self, index: int) -> bool:
        """Dates: "15. Jan", "Jan 2024" (a first name that is a month here)."""
        before = index - 1
        if before >= 0 and self.words[before] == ".":
            before -= 1
        return (before >= 0 and self.words[before].isdigit()) or (
            index + 1 < self.count and self.words[index + 1].isdigit()
        )

    def _starts_sentence(self, index: int) -> bool:
        """After a line break or punctuation ("VG" ending a message); "--" after a break only."""
        if index == 0 or self.words[index - 1] == "\n":
            return True
        return self.is_word(index) and not self.is_word(index - 1)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.spans[start][0], self.spans[end - 1][1]

    # -- candidates ----------------------------------------------------------------------

    def candidates(
        self, cues: Mapping[tuple[str, ...], Cue], max_cue_length: int
    ) -> list[Candidate]:
        found: list[Candidate] = []
        for index in range(self.count):
            if not self.is_word(index) and self.words[index] not in "-—–@":
                continue
            found.extend(self._directory_names(index))
            found.extend(self._listed_names(index))
            if self.title(index):
                found.extend(self._after_cue(self._after_titles(index), Cue.TITLE))
            cue, end = self._cue_at(index, cues, max_cue_length)
            if cue is Cue.PREPOSITION:
                found.extend(self._after_preposition(end))
            elif cue is not None:
                found.extend(self._after_cue(end, cue))
        found.extend(self._signature_line())
        return found

    def _cue_at(
        self, index: int, cues: Mapping[tuple[str, ...], Cue], max_cue_length: int
    ) -> tuple[Cue | None, int]:
        if self.words[index] == "@":
            start, end = self.spans[index]
            glued_after = index + 1 < self.count and self.spans[index + 1][0] == end
            if glued_after and (start == 0 or not self.text[start - 1].isalnum()):
                return Cue.MENTION, index + 1
            return None, index
        for length in range(min(max_cue_length, self.count - index), 0, -1):
            cue = cues.get(tuple(self.keys[index : index + length]))
            if cue is None:
                continue
            if cue is Cue.SHORT_SIGN_OFF and not self._starts_sentence(index):
                return None, index
            return cue, index + length
        return None, index

    def _after_titles(self, index: int) -> int:
        end = index
        while end - index < _MAX_TITLE_TOKENS and (
            self.title(end) or (index < end < self.count and self.keys[end] in _TITLE_QUALIFIERS)
        ):
            end += 1
            if end < self.count and self.words[end] == ".":
                end += 1
        return end

    def _after_cue(self, index: int, cue: Cue) -> list[Candidate]:
        level, lowercase, must_end = _CUE_RULES[cue]
        if cue in _SIGN_OFFS:
            line_breaks = 0
            while index < self.count and (
                self.words[index] in _CUE_PUNCTUATION or self.words[index] == "\n"
            ):
                line_breaks += self.words[index] == "\n"
                if line_breaks > 2:
                    return []
                index += 1
        elif index < self.count and self.words[index] in (",", ":"):
            index += 1
        if cue is not Cue.TITLE and self.title(index):
            return []  # the title makes its own candidate
        if cue is Cue.TITLE:
            particles_end = self._after_particles(index)
            if particles_end > index and self.starts_name(particles_end, level, lowercase):
                end = self.extend(particles_end, lowercase=True)
                return [(*self.char_span(index, end), self._boost(index, end, SCORES[cue]))]
        start = index
        end = self.after_initials(start)
        if not self.starts_name(end, level, lowercase):
            return []
        end = self.extend(end, lowercase=self.shape(end) == "lower")
        if must_end and not self.ends_phrase(end, cue):
            return []
        return [(*self.char_span(start, end), self._boost(start, end, SCORES[cue]))]

    def _boost(self, start: int, end: int, score: float) -> float:
        """Directory people score higher whatever the cue."""
        if self._directory is None:
            return score
        keys = [_without_particle(key) for key in self.keys[start:end]]
        if any(self._directory.is_last_name(key) for key in keys):
            return max(score, SCORE_DIRECTORY)
        return score

    def _after_preposition(self, index: int) -> list[Candidate]:
        """After "an", "cc", "ask" …: a listed surname ("an Nowak") or first name ("cc jonas")."""
        if index >= self.count or not self.clean(index) or self.stop(index):
            return []
        if self.word_name(index) or len(self.words[index]) < 3:
            return []
        shape = self.shape(index)
        if shape == "lower" and self.listed_first(index):
            end = self.extend(index, lowercase=True)
            return [(*self.char_span(index, end), SCORE_SURNAME_AFTER_PREPOSITION)]
        if shape == "capitalised" and self.last(index) and not self.first(index):
            end = self.extend(index, lowercase=False)
            return [(*self.char_span(index, end), SCORE_SURNAME_AFTER_PREPOSITION)]
        return []

    def _directory_names(self, index: int) -> list[Candidate]:
        if self._directory is None or not self.is_word(index):
            return []
        length = self._directory.match(self.keys, index)
        if length == 0:
            return []
        end = index + length
        words = [i for i in range(index, end) if self.is_word(i)]
        if not all(self.clean(i) for i in words):
            return []
        if all(self.shape(i) == "lower" and self.word_name(i) for i in words):
            return []
        return [(*self.char_span(index, end), SCORE_DIRECTORY)]

    def _listed_names(self, index: int) -> list[Candidate]:
        """Names that the lists alone vouch for, without a cue."""
        if self.initial(index) and (index == 0 or not self.initial(index - 2)):
            start = self.after_initials(index)
            if (
                self.clean(start)
                and self.shape(start) == "capitalised"
                and not self.stop(start)
                and (self.last(start) or self.unknown(start))
            ):
                end = self.extend(start, lowercase=False)
                score = SCORE_INITIALS if self.last(start) else SCORE_SURNAME_AFTER_PREPOSITION
                return [(*self.char_span(index, end), score)]
            return []
        if self.clean(index) and self.shape(index) == "lower":
            return self._lowercase_full_name(index)
        if not self.clean(index) or self.shape(index) != "capitalised" or self.stop(index):
            return []
        if self.keys[index] in NOT_NAMES:
            return []
        if self.first(index):
            return self._from_first_name(index)
        if (
            self.last(index)
            and not self.word_name(index)
            and index + 1 < self.count
            and self.clean(index + 1)
            and self.shape(index + 1) == "capitalised"
            and self.first(index + 1)
            and not self.word_name(index + 1)
            and not self.stop(index + 1)
        ):
            end = self.extend(index, lowercase=False)
            return [(*self.char_span(index, end), SCORE_SURNAME_FIRST)]
        if self.last(index) and not self.word_name(index):
            end = self.extend(index, lowercase=False)
            if end == index + 3 and self.words[index + 1] == ",":  # "Schmidt, Anna"
                return [(*self.char_span(index, end), SCORE_SURNAME_FIRST)]
        following = index + 1
        if (
            self.unknown(index)
            and following < self.count
            and self.clean(following)
            and self.shape(following) == "capitalised"
            and not self.stop(following)
            and (
                (self.last(following) and not self.word_name(following)) or self.unknown(following)
            )
            and (index == 0 or not self.unknown(index - 1))
        ):
            end = self.extend(index, lowercase=False)
            if end == following + 1:  # "Zsolt Juhász", not a series of product names
                score = SCORE_UNKNOWN_AND_SURNAME if self.last(following) else SCORE_TWO_UNKNOWN
                return [(*self.char_span(index, end), score)]
        return []

    def _lowercase_full_name(self, index: int) -> list[Candidate]:
        """A listed first name and surname in lower case, neither a word name: "anna schmidt"."""
        following = index + 1
        if not (
            self.first(index)
            and following < self.count
            and self.clean(following)
            and self.shape(following) == "lower"
            and self.last(following)
        ):
            return []
        if any(
            self.stop(i) or self.word_name(i) or len(self.words[i]) < 3 for i in (index, following)
        ):
            return []
        return [(*self.char_span(index, following + 1), SCORE_LOWERCASE_FULL_NAME)]

    def _from_first_name(self, index: int) -> list[Candidate]:
        end = self.extend(index, lowercase=False)
        word_name = self.word_name(index)
        if end > index + 1:
            if not word_name:
                return [(*self.char_span(index, end), SCORE_FULL_NAME)]
            rest = range(index + 1, end)
            if any(self.last(i) or (self.first(i) and not self.word_name(i)) for i in rest):
                return [(*self.char_span(index, end), SCORE_WORD_FIRST_NAME_AND_SURNAME)]
            return []
        if word_name or len(self.words[index]) < 3 or self.near_number(index):
            return []
        in_directory = self.directory_first(index)
        if self.listed_first(index):
            score = SCORE_DIRECTORY_FIRST_NAME if in_directory else SCORE_FIRST_NAME
            return [(*self.char_span(index, end), score)]
        if in_directory and not self.ordinary(self.words[index]):
            return [(*self.char_span(index, end), SCORE_DIRECTORY_FIRST_NAME)]
        return []

    def _signature_line(self) -> list[Candidate]:
        """The last line of a message of several lines, when it holds a name only."""
        end = self.count
        while end > 0 and not self.is_word(end - 1):
            end -= 1
        start = end
        while start > 0 and self.words[start - 1] != "\n":
            start -= 1
        before = start - 1
        while before >= 0 and self.words[before] == "\n":
            before -= 1
        if start == 0 or before < 0 or self.words[before] in (":", ","):
            return []  # one line only, or a list of values ("Fehler in:\nNtdll")
        name_start = self.after_initials(start)
        if not self.starts_name(name_start, _Level.STRONG, "none"):
            return []
        name_end = self.extend(name_start, lowercase=False)
        if any(self.is_word(i) for i in range(name_end, end)):
            return []
        listed = any(self.first(i) or self.last(i) for i in range(name_start, name_end))
        paragraph = start - before > 2 or self.words[before] in (".", "!", "?")
        if not listed and not paragraph:
            return []
        return [(*self.char_span(start, name_end), SCORE_SIGNATURE_LINE)]

    def model_candidate(self, start: int, end: int) -> list[Candidate]:
        """A model's PERSON span, if its words could be a name."""
        indices = [i for i, (s, e) in enumerate(self.spans) if s >= start and e <= end]
        words = [i for i in indices if self.is_word(i)]
        if not words or not all(
            self.clean(i)
            and self.shape(i) == "capitalised"
            and not self.stop(i)
            and self.keys[i] not in NOT_NAMES
            for i in words
        ):
            return []
        return [(start, end, SCORE_MODEL)]


_CUE_WORDS = (
    frozenset(
        name_key(word)
        for cue, phrases in _CUE_PHRASES.items()
        if cue is not Cue.PREPOSITION
        for word in phrases.replace("|", " ").split()
    )
    | frozenset(_ADDRESSEES)
    | _TITLES
)


def _surname_shaped(word: str) -> bool:
    lower = word.casefold()
    return any(
        lower.endswith(suffix) and len(lower) >= len(suffix) + 3 for suffix in _SURNAME_SUFFIXES
    )


def _genitive_of(key: str, first_names: frozenset[str]) -> bool:
    """The genitive of a first name: "annas" of "Anna" (not "chaos" of "Chao")."""
    stem = key[:-1]
    return (
        key.endswith("s")
        and len(stem) >= 3
        and stem in first_names
        and not is_word_name(stem)
        and not english_base_words().is_word(key)
    )


def _without_particle(key: str) -> str:
    """The key without a name particle: "al-hassan" -> "hassan", "d'angelo" -> "angelo"."""
    for prefix in _NAME_PARTICLE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :]
    return key


def _shape(word: str) -> str:
    if word.islower():
        return "lower"
    body = word
    for prefix in _NAME_PARTICLE_PREFIXES:
        if body.startswith(prefix) and len(body) > len(prefix) + 1:
            body = body[len(prefix) :]
            break
    if len(body) > 1 and body.isupper():
        return "other"
    for part in body.replace("’", "'").replace("'", "-").split("-"):
        if not part or not part[0].isupper():
            return "other"
        rest = part[1:]
        if rest and not rest.islower() and not _camel_case_name(part):
            return "other"
    return "capitalised"


def _camel_case_name(part: str) -> bool:
    """A name prefix and a capitalised rest: "McDonald", "DiCaprio", "LeBlanc"."""
    for prefix in _CAMEL_CASE_PREFIXES:
        rest = part[len(prefix) :]
        if part.startswith(prefix) and len(rest) > 1 and rest[0].isupper() and rest[1:].islower():
            return True
    return False
