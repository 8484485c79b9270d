//! The one keymap: key presses become actions here, and the footer's hints and
//! the help overlay are both read from this same table, so they cannot drift
//! from the real bindings.

use super::action::Action;
use crate::practice::Mode;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Which bindings apply: one per kind of screen (and overlay).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    /// An exercise still being worked on.
    Exercise,
    /// A typed exercise still being worked on: printable keys type into its blank.
    Typed,
    /// A question still open (practice quiz).
    Question,
    /// A question in a running test: no hint.
    TestQuestion,
    /// An item that is finished: its solution is on screen.
    Solved,
    Results,
    Help,
    Confirm,
    /// "Quit in the middle of a test?" (`q` or Ctrl-C while a test runs).
    ConfirmQuit,
    /// `kata preview` while a file does not check: its diagnostics replace the screen.
    Broken,
    /// The replay lab, with a scenario open (or being built).
    Lab,
    /// The lab's scenario list.
    LabPicker,
    /// Typing a position after `:` in the lab.
    LabGoto,
    /// The lab in Predict mode, a question open: letters answer it.
    LabPredict,
    /// A kata on screen, keys to kata's commands.
    Kata,
    /// A kata on screen, keys typed into its editor.
    KataEdit,
    /// Flashcards: the front of a card, to recall from.
    Cards,
    /// Flashcards: the card turned, to grade.
    CardBack,
    /// Flashcards: every card recalled.
    CardsDone,
    /// Learn: a note on screen.
    Learn,
    /// The exam form.
    ExamSetup,
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Ctrl(char),
    /// Any option letter (A, B, C…), either case; gives `Action::Choose`.
    Letter,
    /// Any digit 0–9; gives `Action::Digit`.
    Digit,
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and the help.
    pub label: &'static str,
    /// One or two words for the footer; empty keeps the row out of the footer.
    pub short: &'static str,
    pub help: &'static str,
    pub action: Action,
    pub contexts: &'static [Context],
}

use Context::*;
use KeyCode as K;

const WORK: &[Context] = &[Exercise, Question, TestQuestion, Solved, Kata];
const SCREENS: &[Context] = &[
    Home,
    Learn,
    ExamSetup,
    Cards,
    CardBack,
    CardsDone,
    Kata,
    Exercise,
    Question,
    TestQuestion,
    Solved,
    Results,
    Lab,
    LabPredict,
    LabPicker,
];

/// Every screen but home, where Esc quits rather than goes back.
const AWAY: &[Context] = &[
    Learn,
    ExamSetup,
    Cards,
    CardBack,
    CardsDone,
    Kata,
    Exercise,
    Typed,
    Question,
    TestQuestion,
    Solved,
    Results,
    Lab,
    LabPredict,
    LabPicker,
];

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    short: &'static str,
    help: &'static str,
    action: Action,
    contexts: &'static [Context],
) -> Binding {
    Binding {
        keys,
        label,
        short,
        help,
        action,
        contexts,
    }
}

const ALL: &[Context] = &[
    Home,
    Exercise,
    Typed,
    Question,
    TestQuestion,
    Solved,
    Results,
    Help,
    Confirm,
    ConfirmQuit,
    Lab,
    LabPredict,
    LabPicker,
    LabGoto,
    Kata,
    KataEdit,
    Cards,
    CardBack,
    CardsDone,
    Learn,
    ExamSetup,
];
const ARROWS: &[Key] = &[Key::Code(K::Up), Key::Code(K::Down)];
/// The lab's keys, with a prediction open or not.
const LAB: &[Context] = &[Lab, LabPredict];

/// Earlier rows win, so specific keys (h, n, p, q…) come before option letters.
/// A row with an empty `short` is listed in the help but not in the footer; a
/// row with an empty `label` is a second key of the row above it.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Home
    bind(&[Key::Code(K::Up), Key::Code(K::Down), Key::Code(K::Char('k')), Key::Code(K::Char('j'))], "↑↓", "choose", "choose a topic or a mode", Action::Down, &[Home]),
    bind(&[Key::Code(K::Tab), Key::Code(K::Right), Key::Code(K::Left), Key::Code(K::BackTab)], "Tab", "topics/modes", "switch between the topic list and the modes", Action::NextBlank, &[Home]),
    bind(&[Key::Code(K::Enter)], "Enter", "start", "start the chosen mode", Action::Confirm, &[Home]),
    bind(&[Key::Code(K::Char('p'))], "p", "", "start practice: the fill-in tasks", Action::Start(Mode::Practice), &[Home]),
    bind(&[Key::Code(K::Char('u'))], "u", "", "start the quiz: questions one by one", Action::Start(Mode::Quiz), &[Home]),
    bind(&[Key::Code(K::Char('t'))], "t", "", "start a test: 10 questions, scored", Action::Start(Mode::Test), &[Home]),
    bind(&[Key::Code(K::Char('m'))], "m", "", "review mistakes: the items whose latest try was wrong", Action::Start(Mode::Review), &[Home]),
    bind(&[Key::Code(K::Char('d'))], "d", "", "review what spaced repetition brings back today", Action::Start(Mode::Due), &[Home]),
    bind(&[Key::Code(K::Char('l'))], "l", "", "open the replay lab: watch state rebuilt from events", Action::OpenLab, &[Home]),
    bind(&[Key::Code(K::Char('f'))], "f", "", "flashcards: recall the answer, turn the card, grade yourself", Action::OpenCards, &[Home]),
    bind(&[Key::Code(K::Char('n'))], "n", "", "learn: the topic's notes, the ideas before practice", Action::OpenLearn, &[Home]),
    bind(&[Key::Code(K::Char('x'))], "x", "", "set up an exam: your own test (items, difficulties, kinds, time)", Action::OpenExam, &[Home]),
    bind(&[Key::Code(K::Char('w'))], "w", "", "predict: before each event of a scenario, say what it will do", Action::OpenPredict, &[Home]),
    // Exam form
    bind(&[Key::Code(K::Up), Key::Code(K::Down), Key::Code(K::Char('k')), Key::Code(K::Char('j'))], "↑↓", "row", "choose a row of the form", Action::Down, &[ExamSetup]),
    bind(&[Key::Code(K::Right), Key::Code(K::Char(' '))], "←→/Space", "change", "change the row: more or fewer items, a difficulty or kind on or off, the time limit", Action::NextBlank, &[ExamSetup]),
    bind(&[Key::Code(K::Left)], "", "", "", Action::PrevBlank, &[ExamSetup]),
    bind(&[Key::Code(K::Enter)], "Enter", "start", "start the exam", Action::Confirm, &[ExamSetup]),
    // Learn
    bind(&[Key::Code(K::Right), Key::Code(K::Char('n')), Key::Code(K::Char(' ')), Key::Code(K::Enter)], "→/n", "next", "the next note (also Space or Enter)", Action::NextItem, &[Learn]),
    bind(&[Key::Code(K::Left), Key::Code(K::Char('p'))], "←/p", "previous", "the previous note", Action::PrevItem, &[Learn]),
    // Flashcards
    bind(&[Key::Code(K::Char(' ')), Key::Code(K::Enter)], "Space", "turn", "turn the card once you have recalled the answer (also Enter)", Action::Confirm, &[Cards]),
    bind(&[Key::Digit], "1–4", "grade", "grade your recall: 1 again (you did not recall it), 2 hard, 3 good, 4 easy", Action::Digit(0), &[CardBack]),
    // On the front a grade says to turn the card first, rather than doing nothing.
    bind(&[Key::Digit], "", "", "", Action::Digit(0), &[Cards]),
    bind(&[Key::Code(K::Enter)], "Enter", "home", "back to home", Action::Confirm, &[CardsDone]),
    bind(&[Key::Code(K::Char('r'))], "r", "again", "go through the cards again", Action::Retake, &[CardsDone]),
    bind(&[Key::Code(K::Char('c'))], "c", "", "confidence marking on or off: rate each first try 1–3 before it is marked (right +1/+2/+3, wrong 0/−2/−6)", Action::ToggleConfidence, &[Home]),
    // Replay lab
    bind(&[Key::Code(K::Right), Key::Code(K::Left)], "←→", "step", "one event back / forward", Action::StepForward, LAB),
    bind(&[Key::Code(K::Char(' '))], "Space", "play", "play or pause", Action::PlayPause, LAB),
    bind(&[Key::Code(K::Char('-'))], "−/+", "speed", "play slower / faster", Action::Slower, LAB),
    bind(&[Key::Code(K::Char('+')), Key::Code(K::Char('='))], "", "", "", Action::Faster, LAB),
    bind(&[Key::Code(K::Char('g')), Key::Code(K::Home)], "g/G", "start/end", "jump to the start / the end", Action::JumpStart, LAB),
    bind(&[Key::Code(K::Char('G')), Key::Code(K::End)], "", "", "", Action::JumpEnd, LAB),
    bind(&[Key::Code(K::Char(':'))], ":", "go to", "go to a position: type its number, then Enter", Action::GoToPrompt, LAB),
    bind(&[Key::Code(K::Char('s'))], "s", "snapshots", "snapshot lesson: full replay against replay from the latest snapshot, timed now", Action::SnapshotLesson, LAB),
    bind(&[Key::Code(K::Char('e'))], "e", "edit", "immutability lesson: try to edit the current event, and see what if it were allowed", Action::EditLesson, LAB),
    bind(&[Key::Letter], "A–D", "predict", "predict: pick what the next event will do; the lab then applies it", Action::Choose(0), &[LabPredict]),
    bind(&[Key::Code(K::Char('p'))], "p", "predict", "Predict on or off: before each event, say what it will do", Action::TogglePredict, LAB),
    bind(&[Key::Code(K::Tab)], "Tab", "panel", "next panel: state, snapshots, edit, what your code did (from a task)", Action::NextPane, LAB),
    bind(&[Key::Code(K::Up), Key::Code(K::Down), Key::Code(K::Char('k')), Key::Code(K::Char('j'))], "↑↓", "choose", "choose a scenario", Action::Down, &[LabPicker]),
    bind(&[Key::Code(K::Enter)], "Enter", "open", "open the chosen scenario", Action::Confirm, &[LabPicker]),
    bind(&[Key::Digit], "0–9", "position", "type the position to go to", Action::Digit(0), &[LabGoto]),
    bind(&[Key::Code(K::Enter)], "Enter", "go", "go to the typed position", Action::Confirm, &[LabGoto]),
    bind(&[Key::Code(K::Backspace)], "⌫", "", "delete the last digit", Action::Clear, &[LabGoto]),
    bind(&[Key::Code(K::Esc)], "Esc", "cancel", "stop typing a position", Action::Back, &[LabGoto]),
    // Exercise
    bind(&[Key::Code(K::Tab), Key::Code(K::Right)], "Tab/→", "blank", "go to the next blank", Action::NextBlank, &[Exercise]),
    bind(&[Key::Code(K::BackTab), Key::Code(K::Left)], "⇧Tab/←", "", "go to the previous blank", Action::PrevBlank, &[Exercise]),
    bind(&[Key::Code(K::Char('h'))], "h", "hint", "show the hint (halves this item's points)", Action::Hint, &[Exercise, Question]),
    bind(&[Key::Code(K::Char('n'))], "n/p", "next/prev", "go to the next / previous item", Action::NextItem, WORK),
    bind(&[Key::Code(K::Right)], "Enter/→", "confirm", "confirm the answer you chose and go on (until then another letter changes it)", Action::NextItem, &[TestQuestion]),
    bind(&[Key::Code(K::Char('p'))], "", "", "", Action::PrevItem, WORK),
    bind(&[Key::Letter], "A–D", "place", "put that option into the current blank", Action::Choose(0), &[Exercise]),
    bind(ARROWS, "↑↓", "", "highlight an option; Enter puts it into the blank", Action::Down, &[Exercise]),
    bind(&[Key::Code(K::Enter)], "Enter", "check", "check the answer once every blank is filled", Action::Confirm, &[Exercise]),
    bind(&[Key::Code(K::Backspace), Key::Code(K::Delete)], "⌫", "", "empty the current blank", Action::Clear, &[Exercise]),
    // Typed exercise: every printable key types; commands are on Tab, Enter and Ctrl
    bind(&[Key::Code(K::Tab)], "Tab/⇧Tab", "blank", "go to the next / previous blank", Action::NextBlank, &[Typed]),
    bind(&[Key::Code(K::BackTab)], "", "", "", Action::PrevBlank, &[Typed]),
    bind(&[Key::Code(K::Enter)], "Enter", "check", "check the answer once every blank has a text", Action::Confirm, &[Typed]),
    bind(&[Key::Ctrl('g')], "Ctrl-G", "hint", "show the hint (halves this item's points)", Action::Hint, &[Typed]),
    bind(&[Key::Ctrl('n')], "Ctrl-N/P", "next/prev", "go to the next / previous item", Action::NextItem, &[Typed]),
    bind(&[Key::Ctrl('p')], "", "", "", Action::PrevItem, &[Typed]),
    bind(&[Key::Ctrl('u')], "Ctrl-U", "", "empty the current blank (⌫ deletes one character)", Action::Clear, &[Typed]),
    bind(&[Key::Code(K::F(1))], "F1", "help", "show or hide this help (? is typed into the blank)", Action::ToggleHelp, &[Typed]),
    bind(&[Key::Code(K::PageDown), Key::Code(K::PageUp)], "PgUp/PgDn", "", "scroll a page", Action::PageDown, &[Typed]),
    // Kata: typing in the editor, and the commands around it
    bind(&[Key::Code(K::Esc)], "Esc", "commands", "stop typing: keys go to kata's commands again", Action::Back, &[KataEdit]),
    bind(&[Key::Ctrl('t'), Key::Code(K::F(5))], "Ctrl-T", "run tests", "run the tests on your code (also F5)", Action::RunCode, &[KataEdit]),
    bind(&[Key::Ctrl('o')], "Ctrl-O", "$EDITOR", "open your code in $VISUAL / $EDITOR", Action::OpenEditor, &[KataEdit]),
    bind(&[], "Ctrl-Z/U", "undo", "undo (Ctrl-R redoes, Ctrl-Y pastes what Ctrl-K or Ctrl-W cut)", Action::Edit, &[KataEdit]),
    bind(&[Key::Code(K::Enter), Key::Code(K::Char('i'))], "Enter/i", "edit", "type into the editor", Action::Edit, &[Kata]),
    bind(&[Key::Code(K::Char('t')), Key::Code(K::F(5))], "t", "run tests", "run the tests on your code (they also run whenever its file is saved)", Action::RunCode, &[Kata]),
    bind(&[Key::Code(K::Char('e'))], "e", "$EDITOR", "open your code in $VISUAL / $EDITOR; the tests run when you are back", Action::OpenEditor, &[Kata]),
    bind(&[Key::Code(K::Char('h'))], "h", "hint", "show the hint (halves this kata's points)", Action::Hint, &[Kata]),
    bind(&[Key::Code(K::Char('g'))], "g", "give up", "give up: no points, the author's solution is shown", Action::GiveUp, &[Kata]),
    bind(&[Key::Code(K::Char('r'))], "r", "", "open the replay lab on this kata's scenario", Action::OpenReplay, &[Kata]),
    // Question
    bind(&[Key::Letter], "A–D", "answer", "answer with that option", Action::Choose(0), &[Question, TestQuestion]),
    // Letters on a finished item say why nothing changes rather than doing nothing.
    bind(&[Key::Letter], "A–D", "", "on an answered item: says the answer stands (Ctrl-R takes it again)", Action::Choose(0), &[Solved]),
    bind(ARROWS, "↑↓", "", "highlight an option; Enter answers with it", Action::Down, &[Question, TestQuestion]),
    bind(&[Key::Code(K::Enter)], "", "", "", Action::Confirm, &[Question, TestQuestion]),
    bind(&[Key::Code(K::Char('x'))], "x", "end test", "end the test now (open questions count as wrong)", Action::EndTest, &[TestQuestion]),
    // A finished item
    bind(&[Key::Code(K::Enter)], "Enter", "next", "go on to the next item", Action::Confirm, &[Solved]),
    bind(&[Key::Code(K::Char('r'))], "r", "", "open the replay lab on this item's scenario (after a try)", Action::OpenReplay, &[Solved, Exercise]),
    bind(ARROWS, "↑↓", "scroll", "scroll the solution", Action::ScrollDown, &[Solved]),
    // Results
    bind(&[Key::Code(K::Up), Key::Code(K::Down), Key::Code(K::Char('k')), Key::Code(K::Char('j'))], "↑↓", "choose", "choose a question", Action::Down, &[Results]),
    bind(&[Key::Code(K::Enter)], "Enter", "solution", "open the chosen item with its solution", Action::Confirm, &[Results]),
    bind(&[Key::Code(K::Char('r'))], "r", "again", "start again (a test draws a new order)", Action::Retake, &[Results]),
    bind(&[Key::Digit], "1–3", "", "with confidence marking on: how sure you are (1 not sure, 2 fairly, 3 very)", Action::Digit(0), &[Exercise, Question, TestQuestion]),
    bind(&[Key::Ctrl('r')], "Ctrl-R", "retry", "take this item again: half its points at most, as its solution was shown", Action::Retry, &[Solved, Results]),
    // Everywhere
    bind(&[Key::Code(K::PageDown), Key::Code(K::PageUp)], "PgUp/PgDn", "", "scroll a page", Action::PageDown, SCREENS),
    bind(&[Key::Code(K::Char('?'))], "?", "help", "show or hide this help", Action::ToggleHelp, &[Home, Exercise, Question, TestQuestion, Solved, Results, Help, Lab, LabPredict, LabPicker, Kata, Cards, CardBack, CardsDone, Learn, ExamSetup]),
    // At home Esc quits, so the footer does not call it "back" there.
    bind(&[Key::Code(K::Esc)], "Esc", "", "quit kata (as q does)", Action::Back, &[Home]),
    bind(&[Key::Code(K::Esc)], "Esc", "back", "go back (in a test: end it)", Action::Back, AWAY),
    bind(&[Key::Code(K::Char('q'))], "q", "quit", "quit kata (in a test: asks first)", Action::Quit, SCREENS),
    bind(&[Key::Ctrl('c')], "Ctrl-C", "", "quit kata", Action::Quit, ALL),
    // Overlays
    bind(&[Key::Code(K::Esc), Key::Code(K::Char('q'))], "Esc", "close", "close the help", Action::ToggleHelp, &[Help]),
    bind(&[Key::Code(K::PageDown), Key::Code(K::PageUp)], "PgUp/PgDn", "scroll", "scroll the help", Action::PageDown, &[Help]),
    bind(ARROWS, "", "", "", Action::Down, &[Help]),
    bind(&[Key::Code(K::Char('y')), Key::Code(K::Enter)], "y", "end it", "yes, end the test now", Action::Yes, &[Confirm]),
    bind(&[Key::Code(K::Char('n')), Key::Code(K::Esc)], "n", "keep going", "no, go back to the test", Action::No, &[Confirm]),
    bind(&[Key::Code(K::Char('y')), Key::Code(K::Enter)], "y", "quit", "yes, leave the test (recorded as abandoned; an exam is not) and quit", Action::Yes, &[ConfirmQuit]),
    bind(&[Key::Code(K::Char('n')), Key::Code(K::Esc)], "n", "keep going", "no, go back to the test", Action::No, &[ConfirmQuit]),
];

/// Keys that exist only in `kata preview`; they come before [`BINDINGS`], and
/// alone serve [`Context::Broken`], where the screen is a diagnostics panel.
#[rustfmt::skip]
pub static PREVIEW_BINDINGS: &[Binding] = &[
    bind(&[Key::Code(K::Char('R')), Key::Code(K::F(5))], "R", "reload", "reload the content from disk now (it also reloads on every save)", Action::Reload, &[Home, Exercise, Question, TestQuestion, Solved, Results, Broken]),
    bind(&[Key::Code(K::PageDown), Key::Code(K::PageUp)], "PgUp/PgDn", "", "scroll the diagnostics", Action::PageDown, &[Broken]),
    bind(&[Key::Code(K::Char('?'))], "?", "help", "show or hide this help", Action::ToggleHelp, &[Broken]),
    bind(&[Key::Code(K::Char('q'))], "q", "quit", "quit the preview", Action::Quit, &[Broken]),
    bind(&[Key::Ctrl('c')], "Ctrl-C", "", "quit the preview", Action::Quit, &[Broken]),
];

/// The bindings in force: with `preview`, the preview's own keys first.
fn table(preview: bool) -> impl Iterator<Item = &'static Binding> {
    let extra: &'static [Binding] = if preview { PREVIEW_BINDINGS } else { &[] };
    extra.iter().chain(BINDINGS.iter())
}

/// Like [`action_for`], in `kata preview` when `preview` is true.
pub fn action_for_in(
    context: Context,
    key: KeyEvent,
    options: usize,
    preview: bool,
) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    for b in table(preview).filter(|b| b.contexts.contains(&context)) {
        for k in b.keys {
            if let Some(action) = matches(*k, b.action, &key, options) {
                return Some(action);
            }
        }
    }
    None
}

/// Like [`bindings`], in `kata preview` when `preview` is true.
pub fn bindings_in(context: Context, preview: bool) -> impl Iterator<Item = &'static Binding> {
    table(preview).filter(move |b| b.contexts.contains(&context) && !b.label.is_empty())
}

/// The action a key press means in `context`, given how many options the
/// current item has (for letters).
pub fn action_for(context: Context, key: KeyEvent, options: usize) -> Option<Action> {
    action_for_in(context, key, options, false)
}

fn matches(k: Key, action: Action, key: &KeyEvent, options: usize) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match k {
        Key::Ctrl(c) => (ctrl && key.code == K::Char(c)).then_some(action),
        Key::Digit => match key.code {
            K::Char(c) if !ctrl && c.is_ascii_digit() => Some(Action::Digit(c as u8 - b'0')),
            _ => None,
        },
        Key::Letter => match key.code {
            K::Char(c) if !ctrl => crate::content::index_of_letter(c)
                .filter(|&i| i < options)
                .map(Action::Choose),
            _ => None,
        },
        Key::Code(code) => {
            if ctrl {
                return None;
            }
            // Up and Down share one table row; the key decides the direction.
            let action = match (action, key.code) {
                (Action::Down, K::Up | K::Char('k')) => Action::Up,
                (Action::ScrollDown, K::Up) => Action::ScrollUp,
                (Action::PageDown, K::PageUp) => Action::PageUp,
                (Action::StepForward, K::Left) => Action::StepBack,
                (Action::NextBlank, K::Left | K::BackTab) if !matches!(code, K::Tab | K::Right) => {
                    Action::PrevBlank
                }
                _ => action,
            };
            let code_matches =
                code == key.code || matches!((code, key.code), (K::Char(a), K::Char(b)) if a == b);
            code_matches.then_some(action)
        }
    }
}

/// The bindings of a context, in table order, with the option letter label
/// fitted to the current item (`A–D`, `A–F`…).
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    bindings_in(context, false)
}

/// `A–D` for four options.
pub fn letters_label(options: usize) -> String {
    match options {
        0 | 1 => "A".to_string(),
        n => format!("A–{}", crate::content::letter(n - 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn specific_keys_win_over_option_letters() {
        assert_eq!(
            action_for(Exercise, press(K::Char('h')), 10),
            Some(Action::Hint)
        );
        assert_eq!(
            action_for(Exercise, press(K::Char('b')), 4),
            Some(Action::Choose(1))
        );
        assert_eq!(
            action_for(Question, press(K::Char('D')), 4),
            Some(Action::Choose(3))
        );
        assert_eq!(action_for(Question, press(K::Char('e')), 4), None);
    }

    #[test]
    fn arrows_keep_their_direction() {
        assert_eq!(action_for(Home, press(K::Up), 0), Some(Action::Up));
        assert_eq!(action_for(Home, press(K::Down), 0), Some(Action::Down));
        assert_eq!(
            action_for(Exercise, press(K::Left), 4),
            Some(Action::PrevBlank)
        );
        assert_eq!(
            action_for(Exercise, press(K::BackTab), 4),
            Some(Action::PrevBlank)
        );
        assert_eq!(action_for(Solved, press(K::Up), 4), Some(Action::ScrollUp));
        assert_eq!(
            action_for(Results, press(K::PageUp), 4),
            Some(Action::PageUp)
        );
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_ctrl_letters_are_not_options() {
        let ctrl_c = KeyEvent::new(K::Char('c'), KeyModifiers::CONTROL);
        for ctx in [
            Home,
            Exercise,
            Question,
            TestQuestion,
            Solved,
            Results,
            Help,
            Confirm,
            ConfirmQuit,
        ] {
            assert_eq!(action_for(ctx, ctrl_c, 4), Some(Action::Quit), "{ctx:?}");
        }
    }

    #[test]
    fn preview_keys_exist_only_in_preview_and_serve_the_diagnostics_panel() {
        let shift_r = KeyEvent::new(K::Char('R'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Home, shift_r, 0), None);
        assert_eq!(action_for_in(Home, shift_r, 0, true), Some(Action::Reload));
        // In preview R reloads even where an item has an option R; r still chooses it.
        assert_eq!(
            action_for_in(Question, shift_r, 26, true),
            Some(Action::Reload)
        );
        assert_eq!(
            action_for_in(Question, press(K::Char('r')), 26, true),
            Some(Action::Choose(17))
        );
        assert_eq!(
            action_for_in(Results, press(K::Char('r')), 0, true),
            Some(Action::Retake)
        );
        let broken: Vec<Action> = bindings_in(Broken, true).map(|b| b.action).collect();
        for needed in [Action::Reload, Action::ToggleHelp, Action::Quit] {
            assert!(broken.contains(&needed), "{needed:?}");
        }
        assert!(!bindings(Home).any(|b| b.action == Action::Reload));
        assert!(bindings_in(Home, true).any(|b| b.action == Action::Reload));
    }

    #[test]
    fn every_context_offers_help_and_a_way_out() {
        for ctx in [
            Home,
            Exercise,
            Question,
            TestQuestion,
            Solved,
            Results,
            Lab,
            LabPredict,
            LabPicker,
        ] {
            let actions: Vec<Action> = bindings(ctx).map(|b| b.action).collect();
            assert!(actions.contains(&Action::ToggleHelp), "{ctx:?}");
            assert!(actions.contains(&Action::Back), "{ctx:?}");
        }
    }
}
