//! Links inside published items that lead nowhere: to an item that is not
//! (or no longer) public, or to an attachment that no longer loads. Only
//! the portal's own addresses are checked; outside sites are not fetched.

use super::PUBLIC_A;
use crate::server::db::Db;
use std::collections::HashSet;

/// A link that leads nowhere: the item it is in, and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub article_id: i64,
    pub title: String,
    pub target: String,
}

/// The ids after `/{prefix}/` in `href="…"` and `src="…"` of `html`.
fn targets(html: &str, prefix: &str) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let needle = format!("{attr}/{prefix}/");
        let mut rest = html;
        while let Some(at) = rest.find(&needle) {
            let after = &rest[at + needle.len()..];
            let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
            let end = after.find('"').unwrap_or(after.len());
            // Only the item itself (`/articles/12`, `/articles/12#…`), not a
            // sub-page such as its CSV.
            let tail = &after[digits.len()..end];
            if let Ok(id) = digits.parse::<i64>() {
                if tail.is_empty() || tail.starts_with('#') || tail.starts_with('?') {
                    out.push((format!("/{prefix}/{}", &after[..end]), id));
                }
            }
            rest = &after[digits.len()..];
        }
    }
    out
}

/// Every link to an item or attachment of the portal, in a public item,
/// that does not lead to something public.
pub async fn broken(db: &Db) -> Result<Vec<BrokenLink>, sqlx::Error> {
    let public: HashSet<i64> =
        sqlx::query_as::<_, (i64,)>(&format!("SELECT a.id FROM articles a WHERE {PUBLIC_A}"))
            .fetch_all(db.pool())
            .await?
            .into_iter()
            .map(|(id,)| id)
            .collect();
    let files: HashSet<i64> = sqlx::query_as::<_, (i64,)>(&format!(
        "SELECT t.id FROM attachments t JOIN articles a ON a.id = t.article_id \
         WHERE t.live = 1 AND {PUBLIC_A}"
    ))
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .map(|(id,)| id)
    .collect();
    let items: Vec<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT a.id, a.title, a.body_html FROM articles a WHERE {PUBLIC_A} ORDER BY a.id"
    ))
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::new();
    for (article_id, title, html) in items {
        let bad = targets(&html, "articles")
            .into_iter()
            .filter(|(_, id)| !public.contains(id))
            .chain(
                targets(&html, "attachments")
                    .into_iter()
                    .filter(|(_, id)| !files.contains(id)),
            );
        for (target, _) in bad {
            out.push(BrokenLink {
                article_id,
                title: title.clone(),
                target,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::targets;

    #[test]
    fn finds_item_and_attachment_links() {
        let html = r#"<p><a href="/articles/12">见</a> <a href="/articles/13#part">x</a> <a href="/articles/14/report.csv">csv</a> <img src="/attachments/7" alt=""> <a href="https://example.gov.cn/articles/9">外</a></p>"#;
        assert_eq!(
            targets(html, "articles"),
            vec![
                ("/articles/12".to_owned(), 12),
                ("/articles/13#part".to_owned(), 13)
            ]
        );
        assert_eq!(
            targets(html, "attachments"),
            vec![("/attachments/7".to_owned(), 7)]
        );
    }
}
