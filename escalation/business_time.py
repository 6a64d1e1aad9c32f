"""Business hours of a tenant and SLA deadlines counted in them.

A service desk promises a first response within, say, 15 minutes of *open* time:
Mon–Fri 08:00–18:00 Europe/Berlin, closed on public holidays. The opening intervals
are wall-clock times of the tenant's time zone; every computation turns them into
real instants (UTC), so a day with a DST change counts the time that really elapses
(23 or 25 hours for a day open 00:00–24:00).

Wall times are resolved like this:

* an interval end of ``time(0, 0)`` means midnight at the *end* of that day (24:00);
* a wall time that does not exist (the spring-forward gap) is the first existing
  instant after it, i.e. the moment of the change;
* an ambiguous wall time (fall back) is its first occurrence (``fold=0``).

All functions are pure, take timezone-aware datetimes (``ValueError`` for naive ones)
and return datetimes in UTC. Open intervals are half-open: open at their start,
closed at their end.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from types import MappingProxyType
from zoneinfo import ZoneInfo

__all__ = [
    "BusinessHours",
    "add_business_time",
    "business_time_between",
    "is_open",
    "next_opening",
]

_SEARCH_DAYS = 400  # consecutive closed local dates that end a search for the next opening

_MIDNIGHT = time(0, 0)
_ONE_DAY = timedelta(days=1)
_ZERO = timedelta(0)

_Interval = tuple[time, time]
_Span = tuple[datetime, datetime]  # [start, end) in UTC


@dataclass(frozen=True, kw_only=True)
class BusinessHours:
    """When a tenant's desk is open.

    ``week`` maps a weekday (0 = Monday … 6 = Sunday) to sorted, non-overlapping
    opening intervals in local wall time; a missing weekday is closed. An interval
    ``(start, time(0, 0))`` runs to midnight at the end of the day, so
    ``(time(0, 0), time(0, 0))`` is the whole day. ``holidays`` are local dates on
    which the desk stays closed.
    """

    timezone: ZoneInfo
    week: Mapping[int, tuple[_Interval, ...]]
    holidays: frozenset[date] = field(default=frozenset())

    def __post_init__(self) -> None:
        if not isinstance(self.timezone, tzinfo):
            raise TypeError(f"timezone must be a ZoneInfo, not {type(self.timezone).__name__}")
        week: dict[int, tuple[_Interval, ...]] = dict.fromkeys(range(7), ())
        for weekday, intervals in self.week.items():
            if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
                raise ValueError(f"weekday keys are 0 (Monday) … 6 (Sunday), not {weekday!r}")
            week[weekday] = _checked_intervals(weekday, intervals)
        holidays = frozenset(self.holidays)
        for holiday in holidays:
            if isinstance(holiday, datetime) or not isinstance(holiday, date):
                raise TypeError(f"holidays are dates, not {holiday!r}")
        object.__setattr__(self, "week", MappingProxyType(week))
        object.__setattr__(self, "holidays", holidays)

    def __hash__(self) -> int:
        return hash((self.timezone, tuple(sorted(self.week.items())), self.holidays))

    @classmethod
    def always(cls) -> BusinessHours:
        """Open around the clock (UTC), for SLAs that do not pause."""
        whole_day = ((_MIDNIGHT, _MIDNIGHT),)
        return cls(timezone=ZoneInfo("UTC"), week=dict.fromkeys(range(7), whole_day))


def _checked_intervals(weekday: int, intervals: object) -> tuple[_Interval, ...]:
    if not isinstance(intervals, tuple | list):
        raise TypeError(f"weekday {weekday}: intervals must be a tuple of (start, end) pairs")
    checked: list[_Interval] = []
    previous_end: time | None = None  # None: nothing yet; time(0, 0): the day is used up
    for interval in intervals:
        if not isinstance(interval, tuple | list) or len(interval) != 2:
            raise TypeError(f"weekday {weekday}: an interval is a (start, end) pair of times")
        start, end = interval
        if not isinstance(start, time) or not isinstance(end, time):
            raise TypeError(f"weekday {weekday}: an interval is a (start, end) pair of times")
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError(f"weekday {weekday}: interval times are wall times, without tzinfo")
        # fold only matters for ambiguous wall times, which are always read with fold=0
        start, end = start.replace(fold=0), end.replace(fold=0)
        if end != _MIDNIGHT and not start < end:
            raise ValueError(f"weekday {weekday}: interval {start}–{end} must start before it ends")
        if previous_end is not None and (previous_end == _MIDNIGHT or start < previous_end):
            raise ValueError(
                f"weekday {weekday}: intervals must be sorted and must not overlap ({start})"
            )
        checked.append((start, end))
        previous_end = end
    return tuple(checked)


def _require_aware(**values: datetime) -> None:
    for name, value in values.items():
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")


def _instant(day: date, wall: time, zone: tzinfo) -> datetime:
    """The UTC instant of a local wall time: first occurrence, or the end of a gap."""
    local = datetime.combine(day, wall, tzinfo=zone).replace(fold=0)
    instant = local.astimezone(UTC)
    naive = local.replace(tzinfo=None)
    if instant.astimezone(zone).replace(tzinfo=None) == naive:
        return instant
    # A gap (clocks jump forward). fold=1 reads the wall time with the offset after the
    # change, fold=0 with the one before; the change lies between the two readings: find
    # the first instant whose wall time is past the requested one.
    low = local.replace(fold=1).astimezone(UTC)
    high = instant
    if high <= low:  # not a forward jump after all; keep the plain reading
        return instant
    steps = (high - low) // timedelta(microseconds=1)
    first, last = 0, steps  # invariant: the answer is low + k µs with first ≤ k ≤ last
    while first < last:
        middle = (first + last) // 2
        candidate = low + timedelta(microseconds=middle)
        if candidate.astimezone(zone).replace(tzinfo=None) > naive:
            last = middle
        else:
            first = middle + 1
    return low + timedelta(microseconds=first)


def _day_spans(day: date, hours: BusinessHours) -> list[_Span]:
    """The open spans of one local date, in UTC, in order (empty ones dropped)."""
    if day in hours.holidays:
        return []
    spans: list[_Span] = []
    for start, end in hours.week[day.weekday()]:
        begins = _instant(day, start, hours.timezone)
        if end == _MIDNIGHT:
            ends = _instant(day + _ONE_DAY, _MIDNIGHT, hours.timezone)
        else:
            ends = _instant(day, end, hours.timezone)
        if begins < ends:
            spans.append((begins, ends))
    return spans


def _first_day(at: datetime, hours: BusinessHours) -> date:
    # One day of slack: where clocks go back over midnight, an instant can belong to the
    # previous local date although the next date's spans have already begun.
    return at.astimezone(hours.timezone).date() - _ONE_DAY


def _spans_from(at: datetime, hours: BusinessHours) -> Iterator[_Span]:
    """Open spans after `at` (the first one clipped to start at `at`), in order.

    Stops after 400 consecutive local dates without open time.
    """
    if not any(hours.week.values()):
        return
    day = _first_day(at, hours)
    closed_days = 0
    while closed_days <= _SEARCH_DAYS:
        found = False
        for start, end in _day_spans(day, hours):
            if end > at:
                found = True
                yield max(start, at), end
        closed_days = 0 if found else closed_days + 1
        day += _ONE_DAY


def is_open(at: datetime, hours: BusinessHours) -> bool:
    """Whether the desk is open at the instant `at`."""
    _require_aware(at=at)
    at = at.astimezone(UTC)  # compare instants, never wall times
    first = _first_day(at, hours)
    return any(
        start <= at < end
        for day in (first, first + _ONE_DAY, first + 2 * _ONE_DAY)
        for start, end in _day_spans(day, hours)
    )


def next_opening(at: datetime, hours: BusinessHours) -> datetime | None:
    """`at` (in UTC) if open, else the next instant the desk opens.

    None if it never opens: an empty week, or no open time within 400 days.
    """
    _require_aware(at=at)
    for start, _end in _spans_from(at.astimezone(UTC), hours):
        return start
    return None


def add_business_time(start: datetime, duration: timedelta, hours: BusinessHours) -> datetime:
    """The instant (UTC) at which `duration` of open time has elapsed after `start`.

    Counting begins at the next opening if `start` is outside hours. A deadline that
    fills an interval exactly is that interval's end (e.g. 10 h from 08:00 is 18:00).
    A zero duration gives the next opening (`start` itself if open, or `start` if the
    desk never opens). Raises ValueError for a naive `start`, a negative duration, or a
    positive duration when the desk never opens.
    """
    _require_aware(start=start)
    if duration < _ZERO:
        raise ValueError(f"duration must not be negative, got {duration}")
    start = start.astimezone(UTC)
    if duration == _ZERO:
        opening = next_opening(start, hours)
        return start if opening is None else opening
    remaining = duration
    for begins, ends in _spans_from(start, hours):
        available = ends - begins
        if remaining <= available:
            return begins + remaining
        remaining -= available
    raise ValueError(f"the business hours have no open time within {_SEARCH_DAYS} days")


def business_time_between(start: datetime, end: datetime, hours: BusinessHours) -> timedelta:
    """The open time elapsed in [start, end); zero if `end` is not after `start`."""
    _require_aware(start=start, end=end)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    total = _ZERO
    if end <= start or not any(hours.week.values()):
        return total
    day = _first_day(start, hours)
    last_day = end.astimezone(hours.timezone).date() + _ONE_DAY
    while day <= last_day:
        for begins, ends in _day_spans(day, hours):
            overlap = min(ends, end) - max(begins, start)
            if overlap > _ZERO:
                total += overlap
        day += _ONE_DAY
    return total
