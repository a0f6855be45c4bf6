"""A field of many choices on the writing screen (People mentioned,
Agencies) shows each chosen one whole: a person's name and position, what
tells namesakes apart, wraps onto more lines inside the box, beside the
clear-all "×", at 390 and 1280 px. It had been cut at the box's edge, the
"×" over the first one (a tester's phone)."""

import pytest

from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.articles.factories import ArticleFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

POSITIONS = [
    "BNPT Deputy for International Cooperation",
    "Deputy Director General for Counter-Terrorism",
]

# Each chosen one's box and the clear-all "×" against the field's box.
LAYOUT = """() => {
  const box = document.querySelector('#id_people + .select2 .select2-selection');
  const edge = box.getBoundingClientRect().right;
  const clear = box.querySelector('.select2-selection__clear').getBoundingClientRect();
  return [...box.querySelectorAll('.select2-selection__choice')].map(c => {
    const r = c.getBoundingClientRect();
    return {
      text: c.textContent,
      inside: r.right <= edge + 0.5 && c.scrollWidth <= c.clientWidth,
      underClear: r.right > clear.left && r.left < clear.right
        && r.bottom > clear.top && r.top < clear.bottom,
    };
  });
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_chosen_person_is_shown_whole_beside_the_clear_button(
    open_page, make_staff, section, width
):
    nica = AgencyFactory(
        acronym="NICA", name="National Intelligence Coordinating Agency"
    )
    people = [
        PersonFactory(name=name, position=position, agency=nica)
        for name, position in zip(
            ["Andhika Chrisnayudhanto", "Damian L. Carlos"], POSITIONS, strict=True
        )
    ]
    story = ArticleFactory(draft=True, section=section)
    story.people.set(people)
    make_staff("Editor", "redaktur")
    page = open_page(viewport={"width": width, "height": 900})
    admin_login(page, "redaktur")
    page.goto(f"/admin/articles/article/{story.pk}/change/")

    shown = page.evaluate(LAYOUT)
    assert len(shown) == 2
    for choice, position in zip(shown, POSITIONS, strict=True):
        assert position in choice["text"]
        assert choice["inside"], choice
        assert not choice["underClear"], choice
    assert page.evaluate("document.documentElement.scrollWidth") <= width
