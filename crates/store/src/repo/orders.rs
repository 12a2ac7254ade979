//! Repositories of the orders area.
