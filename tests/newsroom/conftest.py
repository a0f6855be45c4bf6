"""The demo newsroom, loaded once for the tests of a module that read it;
and the 4th JWG with its first revision, the edit lock's and History's
meeting (`meeting`).

`load_demo` takes three to five seconds (pictures and their renditions, the
wire copy's intake, revisions): loaded afresh by each of some thirty tests,
it was a tenth of the suite's time. The tests that need a database without
the demo, or a load under other settings, are in test_demo_first_load.py:
in a module using `demo`, every test finds it loaded.
"""

import pytest
import reversion
from django.db import transaction
from django.test import override_settings

from tests.conftest import FAST_PASSWORD_HASHERS
from tests.newsroom.demo_loading import load_demo


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    """The pictures the module's loads write, in a directory of its own; and
    the tests' password hasher, which the module's first load runs before
    any test's settings apply."""
    with override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"),
        PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
    ):
        yield


@pytest.fixture(scope="module")
def demo(demo_media, django_db_setup, django_db_blocker) -> str:
    """The demo newsroom as a first `load_demo` leaves it, and what that load
    printed (the accounts' passwords). Loaded once, in a transaction open for
    the module and rolled back after it: each test's own transaction is a
    savepoint inside it, so each test starts from the demo as loaded, and
    what it changes is undone, as in any test. The transaction counts as the
    test case's own (tests/conftest.py: writes_commit_for_the_cache)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True
        with outer:
            printed = load_demo()
            yield printed
            transaction.set_rollback(True)


@pytest.fixture
def meeting(jwg4, editor):
    """The 4th JWG as first saved, with its revision: the meeting the edit
    lock's and History's tests open, change and combine."""
    with reversion.create_revision():
        reversion.add_to_revision(jwg4)
        reversion.set_user(editor)
    return jwg4
