//! The review pages, to hear and read takes in a browser: one self-contained HTML file per take
//! (the recording inside it, the transcript following along as it plays, fillers, hedges,
//! repetitions and long pauses marked, the numbers against their targets) and a progress page
//! over many takes (charts, the latest two takes of a question side by side, the list of takes).
//!
//! Pages are built by pure functions from the saved report (and the encoded recording) and
//! returned as text; `commands::review` reads the files and writes the page. All text goes
//! through maud, which escapes it; the style and script are this folder's `review.css` and
//! `take.js`, compiled in; a Content-Security-Policy forbids loading anything else.

pub mod audio;
mod chart;
pub mod page;
pub mod progress;
pub mod take;
pub mod timeline;
