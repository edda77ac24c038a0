"""Untrusted HTML from partners comes out safe to store and show."""

from __future__ import annotations

import pytest

from aggregator.sanitize import clean_html, html_to_text, text_to_html


@pytest.mark.parametrize(
    ("hostile", "never"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<script"),
        ('<p onclick="steal()">Hi</p>', "onclick"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<iframe src="https://evil.example.org"></iframe>', "<iframe"),
        ("<style>body{display:none}</style><p>x</p>", "display:none"),
        ('<p style="position:fixed">x</p>', "position:fixed"),
        ("<svg><script>alert(1)</script></svg>", "<script"),
        ("<form action='https://evil.example.org'><input></form>", "<form"),
        ("<!-- <script>x</script> -->", "<!--"),
    ],
)
def test_hostile_markup_never_survives(hostile: str, never: str) -> None:
    assert never.lower() not in clean_html(hostile).lower()


def test_links_are_kept_and_marked_external() -> None:
    cleaned = clean_html('<a href="https://partner.example.org/call">Apply</a>')
    assert 'href="https://partner.example.org/call"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_plain_text_is_escaped_not_interpreted() -> None:
    assert text_to_html("<b>5 < 6</b> & more") == "&lt;b&gt;5 &lt; 6&lt;/b&gt; &amp; more"


def test_text_of_html() -> None:
    assert html_to_text("<p>Appel &amp; <em>offres</em>\n  2027</p>") == "Appel & offres 2027"


def test_relative_links_resolve_against_the_base() -> None:
    cleaned = clean_html(
        '<a href="/calls/1">x</a><img src="i.png">', base="https://p.example.org/a/"
    )
    assert 'href="https://p.example.org/calls/1"' in cleaned
    assert 'src="https://p.example.org/a/i.png"' in cleaned


def test_a_base_the_sanitiser_refuses_drops_relative_links_instead_of_failing() -> None:
    cleaned = clean_html('<p>Text <a href="/calls/1">x</a></p>', base="http://exa mple.com/")
    assert "Text" in cleaned and "/calls/1" not in cleaned


def test_a_long_fragment_is_cut_between_entities_and_says_so() -> None:
    from aggregator.sanitize import MAX_FRAGMENT

    fragment = "<p>" + "x" * (MAX_FRAGMENT - 10) + " caf&eacute; caf&eacute;</p>"
    cleaned = clean_html(fragment)
    assert cleaned.endswith("…</p>")
    assert "&amp;eac" not in cleaned and "&amp;" not in cleaned
