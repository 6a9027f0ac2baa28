//! Colour through the binary: `--color auto|always|never`, `NO_COLOR` and `CLICOLOR_FORCE`
//! decide it once, for the analysis summary and the history table alike, in a pipe and on a
//! terminal; a choice clap does not know is a usage error.

use std::process::Output;
use std::time::Duration;

use crate::capture_support::alsa::quote;
use crate::capture_support::tmux::Tmux;
use crate::support::{bin, fixture, stderr, stdout, World};
use crate::support_history;
use crate::takes::Take;
use time::macros::datetime;

/// Whether `text` holds an SGR escape (`ESC [ … m`): colour or weight, not cursor movement.
fn has_sgr(text: &str) -> bool {
    text.split('\u{1b}').skip(1).any(|rest| {
        rest.strip_prefix('[').is_some_and(|params| {
            let end = params.find(|c: char| !(c.is_ascii_digit() || c == ';'));
            end.is_some_and(|i| params[i..].starts_with('m'))
        })
    })
}

/// `rehearse ARGS analyze --transcript answer.srt` in a pipe, with `env` added.
fn summary(world: &World, env: &[(&str, &str)], args: &[&str]) -> Output {
    let transcript = fixture("transcripts/answer.srt");
    let mut cmd = world.cmd();
    cmd.args(args)
        .args(["analyze", "--transcript"])
        .arg(&transcript);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run rehearse")
}

#[test]
fn sgr_detection_tells_colour_from_cursor_movement() {
    assert!(has_sgr("\u{1b}[1mTranscript\u{1b}[0m"));
    assert!(has_sgr("x \u{1b}[38;5;2mPASS"));
    assert!(!has_sgr("\u{1b}[2K\u{1b}[1Aplain"));
    assert!(!has_sgr("plain text"));
}

/// Environment variables added, flags given, and whether the output is coloured.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], bool);

#[test]
fn a_pipe_is_plain_unless_colour_is_asked_for() {
    let world = World::new();
    let plain = summary(&world, &[], &[]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let plain_text = stdout(&plain);
    assert!(plain_text.contains("Transcript"), "{plain_text}");
    assert!(!has_sgr(&plain_text), "{plain_text}");

    let cases: &[Case] = &[
        (&[], &["--color", "auto"], false),
        (&[], &["--color", "always"], true),
        (&[], &["--color", "never"], false),
        (&[("CLICOLOR_FORCE", "1")], &[], true),
        (&[("CLICOLOR_FORCE", "0")], &[], false),
        (&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")], &[], false),
        (&[("NO_COLOR", "1")], &["--color", "always"], true),
        (&[("CLICOLOR_FORCE", "1")], &["--color", "never"], false),
    ];
    for &(env, flags, coloured) in cases {
        let o = summary(&world, env, flags);
        assert!(o.status.success(), "{env:?} {flags:?}: {}", stderr(&o));
        let text = stdout(&o);
        assert_eq!(has_sgr(&text), coloured, "{env:?} {flags:?}:\n{text}");
        // Colour changes the look, never the words.
        assert_eq!(
            console::strip_ansi_codes(&text),
            plain_text,
            "{env:?} {flags:?}"
        );
    }
    // The headings are what is painted: bold.
    let o = summary(&world, &[], &["--color", "always"]);
    assert!(stdout(&o).contains("\u{1b}[1mTranscript"), "{}", stdout(&o));
}

#[test]
fn the_flag_is_global_and_steers_the_history_table_too() {
    let world = support_history::World::new();
    world.save(&Take::new(
        datetime!(2026-11-20 09:00 UTC),
        "Why this team?",
        "I like the work and the people. |2.5| They ship carefully.",
    ));
    // The world sets NO_COLOR=1: `always` wins over it, after the subcommand as before it.
    for args in [
        &["history", "--color", "always"][..],
        &["--color", "always", "history"][..],
    ] {
        let text = world.ok(args);
        assert!(has_sgr(&text), "{args:?}:\n{text}");
    }
    let text = world.ok(&["history"]);
    assert!(!has_sgr(&text), "NO_COLOR:\n{text}");
    let out = world
        .cmd(&["history"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run rehearse");
    assert!(out.status.success());
    assert!(has_sgr(&String::from_utf8_lossy(&out.stdout)));
    let out = world
        .cmd(&["history", "--color", "never"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run rehearse");
    assert!(!has_sgr(&String::from_utf8_lossy(&out.stdout)));
}

#[test]
fn an_unknown_choice_is_a_usage_error() {
    let world = World::new();
    let o = summary(&world, &[], &["--color", "sometimes"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.contains("'sometimes'") && first.contains("--color"),
        "{err}"
    );
    assert!(
        err.contains("auto") && err.contains("always") && err.contains("never"),
        "{err}"
    );
}

#[test]
fn usage_errors_follow_the_flag_too() {
    let world = World::new();
    let bad = |env: &[(&str, &str)], args: &[&str]| {
        let o = summary(&world, env, &[args, &["--no-such-flag"]].concat());
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("--no-such-flag"), "{}", stderr(&o));
        has_sgr(&stderr(&o))
    };
    assert!(
        bad(&[], &["--color", "always"]),
        "--color always colours clap's message"
    );
    assert!(bad(&[], &["--color=always"]), "--color=always too");
    assert!(!bad(&[], &[]), "a pipe is plain");
    assert!(
        !bad(&[("CLICOLOR_FORCE", "1")], &["--color", "never"]),
        "--color never wins over CLICOLOR_FORCE"
    );
}

/// What `rehearse FLAGS analyze --transcript answer.srt` writes to a terminal (tmux), escape
/// codes included, with `env` set (and no colour variables inherited from the test's own).
fn on_a_terminal(env: &[(&str, &str)], flags: &[&str]) -> String {
    let world = World::new();
    let mut line = String::from("unset NO_COLOR CLICOLOR CLICOLOR_FORCE; ");
    for (k, v) in world.envs() {
        line.push_str(&format!("{k}={} ", quote(&v.to_string_lossy())));
    }
    for (k, v) in env {
        line.push_str(&format!("{k}={} ", quote(v)));
    }
    line.push_str(&quote(&bin().to_string_lossy()));
    for f in flags {
        line.push_str(&format!(" {}", quote(f)));
    }
    let transcript = fixture("transcripts/answer.srt");
    let log = world.path("screen.log");
    let line = format!(
        "read _; {line} analyze --transcript {}; echo EXIT=$?; sleep 60",
        quote(&transcript.to_string_lossy())
    );
    let tmux = Tmux::start(world.dir.path(), &line, 120, 50).expect("tmux");
    tmux.log_output(&log).expect("pipe-pane");
    tmux.send_keys(&["Enter"]).expect("Enter");
    let mut seen = Vec::new();
    let end = tmux
        .wait_for(Duration::from_secs(120), &mut seen, |s| s.contains("EXIT="))
        .expect("exit");
    assert!(end.contains("EXIT=0"), "{end}");
    drop(tmux);
    String::from_utf8_lossy(&std::fs::read(&log).expect("screen log")).into_owned()
}

#[test]
fn a_terminal_is_coloured_unless_no_color_or_never_says_otherwise() {
    let drawn = on_a_terminal(&[], &[]);
    assert!(drawn.contains("Transcript"), "{drawn}");
    assert!(has_sgr(&drawn), "auto on a terminal:\n{drawn}");
    let drawn = on_a_terminal(&[("NO_COLOR", "1")], &[]);
    assert!(drawn.contains("Transcript"), "{drawn}");
    assert!(!has_sgr(&drawn), "NO_COLOR on a terminal:\n{drawn}");
    let drawn = on_a_terminal(&[], &["--color", "never"]);
    assert!(drawn.contains("Transcript"), "{drawn}");
    assert!(!has_sgr(&drawn), "--color never on a terminal:\n{drawn}");
}
