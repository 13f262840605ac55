//! `/staff/archive`: export what was made public in a period for the
//! archives and the library (两馆报送), follow an export's progress, and
//! download finished packages.

use crate::archive::api::get_archive;
use crate::archive::types::{ArchiveView, ExportLine, ExportStatus};
use crate::error::FieldError;
use crate::server::forms::{notice, Submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::forms::{error_for, ErrorSummary, Notice, TextInput};
use crate::ui::{error_page::loaded, layout::PageMeta};
use leptos::prelude::*;

fn size(bytes: i64) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

fn row(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="app-meta__row">
            <dt class="app-meta__key">{label}</dt>
            <dd class="app-meta__value">{value}</dd>
        </div>
    }
}

#[component]
fn Export(e: ExportLine) -> impl IntoView {
    let tag = match e.status {
        ExportStatus::Done => "app-tag",
        ExportStatus::Running => "app-tag app-tag--light",
        ExportStatus::Failed => "app-tag app-tag--overdue",
    };
    let heading = format!("{} 至 {}", e.from, e.to);
    let progress = (e.status == ExportStatus::Running).then(|| {
        let text = if e.total == 0 {
            "正在读取信息目录…".to_owned()
        } else {
            format!("已写入{}条，共{}条。", e.done, e.total)
        };
        view! {
            <p class="app-archive__progress">
                <label for=format!("progress-{}", e.id)>"导出进度"</label>" "
                <progress id=format!("progress-{}", e.id) max=e.total.max(1) value=e.done>{text.clone()}</progress>
                " "<span>{text}</span>" "
                <a href=format!("/staff/archive#export-{}", e.id)>"刷新进度"</a>
            </p>
        }
    });
    let done = e.status == ExportStatus::Done;
    view! {
        <li class="app-archive__item" id=format!("export-{}", e.id)>
            <h3 class="app-archive__title">{heading}" "<span class=tag>{e.status.label()}</span></h3>
            {progress}
            <dl class="app-meta">
                {row("导出人", e.by.clone())}
                {row("开始时间", e.started.clone())}
                {e.finished.clone().map(|f| row("结束时间", f))}
                {done.then(|| row("信息", format!("{}条（其中已撤回{}条）", e.items, e.withdrawn)))}
                {done.then(|| row("附件", format!("{}个", e.attachments)))}
                {done.then(|| row("大小", size(e.bytes)))}
                {done.then(|| row("导出包 SHA-256", e.sha256.clone()))}
                {done.then(|| row("清单 SHA-256", e.manifest_sha256.clone()))}
                {(!e.error.is_empty()).then(|| row("原因", e.error.clone()))}
            </dl>
            {match (done, e.kept) {
                (true, true) => Some(view! {
                    <p><a class="app-button" href=format!("/staff/archive/{}/package.zip", e.id)>{format!("下载导出包（{}）", size(e.bytes))}</a></p>
                }.into_any()),
                (true, false) => Some(view! {
                    <p class="app-hint">"导出包已不在门户保存（只保留最近3个），记录和校验值仍在；如需要可重新导出这一期间。"</p>
                }.into_any()),
                _ => None,
            }}
        </li>
    }
}

#[component]
fn Archive(v: ArchiveView, submitted: Option<Submitted>) -> impl IntoView {
    let errors: Vec<FieldError> = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let value = |k: &str, default: &str| match &submitted {
        Some(s) => s.value(k),
        None => default.to_owned(),
    };
    let title = if errors.is_empty() {
        "两馆报送"
    } else {
        "错误：两馆报送"
    };
    let last = v
        .exports
        .iter()
        .find(|e| e.status == ExportStatus::Done)
        .map(|e| format!("上一次完成的导出截止到{}，这次默认从次日开始。", e.to));
    view! {
        <PageMeta title=title description="把一段时间内主动公开的政府信息导出，报送档案馆和公共图书馆。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="两馆报送" />
        <h1 class="app-page-title">"两馆报送"</h1>
        {notice().map(|n| view! { <Notice text=n /> })}
        <ErrorSummary errors=errors.clone() />
        <p class="app-hint">
            "把一段时间内主动公开的全部政府信息导出为一个压缩包，报送档案馆和公共图书馆：每条信息的发布页面、目录信息（XML 和 JSON）、附件和图解，一个可以直接打开的目录页，以及每个文件的 SHA-256 校验清单（BagIt 格式，可用 sha256sum -c 核对）。这段时间后来撤回的信息只保留目录信息并注明撤回。导出包按导出开始时的数据生成，导出过程中的修改不会混入。"
        </p>
        {last.map(|t| view! { <p>{t}</p> })}
        <form class="app-form" method="post" action="/staff/archive">
            <h2 class="app-section-title">"新的导出"</h2>
            <TextInput name="from" label="起始日期" kind="date" required=true
                hint="按 2026-01-01 的格式填写；包含这一天。"
                value=value("from", &v.next_from) error=error_for(&errors, "from") />
            <TextInput name="to" label="截止日期" kind="date" required=true
                hint="包含这一天，不能晚于今天。"
                value=value("to", &v.next_to) error=error_for(&errors, "to") />
            <button type="submit" class="app-button">"开始导出"</button>
        </form>
        <h2 class="app-section-title">"导出记录"</h2>
        {if v.exports.is_empty() {
            view! { <p>"还没有导出过。"</p> }.into_any()
        } else {
            view! {
                <ol class="app-archive">
                    {v.exports.into_iter().map(|e| view! { <Export e /> }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

/// `/staff/archive`: start an export, follow it, download packages.
/// Editors only.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let submitted = use_context::<Submitted>();
    loaded(get_archive, move |v| {
        view! { <Archive v submitted=submitted.clone() /> }.into_any()
    })
}
