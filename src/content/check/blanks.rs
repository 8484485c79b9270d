//! The blanks of an exercise's code: `{{1}}`, `{{2}}`… Only `{{` digits `}}`
//! is a blank, so code that uses `{{` for itself (format strings, templates)
//! keeps working.

use crate::content::CodePiece;

/// One `{{n}}` marker: its number and where it sits in the decoded code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Marker {
    /// As written; numbers too large to matter read as `usize::MAX`.
    pub number: usize,
    /// Byte range in the decoded code string.
    pub range: std::ops::Range<usize>,
}

/// Split code into text and blanks, and list the markers in reading order.
/// A blank numbered `n` becomes `CodePiece::Blank(n - 1)`.
pub(super) fn split(code: &str) -> (Vec<CodePiece>, Vec<Marker>) {
    let mut pieces = Vec::new();
    let mut markers = Vec::new();
    let mut text_start = 0;
    let mut search = 0;
    while let Some(found) = code[search..].find("{{") {
        let open = search + found;
        let digits_start = open + 2;
        let digits_len = code[digits_start..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let close = digits_start + digits_len;
        if digits_len == 0 || !code[close..].starts_with("}}") {
            search = open + 1;
            continue;
        }
        let number = code[digits_start..close].parse().unwrap_or(usize::MAX);
        if text_start < open {
            pieces.push(CodePiece::Text(code[text_start..open].to_string()));
        }
        pieces.push(CodePiece::Blank(number.saturating_sub(1)));
        markers.push(Marker {
            number,
            range: open..close + 2,
        });
        text_start = close + 2;
        search = text_start;
    }
    if text_start < code.len() {
        pieces.push(CodePiece::Text(code[text_start..].to_string()));
    }
    (pieces, markers)
}

/// A `{{ 2 }}`: braces around a number with spaces inside, which is not a
/// blank (only `{{2}}` is) but is surely meant as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NearMiss {
    /// The digits, as written.
    pub number: String,
    /// Byte range in the decoded code string, braces included.
    pub range: std::ops::Range<usize>,
}

/// Every `{{` spaces digits spaces `}}` with at least one space or tab.
pub(super) fn near_misses(code: &str) -> Vec<NearMiss> {
    let mut found = Vec::new();
    let mut search = 0;
    let is_space = |b: &u8| *b == b' ' || *b == b'\t';
    while let Some(at) = code[search..].find("{{") {
        let open = search + at;
        let rest = &code.as_bytes()[open + 2..];
        let before = rest.iter().take_while(|b| is_space(b)).count();
        let digits = rest[before..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = rest[before + digits..]
            .iter()
            .take_while(|b| is_space(b))
            .count();
        let close = open + 2 + before + digits + after;
        if digits > 0 && before + after > 0 && code[close..].starts_with("}}") {
            found.push(NearMiss {
                number: code[open + 2 + before..open + 2 + before + digits].to_string(),
                range: open..close + 2,
            });
            search = close + 2;
        } else {
            search = open + 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_in_spaced_braces_is_a_near_miss_and_others_are_not() {
        let found = near_misses("x = {{ 2 }} + {{1}} + {{\t3}} + {{ x }} + {{ }}");
        let numbers: Vec<_> = found.iter().map(|m| m.number.as_str()).collect();
        assert_eq!(numbers, ["2", "3"]);
        assert_eq!(found[0].range, 4..11);
    }

    #[test]
    fn only_braced_numbers_are_blanks() {
        let (pieces, markers) = split("f\"{{x}}\" {{1}} == {{12}}}");
        assert_eq!(
            pieces,
            vec![
                CodePiece::Text("f\"{{x}}\" ".into()),
                CodePiece::Blank(0),
                CodePiece::Text(" == ".into()),
                CodePiece::Blank(11),
                CodePiece::Text("}".into()),
            ]
        );
        assert_eq!(markers[0].range, 9..14);
        assert_eq!(markers[1].number, 12);
    }

    #[test]
    fn a_huge_number_is_kept_out_of_range() {
        let (_, markers) = split("{{99999999999999999999999}}");
        assert_eq!(markers[0].number, usize::MAX);
    }
}
