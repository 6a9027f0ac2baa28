//! Whether output is coloured, decided once at start-up for stdout and stderr apart, from
//! `--color`, the environment and whether each stream is a terminal. Everything that paints
//! asks `stdout()` or `stderr()` here (console's styles and indicatif's bars read the same
//! switches), so no part of the program decides on its own.

use std::io::IsTerminal;

use crate::cli::ColorChoice;

/// What the environment says about colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ColourEnv {
    /// `NO_COLOR` set and not empty: no colour, whatever else says so.
    no_color: bool,
    /// `CLICOLOR_FORCE` set and not `0`: colour even off a terminal.
    force: bool,
    /// `CLICOLOR=0`: no colour on a terminal either.
    clicolor_off: bool,
    /// `TERM=dumb`: a terminal that shows escape codes as text.
    dumb_terminal: bool,
}

impl ColourEnv {
    fn from_process() -> Self {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        ColourEnv {
            no_color: var("NO_COLOR").is_some(),
            force: var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
            clicolor_off: var("CLICOLOR").is_some_and(|v| v == "0"),
            dumb_terminal: var("TERM").is_some_and(|v| v == "dumb"),
        }
    }
}

/// The decision for one stream. `--color always|never` wins; `auto` colours a terminal unless
/// the environment says otherwise, and NO_COLOR beats CLICOLOR_FORCE (a user who asked for no
/// colour anywhere is not overridden by a tool that forces it).
fn decide(choice: ColorChoice, is_terminal: bool, env: ColourEnv) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !env.no_color && (env.force || (is_terminal && !env.clicolor_off && !env.dumb_terminal))
        }
    }
}

/// Applies `--color` to both streams. Called once, before anything is printed.
pub fn init(choice: ColorChoice) {
    let env = ColourEnv::from_process();
    console::set_colors_enabled(decide(choice, std::io::stdout().is_terminal(), env));
    console::set_colors_enabled_stderr(decide(choice, std::io::stderr().is_terminal(), env));
}

/// Whether what goes to stdout is coloured.
pub fn stdout() -> bool {
    console::colors_enabled()
}

/// Whether what goes to stderr is coloured.
pub fn stderr() -> bool {
    console::colors_enabled_stderr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_colours_a_terminal_only() {
        let env = ColourEnv::default();
        assert!(decide(ColorChoice::Auto, true, env));
        assert!(!decide(ColorChoice::Auto, false, env));
    }

    #[test]
    fn the_flag_wins_over_terminal_and_environment() {
        let no_color = ColourEnv {
            no_color: true,
            ..ColourEnv::default()
        };
        assert!(decide(ColorChoice::Always, false, no_color));
        assert!(!decide(ColorChoice::Never, true, ColourEnv::default()));
    }

    #[test]
    fn the_environment_steers_auto() {
        let with = |env: ColourEnv, terminal| decide(ColorChoice::Auto, terminal, env);
        let base = ColourEnv::default();
        assert!(!with(
            ColourEnv {
                no_color: true,
                ..base
            },
            true
        ));
        assert!(with(
            ColourEnv {
                force: true,
                ..base
            },
            false
        ));
        assert!(!with(
            ColourEnv {
                no_color: true,
                force: true,
                ..base
            },
            true
        ));
        assert!(!with(
            ColourEnv {
                clicolor_off: true,
                ..base
            },
            true
        ));
        assert!(!with(
            ColourEnv {
                dumb_terminal: true,
                ..base
            },
            true
        ));
    }
}
