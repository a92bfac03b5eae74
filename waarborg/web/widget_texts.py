"""Texts of the citizen widget, Dutch first (English for the frame page when asked)."""

from __future__ import annotations

AI_LABEL = "Dit antwoord is gemaakt door een AI-systeem en kan fouten bevatten."

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Stel een vraag",
        "open": "Vraag het de chatbot",
        "close": "Sluiten",
        "question": "Uw vraag",
        "send": "Versturen",
        "answers": "Antwoorden",
        "sources": "Bronnen",
        "busy": "Even geduld, het antwoord komt eraan…",
        "ai_label": AI_LABEL,
        "human": "Liever een mens spreken?",
        "unavailable": "De chatbot is op deze website niet beschikbaar.",
        "error": "Er ging iets mis. Probeer het later opnieuw of neem contact met ons op.",
        "frame_title": "Chatbot van de gemeente",
    },
    "en": {
        "title": "Ask a question",
        "open": "Ask the chatbot",
        "close": "Close",
        "question": "Your question",
        "send": "Send",
        "answers": "Answers",
        "sources": "Sources",
        "busy": "One moment, the answer is on its way…",
        "ai_label": "This answer was made by an AI system and may contain mistakes.",
        "human": "Rather talk to a person?",
        "unavailable": "The chatbot is not available on this website.",
        "error": "Something went wrong. Try again later or contact us.",
        "frame_title": "The municipality's chatbot",
    },
}

ERRORS = {
    "origin": "Deze website mag de chatbot niet insluiten.",
    "no_origin": "Vragen aan de chatbot kunnen alleen vanuit de chatbot op een website.",
    "not_found": "Deze chatbot bestaat niet.",
    "not_public": "Deze toepassing is niet voor inwoners.",
    "json": 'Stuur een JSON-object met een vraag, bijvoorbeeld {"question": "..."}.',
    "session": "De sessie is ongeldig of verlopen. Laad de pagina opnieuw.",
    "session_limit": "U hebt het maximale aantal vragen voor deze sessie gesteld. "
    "Probeer het morgen opnieuw of neem contact met ons op.",
    "daily_limit": "De chatbot heeft vandaag het maximale aantal vragen beantwoord. "
    "Probeer het morgen opnieuw of neem contact met ons op.",
}
