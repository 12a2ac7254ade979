//! Start-up and shutdown: connect the store, apply migrations, listen for stop signals.
//! `moonvpn run` itself is [`crate::app::run`].

use kernel::StorageError;
use store::Store;

use crate::config::Config;

/// Why the application could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database could not be opened (wrong URL, server down, no permission on the file).
    #[error("cannot open the database {url}: {source}")]
    Connect {
        /// The URL, password masked.
        url: String,
        /// What the driver said.
        source: StorageError,
    },
    /// The process cannot listen for Ctrl-C or SIGTERM, so it could not be stopped cleanly.
    #[error("cannot listen for stop signals: {0}")]
    Signals(std::io::Error),
    /// Applying migrations failed; the database is left at the last migration that worked.
    #[error("cannot migrate the database {url}: {source}")]
    Migrate {
        /// The URL, password masked.
        url: String,
        /// What the driver said.
        source: StorageError,
    },
}

/// Opens the configured database.
pub async fn connect(config: &Config) -> Result<Store, StartupError> {
    Store::connect(config.database_url().expose(), config.secret_key())
        .await
        .map_err(|source| StartupError::Connect {
            url: config.database_url().to_string(),
            source,
        })
}

/// Applies every pending migration to `store`.
pub async fn migrate_store(config: &Config, store: &Store) -> Result<(), StartupError> {
    store.migrate().await.map_err(|source| StartupError::Migrate {
        url: config.database_url().to_string(),
        source,
    })?;
    tracing::info!(database = %config.database_url(), "database schema is up to date");
    Ok(())
}

/// `moonvpn migrate`: brings the database schema up to date and exits.
pub async fn migrate(config: &Config) -> Result<(), StartupError> {
    let store = connect(config).await?;
    migrate_store(config, &store).await?;
    close(store).await;
    Ok(())
}

async fn close(store: Store) {
    if let Err(e) = store.close().await {
        tracing::warn!(error = %e, "closing the database failed");
    }
}

/// Listens for the signals that ask MoonVPN to stop: Ctrl-C (SIGINT) and, on Unix, SIGTERM
/// (what `docker stop` sends). Create it before any start-up work, inside the async runtime,
/// so a signal that arrives while the database is being opened is not lost.
#[derive(Debug)]
pub struct Shutdown {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Shutdown {
    /// Installs the signal handlers now.
    pub fn listen() -> Result<Self, StartupError> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                interrupt: signal(SignalKind::interrupt()).map_err(StartupError::Signals)?,
                terminate: signal(SignalKind::terminate()).map_err(StartupError::Signals)?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Self {})
        }
    }

    /// Completes when a stop signal arrives (or arrived since [`Shutdown::listen`]).
    pub async fn wait(self) {
        #[cfg(unix)]
        {
            let Self {
                mut interrupt,
                mut terminate,
            } = self;
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        }
        #[cfg(not(unix))]
        {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}
