//! 下载 Word: an item as a .docx for the paper file and for 两馆, written by
//! the same converter the import reads with.

use super::*;
use crate::content::docx::{self, ExportImage, ExportItem};
use crate::content::types::PublicationStatus;
use axum::extract::Query;
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
pub struct WordQuery {
    /// `1`: the working draft rather than the published version.
    #[serde(default)]
    draft: Option<String>,
}

/// The attachment numbers an item's body shows as images.
fn image_ids(body: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = body
        .match_indices("/attachments/")
        .filter_map(|(at, m)| {
            let digits: String = body[at + m.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .take(18)
                .collect();
            digits.parse().ok()
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// `GET /articles/{id}/word`: the published version as a Word document, or
/// with `?draft=1` (and while it was never published) the working draft.
/// Editors and reviewers.
pub async fn word(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<WordQuery>,
    req: Request,
) -> Response {
    let allowed = crate::account::auth::user_in(req.extensions())
        .is_some_and(|u| u.has(Role::Editor) || u.has(Role::Reviewer));
    if !allowed {
        return plain_error(StatusCode::NOT_FOUND, "信息不存在。");
    }
    let Ok(id) = id.parse::<i64>() else {
        return plain_error(StatusCode::NOT_FOUND, "信息不存在。");
    };
    let item = match db::staff_article(&state.db, id).await {
        Ok(Some(item)) => item,
        Ok(None) => return plain_error(StatusCode::NOT_FOUND, "信息不存在。"),
        Err(e) => return plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let draft = query.draft.as_deref() == Some("1") || item.status == PublicationStatus::Draft;
    let form = if draft {
        item.working_form()
    } else {
        item.live.clone()
    };
    let mut images = HashMap::new();
    for aid in image_ids(&form.body_md) {
        match crate::content::db::attachment_of(&state.db, id, aid).await {
            Ok(Some(file)) => {
                let image = ExportImage {
                    mime: file.mime,
                    bytes: file.data,
                };
                images.insert(format!("/attachments/{aid}"), image);
            }
            Ok(None) => {}
            Err(e) => return plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        }
    }
    let export = ExportItem {
        title: form.title.clone(),
        doc_no: form.doc_no.clone(),
        publisher: form.publisher.clone(),
        body_md: form.body_md.clone(),
    };
    match docx::export(&export, &|url: &str| images.get(url).cloned()) {
        Ok(bytes) => {
            let title = form.title.trim();
            let name = if title.is_empty() { "信息" } else { title };
            crate::server::render::file_download(
                &format!("{name}{}.docx", if draft { "（草稿）" } else { "" }),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                bytes,
                "private, no-store",
            )
        }
        Err(_) => plain_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "生成 Word 文档失败，请稍后再试。",
        ),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_images_a_body_shows_are_found_once() {
        assert_eq!(
            super::image_ids("![a](/attachments/7) <img src=\"/attachments/12\"> ![b](/attachments/7) /attachments/x"),
            vec![7, 12]
        );
    }
}
