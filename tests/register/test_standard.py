"""The export of a complete use case meets every constraint of the publication standard, checked
here straight from the standard's own file, independently of Waarborg's validator; and the
validator's table says the same as that file."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.register.conftest import Governed, in_production
from tests.register.reference import register_standard, required
from waarborg.register.entry import build_register_entry
from waarborg.register.export import export_use_case
from waarborg.register.standard import FIELDS
from waarborg.register.validation import validate_entry

TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
LONG = 2500


def violations(entry: dict[str, Any], standard: dict[str, Any]) -> list[str]:
    """Every constraint stated in the standard's file, applied to ``entry``."""
    found = [f"{name}: not in the standard" for name in entry if name not in standard]
    for name, spec in standard.items():
        value = entry.get(name)
        if value in (None, "", []):
            if required(spec.get("required")):
                found.append(f"{name}: required but missing")
            continue
        found += _value_violations(name, spec, value)
    return found


def _value_violations(name: str, spec: dict[str, Any], value: Any) -> list[str]:
    found = []
    kind = spec["type"]
    if kind == "array":
        if not isinstance(value, list):
            return [f"{name}: not a list"]
        items = spec.get("items")
        for element in value:
            if items:
                found += _item_violations(name, items, element)
            elif "permitted_values" in spec and element not in spec["permitted_values"]:
                found.append(f"{name}: {element!r} not permitted")
        return found
    if not isinstance(value, str):
        return [f"{name}: not a string"]
    if kind == "enum" and value not in spec["permitted_values"]:
        found.append(f"{name}: {value!r} not permitted")
    if "max_length" in spec and len(value) > spec["max_length"]:
        found.append(f"{name}: {len(value)} > {spec['max_length']}")
    tags = {tag.lower() for tag in TAG.findall(value)}
    allowed = set(spec.get("allowed_html_tags", []))
    if tags - allowed:
        found.append(f"{name}: tags {sorted(tags - allowed)} not allowed")
    if allowed and re.search(r"<[a-z]+\s+[^>]*=", value):
        found.append(f"{name}: attributes in markup")
    return found


def _item_violations(name: str, items: dict[str, Any], element: Any) -> list[str]:
    if not isinstance(element, dict):
        return [f"{name}: item is not an object"]
    found = [f"{name}.{key}: not in the standard" for key in element if key not in items]
    for key, spec in items.items():
        value = element.get(key)
        if value in (None, ""):
            if required(spec.get("required")):
                found.append(f"{name}.{key}: required but missing")
            continue
        if not isinstance(value, str):
            found.append(f"{name}.{key}: not a string")
        elif "max_length" in spec and len(value) > spec["max_length"]:
            found.append(f"{name}.{key}: {len(value)} > {spec['max_length']}")
    return found


def _entry(governed: Governed, slug: str, public_url: str | None = None) -> dict[str, Any]:
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        organisation = governed.organisation(session)
        return export_use_case(session, organisation, use_case, public_url=public_url)


def test_validator_table_says_what_the_standard_says() -> None:
    standard = register_standard()
    assert set(FIELDS) == set(standard)
    for name, spec in standard.items():
        ours = FIELDS[name]
        assert ours.title == spec["title"], name
        assert ours.kind.value == spec["type"], name
        assert ours.required == required(spec.get("required")), name
        assert ours.max_length == spec.get("max_length"), name
        assert ours.permitted == tuple(spec.get("permitted_values", ())), name
        assert (ours.html_tags or None) == (
            tuple(spec["allowed_html_tags"]) if "allowed_html_tags" in spec else None
        ), name
        items = spec.get("items", {})
        assert set(ours.items) == set(items), name
        for key, item in items.items():
            assert ours.items[key].title == item["title"], (name, key)
            assert ours.items[key].required == required(item.get("required")), (name, key)
            assert ours.items[key].max_length == item.get("max_length"), (name, key)


def test_export_of_a_complete_use_case_meets_every_constraint(governed: Governed) -> None:
    standard = register_standard()
    slug = in_production(
        governed,
        assessment={"dpia_link": "https://gemeente.example/dpia", "iama_status": "afgerond"},
    )
    entry = _entry(governed, slug, public_url="https://ai.gemeente.example")
    assert violations(entry, standard) == []
    # The entry is rich enough for the check to mean something.
    for name in (
        "name",
        "description_short",
        "organization",
        "category",
        "status",
        "begin_date",
        "contact_email",
        "publication_category",
        "url",
        "goal",
        "proportionality",
        "human_intervention",
        "risks",
        "lawful_basis",
        "lawful_basis_grouping",
        "impacttoetsen_grouping",
        "impacttoetsen",
        "source_data",
        "methods_and_models",
        "provider",
        "lang",
        "standard_version",
        "source_id",
    ):
        assert entry.get(name), name
    assert entry["status"] == "In gebruik"
    assert entry["lang"] == "nld"
    assert entry["impacttoetsen_grouping"] == [
        {
            "title": "Data Protection Impact Assessment (DPIA)",
            "link": "https://gemeente.example/dpia",
        },
        {"title": "Impact Assessment Mensenrechten en Algoritmes (IAMA)"},
    ]


def test_texts_at_their_longest_still_fit(governed: Governed) -> None:
    """Composed fields are shortened to fit; markup and escaping are counted."""
    standard = register_standard()
    text = ("Inwoners & ondernemers <krijgen> antwoord. " * 80)[:LONG]
    slug = in_production(
        governed,
        purpose=text,
        description="",
        human_oversight=text,
        assessment={
            "necessity": text,
            "alternatives": text,
            "limits_plan": text,
            "exit_strategy": text,
            "legal_basis": text,
            "dpia_outcome": text,
            "iama_notes": text,
        },
    )
    entry = _entry(governed, slug)
    assert violations(entry, standard) == []
    assert validate_entry(entry) == []
    assert len(entry["proportionality"]) <= 2500
    assert entry["proportionality"].endswith("…</p>")
    assert "&lt;krijgen&gt;" in entry["goal"]
    assert len(entry["description_short"]) <= 400


@pytest.mark.parametrize("field", ["goal", "human_intervention", "risks"])
def test_typed_markup_never_becomes_markup(governed: Governed, field: str) -> None:
    standard = register_standard()
    attack = '<script>alert(1)</script><img src=x onerror="alert(2)"> & co'
    slug = in_production(
        governed,
        purpose=attack,
        human_oversight=attack,
        assessment={"limits_plan": attack},
    )
    entry = _entry(governed, slug)
    assert violations(entry, standard) == []
    assert "<script" not in entry[field]
    assert "&lt;script&gt;" in entry[field]


def test_builder_leaves_out_empty_optional_fields(governed: Governed) -> None:
    slug = governed.create("concept-toepassing")
    with governed.database.session(governed.organisation_id) as session:
        entry = _build(session, governed, slug)
    assert "end_date" not in entry
    assert "begin_date" not in entry
    assert "lawful_basis_grouping" not in entry
    for name, spec in FIELDS.items():
        if spec.required:
            assert name in entry, name


def _build(session: Session, governed: Governed, slug: str) -> dict[str, Any]:
    use_case = governed.use_case(session, slug)
    return build_register_entry(session, governed.organisation(session), use_case)
