"""``waarborg usecase``: the whole lifecycle of a use case, scriptable."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from waarborg.accounts.roles import parse_roles
from waarborg.cli.common import console, fail
from waarborg.cli.governed import (
    As,
    Format,
    FormatOption,
    Org,
    acting,
    organisation_session,
    print_json,
    read_document,
)
from waarborg.governance.approvals import decide
from waarborg.governance.assessments import update_assessment
from waarborg.governance.errors import GovernanceError
from waarborg.governance.exit import write_archive
from waarborg.governance.kill_switch import resume_use_case, suspend_use_case
from waarborg.governance.lifecycle import change_status
from waarborg.governance.summary import summarise
from waarborg.governance.use_cases import (
    create_use_case,
    get_use_case,
    list_use_cases,
    parse_fields,
    update_use_case,
)
from waarborg.governance.vocabulary import Decision, UseCaseStatus

app = typer.Typer(help="Toepassingen (use cases) beheren.", no_args_is_help=True)

Slug = Annotated[str, typer.Argument(help="Korte naam van de toepassing.")]
FromFile = Annotated[
    Path | None, typer.Option("--from", help="YAML- of JSON-bestand met de velden.")
]


def _field_options(**options: Any) -> dict[str, Any]:
    """The options that were given, under their field names (repeatable options as lists)."""
    return {name: value for name, value in options.items() if value not in (None, [], ())}


@app.command("create")
def create(
    org: Org,
    actor: As,
    slug: Annotated[str | None, typer.Argument(help="Korte naam, bijv. 'burgerchat'.")] = None,
    from_file: FromFile = None,
    name: Annotated[str | None, typer.Option(help="Naam (max. 100 tekens).")] = None,
    purpose: Annotated[str | None, typer.Option(help="Doel.")] = None,
    description: Annotated[str | None, typer.Option(help="Korte omschrijving.")] = None,
    owner: Annotated[str | None, typer.Option(help="Gebruikersnaam van de eigenaar.")] = None,
    audience: Annotated[str | None, typer.Option(help="intern, publiek of api.")] = None,
    task_type: Annotated[str | None, typer.Option(help="Soort taak.")] = None,
    data_classification: Annotated[str | None, typer.Option(help="Classificatie.")] = None,
    personal_data_policy: Annotated[
        str | None, typer.Option(help="blokkeren, pseudonimiseren of toestaan.")
    ] = None,
    model: Annotated[list[str] | None, typer.Option(help="Toegestaan model (herhaalbaar).")] = None,
    access_role: Annotated[
        list[str] | None, typer.Option(help="Rol met toegang (herhaalbaar).")
    ] = None,
    retention_days: Annotated[int | None, typer.Option(help="Bewaartermijn in dagen.")] = None,
    human_oversight: Annotated[str | None, typer.Option(help="Menselijk toezicht.")] = None,
    citizen_contact: Annotated[str | None, typer.Option(help="Contact voor inwoners.")] = None,
    contact_email: Annotated[str | None, typer.Option(help="Contact-e-mailadres.")] = None,
    theme: Annotated[list[str] | None, typer.Option(help="Registerthema (herhaalbaar).")] = None,
    published: Annotated[
        bool | None, typer.Option("--published/--not-published", help="In het register.")
    ] = None,
) -> None:
    """Register a new use case (status concept)."""
    data = read_document(from_file) if from_file else {}
    data.update(
        _field_options(
            slug=slug,
            name=name,
            purpose=purpose,
            description=description,
            owner=owner,
            audience=audience,
            task_type=task_type,
            data_classification=data_classification,
            personal_data_policy=personal_data_policy,
            allowed_models=model,
            access_roles=access_role,
            retention_days=retention_days,
            human_oversight=human_oversight,
            citizen_contact=citizen_contact,
            contact_email=contact_email,
            themes=theme,
            published=published,
        )
    )
    with acting(org, actor) as (session, organisation, who):
        use_case = create_use_case(session, organisation, parse_fields(data), who)
        console.print(f"Toepassing '{use_case.slug}' geregistreerd (status concept).")


@app.command("update")
def update(
    slug: Slug,
    org: Org,
    actor: As,
    from_file: FromFile = None,
    name: Annotated[str | None, typer.Option(help="Naam.")] = None,
    purpose: Annotated[str | None, typer.Option(help="Doel.")] = None,
    description: Annotated[str | None, typer.Option(help="Korte omschrijving.")] = None,
    owner: Annotated[str | None, typer.Option(help="Eigenaar.")] = None,
    audience: Annotated[str | None, typer.Option(help="Doelgroep.")] = None,
    personal_data_policy: Annotated[str | None, typer.Option(help="Beleid.")] = None,
    model: Annotated[list[str] | None, typer.Option(help="Toegestaan model.")] = None,
    retention_days: Annotated[int | None, typer.Option(help="Bewaartermijn.")] = None,
    human_oversight: Annotated[str | None, typer.Option(help="Menselijk toezicht.")] = None,
    contact_email: Annotated[str | None, typer.Option(help="Contact-e-mail.")] = None,
    published: Annotated[
        bool | None, typer.Option("--published/--not-published", help="In het register.")
    ] = None,
) -> None:
    """Change fields of a use case; each change is versioned."""
    changes = read_document(from_file) if from_file else {}
    changes.update(
        _field_options(
            name=name,
            purpose=purpose,
            description=description,
            owner=owner,
            audience=audience,
            personal_data_policy=personal_data_policy,
            allowed_models=model,
            retention_days=retention_days,
            human_oversight=human_oversight,
            contact_email=contact_email,
            published=published,
        )
    )
    with acting(org, actor) as (session, organisation, who):
        use_case = get_use_case(session, organisation.id, slug)
        diff = update_use_case(session, use_case, changes, who)
        console.print(f"Gewijzigd: {', '.join(sorted(diff))}." if diff else "Niets gewijzigd.")


@app.command("list")
def list_(org: Org, output: FormatOption = Format.TABLE) -> None:
    """List the use cases of an organisation."""
    with organisation_session(org) as (session, organisation):
        rows: list[dict[str, Any]] = [
            {
                "slug": u.slug,
                "name": u.name,
                "status": u.status,
                "audience": u.audience,
                "models": u.allowed_models,
                "version": u.version,
            }
            for u in list_use_cases(session, organisation.id)
        ]
    if output == Format.JSON:
        print_json(rows)
        return
    table = Table("Korte naam", "Naam", "Status", "Doelgroep", "Modellen", "Versie")
    for row in rows:
        table.add_row(
            row["slug"],
            row["name"],
            row["status"],
            row["audience"],
            ", ".join(row["models"]),
            str(row["version"]),
        )
    console.print(table)


@app.command("show")
def show(slug: Slug, org: Org, output: FormatOption = Format.TABLE) -> None:
    """Show a use case: fields, assessment, what is missing, approvals and history."""
    with organisation_session(org) as (session, organisation):
        summary = summarise(session, organisation, get_use_case(session, organisation.id, slug))
    if output == Format.JSON:
        print_json(summary)
        return
    fields = summary["fields"]
    console.print(f"[bold]{fields['name']}[/] ({slug}) — status {summary['status']}")
    for key in ("purpose", "audience", "task_type", "personal_data_policy", "allowed_models"):
        console.print(f"  {key}: {fields[key]}")
    for target, missing in summary["missing"].items():
        if missing:
            console.print(f"Nog nodig voor {target}:")
            for item in missing:
                console.print(f"  - {item}")
    console.print("Geschiedenis:")
    for entry in summary["history"]:
        console.print(
            f"  v{entry['version']} {entry['changed_at']} {entry['actor']}: "
            f"{entry['action']} {entry['summary']}"
        )


@app.command("assess")
def assess(
    slug: Slug,
    org: Org,
    actor: As,
    from_file: FromFile = None,
    legal_basis: Annotated[str | None, typer.Option(help="Rechtsgrond.")] = None,
    necessity: Annotated[str | None, typer.Option(help="Noodzaak en proportionaliteit.")] = None,
    preconditions: Annotated[str | None, typer.Option(help="Randvoorwaarden.")] = None,
    alternatives: Annotated[str | None, typer.Option(help="Alternatieven.")] = None,
    limits_plan: Annotated[str | None, typer.Option(help="Plan voor de grenzen.")] = None,
    exit_strategy: Annotated[str | None, typer.Option(help="Exitstrategie.")] = None,
    dpia_status: Annotated[str | None, typer.Option(help="Status van de DPIA.")] = None,
    dpia_date: Annotated[str | None, typer.Option(help="Datum DPIA (JJJJ-MM-DD).")] = None,
    dpia_link: Annotated[str | None, typer.Option(help="Link naar de DPIA.")] = None,
    dpia_outcome: Annotated[str | None, typer.Option(help="Uitkomst van de DPIA.")] = None,
    iama_status: Annotated[str | None, typer.Option(help="Status IAMA/FRIA.")] = None,
    ai_act: Annotated[
        list[str] | None, typer.Option(help="Antwoord VRAAG=ANTWOORD (herhaalbaar).")
    ] = None,
) -> None:
    """Fill in or change the risk assessment; a change invalidates earlier sign-offs."""
    changes = read_document(from_file) if from_file else {}
    changes.update(
        _field_options(
            legal_basis=legal_basis,
            necessity=necessity,
            preconditions=preconditions,
            alternatives=alternatives,
            limits_plan=limits_plan,
            exit_strategy=exit_strategy,
            dpia_status=dpia_status,
            dpia_date=dpia_date,
            dpia_link=dpia_link,
            dpia_outcome=dpia_outcome,
            iama_status=iama_status,
        )
    )
    if ai_act:
        answers = dict(changes.get("ai_act_answers") or {})
        for pair in ai_act:
            key, separator, value = pair.partition("=")
            if not separator:
                raise fail(f"Schrijf --ai-act als VRAAG=ANTWOORD, niet '{pair}'.")
            answers[key.strip()] = value.strip()
        changes["ai_act_answers"] = answers
    with acting(org, actor) as (session, organisation, who):
        use_case = get_use_case(session, organisation.id, slug)
        existing = dict(use_case.assessment.ai_act_answers) if use_case.assessment else {}
        if "ai_act_answers" in changes:
            changes["ai_act_answers"] = {**existing, **changes["ai_act_answers"]}
        diff = update_assessment(session, use_case, changes, who)
        revision = use_case.assessment.revision if use_case.assessment else 1
    console.print(
        f"Beoordeling herzien (revisie {revision}): {', '.join(sorted(diff))}."
        if diff
        else "Niets gewijzigd."
    )


@app.command("approve")
def approve(
    slug: Slug,
    org: Org,
    actor: As,
    role: Annotated[str, typer.Option(help="De rol waarin u tekent.")],
    reject: Annotated[
        bool, typer.Option("--reject", help="Afwijzen in plaats van akkoord.")
    ] = False,
    comment: Annotated[str, typer.Option(help="Toelichting (verplicht bij afwijzen).")] = "",
) -> None:
    """Sign off (or reject) the current assessment revision in one role."""
    (signing_role,) = parse_roles([role])
    decision = Decision.REJECTED if reject else Decision.APPROVED
    with acting(org, actor) as (session, organisation, who):
        use_case = get_use_case(session, organisation.id, slug)
        approval = decide(session, use_case, organisation, who, signing_role, decision, comment)
        console.print(
            f"{signing_role.value}: {approval.decision} op revisie {approval.assessment_revision}."
        )


@app.command("status")
def status(
    slug: Slug,
    target: Annotated[str, typer.Argument(help="concept, sandbox, in_beoordeling of productie.")],
    org: Org,
    actor: As,
    reason: Annotated[str, typer.Option(help="Toelichting.")] = "",
) -> None:
    """Move a use case to another status; a refusal lists what is missing."""
    try:
        wanted = UseCaseStatus(target)
    except ValueError:
        raise fail(f"Onbekende status '{target}'.") from None
    if wanted in {UseCaseStatus.SUSPENDED, UseCaseStatus.RETIRED}:
        raise fail("Gebruik 'waarborg usecase suspend' of 'waarborg usecase retire'.")
    with acting(org, actor) as (session, organisation, who):
        use_case = get_use_case(session, organisation.id, slug)
        change_status(session, use_case, organisation, wanted, who, reason)
        console.print(f"'{slug}' heeft nu status {wanted.value}.")


@app.command("suspend")
def suspend(
    slug: Slug,
    org: Org,
    actor: As,
    reason: Annotated[str, typer.Option(help="Waarom (verplicht).")],
) -> None:
    """Kill switch: stop a use case at once, with a reason."""
    with acting(org, actor) as (session, organisation, who):
        suspend_use_case(session, get_use_case(session, organisation.id, slug), who, reason)
        console.print(f"'{slug}' is geschorst.")


@app.command("resume")
def resume(slug: Slug, org: Org, actor: As) -> None:
    """Resume a suspended use case (only its owner)."""
    with acting(org, actor) as (session, organisation, who):
        use_case = get_use_case(session, organisation.id, slug)
        target = resume_use_case(session, use_case, organisation, who)
        console.print(f"'{slug}' is hervat ({target.value}).")


@app.command("retire")
def retire(
    slug: Slug,
    org: Org,
    actor: As,
    reason: Annotated[str, typer.Option(help="Toelichting.")] = "",
) -> None:
    """Take a use case out of use for good."""
    with acting(org, actor) as (session, organisation, who):
        use_case = get_use_case(session, organisation.id, slug)
        change_status(session, use_case, organisation, UseCaseStatus.RETIRED, who, reason)
        console.print(f"'{slug}' is buiten gebruik gesteld.")


@app.command("export")
def export(
    slug: Slug,
    org: Org,
    output: Annotated[Path, typer.Option("--output", help="Het archief (.zip) om te schrijven.")],
) -> None:
    """Exit strategy: write everything of a use case to one archive."""
    if output.exists():
        raise fail(f"{output} bestaat al; kies een nieuwe bestandsnaam.")
    with organisation_session(org) as (session, organisation):
        use_case = get_use_case(session, organisation.id, slug)
        try:
            counts = write_archive(session, organisation, use_case, output)
        except OSError as error:
            raise GovernanceError(f"Kan {output} niet schrijven: {error.strerror}.") from None
    listed = ", ".join(f"{name}: {count}" for name, count in counts.items())
    console.print(f"Archief geschreven naar {output} ({listed}).")
