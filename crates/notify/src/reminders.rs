//! Reminders: a service expires in 3 days / 1 day / has expired; its traffic is 80% / 100%
//! used. The domain decides which threshold a service has reached and whether it was already
//! told in the service's current term; the store applies a reminder (its log row and its
//! outbox notice) in one transaction, refusing a second one for the same service, threshold
//! and term. A renewal changes the term (expiry and traffic total), so it re-arms every
//! threshold. Users may mute the optional kinds; the final ones (expired, traffic used up)
//! always go out, since the service has stopped.

use std::collections::BTreeSet;
use std::sync::Arc;

use async_trait::async_trait;
use kernel::{ByteLimit, ClientAccountId, Clock, StorageError, UserId};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::{NewNotice, Notice, NotifyError};

/// One reminder threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// The service expires within 3 days.
    Expires3Days,
    /// The service expires within 1 day.
    Expires1Day,
    /// The service has expired.
    Expired,
    /// 80% of the traffic is used.
    Traffic80,
    /// All of the traffic is used.
    Traffic100,
    /// A paid purchase or renewal left the wallet below that purchase's price (not a
    /// service threshold: decided by [`crate::low_balance`] when an order is delivered).
    LowBalance,
}

impl ReminderKind {
    /// Every kind, in the order they are shown in Settings.
    pub const ALL: [ReminderKind; 6] = [
        Self::Expires3Days,
        Self::Expires1Day,
        Self::Expired,
        Self::Traffic80,
        Self::Traffic100,
        Self::LowBalance,
    ];

    /// The kinds a user may mute (warnings ahead of time; not the news that a service stopped).
    pub const OPTIONAL: [ReminderKind; 4] = [Self::Expires3Days, Self::Expires1Day, Self::Traffic80, Self::LowBalance];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expires3Days => "expires_3d",
            Self::Expires1Day => "expires_1d",
            Self::Expired => "expired",
            Self::Traffic80 => "traffic_80",
            Self::Traffic100 => "traffic_100",
            Self::LowBalance => "low_balance",
        }
    }

    /// The kind stored as `s`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether a user may mute it.
    pub fn is_optional(self) -> bool {
        Self::OPTIONAL.contains(&self)
    }

    /// Expiry and traffic are two ladders; a later step of a ladder makes the earlier moot.
    fn ladder(self) -> (u8, u8) {
        match self {
            Self::Expires3Days => (0, 0),
            Self::Expires1Day => (0, 1),
            Self::Expired => (0, 2),
            Self::Traffic80 => (1, 0),
            Self::Traffic100 => (1, 1),
            Self::LowBalance => (2, 0),
        }
    }
}

/// A user's service as the reminder job sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSnapshot {
    /// The client account.
    pub account: ClientAccountId,
    /// Its owner.
    pub user: UserId,
    /// Its name (`FR-MoonVPN-1001`).
    pub name: String,
    /// When it expires; `None` never.
    pub expires_at: Option<OffsetDateTime>,
    /// Traffic allowed in bytes.
    pub traffic_limit_bytes: ByteLimit,
    /// Traffic used in bytes, as last read from the panel.
    pub traffic_used_bytes: i64,
    /// Reminders already sent in the current term.
    pub sent: BTreeSet<ReminderKind>,
    /// Kinds its owner muted.
    pub muted: BTreeSet<ReminderKind>,
}

impl ServiceSnapshot {
    /// The service's current term: its expiry and traffic total. A renewal changes it, which
    /// re-arms every threshold.
    pub fn term(&self) -> String {
        let expiry = self.expires_at.map_or(0, |at| {
            i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
        });
        // Written as the panel writes it (0: unlimited), so terms stored before stay equal.
        format!("{expiry}:{}", self.traffic_limit_bytes.amount().unwrap_or(0))
    }

    /// The most advanced threshold of each ladder the service has reached at `now`.
    pub fn reached(&self, now: OffsetDateTime) -> Vec<ReminderKind> {
        let mut reached = Vec::new();
        if let Some(expiry) = self.expires_at {
            let left = expiry - now;
            if left <= Duration::ZERO {
                reached.push(ReminderKind::Expired);
            } else if left <= Duration::days(1) {
                reached.push(ReminderKind::Expires1Day);
            } else if left <= Duration::days(3) {
                reached.push(ReminderKind::Expires3Days);
            }
        }
        if let Some(limit) = self.traffic_limit_bytes.amount() {
            let used = i128::from(self.traffic_used_bytes) * 100;
            let limit = i128::from(limit);
            if used >= limit * 100 {
                reached.push(ReminderKind::Traffic100);
            } else if used >= limit * 80 {
                reached.push(ReminderKind::Traffic80);
            }
        }
        reached
    }

    /// The reminders to send now: thresholds reached, not told yet in this term (nor a later
    /// step of the same ladder), and not muted.
    pub fn due(&self, now: OffsetDateTime) -> Vec<DueReminder> {
        self.reached(now)
            .into_iter()
            .filter(|kind| {
                let (ladder, step) = kind.ladder();
                !self.sent.iter().any(|s| s.ladder().0 == ladder && s.ladder().1 >= step)
            })
            .filter(|kind| !(kind.is_optional() && self.muted.contains(kind)))
            .map(|kind| DueReminder {
                account: self.account,
                kind,
                term: self.term(),
                notice: NewNotice::to_user(
                    self.user,
                    Notice::Reminder {
                        account: self.account,
                        name: self.name.clone(),
                        reminder: kind,
                        expires_at: self.expires_at,
                    },
                ),
            })
            .collect()
    }
}

/// A reminder decided on, for the store to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReminder {
    /// The service.
    pub account: ClientAccountId,
    /// The threshold.
    pub kind: ReminderKind,
    /// The term it belongs to ([`ServiceSnapshot::term`]).
    pub term: String,
    /// The notice to queue.
    pub notice: NewNotice,
}

/// Storage of reminders and mutes.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait ReminderRepo: Send + Sync {
    /// Up to `limit` services that may need a reminder (active or expired, not moved away),
    /// with an id above `after`, by id; each with what was sent in its current term and its
    /// owner's mutes.
    async fn services(&self, after: Option<ClientAccountId>, limit: u64) -> Result<Vec<ServiceSnapshot>, StorageError>;
    /// Writes the reminder's log row and queues its notice in one transaction. `false` (and
    /// nothing written) when that service, threshold and term was already recorded.
    async fn record(&self, reminder: &DueReminder, at: OffsetDateTime) -> Result<bool, StorageError>;
    /// The kinds `user` muted.
    async fn muted(&self, user: UserId) -> Result<BTreeSet<ReminderKind>, StorageError>;
    /// Mutes (`true`) or unmutes `kind` for `user`.
    async fn set_muted(&self, user: UserId, kind: ReminderKind, muted: bool) -> Result<(), StorageError>;
}

/// Why a mute change was refused.
#[derive(Debug, thiserror::Error)]
pub enum MuteError {
    /// Only the optional kinds can be muted.
    #[error("this reminder cannot be muted")]
    NotOptional,
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The reminder use cases: the job's run and the user's Settings.
#[derive(Clone)]
pub struct ReminderService {
    repo: Arc<dyn ReminderRepo>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for ReminderService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReminderService").finish_non_exhaustive()
    }
}

/// Services read per page by [`ReminderService::run_once`].
const PAGE: u64 = 500;

impl ReminderService {
    /// The use cases on `repo`, reading the time from `clock`.
    pub fn new(repo: Arc<dyn ReminderRepo>, clock: Arc<dyn Clock>) -> Self {
        Self { repo, clock }
    }

    /// Looks at every service once and queues each reminder that is due; returns how many
    /// were queued. Safe to run again at once or from two instances: the store records each
    /// reminder once per service, threshold and term.
    pub async fn run_once(&self) -> Result<usize, NotifyError> {
        let now = self.clock.now();
        let mut queued = 0;
        let mut after = None;
        loop {
            let page = self.repo.services(after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.account);
            for service in &page {
                for reminder in service.due(now) {
                    if self.repo.record(&reminder, now).await? {
                        queued += 1;
                    }
                }
            }
            if (page.len() as u64) < PAGE {
                break;
            }
        }
        Ok(queued)
    }

    /// The optional kinds with whether `user` muted each, for the Settings screen.
    pub async fn settings(&self, user: UserId) -> Result<Vec<(ReminderKind, bool)>, NotifyError> {
        let muted = self.repo.muted(user).await?;
        Ok(ReminderKind::OPTIONAL
            .into_iter()
            .map(|kind| (kind, muted.contains(&kind)))
            .collect())
    }

    /// Mutes or unmutes an optional kind for `user`.
    pub async fn set_muted(&self, user: UserId, kind: ReminderKind, muted: bool) -> Result<(), MuteError> {
        if !kind.is_optional() {
            return Err(MuteError::NotOptional);
        }
        Ok(self.repo.set_muted(user, kind, muted).await?)
    }
}

#[cfg(test)]
#[path = "reminders_tests.rs"]
mod tests;
