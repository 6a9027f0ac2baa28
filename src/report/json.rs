//! JSON writer
