//! `[[note]]`: what Learn mode shows before practice — a short section of
//! plain text with fenced code blocks, and where its facts come from.

use super::Origin;
use serde::Serialize;

/// A Learn note of a topic.
///
/// ```
/// use kata::content::{Note, NoteBlock};
/// let note = Note {
///     id: "what-is-an-event-store".into(),
///     title: "What an event store keeps".into(),
///     body: "Every change is an event.\n\n```python\nstore.append(\"order-1\", [e])\n```\n".into(),
///     ..Note::default()
/// };
/// let blocks = note.blocks();
/// assert_eq!(blocks[0], NoteBlock::Text("Every change is an event.".into()));
/// assert!(matches!(&blocks[1], NoteBlock::Code { lang, .. } if lang == "python"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Note {
    /// Unique within the topic (notes share ids with every other kind).
    pub id: String,
    pub title: String,
    /// Paragraphs separated by blank lines, and code between ``` fences.
    pub body: String,
    /// Where the facts come from: links or references.
    pub sources: Vec<String>,
    pub origin: Origin,
}

/// A piece of a note's body, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteBlock {
    /// A paragraph: its lines joined with spaces (a note's text is wrapped
    /// to the screen, not to the author's editor).
    Text(String),
    /// A fenced code block, shown as written; `lang` is the word after the
    /// opening fence (may be empty).
    Code { lang: String, code: String },
}

impl Note {
    /// The body as paragraphs and code blocks. A fence left open runs to the
    /// end of the body (`kata check` reports it, K060).
    pub fn blocks(&self) -> Vec<NoteBlock> {
        let mut blocks = Vec::new();
        let mut paragraph: Vec<&str> = Vec::new();
        let mut code: Option<(String, Vec<&str>)> = None;
        let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<NoteBlock>| {
            if !paragraph.is_empty() {
                blocks.push(NoteBlock::Text(paragraph.join(" ")));
                paragraph.clear();
            }
        };
        for line in self.body.lines() {
            let fence = line.trim_start().strip_prefix("```");
            match (&mut code, fence) {
                (Some((lang, lines)), Some(_)) => {
                    blocks.push(NoteBlock::Code {
                        lang: std::mem::take(lang),
                        code: lines.join("\n"),
                    });
                    code = None;
                }
                (Some((_, lines)), None) => lines.push(line),
                (None, Some(lang)) => {
                    flush(&mut paragraph, &mut blocks);
                    code = Some((lang.trim().to_string(), Vec::new()));
                }
                (None, None) if line.trim().is_empty() => flush(&mut paragraph, &mut blocks),
                (None, None) => paragraph.push(line.trim()),
            }
        }
        flush(&mut paragraph, &mut blocks);
        if let Some((lang, lines)) = code {
            blocks.push(NoteBlock::Code {
                lang,
                code: lines.join("\n"),
            });
        }
        blocks
    }
}

/// The byte offset in `body` of a code fence that is never closed.
pub(crate) fn unclosed_fence(body: &str) -> Option<usize> {
    let mut open = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            open = match open {
                Some(_) => None,
                None => Some(offset + (line.len() - line.trim_start().len())),
            };
        }
        offset += line.len();
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_join_their_lines_and_code_keeps_its_own() {
        let note = Note {
            body: "One\nline.\n\nTwo.\n```\n  indented\n\nkept\n```\nAfter.".into(),
            ..Note::default()
        };
        assert_eq!(
            note.blocks(),
            [
                NoteBlock::Text("One line.".into()),
                NoteBlock::Text("Two.".into()),
                NoteBlock::Code {
                    lang: String::new(),
                    code: "  indented\n\nkept".into()
                },
                NoteBlock::Text("After.".into()),
            ]
        );
    }

    #[test]
    fn an_open_fence_is_found() {
        assert_eq!(unclosed_fence("a\n```py\nx\n```\n"), None);
        assert_eq!(unclosed_fence("a\n  ```py\nx\n"), Some(4));
    }
}
