//! Katas in a session: the learner's code runs against the kata's tests
//! through a [`Runner`]. Solved when every test passes; runs are free (they
//! are not tries); a hint shown before solving halves the points, as for any
//! item; giving up ends the kata unsolved and shows the solution.

use super::session::{Outcome, Session, SubmitError};
use crate::content::{Item, Kata};

pub use super::sandbox_api::{Limits, Outcome as RunOutcome, Program, RunError, TestResult};

/// Whatever runs Python for a kata: kata's sandbox in the binary, a scripted
/// stand-in in tests of the rules.
pub trait Runner {
    fn run(&mut self, program: &Program, limits: &Limits) -> RunOutcome;
}

/// The program one run of a kata executes: its setup, the learner's code,
/// its tests.
pub fn program(kata: &Kata, code: &str) -> Program {
    Program {
        setup: kata.setup.clone(),
        code: code.to_string(),
        tests: kata.tests.clone(),
    }
}

/// What one run of a kata's code showed the learner.
#[derive(Debug, Clone, PartialEq)]
pub struct KataRun {
    pub outcome: RunOutcome,
    /// Tests that passed, of `total`.
    pub passed: usize,
    pub total: usize,
    /// No error and every test passed.
    pub all_passed: bool,
    /// This run solved the kata (it was open and every test passed).
    pub solved_now: bool,
}

impl KataRun {
    fn of(outcome: RunOutcome, total: usize, was_open: bool) -> KataRun {
        let passed = outcome.tests.iter().filter(|t| t.passed).count();
        // A result per test, none failed, no error: a run cut short by an
        // error (or a runner that skipped tests) never counts as passing.
        let all_passed = outcome.error.is_none() && outcome.tests.len() == total && passed == total;
        KataRun {
            outcome,
            passed,
            total,
            all_passed,
            solved_now: was_open && all_passed,
        }
    }
}

impl Session {
    /// The current item if it is a kata.
    pub fn current_kata(&self) -> Option<&Kata> {
        match self.items().get(self.index())? {
            Item::Kata(kata) => Some(kata),
            _ => None,
        }
    }

    /// Hand in the learner's latest code for the current kata (kept even
    /// once the kata is finished: the learner may go on running it).
    pub fn edit_code(&mut self, code: &str) -> Result<(), SubmitError> {
        if self.current_kata().is_none() {
            return Err(SubmitError::Invalid("this item is not a kata".into()));
        }
        let index = self.index();
        let state = self.state_mut(index);
        if state.code != code {
            state.code = code.to_string();
        }
        Ok(())
    }

    /// Run the current kata's code (see [`Session::edit_code`]) against its
    /// tests. A run that passes every test solves an open kata; any run may
    /// follow, before or after, and none is spent.
    ///
    /// ```
    /// use kata::content::{Item, Kata};
    /// use kata::practice::{Limits, Mode, Program, RunOutcome, Runner, Session, TestResult};
    /// struct AllPass;
    /// impl Runner for AllPass {
    ///     fn run(&mut self, p: &Program, _: &Limits) -> RunOutcome {
    ///         let tests = p.tests.iter().map(|_| TestResult { passed: true, message: None, error: None }).collect();
    ///         RunOutcome { tests, ..RunOutcome::default() }
    ///     }
    /// }
    /// let kata = Kata { id: "k".into(), tests: vec!["assert True".into()], ..Kata::default() };
    /// let mut s = Session::new(Mode::Practice, vec![Item::Kata(kata)]);
    /// let run = s.run_kata(&mut AllPass, &Limits::default()).unwrap();
    /// assert!(run.solved_now);
    /// assert!(s.is_over());
    /// ```
    pub fn run_kata(
        &mut self,
        runner: &mut dyn Runner,
        limits: &Limits,
    ) -> Result<KataRun, SubmitError> {
        let Some(kata) = self.current_kata() else {
            return Err(SubmitError::Invalid("this item is not a kata".into()));
        };
        let index = self.index();
        let program = program(kata, &self.state(index).code);
        let total = kata.tests.len();
        let outcome = runner.run(&program, limits);
        let was_open = self.state(index).outcome == Outcome::Open && !self.ended();
        let run = KataRun::of(outcome, total, was_open);
        let state = self.state_mut(index);
        state.runs += 1;
        if run.solved_now {
            state.outcome = Outcome::Solved { on_try: 1 };
        }
        Ok(run)
    }

    /// Stop trying the current kata: it ends unsolved and its solution may be shown.
    pub fn give_up(&mut self) -> Result<(), SubmitError> {
        if self.current_kata().is_none() {
            return Err(SubmitError::Invalid("this item is not a kata".into()));
        }
        let index = self.index();
        let state = self.state_mut(index);
        if state.outcome.is_finished() {
            return Err(SubmitError::Finished);
        }
        state.outcome = Outcome::Failed;
        Ok(())
    }
}
