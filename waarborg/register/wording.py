"""How the governance vocabularies read in a public text (the register is Dutch only)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import TypeVar

from waarborg.governance.vocabulary import (
    Audience,
    DataClassification,
    DpiaStatus,
    HostingLocation,
    ImpactAssessmentStatus,
    PersonalDataPolicy,
    TaskType,
)

Term = TypeVar("Term", bound=StrEnum)

AUDIENCES = {
    Audience.INTERNAL: "medewerkers van de organisatie",
    Audience.PUBLIC: "inwoners en bezoekers van de website, zonder in te loggen",
    Audience.API: "andere programma's van de organisatie, via een API-sleutel",
}
TASKS = {
    TaskType.SOURCE_QA: "vragen beantwoorden uit goedgekeurde bronnen",
    TaskType.OPEN_CHAT: "een open gesprek met een taalmodel",
    TaskType.SUMMARISE: "documenten samenvatten",
    TaskType.PLAIN_LANGUAGE: "teksten herschrijven in begrijpelijk Nederlands (B1)",
    TaskType.LETTER_CHECK: "brieven controleren",
    TaskType.DECISION_REVIEW: "besluiten toetsen",
}
CLASSIFICATIONS = {
    DataClassification.PUBLIC: "openbaar",
    DataClassification.INTERNAL: "intern",
    DataClassification.CONFIDENTIAL: "vertrouwelijk",
    DataClassification.SPECIAL: "bijzondere persoonsgegevens",
}
PERSONAL_DATA = {
    PersonalDataPolicy.BLOCK: (
        "Persoonsgegevens in een vraag worden herkend en geweigerd; ze bereiken het model niet."
    ),
    PersonalDataPolicy.PSEUDONYMISE: (
        "Persoonsgegevens in een vraag worden vervangen door pseudoniemen voordat het model ze "
        "ziet; alleen de vraagsteller krijgt ze in het antwoord terug."
    ),
    PersonalDataPolicy.ALLOW: (
        "Persoonsgegevens mogen worden verwerkt; daarvoor is een DPIA uitgevoerd."
    ),
}
HOSTING = {
    HostingLocation.OWN: "op eigen servers van de organisatie",
    HostingLocation.NL: "in Nederland",
    HostingLocation.EU: "in de Europese Unie",
    HostingLocation.OUTSIDE_EU: "buiten de Europese Unie",
}
DPIA = {
    DpiaStatus.NOT_STARTED: "niet gestart",
    DpiaStatus.IN_PROGRESS: "in uitvoering",
    DpiaStatus.COMPLETED: "afgerond",
    DpiaStatus.NOT_NEEDED: "niet nodig",
}
IMPACT_ASSESSMENT = {
    ImpactAssessmentStatus.NOT_RELEVANT: "niet relevant",
    ImpactAssessmentStatus.NOT_STARTED: "niet gestart",
    ImpactAssessmentStatus.IN_PROGRESS: "in uitvoering",
    ImpactAssessmentStatus.COMPLETED: "afgerond",
}


def word(table: Mapping[Term, str], value: str) -> str:
    """The wording of a stored value, or the value itself if a later release added it."""
    for key, text in table.items():
        if key.value == value:
            return text
    return value


def day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def yes_no(value: bool) -> str:
    return "ja" if value else "nee"
