#!/usr/bin/env python3
"""Transcribe audio files with faster-whisper the way rehearse transcribes them, and print the text.

    .venv-bench/bin/python scripts/bench_faster_whisper.py --model-dir DIR FILE [FILE...]

This is the reference side of scripts/bench.sh: one process = python start-up + imports + model load +
transcription, so timing the whole process compares like with like against `rehearse analyze`.
Settings mirror rehearse's defaults: Whisper tiny.en (the CTranslate2 weights rehearse's ggml file is
converted from), int8 on the CPU, greedy decoding (beam_size=1), English, word timestamps, the same
disfluent initial prompt (it keeps "um"/"uh" in the transcript), no VAD. Runs offline.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")   # never reach for a model hub

# The same prompt rehearse gives whisper.cpp: a transcript full of disfluencies, so the model keeps them.
PROMPT = "Umm, let me think like, hmm... Okay, here's what I'm, like, thinking."


def main():
    t_start = time.perf_counter()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", help="audio files (WAV, or anything PyAV decodes)")
    ap.add_argument("--model-dir", required=True, help="CTranslate2 Whisper model directory (model.bin, ...)")
    ap.add_argument("--threads", type=int, default=2, help="CPU threads (default 2)")
    ap.add_argument("--compute-type", default="int8", help="CTranslate2 compute type (default int8)")
    ap.add_argument("--beam-size", type=int, default=1, help="1 = greedy, as rehearse (default 1)")
    ap.add_argument("--no-prompt", action="store_true", help="transcribe without the disfluent prompt")
    ap.add_argument("--json", metavar="PATH", help="also write segments and words (OpenAI Whisper JSON shape)")
    ap.add_argument("--quiet", action="store_true", help="no timing lines on stderr")
    args = ap.parse_args()

    from faster_whisper import WhisperModel
    t_import = time.perf_counter()
    model = WhisperModel(args.model_dir, device="cpu", compute_type=args.compute_type,
                         cpu_threads=args.threads, local_files_only=True)
    t_load = time.perf_counter()

    results = []
    for path in args.files:
        t0 = time.perf_counter()
        segments, info = model.transcribe(
            path,
            language="en",
            beam_size=args.beam_size,
            word_timestamps=True,
            initial_prompt=None if args.no_prompt else PROMPT,
            vad_filter=False,
        )
        segs = []
        for s in segments:          # a generator: decoding happens here
            segs.append({
                "start": round(s.start, 3), "end": round(s.end, 3), "text": s.text,
                "words": [{"word": w.word, "start": round(w.start, 3), "end": round(w.end, 3),
                           "probability": round(w.probability, 4)} for w in (s.words or [])],
            })
        t1 = time.perf_counter()
        text = "".join(s["text"] for s in segs).strip()
        results.append({"file": path, "duration": round(info.duration, 3), "text": text, "segments": segs,
                        "transcribe_s": round(t1 - t0, 3)})
        if len(args.files) > 1:
            print(f"== {path}")
        print(text, flush=True)
        if not args.quiet:
            print(f"[faster-whisper] {os.path.basename(path)}: {info.duration:.2f} s of audio transcribed in "
                  f"{t1 - t0:.2f} s", file=sys.stderr)

    if not args.quiet:
        print(f"[faster-whisper] import {t_import - t_start:.2f} s, model load {t_load - t_import:.2f} s, "
              f"total in-process {time.perf_counter() - t_start:.2f} s", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results if len(results) > 1 else results[0], f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
