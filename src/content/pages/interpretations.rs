use super::{Breadcrumbs, RelatedList, SummaryList};
use crate::content::api::list_interpreted_documents;
use crate::content::types::InterpretationState;
use crate::ui::{
    error_page::{awaited, error_view},
    format::date_zh,
    layout::PageMeta,
};
use leptos::prelude::*;

/// `/disclosure/interpretations`: documents that need an interpretation, with
/// their interpretations and when each came out (the 3-working-day rule).
#[component]
pub fn InterpretationsPage() -> impl IntoView {
    view! {
        <PageMeta title="政策文件解读情况" description="政策文件及其解读材料的发布时间，解读应于文件公开后3个工作日内发布。" />
        <Breadcrumbs current="政策文件解读情况" />
        <h1 class="app-page-title">"政策文件解读情况"</h1>
        <p class="app-page-lede">"按照规定，政策文件的解读材料应于文件公开后3个工作日内发布。以下为需要解读的文件及其解读发布情况。"</p>
        {awaited(async move {
                match list_interpreted_documents().await {
                    Ok(docs) if docs.is_empty() => view! { <p class="app-list__empty">"暂无需要解读的文件。"</p> }.into_any(),
                    Ok(docs) => {
                        view! {
                            <ol class="app-interpretations">
                                {docs
                                    .into_iter()
                                    .map(|d| {
                                        let status = match &d.state {
                                            InterpretationState::Interpreted => "已发布解读".to_owned(),
                                            InterpretationState::Awaiting { due, days_left } if *days_left >= 0 => {
                                                format!("解读待发布，应于{}前发布（还剩{}个工作日）", date_zh(due), days_left)
                                            }
                                            InterpretationState::Awaiting { due, days_left } => {
                                                format!("解读待发布，应于{}前发布，已逾期{}个工作日", date_zh(due), -days_left)
                                            }
                                        };
                                        view! {
                                            <li class="app-interpretations__item">
                                                <SummaryList items=vec![d.document] />
                                                <p class="app-interpretations__status">{status}</p>
                                                {(!d.interpretations.is_empty()).then(|| view! {
                                                    <div class="app-interpretations__related">
                                                        <h2 class="app-interpretations__title">"解读材料"</h2>
                                                        <RelatedList items=d.interpretations />
                                                    </div>
                                                })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        }
                            .into_any()
                    }
                    Err(e) => error_view(e),
                }
            })}
    }
}
