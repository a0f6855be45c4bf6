"""The days the newsroom deals in: one home for their range, and for a time
of day written as its pages write it."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format, get_format, time_format
from django.utils.translation import gettext
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


# The day the help's example writes: the 24th cannot be a month.
EXAMPLE_DAY = date(2022, 3, 24)


def date_typing_help() -> str:
    """How the desk's date fields take a date, in the active language, with
    an example in the format the field shows ("Day first: 24/03/2022.")."""
    example = EXAMPLE_DAY.strftime(get_format("DATE_INPUT_FORMATS")[0])
    return gettext("Day first: %(example)s.") % {"example": example}


def clock_time(value: datetime) -> str:
    """`value`'s time of day in the current time zone, in the active
    language, with the zone's abbreviation, as pages write it
    (`{{ when|time:"TIME_FORMAT" }} {{ when|date:"T" }}`): "22.03 WIB" in
    Indonesian, "22:03 WIB" in English (newsroom/formats)."""
    local = timezone.localtime(value)
    return f"{time_format(local, 'TIME_FORMAT')} {date_format(local, 'T')}"


def time_or_date(value: datetime) -> str:
    """`value`'s time if it is today, else its day and time, in the
    newsroom's time zone, as the desk's language writes them (newsroom/
    formats: "23.16" or "5 Des 2026 23.16" in Indonesian, as History and the
    edit lock's refusal write it; "23:16", "5 Dec 2026, 23:16" in English):
    when a copy was autosaved, since when someone has a form open."""
    local = timezone.localtime(value)
    if local.date() == timezone.localdate():
        return date_format(local, "TIME_FORMAT")
    return date_format(local, "SHORT_DATETIME_FORMAT")
