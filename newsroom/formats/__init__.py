"""Date formats as the newsroom writes them, one module per language.

Django looks here before its own locale formats (FORMAT_MODULE_PATH) and
falls back to them for anything a module leaves out. DATETIME_FORMAT ends
with the time zone's abbreviation ("T": WIB for Asia/Jakarta), so templates
must not add it again; DATE_FORMAT and TIME_FORMAT carry no zone.

The abbreviation is whatever the tz database gives: WIB, WITA and WIT for
Indonesia's three zones, but "PST" for Asia/Manila and "+08" for Singapore,
so a meeting's local time is named by its place, not by "T"
(templates/includes/meeting_when.html).
"""

# Dates are typed day first on both desks, as an Indonesian newsroom writes
# them (24/03/2022, 24-03-2022), never month first: 03/04/2022 is 3 April.
# The first is the one the desk shows and its help names; Django adds ISO
# (2022-03-24) to each list.
DAY_FIRST_DATES = [
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d/%m/%y",
    "%d-%m-%y",
    "%d %B %Y",
    "%d %b %Y",
]
