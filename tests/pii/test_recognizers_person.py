"""Names of people (pii/recognizers/person.py, pii/names.py, pii/directory.py).

German and English cases come in pairs; every name here is fictitious.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Span

from nlu.language import Language
from pii.directory import Directory, Person, read_people
from pii.engine import SCORE_THRESHOLD, Analyzer, build_analyzer
from pii.names import NameLists, is_word_name, name_key, name_lists, name_variants
from pii.recognizers.person import PersonRecognizer

Spans = list[tuple[str, str]]
SpansFound = Callable[..., Spans]


def names_in(spans_found: SpansFound, text: str, language: str) -> list[str]:
    spans = spans_found(text, language, PersonRecognizer)
    assert all(entity_type == "PERSON" for entity_type, _ in spans)
    return [value for _, value in spans]


POSITIVE = [
    # titles
    ("de", "Hallo Herr Yilmaz, mein Drucker geht nicht.", ["Yilmaz"]),
    ("en", "Hello Mr. Yilmaz, my printer is broken.", ["Yilmaz"]),
    ("de", "Frau Dr. Anna Berger hat angerufen", ["Anna Berger"]),
    ("en", "Dr. Anna Berger called", ["Anna Berger"]),
    ("de", "Termin bei Herrn Öztürk um 10 Uhr", ["Öztürk"]),
    ("en", "Mr. O'Connor cannot log in", ["O'Connor"]),
    ("de", "Herr Fischer ruft gleich an", ["Fischer"]),
    ("en", "Mrs Baker will call you", ["Baker"]),
    ("de", "Paket für Frau van der Berg", ["van der Berg"]),
    ("en", "Please call Ms. de Jong", ["de Jong"]),
    # salutations
    ("de", "Hallo Jonas, danke für die Info", ["Jonas"]),
    ("en", "Hi Priya, thanks for the info", ["Priya"]),
    ("de", "Moin Frank, der Server läuft wieder", ["Frank"]),
    ("en", "Hey Will, the server is back", ["Will"]),
    ("de", "Liebe Sabine, hast du kurz Zeit?", ["Sabine"]),
    ("en", "Dear Sarah O'Connor, thanks for waiting.", ["Sarah O'Connor"]),
    ("de", "Sehr geehrte Frau Müller-Lüdenscheidt,", ["Müller-Lüdenscheidt"]),
    ("en", "Good morning Łukasz, the VPN works again", ["Łukasz"]),
    # introductions
    ("de", "hi ich bin jana und mein outlook spinnt", ["jana"]),
    ("en", "hi i'm priya and my outlook is acting up", ["priya"]),
    ("de", "Ich heiße Mehmet und brauche Hilfe", ["Mehmet"]),
    ("en", "I am called Mehmet and need help", ["Mehmet"]),
    ("de", "Mein Name ist Kerstin Vogt.", ["Kerstin Vogt"]),
    ("en", "My name is Priya Raman.", ["Priya Raman"]),
    ("de", "hier ist tobi, VPN geht nicht", ["tobi"]),
    ("en", "this is Wei from accounting, VPN is down", ["Wei"]),
    ("de", "Hier spricht Nguyễn, mein Laptop ist weg", ["Nguyễn"]),
    ("en", "I'm Dvořák from the Prague office", ["Dvořák"]),
    # sign-offs
    ("de", "Drucker druckt nicht.\n\nVG Tobi", ["Tobi"]),
    ("en", "Printer is not printing.\n\nBR Tobi", ["Tobi"]),
    ("de", "Passwort abgelaufen\nLG\nSabine", ["Sabine"]),
    ("en", "Password expired\nCheers,\nOllie", ["Ollie"]),
    ("de", "Bitte um Rückruf.\nViele Grüße\nM. Weber", ["M. Weber"]),
    ("en", "Please call back.\nKind regards\nJ. R. Smith", ["J. R. Smith"]),
    ("de", "Danke!\nGruß, Herr Yilmaz", ["Yilmaz"]),
    ("en", "Thanks!\nRegards, Mr Yilmaz", ["Yilmaz"]),
    ("de", "Danke und MfG Anna Schmidt", ["Anna Schmidt"]),
    ("en", "Could you reset it?\nBest regards,\nJohn Smith", ["John Smith"]),
    ("de", "Danke, Priya", ["Priya"]),
    ("en", "Thanks, Priya", ["Priya"]),
    ("de", "Danke & Gruß Jörg", ["Jörg"]),
    ("en", "thx, priya", ["priya"]),
    ("de", "Laptop kaputt\n-- Kerstin", ["Kerstin"]),
    ("en", "Laptop broken\n-- Kerstin", ["Kerstin"]),
    ("de", "lg tobi", ["tobi"]),
    ("en", "cheers ollie", ["ollie"]),
    # relations
    ("de", "mein Kollege Jonas Peters hat das gleiche Problem", ["Jonas Peters"]),
    ("en", "my colleague Jonas Peters has the same problem", ["Jonas Peters"]),
    ("de", "meine Chefin Frau Berger braucht Zugriff", ["Berger"]),
    ("en", "my manager Sarah O'Connor needs access", ["Sarah O'Connor"]),
    ("de", "Kollegin Wei Zhang meldet das auch", ["Wei Zhang"]),
    ("en", "colleague Wei Zhang reported it", ["Wei Zhang"]),
    ("de", "Kollegin aus der Buchhaltung, Frau Nowak, auch", ["Nowak"]),
    ("en", "my colleague Koch has the same problem", ["Koch"]),
    ("de", "cc an Lars", ["Lars"]),
    ("en", "please ask Priya", ["Priya"]),
    ("de", "Mail von Thomas kam nicht an", ["Thomas"]),
    ("en", "The mail from Thomas never arrived", ["Thomas"]),
    ("de", "Bitte an Nowak weiterleiten", ["Nowak"]),
    ("en", "Please forward to Nowak", ["Nowak"]),
    ("de", "ich hab mit jonas gesprochen", ["jonas"]),
    ("en", "i talked to priya yesterday", ["priya"]),
    # labels and mentions
    ("de", "Name: Anna Schmidt", ["Anna Schmidt"]),
    ("en", "Name: Anna Schmidt", ["Anna Schmidt"]),
    ("de", "Ansprechpartner: Herr Wagner", ["Wagner"]),
    ("en", "contact person Daniel Okafor", ["Daniel Okafor"]),
    ("de", "@Anna Schmidt bitte prüfen", ["Anna Schmidt"]),
    ("en", "@Anna Schmidt please check", ["Anna Schmidt"]),
    # name lists, no cue
    ("de", "Anna Schmidt hat keinen Zugriff", ["Anna Schmidt"]),
    ("en", "Priya Raman can't log in", ["Priya Raman"]),
    ("de", "Priya kann sich nicht anmelden", ["Priya"]),
    ("en", "Mehmet cannot sign in", ["Mehmet"]),
    ("de", "Frank Koch kann nicht drucken", ["Frank Koch"]),
    ("en", "Will Smith cannot print", ["Will Smith"]),
    ("de", "Zhang Wei hat ein Problem", ["Zhang Wei"]),
    ("en", "Schmidt, Anna", ["Schmidt, Anna"]),
    ("de", "Annas Rechner ist kaputt", ["Annas"]),
    ("en", "Paul's laptop is broken", ["Paul"]),
    ("de", "anna schmidt hat keinen zugriff", ["anna schmidt"]),
    ("en", "priya raman cannot log in", ["priya raman"]),
    # multi-part names
    ("de", "Jan van der Berg ist neu", ["Jan van der Berg"]),
    ("en", "Laura de la Cruz is new", ["Laura de la Cruz"]),
    (
        "de",
        "Hans-Peter Müller-Lüdenscheidt braucht einen Account",
        ["Hans-Peter Müller-Lüdenscheidt"],
    ),
    ("en", "Anna-Lena O'Sullivan needs an account", ["Anna-Lena O'Sullivan"]),
    ("de", "Łukasz Dvořák hat den Laptop", ["Łukasz Dvořák"]),
    ("en", "Ahmed al-Hassan has the laptop", ["Ahmed al-Hassan"]),
    ("de", "Oeztuerk Mehmet hat angerufen", ["Oeztuerk Mehmet"]),
    ("en", "Sean McDonald needs a headset", ["Sean McDonald"]),
    # the last line of a message
    ("de", "Grüße aus dem Homeoffice\nOyelaran", ["Oyelaran"]),
    ("en", "Greetings from home\nOyelaran", ["Oyelaran"]),
    ("de", "Der Drucker geht wieder.\n\nQwilmarsen", ["Qwilmarsen"]),
    ("en", "The printer works again.\n\nQwilmarsen", ["Qwilmarsen"]),
    # titles with academic qualifiers
    ("de", "Ich habe Herrn Dr. med. Müller gefragt", ["Müller"]),
    ("en", "Prof. Dr. rer. nat. Anna Berger asked", ["Anna Berger"]),
]

NEGATIVE = [
    # introductions that are not
    ("de", "ich bin neu hier"),
    ("en", "I'm stuck with Teams"),
    ("de", "Ich bin gerade im Homeoffice"),
    ("en", "I am locked out of my account"),
    ("de", "hier ist der Screenshot"),
    ("en", "this is urgent"),
    ("de", "Mein Name ist falsch geschrieben"),
    ("en", "My name is wrong in the directory"),
    # products, brands, the bot
    ("de", "Outlook und Teams stürzen ab, Citrix auch"),
    ("en", "Outlook and Teams crash, Citrix too"),
    ("de", "SAP, OneDrive und SharePoint gehen nicht"),
    ("en", "SAP, OneDrive and SharePoint are down"),
    ("de", "Windows, Edge und Chrome auf meinem Dell Latitude"),
    ("en", "Windows Edge Chrome crash on my Dell Latitude"),
    ("de", "HP LaserJet druckt nicht"),
    ("en", "HP LaserJet is not printing"),
    ("de", "Alexa, Siri und Cortana sind verboten"),
    ("en", "Alexa, Siri and Cortana are not allowed"),
    ("de", "GlobalProtect und AnyConnect verbinden nicht"),
    ("en", "GlobalProtect and AnyConnect won't connect"),
    ("de", "Jabra Headset knistert"),
    ("en", "Hey Siri"),
    ("de", "Hallo Lotse, mein VPN geht nicht"),
    ("en", "Hello Lotse, my VPN is down"),
    ("de", "Danke Lotse!"),
    ("en", "Thanks Teams for crashing again"),
    # German nouns and sentence starts
    ("de", "Drucker, Passwort, Bildschirm"),
    ("en", "Printer, password, screen"),
    ("de", "der Koch hat kein WLAN"),
    ("de", "ein Fischer am See"),
    ("de", "Rose und Sonne"),
    ("de", "Ernst gemeint: das VPN ist zu langsam"),
    ("de", "Solange das VPN hängt, geht nichts"),
    ("de", "Naja, dann eben morgen"),
    ("de", "Prima, danke!"),
    ("de", "Lange Ladezeiten im ERP seit Montag"),
    ("en", "Will you fix it? Mark the ticket."),
    ("en", "Grace period for the licence ends Friday."),
    ("en", "Hope this helps."),
    ("en", "Frank feedback: the new portal is slow."),
    ("en", "Rich text emails are broken."),
    ("en", "Page not found on the intranet."),
    # days, months, dates, amounts
    ("de", "Montag und Mai"),
    ("en", "Monday in May"),
    ("de", "15. Jan ist der Termin"),
    ("en", "Jan 15 is the deadline"),
    ("de", "Max. 5 GB pro Postfach"),
    ("en", "max 5 GB per mailbox"),
    ("de", "Ab August gilt die neue Richtlinie"),
    ("en", "Summer hours start in June"),
    # groups and departments
    ("de", "Hallo zusammen, Hallo Team"),
    ("en", "Hi all, hello team"),
    ("de", "Hallo IT, mein Headset knistert"),
    ("en", "Dear IT team, my headset crackles"),
    ("de", "Hallo Buchhaltung, bitte prüfen"),
    ("en", "Dear Sir or Madam"),
    ("de", "Danke für die schnelle Hilfe!"),
    ("en", "Thanks for the quick help!"),
    ("de", "Viele Grüße aus dem Homeoffice"),
    ("en", "Best regards"),
    ("de", "Mein Kollege hat das gleiche Problem"),
    ("en", "My colleague has the same problem"),
    ("de", "Mitarbeiter Zugang beantragen"),
    ("en", "Name: Outlook"),
    # hosts, addresses, paths, usernames
    ("de", "srv-fs01.corp.local antwortet nicht"),
    ("en", "srv-fs01.corp.local does not answer"),
    ("de", "Mail an Anna.Schmidt@example.com"),
    ("en", "write to Anna.Schmidt@example.com"),
    ("de", "Die Datei liegt unter C:\\Users\\Public\\Documents"),
    ("en", "Ist der Server PC-MUELLER-01 erreichbar?"),
    ("de", "Mein Benutzername ist mmuster"),
    ("en", "My username is jdoe42"),
    # places
    ("de", "Der Beamer im Raum Berlin zeigt kein Bild"),
    ("en", "The Paris office VPN is slow"),
    # lists of values
    ("de", "Fehler in:\nNtdll"),
    ("en", "The crash is in the module\nNtdll"),
    # lower-case text
    ("de", "mit teams geht das nicht, bei citrix auch nicht"),
    ("en", "with chrome it works, for windows only"),
    ("de", "Adobe Photoshop und Konica Minolta gehen nicht"),
    ("en", "Logitech Brio and Miro Board are slow"),
]


@pytest.mark.parametrize(("language", "text", "expected"), POSITIVE)
def test_names_are_found(
    spans_found: SpansFound, language: str, text: str, expected: list[str]
) -> None:
    assert names_in(spans_found, text, language) == expected


@pytest.mark.parametrize(("language", "text"), NEGATIVE)
def test_words_that_are_not_names_survive(
    spans_found: SpansFound, language: str, text: str
) -> None:
    assert names_in(spans_found, text, language) == []


def test_there_are_enough_cases() -> None:
    assert len(POSITIVE) >= 60
    assert len(NEGATIVE) >= 60


# -- name lists -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Anna", "first"),
        ("Priya", "first"),
        ("Mehmet", "first"),
        ("Łukasz", "first"),
        ("Yılmaz", "last"),
        ("Yilmaz", "last"),
        ("Öztürk", "last"),
        ("Oeztuerk", "last"),
        ("Ozturk", "last"),
        ("Dvořák", "last"),
        ("Nguyễn", "last"),
        ("Smirnov", "last"),
        ("Smirnow", "last"),
        ("Outlook", None),
        ("Alexa", None),
        ("Montag", None),
        ("Sie", None),
    ],
)
def test_name_lists(word: str, kind: str | None) -> None:
    lists = name_lists()
    if kind == "first":
        assert lists.is_first_name(word)
    elif kind == "last":
        assert lists.is_last_name(word)
    else:
        assert not lists.is_name(word)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Will", True), ("Rose", True), ("Ernst", True), ("Koch", True), ("Anna", False)],
)
def test_word_names(word: str, expected: bool) -> None:
    assert is_word_name(word) == expected


def test_words_are_looked_up_as_written_and_names_stored_in_all_spellings() -> None:
    assert name_key("ÖZTÜRK") == "öztürk"
    assert name_key("Ozturk") == "ozturk"
    assert name_key("O’Connor") == "o'connor"
    assert name_variants("Öztürk") == ("öztürk", "ozturk", "oeztuerk")
    assert name_variants("Yılmaz") == ("yılmaz", "yilmaz", "yilmaz")


def test_a_german_word_with_an_umlaut_is_not_a_surname_without_one() -> None:
    assert name_lists().is_last_name("Tur")
    assert not name_lists().is_last_name("Tür")


def test_injected_name_lists_are_used(spans_found: SpansFound) -> None:
    lists = NameLists(first_names=frozenset({"zorblat"}), last_names=frozenset())
    analyzer = build_analyzer(
        languages=[Language("en")],
        recognizers=lambda language, options: [
            PersonRecognizer(supported_language=language, names=lists)
        ],
    )
    findings = analyzer.analyze("Zorblat cannot log in", language=Language("en"))
    assert [(f.start, f.end) for f in findings] == [(0, 7)]


def test_a_pretrained_model_confirms_names() -> None:
    pipeline = spacy.blank("en")
    text = "Qwilmar Traxoniu called about Konica Minolta"
    doc = pipeline(text)
    artifacts = NlpArtifacts(
        entities=[Span(doc, 0, 2, label="PERSON"), Span(doc, 4, 6, label="PERSON")],
        tokens=doc,
        tokens_indices=[token.idx for token in doc],
        lemmas=[token.lower_ for token in doc],
        nlp_engine=None,
        language="en",
    )
    results = PersonRecognizer(supported_language="en").analyze(text, ["PERSON"], artifacts)
    confident = [text[r.start : r.end] for r in results if r.score >= SCORE_THRESHOLD]
    assert confident == ["Qwilmar Traxoniu"]


def test_without_a_model_two_unknown_words_are_not_enough(spans_found: SpansFound) -> None:
    assert names_in(spans_found, "Qwilmar Traxoniu called", "en") == []


# -- the organisation directory -----------------------------------------------------------------

DIRECTORY_CSV = (
    "first_name;last_name;display_name;email;username\n"
    "Anna;Schmidt;;anna.schmidt@example.com;aschmidt\n"
    "Mehmet;Yılmaz;Memo Yılmaz;;myilmaz\n"
    "Kwabena;Oyelaran-Mensah;;;\n"
    "Sonne;Koch;;;\n"
    "Tjorven;Vogelsang;;;\n"
)


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    path = tmp_path / "people.csv"
    path.write_text(DIRECTORY_CSV, encoding="utf-8")
    return Directory.load(path)


def analyzer_with(directory: Directory, language: str) -> Analyzer:
    return build_analyzer(
        languages=[Language(language)],
        recognizers=lambda language, options: [
            PersonRecognizer(supported_language=language, directory=directory)
        ],
    )


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "kwabena oyelaran-mensah hat keinen Zugriff", ["kwabena oyelaran-mensah"]),
        ("en", "kwabena oyelaran-mensah has no access", ["kwabena oyelaran-mensah"]),
        ("de", "Schmidt, Anna braucht Zugriff", ["Schmidt, Anna"]),
        ("en", "Vogelsang, Tjorven needs access", ["Vogelsang, Tjorven"]),
        ("de", "Memo Yilmaz hat angerufen", ["Memo Yilmaz"]),
        ("en", "Memo Yilmaz called", ["Memo Yilmaz"]),
        ("de", "Tjorven kann nicht drucken", ["Tjorven"]),
        ("en", "Tjorven cannot print", ["Tjorven"]),
        ("de", "Herr Vogelsang ruft an", ["Vogelsang"]),
        ("en", "Mr Vogelsang is calling", ["Vogelsang"]),
        # a directory first name that is a word counts only with a cue
        ("de", "Die Sonne scheint", []),
        ("de", "Hallo Sonne, der Drucker geht", ["Sonne"]),
    ],
)
def test_directory_names(
    directory: Directory, language: str, text: str, expected: list[str]
) -> None:
    findings = analyzer_with(directory, language).analyze(text, language=Language(language))
    assert [text[f.start : f.end] for f in sorted(findings, key=lambda f: f.start)] == expected


def test_directory_names_score_highest(directory: Directory) -> None:
    text = "Herr Vogelsang ruft an"
    (finding,) = analyzer_with(directory, "de").analyze(text, language=Language("de"))
    assert finding.score >= 0.95


def test_directory_keeps_optional_columns(directory: Directory) -> None:
    assert directory.people[0] == Person(
        first_name="Anna",
        last_name="Schmidt",
        display_name="",
        email="anna.schmidt@example.com",
        username="aschmidt",
    )


def test_directory_reads_commas_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("\ufeffLast_Name,First_Name\nNowak,Ewa\n".encode())
    assert read_people(path) == [Person(first_name="Ewa", last_name="Nowak")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\n  \n", "is empty"),
        (b"first_name;last_name\n", "no people"),
        (b"first_name;surname\nAnna;Schmidt\n", "lacks column(s) last_name"),
        (b"vorname,nachname\nAnna,Schmidt\n", "lacks column(s) first_name, last_name"),
        (b"first_name;last_name;email\nAnna;Schmidt;\n;;x@example.com\n", "row 3 has neither"),
        (b"first_name;last_name\nAnna;Schmidt\nJ\xf6rg;M\xfcller\n", "row 3 is not valid UTF-8"),
    ],
)
def test_bad_directories_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Directory.load(path)


def test_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file"):
        Directory.load(tmp_path / "absent.csv")


def test_a_large_directory_matches_by_lookup() -> None:
    people = [Person(first_name=f"Vorname{i}", last_name=f"Nachname{i}") for i in range(10_000)]
    people.append(Person(first_name="Tjorven", last_name="Vogelsang"))
    directory = Directory(people)
    keys = ["tjorven", "vogelsang", "hat"]
    assert directory.match(keys, 0) == 2
    assert directory.match(keys, 1) == 0


# -- hostile input ------------------------------------------------------------------------------


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    ("text", "most"),
    [
        ("Anna " * 400, 400),
        ("Hallo " * 300, 0),
        ("4711" * 500, 0),
        (("😀 مرحبا Anna שלום 👍🏽 " * 100)[:2000], 100),
        ("Anna" + "x" * 1996, 0),
        ("Herr " * 400, 0),
        ("VG\n" * 600, 0),
        ("A. " * 600, 0),
        (("Hallo Herr Dr. Prof. van der " * 80)[:2000], 0),
        ("@" * 2000, 0),
    ],
)
def test_hostile_input(spans_found: SpansFound, text: str, most: int) -> None:
    found = names_in(spans_found, text, "de")
    assert len(found) <= most
    assert all(name.strip() == name and name for name in found)
