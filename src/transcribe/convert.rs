//! Converter from CTranslate2 Whisper models to whisper.cpp's ggml format (being written).

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputType {
    F16,
    Q8_0,
}
