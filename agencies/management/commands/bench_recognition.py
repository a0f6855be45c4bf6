"""Time recognition: the registry's build and recognise() over a long article.

Everything it writes is rolled back at the end, so it can run against any
database, the demo one included. The registry (agencies, aliases, people, a
meeting series) is bulk-inserted, without the agency service: the registry
sees it through its version query, as it sees another process's writes.
The article is wire copy in the shape of the BNPT sample (one paragraph a
line, a dateline, acronyms, officials with their positions, the meeting by
number, capitals the registry does not know), generated with a fixed seed.

Issue #11's target: recognise() under 50 ms over 5,000 words with 2,000
agencies and aliases, the registry built.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Agency, AgencyAlias, Meeting, MeetingSeries, Person
from agencies.recognition import current_registry, forget_registry, recognise

COUNTRIES = ["ID", "PH", "MY", "SG", "TH", "VN", "AU", "JP"]
HEADS = ["Badan", "Komisi", "Pusat", "Direktorat", "Lembaga", "Dewan", "Kantor"]
WORDS = (
    "Nasional Keamanan Siber Maritim Keuangan Intelijen Imigrasi Perbatasan "
    "Koordinasi Strategis Riset Hukum Pertahanan Energi Pangan Digital Sandi "
    "Transportasi Kesehatan Pendidikan Informasi Statistik Pengawasan Narkotika"
).split()
ENGLISH = (
    "National Security Cyber Maritime Finance Intelligence Immigration Border "
    "Coordination Strategic Research Law Defence Energy Food Digital Transport"
).split()
FIRST = "Agus Budi Citra Dewi Eko Fajar Gita Hadi Indra Joko Kartika Lestari".split()
LAST = "Santoso Wijaya Pratama Nugroho Siregar Reyes Santos Cruz Bautista".split()
FILLER = (
    "pertemuan tersebut membahas kerja sama penanggulangan terorisme dan "
    "pertukaran informasi intelijen antara kedua negara pada tingkat bilateral "
    "regional serta internasional dengan tujuan memperkuat koordinasi "
    "perbatasan dan pencegahan pendanaan kelompok teroris melalui ruang siber"
).split()
UNKNOWN = ["CSIRT", "OJK", "OMS", "CVE", "DOG", "ATCPMC"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Time the registry's build and recognise() over a generated article "
        "(everything rolled back afterwards)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--agencies", type=int, default=2000, help="in all, those there included"
        )
        parser.add_argument(
            "--aliases", type=int, default=2000, help="in all, those there included"
        )
        parser.add_argument("--people", type=int, default=500)
        parser.add_argument("--words", type=int, default=5000)
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--seed", type=int, default=11)

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        try:
            with transaction.atomic():
                registry = self._registry(rng, options)
                text = self._article(rng, registry, options["words"])
                self._measure(text, options["runs"])
                raise Rollback
        except Rollback:
            pass
        finally:
            forget_registry()  # it held the rolled-back rows

    def _registry(self, rng, options) -> dict:
        # Any database will do (the demo one too): what it has counts, and
        # nothing collides with it.
        acronyms = set(Agency.objects.values_list("country", "acronym"))
        existing = len(acronyms)
        agencies = []
        sample = [
            ("BNPT", "Badan Nasional Penanggulangan Terorisme", "ID"),
            ("BIN", "Badan Intelijen Negara", "ID"),
            ("PPATK", "Pusat Pelaporan dan Analisis Transaksi Keuangan", "ID"),
            ("BSSN", "Badan Siber dan Sandi Negara", "ID"),
            ("BI", "Bank Indonesia", "ID"),
            ("BI", "Bureau of Immigration", "PH"),
            ("NICA", "National Intelligence Coordinating Agency", "PH"),
            ("AMLC", "Anti-Money Laundering Council", "PH"),
        ]
        for number, (acronym, name, country) in enumerate(sample):
            if (country, acronym) in acronyms:
                continue
            acronyms.add((country, acronym))
            agencies.append(
                Agency(
                    acronym=acronym,
                    name=name,
                    country=country,
                    slug=f"bench-sample-{number}",
                )
            )
        while existing + len(agencies) < options["agencies"]:
            words = [rng.choice(HEADS)] + rng.sample(WORDS, rng.randint(1, 3))
            country = rng.choice(COUNTRIES)
            acronym = "".join(w[0] for w in words) + rng.choice("ABCDEFGHKLMNPRST")
            acronym += str(rng.randint(0, 99)) if rng.random() < 0.3 else ""
            if (country, acronym) in acronyms:
                continue
            acronyms.add((country, acronym))
            english = rng.sample(ENGLISH, 2) + ["Agency"]
            agencies.append(
                Agency(
                    acronym=acronym,
                    name=" ".join(words) + f" {country}",
                    name_en=" ".join(english) + f" {len(agencies)}",
                    country=country,
                    slug=f"bench-{len(agencies)}",
                )
            )
        Agency.objects.bulk_create(agencies)
        agencies = list(Agency.objects.all())  # with ids on every database
        aliases = []
        for number in range(max(options["aliases"] - AgencyAlias.objects.count(), 0)):
            agency = agencies[number % len(agencies)]
            alias = (
                f"{agency.acronym} {agency.country.code} {number}"
                if number % 2
                else f"{agency.name} Republik {number}"
            )
            aliases.append(AgencyAlias(agency=agency, name=alias))
        AgencyAlias.objects.bulk_create(aliases)
        people = Person.objects.bulk_create(
            Person(
                name=f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)} {n}",
                slug=f"bench-person-{n}",
                position="Kepala",
            )
            for n in range(options["people"])
        )
        series = MeetingSeries.objects.create(
            name="Philippines-Indonesia Joint Working Group on Combating "
            "International Terrorism",
            short_name="JWG PH-ID",
            slug="bench-jwg",
        )
        now = timezone.now()
        for number in (3, 4):
            Meeting.objects.create(
                series=series,
                number=number,
                title=f"Bench JWG {number}",
                slug=f"bench-jwg-{number}",
                start=now,
            )
        return {
            "agencies": agencies,
            "aliases": len(aliases),
            "people": people,
        }

    def _article(self, rng, registry, words: int) -> str:
        agencies, people = registry["agencies"], registry["people"]
        paragraphs = [
            "DM – BNPT melalui Deputi Bidang Kerja Sama Internasional "
            "menyelenggarakan _The 4th Joint Working Group (JWG) on Combating "
            "International Terrorism Philippines-Indonesia_ secara hybrid, "
            "Kamis (24/3).",
            "JWG tersebut menyusul pelaksanaan JWG ke-3 pada September 2019.",
        ]
        count = sum(len(p.split()) for p in paragraphs)
        while count < words:
            sentences = []
            for _ in range(rng.randint(3, 5)):
                parts = rng.sample(FILLER, rng.randint(8, 14))
                agency = rng.choice(agencies)
                person = rng.choice(people) if people else None
                spot = rng.randint(0, len(parts))
                choice = rng.random()
                if choice < 0.4:
                    parts.insert(spot, agency.acronym)
                elif choice < 0.6:
                    parts.insert(spot, agency.name)
                elif choice < 0.75 and person is not None:
                    parts.insert(spot, f"Kepala {agency.acronym}, {person.name},")
                elif choice < 0.85:
                    parts.insert(spot, f"NICA, AMLC dan BI {rng.choice(UNKNOWN)}")
                else:
                    parts.insert(spot, rng.choice(UNKNOWN))
                sentence = " ".join(parts)
                sentences.append(sentence[0].upper() + sentence[1:] + ".")
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        paragraphs += ["Sumber : bnpt.go.id", "Editor : Redaksi"]
        return "\n".join(paragraphs)

    def _measure(self, text: str, runs: int) -> None:
        forget_registry()
        started = time.perf_counter()
        registry = current_registry()
        build = time.perf_counter() - started
        timings, result = [], None
        for _ in range(max(runs, 1)):
            started = time.perf_counter()
            result = recognise(text)
            timings.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as queries:
            recognise(text)
        timings.sort()
        p95 = timings[max(round(0.95 * len(timings)) - 1, 0)]
        aliases = AgencyAlias.objects.count()
        write = self.stdout.write
        write(
            f"database: {connection.vendor}; registry: {len(registry.agencies)} "
            f"agencies, {aliases} aliases, {len(registry.people)} people"
        )
        write(f"article: {len(text.split())} words, {len(text)} characters")
        write(f"registry build: {build * 1000:.1f} ms")
        write(
            f"recognise(): median {statistics.median(timings) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms over {len(timings)} runs; "
            f"{len(queries)} queries a call"
        )
        write(
            f"found: {len(result.agencies)} agencies, {len(result.people)} people, "
            f"meeting {result.meeting.number if result.meeting else '-'}, "
            f"{len(result.unknown_acronyms)} unknown acronyms"
        )
        target = "met" if statistics.median(timings) < 0.05 else "NOT met"
        write(f"target (median under 50 ms): {target}")
