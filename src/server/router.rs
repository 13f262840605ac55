//! `router(state)`: the whole HTTP surface. Tests start exactly this on port 0.

use crate::account;
use crate::app::{shell, App};
use crate::content::editorial::forms as editorial;
use crate::content::feeds;
use crate::server::{http, state::AppState};
use axum::extract::DefaultBodyLimit;
use axum::{
    body::Body,
    extract::Request,
    http::StatusCode,
    http::{header, HeaderValue},
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{
        predicate::{DefaultPredicate, NotForContentType, Predicate},
        CompressionLayer,
    },
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

/// What every rendered page and server function finds in its Leptos context:
/// the state. (The page's CSP is set from its inline scripts' hashes by
/// `http::script_policy`, so no nonce is needed.)
pub(crate) fn page_context(state: AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(state.clone());
    }
}

/// Brings the navigation's list of empty sections up to the content
/// version before a page is drawn (a database error only logs: the
/// navigation then shows what it showed before).
async fn fresh_sections(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: Request,
    next: middleware::Next,
) -> Response {
    if !req.uri().path().starts_with("/pkg/") {
        if let Err(e) = state.refresh_sections().await {
            tracing::warn!(error = %e, "could not work out the empty sections");
        }
    }
    next.run(req).await
}

/// Every staff server function's endpoint and the role it requires, as each
/// domain lists its own.
pub fn staff_functions() -> impl Iterator<Item = (&'static str, crate::account::types::Role)> {
    [
        crate::account::api::STAFF_FUNCTIONS,
        crate::content::api::STAFF_FUNCTIONS,
        crate::content::editorial::api::STAFF_FUNCTIONS,
        crate::registers::api::STAFF_FUNCTIONS,
        crate::services::api::STAFF_FUNCTIONS,
        crate::graphics::api::STAFF_FUNCTIONS,
        crate::consult::api::STAFF_FUNCTIONS,
        crate::requests::api::STAFF_FUNCTIONS,
        crate::comments::api::STAFF_FUNCTIONS,
        crate::reports::api::STAFF_FUNCTIONS,
        crate::monitor::api::STAFF_FUNCTIONS,
        crate::archive::api::STAFF_FUNCTIONS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Around every server function (`/api/…`): staff ones are checked against
/// their role in [`staff_functions`] before their arguments are even read
/// (they check again themselves), and every error leaves with the HTTP status
/// of its `AppError` (server functions answer all errors with 500).
async fn server_fn_guard(req: Request<Body>, next: middleware::Next) -> Response {
    use crate::error::AppError;
    let Some(name) = req.uri().path().strip_prefix("/api/").map(str::to_owned) else {
        return next.run(req).await;
    };
    if let Some((_, role)) = staff_functions().find(|(endpoint, _)| *endpoint == name) {
        if let Err(e) = crate::account::auth::require_in(req.extensions(), role) {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::FORBIDDEN);
            return (status, axum::Json(e)).into_response();
        }
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 1024 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The application: pages, server functions, health check, static files.
pub fn router(state: AppState) -> Router {
    let options = state.leptos_options.clone();
    let routes = generate_route_list(App);
    let context = page_context(state.clone());

    // Hashed file names never change content, so browsers may keep them a year.
    let pkg_cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ))
        .service(
            ServeDir::new(format!("{}/{}", options.site_root, options.site_pkg_dir))
                .precompressed_br()
                .precompressed_gzip(),
        );

    Router::new()
        .route("/healthz", get(http::health))
        .route("/prefs/elder", post(http::set_elder))
        .route("/staff/login", post(account::forms::login))
        .route("/staff/logout", post(account::forms::logout))
        .route("/staff/password", post(account::forms::change_password))
        .route("/staff/search", post(crate::search::admin::hot_words))
        .route("/staff/calendar", post(crate::clock::admin::save_holiday))
        .route("/staff/settings", post(crate::site::admin::save_settings))
        .route("/staff/alerts", post(crate::alerts::handle::post))
        .route("/staff/concerns", post(crate::concerns::handle::record))
        .route("/staff/concerns/{id}", post(crate::concerns::handle::step))
        .route(
            "/staff/notices/retry/{id}",
            post(crate::notify::handle::retry),
        )
        .route(
            "/staff/notices/{event}/{channel}",
            post(crate::notify::handle::save_template),
        )
        .route(
            "/staff/catalogue",
            post(crate::content::term_admin::save_terms),
        )
        .route("/staff/users", post(account::admin::create_account))
        .route("/staff/users/{id}", post(account::admin::change_account))
        .route(
            "/staff/topics",
            post(crate::content::topic_admin::create_topic),
        )
        .route(
            "/staff/topics/{id}",
            post(crate::content::topic_admin::change_topic),
        )
        .route(
            "/staff/services",
            post(crate::services::editor::post_services).layer(DefaultBodyLimit::max(
                crate::services::editor::MAX_IMPORT_BYTES,
            )),
        )
        .route(
            "/staff/services/{code}",
            post(crate::services::editor::change_service),
        )
        .route(
            "/staff/services/{code}/edit/{part}",
            post(crate::services::editor::save_part),
        )
        .route(
            "/staff/services/{code}/review",
            post(crate::services::editor::review_guide),
        )
        .route(
            "/staff/services/export.json",
            get(crate::services::export::export_catalogue),
        )
        .route(
            "/staff/services/export.csv",
            get(crate::services::export::export_csv),
        )
        .route(
            "/staff/services/{code}/export.json",
            get(crate::services::export::export_guide),
        )
        .route(
            "/staff/pages/{slug}",
            post(crate::content::page_admin::change_page),
        )
        .route(
            "/articles/{id}/edit",
            post(editorial::save_article)
                .layer(DefaultBodyLimit::max(crate::server::forms::MAX_BODY_BYTES)),
        )
        .route(
            "/disclosure/{kind}/new",
            post(editorial::create_article)
                .layer(DefaultBodyLimit::max(crate::server::forms::MAX_BODY_BYTES)),
        )
        .route("/articles/{id}/review", post(editorial::review))
        .route("/articles/{id}/withdraw", post(editorial::withdraw))
        .route("/articles/{id}/rereview", post(editorial::rereview))
        .route(
            crate::ui::navigation::script_path(),
            get(crate::ui::navigation::serve_script),
        )
        .route(
            "/registers/{register}/new",
            post(crate::registers::forms::create_row),
        )
        .route(
            "/registers/{register}/{id}",
            post(crate::registers::forms::save_row),
        )
        .route(
            "/registers/{register}/{id}/withdraw",
            post(crate::registers::forms::withdraw_row),
        )
        .route(
            "/registers/{register}/{id}/events",
            post(crate::registers::forms::add_event),
        )
        .route(
            "/registers/{register}/import",
            post(crate::registers::forms::import).layer(DefaultBodyLimit::max(
                crate::registers::csv_io::MAX_IMPORT_BYTES + 64 * 1024,
            )),
        )
        .route(
            "/services/{code}/apply",
            post(crate::services::apply::start),
        )
        .route(
            "/services/{code}/apply/{token}",
            post(crate::services::apply::save_step).layer(DefaultBodyLimit::max(
                crate::services::apply::MAX_APPLY_BYTES,
            )),
        )
        .route(
            "/services/{code}/apply/{token}/submit",
            post(crate::services::apply::submit),
        )
        .route("/track", post(crate::services::rate::rate))
        .route("/staff/graphics/new", post(crate::graphics::editor::create))
        .route("/staff/graphics/{id}", post(crate::graphics::editor::save))
        .route(
            "/staff/graphics/{id}/review",
            post(crate::graphics::review::review),
        )
        .route(
            "/services/{code}/flow/{file}",
            get(crate::graphics::export::service_flow),
        )
        .route(
            "/graphics/{id}/{file}",
            get(crate::graphics::export::download),
        )
        .route("/consult/ask", post(crate::consult::forms::ask))
        .route(
            "/mailbox/write",
            post(crate::mailbox::handle::write).layer(DefaultBodyLimit::max(
                crate::mailbox::handle::MAX_POST_BYTES,
            )),
        )
        .route(
            "/staff/mailbox/{number}",
            post(crate::mailbox::handle::step),
        )
        .route(
            "/staff/mailbox/{number}/files/{id}",
            get(crate::mailbox::handle::file),
        )
        .route("/consultations/{id}", post(crate::comments::forms::comment))
        .route(
            "/staff/consultations/{id}",
            post(crate::comments::handle::handle),
        )
        .route(
            "/staff/consultations/{id}/comments.csv",
            get(crate::comments::handle::export),
        )
        .route(
            "/staff/annual-reports/{year}",
            post(crate::reports::handle::save_report),
        )
        .route("/staff/monitor", post(crate::monitor::handle::check_now))
        .route("/staff/archive", post(crate::archive::handle::start_export))
        .route(
            "/staff/archive/{id}/package.zip",
            get(crate::archive::handle::download),
        )
        .route("/articles/{id}/word", get(editorial::word))
        .route(
            "/articles/{id}/report.csv",
            get(crate::reports::handle::tables_csv),
        )
        .route(
            "/articles/{id}/tables.csv",
            get(crate::content::tables::tables_csv),
        )
        .route(
            "/disclosure/request",
            post(crate::requests::forms::ask).layer(DefaultBodyLimit::max(
                crate::requests::forms::MAX_POST_BYTES,
            )),
        )
        .route(
            "/disclosure/request/lookup",
            post(crate::requests::forms::correct),
        )
        .route(
            "/disclosure/request/files/{id}",
            get(crate::requests::forms::applicant_file),
        )
        .route(
            "/staff/requests/{number}",
            post(crate::requests::handle::handle).layer(DefaultBodyLimit::max(
                crate::requests::forms::MAX_POST_BYTES,
            )),
        )
        .route(
            "/staff/requests/{number}/files/{file}",
            get(crate::requests::handle::staff_file),
        )
        .route(
            "/staff/consult/{number}",
            post(crate::consult::forms::answer),
        )
        .route(
            "/staff/cases/{number}",
            post(crate::services::handle::decide),
        )
        .route(
            "/staff/cases/{number}/files/{field}",
            get(crate::services::handle::file),
        )
        .route("/api/open/{file}", get(crate::registers::open::open_file))
        .route("/robots.txt", get(feeds::robots))
        .route("/feed.xml", get(feeds::feed_all))
        .route("/feed/{file}", get(feeds::feed_kind))
        .route("/sitemap.xml", get(feeds::sitemap))
        .route("/sitemap/{file}", get(feeds::sitemap_part))
        .route("/attachments/{id}", get(feeds::download))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest_service("/pkg", pkg)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::server::forms::show_refused_forms,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            fresh_sections,
        ))
        .layer(middleware::from_fn(server_fn_guard))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::account::auth::session_layer,
        ))
        .layer(middleware::from_fn(http::same_origin_guard))
        .layer(middleware::from_fn(crate::server::input::input_guard))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::host_guard,
        ))
        .layer(middleware::from_fn(http::private_no_store))
        .layer(middleware::from_fn(http::script_policy))
        .layer(middleware::from_fn(http::request_timeout))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::server::cache::serve_cached,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::search::pages::count_searches,
        ))
        .layer(
            ServiceBuilder::new()
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(|req: &Request<Body>| {
                            // The logged URL never carries a 查询码.
                            tracing::info_span!(
                                "request",
                                method = %req.method(),
                                uri = %http::loggable_uri(req.uri()),
                                version = ?req.version(),
                            )
                        })
                        .on_response(
                            DefaultOnResponse::new()
                                .level(Level::INFO)
                                .latency_unit(tower_http::LatencyUnit::Micros),
                        ),
                )
                .layer(CatchPanicLayer::custom(http::panic_response))
                // A ZIP package is compressed already.
                .layer(CompressionLayer::new().compress_when(
                    DefaultPredicate::new().and(NotForContentType::const_new("application/zip")),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_FRAME_OPTIONS,
                    HeaderValue::from_static("DENY"),
                )),
        )
        .with_state(state)
}
