//! Start-up and shutdown: connect the store, apply migrations, run until asked to stop.

use std::future::Future;

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

/// `moonvpn run`: connects, migrates, then runs until `shutdown` completes.
pub async fn run(config: Config, shutdown: impl Future<Output = ()>) -> Result<(), StartupError> {
    let store = connect(&config).await?;
    migrate_store(&config, &store).await?;
    tracing::info!(
        bot = config.telegram().bot_id(),
        mode = config.telegram().mode().as_str(),
        superadmins = config.superadmins().len(),
        currency = config.currency().code(),
        "moonvpn is running; press Ctrl-C to stop"
    );
    shutdown.await;
    tracing::info!("shutting down");
    close(store).await;
    tracing::info!("moonvpn stopped");
    Ok(())
}

async fn close(store: Store) {
    if let Err(e) = store.close().await {
        tracing::warn!(error = %e, "closing the database failed");
    }
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM (what `docker stop` sends).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
