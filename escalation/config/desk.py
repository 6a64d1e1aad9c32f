"""The service desk's escalation settings: queues, routing, priorities and SLAs, business
hours and canned responses. Defaults for every tenant sit at the top of the configuration
file (`escalation:`); a tenant's own `escalation:` replaces single keys of it."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from functools import cache, cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import Field, field_validator, model_validator

from escalation.business_time import BusinessHours
from escalation.config.common import Strict, check_texts
from nlu.language import Language, supported_languages

PRIORITIES = ("P1", "P2", "P3", "P4")
Priority = Literal["P1", "P2", "P3", "P4"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_QUEUE = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_INTENT = re.compile(r"[a-z][a-z_]{0,63}")
_INTERVAL = re.compile(r"([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)")
_CANNED_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


class QueueConfig(Strict):
    label: dict[str, str]  # per language
    languages: list[str]  # the languages this queue's agents speak

    @field_validator("label")
    @classmethod
    def _check_label(cls, value: dict[str, str]) -> dict[str, str]:
        return check_texts(value, all_languages=True)

    @field_validator("languages")
    @classmethod
    def _check_languages(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(supported_languages()))
        if unknown or not value:
            raise ValueError(f"supported languages only, at least one: {unknown or value}")
        return value


class PriorityConfig(Strict):
    # First-response target: minutes of business time, or whole business days.
    first_response_minutes: int | None = Field(default=None, ge=1, le=60 * 24 * 30)
    first_response_business_days: int | None = Field(default=None, ge=1, le=30)
    # Counted around the clock instead of in business hours.
    around_the_clock: bool = False

    @model_validator(mode="after")
    def _one_target(self) -> PriorityConfig:
        if (self.first_response_minutes is None) == (self.first_response_business_days is None):
            raise ValueError("give first_response_minutes or first_response_business_days")
        return self


class PriorityRules(Strict):
    """How a handoff's priority is chosen; the first rule that applies wins (P1, P2, P4)."""

    top: list[str] = Field(default_factory=list)  # categories that are always P1
    top_when_others_affected: bool = True  # many people affected → P1
    cannot_work: list[str] = Field(default_factory=list)  # categories that stop work → P2
    # Phrases in the user's messages that say they cannot work (→ P2), per language.
    cannot_work_phrases: dict[str, list[str]] = Field(default_factory=dict)
    requests: list[str] = Field(default_factory=list)  # plain requests → P4
    default: Priority = "P3"

    @field_validator("top", "cannot_work", "requests")
    @classmethod
    def _check_categories(cls, value: list[str]) -> list[str]:
        bad = [name for name in value if not _INTENT.fullmatch(name)]
        if bad:
            raise ValueError(f"not an intent name: {', '.join(bad)}")
        return value

    @field_validator("cannot_work_phrases")
    @classmethod
    def _check_phrases(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(value) - set(supported_languages()))
        if unknown:
            raise ValueError(f"no such supported language: {', '.join(unknown)}")
        if any(not phrase.strip() for phrases in value.values() for phrase in phrases):
            raise ValueError("empty phrase")
        return {language: [p.casefold() for p in phrases] for language, phrases in value.items()}


class BusinessHoursConfig(Strict):
    timezone: str = "Europe/Berlin"
    # Per weekday ("mon" … "sun"), opening intervals "08:00-12:00"; a missing day is closed.
    week: dict[str, list[str]] = Field(default_factory=dict)
    holidays: list[date] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r} (use e.g. Europe/Berlin)") from error
        return value

    @field_validator("week")
    @classmethod
    def _check_week(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(value) - set(WEEKDAYS))
        if unknown:
            raise ValueError(f"weekdays are {', '.join(WEEKDAYS)}, not {', '.join(unknown)}")
        for intervals in value.values():
            for interval in intervals:
                if not _INTERVAL.fullmatch(interval):
                    raise ValueError(f"{interval!r}: write intervals as HH:MM-HH:MM")
        return value

    @model_validator(mode="after")
    def _check_hours(self) -> BusinessHoursConfig:
        self.hours()  # overlapping or backwards intervals raise ValueError here
        return self

    def hours(self) -> BusinessHours:
        week = {
            WEEKDAYS.index(day): tuple(_interval(text) for text in sorted(intervals))
            for day, intervals in self.week.items()
            if intervals
        }
        return BusinessHours(
            timezone=ZoneInfo(self.timezone), week=week, holidays=frozenset(self.holidays)
        )


def _interval(text: str) -> tuple[time, time]:
    start, end = text.split("-")
    # "24:00" (and "00:00" as an end) mean midnight at the end of the day.
    end_time = time(0, 0) if end == "24:00" else time.fromisoformat(end)
    return time.fromisoformat(start), end_time


class CannedResponse(Strict):
    id: str
    title: dict[str, str]
    text: dict[str, str]

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _CANNED_ID.fullmatch(value):
            raise ValueError("ids are lowercase letters, digits, - and _")
        return value

    @field_validator("title", "text")
    @classmethod
    def _check_texts(cls, value: dict[str, str]) -> dict[str, str]:
        return check_texts(value)


class EscalationConfig(Strict):
    queues: dict[str, QueueConfig]
    default_queue: str = "general"
    routing: dict[str, str] = Field(default_factory=dict)  # category (intent) → queue
    priorities: dict[Priority, PriorityConfig]
    priority_rules: PriorityRules = PriorityRules()
    business_hours: BusinessHoursConfig = BusinessHoursConfig()
    canned_responses: list[CannedResponse] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_references(self) -> EscalationConfig:
        bad = [name for name in self.queues if not _QUEUE.fullmatch(name)]
        if bad:
            raise ValueError(f"queue names are lowercase letters, digits, - and _: {bad}")
        if self.default_queue not in self.queues:
            raise ValueError(f"default_queue {self.default_queue!r} is not a queue")
        unknown = sorted({queue for queue in self.routing.values() if queue not in self.queues})
        if unknown:
            raise ValueError(f"routing names unknown queues: {', '.join(unknown)}")
        bad = [name for name in self.routing if not _INTENT.fullmatch(name)]
        if bad:
            raise ValueError(f"routing keys are intent names: {bad}")
        missing = [priority for priority in PRIORITIES if priority not in self.priorities]
        if missing:
            raise ValueError(f"priorities lack {', '.join(missing)}")
        ids = [response.id for response in self.canned_responses]
        if len(ids) != len(set(ids)):
            raise ValueError("canned response ids must be unique")
        return self

    @cached_property
    def business_hours_calendar(self) -> BusinessHours:
        return self.business_hours.hours()

    def first_response_time(self, priority: str) -> tuple[timedelta, BusinessHours]:
        """How long the first response may take at `priority`, and on which calendar."""
        rule = self.priorities[priority]  # type: ignore[index]
        calendar = BusinessHours.always() if rule.around_the_clock else self.business_hours_calendar
        if rule.first_response_minutes is not None:
            return timedelta(minutes=rule.first_response_minutes), calendar
        days = rule.first_response_business_days or 1
        return days * _open_time_per_day(self.business_hours_calendar), calendar

    def queue_for(self, category: str | None, language: Language) -> str:
        """The category's queue if its agents speak `language`, else the default queue if
        they do there, else the category's queue anyway (better than nowhere)."""
        queue = self.routing.get(category or "", self.default_queue)
        if language in self.queues[queue].languages:
            return queue
        if language in self.queues[self.default_queue].languages:
            return self.default_queue
        return queue


def _open_time_per_day(hours: BusinessHours) -> timedelta:
    """The average open time of the days that open at all (a "business day")."""
    days = [
        sum((_length(start, end) for start, end in intervals), timedelta())
        for intervals in hours.week.values()
        if intervals
    ]
    return sum(days, timedelta()) / len(days) if days else timedelta(hours=24)


def _length(start: time, end: time) -> timedelta:
    minutes = (end.hour * 60 + end.minute or 24 * 60) - (start.hour * 60 + start.minute)
    return timedelta(minutes=minutes)


@cache
def shipped_escalation() -> EscalationConfig:
    """The `escalation:` section of the shipped defaults.yml (for configurations that do
    not come through `load_config`, such as tests building a tenant by hand)."""
    defaults = Path(__file__).with_name("defaults.yml").read_text(encoding="utf-8")
    return EscalationConfig.model_validate(yaml.safe_load(defaults)["escalation"])
