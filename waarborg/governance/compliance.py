"""Compliance mapping: which Algoritmekader requirements and measures apply to a generative-AI
use case, which Waarborg control enforces or evidences each, and whether this use case meets it.

Every state is computed from the records (use case, risk assessment, approvals, catalogue,
supplier agreements, history); nothing is declared "voldaan" by hand. Some controls belong to
parts of Waarborg that are built later (the AI label on answers, the audit log with its retention,
the privacy guard on the request path, the knowledge sources). Until such a part provides its
evidence through an ``EvidenceProvider``, a requirement that needs it is "niet voldaan" and the
finding names the missing part under ``pending``: an honest gap, not a fake pass.

The titles are Waarborg's own short summaries; the URN and link lead to the Algoritmekader text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy.orm import Session

from waarborg.db.tables import ModelEntry, Organisation, RiskAssessment, UseCase
from waarborg.governance.ai_act import Classification, classify
from waarborg.governance.approvals import ApprovalState, approval_state
from waarborg.governance.assessments import dpia_on_record, personal_data_possible
from waarborg.governance.catalogue import find_agreement, policy_blocks
from waarborg.governance.use_cases import history
from waarborg.governance.vocabulary import PersonalDataPolicy, UseCaseStatus
from waarborg.register.entry import allowed_models, assessment_or_blank, build_register_entry
from waarborg.register.html import shorten
from waarborg.register.publication import HIGH_RISK, IMPACTFUL, publication_category
from waarborg.register.validation import validate_entry

AK = "https://minbzk.github.io/Algoritmekader/voldoen-aan-wetten-en-regels"
SIX_MONTHS_IN_DAYS = 183
HIGH_RISK_GROUP = "hoog-risico AI-systeem"


class State(StrEnum):
    MET = "voldaan"
    NOT_MET = "niet voldaan"
    NOT_APPLICABLE = "niet van toepassing"


class Kind(StrEnum):
    REQUIREMENT = "vereiste"  # urn:nl:ak:ver:…
    MEASURE = "maatregel"  # urn:nl:ak:mtr:…


class Component(StrEnum):
    """Parts of Waarborg built after this mapping, which will evidence some controls."""

    AI_LABEL = "ai_label"
    AUDIT_LOG = "audit_log"
    PRIVACY_GUARD = "privacy_guard"
    KNOWLEDGE_SOURCES = "knowledge_sources"


COMPONENT_DESCRIPTIONS = {
    Component.AI_LABEL: "het AI-label bij elk antwoord (antwoordstap van het verzoekpad)",
    Component.AUDIT_LOG: "het auditlog met bewaartermijn en automatisch verwijderen",
    Component.PRIVACY_GUARD: (
        "de privacyfilter op elke vraag (herkennen, blokkeren, pseudonimiseren)"
    ),
    Component.KNOWLEDGE_SOURCES: "de goedgekeurde kennisbronnen van de toepassing",
}


@dataclass(frozen=True)
class Evidence:
    """One fact from a record: which record and field, its value, and when it was set."""

    record: str
    field: str
    value: str
    when: date | datetime | None = None


@dataclass(frozen=True)
class ComponentEvidence:
    satisfied: bool
    evidence: tuple[Evidence, ...] = ()


class EvidenceProvider(Protocol):
    """What a later component implements to evidence the controls it carries out."""

    def evidence(self, session: Session, use_case: UseCase) -> ComponentEvidence: ...


@dataclass(frozen=True)
class Finding:
    urn: str
    kind: Kind
    title: str
    link: str
    control: str
    state: State
    evidence: tuple[Evidence, ...]
    pending: tuple[str, ...] = ()


@dataclass
class Facts:
    """Everything the checks read, gathered once per use case."""

    session: Session
    organisation: Organisation
    use_case: UseCase
    record: RiskAssessment
    classification: Classification
    models: list[ModelEntry]
    approvals: ApprovalState
    register_problems: list[str]
    category: str

    def assessed(self, name: str, value: str | None = None) -> Evidence:
        text = str(getattr(self.record, name)) if value is None else value
        return Evidence("risicobeoordeling", name, _brief(text), self.record.updated_at)

    def described(self, name: str, value: str | None = None) -> Evidence:
        text = str(getattr(self.use_case, name)) if value is None else value
        return Evidence("toepassing", name, _brief(text), self.use_case.updated_at)

    def classified(self) -> Evidence:
        c = self.classification
        if not c.complete:
            value = "onvolledig; nog te beantwoorden: " + ", ".join(c.unanswered)
        else:
            value = f"{c.risk_group}; rol: {', '.join(c.roles) or 'onbekend'}"
        return self.assessed("ai_act_answers", value)


@dataclass(frozen=True)
class Outcome:
    applies: bool
    met: bool
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Requirement:
    urn: str
    page: str  # the name of its page on the Algoritmekader site
    kind: Kind
    title: str
    control: str
    check: Callable[[Facts], Outcome]
    needs: tuple[Component, ...] = ()

    @property
    def link(self) -> str:
        folder = "vereisten" if self.kind == Kind.REQUIREMENT else "maatregelen"
        return f"{AK}/{folder}/{self.page}/index.html"


def _brief(text: str) -> str:
    return shorten(text, 160) if text.strip() else "(leeg)"


# --- the checks -------------------------------------------------------------------------------


def _high_risk(facts: Facts, role: str, *extra: Evidence) -> Outcome | None:
    """Not applicable unless high-risk in this role; unknown while the answers are incomplete."""
    c = facts.classification
    if not c.complete:
        return Outcome(applies=True, met=False, evidence=[facts.classified(), *extra])
    if c.risk_group != HIGH_RISK_GROUP or role not in c.roles:
        return Outcome(applies=False, met=False, evidence=[facts.classified()])
    return None


def _literacy(facts: Facts) -> Outcome:
    filled = bool(facts.record.preconditions.strip())
    return Outcome(True, filled, [facts.assessed("preconditions")])


def _logs_kept(role: str) -> Callable[[Facts], Outcome]:
    def check(facts: Facts) -> Outcome:
        days = facts.use_case.retention_days
        retention = facts.described("retention_days", f"{days} dagen")
        decided = _high_risk(facts, role, retention)
        if decided is not None:
            return decided
        return Outcome(True, days >= SIX_MONTHS_IN_DAYS, [facts.classified(), retention])

    return check


def _oversight(facts: Facts) -> Outcome:
    evidence = facts.described("human_oversight")
    decided = _high_risk(facts, "gebruiksverantwoordelijke", evidence)
    if decided is not None:
        return decided
    return Outcome(
        True, bool(facts.use_case.human_oversight.strip()), [facts.classified(), evidence]
    )


def _transparency(facts: Facts) -> Outcome:
    c = facts.classification
    answers = facts.record.ai_act_answers or {}
    asked = ("interactie_met_personen", "genereert_inhoud", "publiceert_tekst")
    given = ", ".join(f"{key}={answers.get(key, '?')}" for key in asked)
    evidence = [facts.assessed("ai_act_answers", given)]
    if c.complete and not c.transparency:
        return Outcome(False, False, evidence)
    evidence += [facts.assessed("ai_act_answers", duty) for duty in c.transparency]
    return Outcome(True, c.complete, evidence)


def _personal_data_facts(facts: Facts) -> list[Evidence]:
    return [facts.described("personal_data_policy"), facts.described("data_classification")]


def _retention(facts: Facts) -> Outcome:
    evidence = _personal_data_facts(facts)
    if not personal_data_possible(facts.use_case):
        return Outcome(False, False, evidence)
    days = facts.use_case.retention_days
    return Outcome(True, True, [*evidence, facts.described("retention_days", f"{days} dagen")])


def _minimal(facts: Facts) -> Outcome:
    evidence = _personal_data_facts(facts)
    if facts.use_case.personal_data_policy != PersonalDataPolicy.ALLOW:
        return Outcome(True, True, evidence)
    dpia = dpia_on_record(facts.record)
    evidence.append(facts.assessed("dpia_status"))
    return Outcome(True, dpia and bool(facts.record.necessity.strip()), evidence)


def _dpia(facts: Facts) -> Outcome:
    evidence = _personal_data_facts(facts)
    if not personal_data_possible(facts.use_case):
        return Outcome(False, False, evidence)
    record = facts.record
    dated = record.dpia_date.isoformat() if record.dpia_date else "(geen datum)"
    evidence += [
        Evidence("risicobeoordeling", "dpia_status", record.dpia_status, record.dpia_date),
        Evidence("risicobeoordeling", "dpia_date", dated, record.dpia_date),
        facts.assessed("dpia_outcome"),
    ]
    if record.dpia_link.strip():
        evidence.append(facts.assessed("dpia_link"))
    return Outcome(True, dpia_on_record(record), evidence)


def _lawful(facts: Facts) -> Outcome:
    evidence = _personal_data_facts(facts)
    if not personal_data_possible(facts.use_case):
        return Outcome(False, False, evidence)
    links = len(facts.record.legal_basis_links or [])
    evidence += [
        facts.assessed("legal_basis"),
        facts.assessed("legal_basis_links", f"{links} verwijzing(en)"),
    ]
    return Outcome(True, bool(facts.record.legal_basis.strip()), evidence)


def _proportional(facts: Facts) -> Outcome:
    filled = bool(facts.record.necessity.strip()) and bool(facts.record.alternatives.strip())
    return Outcome(True, filled, [facts.assessed("necessity"), facts.assessed("alternatives")])


def _register(facts: Facts) -> Outcome:
    category = facts.category or "onbekend (AI-verordening nog niet volledig beantwoord)"
    evidence = [Evidence("registerexport", "publication_category", category)]
    if facts.category and facts.category not in {HIGH_RISK, IMPACTFUL}:
        return Outcome(False, False, evidence)
    problems = facts.register_problems
    export = "volledig" if not problems else f"{len(problems)} probleem/problemen: {problems[0]}"
    evidence += [
        facts.described("published", "ja" if facts.use_case.published else "nee"),
        Evidence("registerexport", "validatie", _brief(export), None),
    ]
    return Outcome(True, facts.use_case.published and not problems, evidence)


def _policy(facts: Facts) -> Outcome:
    organisation = facts.organisation
    evidence = [
        Evidence("organisatie", "block_non_eu_models", _yes(organisation.block_non_eu_models)),
        Evidence("organisatie", "block_closed_models", _yes(organisation.block_closed_models)),
        Evidence(
            "organisatie",
            "required_approver_roles",
            ", ".join(organisation.required_approver_roles),
        ),
    ]
    blocked = [reason for model in facts.models if (reason := policy_blocks(model, organisation))]
    evidence += [Evidence("modelcatalogus", "beleid", reason) for reason in blocked]
    state = facts.approvals
    revision = facts.record.revision
    evidence += [
        Evidence("akkoord", role.value, f"akkoord op revisie {revision}", approval.decided_at)
        for role, approval in state.approved.items()
    ]
    evidence += [
        Evidence("akkoord", role.value, f"ontbreekt op revisie {revision}")
        for role in state.missing
    ]
    evidence += [
        Evidence(
            "akkoord", role.value, f"afgewezen: {_brief(approval.comment)}", approval.decided_at
        )
        for role, approval in state.rejected.items()
    ]
    return Outcome(True, not blocked and state.complete, evidence)


def _no_retraining(facts: Facts) -> Outcome:
    evidence, met = [], bool(facts.models)
    for provider in sorted({model.provider for model in facts.models}):
        agreement = find_agreement(facts.session, facts.organisation.id, provider)
        if agreement is None:
            met = False
            evidence.append(Evidence("leveranciersafspraak", provider, "ontbreekt"))
            continue
        met = met and not agreement.retraining_on_prompts
        evidence.append(
            Evidence(
                "leveranciersafspraak",
                f"{provider}: retraining_on_prompts",
                _yes(agreement.retraining_on_prompts),
                agreement.signed_on,
            )
        )
    return Outcome(True, met, evidence)


def _stop_plan(facts: Facts) -> Outcome:
    evidence = [facts.assessed("exit_strategy")]
    suspensions = [
        change
        for change in history(facts.session, facts.use_case)
        if change.action == "status"
        and change.changes.get("status", {}).get("nieuw") == UseCaseStatus.SUSPENDED
    ]
    if suspensions:
        last = suspensions[-1]
        evidence.append(Evidence("geschiedenis", "noodstop", "laatst gebruikt", last.changed_at))
    use_case = facts.use_case
    evidence.append(Evidence("toepassing", "status", use_case.status, use_case.status_changed_at))
    return Outcome(True, bool(facts.record.exit_strategy.strip()), evidence)


def _archive(facts: Facts) -> Outcome:
    changes = history(facts.session, facts.use_case)
    first = changes[0].changed_at if changes else None
    evidence = [
        Evidence("geschiedenis", "wijzigingen", f"{len(changes)} bewaard, vanaf", first),
        facts.described("retention_days", f"{facts.use_case.retention_days} dagen"),
    ]
    return Outcome(True, bool(changes), evidence)


def _yes(value: bool) -> str:
    return "ja" if value else "nee"


# --- the mapping ------------------------------------------------------------------------------

REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "urn:nl:ak:ver:aia-01",
        "aia-01-ai-geletterdheid",
        Kind.REQUIREMENT,
        "Wie de toepassing gebruikt of beheert, weet genoeg van AI om er verantwoord mee te "
        "werken.",
        "Risicobeoordeling, veld randvoorwaarden (AI-geletterdheid, governance, informatiebeheer); "
        "zonder dit veld geen beoordeling en geen productie.",
        _literacy,
    ),
    Requirement(
        "urn:nl:ak:ver:aia-13",
        "aia-13-bewaartermijn-voor-gegenereerde-logs",
        Kind.REQUIREMENT,
        "Een aanbieder van hoog-risico-AI bewaart de automatisch gemaakte logs minstens zes "
        "maanden.",
        "AI-verordening-classificatie in de risicobeoordeling; bewaartermijn van de toepassing "
        "(minstens 183 dagen); het auditlog legt elk verzoek vast.",
        _logs_kept("aanbieder"),
        (Component.AUDIT_LOG,),
    ),
    Requirement(
        "urn:nl:ak:ver:aia-21",
        "aia-21-gebruiksverantwoordelijken-menselijk-toezicht",
        Kind.REQUIREMENT,
        "Bij hoog-risico-AI houden mensen met genoeg kennis en bevoegdheid toezicht.",
        "Beschrijving van het menselijk toezicht bij de toepassing; verplicht voor beoordeling.",
        _oversight,
    ),
    Requirement(
        "urn:nl:ak:ver:aia-23",
        "aia-23-gebruiksverantwoordelijken-bewaren-logs",
        Kind.REQUIREMENT,
        "Wie hoog-risico-AI gebruikt, bewaart de logs die onder eigen beheer vallen minstens zes "
        "maanden.",
        "AI-verordening-classificatie in de risicobeoordeling; bewaartermijn van de toepassing "
        "(minstens 183 dagen); het auditlog legt elk verzoek vast.",
        _logs_kept("gebruiksverantwoordelijke"),
        (Component.AUDIT_LOG,),
    ),
    Requirement(
        "urn:nl:ak:ver:aia-28",
        "aia-28-transparantieverplichtingen",
        Kind.REQUIREMENT,
        "Mensen weten wanneer zij met AI praten en welke inhoud door AI is gemaakt.",
        "AI-verordening-classificatie in de risicobeoordeling bepaalt de "
        "transparantieplichten; elk antwoord krijgt een AI-label.",
        _transparency,
        (Component.AI_LABEL,),
    ),
    Requirement(
        "urn:nl:ak:ver:avg-01",
        "avg-01-persoonsgegevens-worden-rechtmatig-verwerkt",
        Kind.REQUIREMENT,
        "Voor het verwerken van persoonsgegevens is een rechtsgrond.",
        "Rechtsgrond met verwijzingen in de risicobeoordeling; verplicht voor beoordeling.",
        _lawful,
    ),
    Requirement(
        "urn:nl:ak:ver:avg-02",
        "avg-02-beperkte-bewaartermijn-van-persoonsgegevens",
        Kind.REQUIREMENT,
        "Persoonsgegevens worden niet langer bewaard dan nodig.",
        "Bewaartermijn per toepassing; gesprekken en auditgegevens worden na die termijn "
        "verwijderd.",
        _retention,
        (Component.AUDIT_LOG,),
    ),
    Requirement(
        "urn:nl:ak:ver:avg-03",
        "avg-03-minimale-verwerking-van-persoonsgegevens",
        Kind.REQUIREMENT,
        "Er worden niet meer persoonsgegevens verwerkt dan nodig.",
        "Regel voor persoonsgegevens per toepassing (blokkeren, pseudonimiseren, of toestaan met "
        "DPIA), toegepast op elke vraag.",
        _minimal,
        (Component.PRIVACY_GUARD,),
    ),
    Requirement(
        "urn:nl:ak:ver:avg-04",
        "avg-04-proportionaliteit-en-subsidiariteit",
        Kind.REQUIREMENT,
        "De inzet is evenredig en er is geen minder ingrijpend alternatief.",
        "Risicobeoordeling, velden noodzaak en alternatieven; verplicht voor beoordeling.",
        _proportional,
    ),
    Requirement(
        "urn:nl:ak:ver:avg-13",
        "avg-13-dpia-verplicht",
        Kind.REQUIREMENT,
        "Als persoonsgegevens het model kunnen bereiken, is er een afgeronde DPIA.",
        "DPIA-velden in de risicobeoordeling (status, datum, uitkomst); zonder afgeronde DPIA "
        "weigert Waarborg beoordeling en productie.",
        _dpia,
    ),
    Requirement(
        "urn:nl:ak:ver:bzk-01",
        "bzk-01-algoritmeregister",
        Kind.REQUIREMENT,
        "Impactvolle algoritmes en hoog-risico-AI staan in het Algoritmeregister.",
        "Registerexport volgens publicatiestandaard 1.0, gemaakt en gecontroleerd uit dit record; "
        "publicatie op de openbare registerpagina.",
        _register,
    ),
    Requirement(
        "urn:nl:ak:mtr:owp-35",
        "2-owp-35-toepassen-vastgestelde-beleidskaders",
        Kind.MEASURE,
        "Het vastgestelde AI-beleid van de organisatie wordt toegepast.",
        "Beleid van de organisatie (EU-modellen, open gewichten, vereiste akkoorden) in Waarborg, "
        "bij elk verzoek afgedwongen; akkoorden gelden alleen voor de beoordeelde revisie.",
        _policy,
    ),
    Requirement(
        "urn:nl:ak:mtr:dat-11",
        "3-dat-11-datamanipulatie",
        Kind.MEASURE,
        "Gegevens zijn beschermd tegen manipulatie en ongewenste afhankelijkheden.",
        "Leveranciersafspraken zonder bijtrainen op vragen; antwoorden alleen uit goedgekeurde "
        "bronnen.",
        _no_retraining,
        (Component.KNOWLEDGE_SOURCES,),
    ),
    Requirement(
        "urn:nl:ak:mtr:owk-02",
        "4-owk-02-stopzetten-gebruik",
        Kind.MEASURE,
        "Er is een noodplan om het gebruik direct te stoppen.",
        "Exitstrategie in de risicobeoordeling en de noodstop van Waarborg (toepassing, model of "
        "hele organisatie; direct op alle servers).",
        _stop_plan,
    ),
    Requirement(
        "urn:nl:ak:mtr:uit-01",
        "8-uit-01-archiveren",
        Kind.MEASURE,
        "Bij uitfaseren blijven de gegevens over de werking bewaard en verdwijnen gevoelige "
        "gegevens.",
        "Versiegeschiedenis van toepassing en beoordeling blijft bewaard, ook na buiten gebruik; "
        "gespreksgegevens worden na de bewaartermijn verwijderd.",
        _archive,
        (Component.AUDIT_LOG,),
    ),
)


def gather(session: Session, organisation: Organisation, use_case: UseCase) -> Facts:
    record = assessment_or_blank(use_case)
    answers = record.ai_act_answers or {}
    entry = build_register_entry(session, organisation, use_case)
    return Facts(
        session=session,
        organisation=organisation,
        use_case=use_case,
        record=record,
        classification=classify(answers),
        models=allowed_models(session, use_case),
        approvals=approval_state(session, use_case, organisation),
        register_problems=validate_entry(entry),
        category=publication_category(use_case, answers),
    )


def compliance_report(
    session: Session,
    organisation: Organisation,
    use_case: UseCase,
    providers: Mapping[Component, EvidenceProvider] | None = None,
    requirements: Sequence[Requirement] = REQUIREMENTS,
) -> list[Finding]:
    """One finding per requirement. ``providers`` is where later components plug in."""
    facts = gather(session, organisation, use_case)
    return [assess(requirement, facts, providers or {}) for requirement in requirements]


def assess(
    requirement: Requirement, facts: Facts, providers: Mapping[Component, EvidenceProvider]
) -> Finding:
    """The state of one requirement: its own check, then the evidence of later components."""
    outcome = requirement.check(facts)
    evidence = list(outcome.evidence)
    pending: list[str] = []
    met = outcome.met
    if outcome.applies:
        for component in requirement.needs:
            provider = providers.get(component)
            if provider is None:
                pending.append(COMPONENT_DESCRIPTIONS[component])
                met = False
                continue
            supplied = provider.evidence(facts.session, facts.use_case)
            evidence.extend(supplied.evidence)
            met = met and supplied.satisfied
        state = State.MET if met else State.NOT_MET
    else:
        state = State.NOT_APPLICABLE
    return Finding(
        urn=requirement.urn,
        kind=requirement.kind,
        title=requirement.title,
        link=requirement.link,
        control=requirement.control,
        state=state,
        evidence=tuple(evidence),
        pending=tuple(pending),
    )
