//! The error every repository port returns for storage trouble.

/// What went wrong talking to storage, classified by what a caller can do about it.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The record asked for does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// A uniqueness rule refused the write (the name says which).
    #[error("already exists: {0}")]
    Conflict(String),
    /// The store cannot be reached right now; the same call may succeed later.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// Anything else; the message is for logs, not for users.
    #[error("storage failure: {0}")]
    Other(String),
}
