//! TUI responsiveness: time to the first frame, and from a key press to the
//! redrawn frame, on ratatui's TestBackend (no terminal I/O).
//! Run: `cargo bench --bench tui`. Results go in BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use kata::tui::theme::Theme;
use kata::tui::{App, Options, action_for_event};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;

fn options() -> Options {
    Options {
        time_limit: None,
        seed: Some(7),
        theme: Some(Theme { color: true }),
        topic: None,
    }
}

fn press(app: &mut App, term: &mut Terminal<TestBackend>, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = action_for_event(app, &event) {
        kata::tui::update(app, action);
    }
    kata::tui::draw(term, app).unwrap();
}

fn first_frame(c: &mut Criterion) {
    c.bench_function("tui/first_frame_80x24 (load bundled + App + draw)", |b| {
        b.iter(|| {
            let catalog = kata::tui::catalog::load(&[]);
            let mut app = App::new(catalog, options());
            let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
            kata::tui::draw(&mut term, &mut app).unwrap();
            black_box(term.backend().buffer().area);
        })
    });
}

fn key_to_frame(c: &mut Criterion) {
    // The heaviest screens: an exercise with two blanks, and a solved question with its solution.
    let mut app = App::new(kata::tui::catalog::load(&[]), options());
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    kata::tui::draw(&mut term, &mut app).unwrap();
    press(&mut app, &mut term, KeyCode::Enter);
    for _ in 0..3 {
        press(&mut app, &mut term, KeyCode::Char('n'));
    }
    c.bench_function("tui/key_to_frame exercise (Tab + redraw)", |b| {
        b.iter(|| press(&mut app, &mut term, KeyCode::Tab))
    });

    let mut app = App::new(kata::tui::catalog::load(&[]), options());
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    kata::tui::draw(&mut term, &mut app).unwrap();
    press(&mut app, &mut term, KeyCode::Char('u'));
    press(&mut app, &mut term, KeyCode::Char('a'));
    c.bench_function("tui/key_to_frame solution 120x40 (scroll + redraw)", |b| {
        let mut down = true;
        b.iter(|| {
            down = !down;
            let key = if down { KeyCode::Down } else { KeyCode::Up };
            press(&mut app, &mut term, key)
        })
    });
}

criterion_group!(benches, first_frame, key_to_frame);
criterion_main!(benches);
