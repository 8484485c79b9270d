//! Building apps, feeding them keys and clicks, and reading what they drew.

use kata::content::{Catalog, CodePiece, Diagnostic, Difficulty, Exercise, Place, Question, Topic};
use kata::tui::theme::Theme;
use kata::tui::{App, Options, Target};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// The bundled event-store topic alone (with its scenarios), through the
/// same function the binary uses, with every item's options pinned in the
/// order written: the keys these tests press name the files' letters, and
/// home opens on its modes as for any single topic. Shuffled options have
/// their own tests (`shuffled_bundled`, and tests/shuffled_options.rs for the
/// core and plain); the whole track has tests/tui/track.rs.
pub fn bundled() -> Catalog {
    let mut catalog = shuffled_bundled();
    let others: Vec<String> = (catalog.topics.iter())
        .filter(|t| t.id != "event-store")
        .map(|t| t.id.clone())
        .collect();
    catalog.topics.retain(|t| !others.contains(&t.id));
    let theirs: Vec<String> = (catalog.scenarios.iter())
        .filter(|s| {
            catalog
                .scenario_topic(&s.id)
                .is_none_or(|t| others.contains(&t.id))
        })
        .map(|s| s.id.clone())
        .collect();
    catalog.scenarios.retain(|s| !theirs.contains(&s.id));
    for topic in &mut catalog.topics {
        topic.questions.iter_mut().for_each(|q| q.shuffle = false);
        topic.exercises.iter_mut().for_each(|e| e.shuffle = false);
    }
    catalog
}

/// The bundled topic exactly as the binary loads it, options shuffled.
pub fn shuffled_bundled() -> Catalog {
    kata::tui::catalog::load(&[])
}

/// A small hand-made topic, independent of the bundled files.
pub fn handmade() -> Catalog {
    let q = |id: &str, d: Difficulty, answer: usize| Question {
        id: id.into(),
        difficulty: d,
        prompt: format!("Question {id}?"),
        options: vec!["alpha".into(), "beta".into(), "gamma".into()],
        answer,
        steps: vec!["Look: the answer is plain.".into()],
        quick_check: Some("plain".into()),
        hint: "think".into(),
        mistakes: vec!["rushing".into()],
        feedback: [(2, "gamma is a trap".to_string())].into(),
        ..Question::default()
    };
    let exercise = Exercise {
        id: "pair".into(),
        difficulty: Difficulty::Hard,
        prompt: "Fill both blanks.".into(),
        lang: Some("python".into()),
        code: vec![
            CodePiece::Text("x = ".into()),
            CodePiece::Blank(0),
            CodePiece::Text(" + ".into()),
            CodePiece::Blank(1),
        ],
        options: vec!["1".into(), "2".into(), "3".into()],
        answer: vec![0, 1],
        attempts: 2,
        hint: "count".into(),
        mistakes: vec!["swapping".into()],
        steps: vec!["One, then two.".into()],
        feedback: [(2, "three is too many".to_string())].into(),
        ..Exercise::default()
    };
    Catalog {
        topics: vec![Topic {
            id: "basics".into(),
            title: "Basics".into(),
            area: Some("Warm-up".into()),
            minutes: Some(3),
            requires: Vec::new(),
            exercises: vec![exercise],
            questions: vec![
                q("one", Difficulty::Easy, 0),
                q("two", Difficulty::Medium, 1),
                q("three", Difficulty::Hard, 2),
            ],
            katas: Vec::new(),
            cards: Vec::new(),
            notes: Vec::new(),
            predictions: Vec::new(),
        }],
        problems: vec![Diagnostic {
            at: Some(Place { line: 3, column: 1 }),
            help: Some("did you mean `prompt`?".into()),
            ..Diagnostic::error("K010", "quizzes/broken.toml", "unknown key `promt`")
        }],
        files: vec!["quizzes/basics.toml".into(), "quizzes/broken.toml".into()],
        scenarios: Vec::new(),
        ..Catalog::default()
    }
}

pub fn options() -> Options {
    Options {
        time_limit: None,
        seed: Some(7),
        theme: Some(Theme { color: true }),
        topic: None,
    }
}

/// An app on a terminal of `width`×`height`, drawn once.
pub struct Harness {
    pub app: App,
    pub term: Terminal<TestBackend>,
}

impl Harness {
    pub fn new(catalog: Catalog, width: u16, height: u16) -> Self {
        Self::with(catalog, options(), width, height)
    }

    pub fn with(catalog: Catalog, options: Options, width: u16, height: u16) -> Self {
        let mut h = Harness {
            app: App::new(catalog, options),
            term: Terminal::new(TestBackend::new(width, height)).unwrap(),
        };
        h.draw();
        h
    }

    /// The bundled content with a learner whose journal is in `dir`.
    pub fn with_journal(dir: &std::path::Path, width: u16, height: u16) -> Self {
        let learner = kata::tui::learner::Learner::open(dir, 0);
        Self::with_app(
            App::with_learner(bundled(), options(), learner),
            width,
            height,
        )
    }

    /// A prepared app (say, one with a learner's journal) on a `width`×`height` terminal.
    pub fn with_app(app: App, width: u16, height: u16) -> Self {
        let mut h = Harness {
            app,
            term: Terminal::new(TestBackend::new(width, height)).unwrap(),
        };
        h.draw();
        h
    }

    pub fn draw(&mut self) {
        kata::tui::draw(&mut self.term, &mut self.app).unwrap();
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.term.backend_mut().resize(width, height);
        self.term
            .resize(ratatui::layout::Rect::new(0, 0, width, height))
            .unwrap();
        self.draw();
    }

    pub fn event(&mut self, event: Event) {
        kata::tui::apply(&mut self.app, &event);
        // As the real loop does: a queued run is made after its "running" frame.
        kata::tui::kata::run_queued(&mut self.app);
        self.draw();
    }

    pub fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Type each character as a key press.
    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    pub fn mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) {
        self.event(Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
    }

    /// Where the last frame put `target`.
    pub fn spot(&self, target: Target) -> (u16, u16) {
        let (rect, _) = self
            .app
            .frame
            .hits
            .iter()
            .find(|(_, t)| *t == target)
            .unwrap_or_else(|| panic!("{target:?} is not on screen:\n{}", self.screen()));
        (rect.x + 1, rect.y)
    }

    pub fn click(&mut self, target: Target) {
        let (x, y) = self.spot(target);
        self.mouse(MouseEventKind::Down(MouseButton::Left), x, y);
        self.mouse(MouseEventKind::Up(MouseButton::Left), x, y);
    }

    pub fn drag(&mut self, from: Target, to: Target) {
        let (x, y) = self.spot(from);
        let (x2, y2) = self.spot(to);
        self.mouse(MouseEventKind::Down(MouseButton::Left), x, y);
        self.mouse(MouseEventKind::Drag(MouseButton::Left), x2, y2);
        self.mouse(MouseEventKind::Up(MouseButton::Left), x2, y2);
    }

    pub fn buffer(&self) -> &Buffer {
        self.term.backend().buffer()
    }

    /// The screen as text, one line per row, trailing spaces cut.
    /// From home, `key` (the lab's `l` or Predict's `w`) opens the scenario
    /// list; the scenario with this id is chosen and opened.
    pub fn open_scenario(&mut self, key: char, id: &str) {
        self.key(KeyCode::Char(key));
        let index = (self.app.catalog.scenarios.iter())
            .position(|s| s.id == id)
            .unwrap_or_else(|| panic!("no scenario `{id}`"));
        for _ in 0..index {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter);
    }

    pub fn screen(&self) -> String {
        screen_text(self.buffer())
    }
}

pub fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
