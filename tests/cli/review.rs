//! `rehearse review`: the take page in a real browser (headless Debian Chromium driven by
//! Playwright through tests/browser/review_page.py), the progress page, a take without its
//! recording, `--out`, `--open`, and the errors.
//!
//! The browser script only acts and reports what it saw; the assertions are here, against the
//! saved report and the fixtures' labels.

use crate::support::{fixture, labels, root, stderr, stdout, World};
use crate::support_history as hist;
use crate::takes::Take;
use scraper::{Html, Selector};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use time::macros::datetime;

/// The venv's Python that drives Chromium (made once by scripts/browser-env.sh).
fn browser_python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        assert!(
            Path::new("/usr/bin/chromium").is_file(),
            "/usr/bin/chromium is missing: run scripts/install-deps.sh --test (scripts/test.sh does)"
        );
        let o = Command::new(root().join("scripts/browser-env.sh"))
            .output()
            .expect("run scripts/browser-env.sh");
        assert!(
            o.status.success(),
            "scripts/browser-env.sh failed: {}",
            stderr(&o)
        );
        PathBuf::from(stdout(&o).trim())
    })
}

/// Opens `page` in the browser, does what `args` ask, and returns what the browser saw.
fn drive(page: &Path, args: &[&str]) -> Value {
    let o = Command::new(browser_python())
        .arg(root().join("tests/browser/review_page.py"))
        .arg(page)
        .args(args)
        .output()
        .expect("run the browser script");
    assert!(o.status.success(), "browser script failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

/// Runs `review ARGS` and returns the page path it printed.
fn review(world: &World, args: &[&str]) -> PathBuf {
    let mut all = vec!["review"];
    all.extend_from_slice(args);
    let o = world.run(&all);
    assert!(o.status.success(), "review failed: {}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "stdout is the path only: {out}");
    PathBuf::from(out.trim())
}

fn save_fixture(world: &World, name: &str, question: &str) {
    let f = fixture(name);
    let o = world.run(&[
        "analyze",
        f.to_str().unwrap(),
        "--save",
        "--question",
        question,
    ]);
    assert!(o.status.success(), "analyze failed: {}", stderr(&o));
}

fn report_of(page: &Path) -> Value {
    let text = fs::read_to_string(page.parent().unwrap().join("report.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The report's words as the page should show them: trimmed, empty ones left out.
fn report_words(report: &Value) -> Vec<(String, f64, f64)> {
    report["transcript"]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["words"].as_array().unwrap().iter())
        .map(|w| {
            (
                w["word"].as_str().unwrap().trim().to_string(),
                w["start"].as_f64().unwrap(),
                w["end"].as_f64().unwrap(),
            )
        })
        .filter(|(w, _, _)| !w.is_empty())
        .collect()
}

fn num(v: &Value) -> f64 {
    match v {
        Value::String(s) => s.parse().unwrap(),
        other => other.as_f64().unwrap(),
    }
}

/// The brightness (0 black … 1 white) of the page's background and of its text, from the
/// browser's computed `rgb(r, g, b)` colours.
fn brightness(seen: &Value) -> (f64, f64) {
    let of = |css: &Value| {
        let css = css.as_str().unwrap();
        let channels: Vec<f64> = css
            .trim_start_matches("rgb(")
            .trim_end_matches(')')
            .split(',')
            .map(|c| c.trim().parse::<f64>().unwrap() / 255.0)
            .collect();
        assert_eq!(channels.len(), 3, "{css}");
        channels.iter().sum::<f64>() / 3.0
    };
    (of(&seen["colours"][0]), of(&seen["colours"][1]))
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_take_page_plays_from_a_clicked_word_and_follows_along_in_a_browser() {
    let w = World::new();
    let question = "Tell me about <script>window.injected = 1</script> a project";
    save_fixture(&w, "fillers.wav", question);
    let page = review(&w, &[]);
    // The default place: the take's own folder, private like the recording.
    assert_eq!(page.file_name().unwrap(), "review.html");
    assert_eq!(
        page.parent().unwrap().parent().unwrap(),
        w.data_dir().join("sessions")
    );
    assert_eq!(mode(&page), 0o600);
    let report = report_of(&page);

    let seen = drive(&page, &["--play-word", "12"]);

    // Every word of the report, with its times.
    let words = report_words(&report);
    let shown = seen["words"].as_array().unwrap();
    assert_eq!(shown.len(), words.len());
    for (s, (word, start, end)) in shown.iter().zip(&words) {
        assert_eq!(s[0].as_str().unwrap(), word);
        assert!((num(&s[1]) - start).abs() < 0.0005, "{s} vs {start}");
        assert!((num(&s[2]) - end).abs() < 0.0005, "{s} vs {end}");
    }
    // One `.filler` per filler in the report, at the filler's time. The fixture has 15
    // labelled fillers, so this compares real counts.
    let fillers = report["fillers"].as_array().unwrap();
    assert!(
        fillers.len() >= labels("fillers.json")["fillers"].as_array().unwrap().len() - 3,
        "{fillers:?}"
    );
    let marked = seen["fillers"].as_array().unwrap();
    assert_eq!(marked.len(), fillers.len(), "{marked:?}");
    for (m, f) in marked.iter().zip(fillers) {
        assert!(
            (num(&m[1]) - f["start"].as_f64().unwrap()).abs() < 0.0005,
            "{m} vs {f}"
        );
    }

    // The recording is in the page and playable.
    assert_eq!(seen["audio_elements"], 1);
    assert_eq!(seen["audio_ready"], true);
    let duration = report["audio"]["duration_s"].as_f64().unwrap();
    assert!(
        (seen["duration"].as_f64().unwrap() - duration).abs() < 0.1,
        "{seen}"
    );

    // Clicking word 12 plays from its start; the highlight then moves on.
    let play = &seen["play"];
    assert_eq!(play["seeked"], true, "{play}");
    let clicked_start = words[12].1;
    let seek = play["seek_to"].as_f64().unwrap();
    assert!(
        (seek - clicked_start).abs() <= 0.05,
        "seek to {seek}, word at {clicked_start}"
    );
    assert_eq!(
        play["moved"], true,
        "the highlight never moved past word 12: {play}"
    );
    let lit = play["after_playing"]["lit"].as_array().unwrap();
    assert_eq!(lit.len(), 1, "one word at a time: {play}");
    let lit = lit[0].as_u64().unwrap() as usize;
    let t = play["after_playing"]["time"].as_f64().unwrap();
    assert!(
        lit > 12 && words[lit].1 <= t + 0.05,
        "word {lit} lit at {t}: {play}"
    );
    // The space bar pauses and plays.
    assert_eq!(play["space_pauses"], true, "{play}");
    assert_eq!(play["space_plays"], true, "{play}");

    // A light system setting gives dark text on a light page.
    let (background, text) = brightness(&seen);
    assert!(background > 0.8 && text < 0.3, "{}", seen["colours"]);

    // Nothing was fetched but the page itself, and nothing went wrong in it (a style or script
    // the policy blocked would show here).
    let requests = seen["requests"].as_array().unwrap();
    assert!(
        requests.iter().all(|r| r == &seen["page_url"]),
        "{requests:?}"
    );
    assert_eq!(seen["console"], Value::Array(vec![]), "{}", seen["console"]);

    // The question's <script> is text.
    assert_eq!(seen["h1"], question);
    assert_eq!(seen["injected"], false);
    assert_eq!(seen["scripts"], 1);
}

#[test]
fn long_pauses_sit_in_the_transcript_where_they_were_planted() {
    let w = World::new();
    save_fixture(&w, "pauses.wav", "What was the hardest bug you fixed?");
    let id = fs::read_dir(w.data_dir().join("sessions"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().is_dir())
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    let page = review(
        &w,
        &[&id, "--out", w.path("hardest bug.html").to_str().unwrap()],
    );
    assert_eq!(page, w.path("hardest bug.html"));
    assert_eq!(mode(&page), 0o600);

    // At a phone's width: nothing sticks out sideways. A dark system setting gives light text
    // on a dark page.
    let seen = drive(&page, &["--width", "390", "--scheme", "dark"]);
    assert_eq!(seen["horizontal_overflow"], false);
    let (background, text) = brightness(&seen);
    assert!(background < 0.2 && text > 0.8, "{}", seen["colours"]);
    let labels = labels("pauses.json");
    let sentences = labels["sentences"].as_array().unwrap();
    // The planted silences of 2 s or more (the default long pause), and the sentence each
    // follows.
    let planted: Vec<(f64, &str)> = labels["pauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["duration"].as_f64().unwrap() >= 2.0)
        .map(|p| {
            let start = p["start"].as_f64().unwrap();
            let before = sentences
                .iter()
                .rfind(|s| s["end"].as_f64().unwrap() <= start + 0.01)
                .unwrap();
            (start, before["text"].as_str().unwrap())
        })
        .collect();
    assert_eq!(planted.len(), 3);
    let shown = seen["pauses"].as_array().unwrap();
    assert_eq!(shown.len(), planted.len(), "{shown:?}");
    for (p, (start, sentence)) in shown.iter().zip(&planted) {
        assert!((num(&p[0]) - start).abs() <= 0.3, "{p} vs {start}");
        let last_word = sentence.split_whitespace().last().unwrap().to_lowercase();
        assert_eq!(
            p[2].as_str().unwrap().to_lowercase(),
            last_word,
            "pause at {start} should follow “{sentence}”"
        );
    }
    assert!(seen["console"].as_array().unwrap().is_empty(), "{seen}");
}

fn parse(page: &Path) -> Html {
    Html::parse_document(&fs::read_to_string(page).unwrap())
}

fn count(doc: &Html, css: &str) -> usize {
    doc.select(&Selector::parse(css).unwrap()).count()
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect())
        .collect()
}

fn attrs(doc: &Html, css: &str, name: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| e.value().attr(name).unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_take_whose_recording_is_gone_still_gets_a_page_with_a_note() {
    let w = hist::World::new();
    let at = datetime!(2026-11-20 09:00:00 UTC);
    let take = w.save(
        &Take::new(
            at,
            "Why us?",
            "[Um], I like the product. |3.0| And the team.",
        )
        .check("fillers", "pass", "1 filler.")
        .check("long_pauses", "warn", "1 long pause."),
    );
    let wav = w
        .data_dir()
        .join("sessions")
        .join(&take.id)
        .join("take.wav");
    fs::remove_file(&wav).unwrap();
    let out = w.ok(&["review", &take.id]);
    let page = PathBuf::from(out.trim());
    let doc = parse(&page);
    assert_eq!(count(&doc, "audio"), 0);
    let notes = texts(&doc, ".note.missing");
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].contains("recording is missing") && notes[0].contains(wav.to_str().unwrap()),
        "{notes:?}"
    );
    // The transcript, the marks and the numbers are all there.
    assert_eq!(count(&doc, "#transcript .w"), 8);
    // On the takes' clock: "Um," from 1.0 s, five words of 0.5 s, then the 3 s silence.
    assert_eq!(attrs(&doc, ".filler", "data-start"), ["1"]);
    assert_eq!(attrs(&doc, ".pause", "data-start"), ["3.5"]);
    assert_eq!(attrs(&doc, ".pause", "data-end"), ["6.5"]);
    assert_eq!(texts(&doc, "h1"), ["Why us?"]);
    assert_eq!(
        texts(&doc, ".checks li strong"),
        ["fillers", "long pauses"],
        "the take's own checks"
    );
}

/// A rough first answer, then a cleaner one, to the same question; another question between.
fn three_takes(w: &hist::World) -> Vec<rehearse::history::SessionEntry> {
    let t0 = datetime!(2026-11-20 09:00:00 UTC);
    let day = time::Duration::days(1);
    vec![
        w.save(&Take::new(
            t0,
            "Tell me about a time you failed",
            "[Um], so I think the biggest failure was a billing migration. |3.0| We moved every \
             account in one weekend.",
        )),
        w.save(&Take::new(
            t0 + day,
            "Why <b>us</b>?",
            "I like the product and the team.",
        )),
        w.save(&Take::new(
            t0 + day * 2,
            "Tell me about a time you failed",
            "The biggest failure was a billing migration. We moved accounts one at a time.",
        )),
    ]
}

#[test]
fn the_progress_page_charts_lists_and_compares_the_latest_two_takes() {
    let w = hist::World::new();
    let takes = three_takes(&w);
    // One take has a page already: the progress page links to it.
    w.ok(&["review", &takes[0].id]);
    let out = w.ok(&["review", "--progress"]);
    let page = PathBuf::from(out.trim());
    assert_eq!(page, w.data_dir().join("sessions/progress.html"));
    assert_eq!(mode(&page), 0o600);
    let doc = parse(&page);

    assert_eq!(count(&doc, "svg.chart"), 5);
    // One dot per take in each chart; the take with a page is a link in each.
    assert_eq!(count(&doc, "svg.chart circle"), 5 * 3);
    assert_eq!(count(&doc, "svg.chart a"), 5);
    let rows = texts(&doc, ".takes tbody tr td:nth-child(2)");
    assert_eq!(
        rows,
        [
            "Tell me about a time you failed",
            "Why <b>us</b>?",
            "Tell me about a time you failed"
        ],
        "newest first"
    );
    let links: Vec<String> = doc
        .select(&Selector::parse(".takes a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, [format!("{}/review.html", takes[0].id)]);
    assert_eq!(count(&doc, "b"), 0, "question text stays text");

    // The latest two takes of the latest question, side by side: the first and the third.
    assert_eq!(
        texts(&doc, ".pair h2"),
        ["Latest two takes of “Tell me about a time you failed”"]
    );
    // The diff matches words case-blind: "The biggest" is the same words, and "one" is kept.
    assert_eq!(
        texts(&doc, ".pair .diff del"),
        ["Um, so I think", "every account in", "weekend."]
    );
    assert_eq!(texts(&doc, ".pair .diff ins"), ["accounts", "at a time."]);

    // --question narrows the page; a question with one take has no pair.
    let why = w.dir.path().join("why.html");
    let out = w.ok(&[
        "review",
        "--progress",
        "--question",
        "why",
        "--out",
        why.to_str().unwrap(),
    ]);
    let doc = parse(Path::new(out.trim()));
    assert_eq!(count(&doc, ".takes tbody tr"), 1);
    assert_eq!(count(&doc, ".pair"), 0);
    // Away from the sessions folder, links to take pages are absolute.
    w.ok(&["review", &takes[1].id]);
    let all = w.dir.path().join("all.html");
    let out = w.ok(&["review", "--progress", "--out", all.to_str().unwrap()]);
    let doc = parse(Path::new(out.trim()));
    let hrefs: Vec<String> = doc
        .select(&Selector::parse(".takes a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(hrefs.len(), 2, "{hrefs:?}");
    assert!(
        hrefs
            .iter()
            .all(|h| h.starts_with("file:///") && h.ends_with("/review.html")),
        "{hrefs:?}"
    );
}

#[test]
fn open_uses_the_desktop_opener_and_never_fails_without_one() {
    let w = hist::World::new();
    let take = w.save(&Take::new(
        datetime!(2026-11-20 09:00:00 UTC),
        "Why us?",
        "I like the product.",
    ));
    // No desktop: the page is written, the path printed, and a hint given.
    let o = w
        .cmd(&["review", "--open"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", hist::stderr(&o));
    let page = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        page.trim().ends_with(&format!("{}/review.html", take.id)),
        "{page}"
    );
    assert!(
        hist::stderr(&o).contains("open file:///"),
        "{}",
        hist::stderr(&o)
    );

    // A desktop: xdg-open gets the page (a stand-in that writes down what it was given).
    let bin = w.dir.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let opened = w.dir.path().join("opened.txt");
    let opener = bin.join("xdg-open");
    fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{}.tmp'\nmv '{0}.tmp' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = w
        .cmd(&["review", "--open"])
        .env("PATH", path)
        .env("DISPLAY", ":99")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", hist::stderr(&o));
    let deadline = Instant::now() + Duration::from_secs(20);
    while !opened.exists() {
        assert!(Instant::now() < deadline, "xdg-open was never run");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        fs::read_to_string(&opened).unwrap(),
        String::from_utf8(o.stdout).unwrap().trim()
    );

    // An opener that is not installed: still success, with the hint.
    let o = w
        .cmd(&["review", "--open"])
        .env("PATH", w.dir.path().join("nowhere"))
        .env("DISPLAY", ":99")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", hist::stderr(&o));
    assert!(
        hist::stderr(&o).contains("could not start xdg-open"),
        "{}",
        hist::stderr(&o)
    );
}

#[test]
fn review_errors_are_one_line_and_leave_no_page() {
    let w = hist::World::new();
    let o = w.run(&["review"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        hist::stderr(&o).contains("no saved takes yet"),
        "{}",
        hist::stderr(&o)
    );
    let o = w.run(&["review", "--progress"]);
    assert_eq!(o.status.code(), Some(1));

    let take = w.save(&Take::new(
        datetime!(2026-11-20 09:00:00 UTC),
        "Why us?",
        "I like the product.",
    ));
    let o = w.run(&["review", "1999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        hist::stderr(&o).contains("no session '1999'"),
        "{}",
        hist::stderr(&o)
    );
    // Usage errors.
    assert_eq!(
        w.run(&["review", "--question", "why"]).status.code(),
        Some(2)
    );
    assert_eq!(
        w.run(&["review", &take.id, "--progress"]).status.code(),
        Some(2)
    );
    // A folder that does not exist: one line naming the file, nothing written.
    let missing = w.dir.path().join("no/such/dir/page.html");
    let o = w.run(&["review", "--out", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = hist::stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(missing.to_str().unwrap()), "{err}");
    assert!(!w.dir.path().join("no").exists());
    let none = fs::read_dir(w.data_dir().join("sessions").join(&take.id))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() == "review.html")
        .count();
    assert_eq!(none, 0);
}
