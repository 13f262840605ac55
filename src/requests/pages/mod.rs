//! 依申请公开 pages: asking (after a look at what is already public), the
//! applicant's own lookup with the reply, and staff's queue and request page.

mod staff;

pub use staff::{RequestTable, StaffRequestPage, StaffRequestsPage};

use crate::error::{AppError, FieldError};
use crate::requests::api::{find_public_matches, lookup_request, PublicMatch};
use crate::requests::types::{
    ApplicantKind, Delivery, RequestEvent, RequestView, Status, ORG_TYPES, REPLY_DAYS,
};
use crate::server::forms::Submitted;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::{
    error_page::{awaited, error_view},
    format::date_zh,
    forms::{error_for, CodeLookup, ErrorSummary, FileInput, Radios, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// 首页 › 政府信息公开 › 依申请公开 › current.
#[component]
fn Crumbs(#[prop(optional, into)] current: Option<String>) -> impl IntoView {
    match current {
        Some(c) => view! {
            <Breadcrumbs trail=trail(&[("首页", "/"), ("政府信息公开", "/disclosure"), ("依申请公开", "/disclosure/request")]) current=c />
        }
        .into_any(),
        None => view! {
            <Breadcrumbs trail=trail(&[("首页", "/"), ("政府信息公开", "/disclosure")]) current="依申请公开" />
        }
        .into_any(),
    }
}

/// `/disclosure/request`: first what the person wants (a GET form that
/// looks it up among what is already public), then the request form with
/// it filled in. A refused request comes back with its entries.
#[component]
pub fn RequestPage() -> impl IntoView {
    let submitted = use_context::<Submitted>();
    let q = use_query_map();
    let words = q.with_untracked(|m| m.get("q")).unwrap_or_default();
    let full = submitted.is_some()
        || q.with_untracked(|m| m.get("q").is_some() || m.get("full").is_some());
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let title = if errors.is_empty() {
        "依申请公开"
    } else {
        "错误：依申请公开"
    };
    view! {
        <PageMeta title=title description="向本机关申请获取政府信息：在线提交申请，凭申请编号查询进度和答复。" />
        <Crumbs />
        <h1 class="app-page-title">"申请公开政府信息"</h1>
        <p class="app-page-lede">{format!(
            "公民、法人或者其他组织可以向本机关申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条）。我们自收到申请之日起 {REPLY_DAYS} 个工作日内答复；提交后您会得到申请编号和查询码，凭它们查看进度和答复。"
        )}</p>
        <p><a href="/disclosure/guide">"政府信息公开指南"</a>" · "<a href="/disclosure/request/lookup">"查询申请进度"</a></p>
        <ErrorSummary errors=errors.clone() />
        {(!full || !words.is_empty()).then(|| view! {
            <form class="app-form app-form--search" method="get" action="/disclosure/request" role="search" aria-label="先查一查是否已经公开">
                <TextInput name="q" label="您想获取什么信息？" value=words.clone() hint="先查一查：很多信息已经主动公开，可以直接查看，不必申请。" />
                <button type="submit" class="app-button app-button--secondary">"查一查"</button>
            </form>
        })}
        {if full {
            let words = words.clone();
            view! {
                {(!words.is_empty() && submitted.is_none()).then(|| {
                    let words = words.clone();
                    awaited(async move {
                        match find_public_matches(words).await {
                            Ok(found) => view! { <Matches found /> }.into_any(),
                            Err(AppError::Validation(_)) => view! { <p class="app-hint">"请用 100 字以内说明您想获取的信息。"</p> }.into_any(),
                            Err(e) => error_view(e),
                        }
                    })
                })}
                <RequestForm submitted=submitted.clone() words />
            }.into_any()
        } else {
            view! { <p><a href="/disclosure/request?full=1">"直接填写申请"</a></p> }.into_any()
        }}
    }
}

#[component]
fn Matches(found: Vec<PublicMatch>) -> impl IntoView {
    if found.is_empty() {
        return view! {
            <p class="app-meta-line" role="status">"没有找到已经公开的相关信息，请填写下面的申请。"</p>
        }
        .into_any();
    }
    view! {
        <section class="app-panel" aria-labelledby="matches-title">
            <h2 class="app-panel__title" id="matches-title">"以下信息已经公开，可能就是您要找的"</h2>
            <ul class="app-list">
                {found.into_iter().map(|m| view! {
                    <li class="app-list__item">
                        <a class="app-list__link" href=m.url>{m.title}</a>
                        <span class="app-list__meta">{format!("{} · {}", m.kind, m.published_on)}</span>
                    </li>
                }).collect_view()}
            </ul>
            <p class="app-hint">"如果不是您需要的信息，请继续填写下面的申请。"</p>
        </section>
    }
    .into_any()
}

#[component]
fn RequestForm(submitted: Option<Submitted>, words: String) -> impl IntoView {
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let value = |k: &str| submitted.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let description = submitted
        .as_ref()
        .map(|s| s.value("description"))
        .unwrap_or(words);
    let kinds = ApplicantKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect::<Vec<_>>();
    let org_types = std::iter::once((String::new(), "请选择（法人或其他组织填写）".to_owned()))
        .chain(ORG_TYPES.iter().map(|t| ((*t).to_owned(), (*t).to_owned())))
        .collect::<Vec<_>>();
    let deliveries = Delivery::ALL
        .iter()
        .map(|d| (d.as_str().to_owned(), d.label().to_owned()))
        .collect::<Vec<_>>();
    let e = |k: &str| error_for(&errors, k);
    view! {
        <form class="app-form" method="post" action="/disclosure/request" enctype="multipart/form-data">
            <h2 class="app-section-title">"申请人信息"</h2>
            <Radios name="applicant_kind" legend="申请人类型" options=kinds selected=value("applicant_kind") error=e("applicant_kind") />
            <Select name="org_type" label="单位类型（法人或其他组织填写）" options=org_types selected=value("org_type") error=e("org_type") />
            <TextInput name="name" label="姓名或单位名称" value=value("name") error=e("name") autocomplete="name" />
            <TextInput name="id_number" label="身份证号码或统一社会信用代码" value=value("id_number") error=e("id_number") hint="自然人填写 18 位身份证号码，法人或其他组织填写统一社会信用代码。不会公开。" />
            <TextInput name="phone" label="联系电话" value=value("phone") error=e("phone") kind="tel" autocomplete="tel" hint="手机号或带区号的固定电话，仅用于联系您，不会公开" />
            <TextInput name="email" label="电子邮箱（选择电子邮件获取时必填）" value=value("email") error=e("email") kind="email" autocomplete="email" />
            <TextArea name="address" label="邮寄地址（选择邮寄时必填）" value=value("address") error=e("address") rows=2 autocomplete="street-address" />
            <FileInput name="proof" label="身份证明" error=e("proof") accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" hint="身份证或营业执照等的照片或扫描件，PDF、JPEG 或 PNG，不超过 10 MB（条例第二十九条）。如提交后页面提示有误，请重新选择文件。" />
            <h2 class="app-section-title">"所需信息"</h2>
            <TextArea name="description" label="所需政府信息的名称或描述" value=description error=e("description") hint="写明信息的名称、文号或者便于查找的其他特征，如“2025年出版物经营许可证核发情况”。最多 2000 字。" rows=5 />
            <TextInput name="doc_ref" label="文号或索引号（知道的请填写）" value=value("doc_ref") error=e("doc_ref") hint="如 闽新广〔2016〕12号 或 索引号 FJXW-2016-00012" />
            <TextArea name="purpose" label="用途（可不填）" value=value("purpose") error=e("purpose") rows=2 />
            <Radios name="delivery" legend="获取信息的方式" options=deliveries selected=value("delivery") error=e("delivery") hint="在线查看：答复和文件在查询页面提供。" />
            <button type="submit" class="app-button">"提交申请"</button>
        </form>
    }
}

/// `/disclosure/request/lookup?number=…&code=…`: the applicant's request —
/// its status, the reply clock with its working, every notice, the reply
/// letter and its files; while a correction is asked, the form to give it.
#[component]
pub fn RequestLookupPage() -> impl IntoView {
    let q = use_query_map();
    let number = q.with_untracked(|m| m.get("number"));
    let code = q.with_untracked(|m| m.get("code"));
    let fresh = q.with_untracked(|m| m.get("new")).is_some();
    let corrected = q.with_untracked(|m| m.get("corrected")).is_some();
    let submitted = use_context::<Submitted>();
    // A notice's link carries the number but never the code: the form,
    // with the number filled in, and no error.
    let asked = code.is_some();
    let (number, code) = (number.unwrap_or_default(), code.unwrap_or_default());
    view! {
        {awaited(async move {
            if !asked {
                return view! { <LookupForm number=number.clone() code=String::new() errors=Vec::new() /> }.into_any();
            }
            match lookup_request(number.clone(), code.clone()).await {
                Ok(r) => view! { <Own r code=code.clone() fresh corrected submitted=submitted.clone() /> }.into_any(),
                Err(AppError::Validation(errors)) => {
                    crate::server::context::set_status(400);
                    view! { <LookupForm number=number.clone() code=code.clone() errors /> }.into_any()
                }
                Err(e) => error_view(e),
            }
        })}
    }
}

#[component]
fn LookupForm(number: String, code: String, errors: Vec<FieldError>) -> impl IntoView {
    let title = if errors.is_empty() {
        "查询申请进度"
    } else {
        "错误：查询申请进度"
    };
    view! {
        <PageMeta title=title description="凭申请编号和查询码查看政府信息公开申请的进度和答复。" />
        <Crumbs current="查询申请进度" />
        <h1 class="app-page-title">"查询申请进度"</h1>
        <ErrorSummary errors=errors.clone() />
        <CodeLookup action="/disclosure/request/lookup" noun="申请编号" hint="如 YS20261127000003" number code errors />
    }
}

/// Where a request stands, in a sentence.
pub fn standing(r: &RequestView) -> String {
    let s = &r.summary;
    match (s.status, &s.stopped, s.days_left) {
        (Status::Replied, _, _) => format!("已答复（{}）", s.outcome.clone().unwrap_or_default()),
        (_, Some(why), _) => format!("{}（{why}）", s.status.label()),
        (_, None, Some(d)) if d >= 0 => format!("办理中（剩余 {d} 个工作日）"),
        (_, None, Some(d)) => format!("办理中（已超期 {} 个工作日，我们将尽快答复）", -d),
        (_, None, None) => s.status.label().to_owned(),
    }
}

#[component]
fn Own(
    r: RequestView,
    code: String,
    fresh: bool,
    corrected: bool,
    submitted: Option<Submitted>,
) -> impl IntoView {
    let number = r.summary.number.clone();
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let message = submitted.as_ref().and_then(|s| s.message.clone());
    let query = format!(
        "number={}&code={}",
        crate::ui::url::encode(&number),
        crate::ui::url::encode(&code)
    );
    let title = format!(
        "{}申请 {number}",
        if errors.is_empty() && message.is_none() {
            ""
        } else {
            "错误："
        }
    );
    let correcting = r.summary.status == Status::Correction;
    view! {
        <PageMeta title=title description="政府信息公开申请的进度和答复。" />
        <Crumbs current=number.clone() />
        <h1 class="app-page-title">{format!("申请编号 {number}")}</h1>
        {fresh.then(|| view! {
            <div class="app-banner app-banner--ok" role="status">
                <p class="app-banner__title">"申请已提交"</p>
                <p>{format!("请记下申请编号 {number} 和查询码 {code}，凭它们查看进度和答复。收到申请之日为{}。", date_zh(&r.summary.received_on))}</p>
            </div>
        })}
        {corrected.then(|| view! {
            <div class="app-banner app-banner--ok" role="status"><p class="app-banner__title">"补正已提交，答复期限重新计算"</p></div>
        })}
        {message.map(|m| view! { <div class="app-error-summary" role="alert" tabindex="-1" autofocus=true><p>{m}</p></div> })}
        <ErrorSummary errors=errors.clone() />
        <RequestFacts r=r.clone() />
        {correcting.then(|| view! {
            <section class="app-staff-panel" aria-labelledby="supplement-title">
                <h2 id="supplement-title" class="app-section-title">"补正申请"</h2>
                <p>{format!("需要补正：{}", r.correction)}</p>
                {r.correction_due_on.clone().map(|d| view! { <p class="app-hint">{format!("请于{}前补正；补正后答复期限重新计算。", date_zh(&d))}</p> })}
                <form class="app-form" method="post" action=format!("/disclosure/request/lookup?{query}")>
                    <TextArea name="supplement" label="补正内容" value=submitted.as_ref().map(|s| s.value("supplement")).unwrap_or_default() error=error_for(&errors, "supplement") hint="写明所需信息的名称、文号或者便于查找的其他特征。最多 2000 字。" rows=5 />
                    <button type="submit" class="app-button">"提交补正"</button>
                </form>
            </section>
        })}
        <Reply r=r.clone() query=query.clone() />
        <Timeline events=r.events.clone() notices=true />
        <crate::notify::components::NoticeList notices=r.notices.clone() />
    }
}

/// The facts of a request both its applicant and its handler see.
#[component]
pub fn RequestFacts(r: RequestView) -> impl IntoView {
    let s = r.summary.clone();
    let kind = if r.org_type.is_empty() {
        s.applicant_kind.label().to_owned()
    } else {
        format!("{}（{}）", s.applicant_kind.label(), r.org_type)
    };
    let row = |label: &'static str, value: String| {
        view! { <div class="app-fields__row"><dt class="app-fields__label">{label}</dt><dd class="app-fields__value">{value}</dd></div> }
    };
    view! {
        <dl class="app-fields">
            {row("申请人", format!("{}（{kind}）", s.name))}
            {row("所需信息", s.description.clone())}
            {(!r.doc_ref.is_empty()).then(|| row("文号或索引号", r.doc_ref.clone()))}
            {(!r.purpose.is_empty()).then(|| row("用途", r.purpose.clone()))}
            {row("获取方式", r.delivery.label().to_owned())}
            {row("收到申请日期", date_zh(&s.received_on))}
            {(!r.supplement.is_empty()).then(|| row("补正内容", format!("{}（答复期限自{}起重新计算）", r.supplement, date_zh(&r.clock_from))))}
            <div class="app-fields__row"><dt class="app-fields__label">"状态"</dt><dd class="app-fields__value"><strong>{standing(&r)}</strong></dd></div>
            {s.due_on.clone().map(|d| view! {
                <div class="app-fields__row"><dt class="app-fields__label">"答复期限"</dt><dd class="app-fields__value">
                    {date_zh(&d)}
                    {(r.extension_days > 0).then(|| format!("（已延长 {} 个工作日）", r.extension_days))}
                    {r.working.clone().map(|w| view! {
                        <details class="app-details"><summary>"计算过程"</summary><p>{w}</p></details>
                    })}
                </dd></div>
            })}
            {r.replied_on.clone().map(|d| row("答复日期", date_zh(&d)))}
            {(r.fee_yuan > 0).then(|| row("信息处理费", format!("{} 元", r.fee_yuan)))}
        </dl>
    }
}

/// The reply letter and its files (the applicant downloads them with the
/// number and code in `query`).
#[component]
fn Reply(r: RequestView, query: String) -> impl IntoView {
    (!r.letter.is_empty()).then(|| view! {
        <section class="app-letter" aria-labelledby="letter-title">
            <h2 id="letter-title" class="app-section-title">"政府信息公开申请答复书"</h2>
            <Letter text=r.letter.clone() />
            {(!r.files.is_empty()).then(|| view! {
                <h3 class="app-section-title">"所提供的信息"</h3>
                <ul class="app-list">
                    {r.files.iter().map(|f| view! {
                        <li class="app-list__item">
                            <a class="app-list__link" href=format!("/disclosure/request/files/{}?{query}", f.id)>{f.file_name.clone()}</a>
                            <span class="app-list__meta">{crate::ui::format::file_size(f.size)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <p class="app-hint">"可以打印本页保存答复书。"</p>
        </section>
    })
}

/// A stored letter, one paragraph per line.
#[component]
pub fn Letter(text: String) -> impl IntoView {
    view! {
        <div class="app-letter__body">
            {text.lines().filter(|l| !l.trim().is_empty()).map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()}
        </div>
    }
}

/// The steps, each with the notice sent with it (`notices`).
#[component]
pub fn Timeline(events: Vec<RequestEvent>, notices: bool) -> impl IntoView {
    view! {
        <section class="app-timeline" aria-labelledby="request-events">
            <h2 id="request-events" class="app-section-title">"办理过程和告知"</h2>
            <ol class="app-timeline__list">
                {events.into_iter().map(|e| view! {
                    <li class="app-timeline__item">
                        <time class="app-timeline__date" datetime=e.on_date.clone()>{date_zh(&e.on_date)}</time>
                        <span class="app-timeline__stage">{e.action.clone()}</span>
                        {(!notices).then(|| view! { <p class="app-timeline__note">{format!("{}：{}", e.actor, e.note)}</p> })}
                        {(!e.notice.is_empty()).then(|| view! { <p class="app-timeline__note">{format!("告知：{}", e.notice)}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
