//! The session store, listings and trends (to be written).
