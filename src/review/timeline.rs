//! The take's timeline: one strip from 0 to the end of the recording showing speech and
//! silence, each long pause, and a tick at every filler, hedge and repetition; a playhead moves
//! along it while the recording plays. Drawn as inline SVG (positions in attributes, not in
//! `style`, so the page's Content-Security-Policy needs no inline-style exception).

use maud::{html, Markup};

use super::page::secs;
use crate::report::Report;
use crate::units::clock;
use crate::units::Span;

/// The strip's width in SVG units; it is stretched to the page's width.
const WIDTH: f64 = 1000.0;

/// A moment worth a tick: what it is (`filler sound`, `hedge`, …), what was said, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Moment {
    pub kind: MomentKind,
    pub text: String,
    pub start: f64,
    pub end: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentKind {
    Sound,
    Discourse,
    Hedge,
    Repetition,
    Pause,
}

impl MomentKind {
    /// The CSS class suffix (`tl-sound`, `m-sound`, `swatch sound`).
    pub fn class(self) -> &'static str {
        match self {
            MomentKind::Sound => "sound",
            MomentKind::Discourse => "discourse",
            MomentKind::Hedge => "hedge",
            MomentKind::Repetition => "repeat",
            MomentKind::Pause => "long-pause",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            MomentKind::Sound => "hesitation sound",
            MomentKind::Discourse => "filler word",
            MomentKind::Hedge => "hedge",
            MomentKind::Repetition => "repetition",
            MomentKind::Pause => "long pause",
        }
    }
}

/// Every filler, hedge, repetition and long pause of a take, in time order.
pub fn moments(report: &Report) -> Vec<Moment> {
    use crate::analysis::FillerKind;
    let mut out: Vec<Moment> = report
        .fillers
        .iter()
        .map(|f| Moment {
            kind: match f.kind {
                FillerKind::Sound => MomentKind::Sound,
                FillerKind::Discourse => MomentKind::Discourse,
            },
            text: f.text.clone(),
            start: f.start,
            end: f.end,
        })
        .chain(report.metrics.hedge_list.iter().map(|h| Moment {
            kind: MomentKind::Hedge,
            text: h.text.clone(),
            start: h.start,
            end: h.end,
        }))
        .chain(report.metrics.repetition_list.iter().map(|r| Moment {
            kind: MomentKind::Repetition,
            text: r.text.clone(),
            start: r.start,
            end: r.end,
        }))
        .chain(report.pauses.iter().map(|p| Moment {
            kind: MomentKind::Pause,
            text: format!("{:.1} s", p.duration),
            start: p.start,
            end: p.end,
        }))
        .collect();
    out.sort_by(|a, b| a.start.total_cmp(&b.start));
    out
}

/// Speech regions when the recording is not there to measure: from the first word to the last,
/// less the long pauses (which the analysis measured from the signal).
pub fn speech_from_report(report: &Report, duration: f64) -> Vec<Span> {
    let mut words = report.transcript.words();
    let (Some(first), Some(last)) = (words.next(), report.transcript.words().last()) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    let mut start = first.start;
    for p in &report.pauses {
        if p.start > start {
            spans.push(Span {
                start,
                end: p.start,
            });
        }
        start = p.end;
    }
    let end = last.end.min(duration);
    if end > start {
        spans.push(Span { start, end });
    }
    spans
}

fn x(t: f64, duration: f64) -> String {
    format!("{:.2}", (t / duration).clamp(0.0, 1.0) * WIDTH)
}

fn width(span_start: f64, span_end: f64, duration: f64) -> String {
    format!(
        "{:.2}",
        ((span_end - span_start) / duration).clamp(0.0, 1.0) * WIDTH
    )
}

/// The timeline as an SVG element, with its time axis.
pub fn render(duration: f64, speech: &[Span], moments: &[Moment]) -> Markup {
    let duration = if duration > 0.0 { duration } else { 1.0 };
    html! {
        div.timeline-wrap {
            svg.timeline #timeline viewBox=(format!("0 0 {WIDTH} 40")) preserveAspectRatio="none"
                data-duration=(secs(duration)) role="img"
                aria-label="Timeline of the take: speech, silence, long pauses and a tick for each filler, hedge and repetition" {
                rect.tl-silence x="0" y="12" width=(WIDTH) height="16" {}
                @for s in speech {
                    rect.tl-speech x=(x(s.start, duration)) y="12"
                        width=(width(s.start, s.end, duration)) height="16" {}
                }
                @for m in moments {
                    @if m.kind == MomentKind::Pause {
                        rect class=(format!("tl-mark tl-{}", m.kind.class()))
                            x=(x(m.start, duration)) y="8" width=(width(m.start, m.end, duration))
                            height="24" data-start=(secs(m.start)) {
                            title { "Long pause " (m.text) " at " (clock(m.start)) }
                        }
                    } @else {
                        line class=(format!("tl-mark tl-{}", m.kind.class()))
                            x1=(x(m.start, duration)) x2=(x(m.start, duration)) y1="2" y2="38"
                            data-start=(secs(m.start)) {
                            title { (m.kind.describe()) " “" (m.text) "” at " (clock(m.start)) }
                        }
                    }
                }
                line #playhead x1="0" x2="0" y1="0" y2="40" {}
            }
            div.axis aria-hidden="true" {
                span { "0:00" }
                span { (clock(duration)) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::synthetic::{report, Script};
    use time::macros::datetime;

    fn take(text: &str) -> crate::report::Report {
        report(&Script::new(None, text, datetime!(2026-11-26 04:15:02 UTC)))
    }

    #[test]
    fn moments_are_every_marked_thing_in_time_order() {
        let r = take("Um, I think the the plan worked. |3.0| Like, we shipped.");
        let kinds: Vec<(MomentKind, String)> =
            moments(&r).into_iter().map(|m| (m.kind, m.text)).collect();
        assert_eq!(
            kinds,
            [
                (MomentKind::Sound, "um".to_string()),
                (MomentKind::Hedge, "i think".to_string()),
                (MomentKind::Repetition, "the".to_string()),
                (MomentKind::Pause, "3.0 s".to_string()),
                (MomentKind::Discourse, "like".to_string()),
            ]
        );
    }

    #[test]
    fn positions_scale_to_the_strip_and_speech_falls_back_to_the_words() {
        let r = take("We had a plan. |3.0| It worked.");
        let speech = speech_from_report(&r, r.metrics.duration_s.unwrap());
        assert_eq!(speech.len(), 2);
        assert_eq!(speech[0].end, r.pauses[0].start);
        assert_eq!(speech[1].start, r.pauses[0].end);
        assert_eq!(x(5.0, 10.0), "500.00");
        assert_eq!(x(12.0, 10.0), "1000.00");
        let svg = render(10.0, &speech, &moments(&r)).into_string();
        assert!(svg.contains("class=\"tl-mark tl-long-pause\""), "{svg}");
        assert!(svg.contains("id=\"playhead\""), "{svg}");
        assert!(!svg.contains("style="), "{svg}");
    }
}
