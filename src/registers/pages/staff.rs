use super::row::RowForm;
use super::Crumbs;
use crate::account::pages::guard;
use crate::account::types::Role;
use crate::error::AppError;
use crate::registers::forms::ImportOutcome;
use crate::registers::schema::Register;
use crate::server::forms::Submitted;
use crate::ui::{error_page::error_view, forms::ErrorSummary, layout::PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn register_param() -> Option<Register> {
    use_params_map()
        .with_untracked(|p| p.get("register"))
        .and_then(|s| Register::from_slug(&s))
}

/// `/registers/{register}/new`: add a row. Editors only.
#[component]
pub fn NewRowPage() -> impl IntoView {
    if let Err(view) = guard(Role::Editor) {
        return view;
    }
    let Some(register) = register_param() else {
        return error_view(AppError::NotFound);
    };
    let sub = use_context::<Submitted>().unwrap_or_default();
    let errors = sub.errors.clone();
    let failed = !errors.is_empty() || sub.message.is_some();
    let title = format!("新增{}记录", register.label());
    let values: Vec<(String, String)> = register
        .fields()
        .iter()
        .map(|f| (f.key.to_owned(), sub.value(f.key)))
        .collect();
    view! {
        <PageMeta title=if failed { format!("错误：{title}") } else { title.clone() } description=register.description() />
        <Crumbs register current="新增" />
        <div class="app-narrow">
            <h1 class="app-page-title">{title}</h1>
            <p class="app-page-lede">"保存后立即公开。自然人姓名、身份证号码、手机号码、银行卡号和详细住址在公开时自动隐去。"</p>
            {sub.message.clone().map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
            <ErrorSummary errors=errors.clone() />
            <RowForm register action=format!("/registers/{}/new", register.slug()) values errors submit="保存并公开" />
        </div>
    }
    .into_any()
}

/// `/registers/{register}/import`: CSV import with a dry run. Editors only.
#[component]
pub fn ImportPage() -> impl IntoView {
    if let Err(view) = guard(Role::Editor) {
        return view;
    }
    let Some(register) = register_param() else {
        return error_view(AppError::NotFound);
    };
    let outcome = use_context::<ImportOutcome>();
    let failed = outcome.as_ref().is_some_and(|o| !o.problems.is_empty());
    let title = format!("批量导入{}", register.label());
    let slug = register.slug();
    let columns = register
        .fields()
        .iter()
        .map(|f| {
            if f.required {
                format!("{}（必填）", f.label)
            } else {
                f.label.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("、");
    view! {
        <PageMeta title=if failed { format!("错误：{title}") } else { title.clone() } description=register.description() />
        <Crumbs register current="批量导入" />
        <div class="app-narrow">
            <h1 class="app-page-title">{title}</h1>
            <p class="app-page-lede">
                "上传 UTF-8 编码的 CSV 文件，第一行为列名。与已有记录编号相同的行将更新该记录，其余新增。"
                "先“检查”：逐行核对，不写入任何数据；“导入”时，只要有一行有问题，整个文件都不会导入。"
            </p>
            <p class="app-hint">{format!("列名：{columns}")}</p>
            <p><a href=format!("/api/open/{slug}-template.csv") download=format!("{slug}-template.csv")>"下载导入模板"</a></p>
            {outcome.map(|o| view! { <Outcome o /> })}
            <form class="app-form" method="post" action=format!("/registers/{slug}/import") enctype="multipart/form-data">
                <div class="app-field">
                    <label class="app-field__label" for="file">"CSV 文件"</label>
                    <p class="app-field__hint" id="file-hint">"不超过 10 MB，最多 20000 行"</p>
                    <input class="app-field__file" id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-hint" />
                </div>
                <div class="app-form__actions">
                    <button type="submit" class="app-button app-button--secondary" name="mode" value="check">"检查（不导入）"</button>
                    " "
                    <button type="submit" class="app-button" name="mode" value="import">"导入"</button>
                </div>
            </form>
        </div>
    }
    .into_any()
}

#[component]
fn Outcome(o: ImportOutcome) -> impl IntoView {
    if !o.problems.is_empty() {
        let n = o.problems.len();
        return view! {
            <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true>
                <h2 class="app-error-summary__title">{format!("发现 {n} 个问题，未导入任何数据")}</h2>
                <table class="app-table">
                    <caption class="app-visually-hidden">"导入问题"</caption>
                    <thead><tr><th scope="col">"行"</th><th scope="col">"列"</th><th scope="col">"问题"</th></tr></thead>
                    <tbody>
                        {o.problems.into_iter().take(200).map(|p| view! {
                            <tr>
                                <td>{if p.line == 0 { "—".to_owned() } else { format!("第 {} 行", p.line) }}</td>
                                <td>{if p.column.is_empty() { "—".to_owned() } else { p.column }}</td>
                                <td>{p.message}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {(n > 200).then(|| view! { <p>{format!("仅列出前 200 个问题，共 {n} 个。")}</p> })}
            </div>
        }
        .into_any();
    }
    let text = if o.dry_run {
        format!(
            "检查通过：《{}》共 {} 行，导入后将新增 {} 条、更新 {} 条。尚未导入，确认无误后请选择文件并点击“导入”。",
            o.file_name, o.rows, o.inserted, o.updated
        )
    } else {
        format!(
            "导入完成：《{}》共 {} 行，新增 {} 条、更新 {} 条。",
            o.file_name, o.rows, o.inserted, o.updated
        )
    };
    view! { <div class="app-notice" role="status"><p>{text}</p></div> }.into_any()
}
