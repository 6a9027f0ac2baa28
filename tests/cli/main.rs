//! The one integration-test binary (every extra one would re-link whisper.cpp). Tests run the
//! real `rehearse` binary with the real model on the project's fixture recordings, each in a
//! temporary world (data and config dirs of its own).

mod analyze;
mod capture_support;
mod support;
