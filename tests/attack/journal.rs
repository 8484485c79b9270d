//! Attacks: journal. See main.rs.
