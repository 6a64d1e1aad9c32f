"""The words and phrases that the person recognizer reads in and around names.

Cue phrases before a name ("Hallo", "mein Kollege", "VG"), titles, words that address groups,
the stop words that never start a name, and the word endings and prefixes that tell a name from
a word. They are data, kept apart from the code in `person.py`, `person_tokens.py`,
`person_spans.py` and `person_candidates.py` that uses them, so that tuning a list is an edit
here only. Package-private: only the person recognizer's modules import this one.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from pii.names import FUNCTION_WORDS, NOT_NAMES, name_key


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


# Particles glued to a surname ("al-Hassan", "d'Angelo"), dropped before a look-up.
NAME_PARTICLE_PREFIXES = ("al-", "el-", "ad-", "as-", "d'", "l'", "dell'")
# Prefixes of surnames written in camel case ("McDonald", "DiCaprio", "LeBlanc").
CAMEL_CASE_PREFIXES = ("Mc", "Mac", "Di", "De", "Le", "La", "Du", "Van", "Von", "Fitz", "O")

# Title words; those in TITLES_CAPITALISED count only capitalised ("Ms Smith", not "5 ms").
TITLES = frozenset(
    "herr herrn frau hr fr dr prof professor professorin doktor dipl ing mag mr mrs mister "
    "madame monsieur ms miss sir".split()
)
TITLES_CAPITALISED = frozenset("ms miss sir fr".split())
# After a title only: "Dr. med. Müller", "Dr. rer. nat. Berger".
TITLE_QUALIFIERS = frozenset("med dent rer nat phil jur habil vet oec pol ing".split())

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
WORDS_MISSING_FROM_LEXICONS = frozenset(
    "kaffee software hardware firmware malware spam phishing tür wartung mikrofon "
    "headset webcam wlan lan vpn".split()
)
# Endings of surnames of German, Slavic, Greek, Turkish and Romanian origin.
SURNAME_SUFFIXES = (
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
SHORT_COMPOUND_TAILS = ("tag", "amt", "weg", "typ", "zug", "rat", "uhr")
NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "sion", "tät", "ment", "ismus", "nis")

CUE_PHRASES: Mapping[Cue, str] = {
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

# Words that are no name on their own: function words, non-names, addressees, titles, cues.
STOP_WORDS = frozenset(
    name_key(word)
    for word in (
        *FUNCTION_WORDS,
        *NOT_NAMES,
        *_ADDRESSEES,
        *TITLES,
        *(word for phrases in CUE_PHRASES.values() for word in phrases.replace("|", " ").split()),
    )
)

# Words that end a name rather than continue it ("Hallo Anna Danke"): no prepositions here.
CUE_WORDS = (
    frozenset(
        name_key(word)
        for cue, phrases in CUE_PHRASES.items()
        if cue is not Cue.PREPOSITION
        for word in phrases.replace("|", " ").split()
    )
    | frozenset(_ADDRESSEES)
    | TITLES
)
