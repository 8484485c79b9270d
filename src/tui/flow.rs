//! A scrollable document: styled lines laid out for one width, with the places
//! the mouse can hit. Screens build one per frame; the same layout serves
//! drawing and hit-testing, so a click always lands where the text was drawn.

use super::action::Target;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A piece of text to flow: words break at spaces, an atom with a target never breaks.
pub struct Atom {
    pub text: String,
    pub style: Style,
    pub target: Option<Target>,
}

impl Atom {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Atom {
            text: shown(text.into()),
            style,
            target: None,
        }
    }
    pub fn target(text: impl Into<String>, style: Style, target: Target) -> Self {
        Atom {
            text: shown(text.into()),
            style,
            target: Some(target),
        }
    }
}

/// Content's bidi and zero-width characters shown as `\u{202e}`, visibly,
/// as plain mode shows them (the terminal's backend would only drop them).
fn shown(text: String) -> String {
    match crate::safe_text::escape_lines(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// A clickable place, in document coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocHit {
    pub line: usize,
    pub x: u16,
    pub width: u16,
    pub target: Target,
}

pub struct Doc {
    pub width: u16,
    pub lines: Vec<Line<'static>>,
    pub hits: Vec<DocHit>,
    /// Lines that should be in view after the last change (a try's result, the cursor).
    pub focus: Option<Range<usize>>,
}

impl Doc {
    pub fn new(width: u16) -> Self {
        Doc {
            width: width.max(1),
            lines: Vec::new(),
            hits: Vec::new(),
            focus: None,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// A line as is (cut at the right edge when drawn).
    pub fn line(&mut self, line: impl Into<Line<'static>>) {
        self.lines.push(line.into());
    }

    /// A line as is, with a clickable span range recorded.
    pub fn line_with_hit(&mut self, spans: Vec<Span<'static>>, hit: Option<(u16, u16, Target)>) {
        if let Some((x, width, target)) = hit {
            self.hits.push(DocHit {
                line: self.lines.len(),
                x,
                width,
                target,
            });
        }
        self.lines.push(Line::from(spans));
    }

    /// Prose in one style, wrapped, indented by `indent` columns.
    pub fn text(&mut self, text: &str, style: Style, indent: u16) {
        self.flow(indent, indent, vec![Atom::new(text, style)]);
    }

    /// Flow atoms into lines of the document's width: the first line starts at
    /// column `first`, the following ones at `rest`. A `\n` in an atom starts a
    /// new line; spaces at the start of a source line are kept (code indents).
    pub fn flow(&mut self, first: u16, rest: u16, atoms: Vec<Atom>) {
        let mut w = Wrapper::new(self, first, rest);
        w.hard = first;
        for atom in atoms {
            w.atom(atom);
        }
        w.finish();
    }

    /// Like [`flow`](Self::flow), but the first line begins with `prefix` spans
    /// (a marker such as `▶ A  `) and following lines are indented past it.
    pub fn flow_after(&mut self, prefix: Vec<Span<'static>>, atoms: Vec<Atom>) {
        let width: u16 = prefix.iter().map(|s| s.width() as u16).sum();
        let mut w = Wrapper::new(self, 0, width);
        for span in prefix {
            w.push_span(span, None);
        }
        for atom in atoms {
            w.atom(atom);
        }
        w.finish();
    }
}

struct Wrapper<'d> {
    doc: &'d mut Doc,
    spans: Vec<Span<'static>>,
    x: u16,
    rest: u16,
    /// Indent after a `\n` in the text (a wrap uses `rest`).
    hard: u16,
    /// Only spaces (or nothing) on this line so far.
    empty: bool,
    /// This line came from wrapping, so spaces at its start are dropped.
    wrapped: bool,
}

impl<'d> Wrapper<'d> {
    fn new(doc: &'d mut Doc, first: u16, rest: u16) -> Self {
        let mut w = Wrapper {
            doc,
            spans: Vec::new(),
            x: 0,
            rest,
            hard: rest,
            empty: true,
            wrapped: false,
        };
        w.indent(first);
        w
    }

    fn indent(&mut self, n: u16) {
        let n = n.min(self.doc.width.saturating_sub(1));
        if n > 0 {
            self.spans.push(Span::raw(" ".repeat(n as usize)));
        }
        self.x = n;
    }

    fn newline(&mut self, wrapped: bool) {
        let spans = std::mem::take(&mut self.spans);
        self.doc.lines.push(Line::from(spans));
        self.empty = true;
        self.wrapped = wrapped;
        let indent = if wrapped { self.rest } else { self.hard };
        self.indent(indent);
    }

    fn push_span(&mut self, span: Span<'static>, target: Option<Target>) {
        let width = span.width() as u16;
        if let Some(target) = target {
            self.doc.hits.push(DocHit {
                line: self.doc.lines.len(),
                x: self.x,
                width,
                target,
            });
        }
        if !span.content.trim().is_empty() {
            self.empty = false;
        }
        self.x = self.x.saturating_add(width);
        self.spans.push(span);
    }

    fn room(&self) -> u16 {
        self.doc.width.saturating_sub(self.x)
    }

    fn atom(&mut self, atom: Atom) {
        if atom.target.is_some() {
            let width = atom.text.width() as u16;
            if width > self.room() && !self.empty {
                self.newline(true);
            }
            self.push_span(Span::styled(atom.text, atom.style), atom.target);
            return;
        }
        for (n, source_line) in atom.text.split('\n').enumerate() {
            if n > 0 {
                self.newline(false);
            }
            self.words(source_line, atom.style);
        }
    }

    /// Lay out one source line's words, breaking at spaces.
    fn words(&mut self, line: &str, style: Style) {
        let mut rest = line;
        while !rest.is_empty() {
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            let after = &rest[spaces..];
            let word_len = after.find(' ').unwrap_or(after.len());
            let word = &after[..word_len];
            let word_width = word.width() as u16;
            // A word that will not fit goes to the next line, leaving its spaces behind.
            let wraps = !word.is_empty() && !self.empty && spaces as u16 + word_width > self.room();
            if wraps {
                self.newline(true);
            } else if spaces > 0 && !(self.wrapped && self.empty) {
                let fit = spaces.min(self.room() as usize);
                if fit > 0 {
                    self.push_span(Span::styled(" ".repeat(fit), style), None);
                }
            }
            if !word.is_empty() {
                if word_width > self.room() {
                    self.long_word(word, style);
                } else {
                    self.push_span(Span::styled(word.to_string(), style), None);
                }
            }
            rest = &after[word_len..];
        }
    }

    /// A word wider than a whole line: cut it by characters.
    fn long_word(&mut self, word: &str, style: Style) {
        let mut piece = String::new();
        let mut piece_width = 0u16;
        for c in word.chars() {
            let cw = c.width().unwrap_or(0) as u16;
            if piece_width + cw > self.room() && !piece.is_empty() {
                self.push_span(Span::styled(std::mem::take(&mut piece), style), None);
                piece_width = 0;
                self.newline(true);
            }
            piece.push(c);
            piece_width += cw;
        }
        if !piece.is_empty() {
            self.push_span(Span::styled(piece, style), None);
        }
    }

    fn finish(mut self) {
        let spans = std::mem::take(&mut self.spans);
        self.doc.lines.push(Line::from(spans));
    }
}

/// Cut `text` to `width` columns, ending with `…` when it was longer.
pub fn ellipsize(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(doc: &Doc) -> Vec<String> {
        doc.lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_indents_following_lines() {
        let mut doc = Doc::new(12);
        doc.flow(0, 2, vec![Atom::new("one two three four", Style::new())]);
        assert_eq!(text_of(&doc), ["one two", "  three four"]);
    }

    #[test]
    fn keeps_code_indentation_and_line_breaks() {
        let mut doc = Doc::new(40);
        doc.flow(
            2,
            2,
            vec![Atom::new("for e in s:\n    print(e)", Style::new())],
        );
        assert_eq!(text_of(&doc), ["  for e in s:", "      print(e)"]);
        let mut doc = Doc::new(40);
        doc.flow(2, 6, vec![Atom::new("a\nb", Style::new())]);
        assert_eq!(
            text_of(&doc),
            ["  a", "  b"],
            "a new source line is not a wrap"
        );
    }

    #[test]
    fn records_where_a_target_was_placed_even_after_a_wrap() {
        let mut doc = Doc::new(10);
        doc.flow(
            0,
            0,
            vec![
                Atom::new("abc def", Style::new()),
                Atom::target("[1 ==]", Style::new(), Target::Blank(0)),
            ],
        );
        assert_eq!(text_of(&doc), ["abc def", "[1 ==]"]);
        assert_eq!(
            doc.hits,
            [DocHit {
                line: 1,
                x: 0,
                width: 6,
                target: Target::Blank(0)
            }]
        );
    }

    #[test]
    fn cuts_words_longer_than_the_width() {
        let mut doc = Doc::new(4);
        doc.text("abcdefghij", Style::new(), 0);
        assert_eq!(text_of(&doc), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn ellipsize_marks_the_cut() {
        assert_eq!(ellipsize("hello world", 6), "hello…");
        assert_eq!(ellipsize("hi", 6), "hi");
    }
}
