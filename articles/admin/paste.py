"""The "clean up pasted copy" step of a new article's form (issue #11):
wire copy pasted into the body is read by the intake parser into paragraphs,
dateline, source, editor and title; the reporter sees it and can undo it.
Owned by the paste clean-up work; wired into ArticleAdmin as a mixin."""


class PasteCleanupMixin:
    pass
