//! One module per screen. Each takes a [`Ctx`](super::Ctx) and returns a
//! [`Reply`](super::Reply); none sends anything itself.

pub mod help;
pub mod language;
pub mod menu;
pub mod soon;
pub mod start;
pub mod wallet;
