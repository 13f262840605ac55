//! `/staff/pages` and `/staff/pages/{slug}`: the text pages staff write
//! (公开指南, 公开制度, about, contact, privacy) — the list, and one page's
//! text with the text waiting for review as the public will see it and the
//! page's revisions. Editors and reviewers.

use super::text_review::{review_panel, Waiting};
use crate::account::types::{Role, StaffUser};
use crate::content::db::{PageText, StaffPage};
use crate::content::editorial::editor::BodyEditor;
use crate::content::page_admin::page_fingerprint;
use crate::content::types::{PublicationStatus, TextPage};
use crate::error::AppError;
use crate::server::forms::{notice, submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::error_page::{error_view, loaded};
use crate::ui::format::datetime_zh;
use crate::ui::forms::{error_for, ErrorSummary, Notice, TextInput};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn page_staff() -> Result<StaffUser, AnyView> {
    let user = crate::account::pages::signed_in()?;
    if user.has(Role::Editor) || user.has(Role::Reviewer) {
        Ok(user)
    } else {
        Err(error_view(AppError::Forbidden))
    }
}

fn status_text(page: &StaffPage) -> &'static str {
    match (page.status, page.pending.is_some()) {
        (None, _) => "尚未撰写",
        (Some(PublicationStatus::Draft), _) => "待审核，尚未公开",
        (Some(_), true) => "已公开，有待审核的修改",
        (Some(_), false) => "已公开",
    }
}

/// `/staff/pages`: the text pages and where each stands.
#[component]
pub fn PagesAdminPage() -> impl IntoView {
    if let Err(view) = page_staff() {
        return view;
    }
    view! {
        <PageMeta title="页面管理" description="公开指南、公开制度和网站说明页面的编辑与审核。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="页面管理" />
        <h1 class="app-page-title">"页面管理"</h1>
        <p class="app-page-lede">"政府信息公开指南、公开制度和网站的说明页面。修改经审核人员审核后才对公众显示，每次审核通过的版本都会保留。"</p>
        {loaded(
            || async {
                let db = crate::server::context::db()?;
                Ok::<_, AppError>(crate::content::db::staff_pages(&db).await?)
            },
            |pages: Vec<StaffPage>| view! {
                <div class="app-table-wrap">
                    <table class="app-table app-table--cards">
                        <caption class="app-visually-hidden">"页面"</caption>
                        <thead><tr>
                            <th scope="col">"页面"</th>
                            <th scope="col">"状态"</th>
                            <th scope="col">"公众访问地址"</th>
                        </tr></thead>
                        <tbody>
                            {pages.iter().map(|p| {
                                let title = p.live.as_ref().map_or(p.page.default_title(), |t| t.title.as_str()).to_owned();
                                view! {
                                    <tr>
                                        <th scope="row" data-label="页面"><a href=format!("/staff/pages/{}", p.page.slug())>{title}</a></th>
                                        <td data-label="状态">{status_text(p)}</td>
                                        <td data-label="公众访问地址">{p.page.path()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any(),
        )}
    }
    .into_any()
}

/// `/staff/pages/{slug}`: one text page.
#[component]
pub fn PageAdminPage() -> impl IntoView {
    let user = match page_staff() {
        Ok(user) => user,
        Err(view) => return view,
    };
    let page = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .and_then(|s| TextPage::from_slug(&s));
    let Some(page) = page else {
        return error_view(AppError::NotFound);
    };
    loaded(
        move || async move {
            let db = crate::server::context::db()?;
            let mut conn = db.pool().acquire().await.map_err(AppError::from)?;
            Ok::<_, AppError>(crate::content::db::staff_page_in(&mut conn, page).await?)
        },
        move |stored: StaffPage| page_view(stored, &user),
    )
    .into_any()
}

fn page_view(stored: StaffPage, user: &StaffUser) -> AnyView {
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let message = sub.as_ref().and_then(|s| s.message.clone());
    let page = stored.page;
    let heading = page.default_title();
    let title = if errors.is_empty() && message.is_none() {
        heading.to_owned()
    } else {
        format!("错误：{heading}")
    };
    let action = format!("/staff/pages/{}", page.slug());
    let editor = user.has(Role::Editor);
    let reviewer = user.has(Role::Reviewer);
    let value = |key: &str, stored: String| match &sub {
        Some(s) => s.value(key),
        None => stored,
    };
    let current: PageText = stored
        .pending
        .as_ref()
        .map(|(t, _)| t.clone())
        .or_else(|| stored.live.clone())
        .unwrap_or(PageText {
            title: page.default_title().to_owned(),
            body_md: String::new(),
        });
    // The article editor's body: tabs to write and preview on a phone, the
    // preview as the public will see it while typing, a warning before
    // leaving unsaved text (no autosave: a page's draft is its review).
    let body = value("body_md", current.body_md.clone());
    let text_form = editor.then(|| {
        view! {
            <form class="app-form" method="post" action=action.clone() id="text">
                <h2>"编辑"</h2>
                <TextInput name="title" label="标题" value=value("title", current.title.clone()) error=error_for(&errors, "title") />
                <BodyEditor value=body.clone() error=error_for(&errors, "body_md") preview_html=crate::content::markdown::render(&body) article_id=None />
                <div class="app-form__actions">
                    <button type="submit" class="app-button" name="action" value="save">"保存并送审"</button>
                </div>
            </form>
        }
    });
    let review = stored.pending.as_ref().map(|(pending, author)| {
        let waiting = Waiting {
            title: &pending.title,
            summary: None,
            body_md: &pending.body_md,
            seen: page_fingerprint(pending),
            own: *author == Some(user.id),
        };
        review_panel(waiting, reviewer, &action)
    });
    let returned = (!stored.return_note.is_empty()).then(|| {
        view! {
            <div class="app-banner" role="status">
                <p class="app-banner__title">"审核退回"</p>
                <p class="app-banner__text">{stored.return_note.clone()}</p>
            </div>
        }
    });
    let public = stored.live.is_some().then(|| {
        view! { <p><a href=page.path()>{format!("公众看到的页面：{}", page.path())}</a></p> }
    });
    let revisions = (!stored.revisions.is_empty()).then(|| {
        view! {
            <h2>"审核记录和历史版本"</h2>
            <ul class="app-list">
                {stored.revisions.iter().map(|r| {
                    let decision = if r.approved { "同意发布" } else { "退回修改" };
                    view! {
                        <li class="app-list__item">
                            <details>
                                <summary>{format!("{} {}：{}。{}", datetime_zh(r.at), r.reviewer, decision, r.opinion)}</summary>
                                <h3>{r.text.title.clone()}</h3>
                                <div class="app-prose" inner_html=crate::content::markdown::render(&r.text.body_md)></div>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <PageMeta title=title description="页面的编辑和审核。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("页面管理", "/staff/pages")]) current=heading />
        <h1 class="app-page-title">{heading}</h1>
        <p>{format!("状态：{}", status_text(&stored))}</p>
        {public}
        {notice().map(|n| view! { <Notice text=n /> })}
        <ErrorSummary errors=errors.clone() />
        {message.map(|m| view! { <div class="app-banner" role="alert"><p class="app-banner__text">{m}</p></div> })}
        {returned}
        {review}
        {text_form}
        {revisions}
    }
    .into_any()
}
