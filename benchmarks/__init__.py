"""Benchmarks: one command each, results written to docs/benchmarks.md."""
