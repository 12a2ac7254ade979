//! Store tests of the members area.
