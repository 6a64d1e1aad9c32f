"""SLA deadlines in business hours: office weeks, lunch breaks, holidays, DST changes."""

from __future__ import annotations

import time as clock
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from escalation.business_time import (
    BusinessHours,
    add_business_time,
    business_time_between,
    is_open,
    next_opening,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
MIDNIGHT = time(0, 0)

OFFICE = BusinessHours(
    timezone=BERLIN, week={day: ((time(8), time(18)),) for day in range(5)}
)  # Mon–Fri 08:00–18:00
LUNCH = BusinessHours(
    timezone=BERLIN,
    week={day: ((time(8), time(12)), (time(13), time(17))) for day in range(5)},
)
CHRISTMAS = BusinessHours(
    timezone=BERLIN,
    week=OFFICE.week,
    holidays=frozenset({date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26)}),
)
OFFICE_AND_SUNDAY = BusinessHours(  # weekdays 08–18 plus all of Sunday (24 h by the wall clock)
    timezone=BERLIN, week={**OFFICE.week, 6: ((MIDNIGHT, MIDNIGHT),)}
)
EMPTY = BusinessHours(timezone=BERLIN, week={})


# Deadlines are compared in UTC: == between datetimes with different tzinfos is always False
# when one of them is an ambiguous wall time (PEP 495), and + on a zoned datetime is wall-clock
# arithmetic.


def berlin(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, fold: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN, fold=fold)


def sunday_only(*intervals: tuple[time, time]) -> BusinessHours:
    return BusinessHours(timezone=BERLIN, week={6: intervals})


# --- add_business_time ------------------------------------------------------------------

ADD_CASES = [
    # (id, hours, start, duration, expected deadline)
    ("p1-friday-evening", OFFICE, berlin(2026, 3, 6, 17, 50), timedelta(minutes=15), berlin(2026, 3, 9, 8, 5)),
    ("p1-before-opening", OFFICE, berlin(2026, 3, 9, 7, 0), timedelta(minutes=15), berlin(2026, 3, 9, 8, 15)),
    ("p1-saturday", OFFICE, berlin(2026, 3, 7, 11, 0), timedelta(minutes=15), berlin(2026, 3, 9, 8, 15)),
    ("p1-at-closing", OFFICE, berlin(2026, 3, 9, 18, 0), timedelta(minutes=15), berlin(2026, 3, 10, 8, 15)),
    ("inside-hours", OFFICE, berlin(2026, 3, 10, 9, 30), timedelta(hours=2), berlin(2026, 3, 10, 11, 30)),
    ("one-business-day", OFFICE, berlin(2026, 1, 8, 10, 0), timedelta(hours=10), berlin(2026, 1, 9, 10, 0)),
    ("fills-the-day-exactly", OFFICE, berlin(2026, 1, 12, 8, 0), timedelta(hours=10), berlin(2026, 1, 12, 18, 0)),
    ("one-business-week", OFFICE, berlin(2026, 1, 12, 8, 0), timedelta(hours=50), berlin(2026, 1, 16, 18, 0)),
    ("over-the-weekend", OFFICE, berlin(2026, 1, 16, 12, 0), timedelta(hours=10), berlin(2026, 1, 19, 12, 0)),
    ("lunch-spans-the-break", LUNCH, berlin(2026, 1, 12, 11, 50), timedelta(minutes=30), berlin(2026, 1, 12, 13, 20)),
    ("lunch-starts-in-break", LUNCH, berlin(2026, 1, 12, 12, 30), timedelta(minutes=15), berlin(2026, 1, 12, 13, 15)),
    ("lunch-into-next-day", LUNCH, berlin(2026, 1, 12, 16, 50), timedelta(minutes=20), berlin(2026, 1, 13, 8, 10)),
    ("lunch-whole-day", LUNCH, berlin(2026, 1, 12, 8, 0), timedelta(hours=8), berlin(2026, 1, 12, 17, 0)),
    ("holiday-before", CHRISTMAS, berlin(2026, 12, 23, 17, 0), timedelta(hours=2), berlin(2026, 12, 28, 9, 0)),
    ("holiday-starts-on-one", CHRISTMAS, berlin(2026, 12, 24, 10, 0), timedelta(hours=1), berlin(2026, 12, 28, 9, 0)),
    ("holiday-one-day-sla", CHRISTMAS, berlin(2026, 12, 23, 10, 0), timedelta(hours=10), berlin(2026, 12, 28, 10, 0)),
    ("no-holidays-configured", OFFICE, berlin(2026, 12, 23, 17, 0), timedelta(hours=2), berlin(2026, 12, 24, 9, 0)),
    # spring forward (2026-03-29): Sunday 00:00–24:00 by the wall clock is 23 real hours
    ("spring-whole-sunday", OFFICE_AND_SUNDAY, berlin(2026, 3, 29), timedelta(hours=23), berlin(2026, 3, 30)),
    ("spring-into-monday", OFFICE_AND_SUNDAY, berlin(2026, 3, 29), timedelta(hours=24), berlin(2026, 3, 30, 9, 0)),
    ("spring-over-the-gap", OFFICE_AND_SUNDAY, berlin(2026, 3, 29, 1, 0), timedelta(hours=1), berlin(2026, 3, 29, 3, 0)),
    ("spring-from-saturday", OFFICE_AND_SUNDAY, berlin(2026, 3, 28, 12, 0), timedelta(hours=23), berlin(2026, 3, 30)),
    # fall back (2026-10-25): the same Sunday is 25 real hours
    ("fall-whole-sunday", OFFICE_AND_SUNDAY, berlin(2026, 10, 25), timedelta(hours=25), berlin(2026, 10, 26)),
    ("fall-24-hours", OFFICE_AND_SUNDAY, berlin(2026, 10, 25), timedelta(hours=24), berlin(2026, 10, 25, 23, 0)),
    ("fall-repeated-hour", OFFICE_AND_SUNDAY, berlin(2026, 10, 25, 2, 30), timedelta(hours=1), berlin(2026, 10, 25, 2, 30, fold=1)),
    ("fall-into-monday", OFFICE_AND_SUNDAY, berlin(2026, 10, 25), timedelta(hours=26), berlin(2026, 10, 26, 9, 0)),
    # zero duration: the next opening, or the start itself when open
    ("zero-when-open", OFFICE, berlin(2026, 1, 12, 9, 0), timedelta(0), berlin(2026, 1, 12, 9, 0)),
    ("zero-when-closed", OFFICE, berlin(2026, 1, 16, 18, 0), timedelta(0), berlin(2026, 1, 19, 8, 0)),
    ("zero-on-holiday", CHRISTMAS, berlin(2026, 12, 24, 9, 0), timedelta(0), berlin(2026, 12, 28, 8, 0)),
    ("zero-empty-week", EMPTY, berlin(2026, 1, 12, 9, 0), timedelta(0), berlin(2026, 1, 12, 9, 0)),
    # a start in another time zone: 11:50 in New York is 17:50 in Berlin
    ("new-york-friday", OFFICE, datetime(2026, 3, 6, 11, 50, tzinfo=NEW_YORK), timedelta(minutes=15), berlin(2026, 3, 9, 8, 5)),
    # US clocks changed on 2026-03-08, Europe's on 03-29: 02:00 EDT is 07:00 in Berlin
    ("new-york-dst-mismatch", OFFICE, datetime(2026, 3, 9, 2, 0, tzinfo=NEW_YORK), timedelta(minutes=15), berlin(2026, 3, 9, 8, 15)),
    ("fixed-offset-start", OFFICE, datetime(2026, 1, 12, 12, 0, tzinfo=timezone(timedelta(hours=5))), timedelta(hours=1), berlin(2026, 1, 12, 9, 0)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("hours", "start", "duration", "expected"),
    [case[1:] for case in ADD_CASES],
    ids=[case[0] for case in ADD_CASES],
)
def test_add_business_time(
    hours: BusinessHours, start: datetime, duration: timedelta, expected: datetime
) -> None:
    deadline = add_business_time(start, duration, hours)
    assert deadline == expected.astimezone(UTC)
    assert deadline.tzinfo is UTC


def test_the_result_is_utc_with_the_expected_wall_time() -> None:
    deadline = add_business_time(berlin(2026, 3, 6, 17, 50), timedelta(minutes=15), OFFICE)
    assert deadline == datetime(2026, 3, 9, 7, 5, tzinfo=UTC)
    assert deadline.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 3, 9, 8, 5)


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 1, 1, 0, 0, tzinfo=UTC),
        berlin(2026, 3, 29, 1, 30),  # just before spring forward
        berlin(2026, 10, 25, 2, 30, fold=1),  # inside the repeated hour
        datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK),  # US fall back
        datetime(2027, 6, 15, 12, 34, 56, 789, tzinfo=timezone(timedelta(hours=-3))),
    ],
)
@pytest.mark.parametrize(
    "duration",
    [
        timedelta(0),
        timedelta(microseconds=1),
        timedelta(minutes=15),
        timedelta(hours=24),
        timedelta(days=9, hours=3),
        timedelta(days=400),
    ],
)
def test_around_the_clock_is_plain_addition(start: datetime, duration: timedelta) -> None:
    always = BusinessHours.always()
    end = start.astimezone(UTC) + duration  # real time, not wall-clock arithmetic
    assert add_business_time(start, duration, always) == end
    assert business_time_between(start, end, always) == duration
    assert is_open(start, always)


# --- DST: intervals crossing or touching a change -------------------------------------


@pytest.mark.parametrize(
    ("hours", "day", "open_time", "first_opening"),
    [
        # 01:30 CET → 03:30 CEST: one real hour
        (sunday_only((time(1, 30), time(3, 30))), date(2026, 3, 29), timedelta(hours=1), berlin(2026, 3, 29, 1, 30)),
        # 01:30 CEST → 03:30 CET: three real hours
        (sunday_only((time(1, 30), time(3, 30))), date(2026, 10, 25), timedelta(hours=3), berlin(2026, 10, 25, 1, 30)),
        # 02:30 does not exist: the interval opens at the change, 03:00 CEST
        (sunday_only((time(2, 30), time(5, 0))), date(2026, 3, 29), timedelta(hours=2), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        # an interval ending in the gap ends at the change
        (sunday_only((time(1, 0), time(2, 30))), date(2026, 3, 29), timedelta(hours=1), berlin(2026, 3, 29, 1, 0)),
        # 02:30 happens twice: the first occurrence (CEST) counts
        (sunday_only((time(2, 30), time(4, 0))), date(2026, 10, 25), timedelta(hours=2, minutes=30), berlin(2026, 10, 25, 2, 30)),
        (sunday_only((time(0, 0), time(2, 30))), date(2026, 10, 25), timedelta(hours=2, minutes=30), berlin(2026, 10, 25, 0, 0)),
        # back-to-back intervals around the change count the whole day once
        (sunday_only((MIDNIGHT, time(2, 30)), (time(2, 30), MIDNIGHT)), date(2026, 3, 29), timedelta(hours=23), berlin(2026, 3, 29)),
        (sunday_only((MIDNIGHT, time(2, 30)), (time(2, 30), MIDNIGHT)), date(2026, 10, 25), timedelta(hours=25), berlin(2026, 10, 25)),
        # an ordinary Sunday for comparison
        (sunday_only((MIDNIGHT, MIDNIGHT)), date(2026, 3, 22), timedelta(hours=24), berlin(2026, 3, 22)),
    ],
)  # fmt: skip
def test_intervals_across_a_dst_change_count_real_time(
    hours: BusinessHours, day: date, open_time: timedelta, first_opening: datetime
) -> None:
    start = datetime.combine(day - timedelta(days=1), time(12), tzinfo=BERLIN)
    end = datetime.combine(day + timedelta(days=1), time(12), tzinfo=BERLIN)
    assert business_time_between(start, end, hours) == open_time
    first_opening = first_opening.astimezone(UTC)
    assert next_opening(start, hours) == first_opening
    # the day's open time is one stretch of real time
    assert add_business_time(start, open_time, hours) == first_opening + open_time


def test_an_interval_inside_the_gap_never_opens_that_day() -> None:
    hours = sunday_only((time(2, 0), time(2, 59)))
    assert business_time_between(berlin(2026, 3, 29), berlin(2026, 3, 30), hours) == timedelta(0)
    assert next_opening(berlin(2026, 3, 29), hours) == berlin(2026, 4, 5, 2, 0).astimezone(UTC)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (berlin(2026, 10, 25, 2, 15, fold=0), False),  # first 02:15 (CEST), before opening
        (berlin(2026, 10, 25, 2, 30, fold=0), True),
        (berlin(2026, 10, 25, 2, 15, fold=1), True),  # second 02:15 (CET)
        (berlin(2026, 10, 25, 3, 59), True),
        (berlin(2026, 10, 25, 4, 0), False),
    ],
)
def test_is_open_in_the_repeated_hour(at: datetime, expected: bool) -> None:
    assert is_open(at, sunday_only((time(2, 30), time(4, 0)))) is expected


# --- is_open, next_opening, business_time_between ---------------------------------------


@pytest.mark.parametrize(
    ("hours", "at", "expected"),
    [
        (OFFICE, berlin(2026, 1, 12, 7, 59), False),
        (OFFICE, datetime(2026, 1, 12, 7, 59, 59, 999999, tzinfo=BERLIN), False),
        (OFFICE, berlin(2026, 1, 12, 8, 0), True),
        (OFFICE, berlin(2026, 1, 12, 17, 59), True),
        (OFFICE, berlin(2026, 1, 12, 18, 0), False),
        (OFFICE, berlin(2026, 1, 17, 10, 0), False),  # Saturday
        (OFFICE, datetime(2026, 1, 12, 7, 30, tzinfo=UTC), True),  # 08:30 in Berlin
        (LUNCH, berlin(2026, 1, 12, 12, 0), False),
        (LUNCH, berlin(2026, 1, 12, 13, 0), True),
        (CHRISTMAS, berlin(2026, 12, 24, 10, 0), False),
        (CHRISTMAS, berlin(2026, 12, 23, 10, 0), True),
        (OFFICE_AND_SUNDAY, berlin(2026, 3, 29, 23, 59), True),
        (OFFICE_AND_SUNDAY, berlin(2026, 3, 30, 0, 0), False),
        (EMPTY, berlin(2026, 1, 12, 10, 0), False),
    ],
)
def test_is_open(hours: BusinessHours, at: datetime, expected: bool) -> None:
    assert is_open(at, hours) is expected


@pytest.mark.parametrize(
    ("hours", "at", "expected"),
    [
        (OFFICE, berlin(2026, 1, 12, 9, 0), berlin(2026, 1, 12, 9, 0)),
        (OFFICE, berlin(2026, 1, 12, 18, 0), berlin(2026, 1, 13, 8, 0)),
        (OFFICE, berlin(2026, 1, 16, 20, 0), berlin(2026, 1, 19, 8, 0)),
        (LUNCH, berlin(2026, 1, 12, 12, 1), berlin(2026, 1, 12, 13, 0)),
        (CHRISTMAS, berlin(2026, 12, 23, 18, 0), berlin(2026, 12, 28, 8, 0)),
        (EMPTY, berlin(2026, 1, 12, 9, 0), None),
    ],
)
def test_next_opening(hours: BusinessHours, at: datetime, expected: datetime | None) -> None:
    opening = next_opening(at, hours)
    if expected is None:
        assert opening is None
    else:
        assert opening == expected.astimezone(UTC)
        assert opening.tzinfo is UTC


def test_next_opening_gives_up_after_more_than_a_year_of_holidays() -> None:
    holidays = frozenset(date(2026, 1, 1) + timedelta(days=n) for n in range(800))
    closed = BusinessHours(timezone=BERLIN, week=OFFICE.week, holidays=holidays)
    assert next_opening(berlin(2026, 1, 1), closed) is None
    with pytest.raises(ValueError, match="no open time"):
        add_business_time(berlin(2026, 1, 1), timedelta(minutes=15), closed)


@pytest.mark.parametrize(
    ("hours", "start", "end", "expected"),
    [
        (OFFICE, berlin(2026, 1, 16, 17, 0), berlin(2026, 1, 19, 9, 0), timedelta(hours=2)),
        (OFFICE, berlin(2026, 1, 12), berlin(2026, 1, 19), timedelta(hours=50)),
        (OFFICE, berlin(2026, 1, 12, 9, 0), berlin(2026, 1, 12, 9, 0), timedelta(0)),
        (OFFICE, berlin(2026, 1, 12, 10, 0), berlin(2026, 1, 12, 9, 0), timedelta(0)),
        (OFFICE, berlin(2026, 1, 17), berlin(2026, 1, 18), timedelta(0)),
        (LUNCH, berlin(2026, 1, 12, 11, 0), berlin(2026, 1, 12, 14, 0), timedelta(hours=2)),
        (CHRISTMAS, berlin(2026, 12, 21), berlin(2026, 12, 28), timedelta(hours=30)),
        (OFFICE, berlin(2026, 1, 1), berlin(2027, 1, 1), timedelta(hours=261 * 10)),
        (OFFICE_AND_SUNDAY, berlin(2026, 3, 28), berlin(2026, 3, 30), timedelta(hours=23)),
        (OFFICE_AND_SUNDAY, berlin(2026, 10, 24), berlin(2026, 10, 26), timedelta(hours=25)),
        (EMPTY, berlin(2026, 1, 1), berlin(2026, 2, 1), timedelta(0)),
        (
            OFFICE,
            datetime(2026, 1, 12, 3, 0, tzinfo=NEW_YORK),  # 09:00 in Berlin
            datetime(2026, 1, 12, 10, 0, tzinfo=UTC),  # 11:00 in Berlin
            timedelta(hours=2),
        ),
    ],
)
def test_business_time_between(
    hours: BusinessHours, start: datetime, end: datetime, expected: timedelta
) -> None:
    assert business_time_between(start, end, hours) == expected


# --- properties over a grid of starts ----------------------------------------------------

GRID_DURATIONS = [
    timedelta(0),
    timedelta(microseconds=1),
    timedelta(minutes=1),
    timedelta(minutes=15),
    timedelta(hours=4),
    timedelta(hours=10),
    timedelta(hours=26, minutes=7),
    timedelta(days=7),
]


def grid_starts() -> list[datetime]:
    """Every 97 minutes around both 2026 DST changes and over Christmas."""
    starts: list[datetime] = []
    for first in (
        datetime(2026, 3, 24, tzinfo=UTC),
        datetime(2026, 10, 20, tzinfo=UTC),
        datetime(2026, 12, 20, tzinfo=UTC),
    ):
        starts += [first + timedelta(minutes=97 * n) for n in range(110)]  # ~7.4 days each
    return starts


@pytest.mark.parametrize(
    "hours",
    [OFFICE, LUNCH, CHRISTMAS, OFFICE_AND_SUNDAY, sunday_only((time(1, 30), time(3, 30)))],
    ids=["office", "lunch", "christmas", "office-and-sunday", "sunday-night"],
)
def test_business_time_between_inverts_add_business_time(hours: BusinessHours) -> None:
    for start in grid_starts():
        for duration in GRID_DURATIONS:
            deadline = add_business_time(start, duration, hours)
            assert deadline >= start
            assert business_time_between(start, deadline, hours) == duration, (start, duration)
        if not is_open(start, hours):
            opening = next_opening(start, hours)
            assert opening is not None
            assert business_time_between(start, opening, hours) == timedelta(0)


@pytest.mark.parametrize("hours", [OFFICE, CHRISTMAS, OFFICE_AND_SUNDAY])
def test_deadlines_compose(hours: BusinessHours) -> None:
    for start in grid_starts()[::7]:
        first, second = timedelta(hours=3, minutes=20), timedelta(hours=9)
        assert add_business_time(start, first + second, hours) == add_business_time(
            add_business_time(start, first, hours), second, hours
        )


def test_a_thousand_deadlines_over_a_long_holiday_are_fast() -> None:
    holidays = frozenset(date(2026, 12, 19) + timedelta(days=n) for n in range(30))
    hours = BusinessHours(timezone=BERLIN, week=OFFICE.week, holidays=holidays)
    began = clock.perf_counter()
    for n in range(1000):
        start = berlin(2026, 12, 18, 10, 0) + timedelta(seconds=37 * n)
        assert add_business_time(start, timedelta(hours=10), hours) > berlin(2027, 1, 18)
    assert clock.perf_counter() - began < 1.0


# --- BusinessHours ----------------------------------------------------------------------


def test_business_hours_fill_missing_weekdays_and_compare_by_value() -> None:
    assert OFFICE.week[5] == ()
    assert OFFICE.week[6] == ()
    same = BusinessHours(
        timezone=BERLIN,
        week={**{day: ((time(8), time(18)),) for day in range(5)}, 5: (), 6: ()},
    )
    assert same == OFFICE
    assert hash(same) == hash(OFFICE)
    assert OFFICE != CHRISTMAS


def test_business_hours_keep_their_own_copy_of_the_week() -> None:
    week = {0: ((time(8), time(18)),)}
    hours = BusinessHours(timezone=BERLIN, week=week)
    week[1] = ((time(8), time(18)),)
    assert hours.week[1] == ()
    with pytest.raises(TypeError):
        hours.week[1] = ()  # type: ignore[index]


def test_always_is_open_all_week_in_utc() -> None:
    always = BusinessHours.always()
    assert always.timezone == ZoneInfo("UTC")
    assert all(always.week[day] == ((MIDNIGHT, MIDNIGHT),) for day in range(7))
    assert always.holidays == frozenset()


def test_touching_intervals_are_allowed() -> None:
    hours = BusinessHours(
        timezone=BERLIN, week={0: ((time(8), time(12)), (time(12), time(13)), (time(13), MIDNIGHT))}
    )
    assert business_time_between(berlin(2026, 1, 12), berlin(2026, 1, 13), hours) == timedelta(
        hours=16
    )
    assert add_business_time(berlin(2026, 1, 12, 11), timedelta(hours=2), hours) == berlin(
        2026, 1, 12, 13
    )


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ({0: ((time(9), time(9)),)}, "must start before it ends"),
        ({0: ((time(10), time(9)),)}, "must start before it ends"),
        ({0: ((time(8), time(12)), (time(11), time(13)))}, "must not overlap"),
        ({0: ((time(13), time(17)), (time(8), time(12)))}, "must be sorted"),
        ({0: ((time(8), MIDNIGHT), (time(20), time(21)))}, "must not overlap"),
        ({7: ((time(8), time(18)),)}, "weekday keys"),
        ({-1: ((time(8), time(18)),)}, "weekday keys"),
        ({0: ((time(8, tzinfo=UTC), time(18)),)}, "without tzinfo"),
    ],
)
def test_invalid_weeks_are_refused(
    week: dict[int, tuple[tuple[time, time], ...]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        BusinessHours(timezone=BERLIN, week=week)


# --- errors ------------------------------------------------------------------------------

NAIVE = datetime(2026, 1, 12, 9, 0)
AWARE = berlin(2026, 1, 12, 9, 0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: is_open(NAIVE, OFFICE),
        lambda: next_opening(NAIVE, OFFICE),
        lambda: add_business_time(NAIVE, timedelta(minutes=15), OFFICE),
        lambda: add_business_time(NAIVE, timedelta(0), OFFICE),
        lambda: business_time_between(NAIVE, AWARE, OFFICE),
        lambda: business_time_between(AWARE, NAIVE, OFFICE),
    ],
    ids=["is_open", "next_opening", "add", "add-zero", "between-start", "between-end"],
)
def test_naive_datetimes_are_refused(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


def test_a_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_time(AWARE, timedelta(seconds=-1), OFFICE)


def test_an_empty_week_cannot_reach_a_deadline() -> None:
    with pytest.raises(ValueError, match="no open time"):
        add_business_time(AWARE, timedelta(minutes=15), EMPTY)
    assert next_opening(AWARE, EMPTY) is None
