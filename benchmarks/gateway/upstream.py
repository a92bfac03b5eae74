"""An OpenAI-compatible server that answers at once: the upstream all three paths call, so
what the benchmark measures is each path's own overhead.

Raw asyncio streams rather than a web framework, so the upstream itself adds as little as
possible and stays the same for every path.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

ANSWER = "Een paspoort voor volwassenen kost € 80,35 [1]."


def _completion(model: str) -> bytes:
    return json.dumps(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": ANSWER},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 600, "completion_tokens": 12, "total_tokens": 612},
        }
    ).encode()


def _stream(model: str) -> bytes:
    chunks = []
    for word in ANSWER.split(" "):
        chunks.append(
            {
                "id": "chatcmpl-bench",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "delta": {"content": word + " "}, "finish_reason": None}],
            }
        )
    chunks.append(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 600, "completion_tokens": 12, "total_tokens": 612},
        }
    )
    body = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
    return body.encode()


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {
                k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)
            }
            length = int(headers.get("content-length", "0"))
            body = await reader.readexactly(length) if length else b""
            if path.endswith("/models"):
                payload, kind = (
                    json.dumps(
                        {"object": "list", "data": [{"id": "bench", "object": "model"}]}
                    ).encode(),
                    "application/json",
                )
            else:
                request = json.loads(body or b"{}")
                model = str(request.get("model", "bench"))
                if request.get("stream"):
                    payload, kind = _stream(model), "text/event-stream"
                else:
                    payload, kind = _completion(model), "application/json"
            writer.write(
                f"HTTP/1.1 200 OK\r\ncontent-type: {kind}\r\ncontent-length: {len(payload)}\r\n"
                "connection: keep-alive\r\n\r\n".encode()
                + payload
            )
            await writer.drain()
            if method == "HEAD":
                break
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def serve(port: int) -> None:
    server = await asyncio.start_server(_handle, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(serve(parser.parse_args().port))


if __name__ == "__main__":
    main()
