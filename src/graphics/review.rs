//! 保密审查 of 图解 (审核 role): the page that shows the saved version drawn
//! beside the one public now, and the form that approves or returns it.
//! The form names the version the reviewer saw; a graphic saved again
//! since is refused (409), never approved unseen.

use crate::account::db::audit::{self, Actor};
use crate::account::extract::{Reviewer, Staff};
use crate::account::types::Role;
use crate::error::{AppError, FieldError};
use crate::graphics::api::get_graphic_review;
use crate::graphics::db::{self, ReviewRefused, Verdict};
use crate::graphics::types::{review_state_label, GraphicReview};
use crate::server::forms::{Posted, Refusal, Submitted};
use crate::server::render::see_other;
use crate::server::state::AppState;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{awaited, error_view},
    forms::{error_for, ErrorSummary, Notice, TextArea},
    layout::PageMeta,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;

/// `/staff/graphics/{id}/review`.
#[component]
pub fn GraphicReviewPage() -> impl IntoView {
    if let Err(view) = crate::account::pages::guard(Role::Reviewer) {
        return view;
    }
    let id = crate::ui::url::id_param("id");
    let done = use_query_map().with_untracked(|m| m.get("done"));
    view! {
        {awaited(async move {
                let Some(id) = id else { return error_view(AppError::NotFound) };
                match get_graphic_review(id).await {
                    Ok(g) => view! { <ReviewView g done=done.clone() /> }.into_any(),
                    Err(e) => error_view(e),
                }
            })}
    }
    .into_any()
}

#[component]
fn ReviewView(g: GraphicReview, done: Option<String>) -> impl IntoView {
    let sub = use_context::<Submitted>().unwrap_or_default();
    let errors = sub.errors.clone();
    let title = format!("图解审核：{}", g.title);
    let page_title = if errors.is_empty() && sub.message.is_none() {
        title.clone()
    } else {
        format!("错误：{title}")
    };
    let waiting = g.review_state == "submitted";
    let notice = done.map(|d| {
        if d == "approved" {
            "审核通过，图解已公开（所附稿件公开时）。"
        } else {
            "已退回修改。"
        }
    });
    view! {
        <PageMeta title=page_title description="图解保密审查" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="图解审核" />
        <h1 class="app-page-title">{title}</h1>
        {notice.map(|n| view! { <Notice text=n /> })}
        <p class="app-page-lede">{format!(
            "状态：{}；作者：{}；所附稿件：{}",
            review_state_label(&g.review_state, g.live),
            if g.author_name.is_empty() { "—" } else { &g.author_name },
            g.article.as_ref().map(|(id, t)| format!("{t}（编号 {id}）")).unwrap_or_else(|| "无".to_owned()),
        )}</p>
        {sub.message.clone().map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <section class="app-panel" aria-labelledby="pending-title">
            <h2 class="app-panel__title" id="pending-title">"送审的版本"</h2>
            <figure class="app-graphic" inner_html=g.pending_svg.clone()></figure>
        </section>
        {g.live_svg.clone().map(|svg| view! {
            <section class="app-panel" aria-labelledby="live-title">
                <h2 class="app-panel__title" id="live-title">"现在公开的版本"</h2>
                <figure class="app-graphic" inner_html=svg></figure>
            </section>
        })}
        {if waiting && !g.own_work {
            view! {
                <form class="app-form" method="post" action=format!("/staff/graphics/{}/review", g.id)>
                    <input type="hidden" name="version" value=g.version.clone() />
                    <TextArea name="opinion" label="审核意见" value=sub.value("opinion") error=error_for(&errors, "opinion") rows=3 hint="保密审查的结论与理由；退回时写明需要修改的内容" />
                    <div class="app-form__actions">
                        <button type="submit" class="app-button" name="decision" value="approve">"同意公开"</button>
                        <button type="submit" class="app-button app-button--warning" name="decision" value="return">"退回修改"</button>
                    </div>
                </form>
            }.into_any()
        } else if waiting {
            view! { <p class="app-note">"这是您保存的图解。为保证保密审查的独立性，不能审核自己的作品，请由其他审核人员审核。"</p> }.into_any()
        } else {
            view! { <p class="app-note">"这个图解当前没有等待审核的版本。"</p> }.into_any()
        }}
        {(!g.history.is_empty()).then(|| view! {
            <section class="app-panel" aria-labelledby="history-title">
                <h2 class="app-panel__title" id="history-title">"审核记录"</h2>
                <ul class="app-list">
                    {g.history.iter().map(|(decision, reviewer, at, opinion)| view! {
                        <li class="app-list__item app-list__item--stacked">
                            <strong>{format!("{decision} · {reviewer}")}</strong>
                            <span class="app-list__meta">{at.clone()}</span>
                            <p class="app-list__note">{opinion.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
    .into_any()
}

/// `POST /staff/graphics/{id}/review`: `decision` (approve, return),
/// `opinion`, and `version` (the one the reviewer saw). Reviewers only;
/// the decision and its audit entry commit together.
pub async fn review(
    State(state): State<AppState>,
    Path(id): Path<String>,
    user: Staff<Reviewer>,
    Posted(values): Posted<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let no_graphic = || Refusal::plain(StatusCode::NOT_FOUND, "没有这个图解。");
    let id = id.parse::<i64>().map_err(|_| no_graphic())?;
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let verdict = match get("decision").as_str() {
        "approve" => Verdict::Approve,
        "return" => Verdict::Return,
        _ => {
            let e = AppError::field("decision", "请选择“同意公开”或“退回修改”");
            return Err(Refusal::of(e, values));
        }
    };
    let opinion = get("opinion");
    if opinion.is_empty() || opinion.chars().count() > 1000 {
        let errors = vec![FieldError::new(
            "opinion",
            "请填写审核意见（不超过 1000 字）",
        )];
        return Err(Refusal::fields(errors, values));
    }
    let actor = Actor::staff(&user);
    let at = crate::ui::format::now();
    let result: Result<(), ReviewRefused> = async {
        let mut tx = state.db.begin_write().await?;
        db::review(
            &mut tx,
            id,
            (user.id, &user.display_name),
            verdict,
            &opinion,
            &get("version"),
            at,
        )
        .await?;
        audit::record(
            &mut tx,
            &actor,
            if verdict == Verdict::Approve {
                "graphic.approved"
            } else {
                "graphic.returned"
            },
            &format!("graphic:{id}"),
            serde_json::json!({ "opinion": opinion, "version": get("version") }),
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    let (status, message) = match result {
        Ok(()) => {
            return Ok(see_other(&format!(
                "/staff/graphics/{id}/review?done={}",
                verdict.slug()
            )))
        }
        Err(ReviewRefused::NotFound) => return Err(no_graphic()),
        Err(ReviewRefused::Db(e)) => return Err(e.into()),
        Err(ReviewRefused::NotWaiting) => (
            StatusCode::CONFLICT,
            "这个图解已不在待审核状态，可能已被他人处理。",
        ),
        Err(ReviewRefused::Changed) => (
            StatusCode::CONFLICT,
            "您审核的不是最新的版本：打开审核页面后，图解已被修改并重新送审。请查看最新内容后再作决定。",
        ),
        Err(ReviewRefused::OwnWork) => (
            StatusCode::FORBIDDEN,
            "不能审核自己保存的图解，请由其他审核人员审核。",
        ),
    };
    Err(Refusal::message(status, message, values))
}
