"""The built-in classification rules: every phrase list, in one place.

`aggregator.classify` reads these lists; feeds.yaml adds to them (``classify:``
for kinds, ``topics:`` for tags, see docs/calls.md) but never removes any.

How a phrase is matched
    Whole words, case- and accent-insensitive: "conference" matches
    "Conférence", "appel a projets" matches "Appel à projets". A plural "s"/"es"
    is allowed on any word ("webinars", "calls for proposals", "talleres"). Hyphens and
    apostrophes count as spaces, so "small-scale" matches "small scale" and
    "d'intérêt" matches "d’intérêt". A phrase written as an acronym (no space,
    two or more capitals, e.g. "RFP", "ASM", "CfP") is matched case-sensitively,
    so "AMI" (appel à manifestation d'intérêt) does not match "ami" (friend).

Kinds (the first rule that applies wins)
    1. the source's own ``kind:`` in feeds.yaml;
    2. a NEWS_PHRASES phrase in the title ("winners", "résultats", "highlights
       from"): a report about a call or an event is news;
    3. a CALL or EVENT phrase in the title: strong phrases beat weak ones, and
       among equals the one nearest the start of the title wins, so "Call for
       applications: workshop on ..." is a call and "Webinar: how to answer the
       call for proposals" an event;
    4. a strong CALL or EVENT phrase in the summary or content, *together with*
       a cue in the same text (a deadline phrase or "apply"/"postuler"/"presentar"
       for calls; "register"/"inscription"/"tendrá lugar" for events); a news
       story that merely mentions last year's call for proposals stays news;
    5. no phrase at all, but the text asks for applications and says they are
       taken on a rolling basis or not yet (ROLLING_PHRASES, FORTHCOMING_PHRASES),
       or that they are closed (CLOSED_PHRASES in a sentence naming them): a call;
    6. no phrase at all, but the summary or content asks for applications,
       proposals or offers (APPLICATION_WORDS) and gives a deadline: a call
       ("submit a CV and proposal by 4 June 2027"), unless it says the post is
       an employment (a contract type, "we are hiring") and names no
       consultancy: a staff job, news;
    7. no phrase at all, but the title or the text's first line gives a day and
       its hours ("Friday 15th May, 9:40-10:00"): an event, if the day is to come;
    8. otherwise news.

    A call phrase next to a past year ("the 2025 call for proposals",
    "convocatoria de 2025": a year before the item's reference date) names a
    past call and does not count.

    "call" on its own is never a phrase: "the minister called for...", "a call
    with partners" and "calls on governments to..." are news.

Deadlines
    A date right after a DEADLINE_PHRASES phrase in the same sentence (or just
    before "deadline": "the 30 June deadline"). Calls only, and events when the
    sentence is about registration (REGISTRATION_WORDS): "register by 3 May".
"""

from __future__ import annotations

# --- kinds -------------------------------------------------------------------

#: Phrases that make an item a call (funding, tenders, applications, abstracts).
CALL_PHRASES: tuple[str, ...] = (
    # English
    "call for proposals", "call for proposal",
    "request for proposals", "request for proposal", "RFP", "RfP",
    "request for applications", "RFA", "request for quotations", "request for quotation",
    "request for quotes", "RFQ", "request for information", "RFI",
    "request for abstracts", "call for abstracts", "call for papers", "CfP",
    "call for submissions", "call for applications", "call for application",
    "call for nominations", "call for expressions of interest", "call for concept notes",
    "call for tenders", "call for bids", "invitation to tender", "invitation to bid",
    "invitation for bids", "expression of interest", "EOI",
    "funding opportunity", "funding opportunities", "funding call", "grant opportunity",
    "grant call", "grant programme", "grant program", "grants programme", "small grants",
    "pequeñas donaciones", "petites subventions",
    "grant application", "grant applications", "tender", "terms of reference",
    "now accepting applications", "applications are open", "applications open",
    "applications now open", "invitation to submit proposals", "call for participants",
    "nominations open", "call for entries", "procurement notice",
    "recruitment of a consultant", "selection of a consultant", "selection of a service provider",
    "open call", "apply now", "call for consultants", "consultancy opportunity",
    "consultant", "consultants", "consultancy", "individual consultant",
    "call for papers and panels", "call for speakers", "call for contributions",
    "call for presentations", "call for posters", "invitation for quotations",
    "invitation to quote", "request for expressions of interest", "REOI", "ITB", "ITT",
    "request for confirmation of interest", "RCOI",
    "announcement of opportunity", "general procurement notice",
    # French
    "appel à propositions", "appel a propositions", "appel à projets", "appel à microprojets",
    "appel à initiatives", "appel à idées",
    "appel à projet", "appel à candidatures", "appel à candidature",
    "appel à manifestation d'intérêt", "manifestation d'intérêt",
    "AMI", "AAP", "AON", "AOI", "appel d'offres", "appel d'offre", "avis d'appel d'offres",
    "demande de propositions", "demande de cotation", "appel à communications",
    "appel à contributions", "appel à résumés", "termes de référence",
    "candidatures ouvertes", "possibilité de financement", "invitation à soumissionner",
    "avis de recrutement", "recrutement d'un consultant", "recrutement de consultants",
    "sélection d'un prestataire", "sélection d'un consultant", "recrutement d'un prestataire",
    "bourse de recherche", "appel à bourses", "concours de projets", "concours d'idées",
    "avis de marché", "consultance", "consultant individuel", "appel à articles",
    "appel à intervenants", "demande de cotations", "demande de prix",
    "demande de manifestation d'intérêt", "sollicitation de manifestations d'intérêt",
    "avis à manifestation d'intérêt", "appel à participation",
    "opportunité de financement", "avis général de passation des marchés",
    # an adjective between "appel" and what it asks for ("l'appel européen à propositions")
    *(
        f"appel {adjective} à {asked}"
        for adjective in (
            "européen", "national", "international", "régional", "public", "ouvert",
            "spécial", "restreint", "conjoint",
        )
        for asked in ("propositions", "projets", "candidatures", "manifestation d'intérêt")
    ),
    # Spanish
    "convocatoria", "solicitud de propuestas", "solicitud de propuesta",
    "solicitud de cotización", "solicitud de cotizaciones", "licitación",
    "licitación pública", "expresión de interés",
    "manifestación de interés", "llamado a propuestas", "llamado a concurso",
    "llamado a licitación", "términos de referencia", "convocatoria abierta",
    "oportunidad de financiamiento", "oportunidad de financiación",
    "fondo concursable", "postulaciones abiertas", "invitación a presentar propuestas",
    "invitación a licitar", "concurso de proyectos", "concurso de propuestas",
    "concurso público", "concurso de méritos", "concurso de ideas", "postula tu proyecto",
    "reto de innovación", "innovation challenge", "défi d'innovation", "concurso de innovación",
    "abrimos postulaciones", "contratación de consultoría",
    "contratación de un consultor", "selección de consultor", "consultoría", "consultor",
    "consultora individual", "convocatoria de ponencias", "recepción de ponencias",
    "solicitud de expresiones de interés", "invitación a cotizar",
    "aviso general de adquisiciones", "call for experts", "call for exhibitors",
    "appel à experts", "appel à exposants", "convocatoria de expertos",
    "convocatoria de expositores", "llamado a artículos", "llamado a contribuciones",
    "llamado a postulaciones", "llamado a presentar propuestas",
    # a call said by its opening verb ("ENAMI abre postulaciones a su programa")
    "opens applications", "open for applications", "accepting applications",
    "invites applications", "invited to submit", "invited to apply",
    "ouvre les candidatures", "invités à soumettre", "invitées à soumettre",
    "invités à postuler", "invitées à postuler",
    "abre postulaciones", "abre las postulaciones", "abre convocatoria",
    "abren postulaciones", "abren las postulaciones", "abre la convocatoria",
    "se abren las postulaciones", "ouvrent les candidatures",
    # a funding window opened again
    "réouverture du guichet", "réouverture exceptionnelle du guichet", "guichet rouvert",
    "reopens applications", "reopened for applications", "reabre postulaciones",
    "reabre la convocatoria",
    "recibe solicitudes", "recibe postulaciones", "recibe propuestas", "recibe proyectos",
    "recepción de proyectos", "réception des projets", "reçoit les projets",
    "invitados a postular", "invitadas a postular", "invitados a presentar",
    "invitadas a presentar",
    # procurement procedures named after the award they lead to (Peru's public tenders)
    "adjudicación simplificada", "adjudicación directa", "adjudicación de menor cuantía",
)  # fmt: skip

#: Call phrases that decide only in a title, and lose to any strong phrase there.
WEAK_CALL_PHRASES: tuple[str, ...] = (
    "grant", "fellowship", "scholarship", "bourse d'études", "beca", "subvention",
    "subvención", "award", "prize", "premio", "reto", "concurso",
    "concours de presse", "concours de journalisme", "concours de reportage",
    "concours photo", "concours de photographie", "prix de journalisme",
    # blocks or licences offered to bidders in a round
    "bid round", "bidding round", "licensing round",
    "ronda de ofertas", "cycle d'attribution",
)  # fmt: skip

#: Phrases that make an item an event.
EVENT_PHRASES: tuple[str, ...] = (
    # English
    "webinar", "web seminar", "workshop", "conference", "seminar", "symposium",
    "summit", "roundtable", "round table", "masterclass", "training course",
    "training session", "training workshop", "learning session", "information session",
    "info session", "side event", "panel discussion", "online event", "launch event",
    "study tour", "field visit", "hackathon", "bootcamp", "online course", "trade fair",
    "exhibition", "expo", "congress",
    # French
    "états généraux",
    "webinaire", "atelier", "séminaire", "conférence", "colloque", "sommet",
    "table ronde", "session de formation", "formation en ligne", "journée d'étude",
    "journée d'information", "journée d'échanges", "journée d'échange",
    "journée de réflexion", "journée technique", "séance d'information",
    "visioconférence", "forum", "salon international", "salon professionnel", "congrès",
    "semaine des activités minières",
    # Spanish
    "seminario web", "taller", "seminario", "conferencia", "foro", "simposio", "cumbre",
    "mesa redonda", "curso virtual", "curso en línea", "capacitación", "congreso",
    "conversatorio", "diplomado", "evento virtual", "feria", "convención", "convention",
    "mining week", "indaba", "fair", "festival", "visite de terrain", "visite d'échange",
    "voyage d'étude", "journées minières", "gira técnica", "gira de intercambio",
    "report launch", "book launch", "launch of the report", "présentation du rapport",
    "lancement du rapport", "presentación del informe", "lanzamiento del informe",
    "talk", "lecture", "charla", "conférence-débat", "causerie", "panel", "exchange visit",
    "learning exchange", "open day", "journée portes ouvertes", "salon", "expo minera",
    "exposition", "exposición", "foire", "journée scientifique", "journées scientifiques",
    "journée nationale", "cours en ligne", "présentation publique", "visita de campo",
    "visita guiada", "visite guidée", "partner session", "vernissage", "jornada técnica",
    "public lecture", "open session", "semaine minière", "semaine des mines", "semana minera",
    "semana de la minería", "formation des formateurs", "atelier de restitution",
    "séance de restitution", "session d'information", "réunion d'information",
    "information meeting", "sesión informativa", "sesión de información",
    "reunión informativa", "jornada informativa", "taller informativo",
    "caravane de sensibilisation", "caravana de sensibilización", "awareness caravan",
)  # fmt: skip

#: Event phrases that decide only in a title, and lose to any strong phrase there.
WEAK_EVENT_PHRASES: tuple[str, ...] = (
    "event", "meeting", "dialogue", "training", "launch", "événement", "évènement",
    "réunion", "lancement", "evento", "reunión", "diálogo", "lanzamiento", "encuentro",
    "jornada", "rencontre", "caravane", "caravana", "caravan",
)  # fmt: skip

#: Title phrases that make an item news even when it names a call or an event:
#: results, winners, reports and recaps.
NEWS_PHRASES: tuple[str, ...] = (
    # English
    "winner", "awarded", "awardees", "grantees", "results of", "results announced",
    "announces results", "shortlisted", "selected projects", "highlights from",
    "highlights of", "takeaways", "recap", "wrap-up", "report from", "outcomes of",
    "outcome of", "looking back", "was held", "were held", "concluded", "closes with",
    "press release", "press conference", "statement", "interview", "op-ed", "podcast",
    "newsletter", "annual report", "year in review", "review of the year",
    "projects selected", "selected for funding", "recipients of", "grant recipients",
    "announcing the recipients",
    # French
    "lauréat", "projets retenus", "projets sélectionnés", "récipiendaires",
    "bénéficiaires retenus", "bénéficiaires sélectionnés",
    "résultats de", "résultats du", "retour sur", "s'est tenu", "s'est tenue",
    "se sont tenus", "a réuni",
    "bilan", "communiqué", "conférence de presse", "déclaration", "entretien",
    "compte rendu", "rapport annuel",
    # Spanish
    "ganador", "resultados de", "resultados del", "acta de resultados",
    "resultados definitivos",
    "resultados finales", "résultats définitifs", "final results", "projects funded",
    "funded projects", "projets financés", "proyectos financiados", "seleccionados",
    "seleccionadas", "proyectos seleccionados", "beneficiarios seleccionados",
    "organizaciones beneficiadas", "proyectos beneficiados",
    "se presentaron", "propuestas recibidas", "postulaciones recibidas",
    "applications received", "proposals received", "candidatures reçues", "dossiers reçus",
    "finalistes", "finalistas",
    "adjudicado", "adjudicada", "se celebró", "se llevó a cabo", "balance de", "concluyó",
    "clausura", "comunicado", "conferencia de prensa", "rueda de prensa", "declaración",
    "entrevista", "crónica", "informe anual",
    # an event that is over
    "what we learned", "watch the recording", "recording",
    "replay", "in pictures", "ce que nous avons appris", "revivez", "en images",
    "a pris fin", "lo que aprendimos", "revive", "en imágenes", "memorias", "culminó",
    "se clausuró", "clausuró",
    # what was given or won
    "secures", "receives", "wins", "won", "shortlist", "finalists", "synopsis",
    "awards grants", "awards contract", "grants awarded", "contract awarded", "thank you",
    "obtient", "remporte", "reçoit", "décroche", "attribution du marché", "octroie",
    "obtiene", "gana", "recibe", "otorga", "entregó", "adjudicación",
    # a tender's award or the opening of its bids: the call is over
    "notice of award", "award notice", "notice of intent to award", "avis d'attribution",
    "attribution provisoire", "attribution définitive", "intention d'attribution",
    "opens bids", "opened bids", "bid opening", "ouverture des plis", "apertura de sobres",
    "buena pro",
    # a gathering that ended
    "ends with", "ended with", "wrapped up", "s'achève", "s'est achevé",
    "s'est achevée",
    # a rule laid down, or a warning given: what a law asks of all is no call
    "new rules", "new regulations", "nouvelles règles", "nouvelles normes",
    "nuevas reglas", "nuevas normas", "nuevo reglamento", "criminalised", "criminalized",
    "warns", "met en garde", "advierte", "says", "said",
    "nuevo instructivo", "entra en vigencia", "entra en vigor", "entran en vigor",
    "enters into force", "comes into force", "come into force", "takes effect", "take effect",
    "entre en vigueur", "entrent en vigueur", "nouveau règlement",
    "remise du prix", "remise des prix",
)  # fmt: skip

#: A ban or a suspension of mining named in a title: the filings and dates its text
#: gives are what the law asks of all, so an application word and a date there make
#: no call ("Orpaillage : le ministre rappelle la suspension des activités jusqu'au 31
#: octobre"); a call or event phrase in the title still decides.
MINING_BAN_PHRASES: tuple[str, ...] = (
    "suspension des activités", "suspend les activités", "interdiction de l'orpaillage",
    "mining ban", "ban on mining", "suspends mining", "suspension of mining",
    "suspensión de actividades", "suspende las actividades", "suspende actividades",
)  # fmt: skip

#: Phrases that hold a news word but name a call: a procurement procedure named after
#: the award it leads to ("Adjudicación simplificada N° 012-2026", a tender still open);
#: or a meeting to come where results will be presented ("IIGE socializará resultados
#: del proyecto": the results are its subject).
NOT_NEWS_PHRASES: tuple[str, ...] = (
    "adjudicación simplificada", "adjudicación directa", "adjudicación de menor cuantía",
    "recibe solicitudes", "recibe postulaciones", "recibe propuestas", "recibe proyectos",
    "reçoit les projets", "socializará resultados", "socializarán resultados",
    "presentará resultados", "presentarán resultados", "présentera les résultats",
    "présenteront les résultats", "will present results", "will present the results",
)  # fmt: skip

#: Words that let a summary's call phrase decide: the text asks for action.
#: Any deadline phrase is a cue too.
CALL_CUES: tuple[str, ...] = (
    "apply", "submit", "submission", "how to apply", "eligible", "eligibility",
    "interested", "invited to", "invites", "applicants must", "postuler", "candidater",
    "soumettre", "soumission", "éligibles", "éligibilité", "intéressés", "invite",
    "invités à", "postulez", "candidatez", "soumettez", "déposez", "presentar", "postular",
    "postule", "postulen", "presente", "presenten", "elegibles", "requisitos",
    "interesados", "invita", "invitados a",
    # the fields of a funding listing
    "type of assistance", "number of awards", "award ceiling", "award floor",
    "funding opportunity number", "opportunity number", "eligible applicants",
    "montant de la subvention", "montant maximum", "montant maximal", "monto máximo",
    "monto de financiamiento", "monto a financiar",
)  # fmt: skip

#: Words that let a summary's event phrase decide: the text invites.
EVENT_CUES: tuple[str, ...] = (
    "register", "registration", "join us", "will take place", "will be held",
    "takes place", "speakers", "rsvp", "inscription", "inscrivez-vous",
    "aura lieu", "se tiendra", "rejoignez-nous", "intervenants",
    "inscripción", "inscripciones", "inscríbase", "regístrese", "regístrate",
    "tendrá lugar", "se llevará a cabo", "se realizará", "únase", "agenda del evento",
    "will host", "will be hosted", "we are hosting", "is hosting", "are hosting",
    "invites you", "you are invited", "open to the public", "free of charge",
    "se déroulera", "se dérouleront", "accueillera", "vous invite", "ouvert au public",
    "ouverte au public", "se tiendront", "auront lieu", "rendez-vous", "sont conviés",
    "sont invités à participer", "se desarrollará", "se realizarán", "se llevarán a cabo",
    "tendrán lugar", "le invita", "les invita", "los invita", "pueden participar",
    "abierto al público", "entrada libre", "cupos limitados", "places limitées",
    "limited places", "limited seats", "entrée libre", "accès libre", "acceso libre",
    "retransmise en ligne", "retransmis en ligne", "se transmitirá", "register in advance",
    "será en", "will be streamed", "free entry", "admission is free",
    "s'inscrire", "ouvert à tous", "ouverte à tous", "open to all", "abierto a todos",
    "abierta a todos", "liens de connexion", "lien de connexion", "connection link",
    "enlace de conexión",
    # a gathering announced ahead, with those expected at it: "600 participants attendus"
    "participants attendus", "devrait rassembler", "invités à prendre part",
    "confirmation de présence", "is scheduled for", "scheduled to take place",
    "expected to bring together", "está prevista para", "está previsto para",
    "se espera la participación", "se celebrará", "se celebrarán", "will now take place",
    "will now be held", "se tiendra désormais", "aura désormais lieu",
    # a gathering under way when the post is written
    "is being held", "is taking place", "se tient", "se tiennent", "se déroule",
    "se déroulent", "se desarrolla", "se realiza", "se lleva a cabo",
)  # fmt: skip

#: Words that make an item with no kind phrase a call when a deadline follows
#: in the same text: it asks for applications, proposals or offers.
APPLICATION_WORDS: tuple[str, ...] = (
    "apply", "application", "applicant", "proposal", "concept note", "CV", "bid",
    "quotation", "expression of interest", "nomination", "nominate", "postuler",
    "candidature", "candidat", "proposition", "offre", "soumission", "dossier de candidature",
    "postular", "postula", "postulación", "postulante", "postulaciones", "postularse",
    "postúlate", "postulantes", "propuesta", "oferta", "cotización",
    "hoja de vida", "candidatura", "postulen", "postulan", "solicitudes", "solicitar",
    "formulario", "application form", "expressions of interest", "dossiers", "inscrire",
    "s'inscrire", "candidatures", "propositions", "proposals", "applications",
    # the filled-in form one applies with: "Completed forms must reach us by 12 March"
    "completed form", "completed forms", "completed application", "formulaire rempli",
    "formulaires remplis", "formulaire complété", "formulario completo",
    "formulario completado", "formulario diligenciado",
    # what a consultancy on a job board asks for
    "evaluator", "evaluators", "assignment", "évaluateur", "évaluatrice", "evaluador",
    "evaluadora",
    # what a standing fund asks for: "Requests of up to USD 2,500 are considered case by
    # case", "peuvent solliciter une aide d'urgence", "send us a pitch at any time"
    "funding request", "funding requests", "requests of up to", "request for support",
    "requests for support", "pitch", "pitches", "peuvent solliciter", "peut solliciter",
    "demande d'appui", "demandes d'appui", "demande de financement", "demandes de financement",
    "pueden solicitar", "solicitudes de apoyo", "solicitud de apoyo",
)  # fmt: skip

# --- deadlines -----------------------------------------------------------------

#: Phrases after which the date is the deadline ("Deadline: 30 June 2027").
DEADLINE_PHRASES: tuple[str, ...] = (
    # English
    "deadline", "deadline for submission", "submission deadline",
    "application deadline", "due", "due by", "due on", "due date", "applications close",
    "call closes", "closes on", "closing date", "closing on",
    "close on", "close by", "no later than", "not later than", "submit by",
    "submitted by", "submitted no later than", "apply by", "received by",
    "must be received", "open until", "open till", "open through", "accepted until",
    "expires", "expiry date", "register by", "registration closes", "closes",
    "nominations close", "entries close", "closing", "close of",
    "submission date", "submissions close", "applications must be received",
    "latest by", "at the latest", "due no later than", "tenders close", "bids close",
    "offers close", "proposals close", "call closes on", "close", "closing time",
    "last date", "last day",
    # French
    "date limite", "avant le", "au plus tard le", "jusqu'au", "date de clôture", "clôture",
    "clôture des candidatures",
    "délai", "échéance", "d'ici le", "dernier délai", "date de dépôt",
    "date limite de dépôt", "date limite de soumission", "dépôt des dossiers",
    "au plus tard à", "limite de réception", "date de soumission", "date de fin",
    "heure limites", "heure limite", "date et heure limites", "date et heure limite",
    "limite de dépôt", "limite de soumission", "dernier jour", "se clôture",
    "se clôturera", "prend fin", "délai de rigueur", "jusqu'à",
    "à compléter pour le", "à remettre pour le", "à renvoyer pour le", "à retourner pour le",
    "à déposer pour le", "à soumettre pour le", "à envoyer pour le", "à transmettre pour le",
    # Spanish
    "fecha límite", "hasta el", "plazo", "fecha de cierre", "cierre", "cierra el",
    "cierran el", "se cierra", "se cerrará el", "cerrará el", "a más tardar", "antes del",
    "vence", "vencimiento",
    "fecha tope", "fecha máxima", "fecha de vencimiento",
    "recepción de propuestas", "cierre de la convocatoria", "cierre de postulaciones",
    "plazo máximo", "hasta las",
)  # fmt: skip

#: Names of a submission step that are a deadline only as a form field's label, the
#: date right after them ("Presentación de propuestas: 04 de enero de 2027").
DEADLINE_FIELD_PHRASES: tuple[str, ...] = (
    "presentación de propuestas", "presentación de ofertas", "recepción de ofertas",
    "entrega de propuestas", "entrega de ofertas", "envío de propuestas", "dépôt des offres",
    "remise des offres", "soumission des offres", "submission of proposals",
    "submission of bids", "envoi des propositions", "envoi des résumés",
    "remise des propositions", "envío de resúmenes", "recepción de resúmenes",
    "submission of eoi", "submission of eois", "submission of expressions of interest",
    "submission of tenders", "submission of offers", "submission of applications",
    "dépôt des candidatures", "dépôt des manifestations d'intérêt",
    "presentación de cotizaciones", "envío de cotizaciones", "recepción de cotizaciones",
    "presentación de expresiones de interés",
    # a two-stage tender's first envelope: "Le dépôt et l'ouverture des offres
    # techniques sont fixés au 10 décembre"
    "dépôt des offres techniques", "remise des offres techniques",
    "dépôt et l'ouverture des offres", "dépôt et ouverture des offres",
    "dépôt et l'ouverture des offres techniques", "dépôt et ouverture des offres techniques",
    "submission of technical proposals", "submission of technical offers",
    "presentación de ofertas técnicas", "presentación de propuestas técnicas",
    # a tender's sealed envelope: "Entrega del sobre de precalificación | 22/01/2027"
    "entrega del sobre", "entrega de sobres", "presentación de sobres",
    "presentación del sobre", "dépôt des plis", "remise des plis",
    # a tender board's listing: "Post Date: 14th October, 2026 / Submit Date: 5th November"
    "submit date", "submission date", "date de soumission", "fecha de presentación",
)  # fmt: skip

#: Names of the period in which applications are taken: a range of dates right after
#: them gives the day the call opens and its deadline ("Submission window: 1 May 2026 -
#: 30 November 2026", "candidatures du 5 janvier au 20 février 2027", "Registro de
#: participantes: del 01/12/2026 al 15/12/2026").
WINDOW_PHRASES: tuple[str, ...] = (
    "submission window", "application window", "application period", "submission period",
    "call window", "nomination period", "registration of bidders",
    "période de dépôt", "période de candidature", "période de soumission", "candidatures",
    "candidature", "dépôt des candidatures", "dépôt des dossiers", "soumissions",
    "inscriptions", "período de postulación", "periodo de postulación",
    "período de presentación", "periodo de presentación", "postulaciones", "postulación",
    "presentación", "recepción de postulaciones", "recepción de propuestas", "candidaturas",
    "registro de participantes", "inscripciones", "periodo para presentar",
    "período para presentar", "plazo para presentar proyectos", "period to apply",
    "période pour déposer",
    # a closed round's window, told afterwards: "which received applications from 1
    # September to 30 October 2026, is now closed"
    "received applications", "accepted applications", "applications were accepted",
    "applications were received", "recibió postulaciones", "a reçu des candidatures",
)  # fmt: skip

#: Labels of the day a notice was published: a date right after them is never the
#: deadline, even after a deadline word ("Etapas y plazos / Fecha de publicación:
#: 03-11-2025", a timetable's first row "Publicación: 20 de noviembre").
PUBLICATION_PHRASES: tuple[str, ...] = (
    "publication date", "date of publication", "published on", "posted on", "date posted",
    "date de publication", "publié le", "date de parution", "fecha de publicación",
    "publicado el", "fecha de convocatoria", "publication", "parution", "publicación",
)  # fmt: skip

#: Deadline phrases in the past tense: a date after them without a year is the last
#: one before publication ("la convocatoria cerró el 30 de septiembre": a closed call).
DEADLINE_PAST_PHRASES: tuple[str, ...] = (
    "closed on", "was open until", "were accepted until", "clôturé le", "clôturée le",
    "s'est clôturé le", "s'est clôturée le", "était ouvert jusqu'au", "était ouverte jusqu'au",
    "cerró el", "se cerró el", "estuvo abierta hasta", "estuvo abierto hasta",
    "cerraron el", "venció el", "a pris fin le", "ont pris fin le", "s'est achevé le",
    "s'est achevée le", "ended on", "finalizó el", "concluyó el", "terminó el",
    "terminaron el", "se terminó el", "s'est terminé le", "s'est terminée le",
    # a closing time before the day: "finalizó a las 17:00 horas del 27 de enero"
    "finalizó a las", "cerró a las", "venció a las", "se cerró a las", "closed at",
    "s'est clôturé à", "s'est clôturée à",
)  # fmt: skip

#: Phrases that move a deadline: the last date of their sentence beats any other
#: ("deadline extended from 1 May to 30 June" -> 30 June).
DEADLINE_EXTENSION_PHRASES: tuple[str, ...] = (
    "extended", "new deadline", "postponed", "prolongée", "prolongé", "prorogée",
    "prorogé", "reportée", "reporté", "nouvelle date limite", "prorrogado", "prorrogada",
    "prorrogó", "ampliado", "ampliada", "amplió", "nueva fecha límite", "se extiende",
    "se amplía", "amplía", "ampliación del plazo", "prórroga", "extensión del plazo",
    "has been extended", "extension", "prolongation", "prorogation", "report de la date",
    "repoussée", "repoussé", "deadline extension", "now closes", "délai supplémentaire",
    "est rouvert jusqu'au", "est rouverte jusqu'au", "reopened until", "reabierta hasta",
    # a date moved, either way: the new one is the deadline
    "revised", "rescheduled", "modifiée", "reprogrammée", "reprogramada", "reprogramado",
    "modificada", "modificado", "se prorroga", "prorroga", "nueva fecha", "nouvelle date",
    "new date", "new closing date",
)  # fmt: skip

#: Short, common words that mark a deadline only when the date follows at once
#: ("submit a CV by 4 June", "apply until 31 July", "postuler jusqu'à fin mai").
DEADLINE_TIGHT_PHRASES: tuple[str, ...] = (
    "by", "before", "until", "till", "avant", "jusqu'à", "hasta", "antes de",
)  # fmt: skip

#: Deadline phrases that may also follow their date ("the 30 June deadline").
DEADLINE_AFTER_DATE_PHRASES: tuple[str, ...] = (
    "deadline", "date limite", "fecha límite", "au plus tard", "como máximo",
)  # fmt: skip

#: Phrases that look like a deadline phrase but are not ("due diligence").
NOT_DEADLINE_PHRASES: tuple[str, ...] = (
    "due diligence", "due to", "due process", "due course", "due regard", "due account",
    "délai de grâce", "ouverture du dépôt",
)  # fmt: skip

#: Phrases that look like a call or event phrase but are not.
NOT_KIND_PHRASES: tuple[str, ...] = (
    "legal tender", "tender age", "grants licence", "grants licenses", "grants license",
    "grants licences", "grants permits", "grants permit", "grants access", "grants approval",
    "grants concessions", "grants concession", "grants exemption", "grants new",
    "grants a", "grants an", "grants the", "grants its", "grants more", "grants full",
    "to grant", "will grant", "would grant", "grant access", "grant permission",
    "grants what", "grants final", "grants extension", "grants extensions", "grants another",
    # what a funder has given out: "Minerals fund awards scholarships to 52 students"
    "awards scholarships", "awards grants", "awards bursaries", "awards fellowships",
    "awards contracts", "awards prizes", "awards funding", "attribue des bourses",
    "octroie des bourses", "accorde des bourses", "otorga becas", "entrega becas",
    "otorga subvenciones",
    # a licence or permit applied for under a law, not given out competitively
    "licence applications", "license applications", "licensing applications",
    "permit applications", "demandes de licence", "demandes de permis",
    "solicitudes de licencia", "solicitudes de permiso",
    "award-winning", "foire aux questions",
    # fair trade, a fair price: no fair is held
    "fair trade", "fair price", "fair prices", "fair wage", "fair wages", "fair share",
    # a parliament, not a gathering
    "Congreso de la República", "comisión del congreso", "pleno del congreso",
    "US Congress", "U.S. Congress", "congrès américain", "Congrès des États-Unis",
    "vote au Congrès", "Congreso de Estados Unidos", "congress passed", "congress voted",
    "congreso aprobó", "congreso aprueba", "congreso evalúa", "congreso debate",
    # a body convened to sit, not a call: "segunda convocatoria de la mesa técnica"
    "convocatoria de la mesa", "convocatoria a la mesa", "convocatoria de la reunión",
    "convocatoria a la reunión", "convocatoria a reunión", "convocatoria de la asamblea",
    "convocatoria a la asamblea", "convocatoria a asamblea", "convocatoria de la sesión",
    "convocatoria a la sesión", "convocatoria del consejo", "convocatoria de la comisión",
)  # fmt: skip

#: Phrases that hold an application word but apply for a licence or a permit under a
#: law, or for relief from a fee or a tax, given to all who qualify, not competitively
#: ("dealers to re-apply for licences under the new regime", "solicitar la licencia de
#: comercialización", "solicitar la reducción del derecho de vigencia").
NOT_APPLICATION_PHRASES: tuple[str, ...] = (
    "apply for licences", "apply for licenses", "apply for a licence", "apply for a license",
    "apply for permits", "apply for a permit", "re-apply", "reapply", "licence applications",
    "license applications", "permit applications", "licensing applications",
    "demander une licence", "demande de licence", "demandes de licence", "demande de permis",
    "demandes de permis", "solicitar la licencia", "solicitar licencias",
    # a rule that applies, not an application: "The mining laws apply throughout"
    "laws apply", "law applies", "regulations apply",
    "applying for permits", "applying for licences", "applying for licenses",
    "applying for a licence", "applying for a license", "applying for a permit",
    "solicitar el permiso", "solicitar permisos", "solicitudes de licencia",
    "solicitudes de permiso",
    # a relief from a fee or a tax, given to all who qualify
    "apply for a reduction", "apply for an exemption", "apply for tax", "apply for a refund",
    "demander la réduction", "demander une réduction", "demander l'exonération",
    "demander une exonération", "demander le remboursement", "solicitar la reducción",
    "solicitar una reducción", "solicitar la exoneración", "solicitar la devolución",
    "solicitar el reintegro",
)  # fmt: skip

#: An event's deadline counts only in a sentence about registration.
REGISTRATION_WORDS: tuple[str, ...] = (
    "register", "registration", "registrations", "rsvp", "inscription", "inscriptions",
    "inscrire", "inscripción", "inscripciones", "inscribirse", "registro", "billetterie",
)  # fmt: skip

# --- topics --------------------------------------------------------------------

#: Topic tags and the phrases (EN/FR/ES) that set them, in the order tags are listed.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cobalt", ("cobalt", "cobalto", "heterogenite")),
    ("gold", ("gold", "l'or", "d'or", "filière or", "aurifère", "aurifères", "orpaillage",
              "orpailleurs", "orpailleur", "oro", "aurífera", "aurífero", "auríferas",
              "ASGM", "bullion")),
    ("3tg", ("3TG", "3T", "tin", "tantalum", "tungsten", "coltan", "cassiterite",
             "cassitérite", "wolframite", "étain", "tantale", "tungstène", "estaño",
             "tantalio", "tungsteno", "wolframio", "casiterita", "columbite-tantalite",
             "conflict minerals", "minerais de conflit", "minerales de conflicto")),
    ("asm", ("artisanal and small-scale mining", "artisanal and small scale mining",
             "artisanal mining", "small-scale mining", "artisanal miners",
             "artisanal gold mining", "small-scale gold mining", "small-scale gold",
             "small-scale miners", "small-scale mines", "small-scale producers",
             "ASM", "ASGM", "artisanal", "orpaillage", "orpailleurs", "orpailleur",
             "exploitation minière artisanale", "mines artisanales", "minière artisanale",
             "mineurs artisanaux", "artisanat minier", "exploitation artisanale", "EMAPE",
             "minería artesanal", "pequeña minería",
             "minería a pequeña escala", "mineros artesanales", "minería de pequeña escala",
             "MAPE", "barequeros", "barequeo", "galamsey", "creuseur")),
    ("formalization", ("formalization", "formalisation", "formalize", "formalise",
                       "formaliser", "formalización", "formalizar", "formalizados",
                       "legalization", "légalisation", "legalización", "licensing of miners",
                       "permis d'exploitation artisanale", "zones d'exploitation artisanale",
                       "ZEA", "REINFO", "REINFOs")),
    ("mercury", ("mercury", "mercure", "mercurio", "Minamata", "mercury-free",
                 "sans mercure", "libre de mercurio", "amalgamation", "amalgame",
                 "amalgamación")),
    ("due-diligence", ("due diligence", "devoir de vigilance", "diligence raisonnable",
                       "debida diligencia", "OECD Guidance", "OECD Due Diligence Guidance",
                       "guide OCDE", "guide de l'OCDE", "guía de la OCDE",
                       "responsible sourcing", "approvisionnement responsable",
                       "abastecimiento responsable", "Dodd-Frank",
                       "EU Conflict Minerals Regulation", "responsible mineral",
                       "responsible supply chains", "minerais responsables",
                       "minerales responsables", "RMI", "RMAP", "CSDDD")),
    ("great-lakes", ("Great Lakes Region", "Great Lakes", "ICGLR", "CIRGL", "Grands Lacs",
                     "Grandes Lagos", "DRC", "RDC", "DR Congo", "RD Congo", "Congo",
                     "Kivu", "North Kivu", "South Kivu", "Nord-Kivu", "Sud-Kivu", "Ituri",
                     "Katanga", "Lualaba", "Haut-Katanga", "Maniema", "Rwanda", "Burundi",
                     "Uganda", "Ouganda", "Kinshasa", "Lubumbashi", "Kolwezi", "Goma",
                     "Bukavu")),
    ("battery-minerals", ("lithium", "litio", "graphite", "grafito", "nickel", "níquel",
                          "manganese", "manganèse", "manganeso", "battery minerals",
                          "battery metals", "minerais de batterie", "minerales para baterías",
                          "critical minerals", "minerais critiques", "minerales críticos",
                          "transition minerals", "minerais de transition",
                          "minerales de transición", "energy transition minerals")),
    ("cahra", ("CAHRA", "CAHRAs", "conflict-affected and high-risk areas",
               "conflict-affected and high-risk area", "conflict affected and high risk",
               "zones de conflit ou à haut risque", "zones de conflit et à haut risque",
               "zonas de conflicto o de alto riesgo", "zonas de conflicto y alto riesgo",
               "high-risk areas", "zones à haut risque", "zonas de alto riesgo")),
    ("traceability", ("traceability", "traçabilité", "trazabilidad", "chain of custody",
                      "chaîne de possession", "cadena de custodia", "iTSCi", "tagging",
                      "certification", "certificación", "Fairmined", "Fairtrade gold",
                      "CRAFT code", "Better Mining", "blockchain", "provenance")),
    ("child-labour", ("child labour", "child labor", "travail des enfants",
                      "trabajo infantil", "worst forms of child labour")),
    ("gender", ("women in mining", "women miners", "gender", "femmes dans les mines",
                "femmes minières", "égalité de genre", "égalité des genres",
                "égalité des sexes", "mujeres mineras", "mujeres en la minería",
                "género")),
)  # fmt: skip

# --- what kind after all ------------------------------------------------------

#: Call phrases that ask people to take part in a gathering: a call when the
#: participants are selected, an event when anyone may register (see
#: `SELECTION_WORDS` and `OPEN_TO_ALL_PHRASES`).
PARTICIPATION_CALL_PHRASES: tuple[str, ...] = (
    "call for participants", "call for participation", "appel à participation",
    "appel à participants", "convocatoria de participantes", "convocatoria a participar",
)  # fmt: skip

#: Words that say participants apply and are chosen among applicants.
SELECTION_WORDS: tuple[str, ...] = (
    "selection", "selected", "select", "shortlisted", "motivation letter", "sélection",
    "sélectionnés", "sélectionnées", "retenus", "retenues", "lettre de motivation",
    "selección", "seleccionados", "seleccionadas", "carta de motivación", "CV",
    "hoja de vida", "seleccionarán", "seleccionará", "will be selected", "sélectionnera",
    "seront sélectionnés", "apply", "postuler", "postular", "postulación", "postulaciones",
)  # fmt: skip

#: Words that say anyone may come (they beat a selection word: "there is no selection").
OPEN_TO_ALL_PHRASES: tuple[str, ...] = (
    "no selection", "open to everyone", "open to all", "anyone interested",
    "sans sélection", "ouvert à tous", "ouverte à tous", "sin selección",
    "abierto a todos", "abierta a todos", "abierto a todo público",
)  # fmt: skip

#: Call phrases that ask for submissions to a gathering: in a title they beat an
#: event phrase wherever it stands ("Mining Conference 2027: call for abstracts").
SUBMISSION_CALL_PHRASES: tuple[str, ...] = (
    "call for papers", "call for abstracts", "request for abstracts", "CfP",
    "call for submissions", "call for contributions", "call for speakers",
    "call for presentations", "call for posters", "call for panels", "call for sessions",
    "call for chapters", "call for exhibitors", "call for participants", "call for experts",
    "appel à experts", "appel à exposants", "convocatoria de expertos",
    "convocatoria de expositores",
    "call for applications", "call for nominations",
    "appel à communications", "appel à contributions", "appel à résumés", "appel à articles",
    "appel à intervenants", "appel à candidatures", "appel à participation",
    "convocatoria de ponencias", "convocatoria de resúmenes", "convocatoria de artículos",
    "llamado a ponencias", "recepción de ponencias", "recepción de resúmenes",
    "convocatoria de trabajos", "llamado a artículos", "llamado a contribuciones",
    "call for session proposals", "call for panel proposals", "call for workshop proposals",
    "submit a poster", "submit an abstract", "submit your abstract", "submit your paper",
    "soumettre un résumé", "soumettre une communication", "enviar ponencias",
)  # fmt: skip

#: What a call for papers asks for: a gathering's post that asks for these by a
#: date is a call ("Abstracts due 15 April", "los resúmenes se reciben hasta el…").
CONTRIBUTION_WORDS: tuple[str, ...] = (
    "abstract", "abstracts", "extended abstract", "full paper", "papers", "poster",
    "posters", "panel proposal", "panel proposals", "session proposal", "session proposals",
    "résumé", "résumés", "communication", "communications", "comunicaciones",
    "proposition de communication",
    "propositions de communication", "appel à sessions", "ponencia", "ponencias", "resumen",
    "resúmenes", "resumen extendido", "propuestas de paneles", "propuestas de ponencias",
    "póster", "pósters", "submit proposals", "submit a proposal", "soumettre des propositions",
    "soumettre une proposition", "presentar propuestas", "enviar propuestas",
)  # fmt: skip

#: Phrases holding a contribution word that name no paper: a communications team.
NOT_CONTRIBUTION_PHRASES: tuple[str, ...] = (
    "chargé de communication", "chargée de communication", "chargés de communication",
    "chargées de communication", "service de communication", "services de communication",
    "direction de la communication", "responsable de la communication",
    "responsable de communication", "plan de communication", "stratégie de communication",
    "moyens de communication", "canaux de communication", "agence de communication",
    "communication officer", "communications officer", "communications team",
)  # fmt: skip

#: Words naming a hired consultant or firm: a defined assignment is a call, even
#: on a job board ("Consultancy: baseline study", "Recrutement d'un consultant").
CONSULTANCY_PHRASES: tuple[str, ...] = (
    "consultant", "consultancy", "consultants", "consulting firm", "consulting services",
    "individual consultant", "international consultant", "national consultant",
    "terms of reference", "ToR", "service provider", "consultant individuel",
    "consultant international", "consultant national", "cabinet", "bureau d'études",
    "termes de référence", "TdR", "prestataire", "consultance", "consultor", "consultora",
    "consultoría", "consultores", "términos de referencia", "TdR",
    "firma consultora", "proveedor de servicios", "evaluator", "external evaluator",
    "assignment", "évaluateur", "évaluatrice", "evaluador", "evaluadora",
    "individual contract", "contrat individuel", "contrato individual", "working days",
    "jours de travail", "días de trabajo",
)  # fmt: skip

#: Words of a staff job (a salaried post): news, not a call, unless a
#: consultancy or tender word is there too ("Programme Officer – Kinshasa").
VACANCY_PHRASES: tuple[str, ...] = (
    "vacancy", "vacancies", "job opening", "job offer", "we are hiring", "is hiring",
    "now hiring", "join our team", "programme officer", "program officer", "project officer",
    "field officer", "country director", "programme manager", "program manager",
    "project manager", "project coordinator", "programme coordinator", "program coordinator",
    "internship", "intern", "finance officer", "communications officer", "associate",
    "offre d'emploi", "offres d'emploi", "poste de", "chargé de programme",
    "chargée de programme", "chargé de projet", "chargée de projet", "chargé de suivi",
    "chargée de suivi", "chargé de communication", "chargée de communication",
    "coordonnateur", "coordonnatrice", "coordinateur", "coordinatrice", "stagiaire", "stage",
    "assistant administratif", "assistante administrative", "comptable",
    "responsable administratif", "responsable financier", "nous recrutons",
    "oferta laboral", "oferta de empleo", "ofertas de empleo", "vacante", "se busca",
    "buscamos", "únete a nuestro equipo", "pasantía", "pasante", "practicante",
    "coordinador de proyecto", "coordinadora de proyecto", "coordinador", "coordinadora",
    "oficial de programa", "oficial de proyecto", "asistente administrativo",
    "prácticas profesionales", "offre de stage", "stage professionnel",
    "asistente administrativa", "contador", "contadora", "CAS",
    "contratación administrativa de servicios", "directeur de projet", "directrice de projet",
    "responsable de programme", "type de contrat", "contrat à durée déterminée",
    "durée déterminée", "durée indéterminée", "CDD", "CDI", "fixed-term contract",
    "is recruiting", "are recruiting",
    # a post named in the inclusive forms of French job adverts, or hired for
    "recrute un", "recrute une",
    "titre du poste", "intitulé du poste", "job title",
    # public-sector posts filled by a competition of merits
    "plazas de especialista", "plaza de especialista", "plazas de técnico",
    "plaza de técnico", "plazas de profesional", "plazas vacantes", "plaza vacante",
    "cubrir plazas", "cubrir las plazas", "concurso público de méritos", "empleo público",
    # the terms of an employment, in a job advert's fields (not a staff-job word in a
    # title, where a fellowship may be "full-time")
    "job type", "salary", "full time", "full-time", "part-time",
    "salaire", "temps plein", "temps partiel", "tipo de empleo", "salario", "sueldo",
    "tiempo completo", "jornada completa", "medio tiempo",
)  # fmt: skip

#: Groups a call may seek as applicants, pilot sites or partners: in a title, they make
#: "buscamos", "pasantía" or "internship" ask for groups, not staff ("Buscamos
#: organizaciones mineras para la fase piloto").
GROUP_WORDS: tuple[str, ...] = (
    "organisations", "organizations", "cooperatives", "communities", "associations",
    "municipalities", "companies", "partners", "pilot sites", "community leaders",
    "organisations de la société civile", "coopératives", "communautés", "groupements",
    "entreprises", "partenaires", "sites pilotes", "leaders communautaires",
    "organizaciones", "cooperativas", "comunidades", "asociaciones", "municipios",
    "empresas", "socios", "sitios piloto", "sitio piloto", "líderes comunales",
    "lideresas", "dirigentes comunales",
)  # fmt: skip

#: A notice that says it asks for nothing: never a call.
NOT_A_CALL_PHRASES: tuple[str, ...] = (
    "not a request for applications", "not a request for proposals",
    "not a request for funding applications", "not a request for funding",
    "not a call for proposals", "not a solicitation", "not a funding opportunity",
    "not accepting applications", "not accepting proposals", "not currently accepting",
    "no proposals are being accepted", "no applications are being accepted",
    "unsolicited proposals are not accepted", "does not accept unsolicited",
    "ceci n'est pas un appel", "n'est pas un appel", "ne constitue pas un appel",
    "ne constitue pas une sollicitation", "aucune candidature ne sera acceptée",
    "aucune proposition ne sera acceptée", "ne sont pas acceptées",
    "no constituye una convocatoria", "no es una convocatoria", "no constituye un llamado",
    "no constituye una solicitud", "no se aceptan propuestas", "no se reciben propuestas",
    "no se aceptan postulaciones",
)  # fmt: skip

#: A gathering called off, in a title ("Mining Suppliers Expo cancelled for 2026",
#: *Forum minier de Kindu annulé*): it will not take place, so the post is news.
EVENT_CANCELLED_PHRASES: tuple[str, ...] = (
    "cancelled", "canceled", "called off", "cancellation of", "annulé", "annulée",
    "annulation du", "annulation de la", "cancelado", "cancelada", "se cancela",
    "cancelación del", "cancelación de la",
)  # fmt: skip

#: The past tense of a gathering: with no date still to come, an event post is a recap.
EVENT_PAST_PHRASES: tuple[str, ...] = (
    "took place", "was held", "were held", "was organised", "was organized",
    "brought together", "gathered", "participants discussed", "closed with",
    "s'est tenu", "s'est tenue", "se sont tenus", "s'est déroulé", "s'est déroulée",
    "a eu lieu", "ont eu lieu", "a réuni", "ont pris part", "a rassemblé",
    "se llevó a cabo", "se realizó", "se celebró", "tuvo lugar", "reunió", "congregó",
    "participaron",
    "was attended", "were attended", "concluded", "came to a close", "wrapped up",
    "took part", "spoke at", "spoke on", "what we learned", "learnings from", "lessons from",
    "key takeaways", "ont réuni", "a clôturé", "ont clôturé", "a pris fin", "ont pris fin",
    "rideaux sont tombés", "au terme des", "tenues du", "tenu du", "tenue du",
    "s'est clôturé", "s'est clôturée", "se sont clôturés", "a été organisé",
    "a été organisée", "ont participé", "celebrado", "celebrada", "realizado del",
    "realizada del", "se desarrolló", "concluyó", "culminó", "clausuró", "se clausuró",
    "asistieron", "lo que dejó", "avait été organisé", "avait été organisée",
    "s'était tenu", "s'était tenue", "avait réuni", "had been held",
)  # fmt: skip

#: A gathering's opening told of in the past tense ("officially opened the ninth Mining
#: Week", "l'atelier s'est ouvert ce mardi", "inauguró"): the past tense of a gathering
#: too, and a post that tells it on the day the gathering began, or after, reports the
#: opening (news), even when the gathering goes on for days.
EVENT_OPENED_PHRASES: tuple[str, ...] = (
    "officially opened", "formally opened", "today opened", "opened today",
    "was officially opened", "was opened", "declared open",
    "a officiellement ouvert", "a ouvert officiellement", "a procédé à l'ouverture",
    "ont procédé à l'ouverture", "a présidé l'ouverture", "a présidé la cérémonie d'ouverture",
    "s'est ouvert", "s'est ouverte", "se sont ouverts", "se sont ouvertes",
    "a débuté", "ont débuté", "a démarré", "ont démarré", "kicked off", "got under way",
    "comenzó", "comenzaron", "arrancó", "arrancaron",
    "a été officiellement ouvert", "a été officiellement ouverte", "a inauguré",
    "ont inauguré",
    "inauguró", "inauguraron", "declaró inaugurado", "declaró inaugurada", "se inauguró",
    "fue inaugurado", "fue inaugurada", "quedó inaugurado", "quedó inaugurada",
    "dio inicio", "dieron inicio", "se dio inicio", "presidió la inauguración",
    "inició hoy", "iniciaron hoy", "se inició hoy", "comenzó hoy", "began today",
    "a débuté aujourd'hui",
    "opened yesterday", "opened its doors", "opened their doors", "a ouvert ses portes",
    "ont ouvert leurs portes", "abrió sus puertas", "abrieron sus puertas",
)  # fmt: skip

#: Words naming an earlier round or edition: a date in their sentence is history, never
#: the deadline of the call nor the date of the event ("the previous call closed on
#: 15 May", "l'édition précédente, du 4 au 6 mars", "la convocatoria anterior").
FORMER_ROUND_PHRASES: tuple[str, ...] = (
    "previous call", "previous round", "last round", "earlier round", "last year's call",
    "last year's edition", "previous edition", "last edition", "past edition",
    "précédent appel", "appel précédent", "édition précédente", "précédente édition",
    "dernière édition", "convocatoria anterior",
    "anterior convocatoria", "edición anterior", "anterior edición", "versión anterior",
    "última edición", "premier avis", "avis précédent", "précédent avis", "first notice",
    "previous notice", "earlier notice", "primer aviso", "aviso anterior",
)  # fmt: skip

#: Phrases naming a deadline an extension replaced: a date in their sentence is not
#: the deadline unless an extension phrase gives it ("El cierre original estaba fijado
#: para el 16 de diciembre", "the original deadline of 1 May has been extended to…").
FORMER_DEADLINE_PHRASES: tuple[str, ...] = (
    "original deadline", "initial deadline", "original closing date", "earlier deadline",
    "date limite initiale", "date initiale", "date de clôture initiale", "délai initial",
    "cierre original", "cierre inicial", "plazo original", "plazo inicial",
    "fecha original", "fecha inicial", "fecha límite original", "fecha límite inicial",
)  # fmt: skip

# --- status --------------------------------------------------------------------

#: A call that says it is closed.
CLOSED_PHRASES: tuple[str, ...] = (
    "now closed", "is closed", "has closed", "has now closed", "are closed", "call closed",
    "applications closed", "submissions closed", "no longer accepting",
    "no longer accepted", "no longer being accepted", "no longer open", "closed for applications",
    "closed to new applications", "est clos", "est close", "désormais clos", "désormais close",
    "est clôturé", "est clôturée",
    "sont closes", "sont clôturées", "appel clôturé", "ne sont plus acceptées",
    "n'est plus ouvert", "n'est plus ouverte", "convocatoria cerrada", "está cerrada",
    "se encuentra cerrada", "ha cerrado", "ha finalizado", "ya no se reciben",
    "ya no se aceptan", "convocatoria finalizada", "proceso cerrado", "has expired",
    "expired", "a expiré", "offre expirée", "ha expirado", "ha vencido",
    "ya cerró", "ya se cerró", "ya concluyó", "ya finalizó", "ha concluido", "has ended",
    "est terminé", "est terminée", "candidatures closes", "appel clos", "inscriptions closes",
    "est fermé", "est fermée", "désormais fermé", "désormais fermée", "désormais fermées",
    "sont fermées", "postulaciones cerradas", "convocatoria cerró", "is now closed",
    "temporarily closed", "closed for application", "cannot apply at the moment",
    "deadline has passed", "has now passed", "temporairement fermé", "temporairement fermée",
    "fermé aux candidatures", "fermée aux candidatures", "date limite est dépassée",
    "temporalmente cerrada", "cerrada temporalmente", "el plazo venció",
    "you cannot apply", "vous ne pouvez pas postuler", "vous ne pouvez pas candidater",
    "no es posible postular", "no se puede postular", "officially closed",
    # a window suspended: "stopped receiving applications with effect from Monday"
    "stopped receiving applications", "no new applications will be accepted",
    "suspend la réception", "suspendu la réception", "suspende la recepción",
    "suspendió la recepción", "suspendida la recepción",
)  # fmt: skip

#: A tender declared void, in a title: no offer was kept, no one won, the call is closed
#: ("Concurso CTR-012-2026 – declarado desierto", "Avis d'appel d'offres déclaré
#: infructueux"). In a text they may tell of an earlier attempt ("segunda convocatoria
#: tras declararse desierto el primer proceso"): only the title counts.
VOID_PHRASES: tuple[str, ...] = (
    "declared void", "declared unsuccessful", "declared null and void", "declared failed",
    "infructueux", "infructueuse", "déclaré infructueux", "déclarée infructueuse",
    "déclaré sans suite", "déclarée sans suite", "declarado desierto", "declarada desierta",
    "declarados desiertos", "declaradas desiertas", "se declaró desierto",
    "se declaró desierta", "declarado fallido", "declarada fallida", "infructuosité",
    # a tender withdrawn: "Tender cancellation notice", "Avis d'annulation de l'appel
    # d'offres", "Comunicado: cancelación del Concurso Público N° 007-2026"
    "tender cancellation", "cancellation of tender", "cancellation of the tender",
    "tender cancelled", "tender canceled", "annulation de l'appel d'offres",
    "appel d'offres annulé", "avis d'annulation", "cancelación del concurso",
    "cancelación de la licitación", "cancelación del proceso", "concurso cancelado",
    "licitación cancelada", "proceso cancelado",
)  # fmt: skip

#: A text saying that the tender it is about is void now, in the present or present
#: perfect ("la Licitación Pública N° 02/2026 … ha sido declarada desierta", "l'appel
#: d'offres n°2026-07 … est déclaré infructueux"): a closed call, though a new notice
#: "will be published". A past tense may tell of an earlier attempt, so it is not here.
VOID_STATEMENT_PHRASES: tuple[str, ...] = (
    "has been declared void", "has been declared unsuccessful", "is declared void",
    "is hereby declared void", "has been declared null and void", "is declared unsuccessful",
    "est déclaré infructueux", "est déclarée infructueuse", "a été déclaré infructueux",
    "a été déclarée infructueuse", "est déclaré sans suite", "est déclarée sans suite",
    "a été déclaré sans suite", "a été déclarée sans suite", "sont déclarés infructueux",
    "ha sido declarada desierta", "ha sido declarado desierto", "han sido declarados desiertos",
    "han sido declaradas desiertas", "ha sido declarada fallida", "ha sido declarado fallido",
    "queda declarada desierta", "queda declarado desierto", "se declara desierta",
    "se declara desierto",
    # withdrawn: "the Board gives notice that it has cancelled the tender named above"
    "cancelled the tender", "canceled the tender", "tender has been cancelled",
    "tender has been canceled", "tender is cancelled", "tender is canceled",
    "a annulé l'appel d'offres", "annule l'appel d'offres", "appel d'offres est annulé",
    "appel d'offres a été annulé", "canceló la licitación", "ha cancelado la licitación",
    "cancela la licitación", "licitación ha sido cancelada", "cancela el concurso",
    "canceló el concurso",
)  # fmt: skip

#: A call announced but not open yet.
FORTHCOMING_PHRASES: tuple[str, ...] = (
    "forthcoming", "will be launched", "will open",
    "to be launched", "anticipated for publication", "expected to open",
    "expected to be launched", "expected to be published", "coming soon", "save the date",
    "upcoming call", "pre-announcement", "pre-announce",
    "à paraître", "sera lancé", "sera lancée", "seront lancés", "sera publié",
    "sera publiée", "prochainement", "s'ouvrira", "sera ouvert", "sera ouverte",
    "ouvrira", "sera bientôt", "bientôt", "à venir", "pré-annonce", "préavis",
    "próximamente", "se lanzará", "se abrirá", "será lanzada", "será lanzado",
    "será publicada", "se publicará", "abrirá", "pronto", "por lanzarse", "preaviso",
    "expected to launch", "upcoming launch", "will be published shortly",
    "to be published shortly", "draft request for proposals", "draft RFP", "draft RfP",
    "draft call for proposals", "seront publiés", "seront publiées", "lanzará",
    "lanzarán", "se lanzarán", "se abrirán", "abrirán", "hará un llamado",
    "hará una convocatoria", "realizará un llamado", "se publicarán", "convocará",
    "convocarán", "aviso previo", "not yet open", "pas encore ouvert", "pas encore ouverte",
    "aún no está abierta", "todavía no está abierta", "will be released", "not open yet",
    "aún no abre", "todavía no abre", "round is due to go live", "call is due to go live",
    "applications will next open",
    "round will go live", "call will go live",
)  # fmt: skip

#: A call's papers whose future tense is not the call's: "the schedule will be published
#: with the final tender documents" is said of an open tender, not a forthcoming one.
SCHEDULE_WORDS: tuple[str, ...] = (
    "schedule", "timetable", "calendrier", "cronograma", "calendario", "pliego definitivo",
    "pliego de condiciones definitivo",
)  # fmt: skip

#: Calls with no fixed deadline.
ROLLING_PHRASES: tuple[str, ...] = (
    "rolling basis", "rolling", "open until filled", "until filled", "no deadline",
    "ongoing basis", "accepted at any time", "at any time", "open continuously",
    "year-round", "all year", "au fil de l'eau", "en continu", "sans date limite",
    "toute l'année", "permanent", "permanente", "ventanilla abierta",
    "convocatoria permanente", "abierta permanentemente", "sin fecha límite",
    "en cualquier momento", "todo el año",
    "continuous basis", "open until further notice", "open to submissions until further notice",
    "ouvert jusqu'à nouvel ordre", "abierta hasta nuevo aviso", "case by case", "no fixed deadline",
    "as they are received", "first come, first served", "en permanence", "à tout moment",
    "au fur et à mesure de leur réception", "ordre d'arrivée", "aucune date limite",
    "pas de date limite", "por orden de llegada", "a medida que se reciban", "caso por caso",
    "a medida que llegan", "a medida que lleguen", "as they arrive",
)  # fmt: skip

#: Phrases that hold a rolling word but say nothing of a call's window.
NOT_ROLLING_PHRASES: tuple[str, ...] = (
    "permanent secretary", "permanent representative", "permanent mission",
    "secrétaire permanent", "secrétariat permanent", "comité permanent",
    "représentant permanent", "mission permanente", "secretario permanente",
    "secretaría permanente", "comisión permanente", "consejo permanente", "rolling out",
    "rolling stock",
)  # fmt: skip

#: Phrases after which a date is the day a call opens.
OPENS_PHRASES: tuple[str, ...] = (
    "opens on", "will open on", "opening date", "open from", "opens", "will open",
    "launch date", "available from", "launched on", "s'ouvrira le", "ouverture des candidatures",
    "ouverture de l'appel", "à partir du", "ouvert à partir du", "ouvrira le", "se abrirá el",
    "apertura de la convocatoria", "apertura de postulaciones", "a partir del", "abrirá el",
    "se abrirán el", "abrirán el", "se abren el", "s'ouvriront le",
    "will be launched on", "will be released on", "sera lancé le", "sera lancée le",
    "se lanzará el", "fecha prevista de convocatoria", "fecha prevista de apertura",
    "date prévue de lancement", "date prévue d'ouverture", "expected launch date",
    "accepted from", "go live on", "goes live on", "ouverture du dépôt",
    # the call's first day said by its verb
    "convocatoria inicia el", "convocatoria se inicia el", "convocatoria comienza el",
    "postulaciones inician el", "inscripciones inician el", "lancement de l'appel",
    "date de lancement",
)  # fmt: skip

#: Words that say which milestone a date is, read in its sentence before it.
MILESTONE_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("concept-note", ("concept note", "concept notes", "expression of interest", "EOI",
                      "letter of intent", "letters of intent", "pre-proposal", "quick scan",
                      "first stage", "stage 1", "step 1", "short application",
                      "note conceptuelle", "notes conceptuelles", "manifestation d'intérêt",
                      "manifestations d'intérêt", "lettre d'intention", "première phase",
                      "première étape", "nota conceptual", "notas conceptuales",
                      "carta de intención", "primera etapa", "primera fase",
                      "perfil de proyecto", "perfiles de proyecto")),
    ("full-proposal", ("full proposal", "full proposals", "full application",
                       "full applications", "second stage", "stage 2", "step 2",
                       "proposition complète", "propositions complètes", "dossier complet",
                       "dossiers complets", "deuxième phase", "deuxième étape",
                       "propuesta completa", "propuestas completas", "segunda etapa",
                       "segunda fase", "proyecto completo")),
    ("information-session", ("information session", "info session", "information webinar",
                             "webinar", "briefing", "séance d'information",
                             "session d'information", "webinaire", "réunion d'information",
                             "sesión informativa", "taller informativo", "reunión informativa",
                             "seminario web")),
    ("questions", ("questions", "question", "clarification", "clarifications", "queries",
                   "enquiries", "éclaircissements", "éclaircissement", "demandes de précision",
                   "demandes de clarification", "preguntas", "consultas", "aclaraciones",
                   "dudas", "observaciones")),
    ("results", ("results", "notification", "notified", "announcement of", "selected applicants",
                 "successful applicants", "résultats", "notification des", "publication des",
                 "resultados", "publicación de resultados", "notificación")),
    ("start", ("start date", "starting date", "expected to start", "will start", "begin",
               "commencement", "project start", "date de début", "démarrage", "début des",
               "fecha de inicio", "inicio del proyecto", "inicio de", "comienzo",
               # the project's duration and funding, to its end: no deadline either
               "projects must be completed", "project must be completed",
               "activities must be completed", "projects must be implemented",
               "funds must be spent", "be disbursed", "entièrement financés", "être financés",
               "être exécutés", "être achevés", "être réalisés", "être mis en œuvre",
               "seront décaissés", "deberán ejecutarse", "deben ejecutarse",
               "ejecutarse hasta", "se entregarán", "serán desembolsados")),
    ("registration", ("register", "registration", "registrations", "inscription",
                      "inscriptions", "inscripción", "inscripciones", "registro", "RSVP")),
    # a step of a tender with no name of its own among the key dates: a visit of the site
    # or a meeting before the bids ("Site visits can be arranged until 6 August")
    ("other", ("site visit", "site visits", "visit to the site", "visit of the site",
               "pre-bid meeting", "pre-bid conference", "pre-proposal conference",
               "visite de site", "visite des sites", "visite du site", "visite des lieux",
               "réunion préparatoire", "visita de campo", "visita técnica", "visitas técnicas",
               "visita al sitio", "visita a terreno", "visita de obra", "visita a la zona")),
)  # fmt: skip

#: An event followed from a screen.
ONLINE_PHRASES: tuple[str, ...] = (
    "online", "virtual", "virtually", "webinar", "web seminar", "zoom", "microsoft teams",
    "livestream", "live stream", "livestreamed", "en ligne", "virtuel", "virtuelle",
    "webinaire", "visioconférence", "à distance", "en línea", "seminario web",
    "vía zoom", "modalidad virtual", "transmisión en vivo",
)  # fmt: skip

#: An event one goes to.
ONSITE_PHRASES: tuple[str, ...] = (
    "venue", "hotel", "in person", "in-person", "on site", "on-site", "conference centre",
    "conference center", "auditorium", "en présentiel", "présentiel", "hôtel", "salle",
    "centre de conférences", "presencial", "modalidad presencial", "auditorio", "hotel",
    "centro de convenciones", "sede",
)  # fmt: skip

#: An event both in a place and online.
HYBRID_PHRASES: tuple[str, ...] = ("hybrid", "hybride", "híbrido", "híbrida", "mixte")

#: Languages told apart when a source and its feed do not say.
LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
