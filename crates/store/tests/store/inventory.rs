//! Store tests of the inventory area.
