//! The user's question bank: any file loads or gives one error; a bank that loads can be listed,
//! picked from, added to, and still loads afterwards with the new question in it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rehearse::fuzzing::{QuestionBank, FILE_NAME};

fuzz_target!(|data: &[u8]| {
    let dir = rehearse_fuzz::scratch().join("questions");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(FILE_NAME), data).unwrap();
    let Ok(mut bank) = QuestionBank::load(&dir) else {
        return;
    };
    let before = bank.list();
    for q in &before {
        let _ = bank.pick(&q.id);
    }
    let _ = bank.pick_with_seed("random", data.len() as u64);
    let added = bank.add(
        "What did you learn from it?",
        Some(rehearse::units::Range::new(30.0, 90.0)),
        false,
        None,
    );
    let added = added.expect("adding to a bank that loads");
    let after = QuestionBank::load(&dir).expect("the bank still loads after an add");
    assert_eq!(after.list().len(), before.len() + 1);
    assert_eq!(after.pick(&added.id).expect("the new id").text, added.text);
});
