//! Mutated bundled files, and arbitrary TOML built from kata's own keys and
//! hostile values (then mutated too), must never make the loader or the
//! checker panic; every error must come with a position in its file (but the
//! few that concern a whole file or folder), on a line that file has; and
//! whatever still loads must keep the model's promises. The normal run tries
//! 6,000 mutants and 3,000 generated documents; `cargo test --release --test
//! fuzz_content -- --ignored` tries 1,000,000 and 100,000.

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
            .chain(
                (topic.exercises.iter())
                    .filter(|e| !e.is_typed())
                    .map(|e| (&e.origin, &e.options)),
            );
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
            if e.is_typed() {
                assert!(e.options.is_empty() && e.answer.is_empty());
                assert!(e.accept.iter().all(|texts| !texts.is_empty()));
            }
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

/// Codes about a whole file or folder: the only errors without a position.
const WHOLE_FILE: &[&str] = &["K001", "K002", "K003", "K004", "K036"];

/// Every error has a position unless it is about a whole file; every
/// position is on a line of its file, whose text the diagnostic quotes.
fn assert_positioned(catalog: &Catalog, files: &[(String, Vec<u8>)]) {
    let line_of = |path: &str, line: usize| -> Option<String> {
        let (_, bytes) = files.iter().find(|(p, _)| p == path)?;
        let text = String::from_utf8_lossy(bytes);
        let lines: Vec<&str> = text.split('\n').collect();
        let found = lines.get(line - 1).copied().unwrap_or("");
        let found = found.strip_suffix('\r').unwrap_or(found);
        let found = if line == 1 {
            found.strip_prefix('\u{feff}').unwrap_or(found)
        } else {
            found
        };
        assert!(
            line <= lines.len(),
            "line {line} of {path}, which has {}",
            lines.len()
        );
        Some(found.to_string())
    };
    for d in &catalog.problems {
        match d.at {
            None => assert!(
                WHOLE_FILE.contains(&d.code),
                "an error without a position: {d:?}"
            ),
            Some(at) => {
                if let Some(text) = line_of(&d.path, at.line) {
                    assert_eq!(d.source_line.as_deref(), Some(text.as_str()), "{d:?}");
                }
                for related in &d.related {
                    if let Some(text) = line_of(&related.path, related.at.line) {
                        assert_eq!(related.source_line.as_deref(), Some(text.as_str()));
                    }
                }
            }
        }
    }
}

/// Each bundled file's topic, and each topic with every topic it builds on
/// (itself included).
type BundledTopics = (
    std::collections::HashMap<String, String>,
    std::collections::HashMap<String, Vec<String>>,
);

/// [`BundledTopics`], read once from the unmutated content.
fn bundled_topics() -> &'static BundledTopics {
    static TOPICS: std::sync::OnceLock<BundledTopics> = std::sync::OnceLock::new();
    TOPICS.get_or_init(|| {
        let catalog = Sources::bundled().load();
        let mut of_file = std::collections::HashMap::new();
        for topic in &catalog.topics {
            let places = (topic.exercises.iter().map(|e| &e.origin))
                .chain(topic.questions.iter().map(|q| &q.origin))
                .chain(topic.katas.iter().map(|k| &k.origin))
                .chain(topic.cards.iter().map(|c| &c.origin))
                .chain(topic.notes.iter().map(|n| &n.origin))
                .chain(topic.predictions.iter().map(|p| &p.origin));
            for origin in places {
                of_file.insert(origin.path.clone(), topic.id.clone());
            }
        }
        for scenario in &catalog.scenarios {
            if let Some(topic) = catalog.scenario_topic(&scenario.id) {
                of_file.insert(scenario.origin.path.clone(), topic.id.clone());
            }
        }
        let mut with_required = std::collections::HashMap::new();
        for topic in &catalog.topics {
            let mut all = vec![topic.id.clone()];
            let mut i = 0;
            while i < all.len() {
                let required = catalog.topic(&all[i]).map(|t| t.requires.clone());
                for r in required.unwrap_or_default() {
                    if !all.contains(&r) {
                        all.push(r);
                    }
                }
                i += 1;
            }
            with_required.insert(topic.id.clone(), all);
        }
        (of_file, with_required)
    })
}

/// A mutant of one bundled file, checked with the files of its topic and of
/// the topics it builds on: ids, scenarios and metadata cross files within
/// those, and checking the whole bundle per case would slow the run with
/// every topic the track gains.
fn check_mutant(which: usize, mutations: &[Mutation]) {
    let (of_file, with_required) = bundled_topics();
    let every = Sources::bundled().files;
    let which = which % every.len();
    let path = every[which].path.clone();
    let mine = of_file.get(&path).and_then(|t| with_required.get(t));
    let bundled: Vec<SourceFile> = every
        .into_iter()
        .enumerate()
        .filter(|(i, f)| {
            *i == which
                || match (mine, of_file.get(&f.path)) {
                    (Some(topics), Some(topic)) => topics.contains(topic),
                    _ => true,
                }
        })
        .map(|(_, f)| f)
        .collect();
    let which = bundled
        .iter()
        .position(|f| f.path == path)
        .expect("the mutated file is kept");
    let mut bytes = bundled[which].bytes.to_vec();
    for m in mutations {
        apply(&mut bytes, m);
    }
    let mut sources = Sources::default();
    let mut files = Vec::new();
    for (i, file) in bundled.into_iter().enumerate() {
        if i == which {
            files.push((file.path.clone(), bytes.clone()));
            sources
                .files
                .push(SourceFile::new(file.path.clone(), bytes.clone()));
        } else {
            files.push((file.path.clone(), file.bytes.to_vec()));
            sources.files.push(file);
        }
    }
    let catalog = sources.load();
    assert_sound(&catalog);
    assert_positioned(&catalog, &files);
}

/// Keys of every kind of table kata reads, and a few it does not.
const KEYS: &[&str] = &[
    "id",
    "title",
    "area",
    "minutes",
    "difficulty",
    "prompt",
    "options",
    "answer",
    "steps",
    "quick_check",
    "hint",
    "mistakes",
    "feedback",
    "replay",
    "lang",
    "code",
    "attempts",
    "effect",
    "about",
    "key",
    "snapshot_every",
    "events",
    "rules",
    "generate",
    "count",
    "entities",
    "stream",
    "pattern",
    "type",
    "data",
    "expected",
    "writer",
    "do",
    "field",
    "compare",
    "value",
    "counter",
    "what",
    "event",
    "A",
    "B",
    "Z",
    "set",
    "add",
    "push",
    "remove",
    "n",
    "\"\\u001b]0;x\\u0007\"",
    "\"\\u202e\"",
    "x-y",
];

/// Tables a file may open, and a few it may not.
const HEADERS: &[&str] = &[
    "[topic]",
    "[[question]]",
    "[[exercise]]",
    "[[scenario]]",
    "[scenario.rules]",
    "[scenario.generate]",
    "[question.feedback]",
    "[exercise.effect]",
    "[[topic]]",
    "[other]",
];

/// A TOML value: hostile strings, edge-case numbers, dates, and nesting.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            "\"A\"",
            "\"B\"",
            "\"easy\"",
            "\"hard\"",
            "\"create\"",
            "\"merge\"",
            "\"delete\"",
            "\"filter\"",
            "\"==\"",
            "\"{{1}} {{2}}\"",
            "\"{{0}}\"",
            "\"{{99999999999999999999}}\"",
            "\"\\u0007\"",
            "\"\\e[2J\"",
            "\"\\u009b\"",
            "\"\\u200b\"",
            "\"\\u202e\"",
            "\"\"",
            "\" \"",
            "'lit{{1}}'",
            "\"\"\"\nmulti {{1}}\\\n  line\"\"\"",
            "\"x\"",
            "\"user-1\"",
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![
            "0",
            "1",
            "2",
            "3",
            "-1",
            "10_000_000",
            "10000001",
            "9223372036854775807",
            "99999999999999999999",
            "0x10",
            "nan",
            "inf",
            "-0.0",
            "1e308",
            "true",
            "false",
            "1979-05-27",
            "07:32:00",
        ])
        .prop_map(str::to_string),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..4).prop_map(|kv| {
                let fields: Vec<String> = kv.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", fields.join(", "))
            }),
        ]
    })
}

/// A document: sections of a header and `key = value` lines.
fn document() -> impl Strategy<Value = String> {
    let line = (prop::sample::select(KEYS), value()).prop_map(|(k, v)| format!("{k} = {v}\n"));
    let section = (
        prop::sample::select(HEADERS),
        prop::collection::vec(line, 0..8),
    )
        .prop_map(|(header, lines)| format!("{header}\n{}", lines.concat()));
    prop::collection::vec(section, 1..8).prop_map(|sections| sections.concat())
}

fn check_document(text: &str, mutations: &[Mutation]) {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        apply(&mut bytes, m);
    }
    let mut sources = Sources::default();
    sources
        .files
        .push(SourceFile::new("generated.toml", bytes.clone()));
    let catalog = sources.load();
    assert_sound(&catalog);
    assert_positioned(&catalog, &[("generated.toml".to_string(), bytes)]);
}

proptest! {
    // 6,000 mutants: each is checked with its topic and those it builds on,
    // which grew with the second bundled topic; the long run below goes deep.
    #![proptest_config(ProptestConfig { cases: 6_000, ..ProptestConfig::default() })]
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, ..ProptestConfig::default() })]
    #[test]
    fn generated_documents_never_panic_and_every_error_has_a_place(
        text in document(),
        mutations in prop::collection::vec(mutation(), 0..3),
    ) {
        check_document(&text, &mutations);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100_000, ..ProptestConfig::default() })]
    #[test]
    #[ignore = "long run: cargo test --release --test fuzz_content -- --ignored"]
    fn generated_documents_never_panic_long(
        text in document(),
        mutations in prop::collection::vec(mutation(), 0..6),
    ) {
        check_document(&text, &mutations);
    }
}

#[test]
fn unmutated_bundled_content_is_sound() {
    let catalog = kata::content::load(&[]);
    assert!(catalog.problems.is_empty(), "{:#?}", catalog.problems);
    assert_sound(&catalog);
}
