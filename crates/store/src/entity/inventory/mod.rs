//! Entities of the inventory area.
