//! Everything that exists only on the server: settings, database, state,
//! the HTTP router and its middleware.

pub mod backup;
pub mod cache;
pub mod config;
pub mod context;
pub mod db;
pub mod forms;
pub mod http;
pub mod input;
pub mod limit;
pub mod render;
pub mod router;
pub mod secret;
pub mod state;
pub mod upload;

use config::Settings;
use db::Db;
use leptos::config::LeptosOptions;
use state::AppState;
use std::time::Duration;

/// Leptos' options for these settings. Hashed file names are used when the
/// build left its hash file beside the binary (a `cargo leptos build`), plain
/// names otherwise (tests, `cargo run`).
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    let hash_file = "hash.txt";
    let hashed = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(hash_file)))
        .is_some_and(|path| path.exists());
    LeptosOptions::builder()
        .output_name("gongkai")
        .site_root(settings.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(settings.site_addr)
        .env(leptos::config::Env::PROD)
        .hash_file(std::sync::Arc::<str>::from(hash_file))
        .hash_files(hashed)
        .build()
}

/// Builds the state over `db` and serves until Ctrl-C or SIGTERM.
pub async fn serve(settings: Settings, db: Db) -> Result<(), Box<dyn std::error::Error>> {
    use axum::serve::ListenerExt;

    let options = leptos_options(&settings);
    let addr = settings.site_addr;
    // Notices: a channel configured wrongly stops the start, in Chinese.
    let senders = crate::notify::channel::Senders::from_settings(&settings)?;
    if senders.any() && settings.public_origin().is_none() {
        return Err(
            "开通邮件或短信通知时须设置 GONGKAI_PUBLIC_URL（通知里的查询链接要用门户的对外地址）"
                .into(),
        );
    }
    let state = AppState::new(settings, options, db).await?;

    // Another app server may change the site settings or the calendar; pick that up.
    let refresher = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        tick.tick().await;
        loop {
            tick.tick().await;
            if let Err(e) = refresher.reload_site().await {
                tracing::warn!(error = %e, "could not reload site settings");
            }
            if let Err(e) = refresher.reload_calendar().await {
                tracing::warn!(error = %e, "could not reload the calendar");
            }
            if let Err(e) = refresher.reload_hot_words().await {
                tracing::warn!(error = %e, "could not compute the hot words");
            }
        }
    });

    // Scheduled items publish on time with nobody signed in.
    let publisher = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(20));
        loop {
            tick.tick().await;
            match crate::content::editorial::db::publish_due(
                &publisher.db,
                crate::ui::format::now(),
                &publisher.calendar(),
            )
            .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(count = n, "published scheduled items"),
                Err(e) => tracing::error!(error = %e, "scheduled publication failed"),
            }
            // Penalties past their 公示期 leave search as they leave the tables.
            match crate::registers::db::search::drop_expired(&publisher.db).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(count = n, "removed expired register rows from search"),
                Err(e) => tracing::error!(error = %e, "could not drop expired rows from search"),
            }
            // What it published shows at once on this server.
            if let Err(e) = cache::sync(&publisher).await {
                tracing::warn!(error = %e, "could not read the content version");
            }
        }
    });

    // 自查 once a day: the first app server to claim the day runs it.
    let monitor = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            match crate::monitor::check::daily(&monitor).await {
                Ok(true) => tracing::info!("ran the daily self-check"),
                Ok(false) => {}
                Err(e) => tracing::error!(error = %e, "the daily self-check failed"),
            }
        }
    });

    // The morning digest of due work, once per working day across app servers.
    let digest = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(300));
        loop {
            tick.tick().await;
            match crate::notify::digest::daily(&digest).await {
                Ok(crate::notify::digest::Ran::Sent(n)) => {
                    tracing::info!(recipients = n, "wrote the morning digest")
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "the morning digest failed"),
            }
        }
    });

    // Notices written by any app server are sent by whichever claims them first.
    crate::notify::send::spawn(state.db.clone(), senders);

    // Writes made on other app servers reach this one's page cache.
    cache::watch(state.clone());

    // Searches reach the query log in bulk, about once a second.
    let logger = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            if let Err(e) = logger.search_log.flush(&logger.db).await {
                tracing::warn!(error = %e, "could not write the search log");
            }
        }
    });

    tracing::info!(
        "接受的主机名：{}（其他主机名的请求答复 400；用 GONGKAI_PUBLIC_URL 或 GONGKAI_ALLOWED_HOSTS 设置）",
        state.accepted_hosts.join("、")
    );
    let app = router::router(state.clone());
    // Without TCP_NODELAY, streamed responses stall on Nagle + delayed ACK.
    let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "could not set TCP_NODELAY");
        }
    });
    tracing::info!("门户已启动：http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    // What was searched since the last flush is kept.
    state.search_log.flush(&state.db).await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("正在停止门户");
}
