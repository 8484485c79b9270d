//! Where the TUI gets its catalog: the bundled content plus `--content` folders,
//! loaded and checked by `content::load` (failed files are in `problems`).

use crate::content::Catalog;
use std::path::PathBuf;

/// The bundled topics plus those in `extra` files and folders.
pub fn load(extra: &[PathBuf]) -> Catalog {
    crate::replay::predict::load(extra)
}
