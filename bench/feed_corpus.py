"""Deterministic corpus of realistic partner RSS 2.0 feeds for the benchmark.

Each feed has 20 items in the shape a WordPress-style partner site publishes:
title, link, dc:creator, pubDate, categories, guid, an HTML summary in
<description> and the full article in <content:encoded> (paragraphs, links,
lists, headings, the odd table and entity). Text mixes English, French and
Spanish from the responsible-minerals domain: calls for proposals with
deadlines, events, news.

Sizes: the median feed is about 30 KB; one feed in twenty is about 200 KB.
The same seed and count always give byte-identical feeds.
"""

from __future__ import annotations

import hashlib
import json
import random
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

ITEMS_PER_FEED = 20
MEDIAN_FEED_BYTES = 30_000
LARGE_FEED_BYTES = 200_000
LARGE_FEED_SHARE = 0.05
#: Bytes of an item outside its article body (title, guid, categories, summary …).
ITEM_OVERHEAD_BYTES = 1_450
#: Publication dates count back from here, so output does not depend on the clock.
BASE_DATE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}

ORGANISATIONS = [
    "European Partnership for Responsible Minerals",
    "Responsible Minerals Initiative",
    "International Conference on the Great Lakes Region",
    "IPIS",
    "Pact",
    "RCS Global",
    "Alliance for Responsible Mining",
    "Levin Sources",
    "PROMINES",
    "Fairmined",
    "Global Battery Alliance",
    "Cobalt Institute",
    "World Gold Council",
    "ITSCI",
    "Impact Transform",
    "Delve",
    "OECD Centre for Responsible Business Conduct",
    "Solidaridad",
    "Planetgold",
    "Enact Africa",
    "Better Mining",
    "Fair Cobalt Alliance",
]

PLACES = [
    "Bukavu",
    "Goma",
    "Kolwezi",
    "Lubumbashi",
    "Kigali",
    "Bujumbura",
    "Kampala",
    "Bunia",
    "Uvira",
    "Kalemie",
    "Madre de Dios",
    "Puno",
    "Antioquia",
    "Chocó",
    "Ouagadougou",
    "Bamako",
    "Accra",
    "Dar es Salaam",
    "Paris",
    "Geneva",
    "Brussels",
    "Lima",
    "Bogotá",
]

TOPICS = {
    "en": [
        "traceability of tin, tantalum and tungsten (3T)",
        "formalisation of artisanal gold mining",
        "child labour risks in cobalt supply chains",
        "mercury-free gold processing",
        "responsible sourcing from the eastern DRC",
        "grievance mechanisms at mine sites",
        "women's participation in artisanal and small-scale mining (ASM)",
        "Annex II risks under the OECD Due Diligence Guidance",
        "upstream assessments of 3TG mine sites",
        "the EU Conflict Minerals Regulation",
        "living incomes for ASM cooperatives",
        "security and human rights around mine sites",
        "battery-grade cobalt from artisanal sources",
        "gold refinery audits",
    ],
    "fr": [
        "la traçabilité de l'étain, du tantale et du tungstène",
        "la formalisation de l'orpaillage artisanal",
        "les risques de travail des enfants dans la chaîne du cobalt",
        "le traitement de l'or sans mercure",
        "l'approvisionnement responsable dans l'est de la RDC",
        "les mécanismes de plainte sur les sites miniers",
        "la place des femmes dans l'exploitation minière artisanale et à petite échelle (EMAPE)",
        "les risques de l'Annexe II du Guide OCDE sur le devoir de diligence",
        "la validation des sites miniers par le Mécanisme régional de certification de la CIRGL",
        "le règlement européen sur les minerais de conflit",
    ],
    "es": [
        "la trazabilidad del oro artesanal",
        "la formalización de la minería artesanal y en pequeña escala (MAPE)",
        "la eliminación del mercurio en el beneficio del oro",
        "la debida diligencia según la Guía de la OCDE",
        "los mecanismos de quejas en las zonas mineras",
        "la participación de las mujeres en la minería artesanal",
        "el abastecimiento responsable de minerales de zonas de conflicto",
        "los riesgos del Anexo II de la Guía de la OCDE",
        "las cooperativas auríferas de Madre de Dios",
    ],
}

SUBJECTS = {
    "en": [
        "The programme",
        "Our field team",
        "The steering committee",
        "Artisanal cooperatives",
        "Local civil society organisations",
        "Downstream companies",
        "Smelters and refiners",
        "The provincial mining division",
        "Independent third-party auditors",
        "The project",
        "Partner organisations",
        "Women-led mining associations",
    ],
    "fr": [
        "Le programme",
        "Notre équipe de terrain",
        "Le comité de pilotage",
        "Les coopératives minières",
        "Les organisations de la société civile",
        "Les fonderies et affineurs",
        "La division provinciale des mines",
        "Le projet",
        "Les auditeurs indépendants",
        "Les associations de femmes mineures",
    ],
    "es": [
        "El programa",
        "Nuestro equipo de campo",
        "El comité directivo",
        "Las cooperativas mineras",
        "Las organizaciones de la sociedad civil",
        "Las fundiciones y refinadoras",
        "La dirección regional de minería",
        "El proyecto",
        "Los auditores independientes",
        "Las asociaciones de mujeres mineras",
    ],
}

VERBS = {
    "en": [
        "supports",
        "will fund work on",
        "is strengthening",
        "has published a study on",
        "reviews progress on",
        "invites proposals on",
        "documents",
        "monitors",
        "assesses",
        "reports on",
        "is piloting a new approach to",
    ],
    "fr": [
        "soutient",
        "financera des travaux sur",
        "renforce",
        "a publié une étude sur",
        "fait le point sur",
        "lance un appel sur",
        "documente",
        "suit de près",
        "évalue",
    ],
    "es": [
        "apoya",
        "financiará trabajos sobre",
        "fortalece",
        "ha publicado un estudio sobre",
        "revisa los avances en",
        "abre una convocatoria sobre",
        "documenta",
        "evalúa",
    ],
}

COMPLEMENTS = {
    "en": [
        "in partnership with local authorities",
        "across the Great Lakes Region",
        "with a budget of up to EUR 250,000",
        "over a period of 24 months",
        "in line with the five-step framework",
        "together with cooperatives in Ituri and Maniema",
        "as part of the 2027 work plan",
        "through independent third-party audits",
        "with support from the European Union",
        "while reducing the use of mercury",
    ],
    "fr": [
        "en partenariat avec les autorités locales",
        "dans toute la région des Grands Lacs",
        "avec un budget pouvant atteindre 250 000 €",
        "sur une période de 24 mois",
        "conformément au cadre en cinq étapes",
        "avec les coopératives de l'Ituri et du Maniema",
        "dans le cadre du plan de travail 2027",
        "grâce à des audits indépendants",
    ],
    "es": [
        "en alianza con las autoridades locales",
        "en toda la región andina",
        "con un presupuesto de hasta 250 000 €",
        "durante un período de 24 meses",
        "de acuerdo con el marco de cinco pasos",
        "junto con cooperativas de Puno y Antioquia",
        "como parte del plan de trabajo 2027",
        "mediante auditorías independientes",
    ],
}

#: Fragments carrying the entities real feeds use (the HTML is in CDATA, so they stay).
ENTITY_FRAGMENTS = {
    "en": [
        "R&amp;D",
        "&ldquo;conflict-free&rdquo;",
        "EUR&nbsp;50,000",
        "2025&ndash;2027",
        "partners&rsquo; reports",
        "&copy; partners",
    ],
    "fr": [
        "l&rsquo;&eacute;quipe",
        "&laquo;&nbsp;sans conflit&nbsp;&raquo;",
        "50&nbsp;000&nbsp;&euro;",
        "d&eacute;cembre",
        "la soci&eacute;t&eacute; civile",
        "R&amp;D",
    ],
    "es": [
        "la regi&oacute;n",
        "&iquest;qui&eacute;n participa?",
        "50&nbsp;000&nbsp;&euro;",
        "miner&iacute;a",
        "&laquo;libre de conflicto&raquo;",
    ],
}

CATEGORIES = {
    "en": [
        "Calls for proposals",
        "Funding",
        "Events",
        "News",
        "ASM",
        "Cobalt",
        "Gold",
        "3TG",
        "Due diligence",
        "Great Lakes Region",
        "Traceability",
        "Gender",
        "Publications",
    ],
    "fr": [
        "Appels à propositions",
        "Financement",
        "Événements",
        "Actualités",
        "EMAPE",
        "Or",
        "Cobalt",
        "Devoir de diligence",
        "Grands Lacs",
        "Traçabilité",
        "Publications",
    ],
    "es": [
        "Convocatorias",
        "Financiamiento",
        "Eventos",
        "Noticias",
        "MAPE",
        "Oro",
        "Debida diligencia",
        "Trazabilidad",
        "Género",
        "Publicaciones",
    ],
}


@dataclass(frozen=True)
class CorpusFeed:
    """One generated feed file and the address path it is served under."""

    #: Path part of the URL, e.g. "/feeds/0042.xml".
    path: str
    file: Path
    size: int


def _date_text(day: datetime, language: str) -> str:
    month = MONTHS[language][day.month - 1]
    if language == "en":
        return f"{day.day} {month} {day.year}"
    if language == "fr":
        return f"{day.day} {month} {day.year}"
    return f"{day.day} de {month} de {day.year}"


def _ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain if c.isalnum() or c == "-") or "page"


class _Writer:
    """Writes one feed's text from its own seeded random source."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.host = f"partner-{index:04d}.example.org"
        weights = rng.random()
        self.language = "en" if weights < 0.6 else "fr" if weights < 0.85 else "es"
        self.organisation = rng.choice(ORGANISATIONS)

    def pick_language(self) -> str:
        # Most partners publish in one language, with the odd item in another.
        if self.rng.random() < 0.85:
            return self.language
        return self.rng.choice(["en", "fr", "es"])

    def link(self, text: str) -> str:
        slug = _ascii_slug("-".join(text.split()[:4]).lower().strip(".,;:"))
        section = self.rng.choice(["news", "resources", "projects", "fr/actualites", "es/noticias"])
        url = f"https://{self.host}/{section}/{slug}/"
        if self.rng.random() < 0.3:
            return (
                f'<a href="{url}" target="_blank" rel="noreferrer noopener">'
                f"{escape(text, quote=False)}</a>"
            )
        return f'<a href="{url}">{escape(text, quote=False)}</a>'

    def sentence(self, language: str) -> str:
        # Markup as dense as content pasted into a CMS editor: links, emphasis, spans.
        rng = self.rng
        topic = rng.choice(TOPICS[language])
        topic_html = self.link(topic) if rng.random() < 0.4 else escape(topic, quote=False)
        if rng.random() < 0.2:
            topic_html = f"<strong>{topic_html}</strong>"
        complement = rng.choice(COMPLEMENTS[language])
        if rng.random() < 0.2:
            complement = f"<em>{complement}</em>"
        parts = [
            rng.choice(SUBJECTS[language]),
            rng.choice(VERBS[language]),
            topic_html,
            complement,
        ]
        if rng.random() < 0.3:
            parts.append(f"({rng.choice(ENTITY_FRAGMENTS[language])})")
        if rng.random() < 0.2:
            parts.append({"en": "in", "fr": "à", "es": "en"}[language] + " " + rng.choice(PLACES))
        text = " ".join(parts) + "."
        if rng.random() < 0.2:
            text = f'<span style="font-weight: 400;">{text}</span>'
        return text

    def paragraph(self, language: str) -> str:
        count = self.rng.randint(2, 6)
        opening = '<p style="text-align: justify;">' if self.rng.random() < 0.2 else "<p>"
        return opening + " ".join(self.sentence(language) for _ in range(count)) + "</p>"

    def bullet_list(self, language: str) -> str:
        tag = "ol" if self.rng.random() < 0.3 else "ul"
        items = []
        for _ in range(self.rng.randint(3, 6)):
            topic = self.rng.choice(TOPICS[language])
            text = self.link(topic) if self.rng.random() < 0.3 else escape(topic, quote=False)
            items.append(
                f"<li><strong>{text}</strong> &ndash; {self.rng.choice(COMPLEMENTS[language])}</li>"
            )
        return f'<{tag} class="wp-block-list">{"".join(items)}</{tag}>'

    def figure(self) -> str:
        n = self.rng.randint(1000, 9999)
        base = f"https://{self.host}/wp-content/uploads/2026/11/site-{n}"
        srcset = ", ".join(f"{base}-{w}x{w * 2 // 3}.jpg {w}w" for w in (300, 768, 1024))
        return (
            f'<figure class="wp-block-image size-large"><img decoding="async" width="1024" '
            f'height="683" src="{base}-1024x683.jpg" alt="" class="wp-image-{n}" '
            f'srcset="{srcset}" sizes="(max-width: 1024px) 100vw, 1024px" />'
            '<figcaption class="wp-element-caption">'
            f"{self.rng.choice(PLACES)}</figcaption></figure>"
        )

    def table(self, language: str) -> str:
        head = {
            "en": ("Lot", "Budget", "Duration"),
            "fr": ("Lot", "Budget", "Durée"),
            "es": ("Lote", "Presupuesto", "Duración"),
        }[language]
        rows = "".join(
            f"<tr><td>{n}</td><td>EUR&nbsp;{self.rng.randint(5, 60) * 5_000:,}</td>"
            f"<td>{self.rng.choice([12, 18, 24, 36])}</td></tr>"
            for n in range(1, self.rng.randint(3, 5))
        )
        cells = "".join(f"<th>{h}</th>" for h in head)
        return f'<table class="lots"><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>'

    def body(self, language: str, lead: str, budget: int) -> str:
        blocks = [f"<p>{lead}</p>"]
        size = len(blocks[0])
        while size < budget:
            roll = self.rng.random()
            if roll < 0.62:
                block = self.paragraph(language)
            elif roll < 0.80:
                block = self.bullet_list(language)
            elif roll < 0.88:
                heading = self.rng.choice(TOPICS[language]).capitalize()
                block = f"<h3>{escape(heading, quote=False)}</h3>"
            elif roll < 0.93:
                block = self.table(language)
            elif roll < 0.95:
                block = f"<blockquote><p>{self.sentence(language)}</p></blockquote>"
            else:
                block = self.figure()
            blocks.append(block)
            size += len(block)
        return "\n".join(blocks)

    def item(self, number: int, published: datetime, budget: int) -> str:
        rng = self.rng
        language = self.pick_language()
        topic = rng.choice(TOPICS[language])
        roll = rng.random()
        if roll < 0.35:
            deadline = published + timedelta(days=rng.randint(14, 90))
            title = {
                "en": f"Call for proposals: {topic}",
                "fr": f"Appel à propositions : {topic}",
                "es": f"Convocatoria: {topic}",
            }[language]
            lead = {
                "en": f"Deadline for applications: {_date_text(deadline, 'en')}.",
                "fr": f"Date limite de dépôt des candidatures : {_date_text(deadline, 'fr')}.",
                "es": f"Fecha límite de postulación: {_date_text(deadline, 'es')}.",
            }[language]
            category = CATEGORIES[language][0]
        elif roll < 0.6:
            when = published + timedelta(days=rng.randint(7, 120))
            place = rng.choice(PLACES)
            title = {
                "en": f"Webinar on {topic} – {_date_text(when, 'en')}",
                "fr": f"Atelier régional sur {topic} à {place}",
                "es": f"Taller sobre {topic} en {place}",
            }[language]
            lead = {
                "en": f"Join us online on {_date_text(when, 'en')} at 14:00 CET.",
                "fr": f"L'atelier se tiendra à {place} le {_date_text(when, 'fr')}.",
                "es": f"El taller se realizará en {place} el {_date_text(when, 'es')}.",
            }[language]
            category = CATEGORIES[language][2]
        else:
            title = {
                "en": f"{self.organisation} publishes new findings on {topic}",
                "fr": f"{self.organisation} publie un rapport sur {topic}",
                "es": f"{self.organisation} publica un informe sobre {topic}",
            }[language]
            lead = self.sentence(language)
            category = CATEGORIES[language][3]
        slug = f"{number:03d}-" + _ascii_slug("-".join(topic.split()[:3]).lower())
        link = f"https://{self.host}/{published:%Y/%m}/{slug}/"
        categories = [category, *rng.sample(CATEGORIES[language][4:], rng.randint(1, 3))]
        guid_style = rng.random()
        if guid_style < 0.5:
            post = 10_000 + self.index * 97 + number
            guid = f'<guid isPermaLink="false">https://{self.host}/?p={post}</guid>'
        elif guid_style < 0.8:
            guid = f'<guid isPermaLink="true">{escape(link)}</guid>'
        else:
            digest = hashlib.sha1(f"{self.index}/{number}".encode()).hexdigest()
            guid = f'<guid isPermaLink="false">tag:{self.host},2026:{digest[:12]}</guid>'
        content = self.body(language, lead, budget)
        summary = (
            "<p>" + " ".join(self.sentence(language) for _ in range(rng.randint(1, 2))) + "</p>"
        )
        if rng.random() < 0.5:
            description = f"<description><![CDATA[{summary} [&#8230;]]]></description>"
        else:
            description = f"<description>{escape(summary, quote=False)} [&amp;#8230;]</description>"
        enclosure = ""
        if rng.random() < 0.1:
            enclosure = (
                f'<enclosure url="https://{self.host}/wp-content/uploads/{slug}.pdf" '
                f'length="{rng.randint(80_000, 3_000_000)}" type="application/pdf" />\n'
            )
        cats = "\n".join(f"<category><![CDATA[{c}]]></category>" for c in categories)
        author = rng.choice(
            [
                "Communications team",
                "Équipe communication",
                "Redacción",
                "Programme officer",
                "Secretariat",
            ]
        )
        return (
            "<item>\n"
            f"<title>{escape(title, quote=False)}</title>\n"
            f"<link>{escape(link)}</link>\n"
            f"<comments>{escape(link)}#respond</comments>\n"
            f"<dc:creator><![CDATA[{author}]]></dc:creator>\n"
            f"<pubDate>{format_datetime(published)}</pubDate>\n"
            f"{cats}\n{guid}\n{description}\n"
            f"<content:encoded><![CDATA[{content}]]></content:encoded>\n"
            f"{enclosure}</item>\n"
        )

    def feed(self, target_bytes: int) -> str:
        rng = self.rng
        published = BASE_DATE - timedelta(hours=rng.randint(1, 72))
        # Each item's body takes its share of the target; the rest is markup around it.
        budget = max(0, target_bytes // ITEMS_PER_FEED - ITEM_OVERHEAD_BYTES)
        items = []
        for number in range(ITEMS_PER_FEED, 0, -1):
            items.append(self.item(number, published, int(budget * rng.uniform(0.6, 1.4))))
            published -= timedelta(hours=rng.randint(6, 24 * 12), minutes=rng.randint(0, 59))
        title = {
            "en": f"{self.organisation} – News and calls",
            "fr": f"{self.organisation} – Actualités et appels",
            "es": f"{self.organisation} – Noticias y convocatorias",
        }[self.language]
        language_tag = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}[self.language]
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"'
            ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">\n<channel>\n'
            f"<title>{escape(title, quote=False)}</title>\n"
            f'<atom:link href="https://{self.host}/feed/" rel="self"'
            ' type="application/rss+xml" />\n'
            f"<link>https://{self.host}/</link>\n"
            f"<description>{escape(self.organisation)} ({self.index:04d})</description>\n"
            f"<lastBuildDate>{format_datetime(BASE_DATE)}</lastBuildDate>\n"
            f"<language>{language_tag}</language>\n"
            "<sy:updatePeriod>hourly</sy:updatePeriod>\n<sy:updateFrequency>1</sy:updateFrequency>\n"
            "<generator>https://wordpress.org/?v=6.6.2</generator>\n"
            + "".join(items)
            + "</channel>\n</rss>\n"
        )


def feed_sizes(count: int, seed: int) -> list[int]:
    """Target size of each feed: log-normal around the median, 5 % near 200 KB."""
    rng = random.Random(seed)
    large = set(
        rng.sample(range(count), max(1 if count >= 20 else 0, round(count * LARGE_FEED_SHARE)))
    )
    sizes = []
    for index in range(count):
        if index in large:
            sizes.append(int(LARGE_FEED_BYTES * rng.uniform(0.9, 1.1)))
        else:
            sizes.append(
                int(min(90_000, max(10_000, rng.lognormvariate(0, 0.35) * MEDIAN_FEED_BYTES)))
            )
    return sizes


def write_corpus(directory: Path, count: int, seed: int = 2026) -> list[CorpusFeed]:
    """Write `count` feeds into `directory` (skipped if already written with the same seed)."""
    directory.mkdir(parents=True, exist_ok=True)
    manifest_path = directory / "manifest.json"
    # The generator's own hash: editing it regenerates the corpus.
    generator = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]
    wanted = {"count": count, "seed": seed, "generator": generator}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if {k: manifest.get(k) for k in wanted} == wanted:
            return [
                CorpusFeed(f["path"], directory / f["file"], f["size"]) for f in manifest["feeds"]
            ]
    for old in directory.glob("*.xml"):
        old.unlink()
    feeds = []
    for index, target in enumerate(feed_sizes(count, seed)):
        writer = _Writer(random.Random(seed * 1_000_003 + index), index)
        data = writer.feed(target).encode("utf-8")
        name = f"{index:04d}.xml"
        (directory / name).write_bytes(data)
        feeds.append(CorpusFeed(f"/feeds/{name}", directory / name, len(data)))
    manifest = {
        **wanted,
        "feeds": [{"path": f.path, "file": f.file.name, "size": f.size} for f in feeds],
    }
    manifest_path.write_text(json.dumps(manifest, indent=0))
    return feeds


if __name__ == "__main__":
    import argparse
    import statistics
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "feeds")
    args = parser.parse_args()
    start = time.perf_counter()
    corpus = write_corpus(args.out, args.feeds, args.seed)
    sizes = sorted(f.size for f in corpus)
    print(
        f"{len(corpus)} feeds in {args.out} ({time.perf_counter() - start:.1f} s): "
        f"median {statistics.median(sizes) / 1000:.1f} KB, max {sizes[-1] / 1000:.1f} KB, "
        f"total {sum(sizes) / 1e6:.1f} MB, >150 KB: {sum(s > 150_000 for s in sizes)}"
    )
