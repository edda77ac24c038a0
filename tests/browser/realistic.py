"""A realistic coalition's worth of items: 28 partners, 85 open calls, events and news.

    realistic_items(now, count=300) -> list[Item]

Three languages, deadlines from today to next year (and none), extended
deadlines, forthcoming calls, online and in-person events, and what
partners really send: summaries with photos, tables, long words and long
addresses, whose images must never reach a listing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from aggregator.types import EventDates, Item, SourceRef

PARTNERS = tuple(
    SourceRef(name, f"https://{slug}.example/")
    for name, slug in [
        ("Example Cobalt Partnership", "cobalt"),
        ("Example Partnership for Responsible Minerals", "minerals"),
        ("Réseau exemple Grands Lacs", "grands-lacs"),
        ("Fonds exemple pour l'exploitation minière artisanale", "fonds"),
        ("Alianza de Ejemplo por el Oro Responsable", "oro"),
        ("Example Gold Refiners Forum", "refiners"),
        ("Example Tin Supply Chain Initiative", "tin"),
        ("Observatoire exemple des mines du Sahel", "sahel"),
        ("Red Andina de Minería Artesanal (ejemplo)", "andes"),
        ("Example Women in Mining Network", "women"),
        ("Example Mercury-Free Mining Fund", "mercury"),
        ("Example Traceability Lab", "trace"),
        ("Collectif exemple Kivu", "kivu"),
        ("Example Lithium Dialogue", "lithium"),
        ("Fundación Ejemplo Colombia Minera", "colombia"),
        ("Example Child Labour Coalition", "child"),
        ("Example Due Diligence Helpdesk", "helpdesk"),
        ("Example Mica Working Group", "mica"),
        ("Initiative exemple Burkina Or", "burkina"),
        ("Example Ghana Small-Scale Miners", "ghana"),
        ("Example Copper Belt Forum", "copper"),
        ("Example Graphite Watch", "graphite"),
        ("Example Diamond Development Trust", "diamond"),
        ("Programa Ejemplo Perú Oro Limpio", "peru"),
        ("Example Finance for Miners", "finance"),
        ("Example Environment and Mining Institute", "environment"),
        ("Réseau exemple Rwanda Étain", "rwanda"),
        ("Organisation for Economic Co-operation and Development (example)", "oecd"),
    ]
)

TITLES = {
    "call": {
        "en": "Call for proposals: {topic} in {place}",
        "fr": "Appel à propositions : {topic} en {place}",
        "es": "Convocatoria: {topic} en {place}",
    },
    "event": {
        "en": "Workshop on {topic}, {place}",
        "fr": "Atelier sur {topic}, {place}",
        "es": "Taller sobre {topic}, {place}",
    },
    "news": {
        "en": "New report on {topic} in {place}",
        "fr": "Nouveau rapport : {topic} en {place}",
        "es": "Nuevo informe sobre {topic} en {place}",
    },
}
TOPICS = {
    "en": ["artisanal gold formalisation", "cobalt traceability", "3T due diligence",
           "mercury reduction", "gender in mining", "child labour", "lithium governance"],
    "fr": ["formalisation de l'or artisanal", "traçabilité du cobalt",
           "devoir de diligence 3T", "réduction du mercure", "genre et mines"],
    "es": ["formalización del oro artesanal", "trazabilidad", "reducción del mercurio",
           "minería y género", "debida diligencia"],
}  # fmt: skip
PLACES = {
    "en": ["the DRC", "Rwanda", "Ghana", "the Great Lakes", "South Kivu", "Zambia"],
    "fr": ["RDC", "Sud-Kivu", "Burkina Faso", "République démocratique du Congo", "Mali"],
    "es": ["Perú", "Colombia", "Bolivia", "la región andina", "Ecuador"],
}
TAGS = ("gold", "cobalt", "3tg", "asm", "due-diligence", "mercury", "gender", "great-lakes")
#: What partners' summaries carry: a photo on their own host, a table, long words.
SUMMARY = (
    '<p><img src="https://{host}/photo-{n}.jpg" alt="Miners at work" width="1200"> {text}</p>'
    "<table><tr><th>Lot</th><th>Budget (USD)</th><th>Eligibility</th></tr>"
    "<tr><td>1</td><td>250,000</td><td>Cooperatives registered in the "
    "province</td></tr></table>"
    "<p>Read the terms of reference at https://{host}/documents/{long} "
    "before applying; questions to the secretariat.</p>"
)
TEXT = {
    "en": "Support for artisanal and small-scale mining cooperatives working on "
    "responsible sourcing, traceability and formalisation, with a focus on women.",
    "fr": "Soutien aux coopératives minières artisanales engagées dans "
    "l'approvisionnement responsable, la traçabilité et la formalisation.",
    "es": "Apoyo a cooperativas de minería artesanal y en pequeña escala que trabajan en "
    "abastecimiento responsable, trazabilidad y formalización.",
}
LANGUAGES = ("en", "en", "fr", "es", "en", "fr", "es", "en")


def realistic_items(now: datetime, count: int = 300) -> list[Item]:
    """`count` items (at least 120): 85 open calls, 10 forthcoming, 20 events, the rest news."""
    today = now.date()
    kinds = ["call"] * 95 + ["event"] * 20 + ["news"] * (count - 115)
    return [_item(n, kind, now, today) for n, kind in enumerate(kinds)]


def _item(n: int, kind: str, now: datetime, today: date) -> Item:
    language = LANGUAGES[n % len(LANGUAGES)]
    partner = PARTNERS[n % len(PARTNERS)]
    host = partner.link.split("/")[2]
    topic = TOPICS[language][n % len(TOPICS[language])]
    place = PLACES[language][n % len(PLACES[language])]
    published = now - timedelta(hours=3 * n + 1)
    title = TITLES[kind][language].format(topic=topic, place=place)
    if n % 17 == 0:
        title += " — Responsibleartisanalandsmallscaleminingcooperativesupportprogramme"
    deadline, status, opens, event = None, None, None, None
    if kind == "call" and n < 85:
        status = "open"
        # 3 close today, 9 more this week, 30 within 30 days, 30 later, 13 give no date
        offsets = [0] * 3 + [1 + k % 6 for k in range(9)] + [8 + k % 22 for k in range(30)]
        offsets += [31 + 9 * k for k in range(30)]
        deadline = today + timedelta(days=offsets[n]) if n < len(offsets) else None
        if deadline is None:
            status = "rolling" if n % 2 else "open"
    elif kind == "call":
        status, opens = "forthcoming", today + timedelta(days=10 + n % 40)
    elif kind == "event":
        start = today + timedelta(days=3 + 4 * (n % 20))
        event = EventDates(start=start, end=start + timedelta(days=n % 3), online=n % 2 == 0)
    summary = SUMMARY.format(
        host=host, n=n, text=TEXT[language], long="terms-of-reference-" * 6 + f"{n}.pdf"
    )
    url = f"https://{host}/{kind}s/{n}"
    return Item(
        id=f"item-{n}",
        url=url,
        link=url,
        title=title,
        summary=summary,
        published=published,
        first_seen=published,
        updated=published,
        kind=kind,  # type: ignore[arg-type]
        kind_reason="rule",
        deadline=deadline,
        deadline_phrase=f"Deadline {deadline.isoformat()}" if deadline else None,
        language=language,
        tags=(TAGS[n % len(TAGS)], TAGS[(n + 3) % len(TAGS)]),
        sources=(partner,) if n % 9 else (partner, PARTNERS[(n + 5) % len(PARTNERS)]),
        status=status,  # type: ignore[arg-type]
        opens=opens,
        deadline_extended=kind == "call" and n % 11 == 5,
        event=event,
    )
