"""A small archive for the search tests: 33 stories (32 published, one draft)
about the 4th Philippines-Indonesia Joint Working Group on Combating
International Terrorism (BNPT, 24 March 2022), written in the newsroom's own
words from the sample report's facts, and the queries readers would type with
the story that must come first.

Most stories mention BNPT, the JWG, NICA and the officials somewhere, so that a
query finds many of them and only the ranking decides which comes first. The
expected story is rarely the newest one, so ranking, not recency, puts it there.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from articles.models import Article
from articles.search.index import update_search_vectors
from tests.agencies.factories import AgencyAliasFactory, AgencyFactory
from tests.articles.factories import ArticleFactory, SectionFactory

JAKARTA = ZoneInfo("Asia/Jakarta")

ON_POSTGRES = connection.vendor == "postgresql"


def postgres_only(test):
    """PostgreSQL full-text search; CI runs the suite on PostgreSQL as well."""
    skip = pytest.mark.skipif(
        not ON_POSTGRES,
        reason="needs PostgreSQL full-text search (set DATABASE_URL to a "
        "PostgreSQL database; CI runs the suite on both)",
    )
    return pytest.mark.postgres(skip(test))


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    dek: str
    body: str
    section: str
    day: dt.date
    agencies: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str = "id"
    draft: bool = False


def day(month: int, number: int) -> dt.date:
    return dt.date(2022, month, number)


STORIES = [
    Story(
        "bnpt-buka-jwg-ke-4",
        "BNPT Buka JWG ke-4 Indonesia–Filipina secara Hybrid",
        "Sebagian delegasi hadir langsung, sebagian lain tersambung secara daring.",
        "Badan penanggulangan terorisme menjadi tuan rumah pertemuan ke-4 _Joint "
        "Working Group on Combating International Terrorism_ pada Kamis, 24 Maret "
        "2022. Pertemuan ini menindaklanjuti JWG ke-3 pada September 2019.\n\n"
        "Kepala badan, Boy Rafli Amar, membuka acara. Tujuh sesi dibahas dalam "
        "empat jam, dari penilaian ancaman hingga _border control_.",
        "kerja-sama",
        day(3, 24),
        ("BNPT", "NICA"),
        ("terorisme", "filipina"),
    ),
    Story(
        "boy-rafli-amar-teroris-tak-berhenti",
        "Boy Rafli Amar: Kelompok Teroris Tidak Berhenti Selama Pandemi",
        "Kepala BNPT mengingatkan agar aparat tidak lengah.",
        "Perbatasan yang diperketat selama pandemi memang mengurangi serangan di "
        "banyak wilayah dunia. Namun, kata Kepala BNPT itu, kelompok teroris tetap "
        "bergerak: propaganda, perekrutan, dan penggalangan dana pindah ke ruang "
        "siber dengan sasaran audiens yang sedang daring.",
        "nasional",
        day(3, 25),
        ("BNPT",),
        ("terorisme", "pandemi"),
    ),
    Story(
        "andhika-chrisnayudhanto-tujuan-pertemuan",
        "Andhika Chrisnayudhanto Paparkan Tujuan Pertemuan",
        "Deputi Bidang Kerja Sama Internasional BNPT memperkenalkan delegasi "
        "Indonesia.",
        "Dalam _opening remarks_, deputi itu menyebut pertemuan bertujuan "
        "memperkuat kerja sama penanggulangan terorisme lewat saling berbagi "
        "informasi intelijen, serta memutus jaringan teror dunia di tingkat "
        "bilateral, regional, dan internasional.",
        "kerja-sama",
        day(3, 26),
        ("BNPT",),
        ("terorisme",),
    ),
    Story(
        "damian-l-carlos-pimpin-delegasi-filipina",
        "Damian L. Carlos Pimpin Delegasi Filipina",
        "Wakil Direktur Jenderal Kontra-Terorisme itu juga menyampaikan sambutan.",
        "Delegasi Filipina terdiri atas pejabat teknis dari lembaga intelijen, "
        "unit intelijen keuangan, imigrasi, dan dewan antiterorisme. Kepala "
        "delegasi menyampaikan _opening remarks_ setelah tuan rumah.",
        "internasional",
        day(3, 27),
        ("NICA",),
        ("filipina",),
    ),
    Story(
        "nica-dapur-koordinasi-intelijen-filipina",
        "NICA, Dapur Koordinasi Intelijen Filipina",
        "Lembaga yang memimpin delegasi Filipina dalam JWG.",
        "National Intelligence Coordinating Agency mengoordinasikan kerja "
        "intelijen pemerintah Filipina. Dalam forum bersama BNPT, lembaga ini "
        "memaparkan pandangan tentang ancaman di kawasan.",
        "internasional",
        day(3, 28),
        ("NICA",),
        ("filipina", "intelijen"),
    ),
    Story(
        "amlc-soroti-jalur-dana-lintas-negara",
        "AMLC Filipina Soroti Jalur Dana Lintas Negara",
        "Dewan antipencucian uang ikut dalam delegasi Filipina.",
        "Anti-Money Laundering Council menelusuri transaksi yang berkaitan "
        "dengan jaringan teror. Bersama mitranya di Indonesia, dewan ini "
        "membahas cara berbagi data keuangan dengan cepat.",
        "internasional",
        day(3, 29),
        ("AMLC", "NICA"),
        ("pendanaan terorisme",),
    ),
    Story(
        "ppatk-telusuri-aliran-dana-kelompok-teror",
        "PPATK Telusuri Aliran Dana Kelompok Teror",
        "Penggalangan dana daring menjadi perhatian unit intelijen keuangan.",
        "Pusat pelaporan transaksi keuangan Indonesia hadir dalam pertemuan JWG "
        "ke-4. Lembaga itu menyoroti penggalangan dana lewat ruang siber yang "
        "meningkat selama pandemi.",
        "nasional",
        day(3, 30),
        ("PPATK", "BNPT"),
        ("pendanaan terorisme",),
    ),
    Story(
        "bssn-perkuat-pengamanan-ruang-siber",
        "BSSN Perkuat Pengamanan Ruang Siber",
        "Badan siber diminta menutup celah yang dipakai jaringan teror.",
        "Sesi tentang terorisme di dunia siber membahas cara kedua negara "
        "mengamankan ruang digital dari propaganda dan perekrutan. Badan Siber "
        "dan Sandi Negara menjadi bagian delegasi Indonesia.",
        "nasional",
        day(3, 31),
        ("BSSN", "BNPT"),
        ("siber",),
    ),
    Story(
        "bin-dorong-pertukaran-informasi-intelijen",
        "BIN Dorong Pertukaran Informasi Intelijen",
        "Mekanisme berbagi informasi antara lembaga keamanan dibahas khusus.",
        "Badan Intelijen Negara mengusulkan jalur yang lebih cepat untuk berbagi "
        "temuan dengan NICA. Sesi _Updates on Intelligence and Information "
        "Sharing Mechanisms_ menjadi salah satu dari tujuh agenda.",
        "kerja-sama",
        day(4, 1),
        ("BIN", "NICA"),
        ("intelijen",),
    ),
    Story(
        "kbri-manila-jembatani-delegasi",
        "KBRI Manila Jembatani Delegasi Kedua Negara",
        "Perwakilan kedutaan ikut dalam delegasi Indonesia.",
        "Kedutaan Besar Republik Indonesia di ibu kota Filipina membantu "
        "menghubungkan peserta yang hadir langsung dan yang tersambung daring.",
        "kerja-sama",
        day(4, 2),
        ("KBRI Manila",),
        ("diplomasi",),
    ),
    Story(
        "border-control-tops-the-agenda",
        "Border Control Tops the Agenda as Indonesia and the Philippines Meet",
        "How each country monitors its borders, compared session by session.",
        "Officials from BNPT and NICA described how they carry out and monitor "
        "the control of land and sea borders, a theme that ran through the 4th "
        "Joint Working Group.",
        "internasional",
        day(4, 3),
        ("BNPT", "NICA"),
        ("border control",),
        language="en",
    ),
    Story(
        "good-practices-and-lessons-learned-in-cve",
        "Good Practices and Lessons Learned in CVE",
        "Both delegations shared what works in countering violent extremism.",
        "The session compared community programmes, counter-narratives and "
        "deradicalisation on both sides. Border control and police cooperation "
        "were discussed in other sessions.",
        "internasional",
        day(4, 4),
        ("BNPT", "NICA"),
        ("violent extremism",),
        language="en",
    ),
    Story(
        "kerja-sama-police-to-police-diperkuat",
        "Kerja Sama Police to Police Indonesia–Filipina Diperkuat",
        "Kepolisian kedua negara sepakat memperluas kontak langsung.",
        "Salah satu sesi membahas upaya memperkuat hubungan antarkepolisian, "
        "mulai dari pertukaran petugas penghubung hingga penanganan perkara "
        "lintas batas.",
        "kerja-sama",
        day(4, 5),
        ("BNPT",),
        ("kepolisian",),
    ),
    Story(
        "cyber-terrorism-recruitment-moves-online",
        "Cyber Terrorism: Recruitment Moves Online",
        "Terror groups target audiences who spend their days online.",
        "BNPT told the Philippine delegation that propaganda, recruitment and "
        "fundraising have moved to cyberspace. The agencies agreed to compare "
        "notes on takedowns.",
        "internasional",
        day(4, 6),
        ("BNPT", "BSSN"),
        ("siber",),
        language="en",
    ),
    Story(
        "narasi-kontra-radikalisasi",
        "Narasi Kontra-Radikalisasi Lewat Situs, Buku, Majalah, dan Poster",
        "BNPT menyebarkan pesan tandingan lewat berbagai media.",
        "Menurut Boy Rafli Amar, pesan kontra-radikalisasi disebarkan lewat "
        "situs web, buku, majalah, dan poster, selain kanal video milik badan.",
        "nasional",
        day(4, 7),
        ("BNPT",),
        ("radikalisasi",),
    ),
    Story(
        "i-khub-hubungkan-pemerintah-dan-oms",
        "I-KHub Hubungkan Pemerintah, Mitra Internasional, dan OMS",
        "Platform koordinasi untuk kerja sama penanggulangan terorisme.",
        "BNPT merilis platform itu untuk meningkatkan koordinasi antarpemerintah, "
        "mitra internasional, dan organisasi masyarakat sipil.",
        "nasional",
        day(4, 8),
        ("BNPT",),
        ("koordinasi",),
    ),
    Story(
        "kawasan-terpadu-nusantara-deradikalisasi",
        "Kawasan Terpadu Nusantara Dukung Program Deradikalisasi",
        "KTN menjadi salah satu program yang dipaparkan di JWG.",
        "BNPT meluncurkan kawasan itu untuk mendukung mantan narapidana "
        "terorisme kembali ke masyarakat.",
        "nasional",
        day(4, 9),
        ("BNPT",),
        ("deradikalisasi",),
    ),
    Story(
        "kanal-tv-untuk-melawan-radikalisasi",
        "Kanal TV untuk Melawan Radikalisasi",
        "Video menjadi senjata kontra-narasi.",
        "BNPT membangun kanal televisi daring yang menayangkan kisah penyintas "
        "dan mantan pelaku. Kanal ini disebut dalam sambutan pembukaan JWG.",
        "nasional",
        day(4, 10),
        ("BNPT",),
        ("radikalisasi",),
    ),
    Story(
        "mengingat-jwg-ke-3-september-2019",
        "Mengingat JWG ke-3 pada September 2019",
        "Apa yang disepakati sebelum pandemi.",
        "Pertemuan sebelumnya berlangsung tatap muka. Sejak itu, kata BNPT, "
        "cara kerja kelompok teror berubah.",
        "internasional",
        day(4, 11),
        ("BNPT", "NICA"),
        ("terorisme",),
    ),
    Story(
        "penilaian-ancaman-global-regional-domestik",
        "Penilaian Ancaman di Tingkat Global, Regional, dan Domestik",
        "Sesi pembuka JWG ke-4 memetakan bahaya bersama.",
        "Kedua delegasi bertukar pandangan tentang peta bahaya terorisme. "
        "Delegasi Filipina yang dipimpin NICA menyoroti kelompok bersenjata di "
        "wilayah selatan.",
        "kerja-sama",
        day(4, 12),
        ("BNPT", "NICA"),
        ("terorisme",),
    ),
    Story(
        "capacity-building-closes-the-meeting",
        "Capacity and Capability Building Close the Meeting",
        "The last of the seven sessions looked ahead.",
        "Both sides proposed joint training and exchanges of experts. The JWG "
        "will meet again in the Philippines, officials said.",
        "internasional",
        day(4, 13),
        ("BNPT", "NICA"),
        ("capacity building",),
        language="en",
    ),
    Story(
        "pemantauan-perbatasan-laut",
        "Pemantauan Perbatasan Laut Jadi Perhatian Bakamla",
        "Perairan selatan Filipina dan utara Indonesia dijaga bersama.",
        "Badan keamanan laut memaparkan patroli di jalur penyeberangan. Kontrol "
        "perbatasan menjadi salah satu sesi JWG ke-4.",
        "nasional",
        day(4, 14),
        ("Bakamla", "BNPT"),
        ("perbatasan",),
    ),
    Story(
        "kejaksaan-agung-perkara-terorisme",
        "Kejaksaan Agung dan Penuntutan Perkara Terorisme Lintas Negara",
        "Jaksa ikut dalam delegasi teknis Indonesia.",
        "Kejagung menjelaskan tantangan membawa bukti dari luar negeri ke "
        "pengadilan, terutama bukti digital.",
        "nasional",
        day(4, 15),
        ("Kejagung", "BNPT"),
        ("hukum",),
    ),
    Story(
        "kemenkumham-data-keimigrasian",
        "Kemenkumham Bahas Data Keimigrasian dengan Bureau of Immigration",
        "Data perlintasan orang menjadi bahan kerja sama.",
        "Kementerian Hukum dan HAM bertemu mitra imigrasi Filipina untuk "
        "membahas data perlintasan.",
        "kerja-sama",
        day(4, 16),
        ("Kemenkumham", "BI"),
        ("imigrasi",),
    ),
    Story(
        "kemenkopolhukam-koordinasikan-delegasi",
        "Kemenkopolhukam Koordinasikan Sembilan Lembaga",
        "Delegasi Indonesia melibatkan banyak kementerian dan badan.",
        "Unsur BIN, PPATK, Kejaksaan Agung, Bakamla, Kemenkumham, BSSN, dan KBRI "
        "Manila hadir bersama BNPT dalam pertemuan.",
        "nasional",
        day(4, 17),
        ("Kemenkopolhukam", "BNPT", "BIN", "PPATK", "BSSN", "KBRI Manila"),
        ("delegasi",),
    ),
    Story(
        "pelatihan-bersama-aparat-dua-negara",
        "Pelatihan Bersama Aparat Dua Negara Diusulkan",
        "Peningkatan kapasitas dibahas di sesi terakhir.",
        "Petugas kedua negara diusulkan mengikuti kursus bersama tentang "
        "penanganan terorisme dan pengamanan perbatasan.",
        "kerja-sama",
        day(4, 18),
        ("BNPT", "NICA"),
        ("kapasitas",),
    ),
    Story(
        "penyebaran-propaganda-daring",
        "Penyebaran Propaganda Daring Jadi Sorotan",
        "Kelompok teror memanfaatkan media sosial.",
        "Delegasi membahas konten ekstrem yang beredar di media sosial dan cara "
        "menurunkannya dengan cepat.",
        "nasional",
        day(4, 19),
        ("BNPT", "BSSN"),
        ("siber",),
    ),
    Story(
        "online-recruitment-target-audiences",
        "How Terror Groups Pick Their Target Audiences",
        "Young people online are the main target, BNPT says.",
        "Recruiters look for isolated people who spend long hours online, "
        "officials told the meeting. Propaganda is tailored to them.",
        "internasional",
        day(4, 20),
        ("BNPT",),
        ("siber",),
        language="en",
    ),
    Story(
        "what-is-the-joint-working-group",
        "What Is the Joint Working Group on Combating International Terrorism?",
        "A yearly meeting agreed by Indonesia and the Philippines.",
        "The forum exists so that the two countries share intelligence on "
        "terrorism at bilateral, regional and international level. BNPT "
        "coordinates the Indonesian side, NICA the Philippine side.",
        "internasional",
        day(3, 24),
        ("BNPT", "NICA"),
        ("explainer",),
        language="en",
    ),
    Story(
        "kunjungan-balasan-ke-manila",
        "Kunjungan Balasan ke Manila Disiapkan",
        "Pertemuan berikutnya direncanakan di Filipina.",
        "Setelah JWG ke-4 digelar dari Jakarta, kedua pihak menyiapkan pertemuan "
        "kelima di Manila.",
        "kerja-sama",
        day(4, 21),
        ("BNPT", "KBRI Manila"),
        ("diplomasi",),
    ),
    Story(
        "atc-pmc-program-antiterorisme",
        "ATC-PMC Filipina Paparkan Program Antiterorisme",
        "Pusat pengelola program dewan antiterorisme ikut hadir.",
        "Anti-Terrorism Council Program Management Center mengelola program "
        "nasional Filipina, termasuk pencegahan ekstremisme.",
        "internasional",
        day(4, 22),
        ("ATC-PMC", "NICA"),
        ("filipina",),
    ),
    Story(
        "tajuk-jangan-lengah",
        "Tajuk: Jangan Lengah Selama Pandemi",
        "Ancaman terorisme berubah bentuk, bukan hilang.",
        "Pesan Kepala BNPT Boy Rafli Amar di pembukaan JWG patut didengar: "
        "kelompok teroris berpindah ke ruang siber, perbatasan yang ketat tidak "
        "cukup. Kerja sama _police to police_, pemantauan perbatasan, dan "
        "pelatihan bersama perlu dilanjutkan. BNPT, BIN, PPATK, BSSN, NICA, "
        "dan AMLC harus berbagi informasi intelijen lebih cepat.",
        "nasional",
        day(4, 30),
        ("BNPT", "BIN", "PPATK", "BSSN", "NICA", "AMLC"),
        ("tajuk", "terorisme"),
    ),
    Story(
        "draf-bnpt-rencana-jwg-ke-5",
        "Draf: BNPT Siapkan JWG ke-5 dengan NICA",
        "Belum diverifikasi.",
        "BNPT BNPT NICA Boy Rafli Amar border control police to police.",
        "kerja-sama",
        day(4, 29),
        ("BNPT", "NICA"),
        draft=True,
    ),
]

# The query a reader types, and the story that must come first (PostgreSQL).
RELEVANCE = [
    # Acronyms: of linked agencies, and in the text.
    ("BNPT", "bnpt-buka-jwg-ke-4"),
    ("NICA", "nica-dapur-koordinasi-intelijen-filipina"),
    ("AMLC", "amlc-soroti-jalur-dana-lintas-negara"),
    ("PPATK", "ppatk-telusuri-aliran-dana-kelompok-teror"),
    ("BSSN", "bssn-perkuat-pengamanan-ruang-siber"),
    ("BIN", "bin-dorong-pertukaran-informasi-intelijen"),
    ("KBRI Manila", "kbri-manila-jembatani-delegasi"),
    ("CVE", "good-practices-and-lessons-learned-in-cve"),
    ("I-KHub", "i-khub-hubungkan-pemerintah-dan-oms"),
    ("ATC-PMC", "atc-pmc-program-antiterorisme"),
    ("JWG ke-3", "mengingat-jwg-ke-3-september-2019"),
    # English phrases.
    ("Joint Working Group", "what-is-the-joint-working-group"),
    ('"border control"', "border-control-tops-the-agenda"),
    ("lessons learned", "good-practices-and-lessons-learned-in-cve"),
    ("police to police", "kerja-sama-police-to-police-diperkuat"),
    ("cyber terrorism", "cyber-terrorism-recruitment-moves-online"),
    ("Bureau of Immigration", "kemenkumham-data-keimigrasian"),
    # Officials' names.
    ("Boy Rafli Amar", "boy-rafli-amar-teroris-tak-berhenti"),
    ("Andhika Chrisnayudhanto", "andhika-chrisnayudhanto-tujuan-pertemuan"),
    ("Damian Carlos", "damian-l-carlos-pimpin-delegasi-filipina"),
    # Indonesian words in other forms than the story's.
    ("memantau perbatasan", "pemantauan-perbatasan-laut"),
    ("dilatih", "pelatihan-bersama-aparat-dua-negara"),
    ("menyebarkan propaganda", "penyebaran-propaganda-daring"),
    ("terancam", "penilaian-ancaman-global-regional-domestik"),
    ("berkunjung", "kunjungan-balasan-ke-manila"),
    ("bertukar informasi intelijen", "bin-dorong-pertukaran-informasi-intelijen"),
    ("mengamankan siber", "bssn-perkuat-pengamanan-ruang-siber"),
    ("Kawasan Terpadu Nusantara", "kawasan-terpadu-nusantara-deradikalisasi"),
]

# Agencies the conftest `agencies` fixture does not make: acronym, name, country.
MORE_AGENCIES = [
    ("Bakamla", "Badan Keamanan Laut Republik Indonesia", "ID"),
    ("Kejagung", "Kejaksaan Agung Republik Indonesia", "ID"),
    ("Kemenkumham", "Kementerian Hukum dan Hak Asasi Manusia", "ID"),
    (
        "Kemenkopolhukam",
        "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan",
        "ID",
    ),
    ("BI", "Bureau of Immigration", "PH"),
    ("ATC-PMC", "Anti-Terrorism Council Program Management Center", "PH"),
]

SECTIONS = [
    ("nasional", "Nasional"),
    ("internasional", "Internasional"),
    ("kerja-sama", "Kerja Sama"),
]


def build_archive(agencies: dict) -> dict[str, Article]:
    """Create the stories (with the sample's agencies from conftest) and
    index them, as the services would; returns them by slug."""
    agencies = dict(agencies)
    for acronym, name, country in MORE_AGENCIES:
        agencies[acronym] = AgencyFactory(
            acronym=acronym,
            name=name,
            country=country,
            slug=f"{acronym.lower()}-{country.lower()}",
        )
    AgencyAliasFactory(agency=agencies["ATC-PMC"], name="ATCPMC")
    sections = {slug: SectionFactory(slug=slug, name=name) for slug, name in SECTIONS}
    articles = {}
    for story in STORIES:
        articles[story.slug] = ArticleFactory(
            slug=story.slug,
            title=story.title,
            dek=story.dek,
            body=story.body,
            section=sections[story.section],
            language=story.language,
            status=Article.Status.DRAFT if story.draft else Article.Status.PUBLISHED,
            published_at=None
            if story.draft
            else dt.datetime.combine(story.day, dt.time(10), tzinfo=JAKARTA),
            tags=list(story.tags),
            agencies=[agencies[acronym] for acronym in story.agencies],
        )
    update_search_vectors([article.pk for article in articles.values()])
    return articles
