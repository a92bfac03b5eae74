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
    # Governance console: use cases, assessment, approvals, kill switch, catalogue, policy.
    "gov.nav.use_cases": "Applications",
    "gov.nav.models": "Models",
    "gov.nav.agreements": "Supplier agreements",
    "gov.nav.organisation": "AI policy and kill switch",
    "gov.yes": "Yes",
    "gov.no": "No",
    "gov.back_to": "Back to {name}",
    "gov.col.status": "Status",
    "gov.col.version": "Version",
    "gov.status.concept": "Draft",
    "gov.status.sandbox": "Sandbox",
    "gov.status.in_beoordeling": "In review",
    "gov.status.productie": "In production",
    "gov.status.geschorst": "Suspended",
    "gov.status.buiten_gebruik": "Retired",
    "gov.transition.concept": "Back to draft",
    "gov.transition.sandbox": "Move to the sandbox",
    "gov.transition.in_beoordeling": "Submit for review",
    "gov.transition.productie": "Put into production",
    "gov.audience.intern": "Employees (internal)",
    "gov.audience.publiek": "Residents (public)",
    "gov.audience.api": "Other programs (API)",
    "gov.task.vragen_over_bronnen": "Answering questions from sources",
    "gov.task.open_chat": "Open conversation",
    "gov.task.samenvatten": "Summarising",
    "gov.task.schrijven_b1": "Rewriting in plain language (B1)",
    "gov.task.brieven_controleren": "Checking letters",
    "gov.task.besluiten_toetsen": "Reviewing decisions",
    "gov.classification.openbaar": "Public",
    "gov.classification.intern": "Internal",
    "gov.classification.vertrouwelijk": "Confidential",
    "gov.classification.bijzondere_persoonsgegevens": "Special categories of personal data",
    "gov.policy.blokkeren": "Block: personal data is refused",
    "gov.policy.pseudonimiseren": "Pseudonymise before the model sees it",
    "gov.policy.toestaan": "Allow (only with a completed DPIA)",
    "gov.hosting.eigen_infrastructuur": "Own infrastructure",
    "gov.hosting.nederland": "The Netherlands",
    "gov.hosting.eu": "European Union",
    "gov.hosting.buiten_eu": "Outside the EU",
    "gov.training.open": "Open",
    "gov.training.gedeeltelijk": "Partly open",
    "gov.training.gesloten": "Closed",
    "gov.training.niet_van_toepassing": "Not applicable",
    "gov.dpia.niet_gestart": "Not started",
    "gov.dpia.in_uitvoering": "In progress",
    "gov.dpia.afgerond": "Completed",
    "gov.dpia.niet_nodig": "Not needed",
    "gov.iama.niet_relevant": "Not relevant",
    "gov.iama.niet_gestart": "Not started",
    "gov.iama.in_uitvoering": "In progress",
    "gov.iama.afgerond": "Completed",
    "gov.decision.akkoord": "Approved",
    "gov.decision.afgewezen": "Rejected",
    "gov.action.aangemaakt": "Registered",
    "gov.action.gewijzigd": "Details changed",
    "gov.action.beoordeling_gewijzigd": "Assessment revised",
    "gov.action.status": "Status changed",
    "gov.action.besluit": "Decision {role}",
    "gov.field.slug": "Short name",
    "gov.field.name": "Name",
    "gov.field.purpose": "Purpose",
    "gov.field.description": "Short description",
    "gov.field.owner": "Owner",
    "gov.field.audience": "Audience",
    "gov.field.task_type": "Kind of task",
    "gov.field.data_classification": "Classification of the data",
    "gov.field.personal_data_policy": "Handling of personal data",
    "gov.field.allowed_models": "Allowed models",
    "gov.field.access_roles": "Roles with access",
    "gov.field.retention_days": "Retention period (days)",
    "gov.field.human_oversight": "Human oversight",
    "gov.field.citizen_contact": "Contact for residents",
    "gov.field.contact_email": "Contact address (e-mail)",
    "gov.field.themes": "Themes in the Algorithm Register",
    "gov.field.published": "Publish in the Algorithm Register",
    "gov.field.status": "Status",
    "gov.field.besluit": "Decision",
    "gov.field.legal_basis": "Legal basis",
    "gov.field.legal_basis_links": "Laws and regulations",
    "gov.field.necessity": "Necessity and proportionality",
    "gov.field.preconditions": "Preconditions",
    "gov.field.alternatives": "Alternatives",
    "gov.field.limits_plan": "Plan for the limits of the technology",
    "gov.field.exit_strategy": "Exit strategy",
    "gov.field.dpia_status": "Status of the DPIA",
    "gov.field.dpia_date": "Date of the DPIA",
    "gov.field.dpia_link": "Link to the DPIA",
    "gov.field.dpia_outcome": "Outcome of the DPIA",
    "gov.field.iama_status": "Status of the IAMA/FRIA",
    "gov.field.iama_link": "Link to the IAMA/FRIA",
    "gov.field.iama_notes": "Notes on the IAMA/FRIA",
    "gov.field.ai_act_answers": "AI Act answers",
    "gov.list.title": "Applications",
    "gov.list.intro": "All AI applications of {organisation}, with their status.",
    "gov.list.new": "New application",
    "gov.list.none": "There are no applications yet.",
    "gov.form.new_title": "New application",
    "gov.form.edit_title": "Edit {name}",
    "gov.form.intro_new": (
        "Describe the application. It starts as a draft; only after review and approval does it "
        "go into production."
    ),
    "gov.form.intro_edit": (
        "Every change gets a new version in the history. If you change the purpose, audience, "
        "kind of task, data or models, the approvals given lapse."
    ),
    "gov.form.choose_owner": "Choose an owner",
    "gov.form.create": "Register application",
    "gov.form.save": "Save changes",
    "gov.form.cancel": "Cancel",
    "gov.hint.slug": (
        "Lower-case letters, digits and hyphens, for example 'burgerchat'. It cannot change later."
    ),
    "gov.hint.description": "One sentence, at most 400 characters.",
    "gov.hint.purpose": "What the organisation uses this application for, and why.",
    "gov.hint.retention_days": "How long conversations are kept, from 1 to 3650 days.",
    "gov.hint.human_oversight": "Who checks the results, and how often?",
    "gov.detail.status": "Status",
    "gov.detail.since": "since {when}",
    "gov.detail.version": "version {version}",
    "gov.detail.reason": "Reason",
    "gov.detail.organisation_suspended": (
        "All AI of the organisation is suspended: this application does not answer either."
    ),
    "gov.detail.pages": "About this application",
    "gov.detail.edit": "Edit details",
    "gov.detail.assessment": "Risk assessment",
    "gov.detail.history": "History",
    "gov.detail.compliance": "Compliance with the Algoritmekader",
    "gov.detail.register": "Register publication (JSON)",
    "gov.detail.lifecycle": "Status and what is still needed",
    "gov.detail.missing_for": "Still needed for {status}",
    "gov.detail.nothing_missing": "Nothing: every condition is met.",
    "gov.detail.change_status": "Change status",
    "gov.detail.warnings": "Warnings about the models",
    "gov.detail.fields": "Details",
    "gov.sources.title": "Sources",
    "gov.sources.none": "This application has no sources yet.",
    "gov.sources.name": "Name",
    "gov.sources.status": "Status",
    "gov.sources.documents": "Documents",
    "gov.sources.passages": "Passages",
    "gov.sources.vectors": "Vectors",
    "gov.sources.vectors_value": "vectors: {embedded} of {total}",
    "gov.sources.vectors_intro": (
        "Passages with a vector take part in hybrid search (words and meaning); until a "
        "passage has its vector, it is found by its words only."
    ),
    "gov.source_status.nieuw": "new",
    "gov.source_status.bezig": "running",
    "gov.source_status.gereed": "done",
    "gov.source_status.met_problemen": "done, with problems",
    "gov.source_status.mislukt": "failed",
    "gov.kill.title": "Kill switch",
    "gov.kill.intro": (
        "Suspend the application if it may cause harm. It stops answering at once; only its "
        "owner can resume it."
    ),
    "gov.kill.reason": "Reason for the suspension",
    "gov.kill.suspend": "Suspend the application now",
    "gov.kill.suspended": "The application is suspended and answers no questions.",
    "gov.kill.resume": "Resume the application",
    "gov.kill.resume_owner_only": "Only the owner of the application can resume it.",
    "gov.kill.not_available": "The kill switch is not available in this status or for your role.",
    "gov.approvals.title": "Approvals",
    "gov.approvals.intro": (
        "Approvals apply to revision {revision} of the risk assessment. After a change they lapse "
        "and approval is needed again."
    ),
    "gov.approvals.role": "Role",
    "gov.approvals.decision": "Decision",
    "gov.approvals.by": "By",
    "gov.approvals.when": "When",
    "gov.approvals.comment": "Comment",
    "gov.approvals.pending": "Not decided yet",
    "gov.approvals.sign_as": "Your decision as {role}",
    "gov.approvals.comment_label": "Comment (required when rejecting)",
    "gov.approvals.approve": "Approve as {role}",
    "gov.approvals.reject": "Reject as {role}",
    "gov.aiact.title": "AI Act",
    "gov.aiact.intro": (
        "Answer the questions of the government's AI Act decision aid (Beslishulp "
        "AI-verordening). Each question names the step of the decision aid that explains it."
    ),
    "gov.aiact.reference": "Decision aid",
    "gov.aiact.outcome": "AI Act outcome",
    "gov.aiact.roles": "Role under the AI Act",
    "gov.aiact.risk": "Risk group",
    "gov.aiact.transparency": "Transparency obligations",
    "gov.aiact.incomplete": "Cannot be determined yet: {count} questions are unanswered.",
    "gov.assessment.title": "Risk assessment: {name}",
    "gov.assessment.intro": "This is revision {revision} of the risk assessment.",
    "gov.assessment.checklist": "Considerations",
    "gov.assessment.legal_links": "Laws and regulations (title and link)",
    "gov.assessment.legal_links_hint": "Leave a row empty if you do not need it.",
    "gov.assessment.link_title": "Title {number}",
    "gov.assessment.link_url": "Link {number}",
    "gov.assessment.dpia": "DPIA (data protection impact assessment)",
    "gov.assessment.iama": "IAMA / FRIA (human rights)",
    "gov.assessment.lapse": (
        "Saving creates a new revision: approvals of the previous revision lapse, and an "
        "application in production goes back to review."
    ),
    "gov.assessment.save": "Save assessment",
    "gov.assessment.readonly": "You can only view this assessment.",
    "gov.history.title": "History: {name}",
    "gov.history.intro": "Every change, decision and status change, newest first.",
    "gov.history.when": "When",
    "gov.history.who": "Who",
    "gov.history.action": "Action",
    "gov.history.summary": "Summary",
    "gov.history.changes": "Changes (old → new)",
    "gov.history.became": "became",
    "gov.export.title": "Export (exit strategy)",
    "gov.export.intro": (
        "Download everything of this application in one zip archive: details, assessment, "
        "approvals and history."
    ),
    "gov.export.download": "Download archive",
    "gov.retire.title": "Retire",
    "gov.retire.open": "Retire the application for good",
    "gov.retire.intro": "A retired application cannot be taken back into use.",
    "gov.retire.reason": "Comment",
    "gov.retire.submit": "Retire",
    "gov.error.transition": "The application cannot move to '{target}' yet. Still needed:",
    "gov.error.unknown_status": "'{status}' is not a status you can choose here.",
    "gov.error.unknown_decision": "Choose approve or reject, in a role that must sign.",
    "gov.error.already_retired": "The application is already retired.",
    "gov.flash.created": "Application {name} has been registered as a draft.",
    "gov.flash.updated": "The changes have been saved (version {version}).",
    "gov.flash.unchanged": "Nothing was changed.",
    "gov.flash.assessed": (
        "The assessment has been saved as revision {revision}. Approvals of earlier revisions "
        "have lapsed."
    ),
    "gov.flash.status": "The status is now: {status}.",
    "gov.flash.approved": "Your approval as {role} has been recorded.",
    "gov.flash.rejected": "Your rejection as {role} has been recorded.",
    "gov.flash.suspended": "{name} has been suspended.",
    "gov.flash.resumed": "{name} has been resumed.",
    "gov.flash.retired": "{name} has been retired.",
    "gov.flash.model_suspended": "Model {name} has been suspended.",
    "gov.flash.model_resumed": "Model {name} is available again.",
    "gov.flash.agreement": "The agreement with {provider} has been recorded.",
    "gov.flash.policy": "The AI policy has been saved.",
    "gov.flash.org_suspended": "All AI of the organisation has been suspended.",
    "gov.flash.org_resumed": "The AI of the organisation is available again.",
    "gov.models.title": "Models",
    "gov.models.intro": (
        "The models {organisation} can use: where they run, under which licence, how open they "
        "are and whether there is a supplier agreement."
    ),
    "gov.models.readonly": "You can only view this list.",
    "gov.models.col.model": "Model",
    "gov.models.col.provider": "Provider",
    "gov.models.col.hosting": "Hosting",
    "gov.models.col.licence": "Licence",
    "gov.models.col.open_weights": "Open weights",
    "gov.models.col.training": "Training data",
    "gov.models.col.context": "Context length",
    "gov.models.col.agreement": "Agreement",
    "gov.models.col.notes": "Dutch and warnings",
    "gov.models.col.status": "Status",
    "gov.models.col.actions": "Actions",
    "gov.models.active": "Available",
    "gov.models.suspended": "Suspended",
    "gov.models.reason": "Reason to suspend {name}",
    "gov.models.suspend": "Suspend",
    "gov.models.suspend_label": "Suspend model {name}",
    "gov.models.resume": "Resume",
    "gov.models.resume_label": "Resume model {name}",
    "gov.agreements.title": "Supplier agreements",
    "gov.agreements.intro": (
        "A model only goes into production when there is an agreement with its provider that "
        "rules out retraining on your data."
    ),
    "gov.agreements.readonly": "You can only view these agreements.",
    "gov.agreements.none": "No agreements have been recorded yet.",
    "gov.agreements.provider": "Provider",
    "gov.agreements.data_sharing": "Which data the provider receives",
    "gov.agreements.retention": "How long the provider keeps it",
    "gov.agreements.retraining": "Retraining on prompts",
    "gov.agreements.retraining_question": "May the provider retrain on prompts?",
    "gov.agreements.retraining_allowed": "retraining allowed",
    "gov.agreements.hosting": "Hosting",
    "gov.agreements.signed_on": "Signed on",
    "gov.agreements.link": "Link to the contract",
    "gov.agreements.document": "Contract with {provider}",
    "gov.agreements.form_title": "Record or replace an agreement",
    "gov.agreements.form_intro": "An existing agreement with the same provider is replaced.",
    "gov.agreements.submit": "Record agreement",
    "gov.org.title": "AI policy and kill switch",
    "gov.org.intro": "The AI policy of {organisation} and the kill switch for every application.",
    "gov.org.kill_title": "Kill switch for the whole organisation",
    "gov.org.kill_intro": (
        "Stop every AI application of the organisation at once. Logging in keeps working; only "
        "an administrator can switch the AI back on."
    ),
    "gov.org.active": "All AI of the organisation is available.",
    "gov.org.suspended": "All AI of the organisation is suspended.",
    "gov.org.suspended_since": "Suspended since {when}.",
    "gov.org.suspend": "Suspend all AI now",
    "gov.org.resume": "Switch all AI back on",
    "gov.org.resume_admin_only": "Only an administrator can switch the AI back on.",
    "gov.org.policy_title": "AI policy",
    "gov.org.readonly": "You can only view the policy; an administrator can change it.",
    "gov.org.models": "Which models are allowed?",
    "gov.org.block_non_eu": "Block models hosted outside the EU",
    "gov.org.block_closed": "Only allow models with open weights",
    "gov.org.approvers": "Roles that must sign before production",
    "gov.org.contact": "General contact address for AI (e-mail)",
    "gov.org.save": "Save policy",
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
    "compliance.col.code": "Code",
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
    # Assistant
    "nav.assistant": "Assistant",
    "assistant.title": "Assistant",
    "assistant.intro": (
        "Ask an approved AI use case a question. The answer comes from the approved "
        "sources and names them; if the assistant finds nothing, it says so."
    ),
    "assistant.none": (
        "There is no use case you may use right now. Ask your administrator or a use-case "
        "owner for access."
    ),
    "assistant.use_case": "Use case",
    "assistant.question": "Your question",
    "assistant.submit": "Ask",
    "assistant.answer": "Answer",
    "assistant.sources": "Sources",
    "assistant.page": "page {page}",
    "assistant.ai": "AI label:",
    "assistant.new": "New conversation",
    "assistant.conversation": "Conversation",
    "assistant.you_asked": "Your question:",
    "assistant.kept_until": "Kept until {date}",
    "assistant.delete": "Delete conversation",
    "assistant.busy": "The answer is being written…",
    "assistant.failed": (
        "The connection was lost before the answer was complete. See the conversation "
        "under My conversations or ask again."
    ),
    "assistant.flagged": "Not supported by the sources:",
    "assistant.history.link": "My conversations",
    "assistant.history.title": "My conversations",
    "assistant.history.intro": (
        "Your conversations with the assistant. Only you can see them. Each is kept until "
        "the date shown and then deleted automatically; you can also delete it now."
    ),
    "assistant.history.empty": "You have no kept conversations.",
    "assistant.history.untitled": "Untitled conversation",
    "assistant.delete.title": "Delete conversation",
    "assistant.delete.question": (
        "Are you sure you want to delete the conversation ‘{title}’? The conversation, its "
        "answers and your ratings are deleted at once."
    ),
    "assistant.delete.confirm": "Yes, delete",
    "assistant.delete.cancel": "No, back to the conversation",
    "assistant.deleted": "The conversation has been deleted.",
    "assistant.feedback.legend": "Was this answer useful?",
    "assistant.feedback.up": "Yes, useful",
    "assistant.feedback.down": "No, not useful",
    "assistant.feedback.comment": "Comment (optional)",
    "assistant.feedback.submit": "Send rating",
    "assistant.feedback.thanks": "Thank you, your rating has been saved.",
    "assistant.feedback.choose": "Choose whether the answer was useful.",
    "assistant.feedback.too_long": "A comment has at most {limit} characters.",
    "assistant.feedback.given_up": "You found this answer useful.",
    "assistant.feedback.given_down": "You did not find this answer useful.",
    # Audit log
    "audit.title": "Audit log",
    "audit.intro": (
        "Every question and every governance change, with pseudonymous users, reasons and "
        "kinds of personal data. What people typed is never in it."
    ),
    "audit.chain.intact": "The chain is intact: {count} events checked.",
    "audit.chain.broken": "The chain is not intact",
    "audit.filter": "Search",
    "audit.kind": "Kind",
    "audit.kind.all": "All",
    "audit.kind.request": "Request",
    "audit.kind.admin": "Governance",
    "audit.use_case": "Use case",
    "audit.action": "Action",
    "audit.since": "From",
    "audit.until": "Up to and including",
    "audit.search": "Search",
    "audit.export.csv": "Export as CSV",
    "audit.export.json": "Export as JSON",
    "audit.col.when": "When (UTC)",
    "audit.col.actor": "By",
    "audit.col.detail": "Details",
    "audit.pages": "Pages",
    "audit.previous": "Previous",
    "audit.next": "Next",
    "audit.none": "No events match.",
    "nav.audit": "Audit log",
}
