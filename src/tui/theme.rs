//! Styles. Meaning is always carried by a symbol (✓ ✗ ▶) or by bold/reverse;
//! colour, when allowed, only adds to it. Named ANSI colours follow the
//! terminal's own palette, so they read on light and dark backgrounds alike.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    pub fn plain(self) -> Style {
        Style::new()
    }
    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    /// A heading inside a screen.
    pub fn heading(self) -> Style {
        self.fg(self.bold(), Color::Cyan)
    }
    /// The top bar and other framing chrome.
    pub fn bar(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    /// A right answer or blank: always bold next to its ✓.
    pub fn ok(self) -> Style {
        self.fg(self.bold(), Color::Green)
    }
    /// A wrong answer or blank: always bold next to its ✗.
    pub fn bad(self) -> Style {
        self.fg(self.bold(), Color::Red)
    }
    /// What the cursor is on: reverse video, so it shows without colour.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// An option letter or key name.
    pub fn key(self) -> Style {
        self.fg(self.bold(), Color::Yellow)
    }
    pub fn hint(self) -> Style {
        self.fg(Style::new(), Color::Yellow)
    }
    pub fn warn(self) -> Style {
        self.fg(self.bold(), Color::Yellow)
    }
    /// The code gutter bar.
    pub fn gutter(self) -> Style {
        self.fg(self.dim(), Color::Blue)
    }
    /// A filled blank in the code.
    pub fn slot(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::UNDERLINED), Color::Cyan)
    }
    /// An empty blank in the code.
    pub fn slot_empty(self) -> Style {
        self.dim().add_modifier(Modifier::UNDERLINED)
    }
    pub fn keyword(self) -> Style {
        self.fg(Style::new(), Color::Magenta)
    }
    pub fn string(self) -> Style {
        self.fg(Style::new(), Color::Green)
    }
    pub fn number(self) -> Style {
        self.fg(Style::new(), Color::Blue)
    }
    pub fn comment(self) -> Style {
        self.fg(self.dim(), Color::Gray)
    }
}
