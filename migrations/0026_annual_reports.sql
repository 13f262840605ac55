-- 政府信息公开工作年度报告: a catalogue item of kind 'annual-reports'
-- (category 政府信息公开年报). Its tables, entered figures and narrative
-- are a field of each revision (the report is reviewed as published), so
-- nothing but its 索引号 category is new.
INSERT INTO index_codes (part, code) VALUES ('annual-reports', '0206');
