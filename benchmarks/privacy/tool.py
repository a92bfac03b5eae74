"""Run one tool over the corpus in its own process and report predictions, speed and memory.

Usage: ``python benchmarks/privacy/tool.py TOOL OUT CORPUS [CORPUS ...]`` with TOOL one of waarborg,
deduce, presidio. Only the standard library is imported at module level, so the script runs
in the benchmark virtualenv (deduce, presidio) as well as in the project's (waarborg).
"""

# ruff: noqa: PLC0415 - each tool is imported only in the process (and virtualenv) that runs it

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Span = tuple[int, int, str]
Detector = Callable[[str], list[Span]]


def load_waarborg() -> Detector:
    from waarborg.privacy import detect

    def run(text: str) -> list[Span]:
        return [(e.start, e.end, e.type.value) for e in detect(text)]

    return run


def load_deduce() -> Detector:
    from deduce import Deduce

    deduce = Deduce()

    def run(text: str) -> list[Span]:
        document = deduce.deidentify(text)
        return [(int(a.start_char), int(a.end_char), str(a.tag)) for a in document.annotations]

    return run


def load_presidio() -> Detector:
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        DateRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        PhoneRecognizer,
        UrlRecognizer,
    )

    # No model can be downloaded here: a blank Dutch pipeline (tokenizer only) on disk.
    model_dir = Path(tempfile.mkdtemp(prefix="blank-nl-"))
    spacy.blank("nl").to_disk(model_dir)
    engine = SpacyNlpEngine(models=[{"lang_code": "nl", "model_name": str(model_dir)}])
    registry = RecognizerRegistry(supported_languages=["nl"])
    for recognizer in (
        EmailRecognizer(supported_language="nl"),
        IbanRecognizer(supported_language="nl"),
        IpRecognizer(supported_language="nl"),
        DateRecognizer(supported_language="nl"),
        UrlRecognizer(supported_language="nl"),
        CreditCardRecognizer(supported_language="nl"),
        PhoneRecognizer(supported_language="nl", supported_regions=["NL"]),
    ):
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["nl"])

    def run(text: str) -> list[Span]:
        results = analyzer.analyze(text=text, language="nl")
        return [(int(r.start), int(r.end), str(r.entity_type)) for r in results]

    return run


def version(tool: str) -> str:
    from importlib.metadata import version as package_version

    name = {"presidio": "presidio-analyzer"}.get(tool, tool)
    return package_version(name)


def documents(texts: list[str], size: int) -> list[str]:
    """Corpus sentences joined into documents of about ``size`` characters."""
    result: list[str] = []
    current: list[str] = []
    length = 0
    for text in texts:
        current.append(text)
        length += len(text) + 1
        if length >= size:
            result.append("\n".join(current))
            current, length = [], 0
    if current:
        result.append("\n".join(current))
    return result


def main() -> None:
    tool, out_path, corpus_path, *more = sys.argv[1:]
    records = [json.loads(line) for line in Path(corpus_path).read_text("utf-8").splitlines()]
    texts = [r["text"] for r in records]
    for extra in more:
        records += [json.loads(line) for line in Path(extra).read_text("utf-8").splitlines()]

    wall = time.perf_counter()
    run = {"waarborg": load_waarborg, "deduce": load_deduce, "presidio": load_presidio}[tool]()
    run("Mevrouw Bakker belde over haar BSN 123456782.")
    startup = time.perf_counter() - wall

    predictions = {r["id"]: run(r["text"]) for r in records}

    docs = documents(texts, 2000)
    total = sum(map(len, docs))
    small = 0.0
    budget = time.process_time() + 6.0
    passes = 0
    while passes < 3 or (time.process_time() < budget and passes < 20):
        cpu = time.process_time()
        for doc in docs:
            run(doc)
        small = max(small, total / (time.process_time() - cpu))
        passes += 1

    big_target = 1_000_000 if small > 20_000 else 100_000
    big_doc = "\n".join(documents(texts * (big_target // sum(map(len, texts)) + 1), big_target))
    big_doc = big_doc[:big_target]
    large = 0.0
    for _ in range(2):
        cpu = time.process_time()
        run(big_doc)
        large = max(large, len(big_doc) / (time.process_time() - cpu))

    result = {
        "tool": tool,
        "version": version(tool),
        "startup_seconds": startup,
        "chars_per_cpu_second_2kb": small,
        "chars_per_cpu_second_large": large,
        "large_document_chars": len(big_doc),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "predictions": predictions,
    }
    Path(out_path).write_text(json.dumps(result), "utf-8")


if __name__ == "__main__":
    main()
