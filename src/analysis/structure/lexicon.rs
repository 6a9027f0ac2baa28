//! The words and phrases the structure rules listen for, grouped by what they tell about a
//! sentence. They come from how people tell work stories in interviews: a setting ("at my last
//! job", "there was"), an assignment ("my task was", "I was asked to"), steps taken by someone
//! ("so I called", "then we rebuilt"), what came of it ("in the end", "dropped by 40 %") and
//! what the speaker took away ("I learned", "next time"). Phrases are lower-case token
//! sequences, matched against a sentence with its hesitation sounds removed.

/// Words that only hold the floor at the start of a sentence ("So, um, then I…"); skipped
/// before looking at who the sentence is about.
#[rustfmt::skip]
pub const LEADING_DISCOURSE: &[&str] = &[
    "so", "and", "but", "well", "okay", "ok", "yeah", "yes", "right", "like", "now", "anyway",
    "anyways", "basically", "honestly", "actually", "alright", "oh", "sure", "absolutely",
    "definitely", "certainly", "hmm",
];

/// First-person singular and plural subject forms (a contraction still names the actor).
#[rustfmt::skip]
pub const I_FORMS: &[&str] = &["i", "i'm", "i've", "i'd", "i'll"];
#[rustfmt::skip]
pub const WE_FORMS: &[&str] = &["we", "we're", "we've", "we'd", "we'll"];
/// Other people as subjects.
#[rustfmt::skip]
pub const OTHER_SUBJECTS: &[&str] = &[
    "he", "she", "they", "he'd", "she'd", "they'd", "he's", "she's", "they've", "they're",
];

/// Adverbs that can sit between a subject and its verb ("I then moved", "we also ran").
#[rustfmt::skip]
pub const ADVERBS_BEFORE_VERB: &[&str] = &[
    "also", "then", "just", "first", "finally", "immediately", "quickly", "eventually",
    "actually", "really", "personally", "basically", "even", "still", "later", "soon",
    "together", "all", "both", "instead", "again", "directly", "literally", "simply", "only",
    "initially", "gradually", "slowly", "carefully", "always", "never", "kind", "sort", "of",
];

/// Past forms of be/have/modals: a subject followed by these is describing, not acting
/// (`is_stative_past`, with the perception verbs).
#[rustfmt::skip]
const STATIVE_PAST: &[&str] = &[
    "was", "were", "had", "would", "could", "might", "should", "didn't", "wasn't",
    "weren't", "hadn't", "wouldn't", "couldn't", "used", "felt", "knew", "thought", "seemed",
    "wanted", "needed", "liked", "loved", "hated", "believed", "meant", "owned", "lived",
    "belonged", "sounded",
    // Stances and doubts: "I disagreed, because…" sets out the conflict.
    "disagreed", "doubted", "preferred", "wondered", "suspected", "worried",
];

/// Past verbs of perceiving: in a story they describe ("I noticed the fridge was empty"), but
/// in a question they name one moment of the speaker's past ("something you noticed in your
/// first weeks").
pub const PERCEPTION_PAST: &[&str] = &["realised", "realized", "noticed", "saw", "heard"];

/// A subject followed by this is describing, not acting: "we were", "I had", "she noticed".
pub fn is_stative_past(w: &str) -> bool {
    STATIVE_PAST.contains(&w) || PERCEPTION_PAST.contains(&w)
}

/// Irregular past-tense verbs of doing (regular ones end in -ed). Stative and perception
/// verbs are left out on purpose: "I knew", "we saw" describe rather than act.
#[rustfmt::skip]
pub const IRREGULAR_PAST: &[&str] = &[
    "began", "bent", "bet", "bought", "brought", "built", "burnt", "caught", "chose", "came",
    "cut", "dealt", "did", "drew", "drove", "ate", "fed", "fought", "found", "flew", "forgot",
    "forgave", "froze", "got", "gave", "went", "grew", "hung", "hid", "hit", "held", "hurt",
    "kept", "laid", "led", "lent", "let", "lit", "lost", "made", "met", "paid", "put", "quit",
    "ran", "rang", "rode", "rose", "said", "sought", "sold", "sent", "set", "shook", "shot",
    "showed", "shut", "sang", "sat", "slept", "spoke", "spent", "split", "spread", "stood",
    "stole", "stuck", "struck", "swore", "swept", "swam", "took", "taught", "tore", "told",
    "threw", "understood", "woke", "wore", "won", "wrote", "rewrote", "redid", "rebuilt",
    "undertook", "oversaw", "withdrew", "broke", "sat", "dug", "fell", "left", "read",
    "became", "overcame", "forecast", "upheld", "ground", "wound", "sped", "sank",
];

/// Regular-looking words that are not past-tense verbs.
#[rustfmt::skip]
pub const NOT_PAST: &[&str] = &[
    "need", "bed", "red", "shed", "speed", "seed", "feed", "proceed", "indeed", "hundred",
    "wed", "embed", "exceed", "succeed", "breed", "deed", "greed", "weed", "sled", "shred",
    "ted", "ed", "fred", "naked", "wicked", "sacred", "kindred", "rugged", "crooked",
    "based", "used", "supposed", "advanced", "detailed", "experienced", "interested",
    "excited", "scared", "worried", "frustrated", "stressed", "tired", "bored", "surprised",
    "qualified", "skilled", "talented", "dedicated", "overwhelmed", "concerned", "annoyed",
    "relieved", "pleased", "impressed", "confused", "terrified", "disappointed", "united",
    "limited", "related", "automated", "outdated", "complicated", "sophisticated", "varied",
    "tasked", "involved",
];

/// Past forms that are as often passive participles ("I was asked to", "the work required",
/// "the people hired"): a past verb only straight after a subject ("I asked him", "we hired
/// two contractors").
#[rustfmt::skip]
pub const PARTICIPLE_LEANING: &[&str] = &[
    "assigned", "asked", "expected", "required", "allowed", "hired",
];

/// Phrases that open a sentence's setting: where, when, what the state of things was.
#[rustfmt::skip]
pub const SITUATION_CUES: &[&[&str]] = &[
    &["at", "my", "last"],
    &["at", "my", "previous"],
    &["at", "my", "old"],
    &["at", "my", "current"],
    &["at", "my", "first"],
    &["in", "my", "last"],
    &["in", "my", "previous"],
    &["in", "my", "first"],
    &["in", "my", "second"],
    &["in", "my", "old"],
    &["in", "my", "current"],
    &["during", "my"],
    &["when", "i", "was"],
    &["when", "i", "started"],
    &["when", "i", "joined"],
    &["when", "i", "arrived"],
    &["i", "was", "working"],
    &["i", "worked", "as"],
    &["i", "worked", "at"],
    &["i", "worked", "in"],
    &["i", "was", "a"],
    &["i", "was", "an"],
    &["i", "was", "the"],
    &["i", "was", "on"],
    &["i", "was", "in"],
    &["i", "was", "hired"],
    &["i", "joined"],
    &["i", "work"],
    &["i", "manage"],
    &["i", "managed", "a"],
    &["i", "managed", "the"],
    &["there", "was"],
    &["there", "were"],
    &["there", "had", "been"],
    &["we", "had", "a"],
    &["we", "had", "this"],
    &["we", "had", "an"],
    &["we", "were", "a"],
    &["back", "in"],
    &["years", "ago"],
    &["a", "while", "ago"],
    &["last", "year"],
    &["last", "summer"],
    &["last", "spring"],
    &["last", "autumn"],
    &["last", "fall"],
    &["last", "winter"],
    &["at", "the", "time"],
    &["the", "problem", "was"],
    &["the", "issue", "was"],
    &["the", "situation", "was"],
    &["the", "context", "was"],
    &["on", "top", "of", "that"],
    &["this", "was"],
    &["it", "was", "happening"],
    &["used", "to"],
];

/// Phrases that say what had to be done and whose job it was.
#[rustfmt::skip]
pub const TASK_CUES: &[&[&str]] = &[
    &["my", "task"],
    &["my", "job", "was"],
    &["my", "role", "was"],
    &["my", "goal"],
    &["my", "aim"],
    &["my", "target"],
    &["my", "responsibility"],
    &["my", "brief"],
    &["the", "goal"],
    &["our", "goal"],
    &["the", "aim"],
    &["the", "objective"],
    &["the", "task"],
    &["the", "target", "was"],
    &["the", "challenge", "was"],
    &["the", "ask", "was"],
    &["i", "was", "asked", "to"],
    &["i", "was", "tasked"],
    &["i", "was", "given"],
    &["i", "was", "assigned"],
    &["i", "was", "responsible"],
    &["i", "was", "in", "charge"],
    &["i", "was", "his"],
    &["i", "was", "her"],
    &["i", "was", "their"],
    &["responsible", "for"],
    &["in", "charge", "of"],
    &["asked", "me", "to"],
    &["wanted", "me", "to"],
    &["needed", "me", "to"],
    &["gave", "me", "until"],
    &["it", "was", "my", "job"],
    &["it", "was", "on", "me"],
    &["it", "was", "up", "to", "me"],
    &["was", "on", "me"],
    &["i", "needed", "to"],
    &["we", "needed", "to"],
    &["i", "had", "to"],
    &["we", "had", "to"],
    &["i", "had", "about"],
    &["i", "had", "until"],
    &["we", "had", "until"],
    &["we", "had", "one"],
    &["i", "had", "one"],
    &["somebody", "had", "to"],
    &["someone", "had", "to"],
    &["i", "was", "supposed", "to"],
    &["i", "wanted", "to"],
    &["we", "wanted", "to"],
    &["i", "set", "myself"],
    &["had", "to", "be"],
    &["needed", "to", "be"],
    &["i", "had", "been", "asked"],
];

/// Phrases that mark a step of the story being taken.
#[rustfmt::skip]
pub const ACTION_CUES: &[&[&str]] = &[
    &["what", "i", "did"],
    &["the", "first", "thing", "i", "did"],
    &["the", "first", "thing", "we", "did"],
    &["i", "started", "by"],
    &["we", "started", "by"],
    &["i", "decided"],
    &["we", "decided"],
    &["so", "i"],
    &["so", "we"],
    &["then", "i"],
    &["then", "we"],
    &["first", "i"],
    &["first", "we"],
    &["next", "i"],
    &["i", "then"],
    &["we", "then"],
    &["i", "also"],
    &["we", "also"],
    &["afterwards", "i"],
    &["afterwards", "we"],
    &["i", "reached", "out"],
    &["i", "sat", "down"],
    &["we", "sat", "down"],
    &["i", "set", "up"],
    &["we", "set", "up"],
    &["i", "went", "back"],
    &["i", "went", "through"],
    &["i", "put", "together"],
    &["i", "pulled"],
    &["i", "asked"],
    &["i", "suggested"],
    &["i", "proposed"],
    &["i", "tried"],
    &["we", "tried"],
    &["i", "made", "sure"],
    &["as", "soon", "as", "i"],
    &["on", "the", "day"],
    &["on", "the", "night"],
];

/// Phrases that announce what came of it.
#[rustfmt::skip]
pub const RESULT_CUES: &[&[&str]] = &[
    &["as", "a", "result"],
    &["in", "the", "end"],
    &["at", "the", "end", "of", "the", "day"],
    &["by", "the", "end"],
    &["by", "the", "deadline"],
    &["by", "the", "time"],
    &["ended", "up"],
    &["end", "result"],
    &["the", "result"],
    &["the", "outcome"],
    &["the", "impact"],
    &["which", "meant"],
    &["that", "meant"],
    &["this", "meant"],
    &["it", "meant"],
    &["which", "led", "to"],
    &["that", "led", "to"],
    &["this", "led", "to"],
    &["it", "worked"],
    &["that", "worked"],
    &["paid", "off"],
    &["managed", "to"],
    &["were", "able", "to"],
    &["thanks", "to"],
    &["because", "of", "that"],
    &["because", "of", "this"],
    &["on", "time"],
    &["ahead", "of", "schedule"],
    &["on", "schedule"],
    &["under", "budget"],
    &["on", "budget"],
    &["went", "from"],
    &["went", "up"],
    &["went", "down"],
    &["went", "really", "well"],
    &["went", "well"],
    &["went", "fine"],
    &["went", "smoothly"],
    &["all", "went"],
    &["worked", "out"],
    &["it", "was", "fine"],
    &["were", "fine"],
    &["good", "about", "it"],
    // "there were no injuries", "there was no backlog after that": nothing left of the problem
    // (a set-up says it too, "there was no process", and its place in the story decides).
    &["there", "were", "no"],
    &["there", "was", "no"],
    &["alright", "about", "it"],
    &["okay", "about", "it"],
    &["fine", "about", "it"],
    &["went", "way", "better"],
    &["went", "out"],
    &["got", "promoted"],
    &["was", "promoted"],
    &["came", "back"],
    &["were", "back"],
    &["was", "back"],
    &["never", "happened", "again"],
    &["since", "then", "we"],
    &["since", "then", "it"],
    &["nobody", "got"],
    &["no", "one", "got"],
    &["booked", "us"],
    &["thank", "us"],
    &["thanked", "us"],
    &["thanked", "me"],
    &["agreed", "to"],
    &["for", "the", "first", "time"],
];

/// Verbs of change, completion and success: they report an outcome even with "I" or "we" as
/// the subject ("we doubled sign-ups", "I passed", "we managed to keep everyone").
#[rustfmt::skip]
pub const OUTCOME_VERBS: &[&str] = &[
    "dropped", "reduced", "increased", "improved", "grew", "rose", "fell", "doubled", "halved",
    "tripled", "saved", "decreased", "shrank", "jumped", "climbed", "boosted", "stopped",
    "disappeared", "vanished", "shipped", "delivered", "finished", "completed", "won", "passed",
    "renewed", "signed", "approved", "promoted", "succeeded", "thanked", "praised",
    "recognised", "recognized", "rewarded", "achieved", "exceeded", "beat", "reached",
    "secured", "recovered", "stabilised", "stabilized", "retained", "converted", "lasted",
    "managed", "ended", "lost",
];

/// Verbs that often report an outcome but are as often a step taken ("we cut the scope",
/// "I fixed the build"): they lean a sentence towards a result without making it one.
#[rustfmt::skip]
pub const OUTCOME_LEANING_VERBS: &[&str] = &[
    "launched", "closed", "hit", "backed", "accepted", "resolved", "solved", "agreed", "handed",
    "met", "landed", "returned", "restarted", "fixed", "cut", "worked", "loved", "adopted",
    "kept", "booked", "stuck", "settled", "calmed", "raised", "lowered",
];

/// Words that judge how things ended up.
#[rustfmt::skip]
pub const OUTCOME_WORDS: &[&str] = &[
    "successful", "successfully", "happier", "calmer", "smoother", "faster", "quicker",
    "better", "stable", "stabler", "happy", "thrilled", "delighted", "grateful", "relieved",
    "fewer", "lower", "higher", "early", "record", "zero", "confident", "promoted", "award",
    "praised", "impressed", "improvement", "best", "pleased", "satisfied", "safely", "glad",
];

/// Phrases that introduce what the speaker took away.
#[rustfmt::skip]
pub const LEARNING_CUES: &[&[&str]] = &[
    &["i", "learned"],
    // A recogniser often hears "I learned to" as "I learn to".
    &["i", "learn", "to"],
    &["i", "learnt"],
    &["i've", "learned"],
    &["i've", "learnt"],
    &["we", "learned"],
    &["we", "learnt"],
    &["learned", "that"],
    &["learnt", "that"],
    &["learned", "to"],
    &["learnt", "to"],
    &["the", "lesson"],
    &["my", "lesson"],
    &["a", "lesson"],
    &["lessons"],
    &["taught", "me"],
    &["teaches", "you"],
    &["showed", "me"],
    &["shown", "me"],
    &["made", "me", "realise"],
    &["made", "me", "realize"],
    &["took", "away"],
    &["take", "away"],
    &["takeaway"],
    &["took", "from", "it"],
    &["take", "from", "it"],
    &["looking", "back"],
    &["in", "hindsight"],
    &["next", "time"],
    &["if", "i", "did", "it", "again"],
    &["if", "i", "had", "to", "do", "it", "again"],
    &["if", "i", "were", "to", "do", "it", "again"],
    &["if", "i", "could", "do", "it", "again"],
    &["do", "it", "differently"],
    &["do", "differently"],
    &["would", "have", "done"],
    &["since", "then", "i"],
    &["ever", "since"],
    &["now", "i", "always"],
    &["i", "now", "always"],
    &["these", "days", "i"],
    &["going", "forward"],
    &["from", "then", "on"],
    &["i", "realised", "that"],
    &["i", "realized", "that"],
    &["it", "reminded", "me"],
    &["stuck", "with", "me"],
];

/// Whole sentences (after fillers) that open an answer without saying anything yet.
#[rustfmt::skip]
pub const OPENERS: &[&[&str]] = &[
    &["sure"],
    &["yes"],
    &["yeah"],
    &["yeah", "sure"],
    &["okay"],
    &["ok"],
    &["okay", "so"],
    &["ok", "so"],
    &["so"],
    &["right"],
    &["alright"],
    &["absolutely"],
    &["of", "course"],
    &["definitely"],
    &["certainly"],
    &["hmm"],
    &["good", "question"],
    &["great", "question"],
    &["that's", "a", "good", "question"],
    &["that's", "a", "great", "question"],
    &["that's", "a", "good", "one"],
    &["let", "me", "think"],
    &["let's", "see"],
    &["let", "me", "see"],
];

/// Phrases that announce the outcome is being told now, wherever the sentence sits: "the short
/// answer is that we got everyone across", "so the headline is …", "the upshot was …". They
/// are how people tell a result first, before the story.
#[rustfmt::skip]
pub const OUTCOME_ANNOUNCERS: &[&[&str]] = &[
    &["short", "answer"],
    &["short", "version"],
    &["long", "story", "short"],
    &["the", "end", "of", "it"],
    &["bottom", "line"],
    &["the", "upshot"],
    &["the", "headline"],
    &["the", "good", "news"],
    &["the", "outcome", "first"],
];

/// Openings that go back to the start of the story ("This was at a care home in Stockport…",
/// "Let me go back a bit."): told right after the first sentence, they show that sentence was
/// told ahead of the story, which is how people lead with the result.
#[rustfmt::skip]
pub const GOING_BACK: &[&[&str]] = &[
    &["this", "was"],
    &["that", "was", "at"],
    &["that", "was", "in"],
    &["that", "was", "on"],
    &["that", "was", "when"],
    &["that", "was", "back"],
    &["it", "was", "back"],
    &["it", "started"],
    &["it", "all", "started"],
    &["it", "didn't", "start"],
    &["it", "wasn't", "always"],
    &["this", "all", "started"],
    &["let", "me", "go", "back"],
    &["let", "me", "back", "up"],
    &["going", "back"],
    &["to", "back", "up"],
    &["for", "context"],
];

/// Verbs that report what someone said ("my supervisor said I did well", "the captain told
/// us…"): with a judgement after them, someone else's verdict on how it went.
#[rustfmt::skip]
pub const REPORTING_VERBS: &[&str] = &[
    "said", "told", "called", "wrote", "mentioned", "described", "emailed", "messaged",
];

/// Judgements that make a reported remark a verdict on the outcome ("said it was the best
/// handled incident she'd seen", "told me the shortlists were great"); so does any "-est"
/// superlative ("said it was the calmest bridge call he'd been on": `is_est_superlative`).
#[rustfmt::skip]
pub const VERDICT_WORDS: &[&str] = &[
    "well", "great", "best", "brilliant", "excellent", "impressed", "amazing", "fantastic",
    "useful", "helpful", "perfect", "proud", "thrilled", "delighted", "outstanding",
];

/// Words ending in "-est" that are not superlatives.
const NOT_SUPERLATIVE: &[&str] = &[
    "interest", "request", "contest", "protest", "harvest", "forest", "honest", "modest",
    "conquest", "digest", "arrest", "suggest", "invest", "manifest", "guest", "quest", "chest",
    "nest", "test", "rest", "west", "vest", "pest", "latest", "nearest", "earnest", "unrest",
    "midwest", "behest", "retest", "pretest", "bequest", "attest", "detest",
];

/// An adjective in "-est" ("the calmest", "the angriest"), which names one thing as beyond all
/// others: in a question it singles out an occasion, in a reported remark it is a verdict.
pub fn is_est_superlative(word: &str) -> bool {
    word.len() > 5 && word.ends_with("est") && !NOT_SUPERLATIVE.contains(&word)
}

/// Phrases of a short first sentence that answers "have you ever…" or picks the example
/// before telling it: "Yes, quite a few times, but one stands out.", "Oh, I've got a good one
/// for this.", "Yeah, more than once, to be honest." In the labelled story answers, 43 first
/// sentences of at most `CHOOSER_WORDS` words have one of them, and all 43 are openers. A bare
/// "this one" or "there's one" is left out: "there's one supplier who…" starts the story.
#[rustfmt::skip]
pub const EXAMPLE_CHOOSERS: &[&[&str]] = &[
    &["more", "than", "once"],
    &["a", "few", "times"],
    &["a", "couple", "of", "times"],
    &["all", "the", "time"],
    &["quite", "a", "few"],
    &["a", "few", "of", "those"],
    &["a", "couple", "of", "those"],
    &["there", "are", "a", "few"],
    &["there's", "a", "few"],
    &["loads", "of", "times"],
    &["plenty", "of", "times"],
    &["i've", "got", "one"],
    &["i", "have", "one"],
    &["got", "a", "good", "one"],
    &["a", "good", "one"],
    &["one", "stands", "out"],
    &["one", "that", "stands", "out"],
    &["one", "sticks", "out"],
    &["one", "that", "sticks"],
    &["one", "that", "still"],
    &["comes", "to", "mind"],
    &["springs", "to", "mind"],
    &["that", "one's"],
    &["there's", "one", "that"],
    &["there's", "one", "that's"],
    &["there's", "one", "i"],
    &["this", "one", "still"],
    &["this", "one", "stuck"],
    &["this", "one", "sticks"],
    &["remember", "this", "one"],
];

/// The longest first sentence `EXAMPLE_CHOOSERS` make an opener: longer ones go on to tell
/// the story ("Yes, a few, but the one that stands out was an evening flight to Tenerife…").
pub const CHOOSER_WORDS: usize = 12;

/// Phrases that open an answer by announcing the example rather than telling it.
#[rustfmt::skip]
pub const ANNOUNCERS: &[&[&str]] = &[
    &["one", "example"],
    &["a", "good", "example"],
    &["an", "example"],
    &["i", "can", "give", "you"],
    &["i", "can", "think", "of"],
    &["i", "have", "a", "good"],
    &["this", "is", "one"],
    &["the", "one", "that", "comes", "to", "mind"],
    &["what", "comes", "to", "mind"],
    &["let", "me", "tell", "you"],
    &["i'll", "tell", "you"],
    &["i'll", "talk", "about"],
    &["i'd", "like", "to", "talk", "about"],
];

/// Words a content-free closing sentence is made of ("so yeah, that's about it really").
#[rustfmt::skip]
pub const CLOSER_WORDS: &[&str] = &[
    "so", "yeah", "yes", "yep", "and", "but", "that's", "that", "it", "is", "was", "about",
    "pretty", "much", "all", "the", "story", "really", "basically", "i", "guess", "think",
    "anyway", "anyways", "dunno", "know", "don't", "kind", "of", "sort", "stuff", "like",
    "whatever", "my", "example", "one", "everything", "there", "you", "go", "okay", "ok",
    "right", "well", "um", "uh", "a", "an", "good", "what", "happened", "why", "i'd", "say",
    "answer", "honestly", "or", "something", "things", "thing", "suppose", "hope", "makes",
    "sense", "does", "your", "question", "then", "on", "forth", "how", "were", "found", "this",
    "mean", "lot", "just", "thanks", "do",
];

/// A closer has one of these: without one, closing words are the tail of a list ("and
/// stuff"), not a remark of their own.
#[rustfmt::skip]
pub const CLOSER_ANCHORS: &[&str] = &[
    "yeah", "yes", "yep", "anyway", "anyways", "that's", "guess", "dunno", "story", "example",
];

/// How a final sentence that trails off opens, whatever its length: "So, yes, this is more or
/// less the story.", "Anyway, yeah, that's the kind of Saturday you get in this job." In the
/// labelled answers a last sentence opened so is a trail-off in 205 of 206; the other says how
/// it went ("and yeah it went fine in the end i think"). Past ten words, `is_trail_off` leaves
/// such a sentence to the story when it has a result cue.
#[rustfmt::skip]
pub const TRAIL_OPENINGS: &[&[&str]] = &[
    &["so", "yeah"],
    &["so", "yes"],
    &["and", "yeah"],
    &["anyway"],
    &["anyways"],
    &["yeah", "anyway"],
    &["yeah", "so"],
];

/// Markers that turn a short final sentence into a trail-off whatever else it says
/// ("Anyway, yeah, it was a busy summer.").
#[rustfmt::skip]
pub const TRAIL_MARKERS: &[&[&str]] = &[
    &["so", "yeah"],
    &["but", "yeah"],
    &["and", "yeah"],
    &["um", "yeah"],
    &["yeah", "so"],
    &["anyway"],
    &["anyways"],
    &["i", "guess"],
    &["i", "dunno"],
    &["i", "don't", "know"],
    &["and", "stuff"],
    &["or", "whatever"],
    &["or", "something"],
    &["and", "so", "on"],
    &["that's", "it"],
    &["that's", "about", "it"],
    &["that's", "all"],
];

/// Words that leave a sentence unfinished when they end an answer ("…and then we, um").
#[rustfmt::skip]
pub const DANGLING: &[&str] = &[
    "and", "so", "but", "or", "because", "the", "a", "an", "to", "of", "with", "um", "uh", "erm",
];

/// Words that state a measure of change besides the number words ("twice as fast", "halved").
#[rustfmt::skip]
pub const CHANGE_WORDS: &[&str] = &[
    "twice", "double", "doubled", "triple", "tripled", "halved", "percent", "tenfold",
];

/// Nouns that make "one" a count ("one week", "one person") rather than a pronoun.
#[rustfmt::skip]
pub const UNIT_NOUNS: &[&str] = &[
    "second", "minute", "hour", "day", "week", "month", "quarter", "year", "percent",
    "person", "people", "customer", "client", "complaint", "ticket", "incident", "error",
    "bug", "release", "sale", "deal", "order", "star", "point", "grade", "place", "floor",
    "team", "department", "report", "click", "step", "engineer", "member", "hire",
];

/// Words that mark a spoken clause boundary in a transcript without punctuation, when a
/// new clause starts right after them or with them.
#[rustfmt::skip]
pub const CLAUSE_OPENERS: &[&[&str]] = &[
    &["and", "then"],
    &["after", "that"],
    &["afterwards"],
    &["eventually"],
    &["finally"],
    &["in", "the", "end"],
    &["as", "a", "result"],
    &["because", "of", "that"],
    &["what", "i", "learned"],
    &["what", "i", "learnt"],
    &["what", "i", "took"],
    &["the", "main", "thing", "i"],
    &["the", "biggest", "thing", "i"],
    &["the", "lesson"],
    &["the", "biggest", "lesson"],
    &["my", "takeaway"],
    &["i", "learned"],
    &["i", "learnt"],
    &["looking", "back"],
    &["next", "time"],
    &["since", "then"],
    &["my", "task"],
    &["my", "job", "was"],
    &["my", "goal"],
    &["my", "target"],
    &["the", "problem", "was"],
    &["the", "goal", "was"],
    &["at", "the", "time"],
    &["so", "yeah"],
    &["but", "yeah"],
    &["and", "yeah"],
    &["anyway"],
    &["on", "top", "of", "that"],
];

pub fn contains(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// A past-tense verb of doing: irregular, or regular -ed that is not an adjective or a noun.
pub fn is_past_verb(w: &str) -> bool {
    if IRREGULAR_PAST.contains(&w) {
        return true;
    }
    w.len() > 4
        && w.ends_with("ed")
        && !NOT_PAST.contains(&w)
        && !is_stative_past(w)
        && !PARTICIPLE_LEANING.contains(&w)
}

/// A past verb of doing straight after its subject: "I asked", "we hired" as well.
pub fn is_past_verb_after_subject(w: &str) -> bool {
    is_past_verb(w) || PARTICIPLE_LEANING.contains(&w)
}

/// Past participles, some of them also past tenses in `IRREGULAR_PAST` ("made", "put").
/// After "you'd" they make the past perfect ("more mics than you'd ever run", "the advice
/// you'd given"), not "you would".
#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "done", "given", "run", "set", "made", "put", "got", "had", "been", "seen", "taken", "known",
    "built", "sent", "told", "left", "found", "kept", "brought", "thought", "bought", "written",
    "drawn", "met", "gone", "shown", "grown", "chosen", "spent", "won", "lost",
];

/// A past participle ("given", "run", "made"), whether or not it is also a past tense.
pub fn is_past_participle(w: &str) -> bool {
    PARTICIPLES.contains(&w)
}

/// The verbs that most often follow "you" in a question about the present ("the team you
/// work in", "the clients you look after", "the shop you run").
#[rustfmt::skip]
pub const PRESENT_AFTER_YOU: &[&str] = &[
    "work", "manage", "lead", "run", "do", "have", "are", "look", "support", "teach", "use",
    "cover", "serve", "oversee", "own", "see", "deal", "handle", "want", "like", "enjoy",
    "prefer", "think", "know", "currently",
];

/// Whether `w[i]` is part of British "have got", the present ("Have you got your food hygiene
/// certificate?", "you've got"): "got" after "have" or "'ve", or "'ve" before "got". Not a
/// past, although "got" alone is one.
pub fn is_present_have_got(w: &[&str], i: usize) -> bool {
    let word = w[i];
    (word == "got" && i > 0 && (w[i - 1].ends_with("'ve") || w[..i].contains(&"have")))
        || (word.ends_with("'ve") && w.get(i + 1) == Some(&"got"))
}
