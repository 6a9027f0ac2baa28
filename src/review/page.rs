//! The document around every review page: the style and script (kept in their own files and
//! compiled in), a Content-Security-Policy that allows exactly those two and the embedded
//! recording and forbids every other load, and small formatting helpers the pages share.

use base64::Engine as _;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use sha2::{Digest, Sha256};

use crate::analysis::Status;

pub const STYLE: &str = include_str!("review.css");
pub const TAKE_SCRIPT: &str = include_str!("take.js");

/// `'sha256-…'`, the CSP source that allows one inline element with exactly this text.
fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy: nothing from anywhere (`default-src 'none'`), except this page's own style and
/// script (by hash) and media and images inside the page (`data:`). Forms and `<base>` are off
/// too, so nothing in the page can send or redirect anything.
pub fn content_security_policy(script: Option<&str>) -> String {
    let script_src = script.map_or_else(|| "'none'".to_string(), csp_hash);
    format!(
        "default-src 'none'; style-src {}; script-src {script_src}; media-src data:; \
         img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(STYLE)
    )
}

/// A whole page: `title` in the tab, `body` inside `<body>`, and `script` (if any) at its end.
pub fn document(title: &str, body: Markup, script: Option<&str>) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(content_security_policy(script));
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="generator" content=(format!("rehearse {}", env!("CARGO_PKG_VERSION")));
                // Without an icon of its own a browser may look for /favicon.ico.
                link rel="icon" href="data:,";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                @if let Some(script) = script {
                    script { (PreEscaped(script)) }
                }
            }
        }
    }
    .into_string()
}

/// A status as a badge: colour for the eye, a word and a symbol for everyone else.
pub fn status_badge(status: Status) -> Markup {
    let (symbol, word) = match status {
        Status::Pass => ("✓", "pass"),
        Status::Warn => ("!", "warn"),
        Status::Fail => ("✗", "fail"),
    };
    html! {
        span class=(format!("badge {word}")) {
            span aria-hidden="true" { (symbol) } " " (word)
        }
    }
}

/// Seconds as they go into `data-start`/`data-end`: the report's own precision, no trailing
/// zeros (`1.5`, `12.34`).
pub fn secs(t: f64) -> String {
    let s = format!("{:.3}", t.max(0.0));
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A `file://` URL for an absolute path, every byte but unreserved ones and `/` percent-encoded
/// (spaces, `#`, `?` and non-ASCII names stay links that work).
pub fn file_url(path: &std::path::Path) -> String {
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_pages_own_script_and_style_and_nothing_remote() {
        let csp = content_security_policy(Some(TAKE_SCRIPT));
        assert!(csp.starts_with("default-src 'none'; "), "{csp}");
        // The hash of the exact script text, as a browser computes it.
        let expected = format!(
            "script-src 'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(TAKE_SCRIPT))
        );
        assert!(csp.contains(&expected), "{csp}");
        assert!(!csp.contains("http") && !csp.contains('*'), "{csp}");
        assert!(!csp.contains("unsafe"), "{csp}");
        assert!(content_security_policy(None).contains("script-src 'none'"));
    }

    #[test]
    fn file_urls_encode_what_a_url_cannot_hold() {
        assert_eq!(
            file_url(std::path::Path::new("/home/ana/my takes/#1/é.html")),
            "file:///home/ana/my%20takes/%231/%C3%A9.html"
        );
    }

    #[test]
    fn seconds_keep_the_reports_precision() {
        assert_eq!(secs(1.5), "1.5");
        assert_eq!(secs(12.345), "12.345");
        assert_eq!(secs(3.0), "3");
        assert_eq!(secs(0.0), "0");
        assert_eq!(secs(-0.01), "0");
    }
}
