"""The site's facets: which minerals, themes, regions and countries an item is about.

    taxonomy = build_taxonomy(config.taxonomy)       # the built-in vocabulary + feeds.yaml's
    taxonomy.facets("Appel à projets : or artisanal au Sud-Kivu")
        -> Facets(topics=("gold",), regions=("great-lakes",), countries=("CD",))
    tag_items(items, taxonomy, config.sources)       -> the items with topics/regions/countries set

Topics are minerals (`gold`, `cobalt`, `3t` for tin, tantalum and tungsten …) and
themes (`due-diligence`, `mercury` …); regions are `great-lakes`, `sahel`,
`west-africa`, `andes`, `latin-america`; countries are ISO 3166-1 alpha-2 codes.
Each is recognised from its words in English, French and Spanish; country names
come from pycountry (its gettext catalogs carry the French and Spanish names), with
the short forms partners write ("RDC", "DRC", "Sud-Kivu" are all CD). An item in
a region's country is in the region too. A source's default `countries:` and
`topics:` in feeds.yaml are added to every item it published.

Matching is on whole words, accents and case folded, leftmost-longest, so
"Niger" is not found in "Nigeria" and "Guinea-Bissau" is not "Guinea". A name that
is also a common word ("Chad", "China", "Chile", "Mali", "Jordan", "Turkey") counts
only when written with its capital, and abbreviations ("RDC", "3T", "ICGLR") only
in capitals. A name shared by two countries ("Congo" alone, "Korea") counts for
neither; "Georgia" is left out (the US state is as likely).

Pure: no I/O beyond reading pycountry's data once, no clock. Facets are derived
from the items about to be published, so a change to the vocabulary applies at
the next run without re-classifying what is stored.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import pycountry

from .sanitize import html_to_text
from .types import FacetKind, FacetTerms, Item, Source, TaxonomySettings

#: A topic or region slug as written in feeds.yaml and in the site's URLs.
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANGUAGES = ("en", "fr", "es")


def _facet(
    slug: str,
    kind: FacetKind,
    labels: tuple[str, str, str],
    terms: Iterable[str],
    countries: Iterable[str] = (),
) -> FacetTerms:
    return FacetTerms(
        slug=slug,
        kind=kind,
        labels=tuple(zip(LANGUAGES, labels, strict=True)),
        terms=tuple(terms),
        countries=tuple(countries),
    )


# fmt: off
#: The minerals, each with its words in English, French and Spanish.
MINERALS: tuple[FacetTerms, ...] = (
    _facet("gold", "mineral", ("Gold", "Or", "Oro"),
           ("gold", "golden", "l'or", "d'or", "filière or", "or artisanal", "artisanal gold",
            "oro artesanal", "aurifère", "aurifères",
            "orpaillage", "orpailleur", "orpailleurs", "oro", "aurífero", "aurífera",
            "auríferos", "auríferas", "ASGM", "3TG", "bullion", "lingot", "lingots")),
    _facet("cobalt", "mineral", ("Cobalt", "Cobalt", "Cobalto"),
           ("cobalt", "cobalto", "heterogenite", "hétérogénite", "artisanal cobalt",
            "cobalt artisanal")),
    _facet("3t", "mineral", ("Tin, tantalum, tungsten (3T)", "Étain, tantale, tungstène (3T)",
                             "Estaño, tantalio, tungsteno (3T)"),
           ("3T", "3TG", "tin", "tantalum", "tungsten", "coltan", "cassiterite",
            "wolframite", "columbite-tantalite", "étain", "tantale", "tungstène", "estaño",
            "tantalio", "tungsteno", "wolframio", "casiterita", "conflict minerals",
            "minerais de conflit", "minerales de conflicto")),
    _facet("lithium", "mineral", ("Lithium", "Lithium", "Litio"),
           ("lithium", "litio", "spodumene", "spodumène", "espodumena")),
    _facet("copper", "mineral", ("Copper", "Cuivre", "Cobre"),
           ("copper", "cuivre", "cobre", "Copperbelt", "ceinture de cuivre")),
    _facet("nickel", "mineral", ("Nickel", "Nickel", "Níquel"), ("nickel", "níquel")),
    _facet("graphite", "mineral", ("Graphite", "Graphite", "Grafito"),
           ("graphite", "grafito")),
    _facet("diamonds", "mineral", ("Diamonds", "Diamants", "Diamantes"),
           ("diamond", "diamonds", "diamant", "diamants", "diamante", "diamantes",
            "Kimberley Process", "Processus de Kimberley", "Proceso de Kimberley")),
    _facet("mica", "mineral", ("Mica", "Mica", "Mica"), ("mica", "micas")),
)

#: The themes the coalition works on.
THEMES: tuple[FacetTerms, ...] = (
    _facet("asm", "theme", ("Artisanal mining (ASM)", "Exploitation artisanale (EMAPE)",
                            "Minería artesanal (MAPE)"),
           ("artisanal mining", "artisanal and small-scale mining", "small-scale mining",
            "artisanal miners", "artisanal gold", "artisanal cobalt", "artisanal mines",
            "artisanal mine", "artisanal sites", "ASM", "ASGM", "galamsey",
            "exploitation minière artisanale", "exploitation artisanale", "mines artisanales",
            "minière artisanale", "mineurs artisanaux", "or artisanal", "cobalt artisanal",
            "sites artisanaux", "creuseurs", "orpaillage", "orpailleurs", "EMAPE",
            "minería artesanal", "pequeña minería", "minería a pequeña escala",
            "mineros artesanales", "oro artesanal", "MAPE", "barequeros")),
    _facet("formalisation", "theme", ("Formalisation", "Formalisation", "Formalización"),
           ("formalisation", "formalization", "formalise", "formalize", "formalising",
            "formalizing", "formaliser", "formalisés", "formalización", "formalizar",
            "formalizados", "legalisation of mining", "légalisation", "REINFO")),
    _facet("due-diligence", "theme", ("Due diligence", "Devoir de diligence", "Debida diligencia"),
           ("due diligence", "devoir de vigilance", "diligence raisonnable",
            "debida diligencia", "responsible sourcing", "approvisionnement responsable",
            "abastecimiento responsable", "RMAP", "CSDDD", "Dodd-Frank",
            "Conflict Minerals Regulation", "règlement sur les minerais de conflit")),
    _facet("traceability", "theme", ("Traceability", "Traçabilité", "Trazabilidad"),
           ("traceability", "traçabilité", "trazabilidad", "chain of custody",
            "chaîne de possession", "chaîne de traçabilité", "cadena de custodia", "iTSCi",
            "provenance", "tracing", "traçage", "rastreo")),
    _facet("mercury", "theme", ("Mercury", "Mercure", "Mercurio"),
           ("mercury", "mercure", "mercurio", "Minamata", "mercury-free", "sans mercure",
            "libre de mercurio", "amalgamation", "amalgame", "amalgamación")),
    _facet("gender", "theme", ("Gender", "Genre", "Género"),
           ("gender", "women", "woman", "women miners", "femmes", "femme", "égalité de genre",
            "approche genre", "mujeres", "mujer", "igualdad de género",
            "enfoque de género", "perspectiva de género")),
    _facet("child-labour", "theme", ("Child labour", "Travail des enfants", "Trabajo infantil"),
           ("child labour", "child labor", "child miners", "travail des enfants",
            "travail infantile", "enfants dans les mines", "trabajo infantil",
            "niños en las minas")),
    _facet("environment", "theme", ("Environment", "Environnement", "Medio ambiente"),
           ("environment", "environmental", "environnement", "environnemental",
            "environnementale", "environnementaux", "medio ambiente", "medioambiental",
            "ambiental", "ambientales", "biodiversity", "biodiversité", "biodiversidad",
            "deforestation", "déforestation", "deforestación", "climate", "climat",
            "cambio climático", "rehabilitation of mine sites", "réhabilitation des sites",
            "water pollution", "pollution de l'eau", "contaminación del agua")),
    _facet("finance", "theme", ("Finance", "Financement", "Financiamiento"),
           ("access to finance", "financial inclusion", "microfinance", "microcredit",
            "pre-financing", "blended finance", "impact investment", "investors",
            "accès au financement", "inclusion financière", "microcrédit",
            "préfinancement", "investisseurs", "acceso al financiamiento",
            "acceso a financiamiento", "inclusión financiera", "microfinanzas",
            "microcrédito", "prefinanciamiento", "inversionistas", "inversores")),
)

_WEST_AFRICA = ("BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "MR", "NE", "NG",
                "SN", "SL", "TG")
_LATIN_AMERICA = ("AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "SV", "GT", "HN", "MX",
                  "NI", "PA", "PY", "PE", "UY", "VE")

#: The regions, with the countries that put an item in them.
REGIONS: tuple[FacetTerms, ...] = (
    _facet("great-lakes", "region", ("Great Lakes", "Grands Lacs", "Grandes Lagos"),
           ("Great Lakes Region", "Great Lakes", "ICGLR", "CIRGL", "Grands Lacs",
            "Grandes Lagos"),
           ("CD", "RW", "BI", "UG")),
    _facet("sahel", "region", ("Sahel", "Sahel", "Sahel"),
           ("Sahel", "sahélien", "sahélienne", "sahéliens", "saheliano", "saheliana", "G5 Sahel"),
           ("ML", "BF", "NE", "TD", "MR")),
    _facet("west-africa", "region", ("West Africa", "Afrique de l’Ouest", "África Occidental"),
           ("West Africa", "West African", "Afrique de l'Ouest", "ouest-africain",
            "ouest-africaine", "África Occidental", "ECOWAS", "CEDEAO"),
           _WEST_AFRICA),
    _facet("andes", "region", ("Andes", "Andes", "Andes"),
           ("Andes", "Andean", "andin", "andine", "andins", "andines", "andino", "andina",
            "andinos", "andinas", "región andina"),
           ("BO", "CO", "EC", "PE")),
    _facet("latin-america", "region", ("Latin America", "Amérique latine", "América Latina"),
           ("Latin America", "Latin American", "Amérique latine", "latino-américain",
            "América Latina", "latinoamericano", "latinoamericana", "Latinoamérica"),
           _LATIN_AMERICA),
)

#: Short forms, provinces and towns partners write for a country, besides its names.
COUNTRY_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("CD", ("RDC", "DRC", "RDC Congo", "DR Congo", "RD Congo", "R.D. Congo", "RD del Congo",
            "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo",
            "Democratic Republic of the Congo", "République démocratique du Congo",
            "República Democrática del Congo", "Kivu", "Sud-Kivu", "Nord-Kivu", "South Kivu",
            "North Kivu", "Ituri", "Katanga", "Haut-Katanga", "Lualaba", "Maniema", "Tanganyika",
            "Kinshasa", "Lubumbashi", "Kolwezi", "Bukavu", "Goma")),
    ("CG", ("Republic of the Congo", "Congo-Brazzaville", "Brazzaville", "République du Congo",
            "República del Congo")),
    ("CI", ("Ivory Coast", "Côte d'Ivoire", "Costa de Marfil", "ivoirien", "ivoirienne")),
    ("GB", ("UK", "Britain", "Great Britain")),
    ("US", ("USA", "U.S.", "United States")),
    ("AE", ("UAE", "Dubai", "Emirates", "Émirats arabes unis", "Emiratos Árabes Unidos")),
    ("TZ", ("Tanzania", "Tanzanie")),
    ("BF", ("Burkina", "burkinabè", "burkinabé")),
    ("RW", ("Ruanda", "rwandais", "rwandaise")),
    ("PE", ("Peru", "Pérou", "Perú", "peruano", "peruana", "péruvien", "péruvienne",
            "Madre de Dios")),
    ("CO", ("Colombie", "colombiano", "colombiana", "Antioquia", "Chocó")),
    ("BO", ("Bolivie", "boliviano", "boliviana")),
    ("GH", ("ghanéen", "ghanéenne", "Ghanaian")),
    ("NG", ("Niger Delta", "delta du Niger", "delta del Níger")),
    ("ZM", ("Copperbelt Province",)),
    ("NL", ("Netherlands", "Pays-Bas", "Países Bajos")),
)

#: Names that are also common words: they count only when written with their capital.
CAPITALISED_ONLY = frozenset({"chad", "china", "chile", "mali", "jordan", "turkey", "niger",
                              "guinea", "togo", "oman", "peru", "cuba", "malta", "iran",
                              "india", "panama", "chili", "maurice"})
#: Names left out: as likely to mean something else here.
LEFT_OUT = frozenset({"georgia", "jersey", "guernsey", "man", "isle of man", "christmas island",
                      "holy see", "vatican", "granada", "dominique"})
# fmt: on


# --- the vocabulary, built ------------------------------------------------------------


@dataclass(frozen=True)
class Facets:
    """What one text is about: topic and region slugs, country codes (sorted)."""

    topics: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


class Taxonomy:
    """The vocabulary, compiled: built once per run by `build_taxonomy`."""

    def __init__(self, entries: Sequence[FacetTerms], countries: Mapping[str, Iterable[str]]):
        self.entries: dict[str, FacetTerms] = {entry.slug: entry for entry in entries}
        terms: dict[str, set[str]] = {}  # folded term -> facets ("topic:gold", "country:CD")
        exact: dict[str, set[str]] = {}  # accents folded, case kept: capitalised-only words
        for entry in entries:
            for term in entry.terms:
                _add(terms, exact, term, entry.slug)
        for code, written in countries.items():
            for term in written:
                _add(terms, exact, term, code)
        # a name two countries share names neither (but the same word as a topic's
        # and a country's, e.g. none today, would stay both)
        self._terms = {term: facets for term, facets in terms.items() if _unambiguous(facets)}
        self._exact = {term: facets for term, facets in exact.items() if _unambiguous(facets)}
        self._pattern = _alternation(self._exact, self._terms)

    @property
    def topic_slugs(self) -> tuple[str, ...]:
        return tuple(slug for slug, entry in self.entries.items() if entry.kind != "region")

    @property
    def region_slugs(self) -> tuple[str, ...]:
        return tuple(slug for slug, entry in self.entries.items() if entry.kind == "region")

    @property
    def slugs(self) -> frozenset[str]:
        """Every topic and region slug (what a subscriber may follow)."""
        return frozenset(self.entries)

    def is_region(self, slug: str) -> bool:
        entry = self.entries.get(slug)
        return entry is not None and entry.kind == "region"

    def label(self, slug: str, lang: str = "en") -> str:
        """A topic's or region's name in `lang` ("3t" -> "Tin, tantalum, tungsten (3T)")."""
        entry = self.entries.get(slug)
        if entry is None:
            return slug
        labels = dict(entry.labels)
        return labels.get(lang) or labels.get("en") or slug

    def facets(self, text: str) -> Facets:
        """The topics, regions and countries `text` names (regions of its countries too)."""
        found: set[str] = set()
        for match in self._pattern.finditer(fold(text)):
            written = _spaced(match.group(1))
            found.update(self._exact.get(written) or self._terms.get(written.casefold()) or ())
        return self._complete(found)

    def _complete(self, found: set[str]) -> Facets:
        countries = {value for value in found if _is_code(value)}
        slugs = found - countries
        for entry in self.entries.values():
            if entry.kind == "region" and countries & set(entry.countries):
                slugs.add(entry.slug)
        regions = {slug for slug in slugs if self.is_region(slug)}
        return Facets(
            topics=tuple(sorted(slugs - regions, key=self._order)),
            regions=tuple(sorted(regions, key=self._order)),
            countries=tuple(sorted(countries)),
        )

    def _order(self, slug: str) -> int:
        order = list(self.entries)
        return order.index(slug) if slug in order else len(order)

    def of_item(self, item: Item, defaults: Mapping[str, Source] | None = None) -> Facets:
        """An item's facets: from its title and summary, its tags that are slugs, and the
        defaults of the sources it came from."""
        found = self.facets(f"{item.title}\n{html_to_text(item.summary)}")
        extra: set[str] = {tag.casefold() for tag in item.tags if tag.casefold() in self.entries}
        for ref in item.sources:
            source = (defaults or {}).get(ref.name)
            if source is not None:
                extra.update(source.topics)
                extra.update(source.countries)
        if not extra:
            return found
        return self._complete({*found.topics, *found.regions, *found.countries, *extra})


def _unambiguous(facets: set[str]) -> bool:
    return sum(1 for value in facets if _is_code(value)) <= 1


def _is_code(value: str) -> bool:
    return len(value) == 2 and value.isupper()


def fold(text: str) -> str:
    """`text` without accents, with typographic apostrophes and dashes made plain."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = re.sub("[\u2010-\u2015]", "-", text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _spaced(term: str) -> str:
    """A term with its hyphens and runs of spaces as one space ("Sud-Kivu" -> "Sud Kivu")."""
    return re.sub(r"[\s-]+", " ", term).strip()


def _add(terms: dict[str, set[str]], exact: dict[str, set[str]], term: str, value: str) -> None:
    written = _spaced(fold(term))
    if not written or written.casefold() in LEFT_OUT:
        return
    letters = [char for char in written if char.isalpha()]
    capitals = bool(letters) and all(char.isupper() for char in letters) and len(letters) <= 6
    if capitals or written.casefold() in CAPITALISED_ONLY:
        exact.setdefault(written, set()).add(value)
        if not capitals:  # "Chad" also as "CHAD" in a title in capitals
            exact.setdefault(written.upper(), set()).add(value)
    else:
        terms.setdefault(written.casefold(), set()).add(value)


def _alternation(exact: Mapping[str, object], folded: Mapping[str, object]) -> re.Pattern[str]:
    """One regex finding any of the terms as whole words, leftmost and longest first
    (group 1): those of `exact` as written, those of `folded` in any case; a hyphen or
    a space in a term matches either."""

    def part(term: str) -> str:
        return re.escape(term).replace(r"\ ", r"[\s-]+")

    ordered = sorted(
        [(term, part(term)) for term in exact] + [(term, f"(?i:{part(term)})") for term in folded],
        key=lambda pair: (-len(pair[0]), pair[0]),
    )
    if not ordered:
        return re.compile(r"(?!)")
    body = "|".join(pattern for _, pattern in ordered)
    return re.compile(rf"(?<!\w)({body})(?!\w)")


# --- countries, from pycountry ---------------------------------------------------------


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:  # a pycountry without that catalog: English names only
        return gettext.NullTranslations()


def _readable(name: str) -> str:
    """ "Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo"."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    if re.search(r"\b(of|of the|de|du|del|de la|des|d')$", tail, re.IGNORECASE):
        name = f"{tail} {head}"
        return re.sub(r"^(the|la|le|el)\s+", "", name, flags=re.IGNORECASE)
    return head


@cache
def country_names() -> dict[str, tuple[str, ...]]:
    """Every ISO 3166-1 country's names in English, French and Spanish, by alpha-2 code."""
    found: dict[str, set[str]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names = found.setdefault(code, set())
        for attribute in ("name", "common_name", "official_name"):
            written = getattr(country, attribute, None)
            if not written:
                continue
            for lang in LANGUAGES:
                local = _catalog(lang).gettext(written)
                names.add(_readable(local))
                if ", " in local:
                    names.add(local.split(", ", 1)[0])  # "Bolivia, …" -> "Bolivia"
    for code, extra in COUNTRY_TERMS:
        found.setdefault(code, set()).update(extra)
    return {code: tuple(sorted(names)) for code, names in found.items()}


#: Names pycountry's catalogs misspell, as the country's own press writes them.
LABEL_FIXES = {("BF", "es"): "Burkina Faso", ("CI", "es"): "Costa de Marfil"}


@lru_cache(maxsize=256)
def country_label(code: str, lang: str = "en") -> str:
    """A country's usual name in `lang`: "CD" -> "Democratic Republic of the Congo",
    "République démocratique du Congo", "República Democrática del Congo"."""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code.upper()
    if (country.alpha_2, lang) in LABEL_FIXES:
        return LABEL_FIXES[country.alpha_2, lang]
    written = getattr(country, "common_name", None) or country.name
    label = _readable(_catalog(lang).gettext(written))
    # French typography: "Côte d’Ivoire" (the catalogs write a typewriter apostrophe)
    return re.sub(r"(?<=\w)'(?=\w)", "’", label) if lang == "fr" else label


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code ("CD", "cd")."""
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


# --- the taxonomy of a configuration --------------------------------------------------


BUILTIN: tuple[FacetTerms, ...] = (*MINERALS, *THEMES, *REGIONS)


@lru_cache(maxsize=8)
def build_taxonomy(settings: TaxonomySettings | None = None) -> Taxonomy:
    """The built-in vocabulary with feeds.yaml's `taxonomy:` added: new topics and
    regions, more words (and member countries) for built-in ones, more words for
    countries."""
    entries: dict[str, FacetTerms] = {entry.slug: entry for entry in BUILTIN}
    countries = {code: list(names) for code, names in country_names().items()}
    for added in settings.facets if settings else ():
        known = entries.get(added.slug)
        if known is None:
            entries[added.slug] = added
            continue
        entries[added.slug] = replace(
            known,
            labels=tuple({**dict(known.labels), **dict(added.labels)}.items()),
            terms=(*known.terms, *added.terms),
            countries=(*known.countries, *added.countries),
        )
    for code, names in settings.country_terms if settings else ():
        countries.setdefault(code, []).extend(names)
    return Taxonomy(tuple(entries.values()), countries)


def tag_items(
    items: Iterable[Item], taxonomy: Taxonomy, sources: Iterable[Source] = ()
) -> list[Item]:
    """The items with their `topics`, `regions` and `countries` set (see `Taxonomy.of_item`)."""
    defaults = {source.name: source for source in sources if source.topics or source.countries}
    tagged = []
    for item in items:
        found = taxonomy.of_item(item, defaults)
        tagged.append(
            replace(item, topics=found.topics, regions=found.regions, countries=found.countries)
        )
    return tagged
