//! Open data: every register as CSV and JSON under `/api/open/`, honouring
//! the table's filters, streamed in chunks so a 100,000-row register costs
//! little memory; and `changes.json`, what changed since a moment.

use super::csv_io::{export_header, export_rows, template};
use super::db::{self, View};
use super::query::view_of;
use super::schema::Register;
use super::types::{PublicRow, RegisterQuery};
use crate::error::AppError;
use crate::server::state::AppState;
use axum::{
    body::{Body, Bytes},
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use std::collections::HashMap;

const CHUNK: i64 = 2_000;

fn json_error(err: &AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = serde_json::json!({ "error": err.to_string(), "fields": match err {
        AppError::Validation(errors) => serde_json::to_value(errors).unwrap_or_default(),
        _ => serde_json::Value::Null,
    }});
    (status, axum::Json(body)).into_response()
}

fn row_json(register: Register, row: &PublicRow, origin: &str) -> serde_json::Value {
    let fields: serde_json::Map<String, serde_json::Value> = row
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::json!({
        "id": row.id,
        "url": format!("{origin}/registers/{}/{}", register.slug(), row.id),
        "fields": fields,
        "masked": row.masked,
    })
}

/// `GET /api/open/{file}`: `{register}.csv`, `{register}.json`,
/// `{register}-template.csv` or `changes.json`.
pub async fn open_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let origin = crate::server::context::origin(&headers, &state.settings);
    if file == "changes.json" {
        return changes(&state, &params, &origin).await;
    }
    if let Some(slug) = file.strip_suffix("-template.csv") {
        let Some(register) = Register::from_slug(slug) else {
            return json_error(&AppError::NotFound);
        };
        return csv_response(
            register,
            &format!("{slug}-template.csv"),
            Body::from(template(register)),
        );
    }
    let (slug, json) = match (file.strip_suffix(".csv"), file.strip_suffix(".json")) {
        (Some(s), _) => (s, false),
        (_, Some(s)) => (s, true),
        _ => return json_error(&AppError::NotFound),
    };
    let get = |k: &str| params.get(k).cloned().filter(|v| !v.is_empty());
    let query = RegisterQuery {
        register: slug.to_owned(),
        q: get("q"),
        year: get("year"),
        category: get("category"),
        status: get("status"),
        sort: None,
        dir: None,
        page: None,
    };
    let (register, view, _) = match view_of(&query, false) {
        Ok(v) => v,
        Err(e) => return json_error(&e),
    };
    let today = state.today().to_string();
    // The first chunk is read before answering, so a database failure is a
    // clean 500 rather than a cut-off file.
    let first = match db::export_chunk(&state.db, register, &view, &today, 0, CHUNK).await {
        Ok(rows) => rows,
        Err(e) => return json_error(&AppError::from(e)),
    };
    let stream = chunks(
        state.clone(),
        register,
        view,
        today,
        first,
        origin.clone(),
        json,
    );
    if json {
        let mut res = Body::from_stream(stream).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        res.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        res
    } else {
        csv_response(register, &format!("{slug}.csv"), Body::from_stream(stream))
    }
}

fn csv_response(_register: Register, name: &str, body: Body) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// The export as a stream of byte chunks: header, rows in id order, footer.
fn chunks(
    state: AppState,
    register: Register,
    view: View,
    today: String,
    first: Vec<PublicRow>,
    origin: String,
    json: bool,
) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> + Send {
    enum Step {
        Head(Vec<PublicRow>),
        Rows(Vec<PublicRow>, bool),
        Done,
    }
    futures::stream::unfold(Step::Head(first), move |step| {
        let (state, view, today, origin) =
            (state.clone(), view.clone(), today.clone(), origin.clone());
        async move {
            match step {
                Step::Head(rows) => {
                    let head = if json {
                        let fields: Vec<serde_json::Value> = register
                            .fields()
                            .iter()
                            .map(|f| serde_json::json!({ "key": f.key, "label": f.label }))
                            .collect();
                        let meta = serde_json::json!({
                            "register": register.slug(),
                            "title": register.label(),
                            "description": register.description(),
                            "fields": fields,
                            "generated": crate::ui::format::iso_date(crate::ui::format::now()),
                        });
                        // `{…meta…, "rows": [` — the rows follow, then `]}`.
                        let mut s = meta.to_string();
                        s.pop();
                        s.push_str(",\"rows\":[");
                        s.into_bytes()
                    } else {
                        export_header(register)
                    };
                    Some((Ok(Bytes::from(head)), Step::Rows(rows, true)))
                }
                Step::Rows(rows, first_chunk) if rows.is_empty() => {
                    let _ = first_chunk;
                    let tail = if json { "]}" } else { "" };
                    Some((Ok(Bytes::from(tail)), Step::Done))
                }
                Step::Rows(rows, first_chunk) => {
                    let bytes = if json {
                        let mut s = String::new();
                        for (i, r) in rows.iter().enumerate() {
                            if !(first_chunk && i == 0) {
                                s.push(',');
                            }
                            s.push_str(&row_json(register, r, &origin).to_string());
                        }
                        s.into_bytes()
                    } else {
                        export_rows(register, &rows, &origin)
                    };
                    let last = rows.last().map_or(0, |r| r.id);
                    let next = if (rows.len() as i64) < CHUNK {
                        Ok(Vec::new())
                    } else {
                        db::export_chunk(&state.db, register, &view, &today, last, CHUNK).await
                    };
                    match next {
                        Ok(next) => Some((Ok(Bytes::from(bytes)), Step::Rows(next, false))),
                        Err(e) => {
                            tracing::error!(error = %e, "export stopped");
                            Some((Err(std::io::Error::other("export failed")), Step::Done))
                        }
                    }
                }
                Step::Done => None,
            }
        }
    })
}

/// `changes.json?since=2026-01-01` (a date, a date and time, or Unix
/// seconds; default: the last 7 days) `&after=<seq>` for the next page.
async fn changes(state: &AppState, params: &HashMap<String, String>, origin: &str) -> Response {
    const LIMIT: i64 = 1_000;
    let now = crate::ui::format::now();
    let since = match params
        .get("since")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => now - 7 * 86_400,
        Some(s) => match parse_since(s) {
            Some(t) => t,
            None => return json_error(&AppError::field(
                "since",
                "since 应为日期（2026-01-01）、日期时间（2026-01-01T08:00:00+08:00）或 Unix 秒数",
            )),
        },
    };
    let after = match params.get("after").map(|s| s.parse::<i64>()) {
        None => 0,
        Some(Ok(a)) if a >= 0 => a,
        Some(_) => return json_error(&AppError::field("after", "after 应为非负整数")),
    };
    let rows = match db::changes(&state.db, since, after, LIMIT).await {
        Ok(r) => r,
        Err(e) => return json_error(&AppError::from(e)),
    };
    let mut list: Vec<serde_json::Value> = rows
        .iter()
        .map(|c| {
            serde_json::json!({
                "seq": c.seq,
                "register": c.register,
                "id": c.row_id,
                "action": c.action,
                "at": chrono::DateTime::from_timestamp(c.at, 0)
                    .map(|t| t.with_timezone(&crate::ui::format::beijing()).to_rfc3339())
                    .unwrap_or_default(),
                "url": format!("{origin}/registers/{}/{}", c.register, c.row_id),
            })
        })
        .collect();
    // Rows whose 公示期 ended in the window leave the public set without an
    // edit: list them as expirations (only on the first page).
    if after == 0 {
        let from = crate::ui::format::iso_date(since);
        let today = state.today().to_string();
        match db::expired_between(&state.db, &from, &today).await {
            Ok(expired) => list.extend(expired.into_iter().map(|(register, id, until)| {
                serde_json::json!({
                    "register": register,
                    "id": id,
                    "action": "expire",
                    "at": format!("{until}T23:59:59+08:00"),
                    "url": format!("{origin}/registers/{register}/{id}"),
                })
            })),
            Err(e) => return json_error(&AppError::from(e)),
        }
    }
    let next = (rows.len() as i64 == LIMIT).then(|| {
        let last = rows.last().map_or(0, |c| c.seq);
        format!("{origin}/api/open/changes.json?since={since}&after={last}")
    });
    let body = serde_json::json!({
        "since": chrono::DateTime::from_timestamp(since, 0)
            .map(|t| t.with_timezone(&crate::ui::format::beijing()).to_rfc3339())
            .unwrap_or_default(),
        "changes": list,
        "next": next,
    });
    let mut res = axum::Json(body).into_response();
    res.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    res
}

fn parse_since(s: &str) -> Option<i64> {
    if let Ok(n) = s.parse::<i64>() {
        return Some(n);
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp());
    }
    let d = super::validate::parse_date(s)?;
    Some(crate::ui::format::unix_at(d, chrono::NaiveTime::MIN))
}
