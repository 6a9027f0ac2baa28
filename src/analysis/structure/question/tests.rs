//! The routing on wordings written for the tests (the labelled and common questions are
//! checked in `structure/tests.rs`).

use super::*;

#[test]
fn story_questions_ask_for_an_example() {
    for q in [
        "Tell me about a time you disagreed with a coworker.",
        "Tell me about the time the warehouse flooded.",
        "Walk me through onboarding a new client.",
        "How did your club's committee handle the split?",
        "What's the first plan of yours that didn't survive the week?",
        "What's the oddest thing that's happened to a guest's luggage while you had it?",
        "Describe a conflict with a coworker. How did you handle it?",
        "Give me an example of a time you showed leadership.",
        "Have you ever had to fire someone?",
        "Tell me about your biggest achievement.",
        "What was the hardest bug you fixed?",
        "Talk me through how you handled your first big client complaint.",
        "describe something you built that people still use",
        "Tell me about someone you coached through a hard patch.",
        "What's the worst outage you've ever been part of?",
        "whats the trickiest bug youve fixed",
        "When did you last have to say no to your manager?",
        "Tell me about your trickiest negotiation.",
        "What's the deal you're proudest of?",
        "What's something you fixed in your first few months in a new team?",
        "what's the most useful thing your team has done about late deliveries",
        "talk me through how your delivery office coped with the christmas peak",
        "Describe the riskiest change you've pushed to production.",
        "What's a decision you regret from your first year as a manager?",
        "Is there a promise you made to a client that you'd take back if you could?",
        "Can you remember a shift where everything changed in an hour?",
        "whats the closest call youve had on a building site",
        "What's the oddest request a customer has ever made of you?",
        "What was the first project you led after your promotion?",
        "whats the last hire you made that didnt work out",
        "What's a plan of yours that fell apart?",
        "whats the first home visit you remember doing on your own",
        "walk me through the week before your final year project was due",
        "walk me through telling a client their fit out was gonna be late",
        "What's the angriest call you took when you were still new on the phones?",
        "um so whats the roughest night youve worked in a bar on a ship",
        "so what was it like the first time you were let loose on a paying client",
        "um was there ever a moment in your new career where you felt completely out of your depth",
        "Since coming back from your career break, what's the first project that really tested you?",
        "What's one idea of yours which failed in testing?",
        "whats the scariest thing thats happened to you as an apprentice",
        "What's something you noticed in your first few weeks that others had stopped seeing?",
        "whos someone you worked with for ages before they would accept help",
        "Who was someone you mentored through their first year?",
        "What did your team do when the main server went down?",
        "so what did your night crew do after the flood got into the basement",
        "Have you had to tell a client their project was being cancelled?",
        "have you had a shift where nothing at all went to plan",
        "How did your first week on the new ward go?",
        "What's the most awkward conversation with a landlord you've had to handle?",
        "whats the strangest request anyones ever made at your front desk",
        "Did your crew ever have to stop a job halfway through?",
        "Has any of your designs ever been sent back by a client?",
        "How did your crew get on with the flood repairs at the school?",
        "whats a job that really tested you",
        "tell me how you got the backlog of phones down",
        "so how did your home deal with the medication errors that kept happening",
        "so tell me about when your team had to move a whole ward into a new building",
        "Is there a patient who told you their care plan wasn't working?",
        "How did your dispensary team bring down the waiting list?",
        "Has anyone ever told you in a meeting that your figures were wrong?",
        "Has a director ever asked you to cut a scene?",
        "I'd like to hear about an offshore campaign where the weather kept cancelling transfers.",
        "im curious how you handled it when a postdocs results couldnt be repeated",
        "so what was it like when a client changed their mind halfway through a planting",
        "Was there an animal that wouldn't settle after a move, and what did you end up doing?",
        "so if i asked you for the worst week youve had with the mowers what would you say",
        "Looking back at your fieldwork, was there a moment where you had to decide alone?",
        "Has there been a piece of equipment you fought with for months?",
        "so what did you actually do when a batch of references went off with the wrong grades",
        "Something must have gone wrong over a weekend like that, so what did you all do?",
        "Could you take me back through a missing person inquiry you worked on?",
        "Was there an estate where you actually got the fire numbers down?",
        "What's the closest a school show of yours has come to not going on?",
        "um what was it like the time a pupils dad kept teaching him different stuff to you",
        "what happened when someone told you something and you had to say you couldnt keep it",
    ] {
        assert!(asks_for_example(q), "{q}");
    }
}

#[test]
fn opinions_plans_and_hypotheticals_do_not() {
    for q in [
        "Why do you want to work for this company?",
        "What trends do you see in our industry?",
        "How would you handle a disagreement with your manager?",
        "Tell me about yourself.",
        "Which question did you find hardest in your last interview? Answer it again now.",
        "Imagine a customer is shouting at you. What would you do?",
        "Describe your ideal team.",
        "Walk me through how you prioritise your week.",
        "Tell me something about yourself that is not on your CV.",
        "Would you ever work nights?",
        "What is the biggest challenge facing our industry?",
        "What would be the best thing about this job for you?",
        "What's the best way for you to get feedback?",
        "Tell me about someone you admire.",
        "How do you cope with being away on tour for weeks at a time?",
        "What's the biggest challenge your industry faces?",
        "Walk me through how your team plans a release.",
        "What's something you would change about your current role?",
        "What's a skill you want to learn next?",
        "Is there anything you would like to ask us?",
        "What's the longest you would commute for a job?",
        "Do you remember to take breaks?",
        "What's the first thing you would change here?",
        "What's the last step you take before a release?",
        "What's a habit of yours that helps you focus?",
        "Walk me through the week before a release.",
        "Tell me about managing people across time zones.",
        "Tell me about being a team lead.",
        "What do you think about hiring a friend?",
        "so what's kept you going when most of your friends moved away",
        "What's the latest trend you are following?",
        "What interest rate would you expect next year?",
        "What's the hardest part of this job, do you think?",
        "What's the biggest change that shaped your industry?",
        "What's the biggest change that's happened in your industry?",
        "Talk me through writing a good bug report.",
        "What do you check first when you've got a new starter on the ward?",
        "What's the first thing you remember to check each morning?",
        "How do you usually run your first meeting with an account you've just inherited?",
        "how do you normally plan a week when youve got several jobs on the go",
        "What do you tend to do first with a dataset you've never seen?",
        "Who's someone you admire in your field?",
        "What's something you notice first about a new team?",
        "What did your last manager do well?",
        "What did your previous company do to keep its staff?",
        "Have you had any thoughts about where you want to be in five years?",
        "How do you think the merger will go for smaller firms?",
        "What's the best part of working in a busy emergency department, in your view?",
        "What's the biggest change anyone's made to how nurses train?",
        "How did your degree prepare you for this role?",
        "What's a skill that would help you most here?",
        "Tell me a bit about yourself.",
        "Tell me why you applied for this role.",
        "Have you ever thought about what you'd change in how junior rugby is run?",
        "Did you ever consider teaching instead?",
        "What did you hear about our company before you applied?",
        "Do you ever think probation has become too much about paperwork?",
        "Tell me how you heard about this job.",
        "I'd love to hear how you got into nursing.",
        "If I asked you to start next month, would you be free?",
        "Walk me through how you'd run your first week with a form you've never met.",
        "Walk me through how you check a payroll before you let it go.",
        "so if there was ever a time you had two applicants and one place how would you decide",
        "Tell me how you would plan your first month.",
        "How did your studies prepare you for this job?",
        // Short generic questions, asked in every kind of interview: a summary, a
        // quality, a habit or an ideal, which the learned model (keen on "describe",
        // "walk me through") must not make stories of either.
        "Describe your ideal team.",
        "Describe your current responsibilities.",
        "Walk me through your resume.",
        "Tell me about your hobbies.",
        "Tell me about your biggest strength.",
        "Tell me about your experience with Python.",
        "Talk about your experience managing budgets.",
        "Describe the perfect job for you.",
        "Describe a typical day in your current role.",
        "Give me an overview of your current role.",
    ] {
        assert!(!asks_for_example(q), "{q}");
    }
}

/// Wordings no rule lists, which the learned model routes: asked of something past, it
/// may make a story of them; the rules alone do not.
#[test]
fn the_model_routes_past_wordings_no_rule_lists() {
    for q in [
        "Walk me through the audit your team failed last spring.",
        "Walk me through the rollout your department rushed last spring.",
    ] {
        assert_eq!(verdict(q), Verdict::NoCue, "{q}");
        assert!(asks_for_example(q), "{q}");
        assert!(!asks_for_example_with(q, None), "{q}");
    }
}

/// Facts of the record, checks of experience and lists, asked in the past tense: a line
/// each, not a story. The same words around an occasion still ask for one.
#[test]
fn past_tense_facts_checks_and_lists_are_not_stories() {
    for q in [
        "What was your major?",
        "What was your job title at the bank?",
        "What were your main duties in your last post?",
        "What was your final grade in maths?",
        "What did you do your masters in?",
        "What did you do during your gap year?",
        "Have you ever used Jira?",
        "Have you ever worked in a call centre?",
        "Have you ever worked for a charity?",
        "Which languages did you use on the project?",
        "What tools have you used for data cleaning?",
        "Take a moment to read the brief, then tell me your first impressions.",
        "Have you ever held a forklift licence?",
        "What did you do before you retrained as a nurse?",
        "What were your hours like on the night team?",
        "Which of the two hospitals did you prefer?",
        "What was your churn rate last quarter?",
        "How did you usually close the store on a Sunday?",
        "What was the average basket size at your store?",
        "What was the headcount when you took over the unit?",
        "What was the name of that ward again?",
        "How did you use to plan your deliveries?",
        "Have you ever managed a team of ten?",
        "Have you ever run a payroll?",
        "What was your team size at the agency?",
        "How did you end up in recruitment?",
        "Have you ever worked at a firm with more than a thousand staff?",
    ] {
        assert!(!asks_for_example(q), "{q}");
    }
    for q in [
        "What was your biggest mistake in your first job?",
        "What did you do during your placement when the supervisor went off sick?",
        "Have you ever used a shortcut that came back to bite you?",
        "Have you ever worked with someone who took credit for your work?",
        "What's your biggest regret from your first year of teaching?",
        "Is there a moment from your apprenticeship that changed how you work?",
        "Have you ever held a colleague back from making a complaint?",
        "What's a sale you'd close differently if you had it again?",
        "Tell me about a customer who really stuck with you.",
        "What was your part in the recovery after the flood?",
        "What was your plan when the supplier went bust?",
        "Tell me about a pitch you led and how it actually turned out.",
        "Is there a hire you should have made sooner?",
        "What's the strangest request a customer has made of you?",
        "What was the problem you solved in your first month?",
        "What was the mood on the ward when the inspectors arrived?",
        "and what was the outcome?",
        "Have you ever lost a client?",
        "Have you ever run a meeting that went off the rails?",
    ] {
        assert!(asks_for_example(q), "{q}");
    }
}

/// "Is there …", "was there …" ask for one thing: the model may be asked, unlike a closed
/// "have you worked with …?".
#[test]
fn an_existential_opener_is_not_a_closed_question() {
    let words = |q: &str| question_words(q);
    let open = words("Is there a decision you made that you later had to defend?");
    let closed = words("Have you worked with Salesforce?");
    assert!(!closed_question(
        &open.iter().map(String::as_str).collect::<Vec<_>>()
    ));
    assert!(closed_question(
        &closed.iter().map(String::as_str).collect::<Vec<_>>()
    ));
}

#[test]
fn a_clear_past_occasion_wins_over_a_conditional() {
    assert!(asks_for_example(
        "Tell me about a time you failed. What would you do differently?"
    ));
}
