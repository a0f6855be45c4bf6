"""The writing screen of an article's form (issue #13)."""


class EditorMixin:
    pass
