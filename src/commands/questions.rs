//! `rehearse questions [add TEXT]`: the built-in second-interview questions plus the user's own.

use anyhow::Result;
use std::io::Write;

use crate::cli::{QuestionsAction, QuestionsArgs};
use crate::config::Config;
use crate::practice::questions::{Question, QuestionBank};

pub fn run(args: &QuestionsArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let mut bank = QuestionBank::load(&config.config_dir)?;
    if let Some(QuestionsAction::Add {
        text,
        target,
        tough,
        example,
        no_example,
    }) = &args.action
    {
        let mark = match (example, no_example) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        };
        let q = bank.add(text, *target, *tough, mark)?;
        let story = if is_story(&q) {
            "answers are coached as a story: situation, task, action, result"
        } else {
            "answers get no story checks"
        };
        writeln!(
            out,
            "added '{}' ({story}; practise it with `rehearse practice --pick {}`)",
            q.id, q.id
        )?;
        return Ok(());
    }
    let list = bank.list();
    if args.json {
        for q in &list {
            writeln!(out, "{}", serde_json::to_string(q)?)?;
        }
        return Ok(());
    }
    let width = list.iter().map(|q| q.id.len()).max().unwrap_or(2).max(2);
    writeln!(out, "{:<width$}  {:<11}  question", "id", "target")?;
    for q in &list {
        let target = format!(
            "{}–{}",
            crate::units::clock(q.target.min),
            crate::units::clock(q.target.max)
        );
        let tough = if q.tough { " (tough)" } else { "" };
        let story = if is_story(q) { " (story)" } else { "" };
        writeln!(
            out,
            "{:<width$}  {:<11}  {}{tough}{story}",
            q.id, target, q.text
        )?;
    }
    Ok(())
}

/// Whether answers to the question are coached as a story: its mark, or else its wording.
fn is_story(q: &Question) -> bool {
    q.example
        .unwrap_or_else(|| crate::analysis::structure::asks_for_example(&q.text))
}
