"""Renditions of large images are made by the background task."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from newsroom.media import rendering
from newsroom.media.models import Image
from tests.newsroom.media import files

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def small_inline_limit(settings):
    """Every test picture counts as large: its renditions go to the task."""
    settings.MEDIA_INLINE_MAX_PIXELS = 1000


@pytest.mark.django_db
def test_a_small_image_has_its_renditions_when_the_upload_returns(upload_image):
    image = upload_image(files.jpeg(size=(300, 200)))
    # w300 in both formats (no wider), the card, the square in both formats.
    assert image.renditions.count() == 5


@pytest.mark.django_db
def test_a_large_image_is_queued_and_made_by_the_immediate_backend_on_commit(
    upload_image, small_inline_limit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = upload_image(files.jpeg(size=(900, 600)))
    assert image.renditions.count() == 0
    # The renditions' task, and the page cache's note that pictures changed.
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert image.renditions.count() == 9


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_queues_the_task_and_the_worker_runs_it(
    upload_image, small_inline_limit, settings
):
    settings.TASKS = DATABASE_TASKS
    image = upload_image(files.jpeg(size=(900, 600)))
    task = DBTaskResult.objects.get()
    assert task.task_path == "newsroom.media.tasks.make_renditions"
    assert task.status == "READY"
    assert image.renditions.count() == 0
    # Until the worker runs, a page shows nothing rather than failing or
    # linking the original.
    assert rendering.picture_html(Image.objects.with_renditions().get()) == ""

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    task.refresh_from_db()
    assert task.status == "SUCCESSFUL", task.exception_class_path
    assert task.return_value == 9
    assert image.renditions.count() == 9
    assert 'srcset="' in rendering.picture_html(Image.objects.with_renditions().get())


@pytest.mark.django_db
def test_the_task_does_nothing_for_an_image_deleted_meanwhile():
    from newsroom.media.tasks import make_renditions

    assert make_renditions.call(123456) == 0


@pytest.mark.django_db
def test_the_command_makes_what_is_missing_and_only_that(upload_image, capsys, english):
    image = upload_image(files.jpeg(size=(900, 600)))
    image.renditions.filter(format="webp").delete()
    call_command("media_renditions")
    assert image.renditions.filter(format="webp").count() == 4
    call_command("media_renditions")
    assert image.renditions.count() == 9
    assert capsys.readouterr().out.splitlines() == [
        "4 renditions made for 1 images.",
        "0 renditions made for 0 images.",
    ]


@pytest.mark.django_db
def test_the_command_removes_expired_pending_uploads_only(
    librarian, media_root, capsys, english
):
    import datetime as dt
    import os

    from newsroom.media.services import pending_upload_store

    pending_upload_store(file=files.jpeg("old.jpg"), user=librarian)
    pending_upload_store(file=files.jpeg("new.jpg"), user=librarian)
    old, new = sorted((media_root / "images" / "pending").iterdir())
    two_days_ago = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(old, (two_days_ago, two_days_ago))

    call_command("media_renditions")

    assert not old.exists()
    assert new.exists()
    assert "1 expired pending uploads removed." in capsys.readouterr().out
