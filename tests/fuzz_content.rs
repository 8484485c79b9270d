//! Mutated bundled files must never make the loader or the checker panic,
//! and whatever still loads must keep the model's promises. The normal run
//! tries 10,000 mutants; `cargo test --test fuzz_content -- --ignored` tries
//! 1,000,000.

use kata::content::{Catalog, Severity, SourceFile, Sources};
use proptest::prelude::*;

/// Text that breaks TOML or the checks in interesting ways.
const SNIPPETS: &[&str] = &[
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    "#",
    "\\",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{1b}",
    "\0",
    "\u{7f}",
    "\u{85}",
    "\u{feff}",
    "\\u001b",
    "\\e",
    "\\x1b",
    "\\U0000009b",
    "{{",
    "}}",
    "{{1}}",
    "{{0}}",
    "{{99999999999999999999}}",
    "\"A\"",
    "\"Z\"",
    "[[question]]\n",
    "[[exercise]]\n",
    "[topic]\n",
    "id = \"x\"\n",
    "é",
    "日本",
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit { at: usize, bit: u8 },
    Truncate { at: usize },
    Insert { at: usize, snippet: usize },
    Delete { at: usize, len: usize },
    DuplicateRange { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 0..SNIPPETS.len())
            .prop_map(|(at, snippet)| Mutation::Insert { at, snippet }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::DuplicateRange { at, len }),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len();
    let pos = |at: usize| if len == 0 { 0 } else { at % (len + 1) };
    match *mutation {
        Mutation::FlipBit { at, bit } => {
            if len > 0 {
                bytes[at % len] ^= 1 << bit;
            }
        }
        Mutation::Truncate { at } => bytes.truncate(pos(at)),
        Mutation::Insert { at, snippet } => {
            let at = pos(at);
            bytes.splice(at..at, SNIPPETS[snippet].bytes());
        }
        Mutation::Delete { at, len: n } => {
            let at = pos(at);
            bytes.drain(at..(at + n).min(len));
        }
        Mutation::DuplicateRange { at, len: n } => {
            let at = pos(at);
            let copy: Vec<u8> = bytes[at..(at + n).min(len)].to_vec();
            bytes.splice(at..at, copy);
        }
    }
}

/// What every catalog must satisfy, however broken its input.
fn assert_sound(catalog: &Catalog) {
    for d in &catalog.problems {
        if let Some(at) = d.at {
            assert!(at.line >= 1 && at.column >= 1, "{d:?}");
        }
        let shown = d.to_string();
        assert!(
            !shown
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "a control character reached the output: {shown:?}"
        );
    }
    let skipped = catalog.skipped();
    for topic in &catalog.topics {
        let items = topic
            .questions
            .iter()
            .map(|q| (&q.origin, &q.options))
            .chain(topic.exercises.iter().map(|e| (&e.origin, &e.options)));
        for (origin, options) in items {
            assert!(
                !skipped.contains(&origin.path.as_str()),
                "a skipped file loaded"
            );
            assert!((2..=26).contains(&options.len()));
        }
        for q in &topic.questions {
            assert!(q.answer < q.options.len());
            assert!(!q.feedback.contains_key(&q.answer));
        }
        for e in &topic.exercises {
            assert!(e.blanks() >= 1);
            assert!(e.answer.iter().all(|&a| a < e.options.len()));
            assert!((1..=10).contains(&e.attempts));
            let blanks: Vec<usize> = e
                .code
                .iter()
                .filter_map(|p| match p {
                    kata::content::CodePiece::Blank(b) => Some(*b),
                    _ => None,
                })
                .collect();
            assert!(blanks.iter().all(|&b| b < e.blanks()));
        }
    }
    if catalog
        .problems
        .iter()
        .all(|d| d.severity == Severity::Warning)
    {
        assert!(catalog.skipped().is_empty());
    }
}

fn check_mutant(which: usize, mutations: &[Mutation]) {
    let bundled = Sources::bundled().files;
    let which = which % bundled.len();
    let mut bytes = bundled[which].bytes.to_vec();
    for m in mutations {
        apply(&mut bytes, m);
    }
    let mut sources = Sources::default();
    for (i, file) in bundled.into_iter().enumerate() {
        if i == which {
            sources
                .files
                .push(SourceFile::new(file.path.clone(), bytes.clone()));
        } else {
            sources.files.push(file);
        }
    }
    assert_sound(&sources.load());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]
    #[test]
    fn mutated_bundled_files_never_panic(which in any::<usize>(), mutations in prop::collection::vec(mutation(), 1..6)) {
        check_mutant(which, &mutations);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000_000, ..ProptestConfig::default() })]
    #[test]
    #[ignore = "long run: cargo test --release --test fuzz_content -- --ignored"]
    fn mutated_bundled_files_never_panic_long(which in any::<usize>(), mutations in prop::collection::vec(mutation(), 1..12)) {
        check_mutant(which, &mutations);
    }
}

#[test]
fn unmutated_bundled_content_is_sound() {
    let catalog = kata::content::load(&[]);
    assert!(catalog.problems.is_empty(), "{:#?}", catalog.problems);
    assert_sound(&catalog);
}
