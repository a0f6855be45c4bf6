"""The days the newsroom deals in: one home for their range, and for a time
of day written as its pages write it."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

# No story was or will be published, no meeting held, no ban or pin ends,
# outside these days. A date beyond them is a typo ("0024" for 2024), and
# date arithmetic near year 1 or 9999 overflows: 00:00 WIB on 1 January of
# year 1 is year 0 in UTC, which the database layer could not convert (a 500
# on saving a story or a meeting dated so).
NEWSROOM_DATES = (date(1900, 1, 1), date(2100, 12, 31))


def within_newsroom_dates(value: date | datetime | None) -> None:
    """A form field's validator: `value` (a day, or a time on a day in the
    current time zone) lies within NEWSROOM_DATES."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    first, last = NEWSROOM_DATES
    if not first <= day <= last:
        raise ValidationError(
            _("Enter a date from the year %(first)s to %(last)s."),
            code="date_range",
            params={"first": first.year, "last": last.year},
        )


def clock_time(value: datetime) -> str:
    """`value`'s time of day in the current time zone, in the active
    language, with the zone's abbreviation, as pages write it
    (`{{ when|time:"TIME_FORMAT" }} {{ when|date:"T" }}`): "22.03 WIB" in
    Indonesian, "22:03 WIB" in English (newsroom/formats)."""
    local = timezone.localtime(value)
    return f"{time_format(local, 'TIME_FORMAT')} {date_format(local, 'T')}"
