"""Deterministic data for the demo organisation.

Plain Python constants only (no Django): the demo loader turns these into model
instances. Everything user-facing is in Dutch and addresses the learner with "je".

Conventions
-----------
* Money and hours are decimal *strings* (``"495.00"``, ``"7.5"``); parse them with
  ``decimal.Decimal``.
* Teams, trainings and providers are referenced by a stable key: ``Team.slug``,
  ``Training.slug`` and ``Provider.name``.
* ``LAST_NAMES`` holds ``(particle, surname)`` pairs; the particle is written in lower
  case and is ``""`` when there is none. Use :func:`full_name` to combine them.
* Question kinds:

  - ``"multiple_choice"``: ``prompt`` + ``choices`` (3-4, exactly one correct);
  - ``"true_false"``: ``prompt`` + ``answer`` (bool);
  - ``"short_answer"``: ``prompt`` + ``accepted_answers`` (lower-case, stripped);
  - ``"scenario"``: ``situation`` + ``prompt`` (the question) + ``choices``.

  Unused fields keep their defaults (``""``, ``()``, ``None``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

type QuestionKind = Literal["multiple_choice", "true_false", "short_answer", "scenario"]
type TrainingMode = Literal["classroom", "online", "blended"]

QUESTION_KINDS: tuple[QuestionKind, ...] = ("multiple_choice", "true_false", "short_answer", "scenario")
TRAINING_MODES: tuple[TrainingMode, ...] = ("classroom", "online", "blended")


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    slug: str
    city: str
    email_domain: str
    description: str


@dataclass(frozen=True, slots=True)
class Team:
    slug: str
    name: str
    parent: str | None  # slug of the parent team; None for the root
    job_titles: tuple[str, ...]  # the first title is the team's leading role
    headcount: int  # suggested number of demo employees in this team


@dataclass(frozen=True, slots=True)
class Provider:
    name: str
    website: str
    trainers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    correct: bool


@dataclass(frozen=True, slots=True)
class Question:
    kind: QuestionKind
    prompt: str
    explanation: str
    situation: str = ""  # scenario only
    choices: tuple[Choice, ...] = ()  # multiple_choice and scenario
    answer: bool | None = None  # true_false only
    accepted_answers: tuple[str, ...] = ()  # short_answer only


@dataclass(frozen=True, slots=True)
class LearningPoint:
    title: str
    summary: str
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class Training:
    slug: str
    title: str
    description: str
    provider: str  # Provider.name
    mode: TrainingMode
    hours: str  # decimal string, e.g. "7.5"
    cost_per_participant: str  # EUR, decimal string, e.g. "495.00"
    audience: tuple[str, ...]  # Team.slug values whose employees typically attend
    leaders_only: bool  # only people in a leading role (first job title of a team) attend
    learning_points: tuple[LearningPoint, ...]


# --------------------------------------------------------------------------- helpers


def _ok(text: str) -> Choice:
    return Choice(text=text, correct=True)


def _no(text: str) -> Choice:
    return Choice(text=text, correct=False)


def _mc(prompt: str, choices: tuple[Choice, ...], explanation: str) -> Question:
    return Question(kind="multiple_choice", prompt=prompt, choices=choices, explanation=explanation)


def _tf(prompt: str, answer: bool, explanation: str) -> Question:
    return Question(kind="true_false", prompt=prompt, answer=answer, explanation=explanation)


def _sa(prompt: str, accepted: tuple[str, ...], explanation: str) -> Question:
    return Question(kind="short_answer", prompt=prompt, accepted_answers=accepted, explanation=explanation)


def _sc(situation: str, prompt: str, choices: tuple[Choice, ...], explanation: str) -> Question:
    return Question(
        kind="scenario", situation=situation, prompt=prompt, choices=choices, explanation=explanation
    )


def _lp(title: str, summary: str, *questions: Question) -> LearningPoint:
    return LearningPoint(title=title, summary=summary, questions=questions)


# ---------------------------------------------------------------------- organisation

ORGANIZATION = Organization(
    name="Hoekstra Technische Groothandel B.V.",
    slug="hoekstra-groothandel",
    city="Zwolle",
    email_domain="hoekstra-groothandel.example.com",
    description=(
        "Groothandel in installatiematerialen, sanitair en gereedschap voor installateurs en "
        "aannemers in Noord- en Oost-Nederland, met een eigen distributiecentrum en bezorgdienst."
    ),
)

TEAMS: tuple[Team, ...] = (
    Team(
        slug="directie",
        name="Directie",
        parent=None,
        job_titles=(
            "Algemeen directeur",
            "Operationeel directeur",
            "Commercieel directeur",
            "Managementassistent",
        ),
        headcount=4,
    ),
    Team(
        slug="verkoop-binnendienst",
        name="Verkoop binnendienst",
        parent="directie",
        job_titles=(
            "Teamleider verkoop binnendienst",
            "Commercieel medewerker binnendienst",
            "Accountmanager",
            "Offertecalculator",
        ),
        headcount=10,
    ),
    Team(
        slug="klantenservice",
        name="Klantenservice",
        parent="verkoop-binnendienst",
        job_titles=("Teamleider klantenservice", "Klantenservicemedewerker", "Medewerker retouren"),
        headcount=8,
    ),
    Team(
        slug="magazijn-logistiek",
        name="Magazijn & logistiek",
        parent="directie",
        job_titles=(
            "Hoofd logistiek",
            "Teamleider magazijn",
            "Magazijnmedewerker",
            "Orderpicker",
            "Heftruckchauffeur",
            "Chauffeur",
            "Transportplanner",
        ),
        headcount=23,
    ),
    Team(
        slug="financien",
        name="Financiën",
        parent="directie",
        job_titles=(
            "Manager financiën",
            "Financieel administratief medewerker",
            "Medewerker crediteurenadministratie",
            "Credit controller",
        ),
        headcount=6,
    ),
    Team(
        slug="ict",
        name="ICT",
        parent="directie",
        job_titles=(
            "Teamleider ICT",
            "Systeembeheerder",
            "Servicedeskmedewerker",
            "Functioneel applicatiebeheerder",
        ),
        headcount=5,
    ),
    Team(
        slug="hr",
        name="HR",
        parent="directie",
        job_titles=("HR-manager", "HR-adviseur", "Salarisadministrateur", "Opleidingscoördinator"),
        headcount=4,
    ),
)

# ---------------------------------------------------------------------------- people

FIRST_NAMES: tuple[str, ...] = (
    "Anna",
    "Anouk",
    "Bas",
    "Bram",
    "Daan",
    "Emma",
    "Erik",
    "Esther",
    "Eva",
    "Femke",
    "Hans",
    "Inge",
    "Ingrid",
    "Jeroen",
    "Joost",
    "Julia",
    "Kevin",
    "Lars",
    "Lisa",
    "Lotte",
    "Maarten",
    "Marieke",
    "Mark",
    "Marleen",
    "Niels",
    "Noor",
    "Pieter",
    "Ruben",
    "Sanne",
    "Sem",
    "Sophie",
    "Stefan",
    "Thijs",
    "Tim",
    "Wouter",
    "Yvonne",
    # Names common among Dutch people with other backgrounds.
    "Ayşe",
    "Emre",
    "Fatima",
    "Karim",
    "Mohammed",
    "Samira",
    "Yusuf",
    "Zeynep",
    "Priya",
    "Rajesh",
    "Agnieszka",
    "Tomasz",
    "Dewi",
    "Mei",
    "Kofi",
)

LAST_NAMES: tuple[tuple[str, str], ...] = (
    ("", "Jansen"),
    ("de", "Vries"),
    ("van", "Dijk"),
    ("van der", "Berg"),
    ("van den", "Heuvel"),
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Jong"),
    ("", "Mulder"),
    ("de", "Boer"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van 't", "Hof"),
    ("ter", "Horst"),
    ("in 't", "Veld"),
    ("", "Postma"),
    ("van", "Wijk"),
    # Surnames common among Dutch people with other backgrounds.
    ("", "Yılmaz"),
    ("", "Kaya"),
    ("", "Öztürk"),
    ("", "El Amrani"),
    ("", "Benali"),
    ("", "Bouzid"),
    ("", "Ramdin"),
    ("", "Jagesar"),
    ("", "Kowalski"),
    ("", "Nowak"),
    ("", "Nguyen"),
    ("", "Tjin"),
    ("", "Mensah"),
    ("", "Pinas"),
)


def full_name(first_name: str, last_name: tuple[str, str]) -> str:
    """``("Sanne", ("van der", "Berg"))`` -> ``"Sanne van der Berg"``."""
    particle, surname = last_name
    return " ".join(part for part in (first_name, particle, surname) if part)


# ------------------------------------------------------------------------- providers

PROVIDERS: tuple[Provider, ...] = (
    Provider(
        name="Kantoorvaardig Academie",
        website="https://kantoorvaardig.example.com",
        trainers=("Marloes Verhoeven", "Jeroen Bosman"),
    ),
    Provider(
        name="Het Gesprekshuis",
        website="https://gesprekshuis.example.com",
        trainers=("Annemiek Kuipers", "Rachid Benhaddou", "Sandra Wolters"),
    ),
    Provider(
        name="VeiligWerk Opleidingen",
        website="https://veiligwerkopleidingen.example.com",
        trainers=("Henk Oosterhuis",),
    ),
)

_KANTOORVAARDIG = PROVIDERS[0].name
_GESPREKSHUIS = PROVIDERS[1].name
_VEILIGWERK = PROVIDERS[2].name

_ALL_TEAMS: tuple[str, ...] = tuple(team.slug for team in TEAMS)

# ------------------------------------------------------------------------- trainings

_EXCEL = Training(
    slug="excel-voor-gevorderden",
    title="Excel voor gevorderden",
    description=(
        "Tweedaagse praktijktraining voor medewerkers die dagelijks met Excel werken. Je leert formules "
        "robuust opbouwen, gegevens opzoeken met X.ZOEKEN en grote datasets analyseren met draaitabellen. "
        "Alle oefeningen gebruiken herkenbare order- en voorraadlijsten."
    ),
    provider=_KANTOORVAARDIG,
    mode="classroom",
    hours="12.0",
    cost_per_participant="595.00",
    audience=("verkoop-binnendienst", "financien", "magazijn-logistiek", "hr"),
    leaders_only=False,
    learning_points=(
        _lp(
            "Absolute en relatieve celverwijzingen",
            "Een relatieve verwijzing (A1) schuift mee als je een formule kopieert; met een dollarteken zet "
            "je de kolom en/of rij vast ($A$1). Met F4 wissel je snel tussen $A$1, A$1, $A1 en A1.",
            _sa(
                "Welke toets druk je in, terwijl de cursor op een celverwijzing in de formule staat, om die "
                "verwijzing absoluut te maken?",
                ("f4", "fn+f4", "cmd+t"),
                "F4 zet dollartekens in de verwijzing en wisselt bij herhaald drukken tussen $A$1, A$1, $A1 "
                "en A1. Op een Mac is dat Cmd+T.",
            ),
            _mc(
                "Je kopieert de formule =B2*$E$1 van cel C2 naar C3. Welke formule staat er dan in C3?",
                (_no("=B3*$E$2"), _ok("=B3*$E$1"), _no("=B2*$E$1"), _no("=C3*$F$1")),
                "De relatieve verwijzing B2 schuift één rij mee naar B3. $E$1 staat met dollartekens vast en "
                "verandert niet.",
            ),
            _tf(
                "In de verwijzing A$1 ligt rij 1 vast en schuift de kolom mee als je de formule kopieert.",
                True,
                "Het dollarteken staat vóór het deel dat vastligt: in A$1 is dat rij 1, terwijl kolom A gewoon "
                "meeschuift.",
            ),
        ),
        _lp(
            "Opzoeken met X.ZOEKEN",
            "X.ZOEKEN (XLOOKUP) zoekt een waarde in één kolom en geeft de bijbehorende waarde uit een andere "
            "kolom terug, ook als die links van de zoekkolom staat. Zonder extra argumenten zoekt X.ZOEKEN een "
            "exacte overeenkomst.",
            _mc(
                "Wat is een belangrijk voordeel van X.ZOEKEN ten opzichte van VERT.ZOEKEN?",
                (
                    _no("X.ZOEKEN werkt ook in oude versies zoals Excel 2010"),
                    _no("X.ZOEKEN kan alleen getallen opzoeken en is daardoor sneller"),
                    _ok("De kolom met het resultaat mag ook links van de zoekkolom staan"),
                    _no("X.ZOEKEN corrigeert automatisch typefouten in de brongegevens"),
                ),
                "X.ZOEKEN werkt met een aparte zoekmatrix en retourmatrix, dus de volgorde van de kolommen "
                "maakt niet uit. Bij VERT.ZOEKEN moet de zoekkolom de meest linkse kolom van het bereik zijn.",
            ),
            _tf(
                "Als je bij X.ZOEKEN geen overeenkomstmodus opgeeft, zoekt de functie naar een exacte "
                "overeenkomst.",
                True,
                "Exacte overeenkomst is de standaard bij X.ZOEKEN. Bij VERT.ZOEKEN is benaderen juist de "
                "standaard als je het laatste argument weglaat.",
            ),
            _sc(
                "Je hebt een artikellijst met in kolom A de omschrijving en in kolom B het artikelnummer. Op "
                "een ander tabblad staat in cel E2 een artikelnummer waarvan je de omschrijving wilt zien.",
                "Welke formule geeft de omschrijving?",
                (
                    _ok("=X.ZOEKEN(E2;B:B;A:A)"),
                    _no("=X.ZOEKEN(E2;A:A;B:B)"),
                    _no("=VERT.ZOEKEN(E2;A:B;1;ONWAAR)"),
                    _no("=SOM.ALS(B:B;E2;A:A)"),
                ),
                "Je zoekt in kolom B (het artikelnummer) en laat de waarde uit kolom A teruggeven. "
                "VERT.ZOEKEN zoekt altijd in de eerste kolom van het bereik en kan dus niet naar links kijken.",
            ),
        ),
        _lp(
            "Foutwaarden gericht afvangen",
            "Met ALS.FOUT vervang je een foutwaarde zoals #N/B of #DEEL/0! door een eigen waarde. Gebruik het "
            "gericht: ALS.FOUT verbergt ook fouten die je juist wilt zien. X.ZOEKEN heeft een eigen argument "
            "'indien_niet_gevonden'.",
            _mc(
                "Welke foutwaarde geeft de Nederlandstalige Excel als een opzoekfunctie de zoekwaarde niet "
                "vindt?",
                (_no("#DEEL/0!"), _no("#VERW!"), _ok("#N/B"), _no("#NAAM?")),
                "#N/B betekent 'niet beschikbaar': de zoekwaarde komt niet voor in de zoekmatrix. #DEEL/0! "
                "ontstaat bij delen door nul en #VERW! bij een ongeldige celverwijzing.",
            ),
            _sa(
                "Met welke functie vervang je een foutwaarde door een eigen waarde, zoals in "
                "=...(A2/B2;0)? Geef de Nederlandse functienaam.",
                ("als.fout", "iferror"),
                "ALS.FOUT(waarde; waarde_indien_fout) geeft het resultaat van de formule, of de opgegeven "
                "waarde als die formule een fout oplevert.",
            ),
            _tf(
                "Door ALS.FOUT om al je formules heen te zetten, voorkom je dat je fouten in je gegevens "
                "over het hoofd ziet.",
                False,
                "Het omgekeerde is waar: ALS.FOUT verbergt álle fouten, ook onbedoelde zoals een kapotte "
                "verwijzing (#VERW!). Gebruik het alleen waar je een fout verwacht.",
            ),
        ),
        _lp(
            "Voorwaardelijk optellen en tellen",
            "SOMMEN.ALS telt waarden op die aan één of meer voorwaarden voldoen; AANTALLEN.ALS telt het aantal "
            "rijen dat eraan voldoet. Bij SOMMEN.ALS staat het optelbereik als eerste argument, gevolgd door "
            "paren van criteriumbereik en criterium.",
            _mc(
                "Je wilt de omzet (kolom D) optellen van klant 'Installatiebedrijf Smit' (kolom B) in regio "
                "'Noord' (kolom C). Welke formule is juist?",
                (
                    _no('=SOMMEN.ALS(B:B;"Installatiebedrijf Smit";C:C;"Noord";D:D)'),
                    _no('=AANTALLEN.ALS(B:B;"Installatiebedrijf Smit";C:C;"Noord")'),
                    _no('=SOM(D:D;"Installatiebedrijf Smit";"Noord")'),
                    _ok('=SOMMEN.ALS(D:D;B:B;"Installatiebedrijf Smit";C:C;"Noord")'),
                ),
                "Bij SOMMEN.ALS komt eerst het bereik dat je optelt (D:D), daarna volgen paren van "
                "criteriumbereik en criterium. AANTALLEN.ALS telt rijen in plaats van bedragen op te tellen.",
            ),
            _tf(
                "Bij SOMMEN.ALS is het optelbereik het eerste argument.",
                True,
                "De opbouw is SOMMEN.ALS(optelbereik; criteriumbereik1; criterium1; ...). Bij het oudere "
                "SOM.ALS staat het optelbereik juist als laatste.",
            ),
            _sa(
                "Welke Nederlandse Excel-functie telt het aantal rijen dat aan meerdere voorwaarden tegelijk "
                "voldoet?",
                ("aantallen.als", "countifs"),
                "AANTALLEN.ALS telt rijen die aan alle opgegeven voorwaarden voldoen. AANTAL.ALS doet "
                "hetzelfde voor één voorwaarde.",
            ),
        ),
        _lp(
            "Werken met Excel-tabellen",
            "Met Ctrl+T zet je een bereik om naar een Excel-tabel. Een tabel groeit automatisch mee met nieuwe "
            "rijen, zodat formules, opmaak en draaitabellen die erop gebaseerd zijn de nieuwe gegevens "
            "meenemen.",
            _sa(
                "Met welke sneltoets zet je een geselecteerd bereik om naar een Excel-tabel?",
                ("ctrl+t", "control+t", "ctrl t", "ctrl+l", "control+l"),
                "Ctrl+T (of Ctrl+L) opent het venster 'Tabel maken'. Je kunt ook kiezen voor Invoegen > Tabel.",
            ),
            _mc(
                "Wat gebeurt er als je direct onder een Excel-tabel een nieuwe rij met gegevens typt?",
                (
                    _ok("De tabel wordt automatisch uitgebreid met die rij"),
                    _no("De rij valt buiten de tabel tot je het bereik handmatig aanpast"),
                    _no("Excel geeft een foutmelding omdat de tabel vol is"),
                    _no("De tabel wordt opnieuw gesorteerd"),
                ),
                "Een tabel breidt zichzelf uit; formules in berekende kolommen en de opmaak worden automatisch "
                "doorgetrokken naar de nieuwe rij.",
            ),
        ),
        _lp(
            "Draaitabellen maken en vernieuwen",
            "Met een draaitabel vat je grote hoeveelheden gegevens samen door velden naar Rijen, Kolommen, "
            "Waarden en Filters te slepen. Een draaitabel werkt niet vanzelf bij: na wijzigingen in de "
            "brongegevens kies je Vernieuwen (Alt+F5).",
            _tf(
                "Na een wijziging in de brongegevens moet je een draaitabel vernieuwen voordat je de nieuwe "
                "cijfers ziet.",
                True,
                "Een draaitabel werkt met een momentopname van de bron. Na een wijziging klik je op Vernieuwen "
                "(Alt+F5) of Alles vernieuwen (Ctrl+Alt+F5).",
            ),
            _mc(
                "In welk gebied van de draaitabelvelden sleep je het veld 'Omzet' als je de totale omzet per "
                "regio wilt zien?",
                (_no("Rijen"), _no("Filters"), _ok("Waarden"), _no("Kolommen")),
                "Velden in Waarden worden samengevat, standaard door ze op te tellen. Het veld 'Regio' zet je "
                "in Rijen of Kolommen.",
            ),
            _sc(
                "Je collega heeft vorige week een draaitabel gemaakt van de orderlijst. Jij hebt vandaag "
                "twintig nieuwe orders onderaan de lijst gezet, maar die zie je niet terug in de draaitabel. "
                "De orderlijst is een gewoon bereik, geen Excel-tabel.",
                "Wat is de beste oplossing?",
                (
                    _no("De draaitabel vernieuwen; het bronbereik breidt zich daarbij vanzelf uit"),
                    _ok(
                        "De orderlijst omzetten naar een Excel-tabel, die als bron instellen en de draaitabel "
                        "vernieuwen"
                    ),
                    _no("De nieuwe totalen handmatig in de draaitabel typen"),
                    _no("Elke week een nieuwe draaitabel maken"),
                ),
                "Vernieuwen alleen helpt niet als de nieuwe rijen buiten het vaste bronbereik vallen. Een "
                "Excel-tabel groeit mee, dus daarna is vernieuwen voortaan genoeg.",
            ),
        ),
        _lp(
            "Invoer beperken met gegevensvalidatie",
            "Met gegevensvalidatie (tabblad Gegevens) bepaal je wat iemand in een cel mag invoeren, "
            "bijvoorbeeld alleen een keuze uit een lijst of alleen datums. Zo voorkom je fouten aan de bron in "
            "plaats van ze achteraf op te sporen.",
            _mc(
                "Collega's mogen in de kolom 'Status' alleen kiezen uit Open, In behandeling en Afgerond. Wat "
                "gebruik je daarvoor?",
                (
                    _no("Voorwaardelijke opmaak"),
                    _ok("Gegevensvalidatie met een lijst"),
                    _no("Een draaitabel"),
                    _no("Blad beveiligen"),
                ),
                "Gegevensvalidatie van het type Lijst maakt een keuzelijst en weigert andere invoer. "
                "Voorwaardelijke opmaak kleurt cellen alleen, maar houdt verkeerde invoer niet tegen.",
            ),
            _tf(
                "Gegevensvalidatie houdt verkeerde invoer tegen, terwijl voorwaardelijke opmaak die hooguit "
                "zichtbaar maakt.",
                True,
                "Validatie werkt bij het invoeren zelf; voorwaardelijke opmaak verandert alleen hoe een cel "
                "eruitziet.",
            ),
        ),
    ),
)

_FEEDBACK = Training(
    slug="feedback-geven",
    title="Feedback geven",
    description=(
        "Praktische eendaagse training over het geven en ontvangen van feedback. Je oefent met het "
        "SBI-model en ik-boodschappen, met een trainingsacteur en met situaties uit je eigen werk. Na "
        "afloop geef je feedback die concreet, tijdig en bruikbaar is."
    ),
    provider=_GESPREKSHUIS,
    mode="classroom",
    hours="7.0",
    cost_per_participant="425.00",
    audience=_ALL_TEAMS,
    leaders_only=False,
    learning_points=(
        _lp(
            "Het SBI-model",
            "Met het SBI-model bouw je feedback op in drie stappen: de Situatie (wanneer en waar), het Gedrag "
            "(wat je zag of hoorde) en de Impact (het effect op jou, het team of de klant).",
            _sa(
                "Waar staat de I voor in het SBI-model?",
                ("impact", "effect"),
                "SBI staat voor Situation, Behaviour, Impact: situatie, gedrag en de impact of het effect "
                "van dat gedrag.",
            ),
            _mc(
                "Welke feedback volgt het SBI-model?",
                (
                    _no("Je bent de laatste tijd nogal dominant in overleggen."),
                    _no("Ik vind dat je beter moet luisteren, dat zegt iedereen."),
                    _ok(
                        "In het teamoverleg van dinsdag onderbrak je Sanne twee keer. Daardoor kon ze haar "
                        "voorstel niet afmaken."
                    ),
                    _no("Goed gedaan vandaag, ga zo door!"),
                ),
                "Deze feedback noemt de situatie (teamoverleg van dinsdag), het gedrag (twee keer "
                "onderbreken) en de impact (voorstel niet afgemaakt).",
            ),
            _tf(
                "Bij de 'Impact' in het SBI-model beschrijf je wat volgens jou de bedoeling van de ander was.",
                False,
                "Impact gaat over het effect van het gedrag, niet over de bedoeling. Naar de bedoeling kun je "
                "beter vragen.",
            ),
        ),
        _lp(
            "Gedrag beschrijven, niet de persoon",
            "Goede feedback gaat over waarneembaar gedrag: wat je zag of hoorde. Een oordeel over iemands "
            "karakter ('je bent slordig') roept verdediging op en geeft geen aanknopingspunt om iets te "
            "veranderen.",
            _mc(
                "Welke uitspraak beschrijft waarneembaar gedrag?",
                (
                    _no("Je bent niet betrouwbaar met deadlines."),
                    _no("Je neemt je werk niet serieus."),
                    _no("Je bent altijd zo chaotisch."),
                    _ok("Je stuurde de offerte een dag na de afgesproken datum."),
                ),
                "Alleen deze zin beschrijft iets wat je kunt zien en controleren. De andere zinnen zijn "
                "oordelen over de persoon.",
            ),
            _tf(
                "'Je bent ongeïnteresseerd' is een voorbeeld van gedrag beschrijven.",
                False,
                "Dit is een interpretatie. Beschrijf wat je zag, bijvoorbeeld: 'Je keek tijdens mijn "
                "presentatie vooral op je telefoon.'",
            ),
            _sc(
                "Een collega levert voor de derde keer een rapportage met rekenfouten in. Je wilt dit met "
                "hem bespreken.",
                "Hoe begin je het best?",
                (
                    _ok(
                        "In de rapportage van vorige week stonden drie fouten in de totalen, en deze week weer twee."
                    ),
                    _no("Je bent echt slordig de laatste tijd."),
                    _no("Iedereen heeft het erover dat jouw rapportages niet kloppen."),
                    _no("Zou je misschien wat beter je best willen doen?"),
                ),
                "Je begint met concreet, controleerbaar gedrag. Dat is moeilijk te ontkennen en geeft een "
                "duidelijk startpunt voor het gesprek.",
            ),
        ),
        _lp(
            "Ik-boodschappen",
            "Met een ik-boodschap spreek je vanuit jezelf: 'Ik merk dat…', 'Ik maak me zorgen over…'. Dat klinkt "
            "minder beschuldigend dan een jij-boodschap ('Jij doet altijd…') en nodigt uit tot een gesprek.",
            _mc(
                "Welke zin is een ik-boodschap?",
                (
                    _no("Jij stuurt de planning altijd veel te laat."),
                    _ok("Ik merk dat ik onrustig word als de planning pas op vrijdagmiddag binnenkomt."),
                    _no("Iedereen ergert zich aan de late planning."),
                    _no("Kun jij niet gewoon eens op tijd zijn?"),
                ),
                "Je beschrijft het effect op jezelf in plaats van de ander te beschuldigen. Woorden als "
                "'altijd' en 'iedereen' maken feedback juist sterker beladen.",
            ),
            _tf(
                "Een ik-boodschap maakt feedback vager, omdat je het over jezelf hebt in plaats van over het "
                "gedrag.",
                False,
                "Een ik-boodschap benoemt nog steeds concreet het gedrag, maar brengt het effect als jouw "
                "ervaring. Dat maakt het voor de ander makkelijker om het te horen.",
            ),
        ),
        _lp(
            "Tijdig en op de juiste plek",
            "Geef feedback zo snel mogelijk na de situatie, als die bij jullie allebei nog vers in het geheugen "
            "ligt. Kritische feedback geef je onder vier ogen; een compliment kan ook in de groep.",
            _tf(
                "Kritische feedback kun je het best bewaren voor het jaarlijkse beoordelingsgesprek, zodat je "
                "alles in één keer bespreekt.",
                False,
                "Na maanden weet niemand meer precies wat er gebeurde, en de ander heeft al die tijd niets "
                "kunnen verbeteren. Feedback werkt het best kort na de situatie.",
            ),
            _sc(
                "Tijdens een klantafspraak maakt je collega een ongepaste grap over een concurrent. De klant "
                "reageert ongemakkelijk. Na de afspraak lopen jullie samen terug naar de auto.",
                "Wanneer en waar geef je je feedback?",
                (
                    _no("Bij het volgende teamoverleg, zodat de rest er ook van leert"),
                    _no("Over een paar weken, als je meer voorbeelden hebt verzameld"),
                    _ok("Nu, op weg naar de auto: het is nog vers en jullie zijn met z'n tweeën"),
                    _no("In een e-mail met je leidinggevende in de cc"),
                ),
                "Direct en onder vier ogen: de situatie ligt nog vers in het geheugen en je collega hoeft zich "
                "niet te verdedigen tegenover anderen.",
            ),
        ),
        _lp(
            "Feedback is een dialoog",
            "Vraag na je feedback hoe de ander ertegen aankijkt ('Hoe zie jij dat?'). Luister naar het antwoord "
            "en sluit af met een concrete afspraak over wat er voortaan anders gaat.",
            _mc(
                "Wat doe je direct nadat je je feedback hebt gegeven?",
                (
                    _ok("Vragen hoe de ander ertegen aankijkt"),
                    _no("Meteen de oplossing uitleggen die jij hebt bedacht"),
                    _no("Nog meer voorbeelden geven, zodat het zeker overkomt"),
                    _no("Het gesprek afronden, zodat de ander rustig kan nadenken"),
                ),
                "Met een vraag maak je er een gesprek van. Misschien weet de ander iets wat jij niet wist, en "
                "een oplossing die jullie samen bedenken wordt eerder uitgevoerd.",
            ),
            _tf(
                "Een feedbackgesprek rond je af met een concrete afspraak over wat er voortaan anders gaat.",
                True,
                "Zonder afspraak blijft feedback vrijblijvend. Een concrete afspraak maakt ook duidelijk "
                "waarop jullie later terugkijken.",
            ),
        ),
        _lp(
            "Feedback ontvangen",
            "Als je feedback krijgt: luister, vraag door naar voorbeelden en vat samen wat je hoort. Ga niet "
            "meteen verdedigen; bedank de ander en bepaal daarna zelf wat je ermee doet.",
            _sc(
                "Je leidinggevende zegt: 'In het overleg van gisteren kwam je voorstel op mij nogal "
                "onvoorbereid over.' Je bent het er niet mee eens: je hebt er uren aan gewerkt.",
                "Wat is de beste eerste reactie?",
                (
                    _no("'Dat klopt niet, ik heb er uren aan gewerkt.'"),
                    _no("'Dan had je dat gisteren meteen moeten zeggen.'"),
                    _ok("'Kun je aangeven waaraan je dat merkte?'"),
                    _no("'Oké.' En verder niets zeggen."),
                ),
                "Doorvragen levert concrete informatie op en laat zien dat je openstaat. Je eigen kant kun je "
                "daarna nog altijd toelichten.",
            ),
            _tf(
                "Wie feedback ontvangt, bepaalt zelf wat hij of zij ermee doet.",
                True,
                "Je bepaalt zelf wat je met feedback doet. Zorg wel eerst dat je goed begrijpt wat de ander "
                "bedoelt voordat je besluit.",
            ),
            _mc(
                "Welke reactie past het best bij goed feedback ontvangen?",
                (
                    _no("Direct uitleggen waarom het zo ging"),
                    _no("Een voorbeeld noemen van iets wat de ander fout deed"),
                    _no("Het gesprek snel afronden"),
                    _ok("Samenvatten wat je hebt gehoord, om te checken of je het goed begrijpt"),
                ),
                "Door samen te vatten controleer je of je de boodschap goed hebt begrepen, en voelt de ander "
                "zich gehoord.",
            ),
        ),
        _lp(
            "Complimenten specifiek maken",
            "Een compliment werkt het best als het net zo concreet is als kritische feedback: benoem wat "
            "iemand precies deed en welk effect dat had. Dan weet de ander wat hij of zij vaker moet doen.",
            _mc(
                "Welk compliment is het meest bruikbaar?",
                (
                    _no("Goed gedaan!"),
                    _no("Je bent echt een aanwinst voor het team."),
                    _ok(
                        "Je samenvatting aan het eind van het klantgesprek maakte de afspraken voor iedereen duidelijk."
                    ),
                    _no("Topper, ga zo door."),
                ),
                "Dit compliment noemt concreet gedrag en het effect ervan. Daardoor weet de ander precies "
                "wat hij moet blijven doen.",
            ),
            _tf(
                "Het SBI-model is alleen geschikt voor kritische feedback, niet voor complimenten.",
                False,
                "Ook een compliment wordt sterker met situatie, gedrag en impact: het laat zien dat je echt "
                "hebt opgelet.",
            ),
        ),
    ),
)

_VCA = Training(
    slug="veilig-werken-magazijn-vca",
    title="Veilig werken in het magazijn (VCA-basis)",
    description=(
        "Eendaagse training met aansluitend het officiële examen Basisveiligheid VCA (B-VCA). Je leert "
        "risico's herkennen, veilig tillen, veilig werken rond heftrucks en de juiste persoonlijke "
        "beschermingsmiddelen gebruiken. De voorbeelden komen uit het werk in het magazijn en op de "
        "laad- en losdocks."
    ),
    provider=_VEILIGWERK,
    mode="classroom",
    hours="8.0",
    cost_per_participant="265.00",
    audience=("magazijn-logistiek",),
    leaders_only=False,
    learning_points=(
        _lp(
            "Wat VCA is",
            "VCA staat voor VGM Checklist Aannemers; VGM betekent Veiligheid, Gezondheid en Milieu. Het "
            "diploma Basisveiligheid VCA (B-VCA) laat zien dat je de basis van veilig werken kent en is tien "
            "jaar geldig.",
            _sa(
                "Waar staat de G in VGM voor?",
                ("gezondheid",),
                "VGM staat voor Veiligheid, Gezondheid en Milieu: de drie onderwerpen die in VCA centraal "
                "staan.",
            ),
            _mc(
                "Hoe lang is een diploma Basisveiligheid VCA geldig?",
                (_no("1 jaar"), _no("3 jaar"), _no("5 jaar"), _ok("10 jaar")),
                "B-VCA- en VOL-VCA-diploma's zijn tien jaar geldig. Daarna doe je opnieuw examen.",
            ),
        ),
        _lp(
            "Rangorde van maatregelen",
            "Volgens de arbeidshygiënische strategie pak je een risico eerst aan de bron aan, daarna met "
            "collectieve maatregelen, dan met individuele maatregelen en pas als laatste met persoonlijke "
            "beschermingsmiddelen (PBM).",
            _mc(
                "Welke maatregel komt volgens de arbeidshygiënische strategie als eerste aan bod?",
                (
                    _no("Persoonlijke beschermingsmiddelen uitdelen"),
                    _ok("Het risico bij de bron wegnemen"),
                    _no("Een waarschuwingsbord ophangen"),
                    _no("Medewerkers een werkinstructie geven"),
                ),
                "Een risico dat bij de bron is weggenomen, kan niemand meer raken. PBM beschermen alleen de "
                "drager en alleen als ze goed gebruikt worden.",
            ),
            _tf(
                "Persoonlijke beschermingsmiddelen zijn volgens de arbeidshygiënische strategie de laatste "
                "stap.",
                True,
                "PBM zet je pas in als bronmaatregelen, collectieve en individuele maatregelen het risico niet "
                "voldoende wegnemen.",
            ),
            _sc(
                "Een oude transportband in het magazijn maakt zoveel lawaai dat collega's er last van hebben.",
                "Welke maatregel heeft volgens de arbeidshygiënische strategie de voorkeur?",
                (
                    _no("Iedereen in de buurt oordoppen geven"),
                    _no("Collega's laten rouleren zodat niemand er lang staat"),
                    _no("Een geluidsscherm tussen de band en de werkplekken plaatsen"),
                    _ok("De band stiller maken, bijvoorbeeld door versleten rollen en lagers te vervangen"),
                ),
                "Het lawaai bij de bron aanpakken gaat vóór een geluidsscherm (collectief), roulatie "
                "(individueel) en oordoppen (PBM).",
            ),
        ),
        _lp(
            "Veilig tillen",
            "Til met een rechte rug vanuit je knieën, houd de last dicht bij je lichaam en draai met je voeten "
            "in plaats van met je romp. Onder ideale omstandigheden is 23 kilo de bovengrens (NIOSH-richtlijn); "
            "gebruik daarboven of bij vaak tillen een hulpmiddel.",
            _mc(
                "Wat is de juiste tiltechniek?",
                (
                    _ok("Door de knieën, rechte rug, last dicht bij je lichaam"),
                    _no("Vanuit je rug tillen met gestrekte benen"),
                    _no("De last op armlengte houden voor meer balans"),
                    _no("Tijdens het tillen met je bovenlichaam draaien om tijd te besparen"),
                ),
                "Zo vangen je beenspieren de kracht op en blijft de belasting op je onderrug zo laag "
                "mogelijk.",
            ),
            _sa(
                "Hoeveel kilo is volgens de NIOSH-richtlijn onder ideale omstandigheden het maximale "
                "tilgewicht? Geef alleen het getal.",
                ("23", "23 kg", "23kg", "23 kilo"),
                "Onder ideale omstandigheden is 23 kilo de grens. Is de last verder weg, lager of hoger, of "
                "til je vaak, dan ligt de grens een stuk lager.",
            ),
            _tf(
                "Moet je een doos op een pallet achter je zetten, dan draai je met je voeten in plaats van "
                "met je romp.",
                True,
                "Draaien met je romp terwijl je een last vasthoudt, belast je tussenwervelschijven extra. "
                "Verplaats je voeten mee.",
            ),
        ),
        _lp(
            "Veilig rond de heftruck",
            "Een heftruck bestuur je alleen als je daarvoor opgeleid en aangewezen bent. Als voetganger loop "
            "je over de gemarkeerde looppaden en maak je oogcontact met de bestuurder; meerijden op een "
            "heftruck of op de vork is nooit toegestaan.",
            _tf(
                "Een collega mag op de vork van de heftruck meerijden als hij zich goed vasthoudt.",
                False,
                "Meerijden op de vork of op de heftruck is altijd verboden: één onverwachte beweging of "
                "rem en je valt.",
            ),
            _mc(
                "Je loopt door het magazijn en er komt een heftruck aan. Wat doe je?",
                (
                    _no("Snel voor de heftruck langs oversteken"),
                    _no("Ervan uitgaan dat de heftruck altijd voorrang geeft aan voetgangers"),
                    _ok(
                        "Oogcontact maken en pas doorlopen als je zeker weet dat de bestuurder je heeft gezien"
                    ),
                    _no("Achter de heftruck langslopen terwijl hij achteruitrijdt"),
                ),
                "Een heftruckbestuurder heeft dode hoeken, zeker met een hoge lading. Oogcontact is de enige "
                "manier om zeker te weten dat je gezien bent.",
            ),
            _sc(
                "Je collega van de binnendienst wil snel een pallet verplaatsen. De heftruckchauffeur is met "
                "pauze en de sleutel zit nog in de heftruck. Je collega heeft geen heftruckopleiding, maar "
                "zegt: 'Het is maar tien meter.'",
                "Wat doe je?",
                (
                    _no("Je laat hem rijden en loopt voor de heftruck uit om anderen te waarschuwen"),
                    _ok("Je zegt dat hij niet mag rijden en je wacht op een bevoegde chauffeur"),
                    _no("Je rijdt zelf, want je hebt het vaak genoeg zien doen"),
                    _no("Je laat hem rijden, maar alleen stapvoets"),
                ),
                "Alleen opgeleide en aangewezen medewerkers mogen een heftruck besturen, ook over korte "
                "afstanden. Een sleutel hoort bovendien niet in een onbeheerde heftruck te zitten.",
            ),
        ),
        _lp(
            "Persoonlijke beschermingsmiddelen",
            "PBM zoals veiligheidsschoenen, handschoenen en gehoorbescherming beschermen je als een risico niet "
            "op een andere manier weg te nemen is. Je werkgever stelt ze kosteloos beschikbaar; jij bent "
            "verplicht ze te dragen waar dat is voorgeschreven.",
            _tf(
                "Je werkgever moet voorgeschreven PBM, zoals veiligheidsschoenen, kosteloos beschikbaar stellen.",
                True,
                "PBM die voor je werk nodig zijn, moet de werkgever volgens het Arbobesluit kosteloos "
                "beschikbaar stellen.",
            ),
            _mc(
                "Vanaf welk geluidsniveau ben je verplicht gehoorbescherming te dragen?",
                (_no("70 dB(A)"), _no("80 dB(A)"), _ok("85 dB(A)"), _no("95 dB(A)")),
                "Vanaf 80 dB(A) moet de werkgever gehoorbescherming beschikbaar stellen; vanaf 85 dB(A) is "
                "het dragen ervan verplicht.",
            ),
        ),
        _lp(
            "Gevaarlijke stoffen herkennen",
            "Gevaarlijke stoffen herken je aan de GHS-pictogrammen: een rode ruit met een zwart symbool op "
            "een witte achtergrond. In het veiligheidsinformatieblad (VIB) lees je de risico's, de benodigde "
            "PBM en wat je doet bij lekkage of blootstelling.",
            _mc(
                "Welk document geeft de meest complete informatie over de risico's van een gevaarlijke stof "
                "en wat je moet doen bij een lekkage?",
                (
                    _no("De pakbon"),
                    _ok("Het veiligheidsinformatieblad (VIB)"),
                    _no("De factuur van de leverancier"),
                    _no("De productfolder"),
                ),
                "De leverancier moet bij een gevaarlijke stof een VIB leveren met onder meer de gevaren, "
                "de benodigde beschermingsmiddelen en maatregelen bij morsen, brand of blootstelling.",
            ),
            _tf(
                "GHS-pictogrammen herken je aan een rode ruit met een zwart symbool op een witte achtergrond.",
                True,
                "Alle negen GHS-gevarenpictogrammen hebben deze vorm, bijvoorbeeld de vlam (ontvlambaar) of "
                "de bijtende vloeistof op een hand (corrosief).",
            ),
            _sa(
                "Waar staat de afkorting VIB voor?",
                ("veiligheidsinformatieblad", "veiligheids informatieblad", "veiligheidsinformatie blad"),
                "VIB staat voor veiligheidsinformatieblad (in het Engels: Safety Data Sheet, SDS).",
            ),
        ),
        _lp(
            "Laatste Minuut Risico Analyse (LMRA)",
            "Met een LMRA sta je vlak voordat je aan een klus begint even stil: wat kan er misgaan, en heb ik "
            "alles om het veilig te doen? Twijfel je, dan stop je en overleg je eerst met je leidinggevende.",
            _sa(
                "Waar staat de afkorting LMRA voor?",
                (
                    "laatste minuut risico analyse",
                    "laatste minuut risicoanalyse",
                    "laatste-minuut-risicoanalyse",
                    "laatste-minuut risicoanalyse",
                ),
                "LMRA staat voor Laatste Minuut Risico Analyse: een korte check op de werkplek vlak voordat je "
                "begint.",
            ),
            _sc(
                "Je moet een pallet uit de bovenste stelling halen. Als je er bent, zie je dat de pallet "
                "scheef staat en dat er een plank gebroken is.",
                "Wat doe je na je LMRA?",
                (
                    _ok("Je stopt, zet het gebied af en meldt het eerst bij je leidinggevende"),
                    _no("Je haalt de pallet voorzichtig naar beneden, je hebt tenslotte haast"),
                    _no("Je laat hem staan voor de volgende dienst, zonder iets te zeggen"),
                    _no("Je duwt de pallet eerst recht met de vork en gaat dan verder"),
                ),
                "Bij een onveilige situatie stop je en overleg je. Door het gebied af te zetten voorkom je dat "
                "een collega er intussen aan begint.",
            ),
        ),
        _lp(
            "Ongevallen en bijna-ongevallen melden",
            "Meld elk ongeval én elk bijna-ongeval, ook als niemand gewond is geraakt. Van bijna-ongevallen leer "
            "je hoe je een echt ongeval voorkomt. Een ernstig arbeidsongeval moet de werkgever direct melden "
            "bij de Nederlandse Arbeidsinspectie.",
            _tf(
                "Een bijna-ongeval zonder letsel of schade hoef je niet te melden.",
                False,
                "Juist bijna-ongevallen laten zien waar het de volgende keer mis kan gaan. Door ze te melden "
                "kan de oorzaak worden weggenomen.",
            ),
            _mc(
                "Bij welke instantie moet de werkgever een ernstig arbeidsongeval melden?",
                (
                    _no("Het UWV"),
                    _no("De gemeente"),
                    _no("De Belastingdienst"),
                    _ok("De Nederlandse Arbeidsinspectie"),
                ),
                "Een arbeidsongeval met de dood, blijvend letsel of een ziekenhuisopname als gevolg moet "
                "direct worden gemeld bij de Nederlandse Arbeidsinspectie (Arbowet, artikel 9).",
            ),
        ),
    ),
)

_KLANTGESPREKKEN = Training(
    slug="klantgesprekken-die-werken",
    title="Klantgesprekken die werken",
    description=(
        "Training voor binnendienst en klantenservice over telefonische en schriftelijke klantcontacten. In "
        "een online voorbereiding en een praktijkdag oefen je met luisteren, doorvragen, verwachtingen "
        "managen en klachten omzetten in tevreden klanten."
    ),
    provider=_GESPREKSHUIS,
    mode="blended",
    hours="6.5",
    cost_per_participant="375.00",
    audience=("verkoop-binnendienst", "klantenservice"),
    leaders_only=False,
    learning_points=(
        _lp(
            "LSD: luisteren, samenvatten, doorvragen",
            "LSD staat voor Luisteren, Samenvatten en Doorvragen. Door deze drie technieken af te wisselen, "
            "achterhaal je wat de klant echt nodig heeft voordat je met een oplossing komt.",
            _sa(
                "Waar staat de S in de gesprekstechniek LSD voor?",
                ("samenvatten",),
                "LSD staat voor Luisteren, Samenvatten en Doorvragen.",
            ),
            _mc(
                "Wat is het doel van LSD in een klantgesprek?",
                (
                    _no("Het gesprek zo kort mogelijk houden"),
                    _ok("Achterhalen wat de klant echt nodig heeft voordat je een oplossing aanbiedt"),
                    _no("De klant overtuigen van het duurste product"),
                    _no("Voorkomen dat de klant lastige vragen stelt"),
                ),
                "Met luisteren, samenvatten en doorvragen kom je bij de echte vraag achter het verhaal. Een "
                "oplossing voor het verkeerde probleem helpt de klant niet.",
            ),
        ),
        _lp(
            "Open en gesloten vragen",
            "Open vragen (wat, hoe, welke) nodigen uit tot een uitgebreid antwoord en brengen informatie boven. "
            "Gesloten vragen (ja/nee) gebruik je om iets te controleren of vast te leggen. Wees voorzichtig met "
            "'waarom': dat kan als een verwijt klinken.",
            _mc(
                "Welke vraag is een open vraag?",
                (
                    _no("Is de levering te laat gekomen?"),
                    _no("Heeft u het ordernummer bij de hand?"),
                    _no("Klopt het dat u de verkeerde maat heeft ontvangen?"),
                    _ok("Wat is er precies misgegaan bij de levering?"),
                ),
                "Een open vraag begint vaak met wat, hoe of welke en laat de klant vertellen. Op de andere "
                "vragen is 'ja' of 'nee' een volledig antwoord.",
            ),
            _tf(
                "Een gesloten vraag is handig om aan het eind van het gesprek een afspraak te bevestigen.",
                True,
                "Met een gesloten vraag ('Zullen we het zo doen?') leg je iets eenduidig vast.",
            ),
            _sc(
                "Een klant belt en zegt: 'Jullie bestelportaal werkt weer eens niet.'",
                "Welke vraag helpt je het snelst verder?",
                (
                    _ok("Wat ziet u op uw scherm als u de bestelling probeert te plaatsen?"),
                    _no("Waarom belt u daar nu pas over?"),
                    _no("Heeft u het al opnieuw geprobeerd?"),
                    _no("Weet u zeker dat u de juiste inloggegevens gebruikt?"),
                ),
                "Een open vraag naar wat de klant ziet, geeft je in één keer de meeste informatie. 'Waarom' "
                "klinkt als een verwijt en de gesloten vragen leveren alleen ja of nee op.",
            ),
        ),
        _lp(
            "Samenvatten om te controleren",
            "Vat tussendoor in je eigen woorden samen wat de klant zegt ('Dus als ik het goed begrijp…'). De "
            "klant voelt zich gehoord en jij controleert of je het goed hebt begrepen.",
            _mc(
                "Welke zin is een goede samenvatting?",
                (
                    _no("Oké, ik snap het."),
                    _ok(
                        "Dus als ik het goed begrijp, zijn twee van de vijf dozen beschadigd aangekomen en "
                        "heeft u de vervanging donderdag nodig?"
                    ),
                    _no("Dat is vervelend, maar dat gebeurt soms."),
                    _no("Kunt u het nog een keer vertellen?"),
                ),
                "Een goede samenvatting geeft de kern in je eigen woorden weer en eindigt met een controle. "
                "Klopt er iets niet, dan kan de klant het meteen corrigeren.",
            ),
            _tf(
                "Samenvatten doe je alleen aan het einde van een gesprek, niet halverwege.",
                False,
                "Tussentijds samenvatten voorkomt misverstanden en geeft het gesprek structuur. Aan het eind "
                "vat je daarnaast de afspraken samen.",
            ),
        ),
        _lp(
            "Verwachtingen managen",
            "Beloof alleen wat je zeker kunt waarmaken en maak afspraken concreet: wat er gebeurt, wie het doet "
            "en wanneer de klant iets hoort. Lukt een afspraak niet, bel de klant dan zelf op tijd.",
            _sc(
                "Een klant vraagt of een spoedbestelling morgen geleverd kan worden. Je weet het niet zeker: "
                "dat hangt af van de voorraad in het centrale magazijn.",
                "Wat zeg je?",
                (
                    _no("'Dat komt vast goed, morgen heeft u het.'"),
                    _no("'Daar kan ik niets over zeggen.'"),
                    _ok(
                        "'Ik zoek het nu voor u uit en bel u vóór 15.00 uur terug met een definitief antwoord.'"
                    ),
                    _no("'U kunt het beste morgen nog even bellen.'"),
                ),
                "Je belooft alleen wat je zeker kunt waarmaken (een antwoord vóór 15.00 uur) en je neemt zelf "
                "de actie. Een belofte over de levering die je niet kunt nakomen, kost vertrouwen.",
            ),
            _mc(
                "Wat maakt een afspraak met een klant concreet?",
                (
                    _ok("Wat er gebeurt, wie het doet en wanneer de klant iets hoort"),
                    _no("Een vriendelijke toon"),
                    _no("De toezegging 'zo snel mogelijk'"),
                    _no("De belofte dat je je best gaat doen"),
                ),
                "Alleen een afspraak met een actie, een eigenaar en een tijdstip kan de klant controleren. "
                "'Zo snel mogelijk' betekent voor iedereen iets anders.",
            ),
            _tf(
                "Haal je een beloofd terugbelmoment niet, dan bel je de klant vóór dat moment zelf om dat te "
                "laten weten.",
                True,
                "Een klant die op tijd hoort dat iets later wordt, blijft veel tevredener dan een klant die "
                "zelf moet gaan bellen.",
            ),
        ),
        _lp(
            "Klachten behandelen",
            "Laat een klagende klant eerst zijn verhaal doen en erken de ergernis voordat je met een oplossing "
            "komt. Een klant die zich gehoord voelt, staat open voor een oplossing; ga niet in discussie over "
            "wie er gelijk heeft.",
            _mc(
                "Wat is de eerste stap bij een klacht?",
                (
                    _no("Direct uitleggen hoe het zit"),
                    _no("Uitzoeken wie de fout heeft gemaakt"),
                    _ok("De klant laten uitpraten en begrip tonen voor de ergernis"),
                    _no("Meteen een tegoedbon aanbieden"),
                ),
                "Zolang de klant zich niet gehoord voelt, komt een uitleg of oplossing niet aan. Erkennen is "
                "nog geen schuld bekennen.",
            ),
            _sc(
                "Een installateur belt boos op: zijn bestelling is voor de tweede keer onvolledig geleverd en "
                "zijn monteurs staan nu stil op een bouwplaats.",
                "Welke reactie is het beste begin?",
                (
                    _ok(
                        "'Dat is heel vervelend, zeker met mensen die stilstaan. Welke artikelen ontbreken er?'"
                    ),
                    _no("'Bij ons in het systeem staat dat alles is geleverd.'"),
                    _no("'Daarvoor moet u bij de afdeling transport zijn.'"),
                    _no("'Dat kan gebeuren, het is erg druk.'"),
                ),
                "Je erkent de ergernis en gaat direct aan de slag met een gerichte vraag. De andere reacties "
                "spreken de klant tegen of schuiven het probleem door.",
            ),
        ),
        _lp(
            "Positief formuleren",
            "Vertel de klant wat je wél kunt doen in plaats van wat niet kan. 'Ik kan het morgenochtend voor u "
            "klaarzetten' werkt beter dan 'Vandaag lukt dat niet meer'.",
            _mc(
                "Welke formulering is positief?",
                (
                    _no("Vandaag lukt dat niet meer."),
                    _no("Dat is niet mijn afdeling."),
                    _no("Helaas kan ik daar niets aan doen."),
                    _ok("Ik kan het morgenochtend voor u klaarzetten."),
                ),
                "Je legt de nadruk op wat wél kan. De klant hoort een oplossing in plaats van een afwijzing.",
            ),
            _tf(
                "Positief formuleren betekent dat je slecht nieuws weglaat.",
                False,
                "Je bent eerlijk over wat niet kan, maar legt de nadruk op wat wel mogelijk is.",
            ),
        ),
        _lp(
            "Het gesprek afsluiten",
            "Sluit af door de afspraken samen te vatten en te vragen of de klant nog iets heeft. Leg de afspraken "
            "direct vast in het klantsysteem, zodat een collega het kan overnemen.",
            _mc(
                "Wat hoort bij een goede afsluiting van een klantgesprek?",
                (
                    _no("Snel ophangen, zodat de volgende klant geholpen kan worden"),
                    _ok("De afspraken samenvatten en vragen of de klant nog iets heeft"),
                    _no("De klant vragen om een beoordeling te schrijven"),
                    _no("Uitleggen hoe druk het vandaag is"),
                ),
                "Met een samenvatting weten jij en de klant allebei wat er is afgesproken, en met de laatste "
                "vraag voorkom je dat de klant meteen terugbelt.",
            ),
            _tf(
                "Afspraken uit een klantgesprek leg je direct vast, zodat een collega het kan overnemen als "
                "jij er niet bent.",
                True,
                "Belt de klant terug terwijl jij vrij bent, dan kan een collega zonder opnieuw uitvragen "
                "verder.",
            ),
        ),
    ),
)

_TIMEMANAGEMENT = Training(
    slug="timemanagement",
    title="Timemanagement",
    description=(
        "Online training in twee sessies van twee uur. Je leert prioriteiten stellen, je agenda realistisch "
        "plannen en werken zonder voortdurend onderbroken te worden. Je past de technieken direct toe op je "
        "eigen takenlijst."
    ),
    provider=_KANTOORVAARDIG,
    mode="online",
    hours="4.0",
    cost_per_participant="195.00",
    audience=("verkoop-binnendienst", "financien", "ict", "hr", "directie"),
    leaders_only=False,
    learning_points=(
        _lp(
            "De Eisenhower-matrix",
            "De Eisenhower-matrix deelt taken in op urgentie en belang. Belangrijk en urgent: doe het nu. "
            "Belangrijk maar niet urgent: plan het in. Urgent maar niet belangrijk: delegeer het. Geen van "
            "beide: schrap het.",
            _mc(
                "Een taak is belangrijk, maar niet urgent. Wat doe je ermee volgens de Eisenhower-matrix?",
                (_no("Direct doen"), _ok("Inplannen"), _no("Delegeren"), _no("Schrappen")),
                "Belangrijke taken zonder haast plan je bewust in, zodat ze niet ondersneeuwen onder urgente "
                "zaken en later alsnog een brandje worden.",
            ),
            _sc(
                "Het is maandagochtend. Op je lijst staan: een offerte die een klant vandaag nodig heeft voor "
                "een grote order, het bijwerken van de werkinstructies voor volgend kwartaal, een verzoek om "
                "snel wat kopieën te maken en een nieuwsbrief van een leverancier.",
                "Welke taak plan je volgens de Eisenhower-matrix in voor later in de week?",
                (
                    _no("De offerte voor de klant"),
                    _no("De kopieën"),
                    _no("De nieuwsbrief"),
                    _ok("De werkinstructies"),
                ),
                "De werkinstructies zijn belangrijk maar niet urgent: inplannen. De offerte doe je nu, de "
                "kopieën kun je delegeren en de nieuwsbrief kan weg.",
            ),
            _tf(
                "Wie vooral tijd besteedt aan belangrijke, niet-urgente taken, heeft op den duur minder "
                "brandjes te blussen.",
                True,
                "Taken als plannen, verbeteren en voorkomen zijn zelden urgent, maar ze verminderen het aantal "
                "crisissen.",
            ),
        ),
        _lp(
            "Realistisch plannen",
            "Plan niet meer dan ongeveer 60 procent van je werktijd vol. De rest heb je nodig voor onverwachte "
            "zaken, onderbrekingen en spontane verzoeken (de 60/40-regel).",
            _sa(
                "Hoeveel procent van je werktijd plan je volgens de 60/40-regel vol? Geef alleen het getal.",
                ("60", "60%", "60 procent"),
                "Ongeveer 60 procent plan je in; de overige 40 procent houd je vrij voor onverwachte en "
                "spontane zaken.",
            ),
            _tf(
                "Een volledig volgeplande agenda is het meest efficiënt, omdat er dan geen tijd verloren gaat.",
                False,
                "Er komt altijd iets tussen. Een volle agenda loopt dan direct uit, zodat je aan het eind van "
                "de dag achterloopt.",
            ),
        ),
        _lp(
            "Tijdblokken in je agenda",
            "Zet belangrijke taken als afspraak met jezelf in je agenda (timeblocking). Plan je moeilijkste "
            "werk op het moment van de dag waarop je de meeste energie hebt.",
            _mc(
                "Wat is timeblocking?",
                (
                    _ok("Vaste blokken in je agenda reserveren voor een bepaalde taak"),
                    _no("Je hele agenda blokkeren zodat niemand meer afspraken met je kan maken"),
                    _no("Een taak stoppen zodra de geplande tijd om is, ook als hij niet af is"),
                    _no("Werken met een timer van vijf minuten per taak"),
                ),
                "Met een tijdblok geef je een taak een vaste plek in je agenda, net als een afspraak met "
                "iemand anders.",
            ),
            _tf(
                "Je moeilijkste werk plan je het best op het moment van de dag waarop je de meeste energie "
                "hebt.",
                True,
                "Denkwerk gaat beter als je fris bent. Routinetaken passen prima in een energiedip.",
            ),
        ),
        _lp(
            "Onderbrekingen beperken",
            "Elke onderbreking kost extra tijd om weer op gang te komen. Bundel kleine taken en lees je e-mail "
            "op vaste momenten in plaats van bij elke melding.",
            _tf(
                "Multitasken is efficiënt, omdat je twee taken tegelijk afmaakt.",
                False,
                "Je hersenen schakelen steeds heen en weer tussen de taken. Elke wissel kost tijd en vergroot "
                "de kans op fouten.",
            ),
            _mc(
                "Welke aanpak helpt het best om je op een lastige taak te concentreren?",
                (
                    _no("Elke nieuwe e-mail direct beantwoorden, zodat je inbox leeg blijft"),
                    _no("Tussendoor elk telefoontje aannemen"),
                    _ok(
                        "Meldingen van e-mail en chat tijdelijk uitzetten en je mail op vaste momenten lezen"
                    ),
                    _no("Drie taken tegelijk openhouden, zodat je kunt afwisselen"),
                ),
                "Zonder meldingen word je minder vaak uit je concentratie gehaald. Op vaste momenten mail "
                "lezen is bovendien sneller dan steeds één bericht.",
            ),
        ),
        _lp(
            "De tweeminutenregel",
            "Kost een taak minder dan twee minuten, doe hem dan meteen. Het noteren en later weer oppakken kost "
            "meer tijd dan de taak zelf. De regel komt uit Getting Things Done van David Allen.",
            _sa(
                "Volgens de regel uit Getting Things Done doe je een taak meteen als die minder dan hoeveel "
                "minuten kost? Geef alleen het getal.",
                ("2", "twee", "2 minuten", "twee minuten"),
                "Onder de twee minuten is het sneller om de taak direct te doen dan om hem te noteren en later "
                "opnieuw op te pakken.",
            ),
            _sc(
                "Je verwerkt je inbox. Een collega vraagt per mail om het telefoonnummer van een leverancier; "
                "dat heb je binnen een minuut gevonden.",
                "Wat doe je volgens de tweeminutenregel?",
                (
                    _no("Je zet het op je takenlijst voor morgen"),
                    _ok("Je stuurt het nummer meteen door"),
                    _no("Je vraagt de collega het zelf op te zoeken"),
                    _no("Je plant er een tijdblok voor in"),
                ),
                "De taak kost minder dan twee minuten. Hem noteren en later oppakken kost meer tijd dan hem "
                "meteen doen.",
            ),
        ),
        _lp(
            "Nee zeggen",
            "Elke ja is een nee tegen iets anders. Zeg bij een nieuw verzoek niet automatisch ja, maar kijk eerst "
            "wat het betekent voor je andere werk; bij twijfel bespreek je met je leidinggevende wat voorrang "
            "heeft.",
            _sc(
                "Je leidinggevende vraagt je vandaag nog een extra analyse te maken. Je bent al druk met een "
                "klus die morgen af moet.",
                "Wat is de beste reactie?",
                (
                    _no("Je zegt ja en werkt vanavond door."),
                    _no("Je zegt nee, zonder uitleg."),
                    _ok("Je legt uit wat er op je planning staat en vraagt welke taak voorrang heeft."),
                    _no("Je zegt ja en schuift de andere klus stilletjes op."),
                ),
                "Zo maak je de keuze zichtbaar en laat je je leidinggevende de prioriteit bepalen, in plaats "
                "van dat er ongemerkt iets blijft liggen.",
            ),
            _tf(
                "Ja zeggen tegen een nieuw verzoek betekent dat er minder tijd overblijft voor iets anders.",
                True,
                "Je tijd is beperkt: wat je toevoegt, gaat ten koste van iets wat er al lag.",
            ),
        ),
        _lp(
            "Het paretoprincipe",
            "Volgens het paretoprincipe komt ongeveer 80 procent van het resultaat uit 20 procent van de "
            "inspanning. Zoek de taken met het meeste effect en geef die voorrang.",
            _mc(
                "Wat houdt het paretoprincipe in?",
                (
                    _no("Je werkt 80 procent van je tijd en neemt 20 procent pauze"),
                    _ok("Ongeveer 80 procent van het resultaat komt uit 20 procent van de inspanning"),
                    _no("Je plant 80 procent van je tijd vol"),
                    _no("80 procent van je taken kun je delegeren"),
                ),
                "Het principe helpt je de taken met het grootste effect te vinden. De verhouding 80/20 is een "
                "vuistregel, geen exacte wet.",
            ),
            _tf(
                "Het paretoprincipe betekent dat je 80 procent van je taken zonder gevolgen kunt schrappen.",
                False,
                "Het gaat erom waar je het meeste effect bereikt en wat dus voorrang krijgt, niet om taken "
                "ongezien te laten vallen.",
            ),
        ),
    ),
)

_INFOSEC = Training(
    slug="informatiebeveiliging-en-phishing",
    title="Informatiebeveiliging en phishing",
    description=(
        "E-learning met een live webinar voor alle medewerkers. Je leert phishing herkennen, veilig omgaan "
        "met wachtwoorden en multifactorauthenticatie, en wat je doet als het toch misgaat."
    ),
    provider=_KANTOORVAARDIG,
    mode="online",
    hours="2.5",
    cost_per_participant="89.00",
    audience=_ALL_TEAMS,
    leaders_only=False,
    learning_points=(
        _lp(
            "Phishing herkennen",
            "Phishingmails spelen in op urgentie, angst of nieuwsgierigheid, zoals 'Je account wordt vandaag "
            "geblokkeerd'. Controleer altijd het echte e-mailadres van de afzender, niet alleen de "
            "weergavenaam.",
            _mc(
                "Welk kenmerk wijst het sterkst op phishing?",
                (
                    _no("Een mail van een collega over een afspraak die jullie eerder hebben gemaakt"),
                    _ok(
                        "Een dringend verzoek om binnen een uur in te loggen, anders wordt je account geblokkeerd"
                    ),
                    _no("Een nieuwsbrief waarvoor je je zelf hebt aangemeld"),
                    _no("Een bevestiging van een bestelling die je net hebt geplaatst"),
                ),
                "Tijdsdruk en dreiging zijn klassieke trucs: ze moeten je laten handelen voordat je nadenkt.",
            ),
            _tf(
                "Als de weergavenaam van de afzender klopt, bijvoorbeeld 'ICT Servicedesk', is de mail "
                "betrouwbaar.",
                False,
                "Iedereen kan een weergavenaam instellen. Kijk naar het volledige e-mailadres en vooral naar "
                "het domein achter de @.",
            ),
            _sc(
                "Je krijgt een mail van 'Microsoft 365' met als afzender security@micros0ft-support.com. Er "
                "staat in dat je wachtwoord vandaag verloopt en dat je via de knop moet inloggen om het te "
                "behouden.",
                "Wat doe je?",
                (
                    _no("Op de knop klikken en inloggen, want je wachtwoord verloopt"),
                    _no("De mail doorsturen naar collega's om ze te waarschuwen"),
                    _no("Antwoorden en vragen of de mail echt is"),
                    _ok("Niet klikken en de mail melden via de meldknop of bij ICT"),
                ),
                "Het domein micros0ft-support.com (met een nul) is niet van Microsoft. Met een melding kan ICT "
                "de mail bij iedereen verwijderen; doorsturen verspreidt de phishing juist verder.",
            ),
        ),
        _lp(
            "Links controleren",
            "Beweeg met je muis over een link, zonder te klikken, om het echte adres te zien; op je telefoon "
            "houd je de link ingedrukt. Kijk naar de domeinnaam vlak vóór de eerste enkele slash: in "
            "https://mijnbank.nl.veilig-inloggen.com/ is dat veilig-inloggen.com, niet mijnbank.nl.",
            _mc(
                "Van welk domein is de link https://mijnbank.nl.veilig-inloggen.com/account?",
                (
                    _no("mijnbank.nl"),
                    _no("inloggen.com"),
                    _ok("veilig-inloggen.com"),
                    _no("account"),
                ),
                "Het domein staat direct vóór de eerste enkele slash: veilig-inloggen.com. Wat daarvóór staat, "
                "zoals 'mijnbank.nl.', kiest de eigenaar van dat domein zelf.",
            ),
            _mc(
                "Hoe controleer je op een computer waar een link in een e-mail echt naartoe gaat?",
                (
                    _ok("Met de muis over de link bewegen zonder te klikken en het adres bekijken"),
                    _no("Op de link klikken en kijken welke website er opent"),
                    _no("Controleren of de linktekst er officieel uitziet"),
                    _no("Kijken of de mail een bekend logo bevat"),
                ),
                "De zichtbare linktekst kan alles zijn. Pas als je eroverheen beweegt, zie je het adres waar de "
                "link echt naartoe gaat.",
            ),
            _tf(
                "Op een smartphone zie je het echte adres achter een link door de link even ingedrukt te "
                "houden.",
                True,
                "Lang indrukken toont een voorbeeld met het webadres, zonder dat de pagina wordt geopend.",
            ),
        ),
        _lp(
            "Multifactorauthenticatie (MFA)",
            "Met MFA log je in met iets wat je weet (je wachtwoord) en iets wat je hebt (bijvoorbeeld je telefoon "
            "met een authenticator-app). Keur nooit een inlogverzoek goed dat je niet zelf hebt gestart: dan "
            "probeert iemand anders met jouw wachtwoord in te loggen.",
            _sc(
                "Je zit 's avonds thuis en krijgt op je telefoon drie keer achter elkaar een melding van je "
                "authenticator-app: 'Inlogpoging goedkeuren?'. Je bent zelf niet aan het inloggen.",
                "Wat doe je?",
                (
                    _no("Goedkeuren, zodat de meldingen stoppen"),
                    _ok("Weigeren, je wachtwoord wijzigen en het melden bij ICT"),
                    _no("Negeren en morgen verder kijken"),
                    _no("De authenticator-app van je telefoon verwijderen"),
                ),
                "Iemand kent kennelijk je wachtwoord en hoopt dat je uit gewoonte of vermoeidheid goedkeurt. "
                "Weigeren, wachtwoord wijzigen en melden sluit die deur.",
            ),
            _tf(
                "Met MFA is een sterk wachtwoord niet meer nodig.",
                False,
                "MFA is een extra slot, geen vervanging. Met een zwak of gelekt wachtwoord staat de eerste "
                "deur al open.",
            ),
            _mc(
                "Welke combinatie is een voorbeeld van multifactorauthenticatie?",
                (
                    _no("Twee verschillende wachtwoorden"),
                    _no("Een gebruikersnaam en een wachtwoord"),
                    _no("Een wachtwoord en een beveiligingsvraag"),
                    _ok("Een wachtwoord en een code uit een app op je telefoon"),
                ),
                "MFA combineert verschillende soorten factoren: iets wat je weet en iets wat je hebt. Twee "
                "dingen die je weet, tellen als één factor.",
            ),
        ),
        _lp(
            "Sterke wachtwoorden",
            "Een lange wachtzin van een paar losse woorden is sterker en makkelijker te onthouden dan een kort, "
            "ingewikkeld wachtwoord. Gebruik voor elke dienst een ander wachtwoord en bewaar ze in een "
            "wachtwoordmanager.",
            _mc(
                "Welk wachtwoord is het sterkst?",
                (
                    _no("Welkom2024!"),
                    _no("P@ssw0rd"),
                    _ok("fiets-paraplu-koffie-zonsondergang"),
                    _no("Jansen1975"),
                ),
                "Lengte telt het zwaarst. De andere voorbeelden zijn kort en staan, of lijken sterk op "
                "wachtwoorden, in de lijsten die criminelen als eerste proberen.",
            ),
            _tf(
                "Hetzelfde sterke wachtwoord voor meerdere diensten gebruiken is veilig, zolang het lang genoeg "
                "is.",
                False,
                "Lekt het wachtwoord bij één dienst, dan proberen criminelen het automatisch ook bij andere "
                "diensten.",
            ),
            _sa(
                "Hoe heet een programma dat al je wachtwoorden versleuteld voor je bewaart?",
                ("wachtwoordmanager", "password manager", "passwordmanager", "wachtwoordkluis"),
                "Een wachtwoordmanager onthoudt en genereert unieke, sterke wachtwoorden; jij hoeft er zelf "
                "maar één te onthouden.",
            ),
        ),
        _lp(
            "Melden, ook als je al geklikt hebt",
            "Meld een verdachte mail via de meldknop of bij ICT. Heb je al geklikt of gegevens ingevuld, meld het "
            "dan meteen: hoe sneller ICT het weet, hoe kleiner de schade. Een datalek met risico's voor "
            "betrokkenen moet de organisatie binnen 72 uur melden bij de Autoriteit Persoonsgegevens.",
            _sc(
                "Je hebt op een link in een mail geklikt en je inloggegevens ingevuld. Daarna zie je dat het "
                "webadres niet klopte. Je schaamt je een beetje.",
                "Wat doe je?",
                (
                    _no("Niets zeggen en hopen dat het goed afloopt"),
                    _no("Alleen je wachtwoord wijzigen, dan is het opgelost"),
                    _no("Afwachten tot je vreemde dingen ziet in je account"),
                    _ok("Direct ICT inlichten en je wachtwoord wijzigen"),
                ),
                "ICT kan zien of er al is ingelogd en sessies afsluiten. Wie snel meldt, voorkomt vaak erger; "
                "iedereen kan erin trappen.",
            ),
            _sa(
                "Binnen hoeveel uur moet een organisatie een datalek melden bij de Autoriteit Persoonsgegevens? "
                "Geef alleen het getal.",
                ("72", "72 uur"),
                "Volgens de AVG moet een datalek binnen 72 uur na ontdekking worden gemeld, tenzij het "
                "waarschijnlijk geen risico voor de betrokkenen oplevert.",
            ),
            _tf(
                "Als je een verdachte mail hebt gemeld, kun je hem het best ook doorsturen naar collega's als "
                "waarschuwing.",
                False,
                "Doorsturen verspreidt de gevaarlijke link of bijlage verder. ICT kan de mail na je melding bij "
                "iedereen tegelijk verwijderen.",
            ),
        ),
        _lp(
            "Betaalfraude en CEO-fraude",
            "Bij CEO-fraude doet een oplichter zich voor als directeur of leverancier en vraagt om een "
            "spoedbetaling of een gewijzigd rekeningnummer. Controleer zo'n verzoek altijd via een ander kanaal, "
            "bijvoorbeeld door terug te bellen op een nummer dat je al kent.",
            _sc(
                "Je krijgt een mail van een vaste leverancier: 'Ons rekeningnummer is gewijzigd, wilt u de "
                "openstaande factuur naar het nieuwe nummer overmaken?' De mail ziet er verzorgd uit.",
                "Wat doe je?",
                (
                    _ok("De leverancier bellen op het nummer dat al in jullie administratie staat"),
                    _no("Het rekeningnummer direct aanpassen"),
                    _no("Het telefoonnummer bellen dat onder in de mail staat"),
                    _no("Op de mail antwoorden met de vraag of het klopt"),
                ),
                "Het nummer in de mail en een antwoord op de mail komen bij de oplichter uit. Alleen een "
                "nummer dat je al kende, brengt je bij de echte leverancier.",
            ),
            _tf(
                "Vraagt de directeur per mail om een spoedbetaling die geheim moet blijven, dan voer je die "
                "direct uit.",
                False,
                "Haast en geheimhouding zijn juist de kenmerken van CEO-fraude. Controleer het verzoek altijd "
                "via een ander kanaal.",
            ),
        ),
        _lp(
            "Je scherm vergrendelen",
            "Vergrendel je computer altijd als je je werkplek verlaat, ook als het maar even is. In Windows doe "
            "je dat met de Windows-toets + L.",
            _sa(
                "Met welke toetscombinatie vergrendel je je scherm in Windows?",
                (
                    "windows+l",
                    "win+l",
                    "windows + l",
                    "win + l",
                    "windowstoets+l",
                    "windows-toets+l",
                    "windows-toets + l",
                ),
                "Windows-toets + L vergrendelt je computer direct; je programma's blijven gewoon open.",
            ),
            _tf(
                "Ook als je maar vijf minuten koffie gaat halen, vergrendel je je scherm.",
                True,
                "In vijf minuten kan iemand mails versturen of gegevens meenemen, en dat gebeurt dan onder "
                "jouw naam.",
            ),
        ),
    ),
)

_AGRESSIE = Training(
    slug="omgaan-met-agressie-aan-de-telefoon",
    title="Omgaan met agressie aan de telefoon",
    description=(
        "Training van een dagdeel voor medewerkers van klantenservice en binnendienst. Je leert oplopende "
        "emoties herkennen, de-escaleren, grenzen stellen en een gesprek zo nodig beëindigen. Met een "
        "trainingsacteur oefen je met realistische telefoongesprekken."
    ),
    provider=_GESPREKSHUIS,
    mode="classroom",
    hours="4.0",
    cost_per_participant="345.00",
    audience=("klantenservice", "verkoop-binnendienst"),
    leaders_only=False,
    learning_points=(
        _lp(
            "Frustratieagressie en instrumentele agressie",
            "Frustratieagressie komt voort uit machteloosheid: de beller is boos over wat er is gebeurd. "
            "Instrumentele agressie wordt bewust ingezet om iets gedaan te krijgen. Bij frustratie helpt begrip "
            "tonen; bij instrumentele agressie stel je duidelijk een grens.",
            _mc(
                "Een beller zegt: 'Als ik mijn geld niet vandaag terugkrijg, zet ik jullie overal op internet "
                "te kijk.' Om welk type agressie gaat het?",
                (
                    _no("Frustratieagressie"),
                    _ok("Instrumentele agressie"),
                    _no("Angstagressie"),
                    _no("Geen agressie, dit is een gewone klacht"),
                ),
                "De beller dreigt bewust om iets af te dwingen. Bij instrumentele agressie helpt begrip "
                "weinig; je stelt een duidelijke grens.",
            ),
            _tf(
                "Bij frustratieagressie werkt het om begrip te tonen voor de emotie van de beller.",
                True,
                "Frustratie komt voort uit machteloosheid. Als de beller zich gehoord voelt, zakt de spanning "
                "vaak al flink.",
            ),
            _sc(
                "Een klant belt, boos en emotioneel: de materialen voor haar verbouwing zijn voor de derde keer "
                "niet geleverd en de aannemer staat te wachten. Ze praat hard, maar scheldt niet.",
                "Wat is de beste aanpak?",
                (
                    _no("Direct een grens stellen en zeggen dat je anders ophangt"),
                    _no("Zeggen dat ze rustig moet worden, anders kun je haar niet helpen"),
                    _ok("Begrip tonen voor haar situatie en samen naar een oplossing zoeken"),
                    _no("Haar zonder uitleg doorverbinden met een collega"),
                ),
                "Dit is frustratieagressie: ze is boos over wat er misging, niet om iets af te dwingen. Begrip "
                "tonen en helpen werkt hier de-escalerend.",
            ),
        ),
        _lp(
            "Emoties benoemen",
            "Benoem de emotie die je hoort: 'Ik hoor dat u hier erg boos over bent.' Een beller die zich gehoord "
            "voelt, wordt vaak rustiger. Zeg nooit 'Rustig nou maar': dat werkt juist escalerend.",
            _mc(
                "Welke reactie werkt het best de-escalerend?",
                (
                    _no("'U hoeft niet zo te schreeuwen.'"),
                    _no("'Rustig nou maar, zo erg is het niet.'"),
                    _no("'Dat ligt niet aan mij.'"),
                    _ok("'Ik hoor dat u hier erg boos over bent, en dat begrijp ik.'"),
                ),
                "Door de emotie te benoemen voelt de beller zich serieus genomen. De andere reacties wijzen de "
                "emotie af en maken de beller vaak bozer.",
            ),
            _tf(
                "'Blijft u even rustig' is een effectieve manier om een boze beller te kalmeren.",
                False,
                "Zo'n opmerking voelt als een terechtwijzing en maakt de emotie vaak groter. Benoem liever wat "
                "je hoort.",
            ),
        ),
        _lp(
            "Zelf rustig blijven",
            "Praat rustig, iets langzamer en niet harder dan normaal; een kalme stem werkt aanstekelijk. Ga niet "
            "in discussie en neem de boosheid niet persoonlijk: die is meestal gericht op de situatie of de "
            "organisatie, niet op jou.",
            _mc(
                "Wat doe je met je stem als een beller steeds harder gaat praten?",
                (
                    _ok("Rustig en iets langzamer blijven praten, op normaal volume"),
                    _no("Harder praten, zodat je boven de beller uitkomt"),
                    _no("Helemaal stil zijn tot de beller ophoudt"),
                    _no("Sneller praten om het gesprek te bekorten"),
                ),
                "Mensen passen zich onbewust aan het tempo en volume van hun gesprekspartner aan. Jouw rust "
                "helpt de beller te kalmeren.",
            ),
            _tf(
                "Is een beller boos op de organisatie, dan is het verstandig om in discussie te gaan over wie "
                "er gelijk heeft.",
                False,
                "Een discussie over gelijk maakt de beller bozer en levert geen oplossing op. Richt je op wat "
                "je wél voor de beller kunt doen.",
            ),
        ),
        _lp(
            "Een grens stellen",
            "Bij schelden, dreigen of discriminerende opmerkingen stel je een grens in drie stappen: benoem het "
            "gedrag, zeg dat je dat niet accepteert en vertel wat er gebeurt als het doorgaat. Bijvoorbeeld: "
            "'U scheldt. Dat accepteer ik niet. Als u doorgaat, beëindig ik het gesprek.'",
            _mc(
                "Welke zin is een goede grens?",
                (
                    _no("'Wilt u alstublieft een beetje aardig doen?'"),
                    _no("'Als u zo doet, hang ik meteen op!'"),
                    _ok(
                        "'U scheldt mij uit. Dat accepteer ik niet. Als u daarmee doorgaat, beëindig ik dit "
                        "gesprek.'"
                    ),
                    _no("'Ik snap dat u boos bent, schelden mag best even.'"),
                ),
                "Deze zin benoemt het gedrag, maakt de grens duidelijk en kondigt de consequentie aan, rustig "
                "en zonder zelf te dreigen.",
            ),
            _tf(
                "Een grens stellen begint met het concreet benoemen van het gedrag van de beller.",
                True,
                "Door het gedrag te benoemen ('U scheldt') weet de beller precies waar de grens ligt en wat "
                "hij moet veranderen.",
            ),
        ),
        _lp(
            "Een gesprek beëindigen",
            "Gaat het ongewenste gedrag door na je waarschuwing, dan mag je het gesprek beëindigen. Kondig het "
            "aan ('Ik beëindig nu dit gesprek') en doe het dan ook; zo blijf je geloofwaardig.",
            _sc(
                "Je hebt een beller gewaarschuwd dat je het gesprek beëindigt als hij blijft schelden. Hij "
                "scheldt gewoon door.",
                "Wat doe je?",
                (
                    _no("Je hangt op zonder iets te zeggen"),
                    _no("Je waarschuwt hem nog een paar keer"),
                    _no("Je verbindt hem zonder uitleg door naar een collega"),
                    _ok("Je zegt dat je het gesprek nu beëindigt en hangt op"),
                ),
                "Je doet wat je hebt aangekondigd; daardoor blijft je grens geloofwaardig. Door het hardop te "
                "zeggen, weet de beller waarom het gesprek stopt.",
            ),
            _tf(
                "Na een duidelijke waarschuwing mag je een gesprek met een scheldende beller zelf beëindigen.",
                True,
                "Je hoeft ongewenst gedrag niet te accepteren en hebt daar geen toestemming voor nodig. Meld het "
                "daarna wel bij je leidinggevende.",
            ),
        ),
        _lp(
            "Melden en nazorg",
            "Meld elk incident met agressie bij je leidinggevende en registreer het, ook als het 'wel meeviel'. "
            "Praat erover met een collega of de vertrouwenspersoon; bij bedreiging kan de organisatie aangifte "
            "doen bij de politie.",
            _tf(
                "Een scheldende beller hoef je niet te melden als je het gesprek goed hebt afgerond.",
                False,
                "Meldingen laten zien hoe vaak agressie voorkomt en bij welke klanten. Zo kan de organisatie "
                "maatregelen nemen en jou en je collega's ondersteunen.",
            ),
            _mc(
                "Een beller dreigt een medewerker iets aan te doen. Wat is de juiste vervolgstap?",
                (
                    _no("Niets doen, de meeste dreigementen zijn niet serieus"),
                    _ok(
                        "Het incident melden bij je leidinggevende, zodat aangifte bij de politie kan volgen"
                    ),
                    _no("De beller terugbellen om het uit te praten"),
                    _no("Het in de groepsapp van het team zetten"),
                ),
                "Bedreiging is strafbaar. Je leidinggevende zorgt voor registratie, nazorg en zo nodig "
                "aangifte.",
            ),
        ),
    ),
)

_LEIDINGGEVEN = Training(
    slug="leidinggeven-aan-teams",
    title="Leidinggeven aan teams",
    description=(
        "Leergang van drie dagen voor teamleiders en leidinggevenden, verspreid over zes weken, met "
        "tussentijdse opdrachten in je eigen team. Je werkt aan situationeel leidinggeven, doelen stellen, "
        "delegeren en het bouwen van een team waarin mensen fouten durven te bespreken."
    ),
    provider=_GESPREKSHUIS,
    mode="blended",
    hours="21.0",
    cost_per_participant="1495.00",
    audience=_ALL_TEAMS,
    leaders_only=True,
    learning_points=(
        _lp(
            "Situationeel leidinggeven",
            "Volgens het model van Hersey en Blanchard stem je je stijl af op de taakvolwassenheid van de "
            "medewerker voor een bepaalde taak: instrueren, overtuigen, participeren of delegeren. Er is niet "
            "één beste stijl voor iedereen.",
            _sc(
                "Fatima werkt al acht jaar op de financiële administratie, kent de maandafsluiting door en "
                "door en pakt haar werk graag zelfstandig op.",
                "Welke stijl past volgens situationeel leidinggeven het best bij haar maandafsluiting?",
                (_no("Instrueren"), _no("Overtuigen"), _no("Participeren"), _ok("Delegeren")),
                "Fatima is voor deze taak zowel bekwaam als gemotiveerd. Dan geef je de taak en de "
                "verantwoordelijkheid uit handen en blijf je op afstand betrokken.",
            ),
            _sc(
                "Een ervaren magazijnmedewerker kan de nieuwe handscanner prima bedienen, maar is onzeker "
                "geworden na een fout bij de inventarisatie. Hij vraagt steeds of hij het wel goed doet.",
                "Welke stijl past het best?",
                (
                    _no("Instrueren: precies voorschrijven hoe hij moet scannen"),
                    _ok("Participeren: samen overleggen en vertrouwen geven, weinig sturen op de taak"),
                    _no("Delegeren: hem volledig loslaten"),
                    _no("Overtuigen: veel uitleggen en veel sturen op de taak"),
                ),
                "Hij kan het wel, maar mist vertrouwen. Dan helpt vooral steun en betrokkenheid; extra sturing "
                "op de taak is niet nodig.",
            ),
            _tf(
                "Volgens situationeel leidinggeven is er één beste leiderschapsstijl die je bij iedereen "
                "toepast.",
                False,
                "De juiste stijl hangt af van de medewerker én de taak. Dezelfde persoon kan voor de ene taak "
                "instructie nodig hebben en voor de andere taak zelfstandig zijn.",
            ),
        ),
        _lp(
            "Fasen van teamontwikkeling",
            "Volgens Tuckman doorloopt een team de fasen forming, storming, norming en performing. Spanningen in "
            "de stormingfase zijn normaal: als leidinggevende help je het team conflicten bespreekbaar te maken "
            "en werkafspraken te maken.",
            _mc(
                "In welke fase van Tuckman ontstaan vaak spanningen en discussies over rollen en werkwijze?",
                (_no("Forming"), _ok("Storming"), _no("Norming"), _no("Performing")),
                "In de stormingfase zoeken teamleden hun positie en botsen werkwijzen. Dat hoort bij de "
                "ontwikkeling van een team.",
            ),
            _sa(
                "Welke fase van Tuckman volgt op storming?",
                ("norming", "normeren", "normingfase", "norming fase"),
                "Na storming volgt norming: het team maakt afspraken over hoe het samenwerkt. Daarna volgt "
                "performing.",
            ),
            _tf(
                "Conflicten in een nieuw team betekenen dat de samenstelling van het team mislukt is.",
                False,
                "Spanningen horen bij de stormingfase. Teams die ze goed doorkomen, werken daarna vaak beter "
                "samen.",
            ),
        ),
        _lp(
            "SMART doelen stellen",
            "Maak doelen SMART: Specifiek, Meetbaar, Acceptabel, Realistisch en Tijdgebonden. 'Minder fouten' is "
            "geen doel; 'Vóór 1 juli daalt het aandeel verkeerd gepickte orders van 3 naar 1 procent' wel.",
            _mc(
                "Welk doel is SMART geformuleerd?",
                (
                    _no("We gaan minder fouten maken."),
                    _no("Iedereen doet zijn best om klanten tevreden te houden."),
                    _ok("Vóór 1 juli daalt het aandeel verkeerd gepickte orders van 3 naar 1 procent."),
                    _no("We verbeteren zo snel mogelijk de klanttevredenheid."),
                ),
                "Dit doel is specifiek (verkeerd gepickte orders), meetbaar (van 3 naar 1 procent) en "
                "tijdgebonden (vóór 1 juli).",
            ),
            _sa(
                "Waar staat de T in SMART voor?",
                ("tijdgebonden", "tijdsgebonden"),
                "SMART staat voor Specifiek, Meetbaar, Acceptabel, Realistisch en Tijdgebonden: een doel "
                "heeft een duidelijke einddatum.",
            ),
        ),
        _lp(
            "Delegeren",
            "Bij goed delegeren spreek je het gewenste resultaat en de kaders af (budget, deadline, "
            "bevoegdheden), maar laat je de werkwijze aan de medewerker. Je geeft taak en bevoegdheid uit "
            "handen; de eindverantwoordelijkheid blijft bij jou.",
            _mc(
                "Wat spreek je af als je een taak delegeert?",
                (
                    _ok("Het resultaat, de kaders en de bevoegdheden; de aanpak laat je aan de medewerker"),
                    _no("Precies hoe de medewerker elke stap moet uitvoeren"),
                    _no("Alleen de deadline; de rest volgt vanzelf"),
                    _no("Niets; delegeren betekent loslaten"),
                ),
                "Met duidelijke kaders weet de medewerker wat er van hem verwacht wordt, en met ruimte voor "
                "een eigen aanpak neemt hij echt eigenaarschap.",
            ),
            _tf(
                "Als je een taak delegeert, blijf je als leidinggevende eindverantwoordelijk voor het resultaat.",
                True,
                "Je draagt taak en bevoegdheid over, maar de eindverantwoordelijkheid blijft bij jou. Daarom "
                "spreek je ook momenten van afstemming af.",
            ),
            _sc(
                "Je hebt de organisatie van de jaarlijkse inventarisatie gedelegeerd aan een teamleider. "
                "Halverwege zie je dat hij het anders aanpakt dan jij zou doen, maar alles ligt op schema.",
                "Wat doe je?",
                (
                    _no("Je neemt het weer over, want jouw aanpak is beproefd"),
                    _no("Je stuurt hem een lijst met alle stappen zoals jij het zou doen"),
                    _ok("Je laat hem zijn eigen aanpak volgen en houdt de afgesproken afstemmomenten aan"),
                    _no("Je spreekt hem erop aan in het teamoverleg"),
                ),
                "Het resultaat en de kaders zijn afgesproken en het loopt op schema. Ingrijpen in de werkwijze "
                "ondermijnt het eigenaarschap dat je met delegeren juist wilt geven.",
            ),
        ),
        _lp(
            "Psychologische veiligheid",
            "In een psychologisch veilig team durven mensen vragen te stellen, fouten te melden en kritiek te "
            "geven zonder angst voor gezichtsverlies (Amy Edmondson). Als leidinggevende geef je het voorbeeld "
            "door zelf fouten toe te geven en mensen te bedanken als ze slecht nieuws melden.",
            _mc(
                "Wat draagt het meest bij aan psychologische veiligheid in je team?",
                (
                    _no("Fouten in het teamoverleg koppelen aan namen, zodat iedereen weet wie wat doet"),
                    _ok("Zelf openlijk een fout toegeven en bespreken wat je ervan hebt geleerd"),
                    _no("Alleen positieve resultaten bespreken"),
                    _no("Kritische vragen uit het overleg houden"),
                ),
                "Als de leidinggevende fouten bespreekbaar maakt, voelen anderen zich vrij om dat ook te doen.",
            ),
            _tf(
                "Psychologische veiligheid betekent dat er in het team geen kritiek meer wordt gegeven.",
                False,
                "Juist in een veilig team durven mensen kritiek te geven. Het gaat om ruimte om risico's te "
                "nemen, niet om het vermijden van lastige gesprekken.",
            ),
            _sc(
                "Een medewerker meldt in het teamoverleg dat hij een orderbevestiging met een verkeerde prijs "
                "heeft verstuurd. Het gaat om een flink bedrag.",
                "Wat is de beste eerste reactie?",
                (
                    _ok("Hem bedanken dat hij het meldt en samen kijken hoe jullie het oplossen"),
                    _no("Duidelijk maken dat dit niet nog eens mag gebeuren"),
                    _no("Vragen hoe dit in vredesnaam kon gebeuren"),
                    _no("Het snel afdoen en doorgaan met de agenda"),
                ),
                "Hoe je reageert op deze melding, bepaalt of de volgende fout ook gemeld wordt. De oorzaak "
                "bespreek je daarna, gericht op leren.",
            ),
        ),
        _lp(
            "Coachen met het GROW-model",
            "Met het GROW-model (John Whitmore) help je een medewerker zelf tot een oplossing te komen: Goal "
            "(doel), Reality (huidige situatie), Options (mogelijkheden) en Will (wat ga je doen?). Je stelt "
            "vooral vragen in plaats van oplossingen aan te dragen.",
            _sa(
                "Waar staat de O in het GROW-model voor? Engels of Nederlands mag.",
                ("options", "opties", "mogelijkheden"),
                "GROW staat voor Goal, Reality, Options en Will. Bij Options verken je samen welke "
                "mogelijkheden er zijn.",
            ),
            _mc(
                "Welke vraag hoort bij de stap Will van het GROW-model?",
                (
                    _no("Wat wil je bereiken?"),
                    _no("Wat gebeurt er nu precies?"),
                    _no("Welke mogelijkheden zie je?"),
                    _ok("Wat ga je als eerste doen, en wanneer?"),
                ),
                "Will gaat over commitment: welke concrete stap zet de medewerker, en wanneer. De andere "
                "vragen horen bij Goal, Reality en Options.",
            ),
            _tf(
                "Bij coachen volgens GROW geef je als leidinggevende zo snel mogelijk de oplossing.",
                False,
                "Een oplossing die de medewerker zelf bedenkt, begrijpt hij beter en voert hij eerder uit. "
                "Jij helpt vooral met vragen.",
            ),
        ),
        _lp(
            "Regelmatige één-op-ééngesprekken",
            "Plan vaste, korte één-op-ééngesprekken met elke medewerker, bijvoorbeeld elke twee weken. Het is "
            "vooral het gesprek van de medewerker: die bepaalt grotendeels de agenda, jij luistert en vraagt "
            "door.",
            _tf(
                "Een één-op-ééngesprek is vooral bedoeld om als leidinggevende de voortgang te controleren.",
                False,
                "Het gesprek is vooral van de medewerker: wat houdt hem bezig, waar loopt hij tegenaan en wat "
                "heeft hij van jou nodig.",
            ),
            _mc(
                "Wat is een goede gewoonte voor één-op-ééngesprekken?",
                (
                    _no("Ze alleen houden als er een probleem is"),
                    _no("Ze combineren met het teamoverleg om tijd te besparen"),
                    _ok("Ze vast inplannen en niet verzetten bij de eerste drukte"),
                    _no("De agenda altijd zelf volledig vastleggen"),
                ),
                "Wie het gesprek steeds verzet, laat zien dat het geen prioriteit heeft. Een vast ritme maakt "
                "het makkelijk om ook kleine zaken op tijd te bespreken.",
            ),
        ),
    ),
)

TRAININGS: tuple[Training, ...] = (
    _EXCEL,
    _FEEDBACK,
    _VCA,
    _KLANTGESPREKKEN,
    _TIMEMANAGEMENT,
    _INFOSEC,
    _AGRESSIE,
    _LEIDINGGEVEN,
)


# --------------------------------------------------------------------------- lookups


def provider_by_name(name: str) -> Provider:
    """Return the provider with this name; raise ``KeyError`` if there is none."""
    for provider in PROVIDERS:
        if provider.name == name:
            return provider
    raise KeyError(name)


def iter_questions() -> Iterator[tuple[Training, LearningPoint, Question]]:
    """Yield every question with its training and learning point, in a stable order."""
    for training in TRAININGS:
        for point in training.learning_points:
            for question in point.questions:
                yield training, point, question
