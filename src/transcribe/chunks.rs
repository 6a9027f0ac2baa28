//! Planning what the recogniser hears. Only speech regions are transcribed: long silences are
//! shortened to a fixed gap and regions are packed into windows of at most ~28 s, so each window is
//! one whisper.cpp pass that gets the disfluent prompt, nothing is lost after a long silence, and
//! no time is spent encoding silence. Times in a window map back to the recording piecewise.

use crate::units::Span;

#[derive(Debug, Clone)]
pub struct ChunkPlan {
    /// Longest window the recogniser gets (its context is 30 s).
    pub max_window_s: f64,
    /// Audio kept around each region so word edges are not clipped.
    pub margin_s: f64,
    /// Gaps between regions up to this length are kept as they are…
    pub keep_gap_s: f64,
    /// …longer ones are shortened to this much silence.
    pub shortened_gap_s: f64,
}

impl Default for ChunkPlan {
    fn default() -> Self {
        ChunkPlan {
            max_window_s: 29.5,
            margin_s: 0.2,
            keep_gap_s: 1.0,
            shortened_gap_s: 0.6,
        }
    }
}

/// A contiguous stretch of the recording placed at `window_start` within a window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    pub source: Span,
    pub window_start: f64,
}

/// One recogniser pass: pieces of the recording joined by short silences.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    pub pieces: Vec<Piece>,
}

impl Window {
    /// Where the window's audio starts in the recording.
    pub fn source_start(&self) -> f64 {
        self.pieces.first().map_or(0.0, |p| p.source.start)
    }

    /// Where the window's audio ends in the recording.
    pub fn source_end(&self) -> f64 {
        self.pieces.last().map_or(0.0, |p| p.source.end)
    }

    /// Length of the window's audio in seconds.
    pub fn duration(&self) -> f64 {
        self.pieces
            .last()
            .map_or(0.0, |p| p.window_start + p.source.duration())
    }

    /// Maps a time in the window back to the recording. Times in an inserted silence snap to the
    /// nearer piece edge, so a word can never be placed inside a silence that was cut out.
    pub fn to_source(&self, t: f64) -> f64 {
        let mut best = None;
        for p in &self.pieces {
            let end = p.window_start + p.source.duration();
            if t >= p.window_start && t <= end {
                return p.source.start + (t - p.window_start);
            }
            let (dist, at) = if t < p.window_start {
                (p.window_start - t, p.source.start)
            } else {
                (t - end, p.source.end)
            };
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, at));
            }
        }
        best.map_or(t, |(_, at)| at)
    }

    /// Maps a word's span back to the recording, keeping it inside the piece where it starts: a
    /// phrase's last word must not reach across a silence that was cut out.
    pub fn span_to_source(&self, start: f64, end: f64) -> (f64, f64) {
        let s = self.to_source(start);
        let piece_end = self
            .pieces
            .iter()
            .find(|p| s >= p.source.start && s <= p.source.end)
            .map_or(f64::INFINITY, |p| p.source.end);
        (s, self.to_source(end).min(piece_end).max(s))
    }

    /// The window's audio from the 16 kHz recording, with silence between pieces.
    pub fn render(&self, samples: &[f32], rate: u32) -> Vec<f32> {
        let to_index = |t: f64| ((t * rate as f64).round() as usize).min(samples.len());
        let mut out = Vec::with_capacity((self.duration() * rate as f64) as usize + 1);
        for p in &self.pieces {
            out.resize(to_index(p.window_start).max(out.len()), 0.0);
            out.extend_from_slice(&samples[to_index(p.source.start)..to_index(p.source.end)]);
        }
        out
    }
}

/// Packs the speech regions found within `bounds` into as few windows as possible, cutting only
/// between regions; margins around a region stay within `bounds`.
pub fn plan_windows(regions: &[Span], bounds: Span, plan: &ChunkPlan) -> Vec<Window> {
    // Regions padded by the margin, but never past the middle of the gap to a neighbour, so
    // padding cannot fuse separate sentences into one unit too long to pack.
    let mut stretches: Vec<Span> = Vec::with_capacity(regions.len());
    for (i, r) in regions.iter().enumerate() {
        let before = i
            .checked_sub(1)
            .map_or(r.start - bounds.start, |j| (r.start - regions[j].end) / 2.0);
        let after = regions
            .get(i + 1)
            .map_or(bounds.end - r.end, |n| (n.start - r.end) / 2.0);
        stretches.push(Span {
            start: (r.start - plan.margin_s.min(before.max(0.0))).max(bounds.start),
            end: (r.end + plan.margin_s.min(after.max(0.0))).min(bounds.end),
        });
    }
    let mut units = Vec::new();
    for s in stretches {
        let mut start = s.start;
        while s.end - start > plan.max_window_s {
            units.push(Span {
                start,
                end: start + plan.max_window_s,
            });
            start += plan.max_window_s;
        }
        units.push(Span { start, end: s.end });
    }

    let mut windows: Vec<Window> = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    for unit in units {
        // Within a window, a short gap is kept as it was (one contiguous piece) and a long one
        // is shortened to a fixed silence.
        let (joins, gap) = match current.last() {
            None => (false, 0.0),
            Some(last) => {
                let real_gap = unit.start - last.source.end;
                (
                    real_gap <= plan.keep_gap_s,
                    real_gap.min(plan.shortened_gap_s),
                )
            }
        };
        let end_if_added = current
            .last()
            .map_or(0.0, |p| p.window_start + p.source.duration())
            + if joins {
                unit.start - current.last().map_or(unit.start, |p| p.source.end)
            } else {
                gap
            }
            + unit.duration();
        if !current.is_empty() && end_if_added > plan.max_window_s {
            windows.push(Window {
                pieces: std::mem::take(&mut current),
            });
            current.push(Piece {
                source: unit,
                window_start: 0.0,
            });
        } else if joins {
            let last = current.last_mut().expect("joins implies a last piece");
            last.source.end = unit.end;
        } else {
            let start = current
                .last()
                .map_or(0.0, |p| p.window_start + p.source.duration() + gap);
            current.push(Piece {
                source: unit,
                window_start: start,
            });
        }
    }
    if !current.is_empty() {
        windows.push(Window { pieces: current });
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_support::spans;
    use crate::units::round3;

    #[test]
    fn long_silences_are_shortened_and_times_map_back() {
        let plan = ChunkPlan::default();
        let w = plan_windows(
            &spans(&[(1.0, 5.0), (11.0, 14.0)]),
            Span {
                start: 0.0,
                end: 20.0,
            },
            &plan,
        );
        assert_eq!(w.len(), 1);
        let p = &w[0].pieces;
        assert_eq!(p.len(), 2, "the 6 s gap splits the pieces");
        assert_eq!(
            p[0].source,
            Span {
                start: 0.8,
                end: 5.2
            }
        );
        assert!(
            (p[1].window_start - 5.0).abs() < 1e-9,
            "4.4 s piece + 0.6 s gap"
        );
        assert!((w[0].to_source(1.2) - 2.0).abs() < 1e-9);
        assert!((w[0].to_source(6.0) - 11.8).abs() < 1e-9);
        // Inside the inserted silence: snaps to the nearer edge.
        assert!((w[0].to_source(4.5) - 5.2).abs() < 1e-9);
        assert!((w[0].to_source(4.95) - 10.8).abs() < 1e-9);
        // A word that starts before the cut and ends after it stays in its piece.
        assert_eq!(w[0].span_to_source(4.0, 5.5), (4.8, 5.2));
    }

    #[test]
    fn short_gaps_stay_in_one_piece() {
        let w = plan_windows(
            &spans(&[(1.0, 5.0), (5.5, 8.0)]),
            Span {
                start: 0.0,
                end: 10.0,
            },
            &ChunkPlan::default(),
        );
        assert_eq!(w[0].pieces.len(), 1);
        assert_eq!(
            w[0].pieces[0].source,
            Span {
                start: 0.8,
                end: 8.2
            }
        );
    }

    #[test]
    fn windows_are_filled_and_cut_between_regions() {
        // Seven 4.6 s sentences 0.4 s apart (0.5–35.1 s), a 2.9 s pause, then 21 s of speech.
        // Padded by 0.2 s (half of each 0.4 s gap), the sentences touch: 0.3–35.3 s, then
        // 37.8–59.2 s. Five sentences fill 25 s of a window (a sixth would make 30 s, over 29.5);
        // the last two make 10 s, and the 21.4 s stretch does not fit beside them (10 + 0.6 +
        // 21.4 = 32 s): three windows, each one piece, each cut between two sentences.
        let mut regions = Vec::new();
        let mut t = 0.5;
        while t < 35.0 {
            regions.push(Span {
                start: t,
                end: t + 4.6,
            });
            t += 5.0;
        }
        regions.push(Span {
            start: 38.0,
            end: 59.0,
        });
        let w = plan_windows(
            &regions,
            Span {
                start: 0.0,
                end: 60.0,
            },
            &ChunkPlan::default(),
        );
        let sources: Vec<Vec<(f64, f64)>> = w
            .iter()
            .map(|w| {
                w.pieces
                    .iter()
                    .map(|p| (round3(p.source.start), round3(p.source.end)))
                    .collect()
            })
            .collect();
        assert_eq!(
            sources,
            [vec![(0.3, 25.3)], vec![(25.3, 35.3)], vec![(37.8, 59.2)]]
        );
        // Every region is heard whole, in exactly one window.
        for r in &regions {
            let holders = w
                .iter()
                .filter(|w| {
                    w.pieces
                        .iter()
                        .any(|p| p.source.start <= r.start + 1e-9 && r.end <= p.source.end + 1e-9)
                })
                .count();
            assert_eq!(holders, 1, "{r:?} in {holders} windows: {sources:?}");
        }
    }

    #[test]
    fn windows_never_exceed_the_limit() {
        let regions: Vec<Span> = (0..20)
            .map(|i| Span {
                start: i as f64 * 5.0,
                end: i as f64 * 5.0 + 3.0,
            })
            .collect();
        let w = plan_windows(
            &regions,
            Span {
                start: 0.0,
                end: 100.0,
            },
            &ChunkPlan::default(),
        );
        assert!(w.len() >= 3);
        assert!(w.iter().all(|w| w.duration() <= 29.5 + 1e-9));
        let pieces: usize = w.iter().map(|w| w.pieces.len()).sum();
        assert_eq!(pieces, 20);
    }

    #[test]
    fn a_region_longer_than_a_window_is_split() {
        let w = plan_windows(
            &spans(&[(0.0, 70.0)]),
            Span {
                start: 0.0,
                end: 70.0,
            },
            &ChunkPlan::default(),
        );
        assert_eq!(w.len(), 3);
        assert!(w.iter().all(|w| w.duration() <= 29.5 + 1e-9));
    }

    #[test]
    fn render_places_audio_and_silence() {
        let samples: Vec<f32> = (0..100).map(|i| i as f32).collect();
        let w = Window {
            pieces: vec![
                Piece {
                    source: Span {
                        start: 0.0,
                        end: 0.02,
                    },
                    window_start: 0.0,
                },
                Piece {
                    source: Span {
                        start: 0.05,
                        end: 0.06,
                    },
                    window_start: 0.03,
                },
            ],
        };
        let out = w.render(&samples, 1000);
        assert_eq!(out.len(), 40);
        assert_eq!(out[..20], samples[..20]);
        assert!(out[20..30].iter().all(|&x| x == 0.0));
        assert_eq!(out[30..], samples[50..60]);
    }
}
