//! Unit tests of the filler rules on hand-written sentences: each cue (words around, timing,
//! punctuation) on its own, the rule each verdict names, and the user's own list.

use super::*;
use crate::analysis::test_support::words;
use Verdict::{Filler, Meant};

/// The fillers counted with default settings, by canonical text.
fn fillers(text: &str) -> Vec<String> {
    texts(&find_fillers(&words(text), &FillerSettings::default()).fillers)
}

fn openers(text: &str) -> Vec<String> {
    texts(&find_fillers(&words(text), &FillerSettings::default()).openers)
}

fn texts(hits: &[FillerHit]) -> Vec<String> {
    hits.iter().map(|h| h.text.clone()).collect()
}

/// Words with times: 0.25 s each, 0.05 s apart; a lone `|` is a 0.6 s pause.
fn timed(text: &str) -> Vec<Word> {
    let mut clock = 0.0;
    let mut out = Vec::new();
    for token in text.split_whitespace() {
        if token == "|" {
            clock += 0.6;
            continue;
        }
        out.push(Word {
            word: token.to_string(),
            start: clock,
            end: clock + 0.25,
            probability: 1.0,
        });
        clock += 0.3;
    }
    out
}

/// Words without times, as in a pasted transcript.
fn untimed(text: &str) -> Vec<Word> {
    text.split_whitespace()
        .map(|w| Word {
            word: w.to_string(),
            start: 0.0,
            end: 0.0,
            probability: 1.0,
        })
        .collect()
}

fn counted(words: &[Word]) -> Vec<String> {
    texts(&find_fillers(words, &FillerSettings::default()).fillers)
}

/// The verdict on the first candidate whose text is `what`.
fn verdict(words: &[Word], what: &str) -> Verdict {
    explain(words, &FillerSettings::default())
        .into_iter()
        .find(|d| d.hit.text == what)
        .unwrap_or_else(|| panic!("no candidate {what:?}"))
        .verdict
}

#[test]
fn hesitation_sounds_in_all_spellings() {
    assert_eq!(
        fillers("Umm, I, uh, think er, hmm, yes. Uhm... ah, Mm."),
        ["um", "uh", "er", "hmm", "um", "ah", "hmm"]
    );
}

#[test]
fn like_as_verb_comparison_or_example_is_not_a_filler() {
    for meant in [
        "I would like to lead the team.",
        "We used tools like Jenkins and Docker.",
        "The new office felt like home.",
        "I'd like, to be honest, more time.",
        "Do you like working alone?",
        "Our customers like the new dashboard.",
        "Something like that happens every release.",
        "Like I said, the deadline was fixed.",
        "Nobody knew what the old system was like.",
        "It works just like the old version.",
        "We had reports, dashboards and the like.",
        "I really like the way she ran the retro.",
    ] {
        assert!(fillers(meant).is_empty(), "{meant}: {:?}", fillers(meant));
    }
}

#[test]
fn like_as_a_filler_without_commas() {
    for (text, rule) in [
        (
            "Like the first week we mapped the old system.",
            "like: at a sentence start or after a pause",
        ),
        (
            "it was like the most fun I had",
            "like: before a superlative",
        ),
        ("we had like two hundred tickets", "like: before an amount"),
        ("it was like really stressful", "like: before a degree word"),
        ("I had to like go and ask", "like: before a verb"),
        (
            "there was like a huge backlog",
            "like: before the object of a verb",
        ),
        (
            "these like juice machines broke",
            "like: inside a noun phrase",
        ),
        ("and like nobody had read it", "like: at a clause start"),
        ("it was like you know a mess", "like: before another filler"),
        (
            "it was like it was not ready",
            "like: the speaker restarts after it",
        ),
    ] {
        let w = words(text);
        assert_eq!(verdict(&w, "like"), Verdict::Filler(rule), "{text}");
    }
}

/// Asserts the verdict on "like" in each untimed sentence.
fn assert_like_verdicts(cases: &[(&str, Verdict)]) {
    for (text, expected) in cases {
        assert_eq!(verdict(&untimed(text), "like"), *expected, "{text}");
    }
}

#[test]
fn like_from_its_syntax_and_the_pauses_around_it() {
    let said = Filler("like: introduces what was said or thought");
    assert_like_verdicts(&[
        (
            "and like makes the build slower",
            Filler("like: before a verb"),
        ),
        ("they kept saying like we're almost done", said),
        ("i thought like the tests would pass", said),
        (
            "it took like about two hours",
            Filler("like: before an amount"),
        ),
        (
            "the tests are slow like if you run them all",
            Filler("like: before an example clause"),
        ),
        (
            "well like there's a catch",
            Filler("like: at a clause start"),
        ),
    ]);
    for (text, rule) in [
        (
            "we finished the demo and then we left | like",
            "like: trailing off after a pause",
        ),
        (
            "but like | the rent went up again",
            "like: a pause after it, nothing before it to compare",
        ),
    ] {
        assert_eq!(verdict(&timed(text), "like"), Filler(rule), "{text}");
        // Without the times the pause is not there, and neither is the cue.
        let plain = text.replace(" |", "");
        assert_ne!(verdict(&untimed(&plain), "like"), Filler(rule), "{plain}");
    }
    // "you" after "give" is its object, not the subject of the verb "like".
    assert!(matches!(
        verdict(&untimed("did they give you like a second try"), "like"),
        Filler(_)
    ));
    assert!(matches!(
        verdict(&untimed("did you like a second try"), "like"),
        Meant(_)
    ));
}

#[test]
fn like_as_the_conjunction_as_or_after_seems_to_me_is_meant() {
    let compared = Meant("like: comparison after a perception verb, vague noun or degree word");
    let as_do = Meant("like: conjunction \"as\" before a clause with \"do\"");
    assert_like_verdicts(&[
        ("it looks to me like the build is broken", compared),
        ("it seemed to them like a good plan", compared),
        ("they shipped it late like most teams do", as_do),
        ("we wrote it in rust like they did in the old system", as_do),
    ]);
    // After a verb of thinking, "like" before a noun phrase alone compares.
    assert!(fillers("i think like an engineer would").is_empty());
    assert!(fillers("she thinks like a lawyer").is_empty());
}

#[test]
fn like_set_off_by_punctuation_is_a_filler() {
    assert_eq!(fillers("It was, like, the first week."), ["like"]);
    assert_eq!(fillers("Like, we had no tests."), ["like"]);
    assert_eq!(fillers("and I was like, wow."), ["like"]);
    assert_eq!(fillers("We, like, rewrote it."), ["like"]);
}

#[test]
fn a_pause_before_like_opens_a_new_clause_only_with_word_times() {
    let text = "the old service was stable | like the tests all passed";
    assert_eq!(counted(&timed(text)), ["like"]);
    assert_eq!(
        verdict(&timed(text), "like"),
        Verdict::Filler("like: at a sentence start or after a pause")
    );
    // The same words without times give no cue: left uncounted.
    let plain: String = text.replace(" |", "");
    assert!(counted(&untimed(&plain)).is_empty());
    // A pause before an example is not enough: "like" + a noun without a determiner.
    assert!(counted(&timed("we used tools | like jenkins")).is_empty());
}

#[test]
fn you_know_and_i_mean_only_as_fillers() {
    assert_eq!(fillers("It was, you know, hard."), ["you know"]);
    assert_eq!(
        fillers("and you know the deadlines we had promised"),
        ["you know"]
    );
    assert_eq!(fillers("It was a hard quarter, you know?"), ["you know"]);
    assert!(fillers("Do you know the answer?").is_empty());
    assert!(fillers("As you know, we shipped.").is_empty());
    assert!(fillers("You know what happened next?").is_empty());
    assert!(fillers("You know more about it than I do.").is_empty());
    assert_eq!(fillers("I mean, it worked."), ["i mean"]);
    assert_eq!(fillers("we had three i mean four engineers"), ["i mean"]);
    assert!(fillers("That is what I mean, exactly.").is_empty());
    assert!(fillers("I mean it.").is_empty());
    assert!(fillers("I mean to finish it.").is_empty());
}

#[test]
fn hedgy_kind_of_but_not_a_kind_of() {
    assert_eq!(fillers("It was kind of hard."), ["kind of"]);
    assert_eq!(fillers("We sort of agreed."), ["sort of"]);
    assert_eq!(fillers("I was kinda nervous."), ["kind of"]);
    assert!(fillers("It is a kind of database.").is_empty());
    assert!(fillers("What sort of role is it?").is_empty());
    assert!(fillers("We needed a different kind of test.").is_empty());
}

#[test]
fn well_opening_a_clause_is_a_filler_but_the_adverb_is_not() {
    assert_eq!(fillers("Well, I think it went fine."), ["well"]);
    assert_eq!(fillers("well the first thing I did was read"), ["well"]);
    assert_eq!(fillers("Oh well that was the plan."), ["well"]);
    assert_eq!(fillers("She said well we could try."), ["well"]);
    for meant in [
        "The launch went well.",
        "We wrote the tests as well.",
        "She is very well known.",
        "It worked well enough.",
        "The team was well prepared.",
        "The database was well over capacity.",
    ] {
        assert!(fillers(meant).is_empty(), "{meant}: {:?}", fillers(meant));
    }
}

#[test]
fn well_after_a_verb_needs_times_to_show_a_new_clause() {
    // "testing well it's random": no pause, a new clause at once.
    let text = "it was random testing well it's random in a sense";
    assert_eq!(counted(&timed(text)), ["well"]);
    assert_eq!(
        verdict(&timed(text), "well"),
        Verdict::Filler("well: a new clause follows at once")
    );
    assert!(counted(&untimed(text)).is_empty(), "no times: left alone");
    // A pause after it: the adverb ended its clause.
    assert!(counted(&timed("the launch went well | i think")).is_empty());
}

#[test]
fn so_opening_a_sentence_is_an_opener_not_a_filler() {
    assert_eq!(openers("So, I joined in March."), ["so"]);
    assert_eq!(openers("So I joined in March."), ["so"]);
    assert_eq!(openers("It was late. So we shipped on Monday."), ["so"]);
    assert_eq!(openers("Okay, so here is what happened."), ["so"]);
    assert_eq!(openers("Um, so I think it broke."), ["so"]);
    assert_eq!(openers("So, what did I learn?"), ["so"]);
    assert!(fillers("So I joined in March.").is_empty());
    for meant in [
        "It broke, so I fixed it.",
        "So far we have two.",
        "We did this so that it scales.",
        "It was so much faster.",
        "The tests failed and so we rolled back.",
    ] {
        assert!(openers(meant).is_empty(), "{meant}: {:?}", openers(meant));
    }
    // A silence of a second or more ends a sentence without punctuation.
    let w = timed("it broke on friday | | so we rolled back");
    assert_eq!(
        texts(&find_fillers(&w, &FillerSettings::default()).openers),
        ["so"]
    );
}

#[test]
fn basically_literally_actually_honestly() {
    assert_eq!(fillers("It was basically done."), ["basically"]);
    assert_eq!(fillers("Literally everyone came."), ["literally"]);
    assert!(fillers("Don't take the spec literally.").is_empty());
    assert_eq!(fillers("Actually, it failed."), ["actually"]);
    assert_eq!(fillers("It failed the first time, actually."), ["actually"]);
    assert!(fillers("What actually happened was simple.").is_empty());
    assert!(fillers("We actually shipped early.").is_empty());
    assert_eq!(fillers("Honestly, I was tired."), ["honestly"]);
    assert!(fillers("She answered every question honestly.").is_empty());
}

#[test]
fn right_and_okay_count_only_when_the_user_lists_them() {
    let both = FillerSettings::new(&["right".into(), "okay".into()], &[]).unwrap();
    let count = |text: &str, s: &FillerSettings| texts(&find_fillers(&words(text), s).fillers);
    assert!(fillers("We need tests, right?").is_empty());
    assert!(fillers("Okay, so here is the plan.").is_empty());
    assert_eq!(count("We need tests, right?", &both), ["right"]);
    assert_eq!(
        count("Right, so the next step was hiring.", &both),
        ["right"]
    );
    assert_eq!(count("Okay, so here is the plan.", &both), ["okay"]);
    assert_eq!(count("It was late, okay?", &both), ["okay"]);
    for meant in [
        "It was the right tool.",
        "That's right.",
        "Turn right now.",
        "All right, let's go.",
        "The result was okay.",
        "Are you okay with that?",
    ] {
        assert!(count(meant, &both).is_empty(), "{meant}");
    }
}

#[test]
fn the_users_own_words_and_ignored_fillers() {
    let s = FillerSettings::new(
        &["anyway".into(), "you see".into()],
        &["like".into(), "so".into()],
    )
    .unwrap();
    let found = find_fillers(
        &words("So, anyway, it was, like, hard, you see, um, very hard."),
        &s,
    );
    assert_eq!(texts(&found.fillers), ["anyway", "you see", "um"]);
    assert!(found.openers.is_empty(), "ignoring \"so\" drops the opener");
    assert_eq!(found.fillers[1].rule, "your own filler");
    let decisions = explain(&words("it was, like, hard"), &s);
    assert_eq!(
        decisions[0].verdict,
        Verdict::Ignored("like: set off by commas")
    );
    // Listing "so" in extra counts the opener as a filler.
    let so = FillerSettings::new(&["so".into()], &[]).unwrap();
    let found = find_fillers(&words("So I joined in March."), &so);
    assert_eq!(texts(&found.fillers), ["so"]);
    assert!(found.openers.is_empty());
}

#[test]
fn list_entries_are_canonical_and_checked() {
    let s = FillerSettings::new(
        &["OK".into(), " Kinda ".into(), "okay".into()],
        &["Umm".into()],
    )
    .unwrap();
    assert_eq!(s.extra, ["okay", "kind of"]);
    assert_eq!(s.ignore, ["um"]);
    let err = FillerSettings::new(&[], &["banana".into()]).unwrap_err();
    assert_eq!(err, FillerListError::NotBuiltIn("banana".into()));
    let shown = err.to_string();
    assert!(
        shown.starts_with("fillers.ignore: \"banana\" is not a filler rehearse counts (um, "),
        "{shown}"
    );
    let err = FillerSettings::new(&["so".into()], &["so".into()]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "fillers: \"so\" is in both extra and ignore: keep it in one list"
    );
    let err = FillerSettings::new(&["...".into()], &[]).unwrap_err();
    assert_eq!(
        err,
        FillerListError::NoWord {
            list: "extra",
            entry: String::new()
        }
    );
    assert_eq!(
        err.to_string(),
        "fillers.extra: \"\" has no word in it: list words such as \"okay\""
    );
}

#[test]
fn hits_carry_times_kinds_positions_and_rules() {
    let w = words("Well, um, it was, you know, fine.");
    let hits = find_fillers(&w, &FillerSettings::default()).fillers;
    assert_eq!(texts(&hits), ["well", "um", "you know"]);
    assert_eq!(hits[1].kind, FillerKind::Sound);
    assert_eq!(hits[1].start, 0.4);
    assert_eq!(hits[1].rule, "sound: hesitation");
    assert_eq!(hits[2].kind, FillerKind::Discourse);
    assert_eq!(hits[2].start, 1.6);
    assert!((hits[2].end - 2.3).abs() < 1e-9, "spans both words");
    let d = explain(&w, &FillerSettings::default());
    assert_eq!((d[2].word_index, d[2].words), (4, 2));
}

#[test]
fn the_trace_names_every_candidate_and_its_rule() {
    let lines = trace_lines(
        &words("I would like to say, like, hi."),
        &FillerSettings::default(),
    );
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("not counted") && lines[0].contains("verb"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("filler") && lines[1].contains("set off"),
        "{}",
        lines[1]
    );
}
