//! `rehearse analyze`: real transcripts from the real model on the project's labelled fixtures,
//! every WAV format, the report contract, targets, and every kind of bad input.

use serde_json::Value;
use std::fs;

use crate::support::*;

#[test]
fn clean_speech_is_transcribed_accurately() {
    let world = World::new();
    let labels = labels("clean.json");
    let r = analyze_json(&world, &fixture("clean.wav"), &[]);
    let wer = word_error_rate(
        labels["text"].as_str().unwrap(),
        r["transcript"]["text"].as_str().unwrap(),
    );
    assert!(wer <= 0.05, "WER {wer:.3}: {}", r["transcript"]["text"]);
    assert_eq!(r["no_speech"], false);
    // Words carry times inside the recording, in order.
    let words: Vec<&Value> = r["transcript"]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["words"].as_array().unwrap())
        .collect();
    assert_eq!(
        words.len() as u64,
        r["metrics"]["word_count"].as_u64().unwrap()
    );
    let dur = r["audio"]["duration_s"].as_f64().unwrap();
    let mut last = 0.0;
    for w in &words {
        let (s, e) = (w["start"].as_f64().unwrap(), w["end"].as_f64().unwrap());
        assert!(
            s >= last - 0.05 && s <= e && e <= dur + 0.01,
            "word {w} out of order or range"
        );
        last = s;
    }
}

#[test]
fn report_has_the_documented_fields() {
    let world = World::new();
    let r = analyze_json(
        &world,
        &fixture("clean.wav"),
        &["--question", "Walk me through a project"],
    );
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["tool"]["name"], "rehearse");
    assert_eq!(r["question"]["text"], "Walk me through a project");
    for key in ["path", "duration_s", "sample_rate", "channels"] {
        assert!(!r["audio"][key].is_null(), "audio.{key}");
    }
    for key in ["path", "name"] {
        assert!(!r["model"][key].is_null(), "model.{key}");
    }
    let m = &r["metrics"];
    for key in [
        "duration_s",
        "speech_s",
        "word_count",
        "wpm",
        "articulation_wpm",
        "response_latency_s",
        "repetitions",
        "hedges",
    ] {
        assert!(m[key].is_number(), "metrics.{key} = {}", m[key]);
    }
    for key in ["total", "per_minute", "per_100_words", "by_word"] {
        assert!(!m["fillers"][key].is_null(), "metrics.fillers.{key}");
    }
    for key in ["count", "longest_s", "total_s"] {
        assert!(
            m["long_pauses"][key].is_number(),
            "metrics.long_pauses.{key}"
        );
    }
    assert!(r["created_at"].as_str().unwrap().ends_with('Z'));
    let ids: Vec<&str> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in ["duration", "pace", "fillers", "long_pauses"] {
        assert!(ids.contains(&id), "check {id} missing from {ids:?}");
    }
    for c in r["checks"].as_array().unwrap() {
        assert!(["pass", "warn", "fail"].contains(&c["status"].as_str().unwrap()));
        assert!(!c["message"].as_str().unwrap().is_empty());
    }
    // wpm is over the whole take, articulation over speech time only. From the labels: 57
    // words in 17.79 s are 192 wpm; over the 14.89 s of speech (the sentences, less the 0.4 s
    // silence inside one) 230 wpm. A misheard word moves either by 2 %; the two differ by 20 %.
    let labels = labels("clean.json");
    let words = labels["words"].as_f64().unwrap();
    let whole = words / (labels["duration_s"].as_f64().unwrap() / 60.0);
    let speech: f64 = labels["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["end"].as_f64().unwrap() - s["start"].as_f64().unwrap())
        .sum::<f64>()
        - 0.4;
    let talking = words / (speech / 60.0);
    let wpm = m["wpm"].as_f64().unwrap();
    let articulation = m["articulation_wpm"].as_f64().unwrap();
    assert!(
        (wpm - whole).abs() <= 0.05 * whole,
        "wpm {wpm}, labels {whole:.1}"
    );
    assert!(
        (articulation - talking).abs() <= 0.05 * talking,
        "articulation {articulation}, labels {talking:.1}"
    );
}

#[test]
fn long_pauses_are_measured_from_the_audio_and_speech_after_them_is_kept() {
    let world = World::new();
    let labels = labels("pauses.json");
    let planted: Vec<&Value> = labels["pauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["duration"].as_f64().unwrap() >= 2.0)
        .collect();
    let r = analyze_json(&world, &fixture("pauses.wav"), &[]);
    let found = r["pauses"].as_array().unwrap();
    assert_eq!(
        found.len(),
        planted.len(),
        "found {found:?}, planted {planted:?}"
    );
    for (f, p) in found.iter().zip(&planted) {
        for key in ["start", "end"] {
            let err = (f[key].as_f64().unwrap() - p[key].as_f64().unwrap()).abs();
            assert!(
                err <= 0.3,
                "pause {key} off by {err:.2} s: found {f}, planted {p}"
            );
        }
    }
    assert_eq!(r["metrics"]["long_pauses"]["count"], planted.len());
    let text = r["transcript"]["text"].as_str().unwrap();
    assert!(
        text.contains("dashboard"),
        "the sentence after the 6 s silence was lost: {text}"
    );
    let wer = word_error_rate(labels["text"].as_str().unwrap(), text);
    assert!(wer <= 0.05, "WER {wer:.3}: {text}");
    // The 0.8 s gap is not long, but a lower threshold finds it, at its place, and nothing else:
    // not the 0.35 s gaps between the other sentences nor the 0.31 s silence inside one.
    let r = analyze_json(&world, &fixture("pauses.wav"), &["--long-pause", "0.7"]);
    let planted: Vec<&Value> = labels["pauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["duration"].as_f64().unwrap() >= 0.7)
        .collect();
    assert_eq!(planted.len(), 4, "2.5, 0.8, 3.5 and 6.0 s");
    let found = r["pauses"].as_array().unwrap();
    assert_eq!(found.len(), planted.len(), "found {found:?}");
    for (f, p) in found.iter().zip(&planted) {
        for key in ["start", "end"] {
            let err = (f[key].as_f64().unwrap() - p[key].as_f64().unwrap()).abs();
            assert!(err <= 0.3, "--long-pause 0.7: found {f}, planted {p}");
        }
    }
}

#[test]
fn silence_gives_no_speech_and_zero_words() {
    let world = World::new();
    let r = analyze_json(&world, &fixture("silence.wav"), &[]);
    assert_eq!(r["no_speech"], true);
    assert_eq!(r["metrics"]["word_count"], 0);
    assert_eq!(r["transcript"]["text"], "");
    assert_eq!(r["checks"][0]["id"], "speech");
    // And the summary says so in words.
    let o = world.run(&["analyze", fixture("silence.wav").to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("No speech"), "{}", stdout(&o));
}

#[test]
fn a_second_voice_is_transcribed_too() {
    let world = World::new();
    let labels = labels("espeak.json");
    let r = analyze_json(&world, &fixture("espeak.wav"), &[]);
    let wer = word_error_rate(
        labels["text"].as_str().unwrap(),
        r["transcript"]["text"].as_str().unwrap(),
    );
    // espeak-ng's robotic voice is hard for tiny.en (faster-whisper int8: 12 %, rehearse q8_0:
    // 26 %: "staying calm under pressure" is misheard either way); guard against collapse.
    assert!(wer <= 0.35, "WER {wer:.3}: {}", r["transcript"]["text"]);
}

#[test]
fn every_wav_format_gives_the_same_transcript() {
    let world = World::new();
    let reference = labels("clean.json")["text"].as_str().unwrap().to_string();
    let variants = [
        ("stereo-44k-24bit.wav", 44_100, 2, 24, false),
        ("mono-8k-8bit.wav", 8_000, 1, 8, false),
        ("stereo-96k-float.wav", 96_000, 2, 32, true),
        ("mono-48k-32bit.wav", 48_000, 1, 32, false),
    ];
    for (name, rate, channels, bits, float) in variants {
        let path = world.path(name);
        write_variant(&fixture("clean.wav"), &path, rate, channels, bits, float);
        let r = analyze_json(&world, &path, &[]);
        assert_eq!(r["audio"]["sample_rate"], rate);
        assert_eq!(r["audio"]["channels"], channels);
        assert!((r["audio"]["duration_s"].as_f64().unwrap() - 17.8).abs() < 0.1);
        let wer = word_error_rate(&reference, r["transcript"]["text"].as_str().unwrap());
        // 8 kHz telephone quality loses the top of the speech band.
        let limit = if rate == 8_000 { 0.15 } else { 0.05 };
        assert!(
            wer <= limit,
            "{name}: WER {wer:.3}: {}",
            r["transcript"]["text"]
        );
    }
}

#[test]
fn json_to_a_file_is_complete_and_the_summary_still_prints() {
    let world = World::new();
    let out = world.path("report.json");
    let o = world.run(&[
        "analyze",
        fixture("clean.wav").to_str().unwrap(),
        "--json",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(report["schema_version"], 1);
    let summary = stdout(&o);
    assert!(
        summary.contains("Verdict:") && summary.contains("wpm"),
        "{summary}"
    );
    assert!(
        !summary.contains('\u{1b}'),
        "no colour codes when stdout is not a terminal"
    );
    // Nothing but the report leaves temporary files behind.
    let names: Vec<_> = fs::read_dir(world.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")),
        "{names:?}"
    );
}

#[test]
fn targets_come_from_the_config_file_and_flags_override_them() {
    let world = World::new();
    let config_dir = world.path("config/rehearse");
    fs::create_dir_all(&config_dir).unwrap();
    fs::write(
        config_dir.join("config.toml"),
        "[targets]\nduration = \"0:10-0:20\"\npace = \"100-250\"\n",
    )
    .unwrap();
    let r = analyze_json(&world, &fixture("clean.wav"), &[]);
    let check = |r: &Value, id: &str| {
        r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(r["settings"]["duration_s"]["max"], 20.0);
    assert_eq!(check(&r, "duration")["status"], "pass");
    assert_eq!(check(&r, "pace")["status"], "pass");
    let r = analyze_json(&world, &fixture("clean.wav"), &["--target", "60-120"]);
    assert_eq!(check(&r, "duration")["status"], "warn");
    assert!(check(&r, "duration")["message"]
        .as_str()
        .unwrap()
        .contains("short"));
    // A broken config file is one clear error naming it.
    fs::write(
        config_dir.join("config.toml"),
        "[targets]\nduration = \"soon\"\n",
    )
    .unwrap();
    let o = world.run(&["analyze", fixture("clean.wav").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("config.toml") && stderr(&o).contains("duration"),
        "{}",
        stderr(&o)
    );
}

/// Bad input: one line naming the file and the problem, exit 1, no report file.
fn assert_rejected(world: &World, file: &std::path::Path, expect: &str) {
    let out = world.path("should-not-exist.json");
    let o = world.run(&[
        "analyze",
        file.to_str().unwrap(),
        "--json",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{}: {err}", file.display());
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(err.contains(&*name) && err.contains(expect), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(&o).is_empty());
    assert!(!out.exists(), "a report was written for bad input");
}

#[test]
fn bad_input_is_one_clear_error_and_no_report() {
    let world = World::new();
    assert_rejected(&world, &world.path("missing.wav"), "no such file");
    let empty = world.path("empty.wav");
    fs::write(&empty, "").unwrap();
    assert_rejected(&world, &empty, "empty");
    let text = world.path("notes.wav");
    fs::write(
        &text,
        "These are my notes for the interview, not a recording.\n",
    )
    .unwrap();
    assert_rejected(&world, &text, "not a WAV file");
    let random = world.path("random.wav");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&random, bytes).unwrap();
    assert_rejected(&world, &random, "not a WAV file");
    let zero = world.path("zero.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 16_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    hound::WavWriter::create(&zero, spec)
        .unwrap()
        .finalize()
        .unwrap();
    assert_rejected(&world, &zero, "no audio samples");
    let dir = world.path("folder.wav");
    fs::create_dir(&dir).unwrap();
    assert_rejected(&world, &dir, "directory");
}

#[test]
fn usage_errors_exit_2() {
    let world = World::new();
    let o = world.run(&["analyze"]);
    assert_eq!(o.status.code(), Some(2));
    let o = world.run(&["analyze", "x.wav", "--target", "two-three"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("two"), "{}", stderr(&o));
}

#[test]
fn a_cut_off_recording_is_analysed_with_a_warning_and_can_be_repaired() {
    let world = World::new();
    let src = fs::read(fixture("pauses.wav")).unwrap();
    // Header promises the whole file, but the last 40 % is missing (a full disk, a copy cut short).
    let cut = world.path("cut.wav");
    fs::write(&cut, &src[..src.len() * 6 / 10]).unwrap();
    let o = world.run(&["analyze", cut.to_str().unwrap(), "--json", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cut.wav") && stderr(&o).contains("cut off"),
        "{}",
        stderr(&o)
    );
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["audio"]["recovered"], true);
    assert!((r["audio"]["duration_s"].as_f64().unwrap() - 28.2 * 0.6).abs() < 0.3);
    assert!(r["transcript"]["text"]
        .as_str()
        .unwrap()
        .contains("memory leak"));

    // A crash before the first header update leaves sizes of 0 (as hound does).
    let crashed = world.path("crashed.wav");
    let mut bytes = src.clone();
    bytes[4..8].copy_from_slice(&0u32.to_le_bytes());
    bytes[40..44].copy_from_slice(&0u32.to_le_bytes());
    fs::write(&crashed, &bytes).unwrap();
    let r = analyze_json(&world, &crashed, &[]);
    assert_eq!(r["audio"]["recovered"], true);
    assert!((r["audio"]["duration_s"].as_f64().unwrap() - 28.2).abs() < 0.1);
    let o = world.run(&["recover", crashed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("repaired"));
    let reader = hound::WavReader::open(&crashed).unwrap();
    assert_eq!(reader.len() as usize, (src.len() - 44) / 2);
    let o = world.run(&["recover", crashed.to_str().unwrap()]);
    assert!(stdout(&o).contains("nothing to repair"));
}

#[test]
fn missing_or_corrupt_model_says_how_to_get_one() {
    let world = World::new();
    let wav = fixture("clean.wav");
    let o = world
        .cmd()
        .args(["analyze", wav.to_str().unwrap()])
        .env("REHEARSE_MODEL", world.path("nope.bin"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nope.bin") && stderr(&o).contains("fetch-model"),
        "{}",
        stderr(&o)
    );
    // The first megabyte of a real model: a download or copy cut short.
    let truncated = world.path("truncated.bin");
    let model = fs::read(model()).unwrap();
    fs::write(&truncated, &model[..1 << 20]).unwrap();
    let o = world
        .cmd()
        .args(["analyze", wav.to_str().unwrap()])
        .env("REHEARSE_MODEL", &truncated)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("truncated.bin") && stderr(&o).contains("incomplete"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).trim().lines().count(), 1, "{}", stderr(&o));
    let text = world.path("model.bin");
    fs::write(&text, "not a model").unwrap();
    let o = world
        .cmd()
        .args([
            "analyze",
            wav.to_str().unwrap(),
            "--model",
            text.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("model.bin"), "{}", stderr(&o));
}

#[test]
fn schema_is_pinned() {
    let world = World::new();
    let o = world.run(&["schema"]);
    assert!(o.status.success());
    let pinned = fs::read_to_string(root().join("schema/report.schema.json")).unwrap();
    assert_eq!(
        stdout(&o),
        pinned,
        "the report schema changed: if intended, run `rehearse schema > schema/report.schema.json` \
         (and bump schema_version if a field was renamed or removed)"
    );
}
