#!/usr/bin/env python3
"""Generate the speech fixtures for rehearse's tests and the bundled example answer.

    python=$(scripts/tts-env.sh)
    "$python" scripts/make-fixtures.py            # writes tests/fixtures/*.wav|json, examples/answer.*
    "$python" scripts/make-fixtures.py --check    # only re-checks the files on disk against their labels

Every fixture is built the same way:
  1. each sentence is synthesized on its own (hibari-tts, bundled voice "heart", with a fixed seed per
     sentence; or espeak-ng for the second voice),
  2. resampled to 16 kHz with sox's very-high-quality resampler (`rate -v`),
  3. trimmed of leading/trailing silence with an energy threshold (10 ms RMS window, 40 dB below the
     sentence's loudest window), so the sentence starts and ends on audible speech,
  4. the sentences are concatenated with exactly controlled silences (default 0.35 s),
  5. the whole is scaled to a fixed speech level and a deterministic low room tone (-70 dBFS RMS,
     pinkish) is added everywhere, so silence is never digital zero,
  6. written as 16 kHz mono 16-bit PCM WAV, with NAME.json labels beside it.

Because the gaps are built from the trimmed sentences, the labelled sentence times and pauses are exact
(to the sample): a pause is the room-tone-only span between one sentence's last audible sample and the
next one's first. The check at the end measures them again on the written file.

Filler markup in the sentence texts: {um} / {uh} are planted filler sounds ("sound"), {like}, {you know},
{I mean}, {basically}, {well}, {kind of}, {actually}, {honestly}, … are discourse fillers ("discourse");
[So] marks a sentence opener, which a listener hears as a way in, not as a filler (labelled under
"openers"). The marks are removed from the spoken text; every other "like" is counted as a legitimate
one (legit_like).

Rambling markup: ((I think)) marks a planted hedge, <we> the second copy of a repeated word or phrase (a
restart: "We, <we> rolled back"). Fixtures with such marks get "hedges" and "repetitions" labels.

Reproducibility: hibari's noise component is seeded, onnxruntime runs on one thread and espeak-ng and sox
are deterministic, so a rerun on the same machine with the pinned versions (scripts/tts-env.sh) gives
byte-identical files (checked with espeak-ng 1.51 and sox 14.4.2 from Debian 12). Another CPU or another
onnxruntime version may change the int8 arithmetic in the last bits.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import wave
import zlib

import numpy as np

SR = 16000
DEFAULT_GAP = 0.35
NOISE_DBFS = -70.0           # RMS level of the room tone
SPEECH_DBFS = -24.0          # RMS level of the (trimmed) speech, before the room tone is added
PEAK_LIMIT_DBFS = -1.0       # the speech gain is lowered if a peak would exceed this
TRIM_WINDOW_S = 0.010        # RMS window for trimming a sentence
TRIM_BELOW_MAX_DB = 40.0     # a sentence's edges are where its 10 ms RMS first/last exceeds max - 40 dB
NOISE_SEED = 7001
HIBARI_SPEED = 0.85          # hibari's own pace is about 220 words/min; 0.85 gives an interview-like pace

SOUND_FILLERS = {"um", "uh"}
DISCOURSE_FILLERS = {"like", "you know", "i mean", "basically", "well", "kind of", "sort of", "actually",
                     "honestly", "literally"}
OPENERS = {"so"}

HIBARI = "hibari:heart"
ESPEAK = "espeak-ng:en-us+m3"



class P(float):
    """A planted pause: a gap_after that a test expects to be found (labelled "planted": true)."""


# Each fixture: voice, lead-in and tail silence, and sentences as (text, gap_after); the gap after the
# last sentence is ignored (the tail is used). A plain number is a natural gap between sentences, P(x) a
# planted pause. Reference texts spell numbers out so word error rate does
# not depend on number normalisation.
FIXTURES = {
    "clean": dict(
        out="tests/fixtures/clean",
        voice=HIBARI,
        lead=0.50, tail=0.60,
        sentences=[
            ("I would like to walk you through a project I led last year.", DEFAULT_GAP),
            ("We moved our builds to tools like Jenkins and Docker.", DEFAULT_GAP),
            ("The team was new to me, but after a month it felt like home.", DEFAULT_GAP),
            ("We cut our release time from two days to three hours.", DEFAULT_GAP),
            ("The biggest lesson was to write every decision down.", DEFAULT_GAP),
        ],
    ),
    "fillers": dict(
        out="tests/fixtures/fillers",
        voice=HIBARI,
        lead=0.50, tail=0.60,
        sentences=[
            ("[So], {um}, the first thing I did, {uh}, was talk to everyone on the team.", DEFAULT_GAP),
            ("{Um}, we had, {like}, the first week, {uh}, just to map out the old system.", DEFAULT_GAP),
            ("{You know}, the code was, {um}, {basically} ten years old.", DEFAULT_GAP),
            ("{I mean}, {uh}, nobody really knew how the, {um}, billing module worked.", DEFAULT_GAP),
            ("[So] I would like to say, {uh}, that we, {um}, wrote the tests first.", DEFAULT_GAP),
            ("It looked like a lot of work, but, {uh}, it paid off, {um}, within a month.", DEFAULT_GAP),
        ],
    ),
    # Discourse fillers spoken without a pause or comma around them, beside the same words used for
    # their meaning: the detector has to decide from the words, not from the punctuation.
    "discourse": dict(
        out="tests/fixtures/discourse",
        voice=HIBARI,
        lead=0.50, tail=0.60,
        sentences=[
            ("{Like} the first week we just mapped out the old system.", DEFAULT_GAP),
            ("It was {like} the most fun I had all year.", DEFAULT_GAP),
            ("We moved our builds to tools like Jenkins and after a month it felt like home.", DEFAULT_GAP),
            ("And {you know} the deadlines we had promised were really tight.", DEFAULT_GAP),
            ("{Well} the first thing I did was talk to everyone on the team.", DEFAULT_GAP),
            ("[So] I would like to explain how we {kind of} rewrote the pipeline.", DEFAULT_GAP),
            ("The build took {like} forty minutes and {I mean} nobody wanted to wait.", DEFAULT_GAP),
            ("It looked like a lot of work but it paid off within a month.", DEFAULT_GAP),
            ("{Um}, I think we could have shipped it earlier.", DEFAULT_GAP),
            ("{Honestly} it was the best team I have worked with.", DEFAULT_GAP),
        ],
    ),
    "pauses": dict(
        out="tests/fixtures/pauses",
        voice=HIBARI,
        lead=0.50, tail=0.60,
        sentences=[
            ("Let me think about the hardest bug I fixed.", P(2.5)),
            ("It was a memory leak in our payment service.", P(0.8)),
            ("It only happened under heavy load.", P(3.5)),
            ("So we added logging everywhere.", P(6.0)),
            # The sentence after the long silence: distinctive words, easy to check for in a transcript.
            ("By Friday, the dashboard showed zero failed payments for three days.", DEFAULT_GAP),
            ("That fix still runs today.", DEFAULT_GAP),
        ],
    ),
    "espeak": dict(
        out="tests/fixtures/espeak",
        voice=ESPEAK,
        lead=0.50, tail=0.60,
        sentences=[
            ("My greatest strength is staying calm under pressure.", DEFAULT_GAP),
            ("When our main database failed during a product launch, I organized the team "
             "and kept our customers informed every hour.", DEFAULT_GAP),
            ("We were back online before midnight.", DEFAULT_GAP),
        ],
    ),
    "rambling": dict(
        out="tests/fixtures/rambling",
        voice=HIBARI,
        lead=0.50, tail=0.60,
        sentences=[
            ("((I think)) we should, <we should> start with the outage.", DEFAULT_GAP),
            ("((Maybe)) it was, ((I guess)), the cache.", DEFAULT_GAP),
            ("We, <we> ((probably)) rolled back the, <the> deploy too late.", DEFAULT_GAP),
            ("I, <I> would test it first next time.", DEFAULT_GAP),
        ],
    ),
    "silence": dict(
        out="tests/fixtures/silence",
        voice=None,
        lead=4.0, tail=0.0,
        sentences=[],
    ),
    "answer": dict(
        out="examples/answer",
        voice=HIBARI,
        question="Tell me about a time you disagreed with a coworker.",
        lead=0.80, tail=0.80,
        # Each sentence's part of the story, labelled by hand (S situation, T task, A action,
        # R result, L learning, O other), and the answer-level labels the structure tests check.
        parts="O S S S T A A A A R L",
        structure=dict(behavioural=True, result_present=True, result_quantified=True,
                       ending="learning", we_dominant=False),
        sentences=[
            # Situation
            ("Sure.", 0.45),
            ("{Um}, at my last job I was a software engineer on the checkout team.", 0.55),
            ("Our tech lead, Sarah, wanted to rewrite the payment service from scratch.", 0.40),
            ("I disagreed, because the old service was, {like}, stable, and a rewrite would take months.", 0.70),
            # Task
            ("At the same time, my task was to ship a new refund feature before the holiday season.", 0.50),
            # Action
            ("[So], {uh}, instead of arguing in the team channel, I asked Sarah for a short meeting.", 0.45),
            ("I brought data: the error rates, the pages we got at night, and, {you know}, "
             "the deadlines we had already promised.", P(2.5)),
            ("We agreed to refactor the riskiest part first, and to leave the rest for later.", 0.40),
            ("{Um}, I wrote the design document, and she reviewed every step.", 0.65),
            # Result
            ("We shipped refunds two weeks early, and support tickets dropped by about forty percent.", 0.50),
            ("Sarah and I still work together, and I learned to disagree with evidence instead of opinions.",
             DEFAULT_GAP),
        ],
    ),
}


# -- text and labels ---------------------------------------------------------------------------------

def words_of(text):
    """Lower-case words without punctuation (apostrophes kept)."""
    return re.findall(r"[a-z0-9']+", text.lower())


def parse_markup(marked, sentence_idx, word_offset):
    """Spoken text, filler labels and opener labels from a sentence with {filler} / [opener] markup."""
    fillers, openers = [], []
    spoken = ""
    pos = 0
    for m in re.finditer(r"\{([^}]*)\}|\[([^\]]*)\]", marked):
        spoken += marked[pos:m.start()]
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        key = inner.lower()
        if m.group(2) is not None:
            if key not in OPENERS:
                raise ValueError(f"unknown opener {inner!r} in {marked!r}")
            kind, into = "discourse", openers
        elif key in SOUND_FILLERS:
            kind, into = "sound", fillers
        elif key in DISCOURSE_FILLERS:
            kind, into = "discourse", fillers
        else:
            raise ValueError(f"unknown filler {inner!r} in {marked!r}")
        into.append({"text": key, "kind": kind, "sentence": sentence_idx,
                     "word_index": word_offset + len(words_of(spoken))})
        spoken += inner
        pos = m.end()
    spoken += marked[pos:]
    return spoken, fillers, openers


def parse_rambling(marked, sentence_idx, word_offset):
    """Text without ((hedge)) and <repeat> marks (filler markup kept), and their labels. word_index counts
    the spoken words before the mark, as for fillers."""
    hedges, repetitions = [], []
    out = ""
    pos = 0
    for m in re.finditer(r"\(\(([^)]*)\)\)|<([^>]*)>", marked):
        out += marked[pos:m.start()]
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        label = {"text": inner.lower(), "sentence": sentence_idx,
                 "word_index": word_offset + len(words_of(re.sub(r"[{}]", "", out)))}
        (hedges if m.group(1) is not None else repetitions).append(label)
        out += inner
        pos = m.end()
    return out + marked[pos:], hedges, repetitions


def count_legit_like(spoken, fillers):
    total = sum(1 for w in words_of(spoken) if w == "like")
    return total - sum(1 for f in fillers if f["text"] == "like")


# -- audio ---------------------------------------------------------------------------------------------

class Synth:
    def __init__(self):
        self._hibari = None

    def hibari(self, text, seed):
        if self._hibari is None:
            from hibari import Hibari
            self._hibari = Hibari(threads=1)
        audio = self._hibari(text, speed=HIBARI_SPEED, seed=seed)
        return np.asarray(audio, np.float32), self._hibari.sample_rate

    @staticmethod
    def espeak(text, voice):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.wav")
            subprocess.run(["espeak-ng", "-v", voice, "-w", path, text], check=True)
            audio, sr = read_wav(path)
        return audio, sr

    def __call__(self, voice, text, seed):
        engine, _, name = voice.partition(":")
        if engine == "hibari":
            assert name == "heart", "only the bundled hibari voice works offline"
            return self.hibari(text, seed)
        if engine == "espeak-ng":
            return self.espeak(text, name)
        raise ValueError(voice)


def read_wav(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2, path
        n, ch, sr = w.getnframes(), w.getnchannels(), w.getframerate()
        data = np.frombuffer(w.readframes(n), "<i2").astype(np.float32) / 32768.0
    if ch > 1:
        data = data.reshape(-1, ch).mean(1)
    return data, sr


def write_wav16(path, audio):
    pcm = np.clip(np.round(audio * 32768.0), -32768, 32767).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(pcm.tobytes())


def resample(audio, sr_in):
    """sox's very-high-quality resampler, float32 in and out (no dither, no clipping to 16 bits)."""
    if sr_in == SR:
        return audio.astype(np.float32)
    raw = ["-t", "raw", "-e", "floating-point", "-b", "32", "-c", "1"]
    out = subprocess.run(["sox", "-D", "-V1", *raw, "-r", str(sr_in), "-", *raw, "-r", str(SR), "-", "rate", "-v"],
                         input=np.ascontiguousarray(audio, "<f4").tobytes(), capture_output=True, check=True).stdout
    return np.frombuffer(out, "<f4").astype(np.float32)


def moving_rms_db(audio, win):
    """RMS in dBFS of the window audio[i:i+win] for every i (len(audio)-win+1 values)."""
    c = np.concatenate([[0.0], np.cumsum(audio.astype(np.float64) ** 2)])
    ms = np.maximum((c[win:] - c[:-win]) / win, 0.0)
    return 10 * np.log10(ms + 1e-20)


def trim(audio):
    """Cut leading/trailing silence: keep from the first to the last 10 ms window whose RMS is within
    TRIM_BELOW_MAX_DB of the sentence's loudest window."""
    win = int(round(TRIM_WINDOW_S * SR))
    db = moving_rms_db(audio, win)
    thr = db.max() - TRIM_BELOW_MAX_DB
    loud = np.nonzero(db > thr)[0]
    start, end = int(loud[0]), int(loud[-1]) + win
    return audio[start:end]


def room_tone(n, seed):
    """Deterministic pinkish noise at NOISE_DBFS RMS."""
    if n == 0:
        return np.zeros(0, np.float32)
    rng = np.random.default_rng(seed)
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / SR)
    shape = 1 / np.sqrt(np.maximum(f, 50.0))       # 1/f power above 50 Hz, flat below
    shape[f < 20] = 0                               # no DC / sub-audio rumble
    noise = np.fft.irfft(spec * shape, n)
    noise *= 10 ** (NOISE_DBFS / 20) / np.sqrt(np.mean(noise ** 2))
    return noise.astype(np.float32)


# -- building one fixture --------------------------------------------------------------------------------

def build(name, spec, synth):
    voice = spec["voice"]
    parts, sentences, fillers, openers, pauses = [], [], [], [], []
    cursor = int(round(spec["lead"] * SR))
    parts.append(np.zeros(cursor, np.float32))
    spoken_all, word_offset = [], 0
    hedges, repetitions = [], []
    n = len(spec["sentences"])
    for i, (marked, gap_after) in enumerate(spec["sentences"]):
        marked, hd, rp = parse_rambling(marked, i, word_offset)
        hedges += hd
        repetitions += rp
        spoken, fl, op = parse_markup(marked, i, word_offset)
        word_offset += len(words_of(spoken))
        fillers += fl
        openers += op
        seed = zlib.crc32(f"{name}:{i}".encode())
        audio, sr = synth(voice, spoken, seed)
        audio = trim(resample(audio, sr))
        start, end = cursor, cursor + len(audio)
        sentences.append({"text": spoken, "start": round(start / SR, 4), "end": round(end / SR, 4)})
        parts.append(audio)
        cursor = end
        if i < n - 1:
            gap = int(round(gap_after * SR))
            pauses.append({"start": round(end / SR, 4), "end": round((end + gap) / SR, 4),
                           "duration": round(gap / SR, 4), "planted": isinstance(gap_after, P)})
            parts.append(np.zeros(gap, np.float32))
            cursor += gap
        spoken_all.append(spoken)
    parts.append(np.zeros(int(round(spec["tail"] * SR)), np.float32))
    speech = np.concatenate(parts)

    if sentences:
        voiced = np.concatenate([speech[int(round(s["start"] * SR)):int(round(s["end"] * SR))] for s in sentences])
        gain = 10 ** (SPEECH_DBFS / 20) / np.sqrt(np.mean(voiced.astype(np.float64) ** 2))
        gain = min(gain, 10 ** (PEAK_LIMIT_DBFS / 20) / np.abs(speech).max())
        speech = speech * gain
    out = speech + room_tone(len(speech), NOISE_SEED + zlib.crc32(name.encode()) % 1000)

    text = " ".join(spoken_all)
    labels = {
        "text": text,
        "voice": voice,
        "sentences": sentences,
        "fillers": fillers,
        "openers": openers,
        "legit_like": count_legit_like(text, fillers),
        "pauses": pauses,
        "internal_silences": internal_silences(out, sentences),
        "duration_s": round(len(out) / SR, 4),
        "words": len(words_of(text)),
        "sample_rate": SR,
        "room_tone_dbfs": NOISE_DBFS,
    }
    if hedges or repetitions:
        labels["hedges"] = hedges
        labels["repetitions"] = repetitions
    if "question" in spec:
        labels["question"] = spec["question"]
    if "parts" in spec:
        add_structure_labels(labels, spec)
    return out, labels


PART_NAMES = {"S": "situation", "T": "task", "A": "action", "R": "result", "L": "learning", "O": "other"}


def add_structure_labels(labels, spec):
    """Each sentence's story part, and the answer-level structure labels."""
    parts = spec["parts"].split()
    assert len(parts) == len(labels["sentences"]), "one part per sentence"
    for sentence, letter in zip(labels["sentences"], parts):
        sentence["part"] = PART_NAMES[letter]
    labels["structure"] = spec["structure"]


# -- checking ------------------------------------------------------------------------------------------

def sox_stat(path):
    res = subprocess.run(["sox", path, "-n", "stat"], capture_output=True, text=True)
    stat = {}
    for line in res.stderr.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            stat[k.strip()] = v.strip()
    return stat


def silent_runs(audio, thr_db, min_len, hop_s=0.005):
    """(start_s, end_s) of the spans whose 10 ms RMS windows all stay below thr_db, at least min_len long.
    Edges are accurate to hop_s."""
    win, hop = int(round(TRIM_WINDOW_S * SR)), int(round(hop_s * SR))
    db = moving_rms_db(audio, win)[::hop]
    quiet = np.concatenate([[False], db < thr_db, [False]])
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    runs = []
    for i, j in zip(edges[::2], edges[1::2]):          # windows i..j-1 are quiet
        t0 = 0.0 if i == 0 else (i * hop + win) / SR    # first quiet window start + win = first quiet sample
        t1 = len(audio) / SR if j == len(db) else ((j - 1) * hop + win) / SR
        t0 = 0.0 if i == 0 else ((i - 1) * hop + win) / SR
        t1 = len(audio) / SR if j == len(db) else (j * hop) / SR
        if t1 - t0 >= min_len:
            runs.append((t0, t1))
    return runs


def internal_silences(audio, sentences, min_len=0.2):
    """Measured (not planted) silences inside sentences: commas, the pause around a filler. ~5 ms accurate."""
    out = []
    for i, s in enumerate(sentences):
        a, b = int(round(s["start"] * SR)), int(round(s["end"] * SR))
        for t0, t1 in silent_runs(audio[a:b], NOISE_DBFS + 12, min_len):
            out.append({"start": round(s["start"] + t0, 3), "end": round(s["start"] + t1, 3),
                        "duration": round(t1 - t0, 3), "sentence": i})
    return out


def longest_run(mask):
    m = np.concatenate([[0], mask.astype(np.int8), [0]])
    e = np.flatnonzero(np.diff(m))
    return int((e[1::2] - e[::2]).max()) if len(e) else 0


def check(wav_path, json_path):
    """Measure the written file against its labels; returns (ok, lines)."""
    audio, sr = read_wav(wav_path)
    labels = json.load(open(json_path))
    lines, ok = [], True
    st = sox_stat(wav_path)
    dur = len(audio) / sr
    lines.append(f"  sox stat: length {st.get('Length (seconds)')} s, RMS {st.get('RMS     amplitude')}, "
                 f"max {st.get('Maximum amplitude')}, min {st.get('Minimum amplitude')}")
    if sr != SR or abs(dur - labels["duration_s"]) > 1e-3:
        ok = False
        lines.append(f"  FAIL: rate {sr}, duration {dur:.4f} vs label {labels['duration_s']}")

    def db_at(t0, t1):
        a, b = max(int(round(t0 * SR)), 0), int(round(t1 * SR))
        seg = audio[a:b].astype(np.float64)
        return 10 * np.log10(np.mean(seg ** 2) + 1e-20) if len(seg) else float("nan")

    sents = labels["sentences"]
    silent = [(p["start"], p["end"]) for p in labels["pauses"]]
    silent = ([(0.0, sents[0]["start"])] + silent + [(sents[-1]["end"], dur)]) if sents else [(0.0, dur)]
    floor = 10 * np.log10(np.mean(np.concatenate(
        [audio[int(round(a * SR)):int(round(b * SR))] for a, b in silent]).astype(np.float64) ** 2))
    lines.append(f"  room tone in the labelled silences: {floor:.1f} dBFS RMS; longest run of digital zeros: "
                 f"{longest_run(audio == 0)} samples")
    # Sentences: the first and last 10 ms carry sound above the room tone, the 50 ms outside do not.
    if sents:
        lines.append("  sentence   start     end   dur   first/last 10 ms dB   50 ms before/after dB")
    for i, s in enumerate(sents):
        a, b = s["start"], s["end"]
        e_in = (db_at(a, a + 0.01), db_at(b - 0.01, b))
        e_out = (db_at(a - 0.05, a), db_at(b, b + 0.05))
        bad = min(e_in) < floor + 8 or max(e_out) > floor + 2
        ok &= not bad
        lines.append(f"  {i:8d} {a:7.3f} {b:7.3f} {b - a:5.2f}   {e_in[0]:6.1f} / {e_in[1]:6.1f}"
                     f"        {e_out[0]:6.1f} / {e_out[1]:6.1f}{'   <-- CHECK' if bad else ''}")
    # Pauses: the whole labelled span is room tone only (RMS at the floor, no 10 ms window far above it).
    win = int(round(TRIM_WINDOW_S * SR))
    db = moving_rms_db(audio, win)
    if labels["pauses"]:
        lines.append("  pause      start     end   dur   RMS dB  max 10 ms dB  planted")
    for p in labels["pauses"]:
        a, b = int(round(p["start"] * SR)), int(round(p["end"] * SR))
        rms, peak = db_at(p["start"], p["end"]), db[a:b - win + 1].max()
        bad = abs(rms - floor) > 1.5 or peak > floor + 6
        ok &= not bad
        lines.append(f"  {'':8s} {p['start']:7.3f} {p['end']:7.3f} {p['duration']:5.2f}  {rms:6.1f}  {peak:12.1f}  "
                     f"{str(p['planted']):7s}{'   <-- CHECK' if bad else ''}")
    # Independent view: silent runs >= 0.2 s found by energy alone (threshold: room tone + 12 dB), matched
    # against the labelled silences (pauses, lead-in, tail) and the measured internal ones.
    runs = silent_runs(audio, floor + 12, 0.2)
    known = silent + [(x["start"], x["end"]) for x in labels.get("internal_silences", [])]
    def near(r, l):
        return abs(l[0] - r[0]) < 0.02 and abs(l[1] - r[1]) < 0.02
    found = sum(1 for l in silent if any(near(r, l) for r in runs))
    lines.append(f"  energy-only silent runs >= 0.2 s (threshold {floor + 12:.1f} dBFS): {len(runs)}; labelled "
                 f"silences (pauses, lead-in, tail) recovered within 20 ms: {found}/{len(silent)}")
    ok &= found == len(silent)
    for r in runs:
        if not any(near(r, l) for l in known):
            ok = False
            lines.append(f"    unlabelled silence: {r[0]:7.3f}-{r[1]:7.3f} ({r[1] - r[0]:.2f} s)   <-- CHECK")
    internal = labels.get("internal_silences", [])
    if internal:
        lines.append("  internal silences (measured, inside sentences): " + ", ".join(
            f"{x['duration']:.2f} s in #{x['sentence']}" for x in internal))
    return ok, lines


def relabel(spec, json_path):
    """Rewrite the text-derived labels of an existing fixture without synthesizing it again (a new
    synthesis on another machine may differ in the last bits and move every time label)."""
    labels = json.load(open(json_path))
    fillers, openers, spoken_all, word_offset = [], [], [], 0
    for i, (marked, _) in enumerate(spec["sentences"]):
        spoken, fl, op = parse_markup(marked, i, word_offset)
        word_offset += len(words_of(spoken))
        fillers += fl
        openers += op
        spoken_all.append(spoken)
        if labels["sentences"][i]["text"] != spoken:
            raise SystemExit(f"{json_path}: sentence {i} is no longer the spoken text; rebuild the fixture")
    text = " ".join(spoken_all)
    labels["fillers"] = fillers
    labels["openers"] = openers
    labels["legit_like"] = count_legit_like(text, fillers)
    # Keep the key order of a freshly built file.
    order = ["text", "voice", "sentences", "fillers", "openers", "legit_like"]
    labels = {**{k: labels[k] for k in order if k in labels}, **labels}
    with open(json_path, "w") as f:
        json.dump(labels, f, indent=2)
        f.write("\n")


def summary(labels):
    f = labels["fillers"]
    sound = sum(1 for x in f if x["kind"] == "sound")
    disc = [x["text"] for x in f if x["kind"] == "discourse"]
    long_p = [p["duration"] for p in labels["pauses"] if p["duration"] >= 0.75]
    speech = sum(s["end"] - s["start"] for s in labels["sentences"])
    wpm = labels["words"] / (labels["duration_s"] / 60) if labels["words"] else 0
    return (f"{labels['duration_s']:6.2f} s, {len(labels['sentences'])} sentences, {labels['words']} words "
            f"({wpm:.0f} wpm over the file, {speech:.1f} s of speech), fillers: {sound} um/uh + "
            f"{len(disc)} discourse {disc}, openers {[x['text'] for x in labels.get('openers', [])]}, "
            f"legit like {labels['legit_like']}, pauses >= 0.75 s: {long_p}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."),
                    help="repository root (default: this script's parent)")
    ap.add_argument("--only", nargs="*", choices=list(FIXTURES), help="build only these fixtures")
    ap.add_argument("--check", action="store_true", help="do not synthesize; check the files on disk")
    ap.add_argument("--relabel", action="store_true",
                    help="keep the audio; rewrite only the labels that come from the sentence texts (fillers, "
                         "openers, legit_like) in the existing NAME.json")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    names = args.only or list(FIXTURES)

    synth = Synth()
    all_ok = True
    total_bytes = 0
    for name in names:
        spec = FIXTURES[name]
        base = os.path.join(root, spec["out"])
        wav_path, json_path = base + ".wav", base + ".json"
        if args.relabel:
            relabel(spec, json_path)
        elif not args.check:
            os.makedirs(os.path.dirname(wav_path), exist_ok=True)
            audio, labels = build(name, spec, synth)
            write_wav16(wav_path, audio)
            with open(json_path, "w") as f:
                json.dump(labels, f, indent=2)
                f.write("\n")
        labels = json.load(open(json_path))
        ok, lines = check(wav_path, json_path)
        all_ok &= ok
        size = os.path.getsize(wav_path)
        total_bytes += size if "tests/fixtures" in spec["out"] else 0
        print(f"{spec['out']}.wav  [{'ok' if ok else 'CHECK FAILED'}]  {size / 1e6:.2f} MB")
        print(f"  {summary(labels)}")
        print("\n".join(lines))
    print(f"tests/fixtures total: {total_bytes / 1e6:.2f} MB")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
