//! The pictures of ... (filled by its owner).

use crate::figure::Figure;

/// This group's pictures.
pub fn figures() -> Vec<Figure> {
    Vec::new()
}
