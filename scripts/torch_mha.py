#!/usr/bin/env python3
"""torch_mha.py: torch.nn.MultiheadAttention as a peer of mhatune's layer (harness/layer_peers.c).

The harness writes the inputs and the weights (float32, native byte order) into a folder; this
loads them into an nn.MultiheadAttention (PyTorch's own layout: in_proj_weight stacks Wq, Wk,
Wv), runs the forward once and writes y.bin for the harness to check against its
double-precision reference, then times the same call: a warm-up, then repetitions of at least
min_time seconds each, on `threads` threads. It prints one line:
    torch VERSION median_s cv reps
Exit 3 when torch cannot be imported (the harness then leaves the peer out, saying why).
Usage: torch_mha.py DIR E HEADS BIAS CAUSAL BATCH SEQ KV_DIM THREADS MIN_TIME REPS
"""
import statistics
import sys
import time


def main():
    if len(sys.argv) != 12:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    d = sys.argv[1]
    e, heads, bias, causal, batch, seq, kv_dim, threads = (int(a) for a in sys.argv[2:10])
    min_time, reps = float(sys.argv[10]), int(sys.argv[11])
    try:
        import torch
    except ImportError as err:
        print(f"torch is not installed for {sys.executable}: {err}", file=sys.stderr)
        return 3
    torch.set_num_threads(threads)
    kv_dim = kv_dim or e

    def load(name, *shape):
        with open(f"{d}/{name}", "rb") as f:
            t = torch.frombuffer(bytearray(f.read()), dtype=torch.float32)
        if t.numel() != torch.Size(shape).numel():
            raise SystemExit(f"{name}: {t.numel()} floats, want {shape}")
        return t.reshape(shape)

    cross = kv_dim != e
    mha = torch.nn.MultiheadAttention(e, heads, bias=bool(bias), batch_first=True,
                                      kdim=kv_dim if cross else None, vdim=kv_dim if cross else None)
    with torch.no_grad():
        if cross:  # separate projection weights when kdim != embed_dim
            wq = load("wq.bin", e, e)
            wk = load("wk.bin", e, kv_dim)
            wv = load("wv.bin", e, kv_dim)
            mha.q_proj_weight.copy_(wq), mha.k_proj_weight.copy_(wk), mha.v_proj_weight.copy_(wv)
        else:
            mha.in_proj_weight.copy_(load("in_w.bin", 3 * e, e))
        mha.out_proj.weight.copy_(load("out_w.bin", e, e))
        if bias:
            mha.in_proj_bias.copy_(load("in_b.bin", 3 * e))
            mha.out_proj.bias.copy_(load("out_b.bin", e))
    mha.eval()
    x = load("x.bin", batch, seq, e)
    kv = load("kv.bin", batch, seq, kv_dim) if cross else x
    # PyTorch's causal mask is top-left aligned (query i sees keys j <= i); the harness asks for
    # causal self-attention only, where that is the same as bottom-right.
    mask = torch.triu(torch.full((seq, seq), float("-inf")), 1) if causal else None

    def call():
        return mha(x, kv, kv, attn_mask=mask, need_weights=False)[0]

    with torch.inference_mode():
        y = call()
        with open(f"{d}/y.bin", "wb") as f:
            f.write(y.contiguous().numpy().tobytes())
        call()  # warm-up
        n = 1
        while True:  # calls per repetition: at least min_time seconds
            t = time.perf_counter()
            for _ in range(n):
                call()
            if time.perf_counter() - t >= min_time or n >= 1 << 20:
                break
            n *= 2
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            for _ in range(n):
                call()
            times.append((time.perf_counter() - t) / n)
    med = statistics.median(times)
    cv = statistics.pstdev(times) / statistics.mean(times) if len(times) > 1 else 0.0
    print(f"torch {torch.__version__} {med:.9g} {cv:.4g} {reps}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
