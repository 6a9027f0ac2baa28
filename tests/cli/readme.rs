//! README's promises about what a person sees: the "What you get" example is what `analyze`
//! prints for `examples/answer.wav` (and agrees with that recording's labels), and progress bars
//! show on a terminal but never in a pipe.

use serde_json::Value;
use std::fs;

use crate::capture_support::tmux::Tmux;
use crate::support::*;

/// The command and output of README's "What you get" block.
fn readme_example() -> (Vec<String>, Vec<String>) {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let block = readme
        .split("## What you get")
        .nth(1)
        .and_then(|rest| rest.split("```").nth(1))
        .expect("README has a \"What you get\" block");
    let mut lines = block.lines().skip_while(|l| !l.starts_with("$ rehearse "));
    let command = lines.next().expect("the command line");
    // `$ rehearse analyze examples/answer.wav --question "Tell me …"`
    let (before, quoted) = command
        .trim_start_matches("$ rehearse ")
        .split_once(" \"")
        .expect("a quoted question");
    let mut args: Vec<String> = before.split_whitespace().map(String::from).collect();
    args.push(quoted.trim_end_matches('"').to_string());
    (args, lines.map(String::from).collect())
}

/// Lines that depend on which words count as fillers: being reworked with the filler rules
/// (issue 7), so compared for their place only.
fn about_fillers(line: &str) -> bool {
    line.starts_with("Fillers ")
        || line.split_whitespace().nth(1) == Some("fillers")
        || line.starts_with("Verdict:")
}

#[test]
fn the_what_you_get_example_is_what_analyze_prints() {
    let world = World::new();
    let (args, expected) = readme_example();
    assert_eq!(args[..3], ["analyze", "examples/answer.wav", "--question"]);
    let o = world
        .cmd()
        .args(&args)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = stdout(&o);
    let printed: Vec<&str> = printed.lines().collect();
    // The transcript is cut short in README ("…"); everything else line by line.
    let mut at = 0;
    for want in &expected {
        let line = printed
            .get(at)
            .unwrap_or_else(|| panic!("missing: {want}\n{printed:#?}"));
        at += 1;
        if let Some(start) = want.strip_suffix(" …") {
            assert!(line.starts_with(start), "README: {want}\nprinted: {line}");
            // The rest of the transcript, up to its blank line.
            while printed.get(at).is_some_and(|l| !l.is_empty()) {
                at += 1;
            }
        } else if about_fillers(want) {
            assert!(about_fillers(line), "README: {want}\nprinted: {line}");
        } else {
            assert_eq!(line, want, "\nREADME and `rehearse analyze` differ");
        }
    }
    assert_eq!(at, printed.len(), "printed more: {printed:#?}");

    // README's numbers are the recording's labels: the first word after 0.8 s, one 2.5 s pause
    // at 0:35.
    let labels: Value =
        serde_json::from_str(&fs::read_to_string(root().join("examples/answer.json")).unwrap())
            .unwrap();
    let first = labels["sentences"][0]["start"].as_f64().unwrap();
    let pause = labels["pauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["planted"] == true)
        .unwrap();
    let said = expected.join("\n");
    assert!(
        said.contains(&format!("first word after {first:.1} s")),
        "{said}"
    );
    let pause_at = pause["start"].as_f64().unwrap();
    assert!(
        said.contains(&format!(
            "Pauses    {:.1} s at 0:{:02.0}",
            pause["duration"].as_f64().unwrap(),
            pause_at.round()
        )),
        "{said}"
    );
}

#[test]
fn progress_shows_on_a_terminal_and_never_in_a_pipe() {
    let world = World::new();
    let wav = fixture("clean.wav");
    // A pipe: the summary on stdout, nothing at all on stderr.
    let o = world.run(&["analyze", wav.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Verdict:"), "{}", stdout(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));

    // A terminal (tmux): the progress bar is drawn on stderr while transcribing, then cleared.
    let mut line = String::new();
    for (k, v) in world.envs() {
        line.push_str(&format!(
            "{k}={} ",
            crate::capture_support::alsa::quote(&v.to_string_lossy())
        ));
    }
    let log = world.path("screen.log");
    line = format!(
        "read _; {line}{} analyze {} >/dev/null; echo EXIT=$?; sleep 60",
        crate::capture_support::alsa::quote(&bin().to_string_lossy()),
        crate::capture_support::alsa::quote(&wav.to_string_lossy())
    );
    let tmux = Tmux::start(world.dir.path(), &line, 120, 20).expect("tmux");
    tmux.log_output(&log).expect("pipe-pane");
    tmux.send_keys(&["Enter"]).expect("Enter");
    let mut seen = Vec::new();
    let end = tmux
        .wait_for(std::time::Duration::from_secs(180), &mut seen, |s| {
            s.contains("EXIT=")
        })
        .expect("exit");
    assert!(end.contains("EXIT=0"), "{end}");
    let drawn =
        console::strip_ansi_codes(&String::from_utf8_lossy(&fs::read(&log).unwrap())).into_owned();
    assert!(drawn.contains("Transcribing ["), "{drawn}");
    assert!(drawn.contains("100%"), "{drawn}");
    assert!(!end.contains("Transcribing"), "the bar is cleared: {end}");
}
