//! The `gongkai` binary: serve the portal, or run an operator's command.

use clap::Parser;
use gongkai::account::cli;
use gongkai::server::{
    backup,
    config::{ArchiveCommand, AuditCommand, Cli, Command, SearchCommand, UserCommand},
    db::Db,
};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&cli.settings.log)
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "gongkai stopped");
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let settings = cli.settings;
    // A restore replaces the database: nothing may have it open, this
    // process included.
    if let Some(Command::Restore { path }) = &cli.command {
        backup::restore(&settings.database_url, path).await?;
        let db = Db::connect(&settings.database_url).await?;
        db.migrate().await?;
        println!("已从 {} 恢复，数据库结构已更新到当前版本", path.display());
        return Ok(());
    }
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    // Register rows made before their free-text index existed are indexed.
    let indexed = gongkai::registers::db::grams::build_if_missing(&db).await?;
    if indexed > 0 {
        tracing::info!(count = indexed, "indexed register rows' free text");
    }
    // Q&A published before masking existed is masked before anything is served.
    let masked = gongkai::consult::db::mask_published(&db).await?;
    if masked > 0 {
        tracing::info!(count = masked, "masked published consultations");
    }
    // Cases stored before the queue kept due dates get theirs.
    let calendar = gongkai::clock::db::load(&db).await?;
    let dated = gongkai::services::db::queue::refresh_dues(&db, &calendar).await?
        + gongkai::consult::db::queue::refresh_dues(&db, &calendar).await?;
    if dated > 0 {
        tracing::info!(
            count = dated,
            "stored the due dates of open cases and questions"
        );
    }
    match cli.command {
        Some(Command::Backup { path }) => {
            let bytes = backup::backup(&db, &settings.database_url, &path).await?;
            println!(
                "已备份到 {}（{:.1} MB）",
                path.display(),
                bytes as f64 / 1_048_576.0
            );
            Ok(())
        }
        Some(Command::Restore { .. }) => Ok(()),
        Some(Command::Migrate) => {
            println!("数据库迁移已完成（{}）", db.backend().name());
            Ok(())
        }
        Some(Command::Generate { count, registers }) => {
            let calendar = gongkai::clock::db::load(&db).await?;
            let started = std::time::Instant::now();
            let done = gongkai::content::generate::generate(&db, count, &calendar, |n| {
                eprint!("\r已生成 {n} / {count} 条");
            })
            .await?;
            eprintln!();
            println!(
                "已生成 {done} 条合成信息，用时 {:.1} 秒",
                started.elapsed().as_secs_f64()
            );
            let started = std::time::Instant::now();
            let rows = gongkai::registers::generate::generate(&db, registers, |n| {
                eprint!("\r已生成 {n} / {} 条公示记录", registers * 2);
            })
            .await?;
            eprintln!();
            println!(
                "已生成 {rows} 条行政许可和行政处罚公示记录，用时 {:.1} 秒",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some(Command::User { action }) => match action {
            UserCommand::Add {
                name,
                roles,
                display_name,
            } => {
                let password = cli::read_password(&name)?;
                cli::add_user(&db, &name, display_name.as_deref(), &roles, &password).await
            }
            UserCommand::ResetPassword { name } => {
                let password = cli::read_password(&name)?;
                cli::reset_password(&db, &name, &password).await
            }
            UserCommand::Disable { name } => cli::set_enabled(&db, &name, false).await,
            UserCommand::Enable { name } => cli::set_enabled(&db, &name, true).await,
            UserCommand::List => cli::list_users(&db).await,
        },
        Some(Command::Audit {
            action: AuditCommand::Verify,
        }) => cli::verify_audit(&db).await,
        Some(Command::Search {
            action: SearchCommand::Reindex,
        }) => {
            let started = std::time::Instant::now();
            let n = gongkai::search::db::index::reindex(&db, |done, total| {
                eprint!("\r正在重建索引：{done} / {total}");
            })
            .await?;
            eprintln!();
            let secs = started.elapsed().as_secs_f64();
            println!(
                "索引已重建：{n} 条，用时 {secs:.1} 秒（每秒 {:.0} 条）",
                n as f64 / secs.max(0.001)
            );
            Ok(())
        }
        Some(Command::Archive {
            action: ArchiveCommand::Export { from, to, out },
        }) => {
            let told =
                gongkai::archive::job::export_to_file(&db, settings.public_origin(), from, to, out)
                    .await?;
            println!("{told}");
            Ok(())
        }
        Some(Command::Serve) | None => {
            let _in_use = backup::mark_in_use(&settings.database_url)?;
            if settings.demo && gongkai::demo::load_if_empty(&db).await? {
                tracing::info!("已载入演示数据");
            }
            gongkai::server::serve(settings, db).await
        }
    }
}
