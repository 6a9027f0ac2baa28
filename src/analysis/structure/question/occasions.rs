//! The wordings that ask for one occasion from the speaker's past: a telling verb before an
//! occasion ("tell me about the week that nearly broke your workroom", "walk me through how you
//! solved it"), a superlative of the speaker's own ("the hardest call you had to make", "your
//! proudest moment"), a thing named by what the speaker did ("what's something you fixed"), how
//! the speaker or their group handled something ("how did your team cope when…", "what did you
//! do when…") and looking back ("a decision you'd make differently today"). Each is a predicate
//! over a question's words (`question_words`), checked against every labelled question.

use super::super::lexicon;
use super::LEAD_INS;

/// Verbs that ask the speaker to tell something: followed by "a", "an", "the", "one" or "your"
/// plus a superlative, they ask for an example.
const TELLING: &[&[&str]] = &[
    &["tell", "me", "about"],
    &["tell", "us", "about"],
    // "I'd like to hear about an offshore campaign where…".
    &["hear", "about"],
    &["talk", "me", "through"],
    &["talk", "us", "through"],
    &["talk", "about"],
    &["walk", "me", "through"],
    &["walk", "us", "through"],
    &["take", "me", "through"],
    &["take", "me", "back", "through"],
    &["take", "us", "through"],
    &["describe"],
    &["share"],
    &["recall"],
    &["remember"],
    &["think", "of"],
    &["think", "about"],
    &["give", "me"],
    &["give", "us"],
    &["give"],
];

/// Superlatives not formed with "-est" ("your best …", "the worst call you made", "the most
/// useful thing"); `lexicon::is_est_superlative` hears the rest ("biggest", "hardest").
const SUPERLATIVES: &[&str] = &["best", "worst", "most"];

/// A superlative: the listed ones ("best", "worst", "most") and any adjective in "-est"
/// ("the angriest call", "the roughest night"), which singles out one occasion the same way.
pub(super) fn is_superlative(word: &str) -> bool {
    SUPERLATIVES.contains(&word) || lexicon::is_est_superlative(word)
}

/// A superlative or an ordinal at `words[i]` that singles something out: not "most of your
/// mates", a quantity.
fn singles_out(words: &[&str], i: usize) -> bool {
    let word = words[i];
    (is_superlative(word) || ORDINALS.contains(&word))
        && !(word == "most" && words.get(i + 1) == Some(&"of"))
}

/// "The first thing you ran on your own", "the last call you made": like a superlative, an
/// ordinal singles out one occasion when the speaker's past act follows.
const ORDINALS: &[&str] = &["first", "last"];

/// Besides the superlatives, words of experience that make "tell me about your …" a story
/// question.
const MEMORABLE: &[&str] = &[
    "least",
    "last",
    "first",
    "favourite",
    "favorite",
    "achievement",
    "accomplishment",
    "failure",
    "mistake",
    "experience",
    "project",
];

/// "Describe a situation where you had to delegate a task you'd normally do yourself": the
/// speaker's past act right after "where" or "when" is a clear past occasion, whatever habit
/// the rest names.
pub(super) fn you_acted_when(w: &[&str]) -> bool {
    w.windows(3).any(|t| {
        matches!(t[0], "where" | "when")
            && t[1] == "you"
            // Only "had" and regular pasts: "when you set up a new job" is a habit.
            && (t[2] == "had"
                || (t[2].ends_with("ed") && lexicon::is_past_verb_after_subject(t[2])))
    })
}

/// "Is there a patient you'd care for differently if you had the chance again?", "a damp case
/// you'd handle differently if you had it again", "a decision you'd make differently today":
/// looking back on something done, which only a story answers; "again", "now", "today",
/// "hindsight" or "back" says it is done (not "something you'd do differently in your next
/// role").
pub(super) fn would_do_differently_now(w: &[&str]) -> bool {
    (0..w.len()).any(|k| {
        w[k] == "you'd"
            && (k + 2..(k + 5).min(w.len())).any(|d| {
                w[d] == "differently"
                    && w[d + 1..]
                        .iter()
                        .any(|x| matches!(*x, "again" | "now" | "today" | "hindsight" | "back"))
            })
    })
}

/// How many words after a superlative its noun and the clause about it may run: "the hardest
/// part of a practice merger you've had to deal with", "the oddest reason a printer stopped
/// working that you've had to track down", "the worst thing that's happened to a customer's
/// clothes while you had them" (10 and 12 route the same labelled questions).
const SUPERLATIVE_REACH: usize = 12;

/// "What's the biggest problem you've solved?", "the hardest call you had to make", "the
/// most useful thing your team has done": a superlative thing, then the speaker (or their
/// team) as its doer, is one occasion from their past. So is "the deal you're proudest of".
pub(super) fn superlative_of_yours(w: &[&str]) -> bool {
    let past = lexicon::is_past_verb_after_subject;
    let proud = w.windows(3).any(|t| {
        matches!(t[0], "you're" | "you")
            && (t[1] == "proudest" || (t[1] == "most" && t[2] == "proud"))
    });
    // "the night you were most worried about the crop", "the day you felt proudest": the
    // superlative after the speaker's past state.
    let felt_most = w
        .windows(3)
        .any(|t| t[0] == "you" && matches!(t[1], "were" | "felt" | "got") && is_superlative(t[2]));
    proud
        || felt_most
        || (0..w.len()).any(|i| {
            let after = &w[i + 1..(i + 1 + SUPERLATIVE_REACH).min(w.len())];
            singles_out(w, i)
                && after.windows(2).enumerate().any(|(k, pair)| match pair {
                    // Not "who to see first when you've got more referrals": a condition,
                    // what the speaker does whenever it holds.
                    // Nor "the first week with a form you've never met", not yet lived.
                    ["you've", next] => {
                        *next != "never"
                            && (k == 0
                                || !matches!(after[k - 1], "when" | "whenever" | "if" | "once"))
                    }
                    // "the strangest thing a visitor has ever asked you": someone else's act
                    // that the speaker lived through.
                    ["has" | "have", "ever"] => true,
                    // "the most difficult thing a guest has asked you to sort out": someone
                    // else's act on the speaker.
                    ["has" | "have", verb] => {
                        lexicon::is_past_verb_after_subject(verb)
                            && after[k + 2..(k + 4).min(after.len())].contains(&"you")
                    }
                    // "the oddest thing anyone's ever left in your cab", "they've ever".
                    [doer, "ever"] => doer.ends_with("'s") || doer.ends_with("'ve"),
                    // "the first home visit you remember doing": looking back on it (not "the
                    // first thing you remember to check", a habit).
                    ["you", verb] => {
                        matches!(*verb, "had" | "did" | "ever" | "have" | "was" | "were")
                            || past(verb)
                            || (LOOKING_BACK.contains(verb) && after.get(k + 2) != Some(&"to"))
                    }
                    // "your team has done", "your team made": one or two words of who, then
                    // a past act.
                    ["your", _] => your_group_acted(&after[k..]),
                    // "the first design of yours that real people just couldn't use".
                    ["yours", "that" | "which"] => yours_that_went(&after[k..]),
                    // "the closest a school show of yours has come to not going on".
                    ["yours", "has" | "have" | "had"] => true,
                    // "the first project that really tested you", "the scariest thing that's
                    // happened to you": something that happened to the speaker.
                    ["that" | "which" | "who" | "that's", _] => happened_to_you(&after[k + 1..]),
                    _ => false,
                })
        })
}

/// "really tested you", "surprised you", "happened to you": a past verb (after any adverbs)
/// with the speaker as its object.
fn happened_to_you(words: &[&str]) -> bool {
    let mut rest = words
        .iter()
        .skip_while(|w| lexicon::ADVERBS_BEFORE_VERB.contains(w));
    rest.next()
        .is_some_and(|v| lexicon::is_past_verb_after_subject(v))
        && rest.take(2).any(|w| *w == "you")
}

/// "your team has done", "your office coped", "your team had to move": `words[0]` is "your",
/// then one or two words of who, then a past act (not "your team had a", owning).
fn your_group_acted(words: &[&str]) -> bool {
    words.first() == Some(&"your")
        && (2..words.len().min(5)).any(|k| {
            let v = words[k];
            matches!(v, "has" | "have" | "did")
                || (v == "had" && words.get(k + 1) == Some(&"to"))
                || (lexicon::is_past_verb_after_subject(v) && v != "had")
        })
}

/// "What did your team do when the server went down?", "what did your crew do after the
/// flood": "what did you do" asked of the speaker's group (one to three words of who), about
/// an occasion named by "when", "after" or "once". Without it, "what did your last manager do
/// well" asks about someone else, not for a story.
pub(super) fn what_did_your_group_do_when(w: &[&str]) -> bool {
    w.windows(3).enumerate().any(|(i, t)| {
        t == ["what", "did", "your"]
            && (i + 4..=i + 6).any(|k| {
                w.get(k) == Some(&"do")
                    && matches!(w.get(k + 1).copied(), Some("when" | "after" | "once"))
            })
    })
}

/// "Has any of your research ever changed a policy?", "did your team ever miss a launch":
/// "have you ever" asked of something of the speaker's. So is "has anyone ever told you…",
/// "has a director ever asked you…": someone else's act that the speaker lived through (one
/// or two words of who, and "you" within four words after "ever": "has a hearing ever moved so
/// fast you struggled…").
pub(super) fn has_yours_ever(w: &[&str]) -> bool {
    let Some(ever) = w.iter().position(|x| *x == "ever") else {
        return false;
    };
    w[..ever]
        .iter()
        .position(|x| matches!(*x, "has" | "have" | "did"))
        .is_some_and(|asked| {
            let who = &w[asked + 1..ever];
            who.contains(&"your")
                || ((1..=2).contains(&who.len())
                    && !who.contains(&"you")
                    && w[ever + 1..(ever + 5).min(w.len())].contains(&"you"))
        })
}

/// Nouns for one lived occasion or its outcome, which a superlative of the speaker's singles
/// out: "your proudest moment", "the biggest achievement of your career".
pub(super) const ACCOUNTS: &[&str] = &[
    "achievement",
    "accomplishment",
    "moment",
    "success",
    "failure",
    "mistake",
    "win",
    "day",
    // "What's your biggest regret from your time in residency?": something the speaker did
    // or let pass.
    "regret",
];

/// "What's your proudest professional accomplishment?", "your proudest moment as a nurse",
/// "the biggest achievement of your career so far": a superlative occasion of the speaker's
/// (unlike "your biggest strength", a quality).
pub(super) fn your_best_moment(w: &[&str]) -> bool {
    let account = |i: usize| {
        is_superlative(w[i])
            && (w.get(i + 1).is_some_and(|n| ACCOUNTS.contains(n))
                || w.get(i + 2).is_some_and(|n| ACCOUNTS.contains(n)))
    };
    (1..w.len()).any(|i| {
        account(i)
            && (w[i - 1] == "your"
                || (w[i - 1] == "the" && w[i + 1..].windows(2).any(|p| p == ["of", "your"])))
    })
}

/// "(Have you) ever had one of your swarms end up somewhere it shouldn't?", "ever been
/// asked to…": "have you" left out in speech, the question starts with "ever" and a past act.
pub(super) fn ever_first(w: &[&str]) -> bool {
    let mut rest = w.iter().skip_while(|x| LEAD_INS.contains(x));
    rest.next() == Some(&"ever")
        && rest
            .next()
            .is_some_and(|v| matches!(*v, "had" | "been") || lexicon::is_past_verb_after_subject(v))
}

/// Words for the group a speaker works in: "how did your team cope when…".
const GROUPS: &[&str] = &[
    "team",
    "crew",
    "department",
    "office",
    "unit",
    "squad",
    "staff",
    "shift",
    "ward",
    "committee",
    "club",
    "society",
    "group",
    "band",
    "choir",
];

/// Verbs of dealing with something that happened: "how did your home deal with the errors".
const HANDLED: &[&str] = &[
    "deal", "handle", "cope", "respond", "react", "tackle", "manage", "recover",
];

/// "How did your team cope when the deadline came round?", "how did your crew get on with the
/// rooftop job", "how did your society's committee turn around…", "how did your dispensary
/// team bring down…": how the speaker's group handled one occasion. So is "how did your home
/// deal with the errors" (any one or two words of who, then a verb of dealing with it). Not
/// "how did your degree prepare you for this role" (not a group, and not dealing with
/// something).
pub(super) fn how_did_your_group(w: &[&str]) -> bool {
    let group = |k: usize| w.get(k).is_some_and(|x| GROUPS.contains(x));
    let handled = |k: usize| w.get(k).is_some_and(|x| HANDLED.contains(x));
    (0..w.len()).any(|i| {
        w[i..].starts_with(&["how", "did", "your"])
            // "your team", "your society's committee", "your dispensary team".
            && (group(i + 3)
                || group(i + 4)
                || handled(i + 4)
                || handled(i + 5))
    })
}

/// "How did the rollout of the new case system go?", "how did your first week go": how one
/// past occasion went, which only a story answers.
pub(super) fn how_did_it_go(w: &[&str]) -> bool {
    w.windows(2).enumerate().any(|(i, pair)| {
        let rest = &w[i + 2..(i + 12).min(w.len())];
        // "how did the tender you mentioned turn out in the end?", "pan out", "work out".
        let turned_out = rest
            .windows(2)
            .any(|p| matches!(p[0], "turn" | "pan" | "work") && p[1] == "out");
        pair == ["how", "did"] && (rest.contains(&"go") || turned_out)
    })
}

/// "… and how it actually played out", "a complaint you handled and how it turned out": how
/// one past occasion ended, which only a story answers (with `OCCASION`'s "how it went").
pub(super) fn how_it_turned_out(w: &[&str]) -> bool {
    (0..w.len().saturating_sub(3)).any(|i| {
        w[i] == "how"
            && matches!(w[i + 1], "it" | "that" | "things")
            && verb_after_adverbs(&w[i + 2..]).is_some_and(|v| {
                let k = w[i + 2..].iter().position(|x| *x == v).unwrap_or(0) + i + 2;
                matches!(v, "played" | "turned" | "panned" | "worked")
                    && w.get(k + 1) == Some(&"out")
            })
    })
}

/// "What's something you fixed…", "what was someone you coached…", "what's a decision you
/// regret", "is there a call you made that…", "has there been a machine you fought with…": a
/// thing from the speaker's own past, named by what they did.
pub(super) fn what_is_something_you_did(w: &[&str]) -> bool {
    const THING: &[&str] = &["something", "someone", "a", "an", "one"];
    (0..w.len()).any(|i| {
        let named = match &w[i..] {
            ["what's" | "who's", thing, ..] => THING.contains(thing),
            ["what" | "who" | "is", "is" | "was" | "there", thing, ..] => THING.contains(thing),
            ["was", "there", thing, ..] => THING.contains(thing),
            // "Has there been a piece of kit you fought with for months?"
            ["has" | "have", "there", "been", thing, ..] => THING.contains(thing),
            _ => false,
        };
        named && names_your_past_act(&w[i + 1..])
    })
}

/// "How you <did something>" where the career, not an occasion, is asked about: "how you heard
/// about the job", "how you got into nursing", "how you came to apply".
const HOW_YOU_CAME_HERE: &[&[&str]] = &[
    &["heard"],
    &["found", "out"],
    &["found", "us"],
    &["came", "across"],
    &["came", "to"],
    &["got", "into"],
    &["ended", "up", "in"],
];

/// "Walk me through how you brought the scrap rate down", "I'm curious how you handled it
/// when…", "tell me how you got the backlog down": how the speaker did something, told in the
/// past, which only a story answers. All the labelled questions with "how you <past verb>"
/// ask for one; not "how you'd settle a dog" or "how you hand over an incident" (no past), and
/// not how the speaker came to the job (`HOW_YOU_CAME_HERE`).
pub(super) fn how_you_did(w: &[&str]) -> bool {
    (0..w.len().saturating_sub(2)).any(|i| {
        w[i] == "how"
            && w[i + 1] == "you"
            && lexicon::is_past_verb_after_subject(w[i + 2])
            && !HOW_YOU_CAME_HERE.iter().any(|p| w[i + 2..].starts_with(p))
    })
}

/// Verbs in the present that look back on one's own past act: "a decision you regret".
const LOOKING_BACK: &[&str] = &["regret", "remember", "recall"];

/// "… of yours that failed inspection", "… of yours that real people just couldn't use": a
/// thing of the speaker's, then what became of it, told in the past within four words. All
/// the labelled questions with "of yours that/which" ask for a story.
fn yours_that_went(words: &[&str]) -> bool {
    words.windows(2).enumerate().any(|(k, pair)| {
        pair[0] == "yours"
            && matches!(pair[1], "that" | "which")
            && words[k + 2..(k + 6).min(words.len())].iter().any(|w| {
                told_in_the_past(w)
                    || matches!(*w, "couldn't" | "didn't" | "wasn't" | "weren't" | "hadn't")
            })
    })
}

/// The first word after any adverbs: "actually got" → "got", "all do" → "do".
pub(super) fn verb_after_adverbs<'a>(words: &[&'a str]) -> Option<&'a str> {
    words
        .iter()
        .copied()
        .find(|w| !lexicon::ADVERBS_BEFORE_VERB.contains(w))
}

/// "What did you do when…", "so what did you actually do when…", "what did you all do?": the
/// speaker's act on one occasion. Not "what did you do your PhD on?" (a subject of study)
/// nor "what did you do during your time away from work?" (a stretch of the speaker's life,
/// told as a summary) unless an occasion follows ("… in your first week when the tills
/// crashed").
pub(super) fn what_did_you_do(w: &[&str]) -> bool {
    (0..w.len()).any(|i| {
        if !w[i..].starts_with(&["what", "did", "you"]) {
            return false;
        }
        let rest = &w[i + 3..];
        let Some(k) = rest
            .iter()
            .position(|x| !lexicon::ADVERBS_BEFORE_VERB.contains(x))
        else {
            return false;
        };
        if k >= 3 || rest[k] != "do" {
            return false;
        }
        let after = &rest[k + 1..];
        let subject_of_study =
            after.first() == Some(&"your") && matches!(w.last(), Some(&("on" | "in" | "about")));
        let stretch_of_life = (matches!(after, [
            "during" | "in" | "with" | "for" | "on" | "over", "your", period, ..
        ] if PERIODS_OF_LIFE.contains(period))
            // "What did you do before you joined the specials?"
            || matches!(after, ["before", "you", moved, ..] if CAREER_MOVES.contains(moved)))
            && !after.contains(&"when");
        !subject_of_study && !stretch_of_life
    })
}

/// Steps of a career that end a stretch of it: "before you joined", "before you retrained".
pub(super) const CAREER_MOVES: &[&str] = &[
    "joined",
    "started",
    "became",
    "retrained",
    "qualified",
    "trained",
    "moved",
    "went",
    "came",
    "entered",
    "applied",
    "left",
];

/// Stretches of the speaker's life a question may ask them to sum up: "during your time
/// away", "in your gap year", "on your placement".
const PERIODS_OF_LIFE: &[&str] = &[
    "time",
    "gap",
    "break",
    "career",
    "year",
    "years",
    "placement",
    "internship",
    "apprenticeship",
    "studies",
    "degree",
    "course",
    "training",
];

/// "… you've …", "… you're proud of", "… you built", "… you regret", "… of yours that fell
/// apart": the speaker's own doing.
fn names_your_past_act(rest: &[&str]) -> bool {
    let past = lexicon::is_past_verb_after_subject;
    (0..rest.len().saturating_sub(1)).any(|k| {
        matches!(rest[k], "you've" | "you're")
            // "was there one you had to get ready with almost no notice?"
            || rest[k..].starts_with(&["you", "had", "to"])
            || (rest[k] == "you"
                // "a street where you actually got the numbers down".
                && verb_after_adverbs(&rest[k + 1..]).is_some_and(|verb| {
                    past(verb)
                        || LOOKING_BACK.contains(&verb)
                        // "something you noticed in your first weeks", "a problem you saw
                        // coming".
                        || lexicon::PERCEPTION_PAST.contains(&verb)
                }))
    }) || yours_that_went(rest)
        // "a call that really stayed with you", "a patient who told you straight out…":
        // something that happened to the speaker.
        || rest
            .iter()
            .position(|w| matches!(*w, "that" | "which" | "who"))
            .is_some_and(|k| happened_to_you(&rest[k + 1..]))
}

/// `rest` starts with a question word ("how", "what", "when", "why") asking about the
/// speaker's past act ("how you solved it", "what you did when") or their group's ("how your
/// team coped"), which only a story answers.
fn asks_how_you_acted(rest: &[&str]) -> bool {
    (rest.get(1) == Some(&"you")
        && verb_after_adverbs(&rest[2..]).is_some_and(lexicon::is_past_verb_after_subject))
        || (0..rest.len()).any(|k| your_group_acted(&rest[k..]))
}

/// "Describe a conflict…", "tell me about a project…", "tell me about your biggest…", "tell
/// me how your team got the site open again".
pub(super) fn telling_about_an_occasion(w: &[&str]) -> bool {
    // "Tell me how your company made a new show when the grant came in at half": "tell" only
    // before "how" and the speaker's group acting ("tell me a bit about yourself", "tell me
    // why you applied" are not occasions; "tell me how you got the backlog down" is
    // `how_you_did`'s).
    let told_how = (0..w.len()).any(|i| {
        matches!(w[i..], ["tell", "me" | "us", "how", ..])
            && (i + 3..w.len()).any(|k| your_group_acted(&w[k..]))
    });
    told_how
        || TELLING.iter().any(|verb| {
            (0..w.len().saturating_sub(verb.len())).any(|i| {
                if &w[i..i + verb.len()] != *verb {
                    return false;
                }
                let next = w[i + verb.len()];
                let after = w.get(i + verb.len() + 1).copied().unwrap_or("");
                let rest = &w[i + verb.len()..];
                match next {
                    // Not "give me an overview of your current role", "a sense of your week".
                    "a" | "an" | "one" => !SUMMARIES.contains(&after),
                    // "walk me through something you're proud of", "tell me about something you
                    // built": a thing from the speaker's own past, named by what they did.
                    "something" | "someone" | "somebody" => names_your_past_act(rest),
                    // "walk me through how you solved it", "describe what you did when": the
                    // speaker's past act, which only a story answers.
                    // The speaker must be the one asked about: not "how you check a payroll before
                    // you let it go", a routine with a past-looking verb later on.
                    "how" | "what" | "when" | "why" => asks_how_you_acted(rest),
                    // "tell me about the project you…", but not "tell me about the role"; "walk
                    // me through the week before your project was due" (a stretch of time told in
                    // the past), but not "the week before a release" (a routine).
                    // Not "tell me about the team you work in at the moment", the present.
                    "the" => {
                        memorable(after)
                            || rest.windows(2).any(|p| {
                                p[0] == "you" && !lexicon::PRESENT_AFTER_YOU.contains(&p[1])
                            })
                            || (TIME_SPANS.contains(&after)
                                && rest.iter().any(|w| told_in_the_past(w)))
                            || the_one_that_happened(&rest[1..])
                    }
                    "your" => memorable(after) && !about_a_quality(&rest[1..]),
                    // "walk me through telling a client their fit-out was late": doing something,
                    // told in the past; "describe preparing a nervous witness", "talk me through
                    // moving your library onto a new system": asked to tell of doing one thing.
                    doing if doing.len() > 4 && doing.ends_with("ing") => {
                        rest.iter().any(|w| told_in_the_past(w))
                            || (ASKED_TO_TELL.contains(verb) && names_one_thing(doing, &rest[1..]))
                    }
                    _ => false,
                }
            })
        })
}

/// After "tell me about the": a thing, then what happened with it, in the past: "the Ascot
/// week that nearly broke your workroom", "the dry summer when the borehole levels kept
/// falling", "the case where the money was hardest to follow". One to three words of the
/// thing, "that / which / who / where / when", and a past form within the next four words.
fn the_one_that_happened(words: &[&str]) -> bool {
    (1..words.len().min(4)).any(|p| {
        matches!(words[p], "that" | "which" | "who" | "where" | "when")
            && words[p + 1..(p + 5).min(words.len())]
                .iter()
                .any(|w| told_in_the_past(w))
    })
}

/// What a telling verb may ask for that is a summary, not an occasion: "give me an overview
/// of your role", "a sense of", "a quick rundown of your CV".
const SUMMARIES: &[&str] = &[
    "overview",
    "summary",
    "sense",
    "idea",
    "picture",
    "rundown",
    "outline",
    "breakdown",
];

/// Nouns for a quality of the speaker, not an occasion: "your biggest strength", "your
/// greatest weakness".
const QUALITIES: &[&str] = &[
    "strength",
    "strengths",
    "weakness",
    "weaknesses",
    "quality",
    "qualities",
    "skill",
    "skills",
    "asset",
    "assets",
    "attribute",
    "attributes",
    "trait",
    "traits",
    "motivation",
    "passion",
    "goal",
    "goals",
    "ambition",
    "ambitions",
    "priority",
    "priorities",
    "value",
    "values",
];

/// After "tell me about your": a quality ("your biggest strength") or a summary of experience
/// ("your experience with Excel", "your experience in retail", "your experience managing
/// budgets", "your experience of stakeholder management"), not a story (unlike "your biggest
/// mistake").
fn about_a_quality(w: &[&str]) -> bool {
    match w {
        [sup, noun, ..] if is_superlative(sup) => QUALITIES.contains(noun),
        ["experience", next, ..] => {
            matches!(*next, "with" | "in" | "as" | "at" | "using" | "of")
                || (next.len() > 4 && next.ends_with("ing"))
        }
        _ => false,
    }
}

/// The asks that make "<verb> + doing something" a story: "walk me through bringing in a new
/// leave system". Not "what do you think about hiring a friend", an opinion.
const ASKED_TO_TELL: &[&[&str]] = &[
    &["tell", "me", "about"],
    &["tell", "us", "about"],
    &["talk", "me", "through"],
    &["talk", "us", "through"],
    &["walk", "me", "through"],
    &["walk", "us", "through"],
    &["describe"],
];

/// Words that make "writing a good bug report" how something is done well, not one occasion.
const HOW_WELL: &[&str] = &[
    "good",
    "great",
    "effective",
    "successful",
    "strong",
    "clear",
];

/// After a doing, one thing it was done to: "preparing a nervous witness", "getting your app
/// ready", "setting up a communication aid" (a determiner within two words). All twenty-one
/// labelled questions of the kind (sets to 109) ask for a story. Not a state ("being a team
/// lead") and not how it is done well ("writing a good bug report").
fn names_one_thing(doing: &str, after: &[&str]) -> bool {
    const ONE: &[&str] = &[
        "a", "an", "the", "your", "their", "our", "its", "his", "her",
    ];
    !matches!(doing, "being" | "having")
        && after.iter().take(2).enumerate().any(|(k, w)| {
            ONE.contains(w) && !after.get(k + 1).is_some_and(|x| HOW_WELL.contains(x))
        })
}

/// Stretches of time a story can be about: "the week before…", "the night when…", "the time
/// your choir nearly folded".
const TIME_SPANS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "night", "morning", "evening", "shift",
    "hour", "hours", "weekend", "year", "time",
];

/// A past form of be/have/do or a past verb: the question is about what happened.
fn told_in_the_past(word: &str) -> bool {
    matches!(word, "was" | "were" | "had" | "did") || lexicon::is_past_verb_after_subject(word)
}

fn memorable(word: &str) -> bool {
    is_superlative(word) || MEMORABLE.contains(&word)
}
