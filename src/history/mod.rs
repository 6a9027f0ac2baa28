//! Saved takes and what they add up to: the session store (folders + index), and the pure logic
//! behind `history`, `show`, `progress` and `compare` (metric directions, trends, sparklines,
//! transcript markup, subtitles, word diffs, charts). Printing lives in `crate::commands`.

pub mod compare;
pub mod entry;
pub mod filter;
pub mod id;
pub mod metric;
pub mod plot;
pub mod review;
pub mod sparkline;
pub mod store;
pub mod subtitles;
/// Scripted takes for unit tests: test tooling kept outside the shipped library.
#[cfg(test)]
#[path = "../../tests/support/synthetic.rs"]
pub mod synthetic;
pub mod trend;
pub mod when;

pub use entry::SessionEntry;
pub use store::{Listing, NewSession, Store, StoredSession};
