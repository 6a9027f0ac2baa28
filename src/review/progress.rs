//! The progress page: a chart per metric across the takes, the latest two takes of a question
//! side by side (their numbers, and the word diff `compare` computes), and the list of takes,
//! each linking to its own page when it has one. No script: links and inline SVG only.

use maud::{html, Markup};
use std::collections::HashMap;

use super::chart::{metric_chart, ChartPoint};
use super::page::{document, status_badge};
use crate::history::compare::{Chunk, Comparison};
use crate::history::metric::{Change, Metric};
use crate::history::trend::{self, GroupStats};
use crate::history::SessionEntry;
use crate::units::clock;

/// Unchanged runs of the word diff longer than this show only their ends.
const KEEP_EQUAL: usize = 8;

/// Everything the progress page shows.
pub struct ProgressPage<'a> {
    /// The takes, in time order (at least one).
    pub takes: &'a [SessionEntry],
    /// The `--question` filter, when one was given.
    pub question_filter: Option<&'a str>,
    /// Each take's local time (`2026-11-26 05:15`), by id.
    pub when: &'a HashMap<String, String>,
    /// The link to each take's page, for takes that have one, by id.
    pub pages: &'a HashMap<String, String>,
    /// The latest two takes of the latest take's question, when it has two.
    pub pair: Option<&'a Comparison>,
}

pub fn render(page: &ProgressPage) -> String {
    let takes = page.takes;
    let when = |e: &SessionEntry| page.when.get(&e.id).cloned().unwrap_or_default();
    let progress = trend::progress(takes);
    let title = match page.question_filter {
        Some(q) => format!("Progress · {q}"),
        None => "Progress · all takes".to_string(),
    };
    let points: Vec<ChartPoint> = takes
        .iter()
        .map(|e| ChartPoint {
            entry: e,
            href: page.pages.get(&e.id).map(String::as_str),
            // The date part of the time: the axis has room for days only.
            when: page
                .when
                .get(&e.id)
                .and_then(|w| w.split(' ').next())
                .unwrap_or(""),
        })
        .collect();
    let body = html! {
        header.top {
            p.brand { "rehearse · progress" }
            h1 {
                @match page.question_filter {
                    Some(q) => { "Takes matching “" (q) "”" }
                    None => "All takes",
                }
            }
            @if let Some(overall) = &progress.overall {
                p.meta {
                    (overall.takes) @if overall.takes == 1 { " take" } @else { " takes" }
                    @if let (Some(first), Some(last)) = (takes.first(), takes.last()) {
                        ", " (when(first)) " to " (when(last))
                    }
                    " · " (overall.verdicts.pass) " pass, " (overall.verdicts.warn) " warn, "
                    (overall.verdicts.fail) " fail"
                }
            }
        }
        @if let Some(overall) = &progress.overall {
            section.charts aria-label="Charts" {
                h2 { "Over time" }
                p.hint { "Each dot is a take (click it to open its page when it has one); the band is the target zone; the dashed line is the trend over the last takes." }
                div.chart-grid {
                    @for metric in Metric::ALL {
                        @if points.iter().any(|p| metric.value(p.entry).is_some()) {
                            (chart_card(metric, overall, &points))
                        }
                    }
                }
            }
        }
        @if let Some(c) = page.pair {
            (side_by_side(c, page))
        }
        section.takes aria-label="Takes" {
            h2 { "Takes" }
            div.scroll {
                table {
                    thead {
                        tr {
                            th { "When" } th { "Question" } th.num { "Length" } th.num { "Pace" }
                            th.num { "Fillers/min" } th.num { "Long pauses" } th.num { "Hedges" }
                            th { "Verdict" } th { "Page" }
                        }
                    }
                    tbody {
                        @for e in takes.iter().rev() {
                            tr {
                                td.nowrap { (when(e)) }
                                td { (e.question_text()) }
                                td.num { (clock(e.duration_s)) }
                                td.num { (format!("{:.0}", e.wpm)) }
                                td.num { (format!("{:.1}", e.fillers_per_minute)) }
                                td.num { (e.long_pauses) }
                                td.num { (e.hedges) }
                                td { (status_badge(e.verdict)) }
                                td.nowrap {
                                    @match page.pages.get(&e.id) {
                                        Some(href) => a href=(href) { "open" },
                                        None => span.hint title="This take has no page yet" {
                                            code { "rehearse review " (e.id) }
                                        },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        footer {
            p {
                "Made by rehearse " (env!("CARGO_PKG_VERSION"))
                " from the session index. Nothing on this page is loaded from anywhere else."
            }
        }
    };
    document(&title, body, None)
}

fn chart_card(metric: Metric, overall: &GroupStats, points: &[ChartPoint]) -> Markup {
    let stats = overall.get(metric);
    let band = points
        .last()
        .and_then(|p| metric.describe_band(p.entry))
        .unwrap_or_default();
    html! {
        figure.chart-card {
            figcaption {
                strong { (metric.axis_title()) }
                @if let Some(s) = stats {
                    " latest " (metric.format(s.latest.value))
                    " · best " (metric.format(s.best.value))
                    " · first " (metric.format(s.first.value))
                    " · " span class=(format!("trend {}", s.trend.as_str().replace(' ', "-"))) {
                        (s.trend.as_str())
                    }
                }
                @if !band.is_empty() { " · " (band) }
            }
            (metric_chart(metric, points))
        }
    }
}

fn change_word(c: Change) -> Markup {
    html! { span class=(format!("change {}", c.as_str())) { (c.as_str()) } }
}

/// The latest two takes of a question: their numbers and what was said differently.
fn side_by_side(c: &Comparison, page: &ProgressPage) -> Markup {
    let when = |e: &SessionEntry| page.when.get(&e.id).cloned().unwrap_or_default();
    let head = |label: &str, e: &SessionEntry| {
        html! {
            th.num {
                (label) " · "
                @match page.pages.get(&e.id) {
                    Some(href) => a href=(href) { (when(e)) },
                    None => (when(e)),
                }
            }
        }
    };
    html! {
        section.pair aria-label="The latest two takes side by side" {
            h2 { "Latest two takes of “" (c.b.question_text()) "”" }
            div.scroll {
                table {
                    thead {
                        tr { th { "" } (head("earlier", &c.a)) (head("latest", &c.b)) th.num { "change" } th { "" } }
                    }
                    tbody {
                        @for d in &c.metrics {
                            tr {
                                td { (d.metric.label()) }
                                td.num { (d.metric.format(d.a)) }
                                td.num { (d.metric.format(d.b)) }
                                td.num { (d.metric.format_delta(d.delta)) }
                                td { (change_word(d.change)) }
                            }
                        }
                        tr {
                            td { "verdict" }
                            td.num { (status_badge(c.verdict.a)) }
                            td.num { (status_badge(c.verdict.b)) }
                            td {}
                            td { (change_word(c.verdict.change)) }
                        }
                    }
                }
            }
            h3 { "What changed in the words" }
            p.hint {
                (c.words.a) " → " (c.words.b) " words: " (c.words.removed) " removed ("
                del { "struck out" } "), " (c.words.added) " added (" ins { "underlined" } ")"
            }
            p.diff { (diff(&c.diff)) }
        }
    }
}

fn diff(chunks: &[Chunk]) -> Markup {
    let last = chunks.len().saturating_sub(1);
    html! {
        @for (i, chunk) in chunks.iter().enumerate() {
            @if i > 0 { " " }
            @match chunk {
                Chunk::Equal { words } => {
                    // Keep context next to the changes; the first run needs no head, the last
                    // no tail.
                    @let head = if i == 0 { 0 } else { KEEP_EQUAL };
                    @let tail = if i == last { 0 } else { KEEP_EQUAL };
                    @if words.len() > head + tail + 3 {
                        (words[..head].join(" "))
                        " " span.same { "… " (words.len() - head - tail) " words the same …" } " "
                        (words[words.len() - tail..].join(" "))
                    } @else {
                        (words.join(" "))
                    }
                }
                Chunk::Removed { words } => del { (words.join(" ")) },
                Chunk::Added { words } => ins { (words.join(" ")) },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::compare::compare;
    use crate::history::synthetic::{report, Script};
    use time::macros::datetime;

    #[test]
    fn the_page_lists_takes_links_pages_and_shows_the_pair() {
        let at = datetime!(2026-11-26 04:15:02 UTC);
        let q = "Why <us>?";
        let a = report(&Script::new(
            Some(q),
            "Um, I like the product. |3.0| And the team.",
            at,
        ));
        let b = report(&Script::new(
            Some(q),
            "I like the product and the team.",
            at,
        ));
        let takes = vec![
            SessionEntry::of_take("20261126T041502Z", &a).unwrap(),
            SessionEntry::of_take("20261127T041502Z", &b).unwrap(),
        ];
        let c = compare(&takes[0].id, &a, &takes[1].id, &b).unwrap();
        let when: HashMap<String, String> = takes
            .iter()
            .map(|e| (e.id.clone(), format!("{} 04:15", &e.id[..8])))
            .collect();
        let pages: HashMap<String, String> = [(
            "20261127T041502Z".to_string(),
            "20261127T041502Z/review.html".to_string(),
        )]
        .into();
        let html = render(&ProgressPage {
            takes: &takes,
            question_filter: Some("<us>"),
            when: &when,
            pages: &pages,
            pair: Some(&c),
        });
        assert!(!html.contains("<us>"), "question text is escaped");
        assert!(html.contains("Why &lt;us&gt;?"));
        assert_eq!(html.matches("<tr>").count(), 1 + 6 + 1 + 2, "{html}");
        // The take with a page links to it; the other says how to make one.
        assert!(html.contains("<a href=\"20261127T041502Z/review.html\">open</a>"));
        assert!(html.contains("<code>rehearse review 20261126T041502Z</code>"));
        // The diff: "Um," removed, "|3.0|" silence is no word; "And" → "and" is no change.
        assert!(
            html.contains("<p class=\"diff\"><del>Um,</del> I like the product and the team.</p>"),
            "{html}"
        );
        // Duration, pace, fillers, pauses, hedges: the story measures chart only takes coached
        // as a story, and "Why us?" asks for none.
        assert_eq!(html.matches("<svg class=\"chart\"").count(), 5);
        assert!(html.contains("script-src 'none'"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn long_unchanged_runs_keep_their_ends() {
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let long = (0..30)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let html = diff(&[
            Chunk::Removed {
                words: words("So,"),
            },
            Chunk::Equal {
                words: words(&long),
            },
            Chunk::Added {
                words: words("today."),
            },
        ])
        .into_string();
        assert!(
            html.starts_with("<del>So,</del> w0 w1 w2 w3 w4 w5 w6 w7 "),
            "{html}"
        );
        assert!(html.contains("… 14 words the same …"), "{html}");
        assert!(
            html.ends_with(" w22 w23 w24 w25 w26 w27 w28 w29 <ins>today.</ins>"),
            "{html}"
        );
    }
}
