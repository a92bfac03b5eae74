"""Transparency: the Algoritmeregister entry of a use case, built from the same records the
request path enforces, checked against the publication standard before anyone can download it."""
