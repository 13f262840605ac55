//! `GET /articles/{id}/tables.csv`: the tables of a published item (a
//! statistics table, a fee schedule in a notice…) as one CSV file, so that
//! what a citizen reads on a phone can be taken into a spreadsheet.

use crate::server::forms::Refusal;
use crate::server::state::AppState;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};

/// The CSV of `tables`: each table's rows (its header first), a blank line
/// between tables; UTF-8 with a byte-order mark, so Excel reads it.
pub fn csv_of(tables: &[Vec<Vec<String>>]) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            // A truly empty line (a writer would quote an empty record).
            out.push(b'\n');
        }
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for row in table {
            w.write_record(row)?;
        }
        out.extend(
            w.into_inner()
                .map_err(|e| csv::Error::from(e.into_error()))?,
        );
    }
    Ok(out)
}

/// Anyone: a public item's tables; 404 for an item that is not public or
/// has no table.
pub async fn tables_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Refusal> {
    let missing = || Refusal::plain(StatusCode::NOT_FOUND, "这条信息没有可下载的表格。");
    let id: i64 = id.parse().map_err(|_| missing())?;
    let body = super::db::public_body_md(&state.db, id)
        .await?
        .ok_or_else(missing)?;
    let tables = super::markdown::tables(&body);
    if tables.is_empty() {
        return Err(missing());
    }
    let title = super::db::article_title(&state.db, id)
        .await?
        .unwrap_or_default();
    let data = csv_of(&tables).map_err(|e| {
        tracing::error!(error = %e, id, "tables CSV");
        Refusal::plain(StatusCode::INTERNAL_SERVER_ERROR, "导出失败，请稍后再试。")
    })?;
    Ok(crate::server::render::file_download(
        &format!("{}-表格.csv", title.chars().take(60).collect::<String>()),
        "text/csv; charset=utf-8",
        data,
        "public, max-age=300",
    ))
}

#[cfg(test)]
mod tests {
    use super::csv_of;

    #[test]
    fn tables_are_written_one_after_another() {
        let t = vec![
            vec![
                vec!["地区".to_owned(), "票房".to_owned()],
                vec!["福州".to_owned(), "1,234".to_owned()],
            ],
            vec![vec!["甲".to_owned()]],
        ];
        let data = String::from_utf8(csv_of(&t).unwrap()).unwrap();
        assert_eq!(data, "\u{feff}地区,票房\n福州,\"1,234\"\n\n甲\n");
    }
}
