use super::Crumbs;
use crate::error::FieldError;
use crate::server::forms::Submitted;
use crate::services::answers::{problems, step_title, steps};
use crate::services::api::{get_application, get_service};
use crate::services::types::{ApplicationPage, FieldKind, FormField, ServiceGuide};
use crate::ui::{
    error_page::{awaited, error_view},
    forms::ErrorSummary,
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/services/{code}/apply`: what applying takes, and the button that starts.
#[component]
pub fn ApplyStartPage() -> impl IntoView {
    let code = crate::ui::url::route_param("code");
    view! {
        {awaited(async move {
                match get_service(code.clone()).await {
                    Ok(ServiceGuide { service: s, .. }) if s.online => {
                        let all = steps(&s.fields);
                        view! {
                            <PageMeta title=format!("网上申请：{}", s.name) description=format!("{}的网上申请。", s.name) />
                            <Crumbs service=(s.code.clone(), s.name.clone()) current="网上申请" />
                            <h1 class="app-page-title">{format!("网上申请：{}", s.name)}</h1>
                            <p class="app-page-lede">{format!("共 {} 步，之后核对并提交。可以随时保存草稿，凭草稿链接回来接着填写。", all.len())}</p>
                            <ol class="app-apply__overview">
                                {all.iter().map(|st| view! { <li>{step_title(st).to_owned()}</li> }).collect_view()}
                                <li>"核对并提交"</li>
                            </ol>
                            <h2 class="app-section-title">"请先准备好以下材料的电子文件"</h2>
                            <ul>
                                {s.materials.iter().filter(|m| m.field.is_some()).map(|m| view! {
                                    <li>{format!("{}{}", m.name, if m.required { "" } else { "（视情况提交）" })}</li>
                                }).collect_view()}
                            </ul>
                            <p class="app-hint">"PDF、JPEG 或 PNG 格式，单个不超过 10 MB。"</p>
                            <form method="post" action=format!("/services/{}/apply", s.code)>
                                <button type="submit" class="app-button">"开始填写"</button>
                            </form>
                        }.into_any()
                    }
                    Ok(_) => error_view(crate::error::AppError::NotFound),
                    Err(e) => error_view(e),
                }
            })}
    }
}

/// `/services/{code}/apply/{token}?step=n|review`: one step of the form, or
/// the review before submitting. The link is the draft: keep it to resume.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let params = use_params_map();
    let code = params.with_untracked(|p| p.get("code")).unwrap_or_default();
    let token = params
        .with_untracked(|p| p.get("token"))
        .unwrap_or_default();
    let q = use_query_map();
    let step = q.with_untracked(|m| m.get("step")).unwrap_or_default();
    let saved = q.with_untracked(|m| m.get("saved")).is_some();
    let submitted = use_context::<Submitted>();
    view! {
        {awaited({
                let submitted = submitted.clone();
                let step = step.clone();
                async move {
                    match get_application(code.clone(), token.clone()).await {
                        Ok(app) if !app.status.editable() => view! { <Receipt app /> }.into_any(),
                        Ok(app) if step == "review" => view! { <Review app /> }.into_any(),
                        Ok(app) => {
                            let n = step.parse::<usize>().unwrap_or(1);
                            view! { <Step app n saved submitted=submitted.clone() /> }.into_any()
                        }
                        Err(e) => error_view(e),
                    }
                }
            })}
    }
}

/// `/services/{code}/apply/{token}/receipt`: the printable receipt.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let code = params.with_untracked(|p| p.get("code")).unwrap_or_default();
    let token = params
        .with_untracked(|p| p.get("token"))
        .unwrap_or_default();
    view! {
        {awaited(async move {
                match get_application(code.clone(), token.clone()).await {
                    Ok(app) if app.status != crate::services::types::CaseStatus::Draft => view! { <Receipt app /> }.into_any(),
                    Ok(app) => {
                        // Not submitted yet: the review says what is left.
                        view! { <Review app /> }.into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
    }
}

fn progress(names: &[String], current: Option<usize>) -> impl IntoView {
    let total = names.len() + 1;
    let at = current.map(|i| i + 1).unwrap_or(total);
    view! {
        <p class="app-apply__progress">{format!("第 {at} 步，共 {total} 步")}</p>
    }
}

#[component]
pub(crate) fn FieldInput(
    field: FormField,
    value: String,
    error: Option<String>,
    uploaded: Option<String>,
) -> impl IntoView {
    let FormField {
        key,
        label,
        kind,
        required,
        options,
        hint,
        pattern_hint,
        ..
    } = field;
    let hint = match (hint.is_empty(), pattern_hint) {
        (false, _) => hint,
        (true, Some(p)) => format!("格式：{p}"),
        (true, None) => String::new(),
    };
    let has_error = error.is_some();
    let described = [
        (!hint.is_empty()).then(|| format!("{key}-hint")),
        has_error.then(|| format!("{key}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let invalid = has_error.then_some("true");
    let label_text = if required {
        label.clone()
    } else {
        format!("{label}（选填）")
    };
    let input = match kind {
        FieldKind::Choice => view! {
            <select class="app-field__select" id=key.clone() name=key.clone() aria-describedby=described.clone() aria-invalid=invalid>
                <option value="" selected=value.is_empty()>"请选择"</option>
                {options.into_iter().map(|o| {
                    let selected = o == value;
                    view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                }).collect_view()}
            </select>
        }.into_any(),
        FieldKind::File => view! {
            <input class="app-field__file" id=key.clone() name=key.clone() type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby=described.clone() aria-invalid=invalid />
        }.into_any(),
        FieldKind::Number => view! {
            <input class="app-field__input app-field__input--short" id=key.clone() name=key.clone() type="text" inputmode="decimal" value=value.clone() aria-describedby=described.clone() aria-invalid=invalid />
        }.into_any(),
        FieldKind::Date => view! {
            <input class="app-field__input app-field__input--short" id=key.clone() name=key.clone() type="date" value=value.clone() aria-describedby=described.clone() aria-invalid=invalid />
        }.into_any(),
        FieldKind::Text => view! {
            <input class="app-field__input" id=key.clone() name=key.clone() type="text" value=value.clone() aria-describedby=described.clone() aria-invalid=invalid />
        }.into_any(),
    };
    view! {
        <div class=if has_error { "app-field app-field--error" } else { "app-field" }>
            <label class="app-field__label" for=key.clone()>{label_text}</label>
            {(!hint.is_empty()).then(|| view! { <p class="app-field__hint" id=format!("{key}-hint")>{hint.clone()}</p> })}
            {uploaded.map(|u| view! { <p class="app-apply__uploaded">{format!("已上传：{u}（重新选择文件可替换）")}</p> })}
            {error.map(|e| view! {
                <p class="app-field__error" id=format!("{key}-error")>
                    <span class="app-visually-hidden">"错误："</span>{e}
                </p>
            })}
            {input}
        </div>
    }
}

#[component]
fn Step(
    app: ApplicationPage,
    n: usize,
    saved: bool,
    submitted: Option<Submitted>,
) -> impl IntoView {
    let names = steps(&app.service.fields);
    let n = n.clamp(1, names.len().max(1));
    let step = names.get(n - 1).cloned().unwrap_or_default();
    let title = step_title(&step).to_owned();
    let errors: Vec<FieldError> = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let has_errors = !errors.is_empty();
    let path = format!("/services/{}/apply/{}", app.service.code, app.token);
    let fields: Vec<FormField> = app
        .service
        .fields
        .iter()
        .filter(|f| f.step == step)
        .cloned()
        .collect();
    let page_title = format!(
        "{}{title} - 网上申请：{}",
        if has_errors { "错误：" } else { "" },
        app.service.name
    );
    view! {
        <PageMeta title=page_title description=format!("{}的网上申请。", app.service.name) />
        <Crumbs service=(app.service.code.clone(), app.service.name.clone()) current="网上申请" />
        {progress(&names, Some(n - 1))}
        <h1 class="app-page-title">{title}</h1>
        <CorrectionNote text=app.correction.clone() />
        {saved.then(|| view! {
            <div class="app-banner app-banner--ok" role="status">
                <p class="app-banner__title">"草稿已保存"</p>
                <p class="app-banner__text">"请保存本页链接（可加入收藏），之后打开它接着填写："</p>
                <p class="app-banner__text app-apply__link">{format!("{path}?step={n}")}</p>
            </div>
        })}
        <ErrorSummary errors=errors.clone() />
        <form class="app-form" method="post" action=format!("{path}?step={n}") enctype="multipart/form-data" novalidate=true>
            {fields.into_iter().map(|f| {
                let value = submitted
                    .as_ref()
                    .map(|s| s.value(&f.key))
                    .unwrap_or_else(|| app.answers.get(&f.key).cloned().unwrap_or_default());
                let error = errors.iter().find(|e| e.field == f.key).map(|e| e.message.clone());
                let uploaded = app
                    .files
                    .iter()
                    .find(|u| u.field == f.key)
                    .map(|u| format!("{}，{}", u.file_name, crate::ui::format::file_size(u.size)));
                view! { <FieldInput field=f value error uploaded /> }
            }).collect_view()}
            <div class="app-apply__buttons">
                <button type="submit" class="app-button" name="action" value="next">{if n == names.len() { "下一步：核对" } else { "下一步" }}</button>
                {(n > 1).then(|| view! { <button type="submit" class="app-button app-button--secondary" name="action" value="back">"上一步"</button> })}
                <button type="submit" class="app-button app-button--secondary" name="action" value="save">"保存草稿"</button>
            </div>
        </form>
    }
}

#[component]
fn Review(app: ApplicationPage) -> impl IntoView {
    let names = steps(&app.service.fields);
    let missing = problems(&app.service.fields, &app.answers, &app.files);
    let path = format!("/services/{}/apply/{}", app.service.code, app.token);
    let errors: Vec<FieldError> = missing.iter().map(|(_, e)| e.clone()).collect();
    let has_errors = !errors.is_empty();
    view! {
        <PageMeta title=format!("{}核对申请 - 网上申请：{}", if has_errors { "错误：" } else { "" }, app.service.name) description="提交前核对申请内容。" />
        <Crumbs service=(app.service.code.clone(), app.service.name.clone()) current="网上申请" />
        {progress(&names, None)}
        <h1 class="app-page-title">"核对申请"</h1>
        <CorrectionNote text=app.correction.clone() />
        {has_errors.then(|| view! {
            <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true aria-labelledby="missing-title">
                <h2 class="app-error-summary__title" id="missing-title">"还有内容需要补充，补充后才能提交"</h2>
                <ul class="app-error-summary__list">
                    {missing.iter().map(|(step, e)| {
                        let i = names.iter().position(|s| s == step).unwrap_or(0) + 1;
                        view! { <li><a href=format!("{path}?step={i}#{}", e.field)>{e.message.clone()}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        })}
        {names.iter().enumerate().map(|(i, step)| {
            let rows = app.service.fields.iter().filter(|f| &f.step == step).map(|f| {
                let value = if f.kind == FieldKind::File {
                    app.files.iter().find(|u| u.field == f.key).map(|u| format!("{}（{}）", u.file_name, crate::ui::format::file_size(u.size)))
                } else {
                    app.answers.get(&f.key).filter(|v| !v.is_empty()).cloned()
                };
                view! {
                    <div class="app-fields__row">
                        <dt class="app-fields__label">{f.label.clone()}</dt>
                        <dd class="app-fields__value">{value.unwrap_or_else(|| "未填写".to_owned())}</dd>
                    </div>
                }
            }).collect_view();
            view! {
                <h2 class="app-section-title">{step_title(step).to_owned()}</h2>
                <dl class="app-fields">{rows}</dl>
                <p><a href=format!("{path}?step={}", i + 1)>{format!("修改“{}”", step_title(step))}</a></p>
            }
        }).collect_view()}
        <form method="post" action=format!("{path}/submit")>
            <p class="app-hint">"提交后将生成受理编号和查询码，请妥善保存。提交即表示您承诺所填内容和所交材料真实有效。"</p>
            <button type="submit" class="app-button" disabled=has_errors>{if app.status == crate::services::types::CaseStatus::Correction { "补正完毕，重新提交" } else { "确认提交" }}</button>
        </form>
    }
}

#[component]
fn Receipt(app: ApplicationPage) -> impl IntoView {
    let number = app.number.clone().unwrap_or_default();
    let code = app.query_code.clone().unwrap_or_default();
    let track = format!(
        "/track{}",
        crate::ui::url::query(&[("number", number.as_str()), ("code", code.as_str())])
    );
    view! {
        <PageMeta title=format!("申请回执：{}", app.service.name) description="网上申请回执。" />
        <Crumbs service=(app.service.code.clone(), app.service.name.clone()) current="申请回执" />
        <article class="app-receipt">
            {if app.status == crate::services::types::CaseStatus::Correction {
                view! {
                    <CorrectionNote text=app.correction.clone() />
                    <p class="app-actions"><a class="app-button" href=format!("/services/{}/apply/{}?step=1", app.service.code, app.token)>"修改并重新提交"</a></p>
                }.into_any()
            } else {
                view! {
                    <div class="app-banner app-banner--ok" role="status">
                        <p class="app-banner__title">"申请已提交"</p>
                        <p class="app-banner__text">"请记下受理编号和查询码，凭它们查询办理进度。"</p>
                    </div>
                }.into_any()
            }}
            <h1 class="app-page-title">"网上申请回执"</h1>
            <dl class="app-fields">
                <div class="app-fields__row"><dt class="app-fields__label">"受理编号"</dt><dd class="app-fields__value app-receipt__number">{number.clone()}</dd></div>
                <div class="app-fields__row"><dt class="app-fields__label">"查询码"</dt><dd class="app-fields__value app-receipt__number">{code.clone()}</dd></div>
                <div class="app-fields__row"><dt class="app-fields__label">"申请事项"</dt><dd class="app-fields__value">{format!("{}（{}）", app.service.name, app.service.code)}</dd></div>
                <div class="app-fields__row"><dt class="app-fields__label">"提交时间"</dt><dd class="app-fields__value">{app.submitted.clone().unwrap_or_default()}</dd></div>
                <div class="app-fields__row"><dt class="app-fields__label">"当前状态"</dt><dd class="app-fields__value">{app.status.label()}</dd></div>
                <div class="app-fields__row"><dt class="app-fields__label">"承诺办结时限"</dt><dd class="app-fields__value">
                    {format!("{} 个工作日（自受理之日起计算）", app.service.promised_days)}
                    {app.due.clone().map(|d| view! { <p class="app-hint">{format!("按提交当日受理计：{d}")}</p> })}
                </dd></div>
                <div class="app-fields__row"><dt class="app-fields__label">"咨询电话"</dt><dd class="app-fields__value">{app.service.enquiry_phone.clone()}</dd></div>
            </dl>
            <p class="app-actions">
                <a class="app-button" href=track>"查询办理进度"</a>
            </p>
            <p class="app-hint">"可使用浏览器的“打印”功能打印或保存本回执。"</p>
        </article>
    }
}

/// What the handler asked to correct, while the case waits for it.
#[component]
fn CorrectionNote(text: String) -> impl IntoView {
    (!text.is_empty()).then(|| {
        view! {
            <div class="app-banner app-banner--warning" role="note">
                <p class="app-banner__title">"需要补正"</p>
                <p class="app-banner__text">{text}</p>
                <p class="app-banner__text">"补正期间暂停计时；修改后核对并重新提交，恢复计时。"</p>
            </div>
        }
    })
}
