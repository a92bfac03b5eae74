"""AI Act classification, guided by the questions of the government's AI Act decision aid
(Beslishulp AI-verordening). Each question names the decision-aid step it follows, so an
assessor can look up the official explanation; the wording here is Waarborg's own."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    key: str
    beslishulp_ref: str
    text: str
    options: tuple[Option, ...]


YES_NO = (Option("ja", "Ja"), Option("nee", "Nee"))

QUESTIONS: tuple[Question, ...] = (
    Question(
        "rol",
        "1.2 Verantwoordelijkheid",
        "Hoe komt de toepassing tot stand?",
        (
            Option(
                "extern_gebruik",
                "We gebruiken een extern ontwikkeld model zonder wezenlijke aanpassingen",
            ),
            Option(
                "zelf_ontwikkeld", "We ontwikkelen (of passen wezenlijk aan) en gebruiken het zelf"
            ),
            Option("aanbieden", "We bieden het onder eigen naam aan andere organisaties aan"),
        ),
    ),
    Question(
        "verboden",
        "2.x Verboden AI-praktijken (art. 5)",
        "Gebruikt de toepassing een verboden praktijk, zoals sociale scoring, manipulatie of "
        "het uitbuiten van kwetsbaarheden?",
        YES_NO,
    ),
    Question(
        "hoog_risico_gebied",
        "2.x Hoog-risico (art. 6 en bijlage III)",
        "Wordt de toepassing gebruikt voor beslissingen in een hoog-risicogebied, zoals toegang "
        "tot uitkeringen en essentiële publieke diensten, onderwijs, werk, migratie, "
        "rechtshandhaving of rechtspraak?",
        YES_NO,
    ),
    Question(
        "alleen_ondersteunend",
        "2.x Uitzondering (art. 6 lid 3)",
        "Voert de toepassing alleen een beperkte voorbereidende of ondersteunende taak uit, "
        "zonder het resultaat van een menselijke beoordeling te vervangen of te beïnvloeden?",
        YES_NO,
    ),
    Question(
        "interactie_met_personen",
        "3.x Transparantie (art. 50 lid 1)",
        "Gaan mensen rechtstreeks met de toepassing in gesprek (bijvoorbeeld een chatbot)?",
        YES_NO,
    ),
    Question(
        "genereert_inhoud",
        "3.x Transparantie (art. 50 lid 2)",
        "Maakt de toepassing tekst, beeld, audio of video die als door AI gemaakt herkenbaar "
        "moet zijn?",
        YES_NO,
    ),
    Question(
        "publiceert_tekst",
        "3.x Transparantie (art. 50 lid 4)",
        "Publiceert de organisatie door AI gemaakte tekst om het publiek te informeren, zonder "
        "menselijke redactie?",
        YES_NO,
    ),
)
QUESTION_KEYS = tuple(question.key for question in QUESTIONS)


@dataclass(frozen=True)
class Classification:
    complete: bool
    roles: tuple[str, ...] = ()
    risk_group: str = ""
    transparency: tuple[str, ...] = field(default_factory=tuple)
    unanswered: tuple[str, ...] = ()


def classify(answers: dict[str, str]) -> Classification:
    """Role, risk group and transparency obligations from the answers given so far."""
    valid = {q.key: {o.value for o in q.options} for q in QUESTIONS}
    unanswered = tuple(key for key in QUESTION_KEYS if answers.get(key) not in valid[key])
    roles = {
        "extern_gebruik": ("gebruiksverantwoordelijke",),
        "zelf_ontwikkeld": ("aanbieder", "gebruiksverantwoordelijke"),
        "aanbieden": ("aanbieder",),
    }.get(answers.get("rol", ""), ())
    if answers.get("verboden") == "ja":
        risk = "verboden AI-praktijk"
    elif answers.get("hoog_risico_gebied") == "ja" and answers.get("alleen_ondersteunend") != "ja":
        risk = "hoog-risico AI-systeem"
    elif answers.get("hoog_risico_gebied") in {"ja", "nee"}:
        risk = "geen hoog-risico AI-systeem"
    else:
        risk = ""
    transparency = []
    if answers.get("interactie_met_personen") == "ja":
        transparency.append("Mensen vertellen dat zij met een AI-systeem praten (art. 50 lid 1).")
    if answers.get("genereert_inhoud") == "ja":
        transparency.append("Gemaakte inhoud herkenbaar als AI-uitvoer markeren (art. 50 lid 2).")
    if answers.get("publiceert_tekst") == "ja":
        transparency.append(
            "Bij publicatie vermelden dat de tekst door AI is gemaakt (art. 50 lid 4)."
        )
    return Classification(
        complete=not unanswered,
        roles=roles,
        risk_group=risk,
        transparency=tuple(transparency),
        unanswered=unanswered,
    )


def validate_answers(answers: dict[str, str]) -> list[str]:
    """Problems with given answers: unknown questions or options."""
    by_key = {q.key: q for q in QUESTIONS}
    problems = []
    for key, value in answers.items():
        question = by_key.get(key)
        if question is None:
            problems.append(f"onbekende vraag '{key}'")
        elif value not in {option.value for option in question.options}:
            allowed = ", ".join(option.value for option in question.options)
            problems.append(f"'{value}' is geen antwoord op '{key}' (kies uit: {allowed})")
    return problems
