//! README: "no network at all after set-up". The analysis and a practice take run under strace,
//! which records every socket they open: none may be an internet one. (`scripts/test.sh` also
//! runs the whole suite in a network namespace of its own, where no connection could succeed.)

use std::fs;
use std::process::Command;
use std::time::Duration;

use crate::capture_support::take::{self, TRACE_SOCKETS};
use crate::capture_support::{clean_clip, serial};
use crate::support::*;

/// The sockets a traced run opened (strace's lines for socket(2)), and the run's output.
fn sockets_opened(trace: &std::path::Path) -> Vec<String> {
    fs::read_to_string(trace)
        .unwrap_or_else(|e| panic!("{}: {e}: is strace installed?", trace.display()))
        .lines()
        .filter(|l| l.contains("socket(") || l.contains("connect("))
        .map(String::from)
        .collect()
}

fn internet(lines: &[String]) -> Vec<&String> {
    lines
        .iter()
        .filter(|l| l.contains("AF_INET") || l.contains("AF_INET6") || l.contains("sin_port"))
        .collect()
}

#[test]
fn analysing_a_recording_opens_no_network_connection() {
    let world = World::new();
    let trace = world.path("analyze.strace");
    let o = world
        .cmd_for("strace")
        .args(TRACE_SOCKETS)
        .arg(&trace)
        .arg(bin())
        .args([
            "analyze",
            fixture("clean.wav").to_str().unwrap(),
            "--json",
            "-",
        ])
        .output()
        .expect("strace (scripts/install-deps.sh --test installs it)");
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(report["metrics"]["word_count"].as_u64().unwrap() > 50);
    let sockets = sockets_opened(&trace);
    assert!(internet(&sockets).is_empty(), "{sockets:#?}");
    // The same tracing does see a program that opens one (bash, to a local port; refused or
    // unreachable is fine: the socket is opened either way).
    Command::new("strace")
        .args(TRACE_SOCKETS)
        .arg(world.path("probe.strace"))
        .args(["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9 || true"])
        .output()
        .unwrap();
    assert!(
        !internet(&sockets_opened(&world.path("probe.strace"))).is_empty(),
        "strace records an internet socket when one is opened"
    );
}

#[test]
fn a_practice_take_opens_no_network_connection() {
    let _g = serial();
    let world = World::new();
    let (clip, _) = clean_clip(1);
    let trace = world.path("practice.strace");
    let limit = format!("{:.1}", clip.len() as f64 / 16_000.0 + 2.0);
    let running = take::start_traced(
        &world,
        &clip,
        &[
            "--question",
            "Why us?",
            "--countdown",
            "0",
            "--limit",
            &limit,
        ],
        &trace,
    )
    .expect("start");
    let run = running.finish(Duration::from_secs(180)).expect("finish");
    assert!(run.status.success(), "{run:#?}");
    // A whole take ran: recorded, transcribed, saved. (Under the tracer rehearse reads its input
    // more slowly than real time, so only the start of the sentence may be in the take.)
    let said = run.report()["transcript"]["text"]
        .as_str()
        .unwrap()
        .to_lowercase();
    assert!(said.starts_with("i would"), "{said}; {run:#?}");
    let sockets = sockets_opened(&trace);
    assert!(internet(&sockets).is_empty(), "{sockets:#?}");
}
