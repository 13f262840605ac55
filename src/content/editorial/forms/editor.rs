//! The editor's posts: saving and creating items, with their attachments.

use super::*;

/// Allowed attachment types, decided from the bytes: (MIME, what to call it).
const ALLOWED_TYPES: &[(&str, &str)] = &[
    ("application/pdf", "PDF"),
    ("application/msword", "Word"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    ("application/vnd.ms-excel", "Excel"),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
    ),
    ("application/vnd.ms-powerpoint", "PowerPoint"),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
    ("image/jpeg", "JPEG 图片"),
    ("image/png", "PNG 图片"),
    ("image/gif", "GIF 图片"),
    ("image/webp", "WebP 图片"),
];

/// The MIME type of an upload, judged by its bytes; None when not allowed.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let kind = infer::get(bytes)?;
    let mime = kind.mime_type();
    // Old Office files are all "Compound File Binary"; infer tells them apart by content.
    ALLOWED_TYPES
        .iter()
        .find(|(m, _)| *m == mime)
        .map(|(m, _)| *m)
}

struct EditorPost {
    form: ArticleForm,
    action: String,
    files: Vec<(String, Vec<u8>)>,
    remove: Vec<i64>,
    /// The import form's document and choice (`action=import`).
    import: super::import::ImportPost,
}

async fn read_editor(parts: &Parts, body: Body) -> Result<EditorPost, Response> {
    let post = crate::server::upload::read(
        Request::from_parts(parts.clone(), body),
        "提交的内容过大：附件单个不超过20MB，一次合计不超过25MB。请返回后减少附件再试。",
    )
    .await?;
    let mut document = None;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, file_name, bytes) in post.files {
        match name.as_str() {
            "files" => files.push((file_name, bytes)),
            "docx" if document.is_none() => document = Some((file_name, bytes)),
            _ => {}
        }
    }
    let remove: Vec<i64> = post
        .fields
        .iter()
        .filter(|(k, _)| k == "remove_attachment")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let fields: HashMap<String, String> = post.fields.into_iter().collect();
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let form = ArticleForm {
        kind: get("kind"),
        subtype: get("subtype"),
        title: get("title"),
        summary: get("summary"),
        body_md: get("body_md").replace("\r\n", "\n"),
        publisher: get("publisher"),
        doc_no: get("doc_no"),
        written_on: get("written_on").trim().to_owned(),
        topic: get("topic"),
        validity: get("validity"),
        replaced_by: get("replaced_by").trim().to_owned(),
        disclosure: get("disclosure"),
        withheld_reason: get("withheld_reason"),
        needs_interpretation: fields.contains_key("needs_interpretation"),
        concern_on: get("concern_on").trim().to_owned(),
        explains: get("explains"),
        closes_on: get("closes_on").trim().to_owned(),
        short_reason: get("short_reason"),
        explanation_md: get("explanation_md").replace("\r\n", "\n"),
        comment_address: get("comment_address"),
        comment_email: get("comment_email").trim().to_owned(),
        anonymous_ok: fields.contains_key("anonymous_ok"),
        comments_public: fields.contains_key("comments_public"),
        decision_doc: get("decision_doc").trim().to_owned(),
        feedback_md: get("feedback_md").replace("\r\n", "\n"),
        report_json: get("report_json"),
        note: get("note"),
    };
    Ok(EditorPost {
        form,
        action: get("action"),
        files,
        remove,
        import: super::import::ImportPost {
            file: document,
            keep_original: fields.contains_key("keep_original"),
        },
    })
}

/// An upload that passed the checks: (name shown, MIME type, bytes).
type CheckedFile<'a> = (String, &'static str, &'a [u8]);

fn check_files(files: &[(String, Vec<u8>)]) -> (Vec<CheckedFile<'_>>, Vec<FieldError>) {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for (name, bytes) in files {
        let shown = if name.is_empty() {
            "未命名文件".to_owned()
        } else {
            name.clone()
        };
        if bytes.len() > MAX_FILE_BYTES {
            errors.push(FieldError {
                field: "files".into(),
                message: format!("附件“{shown}”超过20MB，请压缩或拆分后上传"),
            });
        } else if bytes.is_empty() {
            errors.push(FieldError {
                field: "files".into(),
                message: format!("附件“{shown}”是空文件"),
            });
        } else {
            match sniff(bytes) {
                Some(mime) => ok.push((shown, mime, bytes.as_slice())),
                None => errors.push(FieldError {
                    field: "files".into(),
                    message: format!("附件“{shown}”的文件类型不受支持（按文件内容识别），仅支持 PDF、Word、Excel、PowerPoint 和图片（JPEG、PNG、GIF、WebP）"),
                }),
            }
        }
    }
    (ok, errors)
}

async fn editor_post(
    state: AppState,
    req: Request,
    id: Option<i64>,
    kind: Option<String>,
) -> Response {
    let (parts, body) = req.into_parts();
    let user = match require_in(&parts.extensions, Role::Editor) {
        Ok(u) => u,
        Err(e) => return refuse_after_body(e, &parts, body).await,
    };
    let mut post = match read_editor(&parts, body).await {
        Ok(p) => p,
        Err(res) => return res,
    };
    if let Some(kind) = kind {
        post.form.kind = kind;
    }
    if post.action == "import" {
        let kind = post.form.kind.clone();
        return super::import::import_post(state, parts, user, id, kind, post.import).await;
    }
    let show = |state: AppState, parts: Parts, editor: EditorState, status: StatusCode| async move {
        let mut res = page_with(&state, parts, move || provide_context(editor.clone())).await;
        *res.status_mut() = status;
        res
    };
    if post.action == "preview" {
        let editor = EditorState {
            form: post.form,
            errors: Vec::new(),
            preview: true,
        };
        return show(state, parts, editor, StatusCode::OK).await;
    }
    let mut errors = post.form.validate();
    let (files, file_errors) = check_files(&post.files);
    errors.extend(file_errors);
    if !errors.is_empty() {
        let editor = EditorState {
            form: post.form,
            errors,
            preview: false,
        };
        return show(state, parts, editor, StatusCode::BAD_REQUEST).await;
    }
    let action = if post.action == "submit" {
        SaveAction::Submit
    } else {
        SaveAction::Save
    };
    let changes = db::AttachmentChanges {
        add: files
            .iter()
            .map(|(name, mime, bytes)| crate::content::db::NewAttachment {
                name: name.clone(),
                mime: (*mime).to_owned(),
                data: bytes.to_vec(),
            })
            .collect(),
        remove: post.remove,
        ..db::AttachmentChanges::default()
    };
    let saved = db::save(&state.db, &user, id, &post.form, &changes, action, now()).await;
    let article_id = match saved {
        Ok(id) => id,
        Err(AppError::Validation(errors)) => {
            let editor = EditorState {
                form: post.form,
                errors,
                preview: false,
            };
            return show(state, parts, editor, StatusCode::BAD_REQUEST).await;
        }
        Err(AppError::NotFound) => {
            return plain_error(StatusCode::NOT_FOUND, "要编辑的信息不存在。")
        }
        Err(e) => return plain_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let notice = if action == SaveAction::Submit {
        "submitted"
    } else {
        "saved"
    };
    see_other(&format!("/articles/{article_id}/edit?notice={notice}"))
}

/// `POST /articles/{id}/edit`.
pub async fn save_article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    match id.parse::<i64>() {
        Ok(id) if id > 0 => editor_post(state, req, Some(id), None).await,
        _ => plain_error(StatusCode::NOT_FOUND, "要编辑的信息不存在。"),
    }
}

/// `POST /disclosure/{kind}/new`.
pub async fn create_article(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    req: Request,
) -> Response {
    if crate::content::taxonomy::ContentKind::from_slug(&kind).is_none() {
        return plain_error(StatusCode::NOT_FOUND, "没有这个信息类别。");
    }
    editor_post(state, req, None, Some(kind)).await
}

// ---- reviewing, withdrawing, re-reviewing ----------------------------------
