//! Staff's side of 依申请公开: the queue by urgency and one request with
//! every step open on it. Each form posts (multipart) to the request's own
//! address, so a refused one comes back on this page with its entries.

use super::{standing, Letter, RequestFacts, Timeline};
use crate::content::types::ContentKind;
use crate::error::FieldError;
use crate::requests::api::{get_request, list_requests};
use crate::requests::types::{
    label_of, RequestSummary, StaffRequest, StopKind, APPEAL_KINDS, APPEAL_RESULTS, OUTCOMES,
};
use crate::server::forms::Submitted;
use crate::services::cases::urgency;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::loaded,
    format::date_zh,
    forms::{error_for, ErrorSummary, FileInput, Radios, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn left_text(r: &RequestSummary) -> String {
    match (&r.stopped, r.days_left) {
        (Some(why), _) => why.clone(),
        (None, Some(d)) if d < 0 => format!("红灯：超期 {} 个工作日", -d),
        (None, Some(d)) if d <= 2 => format!("黄灯：剩余 {d} 个工作日"),
        (None, Some(d)) => format!("剩余 {d} 个工作日"),
        (None, None) => "—".to_owned(),
    }
}

/// The requests as a table (the queue and the dashboard).
#[component]
pub fn RequestTable(items: Vec<RequestSummary>) -> impl IntoView {
    view! {
        <div class="app-table-wrap">
            <table class="app-table app-table--cards">
                <caption class="app-visually-hidden">"依申请公开队列"</caption>
                <thead><tr>
                    <th scope="col">"申请编号"</th>
                    <th scope="col">"申请人"</th>
                    <th scope="col">"所需信息"</th>
                    <th scope="col">"状态"</th>
                    <th scope="col">"收到日期"</th>
                    <th scope="col">"答复期限"</th>
                    <th scope="col">"时限"</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|r| {
                        let level = if r.stopped.is_some() { "none" } else { urgency(r.days_left) };
                        let short: String = r.description.chars().take(40).collect();
                        view! {
                            <tr>
                                <th scope="row" data-label="申请编号"><a href=format!("/staff/requests/{}", r.number)>{r.number.clone()}</a></th>
                                <td data-label="申请人">{format!("{}（{}）", r.name, r.applicant_kind.label())}</td>
                                <td data-label="所需信息">{short}</td>
                                <td data-label="状态">{r.outcome.clone().unwrap_or_else(|| r.status.label().to_owned())}</td>
                                <td data-label="收到日期">{r.received_on.clone()}</td>
                                <td data-label="答复期限">{r.due_on.clone().unwrap_or_else(|| "—".to_owned())}</td>
                                <td data-label="时限"><span class=format!("app-urgency app-urgency--{level}")>{left_text(&r)}</span></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/staff/requests` (`?all=1` with the answered ones): the queue, the
/// least time left first.
#[component]
pub fn StaffRequestsPage() -> impl IntoView {
    let all = use_query_map().with_untracked(|q| q.get("all")).is_some();
    view! {
        <PageMeta title="依申请公开" description="政府信息公开申请的办理队列。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="依申请公开" />
        {loaded(
            move || list_requests(all),
            move |items| {
                let red = items.iter().filter(|r| r.stopped.is_none() && urgency(r.days_left) == "red").count();
                let yellow = items.iter().filter(|r| r.stopped.is_none() && urgency(r.days_left) == "yellow").count();
                view! {
                    <h1 class="app-page-title">"依申请公开"</h1>
                    <p class="app-meta-line" role="status">{format!("共 {} 件；红灯（超期）{red} 件，黄灯（剩余不超过 2 个工作日）{yellow} 件", items.len())}</p>
                    <p>{if all {
                        view! { <a href="/staff/requests">"只看未答复的"</a> }.into_any()
                    } else {
                        view! { <a href="/staff/requests?all=1">"包括已答复的"</a> }.into_any()
                    }}</p>
                    {if items.is_empty() {
                        view! { <p class="app-empty">"没有待办理的申请。"</p> }.into_any()
                    } else {
                        view! { <RequestTable items /> }.into_any()
                    }}
                }.into_any()
            },
        )}
    }
}

/// `/staff/requests/{number}`: one request — the applicant, the clock, the
/// steps open on it, the reply, appeals and the timeline.
#[component]
pub fn StaffRequestPage() -> impl IntoView {
    let number = crate::ui::url::route_param("number");
    let done = use_query_map().with_untracked(|q| q.get("done")).is_some();
    let submitted = use_context::<Submitted>();
    loaded(
        move || get_request(number.clone()),
        move |r| view! { <Request r done submitted=submitted.clone() /> }.into_any(),
    )
}

#[component]
fn Request(r: StaffRequest, done: bool, submitted: Option<Submitted>) -> impl IntoView {
    let errors: Vec<FieldError> = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let message = submitted.as_ref().and_then(|s| s.message.clone());
    let number = r.view.summary.number.clone();
    let title = format!(
        "{}依申请公开 {number}",
        if errors.is_empty() && message.is_none() {
            ""
        } else {
            "错误："
        }
    );
    let form = Forms {
        action: format!("/staff/requests/{number}"),
        submitted: submitted.clone(),
    };
    let can = |a: &str| r.actions.iter().any(|x| x == a);
    view! {
        <PageMeta title=title description="政府信息公开申请详情。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("依申请公开", "/staff/requests")]) current=number.clone() />
        <h1 class="app-page-title">{format!("依申请公开 {number}")}</h1>
        {done.then(|| view! { <div class="app-banner app-banner--ok" role="status"><p class="app-banner__title">"已办理"</p></div> })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <RequestFacts r=r.view.clone() />
        <h2 class="app-section-title">"申请人身份和联系方式（不公开）"</h2>
        <dl class="app-fields">
            <div class="app-fields__row"><dt class="app-fields__label">"证件号码"</dt><dd class="app-fields__value">{r.id_number.clone()}</dd></div>
            <div class="app-fields__row"><dt class="app-fields__label">"联系电话"</dt><dd class="app-fields__value">{r.phone.clone()}</dd></div>
            {(!r.email.is_empty()).then(|| view! { <div class="app-fields__row"><dt class="app-fields__label">"电子邮箱"</dt><dd class="app-fields__value">{r.email.clone()}</dd></div> })}
            {(!r.address.is_empty()).then(|| view! { <div class="app-fields__row"><dt class="app-fields__label">"邮寄地址"</dt><dd class="app-fields__value">{r.address.clone()}</dd></div> })}
            <div class="app-fields__row"><dt class="app-fields__label">"身份证明"</dt><dd class="app-fields__value">
                {r.proof.iter().map(|f| view! {
                    <a href=format!("/staff/requests/{number}/files/{}", f.id)>{format!("{}（{}）", f.file_name, crate::ui::format::file_size(f.size))}</a>
                }).collect_view()}
                <p class="app-hint">"查看申请人的文件会记入审计日志。"</p>
            </dd></div>
        </dl>
        {r.correction_by.clone().map(|d| view! {
            <p class="app-hint">{format!("如申请内容不明确，须在{}前一次性告知补正（条例第三十条）。", date_zh(&d))}</p>
        })}
        {can("correct").then(|| form.correct())}
        {can("corrected").then(|| form.corrected(&r))}
        {can("extend").then(|| form.extend())}
        {can("stop").then(|| form.stop())}
        {can("resume").then(|| form.resume())}
        {can("reply").then(|| form.reply())}
        {(!r.view.letter.is_empty()).then(|| view! {
            <section class="app-letter" aria-labelledby="letter-title">
                <h2 id="letter-title" class="app-section-title">"答复书"</h2>
                <p class="app-hint">{format!("{}，答复人：{}", standing(&r.view), r.replied_by)}</p>
                <Letter text=r.view.letter.clone() />
                {(!r.view.files.is_empty()).then(|| view! {
                    <ul class="app-list">
                        {r.view.files.iter().map(|f| view! {
                            <li class="app-list__item"><a class="app-list__link" href=format!("/staff/requests/{number}/files/{}", f.id)>{f.file_name.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        })}
        {r.article_id.map(|id| view! {
            <p>"已转为主动公开："<a href=format!("/articles/{id}/edit")>"查看稿件"</a></p>
        })}
        {r.can_publish.then(|| form.publish(&r))}
        {form.appeals(&r)}
        <Timeline events=r.view.events.clone() notices=false />
    }
}

/// The forms on a request's page, each posting to `action`.
struct Forms {
    action: String,
    submitted: Option<Submitted>,
}

impl Forms {
    /// The entry kept for `name` when `form` was the one refused.
    fn value(&self, form: &str, name: &str) -> String {
        self.submitted
            .as_ref()
            .filter(|s| s.value("action") == form)
            .map(|s| s.value(name))
            .unwrap_or_default()
    }

    fn error(&self, form: &str, name: &str) -> Option<String> {
        self.submitted
            .as_ref()
            .filter(|s| s.value("action") == form)
            .and_then(|s| error_for(&s.errors, name))
    }

    fn frame(
        &self,
        id: &'static str,
        title: &'static str,
        action: &'static str,
        button: &'static str,
        body: AnyView,
    ) -> AnyView {
        view! {
            <section class="app-staff-panel" aria-labelledby=id>
                <h2 id=id class="app-section-title">{title}</h2>
                <form class="app-form" method="post" action=self.action.clone() enctype="multipart/form-data">
                    <input type="hidden" name="action" value=action />
                    {body}
                    <button type="submit" class="app-button">{button}</button>
                </form>
            </section>
        }
        .into_any()
    }

    fn correct(&self) -> AnyView {
        let body = view! {
            <TextArea name="correction" label="需要补正的内容" value=self.value("correct", "correction") error=self.error("correct", "correction") hint="一次性写明全部需要补正的事项和要求；申请人在查询页面看到并在线补正。" rows=3 />
            <TextInput name="correction_days" label="补正期限（工作日）" value=self.value("correct", "correction_days") error=self.error("correct", "correction_days") inputmode="numeric" hint="不填为 15 个工作日" />
        }
        .into_any();
        self.frame(
            "correct-title",
            "一次性告知补正",
            "correct",
            "告知补正",
            body,
        )
    }

    fn corrected(&self, r: &StaffRequest) -> AnyView {
        let body = view! {
            <p>{format!("已告知补正：{}", r.view.correction)}</p>
            {r.view.correction_due_on.clone().map(|d| view! { <p class="app-hint">{format!("补正期限：{}。逾期无正当理由不补正的，可选择办理结果“其他处理：1”。", date_zh(&d))}</p> })}
            <TextArea name="supplement" label="申请人补正的内容（信函或当面补正时登记）" value=self.value("corrected", "supplement") error=self.error("corrected", "supplement") rows=3 />
        }
        .into_any();
        self.frame(
            "corrected-title",
            "登记补正",
            "corrected",
            "登记补正，重新计时",
            body,
        )
    }

    fn extend(&self) -> AnyView {
        let body = view! {
            <TextInput name="days" label="延长的工作日数" value=self.value("extend", "days") error=self.error("extend", "days") inputmode="numeric" hint="最多 20 个工作日，只能延长一次" />
            <TextInput name="approver" label="同意延期的负责人" value=self.value("extend", "approver") error=self.error("extend", "approver") />
            <TextArea name="extend_reason" label="延期理由" value=self.value("extend", "extend_reason") error=self.error("extend", "extend_reason") hint="写入告知申请人的延期通知。" rows=2 />
        }
        .into_any();
        self.frame(
            "extend-title",
            "延长答复期限",
            "extend",
            "延长并告知申请人",
            body,
        )
    }

    fn stop(&self) -> AnyView {
        let kinds = [StopKind::ThirdParty, StopKind::Agency]
            .iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
            .collect::<Vec<_>>();
        let body = view! {
            <Radios name="stop_kind" legend="原因" options=kinds selected=self.value("stop", "stop_kind") error=self.error("stop", "stop_kind") hint="征求意见所需时间不计算在答复期限内（条例第三十二条、第三十四条）。" />
            <TextArea name="stop_note" label="征求意见的对象和方式" value=self.value("stop", "stop_note") error=self.error("stop", "stop_note") rows=2 />
        }
        .into_any();
        self.frame(
            "stop-title",
            "暂停计时",
            "stop",
            "暂停计时并告知申请人",
            body,
        )
    }

    fn resume(&self) -> AnyView {
        let body = view! {
            <TextArea name="resume_note" label="收到的意见" value=self.value("resume", "resume_note") error=self.error("resume", "resume_note") hint="第三方逾期未提出意见的，如实写明。" rows=2 />
        }
        .into_any();
        self.frame("resume-title", "恢复计时", "resume", "恢复计时", body)
    }

    fn reply(&self) -> AnyView {
        let outcomes = std::iter::once((String::new(), "请选择".to_owned()))
            .chain(OUTCOMES.iter().map(|o| (o.slug.to_owned(), o.label())))
            .collect::<Vec<_>>();
        let fees = [("", "不收费"), ("count", "按件计收"), ("pages", "按量计收")]
            .iter()
            .map(|(s, l)| ((*s).to_owned(), (*l).to_owned()))
            .collect::<Vec<_>>();
        let bases = OUTCOMES
            .iter()
            .filter(|o| !o.basis.is_empty())
            .map(|o| format!("{}：{}", o.label(), o.basis))
            .collect::<Vec<_>>();
        let already = self.value("reply", "already_public") == "yes";
        let body = view! {
            <Select name="outcome" label="办理结果" options=outcomes selected=self.value("reply", "outcome") error=self.error("reply", "outcome") />
            <TextArea name="reason" label="答复说明" value=self.value("reply", "reason") error=self.error("reply", "reason") hint="予以公开的，写明提供的方式、途径和时间；其他结果写明理由。写入答复书。" rows=4 />
            <TextInput name="basis" label="法律依据（不予公开、部分公开、无法提供、不予处理须填写）" value=self.value("reply", "basis") error=self.error("reply", "basis") />
            <details class="app-details">
                <summary>"各办理结果常用的法律依据"</summary>
                <ul>{bases.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul>
            </details>
            <TextInput name="other_agency" label="负责公开该信息的机关（本机关不掌握、且能够确定时填写）" value=self.value("reply", "other_agency") error=self.error("reply", "other_agency") />
            <div class="app-field app-field--checkbox">
                <input type="checkbox" id="already_public" name="already_public" value="yes" checked=already />
                <label for="already_public">"所申请的信息已经主动公开"</label>
            </div>
            <TextInput name="public_location" label="已公开信息的获取途径（网址或公开场所）" value=self.value("reply", "public_location") error=self.error("reply", "public_location") />
            <Radios name="fee_method" legend="信息处理费（国办函〔2020〕109号）" options=fees selected=self.value("reply", "fee_method") error=self.error("reply", "fee_method") hint="按件计收：同一申请人一个自然月内第 11 件起收费；按量计收：30 页以上收费。只能选一种，金额自动计算。" />
            <TextInput name="fee_pages" label="提供信息的页数（按量计收时填写）" value=self.value("reply", "fee_pages") error=self.error("reply", "fee_pages") inputmode="numeric" />
            <FileInput name="file" label="提供的信息（予以公开、部分公开时上传）" error=self.error("reply", "file") accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" multiple=true hint="PDF、JPEG 或 PNG，每个不超过 10 MB，申请人在查询页面下载。如提交后页面提示有误，请重新选择文件。" />
        }
        .into_any();
        self.frame("reply-title", "作出答复", "reply", "生成答复书并答复", body)
    }

    fn publish(&self, r: &StaffRequest) -> AnyView {
        let kinds = ContentKind::ALL
            .iter()
            // A report is made from the data on its own page.
            .filter(|k| **k != ContentKind::AnnualReport)
            .map(|k| (k.slug().to_owned(), k.label().to_owned()))
            .collect::<Vec<_>>();
        let kind = Some(self.value("publish", "publish_kind"))
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| ContentKind::Notice.slug().to_owned());
        let title = Some(self.value("publish", "publish_title"))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| r.view.summary.description.chars().take(60).collect());
        let body = view! {
            <p class="app-hint">"所提供的信息可能也为他人所需。转为主动公开后生成稿件草稿（附答复所附文件），编辑完善后按正常流程送审，审核通过才会公开。"</p>
            <Select name="publish_kind" label="信息类别" options=kinds selected=kind error=self.error("publish", "publish_kind") />
            <TextInput name="publish_title" label="标题" value=title error=self.error("publish", "publish_title") />
        }
        .into_any();
        self.frame(
            "publish-title",
            "转为主动公开",
            "publish",
            "生成稿件草稿",
            body,
        )
    }

    fn appeals(&self, r: &StaffRequest) -> AnyView {
        let kinds = APPEAL_KINDS
            .iter()
            .map(|(s, l)| ((*s).to_owned(), (*l).to_owned()))
            .collect::<Vec<_>>();
        let results = APPEAL_RESULTS
            .iter()
            .map(|(s, l)| ((*s).to_owned(), (*l).to_owned()))
            .collect::<Vec<_>>();
        let replied = r.view.replied_on.is_some();
        let list = (!r.appeals.is_empty()).then(|| {
            view! {
                <ul class="app-list">
                    {r.appeals.iter().map(|a| {
                        let results = results.clone();
                        view! {
                            <li class="app-list__item app-list__item--stacked">
                                <span>{format!("{}，{}提起：{}", label_of(&APPEAL_KINDS, &a.kind), date_zh(&a.filed_on), label_of(&APPEAL_RESULTS, &a.result))}</span>
                                {(!a.note.is_empty()).then(|| view! { <span class="app-list__meta">{a.note.clone()}</span> })}
                                {(a.result == "pending").then(|| view! {
                                    <form class="app-form app-form--inline" method="post" action=self.action.clone() enctype="multipart/form-data">
                                        <input type="hidden" name="action" value="appeal_result" />
                                        <input type="hidden" name="appeal" value=a.id.to_string() />
                                        <label class="app-field__label" for=format!("appeal-result-{}", a.id)>"审结结果"</label>
                                        <select class="app-field__select" id=format!("appeal-result-{}", a.id) name="appeal_result">
                                            {results.into_iter().map(|(v, l)| view! { <option value=v.clone() selected=v == "pending">{l}</option> }).collect_view()}
                                        </select>
                                        <button type="submit" class="app-button app-button--secondary">"更新结果"</button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        });
        let body = view! {
            {list}
            <Radios name="appeal_kind" legend="类型" options=kinds selected=self.value("appeal", "appeal_kind") error=self.error("appeal", "appeal_kind") />
            <TextInput name="filed_on" label="提起日期" value=self.value("appeal", "filed_on") error=self.error("appeal", "filed_on") kind="date" />
            <Select name="appeal_result" label="结果" options=results.clone() selected=self.value("appeal", "appeal_result") error=self.error("appeal", "appeal_result") />
            <TextArea name="appeal_note" label="说明（可不填）" value=self.value("appeal", "appeal_note") error=self.error("appeal", "appeal_note") rows=2 />
        }
        .into_any();
        if replied || !r.appeals.is_empty() {
            self.frame("appeal-title", "行政复议和行政诉讼", "appeal", "登记", body)
        } else {
            ().into_any()
        }
    }
}
