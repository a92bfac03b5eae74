"""Recognizers for Dutch personal data, one family per module."""
