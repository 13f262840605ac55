//! Staff starting a 两馆 export (编辑) and downloading the package.

use super::db::{self, Starter};
use super::job::{self, Context, Output, Period};
use crate::account::db::audit::Actor;
use crate::account::extract::{Editor, Staff};
use crate::error::FieldError;
use crate::server::forms::{Posted, Refusal};
use crate::server::render::{plain_error, see_other};
use crate::server::state::AppState;
use axum::{
    body::Body,
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::Response,
};
use std::collections::HashMap;

/// `POST /staff/archive`: `from`, `to` (dates, both included). Records the
/// export with its audit entry, starts writing the package on this app
/// server, and shows the list with its progress. Editors only.
pub async fn start_export(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff<Editor>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let user = staff.0;
    let value = |k: &str| values.get(k).cloned().unwrap_or_default();
    let period = match Period::parse(&value("from"), &value("to"), state.today()) {
        Ok(p) => p,
        Err((field, message)) => {
            return Err(Refusal::fields(
                vec![FieldError::new(field, message)],
                values,
            ))
        }
    };
    let now = crate::ui::format::now();
    db::fail_stale(&state.db, now).await?;
    let id = job::begin(
        &state.db,
        period,
        &Starter::Staff {
            id: user.id,
            name: &user.display_name,
        },
        &Actor::staff(&user),
        now,
    )
    .await?;
    let cx = Context {
        site: crate::site::SiteSettings::load(&state.db).await?.name,
        origin: crate::server::context::origin(&headers, &state.settings),
        by: user.display_name.clone(),
    };
    let db = state.db.clone();
    tokio::spawn(async move {
        // A failure is recorded on the export for the page to show.
        let _ = job::run(&db, id, period, &cx, Output::Stored, |_, _| {}).await;
    });
    Ok(see_other(&format!(
        "/staff/archive?notice=archive_started#export-{id}"
    )))
}

/// `GET /staff/archive/{id}/package.zip`: a finished package, streamed
/// part by part from the database. Editors only.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    _staff: Staff<Editor>,
) -> Result<Response, Refusal> {
    let gone = || plain_error(StatusCode::NOT_FOUND, "没有这个导出包，或者它已不再保存。");
    let Ok(id) = id.trim_end_matches(".zip").parse::<i64>() else {
        return Ok(gone());
    };
    let Some(export) = db::get(&state.db, id, crate::ui::format::now()).await? else {
        return Ok(gone());
    };
    if !export.kept {
        return Ok(gone());
    }
    let parts = db::part_count(&state.db, id).await?;
    let pool = state.db.clone();
    let stream = futures::stream::unfold(0_i64, move |seq| {
        let pool = pool.clone();
        async move {
            if seq >= parts {
                return None;
            }
            let next = match db::part(&pool, id, seq).await {
                Ok(Some(bytes)) => Ok(axum::body::Bytes::from(bytes)),
                Ok(None) => Err(std::io::Error::other("a part of the package is missing")),
                Err(e) => Err(std::io::Error::other(e)),
            };
            // After an error the stream ends: the client sees a short file.
            let seq = if next.is_ok() { seq + 1 } else { parts };
            Some((next, seq))
        }
    });
    let name = export.file_name();
    let mut res = Response::new(Body::from_stream(stream));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    if let Ok(v) = HeaderValue::from_str(&export.bytes.to_string()) {
        h.insert(header::CONTENT_LENGTH, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
