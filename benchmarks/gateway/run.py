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

from benchmarks.gateway.load import Run, open_loop, run
from benchmarks.gateway.processes import PeakMemory, free_port, started, tree_cpu_seconds
from benchmarks.gateway.setup import MODEL, USE_CASE, prepare

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "gateway" / "results"
DOCS = ROOT / "docs" / "benchmarks.md"
ANALYSIS = "### Reading the figures against the targets"
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
# Open loop: 16 clients, each starting a request every 1/OPEN_RATE s whatever the answers do.
OPEN_CLIENTS, OPEN_RATE, OPEN_SECONDS = 16, 2.0, 20.0


def _body(model: str, stream: bool = False) -> dict[str, object]:
    return {
        "model": model,
        "messages": [{"role": "user", "content": "Herschrijf in B1:\n\n" + LETTER}],
        "stream": stream,
    }


async def _measure(
    targets: dict[str, tuple[str, dict[str, str], str]],
    pids: dict[str, int],
    cpu: dict[str, float],
) -> tuple[dict[str, dict[int, Run]], dict[str, Run]]:
    """``cpu`` receives each server's CPU milliseconds per request at 16 clients."""
    results: dict[str, dict[int, Run]] = {name: {} for name in targets}
    for concurrency, count in LEVELS:
        for name, (url, headers, model) in targets.items():
            await run(url, headers, _body(model), concurrency, min(count, 50))  # warm-up
            before = tree_cpu_seconds(pids[name])
            results[name][concurrency] = await run(url, headers, _body(model), concurrency, count)
            if concurrency == 16:
                cpu[name] = (tree_cpu_seconds(pids[name]) - before) * 1000 / count
    opened = {
        name: await open_loop(url, headers, _body(model), OPEN_CLIENTS, OPEN_RATE, OPEN_SECONDS)
        for name, (url, headers, model) in targets.items()
    }
    return results, opened


def _load() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--litellm", default=shutil.which("litellm") or "")
    parser.add_argument(
        "--database-url",
        default="",
        help="default: a SQLite file; e.g. postgresql+psycopg://postgres@127.0.0.1:5432/bench "
        "(an empty database you made)",
    )
    parser.add_argument("--workers", type=int, default=1, help="Waarborg's worker processes")
    parser.add_argument(
        "--baseline",
        default="",
        help="a folder with another Waarborg source tree (its waarborg/ package), served as "
        "a fourth path in the same run for an A/B comparison",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="waarborg-gateway-bench-"))
    upstream_port, waarborg_port, litellm_port = free_port(), free_port(), free_port()
    baseline_port = free_port()
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
    serve = [str(Path(python).parent / "waarborg"), "serve", "--workers", str(args.workers)]
    baseline_env = {**waarborg_env, "PYTHONPATH": args.baseline}
    loads = [_load()]
    with (
        started(
            [python, "-m", "benchmarks.gateway.upstream", "--port", str(upstream_port)],
            upstream_port,
        ) as upstream,
        started(
            [*serve, "--port", str(waarborg_port)], waarborg_port, waarborg_env, work / "w.log"
        ) as waarborg,
        started(
            [*serve, "--port", str(baseline_port)] if args.baseline else [python, "-c", ""],
            baseline_port if args.baseline else 0,
            baseline_env,
            work / "baseline.log",
        ) as baseline,
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
        if args.baseline:
            targets["baseline"] = (
                f"http://127.0.0.1:{baseline_port}/v1/chat/completions",
                auth,
                USE_CASE,
            )
        with (
            PeakMemory(upstream.pid),
            PeakMemory(waarborg.pid) as w_mem,
            PeakMemory(litellm.pid) as l_mem,
            PeakMemory(baseline.pid),
        ):
            loads.append(_load())
            pids = {
                "direct": upstream.pid,
                "waarborg": waarborg.pid,
                "litellm": litellm.pid,
                "baseline": baseline.pid,
            }
            cpu: dict[str, float] = {}
            results, opened = asyncio.run(_measure(targets, pids, cpu))
            loads.append(_load())
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
    loads.append(_load())
    meta = {
        "url": database_url,
        "workers": str(args.workers),
        "load": "; ".join(loads),
        "cpu": ", ".join(f"{name} {ms:.1f}" for name, ms in cpu.items()),
    }
    _write(results, opened, streaming, memory, meta)
    if streaming.errors or any(r.errors for r in opened.values()):
        for log in ("w.log", "litellm.log"):  # keep what the servers said about the errors
            shutil.copy(work / log, RESULTS / f"{log}.{meta['workers']}w.txt")
    shutil.rmtree(work, ignore_errors=True)


def _write(
    results: dict[str, dict[int, Run]],
    opened: dict[str, Run],
    streaming: Run,
    memory: dict[str, float],
    meta: dict[str, str],
) -> None:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    backend = meta["url"].split(":", maxsplit=1)[0].split("+")[0]
    names = [n for n in ("direct", "waarborg", "baseline", "litellm") if n in opened]
    lines = [
        f"### Database `{backend}`, {meta['workers']} Waarborg worker(s)",
        "",
        f"Measured {when} on {machine}; load average (1 / 5 / 15 min) before, at the start "
        f"and after: {meta['load']}. Closed-loop clients:",
        "",
        "| clients | path | p50 ms | p95 ms | p99 ms | added p50 | added p95 | added p99 "
        "| req/s | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for concurrency, _ in LEVELS:
        direct = results["direct"][concurrency]
        for name in names:
            r = results[name][concurrency]
            added = [r.percentile(q) - direct.percentile(q) for q in (0.5, 0.95, 0.99)]
            shown = ["–"] * 3 if name == "direct" else [f"{a:.1f}" for a in added]
            lines.append(
                f"| {concurrency} | {name} | {r.percentile(0.5):.1f} | {r.percentile(0.95):.1f} "
                f"| {r.percentile(0.99):.1f} | {' | '.join(shown)} | {r.throughput:.0f} "
                f"| {r.errors} |"
            )
    direct = opened["direct"]
    lines += [
        "",
        f"Open loop: {OPEN_CLIENTS} clients, each starting a request every "
        f"{1000 / OPEN_RATE:.0f} ms ({OPEN_CLIENTS * OPEN_RATE:.0f} requests/s in all) for "
        f"{OPEN_SECONDS:.0f} s; latency from the planned start.",
        "",
        "| path | p50 ms | p95 ms | p99 ms | added p50 | added p95 | added p99 | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in names:
        r = opened[name]
        added = [r.percentile(q) - direct.percentile(q) for q in (0.5, 0.95, 0.99)]
        shown = ["–"] * 3 if name == "direct" else [f"{a:.1f}" for a in added]
        lines.append(
            f"| {name} | {r.percentile(0.5):.1f} | {r.percentile(0.95):.1f} "
            f"| {r.percentile(0.99):.1f} | {' | '.join(shown)} | {r.errors} |"
        )
    lines += [
        "",
        f"Server CPU per request at 16 clients (ms, user + system, whole process tree): "
        f"{meta['cpu']}.",
        "",
        f"Peak memory (resident, process tree): Waarborg {memory['waarborg']:.0f} MB, "
        f"LiteLLM {memory['litellm']:.0f} MB. "
        f"{STREAMING_CLIENTS} concurrent streaming clients through Waarborg: "
        f"{len(streaming.latencies)} streams completed, {streaming.errors} errors, "
        f"p95 {streaming.percentile(0.95):.0f} ms per whole stream.",
    ]
    section = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"gateway-{backend}-{meta['workers']}w.md"
    out.write_text(section + "\n")
    print(section)
    _replace_subsection(section)
    print(f"(written to {DOCS} and {out})")


def _replace_subsection(section: str) -> None:
    """Put this run's figures in docs/benchmarks.md in place of the earlier run on the same
    database and worker count (or before the section's closing analysis, the first time);
    the written analysis around them stays as it is."""
    text = DOCS.read_text()
    heading = section.splitlines()[0]
    start = text.find(heading + "\n")
    if start >= 0:
        after = text.find("\n### ", start + len(heading))
        end = after + 1 if after >= 0 else len(text)
        DOCS.write_text(text[:start] + section + "\n\n" + text[end:])
        return
    anchor = text.find(ANALYSIS)
    if anchor < 0:
        raise SystemExit(f"{DOCS} has no '{ANALYSIS}' heading to put the figures before")
    DOCS.write_text(text[:anchor] + section + "\n\n" + text[anchor:])


if __name__ == "__main__":
    main()
