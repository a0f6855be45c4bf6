"""The link suggestions page of an article (issue #11)."""


class LinkSuggestionsMixin:
    pass
