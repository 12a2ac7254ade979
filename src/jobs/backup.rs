//! The scheduled backup: once per `jobs.backup_hours` (a day by default) a backup of the
//! whole database goes to every superadmin's private chat as a document (`sendDocument`).
//! A file over Telegram's 50 MB limit for bots is not sent; each superadmin gets a notice
//! instead, saying to take it on the server with `moonvpn backup`.
//!
//! The job (`every("backup", …)`) ticks every [`BackupSender::TICK`] and asks the audit log whether a scheduled backup
//! reached a superadmin within the period, so restarts and several instances never send
//! extra ones; when none could be reached it tries again an hour later.

use std::sync::Arc;
use std::time::Duration;

use kernel::TelegramId;
use members::{BackupFile, Backups, Language, MemberService};
use telegram::i18n::localize_number;
use telegram::{Args, BotApi, DOCUMENT_MAX_BYTES, I18n};

use super::{Every, JobReport, every};

/// What one tick of the backup job did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupReport {
    /// A scheduled backup reached a superadmin within the period already.
    NotDue,
    /// A backup was taken and sent.
    Sent {
        /// Rows in it.
        rows: u64,
        /// Its size.
        bytes: usize,
        /// Superadmins it (or the too-big notice) reached.
        sent: usize,
        /// Superadmins configured.
        superadmins: usize,
    },
}

impl JobReport for BackupReport {
    fn summary(&self) -> String {
        match self {
            Self::NotDue => String::new(),
            Self::Sent {
                rows,
                bytes,
                sent,
                superadmins,
            } => format!("backup of {rows} rows ({bytes} bytes) sent to {sent} of {superadmins} superadmin(s)"),
        }
    }

    fn problem(&self) -> Option<String> {
        match self {
            Self::Sent {
                sent: 0, superadmins, ..
            } if *superadmins > 0 => Some(format!(
                "{}: none could be reached (have they opened the bot?); trying again within the hour",
                self.summary()
            )),
            _ => None,
        }
    }
}

/// `backup`, every [`BackupSender::TICK`] (or `jobs.backup_hours` when shorter): sends a
/// backup through `sender` when one is due.
pub fn backup(sender: BackupSender) -> Every<BackupReport> {
    let sender = Arc::new(sender);
    let interval = sender.interval();
    every("backup", interval, move || {
        let sender = sender.clone();
        async move { sender.step().await }
    })
}

/// Takes a backup and sends it to the superadmins when one is due.
pub struct BackupSender {
    backups: Arc<Backups>,
    members: Arc<MemberService>,
    api: BotApi,
    i18n: Arc<I18n>,
    superadmins: Vec<TelegramId>,
    every: Duration,
    max_bytes: usize,
}

impl BackupSender {
    /// How often the job looks whether a backup is due.
    pub const TICK: Duration = Duration::from_secs(10 * 60);

    /// The sender: backups from `backups`, sent on `api` to `superadmins` (in their language,
    /// the shop's language now for one who never opened the bot) once per `every`.
    pub fn new(
        backups: Arc<Backups>,
        members: Arc<MemberService>,
        api: BotApi,
        i18n: Arc<I18n>,
        superadmins: Vec<TelegramId>,
        every: Duration,
    ) -> Self {
        Self {
            backups,
            members,
            api,
            i18n,
            superadmins,
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
            _ => self.members.default_language_now().await,
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

impl BackupSender {
    /// Time between two ticks: [`BackupSender::TICK`], or the backup period when shorter.
    pub fn interval(&self) -> Duration {
        Self::TICK.min(self.every)
    }

    /// One tick: sends a backup to every superadmin when one is due.
    pub async fn step(&self) -> anyhow::Result<BackupReport> {
        let every = time::Duration::try_from(self.every)?;
        let slack = time::Duration::try_from(self.interval() / 2)?;
        if !self.backups.scheduled_due(every, slack).await? {
            return Ok(BackupReport::NotDue);
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
        Ok(BackupReport::Sent {
            rows: file.rows,
            bytes: file.bytes.len(),
            sent,
            superadmins: self.superadmins.len(),
        })
    }
}
