//! The SQLite store: connection settings, migrations and WAL checkpoints.
//!
//! SQLite has one writer at a time, so writes go through their own one-connection pool and
//! readers never queue behind them. Automatic checkpoints are off on every connection; a
//! background task checkpoints the WAL instead, so no request pays for it.

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::{str::FromStr, time::Duration};

/// Migrations embedded in the binary, applied at start.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// The two pools: many readers, one writer.
#[derive(Clone, Debug)]
pub struct Db {
    /// For queries that only read.
    pub read: SqlitePool,
    /// For everything that writes; exactly one connection.
    pub write: SqlitePool,
}

fn options(url: &str) -> Result<SqliteConnectOptions, sqlx::Error> {
    Ok(SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("wal_autocheckpoint", "0")
        .pragma("temp_store", "memory")
        // Read the file through the OS page cache without copying, and keep more pages per
        // connection than the 2 MB default (search reads many small pages per query).
        .pragma("cache_size", "-16384"))
}

impl Db {
    /// Opens (creating if needed) the database at `url` and applies pending migrations.
    pub async fn open(url: &str) -> Result<Self, crate::error::AppError> {
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let path = path.split('?').next().unwrap_or(path);
            if let Some(parent) = std::path::Path::new(path).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        tracing::error!(error = %e, "cannot create the database folder");
                        crate::error::AppError::Internal
                    })?;
                }
            }
        }
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options(url)?)
            .await?;
        MIGRATOR.run(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options(url)?)
            .await?;
        Ok(Db { read, write })
    }

    /// Starts the background task that checkpoints the WAL every `every`.
    pub fn spawn_checkpointer(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let write = self.write.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if write.is_closed() {
                    break;
                }
                if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                    .execute(&write)
                    .await
                {
                    tracing::warn!(error = %e, "WAL checkpoint failed");
                }
            }
        })
    }

    /// A final checkpoint and close, at shutdown.
    pub async fn close(&self) {
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.write)
            .await;
        self.read.close().await;
        self.write.close().await;
    }
}

/// The current time in unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Bytes from the operating system's CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).expect("the OS random number generator is available");
    buf
}

/// A random token as lowercase hex (`N` bytes of entropy).
pub fn random_token<const N: usize>() -> String {
    hex(&random_bytes::<N>())
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
