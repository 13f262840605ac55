use super::{Crumbs, Value};
use crate::account::types::Role;
use crate::error::AppError;
use crate::registers::api::{get_register_original, get_register_row};
use crate::registers::schema::{
    Field, Kind, Register, POWER_CHANGES, PROCUREMENT_STAGES, PROJECT_STAGES,
};
use crate::registers::types::{RowPage as RowData, StaffRow, TimelineEntry};
use crate::server::forms::Submitted;
use crate::ui::{
    error_page::{awaited, error_view},
    forms::{error_for, ErrorSummary, Notice, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/registers/{register}/{id}`: one row, every field, its timeline. Staff
/// with the editor role see the original beside the masked value and edit
/// the row here, in place.
#[component]
pub fn RowPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params
        .with_untracked(|p| p.get("register"))
        .unwrap_or_default();
    let id = crate::ui::url::id_param("id");
    view! {
        {awaited(async move {
                let (Some(register), Some(id)) = (Register::from_slug(&slug), id) else {
                    return error_view(AppError::NotFound);
                };
                let data = match get_register_row(slug.clone(), id).await {
                    Ok(d) => d,
                    Err(e) => return error_view(e),
                };
                let editor = crate::account::auth::current_user().is_some_and(|u| u.has(Role::Editor));
                let staff = if editor { get_register_original(id).await.ok() } else { None };
                view! { <Row register data staff /> }.into_any()
            })}
    }
}

#[component]
fn Row(register: Register, data: RowData, staff: Option<StaffRow>) -> impl IntoView {
    let row = data.row.clone();
    let title = {
        let t = row.get(register.columns().title);
        if t.chars().count() > 60 {
            format!("{}…", t.chars().take(60).collect::<String>())
        } else {
            t.to_owned()
        }
    };
    let failed =
        use_context::<Submitted>().is_some_and(|s| !s.errors.is_empty() || s.message.is_some());
    let page_title = format!(
        "{}{title} - {}",
        if failed { "错误：" } else { "" },
        register.label()
    );
    let description = format!("{}：{title}", register.label());
    let updated = crate::ui::format::datetime_zh(data.updated_at);
    let any_masked = !row.masked.is_empty();
    view! {
        <PageMeta title=page_title description />
        <Crumbs register current="详情" />
        <h1 class="app-page-title">{title}</h1>
        {crate::server::forms::notice().map(|n| view! { <Notice text=n /> })}
        {row.hidden.clone().map(|h| view! {
            <div class="app-banner app-banner--warning" role="note">
                <p class="app-banner__title">{format!("公众已看不到此记录（{h}）")}</p>
                {staff.as_ref().and_then(|s| s.withdrawn.clone()).map(|r| view! { <p class="app-banner__text">{format!("撤销原因：{r}")}</p> })}
            </div>
        })}
        <dl class="app-fields">
            {register.fields().iter().map(|f| {
                let empty = row.get(f.key).is_empty();
                view! {
                    <div class="app-fields__row">
                        <dt class="app-fields__label">{f.label}</dt>
                        <dd class="app-fields__value">
                            {if empty { view! { <span class="app-value app-value--empty">"—"</span> }.into_any() } else { view! { <Value field=f row=row.clone() /> }.into_any() }}
                        </dd>
                    </div>
                }
            }).collect_view()}
        </dl>
        {any_masked.then(|| view! {
            <p class="app-hint">"标注“依法隐去”的内容，已依据个人信息保护的有关规定隐去自然人姓名、身份证号码、手机号码、银行卡号和详细住址等信息。"</p>
        })}
        {data.credit_code.clone().map(|code| view! {
            <p><a href=format!("/credit/{code}")>"查看该单位的信用信息"</a></p>
        })}
        {if register == Register::Project && !data.timeline.is_empty() {
            // A project's progress reads best as a 图解 timeline.
            let spec = crate::graphics::build::project_timeline(data.row.get(register.columns().title), &data.timeline);
            view! {
                <section aria-labelledby="timeline-title">
                    <h2 id="timeline-title" class="app-section-title">"项目进程"</h2>
                    <crate::graphics::pages::Figure spec dom_id="project-timeline".to_owned() level=0 />
                </section>
            }.into_any()
        } else {
            view! { <Timeline entries=data.timeline.clone() register /> }.into_any()
        }}
        <p class="app-meta-line">{format!("数据更新于 {updated}")}</p>
        {staff.map(|s| view! { <StaffTools register data=data.clone() staff=s /> })}
    }
}

#[component]
fn Timeline(entries: Vec<TimelineEntry>, register: Register) -> impl IntoView {
    let heading = match register {
        Register::Power => "调整情况",
        Register::Procurement => "采购进程",
        Register::Project => "项目进程",
        _ => "记录",
    };
    (!entries.is_empty()).then(|| view! {
        <section class="app-timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title" class="app-section-title">{heading}</h2>
            <ol class="app-timeline__list">
                {entries.into_iter().map(|e| view! {
                    <li class="app-timeline__item">
                        <time class="app-timeline__date" datetime=e.date.clone()>{crate::ui::format::date_zh(&e.date)}</time>
                        <span class="app-timeline__stage">{e.stage}</span>
                        {(!e.note.is_empty()).then(|| view! { <p class="app-timeline__note">{e.note}</p> })}
                        {(!e.document.is_empty()).then(|| view! { <p class="app-timeline__document">{format!("依据：{}", e.document)}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    })
}

/// The stages an entry on this register's timeline may have.
pub fn event_stages(register: Register) -> &'static [&'static str] {
    match register {
        Register::Power => POWER_CHANGES,
        Register::Project => PROJECT_STAGES,
        Register::Procurement => PROCUREMENT_STAGES,
        _ => &["记录"],
    }
}

/// The staff form for a row's fields (new or edit), entries kept after an error.
#[component]
pub fn RowForm(
    register: Register,
    action: String,
    values: Vec<(String, String)>,
    errors: Vec<crate::error::FieldError>,
    #[prop(optional)] version: Option<i64>,
    #[prop(into)] submit: String,
) -> impl IntoView {
    let get = move |k: &str| {
        values
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    view! {
        <form class="app-form" method="post" action=action>
            <input type="hidden" name="form" value="edit" />
            {version.map(|v| view! { <input type="hidden" name="version" value=v.to_string() /> })}
            {register.fields().iter().map(|f| field_input(f, get(f.key), error_for(&errors, f.key))).collect_view()}
            <button type="submit" class="app-button">{submit}</button>
        </form>
    }
}

fn field_input(f: &'static Field, value: String, error: Option<String>) -> AnyView {
    let label = f.label;
    match f.kind {
        Kind::LongText => view! { <TextArea name=f.key label value error rows=4 /> }.into_any(),
        Kind::Choice(choices) => {
            let options: Vec<(String, String)> = std::iter::once((String::new(), "请选择".to_owned()))
                .chain(choices.iter().map(|c| ((*c).to_owned(), (*c).to_owned())))
                .collect();
            view! { <Select name=f.key label options selected=value error /> }.into_any()
        }
        Kind::Flag => {
            let options = vec![("否".to_owned(), "否".to_owned()), ("是".to_owned(), "是".to_owned())];
            view! { <Select name=f.key label options selected=value error /> }.into_any()
        }
        Kind::Date => view! { <TextInput name=f.key label value error hint="格式：2016-05-03" /> }.into_any(),
        Kind::Money => view! { <TextInput name=f.key label value error hint="单位：元，最多两位小数" /> }.into_any(),
        Kind::Code => view! { <TextInput name=f.key label value error hint="18 位统一社会信用代码；自然人填写身份证号码（不公开）" /> }.into_any(),
        _ => view! { <TextInput name=f.key label value error /> }.into_any(),
    }
}

#[component]
fn StaffTools(register: Register, data: RowData, staff: StaffRow) -> impl IntoView {
    let id = data.row.id;
    let slug = register.slug();
    let sub = use_context::<Submitted>();
    let which = sub.as_ref().map(|s| s.value("form")).unwrap_or_default();
    let for_form = |name: &str| sub.clone().filter(|_| which == name);
    let edit = for_form("edit");
    let event = for_form("event");
    let withdraw = for_form("withdraw");
    let values: Vec<(String, String)> = match &edit {
        Some(s) => register
            .fields()
            .iter()
            .map(|f| (f.key.to_owned(), s.value(f.key)))
            .collect(),
        None => staff.original.clone(),
    };
    let edit_errors = edit.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let differing: Vec<(&'static str, String, String)> = register
        .fields()
        .iter()
        .filter_map(|f| {
            let original = staff
                .original
                .iter()
                .find(|(k, _)| k == f.key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let public = data.row.get(f.key).to_owned();
            (original != public).then_some((f.label, original, public))
        })
        .collect();
    let withdrawn = data.row.hidden.as_deref() == Some("已撤销");
    let stages: Vec<(String, String)> = event_stages(register)
        .iter()
        .map(|s| ((*s).to_owned(), (*s).to_owned()))
        .collect();
    let ev = |k: &str| event.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let event_errors = event.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let withdraw_errors = withdraw
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let message = sub.as_ref().and_then(|s| s.message.clone());
    view! {
        <section class="app-staff-panel" aria-labelledby="staff-title">
            <h2 id="staff-title" class="app-section-title">"工作人员视图"</h2>
            {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
            {(!differing.is_empty()).then(|| view! {
                <table class="app-table app-table--compare">
                    <caption>"原文与公开内容对照（仅工作人员可见）"</caption>
                    <thead><tr><th scope="col">"字段"</th><th scope="col">"原文"</th><th scope="col">"公开内容"</th></tr></thead>
                    <tbody>
                        {differing.into_iter().map(|(label, original, public)| view! {
                            <tr><th scope="row">{label}</th><td>{original}</td><td>{public}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(!withdrawn).then(|| view! {
                <details class="app-disclosure" open=edit.is_some()>
                    <summary>"编辑此记录"</summary>
                    <ErrorSummary errors=edit_errors.clone() />
                    <RowForm register action=format!("/registers/{slug}/{id}") values errors=edit_errors version=staff.version submit="保存修改" />
                </details>
                <details class="app-disclosure" open=event.is_some()>
                    <summary>"添加进程记录"</summary>
                    <ErrorSummary errors=event_errors.clone() />
                    <form class="app-form" method="post" action=format!("/registers/{slug}/{id}/events")>
                        <input type="hidden" name="form" value="event" />
                        <TextInput name="event_date" label="日期" value=ev("event_date") error=error_for(&event_errors, "event_date") hint="格式：2016-05-03" />
                        <Select name="event_stage" label="事项" options=stages selected=ev("event_stage") error=error_for(&event_errors, "event_stage") />
                        <TextArea name="event_note" label="说明" value=ev("event_note") error=error_for(&event_errors, "event_note") rows=2 />
                        <TextInput name="event_document" label="依据文件" value=ev("event_document") error=error_for(&event_errors, "event_document") />
                        <button type="submit" class="app-button app-button--secondary">"添加"</button>
                    </form>
                </details>
                <details class="app-disclosure" open=withdraw.is_some()>
                    <summary>"撤销此记录"</summary>
                    <ErrorSummary errors=withdraw_errors.clone() />
                    <form class="app-form" method="post" action=format!("/registers/{slug}/{id}/withdraw")>
                        <input type="hidden" name="form" value="withdraw" />
                        <TextArea name="reason" label="撤销原因（将向公众公开）" value=withdraw.as_ref().map(|s| s.value("reason")).unwrap_or_default() error=error_for(&withdraw_errors, "reason") rows=2 />
                        <button type="submit" class="app-button app-button--warning">"撤销"</button>
                    </form>
                </details>
            })}
        </section>
    }
}
