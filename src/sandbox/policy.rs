//! What code in the sandbox may reach: pure modules yes; files, the
//! environment, the clock and the process no.
//!
//! monty has no ambient access to the host — every OS operation suspends and
//! asks the host, and kata refuses them all — but it does let `import os`
//! succeed. Kata refuses such imports up front, so the learner reads the
//! refusal at the import line rather than at some later call.

/// Modules code in the sandbox may import: computation only, nothing that
/// reads the host. Anything else is "not available in kata's sandbox".
const ALLOWED_MODULES: &[&str] = &[
    "collections",
    "dataclasses",
    "typing",
    "math",
    "itertools",
    "functools",
    "json",
    "re",
    "base64",
    "binascii",
    "unicodedata",
];

/// Builtins that reach outside the program's own data.
const REFUSED_NAMES: &[&str] = &[
    "open",
    "__import__",
    "eval",
    "exec",
    "compile",
    "input",
    "breakpoint",
    "globals",
    "locals",
    "vars",
    "exit",
    "quit",
];

/// The learner's message for anything refused.
pub(crate) fn not_available(what: &str) -> String {
    format!("{what} is not available in kata's sandbox")
}

/// Whether looking up this undefined name should be refused rather than be a NameError.
pub(crate) fn is_refused_name(name: &str) -> bool {
    REFUSED_NAMES.contains(&name)
}

/// An import the sandbox refuses, where it is in its part (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RefusedImport {
    /// `` `os` `` as shown in the message.
    pub what: String,
    pub line: u32,
    pub column: u32,
}

/// The first `import X` / `from X import …` of a module not in the allowed
/// list, skipping strings and comments.
pub(crate) fn refused_import(source: &str) -> Option<RefusedImport> {
    let mut in_string: Option<&str> = None;
    for (n, line) in source.lines().enumerate() {
        let code = match visible_code(line, &mut in_string) {
            Some(code) => code,
            None => continue,
        };
        let mut offset = 0;
        for statement in code.split(';') {
            let start = offset + (statement.len() - statement.trim_start().len());
            offset += statement.len() + 1;
            let statement = statement.trim();
            let modules: Vec<(&str, usize)> = if let Some(rest) = statement.strip_prefix("import ")
            {
                rest.split(',')
                    .scan(start + "import ".len(), |at, name| {
                        let here = *at + (name.len() - name.trim_start().len());
                        *at += name.len() + 1;
                        Some((name.trim(), here))
                    })
                    .collect()
            } else if let Some(rest) = statement.strip_prefix("from ") {
                let here = start + "from ".len() + (rest.len() - rest.trim_start().len());
                vec![(rest.trim_start(), here)]
            } else {
                continue;
            };
            for (name, at) in modules {
                let top = name
                    .split(|c: char| c == '.' || c.is_whitespace())
                    .next()
                    .unwrap_or("");
                if !ALLOWED_MODULES.contains(&top) {
                    let shown = if top.is_empty() { name } else { top };
                    return Some(RefusedImport {
                        what: format!("`{shown}`"),
                        line: n as u32 + 1,
                        column: line[..at.min(line.len())].chars().count() as u32 + 1,
                    });
                }
            }
        }
    }
    None
}

/// The part of `line` that is code at statement level: `None` while inside a
/// triple-quoted string, and without a trailing comment. Strings on one line
/// are left in (an `import` inside one is not at the start of a statement).
fn visible_code<'a>(line: &'a str, in_string: &mut Option<&'static str>) -> Option<&'a str> {
    let mut rest = line;
    let mut start = 0;
    if let Some(quote) = *in_string {
        let end = line.find(quote)?;
        *in_string = None;
        start = end + 3;
        rest = &line[start..];
    }
    // Open a triple-quoted string that does not close on this line.
    for quote in ["'''", "\"\"\""] {
        if rest.matches(quote).count() % 2 == 1 {
            *in_string = Some(quote);
            let open = rest.find(quote).unwrap_or(rest.len());
            rest = &rest[..open];
        }
    }
    let code = rest.split('#').next().unwrap_or("");
    let _ = start;
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_of_host_modules_are_refused_where_they_are() {
        let found = refused_import("x = 1\n  import os\n").unwrap();
        assert_eq!(
            (found.what.as_str(), found.line, found.column),
            ("`os`", 2, 10)
        );
        let found = refused_import("from pathlib import Path").unwrap();
        assert_eq!(
            (found.what.as_str(), found.line, found.column),
            ("`pathlib`", 1, 6)
        );
        let found = refused_import("import json, sys").unwrap();
        assert_eq!((found.what.as_str(), found.column), ("`sys`", 14));
        assert!(refused_import("x = 1; import os.path").is_some());
    }

    #[test]
    fn pure_modules_strings_and_comments_pass() {
        assert_eq!(refused_import("from collections import Counter"), None);
        assert_eq!(
            refused_import("from dataclasses import dataclass\nimport math"),
            None
        );
        assert_eq!(refused_import("s = '''\nimport os\n'''\n# import os"), None);
        assert_eq!(refused_import("important = 1"), None);
    }

    #[test]
    fn refused_names_and_message() {
        assert!(is_refused_name("open") && is_refused_name("__import__"));
        assert!(!is_refused_name("print"));
        assert_eq!(
            not_available("`os`"),
            "`os` is not available in kata's sandbox"
        );
    }
}
