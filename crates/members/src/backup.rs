//! Backups as an admin capability: only superadmins take one, every backup and restore is in
//! the audit log. How the database is read and written is the [`BackupSource`] port's
//! business (the store); this decides who may and what is recorded.

use std::sync::Arc;

use async_trait::async_trait;
use kernel::{Clock, PageRequest, StorageError, UserId};
use time::OffsetDateTime;

use crate::{
    AuditAction, AuditActionFilter, AuditLog, AuditQuery, AuditTarget, Authorizer, MemberError, NewAuditEntry, Role,
};

/// A backup file in memory (compressed; see the store's backup format).
#[derive(Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// When its snapshot was taken.
    pub made_at: OffsetDateTime,
    /// Rows it holds.
    pub rows: u64,
    /// Tables it holds.
    pub tables: usize,
}

impl std::fmt::Debug for BackupFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackupFile")
            .field("bytes", &self.bytes.len())
            .field("made_at", &self.made_at)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

/// Reads the whole database consistently into a backup file.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait BackupSource: Send + Sync {
    /// A backup whose snapshot is taken now; `made_at` is recorded in it.
    async fn export(&self, made_at: OffsetDateTime) -> Result<BackupFile, StorageError>;
}

/// What a restore brought back, for its audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoredBackup {
    /// When the backup was taken.
    pub made_at: OffsetDateTime,
    /// Rows restored.
    pub rows: u64,
    /// Whether rows there before were replaced.
    pub replaced: bool,
    /// The back end it was taken from.
    pub from_backend: String,
}

/// Takes backups for superadmins and the daily job, and records them.
pub struct Backups {
    source: Arc<dyn BackupSource>,
    access: Arc<dyn Authorizer>,
    audit: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
}

impl Backups {
    /// Audit action of a backup taken.
    pub const CREATED: AuditAction = AuditAction::new("backup.create");
    /// Audit action of a backup restored.
    pub const RESTORED: AuditAction = AuditAction::new("backup.restore");

    /// Wires the use case.
    pub fn new(
        source: Arc<dyn BackupSource>,
        access: Arc<dyn Authorizer>,
        audit: Arc<dyn AuditLog>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            source,
            access,
            audit,
            clock,
        }
    }

    fn target() -> AuditTarget {
        AuditTarget::new("database", "all")
    }

    /// A backup taken by `actor`, who must be a superadmin (the file holds every user's data);
    /// a refusal is audited as `access.denied` and reads nothing.
    pub async fn take_as(&self, actor: UserId) -> Result<BackupFile, MemberError> {
        self.access.authorize(actor, Role::Superadmin, &Self::CREATED).await?;
        let file = self.source.export(self.clock.now()).await?;
        let entry = NewAuditEntry::by(
            actor,
            Self::CREATED,
            Self::target(),
            Self::detail(&file, false),
            file.made_at,
        );
        self.audit.record(entry).await?;
        Ok(file)
    }

    /// A backup for the scheduled job; [`Backups::record_scheduled`] audits it once it was
    /// handed out.
    pub async fn take_scheduled(&self) -> Result<BackupFile, MemberError> {
        Ok(self.source.export(self.clock.now()).await?)
    }

    /// Audits a scheduled backup (no actor) that reached `delivered` superadmins.
    pub async fn record_scheduled(&self, file: &BackupFile, delivered: usize) -> Result<(), MemberError> {
        let mut detail = Self::detail(file, true);
        detail["delivered"] = serde_json::json!(delivered);
        let entry = NewAuditEntry {
            actor: None,
            action: Self::CREATED,
            target: Self::target(),
            detail,
            at: file.made_at,
        };
        self.audit.record(entry).await?;
        Ok(())
    }

    /// How long the job waits before trying again when no superadmin could be reached.
    pub const RETRY: time::Duration = time::Duration::hours(1);

    /// Whether the scheduled backup is due: none reached a superadmin in the last `every`
    /// (less `slack`, the job's tick, so a daily backup does not drift a tick later each
    /// day), and none was tried within [`Self::RETRY`]. Restarts do not send extra backups:
    /// the audit log remembers the last one.
    pub async fn scheduled_due(&self, every: time::Duration, slack: time::Duration) -> Result<bool, MemberError> {
        let now = self.clock.now();
        let query = AuditQuery {
            action: AuditActionFilter::parse(Self::CREATED.as_str()).ok(),
            since: Some(now - every + slack),
            ..AuditQuery::default()
        };
        let recent = self
            .audit
            .list(query, PageRequest::new(0, PageRequest::MAX_LIMIT))
            .await?;
        let scheduled = recent.items.iter().filter(|e| e.detail["scheduled"] == true);
        let blocked = scheduled
            .into_iter()
            .any(|e| e.detail["delivered"].as_u64().unwrap_or(0) > 0 || e.at > now - Self::RETRY);
        Ok(!blocked)
    }

    fn detail(file: &BackupFile, scheduled: bool) -> serde_json::Value {
        serde_json::json!({ "rows": file.rows, "tables": file.tables, "bytes": file.bytes.len(), "scheduled": scheduled })
    }

    /// The audit entry of a restore, written into the restored database. Restoring is done
    /// from the server's shell (whoever holds the configuration and its secret key), before
    /// any user exists to check a role on, so it has no actor.
    pub fn restored_entry(restored: &RestoredBackup, at: OffsetDateTime) -> NewAuditEntry {
        NewAuditEntry {
            actor: None,
            action: Self::RESTORED,
            target: Self::target(),
            detail: serde_json::json!({
                "made_at": restored.made_at.unix_timestamp(),
                "rows": restored.rows,
                "replaced": restored.replaced,
                "from": restored.from_backend,
            }),
            at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessError, MockAuditLog, MockAuthorizer};
    use kernel::{AuditEntryId, FixedClock};
    use time::macros::datetime;

    fn file() -> BackupFile {
        BackupFile {
            bytes: vec![1, 2, 3],
            made_at: datetime!(2026-12-06 21:00 UTC),
            rows: 42,
            tables: 27,
        }
    }

    fn user(id: UserId, role: Role) -> crate::User {
        crate::User {
            id,
            telegram_id: kernel::TelegramId::new(1001).unwrap(),
            username: None,
            first_name: crate::FirstName::new("Root"),
            language: crate::Language::En,
            role,
            status: crate::UserStatus::Active,
            bot_blocked: false,
            created_at: datetime!(2026-12-01 0:00 UTC),
        }
    }

    fn backups(source: MockBackupSource, access: MockAuthorizer, audit: MockAuditLog) -> Backups {
        Backups::new(
            Arc::new(source),
            Arc::new(access),
            Arc::new(audit),
            Arc::new(FixedClock::new(datetime!(2026-12-06 21:00 UTC))),
        )
    }

    #[tokio::test]
    async fn an_admin_below_superadmin_reads_nothing() {
        let mut access = MockAuthorizer::new();
        access
            .expect_authorize()
            .withf(|_, role, attempt| *role == Role::Superadmin && *attempt == Backups::CREATED)
            .returning(|_, role, _| Err(AccessError::Forbidden { needed: role }));
        let mut source = MockBackupSource::new();
        source.expect_export().never();
        let mut audit = MockAuditLog::new();
        audit.expect_record().never();
        let err = backups(source, access, audit)
            .take_as(UserId::new(2))
            .await
            .unwrap_err();
        assert!(matches!(
            err,
            MemberError::Forbidden {
                needed: Role::Superadmin
            }
        ));
    }

    #[tokio::test]
    async fn a_superadmins_backup_is_audited_with_its_size() {
        let mut access = MockAuthorizer::new();
        access
            .expect_authorize()
            .returning(|actor, role, _| Ok(user(actor, role)));
        let mut source = MockBackupSource::new();
        source.expect_export().returning(|_| Ok(file()));
        let mut audit = MockAuditLog::new();
        audit
            .expect_record()
            .withf(|e| {
                e.actor == Some(UserId::new(1))
                    && e.action == Backups::CREATED
                    && e.detail["rows"] == 42
                    && e.detail["bytes"] == 3
                    && e.detail["scheduled"] == false
            })
            .times(1)
            .returning(|_| Ok(AuditEntryId::new(1)));
        let got = backups(source, access, audit).take_as(UserId::new(1)).await.unwrap();
        assert_eq!(got, file());
    }

    fn entry(scheduled: bool, delivered: u64, at: OffsetDateTime) -> crate::AuditEntry {
        crate::AuditEntry {
            id: AuditEntryId::new(9),
            actor: None,
            action: Backups::CREATED,
            target: Backups::target(),
            detail: serde_json::json!({ "scheduled": scheduled, "delivered": delivered }),
            at,
        }
    }

    #[tokio::test]
    async fn a_scheduled_backup_is_due_until_one_was_taken_within_the_period() {
        let morning = datetime!(2026-12-06 10:00 UTC);
        let just_now = datetime!(2026-12-06 20:30 UTC);
        for (recent, due) in [
            (vec![], true),
            (vec![entry(false, 0, morning)], true),
            (vec![entry(false, 0, morning), entry(true, 1, morning)], false),
            // Nobody could be reached this morning: tried again (an hour later at most).
            (vec![entry(true, 0, morning)], true),
            (vec![entry(true, 0, just_now)], false),
        ] {
            let mut audit = MockAuditLog::new();
            audit
                .expect_list()
                .withf(|q, _| {
                    q.since == Some(datetime!(2026-12-05 21:10 UTC))
                        && q.action.as_ref().is_some_and(|a| a.as_str() == "backup.create")
                })
                .returning(move |_, _| {
                    Ok(kernel::Page {
                        items: recent.clone(),
                        total: 0,
                    })
                });
            let backups = backups(MockBackupSource::new(), MockAuthorizer::new(), audit);
            let got = backups
                .scheduled_due(time::Duration::hours(24), time::Duration::minutes(10))
                .await
                .unwrap();
            assert_eq!(got, due);
        }
    }

    #[tokio::test]
    async fn a_scheduled_backup_is_audited_as_the_system_with_whom_it_reached() {
        let mut source = MockBackupSource::new();
        source.expect_export().returning(|_| Ok(file()));
        let mut audit = MockAuditLog::new();
        audit
            .expect_record()
            .withf(|e| {
                e.actor.is_none()
                    && e.action == Backups::CREATED
                    && e.detail["scheduled"] == true
                    && e.detail["delivered"] == 2
            })
            .times(1)
            .returning(|_| Ok(AuditEntryId::new(1)));
        let backups = backups(source, MockAuthorizer::new(), audit);
        let file = backups.take_scheduled().await.unwrap();
        backups.record_scheduled(&file, 2).await.unwrap();
    }
}
