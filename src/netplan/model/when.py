"""When an event happens: its start and end as comparable date-times, and working days.

Pure. A date-time written with an offset keeps it; one written without takes the
event's `timezone`; with neither, it stays "floating" (local wherever you are), as
iCalendar allows. Arithmetic on zoned times goes through UTC, so "every 45 minutes"
means 45 real minutes across a daylight-saving change.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netplan.model.event import EventInfo


class UnknownZone(ValueError):
    pass


def zone(name: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    shown = name if len(name) <= 60 else name[:60] + "…"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownZone(
            f"unknown time zone '{shown}': use an IANA name such as Europe/Berlin"
        ) from None


def _placed(moment: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    if moment.tzinfo is None and tz is not None:
        return moment.replace(tzinfo=tz)
    return moment


def window(info: EventInfo) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Start and end; None where the file does not say. One may be zoned and the other
    floating in a file that `time_problems` refuses."""
    if not isinstance(info.date, dt.datetime):
        return None, None
    tz = zone(info.timezone) if info.timezone else None
    start = _placed(info.date, tz)
    if info.ends is not None:
        return start, _placed(info.ends, tz)
    if info.duration_minutes is not None:
        return start, after(start, dt.timedelta(minutes=info.duration_minutes))
    return start, None


def after(moment: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """`moment` plus `delta` of elapsed time, on the same clock as `moment`."""
    if moment.tzinfo is None:
        return moment + delta
    return (moment.astimezone(dt.UTC) + delta).astimezone(moment.tzinfo)


def earlier(a: dt.datetime, b: dt.datetime) -> bool:
    """Whether `a` comes before `b` in real time (Python compares two times of one zone
    by their wall clocks, which is wrong in the hour a clock goes back)."""
    if a.tzinfo is None or b.tzinfo is None:
        return a < b
    return a.astimezone(dt.UTC) < b.astimezone(dt.UTC)


def working_days_after(day: dt.date, days: int) -> dt.date:
    """The date `days` working days (Monday to Friday) after `day`."""
    while days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def event_day(info: EventInfo) -> dt.date | None:
    """The day the event starts on, in its own time zone."""
    if isinstance(info.date, dt.datetime):
        return info.date.date()
    return info.date
