//! Statement ids that make a resend harmless: a UUID v5 of the learner and the
//! journal line, so the same try always becomes the same statement and the LRS
//! stores it once, whatever happened to the cursor.

use uuid::Uuid;

/// kata's namespace for its UUID v5 ids (fixed forever: changing it would
/// resend every statement under new ids).
pub const NAMESPACE: Uuid = Uuid::from_u128(0x6b61_7461_2d78_4150_8c1d_51a7_e3e2_0163);

/// The id of the statement made from the journal line at byte `offset`
/// (`line` without its newline), for `learner` (see [`super::Learner::key`]).
///
/// An append-only journal never moves or changes a complete line, so offset
/// and bytes name one try for good; a rewritten journal gets new ids.
pub fn statement_id(learner: &str, offset: u64, line: &[u8]) -> Uuid {
    let mut name = Vec::with_capacity(learner.len() + line.len() + 24);
    name.extend_from_slice(b"statement\n");
    name.extend_from_slice(learner.as_bytes());
    name.push(b'\n');
    name.extend_from_slice(offset.to_string().as_bytes());
    name.push(b'\n');
    name.extend_from_slice(line);
    Uuid::new_v5(&NAMESPACE, &name)
}

/// The xAPI `registration` of a practice session: every statement of one
/// session carries the same one.
pub fn registration(learner: &str, session: u64) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!("session\n{learner}\n{session}").as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_v5_stable_and_differ_by_learner_offset_and_line() {
        let a = statement_id("mailto:a@x.org", 0, b"{}");
        assert_eq!(a.get_version_num(), 5);
        assert_eq!(a, statement_id("mailto:a@x.org", 0, b"{}"));
        assert_ne!(a, statement_id("mailto:b@x.org", 0, b"{}"));
        assert_ne!(a, statement_id("mailto:a@x.org", 1, b"{}"));
        assert_ne!(a, statement_id("mailto:a@x.org", 0, b"{ }"));
        assert_ne!(
            registration("mailto:a@x.org", 1),
            registration("mailto:a@x.org", 2)
        );
    }
}
