//! `server`: serve the Waybill portal, or manage it from the command line.

use app::{staff::model::Role, state::AppState};
use clap::{Parser, Subcommand};
use server::Config;
use std::io::{BufRead, IsTerminal};
use tracing_subscriber::EnvFilter;

/// Waybill, a self-service customer portal.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// SQLite database URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/waybill.db",
        global = true
    )]
    database_url: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the portal (the default). Address from LEPTOS_SITE_ADDR (default 127.0.0.1:3000).
    Serve {
        /// Don't seed demo content into a new database.
        #[arg(long, env = "WAYBILL_NO_SEED")]
        no_seed: bool,
        /// Mark cookies Secure: set this when users reach Waybill over https.
        #[arg(long, env = "WAYBILL_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Seconds a rendered tracking page is served again until something changes (0: off).
        #[arg(long, env = "WAYBILL_PAGE_CACHE_SECS", default_value_t = 10)]
        page_cache_secs: u64,
        /// The address customers reach Waybill at, for links in mail (default: the address
        /// it listens on).
        #[arg(long, env = "WAYBILL_PUBLIC_URL")]
        public_url: Option<String>,
    },
    /// Print the newest mail Waybill sent to EMAIL (there is no mail relay: see README).
    Outbox {
        /// The recipient.
        email: String,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage staff accounts.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Keep help articles in files (Markdown with front matter), e.g. under version control.
    Faq {
        #[command(subcommand)]
        command: FaqCommand,
    },
}

#[derive(Subcommand, Debug)]
enum FaqCommand {
    /// Create or update articles (by slug) from every *.md file in DIR, and report what changed.
    Import {
        /// The folder of Markdown files.
        dir: std::path::PathBuf,
    },
    /// Write every article to DIR as <slug>.md.
    Export {
        /// The folder to write to (created if missing).
        dir: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum StaffCommand {
    /// Create a staff account. The password is read from standard input (not echoed on a terminal).
    Add {
        /// Sign-in email.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// agent, editor or admin.
        #[arg(long, value_parser = ["agent", "editor", "admin"])]
        role: String,
    },
}

fn read_password() -> std::io::Result<String> {
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password: ")
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command.unwrap_or(Command::Serve {
        no_seed: false,
        secure_cookies: false,
        page_cache_secs: 10,
        public_url: None,
    }) {
        Command::Serve {
            no_seed,
            secure_cookies,
            page_cache_secs,
            public_url,
        } => {
            let config = Config {
                database_url: cli.database_url,
                seed: !no_seed,
                secure_cookies,
                page_cache: std::time::Duration::from_secs(page_cache_secs),
            };
            serve(config, public_url).await
        }
        Command::Outbox { email } => {
            let db = app::db::Db::open(&cli.database_url)
                .await
                .map_err(|e| e.to_string())?;
            let found = app::mail::latest(&db, &email).await;
            db.close().await;
            match found.map_err(|e| e.to_string())? {
                Some((subject, body)) => {
                    println!("Subject: {subject}\n\n{body}");
                    Ok(())
                }
                None => Err(format!("no mail to {email}")),
            }
        }
        Command::Migrate => {
            let db = app::db::Db::open(&cli.database_url)
                .await
                .map_err(|e| e.to_string())?;
            db.close().await;
            println!("database is up to date");
            Ok(())
        }
        Command::Faq { command } => {
            let db = app::db::Db::open(&cli.database_url)
                .await
                .map_err(|e| e.to_string())?;
            let result = faq(&db, command).await;
            db.close().await;
            result
        }
        Command::Staff {
            command: StaffCommand::Add { email, name, role },
        } => {
            let role = Role::parse(&role).ok_or("role must be agent, editor or admin")?;
            let password = read_password().map_err(|e| format!("cannot read the password: {e}"))?;
            let db = app::db::Db::open(&cli.database_url)
                .await
                .map_err(|e| e.to_string())?;
            let result = app::staff::auth::add_staff(&db, &email, &name, role, &password).await;
            db.close().await;
            match result {
                Ok(_) => {
                    println!("created {} account for {email}", role.as_str());
                    Ok(())
                }
                Err(e) if !e.field_errors().is_empty() => Err(e.one_line()),
                Err(e) => Err(format!("could not create the account: {e}")),
            }
        }
    }
}

async fn faq(db: &app::db::Db, command: FaqCommand) -> Result<(), String> {
    match command {
        FaqCommand::Import { dir } => {
            let report = app::faq::files::import_dir(db, &dir)
                .await
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            for slug in &report.created {
                println!("created   {slug}");
            }
            for (slug, what) in &report.updated {
                println!("updated   {slug} ({})", what.join(", "));
            }
            for slug in &report.unchanged {
                println!("unchanged {slug}");
            }
            for (file, why) in &report.failed {
                println!("FAILED    {file}: {why}");
            }
            println!(
                "{} created, {} updated, {} unchanged, {} failed",
                report.created.len(),
                report.updated.len(),
                report.unchanged.len(),
                report.failed.len()
            );
            match report.failed.len() {
                0 => Ok(()),
                n => Err(format!("{n} file(s) could not be imported")),
            }
        }
        FaqCommand::Export { dir } => {
            let n = app::faq::files::export_dir(db, &dir).await?;
            println!("wrote {n} article(s) to {}", dir.display());
            Ok(())
        }
    }
}

async fn serve(config: Config, public_url: Option<String>) -> Result<(), String> {
    let leptos = leptos::prelude::get_configuration(None)
        .map_err(|e| format!("Leptos configuration: {e}"))?
        .leptos_options;
    let addr = leptos.site_addr;
    let db = server::prepare(&config)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let checkpointer = db.spawn_checkpointer(std::time::Duration::from_secs(2));
    let mut state = AppState::new(leptos, db.clone(), config.secure_cookies);
    state.page_cache = config.page_cache;
    state.public_url = public_url
        .map(|u| u.trim_end_matches('/').to_owned())
        .unwrap_or_else(|| format!("http://{addr}"));
    if addr.ip().is_unspecified() || addr.ip().is_loopback() {
        tracing::info!(
            "links in mail point at {}; set WAYBILL_PUBLIC_URL to the address customers use",
            state.public_url
        );
    }
    let reads = state.reads.clone();
    let reads_db = db.clone();
    let read_flusher = tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            every.tick().await;
            reads.flush(&reads_db).await;
        }
    });
    let reads = state.reads.clone();
    let app = server::router(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("Waybill is listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| e.to_string())?;
    checkpointer.abort();
    read_flusher.abort();
    reads.flush(&db).await;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
