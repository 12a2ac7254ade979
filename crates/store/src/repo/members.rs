//! Repositories of the members area.
