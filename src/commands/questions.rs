//! `rehearse questions [add TEXT]`: the built-in second-interview questions plus the user's own.

use anyhow::Result;
use std::io::Write;

use crate::cli::{QuestionsAction, QuestionsArgs};
use crate::config::Config;
use crate::practice::questions::QuestionBank;

pub fn run(args: &QuestionsArgs, config: &Config, out: &mut dyn Write) -> Result<()> {
    let mut bank = QuestionBank::load(&config.config_dir)?;
    if let Some(QuestionsAction::Add {
        text,
        target,
        tough,
    }) = &args.action
    {
        let q = bank.add(text, target.map(|r| (r.min, r.max)), *tough)?;
        writeln!(
            out,
            "added '{}' (practise it with `rehearse practice --pick {}`)",
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
            crate::analysis::checks::clock(q.target_min_s),
            crate::analysis::checks::clock(q.target_max_s)
        );
        let tough = if q.tough { " (tough)" } else { "" };
        writeln!(out, "{:<width$}  {:<11}  {}{tough}", q.id, target, q.text)?;
    }
    Ok(())
}
