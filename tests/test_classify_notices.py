"""Calls that name no call (closed, rolling, forthcoming notices; a consultancy on a job
board), the future tense of a later step, award notices, staff posts, and words that
only look like an event's: tables of cases, rules alone."""

from __future__ import annotations

from datetime import date

import pytest

from tests.labelled import classify_post as run

DAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("title", "summary", "language", "kind", "status"),
    [
        # a notice that applications are closed is a closed call, with or without a call word
        (
            "Responsible sourcing subsidy",
            "<p><strong>Temporarily closed for applications.</strong> Watch this page for "
            "the next round.</p>",
            "en",
            "call",
            "closed",
        ),
        (
            "Fonds pour les sites miniers artisanaux",
            "<p>Temporairement fermé aux candidatures. La prochaine période de dépôt sera "
            "annoncée ici.</p>",
            "fr",
            "call",
            "closed",
        ),
        (
            "Concurso de fortalecimiento para la pequeña minería",
            "<p>Postulaciones cerradas. Gracias a todas las organizaciones que participaron.</p>",
            "es",
            "call",
            "closed",
        ),
        (  # a closed registration is not a closed call
            "Journée des mines artisanales",
            "<p>Les inscriptions sont closes. Merci à tous.</p>",
            "fr",
            "news",
            None,
        ),
        (  # the deadline has passed: closed, even with no date
            "Call for nominations: miners' network board",
            "<p>The deadline for nominations has now passed. The list of candidates is below.</p>",
            "en",
            "call",
            "closed",
        ),
        # no fixed deadline: applications taken as they come
        (
            "Supplier registration for mining contractors",
            "<p>Local firms may apply to join the vendor list. Applications are reviewed on "
            "a continuous basis.</p>",
            "en",
            "call",
            "rolling",
        ),
        (
            "Appui technique aux exploitants semi-mécanisés : déposez votre demande",
            "<p>Les demandes sont reçues à tout moment et traitées par ordre d'arrivée.</p>",
            "fr",
            "call",
            "rolling",
        ),
        (
            "Base de expertos en trazabilidad del oro",
            "<p>Los interesados pueden postular enviando su hoja de vida; las solicitudes se "
            "evalúan por orden de llegada.</p>",
            "es",
            "call",
            "rolling",
        ),
        (  # a permanent secretary is no rolling window
            "Ministry opens bids for mercury-free equipment",
            "<p>The permanent secretary said the committee will now evaluate the bids.</p>",
            "en",
            "news",
            None,
        ),
        # announced, not open yet
        (
            "Alliance opens comment period on draft RFP for traceability projects",
            "<p>Comments on the draft RFP will be considered before it is finalised and "
            "posted. The RFP will seek proposals for traceable supply routes.</p>",
            "en",
            "call",
            "forthcoming",
        ),
        (
            "Avis général de passation des marchés – projet d'appui à l'orpaillage",
            "<p>Les marchés prévus comprennent des études et des fournitures. Les avis "
            "spécifiques seront publiés au fur et à mesure dans la presse.</p>",
            "fr",
            "call",
            "forthcoming",
        ),
        (
            "Round 5 of the mining communities window is expected to launch in March",
            "<p>Each call for expressions of interest will state its budget; organisations "
            "should apply through the portal.</p>",
            "en",
            "call",
            "forthcoming",
        ),
        (  # a later step's future tense, after the deadline, is not the call's
            "Llamado a artículos: número especial sobre minería artesanal",
            "<p>Se aceptan artículos de investigación. Recepción de artículos: hasta el 15 de "
            "enero de 2027. El número se publicará en julio.</p>",
            "es",
            "call",
            "open",
        ),
        (
            "Appel à propositions – bourses doctorales 2027",
            "<p>Les laboratoires proposent leurs sujets au plus tard le 30 janvier 2027. Après "
            "sélection, un appel à candidatures sera ouvert aux étudiants.</p>",
            "fr",
            "call",
            "open",
        ),
        # a consultancy on a job board, named by its assignment
        (
            "Final evaluation of a mines-to-markets project",
            "<p>Closing date: 18 Dec 2026</p><p>The organisation seeks an external evaluator "
            "for an assignment of 30 working days.</p>",
            "en",
            "call",
            "open",
        ),
        (
            "International gold mining expert (individual contract)",
            "<p>Deadline: 20 December 2026. The agency is recruiting an expert; applicants "
            "should submit a CV and a daily fee.</p>",
            "en",
            "call",
            "open",
        ),
        (  # proposals sent to a programme manager: no job is offered
            "Feasibility study for an artisanal gold centre",
            "<p>We seek proposals from interested parties. Proposals to the programme manager "
            "by 20 December 2026.</p>",
            "en",
            "call",
            "open",
        ),
        # a salaried post is news, even when it asks for a CV by a date
        (
            "Opportunité : une ONG de Bukavu cherche un(e) responsable de suivi",
            "<p>Poste sous contrat à durée déterminée d'un an. Envoyer CV et lettre de "
            "motivation au plus tard le 20 décembre 2026.</p>",
            "fr",
            "news",
            None,
        ),
        (
            "Join us: monitoring lead for the Kivu programme",
            "<p>We are hiring. Send your CV and application letter by 20 December 2026.</p>",
            "en",
            "news",
            None,
        ),
        (  # "you cannot apply" for the programme now: closed, with no call word
            "Subsidy for responsible tin and tantalum sourcing",
            "<p>Partnerships of two or more organisations can receive up to EUR 200,000. "
            "You cannot apply for the subsidy at the moment; the next round opens in 2027.</p>",
            "en",
            "call",
            "closed",
        ),
        (
            "Fondo de apoyo a la pequeña minería aurífera",
            "<p>El fondo cofinancia proyectos de asociaciones mineras. Por ahora no es posible "
            "postular: las bases de la nueva convocatoria se publicarán en marzo.</p>",
            "es",
            "call",
            "closed",
        ),
        (  # "postularse" asks for applications; "se abrirán" says not yet
            "Reconocimiento a la minería responsable 2027",
            "<p>Las inscripciones se abrirán próximamente. Para postularse será necesario "
            "contar con título minero vigente.</p>",
            "es",
            "call",
            "forthcoming",
        ),
        # a call said by its opening verb, in the title (news words like "recibe" yield)
        (
            "Cooperative fund opens applications for mercury-free gold processing",
            "<p>Registered cooperatives in Mwanza and Geita may take part, in pairs or alone.</p>",
            "en",
            "call",
            "rolling",
        ),
        (
            "Artisanes minières invitées à soumettre leurs projets de transformation",
            "<p>Le programme finance des ateliers de tri et de lavage des minerais.</p>",
            "fr",
            "call",
            "rolling",
        ),
        (
            "Ministerio abre postulaciones para plantas de beneficio comunitarias",
            "<p>Podrán participar asociaciones de mineros artesanales de Nariño y Cauca.</p>",
            "es",
            "call",
            "rolling",
        ),
        (
            "Fondo minero recibe solicitudes de cooperativas de barequeros",
            "<p>El fondo ofrece asistencia técnica para la formalización de las cooperativas.</p>",
            "es",
            "call",
            "rolling",
        ),
        # a request for information that "is not a solicitation" still asks for answers
        (
            "Request for information: tin smelter traceability tools",
            "<p>This RFI is not a solicitation and does not commit the fund to a contract. "
            "Responses are due by 15 December 2026.</p>",
            "en",
            "call",
            "open",
        ),
        (  # with no date for the answers, the notice's own words decide: news
            "Request for information: tin smelter traceability tools",
            "<p>This is not a solicitation. The fund is only mapping what exists.</p>",
            "en",
            "news",
            None,
        ),
        # an opinion piece labelled in its title is news, whatever call it discusses
        (
            "Opinion: the new cobalt tender leaves cooperatives out",
            "<p>Interested firms must submit their bids by 30 December 2026, and few "
            "cooperatives can meet the guarantee it asks for.</p>",
            "en",
            "news",
            None,
        ),
        (
            "Tribune – Appel à projets minier : des critères trop étroits ?",
            "<p>Les porteurs de projets doivent soumettre leur dossier avant le 15 janvier "
            "2027.</p>",
            "fr",
            "news",
            None,
        ),
        (
            "Análisis: la convocatoria de regalías para la pequeña minería",
            "<p>Los municipios interesados pueden postular hasta el 20 de diciembre de 2026.</p>",
            "es",
            "news",
            None,
        ),
        (  # the label's word inside a call's title, with no colon or dash, is no label
            "Opinion survey of artisanal miners: call for proposals",
            "<p>Firms must submit proposals by 30 December 2026.</p>",
            "en",
            "call",
            "open",
        ),
        (
            "Seven projects selected in the 2026 call for proposals",
            "<p>All applicants have been informed of the decision.</p>",
            "en",
            "news",
            None,
        ),
        # a call that is over: award notices and bid openings are news
        (
            "Avis d'attribution provisoire – DAO n°05/2026 (consultants formateurs)",
            "<p>Les soumissionnaires sont informés des résultats ci-dessous.</p>",
            "fr",
            "news",
            None,
        ),
        (
            "Notice of award: supply of mercury-free processing equipment",
            "<p>The contract was awarded to the lowest evaluated bidder.</p>",
            "en",
            "news",
            None,
        ),
        # a tender declared void in its title: a closed call, not results
        (
            "Concurso CTR-012-2026: estudio de trazabilidad del oro – declarado desierto",
            "<p>Se comunica a los interesados que el concurso se declaró desierto, debido a "
            "que ninguna de las propuestas cumplió con los requisitos técnicos.</p>",
            "es",
            "call",
            "closed",
        ),
        (
            "Avis d'appel d'offres déclaré infructueux – équipements de laboratoire",
            "<p>Aucune des offres reçues n'était conforme. La procédure est annulée.</p>",
            "fr",
            "call",
            "closed",
        ),
        (
            "Invitation to bid for assay equipment declared void",
            "<p>None of the bids received met the technical requirements.</p>",
            "en",
            "call",
            "closed",
        ),
        (  # a notice of its own, titled as such: "avis d'infructuosité"
            "Avis d'infructuosité – appel d'offres n°2026-07 : matériels de sécurité minière",
            "<p>Un nouvel avis sera publié ultérieurement.</p>",
            "fr",
            "call",
            "closed",
        ),
        (  # titled void with only an acronym for the tender: still a closed call
            "Avis d'infructuosité – AON n°007/2026 : kits de mesure du mercure",
            "<p>L'appel d'offres publié le 12 septembre 2026 est déclaré infructueux.</p>",
            "fr",
            "call",
            "closed",
        ),
        (  # said void in the text, under a statement's label: closed, though a new call
            # "will be published"
            "Comunicado: Licitación Pública N° 02/2026 para la adquisición de retortas",
            "<p>La Licitación Pública N° 02/2026, cuyo plazo de presentación de propuestas "
            "venció el 14/08/2026, ha sido declarada desierta. La segunda convocatoria será "
            "publicada en fecha por definir.</p>",
            "es",
            "call",
            "closed",
        ),
        (
            "Tender notice: supply of gold assay kits",
            "<p>The tender, which closed on 2 October 2026, has been declared void. A new "
            "invitation will be published soon.</p>",
            "en",
            "call",
            "closed",
        ),
        (  # in the text, an earlier attempt declared void: the new call is open
            "Segunda convocatoria: estudio de perfil para remediación de pasivos",
            "<p>Segunda convocatoria tras declararse desierto el primer proceso. Presentación "
            "de propuestas: 03/12/2026.</p>",
            "es",
            "call",
            "open",
        ),
        # a rule laid down for all, or a licence applied for under a law: news
        (
            "Nuevas reglas para la formalización: un año para la manifestación de interés",
            "<p>Una resolución del ministerio redefine los criterios de formalización. Quienes "
            "se registraron antes del 30 de junio de 2026 tendrán hasta el 30 de junio de "
            "2027 para presentar su solicitud formal.</p>",
            "es",
            "news",
            None,
        ),
        (
            "Unlicensed gold trading to be criminalised from 1 March, Gold Board warns",
            "<p>New licence applications open on 10 February 2027 at the board's head office.</p>",
            "en",
            "news",
            None,
        ),
        (  # a notice of intent that says it asks for no application
            "Global Artisanal Gold Child Labor Project",
            "<p>Application Due Date: November 30th<br>This is a Notice of Intent and not a "
            "request for funding applications.</p>",
            "en",
            "news",
            None,
        ),
        (  # licences applied for under a law are not given out competitively
            "Gold board gives dealers more time",
            "<p>Holders of old licences must re-apply for licences under the new regime by "
            "21 December 2026.</p>",
            "en",
            "news",
            None,
        ),
        (  # a salaried post in the inclusive forms of French job adverts
            "L'ONG Justice Minière recrute un(e) chargé(e) de redevabilité",
            "<p>Titre du poste : Chargé(e) de redevabilité. Date de soumission : 09/02/2027. "
            "Contrat d'un an ; les candidatures sont à envoyer avant la date de soumission.</p>",
            "fr",
            "news",
            None,
        ),
        (  # public-sector posts filled by a competition of merits
            "2 plazas de especialista en fiscalización de pequeña minería – Límite 08/02/2027",
            "<p>Se publicó la convocatoria para cubrir dos plazas por concurso público de "
            "méritos. Plazo de inscripción hasta el 08/02/2027.</p>",
            "es",
            "news",
            None,
        ),
        (  # a ban on mining until a date, with filings the law asks for
            "Orpaillage : le ministre rappelle la suspension des activités jusqu'au 31 octobre",
            "<p>Les coopératives doivent déposer leur dossier de reconnaissance avant le "
            "15 décembre 2026.</p>",
            "fr",
            "news",
            None,
        ),
        (  # what the law asks of all who mine, with a date to comply by
            "Mines commission calls on all miners to comply with mining laws",
            "<p>The mining laws apply throughout the country. Villages mining without the "
            "prescribed documents have until 31 March 2027 to regularise, and the commission "
            "will guide them in applying for permits.</p>",
            "en",
            "news",
            None,
        ),
        (  # a fee reduction asked for by all who qualify: an administrative step
            "Pequeños mineros: vence el plazo para solicitar la reducción del derecho de vigencia",
            "<p>Quienes deseen acogerse al pago reducido deben presentar su declaración hasta "
            "el 16 de octubre en la plataforma del instituto.</p>",
            "es",
            "news",
            None,
        ),
        (  # the same in French: a tax exemption
            "Orpailleurs : demander l'exonération de la taxe avant le 31 janvier",
            "<p>Les coopératives enregistrées peuvent demander l'exonération de la taxe "
            "superficiaire au plus tard le 31 janvier 2027.</p>",
            "fr",
            "news",
            None,
        ),
        (  # a press title that reports what someone said
            "Only 22 artisanal miners approved for the ASM fund, committee says",
            "<p>Funding calls for 2027 are in preparation; disbursements are expected to be "
            "completed by 30 December 2026.</p>",
            "en",
            "news",
            None,
        ),
        # who received a call's grants: its results, news
        (
            "Announcing the recipients of the 2026 Women in Mining Small Grants",
            "<p>We are delighted to announce the eleven associations selected under our small "
            "grants round. Thank you to everyone who applied.</p>",
            "en",
            "news",
            None,
        ),
        (
            "Petites subventions 2026 : les récipiendaires",
            "<p>Onze associations de femmes orpailleuses recevront chacune jusqu'à 20 000 "
            "dollars.</p>",
            "fr",
            "news",
            None,
        ),
        (
            "Fondo concursable 2026: beneficiarios seleccionados",
            "<p>Once asociaciones de mineras artesanales recibirán hasta 20 000 dólares.</p>",
            "es",
            "news",
            None,
        ),
        # a short deadline word with no date after it asks for nothing: a story about
        # a fund's calls is news
        (
            "Recursos del fondo para mineros de subsistencia se quedaron en planes de negocio",
            "<p>Un informe del ente de control reveló que apenas el 9 % de los recursos llegó "
            "a ejecutarse. Los auditores advierten que los planes deberán actualizarse antes "
            "de cualquier uso futuro y recomiendan revisar el diseño de las convocatorias del "
            "fondo.</p>",
            "es",
            "news",
            None,
        ),
        (
            "Audit finds most of the small miners' fund unspent",
            "<p>An audit found that only 9 % of the fund reached projects. The auditors say "
            "the business plans must be updated before any further use, and that the fund's "
            "calls for proposals should be redesigned.</p>",
            "en",
            "news",
            None,
        ),
        (
            "L'audit du fonds d'appui aux orpailleurs pointe des projets jamais réalisés",
            "<p>Selon le rapport, 9 % seulement des ressources ont été engagées. Les auditeurs "
            "demandent de revoir les plans avant toute nouvelle utilisation et de réformer les "
            "appels à projets du fonds.</p>",
            "fr",
            "news",
            None,
        ),
        (  # with a month after it, the same word is a deadline
            "Fund for mining associations",
            "<p>The fund's call for proposals takes projects before the end of December.</p>",
            "en",
            "call",
            "rolling",
        ),
        (  # a funding listing's fields are a call's cue
            "Reducing the use of mercury by artisanal gold miners in the Andes",
            "<p>The Department announces a Request for Applications for a project to reduce "
            "mercury use by artisanal gold miners.</p><p>Agency: Department of State | Type of "
            "assistance: cooperative agreement | Number of awards: 1</p>",
            "en",
            "call",
            "rolling",
        ),
    ],
)
def test_status_and_kind_of_notices(
    title: str, summary: str, language: str, kind: str, status: str | None
) -> None:
    result = run(title, summary, DAY, language)
    assert (result.kind, result.status) == (kind, status), result.kind_reason


@pytest.mark.parametrize(
    ("title", "summary", "language", "kind"),
    [
        # "launch" as a verb tells of a launch; as a noun it names an event
        (
            "EU and partners launch EUR 25 million fund for artisanal cobalt",
            "<p>The fund will channel money through existing programmes.</p>",
            "en",
            "news",
        ),
        (
            "ILO launches new project on child labour in cobalt mining",
            "<p>The project will run for three years.</p>",
            "en",
            "news",
        ),
        (
            "Online launch: roadblocks and artisanal mining in North Kivu",
            "<p>Join us on 10 December 2026 for the presentation of the study.</p>",
            "en",
            "event",
        ),
        (
            "Launch of the report on artisanal gold in the Sahel",
            "<p>Register to attend on 15 December 2026.</p>",
            "en",
            "event",
        ),
        # a parliament is not a congress one attends
        (
            "Comisión del Congreso evalúa extender el registro de formalización",
            "<p>Un dictamen propone prorrogar la vigencia del registro hasta 2028.</p>",
            "es",
            "news",
        ),
        # a symposium that ended
        (
            "Gold symposium ends with call to register small-scale miners",
            "<p>The symposium closed yesterday in Victoria Falls.</p>",
            "en",
            "news",
        ),
        # officers meeting are not a post to fill
        (
            "22e réunion des coordonnateurs nationaux de la CIRGL",
            "<p>La réunion se tiendra à Bujumbura du 17 au 18 décembre 2026.</p>",
            "fr",
            "event",
        ),
        # a call word that qualifies the event noun after it: the title names the event
        (
            "Tender and Bid Workshop for local mine suppliers",
            "<p>A two-day workshop in Solwezi on 17-18 December 2026 on how the mine's "
            "tenders are evaluated. Register at the chamber office.</p>",
            "en",
            "event",
        ),
        (  # a colon or a preposition between: the call is what the title names
            "Call for proposals: workshop on mercury-free processing",
            "<p>Organisations may submit proposals to host the workshop by 20 December 2026.</p>",
            "en",
            "call",
        ),
        (
            "Request for proposals for a training workshop on gold traceability",
            "<p>Firms must submit their proposals by 20 December 2026.</p>",
            "en",
            "call",
        ),
        # an adjective between "appel" and what it asks for: still the call's name
        (
            "3 millions d'euros pour les coopératives minières",
            "<p>L'appel européen à propositions se clôture le 12 décembre 2026. Une séance "
            "d'information sur cet appel se tiendra à Kinshasa le 20 novembre.</p>",
            "fr",
            "call",
        ),
        (
            "Orpaillage : un fonds pour les sites pilotes",
            "<p>L'appel national à projets est ouvert aux coopératives jusqu'au 30 décembre "
            "2026 ; les dossiers sont à déposer en ligne.</p>",
            "fr",
            "call",
        ),
        # "call for …" after a dash asks as at the start, over the summary's course
        (
            "Responsible sourcing e-learning - call for an instructional designer",
            "<p>The online course will teach due diligence to gold traders. Offers are due "
            "by 20 December 2026.</p>",
            "en",
            "call",
        ),
        (  # "call for action" asks for nothing
            "Mercury in gold mining - call for action from health ministers",
            "<p>The online course on mercury exposure will take place in January.</p>",
            "en",
            "event",
        ),
        # a licence applied for under a law: news, though the text says "apply"
        (
            "Deadline for tin exporters to re-apply for licences moved to 15 February",
            "<p>Exporters must apply for new ones on the portal and pay the fee by 15 "
            "February 2027.</p>",
            "en",
            "news",
        ),
        # a funder's awards given out: news
        (
            "Mining fund awards bursaries to 30 students from Obuasi",
            "<p>The fund received 90 applications; the next window is expected in 2027.</p>",
            "en",
            "news",
        ),
        (
            "Le fonds minier attribue des bourses à 25 étudiantes de Kolwezi",
            "<p>Les candidatures seront de nouveau ouvertes l'an prochain.</p>",
            "fr",
            "news",
        ),
        # a gathering called off: news, not an event on its first or its moved days
        (
            "Small-scale miners' expo cancelled for 2026",
            "<p>The expo, first set for 12 March and then moved to 20 and 21 December 2026, "
            "will not take place this year.</p>",
            "en",
            "news",
        ),
        (
            "Forum minier de Bunia annulé",
            "<p>Le forum prévu du 16 au 18 décembre 2026 n'aura pas lieu.</p>",
            "fr",
            "news",
        ),
        # a recap that names the next edition's call for abstracts: news
        (
            "Third conference on gold and livelihoods",
            "<p>The third conference took place on 2 and 3 November 2026 in Mbarara. The "
            "fourth edition is planned for 2028 and its call for abstracts will go out in "
            "2028.</p>",
            "en",
            "news",
        ),
        # a rule coming into force tells of applications; it asks for none
        (
            "Nuevo instructivo para el registro de plantas de beneficio",
            "<p>El instructivo entra en vigencia el 1 de diciembre. Las solicitudes ingresadas "
            "antes del 10 de diciembre de 2026 se tramitarán con la norma anterior.</p>",
            "es",
            "news",
        ),
        (
            "New export permit rules take effect on 1 January",
            "<p>Applications lodged before 20 December 2026 will be processed under the old "
            "rules.</p>",
            "en",
            "news",
        ),
        # results of a call are news; a meeting where results will be presented is not
        (
            "Resultados del Laboratorio de innovación minera 2026",
            "<p>Cuando cerró la recepción de ideas habíamos recibido 31 propuestas. El jurado "
            "seleccionó 8 proyectos. La próxima edición se lanzará en 2027.</p>",
            "es",
            "news",
        ),
        (
            "El instituto socializará resultados del proyecto de mercurio",
            "<p>El taller se realizará el 15 de diciembre de 2026 en Portovelo.</p>",
            "es",
            "event",
        ),
        # an online course anyone may sign up for
        (
            "Session virtuelle : traçabilité dans les petites mines",
            "<p>Une session de formation en ligne, ouverte à tous, du 14 au 18 décembre 2026 ; "
            "il suffit de s'inscrire avant le 10 décembre.</p>",
            "fr",
            "event",
        ),
    ],
)
def test_words_that_only_look_like_a_kind(
    title: str, summary: str, language: str, kind: str
) -> None:
    assert run(title, summary, DAY, language).kind == kind
