//! Demo rows of the other power results (行政强制, 征收, 给付, 确认, 奖励,
//! 执法检查) and the fee list: what a provincial press, publication, radio,
//! film and TV bureau decides besides licences and penalties.

use super::{credit_code, date, fields, id_card, party, BUREAU, CITIES, PEOPLE};
use crate::registers::schema::Register;
use crate::registers::validate::format_money;
use std::collections::BTreeMap;

type Row = BTreeMap<String, String>;

/// A party for row `n`: every `every`-th one a natural person (masked when
/// public), the rest organisations with a credit code.
fn someone(n: usize, every: usize) -> (String, String, String) {
    if n % every == every - 1 {
        (
            PEOPLE[n % PEOPLE.len()].to_owned(),
            "自然人".to_owned(),
            id_card(60 + n),
        )
    } else {
        party(n + 40)
    }
}

fn coercion_rows() -> Vec<Row> {
    let cases: &[(&str, &str, &str)] = &[
        ("扣押财物", "涉嫌销售盗版图书", "扣押涉嫌盗版图书1260册"),
        (
            "查封场所、设施或者财物",
            "涉嫌非法印刷出版物",
            "查封印刷机2台及半成品",
        ),
        (
            "扣押财物",
            "涉嫌擅自销售卫星地面接收设施",
            "扣押卫星地面接收天线及高频头38套",
        ),
        ("扣押财物", "涉嫌销售非法音像制品", "扣押非法音像制品420张"),
        (
            "查封场所、设施或者财物",
            "涉嫌擅自设立出版物发行网点",
            "查封经营场所及库存出版物",
        ),
        ("扣押财物", "涉嫌复制非法电子出版物", "扣押光盘复制设备1套"),
        (
            "加处罚款或者滞纳金",
            "逾期不缴纳罚款",
            "按日加处罚款数额百分之三",
        ),
        ("扣押财物", "涉嫌销售侵权复制品", "扣押侵权教辅材料860册"),
        (
            "查封场所、设施或者财物",
            "涉嫌擅自从事出版物印刷经营活动",
            "查封印刷车间",
        ),
        (
            "扣押财物",
            "涉嫌擅自安装卫星电视广播地面接收设施",
            "扣押接收设施12套",
        ),
        ("扣押财物", "涉嫌销售非法出版物", "扣押非法期刊310册"),
        (
            "其他",
            "涉嫌违法经营网络视听节目",
            "责令暂停相关服务并封存服务器数据",
        ),
    ];
    cases
        .iter()
        .enumerate()
        .map(|(i, (category, case, content))| {
            let year = 2017 + (i as i32 % 10);
            let (name, kind, code) = someone(i, 5);
            let status = match i % 3 {
                0 => "已执行完毕",
                1 => "已解除",
                _ => "执行中",
            };
            fields(&[
                ("doc_no", format!("闽新广强〔{year}〕{}号", i + 1)),
                ("case_name", format!("{name}{case}案")),
                ("party", name),
                ("party_kind", kind),
                ("credit_code", code),
                ("category", (*category).to_owned()),
                (
                    "basis",
                    "《中华人民共和国行政强制法》第九条；《出版管理条例》第五十八条".to_owned(),
                ),
                ("content", (*content).to_owned()),
                ("decided", date(year, i + 2)),
                ("status", status.to_owned()),
                ("authority", BUREAU.to_owned()),
            ])
        })
        .collect()
}

fn levy_rows() -> Vec<Row> {
    (0..10)
        .map(|i| {
            let year = 2017 + (i as i32 % 10);
            const CINEMAS: &[&str] = &[
                "星光影城有限公司",
                "海峡国际影城有限公司",
                "刺桐电影城有限公司",
                "红土地影院有限公司",
                "鹭岛影城管理有限公司",
            ];
            let (city, _) = CITIES[i % CITIES.len()];
            let name = format!(
                "{}{}",
                city.trim_end_matches('市'),
                CINEMAS[i % CINEMAS.len()]
            );
            let fen = 1_200_000 + (i as i64 * 373_900) % 4_000_000;
            fields(&[
                ("code", format!("ZS-{year}-{:03}", i + 1)),
                ("item", "国家电影事业发展专项资金".to_owned()),
                ("party", name),
                ("party_kind", "法人及非法人组织".to_owned()),
                ("credit_code", credit_code(i + 70)),
                (
                    "basis",
                    "《国家电影事业发展专项资金征收使用管理办法》（财税〔2015〕91号）".to_owned(),
                ),
                ("period", format!("{year}年第{}季度", 1 + i % 4)),
                ("amount", format_money(fen)),
                ("decided", date(year, i + 3)),
                ("authority", BUREAU.to_owned()),
            ])
        })
        .collect()
}

fn benefit_rows() -> Vec<Row> {
    let items: &[(&str, &str)] = &[
        ("农村电影公益放映补贴", "完成农村公益电影放映场次补贴"),
        ("出版资助", "重点出版物出版资助"),
        ("广播电视公共服务补助", "广播电视户户通运行维护补助"),
        ("农村电影公益放映补贴", "农村电影放映设备更新补助"),
        ("出版资助", "少数民族文字出版物出版补贴"),
        ("广播电视公共服务补助", "应急广播设备运行补助"),
    ];
    (0..12)
        .map(|i| {
            let year = 2017 + (i as i32 % 10);
            let (item, content) = items[i % items.len()];
            let (name, kind, code) = someone(i, 4);
            let (city, _) = CITIES[i % CITIES.len()];
            let fen = 2_000_000 + (i as i64 * 1_137_500) % 30_000_000;
            fields(&[
                ("code", format!("JF-{year}-{:03}", i + 1)),
                ("item", item.to_owned()),
                ("party", name),
                ("party_kind", kind),
                ("credit_code", code),
                ("content", format!("{city}{content}")),
                (
                    "basis",
                    "《中华人民共和国电影产业促进法》第二十八条；《福建省农村电影公益放映补贴管理办法》"
                        .to_owned(),
                ),
                ("amount", format_money(fen)),
                ("decided", date(year, i + 4)),
                ("authority", BUREAU.to_owned()),
            ])
        })
        .collect()
}

fn confirmation_rows() -> Vec<Row> {
    let items: &[(&str, &str, &str)] = &[
        (
            "著作权登记",
            "美术作品著作权登记",
            "准予登记，登记号闽作登字-{y}-F-{n}",
        ),
        (
            "出版物鉴定",
            "涉案出版物鉴定",
            "经鉴定，送检出版物为非法出版物",
        ),
        (
            "著作权登记",
            "文字作品著作权登记",
            "准予登记，登记号闽作登字-{y}-A-{n}",
        ),
        ("资质认定", "出版物发行员职业技能资质认定", "认定合格"),
        (
            "出版物鉴定",
            "涉案音像制品鉴定",
            "经鉴定，送检光盘为侵权复制品",
        ),
        ("著作权登记", "著作权合同备案", "准予备案"),
    ];
    (0..12)
        .map(|i| {
            let year = 2017 + (i as i32 % 10);
            let (category, content, result) = items[i % items.len()];
            let (name, kind, code) = someone(i, 3);
            fields(&[
                ("doc_no", format!("闽新广确〔{year}〕{}号", 10 + i)),
                ("category", category.to_owned()),
                ("content", content.to_owned()),
                ("party", name),
                ("party_kind", kind),
                ("credit_code", code),
                (
                    "result",
                    result
                        .replace("{y}", &year.to_string())
                        .replace("{n}", &format!("{:08}", 1000 + i)),
                ),
                ("decided", date(year, i + 5)),
                ("authority", BUREAU.to_owned()),
            ])
        })
        .collect()
}

fn reward_rows() -> Vec<Row> {
    (0..10)
        .map(|i| {
            let year = 2017 + (i as i32 % 10);
            let (name, kind, code) = someone(i, 2);
            let person = kind == "自然人";
            let (award, category, fen) = if person {
                (
                    "举报“扫黄打非”案件线索有功人员奖励",
                    "颁发奖金",
                    200_000 + (i as i64 % 4) * 150_000,
                )
            } else {
                ("“扫黄打非”工作成绩突出集体通报表扬", "通报表扬", 0)
            };
            fields(&[
                ("doc_no", format!("闽扫黄打非〔{year}〕{}号", 3 + i)),
                ("name", award.to_owned()),
                ("category", category.to_owned()),
                ("party", name),
                ("party_kind", kind),
                ("credit_code", code),
                (
                    "reason",
                    if person {
                        "提供销售盗版出版物线索，经查证属实并立案查处。".to_owned()
                    } else {
                        "在“护苗”“净网”“秋风”专项行动中成绩突出。".to_owned()
                    },
                ),
                (
                    "amount",
                    if fen > 0 {
                        format_money(fen)
                    } else {
                        String::new()
                    },
                ),
                ("decided", date(year, i + 6)),
                ("authority", BUREAU.to_owned()),
            ])
        })
        .collect()
}

fn law_check_rows() -> Vec<Row> {
    let checks: &[(&str, &str)] = &[
        ("日常检查", "出版物市场日常检查"),
        ("专项检查", "中小学教辅材料专项检查"),
        ("联合检查", "“净网”专项行动联合检查"),
        ("举报核查", "非法卫星接收设施举报核查"),
        ("日常检查", "广播电视安全播出检查"),
        ("专项检查", "印刷企业“五项制度”专项检查"),
    ];
    let results = [
        "未发现问题",
        "责令整改",
        "未发现问题",
        "立案查处",
        "移送有关部门",
        "未发现问题",
    ];
    (0..14)
        .map(|i| {
            let year = 2017 + (i as i32 % 10);
            let (category, name) = checks[i % checks.len()];
            let result = results[i % results.len()];
            let (party_name, kind, code) = someone(i, 7);
            let handling = match result {
                "责令整改" => "发现进货台账不全，已责令限期整改，复查合格。",
                "立案查处" => "发现销售非法出版物，已依法立案查处。",
                "移送有关部门" => "发现涉嫌侵犯著作权犯罪线索，已移送公安机关。",
                _ => "",
            };
            fields(&[
                ("code", format!("ZFJC-{year}-{:03}", i + 1)),
                ("name", name.to_owned()),
                ("category", category.to_owned()),
                ("date", date(year, i + 7)),
                ("party", party_name),
                ("party_kind", kind),
                ("credit_code", code),
                ("result", result.to_owned()),
                ("handling", handling.to_owned()),
                ("authority", BUREAU.to_owned()),
            ])
        })
        .collect()
}

fn fee_rows() -> Vec<Row> {
    let fees: &[(&str, &str, &str, &str, &str, &str)] = &[
        (
            "SF-01",
            "国家电影事业发展专项资金",
            "《国家电影事业发展专项资金征收使用管理办法》（财税〔2015〕91号）",
            "按电影票房收入的5%计征",
            "经营性电影放映单位",
            "正在执行",
        ),
        (
            "SF-02",
            "无线电频率占用费（广播电视部分，代征）",
            "《无线电管理条例》；《关于调整无线电频率占用费收费标准的通知》",
            "按频率、带宽和覆盖区域核定",
            "广播电视台（站）",
            "已停征",
        ),
        (
            "SF-03",
            "出版物条码制作费",
            "原国家计委、财政部有关收费文件",
            "每个条码按核定标准收取",
            "出版单位",
            "已取消",
        ),
    ];
    fees.iter()
        .enumerate()
        .map(|(i, (code, name, basis, standard, payer, status))| {
            fields(&[
                ("code", (*code).to_owned()),
                ("name", (*name).to_owned()),
                ("basis", (*basis).to_owned()),
                ("standard", (*standard).to_owned()),
                ("payer", (*payer).to_owned()),
                ("status", (*status).to_owned()),
                ("updated", date(2016 + i as i32 * 3, i + 1)),
            ])
        })
        .collect()
}

/// Every row of the seven registers, by register.
pub(super) fn rows() -> Vec<(Register, Vec<Row>)> {
    vec![
        (Register::Coercion, coercion_rows()),
        (Register::Levy, levy_rows()),
        (Register::Benefit, benefit_rows()),
        (Register::Confirmation, confirmation_rows()),
        (Register::Reward, reward_rows()),
        (Register::LawCheck, law_check_rows()),
        (Register::Fee, fee_rows()),
    ]
}
