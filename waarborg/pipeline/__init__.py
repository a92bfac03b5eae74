"""The one governed request path every entry point (web chat, citizen widget, API, CLI) uses."""
