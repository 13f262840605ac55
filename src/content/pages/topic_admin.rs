//! `/staff/topics` and `/staff/topics/{id}`: the 专题 staff keep — the list
//! with a form for a new one, and one topic's text (with the text waiting
//! for review, as the public will see it), its items and its status.
//! Editors and reviewers.

use super::text_review::{review_panel, Waiting};
use crate::account::types::{Role, StaffUser};
use crate::content::db::{StaffTopic, StaffTopicLine, TopicText};
use crate::content::topic_admin::fingerprint;
use crate::content::types::{PublicationStatus, TopicSection};
use crate::error::AppError;
use crate::server::forms::{notice, submitted};
use crate::ui::crumbs::{trail, Breadcrumbs};
use crate::ui::error_page::{error_view, loaded};
use crate::ui::format::datetime_zh;
use crate::ui::forms::{error_for, ErrorSummary, Notice, Select, TextArea, TextInput};
use crate::ui::layout::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The signed-in editor or reviewer, or the view to show instead.
fn topic_staff() -> Result<StaffUser, AnyView> {
    let user = crate::account::pages::signed_in()?;
    if user.has(Role::Editor) || user.has(Role::Reviewer) {
        Ok(user)
    } else {
        Err(error_view(AppError::Forbidden))
    }
}

fn status_label(line_status: PublicationStatus) -> &'static str {
    match line_status {
        PublicationStatus::Draft => "未发布",
        PublicationStatus::Published => "已发布",
        PublicationStatus::Withdrawn => "已撤下",
    }
}

/// The text fields, filled from a refused form or from `text`.
fn text_fields(text: &TopicText) -> impl IntoView {
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let value = |key: &str, stored: &str| match &sub {
        Some(s) => s.value(key),
        None => stored.to_owned(),
    };
    view! {
        <TextInput name="title" label="专题名称" value=value("title", &text.title) error=error_for(&errors, "title") />
        <TextArea name="summary" label="简介" value=value("summary", &text.summary) hint="一两句话，显示在专题列表和搜索结果中" rows=2 error=error_for(&errors, "summary") />
        <TextArea name="body" label="导语（可不填）" value=value("body", &text.body_md) hint="显示在专题页面顶部；空一行分段" rows=8 error=error_for(&errors, "body") />
    }
}

/// `/staff/topics`: every topic, and the form for a new one.
#[component]
pub fn TopicsAdminPage() -> impl IntoView {
    let user = match topic_staff() {
        Ok(user) => user,
        Err(view) => return view,
    };
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let title = if errors.is_empty() {
        "专题管理"
    } else {
        "错误：专题管理"
    };
    let new_form = user.has(Role::Editor).then(|| {
        let slug = sub.as_ref().map(|s| s.value("slug")).unwrap_or_default();
        view! {
            <form class="app-form" method="post" action="/staff/topics" id="new">
                <h2>"新建专题"</h2>
                <ErrorSummary errors=errors.clone() />
                <TextInput name="slug" label="网址名" value=slug hint="专题网址的最后一段，如 zwgk-2027（网址为 /topics/zwgk-2027）；创建后不能修改" error=error_for(&errors, "slug") />
                {text_fields(&TopicText { title: String::new(), summary: String::new(), body_md: String::new() })}
                <div class="app-form__actions">
                    <button type="submit" class="app-button">"保存并送审"</button>
                </div>
            </form>
        }
    });
    view! {
        <PageMeta title=title description="专题的新建、编辑、审核和撤下。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff")]) current="专题管理" />
        <h1 class="app-page-title">"专题管理"</h1>
        <p class="app-page-lede">"专题汇集一项重点工作的文件、解读、图解和进展。专题的名称、简介和导语经审核人员审核后才对公众显示；加入专题的信息只有已公开的才会显示。"</p>
        {notice().map(|n| view! { <Notice text=n /> })}
        {loaded(
            || async {
                let db = crate::server::context::db()?;
                Ok::<_, AppError>(crate::content::db::list_staff_topics(&db).await?)
            },
            |topics: Vec<StaffTopicLine>| {
                if topics.is_empty() {
                    return view! { <p class="app-list__empty">"还没有专题。"</p> }.into_any();
                }
                view! {
                    <div class="app-table-wrap">
                        <table class="app-table app-table--cards">
                            <caption class="app-visually-hidden">"专题"</caption>
                            <thead><tr>
                                <th scope="col">"专题"</th>
                                <th scope="col">"状态"</th>
                                <th scope="col">"信息数"</th>
                            </tr></thead>
                            <tbody>
                                {topics.into_iter().map(|t| view! {
                                    <tr>
                                        <th scope="row" data-label="专题"><a href=format!("/staff/topics/{}", t.id)>{t.title.clone()}</a></th>
                                        <td data-label="状态">{status_label(t.status)}{t.waiting.then_some("，有待审核的修改")}</td>
                                        <td data-label="信息数" class="app-table__cell--numeric">{t.items}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            },
        )}
        {new_form}
    }
    .into_any()
}

/// `/staff/topics/{id}`: one topic.
#[component]
pub fn TopicAdminPage() -> impl IntoView {
    let user = match topic_staff() {
        Ok(user) => user,
        Err(view) => return view,
    };
    let id: i64 = use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse().ok())
        .unwrap_or(0);
    loaded(
        move || async move {
            let db = crate::server::context::db()?;
            crate::content::db::staff_topic(&db, id)
                .await?
                .ok_or(AppError::NotFound)
        },
        move |topic: StaffTopic| topic_view(topic, &user),
    )
    .into_any()
}

fn topic_view(topic: StaffTopic, user: &StaffUser) -> AnyView {
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let message = sub.as_ref().and_then(|s| s.message.clone());
    let shown = topic
        .pending
        .as_ref()
        .map_or(&topic.live.title, |(t, _)| &t.title)
        .clone();
    let title = if errors.is_empty() && message.is_none() {
        shown.clone()
    } else {
        format!("错误：{shown}")
    };
    let action = format!("/staff/topics/{}", topic.id);
    let editor = user.has(Role::Editor);
    let reviewer = user.has(Role::Reviewer);
    let public_link = (topic.status == PublicationStatus::Published).then(|| {
        let href = format!("/topics/{}", topic.slug);
        view! { <p><a href=href.clone()>{format!("公众看到的页面：{href}")}</a></p> }
    });
    let returned = (!topic.return_note.is_empty()).then(|| {
        view! {
            <div class="app-banner" role="status">
                <p class="app-banner__title">"审核退回"</p>
                <p class="app-banner__text">{topic.return_note.clone()}</p>
            </div>
        }
    });
    let text_form = editor.then(|| {
        let text = topic.pending.as_ref().map_or(&topic.live, |(t, _)| t);
        view! {
            <form class="app-form" method="post" action=action.clone() id="text">
                <h2>"名称、简介和导语"</h2>
                {text_fields(text)}
                <div class="app-form__actions">
                    <button type="submit" class="app-button" name="action" value="save">"保存并送审"</button>
                </div>
            </form>
        }
    });
    let review = topic.pending.as_ref().map(|(pending, author)| {
        let waiting = Waiting {
            title: &pending.title,
            summary: Some(&pending.summary),
            body_md: &pending.body_md,
            seen: fingerprint(pending),
            own: *author == Some(user.id),
        };
        review_panel(waiting, reviewer, &action)
    });
    let items = items_view(&topic, editor, &action);
    let status_form = reviewer.then(|| match topic.status {
        PublicationStatus::Published => view! {
            <form class="app-form" method="post" action=action.clone()>
                <p>"撤下后，专题从专题列表、首页和站内搜索中消失，其中的信息不受影响。"</p>
                <button type="submit" class="app-button app-button--warning" name="action" value="retire">"撤下专题"</button>
            </form>
        }
        .into_any(),
        PublicationStatus::Withdrawn => view! {
            <form class="app-form" method="post" action=action.clone()>
                <p>"该专题已撤下。恢复后按最近一次审核通过的内容重新显示。"</p>
                <button type="submit" class="app-button" name="action" value="restore">"恢复专题"</button>
            </form>
        }
        .into_any(),
        PublicationStatus::Draft => view! { <p>"该专题尚未发布：内容审核通过后即对公众显示。"</p> }.into_any(),
    });
    let reviews = (!topic.reviews.is_empty()).then(|| {
        view! {
            <h2>"审核记录"</h2>
            <ul class="app-list">
                {topic.reviews.iter().map(|(who, decision, opinion, at)| {
                    let decision = if decision == "approved" { "同意发布" } else { "退回修改" };
                    view! { <li class="app-list__item">{format!("{} {}：{}。{}", datetime_zh(*at), who, decision, opinion)}</li> }
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <PageMeta title=title description="专题的编辑和审核。" />
        <Breadcrumbs trail=trail(&[("工作台", "/staff"), ("专题管理", "/staff/topics")]) current=shown.clone() />
        <h1 class="app-page-title">{shown.clone()}</h1>
        <p>{format!("状态：{}", status_label(topic.status))}</p>
        {public_link}
        {notice().map(|n| view! { <Notice text=n /> })}
        <ErrorSummary errors=errors.clone() />
        {message.map(|m| view! { <div class="app-banner" role="alert"><p class="app-banner__text">{m}</p></div> })}
        {returned}
        {review}
        {text_form}
        {items}
        {status_form.map(|f| view! { <h2>"发布状态"</h2> {f} })}
        {reviews}
    }
    .into_any()
}

/// The items by section, with their order and removal buttons, and the
/// form that adds one.
fn items_view(topic: &StaffTopic, editor: bool, action: &str) -> impl IntoView {
    let sub = submitted();
    let errors = sub.as_ref().map(|s| s.errors.clone()).unwrap_or_default();
    let value = |key: &str| sub.as_ref().map(|s| s.value(key)).unwrap_or_default();
    let sections = TopicSection::ALL.into_iter().map(|section| {
        let items: Vec<_> = topic.items.iter().filter(|i| i.section == section).cloned().collect();
        let count = items.len();
        view! {
            <h3>{section.label()}</h3>
            {if items.is_empty() {
                view! { <p class="app-list__empty">"暂无。"</p> }.into_any()
            } else {
                view! {
                    <ol class="app-list">
                        {items.into_iter().enumerate().map(|(i, item)| {
                            let article = item.article_id.to_string();
                            let buttons = editor.then(|| view! {
                                <form class="app-inline-form" method="post" action=action.to_owned()>
                                    <input type="hidden" name="article" value=article.clone() />
                                    {(i > 0).then(|| view! { <button type="submit" class="app-button app-button--secondary" name="action" value="move_up">{format!("上移“{}”", item.title)}</button> })}
                                    {(i + 1 < count).then(|| view! { <button type="submit" class="app-button app-button--secondary" name="action" value="move_down">{format!("下移“{}”", item.title)}</button> })}
                                    <button type="submit" class="app-button app-button--warning" name="action" value="remove_item">{format!("移出“{}”", item.title)}</button>
                                </form>
                            });
                            view! {
                                <li class="app-list__item">
                                    <a class="app-list__link" href=format!("/articles/{}", item.article_id)>{item.title.clone()}</a>
                                    {(!item.public).then(|| view! { <span class="app-tag app-tag--warning">"未公开，公众看不到"</span> })}
                                    {buttons}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        }
    }).collect_view();
    let options: Vec<(String, String)> = std::iter::once((String::new(), "请选择".to_owned()))
        .chain(
            TopicSection::ALL
                .into_iter()
                .map(|s| (s.slug().to_owned(), s.label().to_owned())),
        )
        .collect();
    view! {
        <section aria-labelledby="items-title" id="items">
            <h2 id="items-title">"专题中的信息"</h2>
            {sections}
            {editor.then(|| view! {
                <form class="app-form" method="post" action=action.to_owned()>
                    <h3>"加入信息"</h3>
                    <TextInput name="article" label="信息编号或网址" value=value("article") hint="打开信息页面，地址栏中 /articles/ 后面的数字即编号，如 123" error=error_for(&errors, "article") />
                    <Select name="section" label="栏目" options=options selected=value("section") error=error_for(&errors, "section") />
                    <div class="app-form__actions">
                        <button type="submit" class="app-button" name="action" value="add_item">"加入"</button>
                    </div>
                </form>
            })}
        </section>
    }
}
