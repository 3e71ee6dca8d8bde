//! The `klang` command: `serve` (default), `migrate`, `seed`, `export-schema`, `create-admin`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use klang::{
    app::{self, Application},
    config::Config,
    graphql::schema,
    platform::{auth::Role, db},
    seed,
    users::service::NewUser,
};

#[derive(Parser)]
#[command(
    name = "klang",
    version,
    about = "Klang operations platform (GraphQL BFF)"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the service (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create the demo data: users, a Thai catalog, warehouses and a month of stock (idempotent).
    Seed {
        /// Only the demo users (what the test suites need).
        #[arg(long)]
        users_only: bool,
    },
    /// Write the GraphQL schema (SDL), or check that the file is current.
    ExportSchema {
        /// Where to write it.
        #[arg(long, default_value = "schema/schema.graphql")]
        output: PathBuf,
        /// Fail instead of writing when the file differs.
        #[arg(long)]
        check: bool,
    },
    /// Create an administrator (the password comes from KLANG_ADMIN_PASSWORD).
    CreateAdmin {
        /// Sign-in email.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Seal what is pending, then recompute the usage history's hash chain; fails when a row no longer matches.
    AuditVerify,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // A `.env` in the working directory fills in variables the environment does not set (development).
    let _ = dotenvy::dotenv();
    klang::telemetry::init("info");
    let cli = Cli::parse();
    let config = Config::from_env().context("configuration")?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            let pool = db::connect(&config.database_url, 2).await?;
            db::migrate(&pool).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Seed { users_only } => {
            let (state, _) = prepared_state(config).await?;
            let seeded =
                seed::run(&state.users, &state.products, &state.inventory, users_only).await?;
            tracing::info!(
                users = seeded.users,
                products = seeded.products,
                "demo data ready"
            );
            Ok(())
        }
        Command::ExportSchema { output, check } => export_schema(&config, &output, check),
        Command::CreateAdmin { email, name } => {
            let password = std::env::var("KLANG_ADMIN_PASSWORD")
                .context("set KLANG_ADMIN_PASSWORD to the new administrator's password")?;
            let (state, _) = prepared_state(config).await?;
            let created = state
                .users
                .ensure_user(NewUser {
                    email: email.clone(),
                    display_name: name,
                    password,
                    roles: vec![Role::Admin],
                })
                .await?;
            tracing::info!(email, created, "administrator ready");
            Ok(())
        }
        Command::AuditVerify => {
            let pool = db::connect(&config.database_url, 2).await?;
            klang::audit::seal::seal_pending(&pool).await?;
            let verification = klang::audit::seal::verify(&pool).await?;
            println!(
                "sealed rows: {}\nchain head: {}\nrows older than the late window left unsealed: {}",
                verification.sealed,
                verification.head.as_deref().unwrap_or("-"),
                verification.unsealed
            );
            match verification.first_break {
                None => {
                    println!("the usage history matches its hash chain");
                    Ok(())
                }
                Some(found) => anyhow::bail!(
                    "the usage history does not match its hash chain from seal {} (audit row {}): {}",
                    found.seq,
                    found.audit_id,
                    found.problem
                ),
            }
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let application = Application::build(config).await?;
    let shutdown = application.shutdown_token();
    let url = application.state().config.public_url.clone();
    tracing::info!(graphiql = %format!("{url}/graphql"), port = application.port(), "klang is listening");
    tokio::spawn(async move {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = terminate => {}
        }
        tracing::info!("shutting down");
        shutdown.cancel();
    });
    application.run().await
}

async fn prepared_state(
    config: Config,
) -> anyhow::Result<(klang::state::AppState, klang::platform::bus::Publisher)> {
    let (state, publisher) =
        app::connect(config, tokio_util::sync::CancellationToken::new()).await?;
    db::migrate(&state.pool).await?;
    Ok((state, publisher))
}

fn export_schema(config: &Config, output: &PathBuf, check: bool) -> anyhow::Result<()> {
    let sdl = schema::sdl(&config.graphql);
    if check {
        let current = std::fs::read_to_string(output).unwrap_or_default();
        anyhow::ensure!(
            current == sdl,
            "{} is stale: run `klang export-schema`",
            output.display()
        );
        return Ok(());
    }
    if let Some(parent) = output.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(output, sdl)?;
    Ok(())
}
