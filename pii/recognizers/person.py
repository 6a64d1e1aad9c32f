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
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from nlu.language import Language
from pii.directory import TOKEN, Directory
from pii.entities import PERSON
from pii.lexicon import Lexicon
from pii.names import NameLists, english_base_words, english_lexicon, name_key, name_lists
from pii.nlp_engine import OfflineNlpEngine
from pii.recognizers.person_candidates import MODEL_BOOST, Candidate, Message
from pii.recognizers.person_cues import CUE_PHRASES, Cue


def _phrases(table: Mapping[Cue, str]) -> dict[tuple[str, ...], Cue]:
    phrases: dict[tuple[str, ...], Cue] = {}
    for cue, alternatives in table.items():
        for phrase in alternatives.split("|"):
            keys = tuple(name_key(match.group()) for match in TOKEN.finditer(phrase))
            phrases.setdefault(keys, cue)
    return phrases


class PersonRecognizer(EntityRecognizer):
    """Finds names of people from cues, name lists and an optional organisation directory."""

    # Presidio's context words are not used: the cues are combined in `analyze`.
    CONTEXT: ClassVar[list[str]] = []
    CUES: ClassVar[dict[tuple[str, ...], Cue]] = _phrases(CUE_PHRASES)
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
        message = Message(
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
    candidates: list[Candidate], model_spans: Sequence[tuple[int, int]], message: Message
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
