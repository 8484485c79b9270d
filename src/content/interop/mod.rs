//! Question banks in and out: Moodle's GIFT and Moodle XML formats, read
//! into kata topic files that `kata check` accepts and written from kata's
//! checked topics. What a format cannot hold is listed, never dropped.

mod bank;
pub mod gift;
pub mod moodle_xml;

pub use bank::{
    Bank, BankExercise, BankQuestion, BankTopic, LeftOut, choose_all_grades, choose_all_of, slug,
};
