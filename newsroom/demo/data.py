"""The demo newsroom's content: the Philippines–Indonesia JWG, its 4th
meeting, the agencies and officials there, articles about it, a short reader
discussion and the demo accounts.

Written in the newsroom's own words from the public facts of the meeting.
Facts and prose only: loader.py writes them through the services.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from agencies.models import Meeting, MeetingAttendance, MeetingParticipant

JAKARTA = ZoneInfo("Asia/Jakarta")
MANILA = ZoneInfo("Asia/Manila")

# slug, name, description, order, English name, English description
SECTIONS = [
    (
        "nasional",
        "Nasional",
        "Berita keamanan dan pemerintahan dalam negeri.",
        1,
        "National",
        "Security and government news from home.",
    ),
    (
        "internasional",
        "Internasional",
        "Liputan hubungan dan forum antarnegara.",
        2,
        "International",
        "Coverage of relations and forums between countries.",
    ),
    (
        "kerja-sama",
        "Kerja Sama",
        "Kerja sama antarlembaga dan antarnegara.",
        3,
        "Cooperation",
        "Cooperation between agencies and between countries.",
    ),
]

# slug, acronym, official name, English name, country, kind, parent slug, website,
# aliases
AGENCIES = [
    (
        "kemlu",
        "Kemlu",
        "Kementerian Luar Negeri Republik Indonesia",
        "Ministry of Foreign Affairs of the Republic of Indonesia",
        "ID",
        "ministry",
        None,
        "https://kemlu.go.id",
        ["MoFA Indonesia", "Kemenlu"],
    ),
    (
        "bnpt",
        "BNPT",
        "Badan Nasional Penanggulangan Terorisme",
        "National Counter Terrorism Agency",
        "ID",
        "counter_terrorism",
        None,
        "https://www.bnpt.go.id",
        ["NCTA", "National Counter-Terrorism Agency"],
    ),
    (
        "bin",
        "BIN",
        "Badan Intelijen Negara",
        "State Intelligence Agency",
        "ID",
        "intelligence",
        None,
        "https://www.bin.go.id",
        ["Indonesian State Intelligence"],
    ),
    (
        "ppatk",
        "PPATK",
        "Pusat Pelaporan dan Analisis Transaksi Keuangan",
        "Indonesian Financial Transaction Reports and Analysis Centre",
        "ID",
        "fiu",
        None,
        "https://www.ppatk.go.id",
        ["INTRAC"],
    ),
    (
        "bssn",
        "BSSN",
        "Badan Siber dan Sandi Negara",
        "National Cyber and Crypto Agency",
        "ID",
        "security",
        None,
        "https://www.bssn.go.id",
        ["NCCA"],
    ),
    (
        "kemenkopolhukam",
        "Kemenkopolhukam",
        "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan",
        "Coordinating Ministry for Political, Legal and Security Affairs",
        "ID",
        "coordinating_ministry",
        None,
        "https://polkam.go.id",
        ["Kemenko Polhukam", "Polhukam"],
    ),
    (
        "kejagung",
        "Kejagung",
        "Kejaksaan Agung Republik Indonesia",
        "Attorney General's Office",
        "ID",
        "prosecution",
        None,
        "https://www.kejaksaan.go.id",
        ["Kejaksaan Agung", "AGO"],
    ),
    (
        "bakamla",
        "Bakamla",
        "Badan Keamanan Laut Republik Indonesia",
        "Maritime Security Agency",
        "ID",
        "security",
        None,
        "https://bakamla.go.id",
        ["Indonesian Coast Guard"],
    ),
    (
        "kemenkumham",
        "Kemenkumham",
        "Kementerian Hukum dan Hak Asasi Manusia",
        "Ministry of Law and Human Rights",
        "ID",
        "ministry",
        None,
        "https://www.kemenkumham.go.id",
        [],
    ),
    (
        "kbri-manila",
        "KBRI Manila",
        "Kedutaan Besar Republik Indonesia di Manila",
        "Embassy of the Republic of Indonesia in Manila",
        "ID",
        "embassy",
        "kemlu",
        "https://kemlu.go.id/manila",
        ["Indonesian Embassy Manila"],
    ),
    (
        "nica",
        "NICA",
        "National Intelligence Coordinating Agency",
        "National Intelligence Coordinating Agency",
        "PH",
        "intelligence",
        None,
        "https://www.nica.gov.ph",
        [],
    ),
    (
        "amlc",
        "AMLC",
        "Anti-Money Laundering Council",
        "Anti-Money Laundering Council",
        "PH",
        "fiu",
        None,
        "https://www.amlc.gov.ph",
        [],
    ),
    (
        "bi-philippines",
        "BI",
        "Bureau of Immigration",
        "Bureau of Immigration",
        "PH",
        "immigration",
        None,
        "https://immigration.gov.ph",
        ["Philippine Immigration"],
    ),
    (
        "atc-pmc",
        "ATC-PMC",
        "Anti-Terrorism Council Program Management Center",
        "Anti-Terrorism Council Program Management Center",
        "PH",
        "counter_terrorism",
        None,
        "",
        ["ATCPMC"],
    ),
]

# slug, name, current position, agency slug
PEOPLE = [
    ("boy-rafli-amar", "Boy Rafli Amar", "Kepala BNPT", "bnpt"),
    (
        "andhika-chrisnayudhanto",
        "Andhika Chrisnayudhanto",
        "Deputi Bidang Kerja Sama Internasional BNPT",
        "bnpt",
    ),
    (
        "damian-l-carlos",
        "Damian L. Carlos",
        "Wakil Direktur Jenderal Bidang Penanggulangan Terorisme",
        "nica",
    ),
]

# Positions in English (people's and at the meeting), by their Indonesian text.
POSITIONS_EN = {
    "Kepala BNPT": "Head of BNPT",
    "Deputi Bidang Kerja Sama Internasional BNPT": (
        "BNPT Deputy for International Cooperation"
    ),
    "Wakil Direktur Jenderal Bidang Penanggulangan Terorisme": (
        "Deputy Director General for Counter-Terrorism"
    ),
}

# Indonesian texts the demo once wrote in English (a position, two items of
# the agenda), by the English it wrote: a demo loaded before gets the
# Indonesian where the text is still the demo's.
WRITTEN_IN_ENGLISH = {
    "Deputy Director General for Counter-Terrorism": (
        "Wakil Direktur Jenderal Bidang Penanggulangan Terorisme"
    ),
    "Updates on intelligence and information sharing mechanisms between security "
    "and intelligence agencies": (
        "Perkembangan mekanisme berbagi intelijen dan informasi antarlembaga "
        "keamanan dan intelijen"
    ),
    "Best practices, good practices and lessons learned in CVE": (
        "Praktik terbaik, praktik baik, dan pelajaran dalam penanggulangan "
        "ekstremisme berbasis kekerasan (CVE)"
    ),
}

# The credit of every demo picture (drawn by the newsroom), then in English.
PICTURE_CREDIT = "Ilustrasi: Newsroom"
PICTURE_CREDIT_EN = "Illustration: Newsroom"

# What the demo's drawn pictures show (their alt text), then in English: a
# story's street scene, a person's portrait ({name}: theirs) and an agency's
# logo ({name}: the agency's, in the text's language).
STORY_PICTURE_ALT = "Ilustrasi: deretan gedung di bawah langit senja"
STORY_PICTURE_ALT_EN = "Illustration: a row of buildings under an evening sky"
PORTRAIT_ALT = (
    "Ilustrasi potret: siluet kepala dan bahu berwarna abu-abu, bukan foto {name}"
)
PORTRAIT_ALT_EN = (
    "Portrait illustration: a grey head-and-shoulders silhouette, not a photo of {name}"
)
LOGO_ALT = "Logo {name}"
LOGO_ALT_EN = "{name} logo"

SERIES = {
    "slug": "jwg-philippines-indonesia",
    "name": "Philippines–Indonesia Joint Working Group on Combating International "
    "Terrorism",
    "short_name": "JWG",
    "description": (
        "Forum bilateral tahunan Indonesia dan Filipina untuk bertukar informasi "
        "intelijen dan menyelaraskan langkah penanggulangan terorisme."
    ),
    "name_en": "Philippines–Indonesia Joint Working Group on Combating "
    "International Terrorism",
    "short_name_en": "JWG",
    "description_en": (
        "The yearly bilateral forum where Indonesia and the Philippines share "
        "intelligence and align their counter-terrorism work."
    ),
}

# The series' previous meeting, known only by its month.
MEETING_3RD_JWG = {
    "slug": "jwg-ke-3-indonesia-filipina-2019",
    "number": 3,
    "title": "JWG ke-3 Indonesia–Filipina",
    "format": Meeting.Format.IN_PERSON,
    "start": datetime(2019, 9, 1, 9, 0, tzinfo=MANILA),
    "timezone": "Asia/Manila",
    "country": "PH",
    "summary": (
        "Pertemuan ke-3 kelompok kerja bersama, September 2019 (tanggal "
        "pasti belum tercatat di arsip redaksi)."
    ),
    "title_en": "3rd Indonesia–Philippines JWG",
    "summary_en": (
        "The working group's 3rd meeting, September 2019 (the exact date is "
        "not yet in the newsroom's archive)."
    ),
}

# The meeting the articles cover; "host" is an agency slug.
MEETING_4TH_JWG = {
    "slug": "jwg-ke-4-indonesia-filipina-2022",
    "number": 4,
    "title": "JWG ke-4 Indonesia–Filipina tentang Penanggulangan Terorisme",
    "format": Meeting.Format.HYBRID,
    "start": datetime(2022, 3, 24, 9, 0, tzinfo=JAKARTA),
    "end": datetime(2022, 3, 24, 13, 0, tzinfo=JAKARTA),
    "timezone": "Asia/Jakarta",
    "city": "Jakarta",
    "country": "ID",
    "host": "bnpt",
    "summary": (
        "Pertemuan lanjutan setelah JWG ke-3 (September 2019), digelar "
        "secara hybrid selama empat jam dalam tujuh sesi."
    ),
    "title_en": "4th Indonesia–Philippines JWG on Counter-Terrorism",
    "summary_en": (
        "The follow-up to the 3rd JWG (September 2019), held in hybrid format "
        "over four hours in seven sessions."
    ),
}

# A meeting to come, for the home page's agenda: its date is counted from the
# day the demo is loaded (days ahead, local hour); "host" is an agency slug.
MEETING_UPCOMING = {
    "slug": "konsultasi-siber-bssn-nica",
    "title": "Konsultasi bilateral BSSN–NICA tentang ancaman siber",
    "title_en": "BSSN–NICA bilateral consultation on cyber threats",
    "format": Meeting.Format.VIRTUAL,
    "days_ahead": 10,
    "hour": 10,
    "timezone": "Asia/Manila",
    "host": "nica",
    "summary": (
        "Pertemuan daring untuk menindaklanjuti sesi keamanan siber JWG ke-4: "
        "pertukaran data insiden dan jalur kontak darurat."
    ),
    "summary_en": (
        "An online follow-up to the 4th JWG's cyber session: sharing incident "
        "data and an emergency line of contact."
    ),
}

# The English edition's lead, pinned by the desk (slot 0, no end).
PINNED_LEAD_EN = "bnpt-and-the-philippines-hold-4th-jwg-on-counter-terrorism"

# title, summary, English title, English summary
SESSIONS_4TH_JWG = [
    (
        "Penilaian ancaman terorisme di tingkat global, regional, dan domestik",
        "Kedua delegasi memaparkan pandangan masing-masing tentang peta ancaman.",
        "Assessment of the terrorist threat at global, regional and domestic level",
        "Each delegation set out how it sees the threat.",
    ),
    (
        "Perkembangan mekanisme berbagi intelijen dan informasi antarlembaga "
        "keamanan dan intelijen",
        "",
        "Updates on intelligence and information sharing mechanisms between security "
        "and intelligence agencies",
        "",
    ),
    (
        "Pelaksanaan dan pemantauan kontrol perbatasan",
        "",
        "Carrying out and monitoring border control",
        "",
    ),
    (
        "Pencegahan dan penanggulangan terorisme di ruang siber",
        "",
        "Preventing and countering terrorism in cyberspace",
        "",
    ),
    (
        "Praktik terbaik, praktik baik, dan pelajaran dalam penanggulangan "
        "ekstremisme berbasis kekerasan (CVE)",
        "",
        "Best practices, good practices and lessons learned in CVE",
        "",
    ),
    (
        "Penguatan kerja sama police to police Indonesia–Filipina",
        "",
        "Stronger police-to-police cooperation between Indonesia and the Philippines",
        "",
    ),
    (
        "Peningkatan kapasitas dan kapabilitas",
        "",
        "Capacity and capability building",
        "",
    ),
]

# agency slug, role
PARTICIPANTS_4TH_JWG = [
    ("bnpt", MeetingParticipant.Role.HOST),
    ("kemenkopolhukam", MeetingParticipant.Role.MEMBER),
    ("bin", MeetingParticipant.Role.MEMBER),
    ("ppatk", MeetingParticipant.Role.MEMBER),
    ("kejagung", MeetingParticipant.Role.MEMBER),
    ("bakamla", MeetingParticipant.Role.MEMBER),
    ("kemenkumham", MeetingParticipant.Role.MEMBER),
    ("bssn", MeetingParticipant.Role.MEMBER),
    ("kbri-manila", MeetingParticipant.Role.MEMBER),
    ("nica", MeetingParticipant.Role.HEAD_OF_DELEGATION),
    ("amlc", MeetingParticipant.Role.MEMBER),
    ("bi-philippines", MeetingParticipant.Role.MEMBER),
    ("atc-pmc", MeetingParticipant.Role.MEMBER),
]

# person slug, role, position held then (in English: POSITIONS_EN), agency slug
ATTENDANCES_4TH_JWG = [
    ("boy-rafli-amar", MeetingAttendance.Role.OPENED, "Kepala BNPT", "bnpt"),
    (
        "andhika-chrisnayudhanto",
        MeetingAttendance.Role.OPENING_REMARKS,
        "Deputi Bidang Kerja Sama Internasional BNPT",
        "bnpt",
    ),
    (
        "damian-l-carlos",
        MeetingAttendance.Role.LED_DELEGATION,
        "Wakil Direktur Jenderal Bidang Penanggulangan Terorisme",
        "nica",
    ),
    (
        "damian-l-carlos",
        MeetingAttendance.Role.OPENING_REMARKS,
        "Wakil Direktur Jenderal Bidang Penanggulangan Terorisme",
        "nica",
    ),
]

ARTICLE_JWG_BODY = """\
Badan Nasional Penanggulangan Terorisme (BNPT) menjadi tuan rumah pertemuan ke-4
_Joint Working Group (JWG) on Combating International Terrorism_ antara Indonesia
dan Filipina pada Kamis, 24 Maret 2022. Pertemuan digelar secara _hybrid_: sebagian
delegasi hadir langsung, sebagian lain tersambung secara daring.

Forum ini melanjutkan pembahasan dari JWG ke-3 yang berlangsung pada September 2019.
Sejak itu, pandemi mengubah cara kelompok teror bekerja, sehingga kedua negara
menilai perlu memperbarui gambaran ancaman bersama.

## Ancaman bergeser ke ruang daring

Kepala BNPT Boy Rafli Amar membuka pertemuan dan mengingatkan bahwa pembatasan
perbatasan selama pandemi memang menekan jumlah serangan, tetapi tidak menghentikan
jaringan teror. Menurut dia, propaganda, rekrutmen, dan pengumpulan dana kini lebih
banyak berpindah ke ruang siber.

Deputi Bidang Kerja Sama Internasional BNPT, Andhika Chrisnayudhanto, menyampaikan
_opening remarks_ sekaligus memperkenalkan delegasi Indonesia. Delegasi Filipina
dipimpin Damian L. Carlos.

## Tujuh sesi dalam empat jam

Selama sekitar empat jam, kedua delegasi membahas tujuh agenda, antara lain
penilaian ancaman, mekanisme berbagi informasi intelijen, kontrol perbatasan,
terorisme di dunia siber, praktik baik dalam _countering violent extremism_ (CVE),
kerja sama _police to police_, serta peningkatan kapasitas.

Delegasi Indonesia melibatkan unsur Kemenkopolhukam, BIN, PPATK, Kejaksaan Agung,
Bakamla, Kemenkumham, BSSN, dan KBRI Manila. Dari pihak Filipina hadir antara lain
NICA, AMLC, dan Bureau of Immigration.
"""

ARTICLE_EXPLAINER_BODY = """\
_Joint Working Group_ (JWG) Indonesia–Filipina adalah pertemuan rutin yang
disepakati kedua negara untuk memperkuat kerja sama penanggulangan terorisme.

Inti forum ini adalah saling berbagi informasi intelijen tentang perkembangan
penanganan terorisme di tingkat bilateral, regional, dan internasional. Pertemuan
ke-3 berlangsung pada September 2019; pertemuan ke-4 baru terselenggara pada Maret
2022 dengan format _hybrid_.

Di pihak Indonesia, BNPT melalui Kedeputian Bidang Kerja Sama Internasional menjadi
koordinator. Di pihak Filipina, delegasi diisi lembaga seperti NICA dan AMLC.
"""

ARTICLE_CYBER_BODY = """\
Pandemi membuat banyak negara memperketat perbatasan. Namun BNPT menilai ancaman
terorisme tidak ikut surut: jaringan teror memanfaatkan ruang siber untuk
menyebarkan propaganda, merekrut anggota, dan menghimpun dana dari audiens yang
sedang banyak daring.

Untuk menandinginya, BNPT menyebut sejumlah kanal kontra-narasi, mulai dari situs
web dan terbitan cetak hingga kanal video, serta platform I-KHub untuk koordinasi
antara pemerintah, mitra internasional, dan organisasi masyarakat sipil.

Peran BSSN dalam pengamanan ruang siber ikut dibahas pada sesi khusus tentang
terorisme di dunia maya dalam JWG ke-4 bersama Filipina.
"""

ARTICLE_EN_BODY = """\
Border control and the prevention of violent extremism were among the seven
agenda items that Indonesian and Philippine officials worked through at the 4th
meeting of their Joint Working Group on Combating International Terrorism, held
in hybrid format on 24 March 2022 and hosted by Indonesia's BNPT.

The two delegations compared how each country monitors its borders, exchanged
what they called good practices and lessons learned in countering violent
extremism (CVE), and discussed closer police-to-police cooperation.

The Philippine delegation included officials from NICA, the Anti-Money
Laundering Council and the Bureau of Immigration.
"""

ARTICLE_JWG_BODY_EN = """\
Indonesia's National Counter Terrorism Agency (BNPT) hosted the 4th meeting of
the _Joint Working Group (JWG) on Combating International Terrorism_ between
Indonesia and the Philippines on Thursday, 24 March 2022. The meeting was held in
hybrid format: some delegates were in the room, others joined online.

The forum picked up where the 3rd JWG, held in September 2019, had left off. The
pandemic has since changed the way terrorist groups work, and both countries saw
a need to bring their shared picture of the threat up to date.

## The threat moves online

BNPT head Boy Rafli Amar opened the meeting with a warning. Border restrictions
during the pandemic did cut the number of attacks, he said, but they did not stop
terrorist networks: propaganda, recruitment and fundraising have largely moved to
cyberspace.

Andhika Chrisnayudhanto, BNPT's deputy for international cooperation, gave
opening remarks and introduced the Indonesian delegation. The Philippine
delegation was led by Damian L. Carlos.

## Seven sessions in four hours

Over some four hours, the two delegations worked through seven agenda items,
among them threat assessment, intelligence sharing mechanisms, border control,
terrorism in cyberspace, good practices in countering violent extremism (CVE),
police-to-police cooperation and capacity building.

The Indonesian delegation included officials from Kemenkopolhukam, BIN, PPATK,
the Attorney General's Office, Bakamla, Kemenkumham, BSSN and the embassy in
Manila. The Philippine side included NICA, AMLC and the Bureau of Immigration.
"""

ARTICLE_DRAFT_BODY = """\
Catatan awal untuk liputan lanjutan tentang kerja sama _police to police_.
Belum diverifikasi; jangan diterbitkan.
"""


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    dek: str
    body: str
    section: str
    published_at: datetime | None
    tags: tuple[str, ...]
    agencies: tuple[str, ...]
    people: tuple[str, ...] = ()
    language: str = "id"
    dateline: str = "Jakarta"
    byline: str = "Tim Redaksi"
    is_featured: bool = False
    with_image: bool = False
    draft: bool = False  # written by the demo reporter, not yet submitted
    # Published a day before the demo is loaded, so its discussion is open.
    # Every demo story takes the site's default moderation (pre-moderation
    # unless NEWSROOM_COMMENTS_POLICY says otherwise): a newcomer's test
    # comment waits for a moderator, as the README says.
    recent: bool = False
    # The slug of the story's original when this article is its translation
    # (listed after it); it shows the original's picture.
    translation_of: str | None = None

    @property
    def editor_name(self) -> str:
        """The desk that edited it, named in the story's language as its
        byline names the newsroom's staff ("Tim Redaksi", "Newsroom staff")."""
        return EDITOR_NAMES[self.language]


# The desk's name on the editor line, by the story's language.
EDITOR_NAMES = {"id": "Redaksi", "en": "Newsroom staff"}


ARTICLES = [
    DemoArticle(
        slug="bnpt-dan-filipina-gelar-jwg-ke-4-penanggulangan-terorisme",
        title="BNPT dan Filipina Gelar JWG ke-4 Penanggulangan Terorisme secara Hybrid",
        dek=(
            "Tiga tahun setelah pertemuan ke-3, delegasi Indonesia dan Filipina "
            "kembali bertemu dan membahas tujuh agenda dalam empat jam."
        ),
        body=ARTICLE_JWG_BODY,
        section="kerja-sama",
        published_at=datetime(2022, 3, 24, 16, 30, tzinfo=JAKARTA),
        tags=("terorisme", "kerja sama bilateral", "filipina", "intelijen"),
        agencies=(
            "bnpt",
            "bin",
            "ppatk",
            "bssn",
            "kemenkopolhukam",
            "kbri-manila",
            "nica",
            "amlc",
        ),
        people=("boy-rafli-amar", "andhika-chrisnayudhanto", "damian-l-carlos"),
        is_featured=True,
        with_image=True,
    ),
    DemoArticle(
        slug="bnpt-and-the-philippines-hold-4th-jwg-on-counter-terrorism",
        title="BNPT and the Philippines Hold 4th Joint Working Group on "
        "Counter-Terrorism",
        dek=(
            "Three years after their 3rd meeting, the Indonesian and Philippine "
            "delegations met again and went through seven agenda items in four "
            "hours."
        ),
        body=ARTICLE_JWG_BODY_EN,
        section="kerja-sama",
        published_at=datetime(2022, 3, 24, 19, 0, tzinfo=JAKARTA),
        tags=("terrorism", "bilateral cooperation", "philippines", "intelligence"),
        agencies=(
            "bnpt",
            "bin",
            "ppatk",
            "bssn",
            "kemenkopolhukam",
            "kbri-manila",
            "nica",
            "amlc",
        ),
        people=("boy-rafli-amar", "andhika-chrisnayudhanto", "damian-l-carlos"),
        language="en",
        byline="Newsroom staff",
        with_image=True,
        translation_of="bnpt-dan-filipina-gelar-jwg-ke-4-penanggulangan-terorisme",
    ),
    DemoArticle(
        slug="mengenal-jwg-indonesia-filipina",
        byline="Sari Wulandari",
        title="Mengenal JWG, Forum Tahunan Indonesia–Filipina Melawan Terorisme",
        dek="Apa itu Joint Working Group dan mengapa pertemuannya penting.",
        body=ARTICLE_EXPLAINER_BODY,
        section="internasional",
        published_at=datetime(2022, 3, 25, 9, 0, tzinfo=JAKARTA),
        tags=("terorisme", "filipina", "penjelasan"),
        agencies=("bnpt", "nica", "amlc"),
        recent=True,
        with_image=True,
    ),
    DemoArticle(
        slug="ancaman-teror-di-ruang-siber-selama-pandemi",
        byline="Sari Wulandari",
        title="BNPT: Selama Pandemi, Jaringan Teror Pindah ke Ruang Siber",
        dek="Propaganda, rekrutmen, dan pendanaan kini banyak berlangsung daring.",
        body=ARTICLE_CYBER_BODY,
        section="nasional",
        published_at=datetime(2022, 3, 26, 10, 15, tzinfo=JAKARTA),
        tags=("terorisme", "siber", "kontra-narasi"),
        agencies=("bnpt", "bssn"),
        people=("boy-rafli-amar",),
        with_image=True,
    ),
    DemoArticle(
        slug="indonesia-philippines-review-border-control-and-cve",
        title="Indonesia and the Philippines Review Border Control and CVE at 4th JWG",
        dek="Seven agenda items in four hours, from threat assessment to capacity "
        "building.",
        body=ARTICLE_EN_BODY,
        section="internasional",
        published_at=datetime(2022, 3, 27, 8, 0, tzinfo=JAKARTA),
        tags=("terrorism", "philippines", "border control"),
        agencies=("bnpt", "nica", "amlc", "bi-philippines"),
        people=("damian-l-carlos",),
        language="en",
        byline="Newsroom staff",
        with_image=True,
    ),
    DemoArticle(
        slug="catatan-kerja-sama-police-to-police",
        title="Catatan: Kerja Sama Police to Police Indonesia–Filipina",
        dek="Draf liputan lanjutan.",
        body=ARTICLE_DRAFT_BODY,
        section="kerja-sama",
        published_at=None,
        tags=("terorisme",),
        agencies=("bnpt",),
        draft=True,
    ),
]

DEMO_ACCOUNTS = [
    ("editor", "Editor", "Demo editor"),
    ("reporter", "Reporter", "Demo reporter"),
    ("moderator", "Moderator", "Demo moderator"),
]

# The demo staff's author pages, by user name: name, slug, role and
# biography in Indonesian, then in English.
DEMO_AUTHORS = {
    "editor": {
        "name": "Sari Wulandari",
        "slug": "sari-wulandari",
        "role": "Redaktur pelaksana, Jakarta",
        "role_en": "Managing editor, Jakarta",
        "bio": (
            "Memimpin liputan kerja sama antarlembaga: pertemuan bilateral, "
            "kelompok kerja bersama, dan kesepakatan yang lahir darinya."
        ),
        "bio_en": (
            "Leads the coverage of cooperation between agencies: bilateral "
            "meetings, joint working groups and the agreements they reach."
        ),
    },
    "reporter": {
        "name": "Andi Pratama",
        "slug": "andi-pratama",
        "role": "Wartawan, Jakarta",
        "role_en": "Reporter, Jakarta",
        "bio": "Meliput penanggulangan terorisme dan keamanan perbatasan.",
        "bio_en": "Covers counter-terrorism and border security.",
    },
}

DISCUSSED_ARTICLE = "mengenal-jwg-indonesia-filipina"
# name, email, text, status after moderation, reply to (index in this list)
DEMO_COMMENTS = [
    (
        "Rina",
        "rina@example.org",
        "Bagus kalau pertukaran informasi intelijen dibahas terbuka.\n"
        "Semoga hasilnya juga diumumkan.",
        "approved",
        None,
    ),
    (
        "Joel",
        "joel@example.net",
        "Good to see the border-control session on the agenda. Any word on the "
        "next meeting date?",
        "approved",
        None,
    ),
    (
        "Dimas",
        "dimas@example.org",
        "Setahu saya belum ada jadwal resmi untuk pertemuan ke-5.",
        "approved",
        1,
    ),
    (
        "Anon",
        "anon@example.com",
        "Cek https://example.com/a https://example.com/b https://example.com/c "
        "untuk info lebih lanjut",
        "pending",
        None,
    ),
]
