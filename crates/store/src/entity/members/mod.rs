//! Entities of the members area.

pub mod user;
