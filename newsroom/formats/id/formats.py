# "Kamis, 24 Maret 2022 14.00 WIB": Indonesian puts a full stop between hours
# and minutes and no comma between the date and the time.
DATE_FORMAT = "l, j F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "l, j F Y H.i T"
