"""The service facts that fill the `{placeholders}` of the bot's responses.

Every response that names a portal, a phone number or the retention is uttered by an action
with these values, never straight from a rule (a test checks it). A fact a deployment has not
configured becomes a generic phrase in the user's language, so no text ever shows a raw
placeholder or a made-up address.
"""

from __future__ import annotations

from escalation.config import TenantConfig
from nlu.language import Language

GENERIC: dict[str, dict[str, str]] = {
    "password_portal_url": {
        "de": "das Self-Service-Passwortportal Ihres Unternehmens",
        "en": "your company's self-service password portal",
    },
    "mfa_portal_url": {
        "de": "die Seite für Ihre Anmeldemethoden (Sicherheitsinformationen)",
        "en": "the page for your sign-in methods (security info)",
    },
    "service_portal_url": {
        "de": "das IT-Self-Service-Portal",
        "en": "the IT self-service portal",
    },
    "software_portal_url": {
        "de": "den Softwarekatalog (Software Center bzw. Unternehmensportal)",
        "en": "the software catalogue (Software Center or Company Portal)",
    },
    "status_page_url": {
        "de": "die IT-Statusseite im Intranet",
        "en": "the IT status page on the intranet",
    },
    "desk_phone": {
        "de": "die Telefonnummer des IT-Service-Desks (siehe Intranet)",
        "en": "the IT service desk's phone number (see the intranet)",
    },
    "security_phone": {
        "de": "den IT-Service-Desk und sagen Sie, dass es um einen Sicherheitsvorfall geht",
        "en": "the IT service desk and say it is a security incident",
    },
    "desk_hours": {
        "de": "zu den üblichen Bürozeiten",
        "en": "during normal office hours",
    },
    "privacy_contact": {
        "de": "der Datenschutzbeauftragte Ihres Unternehmens",
        "en": "your company's data protection officer",
    },
}
FACTS = tuple(GENERIC)


def service_facts(tenant: TenantConfig, language: Language) -> dict[str, str]:
    """Every fact as text for `language`: configured value or the generic phrase."""
    service = tenant.service
    configured: dict[str, str | None] = {
        "password_portal_url": _text(service.password_portal_url),
        "mfa_portal_url": _text(service.mfa_portal_url),
        "service_portal_url": _text(service.service_portal_url),
        "software_portal_url": _text(service.software_portal_url),
        "status_page_url": _text(service.status_page_url),
        "desk_phone": service.desk_phone,
        "security_phone": service.security_phone,
        "desk_hours": service.desk_hours.get(language),
        "privacy_contact": service.privacy_contact,
    }
    return {
        name: value if value else GENERIC[name].get(language, GENERIC[name]["en"])
        for name, value in configured.items()
    }


def retention_text(days: float, language: Language) -> str:
    """ "7 Tagen" / "7 days" (the German form follows "nach")."""
    if days < 1:
        hours = max(1, round(days * 24))
        return (
            f"{hours} Stunde{'n' if hours != 1 else ''}"
            if language == "de"
            else (f"{hours} hour{'s' if hours != 1 else ''}")
        )
    whole = round(days)
    if language == "de":
        return f"{whole} Tag{'en' if whole != 1 else ''}"
    return f"{whole} day{'s' if whole != 1 else ''}"


def _text(value: object | None) -> str | None:
    return str(value) if value is not None else None
