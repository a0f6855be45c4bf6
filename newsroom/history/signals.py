"""What a recovery of a deleted object tells the apps above this library.

`object_recovered` is sent as a deleted object comes back (the recover page
of HistoryAdmin, version_recover), inside the recovery's transaction and
revision, with `instance` (the object as recovered), `user` (who recovers
it) and `save`: False while the recover page only shows what saving would
do. A receiver returns a history_message() saying what else it did, or
would do (or []): it joins the revision's comment and the page's message.
"""

from django.dispatch import Signal

object_recovered = Signal()


def recovered_also(instance, user, *, save: bool) -> list:
    """What the receivers of `object_recovered` did (or would do, `save`
    False) for `instance`, as one change message."""
    said: list = []
    responses = object_recovered.send(
        sender=type(instance), instance=instance, user=user, save=save
    )
    for _receiver, message in responses:
        said += message or []
    return said
