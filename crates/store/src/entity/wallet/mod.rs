//! Entities of the wallet area.

pub mod transaction;
