//! Option letters inside an item's prose.
//!
//! A session may show an item's options in its own order, so the letter an
//! author sees in the file (`B`) is not always the letter the learner sees.
//! Prose that must name an option by letter writes the placeholder `{{B}}`
//! ("the option written second"), and the session replaces it with the letter
//! that option has on the learner's screen. Blanks are `{{1}}`, `{{2}}`…
//! (digits); letter placeholders are one upper-case letter, so the two never
//! meet.

use std::ops::Range;

/// One `{{X}}` in a text: where it is (bytes) and the option it names (0 = `A`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterPlaceholder {
    pub range: Range<usize>,
    pub option: usize,
}

/// Every `{{X}}` placeholder in `text`, in order.
///
/// ```
/// let found = kata::content::letter_placeholders("{{B}} is wrong, {{1}} is a blank");
/// assert_eq!(found.len(), 1);
/// assert_eq!((found[0].range.clone(), found[0].option), (0..5, 1));
/// ```
pub fn letter_placeholders(text: &str) -> Vec<LetterPlaceholder> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 5 <= bytes.len() {
        if &bytes[i..i + 2] == b"{{"
            && bytes[i + 2].is_ascii_uppercase()
            && &bytes[i + 3..i + 5] == b"}}"
        {
            found.push(LetterPlaceholder {
                range: i..i + 5,
                option: (bytes[i + 2] - b'A') as usize,
            });
            i += 5;
        } else {
            i += 1;
        }
    }
    found
}

/// `text` with each `{{X}}` replaced by `shown(option)`; a placeholder for
/// which `shown` gives `None` stays as written (`kata check` reports it).
///
/// ```
/// // The option written first (A) is shown third (C).
/// let shown = |option: usize| [Some('C'), Some('A')].get(option).copied().flatten();
/// assert_eq!(kata::content::with_letters("Not {{A}}: see {{B}}, {{Z}}", shown), "Not C: see A, {{Z}}");
/// ```
pub fn with_letters(text: &str, shown: impl Fn(usize) -> Option<char>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for placeholder in letter_placeholders(text) {
        if let Some(letter) = shown(placeholder.option) {
            out.push_str(&text[last..placeholder.range.start]);
            out.push(letter);
            last = placeholder.range.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Where `text` names an option by a bare letter — `option B`, `Option C`,
/// `options A and B` (the first letter) — which a shuffled item may show
/// under another letter. Ranges cover the letter.
///
/// ```
/// let text = "Option B is a command; optional C is not a mention.";
/// assert_eq!(kata::content::bare_letter_mentions(text), vec![7..8]);
/// ```
pub fn bare_letter_mentions(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for word in ["option ", "options "] {
        let mut from = 0;
        while let Some(at) = find_word(text, word, from) {
            let letter = at + word.len();
            from = letter;
            let is_letter = bytes.get(letter).is_some_and(u8::is_ascii_uppercase);
            let ends = bytes
                .get(letter + 1)
                .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'_');
            if is_letter && ends {
                found.push(letter..letter + 1);
            }
        }
    }
    found.sort_by_key(|r| r.start);
    found
}

/// The next place at or after `from` where `word` starts a word, case-insensitively.
fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut start = from;
    while let Some(offset) = lower.get(start..)?.find(word) {
        let at = start + offset;
        let starts_word = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        if starts_word {
            return Some(at);
        }
        start = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_one_upper_case_letter_in_double_braces() {
        let options: Vec<usize> = letter_placeholders("{{A}}{{b}}{{ C }}{{AB}}{{1}}{{Z}}")
            .iter()
            .map(|p| p.option)
            .collect();
        assert_eq!(options, [0, 25]);
        assert!(letter_placeholders("{{").is_empty());
    }

    #[test]
    fn bare_mentions_need_a_lone_letter_after_the_word_option() {
        assert_eq!(bare_letter_mentions("→ Option A"), vec![11..12]);
        assert_eq!(bare_letter_mentions("options B and C"), vec![8..9]);
        assert!(bare_letter_mentions("option Bravo, adoption A, option {{B}}").is_empty());
        assert!(bare_letter_mentions("an option").is_empty());
    }
}
