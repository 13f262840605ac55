//! 专题 kept in the app (`POST /staff/topics`, `POST /staff/topics/{id}`):
//! editors write a topic and choose and order its items; a reviewer who
//! did not write the text approves it before the public sees it (or
//! returns it with a reason), and retires or restores the topic. Each
//! change and its audit entry commit together.

use crate::account::db::audit::{self, Actor};
use crate::account::extract::SignedIn;
use crate::account::review::{decide, need};
use crate::account::types::Role;
use crate::content::db::{self, TopicText};
use crate::content::types::{PublicationStatus, TopicSection};
use crate::error::{AppError, FieldError};
use crate::server::forms::{form_values, Posted, Refusal};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::format::now;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use serde::{Deserialize, Serialize};

/// The longest title, summary and introduction, in characters.
const TITLE_MAX: usize = 100;
const SUMMARY_MAX: usize = 300;
const BODY_MAX: usize = 20_000;

/// `POST /staff/topics` and the text form of `POST /staff/topics/{id}`.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct TopicForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    /// The review form: the fingerprint of the text the reviewer read.
    #[serde(default)]
    seen: String,
    #[serde(default)]
    opinion: String,
    /// The item forms.
    #[serde(default)]
    article: String,
    #[serde(default)]
    section: String,
}

/// The fingerprint of a topic's text (see `account::review`).
pub fn fingerprint(text: &TopicText) -> String {
    crate::account::review::fingerprint(&[&text.title, &text.summary, &text.body_md])
}

/// Checks a topic's text: every error at once.
fn check_text(form: &TopicForm) -> Result<TopicText, Vec<FieldError>> {
    let title = form.title.trim();
    let summary = form.summary.trim();
    let body = form.body.trim();
    let mut errors = Vec::new();
    if title.is_empty() {
        errors.push(FieldError::new("title", "请输入专题名称"));
    } else if title.chars().count() > TITLE_MAX {
        errors.push(FieldError::new(
            "title",
            format!("专题名称不能超过{TITLE_MAX}个字"),
        ));
    }
    if summary.is_empty() {
        errors.push(FieldError::new("summary", "请输入简介（显示在专题列表中）"));
    } else if summary.chars().count() > SUMMARY_MAX {
        errors.push(FieldError::new(
            "summary",
            format!("简介不能超过{SUMMARY_MAX}个字"),
        ));
    }
    if body.chars().count() > BODY_MAX {
        errors.push(FieldError::new(
            "body",
            format!("导语不能超过{BODY_MAX}个字"),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(TopicText {
        title: title.to_owned(),
        summary: summary.to_owned(),
        body_md: body.to_owned(),
    })
}

/// Why `slug` cannot name a topic's address, if it cannot.
fn slug_problem(slug: &str) -> Option<&'static str> {
    let ok_chars = slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if slug.is_empty() {
        Some("请输入网址名")
    } else if !(2..=50).contains(&slug.len())
        || !ok_chars
        || slug.starts_with('-')
        || slug.ends_with('-')
    {
        Some("网址名用2至50个小写字母、数字或连字符，如 zwgk-2027")
    } else {
        None
    }
}

/// `POST /staff/topics`: a new topic, its text sent for review. Editors.
pub async fn create_topic(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Posted(form): Posted<TopicForm>,
) -> Result<Response, Refusal> {
    need(&user, Role::Editor)?;
    let values = form_values(&form);
    let slug = form.slug.trim();
    let mut errors: Vec<FieldError> = slug_problem(slug)
        .map(|p| FieldError::new("slug", p))
        .into_iter()
        .collect();
    let text = match check_text(&form) {
        Ok(text) => Some(text),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let Some(text) = text.filter(|_| errors.is_empty()) else {
        return Err(Refusal::fields(errors, values));
    };
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let Some(id) = db::create_draft_topic(&mut tx, slug, &text, user.id, now).await? else {
        return Err(Refusal::fields(
            vec![FieldError::new(
                "slug",
                format!("网址名“{slug}”已被其他专题使用"),
            )],
            values,
        ));
    };
    audit::record(
        &mut tx,
        &Actor::staff(&user),
        "topic.saved",
        &format!("专题 {}", text.title),
        serde_json::json!({"id": id, "slug": slug, "new": true}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/staff/topics/{id}?notice=text_saved")))
}

/// `POST /staff/topics/{id}`: `save` (the text, for review), `approve` or
/// `return` (reviewers, not the text's author), `add_item`,
/// `remove_item`, `move_up`, `move_down` (editors), `retire`, `restore`
/// (reviewers).
pub async fn change_topic(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<i64>,
    Posted(form): Posted<TopicForm>,
) -> Result<Response, Refusal> {
    let values = form_values(&form);
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let Some(topic) = db::staff_topic_in(&mut tx, id).await? else {
        return Err(AppError::NotFound.into());
    };
    let target = format!("专题 {}", topic.live.title);
    let article: Option<i64> = form
        .article
        .trim()
        .trim_start_matches("/articles/")
        .parse()
        .ok();
    let (action, detail, notice): (&str, serde_json::Value, &str) = match form.action.as_str() {
        "save" => {
            need(&user, Role::Editor)?;
            let text = check_text(&form).map_err(|e| Refusal::fields(e, values.clone()))?;
            let unchanged = match &topic.pending {
                Some((pending, _)) => *pending == text,
                None => topic.live == text,
            };
            if unchanged {
                return Ok(see_other(&format!(
                    "/staff/topics/{id}?notice=text_unchanged"
                )));
            }
            db::propose_topic_text(&mut tx, id, &text, user.id, now).await?;
            (
                "topic.saved",
                serde_json::json!({"id": id, "title": text.title}),
                "text_saved",
            )
        }
        "approve" | "return" => {
            let approve = form.action == "approve";
            let (pending, decision) = decide(
                &user,
                approve,
                topic.pending.as_ref(),
                fingerprint,
                &form.seen,
                &form.opinion,
                &values,
            )?;
            let opinion = decision.opinion;
            db::decide_topic_text(&mut tx, id, pending, &decision, topic.status, now).await?;
            if approve {
                (
                    "topic.approved",
                    serde_json::json!({"id": id, "title": pending.title, "opinion": opinion}),
                    "text_approved",
                )
            } else {
                (
                    "topic.returned",
                    serde_json::json!({"id": id, "opinion": opinion}),
                    "text_returned",
                )
            }
        }
        "add_item" => {
            need(&user, Role::Editor)?;
            let mut errors = Vec::new();
            let section = TopicSection::from_slug(&form.section);
            if section.is_none() {
                errors.push(FieldError::new("section", "请选择栏目"));
            }
            let title = match article {
                Some(a) => db::article_title_in(&mut tx, a).await?,
                None => None,
            };
            if title.is_none() {
                errors.push(FieldError::new(
                    "article",
                    "请输入信息的编号或网址，如 123 或 /articles/123（在信息页面的地址栏中可以看到）",
                ));
            }
            let (Some(section), Some(article), Some(title)) = (section, article, title) else {
                return Err(Refusal::fields(errors, values));
            };
            db::put_topic_item(&mut tx, id, article, section).await?;
            (
                "topic.item_added",
                serde_json::json!({"id": id, "article": article, "title": title, "section": section.slug()}),
                "topic_item_added",
            )
        }
        "remove_item" | "move_up" | "move_down" => {
            need(&user, Role::Editor)?;
            let Some(article) = article else {
                return Err(Refusal::plain(
                    StatusCode::BAD_REQUEST,
                    "请选择要调整的信息。",
                ));
            };
            let done = match form.action.as_str() {
                "remove_item" => db::remove_topic_item(&mut tx, id, article).await?,
                "move_up" => db::move_topic_item(&mut tx, id, article, true).await?,
                _ => db::move_topic_item(&mut tx, id, article, false).await?,
            };
            if !done {
                return Ok(see_other(&format!("/staff/topics/{id}#items")));
            }
            let action = if form.action == "remove_item" {
                "topic.item_removed"
            } else {
                "topic.item_moved"
            };
            (
                action,
                serde_json::json!({"id": id, "article": article, "how": form.action}),
                "topic_items_saved",
            )
        }
        "retire" => {
            need(&user, Role::Reviewer)?;
            if topic.status != PublicationStatus::Published {
                return Err(Refusal::message(
                    StatusCode::CONFLICT,
                    "只有已发布的专题可以撤下",
                    values,
                ));
            }
            db::set_topic_status(&mut tx, id, PublicationStatus::Withdrawn, now).await?;
            (
                "topic.retired",
                serde_json::json!({"id": id}),
                "topic_retired",
            )
        }
        "restore" => {
            need(&user, Role::Reviewer)?;
            if topic.status != PublicationStatus::Withdrawn
                || !db::topic_was_approved(&mut tx, id).await?
            {
                return Err(Refusal::message(
                    StatusCode::CONFLICT,
                    "只有已撤下、且曾审核通过的专题可以恢复",
                    values,
                ));
            }
            db::set_topic_status(&mut tx, id, PublicationStatus::Published, now).await?;
            (
                "topic.restored",
                serde_json::json!({"id": id}),
                "topic_restored",
            )
        }
        _ => return Err(Refusal::plain(StatusCode::BAD_REQUEST, "未知的操作。")),
    };
    audit::record(&mut tx, &Actor::staff(&user), action, &target, detail, now).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/staff/topics/{id}?notice={notice}")))
}
