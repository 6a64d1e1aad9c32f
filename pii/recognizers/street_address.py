"""Street addresses: street and house number, with postcode and city when they follow.

German: a street name with a street suffix and a house number ("Hauptstraße 12a",
"Hauptstr. 12", "Karl-Marx-Allee 90", "Alte Landstraße 114-116", "Berliner Straße 5"), a name
after a prefix ("Am Markt 3", "An der Kirche 2", "Unter den Linden 77", "Im Gewerbepark 7"), and
postcode and city ("Musterweg 3, 70173 Stuttgart"). English: number, name and street type
("221B Baker Street", "12 High St", "1600 Pennsylvania Ave NW", "Flat 3, 14 Kings Road"), with
city and UK or US postcode when they follow ("London NW1 6XE", "Springfield, IL 62704").

Scores: a street with postcode and city, or with an address word near it, 0.85; the
unambiguous suffixes (-straße, -str., -allee, -gasse, -chaussee; Street, Road, Avenue, Lane,
Boulevard, …) alone 0.6. The others name things in an office too ("Arbeitsplatz 3",
"Update-Ring 2", "Bahnsteig 4", "Im Büro 3 Monitore", "2 Network Drive"), so a street with
-weg, -platz, -ring, -damm, -ufer, -steig, -pfad, -berg, -hof, -markt, -graben, a prefixed
name, or Drive, Way, Place, Court, … counts only with postcode and city or an address word,
and so does postcode and city alone ("wohne in 70173 Stuttgart"). Address words: Adresse,
Anschrift, Lieferadresse, wohne, Wohnort, PLZ, schicken/senden/liefern; address, ship,
deliver, live at, postcode, zip — but not "IP-Adresse", "E-Mail-Adresse", "IP address".
This recognizer checks them itself (Presidio's substring match would take "IP-Adresse" for
"Adresse"); they count within 80 characters before or 40 after.

Rooms, floors and buildings ("Raum 3.14", "2. Stock", "Gebäude B"), products ("Windows 11",
"Office 365"), ports, tickets and amounts have no street word and are never reported; a number
followed by a unit ("3 km", "500 GB", "3 Monitore") is no house number.

Known misses: streets without a suffix or prefix ("Neuer Wall 10"), lower-case input
("hauptstraße 12"), "Straße des 17. Juni", and an English city without a postcode.

Fictitious examples: ``Hauptstraße 12a``, ``Musterweg 3, 70173 Stuttgart``,
``221B Baker Street, London NW1 6XE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from pii.entities import STREET_ADDRESS

SUPPORTED_SCORE = 0.85  # with postcode and city, or an address word near
STRONG_SCORE = 0.6  # an unambiguous street suffix alone

_UPPER = "A-ZÄÖÜ"
_LOWER = "a-zäöüß"
_NAME = rf"[{_UPPER}][{_LOWER}]{{1,30}}"
_STRONG_SUFFIX = r"(?:straße|strasse|str\.?|allee|gasse|chaussee)"
_SUFFIX = rf"(?:{_STRONG_SUFFIX}|weg|platz|ring|damm|ufer|steig|pfad|berg|hof|markt|graben)"
_STREET_WORD = r"(?:Straße|Strasse|Str\.|Allee|Gasse|Chaussee|Weg|Platz|Ring|Damm|Ufer|Steig|Pfad|Markt|Graben)"
_ADJECTIVE = (
    r"(?:Alt|Neu|Lang|Hoh|Groß|Gross|Klein|Ober|Unter|Breit|Kurz|Schmal|Krumm|Still|Hinter"
    r"|Vorder|Mittler|Inner|Äußer|Nieder|Weiß|Weiss|Rot|Grün|Schwarz|Golden|Heilig|Tief|Schön)"
    r"(?:e|er|es|en|em)"
)
# Capitalised words ending in -er that are no place adjectives ("Leider Straße" is none).
_NOT_PLACE_ADJECTIVES = (
    r"(?:Aber|Oder|Über|Unser|Euer|Ihrer|Meiner|Deiner|Seiner|Jeder|Dieser|Jener|Wieder|Immer"
    r"|Leider|Weiter|Später|Vorher|Nachher|Daher|Bisher|Lieber|Sicher|Keiner|Einer|Solcher"
    r"|Welcher|Anderer)"
)
_GERMAN_STREET = (
    rf"(?:{_ADJECTIVE}\s)?(?:(?:{_NAME}-){{1,3}}{_STREET_WORD}"  # Karl-Marx-Allee
    rf"|(?:{_NAME}-){{0,3}}[{_UPPER}][{_LOWER}]{{1,30}}?{_SUFFIX})"  # (Alte) Landstraße
    rf"|(?:{_ADJECTIVE}|(?!{_NOT_PLACE_ADJECTIVES}\s)[{_UPPER}][{_LOWER}]{{2,30}}er)\s{_STREET_WORD}"
)
_PREFIX = (
    r"(?:[Aa]m|[Ii]m|[Zz]um|[Zz]ur|[Bb]eim|(?:[Aa]n|[Aa]uf|[Ii]n|[Uu]nter|[Hh]inter|[Vv]or"
    r"|[Nn]eben|[Üü]ber)\s(?:der|den|dem))"
)
_UNIT = (
    r"(?i:km|m|min|minuten|sek|s|h|std|stunden|tage?n?|wochen?|monate?n?|jahren?|mal|x|gb|mb|tb"
    r"|kb|%|€|eur|euro|uhr|monitore?|pcs?|stück|stk|personen|leute|mitarbeiter(?:innen)?|user"
    r"|benutzer|geräte|laptops?|rechner|drucker|tickets?|fehler|minutes?|hours?|days?|weeks?"
    r"|months?|years?|times|people|users|devices)"
)
_HOUSE_NUMBER = (
    rf"(?:Nr\.?\s{{0,2}})?\d{{1,4}}(?!\d|[.,:]\d|\s?{_UNIT}(?!\w))(?:\s?[a-zA-Z](?!\w))?"
    r"(?:\s?[-–/]\s?\d{1,4}(?:\s?[a-zA-Z](?!\w))?)?(?!\d|[.,:]\d)"
)
_CITY = (
    rf"(?:(?:Bad|St\.|Sankt)\s)?{_NAME}(?:-{_NAME}){{0,2}}"
    rf"(?:\s(?:am|an\sder|ob\sder)\s{_NAME})?(?:\s\({_NAME}\))?(?![\w-])"
)
_GERMAN_POSTCODE_CITY = (
    rf"(?:(?:D|A|CH)-)?(?!00)(?:\d{{5}}|(?<=-)\d{{4}})\s{{1,3}}(?P<city>{_CITY})"
)
_GERMAN_TAIL = re.compile(rf",?\s{{1,3}}(?:in\s{{1,3}})?(?:(?:D|A|CH)-)?\d{{4,5}}\s{{1,3}}{_CITY}")

_STRONG_TYPE = r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Crescent|Terrace|Mews)"
_WEAK_TYPE = (
    r"(?:Drive|Dr|Court|Ct|Place|Pl|Way|Close|Square|Sq|Gardens|Grove|Hill|Parade|Row|Walk"
    r"|Circle|Cir|Park|Highway|Hwy|Parkway|Pkwy)"
)
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}"
_ENGLISH_CITY = r"[A-Z][a-z]{1,25}(?:\s[A-Z][a-z]{1,25}){0,2}"
_US_STATE_AND_ZIP = r"[A-Z]{2}\s{1,2}\d{5}(?:-\d{4})?"
_ENGLISH_TAIL = re.compile(
    rf",?\s{{1,3}}(?:{_ENGLISH_CITY},?\s{{1,3}})?(?:{_UK_POSTCODE}|{_US_STATE_AND_ZIP})(?![\w-])"
)
_FLAT = re.compile(r"(?:Flat|Apartment|Apt\.?|Unit|Suite|Ste\.)\s{1,2}\d{1,4}[A-Za-z]?,?\s{1,2}$")

_ADDRESS_WORDS = re.compile(
    r"(?i)(?<!ip\s)(?<!ipv4\s)(?<!ipv6\s)(?<!mail\s)(?<!mac\s)(?<!web\s)(?<!dns\s)(?<!server\s)"
    r"(?<!proxy\s)(?<!gateway\s)(?<![\w-])(?:"
    r"(?:liefer|post|privat|wohn|rechnungs|versand|heim|firmen|haus|kunden|neue|alte)?(?:adresse|anschrift)n?"
    r"|wohn(?:e|st|t|en|haft|ort|sitz|ung)|zu\s?hause|daheim|plz|postleitzahl|hausnummer"
    r"|stra(?:ß|ss)e\s?:|street\s?:"
    r"|(?:schick|send|liefer|versend|zustell|adressier)\w{0,6}"
    r"|address(?:es)?|ship(?:ping|ped)?|deliver\w{0,4}|post\s?code|zip\s?code|zip:"
    r"|live[sd]?\s(?:at|in|on)|living\s(?:at|in|on)|resid\w{0,5}"
    r")(?!\w)"
)
_CONTEXT_BEFORE = 80
_CONTEXT_AFTER = 40

# Compounds with a street suffix that name no street.
_NOT_STREETS = frozenset(
    "arbeitsplatz parkplatz speicherplatz steckplatz stellplatz sitzplatz spielplatz sportplatz "
    "bahnhof hauptbahnhof busbahnhof friedhof innenhof hinterhof bauhof betriebshof gasthof "
    "bauernhof schlachthof lösungsweg rückweg umweg dienstweg arbeitsweg heimweg fluchtweg "
    "rettungsweg ausweg zugriffsweg bahnsteig dateipfad installationspfad speicherpfad "
    "netzwerkpfad suchpfad fertigungsstraße waschstraße produktionsstraße montagestraße "
    "nürnberg heidelberg bamberg freiberg wittenberg königsberg schlüsselring update-ring "
    "insider-ring release-ring deployment-ring pilot-ring test-ring rollout-ring".split()
)
# Nouns after "Am", "Im", "Zur" … that are places in an office or times, not streets.
_NOT_STREET_NAMES = frozenset(
    "büro raum stock etage geschoss og eg ug dg keller gebäude haus trakt flur gang bereich "
    "standort werk halle lager rechenzentrum serverraum besprechungsraum konferenzraum "
    "schulungsraum zimmer jahr monat woche moment augenblick prinzip grunde schnitt "
    "durchschnitt rahmen zuge laufe fall falle glück zeit team ticket netz netzwerk homeoffice "
    "office windows teams outlook menü fenster browser system portal kalender test anhang "
    "anschluss ordner verzeichnis bild screenshot schritt punkt kapitel abschnitt absatz kurs "
    "training schulung vertrag auftrag level stufe modus quartal vorjahr info montag dienstag "
    "mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli "
    "august september oktober november dezember empfang eingang ausgang tor pforte rezeption "
    "poststelle warenannahme wareneingang support helpdesk service".split()
)
# Capitalised words after a five-digit number that are counted things, not towns.
_NOT_CITIES = frozenset(
    "euro eur dollar franken dateien benutzer mitarbeiter datensätze einträge zeilen mails "
    "e-mails tickets seiten stück geräte lizenzen punkte bytes zeichen kunden nutzer "
    "nachrichten fehler".split()
)


@dataclass(frozen=True)
class AddressShape:
    """One way of writing an address, and whether it counts without support."""

    name: str
    regex: re.Pattern[str]
    tail: re.Pattern[str] | None  # postcode and city that may follow


class StreetAddressRecognizer(EntityRecognizer):
    """Finds German and English street addresses (postcode and city included)."""

    PATTERNS: ClassVar[tuple[AddressShape, ...]] = (
        AddressShape(
            "german_street",
            re.compile(
                rf"(?<![\w-])(?P<street>{_GERMAN_STREET})(?:(?<=\.)\s{{0,3}}|\s{{1,3}}){_HOUSE_NUMBER}"
            ),
            _GERMAN_TAIL,
        ),
        AddressShape(
            "german_prefixed",
            re.compile(
                rf"(?<![\w-])(?P<prefix>{_PREFIX})\s(?:{_ADJECTIVE}\s)?"
                rf"(?P<street>{_NAME}(?:-{_NAME}){{0,2}})\s{{1,3}}{_HOUSE_NUMBER}"
            ),
            _GERMAN_TAIL,
        ),
        AddressShape(
            "english_street",
            re.compile(
                r"(?<![\w.,/:#-])\d{1,5}[A-Za-z]?\s{1,2}"
                r"(?:(?:[A-Z][a-z]{1,20}|[A-Z]\.?|\d{1,3}(?:st|nd|rd|th))\s{1,2}){1,3}"
                rf"(?:(?P<strong>{_STRONG_TYPE})|{_WEAK_TYPE})\b\.?(?:\s(?:NW|NE|SW|SE|N|S|E|W)\b)?"
            ),
            _ENGLISH_TAIL,
        ),
        AddressShape("postcode_city", re.compile(rf"(?<![\w.,:/#-]){_GERMAN_POSTCODE_CITY}"), None),
        AddressShape(
            "uk_postcode",
            re.compile(rf"(?<![\w-])(?:{_ENGLISH_CITY},?\s{{1,2}})?{_UK_POSTCODE}(?![\w-])"),
            None,
        ),
    )
    # Address words (checked by `has_address_word`, not by Presidio's lemma window).
    CONTEXT: ClassVar[re.Pattern[str]] = _ADDRESS_WORDS

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entities=[STREET_ADDRESS],
            name=f"StreetAddressRecognizer_{supported_language}",
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and STREET_ADDRESS not in entities:
            return []
        candidates: list[tuple[int, int, float]] = []
        for shape in self.PATTERNS:
            for match in shape.regex.finditer(text):
                candidate = _candidate(shape, match, text)
                if candidate is not None:
                    candidates.append(candidate)
        return [
            RecognizerResult(entity_type=STREET_ADDRESS, start=start, end=end, score=score)
            for start, end, score in _merge(candidates)
        ]


def has_address_word(text: str, start: int, end: int) -> bool:
    """True when an address word stands shortly before or after text[start:end]."""
    before = _ADDRESS_WORDS.search(text, max(0, start - _CONTEXT_BEFORE), start)
    return before is not None or _ADDRESS_WORDS.search(text, end, end + _CONTEXT_AFTER) is not None


def _candidate(
    shape: AddressShape, match: re.Match[str], text: str
) -> tuple[int, int, float] | None:
    start, end = match.span()
    strong = False
    if shape.name == "postcode_city" and match.group("city").casefold() in _NOT_CITIES:
        return None
    if shape.name in ("german_street", "german_prefixed"):
        street = match.group("street").casefold()
        if street in _NOT_STREETS or street in _NOT_STREET_NAMES:
            return None
        if shape.name == "german_street":
            strong = re.search(rf"{_STRONG_SUFFIX}$", street) is not None
        elif match.group("prefix").islower():
            start = match.start("street")  # "wohne am Markt 3": the preposition stays
    elif shape.name == "english_street":
        strong = match.group("strong") is not None
        flat = _FLAT.search(text, max(0, start - 30), start)
        start = flat.start() if flat else start
    tail = shape.tail.match(text, end) if shape.tail is not None else None
    if tail is not None:
        return start, tail.end(), SUPPORTED_SCORE
    if has_address_word(text, start, end):
        return start, end, SUPPORTED_SCORE
    return (start, end, STRONG_SCORE) if strong else None


def _merge(candidates: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Overlapping candidates as one span with the higher score."""
    merged: list[tuple[int, int, float]] = []
    for start, end, score in sorted(candidates):
        if merged and start < merged[-1][1]:
            last_start, last_end, last_score = merged[-1]
            merged[-1] = (last_start, max(end, last_end), max(score, last_score))
        else:
            merged.append((start, end, score))
    return merged
