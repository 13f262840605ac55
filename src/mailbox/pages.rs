//! The public mailbox pages: `/mailbox` (what it is for, the monthly
//! statistics per channel, the letters published), `/mailbox/{number}` (one
//! published letter), `/mailbox/write?channel=` (the letter form) and
//! `/mailbox/lookup` (the writer's letter and its steps, by 信件编号 and
//! 查询码). Staff's pages are in `staff`.

use super::db::{self, PublicLetter};
use super::types::{self, Channel, Letter, MonthFigures, Status, Step, CATEGORIES};
use crate::error::{AppError, FieldError};
use crate::server::forms::Submitted;
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::pagination::CursorLinks;
use crate::ui::{
    error_page::{awaited, error_view, loaded},
    format::{date_zh, datetime_zh},
    forms::{error_for, CodeLookup, ErrorSummary, FileInput, Select, TextArea, TextInput},
    layout::PageMeta,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Months of statistics the public page shows.
const MONTHS: usize = 12;

/// 首页 › 局长信箱 › current.
#[component]
fn Crumbs(#[prop(into)] current: String) -> impl IntoView {
    view! { <Breadcrumbs trail=trail(&[("首页", "/"), ("局长信箱", "/mailbox")]) current /> }
}

fn paragraphs(text: &str) -> impl IntoView {
    text.split('\n')
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p>{p.to_owned()}</p> })
        .collect_view()
}

struct Front {
    letters: Vec<PublicLetter>,
    total: i64,
    page: i64,
    figures: Vec<(Channel, Vec<MonthFigures>)>,
    days: i64,
}

async fn front(page: i64) -> Result<Front, AppError> {
    let state = crate::server::context::state()?;
    let (letters, total) = db::public(&state.db, page).await?;
    let (calendar, today) = (state.calendar(), state.today());
    let all = db::all(&state.db).await?;
    let rows: Vec<_> = all.iter().map(|l| l.counted(&calendar, today)).collect();
    Ok(Front {
        letters,
        total,
        page,
        figures: types::figures(&rows, &calendar),
        days: state.site().letter_days(),
    })
}

/// `/mailbox?page=`: the two channels, the statistics, the published letters.
#[component]
pub fn MailboxPage() -> impl IntoView {
    let page = use_query_map()
        .with_untracked(|q| q.get("page"))
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .max(1);
    view! {
        <PageMeta title="局长信箱" description="给局长写信、投诉举报，查看办理情况、公开的来信答复和每月办理统计。" />
        <Breadcrumbs trail=trail(&[("首页", "/")]) current="局长信箱" />
        <h1 class="app-page-title">"局长信箱"</h1>
        {loaded(move || front(page), |f: Front| view! { <Front f /> }.into_any())}
    }
}

#[component]
fn Front(f: Front) -> impl IntoView {
    let pages = (f.total + db::PER_PAGE - 1) / db::PER_PAGE;
    let link = |p: i64| {
        if p > 1 {
            format!("/mailbox?page={p}#letters")
        } else {
            "/mailbox#letters".to_owned()
        }
    };
    let (prev, next) = (
        (f.page > 1).then(|| link(f.page - 1)),
        (f.page < pages).then(|| link(f.page + 1)),
    );
    view! {
        <p class="app-page-lede">{format!(
            "对本局工作有意见建议，可以写信给局长；发现非法出版物、盗版侵权、非法广播电视或其他“扫黄打非”线索，可以投诉举报（可以匿名）。我们在{}个工作日内答复（法定节假日不计）。您的联系方式不会公开。",
            f.days
        )}</p>
        <ul class="app-actions">
            <li><a class="app-button" href="/mailbox/write?channel=director">"写信给局长"</a></li>
            <li><a class="app-button" href="/mailbox/write?channel=report">"投诉举报"</a></li>
            <li><a class="app-button app-button--secondary" href="/mailbox/lookup">"查询办理情况"</a></li>
        </ul>
        <h2 class="app-section-title" id="statistics">"办理统计"</h2>
        <p class="app-hint">"按收信月份统计。办结包括答复、不予受理、合并办理和移交执法；用时按工作日计算。超过3个月未办结的来信应为零。"</p>
        {f.figures.into_iter().map(|(channel, months)| view! { <Figures channel months /> }).collect_view()}
        <h2 class="app-section-title" id="letters">{format!("公开的来信（{}封）", f.total)}</h2>
        {if f.letters.is_empty() {
            view! { <p class="app-empty">"还没有公开的来信。来信人同意公开的局长信箱来信，答复后在这里公开（不公开姓名和联系方式）。"</p> }.into_any()
        } else {
            view! {
                <div class="app-qa-list">
                    {f.letters.into_iter().map(|l| view! { <PublicItem l /> }).collect_view()}
                </div>
            }.into_any()
        }}
        <CursorLinks prev next position=format!("第 {} / {} 页", f.page, pages.max(1)) />
    }
}

#[component]
fn Figures(channel: Channel, months: Vec<MonthFigures>) -> impl IntoView {
    let caption = format!("{}每月办理情况", channel.label());
    view! {
        <h3 class="app-section-title">{channel.label()}</h3>
        {if months.is_empty() {
            view! { <p class="app-empty">"还没有来信。"</p> }.into_any()
        } else {
            view! {
                <div class="app-table-wrap">
                    <table class="app-table app-table--cards">
                        <caption class="app-visually-hidden">{caption}</caption>
                        <thead><tr>
                            <th scope="col">"月份"</th>
                            <th scope="col">"收到"</th>
                            <th scope="col">"办结"</th>
                            <th scope="col">"按期办结率"</th>
                            <th scope="col">"平均用时（工作日）"</th>
                            <th scope="col">"超过3个月未办结"</th>
                        </tr></thead>
                        <tbody>
                            {months.into_iter().take(MONTHS).map(|m| view! {
                                <tr>
                                    <th scope="row" data-label="月份">{m.month.replacen('-', "年", 1) + "月"}</th>
                                    <td data-label="收到">{m.received}</td>
                                    <td data-label="办结">{m.closed}</td>
                                    <td data-label="按期办结率">{m.on_time_rate()}</td>
                                    <td data-label="平均用时（工作日）">{m.average_days()}</td>
                                    <td data-label="超过3个月未办结">{m.stale}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn PublicBody(l: PublicLetter) -> impl IntoView {
    view! {
        <div class="app-qa__question"><strong>"来信："</strong>{paragraphs(&l.body)}</div>
        <div class="app-qa__answer"><strong>"答复："</strong>{paragraphs(&l.reply)}</div>
        <dl class="app-qa__facts">
            <div><dt>"收信日期"</dt><dd>{date_zh(&l.received_on)}</dd></div>
            <div><dt>"答复日期"</dt><dd>{date_zh(&l.closed_on)}</dd></div>
            <div><dt>"答复部门"</dt><dd>{l.department.clone()}</dd></div>
        </dl>
    }
}

#[component]
fn PublicItem(l: PublicLetter) -> impl IntoView {
    view! {
        <article class="app-qa">
            <h3 class="app-qa__topic"><a href=format!("/mailbox/{}", l.number)>{l.subject.clone()}</a></h3>
            <PublicBody l />
        </article>
    }
}

/// `/mailbox/{number}`: one published letter and its reply.
#[component]
pub fn PublicLetterPage() -> impl IntoView {
    let number = crate::ui::url::route_param("number");
    loaded(
        move || async move {
            let state = crate::server::context::state()?;
            db::public_one(&state.db, &number)
                .await?
                .ok_or(AppError::NotFound)
        },
        |l: PublicLetter| {
            view! {
                <PageMeta title=l.subject.clone() description=format!("局长信箱来信答复：{}", l.subject) />
                <Crumbs current=l.subject.clone() />
                <h1 class="app-page-title">{l.subject.clone()}</h1>
                <article class="app-qa app-qa--single"><PublicBody l /></article>
                <p><a href="/mailbox#letters">"查看全部公开的来信"</a>" · "<a href="/mailbox/write?channel=director">"写信给局长"</a></p>
            }
            .into_any()
        },
    )
}

/// `/mailbox/write?channel=director|report`: the letter form, posted to
/// the same address (multipart, with up to three files); a refused one
/// comes back with its entries (the files must be chosen again).
#[component]
pub fn WritePage() -> impl IntoView {
    let sub = use_context::<Submitted>();
    let asked = use_query_map()
        .with_untracked(|q| q.get("channel"))
        .unwrap_or_default();
    let value = |k: &str| sub.as_ref().map(|s| s.value(k)).unwrap_or_default();
    let channel = Channel::parse(&sub.as_ref().map_or(asked, |s| s.value("channel")))
        .unwrap_or(Channel::Director);
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let report = channel == Channel::Report;
    let heading = if report {
        "投诉举报"
    } else {
        "写信给局长"
    };
    let title = if errors.is_empty() {
        heading.to_owned()
    } else {
        format!("错误：{heading}")
    };
    let anonymous = value("anonymous") == "yes";
    let allow = sub
        .as_ref()
        .is_none_or(|s| s.value("allow_public") == "yes");
    let days = crate::ui::layout::site().letter_days();
    let categories = std::iter::once((String::new(), "请选择".to_owned()))
        .chain(
            CATEGORIES
                .iter()
                .map(|(k, l)| ((*k).to_owned(), (*l).to_owned())),
        )
        .collect::<Vec<_>>();
    let other = if report {
        view! { <p>"想对本局工作提意见建议？"<a href="/mailbox/write?channel=director">"写信给局长"</a></p> }
    } else {
        view! { <p>"要举报非法出版物、盗版、黑广播等？"<a href="/mailbox/write?channel=report">"投诉举报"</a></p> }
    };
    view! {
        <PageMeta title=title description="写信给局长或投诉举报，凭信件编号和查询码查看办理情况。" />
        <Crumbs current=heading />
        <h1 class="app-page-title">{heading}</h1>
        <p class="app-page-lede">{format!(
            "我们在{days}个工作日内答复（法定节假日不计）。提交后您会得到信件编号和查询码，凭它们查看办理情况。{}",
            if report { "举报可以匿名；留下联系方式的，我们会告知处理结果。举报内容和举报人信息严格保密，不会公开。" } else { "" }
        )}</p>
        {other}
        <ErrorSummary errors=errors.clone() />
        <form class="app-form" method="post" action="/mailbox/write" enctype="multipart/form-data">
            <input type="hidden" name="channel" value=channel.as_str() />
            {report.then(|| view! {
                <Select name="category" label="举报类别" options=categories.clone() selected=value("category") error=error_for(&errors, "category") />
            })}
            <TextInput name="subject" label="标题" value=value("subject") error=error_for(&errors, "subject") hint="一句话概括，最多 50 字" />
            <TextArea name="body" label=if report { "举报内容" } else { "来信内容" } value=value("body") error=error_for(&errors, "body")
                hint=if report { "写清楚在哪里、什么时间、什么情况，最多 3000 字" } else { "最多 3000 字。请勿填写身份证号等个人信息。" } rows=8 />
            <FileInput name="file" label="附件（选填）" accept=".pdf,.jpg,.jpeg,.png" multiple=true error=error_for(&errors, "file") hint="照片或扫描件，PDF、JPEG 或 PNG，最多 3 个，每个不超过 10 MB" />
            {report.then(|| view! {
                <div class="app-field app-field--checkbox">
                    <input type="checkbox" id="anonymous" name="anonymous" value="yes" checked=anonymous />
                    <label for="anonymous">"匿名举报（不填姓名和联系方式；凭信件编号和查询码查看处理情况）"</label>
                </div>
            })}
            <TextInput name="writer" label=if report { "姓名或单位名称（匿名举报不填）" } else { "姓名或单位名称" } value=value("writer") error=error_for(&errors, "writer") autocomplete="name" />
            <TextInput name="contact" label=if report { "联系方式（匿名举报不填）" } else { "联系方式" } value=value("contact") error=error_for(&errors, "contact") hint="手机号、固定电话或电子邮箱，仅用于答复您，不会公开" autocomplete="tel" />
            {(!report).then(|| view! {
                <div class="app-field app-field--checkbox">
                    <input type="checkbox" id="allow_public" name="allow_public" value="yes" checked=allow />
                    <label for="allow_public">"同意公开本信及答复（不公开姓名和联系方式，身份证号、手机号等会遮盖）"</label>
                </div>
            })}
            <button type="submit" class="app-button">"提交"</button>
        </form>
    }
}

struct Found {
    stored: db::Stored,
    merged_reply: Option<Letter>,
}

/// The writer's letter by `number` and `code`, or the fields' problems.
async fn find(number: String, code: String) -> Result<Found, AppError> {
    let state = crate::server::context::state()?;
    let parts = use_context::<http::request::Parts>();
    let lookup = crate::server::limit::Lookup::open(
        &state,
        parts.as_ref(),
        ("letter", "信件编号"),
        &number,
        &code,
    )
    .await?;
    let stored = db::get(&state.db, &lookup.number).await?;
    let stored = lookup
        .check(&state, stored, |s| s.query_code.as_str())
        .await?;
    let merged_reply = if stored.letter.merged_into.is_empty() {
        None
    } else {
        db::get(&state.db, &stored.letter.merged_into)
            .await?
            .map(|s| s.letter)
            .filter(|l| l.status == Status::Replied)
    };
    Ok(Found {
        stored,
        merged_reply,
    })
}

/// `/mailbox/lookup?number=…&code=…`: the writer's letter, where it
/// stands and every step; right after writing (`new=1`) it says to keep
/// the number and code.
#[component]
pub fn LookupPage() -> impl IntoView {
    let q = use_query_map();
    let get = |k: &str| q.with_untracked(|m| m.get(k));
    let (number, code) = (get("number"), get("code"));
    let fresh = get("new").is_some();
    // A notice's link carries the number, never the code: the form.
    let asked = code.is_some();
    let (number, code) = (number.unwrap_or_default(), code.unwrap_or_default());
    awaited(async move {
        if !asked {
            return view! { <Lookup number=number.clone() code=String::new() errors=Vec::new() /> }
                .into_any();
        }
        match find(number.clone(), code.clone()).await {
            Ok(found) => view! { <Written found code=code.clone() fresh /> }.into_any(),
            Err(AppError::Validation(errors)) => {
                crate::server::context::set_status(400);
                view! { <Lookup number=number.clone() code=code.clone() errors /> }.into_any()
            }
            Err(e) => error_view(e),
        }
    })
}

#[component]
fn Lookup(number: String, code: String, errors: Vec<FieldError>) -> impl IntoView {
    let title = if errors.is_empty() {
        "查询办理情况"
    } else {
        "错误：查询办理情况"
    };
    view! {
        <PageMeta title=title description="凭信件编号和查询码查看来信的办理情况。" />
        <Crumbs current="查询办理情况" />
        <h1 class="app-page-title">"查询办理情况"</h1>
        <ErrorSummary errors=errors.clone() />
        <CodeLookup action="/mailbox/lookup" noun="信件编号" hint="如 XJ20261207000003" number code errors />
    }
}

/// The steps as the writer sees them (`staff`: with who took each).
#[component]
pub fn Steps(steps: Vec<Step>, #[prop(optional)] staff: bool) -> impl IntoView {
    view! {
        <section class="app-timeline" aria-labelledby="letter-steps">
            <h2 id="letter-steps" class="app-section-title">"办理过程"</h2>
            <ol class="app-timeline__list">
                {steps.into_iter().map(|s| view! {
                    <li class="app-timeline__item">
                        <span class="app-timeline__date">{datetime_zh(s.at)}</span>
                        <span class="app-timeline__stage">{s.action.clone()}</span>
                        {(staff && !s.actor.is_empty()).then(|| view! { <span>{format!("（{}）", s.actor)}</span> })}
                        {(!s.note.is_empty()).then(|| view! { <div class="app-timeline__note">{paragraphs(&s.note)}</div> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Written(found: Found, code: String, fresh: bool) -> impl IntoView {
    let Found {
        stored,
        merged_reply,
    } = found;
    let l = stored.letter;
    let state = crate::server::context::state().ok();
    let (calendar, today) = match &state {
        Some(s) => (s.calendar(), s.today()),
        None => (Default::default(), chrono::Utc::now().date_naive()),
    };
    let due = l.due(&calendar);
    let standing = match (l.status, l.days_left(&calendar, today)) {
        (Status::Open, Some(d)) if d >= 0 => format!("办理中（剩余 {d} 个工作日）"),
        (Status::Open, Some(d)) => format!("办理中（已超期 {} 个工作日，我们将尽快答复）", -d),
        (s, _) => s.label().to_owned(),
    };
    let row = |label: &'static str, value: String| {
        view! { <div class="app-fields__row"><dt class="app-fields__label">{label}</dt><dd class="app-fields__value">{value}</dd></div> }
    };
    view! {
        <PageMeta title=format!("来信 {}", l.number) description="来信的办理情况。" />
        <Crumbs current=l.number.clone() />
        <h1 class="app-page-title">{format!("信件编号 {}", l.number)}</h1>
        {fresh.then(|| view! {
            <div class="app-banner app-banner--ok" role="status">
                <p class="app-banner__title">"来信已提交"</p>
                <p>{format!("请记下信件编号 {} 和查询码 {}，凭它们查看办理情况。", l.number, code)}</p>
            </div>
        })}
        <dl class="app-fields">
            {row("渠道", l.kind_label())}
            {row("标题", l.subject.clone())}
            <div class="app-fields__row"><dt class="app-fields__label">"内容"</dt><dd class="app-fields__value">{paragraphs(&l.body)}</dd></div>
            {(!stored.files.is_empty()).then(|| row("附件", format!("{} 个", stored.files.len())))}
            {row("收信日期", date_zh(&l.received_on.to_string()))}
            {row("状态", standing)}
            {(l.status == Status::Open).then(|| due.map(|d| row("答复期限", date_zh(&d.to_string()))))}
            {(!l.department.is_empty()).then(|| row("承办部门", l.department.clone()))}
        </dl>
        {merged_reply.map(|m| view! {
            <h2 class="app-section-title">"合并办理的答复"</h2>
            <div class="app-qa__answer">{paragraphs(&format!("{}答复：{}", m.department, m.reply))}</div>
        })}
        <Steps steps=stored.steps />
        {l.public.then(|| view! { <p><a href=format!("/mailbox/{}", l.number)>"本信及答复已公开"</a></p> })}
        <NoticesOf number=l.number.clone() />
    }
}

/// The notices the writer was sent.
#[component]
fn NoticesOf(number: String) -> impl IntoView {
    awaited(async move {
        let Ok(state) = crate::server::context::state() else {
            return ().into_any();
        };
        match crate::notify::db::for_subject(&state.db, crate::notify::Subject::Letter, &number)
            .await
        {
            Ok(notices) => view! { <crate::notify::components::NoticeList notices /> }.into_any(),
            Err(e) => error_view(e.into()),
        }
    })
}
