//! Light syntax colouring for code snippets: keywords, strings, numbers and
//! comments. It is decoration only — a snippet reads the same without it.

/// What a run of code text is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Keyword,
    Str,
    Number,
    Comment,
}

const KEYWORDS: &[&str] = &[
    // Python
    "and", "as", "class", "def", "elif", "else", "False", "for", "from", "if", "import", "in", "is",
    "lambda", "None", "not", "or", "pass", "print", "return", "True", "while", "with",
    "yield", // and the common ones of C-like languages
    "const", "let", "fn", "function", "var", "new", "null", "true", "false", "this", "match",
    "pub", "struct", "impl", "mut", "use",
];

/// Split `text` into runs of one kind. `lang` picks the comment marker.
pub fn runs<'a>(text: &'a str, lang: Option<&str>) -> Vec<(&'a str, Kind)> {
    let comment = match lang.unwrap_or("") {
        "python" | "py" | "ruby" | "shell" | "sh" | "bash" | "yaml" | "toml" => "#",
        _ => "//",
    };
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut plain_start = 0;
    let flush = |out: &mut Vec<(&'a str, Kind)>, from: usize, to: usize| {
        if to > from {
            out.push((&text[from..to], Kind::Plain));
        }
    };
    while i < bytes.len() {
        let c = bytes[i];
        let (end, kind) = if text[i..].starts_with(comment) {
            let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
            (end, Kind::Comment)
        } else if c == b'"' || c == b'\'' {
            let end = text[i + 1..]
                .find(c as char)
                .map_or(text.len(), |n| i + 1 + n + 1);
            (end, Kind::Str)
        } else if c.is_ascii_digit() && (i == 0 || !is_word(bytes[i - 1])) {
            let mut end = i;
            while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'.') {
                end += 1;
            }
            (end, Kind::Number)
        } else if is_word(c) && (i == 0 || !is_word(bytes[i - 1])) {
            let mut end = i;
            while end < bytes.len() && is_word(bytes[end]) {
                end += 1;
            }
            if KEYWORDS.contains(&&text[i..end]) {
                (end, Kind::Keyword)
            } else {
                i = end;
                continue;
            }
        } else {
            // Step over one whole character, never into the middle of one.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        flush(&mut out, plain_start, i);
        out.push((&text[i..end], kind));
        i = end;
        plain_start = end;
    }
    flush(&mut out, plain_start, text.len());
    out
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keywords_strings_and_numbers() {
        let r = runs("for e in store if e == 'Paid' # 12", Some("python"));
        assert!(r.contains(&("for", Kind::Keyword)));
        assert!(r.contains(&("in", Kind::Keyword)));
        assert!(r.contains(&("'Paid'", Kind::Str)));
        assert!(r.contains(&("# 12", Kind::Comment)));
        let joined: String = r.iter().map(|(t, _)| *t).collect();
        assert_eq!(joined, "for e in store if e == 'Paid' # 12");
    }

    #[test]
    fn keeps_identifiers_that_contain_keywords_plain() {
        let r = runs("format = 123", None);
        assert!(!r.iter().any(|(_, k)| *k == Kind::Keyword));
        assert!(r.contains(&("123", Kind::Number)));
    }

    #[test]
    fn survives_unterminated_strings_and_multibyte_text() {
        let r = runs("x = \"é → ", Some("python"));
        let joined: String = r.iter().map(|(t, _)| *t).collect();
        assert_eq!(joined, "x = \"é → ");
    }
}
