"""End-to-end tests: Playwright drives Debian's Chromium against `live_server`.

The browser is the system's (/usr/bin/chromium, installed by `.ci/run`);
Playwright never downloads one. Without it these tests are skipped, saying why.
A failing test leaves a full-page screenshot in test-artifacts/.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread, from the first e2e test
# to the end of the session; the tests (and any test after them) still call the
# ORM from it, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "e2e correct horse battery staple"
TIMEOUT_MS = 10_000
# axe-core, installed by `npm ci` from package-lock.json (`make test` runs it).
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def require_axe() -> None:
    """Skip the test, saying what to install, where axe-core is missing."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE}: run `npm ci`")


def axe_violations(page, context: str = "document") -> list[dict]:
    """Every WCAG 2 A/AA violation axe finds on the page, or in the element
    the JavaScript expression `context` finds; whatever their impact. The
    page must be open without the site's CSP (axe is injected)."""
    require_axe()
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        f"() => axe.run({context}, {{runOnly: ['wcag2a', 'wcag2aa']}})"
    )
    assert results["passes"], "axe checked nothing: is the page empty?"
    return results["violations"]


def serious_violations(page, context: str = "document") -> list:
    """The serious and critical ones: each rule with its first three elements."""
    return [
        (v["id"], [n["html"][:120] for n in v["nodes"][:3]])
        for v in axe_violations(page, context)
        if v["impact"] in ("serious", "critical")
    ]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            f"end-to-end tests need Chromium at {CHROMIUM}: "
            "apt-get install chromium (.ci/run does)"
        )
    from playwright.sync_api import expect, sync_playwright

    # The assertions wait as long as the actions (Playwright's own is 5 s):
    # on CI's two cores, shared by two test processes, their servers,
    # databases and browsers, a page may take longer than 5 s to answer.
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def e2e_settings(settings, tmp_path):
    """Uploads in a temporary directory, served by the live server."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def make_staff(roles, django_user_model):
    """A staff user in one of the newsroom's roles, with a known password."""
    from django.contrib.auth.models import Group

    def make(group: str, username: str):
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def new_context(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


def screenshot_on_failure(request, pages):
    failed = any(
        getattr(getattr(request.node, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )
    if not failed:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
    for number, page in enumerate(pages):
        if page.is_closed():
            continue
        suffix = f"-{number}" if number else ""
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}{suffix}.png"), full_page=True)
        except Exception as error:  # a screenshot must not hide the failure
            print(f"no screenshot of {name}{suffix}: {error}")  # noqa: T201


@pytest.fixture
def open_page(request, browser, live_server, e2e_settings):
    """Open a page in a new browser context (its own cookies: its own user).

    Every page opened is photographed, whole, if the test fails.
    """
    contexts, pages = [], []

    def open_(**options):
        context = new_context(browser, live_server, **options)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        return page

    yield open_
    screenshot_on_failure(request, pages)
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


def admin_login(page, username: str, password: str = PASSWORD):
    """Log in through the admin's login form, as a person would."""
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url("**/admin/")
