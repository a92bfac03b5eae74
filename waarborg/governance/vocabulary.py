"""The fixed vocabularies of governance records. Values are stored as these strings."""

from __future__ import annotations

from enum import StrEnum


class Audience(StrEnum):
    INTERNAL = "intern"  # employees of the organisation
    PUBLIC = "publiek"  # citizens, anonymously, e.g. through the website widget
    API = "api"  # other programs with an API key


class TaskType(StrEnum):
    SOURCE_QA = "vragen_over_bronnen"
    OPEN_CHAT = "open_chat"
    SUMMARISE = "samenvatten"
    PLAIN_LANGUAGE = "schrijven_b1"
    LETTER_CHECK = "brieven_controleren"
    DECISION_REVIEW = "besluiten_toetsen"


class DataClassification(StrEnum):
    PUBLIC = "openbaar"
    INTERNAL = "intern"
    CONFIDENTIAL = "vertrouwelijk"
    SPECIAL = "bijzondere_persoonsgegevens"


class PersonalDataPolicy(StrEnum):
    BLOCK = "blokkeren"
    PSEUDONYMISE = "pseudonimiseren"
    ALLOW = "toestaan"  # only with a DPIA on record


class ModelFallback(StrEnum):
    """What a use case does when its model back-end cannot answer."""

    EXTRACTIVE = "extractief"  # answer from the sources without a model
    REFUSE = "weigeren"  # refuse with a clear message


class UseCaseStatus(StrEnum):
    CONCEPT = "concept"
    SANDBOX = "sandbox"
    IN_REVIEW = "in_beoordeling"
    PRODUCTION = "productie"
    SUSPENDED = "geschorst"
    RETIRED = "buiten_gebruik"


# Statuses in which a use case answers requests at all.
SERVING_STATUSES = frozenset({UseCaseStatus.SANDBOX, UseCaseStatus.PRODUCTION})


class HostingLocation(StrEnum):
    OWN = "eigen_infrastructuur"
    NL = "nederland"
    EU = "eu"
    OUTSIDE_EU = "buiten_eu"


class TrainingDataOpenness(StrEnum):
    OPEN = "open"
    PARTIAL = "gedeeltelijk"
    CLOSED = "gesloten"
    NOT_APPLICABLE = "niet_van_toepassing"


class DpiaStatus(StrEnum):
    NOT_STARTED = "niet_gestart"
    IN_PROGRESS = "in_uitvoering"
    COMPLETED = "afgerond"
    NOT_NEEDED = "niet_nodig"


class ImpactAssessmentStatus(StrEnum):
    NOT_RELEVANT = "niet_relevant"
    NOT_STARTED = "niet_gestart"
    IN_PROGRESS = "in_uitvoering"
    COMPLETED = "afgerond"


class Decision(StrEnum):
    APPROVED = "akkoord"
    REJECTED = "afgewezen"
