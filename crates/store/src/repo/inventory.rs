//! Repositories of the inventory area.
