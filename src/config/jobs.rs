//! `[jobs]`: how often the scheduled bot↔panel reconciliation runs, and the backups sent to
//! the superadmins.

use std::time::Duration;

use serde::Deserialize;

use super::error::ConfigError;

/// The reconciliation runs once a day unless told otherwise.
pub const RECONCILE_HOURS: u32 = 24;

/// A backup goes to the superadmins once a day unless told otherwise.
pub const BACKUP_HOURS: u32 = 24;

/// `[jobs]`, unchecked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawJobs {
    /// Hours between two runs of the reconciliation job (1 to 168).
    pub reconcile_hours: u32,
    /// Whether a backup of the database is sent to every superadmin's chat on a schedule.
    pub backup_to_telegram: bool,
    /// Hours between two of those backups (1 to 168).
    pub backup_hours: u32,
}

impl Default for RawJobs {
    fn default() -> Self {
        Self {
            reconcile_hours: RECONCILE_HOURS,
            backup_to_telegram: true,
            backup_hours: BACKUP_HOURS,
        }
    }
}

/// Checks `jobs.backup_hours`; `None` when `jobs.backup_to_telegram` is off.
pub fn backup_interval(raw: &RawJobs) -> Result<Option<Duration>, ConfigError> {
    if !(1..=168).contains(&raw.backup_hours) {
        return Err(ConfigError::Invalid {
            key: "jobs.backup_hours",
            problem: format!("{} is not between 1 and 168", raw.backup_hours),
        });
    }
    Ok(raw
        .backup_to_telegram
        .then(|| Duration::from_secs(u64::from(raw.backup_hours) * 3600)))
}

/// Checks `jobs.reconcile_hours`: at least an hour (it reads every client of every panel), at
/// most a week.
pub fn reconcile_interval(raw: &RawJobs) -> Result<Duration, ConfigError> {
    if !(1..=168).contains(&raw.reconcile_hours) {
        return Err(ConfigError::Invalid {
            key: "jobs.reconcile_hours",
            problem: format!("{} is not between 1 and 168", raw.reconcile_hours),
        });
    }
    Ok(Duration::from_secs(u64::from(raw.reconcile_hours) * 3600))
}

/// Checks `admins.alert_channel`: a chat id, not 0.
pub fn alert_channel(raw: Option<i64>) -> Result<Option<i64>, ConfigError> {
    if raw == Some(0) {
        return Err(ConfigError::Invalid {
            key: "admins.alert_channel",
            problem: "0 is not a chat id".to_owned(),
        });
    }
    Ok(raw)
}
