//! Typed blanks: how a text the learner typed is compared with the texts an
//! author accepts. One rule, used by the checker (two accepted texts that
//! compare alike), the session (marking a try) and the feedback lookup.

/// The form two texts are compared in: spaces around them dropped, and `"`
/// read as `'`, so `"append"` and `'append'` are one answer — Python treats
/// the two quotes alike, and a learner should not lose a try over which key
/// they pressed.
///
/// ```
/// assert_eq!(kata::content::typed_form("  \"append\" "), "'append'");
/// assert_eq!(kata::content::typed_form("append"), "append");
/// ```
pub fn typed_form(text: &str) -> String {
    text.trim().replace('"', "'")
}

/// Whether `typed` is one of `accepted`, compared by [`typed_form`].
/// Case counts: `Append` is not the method `append`.
///
/// ```
/// let accepted = vec!["append".to_string(), "store.append".to_string()];
/// assert!(kata::content::typed_matches(&accepted, " append "));
/// assert!(!kata::content::typed_matches(&accepted, "Append"));
/// ```
pub fn typed_matches(accepted: &[String], typed: &str) -> bool {
    let typed = typed_form(typed);
    accepted.iter().any(|a| typed_form(a) == typed)
}
