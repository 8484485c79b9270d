//! A kata on screen: the learner's code in an editor pane, kept in
//! `work/TOPIC/ITEM.py` in the data folder, its tests run on request and
//! whenever that file is saved from any editor (watch mode), and `$VISUAL` /
//! `$EDITOR` a key away. The rules (solved, hint, give up, scoring) are
//! `practice`'s; this module only moves text between the editor, the file
//! and the session.

use super::action::Action;
use super::app::{App, Run, Screen, Tone};
use super::keymap::Context;
use super::preview::watch::{self, Strategy, Watch};
use crate::content::{Kata, escape_controls};
use crate::practice::{KataRun, Limits};
use crate::progress::{WorkFile, read_work, set_aside, work_path, write_work};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// How often the loop looks whether the work file was saved (the watcher
/// sets a flag; the loop cannot be woken from its thread).
pub const WATCH_EVERY: std::time::Duration = std::time::Duration::from_millis(25);

/// A save is over when its file saw no event for this long (an editor's
/// write, rename and chmod come within a few milliseconds).
const SETTLE: std::time::Duration = std::time::Duration::from_millis(30);

/// The editor, the file and the latest run of the kata on screen.
pub struct KataPane {
    /// The session index of the kata this pane shows.
    pub index: usize,
    pub editor: TextArea<'static>,
    /// Keys go to the editor (Esc gives them back to kata's commands).
    pub editing: bool,
    /// What the latest run showed.
    pub last: Option<KataRun>,
    /// Where the code is kept; `None` without a data folder (nothing is saved).
    pub file: Option<PathBuf>,
    /// Something about the file the learner should know (deleted, unreadable…).
    pub notice: Option<String>,
    /// `$VISUAL`/`$EDITOR` was asked for; the loop lends it the terminal.
    pub external: bool,
    /// A run was asked for: the loop draws "running" first, then runs (a run
    /// may take up to its time limit, and the screen should say why it waits).
    pub run_queued: bool,
    watching: Option<Watching>,
    /// The code as last written to or read from the file: a wake-up that
    /// finds it unchanged is kata's own save, not the learner's.
    on_disk: Option<String>,
}

struct Watching {
    _watch: Watch,
    changed: Arc<AtomicBool>,
}

impl KataPane {
    /// The code in the editor, as a file holds it (a final newline).
    pub fn code(&self) -> String {
        let mut code = self.editor.lines().join("\n");
        if !code.is_empty() && !code.ends_with('\n') {
            code.push('\n');
        }
        code
    }

    /// Put `code` in the editor (undo history starts over).
    fn set_code(&mut self, code: &str) {
        self.editor = editor_with(code);
    }

    /// Whether the file is being watched for saves from other editors.
    pub fn is_watching(&self) -> bool {
        self.watching.is_some()
    }

    /// Save the editor's code to the work file, unless it is already there.
    fn save(&mut self) -> Result<(), String> {
        let code = self.code();
        let Some(file) = &self.file else {
            return Ok(());
        };
        if self.on_disk.as_deref() == Some(code.as_str()) {
            return Ok(());
        }
        write_work(file, &code).map_err(|e| {
            format!(
                "Could not save your code to {} ({e}); it is still in the editor.",
                escape_controls(&file.display().to_string())
            )
        })?;
        self.on_disk = Some(code);
        Ok(())
    }
}

/// A new editor holding `code`. Control characters other than tab (from a
/// file some other program wrote) are shown escaped: the editor must not
/// send them to the terminal.
fn editor_with(code: &str) -> TextArea<'static> {
    let lines: Vec<String> = code
        .lines()
        .map(|line| escape_controls(line).into_owned())
        .collect();
    let mut editor = TextArea::new(lines);
    editor.set_tab_length(4);
    editor.set_max_histories(1000);
    editor
}

/// Which bindings apply on the kata's screen.
pub fn context(run: &Run) -> Context {
    match &run.kata {
        Some(pane) if pane.editing => Context::KataEdit,
        _ => Context::Kata,
    }
}

/// Give the current kata its pane if it has none yet: the code comes from its
/// work file when there is one (work survives quit and crash), else from the
/// session, and is saved so any editor can open it.
pub fn sync(app: &mut App) {
    let dir = app
        .learner
        .as_ref()
        .and_then(|l| l.dir().map(|d| d.to_path_buf()));
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    if run.session.is_empty() {
        return;
    }
    let index = run.session.index();
    let Some(kata) = run.session.current_kata().cloned() else {
        run.kata = None;
        return;
    };
    if run.kata.as_ref().is_some_and(|p| p.index == index) {
        return;
    }
    let topic = app.catalog.topics[run.topic].id.clone();
    let file = dir.map(|d| work_path(&d, &topic, &kata.id));
    let session_code = run.session.state(index).code.clone();
    let mut pane = KataPane {
        index,
        editor: editor_with(&session_code),
        // Keys stay kata's until the learner asks to type: n/p/Esc still
        // move on from a kata met while paging through the items.
        editing: false,
        last: None,
        file: file.clone(),
        notice: None,
        external: false,
        run_queued: false,
        watching: None,
        on_disk: None,
    };
    if let Some(file) = &file {
        take_file(&mut pane, &kata, file);
        pane.watching = start_watch(file);
    }
    let code = pane.code();
    let _ = run.session.edit_code(&code);
    run.kata = Some(Box::new(pane));
}

/// Read the work file into the pane: its code, or the starter again (with a
/// notice) when it is missing or unusable — an unusable file is set aside,
/// never overwritten.
fn take_file(pane: &mut KataPane, kata: &Kata, file: &std::path::Path) {
    let shown = escape_controls(&file.display().to_string()).into_owned();
    match read_work(file) {
        WorkFile::Code(code) => {
            pane.set_code(&code);
            pane.on_disk = Some(code);
            return;
        }
        WorkFile::Missing if pane.on_disk.is_none() => {}
        WorkFile::Missing => {
            pane.notice = Some(format!(
                "{shown} was deleted: the starter is offered again (and saved there)."
            ));
            pane.set_code(&kata.starter);
        }
        WorkFile::Unusable(why) => {
            let kept = match set_aside(file) {
                Ok(to) => format!(
                    "; it is kept as {}",
                    escape_controls(&to.display().to_string())
                ),
                Err(_) => String::new(),
            };
            pane.notice = Some(format!(
                "{shown} {why}: the starter is offered again{kept}."
            ));
            pane.set_code(&kata.starter);
            if kept.is_empty() {
                // It could not be moved aside: leave it as it is rather than overwrite it.
                return;
            }
        }
    }
    pane.on_disk = None;
    if let Err(message) = pane.save() {
        pane.notice = Some(message);
    }
}

fn start_watch(file: &std::path::Path) -> Option<Watching> {
    let changed = Arc::new(AtomicBool::new(false));
    let flag = changed.clone();
    let watch = watch::watch_settling(file, Strategy::Auto, SETTLE, move || {
        flag.store(true, Ordering::Release);
    })
    .ok()?;
    Some(Watching {
        _watch: watch,
        changed,
    })
}

/// A kata action; false when it is not one (the run screen handles it).
pub fn update(app: &mut App, action: Action) -> bool {
    let Screen::Run(run) = &mut app.screen else {
        return false;
    };
    let Some(pane) = run.kata.as_mut() else {
        return false;
    };
    match action {
        Action::EditKey(key) => {
            edit(pane, key);
            let code = pane.code();
            let _ = run.session.edit_code(&code);
            if let Err(message) = pane.save() {
                app.say(message, Tone::Bad);
            }
        }
        Action::Edit => pane.editing = true,
        Action::Back if pane.editing => pane.editing = false,
        Action::RunCode => {
            pane.run_queued = true;
            app.say("Running the tests on your code…", Tone::Info);
        }
        // `kata preview` reads the terminal on a thread of its own, which
        // would take the editor's keys: there, open the file yourself.
        Action::OpenEditor if app.preview.is_some() => app.say(
            "In kata preview, open the work file in your editor yourself: saving it runs the tests.",
            Tone::Info,
        ),
        Action::OpenEditor => match &pane.file {
            Some(_) => pane.external = true,
            None => app.say(
                "No data folder: your code is not kept in a file to open elsewhere.",
                Tone::Info,
            ),
        },
        Action::GiveUp => match run.session.give_up() {
            Ok(()) => {
                pane.editing = false;
                app.follow = true;
                app.say(
                    "Given up: the author's solution is below. You may still run your code.",
                    Tone::Info,
                );
            }
            Err(_) => app.say("This kata is already finished.", Tone::Info),
        },
        _ => return false,
    }
    true
}

/// One key for the editor. Enter keeps the line's indentation (one level
/// more after a `:`), Ctrl-Z undoes as in most editors; everything else is
/// the widget's own (Ctrl-U undo, Ctrl-R redo, Ctrl-Y paste, arrows…).
fn edit(pane: &mut KataPane, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('z') if ctrl => {
            pane.editor.undo();
        }
        KeyCode::Enter => {
            let ratatui_textarea::DataCursor(row, col) = pane.editor.cursor();
            let line = pane.editor.lines().get(row).cloned().unwrap_or_default();
            let before: String = line.chars().take(col).collect();
            let mut indent: String = before
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            if before.trim_end().ends_with(':') {
                indent.push_str("    ");
            }
            pane.editor.insert_newline();
            pane.editor.insert_str(&indent);
        }
        _ => {
            pane.editor.input(key);
        }
    }
}

/// Paste `text` into the kata's editor (and start editing); anywhere else a
/// paste is ignored, since no other screen takes text. Control characters
/// other than tab are dropped: they would be invisible in the code.
pub fn paste(app: &mut App, text: &str) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let Some(pane) = run.kata.as_mut() else {
        return;
    };
    let clean: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect();
    pane.editing = true;
    pane.editor.insert_str(&clean);
    let code = pane.code();
    let _ = run.session.edit_code(&code);
    if let Err(message) = pane.save() {
        app.say(message, Tone::Bad);
    }
}

/// Whether a run is waiting for the loop (see [`KataPane::run_queued`]).
pub fn run_is_queued(app: &App) -> bool {
    matches!(&app.screen, Screen::Run(run) if run.kata.as_ref().is_some_and(|p| p.run_queued))
}

/// Make the run the learner asked for, once the screen says it is running.
pub fn run_queued(app: &mut App) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let Some(pane) = run.kata.as_mut() else {
        return;
    };
    if std::mem::take(&mut pane.run_queued) {
        run_tests(app);
    }
}

/// Run the editor's code against the kata's tests, record the run, show it.
fn run_tests(app: &mut App) {
    let App {
        screen,
        runner,
        learner,
        ..
    } = app;
    let Screen::Run(run) = screen else {
        return;
    };
    let Some(pane) = run.kata.as_mut() else {
        return;
    };
    let code = pane.code();
    let _ = run.session.edit_code(&code);
    let saved = pane.save();
    let Some(runner) = runner.as_deref_mut() else {
        app.say(
            "kata's Python sandbox is not available here: this kata cannot run.",
            Tone::Bad,
        );
        return;
    };
    let index = run.session.index();
    let Ok(result) = run.session.run_kata(runner, &Limits::default()) else {
        return;
    };
    let recorded = match learner {
        Some(learner) => run.record.kata_ran(learner, &run.session, index, &result),
        None => Ok(()),
    };
    let message = if result.solved_now {
        pane.editing = false;
        let points = run.session.points(index);
        (
            format!(
                "Solved: every test passes ({} point{}). The author's solution is below.",
                crate::practice::short_number(points),
                if points == 1.0 { "" } else { "s" }
            ),
            Tone::Good,
        )
    } else if result.all_passed {
        ("Every test passes.".to_string(), Tone::Good)
    } else {
        (
            format!(
                "{}/{} tests pass: keep going, runs are free.",
                result.passed, result.total
            ),
            Tone::Bad,
        )
    };
    pane.last = Some(result);
    app.follow = true;
    match (saved, recorded) {
        (Err(problem), _) | (_, Err(problem)) => app.say(problem, Tone::Bad),
        _ => app.say(message.0, message.1),
    }
}

/// Watch mode: when the work file changed on disk, take its code and run the
/// tests. Called on every tick of the loop.
pub fn tick(app: &mut App) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let Some(pane) = run.kata.as_mut() else {
        return;
    };
    let Some(watching) = &pane.watching else {
        return;
    };
    if !watching.changed.swap(false, Ordering::AcqRel) {
        return;
    }
    if reread(run) {
        run_tests(app);
    }
}

/// Take the work file's code after a change on disk; true when it is new code
/// to run (not kata's own save).
fn reread(run: &mut Run) -> bool {
    let Some(kata) = run.session.current_kata().cloned() else {
        return false;
    };
    let Some(pane) = run.kata.as_mut() else {
        return false;
    };
    let Some(file) = pane.file.clone() else {
        return false;
    };
    let before = pane.on_disk.clone();
    if let WorkFile::Code(code) = read_work(&file) {
        if before.as_deref() == Some(code.as_str()) {
            return false;
        }
        pane.notice = None;
    }
    take_file(pane, &kata, &file);
    let code = pane.code();
    let _ = run.session.edit_code(&code);
    // A lost file offers the starter: nothing new to run.
    pane.notice.is_none()
}

/// The work file to open in the learner's own editor, if one was asked for.
pub fn take_external(app: &mut App) -> Option<PathBuf> {
    let Screen::Run(run) = &mut app.screen else {
        return None;
    };
    let pane = run.kata.as_mut()?;
    if !std::mem::take(&mut pane.external) {
        return None;
    }
    pane.save().ok()?;
    pane.file.clone()
}

/// Back from the learner's editor: take the file and run the tests, or say
/// why the editor could not run.
pub fn external_done(app: &mut App, result: Result<(), String>) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    if let Some(pane) = run.kata.as_mut() {
        pane.editing = false;
    }
    // Whatever the editor's exit, the file is the learner's code now.
    let changed = reread(run);
    if let Some(watching) = run.kata.as_ref().and_then(|p| p.watching.as_ref()) {
        // This save was just taken: the watcher's wake-up for it is not a new one.
        watching.changed.store(false, Ordering::Release);
    }
    match result {
        Err(message) => app.say(message, Tone::Bad),
        Ok(()) if changed => run_tests(app),
        Ok(()) => app.say("No change to your code.", Tone::Info),
    }
}

/// The learner's editor: `$VISUAL`, then `$EDITOR`, then `vi`, split at
/// spaces so `code --wait` works.
pub fn editor_command() -> Vec<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Run the learner's editor on `file` and wait for it (the terminal must
/// already be lent to it).
pub fn run_editor(file: &std::path::Path) -> Result<(), String> {
    let command = editor_command();
    let (program, args) = command.split_first().ok_or("no editor is set")?;
    match std::process::Command::new(program)
        .args(args)
        .arg(file)
        .status()
    {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!(
            "{} ended with {status}; your code was read back as it is on disk.",
            escape_controls(program)
        )),
        Err(e) => Err(format!(
            "Cannot start your editor `{}` ({e}): set $VISUAL or $EDITOR.",
            escape_controls(program)
        )),
    }
}
