//! Practising with the microphone: the question bank, the take recorder (countdown, live
//! rehearsal timer, stop by Enter, signal or limit), and the timer's display.

pub mod enter;
pub mod questions;
pub mod session;
pub mod timer;
