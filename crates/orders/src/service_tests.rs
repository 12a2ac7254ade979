//! Saga tests.
