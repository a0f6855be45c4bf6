# "Thursday, 24 March 2022, 14:00 WIB": British order (day before month), 24-hour
# clock, as the newsroom's English edition writes it.
DATE_FORMAT = "l, j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "l, j F Y, H:i T"
# The desk's lists and start page: "5 Dec 2026, 03:30", never Django's
# American "12/05/2026 3:30 a.m.", read as 12 May in Jakarta and London.
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
