"""The shape of the structured configuration (validated with pydantic)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from pydantic import AnyHttpUrl, Field, field_validator, model_validator

from escalation.config.common import Strict, check_texts
from escalation.config.desk import EscalationConfig, shipped_escalation
from nlu.language import Language

_TENANT_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_PHONE = re.compile(r"\+?[0-9][0-9 ()/.-]{2,30}")
_INTENT = re.compile(r"[a-z][a-z_]{0,63}")


class ServiceFacts(Strict):
    """What the bot tells users about this service desk. Missing facts get a generic phrase."""

    password_portal_url: AnyHttpUrl | None = None  # self-service password reset
    mfa_portal_url: AnyHttpUrl | None = None  # where users manage their MFA methods
    service_portal_url: AnyHttpUrl | None = None  # requests and tickets
    software_portal_url: AnyHttpUrl | None = None  # Software Center / Company Portal
    status_page_url: AnyHttpUrl | None = None
    desk_phone: str | None = None
    security_phone: str | None = None
    desk_hours: dict[str, str] = Field(default_factory=dict)  # per language, free text
    privacy_contact: str | None = None  # the data protection officer's address

    @field_validator("desk_phone", "security_phone")
    @classmethod
    def _check_phone(cls, value: str | None) -> str | None:
        if value is not None and not _PHONE.fullmatch(value):
            raise ValueError("a phone number of digits, spaces and + ( ) / . - only")
        return value

    @field_validator("desk_hours")
    @classmethod
    def _check_hours(cls, value: dict[str, str]) -> dict[str, str]:
        return check_texts(value)


class Announcement(Strict):
    """A known disruption the bot tells users about (the announcement store comes later)."""

    id: str = Field(min_length=1, max_length=64)
    text: dict[str, str]  # per language
    # The intents it concerns ("vpn_problem"); empty: every issue.
    categories: list[str] = Field(default_factory=list)
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    @field_validator("text")
    @classmethod
    def _check_text(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("at least one language")
        return check_texts(value)

    @field_validator("categories")
    @classmethod
    def _check_categories(cls, value: list[str]) -> list[str]:
        bad = [name for name in value if not _INTENT.fullmatch(name)]
        if bad:
            raise ValueError(f"not an intent name: {', '.join(bad)}")
        return value

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("a time zone is required, e.g. 2026-11-21T08:00:00+01:00")
        return value.astimezone(UTC) if value is not None else None

    def is_active(self, now: datetime) -> bool:
        return (self.starts_at is None or self.starts_at <= now) and (
            self.ends_at is None or now < self.ends_at
        )

    def concerns(self, category: str | None) -> bool:
        """Whether it matters for an issue; `None` asks about every issue (outage_check)."""
        return category is None or not self.categories or category in self.categories

    def text_in(self, language: Language) -> str:
        """The text in `language`, else in the first language it was written in."""
        return self.text.get(language) or next(iter(self.text.values()))


class TenantConfig(Strict):
    name: str = Field(min_length=1, max_length=200)
    service: ServiceFacts = ServiceFacts()
    escalation: EscalationConfig = Field(default_factory=shipped_escalation)
    announcements: list[Announcement] = Field(default_factory=list)

    def active_announcements(
        self, now: datetime, *, category: str | None = None
    ) -> list[Announcement]:
        return [
            item for item in self.announcements if item.is_active(now) and item.concerns(category)
        ]


class LotseConfig(Strict):
    # Every tenant's escalation settings unless the tenant's own `escalation:` replaces a key.
    escalation: EscalationConfig = Field(default_factory=shipped_escalation)
    tenants: dict[str, TenantConfig]

    @model_validator(mode="before")
    @classmethod
    def _inherit_escalation(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        shared = data.get("escalation")
        tenants = data.get("tenants")
        if not isinstance(shared, dict) or not isinstance(tenants, dict):
            return data
        inherited = {}
        for tenant_id, tenant in tenants.items():
            own = tenant.get("escalation", {}) if isinstance(tenant, dict) else None
            if isinstance(own, dict):  # anything else is left for validation to report
                tenant = {**tenant, "escalation": {**shared, **own}}
            inherited[tenant_id] = tenant
        return {**data, "tenants": inherited}

    @field_validator("tenants")
    @classmethod
    def _check_tenant_ids(cls, value: dict[str, TenantConfig]) -> dict[str, TenantConfig]:
        bad = [tenant_id for tenant_id in value if not _TENANT_ID.fullmatch(tenant_id)]
        if bad:
            raise ValueError(f"tenant ids are lowercase letters, digits, - and _: {bad}")
        if not value:
            raise ValueError("at least one tenant")
        return value

    def tenant(self, tenant_id: str | None) -> TenantConfig:
        """The tenant's configuration; an unknown tenant gets the default tenant's."""
        if tenant_id is not None and tenant_id in self.tenants:
            return self.tenants[tenant_id]
        return self.tenants.get("default") or next(iter(self.tenants.values()))
