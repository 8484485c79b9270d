//! Turning byte offsets (what the TOML parser reports) into the 1-based
//! line and character column people see, and fetching a line for the caret.

use super::Place;

/// Bytes per entry of the character-count table: a column costs at most
/// this many bytes of counting, however long its line is.
const BLOCK: usize = 256;

/// The line starts of one file's text.
pub(crate) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// Characters in `text[..k * BLOCK]`, for every k: a column is the
    /// characters between the line start and the offset, and counting them
    /// from the start of the line made a one-line file quadratic.
    chars_before_block: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut count = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before_block.push(count);
            count += block.iter().filter(|&&b| !is_continuation(b)).count();
        }
        chars_before_block.push(count);
        Lines {
            text,
            starts,
            chars_before_block,
        }
    }

    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let tail = &self.text.as_bytes()[block * BLOCK..offset];
        super::work::count(tail.len() + 1);
        self.chars_before_block[block] + tail.iter().filter(|&&b| !is_continuation(b)).count()
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
        // An editor does not count the byte-order mark as a column.
        let bom = usize::from(self.text[start..offset].starts_with('\u{feff}'));
        // A short way into its line (the usual case), a column is counted
        // directly; farther, from the table, so a long line costs no more.
        let chars = if offset - start <= BLOCK {
            super::work::count(offset - start);
            self.text[start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        Place {
            line,
            column: chars - bom + 1,
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

/// A UTF-8 byte that continues a character rather than starting one.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
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
    fn columns_on_a_long_line_count_across_blocks() {
        let text = format!("{}x = 1", "é".repeat(1000));
        let lines = Lines::new(&text);
        assert_eq!(
            lines.place(2000),
            Place {
                line: 1,
                column: 1001
            }
        );
        let offset = text.len();
        assert_eq!(lines.place(offset).column, 1006);
        for offset in (0..=2000).step_by(2) {
            assert_eq!(lines.place(offset).column, offset / 2 + 1);
        }
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let lines = Lines::new("\u{feff}[topic]");
        assert_eq!(lines.place(3), Place { line: 1, column: 1 });
        assert_eq!(lines.line_text(1), "[topic]");
    }
}
