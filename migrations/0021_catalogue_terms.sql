-- The catalogue's vocabularies kept by administrators in the app instead
-- of in code: list 'subject' is the 主题分类 (articles.topic holds a slug
-- of it), and a list named after a kind (policy, interpretation, …) holds
-- that kind's 子类别 (articles.subtype). A term is never deleted, only
-- retired: it is then no longer offered for new items, while items filed
-- under it keep showing its name. The lists start as the code held them,
-- fitted to a press, publication, radio, film and TV bureau.
CREATE TABLE catalogue_terms (
    list       TEXT    NOT NULL,
    slug       TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    retired_at BIGINT,
    PRIMARY KEY (list, slug)
);

INSERT INTO catalogue_terms (list, slug, label, position) VALUES
    ('subject', 'general', '综合政务', 1),
    ('subject', 'publishing', '新闻出版', 2),
    ('subject', 'distribution', '出版物发行', 3),
    ('subject', 'printing', '印刷', 4),
    ('subject', 'broadcasting', '广播电视', 5),
    ('subject', 'film', '电影', 6),
    ('subject', 'copyright', '版权', 7),
    ('subject', 'online_av', '网络视听', 8),
    ('policy', 'normative', '规范性文件', 1),
    ('policy', 'other', '其他文件', 2),
    ('interpretation', 'text', '文字解读', 1),
    ('interpretation', 'graphic', '图解', 2),
    ('interpretation', 'expert', '专家解读', 3),
    ('interpretation', 'conference', '新闻发布会', 4),
    ('interpretation', 'interview', '在线访谈', 5),
    ('release', 'statement', '新闻稿', 1),
    ('release', 'conference', '新闻发布会', 2),
    ('release', 'interview', '在线访谈', 3);
