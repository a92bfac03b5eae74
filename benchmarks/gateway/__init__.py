"""Gateway overhead: a direct upstream, Waarborg's governed path and LiteLLM's proxy, side by
side in one run (``python -m benchmarks.gateway``)."""
