//! How the line mode words things: one place, so the wording stays consistent.

use crate::content::{CodePiece, Item, Topic, letter};
use crate::practice::{Mode, Outcome, Session, TryResult};
use crate::safe_text::SafeWriter;
use std::io::Write;

/// Every line goes through a [`SafeWriter`]: prompts, options, feedback and
/// code are the author's text, and reach the learner's terminal escaped.
pub struct Printer<W: Write> {
    out: SafeWriter<W>,
}

impl<W: Write> Printer<W> {
    pub fn new(out: W) -> Self {
        Printer {
            out: SafeWriter::new(out),
        }
    }

    pub fn line(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(self.out, "{text}")
    }

    pub fn prompt(&mut self) -> std::io::Result<()> {
        write!(self.out, "> ")?;
        self.out.flush()
    }

    /// A prompt naming what is asked: `blank 1> `.
    pub fn prompt_for(&mut self, what: &str) -> std::io::Result<()> {
        write!(self.out, "{what}> ")?;
        self.out.flush()
    }

    pub fn header(&mut self, topic: &Topic, session: &Session) -> std::io::Result<()> {
        let what = match session.mode() {
            Mode::Practice => "practice: fill in the blanks",
            Mode::Quiz => "quiz: questions one by one",
            Mode::Test => "test: one try each, no hints, solutions at the end",
            Mode::Review => "review: the items whose latest try was wrong",
            Mode::Due => "due: the items spaced repetition brings back today",
            Mode::Exam => "exam: your own test — one try each, no hints, solutions at the end",
        };
        writeln!(self.out, "{} — {what}", topic.title)?;
        if let Some(seed) = session.seed() {
            writeln!(
                self.out,
                "seed: {seed} (kata plain --topic {} --mode test --seed {seed} repeats this test)",
                topic.id
            )?;
        }
        if session.rates_confidence() {
            writeln!(
                self.out,
                "Confidence marking: rate each first try 1 (not sure), 2 (fairly) or 3 (very sure), or type it after the letters (B 3). Right earns 1/2/3, wrong costs 0/2/6."
            )?;
        }
        // Name only what this session has: no "two blanks" without a
        // multi-blank task, no hint command in a test.
        let letters = if session.items().iter().any(|i| i.blanks() > 1) {
            "letters (A, or A B for two blanks)"
        } else {
            "a letter (A)"
        };
        if session.items().iter().any(Item::is_typed) {
            writeln!(
                self.out,
                "A typed exercise asks for each blank's text on a line of its own (blank 1>)."
            )?;
        }
        if !session.mode().is_scored() {
            writeln!(
                self.out,
                "Answer with {letters}; :h (or ?) shows the hint; :q stops."
            )
        } else {
            writeln!(
                self.out,
                "Answer with {letters}; :q leaves the {} (recorded as abandoned, not scored).",
                if session.mode() == Mode::Exam {
                    "exam"
                } else {
                    "test"
                }
            )
        }
    }

    pub fn item(&mut self, session: &Session) -> std::io::Result<()> {
        let item = session.current();
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{} {}/{} · {} · {}",
            item.kind(),
            session.index() + 1,
            session.len(),
            item.difficulty(),
            item.id()
        )?;
        writeln!(self.out, "{}", item.prompt())?;
        if item.is_choose_all() {
            writeln!(
                self.out,
                "Choose all that apply: give every letter that is right, like `A C`."
            )?;
        }
        if let Item::Exercise(exercise) = item {
            writeln!(self.out)?;
            // `[blank 1]`, not `[1]`: in Python `append([1])` is a list.
            let code = exercise.fill(&[], |blank, _| format!("[blank {}]", blank + 1));
            for line in code.lines() {
                writeln!(self.out, "    {line}")?;
            }
            writeln!(self.out)?;
            let blanks = exercise
                .code
                .iter()
                .filter(|p| matches!(p, CodePiece::Blank(_)))
                .count();
            if exercise.is_typed() {
                writeln!(
                    self.out,
                    "Type the text of each blank, one line per blank (blank 1>, blank 2>, …)."
                )?;
            } else if blanks > 1 {
                writeln!(self.out, "Options (one pool for all {blanks} blanks):")?;
            }
        }
        for (i, option) in item.options().iter().enumerate() {
            writeln!(self.out, "{}) {option}", letter(i))?;
        }
        let left = session.attempts_left(session.index());
        if matches!(item, Item::Exercise(_)) && !session.mode().is_scored() {
            writeln!(self.out, "Attempts: {left} left")?;
        }
        Ok(())
    }

    pub fn try_result(&mut self, session: &Session, result: &TryResult) -> std::io::Result<()> {
        let item = session.current();
        if !result.marked {
            let answered = session
                .states()
                .iter()
                .filter(|s| !s.attempts.is_empty())
                .count();
            return writeln!(
                self.out,
                "answer recorded ({answered}/{} answered)",
                session.len()
            );
        }
        if result.correct {
            writeln!(self.out, "correct")?;
        } else {
            match result.attempts_left {
                // The solution follows: "0 attempts left" says nothing more.
                0 => writeln!(self.out, "wrong")?,
                1 => writeln!(self.out, "wrong (1 attempt left)")?,
                n => writeln!(self.out, "wrong ({n} attempts left)")?,
            }
        }
        if let Some(mark) = result.cbm {
            writeln!(self.out, "confidence mark: {}", signed(mark))?;
        }
        if let Item::Question(q) = item
            && q.is_choose_all()
            && !result.correct
        {
            // Which picks were wrong, and that some answers were left out;
            // which ones, only with the solution.
            let last = session.current_state().attempts.last();
            let wrong: Vec<String> = last
                .map(|a| {
                    (a.chosen.iter().zip(&a.marks))
                        .filter(|(_, ok)| !**ok)
                        .map(|(c, _)| letter(*c).to_string())
                        .collect()
                })
                .unwrap_or_default();
            let missed = last.map_or(0, |a| a.missed);
            let mut parts = Vec::new();
            if !wrong.is_empty() {
                parts.push(format!("{} not right", wrong.join(", ")));
            }
            if missed > 0 {
                parts.push(format!(
                    "{missed} right option{} not picked",
                    if missed == 1 { "" } else { "s" }
                ));
            }
            writeln!(self.out, "picks: {}", parts.join("; "))?;
        }
        if item.blanks() > 1 {
            let marks: Vec<String> = (result.marks.iter().enumerate())
                .map(|(b, &right)| {
                    format!("blank {} {}", b + 1, if right { "right" } else { "wrong" })
                })
                .collect();
            writeln!(self.out, "blanks: {}", marks.join(", "))?;
        }
        for (option, text) in &result.feedback {
            writeln!(self.out, "{}: {text}", letter(*option))?;
        }
        for (typed, text) in &result.typed_feedback {
            writeln!(self.out, "`{typed}`: {text}")?;
        }
        if !result.correct && !item.mistakes().is_empty() {
            self.mistakes(item)?;
        }
        if result.reveal {
            self.solution(item)?;
        }
        if result.comes_back {
            writeln!(
                self.out,
                "Missed: it comes back once more at the end of this session."
            )?;
        }
        Ok(())
    }

    /// When the item comes back, as FSRS schedules it after this try.
    pub fn next_review(
        &mut self,
        progress: &crate::progress::Progress,
        topic: &str,
        item: &Item,
    ) -> std::io::Result<()> {
        let today = crate::progress::today(progress.utc_offset_s());
        match crate::progress::next_review(progress, topic, item, today) {
            Some(next) => writeln!(self.out, "{}", next.words()),
            None => Ok(()),
        }
    }

    fn mistakes(&mut self, item: &Item) -> std::io::Result<()> {
        writeln!(self.out, "Common mistakes:")?;
        for m in item.mistakes() {
            writeln!(self.out, "  - {m}")?;
        }
        Ok(())
    }

    /// The worked solution the way the practice page lays it out.
    pub(super) fn solution(&mut self, item: &Item) -> std::io::Result<()> {
        writeln!(self.out, "Solution:")?;
        for (i, step) in item.steps().iter().enumerate() {
            writeln!(self.out, "  {}. {step}", i + 1)?;
        }
        let answer = item.answer();
        let options = item.options();
        match item {
            Item::Question(q) if q.is_choose_all() => {
                let texts: Vec<&str> = answer.iter().map(|&a| options[a].as_str()).collect();
                let letters: Vec<String> = answer.iter().map(|&a| letter(a).to_string()).collect();
                writeln!(
                    self.out,
                    "Final answer: {} -> Options {}",
                    texts.join("; "),
                    letters.join(", ")
                )?;
                if let Some(check) = &q.quick_check {
                    writeln!(self.out, "Quick check: {check}")?;
                }
            }
            Item::Question(q) => {
                writeln!(
                    self.out,
                    "Final answer: {} -> Option {}",
                    options[q.answer],
                    letter(q.answer)
                )?;
                if let Some(check) = &q.quick_check {
                    writeln!(self.out, "Quick check: {check}")?;
                }
            }
            Item::Exercise(e) if e.is_typed() => {
                for (blank, texts) in e.accept.iter().enumerate() {
                    let more = match &texts[1..] {
                        [] => String::new(),
                        others => format!(" (also accepted: {})", others.join(", ")),
                    };
                    writeln!(self.out, "Blank {}: {}{more}", blank + 1, texts[0])?;
                }
                writeln!(self.out, "Completed code:")?;
                for line in e.solved_code().lines() {
                    writeln!(self.out, "    {line}")?;
                }
            }
            Item::Exercise(e) => {
                let letters: Vec<String> = answer.iter().map(|&a| letter(a).to_string()).collect();
                writeln!(self.out, "Final answer: {}", letters.join(" "))?;
                writeln!(self.out, "Completed code:")?;
                for line in e.solved_code().lines() {
                    writeln!(self.out, "    {line}")?;
                }
            }
            Item::Kata(k) => {
                writeln!(self.out, "The author's solution:")?;
                for line in k.solution.lines() {
                    writeln!(self.out, "    {line}")?;
                }
            }
        }
        writeln!(self.out, "Hint: {}", item.hint())
    }

    /// After a test: every question with the learner's answer and the right
    /// one, each by its letter and text (as the TUI shows them), the
    /// feedback on a wrong choice, and the solution of what was missed.
    pub fn test_review(&mut self, session: &Session) -> std::io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "Review:")?;
        for (i, item) in session.items().iter().enumerate() {
            let state = session.state(i);
            let given = state.attempts.last().map(|a| a.chosen.clone());
            let mark = match state.outcome {
                Outcome::Solved { .. } => "correct",
                _ if given.is_none() => "not answered",
                _ => "wrong",
            };
            writeln!(
                self.out,
                "{}. {} · {} — {mark}",
                i + 1,
                item.difficulty(),
                item.id(),
            )?;
            if let Some(chosen) = &given {
                writeln!(self.out, "   your answer:  {}", choices(item, chosen))?;
            }
            if !matches!(state.outcome, Outcome::Solved { .. }) {
                writeln!(
                    self.out,
                    "   right answer: {}",
                    choices(item, &item.answer())
                )?;
                let choose_all = item.is_choose_all();
                for (blank, option) in given.iter().flatten().enumerate() {
                    let blank = if choose_all { 0 } else { blank };
                    if let Some(text) = item.feedback_for(blank, *option) {
                        writeln!(self.out, "   {}: {text}", letter(*option))?;
                    }
                }
                for (n, step) in item.steps().iter().enumerate() {
                    writeln!(self.out, "     {}. {step}", n + 1)?;
                }
            }
        }
        Ok(())
    }

    /// A test left before its end: what it was, that it was kept as
    /// abandoned, and how to take the same test again.
    pub fn abandoned(&mut self, topic: &Topic, session: &Session) -> std::io::Result<()> {
        let answered = (0..session.len())
            .filter(|&i| !session.state(i).attempts.is_empty())
            .count();
        writeln!(self.out)?;
        if session.mode() == Mode::Exam {
            writeln!(
                self.out,
                "Exam left after {answered} of {} items: no score or verdict (your answers are kept in the journal).",
                session.len()
            )?;
        } else {
            writeln!(
                self.out,
                "Test left after {answered} of {} questions: recorded as abandoned, with no score or verdict.",
                session.len()
            )?;
        }
        self.repeat(topic, session)?;
        self.out.flush()
    }

    /// The command that takes the same test again: same questions, same
    /// options in the same order.
    pub fn repeat(&mut self, topic: &Topic, session: &Session) -> std::io::Result<()> {
        if let Some(seed) = session.seed() {
            writeln!(
                self.out,
                "Take this test again: kata plain --topic {} --mode test --seed {seed}",
                topic.id
            )?;
        }
        Ok(())
    }

    pub fn summary(&mut self, session: &Session) -> std::io::Result<()> {
        let score = session.score();
        writeln!(self.out)?;
        writeln!(self.out, "score: {score}")?;
        if session.mode().is_scored() {
            writeln!(self.out, "verdict: {}", score.verdict())?;
        }
        if session.rates_confidence() {
            self.calibration(&session.calibration())?;
        }
        self.out.flush()
    }
}

/// Options by letter and text, `B "Snapshots…"`, one per blank.
fn choices(item: &Item, chosen: &[usize]) -> String {
    let options = item.options();
    let each: Vec<String> = chosen
        .iter()
        .map(|&c| match options.get(c) {
            Some(text) => format!("{} \"{text}\"", letter(c)),
            None => letter(c).to_string(),
        })
        .collect();
    each.join(", ")
}

/// `+3`, `-6`, `0`.
fn signed(mark: i32) -> String {
    if mark > 0 {
        format!("+{mark}")
    } else {
        mark.to_string()
    }
}

impl<W: Write> Printer<W> {
    /// The confidence-based marks beside the plain score, and how often each
    /// rating was right: whether the learner knows what they know.
    pub fn calibration(&mut self, c: &crate::practice::Calibration) -> std::io::Result<()> {
        if c.is_empty() {
            return writeln!(self.out, "confidence marks: no answer was rated");
        }
        let s = c.score();
        writeln!(
            self.out,
            "confidence marks: {} over {} answer{} (average {:.1}, best 3)",
            signed(s.marks),
            s.answers,
            if s.answers == 1 { "" } else { "s" },
            s.average()
        )?;
        writeln!(self.out, "calibration:")?;
        for line in c.lines() {
            writeln!(self.out, "  {line}")?;
        }
        Ok(())
    }
}
