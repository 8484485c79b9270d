//! Attacks: bombs. See main.rs.
