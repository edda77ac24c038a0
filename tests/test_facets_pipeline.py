"""Facets through a real run: items from a local server get their topics, regions and
countries from their text, their source's defaults and feeds.yaml's taxonomy."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from pytest_httpserver import HTTPServer

from aggregator import pipeline
from aggregator.config import load_config
from tests.conftest import NOW

XML = "application/rss+xml"


def rss(*entries: tuple[str, str, str]) -> bytes:
    """An RSS feed of (slug, title, description) entries."""
    items = "".join(
        f"<item><title>{title}</title><link>https://partner.example/{slug}</link>"
        f"<description>{text}</description><pubDate>Mon, 08 Mar 2027 10:00:00 +0000</pubDate>"
        f"<guid>https://partner.example/{slug}</guid></item>"
        for slug, title, text in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Partner</title><link>https://partner.example/</link>{items}</channel></rss>"
    ).encode()


ENTRIES = (
    ("fr-gold", "Appel à projets : or artisanal au Sud-Kivu",
     "Les coopératives de la RDC peuvent soumettre avant le 30 avril 2027."),
    ("es-peru", "Convocatoria: formalización minera en el Perú",
     "Minería de oro sin mercurio en Madre de Dios."),
    ("en-report", "Annual report", "Our year in review."),
)  # fmt: skip


def clearinghouse(site: Path) -> dict[str, dict[str, Any]]:
    feed = json.loads((site / "feed.json").read_text())
    return {item["url"].rsplit("/", 1)[1]: item["_clearinghouse"] for item in feed["items"]}


def test_feed_json_carries_each_items_facets(server: HTTPServer, write_config: Any) -> None:
    server.expect_request("/feed.xml").respond_with_data(rss(*ENTRIES), content_type=XML)
    feeds = [{"name": "Partner", "url": server.url_for("/feed.xml"), "countries": ["RW"]}]
    path = write_config(feeds)
    pipeline.run(load_config(path), now=NOW)
    found = clearinghouse(load_config(path).site)
    assert found["fr-gold"]["topics"] == ["gold", "asm"]
    assert found["fr-gold"]["regions"] == ["great-lakes"]
    assert found["fr-gold"]["countries"] == ["CD", "RW"]
    assert set(found["es-peru"]["topics"]) == {"gold", "formalisation", "mercury"}
    assert found["es-peru"]["countries"] == ["PE", "RW"]
    assert "andes" in found["es-peru"]["regions"]
    assert found["en-report"]["countries"] == ["RW"]  # the source's default alone
    assert found["en-report"]["topics"] == []
    site = load_config(path).site
    for folder in ("topics/gold", "countries/cd", "regions/great-lakes", "partners/partner",
                   "languages/fr", "languages/es"):  # fmt: skip
        assert (site / folder / "index.html").is_file(), folder
        assert (site / folder / "calls.xml").is_file(), folder

    # a word added to the taxonomy applies at the next run, to items already stored
    data = yaml.safe_load(path.read_text())
    data["taxonomy"] = {"topics": {"reporting": {"terms": ["annual report"]}}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    pipeline.run(load_config(path), now=NOW + timedelta(hours=1))
    assert clearinghouse(site)["en-report"]["topics"] == ["reporting"]
    assert (site / "topics/reporting/index.html").is_file()
