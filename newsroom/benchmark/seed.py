"""Fill the benchmark database fast: bulk inserts, no per-row saves.

The small registries (sections, agencies, people, meetings, tags, staff) go
through `bulk_create`; the articles through one COPY; their tags, agencies
and people, and the readers' comments, through INSERT … SELECT over
generate_series. What the product's writes would leave is then derived the
way the product derives it: the search and rank vectors by the articles'
own `update_search_vectors` (one UPDATE), the approved comment counts by one
UPDATE from the comments. Secondary indexes of the big tables are dropped
while they fill and built again after (faster than growing them row by row).

    python -m newsroom.benchmark.seed --articles 100000 --pages-file pages.json

reads DATABASE_URL like the product; `seed()` is what the tests call.
"""

import argparse
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

BENCH_AUTHOR_SLUG = "redaksi-bench"
BENCH_AGENCY_SLUG = "bnpt"
BENCH_MEETING_SLUG = "jwg-ri-filipina-ke-4"
BENCH_TAG_SLUG = "terorisme"
BENCH_ADMIN = "bench-admin"
SEARCH_WORD = "delegasi"  # in every story's body
RARE_WORD = "zamboanga"  # the city of one story in ten


@dataclass(frozen=True)
class Size:
    """How much to generate; `Size.for_articles(n)` scales the rest with n."""

    articles: int
    agencies: int
    people: int
    meetings: int
    tags: int
    comments: int  # approved, spread over every story but the benchmark one
    held: int  # waiting in the moderation queue
    sections: int = 6
    authors: int = 20
    bench_comments: int = 10  # approved, on the benchmark article

    @classmethod
    def for_articles(cls, n: int) -> "Size":
        """100,000 articles: 2,000 agencies, 500 meetings, 1,000,000 comments."""
        return cls(
            articles=n,
            agencies=max(20, n // 50),
            people=max(20, n // 100),
            meetings=max(10, n // 200),
            tags=max(40, n // 250),
            comments=n * 10,
            held=max(20, n // 50),
        )


# Paragraphs in Indonesian on the facts of one meeting (the 4th Indonesia–
# Philippines joint working group on counter-terrorism), with a few things
# that vary from story to story. About 330 characters each; a body takes 11
# (about 3.6 KB).
PARAGRAPHS = [
    "Delegasi Indonesia dan Filipina bertemu dalam Kelompok Kerja Bersama "
    "(_Joint Working Group_) penanggulangan terorisme yang ke-{n}, digelar "
    "secara hibrida dari {city} pada hari {day}. Pertemuan ini melanjutkan "
    "pembahasan yang terhenti sejak pertemuan ketiga pada September 2019, "
    "ketika kedua negara terakhir kali duduk bersama membahas ancaman di "
    "kawasan. Kali ini **{delegates} anggota delegasi** hadir langsung maupun "
    "daring.",
    "Kepala BNPT membuka pertemuan dengan peringatan agar kedua negara tidak "
    "lengah. Menurutnya, penutupan perbatasan selama pandemi memang menekan "
    "jumlah serangan di banyak wilayah, tetapi kelompok teroris justru "
    "memindahkan kegiatannya ke ruang siber: propaganda, perekrutan, dan "
    "penggalangan dana kini menyasar khalayak yang sedang daring. Ia meminta "
    "delegasi Filipina memperkuat pertukaran data mengenai akun yang "
    "dipakai jaringan itu.",
    "Deputi Bidang Kerja Sama Internasional BNPT menyampaikan bahwa tujuan "
    "pertemuan adalah memperkuat kerja sama penanggulangan terorisme lewat "
    "pertukaran informasi intelijen, baik di tingkat bilateral, regional, "
    "maupun internasional. Ia juga memperkenalkan satu per satu anggota "
    "delegasi Indonesia yang berasal dari {agencies} lembaga, mulai dari "
    "kepolisian, intelijen, hingga kementerian luar negeri.",
    "Pertemuan berlangsung sekitar empat jam dan dibagi dalam tujuh sesi. "
    "Sesi pertama berisi pertukaran pandangan tentang penilaian ancaman di "
    "lingkup global, regional, dan domestik. Sesi berikutnya membahas "
    "mekanisme berbagi informasi antara badan keamanan dan intelijen kedua "
    "negara, yang menurut delegasi Filipina masih bergantung pada jalur "
    "pribadi antarpejabat.",
    "Dalam sesi tentang pengawasan perbatasan, kedua delegasi memaparkan "
    "langkah yang sudah diambil di perairan selatan Filipina dan utara "
    "Sulawesi. Jalur laut di kawasan itu selama ini dipakai untuk "
    "menyeberangkan orang dan senjata. Pejabat dari {city} menyebut ada "
    "{share} persen kenaikan patroli gabungan sepanjang tahun lalu.",
    "BNPT memaparkan program pencegahan yang sudah berjalan: narasi "
    "kontra-radikalisasi melalui situs web, buku, majalah, dan poster, "
    "saluran televisi daring milik badan itu, serta pusat pengetahuan I-KHub "
    "yang mempertemukan pemerintah, mitra internasional, dan organisasi "
    "masyarakat sipil. Kawasan Terpadu Nusantara disebut sebagai contoh "
    "program deradikalisasi yang melibatkan mantan narapidana.",
    "Sesi kelima membahas pengalaman masing-masing negara dalam mencegah "
    "ekstremisme berkekerasan. Delegasi Filipina menceritakan program "
    "reintegrasi bekas kombatan di Mindanao, sementara delegasi Indonesia "
    "menekankan peran keluarga dan tokoh agama. Keduanya sepakat menyusun "
    "daftar praktik baik yang bisa dipakai bersama pada tahun {year}.",
    "Kerja sama antarkepolisian menjadi pokok bahasan sesi keenam. Kedua "
    "pihak ingin mempercepat permintaan bantuan hukum timbal balik dan "
    "ekstradisi, yang selama ini bisa memakan waktu berbulan-bulan. "
    "Seorang perwakilan kepolisian menyebut {cases} berkas yang masih "
    "menunggu jawaban dan meminta jalur komunikasi langsung.",
    "Pendanaan terorisme dibahas bersama unit intelijen keuangan kedua "
    "negara. Pola yang paling sering ditemukan adalah penggalangan dana "
    "berkedok sumbangan sosial dan pengiriman uang dalam jumlah kecil "
    "melalui dompet elektronik. Delegasi sepakat bertukar tipologi kasus "
    "setiap {months} bulan.",
    "Pada sesi terakhir, delegasi membahas rencana aksi untuk dua tahun ke "
    "depan: pelatihan bersama, kunjungan kerja ke {city}, dan penyusunan "
    "nota kesepahaman baru tentang pertukaran data penumpang. Rancangan "
    "rencana itu akan dibahas lagi oleh pejabat setingkat direktur sebelum "
    "disahkan dalam pertemuan ke-{next}.",
    "Kepala delegasi Filipina, Wakil Direktur Jenderal untuk Kontra-"
    "Terorisme, menyatakan negaranya menghargai keterbukaan Indonesia. Ia "
    "mengingatkan bahwa kelompok bersenjata di selatan Filipina masih "
    "memiliki hubungan dengan jaringan di Indonesia, sehingga kerja sama "
    "intelijen tidak bisa ditunda. Pernyataan itu disambut oleh seluruh "
    "delegasi yang hadir.",
    "Pengamat keamanan dari sebuah universitas di {city} menilai pertemuan "
    "semacam ini penting karena menjaga saluran komunikasi tetap terbuka. "
    "Namun, katanya, hasilnya baru terasa bila kesepakatan diikuti anggaran "
    "dan petugas yang memadai. Ia mencatat {share} persen rekomendasi "
    "pertemuan sebelumnya belum dijalankan.",
    "Selain pertemuan resmi, para delegasi juga mengadakan diskusi tertutup "
    "mengenai perlindungan korban terorisme. Indonesia berbagi pengalaman "
    "memberikan kompensasi kepada korban bom, sedangkan Filipina menyoroti "
    "pemulihan warga Marawi yang rumahnya hancur dalam pertempuran.",
    "Pertemuan ditutup dengan penandatanganan catatan hasil pembahasan oleh "
    "kedua kepala delegasi. Dokumen itu memuat {points} butir kesepakatan, "
    "antara lain jadwal pertemuan teknis, kontak darurat antarbadan, dan "
    "rencana latihan bersama di wilayah perbatasan laut.",
]
CITIES = [
    "Jakarta",
    "Manila",
    "Bogor",
    "Davao",
    "Surabaya",
    "Zamboanga",
    "Manado",
    "Makassar",
    "Cebu",
    "Bandung",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]
TOPICS = [
    "terorisme",
    "radikalisme",
    "keamanan siber",
    "intelijen",
    "perbatasan laut",
    "pendanaan terorisme",
    "deradikalisasi",
    "kerja sama bilateral",
    "ekstradisi",
    "korban terorisme",
    "propaganda daring",
    "kepolisian",
    "asean",
    "mindanao",
    "sulawesi",
]
HEADLINES = [
    "Delegasi RI dan Filipina bahas ancaman teror di {city}",
    "BNPT ajak Filipina perkuat pertukaran intelijen",
    "Kerja sama perbatasan laut jadi sorotan pertemuan ke-{n}",
    "Indonesia dan Filipina sepakati {points} butir kerja sama",
    "Pendanaan terorisme lewat dompet elektronik dibahas di {city}",
    "Delegasi sepakat percepat ekstradisi dan bantuan hukum",
]
COMMENT = (
    "Semoga kerja sama ini benar-benar dijalankan, bukan hanya di atas kertas. "
    "Warga di perbatasan {city} sudah lama menunggu patroli yang rutin."
)


def body_for(rng: random.Random, i: int) -> tuple[str, dict]:
    facts = {
        "n": 4 + i % 3,
        "next": 5 + i % 3,
        "city": CITIES[i % len(CITIES)],
        "day": DAYS[i % len(DAYS)],
        "delegates": 20 + i % 31,
        "agencies": 6 + i % 9,
        "share": 10 + i % 40,
        "year": 2022 + i % 4,
        "cases": 3 + i % 17,
        "months": 3 + i % 4,
        "points": 7 + i % 9,
    }
    first = PARAGRAPHS[0]  # every story names the meeting and its delegations
    rest = rng.sample(PARAGRAPHS[1:], 10)
    return "\n\n".join(p.format(**facts) for p in [first, *rest]), facts


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    return (
        text.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def _defaults(model, given: dict) -> dict:
    """Every concrete column of `model` but the primary key: `given`, else
    the field's default as the database stores it, else now() for auto
    times, else NULL (so a field added later with a default still fills)."""
    now = timezone.now()
    row = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.attname in given:
            row[field.column] = given[field.attname]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            row[field.column] = now
        elif field.has_default():
            row[field.column] = field.get_db_prep_save(field.get_default(), connection)
        elif field.null:
            row[field.column] = None
        else:
            row[field.column] = field.get_db_prep_save(
                "" if field.empty_strings_allowed else 0, connection
            )
    return row


def copy_rows(model, columns: list[str], rows) -> None:
    """COPY `rows` into `model`'s table, as text lines made on demand
    (psycopg buffers what it sends)."""
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write("\t".join(map(_copy_value, row)) + "\n")


def insert_select(model, expressions: dict, source: str, params=()) -> int:
    """INSERT INTO model's table SELECT … FROM `source`: `expressions` maps an
    attname to SQL, or to (SQL, its parameters); the other columns take their
    defaults (as parameters). `params` are the parameters of `source`."""
    row = _defaults(model, {})
    columns, values, args = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        expression = expressions.get(field.attname)
        if expression is None:
            values.append("%s")
            args.append(row[field.column])
        elif isinstance(expression, tuple):
            values.append(expression[0])
            args.extend(expression[1])
        else:
            values.append(expression)
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*args, *params])
        return cursor.rowcount


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, definition) of the indexes of `table` no constraint owns."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = %s AND i.schemaname = current_schema()
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                            WHERE c.conname = i.indexname)""",
            [table],
        )
        return cursor.fetchall()


class Timer:
    def __init__(self, log):
        self.log, self.t0, self.phases = log, time.monotonic(), []

    def lap(self, what: str) -> None:
        now = time.monotonic()
        self.phases.append((what, now - self.t0))
        self.log(f"  {what}: {now - self.t0:.1f}s")
        self.t0 = now


def seed(size: Size, log=lambda message: None, parallel: bool = False) -> dict:
    """Fill an empty, migrated database; returns the benchmark's pages
    (name → path) and the seeding's phases with their seconds. `parallel`:
    commit the rows, then compute the search vectors over several
    connections (the command does; tests keep one transaction)."""
    from taggit.models import Tag, TaggedItem

    from agencies.models import Agency, Meeting, MeetingSession, Person
    from articles.models import Article, AuthorProfile, Comment, Section
    from articles.models.article import byline_credits_writer
    from articles.search.index import stores_vectors, update_search_vectors

    postgres = connection.vendor == "postgresql"
    timer = Timer(log)
    rng = random.Random(16)
    now = timezone.now()
    User = get_user_model()

    with transaction.atomic():
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                # Foreign keys checked by each statement, not at the commit:
                # an index cannot be built over rows with checks pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        User.objects.create_superuser(BENCH_ADMIN, "", None)
        authors = User.objects.bulk_create(
            User(username=f"reporter-{i}", is_staff=True) for i in range(size.authors)
        )
        authors = list(User.objects.filter(username__startswith="reporter-"))
        author_names = [f"Reporter {i}" for i in range(len(authors))]
        AuthorProfile.objects.bulk_create(
            AuthorProfile(
                user=user,
                name=author_names[i],
                slug=BENCH_AUTHOR_SLUG if i == 0 else f"reporter-{i}",
                is_public=True,
            )
            for i, user in enumerate(authors)
        )
        section_names = ["Nasional", "Internasional", "Keamanan", "Hukum", "Opini"]
        Section.objects.bulk_create(
            Section(
                name=(section_names + [f"Rubrik {i}" for i in range(size.sections)])[i],
                slug=f"rubrik-{i}"
                if i >= len(section_names)
                else None or section_names[i].lower(),
                order=i,
            )
            for i in range(size.sections)
        )
        sections = list(Section.objects.order_by("order").values_list("pk", "slug"))
        Agency.objects.bulk_create(
            Agency(
                acronym="BNPT" if i == 0 else f"LB{i}",
                name="Badan Nasional Penanggulangan Terorisme"
                if i == 0
                else f"Lembaga Mitra {i}",
                slug=BENCH_AGENCY_SLUG if i == 0 else f"lembaga-{i}",
                country="PH" if i % 3 == 1 else "ID",
            )
            for i in range(size.agencies)
        )
        Person.objects.bulk_create(
            Person(
                name="Boy Rafli Amar" if i == 0 else f"Pejabat {i}",
                slug="boy-rafli-amar" if i == 0 else f"pejabat-{i}",
                position="Kepala BNPT" if i == 0 else "",
            )
            for i in range(size.people)
        )
        Meeting.objects.bulk_create(
            Meeting(
                title="Kelompok Kerja Bersama RI–Filipina ke-4"
                if i == 0
                else f"Pertemuan kerja sama {i}",
                slug=BENCH_MEETING_SLUG if i == 0 else f"pertemuan-{i}",
                # Most in the past; a few to come, for the home page's agenda.
                start=now + timedelta(days=i - size.meetings + 3),
                city=CITIES[i % len(CITIES)],
            )
            for i in range(size.meetings)
        )
        first_meeting = Meeting.objects.get(slug=BENCH_MEETING_SLUG)
        MeetingSession.objects.bulk_create(
            MeetingSession(meeting=first_meeting, order=i, title=f"Sesi {i + 1}")
            for i in range(7)
        )
        Tag.objects.bulk_create(
            Tag(
                name=TOPICS[i] if i < len(TOPICS) else f"topik {i}",
                slug=TOPICS[i].replace(" ", "-") if i < len(TOPICS) else f"topik-{i}",
            )
            for i in range(size.tags)
        )
        timer.lap("registries")

        # Articles: one COPY; the oldest first, the newest (the benchmark
        # article, with its comments) last.
        article_indexes = _drop_indexes(Article, postgres)
        meeting_ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
        author_ids = [u.pk for u in authors]
        base = _defaults(Article, {})
        columns = list(base)
        n = size.articles

        def articles():
            for i in range(n):
                body, facts = body_for(rng, i)
                published = now - timedelta(minutes=20 * (n - i) + 30)
                headline = HEADLINES[i % len(HEADLINES)].format(**facts)
                # Every third story by the desk: off its writer's author page.
                byline = "Redaksi" if i % 3 == 0 else author_names[i % len(authors)]
                values = dict(base)
                values.update(
                    {
                        "title": f"{headline} ({i + 1})",
                        "slug": f"berita-{i + 1}",
                        "dek": "Delegasi kedua negara membahas kerja sama "
                        f"penanggulangan terorisme di {facts['city']}.",
                        "body": body,
                        "dateline": facts["city"].upper(),
                        "byline": byline,
                        "byline_names_writer": byline_credits_writer(
                            byline, author_names[i % len(authors)]
                        ),
                        "editor_name": "Redaksi",
                        "source_name": "bnpt.go.id",
                        "section_id": sections[i % len(sections)][0],
                        "meeting_id": meeting_ids[0]
                        if i % 4 == 0
                        else meeting_ids[(i * 7919) % len(meeting_ids)],
                        "created_by_id": author_ids[i % len(author_ids)],
                        "language": "id",
                        "status": "published",
                        "published_at": published,
                        "created_at": published - timedelta(hours=2),
                        "updated_at": published,
                        "comment_policy": "pre",
                        "approved_comment_count": 0,
                        "version": 1,
                        "search_vector": None,
                    }
                )
                yield [values[c] for c in columns]

        copy_rows(Article, columns, articles())
        timer.lap(f"{n} articles (COPY)")

        article = Article._meta.db_table
        # Tags (3-5), agencies (3: BNPT in every third story) and people (2)
        # picked by a multiplicative hash of the article's id.
        ct = _content_type_id(Article)
        tagged_indexes = _drop_indexes(TaggedItem, postgres)
        _link(
            f"""INSERT INTO {TaggedItem._meta.db_table}
            (content_type_id, object_id, tag_id)
            SELECT %s, a.id, t.id FROM {article} a
            CROSS JOIN generate_series(0, 4) k
            JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
                  FROM {Tag._meta.db_table}) t
              ON t.n = ({_pick("a.id %% 2 = 0", size.tags, 5)}) %% {size.tags}
            WHERE k < 3 + a.id %% 3
            ON CONFLICT DO NOTHING""",
            [ct],
        )
        _restore_indexes(tagged_indexes)
        for field, table, count, per in (
            ("agencies", Agency._meta.db_table, size.agencies, 3),
            ("people", Person._meta.db_table, size.people, 2),
        ):
            through = getattr(Article, field).through
            target = through._meta.get_field(
                "agency" if field == "agencies" else "person"
            ).column
            restore = _drop_indexes(through, postgres)
            _link(
                f"""INSERT INTO {through._meta.db_table} (article_id, {target})
                SELECT a.id, r.id FROM {article} a
                CROSS JOIN generate_series(0, {per - 1}) k
                JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
                      FROM {table}) r
                  ON r.n = ({_pick("a.id %% 3 = 0", count, per)}) %% {count}
                ON CONFLICT DO NOTHING""",
                [],
            )
            _restore_indexes(restore)
        timer.lap("tags, agencies, people")

        # Comments: approved ones spread over every story but the newest,
        # ten on the newest (the benchmark article), and a queue of held ones.
        bench_id = Article.objects.order_by("-published_at").values_list(
            "pk", flat=True
        )[0]
        comment_indexes = _drop_indexes(Comment, postgres)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT array_agg(id ORDER BY id) FROM {article} WHERE id <> %s",
                [bench_id],
            )
            others = cursor.fetchone()[0] or [bench_id]
        expressions = {
            "author_name": "'Pembaca ' || g.i",
            "author_email": "'pembaca' || (g.i %% 5000) || '@example.org'",
            "text": ("%s", [COMMENT.format(city="Manado")]),
            "ip_address": "('10.0.' || (g.i %% 250) || '.' || (g.i %% 200 + 1))::inet",
            "ip_network": "'10.0.' || (g.i %% 250) || '.0/24'",
            "created_at": "now() - make_interval(secs => g.i * 7)",
            "status_changed_at": "now() - make_interval(secs => g.i * 7)",
        }
        spread = (
            "(%s::bigint[])[1 + (g.i::bigint * 48271) %% %s]",
            [others, len(others)],
        )
        for count, article_id, status in (
            (size.comments, spread, "'approved'"),
            (size.bench_comments, ("%s", [bench_id]), "'approved'"),
            (size.held, spread, "'pending'"),
        ):
            if count:
                insert_select(
                    Comment,
                    {**expressions, "article_id": article_id, "status": status},
                    "generate_series(1, %s) g(i)",
                    [count],
                )
        _restore_indexes(comment_indexes)
        timer.lap(f"{size.comments + size.bench_comments + size.held} comments")

        # What the product's writes leave: approved counts, search vectors.
        with connection.cursor() as cursor:
            cursor.execute(
                f"""UPDATE {article} a SET approved_comment_count = c.n
                FROM (SELECT article_id, count(*) AS n FROM {Comment._meta.db_table}
                      WHERE status = 'approved' GROUP BY article_id) c
                WHERE a.id = c.article_id"""
            )
        timer.lap("approved comment counts")
        if postgres:
            # Statistics of the fresh rows, or the planner takes the link
            # tables for empty and scans them once an article.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            timer.lap("ANALYZE")
        if stores_vectors() and not parallel:
            update_search_vectors(Article.objects.values("pk"))
            timer.lap("search vectors")
            _restore_indexes(article_indexes)
            timer.lap("article indexes")

    if stores_vectors() and parallel:
        # Committed above, so that several connections (one a CPU) can share
        # the articles' own UPDATE (both vectors), each over a range of ids.
        _parallel_vectors(update_search_vectors)
        timer.lap(f"search vectors ({os.cpu_count()} connections)")
        _restore_indexes(article_indexes)
        timer.lap("article indexes")

    bench = Article.objects.get(pk=bench_id)
    pages = {
        "home": "/",
        "article": bench.get_absolute_url(),
        "section": f"/sections/{sections[0][1]}/",
        "tag": f"/tags/{BENCH_TAG_SLUG}/",
        "agency": f"/agencies/{BENCH_AGENCY_SLUG}/",
        "person": "/people/boy-rafli-amar/",
        "meeting": f"/meetings/{BENCH_MEETING_SLUG}/",
        "search": f"/search/?q={SEARCH_WORD}",
        "search-rare": f"/search/?q={RARE_WORD}",
        "feed": "/feeds/rss/",
        "sitemap": "/sitemap.xml",
        "archive": "/?page=2",
        "archive-deep": f"/?page={min(2000, max(2, n // 12))}",
        "author": f"/authors/{BENCH_AUTHOR_SLUG}/",
    }
    return {"pages": pages, "phases": timer.phases}


def _parallel_vectors(update) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from articles.models import Article

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    workers = max(1, os.cpu_count() or 1)
    chunk = -(-len(ids) // workers)

    def work(part):
        try:
            update(part)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(work, [ids[i : i + chunk] for i in range(0, len(ids), chunk)]))


def _pick(first_if: str, count: int, per: int) -> str:
    """SQL for the k-th of `per` distinct picks among `count` rows for the
    article `a` (k from generate_series): from a start (row 0 when
    `first_if`, else a hash of the id), in steps small enough never to wrap
    onto an earlier pick. Take it modulo `count`."""
    step = max(1, (count - 1) // max(1, per - 1))
    start = f"CASE WHEN {first_if} THEN 0 ELSE (a.id * 2654435761) %% {count} END"
    return f"{start} + k * (1 + a.id %% {step})"


def _content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def _link(sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _drop_indexes(model, postgres: bool) -> list[str]:
    """Drop the secondary indexes and foreign keys of `model`'s table (a bulk
    load then neither grows indexes row by row nor checks each row's keys);
    returns the statements that put them back, to run after the load (each
    a single pass over the rows)."""
    if not postgres:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = %s::regclass AND contype = 'f'""",
            [table],
        )
        keys = cursor.fetchall()
        for name, _definition in keys:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        indexes = _secondary_indexes(table)
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in indexes] + [
        f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
        for name, definition in keys
    ]


def _restore_indexes(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def vacuum_analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def say(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def main(argv=None) -> None:
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--pages-file", help="write the pages (JSON) here")
    args = parser.parse_args(argv)
    django.setup()
    size = Size.for_articles(args.articles)
    say(
        f"seeding {size.articles} articles, {size.agencies} agencies, "
        f"{size.people} people, {size.meetings} meetings, {size.tags} tags, "
        f"{size.comments + size.bench_comments} approved and {size.held} held "
        "comments"
    )
    result = seed(size, log=say, parallel=True)
    t0 = time.monotonic()
    vacuum_analyze()
    result["phases"].append(("VACUUM ANALYZE", time.monotonic() - t0))
    say(f"  VACUUM ANALYZE: {time.monotonic() - t0:.1f}s")
    if args.pages_file:
        with open(args.pages_file, "w") as out:
            json.dump(result, out)


if __name__ == "__main__":
    main()
