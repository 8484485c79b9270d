//! What the learner means: every key press and mouse event becomes one of
//! these, and only `update` turns them into changes of state.

use crate::practice::Mode;
use std::time::Instant;

/// Something on screen the mouse can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Topic(usize),
    Mode(Mode),
    /// A blank of the current exercise, 0-based.
    Blank(usize),
    /// An option of the current item, 0-based (A = 0).
    Option(usize),
    /// An item of the running session, from the progress strip.
    Item(usize),
    /// A row of the results list.
    ResultRow(usize),
    /// A button that does what a key would.
    Button(Button),
    /// The home screen's "Replay lab" entry.
    Lab,
    /// The home screen's "Flashcards" entry.
    Cards,
    /// The home screen's "Learn" entry.
    Learn,
    /// The home screen's "Exam" entry.
    Exam,
    /// The home screen's "Predict" entry.
    Predict,
    /// A scenario in the lab's list, 0-based.
    Scenario(usize),
}

/// On-screen buttons for mouse users; each does what its key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Check,
    Hint,
    Next,
}

impl Button {
    pub fn action(self) -> Action {
        match self {
            Button::Check => Action::Confirm,
            Button::Hint => Action::Hint,
            Button::Next => Action::NextItem,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave kata.
    Quit,
    /// Esc: close, go back, or leave from home.
    Back,
    ToggleHelp,
    /// Confidence-based marking on or off for the runs started next.
    ToggleConfidence,
    /// Take a finished item again (Ctrl-R).
    Retry,
    Up,
    Down,
    /// Next blank (exercise) or next pane (home).
    NextBlank,
    PrevBlank,
    /// Enter: start, place the highlighted option, check, continue.
    Confirm,
    /// Put option N into the current blank, or answer option N.
    Choose(usize),
    /// Empty the current blank.
    Clear,
    Hint,
    NextItem,
    PrevItem,
    PageUp,
    PageDown,
    ScrollUp,
    ScrollDown,
    /// Start a mode of the chosen topic.
    Start(Mode),
    /// A new test on the same topic with a new seed.
    Retake,
    /// Ask to end a running test now.
    EndTest,
    /// Answer to a yes/no question on screen.
    Yes,
    No,
    /// Mouse button pressed on a target.
    Press(Target),
    /// Mouse moved with the button held, over a target or nothing.
    Drag(Option<Target>),
    /// Mouse button released over a target or nothing.
    Release(Option<Target>),
    /// The clock moved on (a test countdown, lab playback or a lab build).
    Tick(Instant),
    /// `kata preview`: read the author's files again now.
    Reload,
    /// Open the replay lab's scenario list (home).
    OpenLab,
    /// Open the lab's scenario list with Predict on (home).
    OpenPredict,
    /// In the lab: Predict mode on or off.
    TogglePredict,
    /// Open Flashcards on the chosen topic (home).
    OpenCards,
    /// Open Learn on the chosen topic (home).
    OpenLearn,
    /// Set up an exam on the chosen topic (home).
    OpenExam,
    /// Open the lab on the current item's `replay` scenario.
    OpenReplay,
    /// Lab: one event forward / back.
    StepForward,
    StepBack,
    /// Lab: play or pause; slower / faster.
    PlayPause,
    Slower,
    Faster,
    /// Lab: to the start / the end of the log.
    JumpStart,
    JumpEnd,
    /// Lab: `:` starts typing a position.
    GoToPrompt,
    /// A digit typed (the lab's position prompt).
    Digit(u8),
    /// Lab: the snapshot lesson, the edit-an-event lesson, the next panel.
    SnapshotLesson,
    EditLesson,
    NextPane,
    /// Kata: put the keys into the editor pane.
    Edit,
    /// Kata: a key typed into the editor pane.
    EditKey(ratatui::crossterm::event::KeyEvent),
    /// Kata: run the tests on the code.
    RunCode,
    /// Kata: open the code in `$VISUAL` / `$EDITOR`.
    OpenEditor,
    /// Kata: stop trying; the solution is shown.
    GiveUp,
}
