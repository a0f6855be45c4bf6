"""Wire copy read into an article's parts (articles/intake/parser.py): the
fixtures of tests/articles/intake_samples/, the rules one by one, and
properties that hold for any text."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.intake.parser import (
    AFTER_TRAILER,
    BOILERPLATE_LINES,
    DATE_LOOKBACK_YEARS,
    FRONT_MATTER,
    GLUED,
    PROPOSED_TITLE_MAX,
    TITLE_MAX,
    WEEKDAYS,
    StoryBreak,
    parse_copy,
    read_source,
    shorten,
)
from newsroom.text import without_controls

SAMPLES = Path(__file__).parent / "intake_samples"
# The day the fixtures are imported on in these tests: every weekday date in
# them is of 2022.
IMPORT_DAY = dt.date(2022, 12, 31)

PROPERTIES = hypothesis_settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def sample(name: str, today: dt.date = IMPORT_DAY):
    return parse_copy((SAMPLES / name).read_text(encoding="utf-8"), today=today)


def codes(parsed) -> list[str]:
    return [warning.code for warning in parsed.warnings]


# The fixtures, field by field.


def test_the_jwg_shape_is_read_into_paragraphs_dateline_source_and_editor():
    parsed = sample("jwg-hybrid-meeting.txt")

    # "DM" is the site's initials, not a place: left out, and offered.
    assert (parsed.dateline, parsed.dateline_left_out) == ("", "DM")
    assert len(parsed.paragraphs) == 7
    assert parsed.paragraphs[0] == (
        "BNPT dan delegasi Filipina kembali bertemu dalam _The 4th Joint "
        "Working Group (JWG) on Combating International Terrorism_ yang "
        "digelar secara hybrid dari Jakarta, Kamis (24/3)."
    )
    assert parsed.paragraphs[-1] == (
        "Dari pihak Indonesia hadir perwakilan BIN, PPATK, BSSN dan KBRI "
        "Manila, sedangkan Filipina mengirim pejabat dari NICA dan AMLC."
    )
    assert parsed.body == "\n\n".join(parsed.paragraphs)
    assert "_Police to Police_" in parsed.body  # emphasis kept as written
    assert (parsed.source_name, parsed.source_url) == (
        "bnpt.go.id",
        "https://bnpt.go.id/",
    )
    assert parsed.editor_name == "Redaksi"
    assert parsed.dropped == ["Discussion about this post"]
    for trailer in ("Sumber", "Editor :", "Discussion about this post"):
        assert trailer not in parsed.body
    assert parsed.title == (
        "BNPT dan delegasi Filipina kembali bertemu dalam The 4th Joint "
        "Working Group (JWG) on Combating International Terrorism…"
    )
    assert parsed.title_proposed is True
    assert len(parsed.title) <= PROPOSED_TITLE_MAX + 1
    assert [(d.text, d.paragraph, d.resolved) for d in parsed.dates] == [
        ("Kamis (24/3)", 0, dt.date(2022, 3, 24))
    ]
    assert parsed.published_date == dt.date(2022, 3, 24)
    assert parsed.language == "id"
    assert (parsed.dek, parsed.byline, parsed.section, parsed.tags) == ("", "", "", [])
    assert parsed.date is None
    assert codes(parsed) == ["dateline_initials", "title_proposed"]


def test_a_source_named_by_its_office_has_no_address():
    parsed = sample("bi-bank-indonesia.txt")

    assert parsed.dateline == "JAKARTA"
    assert (parsed.source_name, parsed.source_url) == ("Humas PPATK", "")
    assert parsed.editor_name == "Redaksi"
    assert parsed.dropped == ["Bagikan"]
    assert len(parsed.paragraphs) == 4
    assert parsed.paragraphs[0].startswith("Bank Indonesia (BI) dan PPATK")
    # The weekday date leaves the proposed headline, whole here.
    assert parsed.title == (
        "Bank Indonesia (BI) dan PPATK menandatangani nota kesepahaman "
        "tentang pertukaran data transaksi mencurigakan"
    )
    assert parsed.published_date == dt.date(2022, 11, 9)
    assert codes(parsed) == ["title_proposed"]


def test_a_source_given_as_an_address_is_named_by_its_host():
    parsed = sample("bi-philippine-immigration.txt")

    assert parsed.dateline == "MANILA"
    assert parsed.source_name == "pna.gov.ph"
    assert parsed.source_url == "https://www.pna.gov.ph/articles/immigration-arrest"
    assert len(parsed.paragraphs) == 3
    assert parsed.published_date == dt.date(2022, 6, 14)
    assert parsed.dropped == ["Discussion about this post"]


def test_an_expansion_in_the_text_stays_in_the_body_as_written():
    parsed = sample("bi-contradicting-expansion.txt")

    assert parsed.dateline_left_out == "DM"
    assert "BI (Badan Intelijen)" in parsed.paragraphs[0]
    assert parsed.source_name == "Humas Pengadilan"
    assert parsed.published_date == dt.date(2022, 2, 11)
    assert parsed.dropped == []


def test_a_baca_juga_line_is_dropped_wherever_it_stands():
    parsed = sample("unknown-acronyms.txt")

    assert parsed.dropped == [
        "Baca juga: BSSN Catat Jutaan Anomali Trafik Sepanjang Tahun"
    ]
    assert "Baca juga" not in parsed.body
    assert len(parsed.paragraphs) == 3
    assert parsed.paragraphs[1].startswith("Otoritas Jasa Keuangan (OJK)")
    assert (parsed.source_name, parsed.source_url) == (
        "bssn.go.id",
        "https://bssn.go.id/",
    )
    assert parsed.published_date == dt.date(2022, 9, 5)


def test_a_missing_sumber_line_is_reported_and_wrapped_lines_make_one_paragraph():
    parsed = sample("no-source-line.txt")

    assert (parsed.source_name, parsed.source_url) == ("", "")
    assert "no_source" in codes(parsed)
    assert parsed.editor_name == "Redaksi"
    assert parsed.dateline_left_out == "DM"
    assert parsed.paragraphs == [
        "BNPT menggelar lokakarya pencegahan radikalisasi bagi guru sekolah "
        "menengah di Surabaya, Rabu (7/9).",
        "Para peserta belajar mengenali tanda-tanda awal paparan paham "
        "kekerasan pada murid dan cara melaporkannya kepada sekolah.",
        "Lokakarya serupa direncanakan berlangsung di lima kota lain hingga "
        "akhir tahun.",
    ]
    assert parsed.title == (
        "BNPT menggelar lokakarya pencegahan radikalisasi bagi guru sekolah "
        "menengah di Surabaya"
    )


def test_a_weekday_that_does_not_agree_is_reported_not_guessed(english):
    parsed = sample("wrong-weekday.txt")

    assert parsed.date == dt.date(2022, 3, 25)  # the front matter's
    [mention] = parsed.dates
    assert (mention.text, mention.resolved) == ("Senin (24/3)", None)
    assert mention.problem == (
        "Senin (24/3): 24 March 2022 is a Thursday; no date taken."
    )
    assert mention.problem in [str(warning) for warning in parsed.warnings]
    # No date from the text: the front matter's date stands.
    assert parsed.published_date == dt.date(2022, 3, 25)
    assert parsed.title == "Delegasi BNPT tiba di Manila untuk kunjungan kerja lanjutan"


def test_front_matter_gives_title_section_tags_language_date_summary_byline():
    parsed = sample("front-matter.md")

    assert (
        parsed.title == "Philippine and Indonesian agencies agree to share watch lists"
    )
    assert parsed.title_proposed is False
    assert parsed.section == "international"
    assert parsed.tags == ["counter-terrorism", "Philippines", "watch lists"]
    assert (parsed.language, parsed.language_given) == ("en", True)
    assert parsed.date == dt.date(2022, 3, 24)
    assert parsed.dek == "BNPT and NICA will exchange names of suspects before travel."
    assert parsed.byline == "Wire desk"
    assert parsed.dateline == "JAKARTA"
    assert (parsed.source_name, parsed.editor_name) == ("bnpt.go.id", "Wire desk")
    assert parsed.dropped == ["Share this"]
    assert len(parsed.paragraphs) == 3
    assert parsed.paragraphs[0].startswith("Indonesia's BNPT and the Philippines' NICA")
    assert "title:" not in parsed.body and "---" not in parsed.body
    assert parsed.published_date == dt.date(2022, 3, 24)
    assert parsed.warnings == []


# The rules one by one.


def test_each_line_is_a_paragraph_when_no_blank_line_separates_them():
    parsed = parse_copy("One line.\nAnother line.\nA third.", today=IMPORT_DAY)

    assert parsed.paragraphs == ["One line.", "Another line.", "A third."]
    assert parsed.body == "One line.\n\nAnother line.\n\nA third."


def test_blank_line_blocks_of_long_lines_keep_a_paragraph_a_line():
    long_one, long_two = "a " * 80, "b " * 80
    text = f"{long_one}\n{long_two}\n\nShort last paragraph."

    parsed = parse_copy(text, today=IMPORT_DAY)

    assert parsed.paragraphs == [
        long_one.strip(),
        long_two.strip(),
        "Short last paragraph.",
    ]


def test_a_markdown_list_stays_one_block():
    text = "Three things were agreed:\n\n- watch lists\n- patrols\n- training"

    parsed = parse_copy(text, today=IMPORT_DAY)

    assert parsed.paragraphs == [
        "Three things were agreed:",
        "- watch lists\n- patrols\n- training",
    ]


def test_a_markdown_heading_at_the_top_is_the_title():
    parsed = parse_copy("# Agencies meet\n\nJAKARTA – They met.", today=IMPORT_DAY)

    assert (parsed.title, parsed.title_proposed) == ("Agencies meet", False)
    assert parsed.paragraphs == ["They met."]
    assert parsed.dateline == "JAKARTA"


# A wire file whose "headline" is its whole lede: the import was refused
# ("at most 255 characters"), the paste filled a title no save took.
LEDE = (
    "Kepala BNPT Boy Rafli Amar menerima delegasi Filipina yang dipimpin Damian "
    "L. Carlos dalam The 4th Joint Working Group on Combating International "
    "Terrorism di Jakarta, dan kedua negara sepakat memperkuat pertukaran "
    "informasi, pengawasan perbatasan serta kerja sama Police to Police untuk "
    "menghadapi propaganda daring selama pandemi"
)


@pytest.mark.parametrize(
    "text",
    [
        f"# {LEDE}\n\nDM – Delegasi bertemu, Kamis (24/3).",
        f"---\ntitle: {LEDE}\n---\nDM – Delegasi bertemu, Kamis (24/3).",
    ],
    ids=["heading", "front matter"],
)
def test_a_title_too_long_for_a_headline_is_kept_as_the_summary(english, text):
    parsed = parse_copy(text, today=IMPORT_DAY)

    assert len(LEDE) > TITLE_MAX
    assert parsed.dek == LEDE
    assert parsed.title_proposed is True
    assert parsed.title.startswith("Kepala BNPT Boy Rafli Amar menerima delegasi")
    assert parsed.title.endswith("…") and len(parsed.title) <= PROPOSED_TITLE_MAX + 1
    assert (parsed.paragraphs, parsed.dateline, parsed.dateline_left_out) == (
        ["Delegasi bertemu, Kamis (24/3)."],
        "",
        "DM",
    )
    assert codes(parsed) == ["dateline_initials", "title_too_long", "no_source"]
    assert parsed.warnings[1].message == (
        "The title is longer than 255 characters: it is kept as the summary, and "
        "a shorter one is proposed from it; write a headline."
    )


def test_a_long_title_goes_before_the_summary_the_copy_gave(english):
    text = f"---\ntitle: {LEDE}\nsummary: BNPT dan NICA bertemu.\n---\nTeks."
    parsed = parse_copy(text, today=IMPORT_DAY)

    assert parsed.dek == f"{LEDE}\n\nBNPT dan NICA bertemu."


def test_a_title_of_the_longest_length_is_kept_as_it_is():
    title = ("Judul " * 60)[:TITLE_MAX].strip()
    parsed = parse_copy(f"# {title}\n\nTeks.", today=IMPORT_DAY)

    assert (parsed.title, parsed.dek, parsed.title_proposed) == (title, "", False)


@pytest.mark.parametrize(
    "first, place",
    [
        ("DM – Text.", False),  # the sample's: its site's initials
        ("BNP – Text.", False),
        ("NTT – Text.", True),  # Nusa Tenggara Timur
        ("JAKARTA – Text.", True),
        ("Jakarta – Text.", True),
        ("Manila – Text.", True),
        ("Zamboanga City – Text.", True),
        ("BALI – Text.", True),
        ("Jakarta, 24/3 (ANTARA) – Text.", True),
    ],
)
def test_a_dateline_of_initials_is_left_out_and_offered_a_place_is_taken(
    english, first, place
):
    """The sample's site's initials ("DM") had filled the Dateline and reached
    readers as "DM · Oleh …"; they are read off the lede, but no dateline."""
    parsed = parse_copy(f"{first}\nSumber : bnpt.go.id", today=IMPORT_DAY)

    dateline = first.split(" –")[0]
    assert parsed.paragraphs == ["Text."]
    if place:
        assert (parsed.dateline, parsed.dateline_left_out) == (dateline, "")
        assert "dateline_initials" not in codes(parsed)
    else:
        assert (parsed.dateline, parsed.dateline_left_out) == ("", dateline)
        assert codes(parsed)[0] == "dateline_initials"
        assert parsed.warnings[0].message == (
            f"Dateline “{dateline}” is not a place we know (the site's or "
            "writer's initials?): it was left out; type it in Dateline if it "
            "names where the story was reported."
        )


@pytest.mark.parametrize(
    "initials",
    ["DM", "(DM)", "[DM]", "Dm", "DM/RED", "ÉM", "D.M.", "(D.M.)", "RED/DM"],
)
def test_initials_in_any_shape_are_left_out_of_the_dateline_and_offered(
    english, initials
):
    """A tester's "(DM) –", "Dm –", "DM/RED –" and "ÉM –" still filled the
    Dateline (readers saw "(DM) · Oleh …"), and "[DM] –" and "D.M. –" stayed
    in the body: each is read off the lede and offered, as "DM" is."""
    parsed = parse_copy(f"{initials} – Text.\nSumber : bnpt.go.id", today=IMPORT_DAY)

    assert parsed.paragraphs == ["Text."]
    assert (parsed.dateline, parsed.dateline_left_out) == ("", initials)
    assert codes(parsed)[0] == "dateline_initials"
    assert parsed.warnings[0].message.startswith(
        f"Dateline “{initials}” is not a place we know"
    )


@pytest.mark.parametrize(
    "first",
    ["BNPT", "(BNPT)", "BNPT/DM", "INTRAC", "Bnpt"],
)
def test_an_agencys_acronym_or_alias_is_no_dateline(english, first):
    """ "BNPT –" filled the Dateline: an agency the registry knows (the
    caller's agency_named) names no place; it is left out and offered."""
    known = {"BNPT", "INTRAC"}

    parsed = parse_copy(
        f"{first} – Text.\nSumber : bnpt.go.id",
        today=IMPORT_DAY,
        agency_named=lambda word: word.upper() in known,
    )

    assert parsed.paragraphs == ["Text."]
    if first == "Bnpt":  # not written as an acronym: taken for a place
        assert (parsed.dateline, parsed.dateline_left_out) == ("Bnpt", "")
        return
    assert (parsed.dateline, parsed.dateline_left_out) == ("", first)
    assert codes(parsed)[0] == "dateline_agency"
    assert parsed.warnings[0].message == (
        f"Dateline “{first}” names an agency, not a place: it was left out; "
        "type in Dateline where the story was reported."
    )


@pytest.mark.parametrize(
    "first", ["DKI", "NTT", "Jakarta", "Zamboanga City", "Jakarta, 24/3 (ANTARA)"]
)
def test_a_place_stays_the_dateline_whatever_the_registry_calls_an_agency(first):
    """An agency's alias that is a place ("DKI" for Jakarta's government)
    does not take the place out of the dateline; the registry is asked only
    of a word in capitals that is no known place."""
    asked = []

    def agency_named(word):
        asked.append(word)
        return True

    parsed = parse_copy(f"{first} – Text.", today=IMPORT_DAY, agency_named=agency_named)

    assert (parsed.dateline, parsed.dateline_left_out) == (first, "")
    assert parsed.paragraphs == ["Text."]
    assert asked == []


def test_without_the_registry_no_word_is_taken_for_an_agency():
    parsed = parse_copy("BNPT – Text.", today=IMPORT_DAY)

    assert (parsed.dateline, parsed.dateline_left_out) == ("BNPT", "")


@pytest.mark.parametrize(
    "first, dateline, site",
    [
        ("KOMPAS.com", "", "KOMPAS.com"),
        ("JAKARTA, KOMPAS.com", "JAKARTA", "KOMPAS.com"),
        ("Liputan6.com, Jakarta", "Jakarta", "Liputan6.com"),
        ("Jakarta, DM", "Jakarta", ""),
        ("(DM), Jakarta", "Jakarta", ""),
    ],
)
def test_a_news_site_or_initials_beside_the_place_leave_only_the_place(
    english, first, dateline, site
):
    """Indonesian sites write "PLACE, SITE.com –" or "SITE.com, PLACE –":
    the place is the dateline; the site is the copy's source, taken as the
    source when no source line gives one."""
    parsed = parse_copy(f"{first} – Text.", today=IMPORT_DAY)

    assert parsed.paragraphs == ["Text."]
    assert (parsed.dateline, parsed.dateline_site) == (dateline, site)
    if site:
        assert (parsed.source_name, parsed.source_url) == read_source(site)
        assert "no_source" not in codes(parsed)
        assert parsed.warnings[0].message == (
            f"“{site}” in the dateline is the news site the copy is from, not "
            "a place: it was left out of the dateline and taken as the source."
        )
    else:
        assert parsed.dateline_left_out == first.replace(dateline, "").strip(", ")


def test_a_source_line_stays_the_source_and_the_dateline_site_is_reported(english):
    parsed = parse_copy(
        "JAKARTA, KOMPAS.com – Text.\nSumber : bnpt.go.id", today=IMPORT_DAY
    )

    assert (parsed.dateline, parsed.dateline_site) == ("JAKARTA", "KOMPAS.com")
    assert (parsed.source_name, parsed.source_url) == (
        "bnpt.go.id",
        "https://bnpt.go.id/",
    )
    assert codes(parsed)[0] == "dateline_site"
    assert parsed.warnings[0].message == (
        "“KOMPAS.com” in the dateline is the news site the copy is from, not a "
        "place: it was left out of the dateline; the source line gives the "
        "source (bnpt.go.id)."
    )


@pytest.mark.parametrize(
    "first, dateline",
    [
        ("DM – Text.", ""),  # initials: left out (dateline_left_out)
        ("JAKARTA - Text.", "JAKARTA"),
        ("Jakarta, 24/3 (ANTARA) — Text.", "Jakarta, 24/3 (ANTARA)"),
        ("KOMPAS.com – Text.", ""),  # a news site: the source (dateline_site)
        ("Menurut dia – bukan dateline.", ""),  # not every word capitalised
        ("Dia Pergi. Lalu Pulang – bukan.", ""),  # a sentence in it
        ("Philippines-Indonesia meet.", ""),  # no spaced dash
        ("A B C D E F G – seven words.", ""),
    ],
)
def test_the_dateline_is_the_short_capitalised_text_before_the_first_dash(
    first, dateline
):
    parsed = parse_copy(first, today=IMPORT_DAY)

    assert parsed.dateline == dateline
    if dateline or parsed.dateline_left_out or parsed.dateline_site:
        assert parsed.paragraphs[0] == "Text."
    else:
        assert parsed.paragraphs[0] == first


@pytest.mark.parametrize(
    "value, name, url",
    [
        ("bnpt.go.id", "bnpt.go.id", "https://bnpt.go.id/"),
        ("BNPT.go.id/", "bnpt.go.id", "https://bnpt.go.id/"),
        (
            "https://www.antaranews.com/berita/1",
            "antaranews.com",
            "https://www.antaranews.com/berita/1",
        ),
        ("Humas BNPT", "Humas BNPT", ""),
        ("Antara", "Antara", ""),
        ("http://not a url", "http://not a url", ""),
        # A Word document's hyperlink (documents.py writes it so).
        ("[Humas BNPT](https://bnpt.go.id/)", "Humas BNPT", "https://bnpt.go.id/"),
        ("[BNPT](javascript:alert(1))", "[BNPT](javascript:alert(1))", ""),
    ],
)
def test_a_source_is_a_name_with_an_address_when_it_is_a_domain(value, name, url):
    assert read_source(value) == (name, url)


def test_only_the_first_source_line_counts_and_a_second_is_reported():
    text = "Text.\nSumber : bnpt.go.id\nSumber : Antara\nPenyunting: Dewi"

    parsed = parse_copy(text, today=IMPORT_DAY)

    assert parsed.source_name == "bnpt.go.id"
    assert parsed.editor_name == "Dewi"
    assert parsed.paragraphs == ["Text."]
    assert codes(parsed) == ["source_repeated", "title_proposed"]


# More than one story in one copy.


def twice(name: str, between: str) -> str:
    """A fixture's text joined to itself, as `cat a a` (the file's last line
    end removed: the boilerplate line glued to the next story's lede) or
    with lines between."""
    text = (SAMPLES / name).read_text(encoding="utf-8").rstrip("\n")
    return f"{text}{between}{text}"


@pytest.mark.parametrize("between", ["", "\n", "\n\n\n"])
def test_a_wire_file_joined_to_itself_is_read_as_two_stories(between, english):
    text = twice("jwg-hybrid-meeting.txt", between)
    second = len((SAMPLES / "jwg-hybrid-meeting.txt").read_text().splitlines())

    parsed = parse_copy(text, today=IMPORT_DAY)

    assert parsed.stories == 2
    assert parsed.later_stories == [second + len(between)]
    assert "several_stories" in codes(parsed)
    assert f"2 stories: another begins at line {second + len(between)}." in str(
        parsed.warnings[0]
    )


# Two stories with headlines, one after the other in one file.
HEADLINED_STORIES = """\
Bakamla dan Coast Guard Filipina Latihan Bersama di Laut Sulawesi
DM – Bakamla dan Philippine Coast Guard menggelar latihan pencarian dan \
pertolongan bersama di Laut Sulawesi, Senin (12/9).
Kedua pihak sepakat mengulang latihan serupa setiap tahun.
Sumber : bakamla.go.id
Editor : Redaksi
Discussion about this post
BSSN Ajak Pemerintah Daerah Perkuat Keamanan Situs Web
DM – BSSN mengajak pemerintah daerah memperkuat keamanan situs web layanan \
publik dalam lokakarya di Makassar, Rabu (14/9).
Sumber : bssn.go.id
Editor : Dewi
"""


def test_a_headline_and_dateline_after_the_trailer_begin_another_story():
    parsed = parse_copy(HEADLINED_STORIES, today=IMPORT_DAY)

    assert parsed.later_stories == [7]  # the headline, after the boilerplate
    assert "several_stories" in codes(parsed)


def test_a_headline_and_a_lede_without_a_dateline_begin_another_story():
    lede = "Badan Siber dan Sandi Negara mengajak pemerintah daerah memperkuat " * 2
    text = (
        f"Judul pertama\nIsi berita pertama.\nSumber : bssn.go.id\n"
        f"Editor : Dewi\nReporter : Budi\n\nJudul Kedua\n{lede.strip()}.\n"
    )

    assert parse_copy(text, today=IMPORT_DAY).later_stories == [7]


def test_a_second_front_matter_block_is_another_story():
    text = (
        "---\ntitle: One\n---\nFirst story BNPT.\n\n"
        "---\ntitle: Two\n---\nSecond story NICA."
    )

    parsed = parse_copy(text, today=IMPORT_DAY)

    assert (parsed.stories, parsed.later_stories) == (2, [6])
    assert "several_stories" in codes(parsed)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.iterdir()))
def test_each_fixture_of_one_story_is_one_story(name):
    parsed = sample(name)

    assert (parsed.stories, parsed.later_stories) == (1, [])
    assert "several_stories" not in codes(parsed)


@pytest.mark.parametrize(
    "text",
    [
        # What may follow a single story's trailer.
        "DM – Satu.\nSumber : bnpt.go.id\nEditor : Redaksi\nReporter : Budi",
        "DM – Satu.\nSumber : bnpt.go.id\nFoto: Dok. BNPT\n(ant/dew)",
        "DM – Satu.\nEditor : Redaksi\nBerita terkait\nBNPT Gelar Lokakarya\n"
        "BI Tahan Suku Bunga",
        "DM – Satu.\nSumber : bnpt.go.id\nKepala BNPT saat membuka rapat.",
        # A trailer above the story's text is no end of one.
        "Editor : Redaksi\nSumber : bnpt.go.id\nDM – Satu.\nDua.",
        # A Markdown rule and a line between two is no front matter.
        "Satu.\n\n---\nCatatan: dua\n---\nTiga.",
        "Satu.\n\n---\n\nDua.",
    ],
)
def test_what_follows_a_single_story_is_not_another(text):
    parsed = parse_copy(text, today=IMPORT_DAY)

    assert (parsed.stories, parsed.later_stories) == (1, [])
    assert "several_stories" not in codes(parsed)


# A story's end: reporter and photo lines, related headlines.
SHIP_DRILL = """\
DM – Bakamla dan penjaga pantai Filipina berlatih menyelamatkan awak kapal \
yang tenggelam di perairan Sangihe, Senin (12/9).
Latihan itu diikuti tiga kapal patroli dan satu helikopter.
Sumber : bakamla.go.id
Editor : Redaksi
Discussion about this post
Foto : Dok. Bakamla
Reporter : Sari
Baca juga: …
Berita terkait:
Bakamla Tambah Dua Kapal Patroli
Latihan Gabungan di Selat Malaka
"""
SHIP_DRILL_TEXT = [
    "Bakamla dan penjaga pantai Filipina berlatih menyelamatkan awak kapal "
    "yang tenggelam di perairan Sangihe, Senin (12/9).",
    "Latihan itu diikuti tiga kapal patroli dan satu helikopter.",
]


def test_reporter_photo_and_related_headlines_after_the_story_leave_the_body(
    english,
):
    # They had been the draft's last four paragraphs; "Baca juga:" and
    # "Berita terkait:" alone were dropped.
    parsed = parse_copy(SHIP_DRILL, today=IMPORT_DAY)

    assert parsed.paragraphs == SHIP_DRILL_TEXT
    assert (parsed.stories, parsed.byline, parsed.editor_name) == (1, "Sari", "Redaksi")
    assert parsed.dropped == [
        "Discussion about this post",
        "Baca juga: …",
        "Berita terkait:",
        "Bakamla Tambah Dua Kapal Patroli",
        "Latihan Gabungan di Selat Malaka",
    ]
    assert [str(warning) for warning in parsed.warnings[:2]] == [
        "A photo credit is left out of the story (Foto : Dok. Bakamla): give it "
        "to the picture when you add one from the media library.",
        "2 related headlines at the end are left out of the story: Bakamla "
        "Tambah Dua Kapal Patroli; Latihan Gabungan di Selat Malaka",
    ]
    assert codes(parsed)[:2] == ["photo_credit", "related_links"]


def test_a_reporter_line_ending_the_copy_is_the_byline_but_one_in_the_text_stays():
    text = (
        "DM – Wawancara dengan kepala dinas.\n"
        "Reporter : Apa rencana dinas tahun depan?\n"
        "Jawabnya, dinas akan membuka dua kantor baru.\n"
        "Pewarta : Sari Dewi"
    )

    parsed = parse_copy(text, today=IMPORT_DAY)

    assert parsed.paragraphs == [
        "Wawancara dengan kepala dinas.",
        "Reporter : Apa rencana dinas tahun depan?",
        "Jawabnya, dinas akan membuka dua kantor baru.",
    ]
    assert parsed.byline == "Sari Dewi"


def test_the_front_matters_byline_stays_and_the_reporter_line_is_reported(english):
    text = (
        "---\nbyline: Desk Luar Negeri\n---\nDM – Teks.\nEditor : Dewi\nReporter : Andi"
    )

    parsed = parse_copy(text, today=IMPORT_DAY)

    assert (parsed.paragraphs, parsed.byline) == (["Teks."], "Desk Luar Negeri")
    assert str(parsed.warnings[0]) == (
        "The reporter line (Andi) is left out: the front matter gives the "
        "byline (Desk Luar Negeri)."
    )


def test_headlines_after_the_story_without_a_related_heading_stay():
    text = "DM – Teks.\nSumber : bnpt.go.id\nBNPT Gelar Lokakarya\nBI Tahan Suku Bunga"

    parsed = parse_copy(text, today=IMPORT_DAY)

    assert parsed.paragraphs == ["Teks.", "BNPT Gelar Lokakarya", "BI Tahan Suku Bunga"]
    # With the heading (a list's items too) they leave.
    listed = text.replace("bnpt.go.id\n", "bnpt.go.id\nArtikel terkait\n- ")
    assert parse_copy(listed, today=IMPORT_DAY).paragraphs == ["Teks."]


@pytest.mark.parametrize(
    "text, breaks",
    [
        (
            HEADLINED_STORIES,
            [StoryBreak(7, AFTER_TRAILER, "Editor : Redaksi")],
        ),
        (
            "DM – Satu.\nEditor : Dewi\nShareDM – Dua.",
            [StoryBreak(3, GLUED, "ShareDM – Dua.")],
        ),
        (
            "---\ntitle: One\n---\nSatu.\n---\ntitle: Two\n---\nDua.",
            [StoryBreak(5, FRONT_MATTER)],
        ),
    ],
)
def test_each_later_story_says_why_it_is_one(text, breaks):
    assert parse_copy(text, today=IMPORT_DAY).story_breaks == breaks


def test_a_source_address_the_article_cannot_hold_is_dropped_and_its_name_kept(
    english,
):
    # A port that is no number: the import was refused ("source_url: Enter a
    # valid URL").
    parsed = parse_copy(
        "DM – Teks.\nSumber : https://bnpt.go.id:abc/berita", today=IMPORT_DAY
    )

    assert (parsed.source_name, parsed.source_url) == ("bnpt.go.id", "")
    assert parsed.warnings[-1].message == (
        "The source's address cannot be kept (it is longer than 500 characters "
        "or not a web address); it read: https://bnpt.go.id:abc/berita"
    )


def test_a_byline_and_tags_longer_than_their_fields_are_fitted(english):
    byline = "Tim Liputan " * 20
    parsed = parse_copy(
        f"---\nbyline: {byline}\ntags: BNPT, {'x' * 101}, {'y' * 100}\n---\nTeks.",
        today=IMPORT_DAY,
    )

    # Cut at the last word that fits ("…Tim Lipu" would not).
    assert parsed.byline == "Tim Liputan " * 16 + "Tim…"
    assert parsed.tags == ["BNPT", "y" * 100]
    assert codes(parsed)[-2:] == ["field_too_long", "tag_too_long"]


@given(st.text(max_size=400), st.integers(min_value=1, max_value=300))
def test_a_shortened_text_fits_and_begins_as_the_text_did(text, limit):
    short = shorten(text, limit)

    assert len(short) <= limit
    if len(text) <= limit:
        assert short == text
    else:
        assert short.endswith("…")
        assert text.startswith(short.removesuffix("…"))


def test_a_long_line_beginning_with_sumber_is_a_paragraph():
    line = "Sumber: " + "seorang pejabat yang tidak mau disebut namanya berkata " * 5

    parsed = parse_copy(f"Text.\n{line}", today=IMPORT_DAY)

    assert parsed.paragraphs == ["Text.", line.strip()]
    assert parsed.source_name == ""
    # It stays, but the report points at it: it may be a long trailer.
    assert codes(parsed)[0] == "source_line_kept"
    assert line.strip() in parsed.warnings[0].message


@pytest.mark.parametrize("label", ["Editor", "Penyunting", "Redaktur"])
def test_an_editor_line_of_any_length_is_the_editor_shortened_to_fit(label):
    # Over 200 characters the whole "Editor : …" line became the story's
    # last paragraph, the editor empty, and the report said nothing.
    names = "Nama " * 80
    parsed = parse_copy(f"DM – Teks berita.\n{label} : {names}", today=IMPORT_DAY)

    assert parsed.paragraphs == ["Teks berita."]
    assert parsed.editor_name == "Nama " * 39 + "Nama…"
    assert len(parsed.editor_name) <= 200
    assert codes(parsed)[-1] == "field_too_long"
    assert names.strip() in parsed.warnings[-1].message


@pytest.mark.parametrize("line", sorted(BOILERPLATE_LINES))
def test_every_boilerplate_line_is_dropped(line):
    parsed = parse_copy(f"Text.\n{line.title()}:\nMore text.", today=IMPORT_DAY)

    assert parsed.paragraphs == ["Text.", "More text."]
    assert parsed.dropped == [f"{line.title()}:"]


@pytest.mark.parametrize(
    "today, resolved",
    [
        (dt.date(2022, 3, 24), dt.date(2022, 3, 24)),  # the same day
        (dt.date(2022, 3, 30), dt.date(2022, 3, 24)),
        (dt.date(2023, 1, 10), dt.date(2022, 3, 24)),  # 24/3/2023 is ahead
    ],
)
def test_a_weekday_date_is_the_most_recent_day_that_agrees(today, resolved):
    parsed = parse_copy("DM – Rapat digelar Kamis (24/3).", today=today)

    [mention] = parsed.dates
    assert mention.resolved == resolved
    assert not mention.problem
    assert parsed.published_date == resolved


@pytest.mark.parametrize(
    "today, resolved",
    [
        # 24/3/2021 was a Wednesday; 2020 to 2017 neither: 2016.
        (dt.date(2022, 3, 23), dt.date(2016, 3, 24)),
        # A Tuesday in 2026, a Monday in 2025: the sample imported in 2026.
        (dt.date(2026, 12, 2), dt.date(2022, 3, 24)),
    ],
)
def test_a_weekday_date_of_no_recent_year_is_the_latest_that_agrees_to_check(
    english, today, resolved
):
    parsed = parse_copy("Rapat digelar Kamis (24/3).", today=today)

    [mention] = parsed.dates
    assert mention.resolved == parsed.published_date == resolved
    assert mention.problem == (
        f"Kamis (24/3): taken as Thursday 24 March {resolved.year}, the latest "
        "year it was a Thursday — check it."
    )
    assert [w.message for w in parsed.warnings if w.code == "date"] == [mention.problem]


def test_a_weekday_that_agrees_with_no_year_in_the_window_names_the_latest_day(
    english,
):
    # 24 March from 2019 to 2026 was never a Saturday.
    parsed = parse_copy("Sabtu (24/3).", today=dt.date(2026, 12, 2))

    assert parsed.dates[0].resolved is None
    assert parsed.dates[0].problem == (
        "Sabtu (24/3): 24 March 2026 is a Tuesday; no date taken."
    )


def test_a_weekday_date_with_a_year_that_disagrees_is_not_moved_to_another_year():
    parsed = parse_copy("Rapat, Kamis (24/3/2026).", today=dt.date(2026, 12, 2))

    assert parsed.dates[0].resolved is None


def test_the_front_matter_date_is_the_reference_for_weekday_dates():
    text = "---\ndate: 2022-03-25\n---\nRapat digelar Kamis (24/3)."

    parsed = parse_copy(text, today=dt.date(2026, 12, 2))

    assert parsed.dates[0].resolved == dt.date(2022, 3, 24)


@pytest.mark.parametrize(
    "text, resolved",
    [
        ("Thursday (24/3)", dt.date(2022, 3, 24)),
        ("Jum'at (25/3)", dt.date(2022, 3, 25)),
        ("Jumat, (25/3)", dt.date(2022, 3, 25)),
        ("Kamis (24/3/2022)", dt.date(2022, 3, 24)),
        ("Kamis (24/3/22)", dt.date(2022, 3, 24)),
        ("Rabu (24/3/2022)", None),
        ("Kamis (31/2)", None),
        ("Kamis (24/13)", None),
    ],
)
def test_weekday_dates_in_indonesian_and_english_with_or_without_a_year(text, resolved):
    parsed = parse_copy(f"Rapat, {text}.", today=dt.date(2022, 12, 31))

    [mention] = parsed.dates
    assert mention.resolved == resolved
    assert bool(mention.problem) is (resolved is None)


@pytest.mark.parametrize(
    "text, said",
    [
        ("Senin (31/2)", "Senin (31/2): 31/2 is not a date."),
        ("Rabu (30/2/2022)", "Rabu (30/2/2022): 30/2 is not a date."),
        ("Kamis (24/13)", "Kamis (24/13): 24/13 is not a date."),
        ("Selasa (29/2/2022)", "Selasa (29/2/2022): 2022 has no 29/2."),
    ],
)
def test_a_day_no_calendar_has_is_said_to_be_no_date(english, text, said):
    """Not "no such day on or before …" (a tester's 31/2 read as if it were
    only out of range)."""
    parsed = parse_copy(f"Rapat, {text}.", today=dt.date(2026, 12, 8))

    [mention] = parsed.dates
    assert mention.resolved is None
    assert mention.problem == said


def test_a_lowercase_weekday_word_is_not_a_date():
    parsed = parse_copy("Selama satu minggu (7/3) mereka berlatih.", today=IMPORT_DAY)

    assert parsed.dates == []


def test_the_first_weekday_date_is_the_published_date():
    text = "Rapat digelar Kamis (24/3).\nLanjutan dijadwalkan Jumat (25/3)."

    parsed = parse_copy(text, today=dt.date(2022, 3, 30))

    assert [d.resolved for d in parsed.dates] == [
        dt.date(2022, 3, 24),
        dt.date(2022, 3, 25),
    ]
    assert [d.paragraph for d in parsed.dates] == [0, 1]
    assert parsed.published_date == dt.date(2022, 3, 24)


def test_a_proposed_title_loses_emphasis_marks_and_is_cut_at_a_word():
    first = "DM – BNPT menggelar _The Joint Working Group_ di Jakarta. Lalu lain."
    long = "Kata " * 60 + "akhir."

    short = parse_copy(first, today=IMPORT_DAY)
    cut = parse_copy(long, today=IMPORT_DAY)

    assert short.title == "BNPT menggelar The Joint Working Group di Jakarta"
    assert cut.title.endswith("Kata…")
    assert len(cut.title) <= PROPOSED_TITLE_MAX + 1


@pytest.mark.parametrize(
    "lead, title",
    [
        (
            "BSSN menggelar latihan di Jakarta, Selasa (5/4), untuk menguji tim.",
            "BSSN menggelar latihan di Jakarta untuk menguji tim",
        ),
        (
            "BNPT dan NICA bertemu di Manila pada Kamis (24/3) untuk membahas JWG.",
            "BNPT dan NICA bertemu di Manila untuk membahas JWG",
        ),
        (
            "BNPT pada hari Selasa (5/4) lalu menerima delegasi NICA.",
            "BNPT menerima delegasi NICA",
        ),
        ("Pada Kamis (24/3), BNPT dan NICA bertemu.", "BNPT dan NICA bertemu"),
        ("BNPT, Kamis (24/3) mengumumkan hasil JWG.", "BNPT mengumumkan hasil JWG"),
        (
            "The agencies met on Thursday (24/3) in Manila.",
            "The agencies met in Manila",
        ),
        # A week, not Sunday: kept, as it is not a date.
        (
            "Selama satu minggu (7/3) delegasi berada di Manila.",
            "Selama satu minggu (7/3) delegasi berada di Manila",
        ),
    ],
)
def test_a_weekday_date_leaves_the_proposed_title_with_its_comma_or_preposition(
    lead, title
):
    assert parse_copy(lead, today=IMPORT_DAY).title == title


def test_an_initial_does_not_end_the_first_sentence():
    parsed = parse_copy(
        "Damian L. Carlos memimpin delegasi. Lalu pulang.", today=IMPORT_DAY
    )

    assert parsed.title == "Damian L. Carlos memimpin delegasi"


@pytest.mark.parametrize(
    "front_matter, code",
    [
        ("colour: blue", "front_matter_key"),
        ("date: 24/3/2022", "front_matter_date"),
        ("date: 2022-02-30", "front_matter_date"),
        ("date: 2010100100", "front_matter_date"),
        ("date: 2022-W12-4", "front_matter_date"),
        ("date: 2022-03-２４", "front_matter_date"),
        ("language: fr", "front_matter_language"),
    ],
)
def test_front_matter_it_cannot_use_is_reported(front_matter, code):
    parsed = parse_copy(f"---\n{front_matter}\n---\nText.", today=IMPORT_DAY)

    assert code in codes(parsed)
    assert parsed.paragraphs == ["Text."]


def test_front_matter_without_its_closing_line_ends_at_the_first_other_line(english):
    parsed = parse_copy("---\ntitle: Judul\nDM – Text.", today=IMPORT_DAY)

    assert parsed.title == "Judul"
    assert parsed.paragraphs == ["Text."]
    assert [str(w) for w in parsed.warnings if w.code == "front_matter_open"] == [
        "The front matter has no closing '---' line; it ends at line 2."
    ]


def test_a_rule_at_the_top_is_not_front_matter():
    parsed = parse_copy("---\nText.", today=IMPORT_DAY)

    assert parsed.paragraphs == ["---", "Text."]
    assert parsed.warnings[0].code == "title_proposed"


def test_quoted_front_matter_values_lose_their_quotes_and_tags_repeat_once():
    text = '---\ntitle: "Judul: dua"\ntags: a, b,, a\nlang: EN\n---\nText.'

    parsed = parse_copy(text, today=IMPORT_DAY)

    assert parsed.title == "Judul: dua"
    assert parsed.tags == ["a", "b"]
    assert parsed.language == "en"


def test_english_copy_is_guessed_english_and_indonesian_copy_indonesian():
    english_copy = sample("front-matter.md").body
    assert parse_copy(english_copy, today=IMPORT_DAY).language == "en"
    assert sample("jwg-hybrid-meeting.txt").language == "id"


def test_a_byte_order_mark_and_windows_line_ends_are_read():
    parsed = parse_copy(
        "\ufeffDM – One.\r\nTwo.\r\nSumber : bnpt.go.id\r\n", today=IMPORT_DAY
    )

    assert parsed.paragraphs == ["One.", "Two."]
    assert parsed.dateline_left_out == "DM"
    assert parsed.source_name == "bnpt.go.id"


def test_empty_text_gives_an_empty_copy():
    parsed = parse_copy("", today=IMPORT_DAY)

    assert (parsed.title, parsed.body, parsed.paragraphs) == ("", "", [])
    assert codes(parsed) == ["no_source"]


# Properties, for any text.


def collapsed(text: str) -> str:
    return " ".join(text.split())


weekday_names = sorted(WEEKDAYS)
wire_line = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "---",
            "title: Judul",
            "date: 2022-03-24",
            "language: en",
            "",
            "DM – BNPT bertemu.",
            "Sumber : bnpt.go.id",
            "Editor : Redaksi",
            "Discussion about this post",
            "Baca juga: lain",
            "- item",
            "# Heading",
        ]
    ),
    st.builds(
        "{} ({}/{}) {}".format,
        st.sampled_from(weekday_names).map(str.title),
        st.integers(0, 40),
        st.integers(0, 14),
        st.text(max_size=20),
    ),
)
wire_copy = st.lists(wire_line, max_size=25).map("\n".join)
any_day = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2200, 12, 31))


@PROPERTIES
@given(text=st.one_of(st.text(), wire_copy), today=any_day)
def test_parsing_never_raises_on_any_text(text, today):
    parsed = parse_copy(text, today=today)

    assert isinstance(parsed.body, str)
    assert isinstance(parsed.title, str)


@PROPERTIES
@given(text=st.one_of(st.text(), wire_copy), today=any_day)
def test_every_body_paragraph_comes_from_the_input(text, today):
    parsed = parse_copy(text, today=today)

    # The input as the parser reads it: control characters are line ends
    # (a form feed, a vertical tab) or nothing (newsroom.text).
    # What Markdown would read otherwise than typed is escaped in the body
    # (parser.kept_as_typed: `\_`, `\*`, `&lt;`): compared without escapes.
    read = unescaped(collapsed(without_controls(text)))
    for paragraph in parsed.paragraphs:
        assert paragraph.strip()
        assert unescaped(collapsed(paragraph)) in read


def unescaped(text: str) -> str:
    return text.replace("\\", "").replace("&lt;", "<")


@PROPERTIES
@given(text=wire_copy, today=any_day)
def test_a_resolved_weekday_date_always_agrees_with_its_weekday(text, today):
    parsed = parse_copy(text, today=today)
    reference = parsed.date or today  # the copy's own date when it gives one

    for mention in parsed.dates:
        if mention.resolved is None:
            assert mention.problem
            continue
        weekday = mention.text.split("(")[0].strip(" ,").lower().replace("’", "'")
        assert mention.resolved.weekday() == WEEKDAYS[weekday]
        if mention.text.count("/") == 1:  # no year written
            assert mention.resolved <= reference
            earliest = reference.year - 1 - DATE_LOOKBACK_YEARS
            assert mention.resolved.year >= earliest
            # Older than last year: the report asks to check it.
            assert bool(mention.problem) is (mention.resolved.year < reference.year - 1)


# Body text that cannot itself hold a trailer: no colons, no line ends.
body_line = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters=":"),
    min_size=1,
    max_size=80,
).filter(lambda line: line.strip() and "\u2028" not in line and "\u2029" not in line)
trailer_line = st.one_of(
    st.builds(
        "Sumber : {}".format, st.from_regex(r"[a-z]{1,10}\.go\.id", fullmatch=True)
    ),
    st.builds("Editor : {}".format, st.sampled_from(["Redaksi", "Dewi", "Wire desk"])),
    st.sampled_from(sorted(BOILERPLATE_LINES)).map(str.title),
    st.builds("Baca juga: {}".format, st.sampled_from(["Berita lain", "BNPT"])),
)


@PROPERTIES
@given(
    lines=st.lists(
        st.one_of(
            body_line.map(lambda line: ("body", line)),
            trailer_line.map(lambda line: ("trailer", line)),
        ),
        min_size=1,
        max_size=20,
    ),
    blank=st.booleans(),
)
def test_trailer_lines_never_end_up_in_the_body(lines, blank):
    text = ("\n\n" if blank else "\n").join(line for _, line in lines)

    parsed = parse_copy(text, today=IMPORT_DAY)

    trailers = [line for kind, line in lines if kind == "trailer"]
    for trailer in trailers:
        if ":" in trailer:  # the body lines hold no colon
            assert all(trailer not in paragraph for paragraph in parsed.paragraphs)
        assert trailer.strip() not in parsed.paragraphs
    sources = [line for line in trailers if line.startswith("Sumber")]
    if sources:
        assert parsed.source_name == sources[0].split(" : ")[1]


# The words of a sentence around a date: never the words that lead into it
# or follow it ("pada", "hari", "on", "lalu"), which the title drops with it.
sentence_part = (
    st.text(
        st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F),
        min_size=1,
        max_size=12,
    )
    .map(str.capitalize)
    .filter(lambda word: word.lower() not in {"pada", "hari", "on", "lalu"})
)


@PROPERTIES
@given(
    before=st.lists(sentence_part, min_size=1, max_size=5).map(" ".join),
    lead_in=st.sampled_from([", ", " pada ", " pada hari ", " ", " on "]),
    weekday=st.sampled_from(weekday_names).map(str.title),
    day=st.integers(1, 28),
    month=st.integers(1, 12),
    lead_out=st.sampled_from([", ", " ", " lalu ", " lalu, "]),
    after=st.lists(sentence_part, min_size=1, max_size=5).map(" ".join),
)
def test_a_title_proposed_around_a_weekday_date_reads_without_it(
    before, lead_in, weekday, day, month, lead_out, after
):
    """Wherever the date sits in the first sentence, the headline keeps the
    words around it, without the date, a doubled comma or a space before a
    comma ("di Jakarta,, untuk" was proposed)."""
    lead = f"{before}{lead_in}{weekday} ({day}/{month}){lead_out}{after}."

    title = parse_copy(f"DM – {lead}", today=IMPORT_DAY).title

    assert f"({day}/{month})" not in title
    assert ",," not in title and " ," not in title and ", ," not in title
    assert title.startswith(before.rstrip(",")) or title.endswith("…")
    if not title.endswith("…"):
        assert title.endswith(after)


@pytest.mark.parametrize(
    "first, dateline, agency",
    [
        ("KBRI Manila", "Manila", "KBRI"),
        ("KJRI Davao, Rabu (2/3)", "Davao", "KJRI"),  # the date: its own test
        ("KBRI Kuala Lumpur", "Kuala Lumpur", "KBRI"),
        ("PTRI Jenewa", "Jenewa", "PTRI"),
        ("Kemlu Jakarta", "Jakarta", "Kemlu"),
        ("BNPT Jakarta", "Jakarta", "BNPT"),  # the registry's acronym
    ],
)
def test_an_agency_written_before_its_place_leaves_the_place_as_the_dateline(
    english, first, dateline, agency
):
    """ "KBRI Manila –" and "KJRI Davao, Rabu (2/3) –" filled the Dateline
    whole: the embassy's or agency's word is left out and offered, the place
    kept."""
    parsed = parse_copy(
        f"{first} – Kedutaan Besar menggelar acara.\nSumber : kemlu.go.id",
        today=IMPORT_DAY,
        agency_named=lambda word: word.upper() == "BNPT",
    )

    assert parsed.paragraphs == ["Kedutaan Besar menggelar acara."]
    assert (parsed.dateline, parsed.dateline_left_out) == (dateline, agency)
    assert codes(parsed)[0] == "dateline_agency"
    assert parsed.warnings[0].message == (
        f"“{agency}” in the dateline names an agency, not a place: it was left "
        f"out; the dateline keeps the place, “{dateline}”."
    )


@pytest.mark.parametrize(
    "first, dateline, agency",
    [
        ("KJRI Davao, Rabu (2/3)", "Davao", "KJRI"),
        ("Jakarta, Rabu (2/3)", "Jakarta", ""),
        ("Davao, Rabu (2/3)", "Davao", ""),
        ("Rabu (2/3)", "", ""),
    ],
)
def test_a_weekday_date_in_the_dateline_is_the_storys_date_not_its_place(
    english, first, dateline, agency
):
    """ "KJRI Davao, Rabu (2/3) –" left "Davao, Rabu (2/3)" in the Dateline
    and readers saw "Davao, Rabu (2/3) · Oleh …": the weekday date is read
    as the body's "Kamis (24/3)" is, and the report says what it was taken
    as."""
    parsed = parse_copy(
        f"{first} – KJRI menggelar acara.\nSumber : kemlu.go.id", today=IMPORT_DAY
    )

    assert (parsed.dateline, parsed.dateline_left_out) == (dateline, agency)
    assert parsed.paragraphs == ["KJRI menggelar acara."]
    assert parsed.published_date == dt.date(2022, 3, 2)
    assert [(m.text, m.resolved) for m in parsed.dates] == [
        ("Rabu (2/3)", dt.date(2022, 3, 2))
    ]
    assert (
        "“Rabu (2/3)” in the dateline is the story's date, not a place: it "
        "was left out of the dateline and taken as Wednesday 2 March 2022."
    ) in [w.message for w in parsed.warnings]
    assert "date" not in codes(parsed)


# Wednesday 2 March 2022, Thursday 24 March 2022, Friday 4 March 2022.
WEDNESDAY, THURSDAY, FRIDAY = (dt.date(2022, 3, day) for day in (2, 24, 4))


@pytest.mark.parametrize(
    "first, dateline, left_out, mention, day",
    [
        ("Davao Rabu (2/3)", "Davao", "", "Rabu (2/3)", WEDNESDAY),
        ("KJRI Davao Rabu (2/3)", "Davao", "KJRI", "Rabu (2/3)", WEDNESDAY),
        ("JAKARTA Kamis (24/3)", "JAKARTA", "", "Kamis (24/3)", THURSDAY),
        ("Kuala Lumpur Jum'at (4/3)", "Kuala Lumpur", "", "Jum'at (4/3)", FRIDAY),
        ("Manila (DM) Rabu (2/3)", "Manila", "(DM)", "Rabu (2/3)", WEDNESDAY),
        ("Manila Wednesday (2/3)", "Manila", "", "Wednesday (2/3)", WEDNESDAY),
        # A place with a weekday's name keeps it; the date after it is read.
        ("Pulau Minggu Rabu (2/3)", "Pulau Minggu", "", "Rabu (2/3)", WEDNESDAY),
        ("Sunday Island Friday (4/3)", "Sunday Island", "", "Friday (4/3)", FRIDAY),
    ],
)
def test_a_weekday_date_after_the_place_without_a_comma_is_the_storys_date(
    english, first, dateline, left_out, mention, day
):
    """ "Davao Rabu (2/3) –" filled the Dateline whole and gave the story no
    date: read as "Davao, Rabu (2/3) –" is."""
    parsed = parse_copy(
        f"{first} – KJRI menggelar acara.\nSumber : kemlu.go.id", today=IMPORT_DAY
    )

    assert (parsed.dateline, parsed.dateline_left_out) == (dateline, left_out)
    assert parsed.paragraphs == ["KJRI menggelar acara."]
    assert parsed.dateline_date == mention
    assert [(m.text, m.resolved) for m in parsed.dates] == [(mention, day)]
    assert parsed.published_date == day
    assert (
        f"“{mention}” in the dateline is the story's date, not a place: it was "
        f"left out of the dateline and taken as {day:%A} {day.day} {day:%B %Y}."
    ) in [w.message for w in parsed.warnings]


dateline_word = st.text(
    alphabet=st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")),
    min_size=1,
    max_size=8,
).map(str.title)


@PROPERTIES
@given(
    place=st.lists(
        st.one_of(dateline_word, st.sampled_from(weekday_names).map(str.title)),
        min_size=1,
        max_size=3,
    ).map(" ".join),
    weekday=st.sampled_from(weekday_names).flatmap(
        lambda name: st.sampled_from([name.title(), name.upper()])
    ),
    day=st.integers(1, 31),
    month=st.integers(1, 12),
    year=st.sampled_from(["", "/22", "/2021"]),
    today=any_day,
)
def test_a_dateline_date_reads_the_same_with_or_without_a_comma(
    place, weekday, day, month, year, today
):
    """Whatever the place (one with a weekday's name too) and the weekday
    date, "Place Rabu (2/3) –" is read as "Place, Rabu (2/3) –": the same
    dateline, the same date, the same warnings."""
    mention = f"{weekday} ({day}/{month}{year})"

    def read(dateline):
        parsed = parse_copy(f"{dateline} – Teks acara.", today=today)
        return (
            parsed.dateline,
            parsed.dateline_left_out,
            parsed.dateline_date,
            parsed.paragraphs,
            parsed.dates,
            codes(parsed),
        )

    glued = read(f"{place} {mention}")
    assert glued == read(f"{place}, {mention}")
    assert glued[2] == mention


def test_a_dateline_date_whose_weekday_disagrees_gives_no_date(english):
    parsed = parse_copy(
        "Davao, Senin (2/3/2022) – Teks.\nSumber : kemlu.go.id", today=IMPORT_DAY
    )

    assert (parsed.dateline, parsed.paragraphs) == ("Davao", ["Teks."])
    assert parsed.published_date is None
    messages = [w.message for w in parsed.warnings if w.code != "title_proposed"]
    assert messages == [
        "“Senin (2/3/2022)” in the dateline is a date, not a place: it was "
        "left out of the dateline; no date was taken from it.",
        "Senin (2/3/2022): 2 March 2022 is a Wednesday; no date taken.",
    ]


@pytest.mark.parametrize(
    "first, dateline, left_out",
    [
        ("KBRI Manila (DM)", "Manila", "KBRI, (DM)"),
        ("KBRI Kuala Lumpur [D.M.]", "Kuala Lumpur", "KBRI, [D.M.]"),
        ("Manila (DM)", "Manila", "(DM)"),
        ("Kupang (NTT)", "Kupang (NTT)", ""),  # a place we know, not initials
    ],
)
def test_initials_after_the_place_are_left_out_and_offered(
    english, first, dateline, left_out
):
    """ "KBRI Manila (DM) –" gave the Dateline "Manila (DM)": after the
    mission, the place's initials go as any initials do."""
    parsed = parse_copy(f"{first} – Teks.\nSumber : kemlu.go.id", today=IMPORT_DAY)

    assert (parsed.dateline, parsed.dateline_left_out) == (dateline, left_out)
    assert parsed.paragraphs == ["Teks."]
    initials = left_out.split(", ")[-1]
    if initials:
        assert parsed.warnings[0].message.startswith(
            f"Dateline “{initials}” is not a place we know"
        )
    if left_out.startswith("KBRI"):
        assert parsed.warnings[1].message == (
            "“KBRI” in the dateline names an agency, not a place: it was left "
            f"out; the dateline keeps the place, “{dateline}”."
        )


@pytest.mark.parametrize("first", ["KBRI", "(KJRI)", "KBRI/DM", "BNPT DM"])
def test_a_mission_or_agency_with_no_place_is_no_dateline(english, first):
    parsed = parse_copy(
        f"{first} – Text.",
        today=IMPORT_DAY,
        agency_named=lambda word: word.upper() == "BNPT",
    )

    assert (parsed.dateline, parsed.dateline_left_out) == ("", first)
    assert codes(parsed)[0] == "dateline_agency"
