# "Kamis, 24 Maret 2022 14.00 WIB": Indonesian puts a full stop between hours
# and minutes and no comma between the date and the time.
DATE_FORMAT = "l, j F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "l, j F Y H.i T"
# The desk's lists and start page: "5 Des 2026 03.30" (Django's "05-12-2026
# 03:30" put a colon in the time).
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H.i"
