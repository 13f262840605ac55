-- The columns 《政府信息公开条例》第二十条 lists that the portal lacked:
-- 机构概况, 规划计划, 统计信息, 应急管理, 人事信息 and 建议提案办理, as
-- catalogue kinds with their 索引号 category codes and 子类别. (The other
-- power results and the fee list are registers: no schema change.)
INSERT INTO index_codes (part, code) VALUES
    ('organisation', '0301'),
    ('plans', '0302'),
    ('statistics', '0303'),
    ('emergency', '0304'),
    ('personnel', '0305'),
    ('proposals', '0306');

INSERT INTO catalogue_terms (list, slug, label, position) VALUES
    ('organisation', 'functions', '机构职能', 1),
    ('organisation', 'departments', '内设机构', 2),
    ('organisation', 'leaders', '领导信息', 3),
    ('organisation', 'units', '直属单位', 4),
    ('organisation', 'contact', '联系方式', 5),
    ('plans', 'development', '发展规划', 1),
    ('plans', 'annual', '年度工作计划', 2),
    ('plans', 'progress', '执行情况', 3),
    ('statistics', 'bulletin', '统计公报', 1),
    ('statistics', 'tables', '统计数据', 2),
    ('statistics', 'analysis', '统计分析', 3),
    ('emergency', 'plan', '应急预案', 1),
    ('emergency', 'warning', '预警信息', 2),
    ('emergency', 'handling', '应对处置', 3),
    ('personnel', 'recruitment', '招考录用', 1),
    ('personnel', 'appointment', '人事任免', 2),
    ('proposals', 'npc', '人大代表建议', 1),
    ('proposals', 'cppcc', '政协委员提案', 2);
