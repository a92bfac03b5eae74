"""Write a tiny llama-architecture GGUF with random weights, for real llama.cpp in tests.

No model can be downloaded here, and none is needed to test the plumbing: llama.cpp loads
this file, tokenises, runs two transformer blocks and samples tokens like it does for a real
model; the answers are gibberish. What llama.cpp requires of a llama model:

- ``general.architecture = llama`` and the ``llama.*`` hyper-parameters: context_length,
  embedding_length, block_count, feed_forward_length, attention.head_count(_kv),
  attention.layer_norm_rms_epsilon, rope.dimension_count;
- a SentencePiece-style vocabulary (``tokenizer.ggml.model = llama``) with tokens, scores and
  token types, the unknown/BOS/EOS ids, and all 256 byte-fallback tokens ``<0x00>``…``<0xFF>``
  (llama.cpp looks up ``<0x0A>`` for the newline when it loads the vocabulary);
- the tensors token_embd, output_norm, output, and per block attn_norm, attn_q, attn_k,
  attn_v, attn_output, ffn_norm, ffn_gate, ffn_up, ffn_down (numpy shapes are ggml's reversed).

The output rows of the control and byte tokens are zero, so their logits are 0 while most
ordinary tokens score above it: greedy decoding then produces visible text and never stops
early, which makes "a few tokens come out" a dependable assertion.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import numpy as np

EMBED = 64
HEADS = 4
LAYERS = 2
FEED_FORWARD = 128
CONTEXT = 512
CHAT_TEMPLATE = (
    "{% for message in messages %}<|{{ message['role'] }}|>{{ message['content'] }}\n"
    "{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}"
)


def _vocabulary(gguf: Any) -> tuple[list[str], list[float], list[int]]:
    tokens = ["<unk>", "<s>", "</s>"]
    types = [gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
    tokens += [f"<0x{byte:02X}>" for byte in range(256)]
    types += [gguf.TokenType.BYTE] * 256
    pieces = ["▁", *string.ascii_letters, *string.digits, *".,?!:;'-()<>|/"]
    pieces += ["▁" + word for word in "de het een en van paspoort gemeente kost wat is".split()]
    tokens += pieces
    types += [gguf.TokenType.NORMAL] * len(pieces)
    scores = [0.0] * 259 + [-1.0 / len(piece) for piece in pieces]  # longer pieces win merges
    return tokens, scores, [int(t) for t in types]


def write_tiny_llama(path: Path, *, seed: int = 7) -> Path:
    import gguf  # noqa: PLC0415 - a test dependency: without it only the llama tests skip

    tokens, scores, types = _vocabulary(gguf)
    vocab = len(tokens)
    rng = np.random.default_rng(seed)

    def weights(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.5).astype(np.float32)

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("waarborg-tiny-test")
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(EMBED)
    writer.add_block_count(LAYERS)
    writer.add_feed_forward_length(FEED_FORWARD)
    writer.add_head_count(HEADS)
    writer.add_head_count_kv(HEADS)
    writer.add_rope_dimension_count(EMBED // HEADS)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_unk_token_id(0)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_add_bos_token(True)
    writer.add_chat_template(CHAT_TEMPLATE)

    writer.add_tensor("token_embd.weight", weights(vocab, EMBED))
    writer.add_tensor("output_norm.weight", np.ones(EMBED, dtype=np.float32))
    output = weights(vocab, EMBED)
    output[:259] = 0.0  # control and byte tokens: never the most likely next token
    writer.add_tensor("output.weight", output)
    for block in range(LAYERS):
        prefix = f"blk.{block}."
        writer.add_tensor(prefix + "attn_norm.weight", np.ones(EMBED, dtype=np.float32))
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(prefix + name + ".weight", weights(EMBED, EMBED))
        writer.add_tensor(prefix + "ffn_norm.weight", np.ones(EMBED, dtype=np.float32))
        writer.add_tensor(prefix + "ffn_gate.weight", weights(FEED_FORWARD, EMBED))
        writer.add_tensor(prefix + "ffn_up.weight", weights(FEED_FORWARD, EMBED))
        writer.add_tensor(prefix + "ffn_down.weight", weights(EMBED, FEED_FORWARD))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
