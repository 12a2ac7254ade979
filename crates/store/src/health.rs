//! Whether the database answers, for health probes.

use kernel::StorageError;

use crate::Store;
use crate::error::db_err;

impl Store {
    /// Pings the database: `Ok` when it answers.
    pub async fn ping(&self) -> Result<(), StorageError> {
        self.db().ping().await.map_err(db_err)
    }
}
