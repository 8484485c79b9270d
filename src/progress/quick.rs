//! The quick path for journal lines as kata writes them: compact JSON, known
//! keys once each, plain strings, numbers in JSON's own grammar.
//!
//! A large journal is almost all such lines, and reading them with a scanner
//! made for exactly that shape is several times faster than serde_json's
//! general parser. It accepts only what serde_json would read the same way and
//! gives up (returns `None`) on anything else — whitespace, escapes, `null`,
//! an unknown or repeated key, a malformed number — so every unusual line still
//! gets serde_json's verdict and its precise message.

use super::event::RawLine;
use std::borrow::Cow;

/// The fields of a line kata itself would write, or `None` to leave it to serde_json.
pub(super) fn raw_line(line: &[u8]) -> Option<RawLine<'_>> {
    let mut s = Scanner { b: line, i: 0 };
    let mut raw = RawLine::default();
    let mut seen = 0u32;
    s.eat(b'{')?;
    if s.peek()? == b'}' {
        s.i += 1;
        return s.at_end().then_some(raw);
    }
    loop {
        // Keys are compared as bytes: no UTF-8 check for them.
        let key = s.raw_string()?;
        s.eat(b':')?;
        let bit = match key {
            b"v" => {
                raw.v = Some(s.int()?);
                0
            }
            b"at" => {
                raw.at = Some(s.int()?);
                1
            }
            b"type" => {
                raw.kind = Some(Cow::Borrowed(s.string()?));
                2
            }
            b"session" => {
                raw.session = Some(s.int()?);
                3
            }
            b"topic" => {
                raw.topic = Some(s.string()?.to_string());
                4
            }
            b"item" => {
                raw.item = Some(s.string()?.to_string());
                5
            }
            b"hash" => {
                raw.hash = Some(s.string()?.to_string());
                6
            }
            b"chosen" => {
                raw.chosen = Some(s.list()?);
                7
            }
            b"try" => {
                raw.try_number = Some(s.int()?);
                8
            }
            b"correct" => {
                raw.correct = Some(s.boolean()?);
                9
            }
            b"points" => {
                raw.points = Some(s.float()?);
                10
            }
            b"mode" => {
                raw.mode = Some(s.string()?.to_string());
                11
            }
            b"seed" => {
                raw.seed = Some(s.int()?);
                12
            }
            b"total" => {
                raw.total = Some(s.int()?);
                13
            }
            b"verdict" => {
                raw.verdict = Some(s.string()?.to_string());
                14
            }
            b"confidence" => {
                raw.confidence = Some(s.int()?);
                15
            }
            b"rating" => {
                raw.rating = Some(s.int()?);
                16
            }
            _ => return None,
        };
        // serde_json refuses a repeated field: let it say so.
        if seen & (1 << bit) != 0 {
            return None;
        }
        seen |= 1 << bit;
        match s.next()? {
            b',' => continue,
            b'}' => return s.at_end().then_some(raw),
            _ => return None,
        }
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn at_end(&self) -> bool {
        self.i == self.b.len()
    }

    /// A string without escapes or control characters, valid UTF-8.
    fn string(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.raw_string()?).ok()
    }

    /// The bytes of a string without escapes or control characters.
    fn raw_string(&mut self) -> Option<&'a [u8]> {
        self.eat(b'"')?;
        let rest = &self.b[self.i..];
        let len = memchr::memchr2(b'"', b'\\', rest)?;
        if rest[len] != b'"' {
            return None;
        }
        let bytes = &rest[..len];
        if bytes.iter().any(|&c| c < 0x20) {
            return None;
        }
        self.i += len + 1;
        Some(bytes)
    }

    /// A number in JSON's grammar, `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`:
    /// its text, and its value when it is an integer that fits an `i128`
    /// (computed while scanning: no second pass over the digits).
    fn number(&mut self) -> Option<(&'a [u8], Option<i128>)> {
        let start = self.i;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let mut value: i128 = 0;
        match self.next()? {
            b'0' => {}
            d @ b'1'..=b'9' => {
                value = (d - b'0') as i128;
                while let Some(d @ b'0'..=b'9') = self.peek() {
                    self.i += 1;
                    // 39 digits overflow an i128; no integer field is near that.
                    value = value.checked_mul(10)?.checked_add((d - b'0') as i128)?;
                }
            }
            _ => return None,
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.i += 1;
            integer = false;
            self.some_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            integer = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            self.some_digits()?;
        }
        let value = integer.then_some(if negative { -value } else { value });
        Some((&self.b[start..self.i], value))
    }

    fn some_digits(&mut self) -> Option<()> {
        let from = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        (self.i > from).then_some(())
    }

    /// An integer that fits `T` (serde_json refuses a float or an overflow for an integer field).
    fn int<T: TryFrom<i128>>(&mut self) -> Option<T> {
        T::try_from(self.number()?.1?).ok()
    }

    /// Any JSON number as `f64` (both parsers round correctly).
    fn float(&mut self) -> Option<f64> {
        let (text, _) = self.number()?;
        // Only ASCII digits, signs, `.` and `e` were consumed.
        let text = std::str::from_utf8(text).ok()?;
        text.parse().ok().filter(|x: &f64| x.is_finite())
    }

    fn boolean(&mut self) -> Option<bool> {
        let rest = &self.b[self.i..];
        if rest.starts_with(b"true") {
            self.i += 4;
            Some(true)
        } else if rest.starts_with(b"false") {
            self.i += 5;
            Some(false)
        } else {
            None
        }
    }

    fn list(&mut self) -> Option<Vec<usize>> {
        self.eat(b'[')?;
        let mut out = Vec::with_capacity(4);
        if self.peek()? == b']' {
            self.i += 1;
            return Some(out);
        }
        loop {
            out.push(self.int()?);
            match self.next()? {
                b',' => continue,
                b']' => return Some(out),
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::event::{Event, Recorded, parse_line};
    use super::raw_line;

    fn sample() -> Vec<Recorded> {
        let rated = |points: f64, chosen: Vec<usize>, confidence| Event::AnswerSubmitted {
            typed: None,
            confidence,
            session: u64::MAX,
            topic: "tópic".into(),
            item: "filter-orders".into(),
            hash: "00ff".into(),
            chosen,
            try_number: 3,
            correct: points > 0.0,
            points,
        };
        let answer = |points, chosen| rated(points, chosen, None);
        [
            answer(2.0, vec![0, 1]),
            answer(0.0, vec![]),
            answer(1.0 / 3.0, vec![7]),
            answer(1e-7, vec![1, 2, 3]),
            // Rated under confidence-based marking.
            rated(3.0, vec![2], Some(3)),
            Event::SessionStarted {
                session: 1,
                topic: "t".into(),
                mode: "test".into(),
                seed: Some(0),
            },
            Event::TestFinished {
                session: 1,
                topic: "t".into(),
                seed: 9,
                points: 7.5,
                total: 20,
                verdict: "needs practice".into(),
            },
            Event::ProgressReset { topic: None },
        ]
        .into_iter()
        .enumerate()
        .map(|(k, event)| Recorded {
            at: -5 + k as i64 * 1_732_700_000_000,
            event,
        })
        .collect()
    }

    #[test]
    fn every_line_kata_writes_takes_the_quick_path_and_reads_back_the_same() {
        for recorded in sample() {
            let line = recorded.to_line();
            let line = line.trim_end().as_bytes();
            assert!(
                raw_line(line).is_some(),
                "{}",
                String::from_utf8_lossy(line)
            );
            assert_eq!(parse_line(line), Ok(recorded));
        }
    }

    #[test]
    fn anything_unusual_is_left_to_serde_json() {
        let unusual: &[&[u8]] = &[
            br#"{ "v":1,"at":1,"type":"ProgressReset"}"#,
            br#"{"v":1,"at":1,"type":"ProgressReset","topic":"a\"b"}"#,
            br#"{"v":1,"at":1,"type":"ProgressReset","topic":null}"#,
            br#"{"v":1,"v":1,"at":1,"type":"ProgressReset"}"#,
            br#"{"v":1,"at":01,"type":"ProgressReset"}"#,
            br#"{"v":1,"at":1.0,"type":"ProgressReset"}"#,
            br#"{"v":1,"at":1,"type":"ProgressReset","badge":"gold"}"#,
            br#"{"v":1,"at":99999999999999999999,"type":"ProgressReset"}"#,
            br#"{"v":1,"at":1,"type":"ProgressReset"}x"#,
            br#"{"v":1,"at":1,"type":"ProgressReset""#,
            b"{\"v\":1,\"at\":1,\"type\":\"Progress\xffReset\"}",
        ];
        for line in unusual {
            assert!(
                raw_line(line).is_none(),
                "{}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn both_paths_agree_on_awkward_but_valid_lines() {
        // Accepted by the quick path: the result must equal serde_json's.
        let lines: &[&[u8]] = &[
            br#"{"type":"HintShown","v":1,"hash":"h","at":-1,"item":"i","topic":"t","session":0}"#,
            br#"{"v":1,"at":1,"type":"AnswerSubmitted","session":1,"topic":"t","item":"i","hash":"h","chosen":[],"try":1,"correct":false,"points":0}"#,
            br#"{"v":1,"at":1,"type":"TestFinished","session":1,"topic":"t","seed":2,"points":1.5E+1,"total":20,"verdict":"strong"}"#,
            br#"{"v":0,"at":0,"type":"ProgressReset"}"#,
            br#"{}"#,
        ];
        for line in lines {
            let serde_only: Result<Recorded, _> = {
                // The same line with a space after `{` cannot take the quick path.
                let mut spaced = b"{ ".to_vec();
                spaced.extend_from_slice(&line[1..]);
                parse_line(&spaced)
            };
            assert!(
                raw_line(line).is_some(),
                "{}",
                String::from_utf8_lossy(line)
            );
            assert_eq!(parse_line(line), serde_only);
        }
    }
}
