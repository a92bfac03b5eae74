"""Checks a register entry against the publication standard, naming every problem in Dutch.

The checks are those the standard states for each field (known names, types, required,
maximum length, permitted values, allowed HTML, the fields of list items) plus the formats its
instructions ask for: months as ``JJJJ-MM``, links as full web addresses, and contact details as
an e-mail address or a web address. An entry with problems is never exported; the owner gets
this list instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from waarborg.register.html import markup_in
from waarborg.register.standard import (
    FIELDS,
    LINK_FIELDS,
    LINK_ITEM_FIELDS,
    MONTH_FIELDS,
    FieldSpec,
    ItemField,
    Kind,
    label,
)

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def is_link(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in value


def _blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, str | list | dict) and not value)
        or (isinstance(value, str) and not value.strip())
    )


def validate_entry(entry: Mapping[str, Any]) -> list[str]:
    """Every way ``entry`` departs from the standard; empty when it may be published."""
    problems = [
        f"Onbekend veld '{name}': dat kent publicatiestandaard 1.0 niet"
        for name in entry
        if name not in FIELDS
    ]
    for name, spec in FIELDS.items():
        value = entry.get(name)
        if _blank(value):
            if spec.required:
                problems.append(f"{label(name)} ontbreekt")
            continue
        problems.extend(_check_field(name, spec, value))
    return problems


def _check_field(name: str, spec: FieldSpec, value: object) -> list[str]:
    where = label(name)
    if spec.kind == Kind.LIST:
        if not isinstance(value, list):
            return [f"{where} moet een lijst zijn"]
        if spec.items:
            return _check_items(name, spec, value)
        problems = []
        for element in value:
            if not isinstance(element, str):
                problems.append(f"{where} mag alleen tekst bevatten")
            elif spec.permitted and element not in spec.permitted:
                problems.append(f"{where}: '{element}' is geen toegestane waarde")
        return problems
    if not isinstance(value, str):
        return [f"{where} moet tekst zijn"]
    problems = []
    if spec.permitted and value not in spec.permitted:
        allowed = ", ".join(spec.permitted)
        problems.append(f"{where}: '{value}' is geen toegestane waarde (kies uit: {allowed})")
    if spec.max_length is not None and len(value) > spec.max_length:
        problems.append(f"{where} is te lang: {len(value)} tekens, hoogstens {spec.max_length}")
    problems.extend(_check_markup(where, spec.html_tags, value))
    if name in MONTH_FIELDS and not MONTH.fullmatch(value):
        problems.append(f"{where} moet jaar en maand zijn, zoals 2025-03 (nu: '{value}')")
    if name in LINK_FIELDS and not is_link(value):
        problems.append(f"{where} moet een webadres zijn dat begint met https:// (nu: '{value}')")
    if name == "contact_email" and not (EMAIL.fullmatch(value) or is_link(value)):
        problems.append(f"{where} moet een e-mailadres of een webadres zijn (nu: '{value}')")
    return problems


def _check_markup(where: str, allowed: tuple[str, ...] | None, value: str) -> list[str]:
    tags, extras = markup_in(value)
    if allowed is None:
        if tags or extras:
            return [f"{where} moet platte tekst zijn, zonder HTML"]
        return []
    problems = [
        f"{where} bevat het HTML-element <{tag}>; toegestaan zijn alleen: {', '.join(allowed)}"
        for tag in sorted(tags - set(allowed))
    ]
    if extras:
        problems.append(
            f"{where} bevat HTML-attributen of -commentaar, dat is niet toegestaan: "
            + ", ".join(extras)
        )
    return problems


def _check_items(name: str, spec: FieldSpec, items: list[object]) -> list[str]:
    problems = []
    for number, item in enumerate(items, start=1):
        where = f"{label(name)}, item {number}"
        if not isinstance(item, dict):
            problems.append(f"{where} moet een object met velden zijn")
            continue
        problems.extend(f"{where}: onbekend veld '{key}'" for key in item if key not in spec.items)
        for key, item_spec in spec.items.items():
            problems.extend(_check_item_field(where, key, item_spec, item.get(key)))
    return problems


def _check_item_field(where: str, key: str, spec: ItemField, value: object) -> list[str]:
    field = f"{spec.title} ({key})"
    if _blank(value):
        return [f"{where}: {field} ontbreekt"] if spec.required else []
    if not isinstance(value, str):
        return [f"{where}: {field} moet tekst zijn"]
    problems = []
    if spec.max_length is not None and len(value) > spec.max_length:
        problems.append(
            f"{where}: {field} is te lang: {len(value)} tekens, hoogstens {spec.max_length}"
        )
    if markup_in(value) != (set(), []):
        problems.append(f"{where}: {field} moet platte tekst zijn, zonder HTML")
    if key in LINK_ITEM_FIELDS and not is_link(value):
        problems.append(f"{where}: {field} moet een webadres zijn (nu: '{value}')")
    return problems
