"""Nederlandse teksten (standaardtaal)."""

MESSAGES: dict[str, str] = {
    "app.name": "Waarborg",
    "app.tagline": "Verantwoorde generatieve AI voor de overheid",
    "skip.to_content": "Naar de inhoud",
    "nav.main": "Hoofdmenu",
    "nav.home": "Start",
    "nav.users": "Gebruikers",
    "nav.api_keys": "API-sleutels",
    "nav.account": "Mijn account",
    "nav.logout": "Uitloggen",
    "nav.login": "Inloggen",
    "nav.language": "Taal",
    "language.switch": "English",
    "language.switch_label": "Switch to English",
    "footer.text": "Waarborg — open source onder de EUPL-1.2.",
    "footer.organisation": "Organisatie: {name}",
    "login.title": "Inloggen",
    "login.intro": "Log in met uw gebruikersnaam en wachtwoord van Waarborg.",
    "login.username": "Gebruikersnaam",
    "login.password": "Wachtwoord",
    "login.submit": "Inloggen",
    "login.oidc_heading": "Of log in via uw organisatie",
    "login.error.invalid": "De gebruikersnaam of het wachtwoord klopt niet.",
    "login.error.missing": "Vul uw gebruikersnaam en wachtwoord in.",
    "login.error.locked": (
        "Te veel mislukte pogingen. Probeer het over {minutes} minuten opnieuw."
    ),
    "login.error.throttled": "Te veel pogingen vanaf dit adres. Wacht even en probeer opnieuw.",
    "login.notice.expired": "Uw sessie is verlopen. Log opnieuw in.",
    "login.notice.logged_out": "U bent uitgelogd.",
    "login.notice.required": "Log in om deze pagina te bekijken.",
    "login.error.oidc": "Inloggen via {provider} is niet gelukt: {reason}",
    "home.title": "Start",
    "home.welcome": "Welkom, {name}",
    "home.roles": "Uw rollen in {organisation}",
    "home.tasks": "Wat u hier kunt doen",
    "role.medewerker": "Medewerker",
    "role.eigenaar": "Eigenaar toepassing",
    "role.privacy_officer": "Privacy officer",
    "role.ciso": "CISO",
    "role.beheerder": "Beheerder",
    "role.auditor": "Auditor",
    "role.medewerker.task": (
        "Stel vragen aan de AI-assistenten die uw organisatie heeft goedgekeurd. "
        "Antwoorden tonen altijd hun bronnen en een AI-label."
    ),
    "role.eigenaar.task": (
        "Registreer toepassingen, beschrijf doel en risico's en vraag goedkeuring aan."
    ),
    "role.privacy_officer.task": (
        "Beoordeel de DPIA en de omgang met persoonsgegevens en geef uw akkoord."
    ),
    "role.ciso.task": ("Beoordeel de informatiebeveiliging, leveranciersafspraken en de noodstop."),
    "role.beheerder.task": "Beheer gebruikers, rollen en API-sleutels van uw organisatie.",
    "role.auditor.task": "Bekijk (alleen lezen) wie welke rol heeft, het auditlog en het register.",
    "users.title": "Gebruikers",
    "users.intro": "Alle accounts van {organisation}.",
    "users.readonly": "U kunt deze lijst alleen bekijken.",
    "users.col.username": "Gebruikersnaam",
    "users.col.name": "Naam",
    "users.col.roles": "Rollen",
    "users.col.status": "Status",
    "users.col.actions": "Acties",
    "users.status.active": "Actief",
    "users.status.disabled": "Uitgeschakeld",
    "users.disable": "Uitschakelen",
    "users.disable_label": "Gebruiker {username} uitschakelen",
    "users.create.title": "Gebruiker toevoegen",
    "users.create.username": "Gebruikersnaam",
    "users.create.name": "Naam",
    "users.create.password": "Eerste wachtwoord (minstens 12 tekens)",
    "users.create.roles": "Rollen",
    "users.create.submit": "Gebruiker toevoegen",
    "users.created": "Gebruiker {username} is toegevoegd.",
    "users.disabled": "Gebruiker {username} is uitgeschakeld.",
    "users.cannot_disable_self": "U kunt uw eigen account niet uitschakelen.",
    "apikeys.title": "API-sleutels",
    "apikeys.intro": (
        "Met een API-sleutel roepen andere programma's Waarborg aan namens {organisation}."
    ),
    "apikeys.col.name": "Naam",
    "apikeys.col.prefix": "Begint met",
    "apikeys.col.created": "Aangemaakt",
    "apikeys.col.last_used": "Laatst gebruikt",
    "apikeys.col.status": "Status",
    "apikeys.col.actions": "Acties",
    "apikeys.status.active": "Actief",
    "apikeys.status.revoked": "Ingetrokken",
    "apikeys.never": "Nooit",
    "apikeys.none": "Er zijn nog geen API-sleutels.",
    "apikeys.revoke": "Intrekken",
    "apikeys.revoke_label": "API-sleutel {name} intrekken",
    "apikeys.create.title": "API-sleutel maken",
    "apikeys.create.name": "Naam (waarvoor is de sleutel?)",
    "apikeys.create.submit": "Sleutel maken",
    "apikeys.created": "API-sleutel {name} is gemaakt.",
    "apikeys.created.once": (
        "Kopieer de sleutel nu: hij wordt maar één keer getoond en is daarna niet meer op te "
        "vragen."
    ),
    "apikeys.revoked": "API-sleutel {name} is ingetrokken.",
    "account.title": "Mijn account",
    "account.username": "Gebruikersnaam",
    "account.name": "Naam",
    "account.organisation": "Organisatie",
    "account.roles": "Rollen",
    "account.login_method": "Inlogmethode",
    "account.login_method.local": "Wachtwoord van Waarborg",
    "account.login_method.oidc": "Via {provider}",
    "error.title": "Er ging iets mis",
    "error.400": "Het verzoek is ongeldig: {detail}",
    "error.403": "U heeft geen toegang tot deze pagina.",
    "error.403.csrf": (
        "Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer het nog eens. "
        "Er is niets gewijzigd."
    ),
    "error.404": "Deze pagina bestaat niet.",
    "error.405": "Deze actie is hier niet mogelijk.",
    "error.500": "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    "error.back_home": "Terug naar de startpagina",
    "form.required": "verplicht",
    "form.error_summary": "Er is een probleem",
    # The page title says there is an error before a screen reader reads anything else.
    "a11y.title.error": "Fout: {title}",
    # Governance console: use cases, assessment, approvals, kill switch, catalogue, policy.
    "gov.nav.use_cases": "Toepassingen",
    "gov.nav.models": "Modellen",
    "gov.nav.agreements": "Leveranciersafspraken",
    "gov.nav.organisation": "AI-beleid en noodstop",
    "gov.yes": "Ja",
    "gov.no": "Nee",
    "gov.back_to": "Terug naar {name}",
    "gov.col.status": "Status",
    "gov.col.version": "Versie",
    "gov.status.concept": "Concept",
    "gov.status.sandbox": "Sandbox",
    "gov.status.in_beoordeling": "In beoordeling",
    "gov.status.productie": "In productie",
    "gov.status.geschorst": "Geschorst",
    "gov.status.buiten_gebruik": "Buiten gebruik",
    "gov.transition.concept": "Terug naar concept",
    "gov.transition.sandbox": "In de sandbox zetten",
    "gov.transition.in_beoordeling": "Indienen ter beoordeling",
    "gov.transition.productie": "In productie nemen",
    "gov.audience.intern": "Medewerkers (intern)",
    "gov.audience.publiek": "Inwoners (publiek)",
    "gov.audience.api": "Andere programma's (API)",
    "gov.task.vragen_over_bronnen": "Vragen beantwoorden uit bronnen",
    "gov.task.open_chat": "Open gesprek",
    "gov.task.samenvatten": "Samenvatten",
    "gov.task.schrijven_b1": "Herschrijven in eenvoudige taal (B1)",
    "gov.task.brieven_controleren": "Brieven controleren",
    "gov.task.besluiten_toetsen": "Besluiten toetsen",
    "gov.classification.openbaar": "Openbaar",
    "gov.classification.intern": "Intern",
    "gov.classification.vertrouwelijk": "Vertrouwelijk",
    "gov.classification.bijzondere_persoonsgegevens": "Bijzondere persoonsgegevens",
    "gov.policy.blokkeren": "Blokkeren: persoonsgegevens worden geweigerd",
    "gov.policy.pseudonimiseren": "Pseudonimiseren voordat het model ze ziet",
    "gov.policy.toestaan": "Toestaan (alleen met een afgeronde DPIA)",
    "gov.hosting.eigen_infrastructuur": "Eigen infrastructuur",
    "gov.hosting.nederland": "Nederland",
    "gov.hosting.eu": "Europese Unie",
    "gov.hosting.buiten_eu": "Buiten de EU",
    "gov.training.open": "Open",
    "gov.training.gedeeltelijk": "Gedeeltelijk open",
    "gov.training.gesloten": "Gesloten",
    "gov.training.niet_van_toepassing": "Niet van toepassing",
    "gov.dpia.niet_gestart": "Niet gestart",
    "gov.dpia.in_uitvoering": "In uitvoering",
    "gov.dpia.afgerond": "Afgerond",
    "gov.dpia.niet_nodig": "Niet nodig",
    "gov.iama.niet_relevant": "Niet relevant",
    "gov.iama.niet_gestart": "Niet gestart",
    "gov.iama.in_uitvoering": "In uitvoering",
    "gov.iama.afgerond": "Afgerond",
    "gov.decision.akkoord": "Akkoord",
    "gov.decision.afgewezen": "Afgewezen",
    "gov.action.aangemaakt": "Geregistreerd",
    "gov.action.gewijzigd": "Gegevens gewijzigd",
    "gov.action.beoordeling_gewijzigd": "Beoordeling herzien",
    "gov.action.status": "Status gewijzigd",
    "gov.action.besluit": "Besluit {role}",
    "gov.field.slug": "Korte naam",
    "gov.field.name": "Naam",
    "gov.field.purpose": "Doel",
    "gov.field.description": "Korte omschrijving",
    "gov.field.owner": "Eigenaar",
    "gov.field.audience": "Doelgroep",
    "gov.field.task_type": "Soort taak",
    "gov.field.data_classification": "Classificatie van de gegevens",
    "gov.field.personal_data_policy": "Omgang met persoonsgegevens",
    "gov.field.allowed_models": "Toegestane modellen",
    "gov.field.access_roles": "Rollen met toegang",
    "gov.field.retention_days": "Bewaartermijn (dagen)",
    "gov.field.human_oversight": "Menselijk toezicht",
    "gov.field.citizen_contact": "Contact voor inwoners",
    "gov.field.contact_email": "Contactadres (e-mail)",
    "gov.field.themes": "Thema's in het Algoritmeregister",
    "gov.field.published": "Publiceren in het Algoritmeregister",
    "gov.field.status": "Status",
    "gov.field.besluit": "Besluit",
    "gov.field.legal_basis": "Rechtsgrond",
    "gov.field.legal_basis_links": "Wetten en regels",
    "gov.field.necessity": "Noodzaak en proportionaliteit",
    "gov.field.preconditions": "Randvoorwaarden",
    "gov.field.alternatives": "Alternatieven",
    "gov.field.limits_plan": "Plan voor de grenzen van de techniek",
    "gov.field.exit_strategy": "Exitstrategie",
    "gov.field.dpia_status": "Status van de DPIA",
    "gov.field.dpia_date": "Datum van de DPIA",
    "gov.field.dpia_link": "Link naar de DPIA",
    "gov.field.dpia_outcome": "Uitkomst van de DPIA",
    "gov.field.iama_status": "Status van de IAMA/FRIA",
    "gov.field.iama_link": "Link naar de IAMA/FRIA",
    "gov.field.iama_notes": "Toelichting bij de IAMA/FRIA",
    "gov.field.ai_act_answers": "Antwoorden AI-verordening",
    "gov.list.title": "Toepassingen",
    "gov.list.intro": "Alle AI-toepassingen van {organisation}, met hun status.",
    "gov.list.new": "Nieuwe toepassing",
    "gov.list.none": "Er zijn nog geen toepassingen.",
    "gov.form.new_title": "Nieuwe toepassing",
    "gov.form.edit_title": "{name} bewerken",
    "gov.form.intro_new": (
        "Beschrijf de toepassing. Zij begint als concept; pas na beoordeling en akkoord gaat zij "
        "in productie."
    ),
    "gov.form.intro_edit": (
        "Elke wijziging krijgt een nieuwe versie in de geschiedenis. Wijzigt u doel, doelgroep, "
        "soort taak, gegevens of modellen, dan vervallen de gegeven akkoorden."
    ),
    "gov.form.choose_owner": "Kies een eigenaar",
    "gov.form.create": "Toepassing registreren",
    "gov.form.save": "Wijzigingen opslaan",
    "gov.form.cancel": "Annuleren",
    "gov.hint.slug": (
        "Kleine letters, cijfers en streepjes, bijvoorbeeld 'burgerchat'. Dit kan later "
        "niet meer veranderen."
    ),
    "gov.hint.description": "Eén zin, maximaal 400 tekens.",
    "gov.hint.purpose": "Waarvoor en waarom de organisatie deze toepassing gebruikt.",
    "gov.hint.retention_days": "Hoe lang gesprekken bewaard blijven, van 1 tot 3650 dagen.",
    "gov.hint.human_oversight": "Wie controleert de uitkomsten, en hoe vaak?",
    "gov.detail.status": "Status",
    "gov.detail.since": "sinds {when}",
    "gov.detail.version": "versie {version}",
    "gov.detail.reason": "Reden",
    "gov.detail.organisation_suspended": (
        "Alle AI van de organisatie is geschorst: ook deze toepassing beantwoordt geen vragen."
    ),
    "gov.detail.pages": "Over deze toepassing",
    "gov.detail.edit": "Gegevens bewerken",
    "gov.detail.assessment": "Risicobeoordeling",
    "gov.detail.history": "Geschiedenis",
    "gov.detail.compliance": "Naleving Algoritmekader",
    "gov.detail.register": "Registerpublicatie (JSON)",
    "gov.detail.lifecycle": "Status en wat nog nodig is",
    "gov.detail.missing_for": "Nog nodig voor {status}",
    "gov.detail.nothing_missing": "Niets: aan alle voorwaarden is voldaan.",
    "gov.detail.change_status": "Status wijzigen",
    "gov.detail.warnings": "Waarschuwingen bij de modellen",
    "gov.detail.fields": "Gegevens",
    "gov.sources.title": "Bronnen",
    "gov.sources.none": "Deze toepassing heeft nog geen bronnen.",
    "gov.sources.name": "Naam",
    "gov.sources.status": "Status",
    "gov.sources.documents": "Documenten",
    "gov.sources.passages": "Passages",
    "gov.sources.vectors": "Vectoren",
    "gov.sources.vectors_value": "vectoren: {embedded} van {total}",
    "gov.sources.vectors_intro": (
        "Passages met een vector doen mee aan hybride zoeken (woorden en betekenis); tot een "
        "passage haar vector heeft, wordt zij alleen op woorden gevonden."
    ),
    "gov.source_status.nieuw": "nieuw",
    "gov.source_status.bezig": "bezig",
    "gov.source_status.gereed": "gereed",
    "gov.source_status.met_problemen": "gereed, met problemen",
    "gov.source_status.mislukt": "mislukt",
    "gov.kill.title": "Noodstop",
    "gov.kill.intro": (
        "Schors de toepassing als zij schade kan doen. Zij stopt direct met antwoorden; alleen "
        "de eigenaar kan haar hervatten."
    ),
    "gov.kill.reason": "Reden van de schorsing",
    "gov.kill.suspend": "Toepassing nu schorsen",
    "gov.kill.suspended": "De toepassing is geschorst en beantwoordt geen vragen.",
    "gov.kill.resume": "Toepassing hervatten",
    "gov.kill.resume_owner_only": "Alleen de eigenaar van de toepassing kan haar hervatten.",
    "gov.kill.not_available": "De noodstop is niet beschikbaar in deze status of voor uw rol.",
    "gov.approvals.title": "Akkoorden",
    "gov.approvals.intro": (
        "Akkoorden gelden voor revisie {revision} van de risicobeoordeling. Na een wijziging "
        "vervallen zij en is opnieuw akkoord nodig."
    ),
    "gov.approvals.role": "Rol",
    "gov.approvals.decision": "Besluit",
    "gov.approvals.by": "Door",
    "gov.approvals.when": "Wanneer",
    "gov.approvals.comment": "Toelichting",
    "gov.approvals.pending": "Nog niet besloten",
    "gov.approvals.sign_as": "Uw besluit als {role}",
    "gov.approvals.comment_label": "Toelichting (verplicht bij afwijzen)",
    "gov.approvals.approve": "Akkoord als {role}",
    "gov.approvals.reject": "Afwijzen als {role}",
    "gov.aiact.title": "AI-verordening",
    "gov.aiact.intro": (
        "Beantwoord de vragen van de Beslishulp AI-verordening. Bij elke vraag staat de stap in "
        "de beslishulp waar u de uitleg vindt."
    ),
    "gov.aiact.reference": "Beslishulp",
    "gov.aiact.outcome": "Uitkomst AI-verordening",
    "gov.aiact.roles": "Rol volgens de AI-verordening",
    "gov.aiact.risk": "Risicogroep",
    "gov.aiact.transparency": "Transparantieverplichtingen",
    "gov.aiact.incomplete": "Nog niet te bepalen: {count} vragen zijn nog niet beantwoord.",
    "gov.assessment.title": "Risicobeoordeling: {name}",
    "gov.assessment.intro": "Dit is revisie {revision} van de risicobeoordeling.",
    "gov.assessment.checklist": "Afwegingen",
    "gov.assessment.legal_links": "Wetten en regels (titel en link)",
    "gov.assessment.legal_links_hint": "Laat een rij leeg als u haar niet nodig heeft.",
    "gov.assessment.link_title": "Titel {number}",
    "gov.assessment.link_url": "Link {number}",
    "gov.assessment.dpia": "DPIA (gegevensbeschermingseffectbeoordeling)",
    "gov.assessment.iama": "IAMA / FRIA (mensenrechten)",
    "gov.assessment.lapse": (
        "Opslaan maakt een nieuwe revisie: akkoorden op de vorige revisie vervallen, en een "
        "toepassing in productie gaat terug naar beoordeling."
    ),
    "gov.assessment.save": "Beoordeling opslaan",
    "gov.assessment.readonly": "U kunt deze beoordeling alleen bekijken.",
    "gov.history.title": "Geschiedenis: {name}",
    "gov.history.intro": "Elke wijziging, elk besluit en elke statuswijziging, de nieuwste eerst.",
    "gov.history.when": "Wanneer",
    "gov.history.who": "Wie",
    "gov.history.action": "Actie",
    "gov.history.summary": "Samenvatting",
    "gov.history.changes": "Wijzigingen (oud → nieuw)",
    "gov.history.became": "werd",
    "gov.export.title": "Exporteren (exitstrategie)",
    "gov.export.intro": (
        "Download alles van deze toepassing in één zip-archief: gegevens, beoordeling, akkoorden "
        "en geschiedenis."
    ),
    "gov.export.download": "Archief downloaden",
    "gov.retire.title": "Buiten gebruik stellen",
    "gov.retire.open": "Toepassing definitief buiten gebruik stellen",
    "gov.retire.intro": "Een toepassing buiten gebruik kan niet meer terug in gebruik.",
    "gov.retire.reason": "Toelichting",
    "gov.retire.submit": "Buiten gebruik stellen",
    "gov.error.transition": "De toepassing kan nog niet naar '{target}'. Nog nodig:",
    "gov.error.unknown_status": "'{status}' is geen status die u hier kunt kiezen.",
    "gov.error.unknown_decision": "Kies akkoord of afwijzen, in een rol die moet tekenen.",
    "gov.error.already_retired": "De toepassing is al buiten gebruik.",
    "gov.flash.created": "Toepassing {name} is geregistreerd als concept.",
    "gov.flash.updated": "De wijzigingen zijn opgeslagen (versie {version}).",
    "gov.flash.unchanged": "Er was niets gewijzigd.",
    "gov.flash.assessed": (
        "De beoordeling is opgeslagen als revisie {revision}. Akkoorden op eerdere revisies zijn "
        "vervallen."
    ),
    "gov.flash.status": "De status is nu: {status}.",
    "gov.flash.approved": "Uw akkoord als {role} is vastgelegd.",
    "gov.flash.rejected": "Uw afwijzing als {role} is vastgelegd.",
    "gov.flash.suspended": "{name} is geschorst.",
    "gov.flash.resumed": "{name} is hervat.",
    "gov.flash.retired": "{name} is buiten gebruik gesteld.",
    "gov.flash.model_suspended": "Model {name} is geschorst.",
    "gov.flash.model_resumed": "Model {name} is weer beschikbaar.",
    "gov.flash.agreement": "De afspraak met {provider} is vastgelegd.",
    "gov.flash.policy": "Het AI-beleid is opgeslagen.",
    "gov.flash.org_suspended": "Alle AI van de organisatie is geschorst.",
    "gov.flash.org_resumed": "De AI van de organisatie is weer beschikbaar.",
    "gov.models.title": "Modellen",
    "gov.models.intro": (
        "De modellen die {organisation} kan gebruiken: waar zij draaien, onder welke licentie, "
        "hoe open zij zijn en of er een leveranciersafspraak is."
    ),
    "gov.models.readonly": "U kunt deze lijst alleen bekijken.",
    "gov.models.col.model": "Model",
    "gov.models.col.provider": "Aanbieder",
    "gov.models.col.hosting": "Hosting",
    "gov.models.col.licence": "Licentie",
    "gov.models.col.open_weights": "Open gewichten",
    "gov.models.col.training": "Trainingsdata",
    "gov.models.col.context": "Contextlengte",
    "gov.models.col.agreement": "Afspraak",
    "gov.models.col.notes": "Nederlands en waarschuwingen",
    "gov.models.col.status": "Status",
    "gov.models.col.actions": "Acties",
    "gov.models.active": "Beschikbaar",
    "gov.models.suspended": "Geschorst",
    "gov.models.reason": "Reden om {name} te schorsen",
    "gov.models.suspend": "Schorsen",
    "gov.models.suspend_label": "Model {name} schorsen",
    "gov.models.resume": "Hervatten",
    "gov.models.resume_label": "Model {name} hervatten",
    "gov.agreements.title": "Leveranciersafspraken",
    "gov.agreements.intro": (
        "Een model gaat alleen in productie als er een afspraak met de aanbieder is die "
        "hertrainen op uw gegevens uitsluit."
    ),
    "gov.agreements.readonly": "U kunt deze afspraken alleen bekijken.",
    "gov.agreements.none": "Er zijn nog geen afspraken vastgelegd.",
    "gov.agreements.provider": "Aanbieder",
    "gov.agreements.data_sharing": "Welke gegevens de aanbieder krijgt",
    "gov.agreements.retention": "Hoe lang de aanbieder ze bewaart",
    "gov.agreements.retraining": "Hertrainen op prompts",
    "gov.agreements.retraining_question": "Mag de aanbieder hertrainen op prompts?",
    "gov.agreements.retraining_allowed": "hertrainen toegestaan",
    "gov.agreements.hosting": "Hosting",
    "gov.agreements.signed_on": "Getekend op",
    "gov.agreements.link": "Link naar het contract",
    "gov.agreements.document": "Contract met {provider}",
    "gov.agreements.form_title": "Afspraak vastleggen of vervangen",
    "gov.agreements.form_intro": "Een bestaande afspraak met dezelfde aanbieder wordt vervangen.",
    "gov.agreements.submit": "Afspraak vastleggen",
    "gov.org.title": "AI-beleid en noodstop",
    "gov.org.intro": "Het beleid voor AI van {organisation} en de noodstop voor alle toepassingen.",
    "gov.org.kill_title": "Noodstop voor de hele organisatie",
    "gov.org.kill_intro": (
        "Zet alle AI-toepassingen van de organisatie direct stil. Inloggen blijft werken; "
        "alleen een beheerder kan de AI weer aanzetten."
    ),
    "gov.org.active": "Alle AI van de organisatie is beschikbaar.",
    "gov.org.suspended": "Alle AI van de organisatie is geschorst.",
    "gov.org.suspended_since": "Geschorst sinds {when}.",
    "gov.org.suspend": "Alle AI nu schorsen",
    "gov.org.resume": "Alle AI weer aanzetten",
    "gov.org.resume_admin_only": "Alleen een beheerder kan de AI weer aanzetten.",
    "gov.org.policy_title": "AI-beleid",
    "gov.org.readonly": "U kunt het beleid alleen bekijken; een beheerder kan het wijzigen.",
    "gov.org.models": "Welke modellen zijn toegestaan?",
    "gov.org.block_non_eu": "Modellen die buiten de EU worden gehost blokkeren",
    "gov.org.block_closed": "Alleen modellen met open gewichten toestaan",
    "gov.org.approvers": "Rollen die moeten tekenen voor productie",
    "gov.org.contact": "Algemeen contactadres voor AI (e-mail)",
    "gov.org.save": "Beleid opslaan",
    "oidc.error.insecure_issuer": (
        "de inlogdienst is niet via https ingesteld en Waarborg weigert een onbeveiligde "
        "verbinding. Vraag uw beheerder de instelling te herstellen."
    ),
    "oidc.error.unavailable": (
        "de inlogdienst is niet bereikbaar of gaf een onverwacht antwoord. Probeer het later "
        "opnieuw."
    ),
    "oidc.error.misconfigured": (
        "de koppeling met de inlogdienst is onjuist ingesteld. Vraag uw beheerder de instelling te "
        "controleren."
    ),
    "oidc.error.flow_missing": (
        "uw inlogpoging is verlopen of in een ander venster begonnen. Probeer opnieuw in te loggen."
    ),
    "oidc.error.state_mismatch": (
        "het antwoord van de inlogdienst hoort niet bij uw inlogpoging. Probeer opnieuw in te "
        "loggen."
    ),
    "oidc.error.access_denied": (
        "de inlogdienst heeft de toegang geweigerd of u heeft het inloggen afgebroken."
    ),
    "oidc.error.provider_error": (
        "de inlogdienst meldde een fout ({error}). Probeer het opnieuw of neem contact op met uw "
        "beheerder."
    ),
    "oidc.error.no_code": (
        "de inlogdienst stuurde geen inlogcode terug. Probeer opnieuw in te loggen."
    ),
    "oidc.error.token_refused": (
        "de inlogdienst weigerde de inlogcode in te wisselen. Probeer opnieuw in te loggen; blijft "
        "dit gebeuren, neem dan contact op met uw beheerder."
    ),
    "oidc.error.token_invalid": "het identiteitsbewijs van de inlogdienst is ongeldig.",
    "oidc.error.token_signature": (
        "de handtekening op het identiteitsbewijs van de inlogdienst klopt niet. Waarborg "
        "vertrouwt het daarom niet."
    ),
    "oidc.error.token_audience": (
        "het identiteitsbewijs van de inlogdienst is niet voor Waarborg bestemd."
    ),
    "oidc.error.token_issuer": "het identiteitsbewijs komt niet van de ingestelde inlogdienst.",
    "oidc.error.token_expired": (
        "het identiteitsbewijs van de inlogdienst is verlopen of nog niet geldig. Probeer opnieuw "
        "in te loggen."
    ),
    "oidc.error.token_nonce": (
        "het identiteitsbewijs hoort niet bij deze inlogpoging. Probeer opnieuw in te loggen."
    ),
    "oidc.error.groups_overage": (
        "u bent lid van te veel groepen om die in het identiteitsbewijs mee te sturen. Vraag uw "
        "beheerder om app-rollen te gebruiken."
    ),
    "oidc.error.no_username": "de inlogdienst stuurde geen gebruikersnaam mee (claim '{claim}').",
    "oidc.error.invalid_username": (
        "de gebruikersnaam '{username}' kan Waarborg niet gebruiken (toegestaan: 2 tot 254 tekens, "
        "letters, cijfers en . _ @ + -)."
    ),
    "oidc.error.no_role": (
        "uw account heeft (nog) geen rol in Waarborg; vraag uw beheerder om toegang."
    ),
    "oidc.error.username_taken": (
        "de gebruikersnaam '{username}' is in Waarborg al in gebruik door een ander account. Vraag "
        "uw beheerder om dit op te lossen."
    ),
    "oidc.error.user_disabled": (
        "uw account in Waarborg is uitgeschakeld. Neem contact op met uw beheerder."
    ),
    "oidc.error.organisation_inactive": (
        "uw organisatie is in Waarborg niet (meer) actief. Neem contact op met uw beheerder."
    ),
    "oidc.error.conflict": (
        "uw account kon niet worden bijgewerkt omdat er tegelijk een andere aanmelding was. "
        "Probeer het opnieuw."
    ),
    # Public register (Algoritmeregister) and the register file in the console.
    "register.title": "Algoritmeregister van {organisation}",
    "register.intro": (
        "{organisation} gebruikt deze toepassingen van generatieve AI. Per toepassing ziet u "
        "waarvoor die dient, welke modellen zij gebruikt, met welke gegevens zij werkt en waar u "
        "met vragen terechtkunt."
    ),
    "register.intro.standard": (
        "De volledige beschrijving volgt de publicatiestandaard van het Nederlandse "
        "Algoritmeregister."
    ),
    "register.status": "Status",
    "register.status.active": "In gebruik",
    "register.status.suspended.short": "Tijdelijk stopgezet",
    "register.status.suspended": "Deze toepassing is sinds {date} tijdelijk stopgezet.",
    "register.purpose": "Doel",
    "register.models": "Modellen",
    "register.sources": "Gegevens en bronnen",
    "register.contact": "Contact",
    "register.more": "Volledige beschrijving van {name}",
    "register.entry.back": "Terug naar het algoritmeregister van {organisation}",
    "register.entry.intro": (
        "Deze beschrijving volgt de velden van de publicatiestandaard 1.0 van het "
        "Algoritmeregister."
    ),
    "register.export.title": "De registerpublicatie van {name} is nog niet compleet",
    "register.export.intro": (
        "Waarborg maakt het bestand voor het Algoritmeregister pas als het aan de "
        "publicatiestandaard voldoet. Nog nodig:"
    ),
    "register.export.back": "Naar de naleving van {name}",
    # Compliance with the Algoritmekader, per use case.
    "compliance.title": "Naleving: {name}",
    "compliance.intro": (
        "Welke vereisten en maatregelen uit het Algoritmekader gelden voor deze toepassing, hoe "
        "Waarborg ze afdwingt of aantoont, en of ze nu zijn voldaan. De stand wordt bij elk bezoek "
        "opnieuw berekend uit de vastgelegde gegevens."
    ),
    "compliance.summary": (
        "{met} voldaan, {not_met} niet voldaan, {not_applicable} niet van toepassing."
    ),
    "compliance.download": "Registerpublicatie downloaden (JSON)",
    "compliance.caption": "Vereisten en maatregelen uit het Algoritmekader voor {name}",
    "compliance.col.code": "Code",
    "compliance.col.requirement": "Vereiste of maatregel",
    "compliance.col.control": "Zo borgt Waarborg het",
    "compliance.col.state": "Stand",
    "compliance.col.evidence": "Bewijs",
    "compliance.kind.vereiste": "Vereiste",
    "compliance.kind.maatregel": "Maatregel",
    "compliance.state.met": "Voldaan",
    "compliance.state.not_met": "Niet voldaan",
    "compliance.state.not_applicable": "Niet van toepassing",
    "compliance.pending": "Het bewijs komt uit een onderdeel dat nog niet beschikbaar is:",
    "compliance.no_evidence": "Geen",
    # Assistant
    "nav.assistant": "Assistent",
    "assistant.title": "Assistent",
    "assistant.intro": (
        "Stel een vraag aan een goedgekeurde AI-toepassing. Het antwoord komt uit de "
        "goedgekeurde bronnen en noemt die; vindt de assistent niets, dan zegt hij dat."
    ),
    "assistant.none": (
        "Er is nu geen toepassing die u mag gebruiken. Vraag uw beheerder of de eigenaar "
        "van een toepassing om toegang."
    ),
    "assistant.use_case": "Toepassing",
    "assistant.question": "Uw vraag",
    "assistant.submit": "Vraag stellen",
    "assistant.answer": "Antwoord",
    "assistant.sources": "Bronnen",
    "assistant.page": "pagina {page}",
    "assistant.ai": "AI-label:",
    "assistant.new": "Nieuw gesprek",
    "assistant.conversation": "Gesprek",
    "assistant.you_asked": "Uw vraag:",
    "assistant.kept_until": "Bewaard tot {date}",
    "assistant.delete": "Gesprek verwijderen",
    "assistant.busy": "Het antwoord wordt geschreven…",
    "assistant.failed": (
        "De verbinding viel weg voordat het antwoord af was. Bekijk het gesprek onder "
        "Mijn gesprekken of stel de vraag opnieuw."
    ),
    "assistant.flagged": "Niet onderbouwd door de bronnen:",
    "assistant.history.link": "Mijn gesprekken",
    "assistant.history.title": "Mijn gesprekken",
    "assistant.history.intro": (
        "Uw gesprekken met de assistent. Alleen u ziet ze. Elk gesprek wordt bewaard tot de "
        "genoemde datum en daarna automatisch verwijderd; u kunt het ook nu verwijderen."
    ),
    "assistant.history.empty": "U heeft geen bewaarde gesprekken.",
    "assistant.history.untitled": "Gesprek zonder titel",
    "assistant.delete.title": "Gesprek verwijderen",
    "assistant.delete.question": (
        "Weet u zeker dat u het gesprek ‘{title}’ wilt verwijderen? Het gesprek, de "
        "antwoorden en uw beoordelingen worden direct verwijderd."
    ),
    "assistant.delete.confirm": "Ja, verwijderen",
    "assistant.delete.cancel": "Nee, terug naar het gesprek",
    "assistant.deleted": "Het gesprek is verwijderd.",
    "assistant.feedback.legend": "Was dit antwoord nuttig?",
    "assistant.feedback.up": "Ja, nuttig",
    "assistant.feedback.down": "Nee, niet nuttig",
    "assistant.feedback.comment": "Toelichting (niet verplicht)",
    "assistant.feedback.submit": "Beoordeling versturen",
    "assistant.feedback.thanks": "Dank u wel, uw beoordeling is opgeslagen.",
    "assistant.feedback.choose": "Kies of het antwoord nuttig was.",
    "assistant.feedback.too_long": "Een toelichting heeft hoogstens {limit} tekens.",
    "assistant.feedback.given_up": "U vond dit antwoord nuttig.",
    "assistant.feedback.given_down": "U vond dit antwoord niet nuttig.",
    # Audit log
    "audit.title": "Auditlog",
    "audit.intro": (
        "Alle vragen en alle wijzigingen in het beheer, met pseudonieme gebruikers, redenen en "
        "soorten persoonsgegevens. Wat mensen typten staat hier nooit in."
    ),
    "audit.chain.intact": "De keten is intact: {count} gebeurtenissen gecontroleerd.",
    "audit.chain.broken": "De keten is niet intact",
    "audit.filter": "Zoeken",
    "audit.kind": "Soort",
    "audit.kind.all": "Alle",
    "audit.kind.request": "Verzoek",
    "audit.kind.admin": "Beheer",
    "audit.use_case": "Toepassing",
    "audit.action": "Actie",
    "audit.since": "Vanaf",
    "audit.until": "Tot en met",
    "audit.search": "Zoeken",
    "audit.export.csv": "Exporteren als CSV",
    "audit.export.json": "Exporteren als JSON",
    "audit.col.when": "Wanneer (UTC)",
    "audit.col.actor": "Door",
    "audit.col.detail": "Gegevens",
    "audit.pages": "Pagina's",
    "audit.previous": "Vorige",
    "audit.next": "Volgende",
    "audit.none": "Er zijn geen gebeurtenissen die hierbij passen.",
    "nav.audit": "Auditlog",
}
