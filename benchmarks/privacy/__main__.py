"""``python -m benchmarks.privacy`` runs the whole privacy benchmark."""

from benchmarks.privacy.run import main

main()
