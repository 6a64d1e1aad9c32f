"""Labels that make a number something other than personal data.

"Bestellnummer: 0711123456", "Ticket #4111…", "Rechnung 86095742719": a number right after
such a label is an order, a ticket or an invoice, whatever its checksum or shape says. The
phone, card and tax-id recognizers share this rule; each names its own label stems.
"""

from __future__ import annotations

import re

# How far before a number its label may start.
LABEL_WINDOW = 48


def number_label(stems: str, *, abbreviated: bool = False) -> re.Pattern[str]:
    """A pattern for `stems` ("bestell|order|…") as a label that ends right before a number:
    "Bestellnummer:", "order no.", "Ticket-ID ist". `abbreviated` also allows a full stop
    after the label ("Pers.-Nr.", "Kd.")."""
    dot = r"\.?" if abbreviated else ""
    return re.compile(
        rf"(?i)\b(?:{stems})s?(?:[- ]?(?:nummer|nr\.?|number|no\.?|id|code))?{dot}"
        r"\s{0,3}[:#=]?\s{0,3}(?:(?:ist|lautet|war|is|was)\s{1,3})?$"
    )


def follows_label(label: re.Pattern[str], text: str, start: int) -> bool:
    """True when the number at `start` of `text` comes right after a `label`."""
    return label.search(text[max(0, start - LABEL_WINDOW) : start]) is not None
