"""Words and regex parts of the credential recognizer: keywords, verbs, values, non-secrets.

`CredentialRecognizer` assembles its patterns from these parts and checks values against these
lists. They live apart so that the recognizer's module reads as the rules for finding a password
and this one as the words those rules use; only the credential modules import it.
"""

from __future__ import annotations

import re

_LONG_KEYWORD = (
    r"[\w-]{0,30}?(?:passw[oö]r[td](?:e?s|er|e|n)?|pass?wrod|passowrd|paswort|passwrt|passwd"
    r"|paswd|pswd|pwort|pword|passw|pass\s?phrase|passcode|kenncode|kennw[oö]rt(?:e?s|er|e)?|kennw"
    r"|geheimzahl)"
)
_WIFI_KEY = (
    r"(?:wlan|wifi|wi-fi|wpa[23]?(?:-psk)?|wep|netzwerk|netzwerksicherheits|funknetz"
    r"|network(?:\s{1,2}security)?)[-\s]?(?:schlüssel|schluessel|key)|psk|pre-?shared[-\s]key"
)
_ACCESS_CODE = (
    r"(?:zugangs|tür|tuer|alarm|sperr|entsperr|tresor)-?code"
    r"|(?:door|access|alarm|unlock|lock\s?screen)\s?code"
)
_SHORT_WORD = (
    r"(?:\w{1,20}[-_]){0,2}(?:pwd|pw|pins?(?:-?code|-?nummer|\s(?:code|number))?"
    r"|puk\d?(?:-?code)?|pass)"
)
KEYWORD = (
    rf"(?<![\w-])(?P<keyword>{_LONG_KEYWORD}|{_WIFI_KEY}|{_ACCESS_CODE}|{_SHORT_WORD})(?![\w-])\.?"
)
ANY_KEYWORD = re.compile(KEYWORD, re.IGNORECASE)

VERB = (
    r"(?:ist|sind|lautet|lauten|lautete|war|wäre|waere|heißt|heisst|bleibt|wird|soll(?:te)?"
    r"|is|are|was|were|remains|would\s{1,3}be|will\s{1,3}be|should\s{1,3}be|must\s{1,3}be"
    r"|has\s{1,3}been)"
)
ADVERB = (
    r"(?:\s{1,3}(?:jetzt|nun|noch|immer|aktuell|derzeit|momentan|wieder|wohl|vermutlich"
    r"|eigentlich|übrigens|einfach|nur|weiterhin|vorübergehend|auch|vorher|früher|bisher|zuletzt"
    r"|ursprünglich|damals|now|still|currently|again|probably|actually|btw|just|simply"
    r"|temporarily|also|before|previously|originally|set\s{1,3}to)){0,2}"
)
FOLLOWS = r"(?:\s{1,3}(?:wie\s{1,3}folgt|folgendes|folgendermaßen|as\s{1,3}follows))?"
# "Passwort gesetzt:", "password was reset to:": words that may stand before the ":".
BEFORE_SEPARATOR = (
    r"(?:\s{1,3}(?:gesetzt|geändert|geaendert|erstellt|vergeben|zurückgesetzt|generiert|erhalten"
    r"|bekommen|wurde|wird|habe|hab|ich|has|been|was|is|set|changed|created|reset|generated"
    r"|received|updated|to|auf|in|now|jetzt|nun)){0,3}"
)
# "für SAP", "for the guest wifi", "des Admins": what the password is for.
TOPIC = (
    r"(?P<topic>\s{1,3}(?:für|fuer|fürs|vom|von|zum|zur|des|der|im|for|of|on|to|at)"
    r"(?:\s{1,3}[^\s:=,;!?]{1,40}){1,3}?)?"
)
ASIDE = r"(?:\s{0,3}\([^()\n]{1,40}\))?"
SEPARATOR = (
    r"\s{0,3}[*_]{0,2}\s{0,3}(?::=|=>|->|→|[:=：])[*_]{0,2}[ \t]{0,10}(?:\r?\n[ \t]{0,10}){0,2}"
)
VALUE = (
    r"(?P<value>\"[^\"\n]{1,128}\"|'[^'\n]{1,128}'|„[^“”\"\n]{1,128}[“”\"]|“[^”\n]{1,128}”"
    r"|«[^»\n]{1,128}»|»[^«\n]{1,128}«|‚[^‘’\n]{1,128}[‘’]|`[^`\n]{1,128}`"
    r"|\d{3,4}(?:\s\d{3,4}){1,3}(?![\w])|\S{1,128})"
)
# A value with a digit or a symbol (not only sentence punctuation at its end): required in the
# patterns whose keyword is not followed by ":" or a verb, so that the regex backtracks to the
# right value ("Passwort für den Drucker-Admin Druck3r!").
SHAPED = r"(?=\S{0,127}?(?:\d|[^\w\s'’.,;:!?-]|[.,;:!?](?=\S)))"
DETERMINER = (
    r"(?:(?:mein|meine|meinen|dein|deine|das|der|die|sein|seine|ihr|ihre|unser|unsere"
    r"|the|my|your|his|her|our|its)\s{1,3})?"
)
STATE = (
    r"(?:(?:neue|alte|aktuelle|bisherige|vorherige|temporäre|initiale|new|old|current"
    r"|previous|temporary|initial|default)[sn]?\s{1,3})?"
)
PAIR_KEYWORD = (
    r"(?P<pair>creds|credentials|zugangsdaten|anmeldedaten|log-?in-?daten|log-?in|account"
    r"|anmeldung|anmelden|einloggen|signing\s{1,2}in|sign\s{1,2}in|logging\s{1,2}in"
    r"|(?:benutzer(?:name)?|user(?:name)?|login|kennung)\s{0,2}(?:/|und|and|&|\+)\s{0,2}"
    r"(?:passwort|kennwort|password|pass|pwd|pw))"
)

STRONG_PAIR = re.compile(
    r"creds|credentials|zugangsdaten|anmeldedaten|log-?in-?daten|(?:benutzer|user|login|kennung)"
    r"\w{0,4}\s{0,2}(?:/|und|and|&|\+)\s{0,2}\w{1,10}",
    re.IGNORECASE,
)
# Keywords of passwords that are often phrases: the whole phrase is the secret when it fills the
# rest of the line ("WLAN-Schlüssel ist Blaue Katze 42").
PASSPHRASE_KEYWORD = re.compile(
    rf"pass\s?phrase|{_WIFI_KEY}|(?:wlan|wifi|wi-fi)[-\s]?(?:passwort|password|kennwort)",
    re.IGNORECASE,
)
PHRASE = re.compile(r"(?:[ \t]{1,3}[^\W_][\w'’-]{0,30}){1,5}(?=[.,;!](?:\s|$)|[ \t]*(?:\r?\n|$))")

OPENING_QUOTES = "\"'„“”«»‚`"
CLOSING_QUOTES = "\"'“”»«‘’`"
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+){0,5}")
PLACEHOLDER = re.compile(r"<[A-Z_]{2,30}_\d{1,4}>|<[^<>\s]{1,40}>|\[[^\[\]]{1,40}\]")
YEAR = re.compile(r"19[5-9]\d|20[0-3]\d")
# Right after what a password is for, a value must look like one: a symbol, or mixed case and
# digits ("Passwort für SAP Winter2023", not "Passwort für Benutzer mmuster1").
PASSWORD_LIKE = re.compile(r"[^\w\s.-]|(?=.*[a-zäöü])(?=.*[A-ZÄÖÜ])(?=.*\d)")

# Values that are error codes, versions, dates, sizes, links or masks, not secrets.
TECHNICAL = re.compile(
    r"0x[0-9a-f]{1,16}"
    r"|v?\d{1,5}(?:[.,]\d{1,6}){1,4}[a-z]?"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\.?|\d{1,2}[./]\d{1,2}\."
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:h|uhr|am|pm)?"
    r"|(?:kb|inc|req|ritm|chg|prb|task|sctask|sr|aadsts|tkt|ticket|err|error|fehler)[-#_]?\d{2,12}"
    r"(?:-\d{1,8}){0,2}"
    r"|#\d{1,12}|\d{1,3}"
    r"|\d{1,6}(?:[.,]\d{1,3})?[\s-]?(?:x|mal|%|gb|mb|kb|tb|gib|mib|ms|s|sek|min|h|std|tagen?"
    r"|tage|days?|wochen|weeks?|monaten?|months?|jahren?|years?|zeichen|stellen|stellig\w{0,3}"
    r"|chars?|characters?|digits?|ziffern|versuchen?|attempts?|tries|€|eur|euro|usd|\$|px|dpi"
    r"|ghz|mhz|mbit|gbit)"
    r"|https?://\S*|www\.\S*|\S{1,64}\.(?:exe|msi|dll|txt|log|pdf|docx?|xlsx?|pptx?|zip|csv|json"
    r"|xml|ini|cfg|ps1|bat|cmd|sh|png|jpe?g)"
    r"|[/\\~]\S*|[a-z]:[\\/]\S*"
    r"|[*•·●∙x.…_\-–—?#]{1,128}"
    r"|[23]-?fa|mfa|sso|otp|tan|n/a",
    re.IGNORECASE,
)

# Words that describe a password or fill a sentence rather than being one (compared casefolded).
NOT_SECRETS = frozenset(
    """
    vergessen abgelaufen ausgelaufen falsch ungültig ungueltig gültig gueltig gesperrt entsperrt
    blockiert geändert geaendert zurückgesetzt zurueckgesetzt korrekt richtig neu neues alt altes
    leer weg abgelehnt unbekannt bekannt gespeichert hinterlegt veraltet unsicher sicher schwach
    stark kurz lang identisch gleich gleiche gleichen dasselbe derselbe egal geheim pflicht
    erforderlich notwendig nötig benötigt verlangt deaktiviert aktiviert gelöscht kaputt
    fehlerhaft ändern aendern zurücksetzen eingeben vergeben gesetzt eingerichtet angefordert
    verschickt gesendet unterwegs standard üblich übliche bekannte teil mist quatsch sache problem
    voraussetzung nicht kein keine keinen nie noch schon auch immer wohl doch bitte siehe unten
    oben anbei folgt folgendes folgende wie gehabt vorher nachher jetzt gerade ja nein ok okay
    ich du er sie es wir ihr mein meine meinen dein deine sein seine ihre unser das der die den
    dem des ein eine einen einem einer hier da dort was wer wo wann warum weil und oder aber für
    fuer mit ohne von vom zum zur im in an am auf aus bei nach vor seit über unter um zu
    ist sind war waren wird werden wurde wäre hat habe haben hatte kann können muss müssen soll
    sollte geht ging klappt funktioniert lautet heißt heisst mindestens höchstens leider gerne
    irgendwie wirklich trotzdem anscheinend offenbar scheinbar angeblich plötzlich
    forgotten forgot expired expiring expires wrong invalid incorrect locked unlocked changed
    reset correct right new old empty gone not no none null nil missing blank required mandatory
    needed necessary sensitive case-sensitive secret same identical different weak strong short
    long fine yes set saved stored known unknown rejected accepted blocked disabled enabled
    deleted broken working valid too also still already always never just please see below
    above attached following follows usual default the a an my your his her our their this that
    it its here there what which who when why because and or but for with without from of to on
    at by via is are was were be been being will would should must can could has have had does
    do did doesn't don't didn't isn't wasn't won't can't cannot unfortunately somehow really now
    apparently suddenly least most
    min mind max ca etwa approx pflichtfeld pflichtangabe pflichtfelder zufall zufällig random
    passwort password kennwort passwd pwd pw pin puk passphrase passcode tbd todo
    """.split()
)
