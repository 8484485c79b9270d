//! What `kata new topic ID` writes: one exercises file and one quiz file,
//! each a commented, working example of its kind that passes `kata check`
//! as written, with a `#:schema` line so editors complete keys from
//! `kata schema`.

/// The schema file `kata new` writes beside `exercises/` and `quizzes/`;
/// the `#:schema` line of each new file points at it.
///
/// ```
/// assert_eq!(kata::content::SCHEMA_FILE, "kata.schema.json");
/// ```
pub const SCHEMA_FILE: &str = "kata.schema.json";

/// The two files of a new topic, as text.
///
/// ```
/// let new = kata::content::TopicTemplate::new("sagas", "Sagas");
/// assert!(new.exercises.starts_with("#:schema ../kata.schema.json\n"));
/// assert!(new.quiz.contains("id = \"sagas\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicTemplate {
    /// `exercises/ID.toml`: a fill-in exercise with two blanks and feedback, and a kata.
    pub exercises: String,
    /// `quizzes/ID.toml`: a question with steps, quick check, hint, mistakes
    /// and feedback, and a choose-all question.
    pub quiz: String,
}

impl TopicTemplate {
    /// The files of topic `id` titled `title`. `id` should pass
    /// [`crate::content::is_valid_id`]; the title may hold any text.
    ///
    /// See the example on [`TopicTemplate`].
    pub fn new(id: &str, title: &str) -> Self {
        let title = toml::Value::String(title.to_string()).to_string();
        let fill = |template: &str| template.replace("{id}", id).replace("{title}", &title);
        TopicTemplate {
            exercises: fill(EXERCISES),
            quiz: fill(QUIZ),
        }
    }
}

/// A readable title from an id: `event-store` → `Event store`.
///
/// ```
/// assert_eq!(kata::content::title_from_id("event-store"), "Event store");
/// ```
pub fn title_from_id(id: &str) -> String {
    let words = id.split('-').filter(|w| !w.is_empty());
    let mut title = words.collect::<Vec<_>>().join(" ");
    if let Some(first) = title.get(..1) {
        title.replace_range(..1, &first.to_ascii_uppercase());
    }
    title
}

// `{id}` and `{title}` are filled in; every other brace is the file's own.
const EXERCISES: &str = r#"#:schema ../kata.schema.json
# Exercises of the topic `{id}`: code with numbered blanks that the learner
# fills from one pool of options. AUTHORING.md describes every key.
#
#   kata check exercises/{id}.toml          check this file (line:col + help)
#   kata --content . plain --topic {id}     take the topic in plain text
#
# The `#:schema` line above lets editors with TOML schema support (taplo,
# Even Better TOML) complete keys and flag mistakes while you type.

[topic]
id = "{id}"                      # a-z, 0-9 and -; every file with this id adds to the topic
title = {title}                  # the same in every file of the topic

[[exercise]]                     # one table per exercise
id = "keep-even-numbers"         # unique within the topic; progress is kept by topic/id
difficulty = "easy"              # easy | medium | hard (1, 2 or 3 points)
prompt = "Fill both blanks to keep only the even numbers."
lang = "python"                  # optional, for display only
# Blanks are {{1}}, {{2}}... numbered from 1 without gaps. A '''literal'''
# string keeps quotes and backslashes as typed and may span many lines.
code = '''
evens = [n for n in numbers if n {{1}} 2 {{2}} 0]
'''
options = ["%", "==", "!=", "//"]   # one pool for all blanks, lettered A, B, C, D
answer = ["A", "B"]              # one letter per blank, in blank order
attempts = 3                     # optional: tries allowed, 1 to 10 (default 3)
hint = "An even number leaves no remainder when divided by 2."
mistakes = ["Using `//` (division) where the remainder `%` is needed."]
steps = [                        # optional: the worked solution, one step per entry
  "`n % 2` is the remainder of dividing n by 2.",
  "Even numbers leave a remainder of 0, so compare it with `==`.",
]
# optional: why a wrong option is wrong, by its letter (never for an answer)
feedback = { C = "`!=` keeps the odd numbers instead.", D = "`//` divides; the remainder is what tells even from odd." }
# optional: make the exercise runnable. Every check then runs the completed
# code in kata's Python sandbox (setup, the code, then each test on its own)
# and shows the learner what it did; `kata check` runs the answer and every
# wrong option. `kata run {id}/keep-even-numbers --answer "A C"` runs one.
[exercise.run]
setup = '''
numbers = [1, 2, 3, 4, 5, 6]
'''
tests = [                        # each passes unless it raises; an assert, usually
  '''assert evens == [2, 4, 6], f"evens is {evens}"''',
]

[[kata]]                         # the learner writes the code; kata runs the tests on it
id = "sum-of-evens"              # unique within the topic (questions and exercises included)
difficulty = "easy"
prompt = "Write sum_of_evens(numbers): the sum of the even numbers in the list."
lang = "python"                  # optional; python is the only language that runs
setup = '''
numbers = [1, 2, 3, 4, 10]
'''                              # optional: runs first, in the same namespace
starter = '''
def sum_of_evens(numbers):
    total = 0
    return total
'''                              # what the learner starts from (may be empty)
solution = '''
def sum_of_evens(numbers):
    total = 0
    for n in numbers:
        if n % 2 == 0:
            total += n
    return total
'''                              # shown after solving or giving up; must pass every test
tests = [                        # each runs after the code, on its own; the message is what the learner reads
  '''assert sum_of_evens([]) == 0, "an empty list sums to 0"''',
  '''assert sum_of_evens(numbers) == 16, f"sum_of_evens(numbers) is {sum_of_evens(numbers)}"''',
]
hint = "Loop over the numbers and add the ones whose remainder by 2 is 0."
steps = ["Start from 0, add each n with n % 2 == 0, return the total."]   # optional
"#;

const QUIZ: &str = r#"#:schema ../kata.schema.json
# Questions of the topic `{id}`: multiple choice, one correct option.
# AUTHORING.md describes every key.
#
#   kata check quizzes/{id}.toml            check this file (line:col + help)
#   kata --content . plain --topic {id} --mode quiz

[topic]
id = "{id}"                      # the same topic as exercises/{id}.toml
title = {title}                  # the same in every file of the topic
# area = "Microservices · system design"   # optional subtitle
# minutes = 10                             # optional: about how long the topic takes
# requires = ["event-store"]              # optional: the topics this one builds on (the track)

[[question]]                     # one table per question
id = "how-blanks-are-numbered"   # unique within the topic (exercises included)
difficulty = "medium"            # easy | medium | hard (1, 2 or 3 points)
prompt = "How are the blanks of a kata exercise numbered?"
options = [                      # 2 to 26 options, lettered A, B, C...
  "{{1}}, {{2}}, {{3}}... from 1, without gaps",
  "{{0}}, {{1}}, {{2}}... from 0",
  "Any numbers, as long as each is used once",
]
answer = "A"                     # the letter of the correct option: A is the first
hint = "Look at the code of the exercise file next to this one."
mistakes = ["Counting from {{0}} as array indexes do."]
steps = [                        # optional: the worked solution
  "Blanks are counted the way people count: the first one is {{1}}.",
  "A gap ({{1}} then {{3}}) is refused by kata check.",
]
quick_check = "Blanks: {{1}}, {{2}}... from 1, no gaps"   # optional one-line summary
# optional: why a wrong option is wrong, by its letter (never for the answer)
feedback = { B = "kata counts blanks from 1: a {{0}} is a check error.", C = "Gaps are refused too: after {{1}} comes {{2}}." }
# replay = "user-lifecycle"      # optional: a replay-lab scenario about this question

[[question]]                     # choose all that apply: `answer` lists every right letter
id = "what-kata-check-reports"
difficulty = "easy"
prompt = "Which of these does kata check report with a line and column?"
options = [
  "A misspelt key, such as promt",
  "An answer letter that names no option",
  "A learner's wrong answer in a quiz",
  "How long the topic takes to finish",
]
answer = ["A", "B"]              # the learner must pick them all; credit = (right - wrong picks) / right answers
hint = "kata check reads the files an author writes, not a learner's tries."
mistakes = ["Thinking the checker marks learners."]
steps = ["Both are mistakes in a content file, which is what kata check reads."]
feedback = { C = "A learner's tries are marked in a session, not by kata check.", D = "minutes is a number the author gives; nothing checks how long a topic takes." }

[[predict]]                      # what is a field's value right after one event? kata computes the answer
id = "predict-renamed-name"      # unique within the topic (every kind included)
difficulty = "easy"
scenario = "user-lifecycle"      # a scenario id: yours, or a bundled one
at = 1                           # the 0-based position of the event asked about
entity = 1                       # the entity's key (leave out for a scenario without `key`)
field = "name"                   # the field asked about, right after that event
hint = "The state is the events folded in order."

[[order]]                        # put the items in order (a Parsons problem); shown shuffled
id = "order-of-a-check"          # unique within the topic (every kind included)
difficulty = "easy"
prompt = "Put the steps of writing a topic in order."
items = [                        # in the right order: 3 to 26, each different
  "Write the items in a TOML file",
  "Run kata check and fix what it reports",
  "Practise the topic in kata",
]
hint = "What must a file pass before a learner sees it?"

[[note]]                         # what Learn mode shows before practice
id = "note-blanks"               # unique within the topic (every kind included)
title = "How blanks are numbered"
body = '''
Blanks are counted the way people count: the first is {{1}}, then {{2}}.

```toml
code = "evens = [n for n in numbers if n % 2 {{1}} 0]"
```
'''                              # paragraphs, and code between lines of ```
sources = ["AUTHORING.md, Blanks"]   # where the facts come from (a warning without)

[[card]]                         # a flashcard: the learner recalls, turns it, grades themselves
id = "card-blank-numbers"        # unique within the topic (questions and exercises included)
front = "From which number are a kata exercise's blanks counted?"
back = "From 1: {{1}}, {{2}}, {{3}}..., without gaps; kata check refuses {{0}} and gaps."
sources = ["AUTHORING.md, Blanks"]   # optional: where the fact comes from, shown with the back
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{SourceFile, Sources};

    fn check(template: &TopicTemplate) -> crate::content::Catalog {
        let mut sources = Sources::bundled();
        sources.files.push(SourceFile::new(
            "exercises/t.toml",
            template.exercises.as_bytes().to_vec(),
        ));
        sources.files.push(SourceFile::new(
            "quizzes/t.toml",
            template.quiz.as_bytes().to_vec(),
        ));
        sources.load()
    }

    #[test]
    fn a_new_topic_checks_clean_beside_the_bundled_content() {
        let catalog = check(&TopicTemplate::new("sagas", "Sagas"));
        assert!(catalog.problems.is_empty(), "{:#?}", catalog.problems);
        let topic = catalog.topic("sagas").expect("the new topic loads");
        assert_eq!(topic.exercises.len(), 2, "the exercise and the ordering");
        assert_eq!(topic.exercises[1].blanks(), 3);
        assert_eq!(topic.exercises[0].blanks(), 2);
        assert_eq!(topic.exercises[0].feedback.len(), 2);
        assert_eq!(topic.exercises[0].run.as_ref().unwrap().tests.len(), 1);
        assert_eq!(topic.katas.len(), 1);
        assert_eq!(topic.katas[0].tests.len(), 2);
        let question = &topic.questions[0];
        assert!(question.quick_check.is_some() && !question.steps.is_empty());
        assert!(!question.mistakes.is_empty() && !question.feedback.is_empty());
        assert_eq!(topic.questions[1].choose_all, [0, 1]);
        assert_eq!(topic.cards.len(), 1);
        assert_eq!(topic.notes.len(), 1);
        assert_eq!(topic.notes[0].blocks().len(), 2);
        assert_eq!(topic.cards[0].sources.len(), 1);
    }

    #[test]
    fn a_title_with_quotes_is_written_as_a_toml_string() {
        let catalog = check(&TopicTemplate::new("q", "Say \"hi\" \\ bye"));
        assert!(catalog.problems.is_empty(), "{:#?}", catalog.problems);
        assert_eq!(catalog.topic("q").unwrap().title, "Say \"hi\" \\ bye");
    }

    #[test]
    fn titles_from_ids() {
        assert_eq!(title_from_id("sagas"), "Sagas");
        assert_eq!(title_from_id("cqrs-read-models"), "Cqrs read models");
        assert_eq!(title_from_id("2pc"), "2pc");
    }
}
