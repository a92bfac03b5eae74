"""Model back-ends behind one protocol (``protocol``), found through the ``waarborg.models``
entry-point group (``registry``): OpenAI-compatible HTTP servers, llama.cpp in process and
the built-in extractive engine. See docs/models.md."""
