//! How the commands style what they print on stdout: `Paint` colours text when colour is on
//! for stdout (see `colour`) and leaves it plain otherwise, `Table` aligns columns by their
//! display width (colour codes take none), and `truncate` shortens text to a width.

use console::{measure_text_width, pad_str, Alignment, Style};
use std::io::Write;

use crate::analysis::Status;

/// Applies styles when colour is on, and leaves text plain otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub enabled: bool,
}

impl Paint {
    /// Colour for stdout, as decided at start-up.
    pub fn for_stdout() -> Paint {
        Paint {
            enabled: super::colour::stdout(),
        }
    }

    /// No colour (tests compare plain text).
    #[cfg(test)]
    pub fn plain() -> Paint {
        Paint { enabled: false }
    }

    pub fn apply(&self, style: &Style, text: &str) -> String {
        if self.enabled {
            style.clone().force_styling(true).apply_to(text).to_string()
        } else {
            text.to_string()
        }
    }

    pub fn status(&self, s: Status) -> String {
        let style = match s {
            Status::Pass => Style::new().green(),
            Status::Warn => Style::new().yellow(),
            Status::Fail => Style::new().red().bold(),
        };
        self.apply(&style, &s.as_str().to_uppercase())
    }

    pub fn dim(&self, text: &str) -> String {
        self.apply(&Style::new().dim(), text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.apply(&Style::new().bold(), text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A plain-text table: columns padded to their widest cell, two spaces apart.
#[derive(Debug, Default)]
pub struct Table {
    aligns: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(aligns: &[Align]) -> Table {
        Table {
            aligns: aligns.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn write(&self, out: &mut dyn Write, indent: &str) -> std::io::Result<()> {
        let mut widths = vec![0usize; self.aligns.len()];
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(widths.len()) {
                widths[i] = widths[i].max(measure_text_width(cell));
            }
        }
        let mut line = String::new();
        for row in &self.rows {
            line.clear();
            line.push_str(indent);
            for (i, cell) in row.iter().enumerate().take(widths.len()) {
                if i > 0 {
                    line.push_str("  ");
                }
                let align = match self.aligns[i] {
                    Align::Left => Alignment::Left,
                    Align::Right => Alignment::Right,
                };
                line.push_str(&pad_str(cell, widths[i], align, None));
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// Shortens text to `width` columns with an ellipsis.
pub fn truncate(text: &str, width: usize) -> String {
    console::truncate_str(text, width, "…").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pads_by_display_width_and_trims_line_ends() {
        let mut t = Table::new(&[Align::Left, Align::Right, Align::Left]);
        t.row(vec!["id".into(), "wpm".into(), "".into()]);
        t.row(vec!["é…".into(), "143".into(), "x".into()]);
        let mut out = Vec::new();
        t.write(&mut out, "").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "id  wpm\né…  143  x\n");
    }

    #[test]
    fn plain_paint_adds_no_codes() {
        let p = Paint::plain();
        assert_eq!(p.status(Status::Warn), "WARN");
        assert_eq!(p.bold("x"), "x");
        let c = Paint { enabled: true };
        assert!(c.status(Status::Fail).contains('\u{1b}'));
    }
}
