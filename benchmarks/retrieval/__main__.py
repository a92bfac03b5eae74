"""``python -m benchmarks.retrieval``."""

from benchmarks.retrieval.run import main

main()
