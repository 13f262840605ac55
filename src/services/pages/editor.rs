//! The guide editor's pages: one service's overview
//! (`/staff/services/{code}`) and the review of the guide waiting, shown
//! as the public will see it with its application form
//! (`/staff/services/{code}/review`); a part to edit is `part.rs`.
//! 事项管理 staff and 管理员 write; reviewers review.

use super::apply::FieldInput;
use super::guide::guide_sections;
use crate::account::types::{Role, StaffUser};
use crate::error::AppError;
use crate::server::forms::{notice, submitted, Submitted};
use crate::services::answers::{step_title, steps};
use crate::services::db::editing::{Editing, ReviewRecord};
use crate::services::editor::{guide_fingerprint, may_edit, working_copy};
use crate::services::guide_form::{open_problems, Part};
use crate::services::types::{Service, ServiceStatus};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::error_page::{error_view, loaded};
use crate::ui::format::datetime_zh;
use crate::ui::forms::{error_for, ErrorSummary, Notice, TextArea};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Staff who write guides or review them, or the view to show instead.
pub(super) fn service_staff() -> Result<StaffUser, AnyView> {
    let user = crate::account::pages::signed_in()?;
    if may_edit(&user) || user.has(Role::Reviewer) {
        Ok(user)
    } else {
        Err(error_view(AppError::Forbidden))
    }
}

pub(super) fn param(name: &str) -> String {
    use_params_map()
        .with_untracked(|p| p.get(name))
        .unwrap_or_default()
}

/// What the overview and review pages load.
struct Loaded {
    editing: Editing,
    reviews: Vec<ReviewRecord>,
    versions: i64,
}

async fn load(code: String) -> Result<Loaded, AppError> {
    let db = crate::server::context::db()?;
    let editing = crate::services::db::editing::editing(&db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let reviews = crate::services::db::editing::reviews(&db, &code).await?;
    let versions = crate::services::db::editing::form_versions(&db, &code).await?;
    Ok(Loaded {
        editing,
        reviews,
        versions,
    })
}

pub(super) fn crumbs(code: &str, name: &str, current: &str) -> impl IntoView {
    let mut steps = vec![("工作台", "/staff"), ("事项管理", "/staff/services")];
    let here = format!("/staff/services/{code}");
    if !current.is_empty() {
        steps.push((name, here.as_str()));
    }
    let current = if current.is_empty() { name } else { current };
    view! { <Breadcrumbs trail=trail(&steps) current=current.to_owned() /> }
}

fn refused_message(sub: &Option<Submitted>) -> impl IntoView {
    sub.as_ref().and_then(|s| s.message.clone()).map(|m| {
        view! { <div class="app-banner app-banner--warning" role="alert"><p class="app-banner__text">{m}</p></div> }
    })
}

/// `/staff/services/{code}`: the service's status, its guide's parts, the
/// change waiting for review, retiring, and the review record.
#[component]
pub fn ServiceAdminPage() -> impl IntoView {
    let user = match service_staff() {
        Ok(user) => user,
        Err(view) => return view,
    };
    let code = param("code");
    loaded(move || load(code), move |l: Loaded| overview(l, &user)).into_any()
}

fn summary_of(part: Part, s: &Service) -> String {
    match part {
        Part::Basics => format!(
            "{}，{}类，面向{}；法定{}个工作日，承诺{}个工作日；{}",
            s.kind,
            s.theme,
            s.audience.label(),
            s.legal_days,
            s.promised_days,
            if s.online {
                "可网上申请"
            } else {
                "窗口办理"
            }
        ),
        Part::Materials => format!("{} 项材料", s.materials.len()),
        Part::Steps => format!("{} 个环节", s.steps.len()),
        Part::Form => format!(
            "{} 个填写项，分 {} 步",
            s.fields.len(),
            steps(&s.fields).len()
        ),
    }
}

fn overview(l: Loaded, user: &StaffUser) -> AnyView {
    let Loaded {
        editing: e,
        reviews,
        versions,
    } = l;
    let Some(work) = working_copy(&e).cloned() else {
        return error_view(AppError::NotFound);
    };
    let code = work.code.clone();
    let name = work.name.clone();
    let sub = submitted();
    let editor = may_edit(user);
    let action = format!("/staff/services/{code}");
    let waiting = e.pending.as_ref().map(|(pending, author)| {
        let changed: Vec<&str> = Part::ALL
            .into_iter()
            .filter(|p| e.live.as_ref().is_none_or(|live| p.differs(live, pending)))
            .map(Part::label)
            .collect();
        let problems = open_problems(pending);
        let own = *author == Some(user.id);
        let can_review = user.has(Role::Reviewer) && !own;
        view! {
            <section class="app-panel" aria-labelledby="waiting-title">
                <h2 class="app-panel__title" id="waiting-title">"等待审核的修改"</h2>
                <p>{format!("改动的部分：{}。", changed.join("、"))}</p>
                {(!problems.is_empty()).then(|| view! {
                    <p>{format!("还有{}处需要完善，完善后审核人员才能同意发布：", problems.len())}</p>
                    <ul class="app-list">
                        {problems.into_iter().map(|p| view! { <li class="app-list__item">{p}</li> }).collect_view()}
                    </ul>
                })}
                {(!e.return_note.is_empty()).then(|| view! {
                    <div class="app-banner" role="status">
                        <p class="app-banner__title">"审核退回"</p>
                        <p class="app-banner__text">{e.return_note.clone()}</p>
                    </div>
                })}
                <p>
                    <a class="app-button" href=format!("/staff/services/{code}/review")>
                        {if can_review { "预览并审核" } else { "预览（公众将看到的样子）" }}
                    </a>
                </p>
                {own.then(|| view! { <p class="app-hint">"这是你送审的修改，需由其他审核人员审核。"</p> })}
            </section>
        }
    });
    let parts = Part::ALL.into_iter().map(|part| {
        let href = format!("/staff/services/{code}/edit/{}", part.slug());
        view! {
            <div class="app-fields__row">
                <dt class="app-fields__label">{part.label()}</dt>
                <dd class="app-fields__value">
                    {summary_of(part, &work)}
                    {editor.then(|| view! { " "<a href=href>{format!("修改{}", part.label())}</a> })}
                </dd>
            </div>
        }
    }).collect_view();
    let status_form = editor.then(|| match e.status {
        ServiceStatus::Published => view! {
            <form class="app-form" method="post" action=action.clone()>
                <p>"停办后，事项从办事大厅、站内搜索中消失，不能再新申请，未提交的申请草稿也不能继续；已提交的办件照常办理和查询。"</p>
                <button type="submit" class="app-button app-button--warning" name="action" value="retire">"停办此事项"</button>
            </form>
        }.into_any(),
        ServiceStatus::Retired => view! {
            <form class="app-form" method="post" action=action.clone()>
                <p>"该事项已停办。恢复后按最近一次审核通过的办事指南重新在办事大厅显示。"</p>
                <button type="submit" class="app-button" name="action" value="restore">"恢复办理"</button>
            </form>
        }.into_any(),
        ServiceStatus::Draft => view! { <p>"该事项尚未发布：办事指南审核通过后即在办事大厅显示。"</p> }.into_any(),
    });
    let history = (!reviews.is_empty()).then(|| view! {
        <h2>"审核记录"</h2>
        <ul class="app-list">
            {reviews.into_iter().map(|r| {
                let decision = if r.decision == "approved" { "同意发布" } else { "退回修改" };
                view! { <li class="app-list__item">{format!("{} {}：{}。{}", datetime_zh(r.created_at), r.reviewer_name, decision, r.opinion)}</li> }
            }).collect_view()}
        </ul>
    });
    let retired_on = e
        .retired_at
        .map(|at| format!("（{}停办）", datetime_zh(at)));
    let title = if sub.is_some() {
        format!("错误：{name}")
    } else {
        name.clone()
    };
    view! {
        <PageMeta title=title description="办事事项的办事指南、申请表和发布状态。" />
        {crumbs(&code, &name, "")}
        <h1 class="app-page-title">{name.clone()}</h1>
        <p>
            {format!("事项编码 {code}。状态：{}", e.status.label())}
            {retired_on}
            {if versions > 0 {
                format!("。申请表第 {} 版（共 {versions} 版；已开始的申请沿用开始时的版本）。", e.form_version)
            } else {
                "。".to_owned()
            }}
        </p>
        {(e.status == ServiceStatus::Published).then(|| {
            let href = format!("/services/{code}");
            view! { <p><a href=href.clone()>{format!("公众看到的页面：{href}")}</a>" · "<a href=format!("/staff/services/{code}/export.json") download>"导出办事指南（JSON）"</a></p> }
        })}
        {notice().map(|n| view! { <Notice text=n /> })}
        {refused_message(&sub)}
        {waiting}
        <h2>{if e.pending.is_some() { "办事指南（含待审核的修改）" } else { "办事指南" }}</h2>
        <dl class="app-fields">{parts}</dl>
        {status_form.map(|f| view! { <h2>"办理状态"</h2> {f} })}
        {history}
    }
    .into_any()
}

/// `/staff/services/{code}/review`: the guide waiting, as the public will
/// see it, its application form, and the review form.
#[component]
pub fn ServiceReviewPage() -> impl IntoView {
    let user = match service_staff() {
        Ok(user) => user,
        Err(view) => return view,
    };
    let code = param("code");
    loaded(
        move || load(code),
        move |l: Loaded| review_view(l.editing, &user),
    )
    .into_any()
}

fn review_view(e: Editing, user: &StaffUser) -> AnyView {
    let Some((pending, author)) = e.pending.clone() else {
        let name = e.live.as_ref().map(|s| s.name.clone()).unwrap_or_default();
        let code = e.live.as_ref().map(|s| s.code.clone()).unwrap_or_default();
        return view! {
            <PageMeta title=format!("审核：{name}") description="办事指南的审核。" />
            {crumbs(&code, &name, "审核")}
            <h1 class="app-page-title">{format!("审核：{name}")}</h1>
            <p>"没有等待审核的修改（可能已由他人审核）。"</p>
            <p><a href=format!("/staff/services/{code}")>"返回事项"</a></p>
        }
        .into_any();
    };
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let code = pending.code.clone();
    let name = pending.name.clone();
    let problems = open_problems(&pending);
    let changed: Vec<&str> = Part::ALL
        .into_iter()
        .filter(|p| e.live.as_ref().is_none_or(|live| p.differs(live, &pending)))
        .map(Part::label)
        .collect();
    let own = author == Some(user.id);
    let form_changed = e
        .live
        .as_ref()
        .is_some_and(|live| live.fields != pending.fields);
    let review_form = (user.has(Role::Reviewer) && !own).then(|| {
        let opinion = sub.as_ref().map(|s| s.value("opinion")).unwrap_or_default();
        view! {
            <form class="app-form" method="post" action=format!("/staff/services/{code}/review")>
                <h2>"审核意见"</h2>
                <input type="hidden" name="seen" value=guide_fingerprint(&pending) />
                <TextArea name="opinion" label="审核意见" value=opinion rows=3 hint="如 经保密审查，同意公开" error=error_for(&errors, "opinion") />
                <div class="app-form__actions">
                    <button type="submit" class="app-button" name="action" value="approve" disabled=!problems.is_empty()>"同意发布"</button>
                    <button type="submit" class="app-button app-button--secondary" name="action" value="return">"退回修改"</button>
                </div>
            </form>
        }
    });
    let form_preview = steps(&pending.fields)
        .into_iter()
        .map(|step| {
            let fields = pending
                .fields
                .iter()
                .filter(|f| f.step == step)
                .cloned()
                .map(|field| view! { <FieldInput field value=String::new() error=None uploaded=None /> })
                .collect_view();
            view! {
                <h3>{step_title(&step).to_owned()}</h3>
                {fields}
            }
        })
        .collect_view();
    let title = if errors.is_empty() && sub.as_ref().and_then(|s| s.message.clone()).is_none() {
        format!("审核：{name}")
    } else {
        format!("错误：审核：{name}")
    };
    view! {
        <PageMeta title=title description="办事指南的审核。" />
        {crumbs(&code, &name, "审核")}
        <h1 class="app-page-title">{format!("审核：{name}")}</h1>
        <ErrorSummary errors=errors.clone() />
        {refused_message(&sub)}
        <p>{format!("改动的部分：{}。以下是公众将看到的办事指南和网上申请表。", changed.join("、"))}</p>
        {form_changed.then(|| view! { <p class="app-hint">"申请表有改动：发布后成为新版本，已开始的申请仍按原来的版本填写和审查。"</p> })}
        {(!problems.is_empty()).then(|| view! {
            <div class="app-banner app-banner--warning" role="status">
                <p class="app-banner__title">{format!("还有{}处需要完善，暂不能发布", problems.len())}</p>
                <ul class="app-list">
                    {problems.iter().map(|p| view! { <li class="app-list__item">{p.clone()}</li> }).collect_view()}
                </ul>
            </div>
        })}
        <section class="app-panel" aria-labelledby="preview-guide">
            <h2 class="app-panel__title" id="preview-guide">{format!("办事指南预览：{name}")}</h2>
            <p class="app-services__meta">
                <span>{pending.kind.clone()}</span>
                <span>{format!("{}类", pending.theme)}</span>
                <span>{format!("面向{}", pending.audience.label())}</span>
                <span>{format!("事项编码 {code}")}</span>
                <span>{if pending.online { "可网上申请" } else { "窗口办理" }}</span>
            </p>
            {guide_sections(&pending, None, true)}
        </section>
        <section class="app-panel app-editor__form-preview" aria-labelledby="preview-form">
            <h2 class="app-panel__title" id="preview-form">"网上申请表预览"</h2>
            {if pending.fields.is_empty() {
                view! { <p>"没有网上申请表。"</p> }.into_any()
            } else {
                view! { <div class="app-form">{form_preview}</div> }.into_any()
            }}
        </section>
        {own.then(|| view! { <p>"这是你送审的修改，需由其他审核人员审核。"</p> })}
        {review_form}
    }
    .into_any()
}
