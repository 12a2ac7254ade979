//! Entities of background jobs.

pub mod job_lease;
