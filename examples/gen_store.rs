//! Fills a data dir with synthetic saved takes through the real `Store` API, for benchmarks and
//! for trying `history`, `show`, `progress` and `compare` without a microphone.
//!
//! Run: cargo run --release --example gen_store -- DATA_DIR COUNT [--wav]
//!
//! Takes are spread over time (one every ~2 h 13 min from 2026-01-05), rotate over four
//! questions, and get gradually better (fewer fillers, hedges and pauses, a length closer to the
//! time box), so `progress` has a story to tell. `--wav` also writes a short silent take.wav in
//! each folder. The output is the same for the same COUNT.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use anyhow::{bail, Context, Result};
use rehearse::history::Store;
use std::path::PathBuf;
use synthetic::{report, Script};
use time::macros::datetime;
use time::Duration;

const QUESTIONS: [&str; 4] = [
    "Tell me about a time you failed",
    "Why do you want to work here?",
    "Describe a conflict with a colleague and how you resolved it",
    "Where do you see the industry going in the next five years?",
];

const SENTENCES: [&str; 12] = [
    "In my last role I owned the billing migration for our largest customers.",
    "We had three weeks and a team of four engineers.",
    "The first plan was to move every account in a single weekend.",
    "That went wrong because we had not tested the invoice exports.",
    "I called the customers myself and explained what had happened.",
    "Then we rebuilt the rollout so each account moved on its own.",
    "The result was zero missed invoices over the next two quarters.",
    "What I learned is to test the boring parts first.",
    "I also started writing a short risk list before every launch.",
    "My manager asked me to present that checklist to the other teams.",
    "Since then the whole department uses it for releases.",
    "That is why I think this role fits what I do best.",
];

/// A small deterministic generator (xorshift), so runs are reproducible without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// An answer whose flaws fade as `progress` goes from 0 to 1.
fn answer(rng: &mut Rng, progress: f64) -> String {
    // About 4.5 s a sentence: early answers land anywhere from 0:30 to 2:30, later ones settle
    // inside the 1:00–2:00 box.
    let spread = 11.0 * (1.0 - progress) + 3.0;
    let sentences = (16.0 + (rng.next() * 2.0 - 1.0) * spread).round().max(3.0) as usize;
    let filler_chance = 0.35 * (1.0 - progress) + 0.03;
    let hedge_chance = 0.3 * (1.0 - progress) + 0.05;
    let pause_chance = 0.25 * (1.0 - progress) + 0.02;
    let first = (rng.next() * SENTENCES.len() as f64) as usize;
    let mut out = Vec::new();
    for i in 0..sentences {
        let mut s = SENTENCES[(first + i) % SENTENCES.len()].to_string();
        if rng.next() < hedge_chance {
            s = format!("I think {}{}", s[..1].to_lowercase(), &s[1..]);
        }
        if rng.next() < filler_chance {
            let filler = ["Um,", "Uh,", "So, like,", "You know,"][(rng.next() * 4.0) as usize];
            s = format!("{filler} {}{}", s[..1].to_lowercase(), &s[1..]);
        }
        out.push(s);
        if rng.next() < pause_chance {
            out.push(format!("|{:.1}|", 2.0 + rng.next() * 3.0));
        }
    }
    out.join(" ")
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count)) = (args.first(), args.get(1)) else {
        bail!("usage: gen_store DATA_DIR COUNT [--wav]");
    };
    let count: usize = count.parse().context("COUNT must be a number")?;
    let with_wav = args.iter().any(|a| a == "--wav");
    let store = Store::open(&PathBuf::from(dir))?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = datetime!(2026-01-05 08:30:00 UTC);
    for i in 0..count {
        let progress = i as f64 / count.max(1) as f64;
        let at = start + Duration::minutes(133 * i as i64);
        let text = answer(&mut rng, progress);
        let mut script = Script::new(Some(QUESTIONS[i % QUESTIONS.len()]), &text, at);
        script.articulation_wpm = 125.0 + rng.next() * 50.0;
        script.lead_in_s = 0.5 + rng.next() * 2.5 * (1.0 - progress);
        let session = store.begin_at(at)?;
        if with_wav {
            let spec = hound::WavSpec {
                channels: 1,
                sample_rate: 16_000,
                bits_per_sample: 16,
                sample_format: hound::SampleFormat::Int,
            };
            let file = std::io::BufWriter::new(session.create_wav()?);
            let mut w = hound::WavWriter::new(file, spec)?;
            for _ in 0..8_000 {
                w.write_sample(0i16)?;
            }
            w.finalize()?;
        }
        store.finish(&session, &report(&script))?;
    }
    eprintln!("{count} takes saved in {}", store.root().display());
    Ok(())
}
