//! The frame of every page: skip link, header with the site name, the
//! 长辈版 switch and the main navigation, then the page, then the footer.

use crate::server::context;
use crate::site::SiteSettings;
use crate::ui::elder::ElderToggle;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use std::sync::Arc;

/// The sections of the main navigation, in order. Only sections that exist
/// are listed; a domain adds its entry here when it ships.
pub const SECTIONS: &[(&str, &str)] = &[
    ("首页", "/"),
    ("信息公开", "/disclosure"),
    ("政策文件", "/disclosure/policy"),
    ("政策解读", "/disclosure/interpretation"),
    ("图解", "/graphics"),
    ("工作动态", "/disclosure/news"),
    ("专题专栏", "/topics"),
    ("办事服务", "/services"),
    ("网上咨询", "/consult"),
    ("局长信箱", "/mailbox"),
    ("意见征集", "/consultations"),
    ("公示信息", "/registers"),
    ("数据开放", "/data"),
];

/// The site settings of the current request (defaults outside a request).
pub fn site() -> Arc<SiteSettings> {
    // Outside a request (route listing at start-up) there is no state: defaults.
    use_context::<crate::server::state::AppState>()
        .map(|s| s.site())
        .unwrap_or_default()
}

/// Whether the request asked for the elder-friendly view.
pub fn elder_requested() -> bool {
    context::request_parts().is_some_and(|p| {
        crate::server::http::cookie(&p.headers, crate::ui::elder::COOKIE) == Some("1")
    })
}

/// `<title>` and meta description of a page. `title` is the page's own name;
/// the site's name is added after it.
#[component]
pub fn PageMeta(#[prop(into)] title: String, #[prop(into)] description: String) -> impl IntoView {
    let site = site();
    let full = if title.is_empty() {
        site.name.clone()
    } else {
        format!("{title} - {}", site.name)
    };
    let description = if description.is_empty() {
        site.description.clone()
    } else {
        description
    };
    view! {
        <Title text=full />
        <Meta name="description" content=description />
    }
}

/// The page frame.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let site = site();
    let parts = context::request_parts();
    let path = parts
        .as_ref()
        .map(|p| p.uri.path().to_owned())
        .unwrap_or_else(|| "/".to_owned());
    let return_to = parts
        .as_ref()
        .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_owned()))
        .unwrap_or_else(|| "/".to_owned());
    let url = context::current_url();
    let staff = crate::account::auth::current_user();
    let staff_signed_in = staff.is_some();
    let search_value = if path == "/search" {
        parts
            .as_ref()
            .and_then(|p| crate::ui::url::query_value(&p.uri, "q"))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let state = use_context::<crate::server::state::AppState>();
    let hot: Vec<String> = state
        .as_ref()
        .map(|s| s.hot_words().iter().take(5).cloned().collect())
        .unwrap_or_default();
    // In a major emergency, one notice above everything but the skip link.
    let alert = state
        .and_then(|s| s.alert())
        .map(|alert| view! { <crate::alerts::components::AlertBanner alert /> });
    view! {
        <a class="app-skip-link" href="#main">"跳到主要内容"</a>
        {alert}
        {staff.map(|u| view! {
            <nav class="app-staffbar" aria-label="工作人员">
                <div class="app-staffbar__inner app-width">
                    <span class="app-staffbar__who">{format!("{}（{}）", u.display_name, u.roles_label())}</span>
                    <a class="app-staffbar__link" href="/staff">"工作台"</a>
                    <form class="app-staffbar__logout" method="post" action="/staff/logout">
                        <button type="submit" class="app-staffbar__button">"退出"</button>
                    </form>
                </div>
            </nav>
        })}
        <header class="app-header">
            <div class="app-header__bar app-width">
                <a class="app-header__name" href="/">
                    <span class="app-header__emblem" aria-hidden="true">"政"</span>
                    {site.name.clone()}
                </a>
                <div class="app-header__tools">
                    <crate::search::box_island::SearchBox value=search_value />
                    <ElderToggle on=elder_requested() return_to=return_to label=site.elder_label.clone() />
                </div>
            </div>
            <div class="app-header__hot app-width">
                <crate::search::pages::HotWords words=hot />
            </div>
            <Nav current=path hidden=hidden_sections(staff_signed_in) />
        </header>
        <main id="main" class="app-main app-width" tabindex="-1">
            {children()}
        </main>
        <Footer site=site url=url />
    }
}

/// Links for signed-in staff on an item's page: edit, history, review, withdraw.
#[component]
pub fn StaffActions(id: i64) -> impl IntoView {
    use crate::account::types::Role;
    crate::account::auth::current_user().map(|u| {
        view! {
            <nav aria-label="工作人员操作"><ul class="app-actions">
                {u.has(Role::Editor).then(|| view! {
                    <li><a class="app-button app-button--secondary" href=format!("/articles/{id}/edit")>"编辑"</a></li>
                    <li><a href=format!("/articles/{id}/history")>"历史版本"</a></li>
                })}
                {u.has(Role::Reviewer).then(|| view! {
                    <li><a href=format!("/articles/{id}/review")>"审核"</a></li>
                    <li><a href=format!("/articles/{id}/withdraw")>"撤回"</a></li>
                })}
                {(u.has(Role::Editor) || u.has(Role::Reviewer)).then(|| view! {
                    <li><a href=format!("/articles/{id}/word")>"下载 Word"</a></li>
                })}
            </ul></nav>
        }
    })
}

/// Which section a path belongs to: the longest matching prefix.
pub fn current_section(path: &str) -> Option<&'static str> {
    SECTIONS
        .iter()
        .filter(|(_, href)| {
            if *href == "/" {
                path == "/"
            } else {
                path == *href || path.starts_with(&format!("{href}/"))
            }
        })
        .max_by_key(|(_, href)| href.len())
        .map(|(_, href)| *href)
}

/// The sections the public navigation leaves out because they have
/// nothing yet; staff see every section (they are the ones to fill it).
pub fn hidden_sections(staff: bool) -> Vec<&'static str> {
    if staff {
        return Vec::new();
    }
    use_context::<crate::server::state::AppState>()
        .map(|s| s.empty_sections().empty.clone())
        .unwrap_or_default()
}

#[component]
fn Nav(current: String, hidden: Vec<&'static str>) -> impl IntoView {
    let active = current_section(&current);
    view! {
        <nav class="app-nav" aria-label="主导航">
            <ul class="app-nav__list app-width">
                {SECTIONS
                    .iter()
                    .filter(|(_, href)| !hidden.contains(href))
                    .map(|(label, href)| {
                        let is_current = active == Some(*href);
                        view! {
                            <li class="app-nav__item">
                                <a
                                    class="app-nav__link"
                                    href=*href
                                    aria-current=is_current.then_some("page")
                                >
                                    {*label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn Footer(site: Arc<SiteSettings>, url: String) -> impl IntoView {
    let qr = crate::ui::qr::svg(&url, "当前页面地址的二维码");
    // The site's own text pages, once written and approved.
    let pages = use_context::<crate::server::state::AppState>()
        .map(|s| s.empty_sections().pages.clone())
        .unwrap_or_default();
    let links: Vec<(String, String)> = [
        ("about", "/about", "关于本网站"),
        ("contact", "/contact", "联系我们"),
        ("privacy", "/privacy", "隐私声明"),
    ]
    .into_iter()
    .filter(|(slug, _, _)| pages.iter().any(|p| p == slug))
    .map(|(_, href, label)| (href.to_owned(), label.to_owned()))
    .chain(
        crate::site::footer_links(&site.footer_links)
            .into_iter()
            .map(|l| (l.href, l.label)),
    )
    .collect();
    let line = |label: &'static str, value: &str| {
        (!value.is_empty()).then(|| {
            view! {
                <p class="app-footer__line">
                    {label}
                    "："
                    {value.to_owned()}
                </p>
            }
        })
    };
    view! {
        <footer class="app-footer">
            <div class="app-footer__inner app-width">
                <div class="app-footer__contact">
                    <p class="app-footer__name">{site.name.clone()}</p>
                    {line("主办单位", &site.organiser)}
                    {line("地址", &site.address)}
                    {line("邮编", &site.postcode)}
                    {line("联系电话", &site.phone)}
                    {line("电子邮箱", &site.email)}
                    {line("ICP备案号", &site.icp)}
                    {line("政府网站标识码", &site.site_code)}
                    {line("公安备案号", &site.police_record)}
                    {(!links.is_empty()).then(|| view! {
                        <ul class="app-footer__links">
                            {links.into_iter().map(|(href, label)| view! { <li><a href=href>{label}</a></li> }).collect_view()}
                        </ul>
                    })}
                </div>
                <figure class="app-qr">
                    <div class="app-qr__image" inner_html=qr></div>
                    <figcaption class="app-qr__caption">"扫一扫在手机上查看当前页面"</figcaption>
                </figure>
            </div>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::current_section;

    #[test]
    fn sections_match_by_prefix() {
        assert_eq!(current_section("/"), Some("/"));
        assert_eq!(current_section("/disclosure"), Some("/disclosure"));
        assert_eq!(current_section("/disclosure/guide"), Some("/disclosure"));
        assert_eq!(
            current_section("/disclosure/policy"),
            Some("/disclosure/policy")
        );
        assert_eq!(current_section("/topics/zwgk-2016"), Some("/topics"));
        assert_eq!(current_section("/disclosurex"), None);
        assert_eq!(current_section("/nowhere"), None);
    }
}
