//! The rehearsal timer: pure functions for the colour zone, time formats and the level bar, and
//! the one redrawn terminal line (an indicatif spinner on stderr) that shows them while
//! recording.
//!
//! The zones follow a Toastmasters timing light: nothing before the minimum, green once the
//! minimum is reached, yellow in the last quarter before the maximum, red past it. For the
//! classic 1–2 minute card that is green 1:00, yellow 1:30, red 2:00. Each zone also has a text
//! label, so the line reads correctly without colour.

use std::io::IsTerminal;

use console::Style;

use crate::transcribe::live::LiveCounts;
use crate::units::{clock, Range};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Where the elapsed time stands against the target window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Before the minimum: keep going.
    Early,
    /// Inside the window.
    Green,
    /// The last quarter before the maximum: start wrapping up.
    Yellow,
    /// Past the maximum.
    Red,
}

impl Zone {
    /// The text shown on the timer line.
    pub fn label(self) -> &'static str {
        match self {
            Zone::Early => "warm-up",
            Zone::Green => "GREEN",
            Zone::Yellow => "YELLOW wrap up",
            Zone::Red => "RED over time",
        }
    }

    fn style(self) -> Style {
        match self {
            Zone::Early => Style::new().dim(),
            Zone::Green => Style::new().black().on_green(),
            Zone::Yellow => Style::new().black().on_yellow(),
            Zone::Red => Style::new().white().on_red().bold(),
        }
    }
}

/// The zone for `elapsed` seconds against the target window.
///
/// Yellow starts at three quarters of the maximum (never before the minimum, so a narrow window
/// still shows green first). Bad inputs (NaN, a window upside down) never panic: NaN elapsed
/// counts as Early, and the maximum wins over the minimum.
pub fn zone(elapsed: f64, target: Range) -> Zone {
    let Range {
        min: target_min,
        max: target_max,
    } = target;
    if elapsed.is_nan() || elapsed < target_min.min(target_max) {
        return Zone::Early;
    }
    if elapsed >= target_max {
        return Zone::Red;
    }
    let yellow_from = (0.75 * target_max).max(target_min);
    if elapsed >= yellow_from {
        Zone::Yellow
    } else {
        Zone::Green
    }
}

/// The time-left field: "left 0:37" before the maximum, "over +0:12" past it.
pub fn format_remaining(elapsed: f64, target_max: f64) -> String {
    let left = target_max - elapsed;
    if left > 0.0 {
        // Round up so the field reads 0:00 only at the maximum itself.
        format!("left {}", clock(left.ceil()))
    } else {
        format!("over +{}", clock(-left))
    }
}

/// The meter's range: −60 dBFS (silence threshold) to 0 dBFS.
const METER_FLOOR_DB: f32 = -60.0;
const METER_GLYPHS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A rising bar of `width` cells for a level in dBFS: cells up to the level are drawn with
/// growing block glyphs (▁▂▃…█), the rest as dots. −60 dBFS or less shows an empty meter.
pub fn level_bar(dbfs: f32, width: usize) -> String {
    let fraction = if dbfs.is_nan() {
        0.0
    } else {
        ((dbfs - METER_FLOOR_DB) / -METER_FLOOR_DB).clamp(0.0, 1.0)
    };
    let lit = (fraction * width as f32).round() as usize;
    (0..width)
        .map(|i| {
            if i < lit {
                METER_GLYPHS[i * METER_GLYPHS.len() / width.max(1)]
            } else {
                '·'
            }
        })
        .collect()
}

/// Everything the timer line shows, as plain values.
#[derive(Debug, Clone, PartialEq)]
pub struct TimerView {
    pub elapsed_s: f64,
    /// The time box, in seconds.
    pub target: Range,
    pub level_dbfs: f32,
    /// Shown at the end of the line (the "no sound" warning).
    pub note: Option<String>,
    /// The live counts from what has been transcribed so far.
    pub coach: Option<LiveCounts>,
}

/// The Ah-counter's text: `fillers 3 · last "um" 0:42 · 140 wpm`. Nothing while the counter is
/// behind the speaker: a stale count would mislead more than none.
pub fn coach_text(counts: &LiveCounts) -> Option<String> {
    if counts.behind {
        return None;
    }
    let mut text = format!("fillers {}", counts.fillers);
    if let Some((word, at)) = &counts.last {
        text.push_str(&format!(" · last \"{word}\" {}", clock(*at)));
    }
    if let Some(wpm) = counts.words_per_minute {
        text.push_str(&format!(" · {wpm:.0} wpm"));
    }
    Some(text)
}

/// The timer line's text, fitted to `width` columns. With `colour` the zone label is painted;
/// the text is the same either way, so tests and colour-blind users read the zone from the
/// label. When the terminal is narrow the target and the key hint go first, then the line is
/// cut: it must never wrap, or each redraw would leave a stale copy behind.
pub fn timer_line(view: &TimerView, colour: bool, width: usize) -> String {
    let z = zone(view.elapsed_s, view.target);
    let paint = |style: Style, text: String| {
        if colour {
            style.apply_to(text).force_styling(true).to_string()
        } else {
            text
        }
    };
    let rec = paint(Style::new().red().bold(), "●".to_string());
    let label = paint(z.style(), format!(" {} ", z.label()));
    let mut line = format!(
        "{rec} REC {}  {}  [{label}]  {} {:>4.0} dB",
        clock(view.elapsed_s),
        format_remaining(view.elapsed_s, view.target.max),
        level_bar(view.level_dbfs, 10),
        view.level_dbfs.max(-99.0),
    );
    // In order of importance: the live counter, the note (a warning) or key hint, then the
    // target window.
    let optional = [
        view.coach
            .as_ref()
            .and_then(coach_text)
            .map(|t| format!("  {t}"))
            .unwrap_or_default(),
        format!("  {}", view.note.as_deref().unwrap_or("Enter stops")),
        format!(
            "  target {}–{}",
            clock(view.target.min),
            clock(view.target.max)
        ),
    ];
    for part in optional {
        if console::measure_text_width(&line) + console::measure_text_width(&part) <= width {
            line.push_str(&part);
        }
    }
    console::truncate_str(&line, width, "").into_owned()
}

/// The live line on stderr. Hidden (all calls do nothing) when stderr is not a terminal.
pub struct LiveTimer {
    bar: ProgressBar,
    colour: bool,
}

impl LiveTimer {
    pub fn new() -> Self {
        let visible = std::io::stderr().is_terminal();
        let target = if visible {
            ProgressDrawTarget::stderr_with_hz(10)
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        // The whole line is our message; indicatif only redraws it in place.
        bar.set_style(
            ProgressStyle::with_template("{msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        LiveTimer {
            bar,
            colour: crate::output::colour::stderr(),
        }
    }

    pub fn update(&self, view: &TimerView) {
        // One column spare: some terminals wrap when the last column is written.
        let width = console::Term::stderr().size().1 as usize;
        self.bar.set_message(timer_line(
            view,
            self.colour,
            width.saturating_sub(1).max(20),
        ));
    }

    /// Prints a line above the timer (warnings during the take).
    pub fn println(&self, msg: &str) {
        self.bar.println(msg);
    }

    /// Leaves the last state of the line on screen and moves below it.
    pub fn finish(&self) {
        self.bar.tick();
        self.bar.abandon();
    }
}

impl Default for LiveTimer {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_follow_the_toastmasters_card() {
        assert_eq!(zone(0.0, Range::new(60.0, 120.0)), Zone::Early);
        assert_eq!(zone(59.9, Range::new(60.0, 120.0)), Zone::Early);
        assert_eq!(zone(60.0, Range::new(60.0, 120.0)), Zone::Green);
        assert_eq!(zone(89.9, Range::new(60.0, 120.0)), Zone::Green);
        assert_eq!(zone(90.0, Range::new(60.0, 120.0)), Zone::Yellow);
        assert_eq!(zone(119.9, Range::new(60.0, 120.0)), Zone::Yellow);
        assert_eq!(zone(120.0, Range::new(60.0, 120.0)), Zone::Red);
        assert_eq!(zone(500.0, Range::new(60.0, 120.0)), Zone::Red);
    }

    #[test]
    fn narrow_window_still_shows_green_first() {
        // 3/4 of 120 is 90, before the minimum of 100: yellow waits for the minimum.
        assert_eq!(zone(95.0, Range::new(100.0, 120.0)), Zone::Early);
        assert_eq!(zone(100.0, Range::new(100.0, 120.0)), Zone::Yellow);
        assert_eq!(zone(1.0, Range::new(1.0, 2.0)), Zone::Green);
        assert_eq!(zone(1.5, Range::new(1.0, 2.0)), Zone::Yellow);
        assert_eq!(zone(2.0, Range::new(1.0, 2.0)), Zone::Red);
    }

    #[test]
    fn bad_inputs_do_not_panic() {
        assert_eq!(zone(f64::NAN, Range::new(60.0, 120.0)), Zone::Early);
        assert_eq!(zone(10.0, Range::new(0.0, 0.0)), Zone::Red);
        assert_eq!(zone(70.0, Range::new(120.0, 60.0)), Zone::Red);
        assert_eq!(zone(f64::INFINITY, Range::new(60.0, 120.0)), Zone::Red);
        assert_eq!(level_bar(f32::NAN, 4), "····");
        assert_eq!(level_bar(0.0, 0), "");
    }

    #[test]
    fn formats_time_left_and_over() {
        assert_eq!(format_remaining(82.5, 120.0), "left 0:38");
        assert_eq!(format_remaining(120.0, 120.0), "over +0:00");
        assert_eq!(format_remaining(133.0, 120.0), "over +0:13");
    }

    #[test]
    fn level_bar_rises_with_level() {
        assert_eq!(level_bar(-120.0, 8), "········");
        assert_eq!(level_bar(0.0, 8), "▁▂▃▄▅▆▇█");
        assert_eq!(level_bar(-30.0, 8), "▁▂▃▄····");
        assert_eq!(level_bar(6.0, 4), "▁▃▅▇");
    }

    #[test]
    fn timer_line_names_the_zone_in_text() {
        let view = TimerView {
            elapsed_s: 95.0,
            target: Range::new(60.0, 120.0),
            level_dbfs: -20.0,
            note: None,
            coach: None,
        };
        let line = timer_line(&view, false, 120);
        assert!(line.contains("REC 1:35 "), "{line}");
        assert!(line.contains("left 0:25"), "{line}");
        assert!(line.contains("YELLOW"), "{line}");
        assert!(
            line.contains("target 1:00–2:00") && line.contains("Enter stops"),
            "{line}"
        );
        let coloured = timer_line(&view, true, 120);
        assert!(coloured.contains("\u{1b}["), "{coloured}");
        assert_eq!(console::strip_ansi_codes(&coloured), line);
    }

    #[test]
    fn timer_line_never_wraps() {
        let view = TimerView {
            elapsed_s: 130.0,
            target: Range::new(60.0, 120.0),
            level_dbfs: -20.0,
            note: Some("no sound — muted?".into()),
            coach: Some(LiveCounts {
                fillers: 12,
                last: Some(("you know".into(), 125.0)),
                words_per_minute: Some(151.2),
                behind: false,
            }),
        };
        for width in [20, 40, 60, 72, 80, 100] {
            for colour in [false, true] {
                let line = timer_line(&view, colour, width);
                assert!(
                    console::measure_text_width(&line) <= width,
                    "{width}: {line}"
                );
            }
        }
        let line = timer_line(&view, false, 80);
        assert!(line.contains("RED"), "{line}");
        assert!(
            !line.contains("target"),
            "dropped first when narrow: {line}"
        );
    }

    #[test]
    fn the_counter_shows_count_latest_filler_and_pace_and_hides_when_behind() {
        let mut counts = LiveCounts {
            fillers: 3,
            last: Some(("um".into(), 42.4)),
            words_per_minute: None,
            behind: false,
        };
        assert_eq!(
            coach_text(&counts).as_deref(),
            Some("fillers 3 · last \"um\" 0:42")
        );
        counts.words_per_minute = Some(139.6);
        assert_eq!(
            coach_text(&counts).as_deref(),
            Some("fillers 3 · last \"um\" 0:42 · 140 wpm")
        );
        counts.behind = true;
        assert_eq!(coach_text(&counts), None);
        let view = TimerView {
            elapsed_s: 50.0,
            target: Range::new(60.0, 120.0),
            level_dbfs: -20.0,
            note: None,
            coach: Some(LiveCounts {
                behind: false,
                ..counts
            }),
        };
        let line = timer_line(&view, false, 100);
        assert!(line.contains("fillers 3 · last \"um\" 0:42"), "{line}");
    }
}
