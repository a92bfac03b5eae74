"""``python -m benchmarks.ingest``."""

from benchmarks.ingest.run import main

main()
