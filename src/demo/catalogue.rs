//! Demo documents, interpretations, press releases and responses, linked the
//! way a real catalogue links them: interpretations to their documents, a
//! revised measure to the one it repealed. Invented for demonstration.

use crate::content::taxonomy::Validity;
use crate::content::types::ContentKind;

pub struct DocItem {
    /// A name for cross-references within the demo set.
    pub key: &'static str,
    pub kind: ContentKind,
    pub subtype: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub body: &'static str,
    pub publisher: &'static str,
    pub doc_no: &'static str,
    pub written_on: &'static str,
    pub date: (i32, u32, u32),
    /// A 主题分类 slug (as migration 0021 seeds them).
    pub topic: &'static str,
    pub needs_interpretation: bool,
    /// 回应关切: the day the concern arose.
    pub concern_on: Option<&'static str>,
    /// For interpretations: the documents explained.
    pub explains: &'static [&'static str],
    /// This item repealed or amended another.
    pub supersedes: Option<(&'static str, Validity)>,
}

const OFFICE: &str = "福建省新闻出版广电局办公室";

pub(super) const fn item(
    key: &'static str,
    kind: ContentKind,
    title: &'static str,
    date: (i32, u32, u32),
) -> DocItem {
    DocItem {
        key,
        kind,
        subtype: "",
        title,
        summary: "",
        body: "",
        publisher: OFFICE,
        doc_no: "",
        written_on: "",
        date,
        topic: "general",
        needs_interpretation: false,
        concern_on: None,
        explains: &[],
        supersedes: None,
    }
}

pub const ITEMS: &[DocItem] = &[
    DocItem {
        subtype: "normative",
        summary: "规定全省出版物发行单位年度核验的对象、内容、程序和结果运用。",
        body: "第一条　为加强出版物发行单位管理，规范年度核验工作，根据《出版物市场管理规定》，制定本办法。\n\n\
第二条　本办法适用于本省行政区域内取得《出版物经营许可证》的出版物发行单位。\n\n\
第三条　年度核验每年进行一次，由设区市新闻出版行政部门组织实施。\n\n\
第四条　出版物发行单位应当于每年10月31日前提交年度核验材料。\n\n\
第五条　本办法自发布之日起施行。",
        publisher: "出版物发行管理处",
        doc_no: "闽新广规〔2016〕2号",
        written_on: "2016-03-04",
        topic: "distribution",
        ..item("verify-2016", ContentKind::Policy, "福建省出版物发行单位年度核验办法", (2016, 3, 10))
    },
    DocItem {
        subtype: "normative",
        summary: "修订后的年度核验办法推行网上核验，精简核验材料，并将核验结果纳入信用记录。",
        body: "第一条　为深化“放管服”改革，规范出版物发行单位年度核验工作，制定本办法。\n\n\
第二条　年度核验实行网上办理，出版物发行单位通过网上办事大厅提交材料，不再提交纸质材料。\n\n\
第三条　核验材料精简为：年度核验报告表、经营场所变动情况说明（如有）。\n\n\
| 事项 | 原办法 | 修订后 |\n|---|---|---|\n| 提交方式 | 窗口提交纸质材料 | 网上提交 |\n| 材料数量 | 5项 | 2项 |\n| 办理时限 | 20个工作日 | 10个工作日 |\n\n\
第四条　核验结果纳入出版物发行单位信用记录，并向社会公开。\n\n\
第五条　本办法自发布之日起施行，《福建省出版物发行单位年度核验办法》（闽新广规〔2016〕2号）同时废止。",
        publisher: "出版物发行管理处",
        doc_no: "闽新广规〔2019〕1号",
        written_on: "2019-05-14",
        topic: "distribution",
        supersedes: Some(("verify-2016", Validity::Repealed)),
        ..item("verify-2019", ContentKind::Policy, "福建省出版物发行单位年度核验办法（2019年修订）", (2019, 5, 20))
    },
    DocItem {
        subtype: "other",
        summary: "部署农村公益电影放映“一村一月一场”任务，明确监管平台使用和督查要求。",
        body: "各设区市、平潭综合实验区新闻出版广电局：\n\n\
为进一步做好农村公益电影放映工作，现就有关事项通知如下：\n\n\
一、确保完成“一村一月放映一场电影”的公益放映任务。\n\n\
二、全面使用农村电影放映监管平台，如实记录放映场次。\n\n\
三、每年开展不少于一次的督查。\n\n\
本通知有效期至2020年12月31日。",
        publisher: "电影管理处",
        doc_no: "闽新广〔2018〕31号",
        written_on: "2018-03-28",
        topic: "film",
        ..item("film-2018", ContentKind::Policy, "关于进一步加强农村公益电影放映工作的通知", (2018, 4, 2))
    },
    DocItem {
        subtype: "other",
        summary: "从阅读阵地建设、优质内容供给、重点群体阅读等方面提出促进全民阅读的措施。",
        body: "为深入推进全民阅读，建设“书香八闽”，提出如下实施意见：\n\n\
一、加强阅读阵地建设。推动农家书屋提质增效，建设城市书房。\n\n\
二、丰富优质阅读内容供给。每年推荐一批优秀出版物。\n\n\
三、保障重点群体阅读。重点做好未成年人、老年人、残疾人阅读服务。",
        publisher: "出版管理处",
        doc_no: "闽新出〔2020〕12号",
        written_on: "2020-04-07",
        topic: "publishing",
        ..item("reading-2020", ContentKind::Policy, "关于促进全民阅读工作的实施意见", (2020, 4, 10))
    },
    DocItem {
        subtype: "normative",
        summary: "明确网络视听节目服务单位内容审核的人员配备、审核流程和青少年保护要求。",
        body: "第一条　为规范网络视听节目内容审核工作，制定本规范。\n\n\
第二条　网络视听节目服务单位应当建立总编辑负责制，配备与业务规模相适应的审核人员。\n\n\
第三条　节目上线前应当实行“先审后播”。\n\n\
第四条　服务单位应当设置青少年模式，并定期评估其效果。\n\n\
第五条　本规范自2021年10月1日起试行。",
        publisher: "网络视听节目管理处",
        doc_no: "闽广规〔2021〕3号",
        written_on: "2021-09-10",
        topic: "online_av",
        needs_interpretation: true,
        ..item("av-2021", ContentKind::Policy, "福建省网络视听节目服务单位内容审核工作规范（试行）", (2021, 9, 15))
    },
    DocItem {
        subtype: "other",
        summary: "部署2026年作品登记、版权调解和版权示范创建等社会服务工作。",
        body: "各设区市版权管理部门：\n\n\
为提升版权社会服务水平，现就2026年度版权社会服务工作通知如下：\n\n\
一、优化作品登记服务，推行全程网上办理。\n\n\
二、健全版权纠纷调解机制。\n\n\
三、开展版权示范单位和园区（基地）创建。",
        publisher: "版权管理处",
        doc_no: "闽版〔2026〕9号",
        written_on: "2026-11-18",
        topic: "copyright",
        needs_interpretation: true,
        ..item("copyright-2026", ContentKind::Policy, "关于做好2026年度版权社会服务工作的通知", (2026, 11, 23))
    },
    DocItem {
        subtype: "graphic",
        summary: "用图表说明2016年政务公开工作的三个方面和主要任务。",
        body: "## 一图读懂\n\n\
| 方面 | 主要任务 |\n|---|---|\n\
| 一、加大信息主动公开力度 | 行政审批事项公开；政策公开；政务服务公开 |\n\
| 二、加强政策解读回应 | 做好发布解读；回应社会关切；加强媒体运用 |\n\
| 三、强化公开能力建设 | 制度化标准化；信息化集中化 |\n\n\
**关键时限**：相关解读材料于文件公开后 **3个工作日** 内发布。",
        topic: "general",
        explains: &["plan"],
        ..item("plan-graphic", ContentKind::Interpretation, "图解：福建省新闻出版广电局2016年政务公开工作实施方案", (2016, 7, 19))
    },
    DocItem {
        subtype: "text",
        summary: "从制定背景、主要内容和工作要求三个方面解读2016年政务公开工作实施方案。",
        body: "## 一、制定背景\n\n\
为贯彻落实《福建省人民政府办公厅关于印发2016年政务公开工作主要任务分解表的通知》（闽政办〔2016〕83号），我局结合实际制定了本方案。\n\n\
## 二、主要内容\n\n\
方案从加大信息主动公开力度、加强政策解读回应、强化公开能力建设三个方面部署了工作任务。\n\n\
## 三、工作要求\n\n\
各处室要明确责任分工，相关解读材料于文件公开后3个工作日内在局门户网站发布。",
        topic: "general",
        explains: &["plan"],
        ..item("plan-text", ContentKind::Interpretation, "《福建省新闻出版广电局2016年政务公开工作实施方案》解读", (2016, 7, 22))
    },
    DocItem {
        subtype: "conference",
        summary: "新闻发布会介绍年度核验办法修订的背景和主要变化。",
        body: "5月22日，我局召开新闻发布会，介绍《福建省出版物发行单位年度核验办法（2019年修订）》有关情况。\n\n\
发布人介绍，修订后的办法推行网上核验，核验材料由5项精简为2项，办理时限由20个工作日压缩至10个工作日。\n\n\
**问：** 个体书店如何办理年度核验？\n\n**答：** 通过网上办事大厅填报年度核验报告表即可，无需到窗口提交材料。",
        publisher: "出版物发行管理处",
        topic: "distribution",
        explains: &["verify-2019"],
        ..item("verify-conference", ContentKind::Interpretation, "新闻发布会：解读《出版物发行单位年度核验办法（2019年修订）》", (2019, 5, 22))
    },
    DocItem {
        subtype: "expert",
        summary: "专家从制度设计角度分析内容审核工作规范的意义。",
        body: "《福建省网络视听节目服务单位内容审核工作规范（试行）》的出台，标志着我省网络视听节目内容管理进入制度化轨道。\n\n\
规范确立了总编辑负责制和“先审后播”原则，既压实了平台主体责任，又为行业发展提供了明确预期。\n\n\
特别是关于青少年模式效果评估的规定，回应了社会对未成年人网络保护的关切。",
        publisher: "网络视听节目管理处",
        topic: "online_av",
        explains: &["av-2021"],
        ..item("av-expert", ContentKind::Interpretation, "专家解读：让网络视听内容审核有章可循", (2021, 9, 17))
    },
    DocItem {
        subtype: "interview",
        summary: "网络视听节目管理处负责同志在线回答网民关于内容审核规范的提问。",
        body: "**主持人：** 规范对中小平台有什么特别要求？\n\n\
**嘉宾：** 审核人员配备与业务规模相适应，中小平台可以委托第三方开展部分审核工作，但主体责任不变。\n\n\
**网友：** 青少年模式如何评估？\n\n\
**嘉宾：** 服务单位每年至少开展一次评估，评估报告报送我局。",
        publisher: "网络视听节目管理处",
        topic: "online_av",
        explains: &["av-2021"],
        ..item("av-interview", ContentKind::Interpretation, "在线访谈：网络视听节目内容审核工作规范答网友问", (2021, 9, 24))
    },
    DocItem {
        subtype: "statement",
        summary: "我局印发2016年政务公开工作实施方案，部署三方面重点任务。",
        body: "近日，我局印发《福建省新闻出版广电局2016年政务公开工作实施方案》，从加大信息主动公开力度、加强政策解读回应、强化公开能力建设三个方面部署2016年政务公开工作。",
        topic: "general",
        ..item("plan-release", ContentKind::Release, "我局印发2016年政务公开工作实施方案", (2016, 7, 15))
    },
    DocItem {
        subtype: "conference",
        summary: "发布会介绍2023年全民阅读活动安排和“书香八闽”建设成效。",
        body: "4月20日，我局举行2023年全民阅读工作新闻发布会。\n\n\
2022年，全省建成城市书房260余个，农家书屋配送图书120万册，举办各类阅读活动1.2万场。",
        publisher: "出版管理处",
        topic: "publishing",
        ..item("reading-conference", ContentKind::Release, "2023年全民阅读工作新闻发布会", (2023, 4, 20))
    },
    DocItem {
        subtype: "interview",
        summary: "局负责同志在线介绍广播电视公共服务体系建设情况并回答网友提问。",
        body: "**主持人：** 应急广播建设进展如何？\n\n\
**嘉宾：** 全省县级应急广播平台已全部建成，行政村终端覆盖率达98%。\n\n\
**网友：** 农村地区收看电视还有困难怎么办？\n\n\
**嘉宾：** 可拨打本地广电服务热线申请上门服务。",
        publisher: "广播电视管理处",
        topic: "broadcasting",
        ..item("broadcast-interview", ContentKind::Release, "在线访谈：广播电视公共服务惠及千家万户", (2024, 6, 12))
    },
    DocItem {
        summary: "针对“有线电视将全面停播”的网络传言，我局作出说明。",
        body: "近日，网上流传“有线电视将于近期全面停播”的消息。经核实，该消息不实。\n\n\
我省有线电视网络运行正常，用户可正常收看。如遇信号问题，请拨打当地有线电视服务热线。",
        publisher: "广播电视管理处",
        topic: "broadcasting",
        concern_on: Some("2022-03-01"),
        ..item("response-cable", ContentKind::Response, "关于网传“有线电视将全面停播”的回应", (2022, 3, 2))
    },
    DocItem {
        summary: "针对部分农村地区群众反映的电视信号接收问题，说明处理情况。",
        body: "近期，部分群众反映山区农村电视信号接收不稳定。我局高度重视，已组织技术人员实地排查。\n\n\
经排查，问题主要由部分户户通设备老化导致。目前已完成设备更换312户，其余将于月底前完成。",
        publisher: "广播电视管理处",
        topic: "broadcasting",
        concern_on: Some("2019-11-05"),
        ..item("response-signal", ContentKind::Response, "关于农村地区电视信号接收问题的回应", (2019, 11, 7))
    },
    DocItem {
        summary: "针对家长关于教辅材料征订的咨询，说明有关规定。",
        body: "近期有家长反映学校统一征订教辅材料的问题。根据有关规定，教辅材料实行自愿订购，任何单位不得强制征订。\n\n\
发现违规征订行为的，可向当地新闻出版和教育行政部门举报。",
        publisher: "出版管理处",
        topic: "publishing",
        concern_on: Some("2024-08-26"),
        ..item("response-textbooks", ContentKind::Response, "关于中小学教辅材料征订问题的回应", (2024, 8, 28))
    },
    DocItem {
        summary: "公布2025年度全省出版物发行单位年度核验结果。",
        body: "根据《福建省出版物发行单位年度核验办法（2019年修订）》，现将2025年度核验结果公告如下：\n\n\
| 结果 | 单位数 |\n|---|---|\n| 核验通过 | 3,862 |\n| 限期整改 | 41 |\n| 注销许可 | 17 |",
        publisher: "出版物发行管理处",
        topic: "distribution",
        ..item("verify-result-2025", ContentKind::Notice, "关于2025年度全省出版物发行单位年度核验结果的公告", (2025, 6, 30))
    },
    DocItem {
        summary: "就网络视听节目服务管理办法征求意见稿公开征求社会公众意见。",
        body: "为提高决策透明度和公众参与度，现将《福建省网络视听节目服务管理办法（征求意见稿）》向社会公开征求意见。\n\n\
意见反馈截止时间：2026年10月1日。",
        publisher: "网络视听节目管理处",
        topic: "online_av",
        ..item("av-consultation", ContentKind::Notice, "关于公开征求《福建省网络视听节目服务管理办法（征求意见稿）》意见的公告", (2026, 9, 1))
    },
];

/// 公开指南 (Markdown).
pub const GUIDE: &str = "## 一、主动公开\n\n\
（一）公开范围。本机关主动公开机构概况、政策文件、政策解读、规划计划、统计信息、应急管理、人事信息、\
建议提案办理结果，行政许可、行政处罚和行政强制等其他行政权力运行结果，行政事业性收费、政府采购、\
财政预决算等政府信息，具体见本网站“政府信息公开目录”和“公示信息”。\n\n\
（二）公开方式。主要通过本网站发布，同时通过新闻发布会、政务新媒体等渠道公开。\n\n\
（三）公开时限。属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内予以公开；政策解读材料于文件公开后3个工作日内发布。\n\n\
## 二、依申请公开\n\n\
公民、法人或者其他组织可以向本机关申请获取相关政府信息。本机关收到申请后，能够当场答复的当场答复；\
不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经批准后延长不超过20个工作日。\n\n\
申请可以在本网站[在线提交](/disclosure/request)，提交后凭申请编号和查询码[查询进度和答复](/disclosure/request/lookup)；\
也可以信函方式提出。\n\n\
## 三、监督和救济\n\n\
认为本机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。";

/// 公开制度 (Markdown).
pub const RULES: &str = "## 政府信息公开保密审查制度\n\n\
拟公开的政府信息，由起草处室进行保密审查，报局保密审查人员复核后方可公开。\n\n\
## 政府信息公开工作考核制度\n\n\
将政务公开工作纳入处室年度考核，考核结果作为评先评优的重要依据。\n\n\
## 不予公开信息定期评估制度\n\n\
对不予公开的政府信息，每年至少评估一次；因情势变化可以公开的，及时予以公开。";
