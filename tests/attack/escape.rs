//! Attacks: escape. See main.rs.
