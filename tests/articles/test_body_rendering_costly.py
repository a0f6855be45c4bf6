"""Bodies whose shape cost Markdown the square of their length: the
pre-passes that keep them linear, and what the page shows for them."""

import pytest

from articles.rendering import _cut_blocks, _tamed_tags, render_markdown

pytestmark = pytest.mark.django_db


def test_many_unclosed_tags_show_as_text():
    assert render_markdown("<a" * 40) == "<p>" + "&lt;a" * 40 + "</p>"
    assert render_markdown("<b " * 40).startswith("<p>&lt;b &lt;b")


def test_a_few_unclosed_tags_and_closed_tags_are_left_to_markdown():
    assert _tamed_tags("<a" * 32) == "<a" * 32
    assert _tamed_tags("<b>x</b> a < b " * 40) == "<b>x</b> a < b " * 40


def test_many_setext_headings_in_one_block_are_each_a_heading():
    text = "a\n=\n" * 40
    assert _cut_blocks(text) == "a\n=\n\n" * 40
    assert render_markdown(text) == "\n".join(["<h2>a</h2>"] * 40)


def test_many_rules_and_definitions_in_one_block_render_as_markdown_reads_them():
    assert render_markdown("- - -\n" * 40) == "\n".join(["<hr>"] * 40)
    assert render_markdown("*[HTML]: x\n" * 40 + "\nHTML") == "<p>HTML</p>"
    assert render_markdown("[r]: /u\n" * 40 + "\n[a][r]") == (
        '<p><a href="/u" rel="noopener noreferrer">a</a></p>'
    )


def test_fenced_code_keeps_its_lines():
    text = "```\n" + "# x\n" * 40 + "```\n"
    assert _cut_blocks(text) == text
    assert render_markdown(text) == "<pre><code># x\n" * 1 + "# x\n" * 39 + (
        "</code></pre>"
    )


def test_a_block_with_few_cut_lines_is_left_as_it_is():
    text = "a\n=\n" * 32
    assert _cut_blocks(text) == text


def test_tables_still_render():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<table>" in html and "<td>1</td>" in html
    assert "<table>" in render_markdown("| a |\n|---|\n| 1 |\n")
