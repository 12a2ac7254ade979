//! Store tests of the orders area.
