//! Route components for published content (server-rendered only).

mod article;
mod catalogue;
mod category;
mod home;
mod interpretations;
mod list;
mod page_admin;
mod static_page;
mod term_admin;
mod text_review;
mod topic_admin;
mod topics;

pub use article::ArticlePage;
pub use catalogue::CataloguePage;
pub use category::CategoryPage;
pub use home::HomePage;
pub use interpretations::InterpretationsPage;
pub use list::ArticleListPage;
pub use page_admin::{PageAdminPage, PagesAdminPage};
pub use static_page::StaticPageView;
pub use term_admin::CatalogueTermsPage;
pub use topic_admin::{TopicAdminPage, TopicsAdminPage};
pub use topics::{TopicListPage, TopicPage};

use crate::content::taxonomy::Validity;
use crate::content::types::{ArticleSummary, ContentKind, RelatedItem};
use crate::ui::crumbs::{trail, Breadcrumbs as CrumbTrail};
use crate::ui::format::date_zh;
use leptos::prelude::*;

/// The link for signed-in editors and reviewers to where they change what
/// the page shows (staff pages bypass the page cache).
pub fn staff_edit_link(href: String, text: &'static str) -> impl IntoView {
    use crate::account::types::Role;
    crate::account::auth::current_user()
        .filter(|u| u.has(Role::Editor) || u.has(Role::Reviewer))
        .map(|_| {
            view! {
                <nav aria-label="工作人员操作"><ul class="app-actions">
                    <li><a class="app-button app-button--secondary" href=href>{text}</a></li>
                </ul></nav>
            }
        })
}

/// An item's attachments, each with its type and size (nothing when none).
#[component]
pub fn Attachments(items: Vec<crate::content::types::AttachmentInfo>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class="app-attachments" aria-labelledby="attachments-title">
                <h2 id="attachments-title" class="app-attachments__title">"附件"</h2>
                <ul class="app-attachments__list">
                    {items
                        .into_iter()
                        .map(|a| {
                            let meta = format!("（{}，{}）", a.type_label(), a.size_label());
                            view! {
                                <li class="app-attachments__item">
                                    <a href=format!("/attachments/{}", a.id) download=a.name.clone()>{a.name.clone()}</a>
                                    <span class="app-attachments__meta">{meta}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// A list of items: title, then kind, document number, validity and date.
#[component]
pub fn SummaryList(items: Vec<ArticleSummary>, #[prop(optional)] show_kind: bool) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="app-list__empty">"暂无符合条件的信息。"</p> }.into_any();
    }
    view! {
        <ul class="app-list">
            {items.into_iter().map(|item| view! { <SummaryItem item show_kind /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SummaryItem(
    item: ArticleSummary,
    show_kind: bool,
    #[prop(optional)] extra: Option<String>,
) -> impl IntoView {
    let href = format!("/articles/{}", item.id);
    let date = date_zh(&item.published_on);
    let sub = crate::ui::layout::site()
        .terms
        .label(
            crate::content::taxonomy::TermList::Subtype(item.kind),
            &item.subtype,
        )
        .map(str::to_owned);
    let validity =
        (item.kind.is_document() && item.validity != Validity::Valid).then_some(item.validity);
    view! {
        <li class="app-list__item">
            <a class="app-list__link" href=href>
                {item.title}
            </a>
            <span class="app-list__meta">
                {show_kind.then(|| view! { <span class="app-tag">{item.kind.label()}</span> })}
                {sub.map(|s| view! { <span class="app-tag app-tag--light">{s}</span> })}
                {validity.map(|v| view! { <span class="app-tag app-tag--warning">{v.label()}</span> })}
                {(!item.doc_no.is_empty()).then(|| view! { <span>{item.doc_no}</span> })}
                <time datetime=item.published_on>{date}</time>
                {extra.map(|e| view! { <span class="app-list__extra">{e}</span> })}
            </span>
        </li>
    }
}

/// Related items with how promptly each came out.
#[component]
pub fn RelatedList(items: Vec<RelatedItem>) -> impl IntoView {
    view! {
        <ul class="app-list">
            {items
                .into_iter()
                .map(|r| {
                    let extra = r.timeliness.map(|t| t.label());
                    view! { <SummaryItem item=r.item show_kind=false extra=extra.unwrap_or_default() /> }
                })
                .collect_view()}
        </ul>
    }
}

/// 首页 › 政府信息公开 › kind › current.
#[component]
pub fn Breadcrumbs(
    #[prop(optional)] kind: Option<ContentKind>,
    #[prop(into)] current: String,
) -> impl IntoView {
    view! {
        <CrumbTrail
            trail=trail(&[("首页", "/"), ("政府信息公开", "/disclosure")])
                .into_iter()
                .chain(kind.map(|k| (k.label().to_owned(), format!("/disclosure/{}", k.slug()))))
                .collect()
            current=current
        />
    }
}
