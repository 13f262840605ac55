//! The six demo guides, with the bases, materials and limits of the
//! national regulations they cite.

use super::build::*;
use crate::services::types::{Audience, FieldKind, Service};

/// The demo services, in catalogue order.
pub fn services() -> Vec<Service> {
    let mut out = Vec::new();

    let mut fields = org_fields("福州示例图书发行有限公司");
    fields.push(choice(
        field(
            "scope",
            "申请经营范围",
            FieldKind::Text,
            "经营信息",
            "图书、报纸、期刊批发",
        ),
        &[
            "图书、报纸、期刊批发",
            "音像制品、电子出版物批发",
            "以上全部",
        ],
    ));
    fields.push(hint(
        field(
            "capital",
            "注册资本（万元）",
            FieldKind::Number,
            "经营信息",
            "500",
        ),
        "以营业执照为准",
    ));
    fields.push(field(
        "area",
        "经营场所面积（平方米）",
        FieldKind::Number,
        "经营信息",
        "260",
    ));
    fields.push(optional(field(
        "planned_open",
        "拟开业日期",
        FieldKind::Date,
        "经营信息",
        "2027-01-10",
    )));
    fields.extend(files(&[
        ("licence_copy", "营业执照"),
        ("premises", "经营场所使用证明"),
    ]));
    fields.push(optional(hint(
        field(
            "staff_certs",
            "负责人及发行人员资格证明",
            FieldKind::File,
            "上传材料",
            "示例.pdf",
        ),
        "有发行员职业资格的提交；PDF、JPEG 或 PNG，单个不超过 10 MB",
    )));
    out.push(Service {
        code: "350000-XW-XK-001".into(),
        name: "出版物批发单位设立、变更审批（出版物经营许可）".into(),
        kind: "行政许可".into(),
        theme: "发行".into(),
        audience: Audience::Org,
        legal_basis: "《出版管理条例》第三十五条；《出版物市场管理规定》第七条、第九条".into(),
        body: "福建省新闻出版广电局（出版物发行处）".into(),
        conditions: vec![
            "已经取得营业执照，经营范围含出版物批发。".into(),
            "有确定的企业名称和经营范围。".into(),
            "有与出版物批发业务相适应的设备和固定的经营场所，经营场所面积合计不少于 50 平方米。"
                .into(),
            "具备健全的管理制度并具有符合行业标准的信息管理系统。".into(),
        ],
        materials: vec![
            material(
                "出版物经营许可申请书",
                "原件",
                true,
                "网上申请时由系统生成，无需另交",
                None,
            ),
            material(
                "营业执照",
                "复印件",
                true,
                "加盖单位公章",
                Some("licence_copy"),
            ),
            material(
                "经营场所使用证明",
                "复印件",
                true,
                "房屋产权证明或租赁合同，租期不少于一年",
                Some("premises"),
            ),
            material(
                "负责人及发行人员资格证明",
                "复印件",
                false,
                "有发行员职业资格的提供",
                Some("staff_certs"),
            ),
        ],
        steps: licence_steps("审查", "出版物发行处", 6, true),
        fields,
        legal_days: 20,
        promised_days: 10,
        fees: "不收费".into(),
        place: PLACE.into(),
        hours: HOURS.into(),
        enquiry_phone: ENQUIRY.into(),
        complaint_phone: COMPLAINT.into(),
        visits: 0,
        online: true,
    });

    let mut fields = org_fields("福建示例彩色印刷有限公司");
    fields.push(choice(
        field(
            "print_kind",
            "印刷经营活动类别",
            FieldKind::Text,
            "经营信息",
            "出版物印刷",
        ),
        &["出版物印刷", "包装装潢印刷品印刷", "其他印刷品印刷"],
    ));
    fields.push(field(
        "equipment",
        "主要印刷设备（台）",
        FieldKind::Number,
        "经营信息",
        "6",
    ));
    fields.push(field(
        "area",
        "生产经营场所面积（平方米）",
        FieldKind::Number,
        "经营信息",
        "1200",
    ));
    fields.extend(files(&[
        ("licence_copy", "营业执照"),
        ("premises", "生产经营场所使用证明"),
        ("equipment_list", "印刷设备清单及购置凭证"),
        ("fire_safety", "消防验收或备案证明"),
    ]));
    out.push(Service {
        code: "350000-XW-XK-002".into(),
        name: "从事出版物印刷经营活动企业的设立、变更审批（印刷经营许可）".into(),
        kind: "行政许可".into(),
        theme: "印刷".into(),
        audience: Audience::Org,
        legal_basis: "《印刷业管理条例》第九条、第十一条；《印刷业经营者资格条件暂行规定》".into(),
        body: "福建省新闻出版广电局（印刷发行管理处）".into(),
        conditions: vec![
            "有企业的名称、章程。".into(),
            "有确定的业务范围。".into(),
            "有适应业务范围需要的生产经营场所和必要的资金、设备等生产经营条件。".into(),
            "有适应业务范围需要的组织机构和人员。".into(),
        ],
        materials: vec![
            material(
                "印刷经营许可申请书",
                "原件",
                true,
                "网上申请时由系统生成",
                None,
            ),
            material(
                "营业执照",
                "复印件",
                true,
                "加盖单位公章",
                Some("licence_copy"),
            ),
            material(
                "生产经营场所使用证明",
                "复印件",
                true,
                "产权证明或租赁合同",
                Some("premises"),
            ),
            material(
                "印刷设备清单及购置凭证",
                "复印件",
                true,
                "列明设备名称、型号、数量",
                Some("equipment_list"),
            ),
            material(
                "消防验收或备案证明",
                "复印件",
                true,
                "",
                Some("fire_safety"),
            ),
        ],
        steps: licence_steps("审查", "印刷发行管理处", 12, true),
        fields,
        legal_days: 60,
        promised_days: 20,
        fees: "不收费".into(),
        place: PLACE.into(),
        hours: HOURS.into(),
        enquiry_phone: ENQUIRY.into(),
        complaint_phone: COMPLAINT.into(),
        visits: 0,
        online: true,
    });

    let mut fields = org_fields("厦门示例影视文化传媒有限公司");
    fields.push(choice(
        field(
            "programme_kind",
            "拟制作节目类型",
            FieldKind::Text,
            "经营信息",
            "专题、专栏",
        ),
        &[
            "专题、专栏",
            "综艺",
            "动画片",
            "广播剧",
            "电视剧以外的其他节目",
        ],
    ));
    fields.push(hint(
        field(
            "capital",
            "注册资本（万元）",
            FieldKind::Number,
            "经营信息",
            "300",
        ),
        "不少于 300 万元",
    ));
    fields.push(field(
        "staff",
        "专职专业人员（人）",
        FieldKind::Number,
        "经营信息",
        "8",
    ));
    fields.extend(files(&[
        ("licence_copy", "营业执照"),
        ("articles", "公司章程"),
        ("staff_list", "主要人员名单及简历"),
        ("premises", "办公场所使用证明"),
    ]));
    out.push(Service {
        code: "350000-XW-XK-003".into(),
        name: "广播电视节目制作经营单位设立审批".into(),
        kind: "行政许可".into(),
        theme: "广播电视".into(),
        audience: Audience::Org,
        legal_basis: "《广播电视管理条例》第三十一条；《广播电视节目制作经营管理规定》第五条、第六条".into(),
        body: "福建省新闻出版广电局（传媒机构管理处）".into(),
        conditions: vec![
            "具有独立法人资格，有符合国家法律、法规规定的机构名称、组织机构和章程。".into(),
            "有适应业务范围需要的广播电视及相关专业人员和工作场所。".into(),
            "在申请之日前三年内，其法定代表人无违法违规记录或机构无被吊销过《广播电视节目制作经营许可证》的记录。".into(),
            "注册资本不少于 300 万元。".into(),
        ],
        materials: vec![
            material("广播电视节目制作经营许可申请表", "原件", true, "网上申请时由系统生成", None),
            material("营业执照", "复印件", true, "", Some("licence_copy")),
            material("公司章程", "复印件", true, "", Some("articles")),
            material("主要人员名单及简历", "原件", true, "法定代表人及专业人员", Some("staff_list")),
            material("办公场所使用证明", "复印件", true, "", Some("premises")),
        ],
        steps: licence_steps("审核", "传媒机构管理处", 6, false),
        fields,
        legal_days: 20,
        promised_days: 10,
        fees: "不收费".into(),
        place: PLACE.into(),
        hours: HOURS.into(),
        enquiry_phone: ENQUIRY.into(),
        complaint_phone: COMPLAINT.into(),
        visits: 0,
        online: true,
    });

    let mut fields = org_fields("泉州示例电影城管理有限公司");
    fields.push(field(
        "halls",
        "放映厅数量（个）",
        FieldKind::Number,
        "影院信息",
        "6",
    ));
    fields.push(field(
        "seats",
        "座位总数（个）",
        FieldKind::Number,
        "影院信息",
        "820",
    ));
    fields.push(field(
        "cinema_address",
        "影院地址",
        FieldKind::Text,
        "影院信息",
        "泉州市丰泽区示例大道 100 号示例广场四层",
    ));
    fields.extend(files(&[
        ("licence_copy", "营业执照"),
        ("fire_safety", "消防安全检查合格证明"),
        ("equipment_list", "放映设备清单"),
    ]));
    out.push(Service {
        code: "350000-XW-XK-004".into(),
        name: "电影放映单位设立审批".into(),
        kind: "行政许可".into(),
        theme: "电影".into(),
        audience: Audience::Org,
        legal_basis: "《中华人民共和国电影产业促进法》第二十四条；《电影管理条例》第三十八条"
            .into(),
        body: "福建省新闻出版广电局（电影处）；设区市文化行政部门初审".into(),
        conditions: vec![
            "有与所从事的电影放映活动相适应的人员、场所、技术和设备等条件。".into(),
            "放映设备符合国家电影放映技术标准，并接入全国电影票务综合信息管理系统。".into(),
            "经营场所通过消防安全检查。".into(),
        ],
        materials: vec![
            material(
                "电影放映经营许可申请书",
                "原件",
                true,
                "网上申请时由系统生成",
                None,
            ),
            material("营业执照", "复印件", true, "", Some("licence_copy")),
            material(
                "消防安全检查合格证明",
                "复印件",
                true,
                "",
                Some("fire_safety"),
            ),
            material(
                "放映设备清单",
                "原件",
                true,
                "列明放映机型号、数量及技术参数",
                Some("equipment_list"),
            ),
        ],
        steps: licence_steps("审查", "电影处", 6, true),
        fields,
        legal_days: 20,
        promised_days: 10,
        fees: "不收费".into(),
        place: PLACE.into(),
        hours: HOURS.into(),
        enquiry_phone: ENQUIRY.into(),
        complaint_phone: COMPLAINT.into(),
        visits: 1,
        online: true,
    });

    let mut fields = org_fields("福州示例国际酒店有限公司");
    fields.push(choice(
        field(
            "receiver_kind",
            "接收设施用途",
            FieldKind::Text,
            "设施信息",
            "涉外宾馆",
        ),
        &[
            "涉外宾馆",
            "三星级以上饭店",
            "外国人集中办公区",
            "其他经批准的单位",
        ],
    ));
    fields.push(field(
        "antennas",
        "拟安装天线（面）",
        FieldKind::Number,
        "设施信息",
        "2",
    ));
    fields.extend(files(&[
        ("licence_copy", "营业执照"),
        ("site_plan", "安装位置示意图"),
    ]));
    out.push(Service {
        code: "350000-XW-XK-005".into(),
        name: "卫星电视广播地面接收设施安装许可审批".into(),
        kind: "行政许可".into(),
        theme: "广播电视".into(),
        audience: Audience::Org,
        legal_basis: "《卫星电视广播地面接收设施管理规定》第六条；《〈卫星电视广播地面接收设施管理规定〉实施细则》".into(),
        body: "福建省新闻出版广电局（广播电视安全传输保障处）".into(),
        conditions: vec![
            "属于国家规定可以设置卫星电视广播地面接收设施的单位。".into(),
            "有符合要求的安装场所和专职管理人员。".into(),
            "所用接收设施为依法取得生产许可的合格产品。".into(),
        ],
        materials: vec![
            material("卫星地面接收设施安装许可申请表", "原件", true, "网上申请时由系统生成", None),
            material("营业执照", "复印件", true, "", Some("licence_copy")),
            material("安装位置示意图", "原件", true, "标明天线安装位置和覆盖范围", Some("site_plan")),
        ],
        steps: licence_steps("审核", "广播电视安全传输保障处", 6, false),
        fields,
        legal_days: 20,
        promised_days: 10,
        fees: "不收费".into(),
        place: PLACE.into(),
        hours: HOURS.into(),
        enquiry_phone: ENQUIRY.into(),
        complaint_phone: COMPLAINT.into(),
        visits: 0,
        online: true,
    });

    let mut id_no = field(
        "id_number",
        "身份证件号码",
        FieldKind::Text,
        "著作权人",
        "350102199001011234",
    );
    id_no.pattern = Some(r"\d{17}[\dX]".to_owned());
    id_no.pattern_hint = Some("18 位居民身份证号码，末位可为 X".to_owned());
    let mut phone = field(
        "phone",
        "联系电话",
        FieldKind::Text,
        "著作权人",
        "13905912345",
    );
    phone.pattern = Some(r"1\d{10}|0\d{2,3}-?\d{7,8}".to_owned());
    phone.pattern_hint = Some("11 位手机号码，或带区号的固定电话".to_owned());
    let mut fields = vec![
        field(
            "author",
            "著作权人姓名或名称",
            FieldKind::Text,
            "著作权人",
            "林某某",
        ),
        id_no,
        phone,
        field(
            "work_title",
            "作品名称",
            FieldKind::Text,
            "作品信息",
            "闽江夜色（摄影）",
        ),
        choice(
            field(
                "work_kind",
                "作品类别",
                FieldKind::Text,
                "作品信息",
                "摄影作品",
            ),
            &[
                "文字作品",
                "美术作品",
                "摄影作品",
                "音乐作品",
                "视听作品",
                "图形作品",
                "其他作品",
            ],
        ),
        field(
            "completed_on",
            "创作完成日期",
            FieldKind::Date,
            "作品信息",
            "2026-05-20",
        ),
        optional(field(
            "published_on",
            "首次发表日期",
            FieldKind::Date,
            "作品信息",
            "",
        )),
    ];
    fields.extend(files(&[
        ("work_sample", "作品样本"),
        ("id_copy", "身份证明"),
    ]));
    out.push(Service {
        code: "350000-XW-GG-006".into(),
        name: "作品著作权登记".into(),
        kind: "公共服务".into(),
        theme: "版权".into(),
        audience: Audience::Both,
        legal_basis: "《作品自愿登记试行办法》第二条、第五条、第八条".into(),
        body: "福建省新闻出版广电局（版权管理处）".into(),
        conditions: vec![
            "作品已创作完成，申请人为作者、其他著作权人或其合法代理人。".into(),
            "作品符合《中华人民共和国著作权法》规定的作品条件。".into(),
        ],
        materials: vec![
            material(
                "作品著作权登记申请表",
                "原件",
                true,
                "网上申请时由系统生成",
                None,
            ),
            material(
                "作品样本",
                "电子文件",
                true,
                "文字作品可提交节选，摄影、美术作品提交清晰图片",
                Some("work_sample"),
            ),
            material(
                "身份证明",
                "复印件",
                true,
                "个人提交身份证，单位提交营业执照",
                Some("id_copy"),
            ),
        ],
        steps: vec![
            step(
                "提交申请",
                "申请人",
                "网上或窗口提交登记申请和作品样本",
                0,
                None,
            ),
            step(
                "受理",
                "政务服务窗口",
                "核对申请表和样本",
                1,
                Some("材料不齐：一次性告知补正"),
            ),
            step(
                "审查",
                "版权管理处",
                "审查权属和作品类别",
                10,
                Some("不符合登记条件：不予登记并说明理由"),
            ),
            step("登记发证", "版权管理处", "制作作品登记证书", 3, None),
            step(
                "送达办结",
                "政务服务窗口",
                "窗口领取或免费邮寄证书",
                1,
                None,
            ),
        ],
        fields,
        legal_days: 30,
        promised_days: 15,
        fees: "不收费（我省作品登记费用由财政保障）".into(),
        place: PLACE.into(),
        hours: HOURS.into(),
        enquiry_phone: ENQUIRY.into(),
        complaint_phone: COMPLAINT.into(),
        visits: 0,
        online: true,
    });
    out
}
