"""Waarborg: one governed path for every generative-AI request in Dutch government."""

__version__ = "0.1.0"
