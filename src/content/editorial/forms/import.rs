//! 从 Word 导入: a .docx posted from the editor's import form becomes the
//! item's working draft in one save — body, the catalogue fields it could
//! read, its images as attachments in place, the original file if asked —
//! with what could not be carried kept beside the revision.

use super::editor::sniff;
use super::*;
use crate::account::types::StaffUser;
use crate::content::db::NewAttachment;
use crate::content::docx::{self, Imported};
use crate::content::taxonomy::{ContentKind, TermList, Terms};

/// The .docx MIME type, as the original is attached.
const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// What the import form posted.
pub(super) struct ImportPost {
    /// (file name, bytes) of the chosen document; None when none was chosen.
    pub file: Option<(String, Vec<u8>)>,
    pub keep_original: bool,
}

/// The file name without its extension, for the title and attachment names.
fn stem(file_name: &str) -> &str {
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem).trim()
}

/// The 主题分类 in use whose name a 主题词 names (or contains, or is part of).
fn subject_for(keywords: &[String], terms: &Terms) -> Option<String> {
    let subjects: Vec<_> = terms
        .of(TermList::Subject)
        .iter()
        .filter(|t| !t.retired)
        .collect();
    let exact = keywords
        .iter()
        .find_map(|k| subjects.iter().find(|t| &t.label == k));
    let near = || {
        keywords.iter().find_map(|k| {
            subjects.iter().find(|t| {
                t.label.chars().count() >= 2
                    && k.chars().count() >= 2
                    && (k.contains(t.label.as_str()) || t.label.contains(k.as_str()))
            })
        })
    };
    exact.or_else(near).map(|t| t.slug.clone())
}

/// Fills `form` from the document: the body always; title, 发文字号 (policy
/// documents), 成文日期, 发布机构 and 主题分类 where the document gives them.
/// Returns notes for the editor about fields it could not fill.
fn apply(
    form: &mut ArticleForm,
    imported: &Imported,
    file_name: &str,
    terms: &Terms,
) -> Vec<String> {
    let mut notes = Vec::new();
    let f = &imported.fields;
    form.body_md = imported.body_md.clone();
    match &f.title {
        Some(title) => form.title = title.clone(),
        None if form.title.trim().is_empty() => {
            form.title = stem(file_name).to_owned();
            notes.push("文档中没有找到标题，已用文件名作标题，请修改。".to_owned());
        }
        None => {}
    }
    if let Some(doc_no) = &f.doc_no {
        if form.content_kind() == Some(ContentKind::Policy) {
            form.doc_no = doc_no.clone();
        } else {
            notes.push(format!(
                "文档的发文字号“{doc_no}”没有填入：只有政策文件有发文字号一栏。"
            ));
        }
    }
    if let Some(publisher) = &f.publisher {
        form.publisher = publisher.clone();
    }
    if let Some(date) = &f.written_on {
        form.written_on = date.clone();
    }
    if !f.keywords.is_empty() {
        match subject_for(&f.keywords, terms) {
            Some(slug) => form.topic = slug,
            None => notes.push(format!(
                "主题词“{}”没有对应的主题分类，请在“主题分类”中选择。",
                f.keywords.join(" ")
            )),
        }
    }
    if form.note.trim().is_empty() {
        form.note = format!("从 Word 文档导入：{file_name}");
    }
    notes
}

/// `action=import` on the editor: reads the document, saves it as the
/// item's draft and shows the editor; refusals keep the item as it was.
pub(super) async fn import_post(
    state: AppState,
    parts: Parts,
    user: StaffUser,
    id: Option<i64>,
    kind: String,
    post: ImportPost,
) -> Response {
    // What the editor starts from: the item's working draft, or a new item.
    let mut form = match id {
        Some(id) => match db::staff_article(&state.db, id).await {
            Ok(Some(a)) => a.working_form(),
            Ok(None) => return plain_error(StatusCode::NOT_FOUND, "要编辑的信息不存在。"),
            Err(e) => return plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        },
        None => {
            let Some(kind) = ContentKind::from_slug(&kind) else {
                return plain_error(StatusCode::NOT_FOUND, "没有这个信息类别。");
            };
            let site = state.site();
            let publisher = if site.publisher.is_empty() {
                &site.organiser
            } else {
                &site.publisher
            };
            ArticleForm::new(kind, publisher)
        }
    };
    form.note = String::new();
    let refuse = |form: ArticleForm, errors: Vec<FieldError>| {
        let state = state.clone();
        let parts = parts.clone();
        async move {
            let editor = EditorState {
                form,
                errors,
                preview: false,
            };
            let mut res = page_with(&state, parts, move || provide_context(editor.clone())).await;
            *res.status_mut() = StatusCode::BAD_REQUEST;
            res
        }
    };
    let docx_error = |message: String| vec![FieldError::new("docx", message)];
    let Some((file_name, bytes)) = post.file.filter(|(_, b)| !b.is_empty()) else {
        return refuse(form, docx_error("请选择要导入的 Word 文档（.docx）".into())).await;
    };
    let file_name = if file_name.trim().is_empty() {
        "未命名文档.docx".to_owned()
    } else {
        file_name
    };
    if bytes.len() > MAX_FILE_BYTES {
        let message = format!("文档“{file_name}”超过20MB，请压缩其中的图片后再导入");
        return refuse(form, docx_error(message)).await;
    }
    let imported = match docx::import(&bytes) {
        Ok(i) => i,
        Err(e) => return refuse(form, docx_error(format!("“{file_name}”无法导入：{e}"))).await,
    };
    if imported.body_md.trim().is_empty() {
        let message = format!("“{file_name}”中没有可导入的正文");
        return refuse(form, docx_error(message)).await;
    }
    let site = state.site();
    let mut notes = apply(&mut form, &imported, &file_name, &site.terms);
    // Images the portal can show are attached in place; others taken out.
    let mut inline = Vec::new();
    let mut addresses = Vec::new();
    for (n, image) in imported.images.iter().enumerate() {
        match sniff(&image.bytes).filter(|m| m.starts_with("image/")) {
            Some(mime) => {
                let ext = image.file_name.rsplit_once('.').map_or("", |(_, e)| e);
                inline.push(NewAttachment {
                    name: format!("{}-图{}.{ext}", stem(&file_name), n + 1),
                    mime: mime.to_owned(),
                    data: image.bytes.clone(),
                });
                addresses.push(Some(docx::image_placeholder(inline.len() - 1)));
            }
            None => {
                notes.push(format!(
                    "图{}（{}）的格式网页无法显示，未导入，请另存为 PNG 或 JPG 后作为附件上传。",
                    n + 1,
                    image.file_name
                ));
                addresses.push(None);
            }
        }
    }
    // Renumbered to the images kept; `db::save` places them.
    form.body_md = docx::place_images(&form.body_md, &addresses);
    let mut import_notes = imported.warnings.clone();
    import_notes.extend(notes);
    let mut errors = form.validate();
    if !errors.is_empty() {
        errors.insert(
            0,
            FieldError::new(
                "docx",
                "文档已读取并填入下方，但还不能保存：请先补全标出的内容并保存草稿，再重新导入文档（图片随导入保存）。",
            ),
        );
        return refuse(form, errors).await;
    }
    let add = if post.keep_original {
        vec![NewAttachment {
            name: file_name.clone(),
            mime: DOCX_MIME.to_owned(),
            data: bytes,
        }]
    } else {
        Vec::new()
    };
    let changes = db::AttachmentChanges {
        add,
        inline,
        import_notes: import_notes.clone(),
        ..db::AttachmentChanges::default()
    };
    match db::save(
        &state.db,
        &user,
        id,
        &form,
        &changes,
        SaveAction::Save,
        now(),
    )
    .await
    {
        Ok(article_id) => {
            let notice = if import_notes.is_empty() {
                "imported"
            } else {
                "imported_notes"
            };
            see_other(&format!("/articles/{article_id}/edit?notice={notice}"))
        }
        Err(AppError::Validation(mut errors)) => {
            errors.insert(
                0,
                FieldError::new(
                    "docx",
                    "文档已读取并填入下方，但还不能保存：请先改正标出的内容并保存草稿，再重新导入文档（图片随导入保存）。",
                ),
            );
            refuse(form, errors).await
        }
        Err(AppError::NotFound) => plain_error(StatusCode::NOT_FOUND, "要编辑的信息不存在。"),
        Err(e) => plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::taxonomy::Term;

    fn terms() -> Terms {
        let term = |slug: &str, label: &str, retired| Term {
            slug: slug.into(),
            label: label.into(),
            retired,
        };
        Terms {
            lists: vec![(
                TermList::Subject.key().to_owned(),
                vec![
                    term("general", "综合政务", false),
                    term("openness", "政务公开", false),
                    term("film", "电影", true),
                ],
            )],
        }
    }

    #[test]
    fn keywords_find_a_subject_in_use() {
        let k = |w: &[&str]| w.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            subject_for(&k(&["通知", "政务公开"]), &terms()).as_deref(),
            Some("openness")
        );
        assert_eq!(
            subject_for(&k(&["政务公开工作"]), &terms()).as_deref(),
            Some("openness")
        );
        // A retired subject is not offered.
        assert_eq!(subject_for(&k(&["电影"]), &terms()), None);
        assert_eq!(subject_for(&k(&["通知"]), &terms()), None);
    }

    #[test]
    fn the_fields_a_document_gives_are_filled_and_the_rest_noted() {
        let imported = docx::import(&docx::sample::gongwen()).unwrap();
        let mut form = ArticleForm::new(ContentKind::Policy, "某局");
        let notes = apply(&mut form, &imported, "方案.docx", &terms());
        assert_eq!(
            form.title,
            "福建省新闻出版广电局关于印发2016年政务公开工作实施方案的通知"
        );
        assert_eq!(form.doc_no, "闽新广〔2016〕12号");
        assert_eq!(form.publisher, "福建省新闻出版广电局");
        assert_eq!(form.written_on, "2016-05-20");
        assert_eq!(form.topic, "openness");
        assert_eq!(form.note, "从 Word 文档导入：方案.docx");
        assert!(notes.is_empty(), "{notes:?}");
        // News has no 发文字号: it is named, not lost.
        let mut news = ArticleForm::new(ContentKind::News, "某局");
        let notes = apply(&mut news, &imported, "方案.docx", &terms());
        assert!(news.doc_no.is_empty());
        assert!(
            notes.iter().any(|n| n.contains("闽新广〔2016〕12号")),
            "{notes:?}"
        );
        assert_eq!(stem("C:\\文件\\方案.docx"), "方案");
    }
}
