"""Language detection of chat messages (nlu/language.py), with the shipped language data."""

from __future__ import annotations

from itertools import combinations

import pytest

from nlu.language import (
    Language,
    LanguageDetector,
    load_neutral_words,
    load_profiles,
    parse_language,
    supported_languages,
)

GERMAN = Language("de")
ENGLISH = Language("en")

# (German, English): the same support request, as users type it into the chat.
CLEAR_PAIRS = [
    pytest.param(
        "Mein Drucker druckt seit gestern nicht mehr.",
        "My printer has not printed anything since yesterday.",
        id="printer",
    ),
    pytest.param(
        "ich kann mich nicht im vpn anmelden", "i cant log in to the vpn", id="vpn-lowercase"
    ),
    pytest.param(
        "hallo ich habe mein passwort vergessen", "hello i forgot my password", id="password"
    ),
    pytest.param(
        "Der Bildschirm bleibt nach dem Update schwarz",
        "The screen stays black after the update",
        id="screen",
    ),
    pytest.param("kannst du mir bitte helfen", "can you help me please", id="help"),
    pytest.param(
        "wie verbinde ich mich mit dem WLAN im Büro",
        "how do I connect to the office wifi",
        id="wifi",
    ),
    pytest.param(
        "mein Konto ist gesperrt was soll ich tun",
        "my account is locked what should i do",
        id="locked-account",
    ),
    pytest.param("Teams hat keinen Ton mehr", "Teams has no sound anymore", id="teams-sound"),
    pytest.param(
        "das hat leider nicht funktioniert", "that did not work unfortunately", id="did-not-work"
    ),
    pytest.param(
        "ich möchte mit einem Mitarbeiter sprechen", "i want to talk to a human", id="human"
    ),
    pytest.param("danke das hat geklappt", "thanks that worked", id="thanks"),
]

# Messages that say nothing about the language of the conversation.
NEUTRAL_MESSAGES = [
    pytest.param("ok", id="ok"),
    pytest.param("OK", id="OK"),
    pytest.param("Okay", id="okay"),
    pytest.param("VPN", id="vpn"),
    pytest.param("Outlook", id="outlook"),
    pytest.param("Outlook?", id="outlook-question"),
    pytest.param("Teams", id="teams"),
    pytest.param("SAP", id="sap"),
    pytest.param("<PERSON_1>", id="placeholder"),
    pytest.param("👍", id="emoji"),
    pytest.param("0x80070005", id="error-code"),
    pytest.param("https://intranet.example.com/it/hilfe", id="url"),
    pytest.param("max.mustermann@example.com", id="email"),
    pytest.param("", id="empty"),
]


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(("german", "english"), CLEAR_PAIRS)
def test_clear_sentences_without_prior(
    detector: LanguageDetector, german: str, english: str
) -> None:
    assert detector.detect(german).language == GERMAN
    assert detector.detect(english).language == ENGLISH


@pytest.mark.parametrize(("german", "english"), CLEAR_PAIRS)
@pytest.mark.parametrize("previous_language", [GERMAN, ENGLISH])
def test_confidence_is_between_one_half_and_one(
    detector: LanguageDetector, german: str, english: str, previous_language: Language
) -> None:
    for text in (german, english):
        confidence = detector.detect(text, previous_language=previous_language).confidence
        assert 0.5 <= confidence <= 1.0


@pytest.mark.parametrize("text", NEUTRAL_MESSAGES)
@pytest.mark.parametrize("previous_language", [GERMAN, ENGLISH])
def test_neutral_message_keeps_the_conversation_language(
    detector: LanguageDetector, text: str, previous_language: Language
) -> None:
    detection = detector.detect(text, previous_language=previous_language)
    assert detection.language == previous_language
    assert detection.confidence == 0.9  # the prior alone, untouched by the message


@pytest.mark.parametrize("text", NEUTRAL_MESSAGES)
@pytest.mark.parametrize("previous_language", [GERMAN, ENGLISH])
def test_neutral_message_keeps_the_conversation_language_against_the_locale(
    detector: LanguageDetector, text: str, previous_language: Language
) -> None:
    other_locale = "en-US" if previous_language == GERMAN else "de-AT"
    detection = detector.detect(text, previous_language=previous_language, locale=other_locale)
    assert detection.language == previous_language


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        pytest.param("ok", "de-AT", GERMAN, id="ok-de-AT"),
        pytest.param("ok", "en-US", ENGLISH, id="ok-en-US"),
        pytest.param("VPN", "de_CH", GERMAN, id="vpn-de_CH"),
        pytest.param("VPN", "en-GB", ENGLISH, id="vpn-en-GB"),
        pytest.param("👍", "DE", GERMAN, id="emoji-DE"),
        pytest.param("👍", "EN", ENGLISH, id="emoji-EN"),
    ],
)
def test_locale_is_the_prior_without_previous_language(
    detector: LanguageDetector, text: str, locale: str, expected: Language
) -> None:
    detection = detector.detect(text, locale=locale)
    assert detection.language == expected
    assert detection.confidence == pytest.approx(2 / 3, abs=1e-4)


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        pytest.param("mein Drucker druckt nicht", "en-US", GERMAN, id="german-text-en-locale"),
        pytest.param("my printer does not print", "de-DE", ENGLISH, id="english-text-de-locale"),
    ],
)
def test_text_outweighs_the_locale(
    detector: LanguageDetector, text: str, locale: str, expected: Language
) -> None:
    assert detector.detect(text, locale=locale).language == expected


@pytest.mark.parametrize(
    ("text", "previous_language", "expected"),
    [
        pytest.param("can we continue in English please", GERMAN, ENGLISH, id="de-to-en"),
        pytest.param("können wir auf deutsch weitermachen", ENGLISH, GERMAN, id="en-to-de"),
        pytest.param("hello i forgot my password", GERMAN, ENGLISH, id="de-to-en-request"),
        pytest.param(
            "hallo ich habe mein passwort vergessen", ENGLISH, GERMAN, id="en-to-de-request"
        ),
    ],
)
def test_real_switch_flips_the_language(
    detector: LanguageDetector, text: str, previous_language: Language, expected: Language
) -> None:
    detection = detector.detect(text, previous_language=previous_language)
    assert detection.language == expected
    assert detection.confidence > 0.9


@pytest.mark.parametrize(
    ("text", "previous_language", "locale", "default_language", "expected"),
    [
        pytest.param(
            "Outlook stürzt beim Start ab", ENGLISH, None, GERMAN, GERMAN, id="de-after-en"
        ),
        pytest.param(
            "Outlook crashes upon startup", GERMAN, None, GERMAN, ENGLISH, id="en-after-de"
        ),
        pytest.param(
            "Outlook stürzt beim Start ab", None, "en-GB", GERMAN, GERMAN, id="de-en-locale"
        ),
        pytest.param(
            "Outlook crashes upon startup", None, "de-AT", GERMAN, ENGLISH, id="en-de-locale"
        ),
        pytest.param("Druckauftrag hängt fest", None, None, ENGLISH, GERMAN, id="de-no-prior"),
        pytest.param("print job stuck in queue", None, None, GERMAN, ENGLISH, id="en-no-prior"),
    ],
)
def test_certain_ngram_evidence_moves_the_decision(
    text: str,
    previous_language: Language | None,
    locale: str | None,
    default_language: Language,
    expected: Language,
) -> None:
    detector = LanguageDetector(default_language=default_language)
    detection = detector.detect(text, previous_language=previous_language, locale=locale)
    assert detection.language == expected


@pytest.mark.parametrize(
    ("text", "previous_language", "locale"),
    [
        pytest.param("Outlook stürzt beim Start immer ab", ENGLISH, "en-GB", id="de"),
        pytest.param("Outlook keeps crashing on startup", GERMAN, "de-AT", id="en"),
        pytest.param("ok", None, "de-AT", id="neutral"),
    ],
)
def test_detection_is_deterministic(
    detector: LanguageDetector,
    text: str,
    previous_language: Language | None,
    locale: str | None,
) -> None:
    first = detector.detect(text, previous_language=previous_language, locale=locale)
    fresh = LanguageDetector()
    for _ in range(20):
        assert detector.detect(text, previous_language=previous_language, locale=locale) == first
    assert fresh.detect(text, previous_language=previous_language, locale=locale) == first


@pytest.mark.parametrize("default_language", [GERMAN, ENGLISH])
@pytest.mark.parametrize("text", ["", "ok", "👍", "<PERSON_1>"])
def test_default_language_without_any_evidence(text: str, default_language: Language) -> None:
    detection = LanguageDetector(default_language=default_language).detect(text)
    assert detection.language == default_language
    assert detection.confidence == pytest.approx(0.5025, abs=1e-4)


def test_default_language_is_the_first_supported_language() -> None:
    assert LanguageDetector().default_language == supported_languages()[0]


@pytest.mark.parametrize("default_language", ["fr", "DE", "de-AT", "english"])
def test_unsupported_default_language_is_rejected(default_language: str) -> None:
    with pytest.raises(ValueError, match="not supported"):
        LanguageDetector(default_language=Language(default_language))


def test_detector_needs_two_languages() -> None:
    with pytest.raises(ValueError, match="at least two"):
        LanguageDetector(profiles=load_profiles()[:1])


def test_supported_languages() -> None:
    assert supported_languages() == (GERMAN, ENGLISH)
    assert LanguageDetector().languages == (GERMAN, ENGLISH)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("de", GERMAN, id="de"),
        pytest.param("en", ENGLISH, id="en"),
        pytest.param("DE", GERMAN, id="DE"),
        pytest.param("EN", ENGLISH, id="EN"),
        pytest.param("de-AT", GERMAN, id="de-AT"),
        pytest.param("en-GB", ENGLISH, id="en-GB"),
        pytest.param("de_CH", GERMAN, id="de_CH"),
        pytest.param("EN_us", ENGLISH, id="EN_us"),
        pytest.param(" de ", GERMAN, id="padded-de"),
        pytest.param(" en ", ENGLISH, id="padded-en"),
        pytest.param("fr", None, id="fr"),
        pytest.param("fr-CH", None, id="fr-CH"),
        pytest.param("deu", None, id="deu"),
        pytest.param("english", None, id="english"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="None"),
        pytest.param(42, None, id="int"),
        pytest.param(["de"], None, id="list"),
    ],
)
def test_parse_language(value: object, expected: Language | None) -> None:
    assert parse_language(value) == expected


def test_profiles_have_markers() -> None:
    profiles = {profile.language: profile for profile in load_profiles()}
    assert set(profiles) == {GERMAN, ENGLISH}
    assert profiles[GERMAN].name == "Deutsch"
    assert profiles[ENGLISH].name == "English"
    assert {"ich", "nicht", "passwort"} <= profiles[GERMAN].markers
    assert {"i", "not", "password"} <= profiles[ENGLISH].markers


def test_marker_lists_are_disjoint() -> None:
    for first, second in combinations(load_profiles(), 2):
        assert first.markers.isdisjoint(second.markers), (first.language, second.language)


def test_markers_contain_no_neutral_word() -> None:
    neutral = load_neutral_words()
    assert {"ok", "vpn", "outlook", "teams", "sap"} <= neutral
    for profile in load_profiles():
        assert profile.markers.isdisjoint(neutral), profile.language


def test_markers_and_neutral_words_are_lower_case() -> None:
    for profile in load_profiles():
        assert all(word == word.lower() for word in profile.markers)
    assert all(word == word.lower() for word in load_neutral_words())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Outlook stürzt ab, siehe <PERSON_1>", ["stürzt", "ab", "siehe"], id="de"),
        pytest.param("Outlook crashes, see <PERSON_1>", ["crashes", "see"], id="en"),
        pytest.param(
            "Mail an max.mustermann@example.com oder https://intranet.example.com",
            ["an", "oder"],
            id="de-addresses",
        ),
        pytest.param(
            "mail to max.mustermann@example.com or www.example.com", ["to", "or"], id="en-addresses"
        ),
        pytest.param("I can't", ["i", "can't"], id="en-i-and-apostrophe"),
        pytest.param("geht's 0x80070005 a", ["geht's"], id="de-apostrophe-code-letter"),
    ],
)
def test_informative_words(detector: LanguageDetector, text: str, expected: list[str]) -> None:
    assert detector.informative_words(text) == expected
