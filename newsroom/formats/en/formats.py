# "Thursday, 24 March 2022, 14:00 WIB": British order (day before month), 24-hour
# clock, as the newsroom's English edition writes it.
DATE_FORMAT = "l, j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "l, j F Y, H:i T"
