"""Untrusted HTML from partners comes out safe to store and show."""

from __future__ import annotations

import pytest

from aggregator.sanitize import clean_html, html_to_text, plain_text, text_to_html, title_from_text


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


# --- text flattened from HTML keeps its blocks apart -------------------------------------

CALL_WITH_TABLE = (
    "<p>Les propositions sont attendues avant le 2 décembre 2026.</p>"
    "<table><thead><tr><th>Budget</th><th>Duration</th><th>Eligible countries</th>"
    "<th>Co-funding</th></tr></thead><tbody><tr><td>USD 100,000</td><td>24 months</td>"
    "<td>DRC, Rwanda</td><td>20 %</td></tr></tbody></table>"
    "<p>Apply <b>online</b></p>"
)


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        (
            CALL_WITH_TABLE,
            "Les propositions sont attendues avant le 2 décembre 2026. Budget: USD 100,000 · "
            "Duration: 24 months · Eligible countries: DRC, Rwanda · Co-funding: 20 % · "
            "Apply online",
        ),
        # a header cell names the cells after it in its row; rows are separated
        (
            "<table><tr><th>Deadline:</th><td>30 June 2027</td></tr>"
            "<tr><th>Budget</th><td>EUR 50,000</td></tr></table>",
            "Deadline: 30 June 2027 · Budget: EUR 50,000",
        ),
        # cells of rows without headers are separated
        (
            "<table><tr><td>Gold</td><td>Tin</td></tr><tr><td>Cobalt</td><td>Mica</td></tr></table>",
            "Gold · Tin · Cobalt · Mica",
        ),
        # list items, headings, paragraphs and line breaks are pieces of their own
        (
            "<h2>Eligibility</h2><p>Open to:</p><ul><li>cooperatives</li><li>NGOs</li></ul>"
            "<p>Contact us.</p>Tel. 123<br>Bukavu",
            "Eligibility · Open to: cooperatives · NGOs · Contact us. Tel. 123 · Bukavu",
        ),
        # inline markup keeps words whole, as a browser shows them
        ("<p><b>C</b>obalt &amp; <em>tin</em></p>", "Cobalt & tin"),
        # the slow path (a comment, a script) gives the same pieces
        ("<!-- x --><p>One</p><script>alert(1)</script><p>Two</p>", "One · Two"),
    ],
)
def test_flattened_text_keeps_blocks_cells_and_rows_apart(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text


def test_excerpts_and_json_summaries_read_the_table_apart() -> None:
    from aggregator.textfmt import excerpt, summary_text

    for flattened in (excerpt(CALL_WITH_TABLE), summary_text(CALL_WITH_TABLE)):
        assert "2026. Budget: USD 100,000 · Duration: 24 months" in flattened
        assert "2026.Budget" not in flattened and "100,00024" not in flattened


# --- titles and names are plain text -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "markup", "text"),
    [
        # markup is removed, not escaped: neither the tags nor a script's text remain
        ('<script>alert("t")</script> Call <b>for</b> proposals', False, "Call for proposals"),
        # escaped once more by the partner, it is still markup
        ("&lt;script&gt;alert(1)&lt;/script&gt;Call &amp; more", True, "Call & more"),
        # plain text that only looks odd is left as it is
        ("5 < 6 & R&amp;D", False, "5 < 6 & R&amp;D"),
        # bidirectional overrides and isolates, zero-width characters, the BOM, the word joiner
        ("\u202eslasoporp\u202c rof llaC", False, "slasoporp rof llaC"),
        (
            "Call\u200b for\u2066 pro\u2069posals\ufeff\u2060\u200f\u202a",
            False,
            "Call for proposals",
        ),
        # hidden inside a tag name, they do not keep the tag from being seen
        ("<scr\u200bipt>x</script>Call", False, "Call"),
        ("  many \n spaces\t", False, "many spaces"),
    ],
)
def test_plain_text_removes_markup_and_invisible_characters(
    value: str, markup: bool, text: str
) -> None:
    assert plain_text(value, markup=markup) == text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("<p>Short note.</p>", "Short note."),
        (
            "<p>Grants of up to USD 80,000 are available for cooperatives in South Kivu.</p>",
            "Grants of up to USD 80,000 are available for cooperatives…",
        ),
        ("<p>" + "x" * 200 + " y</p>", "x" * 119 + "…"),
    ],
)
def test_a_title_made_from_the_text_is_its_first_words(text: str, title: str) -> None:
    assert title_from_text(text) == title
