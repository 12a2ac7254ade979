//! Entities of the payments area.

pub mod gateway_payment;
