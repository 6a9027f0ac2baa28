//! Closed-class English words the filler rules reason with: pronouns, determiners, prepositions,
//! conjunctions, auxiliaries, interjections, and the small sets of words that make "like" a verb
//! or a comparison. These are general grammar, not lists fitted to any recording: the rules look
//! at what kind of word stands next to a candidate, because that is what tells a listener whether
//! "like" or "well" carries meaning.

/// Is `word` one of `set`?
fn any(set: &[&str], word: &str) -> bool {
    set.contains(&word)
}

/// Pronouns that can be the subject of a clause ("I like it", "they like to").
pub fn subject_pronoun(w: &str) -> bool {
    any(
        &[
            "i",
            "you",
            "we",
            "they",
            "he",
            "she",
            "who",
            "people",
            "everyone",
            "everybody",
        ],
        w,
    )
}

/// Object pronouns and demonstratives that can follow a comparison: "like me", "like that".
pub fn object_pronoun(w: &str) -> bool {
    any(
        &[
            "me", "him", "her", "us", "them", "it", "that", "this", "these", "those", "you", "so",
        ],
        w,
    )
}

/// Words that open a noun phrase (articles, possessives, quantifiers).
pub fn determiner(w: &str) -> bool {
    any(
        &[
            "a", "an", "the", "this", "that", "these", "those", "my", "your", "our", "their",
            "his", "her", "its", "some", "any", "every", "each", "no", "another", "all", "both",
            "what", "which", "whatever", "one",
        ],
        w,
    )
}

/// Determiners after which "like" cannot be a verb or a preposition, only a filler
/// ("a like two-day thing", "these like juice machines"). Demonstratives and "her" are left out:
/// "things that like water", "I told her like".
pub fn determiner_before_filler(w: &str) -> bool {
    any(
        &[
            "a", "an", "the", "these", "those", "my", "your", "our", "their", "his", "some",
            "every", "each", "another",
        ],
        w,
    )
}

/// Prepositions. "to" is not here: "to like" is the verb.
pub fn preposition(w: &str) -> bool {
    any(
        &[
            "of", "in", "on", "at", "for", "with", "from", "about", "after", "before", "into",
            "through", "during", "around", "over", "under", "by", "between", "without", "within",
            "until", "than", "across", "toward", "towards", "onto",
        ],
        w,
    )
}

/// Words that join or open clauses.
pub fn conjunction(w: &str) -> bool {
    any(
        &[
            "and", "but", "or", "so", "because", "cause", "'cause", "cuz", "then", "if", "when",
            "while", "although", "though", "since", "unless", "plus",
        ],
        w,
    )
}

/// Interjections and backchannels: a clause after them starts afresh.
pub fn interjection(w: &str) -> bool {
    any(
        &[
            "yeah", "yes", "yep", "no", "nope", "oh", "okay", "ok", "right", "sure", "wow", "boy",
            "gosh", "hey", "alright", "anyway", "uh-huh", "um-hum", "mm-hmm", "huh", "whoa", "man",
        ],
        w,
    )
}

/// Forms of "be", including the contractions a transcript may write ("it's", "its" for "it's"
/// in transcripts without apostrophes, "that's", "I'm"; `normalize_token` gives the others
/// their apostrophe).
pub fn copula(w: &str) -> bool {
    any(
        &[
            "is", "was", "are", "were", "be", "been", "being", "am", "'s", "it's", "its", "that's",
            "he's", "she's", "there's", "what's", "i'm", "you're", "we're", "they're", "who's",
            "here's",
        ],
        w,
    )
}

/// Auxiliaries and modals: "would like", "don't like", "can like" are the verb.
pub fn auxiliary(w: &str) -> bool {
    any(
        &[
            "do",
            "does",
            "did",
            "don't",
            "doesn't",
            "didn't",
            "would",
            "wouldn't",
            "could",
            "couldn't",
            "should",
            "shouldn't",
            "will",
            "won't",
            "can",
            "can't",
            "cannot",
            "might",
            "must",
            "may",
            "shall",
            "i'd",
            "you'd",
            "we'd",
            "they'd",
            "he'd",
            "she'd",
            "who'd",
            "i'll",
            "you'll",
            "we'll",
            "they'll",
            "he'll",
            "she'll",
            "to",
            "gonna",
            "wanna",
        ],
        w,
    )
}

/// Adverbs that can stand between a subject and its verb ("I really like", "we always like").
pub fn preverbal_adverb(w: &str) -> bool {
    any(
        &[
            "really",
            "always",
            "never",
            "also",
            "still",
            "just",
            "personally",
            "actually",
            "definitely",
            "especially",
            "particularly",
            "usually",
            "generally",
            "sometimes",
            "often",
            "truly",
            "genuinely",
            "honestly",
            "do",
            "don't",
            "didn't",
            "kind",
            "sort",
            "of",
            "kinda",
            "sorta",
            "all",
            "both",
            "too",
            "even",
            "only",
            "probably",
            "certainly",
            "absolutely",
            "totally",
            "quite",
            "rather",
        ],
        w,
    )
}

/// Words after which "like" compares or exemplifies: perception and seeming verbs, vague nouns,
/// degree words ("feel like", "something like", "just like", "more like", "a lot like").
pub fn comparison_before_like(w: &str) -> bool {
    any(
        &[
            "feel",
            "feels",
            "felt",
            "feeling",
            "seem",
            "seems",
            "seemed",
            "seeming",
            "look",
            "looks",
            "looked",
            "looking",
            "sound",
            "sounds",
            "sounded",
            "sounding",
            "taste",
            "tastes",
            "tasted",
            "smell",
            "smells",
            "smelled",
            "act",
            "acts",
            "acted",
            "acting",
            "treat",
            "treats",
            "treated",
            "something",
            "anything",
            "nothing",
            "everything",
            "someone",
            "anyone",
            "somebody",
            "anybody",
            "stuff",
            "things",
            "thing",
            "more",
            "less",
            "much",
            "just",
            "exactly",
            "not",
            "lot",
            "little",
            "bit",
            "kind",
            "sort",
            "kinda",
            "sorta",
            "pretty",
            "quite",
            "very",
            "most",
            "least",
            "nobody",
            "none",
            "mean",
            "means",
            "meant",
            "dressed",
            "behave",
            "behaves",
            "behaved",
            "live",
            "lived",
            "ones",
            "one",
            "places",
            "people",
            "way",
            "ways",
            "times",
            "days",
        ],
        w,
    )
}

/// Degree words and intensifiers. A comparison cannot take one ("like really good" is not a
/// comparison), so after "like" they mark the filler.
pub fn intensifier(w: &str) -> bool {
    any(
        &[
            "really",
            "so",
            "very",
            "totally",
            "super",
            "pretty",
            "literally",
            "actually",
            "basically",
            "completely",
            "absolutely",
            "extremely",
            "incredibly",
            "insanely",
            "crazy",
            "way",
            "seriously",
            "honestly",
            "definitely",
            "almost",
            "nearly",
            "about",
            "around",
            "maybe",
            "probably",
            "only",
            "just",
            "barely",
            "kind",
            "sort",
            "kinda",
            "sorta",
            "even",
        ],
        w,
    )
}

/// Words that give a number or an amount ("like two weeks", "like a hundred people").
pub fn number(w: &str) -> bool {
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    // Vague amounts stand where a number would ("like a couple of weeks").
    crate::analysis::context::NUMBER_WORDS.contains(&w)
        || any(&["couple", "few", "several"], w)
        || w.contains('-')
            && w.split('-')
                .next()
                .is_some_and(|head| number(head) && head != "one")
}

/// Superlatives and focus words after "the" that make "like the most fun" a filler: a
/// comparison points at a thing, not at a degree.
pub fn superlative(w: &str) -> bool {
    any(
        &[
            "most", "least", "best", "worst", "biggest", "hardest", "easiest", "longest",
            "greatest", "coolest", "craziest", "scariest", "funniest", "weirdest", "smallest",
            "largest", "highest", "lowest", "fastest", "slowest", "whole", "entire", "only",
        ],
        w,
    )
}

/// Words that can open a clause or a noun phrase: what a filler at a clause start is followed
/// by ("like we had no tests", "well I think", "actually the first week").
pub fn clause_opener(w: &str) -> bool {
    subject_pronoun(w)
        || determiner(w)
        || copula(w)
        || number(w)
        || any(
            &[
                "it",
                "there",
                "here",
                "if",
                "when",
                "what",
                "how",
                "why",
                "where",
                "once",
                "maybe",
                "now",
                "then",
                "yeah",
                "yes",
                "no",
                "not",
                "let's",
                "let",
                "i've",
                "i'll",
                "you've",
                "we've",
                "they've",
                "we'll",
                "you'll",
                "they'll",
                "don't",
                "didn't",
                "nobody",
                "everyone",
                "somebody",
                "someone",
                "my",
                "just",
                "even",
                "after",
                "before",
                "in",
                "at",
                "on",
                "for",
                "with",
                "because",
                "and",
                "but",
                "so",
                "honestly",
                "actually",
                "basically",
                "probably",
                "obviously",
                "anyway",
                "oh",
                "okay",
                "right",
                "sure",
                "look",
                "listen",
                "see",
                "first",
                "second",
                "finally",
                "also",
                "well",
                "like",
                "kind",
                "sort",
                "instead",
                "during",
                "from",
                "about",
                "by",
                "having",
                "being",
                "getting",
            ],
            w,
        )
}

/// Common verbs in their bare form that are rarely nouns. "like" cannot take a bare infinitive
/// (as a verb it takes "to", as a comparison a noun), so "to like go", "you have to like pay"
/// make it a filler.
pub fn bare_verb(w: &str) -> bool {
    any(
        &[
            "go", "get", "make", "take", "come", "give", "put", "say", "tell", "find", "pay",
            "keep", "buy", "bring", "send", "spend", "try", "check", "fix", "figure", "realize",
            "decide", "ask", "talk", "sit", "stand", "leave", "grab", "pick", "throw", "know",
            "think", "see", "be",
        ],
        w,
    )
}

/// Common verbs in the third person that are rarely plural nouns: "and like makes it worse"
/// cannot be the verb or the comparison "like".
pub fn present_verb(w: &str) -> bool {
    any(
        &[
            "gives", "gets", "goes", "comes", "says", "tells", "keeps", "brings", "seems", "knows",
            "thinks", "wants", "needs", "makes", "becomes", "happens",
        ],
        w,
    )
}

/// Common verbs in the past tense: "I like went there" cannot be the verb "like".
pub fn past_verb(w: &str) -> bool {
    any(
        &[
            "was", "were", "had", "did", "went", "got", "said", "made", "came", "took", "saw",
            "thought", "knew", "told", "gave", "found", "felt", "left", "started", "wanted",
            "decided", "realized", "asked", "tried", "called",
        ],
        w,
    )
}

/// Common evaluative adjectives. A comparison needs a noun ("like a dream"), so "it was like
/// fun", "she's like nice" mark the filler. ("like crazy" is an idiom and not here.)
pub fn adjective(w: &str) -> bool {
    any(
        &[
            "good",
            "bad",
            "great",
            "hard",
            "easy",
            "fun",
            "nice",
            "cool",
            "big",
            "small",
            "huge",
            "tiny",
            "weird",
            "awesome",
            "amazing",
            "scary",
            "hot",
            "cold",
            "expensive",
            "cheap",
            "difficult",
            "stressful",
            "boring",
            "exciting",
            "interesting",
            "important",
            "terrible",
            "horrible",
            "awful",
            "fine",
            "okay",
            "new",
            "old",
            "happy",
            "sad",
            "angry",
            "upset",
            "nervous",
            "tired",
            "busy",
            "late",
            "early",
            "long",
            "short",
            "fast",
            "slow",
            "different",
            "impossible",
            "ridiculous",
            "obvious",
            "clear",
        ],
        w,
    )
}

/// Verbs that need an object and do not take a manner comparison: after them "like" stands
/// before the object ("we had like the best time", "it takes like ages", "I saw like a
/// hundred"), where a comparison cannot ("sleeps like a baby" is a manner verb, not here).
pub fn object_verb(w: &str) -> bool {
    any(
        &[
            "have", "has", "had", "having", "got", "get", "gets", "getting", "saw", "see", "sees",
            "seeing", "need", "needs", "needed", "want", "wants", "wanted", "bought", "buy",
            "took", "take", "takes", "taking", "spent", "spend", "spends", "paid", "pay", "found",
            "find", "gave", "give", "gives", "said", "say", "says", "saying", "told", "tell",
            "asked", "ask", "made", "make", "makes", "there's",
        ],
        w,
    )
}

/// Verbs of saying and thinking: what follows them is the content said or thought.
pub fn saying_verb(w: &str) -> bool {
    any(
        &[
            "say", "says", "said", "saying", "tell", "tells", "told", "telling", "ask", "asks",
            "asked", "asking", "think", "thinks", "thought", "thinking",
        ],
        w,
    )
}

/// Verbs that take a person and a thing as objects ("give you", "tell them"): a pronoun after
/// them is an object.
pub fn takes_two_objects(w: &str) -> bool {
    any(
        &[
            "give", "gives", "gave", "giving", "tell", "tells", "told", "ask", "asks", "asked",
            "show", "shows", "showed", "send", "sends", "sent", "offer", "offers", "offered",
            "pay", "pays", "paid", "teach", "taught", "bring", "brought", "buy", "bought", "cost",
            "costs", "charge", "charged", "owe", "owes", "lend", "lent", "hand", "handed",
        ],
        w,
    )
}

/// Words that make an amount approximate: "like about two hours", "like almost fifty".
pub fn approximator(w: &str) -> bool {
    any(
        &[
            "about",
            "around",
            "almost",
            "nearly",
            "maybe",
            "roughly",
            "approximately",
            "over",
            "under",
        ],
        w,
    )
}
