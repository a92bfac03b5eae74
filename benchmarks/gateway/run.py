"""Gateway benchmark: one instantly answering OpenAI-compatible upstream on 127.0.0.1, called
in one run (a) directly, (b) through Waarborg with the full governed path (policy, privacy
guard on a 2 KB prompt with personal data, grounding, audit) and (c) through LiteLLM's proxy
without guardrails. Reports added latency p50/p95/p99 at 1, 16 and 64 concurrent clients,
throughput and peak memory, then 200 concurrent streaming clients through Waarborg, and writes
its section of docs/benchmarks.md.

LiteLLM runs from its own virtual environment (``--litellm PATH`` to its ``litellm`` command;
``pip install 'litellm[proxy]'`` there), so its dependencies never meet Waarborg's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.gateway.load import Run, run
from benchmarks.gateway.processes import PeakMemory, free_port, started
from benchmarks.gateway.setup import MODEL, USE_CASE, prepare

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "benchmarks.md"
LETTER = (
    (
        "Geachte heer, mevrouw,\n\nOp 3 maart heb ik, Jan de Vries (BSN 111222333), wonend aan de "
        "Kerkstraat 12-B, 1234 AB Voorbeeld, bezwaar gemaakt tegen de aanslag gemeentelijke "
        "belastingen. Mijn rekeningnummer is NL91ABNA0417164300 en u kunt mij bellen op "
        "06-12345678 of mailen naar jan.devries@voorbeeld-post.nl. "
    )
    + (
        "Ik verzoek u de aanslag te herzien, omdat de WOZ-waarde van mijn woning te hoog is "
        "vastgesteld. De vergelijkbare woningen in de straat zijn lager getaxeerd en de staat van "
        "onderhoud is niet meegewogen. Graag ontvang ik binnen zes weken een reactie. "
    )
    * 5
    + "\n\nMet vriendelijke groet,\nJan de Vries"
)
LEVELS = ((1, 150), (16, 600), (64, 1200))
# LiteLLM fetches a price list from the internet at start-up unless told not to; nothing in
# this benchmark may leave 127.0.0.1.
LITELLM_OFFLINE = {
    "LITELLM_LOG": "ERROR",
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_TELEMETRY": "False",
    "NO_PROXY": "*",
    "LITELLM_MASTER_KEY": "sk-benchmark-master-key-0123456789abcdef",
}
STREAMING_CLIENTS = 200


def _body(model: str, stream: bool = False) -> dict[str, object]:
    return {
        "model": model,
        "messages": [{"role": "user", "content": "Herschrijf in B1:\n\n" + LETTER}],
        "stream": stream,
    }


async def _measure(
    targets: dict[str, tuple[str, dict[str, str], str]],
) -> dict[str, dict[int, Run]]:
    results: dict[str, dict[int, Run]] = {name: {} for name in targets}
    for concurrency, count in LEVELS:
        for name, (url, headers, model) in targets.items():
            await run(url, headers, _body(model), concurrency, min(count, 50))  # warm-up
            results[name][concurrency] = await run(url, headers, _body(model), concurrency, count)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--litellm", default=shutil.which("litellm") or "")
    parser.add_argument("--database-url", default="", help="default: a SQLite file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="waarborg-gateway-bench-"))
    upstream_port, waarborg_port, litellm_port = free_port(), free_port(), free_port()
    database_url = args.database_url or f"sqlite:///{work / 'waarborg.db'}"
    installation = prepare(database_url)
    backends = {MODEL: {"base_url": f"http://127.0.0.1:{upstream_port}/v1", "model": "bench"}}
    waarborg_env = {
        "WAARBORG_DATA_DIR": str(work),
        "WAARBORG_DATABASE_URL": database_url,
        "WAARBORG_SECRET_KEY": "benchmark-secret-key-that-is-long-enough",
        "WAARBORG_MODEL_BACKENDS": json.dumps(backends),
        "WAARBORG_LOG_LEVEL": "WARNING",
        # Limits stay on (counted per request) but high enough never to refuse the load.
        "WAARBORG_GATEWAY_KEY_REQUESTS_PER_MINUTE": "10000000",
        "WAARBORG_GATEWAY_KEY_TOKENS_PER_DAY": "0",
    }
    litellm_config = work / "litellm.yaml"
    litellm_config.write_text(
        "model_list:\n  - model_name: bench\n    litellm_params:\n      model: openai/bench\n"
        f"      api_base: http://127.0.0.1:{upstream_port}/v1\n      api_key: none\n"
        "litellm_settings:\n  telemetry: false\n"
    )
    python = sys.executable
    auth = {"Authorization": f"Bearer {installation.api_key}"}
    with (
        started(
            [python, "-m", "benchmarks.gateway.upstream", "--port", str(upstream_port)],
            upstream_port,
        ) as upstream,
        started(
            [str(Path(python).parent / "waarborg"), "serve", "--port", str(waarborg_port)],
            waarborg_port,
            waarborg_env,
            work / "waarborg.log",
        ) as waarborg,
        started(
            [
                args.litellm,
                "--config",
                str(litellm_config),
                "--port",
                str(litellm_port),
                "--num_workers",
                "1",
            ],
            litellm_port,
            LITELLM_OFFLINE,
            work / "litellm.log",
        ) as litellm,
    ):
        targets = {
            "direct": (f"http://127.0.0.1:{upstream_port}/v1/chat/completions", {}, "bench"),
            "waarborg": (f"http://127.0.0.1:{waarborg_port}/v1/chat/completions", auth, USE_CASE),
            "litellm": (
                f"http://127.0.0.1:{litellm_port}/v1/chat/completions",
                {"Authorization": f"Bearer {LITELLM_OFFLINE['LITELLM_MASTER_KEY']}"},
                "bench",
            ),
        }
        with (
            PeakMemory(upstream.pid),
            PeakMemory(waarborg.pid) as w_mem,
            PeakMemory(litellm.pid) as l_mem,
        ):
            results = asyncio.run(_measure(targets))
            streaming = asyncio.run(
                run(
                    targets["waarborg"][0],
                    auth,
                    _body(USE_CASE, stream=True),
                    STREAMING_CLIENTS,
                    STREAMING_CLIENTS * 2,
                )
            )
        memory = {"waarborg": w_mem.peak, "litellm": l_mem.peak}
    _write(results, streaming, memory, database_url)
    shutil.rmtree(work, ignore_errors=True)


def _write(
    results: dict[str, dict[int, Run]], streaming: Run, memory: dict[str, float], url: str
) -> None:
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "<!-- gateway:start -->",
        "## Gateway overhead: Waarborg's governed path against LiteLLM's proxy",
        "",
        f"Measured {when} on {machine}; `python -m benchmarks.gateway`. One instantly answering "
        "OpenAI-compatible upstream on 127.0.0.1; closed-loop clients in one process; a 2 KB "
        "letter with personal data as the prompt. Waarborg runs the full governed path (API "
        "key, policy, privacy guard pseudonymising the letter, prompt, output masking, audit "
        f"event, database `{url.split(':', maxsplit=1)[0]}`), one worker; LiteLLM's proxy runs "
        "without "
        "guardrails, one worker. *Added* = the path's percentile minus the direct percentile.",
        "",
        "| clients | path | p50 ms | p95 ms | p99 ms | added p50 | added p95 | added p99 "
        "| req/s | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for concurrency, _ in LEVELS:
        direct = results["direct"][concurrency]
        for name in ("direct", "waarborg", "litellm"):
            r = results[name][concurrency]
            added = [r.percentile(q) - direct.percentile(q) for q in (0.5, 0.95, 0.99)]
            shown = ["–"] * 3 if name == "direct" else [f"{a:.1f}" for a in added]
            lines.append(
                f"| {concurrency} | {name} | {r.percentile(0.5):.1f} | {r.percentile(0.95):.1f} "
                f"| {r.percentile(0.99):.1f} | {' | '.join(shown)} | {r.throughput:.0f} "
                f"| {r.errors} |"
            )
    lines += [
        "",
        f"Peak memory (resident, process tree): Waarborg {memory['waarborg']:.0f} MB, "
        f"LiteLLM {memory['litellm']:.0f} MB.",
        "",
        f"{STREAMING_CLIENTS} concurrent streaming clients through Waarborg: "
        f"{len(streaming.latencies)} streams completed, {streaming.errors} errors, "
        f"p95 {streaming.percentile(0.95):.0f} ms per whole stream.",
        "<!-- gateway:end -->",
    ]
    text = DOC.read_text()
    start, end = "<!-- gateway:start -->", "<!-- gateway:end -->"
    section = "\n".join(lines)
    if start in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOC.write_text(text)
    print(section)


if __name__ == "__main__":
    main()
