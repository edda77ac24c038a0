"""The site's taxonomy: which minerals, themes, regions and countries a text names,
in English, French and Spanish, and what feeds.yaml adds to it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregator.config import load_config
from aggregator.errors import ConfigError
from aggregator.taxonomy import build_taxonomy, country_label, tag_items
from aggregator.types import FacetTerms, Item, Source, SourceRef, TaxonomySettings

TAXONOMY = build_taxonomy()

# (text, topics, regions, countries)
CASES = [
    # English
    ("Call for proposals: artisanal gold mining in South Kivu", {"gold", "asm"}, {"great-lakes"},
     {"CD"}),
    ("Cobalt supply chains in the DRC", {"cobalt"}, {"great-lakes"}, {"CD"}),
    ("Grants for 3T traceability in Rwanda", {"3t", "traceability"}, {"great-lakes"}, {"RW"}),
    ("Tin, tantalum and tungsten: a webinar", {"3t"}, set(), set()),
    ("Lithium and graphite for batteries", {"lithium", "graphite"}, set(), set()),
    ("Mercury-free processing in the Niger Delta", {"mercury"}, {"west-africa"}, {"NG"}),
    ("Niger: artisanal gold", {"gold", "asm"}, {"sahel", "west-africa"}, {"NE"}),
    ("Mining in Nigeria", set(), {"west-africa"}, {"NG"}),
    ("Guinea-Bissau and Equatorial Guinea", set(), {"west-africa"}, {"GW", "GQ"}),
    ("Papua New Guinea gold", {"gold"}, set(), {"PG"}),
    ("Guinea bauxite", set(), {"west-africa"}, {"GN"}),
    ("Chad and Mali", set(), {"sahel", "west-africa"}, {"TD", "ML"}),
    ("chili with china plates", set(), set(), set()),
    ("Georgia's mining law", set(), set(), set()),
    ("The Congo basin", set(), set(), set()),
    ("Republic of the Congo", set(), set(), {"CG"}),
    ("Child labour in mica mines in India", {"child-labour", "mica"}, set(), {"IN"}),
    ("Women miners and access to finance", {"gender", "finance"}, set(), set()),
    ("Diamonds: the Kimberley Process", {"diamonds"}, set(), set()),
    ("ICGLR regional certification", set(), {"great-lakes"}, set()),
    ("Due diligence under the OECD Guidance", {"due-diligence"}, set(), set()),
    ("Copper and cobalt in Zambia's Copperbelt", {"copper", "cobalt"}, set(), {"ZM"}),
    ("Andean gold: Peru and Bolivia", {"gold"}, {"andes", "latin-america"}, {"PE", "BO"}),
    ("CALL FOR PROPOSALS: DRC AND CHAD", set(), {"great-lakes", "sahel"}, {"CD", "TD"}),
    ("A tintin comic and a goldfish", set(), set(), set()),
    # French
    ("Appel à projets : or artisanal au Sud-Kivu", {"gold", "asm"}, {"great-lakes"}, {"CD"}),
    ("Orpaillage en RDC et au Burkina Faso", {"gold", "asm"},
     {"great-lakes", "sahel", "west-africa"},
     {"CD", "BF"}),
    ("La République démocratique du Congo et le Rwanda", set(), {"great-lakes"}, {"CD", "RW"}),
    ("Traçabilité de l'étain à Nord-Kivu", {"3t", "traceability"}, {"great-lakes"}, {"CD"}),
    ("Ituri : mines d'or", {"gold"}, {"great-lakes"}, {"CD"}),
    ("Devoir de vigilance dans la région des Grands Lacs", {"due-diligence"}, {"great-lakes"},
     set()),
    ("Le Tchad, le Niger et la Côte d'Ivoire", set(), {"sahel", "west-africa"},
     {"TD", "NE", "CI"}),
    ("Côte d’Ivoire : l’or", {"gold"}, {"west-africa"}, {"CI"}),
    ("Travail des enfants et environnement", {"child-labour", "environment"}, set(), set()),
    ("Mercure et femmes dans les mines au Sahel", {"mercury", "gender"}, {"sahel"}, set()),
    ("Pérou et Colombie", set(), {"andes", "latin-america"}, {"PE", "CO"}),
    ("Un rapport de l'ONU, or le budget manque", set(), set(), set()),  # "or": a conjunction
    ("Les creuseurs artisanaux de cobalt à Kolwezi", {"asm", "cobalt"}, {"great-lakes"}, {"CD"}),
    ("Minería artesanal y pequeña minería en Colombia", {"asm"}, {"andes", "latin-america"},
     {"CO"}),
    # Spanish
    ("Convocatoria: minería de oro en la República Democrática del Congo", {"gold"},
     {"great-lakes"}, {"CD"}),
    ("Formalización minera en el Perú", {"formalisation"}, {"andes", "latin-america"}, {"PE"}),
    ("Mercurio en Madre de Dios", {"mercury"}, {"andes", "latin-america"}, {"PE"}),
    ("Trabajo infantil en Colombia y Bolivia", {"child-labour"}, {"andes", "latin-america"},
     {"CO", "BO"}),
    ("Costa de Marfil y Ghana", set(), {"west-africa"}, {"CI", "GH"}),
    ("Estaño y coltán en Ruanda", {"3t"}, {"great-lakes"}, {"RW"}),
    ("Debida diligencia en América Latina", {"due-diligence"}, {"latin-america"}, set()),
    ("Igualdad de género y medio ambiente", {"gender", "environment"}, set(), set()),
    ("Un chile y un mate", set(), set(), set()),
    ("Minería en Chile", set(), {"latin-america"}, {"CL"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "topics", "regions", "countries"), CASES)
def test_facets_of_a_text(text: str, topics: set, regions: set, countries: set) -> None:
    found = TAXONOMY.facets(text)
    assert (set(found.topics), set(found.regions), set(found.countries)) == (
        topics,
        regions,
        countries,
    )


@pytest.mark.parametrize(
    ("code", "lang", "label"),
    [
        ("CD", "en", "Democratic Republic of the Congo"),
        ("CD", "fr", "République démocratique du Congo"),
        ("CD", "es", "República Democrática del Congo"),
        ("BO", "en", "Bolivia"),
        ("PE", "es", "Perú"),
        ("CI", "fr", "Côte d’Ivoire"),  # French typography
        ("BF", "es", "Burkina Faso"),  # pycountry's Spanish catalog writes "Burquina Faso"
        ("CI", "es", "Costa de Marfil"),  # and "Costa de Marfíl"
        ("ZZ", "en", "ZZ"),
    ],
)
def test_country_labels(code: str, lang: str, label: str) -> None:
    assert country_label(code, lang) == label


@pytest.mark.parametrize(
    ("slug", "lang", "label"),
    [("3t", "fr", "Étain, tantale, tungstène (3T)"), ("great-lakes", "es", "Grandes Lagos")],
)
def test_topic_labels(slug: str, lang: str, label: str) -> None:
    assert TAXONOMY.label(slug, lang) == label


def _item(title: str, summary: str = "", source: str = "IPIS", tags: tuple = ()) -> Item:
    moment = datetime(2027, 3, 1, tzinfo=UTC)
    return Item(
        id="i1", url=None, link=None, title=title, summary=summary, published=moment,
        first_seen=moment, updated=moment, kind="news", kind_reason="", deadline=None,
        deadline_phrase=None, language="en", tags=tags,
        sources=(SourceRef(name=source, link="https://ipis.example/1"),),
    )  # fmt: skip


def test_items_get_their_text_and_their_sources_defaults() -> None:
    sources = [Source(name="IPIS", url="https://ipis.example/feed", countries=("CD",),
                      topics=("gold",))]  # fmt: skip
    (tagged,) = tag_items([_item("Annual report", "<p>On <b>cobalt</b>.</p>")], TAXONOMY, sources)
    assert tagged.topics == ("gold", "cobalt")
    assert tagged.regions == ("great-lakes",)
    assert tagged.countries == ("CD",)
    (plain,) = tag_items([_item("Annual report", source="Other")], TAXONOMY, sources)
    assert (plain.topics, plain.regions, plain.countries) == ((), (), ())


def test_a_tag_that_is_a_slug_is_a_topic() -> None:
    (tagged,) = tag_items([_item("Report", tags=("mercury", "eprm"))], TAXONOMY)
    assert tagged.topics == ("mercury",)


def test_settings_add_topics_regions_and_country_words() -> None:
    settings = TaxonomySettings(
        facets=(
            FacetTerms(slug="bauxite", kind="mineral", labels=(("en", "Bauxite"),),
                       terms=("bauxite", "bauxita")),
            FacetTerms(slug="east-africa", kind="region", terms=("East Africa",),
                       countries=("KE",)),
            FacetTerms(slug="gold", kind="mineral", terms=("oro aluvial",)),
        ),
        country_terms=(("CD", ("Kasaï",)),),
    )  # fmt: skip
    taxonomy = build_taxonomy(settings)
    found = taxonomy.facets("Bauxita y oro aluvial en Kenya y Kasaï")
    assert set(found.topics) == {"bauxite", "gold"}
    assert set(found.regions) == {"east-africa", "great-lakes"}
    assert set(found.countries) == {"KE", "CD"}
    assert taxonomy.label("gold", "fr") == "Or"
    assert {"bauxite", "east-africa", "gold", "3t"} <= taxonomy.slugs


FEEDS = """\
title: T
site_url: https://example.org/
taxonomy:
  topics:
    bauxite:
      kind: mineral
      label: {en: Bauxite, fr: Bauxite, es: Bauxita}
      terms: [bauxite, bauxita]
    gold:
      terms: [oro aluvial]
  regions:
    east-africa:
      label: East Africa
      terms: [East Africa, Afrique de l'Est]
      countries: [KE, TZ]
  countries:
    CD: [Kasaï]
feeds:
  - name: IPIS
    url: https://ipis.example/feed
    countries: [CD, RW]
    topics: [gold, great-lakes, bauxite]
"""


def test_feeds_yaml_taxonomy_and_source_defaults(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(FEEDS)
    config = load_config(path)
    assert config.sources[0].countries == ("CD", "RW")
    assert config.sources[0].topics == ("gold", "great-lakes", "bauxite")
    taxonomy = build_taxonomy(config.taxonomy)
    assert taxonomy.label("bauxite", "es") == "Bauxita"
    assert taxonomy.is_region("east-africa")
    assert taxonomy.facets("Kasaï").countries == ("CD",)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("countries: [CD, RW]", "countries: [CD, XX]", r":21: feed 'IPIS': 'XX' is not an ISO"),
        ("topics: [gold, great-lakes, bauxite]", "topics: [gol]",
         r":22: feed 'IPIS': unknown topic 'gol' \(did you mean 'gold'\?\)"),
        ("    bauxite:\n", "    Bauxite Ore:\n",
         r":5: taxonomy topics: 'Bauxite Ore' is not a slug"),
        ("      countries: [KE, TZ]", "      countries: [KE, QQ]", r":15: .*'QQ' is not an ISO"),
        ("    CD: [Kasaï]", "    ZZ: [Kasaï]", r":17: taxonomy countries: 'ZZ' is not an ISO"),
        ("      kind: mineral", "      kind: metal", r":6: .*kind must be mineral or theme"),
        ("      terms: [oro aluvial]", "      term: [oro aluvial]",
         r":10: taxonomy topics 'gold': unknown key 'term' \(did you mean 'terms'\?\)"),
    ],
)  # fmt: skip
def test_feeds_yaml_taxonomy_mistakes(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in FEEDS
    path = tmp_path / "feeds.yaml"
    path.write_text(FEEDS.replace(old, new))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.message.startswith(str(path))
    assert "\n" not in caught.value.message
    assert re.search(message, caught.value.message), caught.value.message
