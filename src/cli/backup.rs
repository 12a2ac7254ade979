//! `moonvpn backup [--out FILE] [--json]`: a consistent backup of the whole database (as the
//! first configured superadmin, audited `backup.create`), and `moonvpn restore FILE [--yes]
//! [--json]`: load one into an empty database (audited `backup.restore` in it).
//!
//! Both use the store's portable format (gzip-compressed JSON lines), so a backup taken on
//! SQLite restores on PostgreSQL or MariaDB and back.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use members::{Backups, MemberError, RestoredBackup};
use serde::Serialize;
use store::backup::{self, BackupError, RestoreSummary};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::common::{self, acting_admin, to_json};
use super::panel::CliError;
use crate::config::Config;
use crate::jobs::BackupSender;
use crate::{startup, wiring};

/// `moonvpn backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write it [default: moonvpn-backup-<date>-<time>.jsonl.gz here]; an existing
    /// file is replaced only once the new backup is complete
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print a JSON document instead of a sentence
    #[arg(long)]
    pub json: bool,
}

/// `moonvpn restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file (from `moonvpn backup` or the bot's scheduled backup)
    pub file: PathBuf,
    /// Replace what the database holds (it must have the backup's schema); without it only
    /// an empty database is restored into
    #[arg(long)]
    pub yes: bool,
    /// Print a JSON document instead of a sentence
    #[arg(long)]
    pub json: bool,
}

/// What `moonvpn backup --json` prints.
#[derive(Debug, Serialize)]
pub struct BackupJson {
    file: String,
    bytes: usize,
    rows: u64,
    tables: usize,
    made_at: String,
}

/// What `moonvpn restore --json` prints.
#[derive(Debug, Serialize)]
pub struct RestoreJson {
    file: String,
    rows: u64,
    tables: usize,
    made_at: String,
    from_backend: String,
    replaced: bool,
    upgraded_migrations: usize,
}

/// Runs `moonvpn backup`.
pub fn backup_main(args: BackupArgs, config: &Config) -> ExitCode {
    common::run(config, |services| async move {
        let actor = acting_admin(config, &services).await?;
        let backups = wiring::backups(&services, services.store.clone());
        let file = backups.take_as(actor).await.map_err(|e| match e {
            MemberError::Storage(e) => CliError::failed(e),
            other => CliError::input(other.to_string()),
        })?;
        let path = args
            .out
            .unwrap_or_else(|| PathBuf::from(BackupSender::file_name(&file)));
        write_whole(&path, &file.bytes)?;
        let doc = BackupJson {
            file: path.display().to_string(),
            bytes: file.bytes.len(),
            rows: file.rows,
            tables: file.tables,
            made_at: file.made_at.format(&Rfc3339).unwrap_or_default(),
        };
        if args.json {
            to_json(&doc)
        } else {
            Ok(format!(
                "backup written to {} ({} rows in {} tables, {} bytes, taken {})\n",
                doc.file, doc.rows, doc.tables, doc.bytes, doc.made_at
            ))
        }
    })
}

/// Writes `bytes` next to `path` and renames it into place, so `path` never holds half a
/// backup.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let fail = |e: std::io::Error| CliError::failed(format!("cannot write {}: {e}", path.display()));
    std::fs::write(&partial, bytes).map_err(fail)?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        fail(e)
    })
}

/// Runs `moonvpn restore`. It opens the database without migrating it (a restore into a
/// new database applies the backup's own schema first) and acts on nothing else.
pub fn restore_main(args: RestoreArgs, config: &Config) -> ExitCode {
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.file.display());
            return ExitCode::from(crate::cli::EXIT_CONFIG);
        }
    };
    // A file that is not a backup this binary can restore never reaches the database.
    if let Err(e) = backup::inspect(&bytes) {
        eprintln!("error: {e}");
        return ExitCode::from(crate::cli::EXIT_CONFIG);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(crate::cli::EXIT_FAILURE);
        }
    };
    let result = runtime.block_on(restore(config, &bytes, args.yes));
    match result {
        Ok(summary) => {
            let doc = RestoreJson {
                file: args.file.display().to_string(),
                rows: summary.total_rows(),
                tables: summary.rows.len(),
                made_at: summary.made_at.format(&Rfc3339).unwrap_or_default(),
                from_backend: summary.from_backend.clone(),
                replaced: summary.replaced,
                upgraded_migrations: summary.upgraded,
            };
            if args.json {
                match to_json(&doc) {
                    Ok(text) => print!("{text}"),
                    Err(e) => eprintln!("error: {}", e.message()),
                }
            } else {
                println!("{}", sentence(&doc));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", e.message());
            ExitCode::from(e.code())
        }
    }
}

fn sentence(doc: &RestoreJson) -> String {
    let mut text = format!(
        "restored {} rows in {} tables from {} (a {} backup taken {})",
        doc.rows, doc.tables, doc.file, doc.from_backend, doc.made_at
    );
    if doc.replaced {
        text.push_str("; what the database held before was replaced");
    }
    if doc.upgraded_migrations > 0 {
        text.push_str(&format!(
            "; its schema was brought up to date ({} migration(s))",
            doc.upgraded_migrations
        ));
    }
    text
}

async fn restore(config: &Config, bytes: &[u8], replace: bool) -> Result<RestoreSummary, CliError> {
    let store = startup::connect(config).await.map_err(CliError::failed)?;
    let result = backup::restore(&store, bytes, replace).await;
    let outcome = match result {
        Ok(summary) => {
            let restored = RestoredBackup {
                made_at: summary.made_at,
                rows: summary.total_rows(),
                replaced: summary.replaced,
                from_backend: summary.from_backend.clone(),
            };
            let entry = Backups::restored_entry(&restored, OffsetDateTime::now_utc());
            match members::AuditLog::record(&store, entry).await {
                Ok(_) => Ok(summary),
                Err(e) => Err(CliError::failed(format!(
                    "the backup was restored, but the audit log could not record it: {e}"
                ))),
            }
        }
        Err(BackupError::NotEmpty { rows, example }) => Err(CliError::input(format!(
            "the database is not empty ({rows} rows, {example} among them); pass --yes to replace everything in it with the backup, or point database.url at a new, empty database"
        ))),
        Err(BackupError::Storage(e)) => Err(CliError::failed(e)),
        Err(e) => Err(CliError::input(e.to_string())),
    };
    store.close().await.ok();
    outcome
}
