//! `rehearse practice` end to end with real capture: cpal records from alsa-lib's `file` plugin,
//! fed at real-time pace with a known recording (see `capture_support`), then the real model
//! transcribes the take and the session is saved. Checked: the saved audio is the audio fed, the
//! report transcribes it, nothing the device delivered is dropped, every way of stopping
//! (limit, Enter, SIGINT, SIGTERM, a second SIGINT, SIGKILL) leaves a usable take and an intact
//! store, and a machine without a microphone gets one clear error.
//!
//! Real-time tests hold `capture_support::serial()`: no other test runs the model beside them,
//! so what they measure is rehearse, not the rest of the suite. Clips are
//! a few seconds of `clean.wav`, and `--countdown 0` wherever the countdown is not what is
//! tested. Waits are for states (audio on disk, a screen, a delivered signal), never for time.

use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use crate::capture_support::alsa::{self, AlsaWorld};
use crate::capture_support::feeder::Feeder;
use crate::capture_support::take::{self, session_ids, TakeRun, STATS_ENV};
use crate::capture_support::{audio, clean_clip, serial, tmux};
use crate::support::*;

const QUESTION: &str = "Tell me about a project you led";

/// How long a run may take to finish after recording stops: the analysis of a few seconds of
/// speech, with room for a busy two-core machine, where it runs many times slower.
const FINISH: Duration = Duration::from_secs(180);

/// 16 kHz samples per second.
const RATE: f64 = 16_000.0;

/// The recorder must have seen exactly the feed's format, else the raw bytes were misread.
fn assert_feed_format(stats: &Value) {
    assert_eq!(stats["source_format"], "f32", "{stats}");
    assert_eq!(stats["source_channels"], 2, "{stats}");
    assert_eq!(stats["source_rate"], 48_000, "{stats}");
}

/// The take is a finished WAV: its header describes exactly the samples on disk, and there are
/// as many as the recorder's statistics say it wrote. Returns the audio.
fn assert_complete_take(run: &TakeRun, stats: &Value) -> Vec<f32> {
    let recorded = assert_finished_wav(run);
    assert_eq!(
        Some(recorded.len() as u64),
        stats["samples_written"].as_u64(),
        "{stats}"
    );
    recorded
}

/// The take is a finished WAV: its header describes exactly the samples on disk. Returns the
/// audio.
fn assert_finished_wav(run: &TakeRun) -> Vec<f32> {
    let wav = run.wav();
    let layout = audio::wav_layout(&wav).expect("take.wav layout");
    assert_eq!(
        u64::from(layout.data_size),
        layout.bytes_on_disk(),
        "{layout:?}"
    );
    assert_eq!(
        u64::from(layout.riff_size),
        layout.file_len - 8,
        "{layout:?}"
    );
    let (recorded, rate) = audio::read_wav(&wav).expect("take.wav is a valid WAV");
    assert_eq!(rate, 16_000);
    recorded
}

/// An earlier saved take (a short one, quick to analyse: room tone, no speech).
fn seed_earlier_session(world: &World) -> String {
    let silence = fixture("silence.wav");
    let o = world.run(&[
        "analyze",
        silence.to_str().unwrap(),
        "--save",
        "--question",
        "An earlier question",
        "--json",
        "/dev/null",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ids = session_ids(&world.data_dir().join("sessions"));
    assert_eq!(ids.len(), 1, "{ids:?}");
    ids.into_iter().next().unwrap()
}

/// `history --json`: the listing (one JSON object per line) and stderr.
fn history(world: &World) -> (Vec<Value>, String) {
    let o = world.run(&["history", "--json"]);
    assert!(o.status.success(), "history failed: {}", stderr(&o));
    let entries = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect();
    (entries, stderr(&o))
}

fn ids_of(entries: &[Value]) -> Vec<&str> {
    entries.iter().map(|e| e["id"].as_str().unwrap()).collect()
}

fn transcript(report: &Value) -> &str {
    report["transcript"]["text"].as_str().unwrap_or_default()
}

/// A take of `clip` answering `QUESTION`, no countdown, stopped by `--limit` (seconds), given up
/// on after `finish`; it must succeed.
fn limited_take(world: &World, clip: &[f32], limit: &str, finish: Duration) -> TakeRun {
    let running = take::start(
        world,
        clip,
        &["--question", QUESTION, "--countdown", "0", "--limit", limit],
    )
    .expect("start");
    let run = running.finish(finish).expect("finish");
    assert!(run.status.success(), "{run:#?}");
    run
}

#[test]
fn real_capture_saves_the_audio_fed_and_a_report_that_transcribes_it() {
    let _g = serial();
    let world = World::new();
    let (clip, said) = clean_clip(2);
    let clip_s = clip.len() as f64 / RATE;
    let limit = format!("{:.1}", clip_s + 0.5);
    let run = limited_take(&world, &clip, &limit, FINISH);

    // What the recorder saw: the feed's format, stopped by the limit, nothing lost.
    let stats = run.stats();
    assert_feed_format(&stats);
    assert_eq!(stats["stop"], "limit", "{stats}");
    assert_eq!(stats["dropped_blocks"], 0, "{stats}");
    assert_eq!(stats["device_overruns"], 0, "{stats}");
    assert_eq!(stats["silent_start"], false, "{stats}");

    // The saved take is the audio fed.
    let recorded = assert_complete_take(&run, &stats);
    let (corr, lag) = audio::best_correlation(&clip, &recorded, 8_000);
    eprintln!("real capture: correlation {corr:.4} at lag {lag} samples");
    assert!(corr >= 0.9, "correlation {corr} at lag {lag}");

    // Nothing lost or duplicated on the way in (the counters above cover the way from the
    // callback to the writer): the audio written is the audio fed, to within one FIFO's worth
    // (64 KiB = 0.17 s), which may be waiting when capture starts, and which the feeder keeps
    // filling after rehearse stops reading. (Against the wall clock the take can only be as
    // long as the feed, which falls behind real time when the machine is busy: printed, not
    // asserted.)
    let duration = stats["duration_s"].as_f64().unwrap();
    let wall = stats["wall_s"].as_f64().unwrap();
    let fed = run.feed.frames_written as f64 / 48_000.0;
    eprintln!(
        "real capture: {duration:.3} s recorded, {wall:.3} s wall, {fed:.3} s fed ({:?})",
        run.feed
    );
    assert!(
        duration <= fed + 0.01,
        "recorded {duration} s of {fed} s fed"
    );
    assert!(
        duration >= fed - 0.2,
        "recorded {duration} s of {fed} s fed"
    );

    // The session's report: the question given, the words spoken, the take's length.
    let report = run.report();
    assert_eq!(report["question"]["text"], QUESTION);
    let wer = word_error_rate(&said, transcript(&report));
    eprintln!("real capture: WER {wer:.3}: {}", transcript(&report));
    assert!(wer <= 0.10, "WER {wer:.3}: {}", transcript(&report));
    assert!((report["audio"]["duration_s"].as_f64().unwrap() - duration).abs() < 0.01);
    assert_eq!(report["audio"]["path"], run.wav().to_str().unwrap());

    // stdout is the summary and the session id; the store lists the take.
    assert!(run.stdout.contains(QUESTION), "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&format!("Saved as session {}", run.session_id())),
        "{}",
        run.stdout
    );
    let (entries, warnings) = history(&world);
    assert_eq!(ids_of(&entries), [run.session_id()], "{warnings}");
    assert_eq!(entries[0]["question"], QUESTION);
}

/// A take of `clip` with a long limit (to be stopped some other way), once `seconds` of it are
/// on disk.
fn take_under_way(world: &World, clip: &[f32], seconds: f64) -> take::RunningTake {
    let mut running = take::start(
        world,
        clip,
        &["--question", QUESTION, "--countdown", "0", "--limit", "60"],
    )
    .expect("start");
    running
        .wait_for_audio(seconds, Duration::from_secs(30))
        .expect("recording");
    running
}

/// Stops a take with `sig` after 3.6 s (the first sentence is said by then) and checks the
/// take is complete, analysed and saved, next to an earlier session that is untouched.
fn first_signal_stops_and_keeps_the_take(sig: libc::c_int, expected_stop: &str) {
    let _g = serial();
    let world = World::new();
    let earlier = seed_earlier_session(&world);
    let (clip, said) = clean_clip(1);
    let running = take_under_way(&world, &clip, 3.6);
    alsa::signal(running.pid(), sig).expect("signal");
    let run = running.finish(FINISH).expect("finish");
    assert!(run.status.success(), "{run:#?}");
    let stats = run.stats();
    assert_eq!(stats["stop"], expected_stop, "{stats}");
    assert_eq!(stats["dropped_blocks"], 0, "{stats}");
    let recorded = assert_complete_take(&run, &stats);
    assert!(recorded.len() as f64 >= 3.6 * RATE, "{}", recorded.len());

    let report = run.report();
    assert_eq!(report["question"]["text"], QUESTION);
    let wer = word_error_rate(&said, transcript(&report));
    assert!(wer <= 0.10, "WER {wer:.3}: {}", transcript(&report));
    assert!(
        run.stdout
            .contains(&format!("Saved as session {}", run.session_id())),
        "{}",
        run.stdout
    );

    let (entries, warnings) = history(&world);
    assert_eq!(
        ids_of(&entries),
        [earlier.as_str(), &run.session_id()],
        "{warnings}"
    );
    assert_eq!(entries[0]["question"], "An earlier question");
    assert!(warnings.is_empty(), "{warnings}");
}

#[test]
fn sigint_stops_the_take_which_is_kept_analysed_and_saved() {
    first_signal_stops_and_keeps_the_take(libc::SIGINT, "interrupt");
}

#[test]
fn sigterm_stops_the_take_which_is_kept_analysed_and_saved() {
    first_signal_stops_and_keeps_the_take(libc::SIGTERM, "terminate");
}

#[test]
fn second_sigint_exits_130_and_keeps_the_finished_take() {
    let _g = serial();
    let world = World::new();
    let earlier = seed_earlier_session(&world);
    let (clip, _) = clean_clip(1);
    let running = take_under_way(&world, &clip, 2.0);
    // The second SIGINT follows as soon as the first is delivered, while the first is still
    // stopping the take (that takes at least one 50 ms tick of the session loop).
    alsa::signal(running.pid(), libc::SIGINT).expect("first SIGINT");
    alsa::wait_until_delivered(running.pid(), libc::SIGINT, Duration::from_secs(5))
        .expect("first SIGINT delivered");
    alsa::signal(running.pid(), libc::SIGINT).expect("second SIGINT");
    let run = running.finish(FINISH).expect("finish");
    assert_eq!(run.status.code(), Some(130), "{run:#?}");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    // The take is finalized and kept, not analysed, and the message says how to analyse it.
    // The run stops before the statistics are written, so the recording is checked against the
    // feed instead: at least the 2 s waited for, never more than was fed, and the clip itself.
    assert!(
        !run.has_stats(),
        "statistics are written only for analysed takes"
    );
    let recorded = assert_finished_wav(&run);
    let fed = run.feed.frames_written as f64 / 48_000.0;
    let secs = recorded.len() as f64 / RATE;
    assert!(
        (2.0..=fed + 0.01).contains(&secs),
        "{secs} s of {fed} s fed"
    );
    let n = recorded.len().min(clip.len());
    let (corr, lag) = audio::best_correlation(&clip[..n], &recorded, 8_000);
    assert!(corr >= 0.9, "correlation {corr} at lag {lag}");
    assert!(!run.session().join("report.json").exists());
    let id = run.session_id();
    assert!(
        run.stderr.contains(&format!("rehearse reanalyze {id}")),
        "{}",
        run.stderr
    );
    // The store still lists the earlier take, and points at the unanalysed one.
    let (entries, warnings) = history(&world);
    assert_eq!(ids_of(&entries), [earlier.as_str()], "{warnings}");
    assert!(
        warnings.contains(&id) && warnings.contains("reanalyze"),
        "{warnings}"
    );
    // …and the hint works: the take becomes a saved session.
    let o = world.run(&["reanalyze", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(&id), "{}", stdout(&o));
    let (entries, warnings) = history(&world);
    assert_eq!(ids_of(&entries), [earlier.as_str(), &id], "{warnings}");
    assert!(warnings.is_empty(), "{warnings}");
}

#[test]
fn sigkill_leaves_a_take_that_lags_at_most_a_second_and_can_be_recovered() {
    let _g = serial();
    let world = World::new();
    let earlier = seed_earlier_session(&world);
    let (clip, _) = clean_clip(2);
    let mut running = take_under_way(&world, &clip, 4.0);
    // Kill between two header updates (they come about once a second), with audio on disk that
    // the header does not count yet.
    running
        .wait_for_audio_past_header(0.3, Duration::from_secs(10))
        .expect("audio past the header");
    alsa::signal(running.pid(), libc::SIGKILL).expect("SIGKILL");
    let run = running.finish(FINISH).expect("finish");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(run.status.signal(), Some(libc::SIGKILL), "{run:#?}");
    let wav = run.wav();

    // The header is from the last flush: never more than what is on disk, at most ~1 s less.
    let layout = audio::wav_layout(&wav).expect("layout");
    let declared = u64::from(layout.data_size) / 2;
    let on_disk = layout.bytes_on_disk() / 2;
    eprintln!(
        "SIGKILL: header declares {declared} samples, {on_disk} on disk (lag {:.3} s)",
        (on_disk - declared.min(on_disk)) as f64 / RATE
    );
    assert!(declared > 0 && declared <= on_disk, "{layout:?}");
    assert!(
        (on_disk - declared) as f64 <= 1.2 * RATE,
        "{on_disk} - {declared}"
    );
    // Everything on disk, past the header's length, is still the audio fed.
    let everything = audio::read_all_samples(&wav).expect("raw samples");
    let n = everything.len().min(clip.len());
    let (corr, lag) = audio::best_correlation(&clip[..n], &everything, 8_000);
    assert!(corr >= 0.9, "correlation {corr} at lag {lag}");

    // `analyze` warns and analyses all of it, not only what the stale header declares.
    let o = world.run(&["analyze", wav.to_str().unwrap(), "--json", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("take.wav") && stderr(&o).contains("rehearse recover"),
        "{}",
        stderr(&o)
    );
    let r: Value = serde_json::from_slice(&o.stdout).expect("report JSON");
    assert_eq!(r["audio"]["recovered"], true, "{}", r["audio"]);
    let analysed = r["audio"]["duration_s"].as_f64().unwrap();
    assert!(
        (analysed - on_disk as f64 / RATE).abs() < 0.01,
        "analysed {analysed} s of {} s on disk",
        on_disk as f64 / RATE
    );
    assert!(
        transcript(&r).to_lowercase().contains("walk you through"),
        "{}",
        transcript(&r)
    );

    // The store is intact: the earlier take lists, the killed one is pointed out.
    let (entries, warnings) = history(&world);
    assert_eq!(ids_of(&entries), [earlier.as_str()], "{warnings}");
    assert!(warnings.contains(&run.session_id()), "{warnings}");

    // `recover` makes the header cover every sample; a second run has nothing to do.
    let o = world.run(&["recover", wav.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("repaired"), "{}", stdout(&o));
    let fixed = audio::wav_layout(&wav).expect("layout");
    assert_eq!(u64::from(fixed.data_size) / 2, on_disk, "{fixed:?}");
    let (repaired, _) = audio::read_wav(&wav).expect("repaired WAV");
    assert_eq!(repaired, everything);
    let o = world.run(&["recover", wav.to_str().unwrap()]);
    assert!(stdout(&o).contains("nothing to repair"), "{}", stdout(&o));
}

#[test]
fn a_silent_microphone_is_warned_about_once_and_the_take_has_no_speech() {
    let _g = serial();
    let world = World::new();
    // Digital silence, as from a muted microphone, for longer than the 3 s the check waits.
    let run = limited_take(&world, &[], "3.5", FINISH);
    assert_eq!(run.stats()["silent_start"], true);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].contains("is it muted?"), "{}", run.stderr);
    assert!(warnings[0].contains("rehearse devices"), "{}", run.stderr);
    let report = run.report();
    assert_eq!(report["no_speech"], true, "{}", transcript(&report));
    assert_eq!(report["metrics"]["word_count"], 0);
}

/// `rehearse practice ARGS` in tmux (a terminal of 120×50), its microphone fed with `clip`, its
/// output logged to `screen.log` from before it starts: the test lets it start by pressing
/// Enter once the log is attached, so no frame is missed. After it exits the shell prints
/// `EXIT=status` and keeps the pane open.
struct TerminalRun {
    tmux: tmux::Tmux,
    log: std::path::PathBuf,
    feeder: Option<Feeder>,
    stats: std::path::PathBuf,
    _alsa: AlsaWorld,
}

impl TerminalRun {
    fn start(world: &World, clip: &[f32], args: &[&str]) -> TerminalRun {
        let alsa_world = AlsaWorld::fed().expect("ALSA world");
        let feeder = Feeder::start(
            &alsa_world.fifo,
            audio::to_stereo(clip, 16_000, 48_000).expect("clip"),
        );
        let stats = world.path("take-stats.json");
        let mut full = vec!["practice"];
        full.extend_from_slice(args);
        let line = format!(
            "read _; {}",
            alsa_world.shell_line(
                world,
                &[(STATS_ENV, stats.clone().into())],
                &full,
                "; echo EXIT=$?; sleep 60",
            )
        );
        let tmux = tmux::Tmux::start(alsa_world.dir.path(), &line, 120, 50).expect("tmux");
        let log = alsa_world.path("screen.log");
        tmux.log_output(&log).expect("pipe-pane");
        tmux.send_keys(&["Enter"]).expect("Enter");
        TerminalRun {
            tmux,
            log,
            feeder: Some(feeder),
            stats,
            _alsa: alsa_world,
        }
    }

    /// rehearse's pid (the pane's shell runs it as its one child).
    fn rehearse_pid(&self) -> u32 {
        let shell = self.tmux.pane_pid().expect("pane pid");
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .expect("children of the pane's shell");
        children
            .split_whitespace()
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the shell {shell} has no child: {children:?}"))
    }

    /// Waits for the shell's `EXIT=` line; returns the last screen and everything rehearse drew
    /// (without escape codes).
    fn finish(mut self, seen: &mut Vec<String>) -> (String, String) {
        let end = self
            .tmux
            .wait_for(FINISH, seen, |s| s.contains("EXIT="))
            .expect("exit");
        if let Some(feeder) = self.feeder.take() {
            feeder.stop();
        }
        let bytes = std::fs::read(&self.log).unwrap_or_default();
        let drawn = console::strip_ansi_codes(&String::from_utf8_lossy(&bytes)).into_owned();
        (end, drawn)
    }
}

/// The positions of `parts` in `text`, each searched after the previous one; panics naming the
/// first one missing.
fn in_order(text: &str, parts: &[&str]) -> Vec<usize> {
    let mut from = 0;
    parts
        .iter()
        .map(|p| {
            let at = text[from..]
                .find(p)
                .map(|i| from + i)
                .unwrap_or_else(|| panic!("{p:?} not drawn after byte {from}:\n{text}"));
            from = at + p.len();
            at
        })
        .collect()
}

#[test]
fn sigint_during_the_countdown_cancels_and_leaves_no_session() {
    let _g = serial();
    let world = World::new();
    let run = TerminalRun::start(
        &world,
        &[],
        &["--question", QUESTION, "--countdown", "5", "--limit", "10"],
    );
    let mut seen = Vec::new();
    run.tmux
        .wait_for(Duration::from_secs(60), &mut seen, |s| {
            s.contains("Recording starts in 5")
        })
        .expect("countdown");
    alsa::signal(run.rehearse_pid(), libc::SIGINT).expect("SIGINT");
    let stats = run.stats.clone();
    let (end, _) = run.finish(&mut seen);
    assert!(end.contains("EXIT=130"), "{end}");
    assert!(!end.contains("REC "), "recording never started: {end}");
    assert!(!stats.exists(), "nothing was recorded");
    let sessions = world.data_dir().join("sessions");
    assert!(session_ids(&sessions).is_empty(), "a session was left");
    let (entries, _) = history(&world);
    assert!(entries.is_empty(), "{entries:?}");
}

#[test]
fn live_display_counts_down_changes_zone_shows_the_level_stops_on_enter_and_summarises() {
    let _g = serial();
    let world = World::new();
    let (clip, _) = clean_clip(1);
    // Zones for a 2–4 s target: warm-up until 2 s, GREEN until 3 s, YELLOW until 4 s, then RED.
    // The default countdown (3 s) runs first. The clip is a 3.5 s sentence, then digital silence.
    let run = TerminalRun::start(
        &world,
        &clip,
        &["--question", QUESTION, "--target", "2-4", "--limit", "30"],
    );
    let mut seen = Vec::new();
    let long = Duration::from_secs(60);
    // RED lasts until the take stops, so waiting for it cannot miss it; by 6 s the silence
    // after the clip has reached the meter.
    run.tmux
        .wait_for(long, &mut seen, |s| {
            s.contains("RED over time") && s.contains("REC 0:06")
        })
        .expect("red");
    run.tmux.send_keys(&["Enter"]).expect("Enter");
    let stats_path = run.stats.clone();
    let (end, drawn) = run.finish(&mut seen);
    eprintln!("{} screens sampled; the last:\n{end}", seen.len());
    assert!(end.contains("EXIT=0"), "{end}");

    // Every frame drawn, in order: the question, the default 3 s countdown, then each zone.
    in_order(
        &drawn,
        &[
            QUESTION,
            "Recording starts in 3",
            "Recording starts in 2",
            "Recording starts in 1",
            "REC 0:00",
            "[ warm-up ]",
            "REC 0:02",
            "[ GREEN ]",
            "REC 0:03",
            "[ YELLOW wrap up ]",
            "REC 0:04",
            "[ RED over time ]",
            "over +",
        ],
    );
    // One redrawn timer line, never two on a screen.
    for screen in &seen {
        assert!(screen.matches("REC ").count() <= 1, "{screen}");
    }
    // The level meter: lit while the sentence plays (about -24 dBFS), empty in the silence.
    let frames: Vec<&str> = drawn.split("REC ").skip(1).collect();
    let level_db = |frame: &str| -> Option<f64> {
        let before = frame.split(" dB").next()?;
        before.split_whitespace().last()?.parse().ok()
    };
    let speaking = frames
        .iter()
        .filter(|f| f.starts_with("0:01 ") || f.starts_with("0:02 "))
        .filter_map(|f| level_db(f))
        .fold(f64::MIN, f64::max);
    assert!(
        (-40.0..=-10.0).contains(&speaking),
        "loudest level while speaking: {speaking} dB"
    );
    let lit_while_speaking = frames
        .iter()
        .filter(|f| f.starts_with("0:01 ") || f.starts_with("0:02 "))
        .any(|f| f.contains("▁▁▂▃"));
    assert!(lit_while_speaking, "{drawn}");
    let silent: Vec<&&str> = frames.iter().filter(|f| f.starts_with("0:06 ")).collect();
    assert!(!silent.is_empty(), "{drawn}");
    for f in &silent {
        assert!(f.contains("··········"), "an empty meter in silence: {f}");
        assert!(level_db(f).is_some_and(|db| db <= -60.0), "{f}");
    }

    // After Enter: the analysis ran and the summary is on the screen.
    assert!(end.contains("Transcript"), "{end}");
    assert!(end.to_lowercase().contains("walk you through"), "{end}");
    assert!(end.contains("Saved as session"), "{end}");
    let text = std::fs::read_to_string(&stats_path).expect("take statistics");
    let stats: Value = serde_json::from_str(&text).expect("stats JSON");
    assert_eq!(stats["stop"], "enter", "{stats}");
    let (entries, _) = history(&world);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(end.contains(entries[0]["id"].as_str().unwrap()), "{end}");
}

#[test]
fn no_input_device_is_one_clear_error_exit_1_and_no_session() {
    let world = World::new();
    let alsa_world = AlsaWorld::without_device().expect("ALSA world");
    let o = world
        .cmd()
        .args([
            "practice",
            "--question",
            QUESTION,
            "--countdown",
            "0",
            "--limit",
            "2",
        ])
        .env("ALSA_CONFIG_PATH", &alsa_world.config)
        .stdin(Stdio::null())
        .output()
        .expect("run");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
    assert_eq!(err.lines().count(), 1, "one line, no ALSA chatter: {err}");
    assert!(
        err.starts_with("error: no input device available ("),
        "{err}"
    );
    assert!(err.contains("see `rehearse devices`"), "{err}");
    let sessions = world.data_dir().join("sessions");
    assert!(
        session_ids(&sessions).is_empty(),
        "a session was left behind"
    );
    assert!(!sessions.join("index.jsonl").exists());

    // `devices` shows why: the default is listed, without a format.
    let o = world
        .cmd()
        .args(["devices", "--json"])
        .env("ALSA_CONFIG_PATH", &alsa_world.config)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let list: Value = serde_json::from_slice(&o.stdout).expect("devices JSON");
    assert_eq!(list[0]["is_default"], true, "{list}");
    assert!(list[0]["default_format"].is_null(), "{list}");
}

/// Three minutes of speech, recorded in real time on every run (CI too): README quotes what this
/// checks. `--nocapture` prints the measured numbers.
#[test]
fn three_minute_take_keeps_real_time() {
    let _g = serial();
    let world = World::new();
    let (one, _) = clean_clip(5);
    let reps = (180.0 * RATE / one.len() as f64).ceil() as usize;
    let clip: Vec<f32> = one.iter().copied().cycle().take(one.len() * reps).collect();
    let run = limited_take(&world, &clip, "180", Duration::from_secs(900));
    let stats = run.stats();
    assert_feed_format(&stats);
    assert_eq!(stats["stop"], "limit");
    let recorded = assert_complete_take(&run, &stats);
    let (corr_start, lag) = audio::best_correlation(&one, &recorded, 8_000);
    // At the same lag the whole take must still line up with the feed: any dropped or
    // duplicated audio would shift everything after it.
    let whole = audio::correlation_at(&clip, &recorded, lag);
    let tail_from = recorded.len().saturating_sub(20 * 16_000);
    let tail = audio::correlation_at(&clip[tail_from..], &recorded[tail_from..], lag);
    // Every sample fed is in the take (to within the FIFO's 0.17 s), in order; against the wall
    // clock the take is as long as the feed, which a busy machine slows: printed, not asserted.
    let samples = stats["samples_written"].as_u64().unwrap();
    let wall = stats["wall_s"].as_f64().unwrap();
    let fed = run.feed.frames_written as f64 / 48_000.0;
    let recorded_s = samples as f64 / RATE;
    eprintln!(
        "3-minute take: {samples} samples ({recorded_s:.3} s) in {wall:.3} s wall ({:+.3} %), \
         {fed:.3} s fed, dropped blocks {}, overruns {}, correlation start {corr_start:.4} \
         whole {whole:.4} last 20 s {tail:.4} (lag {lag})",
        100.0 * (recorded_s - wall) / wall,
        stats["dropped_blocks"],
        stats["device_overruns"],
    );
    assert_eq!(stats["dropped_blocks"], 0);
    assert_eq!(stats["device_overruns"], 0);
    assert!(
        recorded_s <= fed + 0.01 && recorded_s >= fed - 0.2,
        "recorded {recorded_s} s of {fed} s fed"
    );
    // The limit is timed from the first block, the wall clock a moment earlier: a millisecond
    // either way is the two clocks, not a short take.
    assert!(wall >= 179.9, "stopped by the limit after {wall} s");
    assert!(corr_start >= 0.9 && whole >= 0.9 && tail >= 0.9);
    let report = run.report();
    assert!((report["audio"]["duration_s"].as_f64().unwrap() - recorded_s).abs() < 0.01);
    let words = report["metrics"]["word_count"].as_u64().unwrap();
    eprintln!("3-minute take: {words} words transcribed");
    assert!(words > 400, "{words} words in 3 minutes of speech");
}

/// The report at the stop is the report a batch `analyze` of the saved take gives (word error
/// rate within 0.5 points, fillers within one), also when the take ends in a pause, where the
/// last window is transcribed before the stop. The answer (26 s with fillers and pauses) is
/// followed by its own room noise, as a microphone gives it, and the limit stops the take a second
/// after the last word.
#[test]
fn the_report_at_the_stop_is_the_batch_analysis_of_the_take() {
    let _g = serial();
    let world = World::new();
    let (mut clip, rate) = audio::read_wav(&fixture("fillers.wav")).expect("fillers.wav");
    assert_eq!(rate, 16_000);
    let said = labels("fillers.json")["text"]
        .as_str()
        .expect("text")
        .to_string();
    // The recording's last 0.6 s are its room noise (after the last word): twice more of it.
    let noise = clip[clip.len() - 9_600..].to_vec();
    clip.extend_from_slice(&noise);
    clip.extend_from_slice(&noise);
    let limit = format!("{:.1}", clip.len() as f64 / RATE - 0.6);
    let run = limited_take(&world, &clip, &limit, FINISH);
    let practice = run.report();

    let o = world.run(&["analyze", run.wav().to_str().unwrap(), "--json", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let batch: Value = serde_json::from_slice(&o.stdout).expect("report JSON");

    let wer_practice = 100.0 * word_error_rate(&said, transcript(&practice));
    let wer_batch = 100.0 * word_error_rate(&said, transcript(&batch));
    eprintln!(
        "practice WER {wer_practice:.2} %, batch {wer_batch:.2} %\n  practice: {}\n  batch:    {}",
        transcript(&practice),
        transcript(&batch)
    );
    assert!(
        (wer_practice - wer_batch).abs() <= 0.5,
        "practice WER {wer_practice:.2} % against batch {wer_batch:.2} %"
    );
    assert!(wer_batch <= 10.0, "batch WER {wer_batch:.2} %");
    let fillers = |r: &Value| r["metrics"]["fillers"]["total"].as_i64().expect("fillers");
    assert!(
        (fillers(&practice) - fillers(&batch)).abs() <= 1,
        "fillers: practice {} against batch {}",
        fillers(&practice),
        fillers(&batch)
    );
}

#[test]
fn clean_clip_is_the_labelled_sentences() {
    let (clip, said) = clean_clip(2);
    assert!(said.starts_with("I would like to walk you through"));
    assert!(said.ends_with("Jenkins and Docker."));
    let s = clip.len() as f64 / RATE;
    assert!((7.0..7.6).contains(&s), "{s}");
}

/// The time on the timer line of a screen (`REC m:ss`), in seconds.
fn timer_seconds(screen: &str) -> Option<f64> {
    let shown = screen.split("REC ").nth(1)?.split_whitespace().next()?;
    let (m, s) = shown.split_once(':')?;
    Some(m.parse::<f64>().ok()? * 60.0 + s.parse::<f64>().ok()?)
}

/// The count in the last timer line that showed the counter (`REC … fillers N …`), and that line.
fn last_counter(drawn: &str) -> Option<(usize, String)> {
    let frames: Vec<&str> = drawn.split("REC ").skip(1).collect();
    frames.into_iter().rev().find_map(|frame| {
        let frame = frame.lines().next().unwrap_or(frame);
        let rest = &frame[frame.find("fillers ")? + "fillers ".len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((digits.parse().ok()?, frame.to_string()))
    })
}

#[test]
fn the_live_counter_counts_the_fillers_while_the_user_talks_and_agrees_with_the_report() {
    let _g = serial();
    let world = World::new();
    // fillers.wav: 26 s of answer with 15 fillers a listener hears (11 of them um/uh).
    let (clip, rate) = audio::read_wav(&fixture("fillers.wav")).expect("fillers.wav");
    assert_eq!(rate, 16_000);
    let labels = labels("fillers.json");
    let labelled = labels["fillers"].as_array().expect("fillers").len();
    let sounds = labels["fillers"]
        .as_array()
        .expect("fillers")
        .iter()
        .filter(|f| f["kind"] == "sound")
        .count();
    let speech_s = clip.len() as f64 / RATE;
    let run = TerminalRun::start(
        &world,
        &clip,
        &[
            "--question",
            QUESTION,
            "--countdown",
            "0",
            "--target",
            "60-120",
            "--limit",
            "90",
        ],
    );
    let mut seen = Vec::new();
    let long = Duration::from_secs(120);
    // The counter comes while the answer is still being given…
    let first = run
        .tmux
        .wait_for(long, &mut seen, |s| {
            s.contains("fillers ") && s.contains("last \"")
        })
        .expect("the live counter");
    let shown_at = timer_seconds(&first).expect("timer");
    assert!(
        shown_at < speech_s,
        "the counter first showed at {shown_at} s, after the {speech_s:.0} s answer ended:\n{first}"
    );
    // …and once the answer is over and transcribed, it holds still at the report's count.
    let settled = run
        .tmux
        .wait_for(long, &mut seen, |s| {
            s.contains("fillers ") && timer_seconds(s).is_some_and(|t| t >= 45.0)
        })
        .expect("well after the answer");
    run.tmux.send_keys(&["Enter"]).expect("Enter");
    let (end, drawn) = run.finish(&mut seen);
    assert!(end.contains("EXIT=0"), "{end}");
    let (count, frame) = last_counter(&drawn).expect("a counter was drawn");
    eprintln!("live counter at the end: {count} ({frame}); screen then:\n{settled}");
    let (entries, _) = history(&world);
    let id = entries[0]["id"].as_str().expect("id").to_string();
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(
            world
                .data_dir()
                .join("sessions")
                .join(&id)
                .join("report.json"),
        )
        .expect("report"),
    )
    .expect("report JSON");
    let total = report["metrics"]["fillers"]["total"].as_u64().unwrap() as usize;
    assert_eq!(count, total, "the counter ended where the report is");
    assert!(
        count >= sounds && count <= labelled + 2,
        "{count} fillers counted; {labelled} labelled ({sounds} um/uh)"
    );
}
