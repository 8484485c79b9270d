//! A whole class against a real Ralph LRS: learners practise, sync, crash
//! mid-sync, and the LRS holds every try exactly once; the instructor's
//! report equals the figures computed from the journals.

mod class_report;
mod learners;
mod quit_sync;
mod support;
mod sync_faults;
