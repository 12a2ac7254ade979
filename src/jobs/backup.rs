//! The scheduled backup: once per `jobs.backup_hours` (a day by default) a backup of the
//! whole database goes to every superadmin's private chat as a document (`sendDocument`).
//! A file over Telegram's 50 MB limit for bots is not sent; each superadmin gets a notice
//! instead, saying to take it on the server with `moonvpn backup`.
//!
//! The job ticks every [`BackupJob::TICK`] and asks the audit log whether a scheduled backup
//! reached a superadmin within the period, so restarts and several instances never send
//! extra ones; when none could be reached it tries again an hour later.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use kernel::TelegramId;
use members::{BackupFile, Backups, Language, MemberService};
use telegram::i18n::localize_number;
use telegram::{Args, BotApi, DOCUMENT_MAX_BYTES, I18n};

use super::Job;

/// Sends a backup to the superadmins when one is due.
pub struct BackupJob {
    backups: Arc<Backups>,
    members: Arc<MemberService>,
    api: BotApi,
    i18n: Arc<I18n>,
    superadmins: Vec<TelegramId>,
    default_language: Language,
    every: Duration,
    max_bytes: usize,
}

impl BackupJob {
    /// How often the job looks whether a backup is due.
    pub const TICK: Duration = Duration::from_secs(10 * 60);

    /// The job: backups from `backups`, sent on `api` to `superadmins` (in their language,
    /// `default_language` for one who never opened the bot) once per `every`.
    pub fn new(
        backups: Arc<Backups>,
        members: Arc<MemberService>,
        api: BotApi,
        i18n: Arc<I18n>,
        superadmins: Vec<TelegramId>,
        default_language: Language,
        every: Duration,
    ) -> Self {
        Self {
            backups,
            members,
            api,
            i18n,
            superadmins,
            default_language,
            every,
            max_bytes: DOCUMENT_MAX_BYTES,
        }
    }

    /// The largest file sent as a document (tests lower Telegram's 50 MB).
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// `moonvpn-backup-20261206-2100.jsonl.gz`: the name the file is sent under.
    pub fn file_name(file: &BackupFile) -> String {
        let format = time::macros::format_description!("[year][month][day]-[hour][minute]");
        let stamp = file.made_at.format(&format).unwrap_or_default();
        format!("moonvpn-backup-{stamp}.jsonl.gz")
    }

    async fn language(&self, admin: TelegramId) -> Language {
        match self.members.find_by_telegram(admin).await {
            Ok(Some(user)) => user.language,
            _ => self.default_language,
        }
    }

    fn args(&self, lang: Language, file: &BackupFile) -> Args {
        let format = time::macros::format_description!("[hour]:[minute]");
        let megabytes = format!("{:.1}", file.bytes.len() as f64 / 1_048_576.0);
        Args::new()
            .date("date", file.made_at)
            .html(
                "time",
                localize_number(lang, &file.made_at.format(&format).unwrap_or_default()),
            )
            .id("rows", i64::try_from(file.rows).unwrap_or(i64::MAX))
            .html("size", localize_number(lang, &megabytes))
            .html(
                "limit",
                localize_number(lang, &(self.max_bytes / 1_048_576).to_string()),
            )
    }

    /// Sends `file` (or the too-big notice) to one superadmin.
    async fn send(&self, admin: TelegramId, file: &BackupFile) -> Result<(), telegram::ApiError> {
        let lang = self.language(admin).await;
        let args = self.args(lang, file);
        let chat = admin.get();
        if file.bytes.len() > self.max_bytes {
            let text = self.i18n.t_args(lang, "backup-too-big", &args);
            self.api.send_text(chat, &text, None).await?;
        } else {
            let caption = self.i18n.t_args(lang, "backup-caption", &args);
            self.api
                .send_document_bytes(chat, file.bytes.clone(), &Self::file_name(file), Some(&caption))
                .await?;
        }
        Ok(())
    }
}

#[async_trait]
impl Job for BackupJob {
    fn name(&self) -> &'static str {
        "backup"
    }

    fn interval(&self) -> Duration {
        Self::TICK.min(self.every)
    }

    async fn run(&self) -> anyhow::Result<String> {
        let every = time::Duration::try_from(self.every)?;
        let slack = time::Duration::try_from(self.interval() / 2)?;
        if !self.backups.scheduled_due(every, slack).await? {
            return Ok(String::new());
        }
        let file = self.backups.take_scheduled().await?;
        let mut sent = 0;
        for admin in &self.superadmins {
            match self.send(*admin, &file).await {
                Ok(()) => sent += 1,
                Err(e) => tracing::warn!(superadmin = %admin, error = %e, "cannot send the backup to a superadmin"),
            }
        }
        self.backups.record_scheduled(&file, sent).await?;
        let summary = format!(
            "backup of {} rows ({} bytes) sent to {sent} of {} superadmin(s)",
            file.rows,
            file.bytes.len(),
            self.superadmins.len()
        );
        if sent == 0 && !self.superadmins.is_empty() {
            anyhow::bail!("{summary}: none could be reached (have they opened the bot?); trying again within the hour");
        }
        Ok(summary)
    }
}
