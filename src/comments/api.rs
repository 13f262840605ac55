//! Server functions of 意见征集.

use crate::comments::types::{ConsultationSummary, ConsultationView, StaffConsultation, StaffLine};
use crate::content::types::ArticleLink;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// This domain's staff server functions and the role each requires (the
/// router checks it before reading arguments; see `server::router`).
pub const STAFF_FUNCTIONS: &[(&str, crate::account::types::Role)] = &[
    (
        "staff/list_consultation_work",
        crate::account::types::Role::Editor,
    ),
    (
        "staff/get_consultation_work",
        crate::account::types::Role::Editor,
    ),
];

#[cfg(feature = "ssr")]
fn summary(
    a: &crate::content::types::ArticleSummary,
    t: &crate::comments::db::Terms,
    today: chrono::NaiveDate,
) -> ConsultationSummary {
    ConsultationSummary {
        id: a.id,
        title: a.title.clone(),
        summary: a.summary.clone(),
        opened_on: t.opened_on.format("%Y-%m-%d").to_string(),
        closes_on: t.closes_on.format("%Y-%m-%d").to_string(),
        stage: t.stage(today),
        feedback_on: t.feedback_on.clone(),
    }
}

/// Every published consultation: open ones first (closing soonest first),
/// then those awaiting feedback, then those answered (newest first).
/// Anyone may call it.
#[server(endpoint = "list_public_consultations", input = GetUrl)]
pub async fn list_public_consultations() -> Result<Vec<ConsultationSummary>, AppError> {
    use crate::comments::types::Stage;
    use crate::content::types::ContentKind;
    let state = crate::server::context::state()?;
    let today = state.today();
    let items =
        crate::content::db::latest(&state.db, Some(ContentKind::Consultation), 1000, 0).await?;
    let terms = crate::comments::db::all_terms(&state.db).await?;
    let mut out: Vec<ConsultationSummary> = items
        .iter()
        .filter_map(|a| {
            let t = terms.iter().find(|t| t.article_id == a.id)?;
            Some(summary(a, t, today))
        })
        .collect();
    out.sort_by(|a, b| {
        let rank = |s: &ConsultationSummary| match s.stage {
            Stage::Open { .. } => 0,
            Stage::AwaitingFeedback => 1,
            Stage::Answered => 2,
        };
        rank(a).cmp(&rank(b)).then_with(|| match a.stage {
            Stage::Open { .. } => a.closes_on.cmp(&b.closes_on),
            _ => b.closes_on.cmp(&a.closes_on),
        })
    });
    Ok(out)
}

/// One published consultation with its draft, terms, the comments shown one
/// by one (masked) and its feedback report. Anyone may call it.
#[server(endpoint = "get_consultation", input = GetUrl)]
pub async fn get_consultation(id: i64) -> Result<ConsultationView, AppError> {
    use crate::comments::{db, report, rules, types::PublicComment};
    use crate::content::markdown::render;
    use crate::content::types::ContentKind;
    let state = crate::server::context::state()?;
    let today = state.today();
    let article = crate::content::api::get_article(id).await?;
    if article.kind != ContentKind::Consultation {
        return Err(AppError::NotFound);
    }
    let terms = db::terms(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let shown: Vec<PublicComment> = if terms.comments_public {
        let comments = db::comments(&state.db, id).await?;
        let names = report::writers(&comments);
        comments
            .iter()
            .filter(|c| c.shown)
            .enumerate()
            .map(|(i, c)| PublicComment {
                number: i + 1,
                part: c.part.clone(),
                body: report::public_text(c, &names),
                writer: report::public_writer(c),
                received_on: c.received_on.clone(),
                channel: c.channel,
            })
            .collect()
    } else {
        Vec::new()
    };
    let decision = match terms.decision_id {
        Some(doc) => {
            crate::content::db::find_public_article(&state.db, doc, &state.calendar(), today)
                .await?
                .map(|a| ArticleLink {
                    id: a.id,
                    title: a.title,
                })
        }
        None => None,
    };
    let body_md_parts = rules::parts(
        &crate::content::db::public_body_md(&state.db, id)
            .await?
            .unwrap_or_default(),
    );
    let as_summary = crate::content::types::ArticleSummary {
        id: article.id,
        kind: article.kind,
        subtype: article.subtype.clone(),
        title: article.title.clone(),
        summary: article.summary.clone(),
        published_on: article.published_on.clone(),
        validity: article.validity,
        doc_no: article.doc_no.clone(),
    };
    Ok(ConsultationView {
        summary: summary(&as_summary, &terms, today),
        index_no: article.index_no,
        publisher: article.publisher,
        body_html: article.body_html,
        attachments: article.attachments,
        period_days: rules::period_days(terms.opened_on, terms.closes_on),
        short_reason: terms.short_reason.clone(),
        explanation_html: render(&terms.explanation_md),
        comment_address: terms.comment_address.clone(),
        comment_email: terms.comment_email.clone(),
        anonymous_ok: terms.anonymous_ok,
        comments_public: terms.comments_public,
        parts: body_md_parts,
        comments: shown,
        feedback_html: (!terms.feedback_md.is_empty()).then(|| render(&terms.feedback_md)),
        decision,
    })
}

/// The published consultation whose decision document is `id`, if any.
/// Anyone may call it.
#[server(endpoint = "get_decision_consultation", input = GetUrl)]
pub async fn get_decision_consultation(id: i64) -> Result<Option<ArticleLink>, AppError> {
    let state = crate::server::context::state()?;
    let Some(consultation) = crate::comments::db::for_decision(&state.db, id).await? else {
        return Ok(None);
    };
    Ok(crate::content::db::find_public_article(
        &state.db,
        consultation,
        &state.calendar(),
        state.today(),
    )
    .await?
    .map(|a| ArticleLink {
        id: a.id,
        title: a.title,
    }))
}

/// Every consultation item (drafts too) with its comment counts, and
/// whether its feedback is late. Editors (编辑) only.
#[server(endpoint = "staff/list_consultation_work", input = GetUrl)]
pub async fn list_consultation_work() -> Result<Vec<StaffLine>, AppError> {
    use crate::comments::types::Stage;
    use crate::content::types::{ContentKind, PublicationStatus};
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let state = crate::server::context::state()?;
    let today = state.today();
    let late_after = state.site().feedback_days();
    let items =
        crate::content::editorial::db::items_of_kind(&state.db, ContentKind::Consultation).await?;
    let terms = crate::comments::db::all_terms(&state.db).await?;
    let counts = crate::comments::db::counts(&state.db).await?;
    Ok(items
        .into_iter()
        .map(|(id, title, status, _)| {
            let t = terms.iter().find(|t| t.article_id == id);
            let stage = t.map(|t| t.stage(today));
            let (total, unanswered, pending) = counts.get(&id).copied().unwrap_or_default();
            let feedback_late = t.and_then(|t| {
                let days = (today - t.closes_on).num_days();
                (stage == Some(Stage::AwaitingFeedback) && days > late_after).then_some(days)
            });
            StaffLine {
                id,
                title,
                live: status == PublicationStatus::Published,
                closes_on: t
                    .map(|t| t.closes_on.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                stage,
                total,
                unanswered,
                pending,
                feedback_late,
            }
        })
        .collect())
}

/// One consultation for its staff page: every comment with the writer's
/// contact and its answer, and the feedback report as it would be
/// generated now. Editors (编辑) only.
#[server(endpoint = "staff/get_consultation_work", input = GetUrl)]
pub async fn get_consultation_work(id: i64) -> Result<StaffConsultation, AppError> {
    use crate::comments::{db, report, rules};
    use crate::content::types::{ContentKind, PublicationStatus};
    crate::account::auth::require(crate::account::types::Role::Editor)?;
    let state = crate::server::context::state()?;
    let today = state.today();
    let item = crate::content::editorial::db::staff_article(&state.db, id)
        .await?
        .filter(|a| a.live.kind == ContentKind::Consultation.slug())
        .ok_or(AppError::NotFound)?;
    let working = item.working_form();
    let terms = db::terms(&state.db, id).await?;
    let comments = db::comments(&state.db, id).await?;
    let parts = rules::parts(&working.body_md);
    let (report_preview, report_blocked) = match &terms {
        None => (None, Some("征集尚未发布".to_owned())),
        Some(t) if t.is_open(today) || today < t.opened_on => (
            None,
            Some(format!(
                "征集期至{}结束，结束后才能生成反馈报告",
                crate::ui::format::date_zh(&t.closes_on.format("%Y-%m-%d").to_string())
            )),
        ),
        Some(t) => match report::generate(&comments, &parts, t.opened_on, t.closes_on) {
            Ok(r) => (Some(r), None),
            Err(why) => (None, Some(why)),
        },
    };
    let pending_review = item.pending.as_ref().is_some_and(|p| {
        use crate::content::editorial::types::RevisionState;
        matches!(
            p.state(),
            RevisionState::Submitted | RevisionState::Approved | RevisionState::Scheduled
        )
    });
    Ok(StaffConsultation {
        id,
        title: working.title.clone(),
        live: item.status == PublicationStatus::Published,
        opened_on: terms
            .as_ref()
            .map(|t| t.opened_on.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        closes_on: terms
            .as_ref()
            .map(|t| t.closes_on.format("%Y-%m-%d").to_string())
            .unwrap_or(working.closes_on.clone()),
        stage: terms.as_ref().map(|t| t.stage(today)),
        comments_public: terms.as_ref().is_some_and(|t| t.comments_public),
        parts,
        comments,
        report_preview,
        report_blocked,
        pending_review,
    })
}
