"""What the agency service announces, for the apps above that derive data
from agencies (the articles' search finds an article by the acronyms, names
and aliases of the agencies it mentions).

Both are sent explicitly by agencies/services.py, inside its transaction,
never by a model's save or delete: a write made around the service announces
nothing. `agencies` is a list of Agency objects.
"""

from django.dispatch import Signal

# After an agency was saved with its aliases: its acronym, names or aliases
# may have changed (a restore from the history changes them before the save
# is made, so the service cannot tell; it always sends).
agency_saved = Signal()

# Before agencies are deleted, while what mentions them can still be found. A
# receiver may return a function without arguments: the service calls it
# after the delete, in the same transaction.
agencies_deleting = Signal()

# Inside person_merge's transaction and its revision, once the stories that
# named the duplicate name the person kept: `keep`, and `article_ids`, the
# ids of those stories. The app owning the stories adds them to the merge's
# revision, so that each story's history tells of the merge.
person_merged = Signal()
