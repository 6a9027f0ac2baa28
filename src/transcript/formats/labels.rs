//! Speaker labels written into the text ("Alex Chen: So the build…", as Zoom and most
//! plain-text transcripts do), and the leading marks of a speaker change (`- `, `>>`).

/// The longest label taken for a name; longer text before a colon is a sentence.
const MAX_LABEL_CHARS: usize = 40;
const MAX_LABEL_WORDS: usize = 4;

/// Splits `"Alex Chen: text"` into the label and the rest. A label is one to four words, each
/// starting with a capital letter or a digit ("Speaker 1", "SPEAKER_00", "Dr. Lee"), followed
/// by a colon and a space or the end of the line, so "10:30" and "Here's the thing: we…" are
/// not labels.
pub fn split_label(line: &str) -> Option<(&str, &str)> {
    let (label, rest) = line.split_once(':')?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let label = label.trim();
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    let name_like = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '-' | '_' | '’'))
    };
    let first_is_letter = label.chars().next().is_some_and(char::is_alphabetic);
    (first_is_letter && words.len() <= MAX_LABEL_WORDS && words.iter().all(|w| name_like(w)))
        .then(|| (label, rest.trim_start()))
}

/// Removes the marks that start a new speaker's line in captions: a dialogue dash (`- `) and
/// the broadcast `>>`.
pub fn strip_turn_marks(line: &str) -> &str {
    let mut s = line.trim_start();
    loop {
        let next = s
            .strip_prefix(">>")
            .or_else(|| s.strip_prefix("- "))
            .or_else(|| s.strip_prefix("– "))
            .map(str::trim_start);
        match next {
            Some(rest) => s = rest,
            None => return s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_before_a_colon_are_labels() {
        assert_eq!(
            split_label("Alex Chen: So we shipped."),
            Some(("Alex Chen", "So we shipped."))
        );
        assert_eq!(split_label("SPEAKER_00: Hi"), Some(("SPEAKER_00", "Hi")));
        assert_eq!(split_label("Speaker 1: Hi"), Some(("Speaker 1", "Hi")));
        assert_eq!(split_label("Dr. O'Neil:"), Some(("Dr. O'Neil", "")));
    }

    #[test]
    fn sentences_times_and_links_are_not_labels() {
        for line in [
            "Here's the thing: we shipped.",
            "At 10:30 we met.",
            "see https://example.org",
            "we had one goal: speed.",
            ": nothing",
            "1: first",
            "The Very Long Team Name Here: hi",
        ] {
            assert_eq!(split_label(line), None, "{line}");
        }
    }

    #[test]
    fn turn_marks_are_stripped() {
        assert_eq!(strip_turn_marks(">> ALEX: Hi"), "ALEX: Hi");
        assert_eq!(strip_turn_marks("- Well, yes."), "Well, yes.");
        assert_eq!(strip_turn_marks("-5 degrees"), "-5 degrees");
    }
}
