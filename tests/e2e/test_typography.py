"""Headlines in a browser: "ke-4" never splits into "ke-" and "4" on two
lines of a phone's card, nor "4-negara" into "4-" and "negara", whatever
the words before them.

Chromium itself does not break between a hyphen and a digit (UAX #14, LB25),
other engines have; it does break "4-negara" after its hyphen, and the
control at the end shows that those headlines would break without the span.
"""

import pytest

from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

# Words of different lengths before the tokens, so that in some of these
# headlines a line would end right after a token's hyphen.
LEADS = [
    "Pertemuan",
    "Indonesia gelar pertemuan",
    "BNPT dan PNP menggelar pertemuan",
    "Delegasi Filipina tiba di Jakarta untuk pertemuan",
    "Indonesia dan Filipina kembali bertemu dalam pertemuan",
    "Kepala BNPT membuka sidang pleno dalam pertemuan",
    "Kerja sama penanggulangan terorisme dibahas pada pertemuan",
    "Indonesia-Filipina bahas keamanan perbatasan laut di pertemuan",
    "Patroli bersama dan pertukaran data dibahas di pertemuan",
    "Dua negara sepakat memperkuat kerja sama dalam forum",
    "Delegasi kedua negara berdiskusi panjang dalam pertemuan",
    "Jakarta menjadi tuan rumah pertemuan",
]

SPLIT_TOKENS = """() => [...document.querySelectorAll('.card__title .nobr')]
    .filter(span => span.getClientRects().length > 1)
    .map(span => span.closest('a').textContent)"""


@pytest.fixture
def headlines(transactional_db):
    section = SectionFactory(name="Keamanan", slug="keamanan")
    for n, lead in enumerate(LEADS):
        ArticleFactory(
            title=f"{lead} JWG ke-4 forum 4-negara di Jakarta",
            slug=f"jwg-{n}",
            language="id",
            section=section,
        )
    return section


def test_ke_4_stays_on_one_line_in_every_card_on_a_phone(open_page, headlines):
    page = open_page(viewport=PHONE)
    page.goto(headlines.get_absolute_url())

    tokens = page.locator(".card__title .nobr")
    assert tokens.count() == 2 * len(LEADS)
    assert page.locator(".card__title .nobr", has_text="ke-4").count() == len(LEADS)
    assert page.evaluate(SPLIT_TOKENS) == []
    # The headline copies as written: ordinary hyphens.
    title = page.locator(".card__title a").first.inner_text()
    assert "JWG ke-4 forum 4-negara di Jakarta" in " ".join(title.split())

    # Control: without the rule the same headlines do break inside "ke-4".
    page.evaluate(
        "() => document.querySelectorAll('.nobr')"
        ".forEach(span => { span.style.whiteSpace = 'normal'; })"
    )
    assert page.evaluate(SPLIT_TOKENS), "no headline would break: test proves nothing"
