"""Retention: what is kept how long, the purge that removes what expired, and the export of
everything held about one person."""
