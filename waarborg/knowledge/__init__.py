"""Approved sources: fetching websites and files, parsing, chunking, and (built on top) retrieval.

Ingestion writes ``Document`` and ``Chunk`` rows; retrieval reads them. Nothing here runs at
import time: sources are loaded through entry points when a run starts.
"""
