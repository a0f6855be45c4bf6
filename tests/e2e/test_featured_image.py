"""A reporter gives a story its picture from the article form: chooses one
from the media library (search with thumbnails), or uploads a new one in
place through the chooser's "+" window, in Chromium."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from articles.models import Article
from newsroom.media.models import Image
from newsroom.media.services import image_upload
from tests.articles.factories import SectionFactory
from tests.e2e.conftest import admin_login
from tests.images import library_image, uploader

pytestmark = pytest.mark.e2e

WATCH_CSP = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def reporter_page(open_page, make_staff):
    make_staff("Reporter", "wartawan")
    SectionFactory(name="Kerja sama internasional", slug="internasional")
    page = open_page(viewport={"width": 1280, "height": 1000})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # Every request the page makes must succeed.
    page.on(
        "response",
        lambda response: (
            page.errors.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.context.add_init_script(WATCH_CSP)
    admin_login(page, "wartawan")
    return page


def start_story(page, title: str) -> None:
    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially(title)
    page.fill("#id_body", "Kepala BNPT membuka pertemuan di Jakarta.")
    page.click("#id_section + .select2 .select2-selection")
    page.locator(".select2-container--open .select2-search__field").fill("Kerja")
    page.locator(".select2-results__option[role=option]").first.click()


def chooser(page):
    return page.locator("#id_featured_image + .select2 .select2-selection")


def upload_through_the_plus(page, photo, **fields) -> None:
    """The featured image's "+": a window with the add form, `photo` and
    `fields` (a field's id without "id_": its text) filled in, and Save; the
    window must close by itself, with no script error. Listened for before
    clicking: the window may close before a listener added after the click
    would be in place. Saving makes the image's renditions, which takes a
    few seconds on a busy machine."""
    with page.expect_popup() as opened:
        page.click("#add_id_featured_image")
    popup = opened.value
    errors = []
    popup.on("pageerror", lambda error: errors.append(str(error)))
    popup.set_input_files("#id_upload", str(photo))
    for field, text in fields.items():
        popup.fill(f"#id_{field}", text)
    try:
        with popup.expect_event("close", timeout=30_000):
            popup.click("input[name=_save]")
    except PlaywrightTimeoutError:
        shown = popup.locator(".messagelist, .errornote, .errorlist").all_inner_texts()
        pytest.fail(f"the upload window stayed open: {shown or popup.url}")
    assert errors == []


def test_a_reporter_chooses_a_library_image_by_searching_with_thumbnails(
    reporter_page,
):
    page = reporter_page
    wanted = library_image(
        "rapat.jpg", size=(640, 400), title="Ruang rapat BNPT", alt_text="Meja rapat"
    )
    library_image("lain.jpg", size=(640, 400), title="Bandara Soekarno-Hatta")
    start_story(page, "Delegasi tiba di Jakarta")
    # As wide as the form's other choosers (the section's), not a box the
    # size of its arrow (it was 30 px).
    section = page.locator("#id_section + .select2").bounding_box()
    assert chooser(page).bounding_box()["width"] >= section["width"] - 1

    chooser(page).click()
    page.locator(".select2-container--open .select2-search__field").fill("rapat")
    option = page.locator(
        ".select2-results__option[role=option]", has_text="Ruang rapat BNPT"
    )
    expect(option).to_have_count(1)
    thumb = option.locator("img")
    expect(thumb).to_be_visible()
    assert "/images/renditions/" in thumb.get_attribute("src")
    # Loaded, not a broken image (it may take a moment on a busy machine).
    thumb.evaluate(
        "img => img.complete && img.naturalWidth ? true : new Promise((done, fail) => {"
        " img.addEventListener('load', () => done(true));"
        " img.addEventListener('error', () => fail(new Error('thumbnail failed'))); })"
    )
    assert thumb.evaluate("img => img.naturalWidth") > 0
    option.click()
    current = page.locator(".media-chooser-current")
    expect(current).to_be_visible()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible()

    assert Article.objects.get().featured_image == wanted
    # The change page shows the chosen image's thumbnail at once.
    expect(page.locator(".media-chooser-current")).to_be_visible()
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []


def test_a_reporter_uploads_a_new_image_in_place(reporter_page, tmp_path):
    page = reporter_page
    photo = tmp_path / "IMG_2041.jpg"
    PILImage.new("RGB", (900, 600), (30, 90, 160)).save(photo, "JPEG")
    start_story(page, "Delegasi tiba di Jakarta")

    upload_through_the_plus(
        page,
        photo,
        title="Delegasi di bandara",
        alt_text="Delegasi Filipina turun dari pesawat",
    )

    image = Image.objects.get()
    expect(page.locator("#id_featured_image")).to_have_value(str(image.pk))
    expect(chooser(page)).to_contain_text("Delegasi di bandara")
    expect(page.locator(".media-chooser-current")).to_be_visible()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible()

    article = Article.objects.get()
    assert article.featured_image == image
    assert image.uploaded_by.username == "wartawan"
    assert image.renditions.filter(spec="w640").exists()
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []


def test_a_picture_stored_smaller_is_chosen_and_its_size_told_beside_it(
    reporter_page, tmp_path
):
    """A phone's large photo through the "+": the window closed at once, as
    for any other picture, and the picture is chosen; that it is stored
    smaller is said beside it. The window had waited for "Use this
    picture", and a reporter who did not press it sent her story for
    review without its picture."""
    page = reporter_page
    photo = tmp_path / "IMG_20220324_101010.png"
    PILImage.new("RGB", (5000, 3000), (30, 90, 160)).save(photo, "PNG")
    start_story(page, "Delegasi tiba di Jakarta")

    upload_through_the_plus(
        page,
        photo,
        title="Delegasi di bandara",
        alt_text="Delegasi Filipina turun dari pesawat",
        credit="Humas BNPT",
    )

    image = Image.objects.get()
    assert (image.width, image.height) == (4579, 2748)
    expect(page.locator("#id_featured_image")).to_have_value(str(image.pk))
    expect(chooser(page)).to_contain_text("Delegasi di bandara")
    expect(page.locator(".media-chooser-current")).to_be_visible()
    notice = page.locator(".media-chooser-notice")
    expect(notice).to_have_text(
        "The picture was 5,000 × 3,000 pixels; it is stored at 4,579 × 2,748."
    )
    expect(notice).to_have_attribute("role", "status")

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible()
    assert Article.objects.get().featured_image == image
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []


def test_a_picture_the_library_holds_is_chosen_not_stored_again(
    reporter_page, tmp_path
):
    """The reporter had closed the "+" window while it saved her photo and
    uploaded it again: a second copy of one name. Now the window chooses the
    image the library holds and closes, saying so beside the picture, and
    the credit she typed fills the one it lacked."""
    page = reporter_page
    photo = tmp_path / "IMG_2041.jpg"
    PILImage.new("RGB", (900, 600), (30, 90, 160)).save(photo, "JPEG")
    # Her first try, stored while the window was closed.
    held = image_upload(
        file=SimpleUploadedFile("IMG_2041.jpg", photo.read_bytes()),
        user=uploader(),
        title="Delegasi di bandara",
        alt_text="Delegasi Filipina turun dari pesawat",
    )
    start_story(page, "Delegasi tiba di Jakarta")

    upload_through_the_plus(
        page,
        photo,
        title="Delegasi di bandara (lagi)",
        alt_text="Delegasi Filipina turun dari pesawat",
        credit="Humas BNPT",
    )

    assert Image.objects.get() == held
    expect(page.locator("#id_featured_image")).to_have_value(str(held.pk))
    expect(chooser(page)).to_contain_text("Delegasi di bandara")
    notice = page.locator(".media-chooser-notice")
    expect(notice).to_contain_text(
        "This picture is already in the library as “Delegasi di bandara”"
    )
    expect(notice).to_contain_text("filled in from what you typed: credit.")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible()
    assert Article.objects.get().featured_image == held
    held.refresh_from_db()
    assert held.credit == "Humas BNPT"
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []
