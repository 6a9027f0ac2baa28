//! The one integration test binary (every extra one re-links whisper.cpp). The owner's branch
//! adds its own modules here; `history` covers the session store and the review commands.

mod history;
mod support_history;
