"""articles/fragments.py: the process's rendered fragments stay bounded."""

from articles.fragments import Fragments


def test_a_full_store_forgets_its_oldest_fragment():
    kept = Fragments(2)
    kept.keep(("a",), "<p>a</p>")
    kept.keep(("b",), "<p>b</p>")
    kept.keep(("c",), "<p>c</p>")
    assert kept == {("b",): "<p>b</p>", ("c",): "<p>c</p>"}
