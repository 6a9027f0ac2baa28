//! The one integration-test binary (every extra one would re-link whisper.cpp). Tests run the
//! real `rehearse` binary with the real model on the project's fixture recordings, each in a
//! temporary world (data and config dirs of its own). `practice` records for real: cpal reads
//! from alsa-lib's `file` plugin, fed in real time by `capture_support` (no sound card needed,
//! but alsa-lib, tmux and strace must be installed: `scripts/install-deps.sh --test`). `review`
//! opens pages in headless Chromium (Debian's `chromium`, driven by Playwright from the venv
//! scripts/browser-env.sh makes).
//!
//! Expected values come from the fixtures' labels or are written by hand (`takes`), never from
//! the code under test. Tests that run the model hold a share of the two cores; real-time
//! capture tests hold them alone (`support::cpu_exclusive`).

mod analyze;
mod capture_support;
mod colour;
mod failures;
mod filler_labels;
mod fillers;
mod fuzz_regressions;
mod history;
mod labels;
mod model;
mod models;
mod offline;
mod options;
mod practice;
mod practice_options;
mod questions;
mod readme;
mod reanalyze;
mod report_schema;
mod review;
mod robust_cli;
mod robust_files;
mod structure;
mod support;
mod support_history;
mod take_store;
mod takes;
mod transcript;
