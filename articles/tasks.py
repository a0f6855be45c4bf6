"""Background work of the articles app (django-tasks)."""

from django_tasks import task


@task()
def send_notification(
    kind: str, object_id: int, actor_id: int | None = None, note: str = ""
) -> int:
    """Write and send one desk notification (articles.notifications);
    returns how many e-mails went out."""
    from articles.notifications import notification_send

    return notification_send(
        kind=kind, object_id=object_id, actor_id=actor_id, note=note
    )
