//! Entities of the orders area.
