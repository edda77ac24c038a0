"""The main text of one article page (a call's own page), without menus and footers.

    main_text(body, url) -> str

trafilatura does the extraction (tables kept: calls often put their dates in
one); the text is cut at `MAX_CHARS`, as much as the classifier reads. Junk
gives "", never an exception. trafilatura is imported only when a page is read.
"""

from __future__ import annotations

import logging

log = logging.getLogger("aggregator")

#: Characters of a page's text kept: what `classify` reads of an item's text.
MAX_CHARS = 8_000


def main_text(body: bytes, url: str) -> str:
    """The readable text of the page, block by block on separate lines; "" if none."""
    try:
        import trafilatura

        text = trafilatura.extract(
            body,
            url=url,
            include_tables=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            favor_recall=True,
            deduplicate=True,
        )
    except Exception as exc:  # a hostile page must cost nothing but its own reading
        log.debug("could not read the text of %s: %s", url, exc)
        return ""
    return "\n".join(_plain_rows((text or "").splitlines()))[:MAX_CHARS]


def _plain_rows(lines: list[str]) -> list[str]:
    """Table rows as trafilatura writes them ("| Deadline | 15 April 2027 |") made
    label-and-value lines ("Deadline: 15 April 2027"), as a reader says them."""
    rows = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if all(not cell.strip("-: ") for cell in cells):
                continue  # the header's underline
            cells = [cell for cell in cells if cell]
            if len(cells) == 2:
                rows.append(f"{cells[0]}: {cells[1]}")
            elif cells:
                rows.append(" · ".join(cells))
        else:
            rows.append(line)
    return rows
