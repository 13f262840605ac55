//! Demo budgets and final accounts: 功能分类 to 项, 经济分类 to 款, 三公经费.

/// Budget lines for one year and kind: (system, code, name, fen).
pub(super) fn budget_lines(year: i32, kind: &str) -> Vec<(&'static str, String, String, i64)> {
    let growth = 1.0 + 0.045 * f64::from(year - 2016);
    let actual = if kind == "决算" { 0.96 } else { 1.0 };
    let yuan = |base: f64| ((base * growth * actual) as i64) * 100;
    let media = if year < 2018 {
        ("20706", "新闻出版广播影视")
    } else {
        ("20708", "广播电视")
    };
    let mut out = Vec::new();
    let mut f = |code: &str, name: &str, v: i64| {
        out.push(("功能分类", code.to_owned(), name.to_owned(), v))
    };
    let items = [
        ("01", "行政运行", 21_500_000.0),
        ("02", "一般行政管理事务", 6_300_000.0),
        ("04", "广播", 4_200_000.0),
        ("05", "电视", 5_100_000.0),
        ("99", "其他广播电视支出", 2_800_000.0),
    ];
    let media_total: i64 = items.iter().map(|(_, _, b)| yuan(*b)).sum();
    f("207", "文化旅游体育与传媒支出", media_total);
    f(media.0, media.1, media_total);
    for (c, n, b) in items {
        f(&format!("{}{c}", media.0), n, yuan(b));
    }
    let pension = yuan(2_900_000.0);
    f("208", "社会保障和就业支出", pension);
    f("20805", "行政事业单位养老支出", pension);
    f("2080505", "机关事业单位基本养老保险缴费支出", pension);
    let medical = yuan(1_100_000.0);
    f("210", "卫生健康支出", medical);
    f("21011", "行政事业单位医疗", medical);
    f("2101101", "行政单位医疗", medical);
    let housing = yuan(1_700_000.0);
    f("221", "住房保障支出", housing);
    f("22102", "住房改革支出", housing);
    f("2210201", "住房公积金", housing);
    let mut e = |code: &str, name: &str, v: i64| {
        out.push(("经济分类", code.to_owned(), name.to_owned(), v))
    };
    let wages = [
        ("30101", "基本工资", 7_400_000.0),
        ("30102", "津贴补贴", 6_100_000.0),
        ("30103", "奖金", 2_000_000.0),
        ("30108", "机关事业单位基本养老保险缴费", 2_900_000.0),
        ("30113", "住房公积金", 1_700_000.0),
    ];
    let goods = [
        ("30201", "办公费", 1_300_000.0),
        ("30211", "差旅费", 900_000.0),
        ("30215", "会议费", 400_000.0),
        ("30217", "公务接待费", 180_000.0),
        ("30231", "公务用车运行维护费", 520_000.0),
        ("30299", "其他商品和服务支出", 9_000_000.0),
    ];
    let people = [
        ("30302", "退休费", 3_100_000.0),
        ("30305", "生活补助", 300_000.0),
    ];
    let capital = [
        ("31002", "办公设备购置", 1_600_000.0),
        ("31007", "信息网络及软件购置更新", 5_000_000.0),
    ];
    for (code, name, group) in [
        ("301", "工资福利支出", &wages[..]),
        ("302", "商品和服务支出", &goods[..]),
        ("303", "对个人和家庭的补助", &people[..]),
        ("310", "资本性支出", &capital[..]),
    ] {
        let total: i64 = group.iter().map(|(_, _, b)| yuan(*b)).sum();
        e(code, name, total);
        for (c, n, b) in group {
            e(c, n, yuan(*b));
        }
    }
    // 三公经费 fell after 2016 under the eight-point rules, then held steady.
    let cut = if year <= 2016 { 1.0 } else { 0.82 };
    for (code, name, base) in [
        ("1", "因公出国（境）费", 350_000.0),
        ("2", "公务用车购置及运行费", 620_000.0),
        ("3", "公务接待费", 210_000.0),
    ] {
        out.push((
            "三公经费",
            code.to_owned(),
            name.to_owned(),
            (((base * cut / growth.sqrt()) * actual) as i64) * 100,
        ));
    }
    out
}
