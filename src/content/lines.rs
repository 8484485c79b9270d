//! Turning byte offsets (what the TOML parser reports) into the 1-based
//! line and character column people see, and fetching a line for the caret.

use super::Place;

/// The line starts of one file's text.
pub(crate) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// The place of a byte offset; offsets past the end or inside a character
    /// are moved back to the nearest character start.
    pub(crate) fn place(&self, offset: usize) -> Place {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let before = &self.text[start..offset];
        // An editor does not count the byte-order mark as a column.
        let before = before.strip_prefix('\u{feff}').unwrap_or(before);
        Place {
            line,
            column: before.chars().count() + 1,
        }
    }

    /// The text of a 1-based line, without its line end.
    pub(crate) fn line_text(&self, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e - 1);
        let text = &self.text[start..end.max(start)];
        let text = text.strip_suffix('\r').unwrap_or(text);
        if line == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let lines = Lines::new("a = 1\nñé = \"x\"\r\nlast");
        assert_eq!(lines.place(0), Place { line: 1, column: 1 });
        // "ñé" is 4 bytes but 2 characters.
        assert_eq!(lines.place(6 + 4), Place { line: 2, column: 3 });
        assert_eq!(lines.line_text(2), "ñé = \"x\"");
        assert_eq!(lines.place(100), Place { line: 3, column: 5 });
        assert_eq!(lines.line_text(3), "last");
        assert_eq!(lines.line_text(9), "");
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let lines = Lines::new("\u{feff}[topic]");
        assert_eq!(lines.place(3), Place { line: 1, column: 1 });
        assert_eq!(lines.line_text(1), "[topic]");
    }
}
