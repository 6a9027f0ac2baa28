//! The page of one take: the recording with a timeline, the transcript as words that play from
//! where they are clicked and light up as they are spoken, fillers, hedges, repetitions and
//! long pauses marked (with a legend and a list to jump through), and the numbers against their
//! targets with each check's advice.
//!
//! The contract the page keeps (tests and the script rely on it): each transcript word is an
//! element of class `w` with `data-start`/`data-end` in seconds as in the report; each filler is
//! one element of class `filler` (the word itself, or a wrapper around the words of a
//! multi-word filler); each long pause is an element of class `pause` with `data-start`; the
//! page's single `<audio>` element is the player; the word being played gets
//! `aria-current="true"` (set by the script).

use maud::{html, Markup};
use std::collections::BTreeMap;

use super::audio::Recording;
use super::page::{document, secs, status_badge, TAKE_SCRIPT};
use super::timeline::{self, Moment, MomentKind};
use crate::analysis::{Check, FillerKind, Status};
use crate::history::review::{self, Part};
use crate::report::Report;
use crate::transcript::Word;
use crate::units::clock;

/// What the page can offer to listen to.
#[derive(Debug, Clone)]
pub enum Sound<'a> {
    Embedded(&'a Recording),
    /// No playable recording; the note says why and what to do.
    Missing(String),
}

/// Everything one take's page shows.
#[derive(Debug, Clone)]
pub struct TakePage<'a> {
    pub id: &'a str,
    pub report: &'a Report,
    /// When the take was made, in the reader's local time (`2026-11-26 05:15`).
    pub when: Option<String>,
    pub sound: Sound<'a>,
}

/// The whole HTML page.
pub fn render(page: &TakePage) -> String {
    let report = page.report;
    let title = match &report.question {
        Some(q) => format!("Take {} · {}", page.id, q.text.trim()),
        None => format!("Take {}", page.id),
    };
    // The page is made for stored takes, which are recordings: these are known. The longer
    // of the two so the timeline holds every word.
    let duration = report
        .metrics
        .duration_s
        .unwrap_or(0.0)
        .max(report.audio.as_ref().map_or(0.0, |a| a.duration_s));
    let moments = timeline::moments(report);
    let speech = match &page.sound {
        Sound::Embedded(rec) => rec.speech.clone(),
        Sound::Missing(_) => timeline::speech_from_report(report, duration),
    };
    let body = html! {
        header.top {
            p.brand { "rehearse · take review" }
            h1 {
                @match &report.question {
                    Some(q) => (q.text.trim()),
                    None => "Free practice (no question)",
                }
            }
            p.meta {
                @if let Some(when) = &page.when { (when) " · " }
                "take " code { (page.id) }
                " · " (clock(duration))
                @if let Some(model) = &report.model { " · model " (model.name) }
                " · overall " (status_badge(report.verdict()))
            }
        }
        section.player aria-label="Recording" {
            @match &page.sound {
                Sound::Embedded(rec) => {
                    audio #player controls preload="auto" src=(rec.data_url) {
                        "Your browser cannot play the embedded recording."
                    }
                }
                Sound::Missing(note) => p.note.missing role="note" { (note) }
            }
            (timeline::render(duration, &speech, &moments))
            p.keys {
                "Click a word, a time or a mark to play from there · "
                kbd { "Space" } " plays and pauses · "
                kbd { "←" } " " kbd { "→" } " previous and next word"
            }
        }
        @if !report.warnings.is_empty() {
            section.notes aria-label="Notes" {
                @for w in &report.warnings { p.note role="note" { (w) } }
            }
        }
        div.columns {
            section #transcript aria-label="Transcript" {
                h2 { "Transcript" }
                (legend())
                (transcript(report))
            }
            aside.numbers {
                h2 { "Numbers" }
                (metric_cards(report))
                h2 { "Checks" }
                (checks(&report.checks))
            }
        }
        @if !moments.is_empty() {
            section.moments aria-label="Moments to listen to" {
                h2 { "Jump to" }
                ul {
                    @for m in &moments { li { (moment_button(m)) } }
                }
            }
        }
        footer {
            p {
                "Made by rehearse " (env!("CARGO_PKG_VERSION")) " from the take's report (analysed "
                (report.created_at) "). "
                @if let Sound::Embedded(rec) = &page.sound {
                    "The recording is inside this page (FLAC, " (kilobytes(rec.flac_bytes)) "). "
                }
                "Nothing on this page is loaded from anywhere else."
            }
        }
    };
    document(&title, body, Some(TAKE_SCRIPT))
}

fn kilobytes(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

fn legend() -> Markup {
    html! {
        ul.legend aria-label="What the marks mean" {
            li { span.swatch.sound { "um" } " hesitation sound" }
            li { span.swatch.discourse { "like" } " filler word" }
            li { span.swatch.hedge { "I think" } " hedge" }
            li { span.swatch.repeat { "the the" } " repetition" }
            li { span.swatch.long-pause { "pause 2.5 s" } " long pause" }
            li { span.swatch.now { "word" } " playing now" }
        }
    }
}

/// The transcript: one paragraph per sentence, each starting with its time.
fn transcript(report: &Report) -> Markup {
    let words = review::words(report);
    let lines = review::lines(&words, report);
    let hedges = review::span_of_word(
        &words,
        report.metrics.hedge_list.iter().map(|h| (h.start, h.end)),
    );
    let repeats = review::span_of_word(
        &words,
        report
            .metrics
            .repetition_list
            .iter()
            .map(|r| (r.start, r.end)),
    );
    let word = |i: usize, filler: Option<FillerKind>| {
        let w: &Word = &words[i];
        let mut class = String::from("w");
        let mut title = Vec::new();
        if let Some(kind) = filler {
            class.push_str(filler_class(kind));
            title.push(filler_title(kind));
        }
        if hedges[i].is_some() {
            class.push_str(" hedge");
            title.push("hedge");
        }
        if repeats[i].is_some() {
            class.push_str(" repeat");
            title.push("repetition");
        }
        let title = (!title.is_empty()).then(|| title.join(", "));
        html! {
            span class=(class) data-start=(secs(w.start)) data-end=(secs(w.end)) title=[title] {
                (w.word)
            }
        }
    };
    html! {
        @if lines.is_empty() {
            p.empty { "No speech was recognised in this take." }
        }
        @for line in &lines {
            p.sentence {
                button.stamp type="button" data-start=(secs(line.start))
                    aria-label=(format!("Play from {}", clock(line.start))) {
                    (clock(line.start))
                }
                @for part in &line.parts {
                    " "
                    @match part {
                        Part::Pause(p) => {
                            @let pause = &report.pauses[*p];
                            button.pause type="button" data-start=(secs(pause.start))
                                data-end=(secs(pause.end))
                                aria-label=(format!("Long pause of {:.1} seconds", pause.duration)) {
                                "pause " (format!("{:.1} s", pause.duration))
                            }
                        }
                        Part::Words { first, last, filler } => {
                            @let kind = filler.map(|f| report.fillers[f].kind);
                            @if first == last {
                                (word(*first, kind))
                            } @else if let Some(kind) = kind {
                                // A multi-word filler ("you know") is one element, so the page
                                // holds exactly one `.filler` per filler in the report.
                                span class=(format!("group{}", filler_class(kind)))
                                    data-start=(secs(words[*first].start))
                                    data-end=(secs(words[*last].end))
                                    title=(filler_title(kind)) {
                                    @for i in *first..=*last {
                                        @if i > *first { " " }
                                        (word(i, None))
                                    }
                                }
                            } @else {
                                @for i in *first..=*last {
                                    @if i > *first { " " }
                                    (word(i, None))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn filler_class(kind: FillerKind) -> &'static str {
    match kind {
        FillerKind::Sound => " filler sound",
        FillerKind::Discourse => " filler discourse",
    }
}

fn filler_title(kind: FillerKind) -> &'static str {
    match kind {
        FillerKind::Sound => "hesitation sound",
        FillerKind::Discourse => "filler word",
    }
}

fn moment_button(m: &Moment) -> Markup {
    let label = match m.kind {
        MomentKind::Pause => format!("pause {}", m.text),
        _ => m.text.clone(),
    };
    html! {
        button type="button" class=(format!("moment m-{}", m.kind.class()))
            data-start=(secs(m.start)) title=(m.kind.describe()) {
            span.t { (clock(m.start)) } " " (label)
        }
    }
}

/// One card per measure, coloured by its check when there is one.
fn metric_cards(report: &Report) -> Markup {
    let m = &report.metrics;
    let check = |id: &str| report.checks.iter().find(|c| c.id == id);
    // “um” ×2, “like” ×1
    let counted = |by_word: &BTreeMap<String, usize>| {
        by_word
            .iter()
            .map(|(w, n)| format!("“{w}” ×{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let by_word = counted(&m.fillers.by_word);
    // Openers ("So, …") are not fillers: named beside them, outside the count.
    let openers = (m.openers.total > 0)
        .then(|| format!(" · openers, not counted: {}", counted(&m.openers.by_word)));
    let hedges = m
        .hedge_list
        .iter()
        .map(|h| format!("“{}”", h.text))
        .collect::<Vec<_>>()
        .join(", ");
    let latency = m
        .response_latency_s
        .map_or_else(|| "—".to_string(), |s| format!("{s:.1} s"));
    // A value the report could not measure (it holds no times) shows as a dash.
    let time = |v: Option<f64>| v.map_or_else(|| "—".to_string(), clock);
    let rate = |v: Option<f64>, decimals: usize| {
        v.map_or_else(|| "—".to_string(), |v| format!("{v:.decimals$}"))
    };
    html! {
        div.cards {
            (card("Length", time(m.duration_s), check("duration"),
                format!("{} of speech", time(m.speech_s))))
            (card("Pace", format!("{} wpm", rate(m.wpm, 0)), check("pace"),
                format!("{} wpm while talking · {} words", rate(m.articulation_wpm, 0),
                    m.word_count)))
            (card("Fillers", format!("{} ({}/min)", m.fillers.total, rate(m.fillers.per_minute, 1)),
                check("fillers"),
                if by_word.is_empty() {
                    format!("none{}", openers.unwrap_or_default())
                } else {
                    format!("{:.1} per 100 words: {by_word}{}", m.fillers.per_100_words,
                        openers.unwrap_or_default())
                }))
            (card("Long pauses", m.long_pauses.as_ref().map_or("—".into(), |p| p.count.to_string()),
                check("long_pauses"),
                match &m.long_pauses {
                    None => "not measured without times".to_string(),
                    Some(p) if p.count == 0 =>
                        format!("none of {:.1} s or more", report.settings.long_pause_s),
                    Some(p) => format!("longest {:.1} s, {:.1} s in all", p.longest_s, p.total_s),
                }))
            (card("First word", latency, check("latency"), "after the recording started".into()))
            (card("Hedges", m.hedges.to_string(), check("hedges"),
                if hedges.is_empty() { "none".to_string() } else { hedges }))
            (card("Repetitions", m.repetitions.to_string(), check("repetitions"),
                "repeated words and restarts".into()))
        }
    }
}

fn card(label: &str, value: String, check: Option<&Check>, detail: String) -> Markup {
    let status = check.map(|c| c.status);
    html! {
        div class=(format!("card {}", status.map_or("none", Status::as_str))) {
            div.label { (label) }
            div.value { (value) }
            @if let Some(c) = check {
                div.target { "target " (readable_target(&c.target)) " " (status_badge(c.status)) }
            }
            div.detail { (detail) }
        }
    }
}

/// A check's target as people write it (`<= 3 per min` → `≤ 3 per min`).
fn readable_target(target: &str) -> String {
    target.replace("<=", "≤").replace(">=", "≥")
}

fn checks(checks: &[Check]) -> Markup {
    html! {
        ul.checks {
            @for c in checks {
                li class=(c.status.as_str()) {
                    (status_badge(c.status)) " " strong { (c.id.replace('_', " ")) }
                    p { (c.message) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::synthetic::{report, Script};
    use scraper::{ElementRef, Html, Selector};
    use time::macros::datetime;

    fn page_of(question: Option<&str>, text: &str, sound: Sound) -> Html {
        let r = report(&Script::new(
            question,
            text,
            datetime!(2026-11-26 04:15:02 UTC),
        ));
        Html::parse_document(&render(&TakePage {
            id: "20261126T041502Z",
            report: &r,
            when: Some("2026-11-26 04:15 UTC".into()),
            sound,
        }))
    }

    fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
        doc.select(&Selector::parse(css).unwrap()).collect()
    }

    fn text(e: &ElementRef) -> String {
        e.text().collect()
    }

    fn attr<'a>(e: &ElementRef<'a>, name: &str) -> &'a str {
        e.value().attr(name).unwrap_or_default()
    }

    #[test]
    fn every_word_carries_its_times_and_each_filler_is_one_element() {
        // The synthetic take says a word every 0.4 s from 0.8 s, each lasting 0.32 s; the
        // 3.0 s silence after "time." (ending at 3.92 s) puts "Like," at 6.92 s.
        let doc = page_of(
            None,
            "Um, we shipped it, you know, on time. |3.0| Like, the plan worked.",
            Sound::Missing("no recording".into()),
        );
        let words = select(&doc, "#transcript .w");
        let got: Vec<(String, &str, &str)> = words
            .iter()
            .map(|w| (text(w), attr(w, "data-start"), attr(w, "data-end")))
            .collect();
        let expected = [
            ("Um,", "0.8", "1.12"),
            ("we", "1.2", "1.52"),
            ("shipped", "1.6", "1.92"),
            ("it,", "2", "2.32"),
            ("you", "2.4", "2.72"),
            ("know,", "2.8", "3.12"),
            ("on", "3.2", "3.52"),
            ("time.", "3.6", "3.92"),
            ("Like,", "6.92", "7.24"),
            ("the", "7.32", "7.64"),
            ("plan", "7.72", "8.04"),
            ("worked.", "8.12", "8.44"),
        ];
        assert_eq!(
            got,
            expected
                .iter()
                .map(|&(w, s, e)| (w.to_string(), s, e))
                .collect::<Vec<_>>()
        );
        // Three fillers, "you know" being one element around its two words.
        let fillers: Vec<(String, &str, bool)> = select(&doc, ".filler")
            .iter()
            .map(|f| {
                let sound = f.value().classes().any(|c| c == "sound");
                (text(f), attr(f, "data-start"), sound)
            })
            .collect();
        assert_eq!(
            fillers,
            [
                ("Um,".to_string(), "0.8", true),
                ("you know,".to_string(), "2.4", false),
                ("Like,".to_string(), "6.92", false),
            ]
        );
        let pauses = select(&doc, ".pause");
        assert_eq!(pauses.len(), 1);
        assert_eq!(
            (attr(&pauses[0], "data-start"), attr(&pauses[0], "data-end")),
            ("3.92", "6.92")
        );
        assert!(select(&doc, "audio").is_empty(), "no recording, no player");
        assert_eq!(text(&select(&doc, ".note.missing")[0]), "no recording");
    }

    #[test]
    fn hedges_and_repetitions_are_marked_on_their_words() {
        let doc = page_of(
            None,
            "I think the the plan worked.",
            Sound::Missing(String::new()),
        );
        let marked = |css: &str| -> Vec<String> { select(&doc, css).iter().map(text).collect() };
        assert_eq!(marked(".w.hedge"), ["I", "think"]);
        assert_eq!(marked(".w.repeat"), ["the", "the"]);
        assert!(marked(".filler").is_empty());
    }

    #[test]
    fn openers_are_named_beside_the_fillers_not_counted_or_marked() {
        let doc = page_of(
            None,
            "So, we shipped it on time. So, the plan worked.",
            Sound::Missing(String::new()),
        );
        assert!(select(&doc, ".filler").is_empty());
        let fillers_card = select(&doc, ".card")
            .into_iter()
            .find(|c| text(&select_in(c, ".label")[0]) == "Fillers")
            .unwrap();
        assert_eq!(text(&select_in(&fillers_card, ".value")[0]), "0 (0.0/min)");
        assert_eq!(
            text(&select_in(&fillers_card, ".detail")[0]),
            "none · openers, not counted: “so” ×2"
        );
    }

    fn select_in<'a>(e: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
        e.select(&Selector::parse(css).unwrap()).collect()
    }

    #[test]
    fn text_from_the_report_is_escaped_everywhere() {
        let doc = page_of(
            Some("Why <script>alert(1)</script> & \"us\"?"),
            "I <b>like</b> the \"team\".",
            Sound::Missing("take.wav is <i>missing</i>".into()),
        );
        assert_eq!(
            text(&select(&doc, "h1")[0]),
            "Why <script>alert(1)</script> & \"us\"?"
        );
        let words: Vec<String> = select(&doc, ".w").iter().map(text).collect();
        assert_eq!(words, ["I", "<b>like</b>", "the", "\"team\"."]);
        assert_eq!(
            text(&select(&doc, ".note.missing")[0]),
            "take.wav is <i>missing</i>"
        );
        // No element came from the report's text: the only script is the page's own.
        assert!(select(&doc, "b, i").is_empty());
        let scripts = select(&doc, "script");
        assert_eq!(scripts.len(), 1);
        assert_eq!(text(&scripts[0]), TAKE_SCRIPT);
    }

    #[test]
    fn the_recording_is_the_one_player_and_nothing_is_fetched() {
        let rec = Recording {
            data_url: "data:audio/flac;base64,ZkxhQw==".into(),
            flac_bytes: 4,
            speech: vec![crate::units::Span {
                start: 0.8,
                end: 3.0,
            }],
        };
        let doc = page_of(Some("Why us?"), "I like the team.", Sound::Embedded(&rec));
        let players = select(&doc, "audio");
        assert_eq!(players.len(), 1);
        assert_eq!(attr(&players[0], "src"), rec.data_url);
        // Everything the page refers to is inside it.
        for e in select(&doc, "[src], [href]") {
            let url = e.value().attr("src").or(e.value().attr("href")).unwrap();
            assert!(url.starts_with("data:"), "{url}");
        }
        let csp = select(&doc, "meta[http-equiv=Content-Security-Policy]");
        assert!(attr(&csp[0], "content").starts_with("default-src 'none'"));
        assert!(
            select(&doc, "[style]").is_empty(),
            "inline styles would need a CSP exception"
        );
        // The timeline shows the measured speech.
        assert_eq!(select(&doc, "#timeline .tl-speech").len(), 1);
    }
}
