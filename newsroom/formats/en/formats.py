from newsroom.formats import DAY_FIRST_DATES

# "Thursday, 24 March 2022, 14:00 WIB": British order (day before month), 24-hour
# clock, as the newsroom's English edition writes it.
DATE_FORMAT = "l, j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "l, j F Y, H:i T"
# The desk's lists and start page: "5 Dec 2026, 03:30", never Django's
# American "12/05/2026 3:30 a.m.", read as 12 May in Jakarta and London.
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"

# Typed day first, as on the Indonesian desk (Django's English took only
# month-first and ISO dates: 24/03/2022 was "Enter a valid date").
DATE_INPUT_FORMATS = DAY_FIRST_DATES
DATETIME_INPUT_FORMATS = [
    f"{date} {time}" for date in DAY_FIRST_DATES for time in ("%H:%M:%S", "%H:%M")
]
