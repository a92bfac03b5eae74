"""JSON APIs for programs, authenticated with API keys (the OpenAI-compatible gateway lives
here too)."""
