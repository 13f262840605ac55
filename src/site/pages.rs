//! `/staff/settings` (网站设置): the form for the portal's name, its
//! description and the contact details in every page's footer.
//! Administrators only.

use super::FIELDS;
use crate::account::types::Role;
use crate::server::forms::notice;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::forms::{error_for, ErrorSummary, Notice, TextArea, TextInput};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;

/// The hint under each field.
fn hint(key: &str) -> &'static str {
    match key {
        "name" => "显示在每个页面的页头和标题中，如 福建省新闻出版广电局政务公开",
        "description" => "首页的简介，搜索引擎和分享链接会显示它",
        "organiser" => "页脚的主办单位，如 福建省新闻出版广电局",
        "postcode" => "6位数字",
        "phone" => "多个电话用顿号分隔，如 0591-87654321、12345",
        "email" => "公众来信的电子邮箱",
        "icp" => "如 闽ICP备05000001号",
        "site_code" => "10位，见全国政府网站信息报送系统",
        "police_record" => "如 闽公网安备 35010202000001号",
        "publisher" => "新建信息时“发布机构”的默认值；不填则用主办单位",
        "elder_label" => {
            "页头切换大字、高对比度版本的按钮文字，如 长辈版、关怀模式；不填则为“长辈版”"
        }
        "footer_links" => "每行一条：名称，空格，网址，如 中国政府网 https://www.gov.cn；最多8条",
        "feedback_days" => "意见征集截止后超过这些天仍未发布意见采纳情况反馈的，工作台提醒",
        "concern_days" => "一般、较大舆情自发现起几个工作日内回应；重大、特别重大舆情固定为5小时内发布权威信息、24小时内举行新闻发布会",
        "letter_days" => "局长信箱、投诉举报来信自收到起几个工作日内答复（默认15）；新来信按此计算，已收到的来信不变",
        "fees_none_on" => "本机关没有正在执行的行政事业性收费项目时，填写最近一次核实的日期，“公示信息·行政事业性收费”即注明“截至该日无收费项目”；有收费项目的不填",
        _ => "",
    }
}

fn kind(key: &str) -> &'static str {
    match key {
        "phone" => "tel",
        "email" => "email",
        "fees_none_on" => "date",
        _ => "text",
    }
}

#[component]
pub fn SiteSettingsPage() -> impl IntoView {
    if let Err(view) = crate::account::pages::guard(Role::Admin) {
        return view;
    }
    let site = crate::ui::layout::site();
    let stored = serde_json::to_value(site.input()).unwrap_or_default();
    let sub = crate::server::forms::submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let value = |key: &str| -> String {
        match &sub {
            Some(s) => s.value(key),
            None => stored
                .get(key)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
        }
    };
    let fields = FIELDS
        .iter()
        .map(|(key, label, _)| {
            if *key == "footer_links" {
                return view! {
                    <TextArea name=key label=label value=value(key) hint=hint(key) rows=4 error=error_for(&errors, key) />
                }
                .into_any();
            }
            view! {
                <TextInput
                    name=key
                    label=label
                    kind=kind(key)
                    value=value(key)
                    hint=hint(key)
                    required=matches!(*key, "name" | "description")
                    error=error_for(&errors, key)
                />
            }
            .into_any()
        })
        .collect_view();
    let org_code = {
        let sub = sub.clone();
        let errors = errors.clone();
        crate::ui::error_page::awaited(async move {
            let code = match &sub {
                Some(s) => s.value("org_code"),
                None => match crate::server::context::db() {
                    Ok(db) => match db.pool().acquire().await {
                        Ok(mut conn) => crate::content::db::index_code(&mut conn, "org")
                            .await
                            .unwrap_or_default(),
                        Err(_) => String::new(),
                    },
                    Err(_) => String::new(),
                },
            };
            view! {
                <TextInput name="org_code" label="机构代码（索引号）" value=code hint="每条信息索引号的第一段，如 FJ08200-01-2026-00001 中的 FJ08200；修改后只影响新编的索引号" error=error_for(&errors, "org_code") />
            }
            .into_any()
        })
    };
    view! {
        <PageMeta title="网站设置" description="网站名称、简介和页脚的联系方式。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="网站设置" />
        <h1 class="app-page-title">"网站设置"</h1>
        <p class="app-page-lede">"网站名称显示在每个页面的页头，其余各项显示在每个页面的页脚。保存后立即对所有访问者生效，并记入审计日志。"</p>
        <p>"信息公开目录的主题分类和子类别在"<a href="/staff/catalogue">"目录分类"</a>"页面维护。"</p>
        {notice().map(|n| view! { <Notice text=n /> })}
        <ErrorSummary errors=errors.clone() />
        <form class="app-form" method="post" action="/staff/settings">
            {fields}
            {org_code}
            <div class="app-form__actions">
                <button type="submit" class="app-button">"保存设置"</button>
            </div>
        </form>
    }
    .into_any()
}
