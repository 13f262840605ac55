//! Demo rows of the six row registers.

use super::{credit_code, date, fields, id_card, party, BUREAU, CITIES, PEOPLE};
use crate::registers::validate::format_money;
use std::collections::BTreeMap;

/// A power-list item's fields and its history: (date, stage, note, document).
type PowerRow = (
    BTreeMap<String, String>,
    Vec<(&'static str, &'static str, &'static str, &'static str)>,
);

/// A major project's fields and its milestones: (date, stage, note).
type ProjectRow = (
    BTreeMap<String, String>,
    Vec<(String, &'static str, String)>,
);

pub(super) fn power_rows() -> Vec<PowerRow> {
    let items: &[(&str, &str, &str, &str)] = &[
        ("行政许可", "出版物批发单位设立、变更审批", "《出版管理条例》第三十五条；《出版物市场管理规定》第七条", "实施中"),
        ("行政许可", "从事出版物印刷经营活动的企业设立审批", "《印刷业管理条例》第九条", "实施中"),
        ("行政许可", "音像制作单位设立审批", "《音像制品管理条例》第十二条", "实施中"),
        ("行政许可", "电子出版物制作单位设立审批", "《音像制品管理条例》第十二条", "实施中"),
        ("行政许可", "内部资料性出版物准印证核发", "《印刷业管理条例》第十七条；《内部资料性出版物管理办法》", "实施中"),
        ("行政许可", "广播电视节目制作经营单位设立审批", "《广播电视管理条例》第三十五条", "实施中"),
        ("行政许可", "卫星电视广播地面接收设施安装服务许可", "《卫星电视广播地面接收设施管理规定》；《国务院对确需保留的行政审批项目设定行政许可的决定》", "实施中"),
        ("行政许可", "电影放映单位设立审批", "《电影管理条例》第四十一条", "已下放"),
        ("行政许可", "期刊出版单位变更刊期审批", "《期刊出版管理规定》第十九条", "已取消"),
        ("行政许可", "设立出版物进口经营单位初审", "《出版管理条例》第四十二条", "实施中"),
        ("行政许可", "广播电视视频点播业务许可（乙种）", "《广播电视视频点播业务管理办法》第五条", "实施中"),
        ("行政处罚", "对擅自设立出版物的出版、印刷或者复制、进口单位等行为的处罚", "《出版管理条例》第六十一条", "实施中"),
        ("行政处罚", "对出版、印刷、复制、发行非法出版物的处罚", "《出版管理条例》第六十二条", "实施中"),
        ("行政处罚", "对擅自安装和使用卫星地面接收设施的处罚", "《卫星电视广播地面接收设施管理规定》第十条", "实施中"),
        ("行政处罚", "对未经批准擅自设立广播电视站的处罚", "《广播电视管理条例》第四十七条", "实施中"),
        ("行政强制", "对涉嫌违法的出版物、印刷品予以查封、扣押", "《出版管理条例》第五十八条", "实施中"),
        ("行政检查", "对出版物市场的监督检查", "《出版物市场管理规定》第二十九条", "实施中"),
        ("行政检查", "对广播电视播出机构安全播出的监督检查", "《广播电视安全播出管理规定》第四十八条", "实施中"),
        ("行政确认", "著作权合同登记", "《著作权法实施条例》；《著作权质权登记办法》", "实施中"),
        ("行政确认", "作品自愿登记", "《作品自愿登记试行办法》第二条", "实施中"),
        ("行政奖励", "对举报“扫黄打非”有功人员的奖励", "《“扫黄打非”工作举报奖励办法》", "实施中"),
        ("其他", "新闻出版统计调查", "《统计法》；《新闻出版统计管理办法》", "实施中"),
        ("行政给付", "农村电影公益放映补贴发放", "《电影产业促进法》第二十八条", "实施中"),
        ("行政征收", "无线电频率占用费征收（代征）", "《无线电管理条例》", "已取消"),
    ];
    items
        .iter()
        .enumerate()
        .map(|(i, (kind, name, basis, status))| {
            let prefix = match *kind {
                "行政许可" => "XK",
                "行政处罚" => "CF",
                "行政强制" => "QZ",
                "行政检查" => "JC",
                "行政确认" => "QR",
                "行政奖励" => "JL",
                "行政给付" => "JF",
                "行政征收" => "ZS",
                _ => "QT",
            };
            let history: Vec<(&str, &str, &str, &str)> = match *status {
                "已下放" => vec![
                    ("2016-03-01", "新增", "列入本局权力清单", "闽政〔2016〕6号"),
                    (
                        "2019-06-20",
                        "下放",
                        "下放至设区市文化旅游（广电）主管部门实施",
                        "闽政〔2019〕11号",
                    ),
                ],
                "已取消" => vec![
                    ("2016-03-01", "新增", "列入本局权力清单", "闽政〔2016〕6号"),
                    (
                        "2017-09-29",
                        "取消",
                        "依据国务院决定取消该事项",
                        "国发〔2017〕46号",
                    ),
                ],
                _ if i % 5 == 2 => vec![
                    ("2016-03-01", "新增", "列入本局权力清单", "闽政〔2016〕6号"),
                    (
                        "2018-11-15",
                        "实施机关变更",
                        "机构改革后由省广播电视局承接",
                        "闽委办发〔2018〕40号",
                    ),
                ],
                _ => vec![("2016-03-01", "新增", "列入本局权力清单", "闽政〔2016〕6号")],
            };
            let updated = history.last().map_or("2016-03-01", |h| h.0).to_owned();
            (
                fields(&[
                    ("code", format!("{prefix}-35-{:03}", i + 1)),
                    ("name", (*name).to_owned()),
                    ("type", (*kind).to_owned()),
                    ("basis", (*basis).to_owned()),
                    ("body", BUREAU.to_owned()),
                    ("status", (*status).to_owned()),
                    ("updated", updated),
                ]),
                history,
            )
        })
        .collect()
}

pub(super) fn licence_rows() -> Vec<BTreeMap<String, String>> {
    let kinds: &[(&str, &str, &str, &str)] = &[
        ("出版物经营许可证", "普通", "出版物批发", "闽新出批"),
        (
            "印刷经营许可证",
            "普通",
            "出版物印刷、包装装潢印刷品印刷",
            "闽印证",
        ),
        (
            "广播电视节目制作经营许可证",
            "普通",
            "广播电视节目制作、发行（不得制作时政、新闻类节目）",
            "闽字",
        ),
        (
            "音像制品制作许可证",
            "普通",
            "录音带、录像带、光盘节目制作",
            "闽音制",
        ),
        (
            "卫星地面接收设施安装服务许可证",
            "特许",
            "卫星电视广播地面接收设施安装服务",
            "闽卫安",
        ),
        (
            "电影放映经营许可证",
            "普通",
            "电影放映（数字影院）",
            "闽影放",
        ),
    ];
    (0..30)
        .map(|i| {
            let (cert, cat, content, prefix) = kinds[i % kinds.len()];
            let year = 2016 + (i as i32 % 11);
            let decided = date(year, i);
            let (name, kind, code) = if i == 7 {
                (
                    "晋江市陈记书店".to_owned(),
                    "个体工商户".to_owned(),
                    credit_code(100 + i),
                )
            } else {
                party(i)
            };
            let status = if year + 6 < 2026 {
                "已过期"
            } else if i == 11 {
                "已注销"
            } else {
                "有效"
            };
            fields(&[
                (
                    "doc_name",
                    format!(
                        "准予{}行政许可决定书",
                        content.split('、').next().unwrap_or(content)
                    ),
                ),
                ("doc_no", format!("闽新广许〔{year}〕{}号", 10 + i * 3)),
                ("category", cat.to_owned()),
                ("cert_name", cert.to_owned()),
                ("cert_no", format!("{prefix}字第{:05}号", 1000 + i * 17)),
                ("content", content.to_owned()),
                ("decided", decided.clone()),
                ("valid_from", decided),
                ("valid_to", date(year + 6, i)),
                ("authority", BUREAU.to_owned()),
                ("status", status.to_owned()),
                ("party", name),
                ("party_kind", kind),
                ("credit_code", code),
            ])
        })
        .collect()
}

/// Penalties; the second value marks rows to withdraw (revoked decisions).
pub(super) fn penalty_rows() -> Vec<(BTreeMap<String, String>, Option<&'static str>)> {
    let cases: &[(&str, &str, &str, &str, i64)] = &[
        (
            "出版物市场",
            "销售非法出版物",
            "罚款",
            "没收非法出版物，并处罚款",
            5_000,
        ),
        (
            "印刷",
            "未履行承印验证制度承印出版物",
            "罚款",
            "警告，并处罚款",
            20_000,
        ),
        (
            "卫星电视地面接收",
            "擅自安装卫星地面接收设施",
            "没收非法财物",
            "没收卫星地面接收设施",
            0,
        ),
        (
            "出版物市场",
            "未经批准擅自从事出版物发行业务",
            "没收违法所得",
            "没收违法所得和非法出版物，并处罚款",
            8_600,
        ),
        ("广播电视", "擅自插播广告", "警告", "警告，责令改正", 0),
        (
            "音像制品",
            "复制销售侵权音像制品",
            "罚款",
            "没收侵权复制品，并处罚款",
            30_000,
        ),
        (
            "印刷",
            "印刷非法出版物",
            "吊销许可证件",
            "吊销印刷经营许可证",
            0,
        ),
        (
            "电影",
            "放映未取得公映许可证的电影",
            "罚款",
            "没收违法所得，并处罚款",
            12_000,
        ),
    ];
    (0..26)
        .map(|i| {
            let (area, violation, category, content, fine) = cases[i % cases.len()];
            let year = 2016 + (i as i32 % 11);
            let decided = date(year, i);
            // Penalties stay public for three years (warnings: three months);
            // older ones show the table drops them by itself.
            let until = if category == "警告" { date(year, i + 3) } else { date(year + 3, i) };
            let person = i % 4 == 1;
            let (name, kind, code) = if person {
                let p = PEOPLE[i % PEOPLE.len()];
                (p.to_owned(), "自然人".to_owned(), id_card(i))
            } else {
                party(i + 3)
            };
            let (city, _) = CITIES[i % CITIES.len()];
            let facts = if person {
                format!(
                    "经查，{name}于{year}年在{city}某街道{violation}，现场查获相关物品若干，当事人联系电话1{}{:09}。",
                    3 + i % 7,
                    12_345_678 + i * 1_111
                )
            } else {
                format!("经查，当事人于{year}年{violation}，违法经营额共计{}元，事实清楚，证据确凿。", fine * 2 + 1_000)
            };
            let address = if person {
                format!("{city}鼓楼区东街{}号{}室", 10 + i, 101 + i)
            } else {
                format!("{city}高新区创业路{}号", 1 + i)
            };
            let withdraw = (i == 5).then_some("经行政复议，原处罚决定被撤销。");
            (
                fields(&[
                    ("doc_no", format!("闽新广罚〔{year}〕{}号", 2 + i)),
                    ("case_name", format!("{name}{violation}案")),
                    ("party", name),
                    ("party_kind", kind),
                    ("credit_code", code),
                    ("violation", area.to_owned()),
                    ("facts", facts),
                    ("basis", "《出版管理条例》第六十二条；《印刷业管理条例》第三十八条".to_owned()),
                    ("category", category.to_owned()),
                    ("content", content.to_owned()),
                    ("amount", if fine > 0 { format_money(fine * 100) } else { String::new() }),
                    ("decided", decided),
                    ("public_until", until),
                    ("authority", BUREAU.to_owned()),
                    ("serious", if i % 9 == 6 { "是" } else { "否" }.to_owned()),
                    ("address", address),
                ]),
                withdraw,
            )
        })
        .collect()
}

pub(super) fn procurement_rows() -> Vec<BTreeMap<String, String>> {
    let names = [
        "全省应急广播平台升级改造项目",
        "农家书屋出版物补充更新采购",
        "广播电视监测中心监测设备采购",
        "全民阅读活动策划执行服务",
        "政务公开网站运行维护服务",
        "“扫黄打非”举报平台建设",
        "4K超高清制作设备采购",
        "出版物质量检测服务",
        "直播卫星户户通设备采购",
        "机关办公设备采购",
        "新闻出版统计信息系统升级",
        "版权保护监测服务",
        "农村公益电影放映数字设备采购",
        "广电网络安全等级保护测评服务",
        "有线电视网络质量抽测服务",
        "印刷业“绿色印刷”评估服务",
        "机关公务用车定点维修服务",
        "档案数字化加工服务",
        "应急广播终端采购（第二批）",
        "融媒体内容审核系统建设",
    ];
    let methods = [
        "公开招标",
        "竞争性磋商",
        "公开招标",
        "竞争性谈判",
        "询价",
        "单一来源",
    ];
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let year = 2016 + (i as i32 % 11);
            let budget = (300_000 + (i as i64 * 137_000) % 4_000_000) * 100;
            let stage_n = if year < 2026 { 4 } else { i % 4 };
            let stage = crate::registers::schema::PROCUREMENT_STAGES[stage_n.min(4)];
            let noticed = date(year, i);
            let later = |months: usize| -> String {
                let m0 = i % 12;
                let m = m0 + months;
                format!(
                    "{}-{:02}-{:02}",
                    year + (m / 12) as i32,
                    1 + m % 12,
                    1 + (i * 7) % 28
                )
            };
            let awarded = stage_n >= 2;
            let (supplier, _, _) = party(i + 50);
            fields(&[
                ("code", format!("[350001]FJXGJ[GK]{year}{:03}", i + 1)),
                ("name", (*name).to_owned()),
                ("budget", format_money(budget)),
                ("method", methods[i % methods.len()].to_owned()),
                ("stage", stage.to_owned()),
                ("noticed", noticed),
                (
                    "notice",
                    format!(
                        "{BUREAU}就{name}进行{}，欢迎合格供应商参加。",
                        methods[i % methods.len()]
                    ),
                ),
                (
                    "documents",
                    format!("{name}采购文件（编号FJXGJ{year}{:03}）", i + 1),
                ),
                (
                    "opened",
                    if stage_n >= 1 {
                        later(1)
                    } else {
                        String::new()
                    },
                ),
                ("awarded", if awarded { later(1) } else { String::new() }),
                ("supplier", if awarded { supplier } else { String::new() }),
                (
                    "award_amount",
                    if awarded {
                        format_money(budget * 93 / 100)
                    } else {
                        String::new()
                    },
                ),
                (
                    "contracted",
                    if stage_n >= 3 {
                        later(2)
                    } else {
                        String::new()
                    },
                ),
                (
                    "contract",
                    if stage_n >= 3 {
                        format!("{name}合同（闽新广采合〔{year}〕{}号）", i + 1)
                    } else {
                        String::new()
                    },
                ),
            ])
        })
        .collect()
}

pub(super) fn project_rows() -> Vec<ProjectRow> {
    let names = [
        ("福建广播电视中心4K超高清制播系统", "福建省广播影视集团"),
        ("全省应急广播体系建设工程", "福建省广播电视局应急广播中心"),
        ("海峡出版发行物流中心", "福建省出版发行集团"),
        ("直播卫星“户户通”工程", "福建省广播电视网络公司"),
        ("福建省新闻出版产业园", "福建海峡出版产业园管理公司"),
        ("智慧广电乡村工程（闽西片区）", "龙岩市广播电视台"),
        ("有线电视网络双向化改造", "福建广电网络集团"),
        ("数字影院建设工程（县城）", "福建红土地影业公司"),
        ("福建省版权交易中心", "海峡版权交易中心有限公司"),
        (
            "广播电视无线覆盖工程（高山台站）",
            "福建省广播电视传输发射中心",
        ),
        ("国家印刷示范基地（泉州）", "泉州印刷产业园公司"),
        ("农家书屋数字化提升工程", "福建省新华书店"),
        ("闽南语广播电视节目制作基地", "厦门广播电视集团"),
        ("海峡影视拍摄基地", "平潭影视文化投资公司"),
        ("福建省全民阅读推广中心", "福建省图书馆学会"),
        ("融媒体中心县级全覆盖工程", "福建省广播电视局"),
        ("广电5G试验网建设", "中国广电福建网络有限公司"),
        ("电影数字节目放映监管平台", "福建省电影发行放映协会"),
        ("出版物质量检测中心改造", "福建省出版物质量检测站"),
        ("广播电视监测数据中心", "福建省广播电视监测中心"),
    ];
    names
        .iter()
        .enumerate()
        .map(|(i, (name, owner))| {
            let year = 2016 + (i as i32 % 9);
            let planned = (5_000_000 + (i as i64 * 7_300_000) % 90_000_000) * 100;
            let progress: i64 = [100, 85, 60, 100, 40, 100, 75, 20, 100, 55][i % 10];
            let stage = match progress {
                100 => "竣工",
                p if p >= 20 => "实施",
                _ => "核准",
            };
            let approved = date(year, i);
            let started = date(year + 1, i + 2);
            let completed = if progress == 100 {
                date(year + 3, i + 5)
            } else {
                String::new()
            };
            let milestones: Vec<(String, &str, String)> = if progress >= 40 {
                vec![(
                    date(year + 2, i + 1),
                    "实施",
                    format!("主体工程完成，累计完成投资约{}%", progress.min(60)),
                )]
            } else {
                Vec::new()
            };
            (
                fields(&[
                    ("code", format!("2016-350000-87-01-{:06}", 100_000 + i * 37)),
                    ("name", (*name).to_owned()),
                    ("owner", (*owner).to_owned()),
                    ("stage", stage.to_owned()),
                    ("approved", approved),
                    ("ratified", String::new()),
                    ("filed", String::new()),
                    ("started", started),
                    ("completed", completed),
                    ("planned", format_money(planned)),
                    ("invested", format_money(planned * progress / 100)),
                    ("progress", progress.to_string()),
                    (
                        "scope",
                        format!("建设{name}，包括土建、设备购置安装和系统集成。"),
                    ),
                ]),
                milestones,
            )
        })
        .collect()
}

pub(super) fn inspection_item_rows() -> Vec<BTreeMap<String, String>> {
    let items = [
        (
            "出版物发行单位经营活动检查",
            "出版物发行单位",
            "《出版物市场管理规定》第二十九条",
            "经营范围、进货渠道、销售出版物合法性",
        ),
        (
            "印刷企业承印验证制度执行情况检查",
            "印刷企业",
            "《印刷业管理条例》第三十二条",
            "承印验证、登记、保管、交付、销毁制度执行情况",
        ),
        (
            "音像制品制作单位检查",
            "音像制作单位",
            "《音像制品管理条例》",
            "制作内容、版权授权、登记备案",
        ),
        (
            "广播电视节目制作经营机构检查",
            "节目制作经营机构",
            "《广播电视节目制作经营管理规定》",
            "许可证使用、节目内容、备案",
        ),
        (
            "卫星地面接收设施安装服务机构检查",
            "安装服务机构",
            "《卫星电视广播地面接收设施安装服务暂行办法》",
            "安装服务范围、设备来源、用户登记",
        ),
        (
            "电影放映单位检查",
            "电影放映单位",
            "《电影产业促进法》",
            "放映内容、票务系统、国产影片放映时长",
        ),
        (
            "出版单位出版活动检查",
            "出版单位",
            "《出版管理条例》",
            "出版内容、编校质量、书号使用",
        ),
        (
            "内部资料性出版物检查",
            "内部资料编印单位",
            "《内部资料性出版物管理办法》",
            "准印证、印数、发送范围",
        ),
        (
            "版权登记代理机构检查",
            "版权代理机构",
            "《著作权法》",
            "登记材料真实性",
        ),
        (
            "广播电视播出机构安全播出检查",
            "播出机构",
            "《广播电视安全播出管理规定》",
            "安全播出制度、应急预案、设备运行",
        ),
    ];
    let methods = ["现场检查", "书面检查", "网络监测", "抽样检测"];
    (0..20)
        .map(|i| {
            let (name, subject, basis, content) = items[i % items.len()];
            let suffix = if i >= items.len() { "（专项）" } else { "" };
            fields(&[
                ("code", format!("SSJ-35-{:03}", i + 1)),
                ("name", format!("{name}{suffix}")),
                ("basis", basis.to_owned()),
                ("subject", subject.to_owned()),
                ("content", content.to_owned()),
                ("method", methods[i % methods.len()].to_owned()),
            ])
        })
        .collect()
}

pub(super) fn inspection_rows() -> Vec<BTreeMap<String, String>> {
    let results = [
        "未发现问题",
        "未发现问题",
        "发现问题已责令整改",
        "未发现问题",
        "发现问题已立案查处",
        "未找到检查对象",
    ];
    (0..26)
        .map(|i| {
            let year = 2016 + (i as i32 % 11);
            let result = results[i % results.len()];
            let (name, kind, code) = if i == 9 {
                (PEOPLE[2].to_owned(), "自然人".to_owned(), id_card(40 + i))
            } else {
                party(i)
            };
            let handling = match result {
                "发现问题已责令整改" => {
                    "发现进销台账不全，已责令限期整改，复查合格。".to_owned()
                }
                "发现问题已立案查处" => {
                    "发现销售非法出版物线索，已移交执法部门立案查处。".to_owned()
                }
                "未找到检查对象" => "经营场所已搬离，已列入经营异常名录建议。".to_owned(),
                _ => String::new(),
            };
            fields(&[
                ("code", format!("SSJC-{year}-{:04}", i + 1)),
                (
                    "item",
                    [
                        "出版物发行单位经营活动检查",
                        "印刷企业承印验证制度执行情况检查",
                        "电影放映单位检查",
                    ][i % 3]
                        .to_owned(),
                ),
                ("date", date(year, i + 1)),
                ("party", name),
                ("party_kind", kind),
                ("credit_code", code),
                ("result", result.to_owned()),
                ("handling", handling),
            ])
        })
        .collect()
}
