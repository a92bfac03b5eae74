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
}
