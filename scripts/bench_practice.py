#!/usr/bin/env python3
"""Stop-to-report latency of `rehearse practice` against a batch `rehearse analyze` of the same take.

A microphone is simulated with alsa-lib's `file` PCM plugin (see tests/cli/capture_support): the
default capture device reads raw f32 stereo 48 kHz from file descriptor 3, which this script feeds
from a FIFO at real-time pace with a ~90 s answer built from the project's recordings. Practice stops
by its --limit; the time from that stop (when the recorder's statistics file appears) to the process
exiting with the report printed is compared with the whole `rehearse analyze` process on the saved take.

Usage: scripts/bench_practice.py [--runs N] [--seconds S]
Environment: REHEARSE_BIN (default target/release/rehearse), REHEARSE_MODEL (default models/ggml-tiny.en-q8_0.bin),
REHEARSE_TRACE=1 (print practice's trace of its windows and of the time after the stop)
Standard library only.
"""
import argparse
import array
import glob
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALSA_CONFIG = """pcm.!default {
    type file
    slave.pcm { type null }
    file "/dev/null"
    infile 3
    format "raw"
}
"""
RATE, CHANNELS, PERIOD = 48_000, 2, 240  # what cpal negotiates with the file plugin


def read_16k(path):
    with wave.open(path) as w:
        assert w.getframerate() == 16_000 and w.getnchannels() == 1 and w.getsampwidth() == 2, path
        pcm = array.array("h", w.readframes(w.getnframes()))
    return [s / 32768.0 for s in pcm]


PARTS = ["examples/answer.wav", "tests/fixtures/fillers.wav", "tests/fixtures/clean.wav",
         "tests/fixtures/pauses.wav", "tests/fixtures/discourse.wav", "tests/fixtures/rambling.wav"]


def room_noise(n, seed=7):
    """`n` samples of faint noise (about -70 dBFS, the recordings' own floor): a microphone
    never delivers digital silence, and gaps of exact zeros would drag the noise floor the
    recorder tracks far below the recordings' own."""
    rng = random.Random(seed)
    return [rng.gauss(0.0, 0.0003) for _ in range(n)]


def answer(seconds):
    """Up to `seconds` of speech: whole labelled recordings (the example answer, then fixtures)
    with half-second gaps of room noise, each one that still fits, in order. Returns the
    samples and the reference text."""
    out, text = [], []
    for p in PARTS:
        clip = read_16k(os.path.join(ROOT, p)) + room_noise(8000, seed=len(out))
        if len(out) + len(clip) > seconds * 16_000:
            continue
        out += clip
        with open(os.path.join(ROOT, p[:-4] + ".json")) as f:
            text.append(json.load(f)["text"])
    return out, " ".join(text)


def words(text):
    out = []
    for w in text.replace("%", " percent").split():
        w = w.strip(".,?!;:\"()[]").lower()
        if w:
            out.append({"umm": "um"}.get(w, w))
    return out


def wer(reference, hypothesis):
    r, h = words(reference), words(hypothesis)
    prev = list(range(len(h) + 1))
    for i, rw in enumerate(r):
        row = [i + 1] * (len(h) + 1)
        for j, hw in enumerate(h):
            row[j + 1] = min(prev[j] + (rw != hw), prev[j + 1] + 1, row[j] + 1)
        prev = row
    return 100.0 * prev[-1] / max(len(r), 1)


def to_device_bytes(samples16k):
    # 16 kHz → 48 kHz by linear interpolation, duplicated to two channels (a test signal only;
    # rehearse resamples it back properly).
    out = array.array("f")
    n = len(samples16k)
    for i in range(n):
        a = samples16k[i]
        b = samples16k[i + 1] if i + 1 < n else a
        for k in range(3):
            v = a + (b - a) * k / 3
            out.append(v)
            out.append(v)
    return out.tobytes()


def feed(fifo, data, stop, started):
    """Writes `data` at real-time pace, then room noise until `stop` is set."""
    frame_bytes = 4 * CHANNELS
    chunk = PERIOD * frame_bytes
    noise = to_device_bytes(room_noise(16_000))
    with open(fifo, "wb", buffering=0) as f:
        t0 = time.monotonic()
        started.append(t0)
        sent = 0
        pos = 0
        try:
            while not stop.is_set():
                if pos < len(data):
                    block = data[pos : pos + chunk]
                else:
                    at = (pos - len(data)) % len(noise)  # a whole number of chunks
                    block = noise[at : at + chunk]
                pos += chunk
                f.write(block.ljust(chunk, b"\0"))
                sent += PERIOD
                delay = t0 + sent / RATE - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
        except BrokenPipeError:
            pass


def run_practice(binary, model, seconds, data, data_dir):
    with tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, "asound.conf")
        with open(conf, "w") as f:
            f.write(ALSA_CONFIG)
        fifo = os.path.join(tmp, "mic.fifo")
        os.mkfifo(fifo)
        stats = os.path.join(tmp, "take-stats.json")
        report = os.path.join(tmp, "practice.json")
        # REHEARSE_TAKE_STATS makes practice write the recorder's account of the take the moment
        # recording has stopped: its modification time is the stop.
        env = dict(os.environ, ALSA_CONFIG_PATH=conf, REHEARSE_DATA_DIR=data_dir, REHEARSE_MODEL=model,
                   REHEARSE_TAKE_STATS=stats)
        cmd = ["bash", "-c", 'exec 3<"$0"; exec "$@"', fifo, binary, "practice", "--countdown", "0",
               "--limit", str(seconds), "--json", report, "--question", "Tell me about a time you disagreed with a coworker"]
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        stop, started = threading.Event(), []
        feeder = threading.Thread(target=feed, args=(fifo, data, stop, started))
        feeder.start()
        out, err = proc.communicate(timeout=seconds + 120)
        ended = time.time()
        stop.set()
        feeder.join()
        if proc.returncode != 0:
            sys.exit(f"practice failed ({proc.returncode}): {err.decode(errors='replace')}")
        if os.environ.get("REHEARSE_TRACE"):
            # Where the time after the stop goes: practice's own trace, from the last window on.
            lines = err.decode(errors="replace").splitlines()
            print("\n".join(l for l in lines if "window" in l or "stop" in l or "report" in l or "transcript" in l))
        with open(report) as f:
            return ended - os.stat(stats).st_mtime, json.load(f)


def timed(cmd, env):
    t0 = time.monotonic()
    r = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit(f"{cmd[1]} failed: {r.stderr.decode(errors='replace')}")
    return time.monotonic() - t0, json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=90.0)
    ap.add_argument("--stop-after", type=float, default=1.0,
                    help="seconds after the last word when the take stops (default 1.0: Enter right after the answer)")
    args = ap.parse_args()
    binary = os.environ.get("REHEARSE_BIN", os.path.join(ROOT, "target/release/rehearse"))
    model = os.environ.get("REHEARSE_MODEL", os.path.join(ROOT, "models/ggml-tiny.en-q8_0.bin"))
    for path, what in [(binary, "REHEARSE_BIN"), (model, "REHEARSE_MODEL")]:
        if not os.path.exists(path):
            sys.exit(f"bench_practice: {path} is missing (set {what}, or run scripts/setup.sh)")
    samples, reference = answer(args.seconds)
    data = to_device_bytes(samples)
    # The take stops this long after the last word (each clip already ends with 0.5 s of quiet).
    take_s = len(samples) / 16_000 - 0.5 + args.stop_after
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"machine: {cpu}, nproc {os.cpu_count()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"take:    {len(samples) / 16_000:.0f} s of labelled speech, stopped {args.stop_after:.1f} s after the last word, fed through ALSA's file plugin in real time; {args.runs} runs\n")
    stop_to_report, batch, worst_wer, worst_fillers = [], [], 0.0, 0
    with tempfile.TemporaryDirectory() as data_dir:
        env = dict(os.environ, REHEARSE_DATA_DIR=data_dir, REHEARSE_MODEL=model)
        for i in range(args.runs):
            latency, live = run_practice(binary, model, take_s, data, data_dir)
            take = sorted(glob.glob(os.path.join(data_dir, "sessions", "*", "take.wav")))[-1]
            b, whole = timed([binary, "analyze", take, "--json", "-"], env)
            stop_to_report.append(latency)
            batch.append(b)
            w_live, w_batch = wer(reference, live["transcript"]["text"]), wer(reference, whole["transcript"]["text"])
            f_live, f_batch = live["metrics"]["fillers"]["total"], whole["metrics"]["fillers"]["total"]
            worst_wer = max(worst_wer, abs(w_live - w_batch))
            worst_fillers = max(worst_fillers, abs(f_live - f_batch))
            print(f"  run {i + 1}: stop → report {latency:5.2f} s    batch analyze of the take {b:5.2f} s    "
                  f"WER practice {w_live:.2f} % / batch {w_batch:.2f} %    fillers {f_live} / {f_batch}")
    s, b = statistics.median(stop_to_report), statistics.median(batch)
    print(f"\nsummary: stop → report {s:.2f} s vs batch analyze {b:.2f} s (median of {args.runs}): ratio {s / b:.2f}")
    print(f"practice report against batch: WER differs by at most {worst_wer:.2f} points, fillers by at most {worst_fillers}")


if __name__ == "__main__":
    main()
