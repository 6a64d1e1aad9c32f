"""The folded view recognizers see (pii/normalize.py). All data is fictitious."""

from __future__ import annotations

import pytest

from pii.keys import canonical_value
from pii.normalize import fold


@pytest.mark.parametrize(
    ("text", "view"),
    [
        pytest.param("０１７１ ２３４５６７８", "0171 2345678", id="full-width-digits"),
        pytest.param(
            "jana\u200b.kowalski@example.com", "jana.kowalski@example.com", id="zero-width"
        ),
        pytest.param("mаx@exаmple.com", "max@example.com", id="cyrillic-a"),
        pytest.param("ΡΙΝ 4711", "PIN 4711", id="greek-capitals"),
        pytest.param("٠١٧١ ٢٣٤٥", "0171 2345", id="arabic-indic-digits"),
        pytest.param("ﬁle…", "file...", id="ligature-ellipsis"),
        pytest.param("Grüße 👋 שלום", "Grüße 👋 שלום", id="umlauts-emoji-hebrew-kept"),
    ],
)
def test_the_view_folds_look_alikes(text: str, view: str) -> None:
    assert fold(text).view == view


def test_view_offsets_map_back_to_the_original() -> None:
    text = "Tel: ０１７\u200b１ 23 ﬁ"
    folded = fold(text)
    start = folded.view.index("0171")
    assert folded.original_span(start, start + 4) == (5, 10)
    assert text[5:10] == "０１７\u200b１"
    assert folded.view_index(5) == start


@pytest.mark.parametrize(
    ("entity_type", "one", "other"),
    [
        ("PHONE_NUMBER", "+49 711 123456", "0049 (711) 12 34 56"),
        ("IBAN_CODE", "DE89 3704 0044 0532 0130 00", "de89370400440532013000"),
        ("PERSON", "Jana  Kowalski", "JANA KOWALSKI"),
        ("EMAIL_ADDRESS", "mаx@example.com", "MAX@EXAMPLE.COM"),
    ],
)
def test_canonical_values_ignore_formatting(entity_type: str, one: str, other: str) -> None:
    assert canonical_value(entity_type, one) == canonical_value(entity_type, other)


@pytest.mark.parametrize(
    ("text", "view"),
    [
        pytest.param("0171\u034f2345678", "01712345678", id="combining-grapheme-joiner"),
        pytest.param("0171\ufe0f2345678", "01712345678", id="variation-selector"),
        pytest.param("anna\U000e0041@example.com", "anna@example.com", id="tag-character"),
        pytest.param("0171\u180b2345678", "01712345678", id="mongolian-selector"),
        pytest.param("0171\ufff92345678", "01712345678", id="interlinear-annotation"),
        pytest.param("0130 0\u03030", "0130 00", id="mark-on-a-digit"),
        pytest.param("Nguye\u0302\u0303n", "Nguye\u0302\u0303n", id="marks-on-letters-stay"),
    ],
)
def test_invisible_and_format_characters_cannot_split_a_value(text: str, view: str) -> None:
    assert fold(text).view == view


def test_long_punctuation_runs_are_broken_up_for_the_tokenizer() -> None:
    folded = fold("%" * 100)
    assert max(len(run) for run in folded.view.split(" ")) <= 40
    assert folded.original_span(0, len(folded.view)) == (0, 100)
