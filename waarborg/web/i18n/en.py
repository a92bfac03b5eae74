"""English texts."""

MESSAGES: dict[str, str] = {
    "app.name": "Waarborg",
    "app.tagline": "Responsible generative AI for government",
    "skip.to_content": "Skip to content",
    "nav.main": "Main menu",
    "nav.home": "Home",
    "nav.users": "Users",
    "nav.api_keys": "API keys",
    "nav.account": "My account",
    "nav.logout": "Log out",
    "nav.login": "Log in",
    "nav.language": "Language",
    "language.switch": "Nederlands",
    "language.switch_label": "Schakel over naar Nederlands",
    "footer.text": "Waarborg — open source under the EUPL-1.2.",
    "footer.organisation": "Organisation: {name}",
    "login.title": "Log in",
    "login.intro": "Log in with your Waarborg username and password.",
    "login.username": "Username",
    "login.password": "Password",
    "login.submit": "Log in",
    "login.oidc_heading": "Or log in through your organisation",
    "login.error.invalid": "The username or password is incorrect.",
    "login.error.missing": "Enter your username and password.",
    "login.error.locked": "Too many failed attempts. Try again in {minutes} minutes.",
    "login.error.throttled": "Too many attempts from this address. Wait a moment and try again.",
    "login.notice.expired": "Your session has expired. Please log in again.",
    "login.notice.logged_out": "You have been logged out.",
    "login.notice.required": "Log in to view this page.",
    "login.error.oidc": "Logging in through {provider} failed: {reason}",
    "home.title": "Home",
    "home.welcome": "Welcome, {name}",
    "home.roles": "Your roles in {organisation}",
    "home.tasks": "What you can do here",
    "role.medewerker": "Employee",
    "role.eigenaar": "Use-case owner",
    "role.privacy_officer": "Privacy officer",
    "role.ciso": "CISO",
    "role.beheerder": "Administrator",
    "role.auditor": "Auditor",
    "role.medewerker.task": (
        "Ask questions of the AI assistants your organisation has approved. "
        "Answers always show their sources and an AI label."
    ),
    "role.eigenaar.task": "Register use cases, describe purpose and risks, and request approval.",
    "role.privacy_officer.task": (
        "Review the DPIA and the handling of personal data, and give your sign-off."
    ),
    "role.ciso.task": "Review information security, supplier agreements and the kill switch.",
    "role.beheerder.task": "Manage your organisation's users, roles and API keys.",
    "role.auditor.task": "View (read-only) who holds which role, the audit log and the register.",
    "users.title": "Users",
    "users.intro": "All accounts of {organisation}.",
    "users.readonly": "You can only view this list.",
    "users.col.username": "Username",
    "users.col.name": "Name",
    "users.col.roles": "Roles",
    "users.col.status": "Status",
    "users.col.actions": "Actions",
    "users.status.active": "Active",
    "users.status.disabled": "Disabled",
    "users.disable": "Disable",
    "users.disable_label": "Disable user {username}",
    "users.create.title": "Add a user",
    "users.create.username": "Username",
    "users.create.name": "Name",
    "users.create.password": "Initial password (at least 12 characters)",
    "users.create.roles": "Roles",
    "users.create.submit": "Add user",
    "users.created": "User {username} has been added.",
    "users.disabled": "User {username} has been disabled.",
    "users.cannot_disable_self": "You cannot disable your own account.",
    "apikeys.title": "API keys",
    "apikeys.intro": "Other programs use an API key to call Waarborg on behalf of {organisation}.",
    "apikeys.col.name": "Name",
    "apikeys.col.prefix": "Starts with",
    "apikeys.col.created": "Created",
    "apikeys.col.last_used": "Last used",
    "apikeys.col.status": "Status",
    "apikeys.col.actions": "Actions",
    "apikeys.status.active": "Active",
    "apikeys.status.revoked": "Revoked",
    "apikeys.never": "Never",
    "apikeys.none": "There are no API keys yet.",
    "apikeys.revoke": "Revoke",
    "apikeys.revoke_label": "Revoke API key {name}",
    "apikeys.create.title": "Create an API key",
    "apikeys.create.name": "Name (what is the key for?)",
    "apikeys.create.submit": "Create key",
    "apikeys.created": "API key {name} has been created.",
    "apikeys.created.once": (
        "Copy the key now: it is shown only once and cannot be retrieved later."
    ),
    "apikeys.revoked": "API key {name} has been revoked.",
    "account.title": "My account",
    "account.username": "Username",
    "account.name": "Name",
    "account.organisation": "Organisation",
    "account.roles": "Roles",
    "account.login_method": "Login method",
    "account.login_method.local": "Waarborg password",
    "account.login_method.oidc": "Through {provider}",
    "error.title": "Something went wrong",
    "error.400": "The request is invalid: {detail}",
    "error.403": "You do not have access to this page.",
    "error.403.csrf": (
        "The form has expired or is invalid. Reload the page and try again. Nothing was changed."
    ),
    "error.404": "This page does not exist.",
    "error.405": "This action is not possible here.",
    "error.500": "Something went wrong on our side. Please try again later.",
    "error.back_home": "Back to the home page",
    "form.required": "required",
    "form.error_summary": "There is a problem",
    # The page title says there is an error before a screen reader reads anything else.
    "a11y.title.error": "Error: {title}",
    "oidc.error.insecure_issuer": (
        "the identity provider is not configured with https and Waarborg refuses an insecure "
        "connection. Ask your administrator to correct the setting."
    ),
    "oidc.error.unavailable": (
        "the identity provider cannot be reached or gave an unexpected answer. Please try again "
        "later."
    ),
    "oidc.error.misconfigured": (
        "the connection to the identity provider is configured incorrectly. Ask your administrator "
        "to check the setting."
    ),
    "oidc.error.flow_missing": (
        "your login attempt has expired or was started in another window. Please log in again."
    ),
    "oidc.error.state_mismatch": (
        "the answer of the identity provider does not belong to your login attempt. Please log in "
        "again."
    ),
    "oidc.error.access_denied": "the identity provider refused access or you cancelled the login.",
    "oidc.error.provider_error": (
        "the identity provider reported an error ({error}). Try again or contact your "
        "administrator."
    ),
    "oidc.error.no_code": "the identity provider sent no login code back. Please log in again.",
    "oidc.error.token_refused": (
        "the identity provider refused to exchange the login code. Please log in again; if this "
        "keeps happening, contact your administrator."
    ),
    "oidc.error.token_invalid": "the identity token from the identity provider is invalid.",
    "oidc.error.token_signature": (
        "the signature on the identity token does not match, so Waarborg does not trust it."
    ),
    "oidc.error.token_audience": (
        "the identity token from the identity provider is not meant for Waarborg."
    ),
    "oidc.error.token_issuer": (
        "the identity token does not come from the configured identity provider."
    ),
    "oidc.error.token_expired": (
        "the identity token from the identity provider has expired or is not yet valid. Please log "
        "in again."
    ),
    "oidc.error.token_nonce": (
        "the identity token does not belong to this login attempt. Please log in again."
    ),
    "oidc.error.groups_overage": (
        "you are a member of too many groups to send them in the identity token. Ask your "
        "administrator to use app roles."
    ),
    "oidc.error.no_username": "the identity provider sent no username (claim '{claim}').",
    "oidc.error.invalid_username": (
        "Waarborg cannot use the username '{username}' (allowed: 2 to 254 characters, letters, "
        "digits and . _ @ + -)."
    ),
    "oidc.error.no_role": (
        "your account has no role in Waarborg (yet); ask your administrator for access."
    ),
    "oidc.error.username_taken": (
        "the username '{username}' is already used by another account in Waarborg. Ask your "
        "administrator to resolve this."
    ),
    "oidc.error.user_disabled": "your Waarborg account is disabled. Contact your administrator.",
    "oidc.error.organisation_inactive": (
        "your organisation is not (or no longer) active in Waarborg. Contact your administrator."
    ),
    "oidc.error.conflict": (
        "your account could not be updated because another login happened at the same time. Please "
        "try again."
    ),
    # Public register (Algoritmeregister) and the register file in the console.
    "register.title": "Algorithm register of {organisation}",
    "register.intro": (
        "{organisation} uses these generative-AI applications. For each you see what it is for, "
        "which models it uses, which data it works with and whom to contact with questions."
    ),
    "register.intro.standard": (
        "The full description follows the publication standard of the Dutch Algorithm Register "
        "(Algoritmeregister); its texts are in Dutch."
    ),
    "register.status": "Status",
    "register.status.active": "In use",
    "register.status.suspended.short": "Temporarily stopped",
    "register.status.suspended": "This application has been temporarily stopped since {date}.",
    "register.purpose": "Purpose",
    "register.models": "Models",
    "register.sources": "Data and sources",
    "register.contact": "Contact",
    "register.more": "Full description of {name}",
    "register.entry.back": "Back to the algorithm register of {organisation}",
    "register.entry.intro": (
        "This description follows the fields of publication standard 1.0 of the Dutch Algorithm "
        "Register."
    ),
    "register.export.title": "The register publication of {name} is not complete yet",
    "register.export.intro": (
        "Waarborg only creates the file for the Algorithm Register when it meets the publication "
        "standard. Still needed:"
    ),
    "register.export.back": "To the compliance of {name}",
    # Compliance with the Algoritmekader, per use case.
    "compliance.title": "Compliance: {name}",
    "compliance.intro": (
        "Which requirements and measures of the Algoritmekader (the Dutch government's algorithm "
        "framework) apply to this application, how Waarborg enforces or evidences them, and "
        "whether they are met now. The state is computed from the records on every visit."
    ),
    "compliance.summary": "{met} met, {not_met} not met, {not_applicable} not applicable.",
    "compliance.download": "Download the register publication (JSON)",
    "compliance.caption": "Requirements and measures of the Algoritmekader for {name}",
    "compliance.col.requirement": "Requirement or measure",
    "compliance.col.control": "How Waarborg ensures it",
    "compliance.col.state": "State",
    "compliance.col.evidence": "Evidence",
    "compliance.kind.vereiste": "Requirement",
    "compliance.kind.maatregel": "Measure",
    "compliance.state.met": "Met",
    "compliance.state.not_met": "Not met",
    "compliance.state.not_applicable": "Not applicable",
    "compliance.pending": "The evidence comes from a part that is not available yet:",
    "compliance.no_evidence": "None",
}
