"""The edit lock's refusal (HistoryAdmin) says what it offers and who saved
what. It asked the editor to "choose below what to keep" when nothing below
was to be chosen (a colleague had changed only fields the editor left), and
headed the column of the version saved now "Saved now (by <colleague>)"
over a value the editor had saved themselves, in another tab, before the
colleague's save."""

import pytest
from lxml import html as lxml_html

from tests.newsroom.admin_forms import opened, saves

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def refusal(response) -> str:
    """What the refused form says at its top."""
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.non_field_errors())


def panel(response):
    page = lxml_html.fromstring(response.content.decode())
    return page.get_element_by_id("stale-save-title").getparent()


def words(element) -> str:
    return " ".join(element.text_content().split())


def rows(section) -> dict[str, list[str]]:
    """The refusal's table: each field's cells, by its label."""
    table = section.xpath('.//table[contains(@class, "stale-save-versions")]')[0]
    return {
        words(tr.xpath("./th")[0]): [words(td) for td in tr.xpath("./td")]
        for tr in table.xpath("./tbody/tr")
    }


def test_a_refusal_asks_to_choose_only_when_there_is_a_value_to_choose(tabs, meeting):
    a, b = tabs
    sent_by_a, sent_by_b = opened(a, meeting), opened(b, meeting)
    assert saves(a, meeting, {**sent_by_a, "venue": "JCC"}).status_code == 302

    # A changed the venue, B the city: nothing to choose, all is combined.
    refused = saves(b, meeting, {**sent_by_b, "city": "Bogor"})

    assert refusal(refused).endswith(
        "They changed: Venue. Combining keeps their changes and adds yours."
    )
    shown = panel(refused)
    assert not shown.xpath(".//fieldset")  # no choice of values below
    assert shown.xpath('.//button[@name="combine_revision"]')
    # Every value saved since is A's: the column is named for A.
    headers = [words(th) for th in shown.xpath(".//thead//th")]
    assert headers[2] == "Saved now (by Ayu Lestari)"
    assert not shown.xpath('.//*[@class="stale-save-by"]')

    # B changes the venue too: that one is B's to choose.
    refused = saves(b, meeting, {**sent_by_b, "city": "Bogor", "venue": "Sentul"})

    assert refusal(refused).endswith("They changed: Venue. Choose below what to keep.")
    choice = panel(refused).xpath(".//fieldset")[0]
    assert words(choice.xpath("./legend")[0]) == "Venue"


def test_a_refusal_after_my_other_tab_with_nothing_to_choose_says_so(own_tabs, meeting):
    first, second = own_tabs
    sent_first, sent_second = opened(first, meeting), opened(second, meeting)
    assert saves(first, meeting, {**sent_first, "venue": "JCC"}).status_code == 302

    said_at_top = refusal(saves(second, meeting, {**sent_second, "city": "Bogor"}))

    assert said_at_top.endswith(
        "Changed since then: Venue. Combining keeps those changes and adds the "
        "ones in this form."
    )


def test_a_value_i_saved_before_a_colleague_is_not_headed_as_theirs(
    tabs, editor_a, meeting
):
    # A opens the meeting twice; A saves the venue from one tab, B the city,
    # and A's other tab is refused: its table had headed A's venue "Saved
    # now (by <B>)", and the message said B ("they") changed both.
    a, b = tabs
    stale_tab, other_tab = opened(a, meeting), opened(a, meeting)
    assert saves(a, meeting, {**other_tab, "venue": "JCC"}).status_code == 302
    assert saves(b, meeting, {**opened(b, meeting), "city": "Bogor"}).status_code == 302

    refused = saves(a, meeting, {**stale_tab, "summary_en": "A yearly meeting."})

    said_at_top = refusal(refused)
    assert said_at_top.startswith(
        "Someone else saved this meeting after you opened it. The latest save "
        "is revision 3 in History: redaksi, "
    )
    assert said_at_top.endswith(
        "Changed since then: Venue and City. Combining keeps those changes and "
        "adds the ones in this form."
    )
    shown = panel(refused)
    headers = [words(th) for th in shown.xpath(".//thead//th")]
    assert headers == ["Field", "In your form", "Saved now", "Combining keeps"]
    table = rows(shown)
    assert table["Venue"][1] == "JCC (saved by you, in another tab or window)"
    assert table["City"][1] == "Bogor (saved by redaksi)"
    # A's own change in this form: unchanged since, said by nobody.
    assert table["Summary in English"][1] == "—"
