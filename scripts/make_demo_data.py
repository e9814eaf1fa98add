"""Generate the bundled demo data under ``resources/demo/``.

Writes four files, all UTF-8 without a BOM:

- ``candidates.csv``: 40 fictitious candidates of the Quzhou three-tier pool, with valid
  GB 32100 unified social credit codes;
- ``roster.csv``: the 35 evaluators (7 provincial, 28 municipal);
- ``panels.csv``: the site-visit round's panels (five evaluators, one leader, per
  candidate) and six conflict-of-interest (回避) records;
- ``comments.json``: sample strengths, opportunities for improvement and evidence notes
  for the 23 scored items of GB/T 19580-2012.

Every organisation and person is invented. The output depends only on the fixed seed,
so the script is re-runnable: running it again rewrites identical files. After writing
it re-reads the files and checks the constraints, exiting non-zero on a violation.

Run from the repository root::

    PYTHONPATH=. python3 scripts/make_demo_data.py
"""

# Chinese text uses full-width punctuation on purpose.

from __future__ import annotations

import csv
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from qz_evaluator.domain.credit_code import ALPHABET, check_character, validate  # noqa: E402

OUT_DIR = REPO_ROOT / "resources" / "demo"
SEED = 2026
ROUND = "2026-site"
PANEL_SIZE = 5
DEMO_EVALUATOR = "P01"

# County-level areas of Quzhou and their administrative division codes (GB/T 2260).
COUNTIES: dict[str, str] = {
    "柯城区": "330802",
    "衢江区": "330803",
    "常山县": "330822",
    "开化县": "330824",
    "龙游县": "330825",
    "江山市": "330881",
}
INDUSTRIES = ("新材料", "新能源", "高端装备", "特种纸", "集成电路", "生物医药", "胡柚", "茶叶")
TIERS = ("seed", "potential", "advantage")

# (name, county, industry, tier). All names are invented.
CANDIDATES: list[tuple[str, str, str, str]] = [
    ("衢州市瑞氟新材料有限公司", "柯城区", "新材料", "advantage"),
    ("衢州市衢峰电子科技有限公司", "柯城区", "集成电路", "potential"),
    ("衢州市柯宇生物医药有限公司", "柯城区", "生物医药", "seed"),
    ("衢州市晟衡新能源科技有限公司", "柯城区", "新能源", "potential"),
    ("衢州市鼎锐智能装备有限公司", "柯城区", "高端装备", "seed"),
    ("衢州市晶朗半导体有限公司", "柯城区", "集成电路", "seed"),
    ("衢州市康禾药业有限公司", "柯城区", "生物医药", "advantage"),
    ("衢州市澜锂新能源有限公司", "柯城区", "新能源", "seed"),
    ("衢州博韧特种纸有限公司", "衢江区", "特种纸", "advantage"),
    ("衢州市澄氟新材料股份有限公司", "衢江区", "新材料", "advantage"),
    ("衢州市江澜锂电科技有限公司", "衢江区", "新能源", "potential"),
    ("衢州衢江精锐装备制造有限公司", "衢江区", "高端装备", "seed"),
    ("衢州市衢江区禾润生物科技有限公司", "衢江区", "生物医药", "seed"),
    ("衢州衢江雅韵纸业有限公司", "衢江区", "特种纸", "potential"),
    ("衢州市衢江区峡川茶叶专业合作社", "衢江区", "茶叶", "seed"),
    ("龙游卓纤特种纸股份有限公司", "龙游县", "特种纸", "advantage"),
    ("龙游瀚林纸业有限公司", "龙游县", "特种纸", "potential"),
    ("龙游锦川新材料有限公司", "龙游县", "新材料", "potential"),
    ("龙游县明轴精密机械有限公司", "龙游县", "高端装备", "seed"),
    ("龙游溪岚茶业有限公司", "龙游县", "茶叶", "seed"),
    ("龙游泽康生物医药有限公司", "龙游县", "生物医药", "potential"),
    ("龙游县晶禾光伏科技有限公司", "龙游县", "新能源", "seed"),
    ("江山市安驰输配电设备有限公司", "江山市", "高端装备", "advantage"),
    ("江山市奥锐电气有限公司", "江山市", "高端装备", "potential"),
    ("江山市须江胡柚专业合作社", "江山市", "胡柚", "seed"),
    ("江山市峰辉新材料有限公司", "江山市", "新材料", "potential"),
    ("江山市光晟新能源科技有限公司", "江山市", "新能源", "potential"),
    ("江山市霞岭绿茶专业合作社", "江山市", "茶叶", "seed"),
    ("常山县柚香源胡柚专业合作社", "常山县", "胡柚", "potential"),
    ("常山县柚乡食品有限公司", "常山县", "胡柚", "advantage"),
    ("常山县辰轴精密轴承有限公司", "常山县", "高端装备", "potential"),
    ("常山县芳村胡柚专业合作社", "常山县", "胡柚", "seed"),
    ("常山县瑞晶新材料有限公司", "常山县", "新材料", "seed"),
    ("常山县本草源生物医药有限公司", "常山县", "生物医药", "seed"),
    ("开化县钱源茶业有限公司", "开化县", "茶叶", "advantage"),
    ("开化县齐溪龙顶茶专业合作社", "开化县", "茶叶", "potential"),
    ("开化县硅芯电子科技有限公司", "开化县", "集成电路", "potential"),
    ("开化县锐芯电子材料有限公司", "开化县", "集成电路", "seed"),
    ("开化县清源生物科技有限公司", "开化县", "生物医药", "seed"),
    ("开化县溪谷新能源有限公司", "开化县", "新能源", "seed"),
]

# (code, organisation). Company affiliations are invented; some are candidates.
EVALUATORS: list[tuple[str, str]] = [
    ("P01", "浙江省标准化研究院"),
    ("P02", "浙江省质量协会"),
    ("P03", "浙江大学质量管理研究中心"),
    ("P04", "中国计量大学经济与管理学院"),
    ("P05", "浙江工业大学管理学院"),
    ("P06", "浙江省标准化研究院"),
    ("P07", "浙江省品牌建设联合会"),
    ("M01", "衢州市市场监督管理局"),
    ("M02", "衢州市市场监督管理局"),
    ("M03", "衢州市市场监督管理局"),
    ("M04", "衢州学院"),
    ("M05", "衢州学院"),
    ("M06", "衢州学院"),
    ("M07", "衢州市质量技术监督检测中心"),
    ("M08", "衢州市质量技术监督检测中心"),
    ("M09", "衢州市标准化研究院"),
    ("M10", "衢州市标准化研究院"),
    ("M11", "衢州职业技术学院"),
    ("M12", "衢州职业技术学院"),
    ("M13", "衢州市质量协会"),
    ("M14", "衢州市柯城区市场监督管理局"),
    ("M15", "衢州市衢江区市场监督管理局"),
    ("M16", "龙游县市场监督管理局"),
    ("M17", "江山市市场监督管理局"),
    ("M18", "常山县市场监督管理局"),
    ("M19", "开化县市场监督管理局"),
    ("M20", "衢州市特种设备检验检测研究院"),
    ("M21", "龙游卓纤特种纸股份有限公司质量部"),
    ("M22", "江山市安驰输配电设备有限公司质量管理部"),
    ("M23", "衢州恒晟化工集团有限公司质量管理部"),
    ("M24", "浙江衢新汽车零部件有限公司质量部"),
    ("M25", "衢州市农业农村局"),
    ("M26", "衢州市卓越绩效管理咨询有限公司"),
    ("M27", "衢州联信质量认证咨询有限公司"),
    ("M28", "衢州学院"),
]

# Evaluators employed by a company: kept off panels of candidates in the same industry
# (competitors), without a formal conflict record.
EMPLOYER_INDUSTRY: dict[str, str] = {
    "M21": "特种纸",
    "M22": "高端装备",
    "M23": "新材料",
    "M24": "高端装备",
}

# Recorded conflicts of interest (回避): (evaluator, candidate name, reason).
CONFLICTS: list[tuple[str, str, str]] = [
    ("P01", "衢州市康禾药业有限公司", "曾为该单位提供标准化体系建设咨询服务"),
    ("M21", "龙游卓纤特种纸股份有限公司", "本人现任职单位"),
    ("M22", "江山市安驰输配电设备有限公司", "本人现任职单位"),
    ("M23", "衢州市澄氟新材料股份有限公司", "原工作单位，离职未满三年"),
    ("M26", "常山县辰轴精密轴承有限公司", "曾为该单位提供质量管理咨询服务"),
    ("M12", "开化县钱源茶业有限公司", "近亲属在该单位任职"),
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方邵孟毛詹祝严柴鲁应"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红文斌宇浩凯健俊帆鹏辉晨"
    "婷雪琳慧颖佳欣楠峰亮海波宁飞彬鑫锋琴蕾晓燕萍莉梅兰瑜琦思远博坤昊婕然航晟嘉"
)
# fmt: off
MOBILE_PREFIXES = (
    "130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "157", "158", "159", "177", "180", "181", "187", "188", "189", "198",
)
# fmt: on

EvidenceSet = dict[str, list[str]]

COMMENTS: dict[str, EvidenceSet] = {
    "4.1.2": {
        "strengths": [
            "高层领导通过年度战略研讨会、月度经营分析会和总经理接待日等方式，系统地确定并双向沟通使命、愿景和价值观，访谈中各层级员工对核心价值观的表述基本一致，方法展开较充分。",
            "高层领导亲自担任卓越绩效推进委员会主任，每季度审视关键绩效指标并督办改进项目，形成了“目标—检查—改进”的闭环，体现了领导作用与绩效管理系统的整合。",
            "建立了高层领导质量承诺和“质量开放日”制度，近三年持续开展，并纳入领导班子年度考核，方法稳定且有学习改进的记录。",
        ],
        "ofis": [
            "未见对高层领导自身领导力和履职有效性的系统评价方法（如360度评价或敬业度调查中的领导力维度），建议建立评价机制并将结果用于领导力改进。",
            "价值观向一线班组和新入职员工的展开主要依靠集中宣讲，缺少对传递效果的测量；车间访谈中部分员工不能说明价值观与本岗位工作的关系。",
            "高层领导推动创新、营造学习氛围的做法多停留在个案层面，尚未形成可重复的机制，建议明确创新激励与容错规则并定期评审其有效性。",
        ],
        "evidence": [
            "查阅：2025年度领导班子工作报告及月度经营分析会纪要",
            "访谈：总经理、两名车间班组长",
        ],
    },
    "4.1.3": {
        "strengths": [
            "建立了股东会、董事会、监事会和经营层权责清晰的治理结构，“三重一大”事项有明确的议事规则，决策过程记录完整，方法规范。",
            "设立独立的内部审计部门，每年对财务、采购和工程项目开展专项审计，审计发现问题的整改闭环有台账跟踪，展开到主要业务领域。",
            "制定了高层领导绩效考核办法，将经营业绩、质量安全和社会责任指标纳入年度考核，考核结果与薪酬挂钩，治理与激励机制实现了整合。",
        ],
        "ofis": [
            "治理风险识别主要针对财务风险，对合规、信息安全和关联交易等风险尚未系统识别，建议建立覆盖全面的治理风险清单并定期评审。",
            "对治理机构自身运行有效性的评价缺少方法，未见董事会或经营层的年度自我评价及据此改进的记录。",
            "信息披露和透明度方面的做法主要面向股东，面向员工、供应商等相关方的信息公开渠道较少，展开不够充分。",
        ],
        "evidence": [
            "查阅：公司章程、“三重一大”决策制度及2025年董事会会议记录",
            "查阅：2024—2025年度内部审计报告及整改台账",
        ],
    },
    "4.1.4": {
        "strengths": [
            "建立了环境、职业健康安全与质量一体化管理体系并通过第三方认证，主要污染物排放持续低于地方排放标准限值，公共责任的方法系统且得到有效展开。",
            "系统识别了产品、服务和运营对社会可能产生的不利影响，针对危险化学品储运等风险制定了专项应急预案，每年与属地政府组织联合演练。",
            "结合乡村振兴长期开展结对帮扶和公益支持，公益活动有年度计划和专项预算，员工参与人次逐年增加，并与企业文化建设相整合。",
        ],
        "ofis": [
            "公共责任的测量指标以合规性指标为主，未设定高于法规要求的内部目标值，难以反映持续改进的学习过程。",
            "道德行为的监测方法不够系统，未见员工诚信承诺、举报渠道受理及处理情况的统计分析。",
            "公益支持重点领域的选择与组织战略和核心能力的关联不够清晰，建议结合主营业务确定重点领域并评价投入成效。",
        ],
        "evidence": [
            "查阅：2025年度环境监测报告及排污许可证执行报告",
            "访谈：安全环保部负责人",
        ],
    },
    "4.2.2": {
        "strengths": [
            "建立了“三年规划、年度滚动”的战略制定流程，明确了各步骤的责任部门、时间节点和输入信息，董事会、经营层和骨干员工均参与战略研讨，方法系统。",
            "战略制定中运用了PEST、SWOT和五力模型等分析工具，对原材料价格、产业政策和竞争对手产能变化进行了量化分析，环境分析较为充分。",
            "战略目标同时设置了短期和长期指标，并参照行业标杆确定目标值，目标具有一定挑战性。",
        ],
        "ofis": [
            "战略制定过程中对顾客、供应商等相关方意见的收集不够充分，未见系统的外部信息输入渠道。",
            "对战略制定过程本身的评价和改进缺少证据，未见近两年战略制定流程的优化记录，学习环节较弱。",
            "战略目标与战略挑战、核心竞争力之间的对应关系描述不清，部分已识别的战略挑战未有相应的战略目标予以应对。",
        ],
        "evidence": [
            "查阅：《2025—2027年发展战略规划》及战略研讨会会议纪要",
            "访谈：战略发展部经理",
        ],
    },
    "4.2.3": {
        "strengths": [
            "通过战略地图和平衡计分卡将战略目标分解为部门和班组关键绩效指标，形成“公司—部门—班组”三级指标体系，战略部署展开到基层。",
            "关键行动计划明确了责任人、完成时限和所需资源，月度经营分析会跟踪进度，偏差项均有纠正措施记录，方法执行到位。",
            "结合战略需要编制人力资源和资金保障计划，并与年度预算同步编制，体现了战略部署与资源配置的整合。",
        ],
        "ofis": [
            "关键绩效指标的预测主要依据历史数据外推，未与竞争对手或标杆的预测水平进行对比，难以判断目标的先进性。",
            "战略向职能部门的部署较充分，但向一线员工的沟通不足，部分员工不了解本岗位指标与战略目标的关系，展开存在缺口。",
            "对行动计划未按期完成的原因分析不够深入，未见对战略部署方法的系统评价和学习改进。",
        ],
        "evidence": [
            "查阅：2025年度经营计划及部门目标责任书",
            "访谈：生产部经理、质量部经理",
        ],
    },
    "4.3.2": {
        "strengths": [
            "按产品类别、区域和顾客规模对市场进行了细分，明确了目标顾客群和重点市场，细分方法有清晰依据。",
            "通过顾客走访、展会、行业协会和电商平台数据等多种渠道收集顾客需求，并通过质量功能展开将需求转化为产品设计输入，方法与产品开发过程相整合。",
            "建立了竞争对手信息库，每季度分析主要竞争对手的价格、质量和交付表现，为市场策略调整提供依据。",
        ],
        "ofis": [
            "对潜在顾客和竞争对手顾客需求的了解不够系统，信息收集主要依赖销售人员个人经验，方法尚未规范化。",
            "顾客需求分析结果与新产品开发、过程改进之间的联系不够紧密，未见需求转化效果的评价。",
            "了解顾客需求的方法多年未作调整，未见根据业务发展和市场变化对方法进行评价与改进。",
        ],
        "evidence": [
            "查阅：市场细分分析报告及顾客需求调查汇总表",
            "访谈：营销部经理",
        ],
    },
    "4.3.3": {
        "strengths": [
            "建立了重点顾客“一对一”客户经理制度，定期开展技术交流和高层互访，重点顾客关系稳定，方法在各销售区域均已展开。",
            "制定了顾客投诉处理程序，明确受理、调查、处理和回访各环节的时限要求，投诉处理及时率按月统计。",
            "每年委托第三方开展顾客满意度测评，测评结果按细分市场分析并转化为年度改进项目，形成了测评—改进的学习循环。",
        ],
        "ofis": [
            "顾客满意度测评结果未与竞争对手或行业标杆对比，难以判断满意度的相对水平。",
            "投诉分析多停留在单起投诉的处理层面，缺少对投诉原因的系统汇总分析和预防措施。",
            "顾客忠诚度的测量方法不够明确，未能提供顾客推荐意愿、重复购买率等测量指标。",
        ],
        "evidence": [
            "查阅：2025年度顾客满意度测评报告及顾客投诉处理台账",
            "访谈：客户服务部主管",
        ],
    },
    "4.4.2": {
        "strengths": [
            "建立了以岗位价值评估为基础的薪酬体系，以及管理、技术、技能三条职业发展通道，关键岗位有明确的任职资格和晋升标准。",
            "年度培训计划依据岗位能力需求分析制定，重点培训项目采用柯氏四级评估评价效果，评估结果用于下一年度培训计划的改进。",
            "每年开展员工满意度调查，针对倒班、宿舍和食堂等问题制定改进措施并反馈给员工，员工认可度较高。",
        ],
        "ofis": [
            "人力资源规划与战略目标的衔接不够紧密，对新业务所需关键人才缺少前瞻性的储备计划。",
            "员工敬业度的测量方法不够系统，未区分满意度与敬业度的驱动因素，调查结果未按员工群体分层分析。",
            "员工激励以物质激励为主，对合理化建议和创新成果的非物质激励不足，一线员工参与改进的积极性有待提升。",
        ],
        "evidence": [
            "查阅：人力资源规划、2025年度培训计划及培训效果评估记录",
            "访谈：人力资源部经理、三名一线员工",
        ],
    },
    "4.4.3": {
        "strengths": [
            "实行全面预算管理，预算编制与年度经营计划同步，月度开展预算执行分析，偏差超过规定比例须说明原因并提出措施。",
            "建立了资金集中管理和应收账款分级催收制度，并将回款指标纳入销售人员考核，资金管理与绩效考核相整合。",
            "财务风险识别涵盖汇率、利率和客户信用风险，设定了资产负债率、现金流等预警指标并按月监测。",
        ],
        "ofis": [
            "财务资源配置与战略重点的关联分析不足，未见对重大投资项目的后评价。",
            "成本管理主要依靠财务部门核算，业务部门参与不足，尚未运用作业成本法等精细化方法。",
            "财务管理方法的评价与改进缺少证据，未见与同行业企业财务管理做法的对比学习。",
        ],
        "evidence": [
            "查阅：2025年度全面预算及月度预算执行分析报告",
            "访谈：财务总监",
        ],
    },
    "4.4.4": {
        "strengths": [
            "建成ERP、MES和质量管理信息系统，实现了订单、生产、检验到交付主要业务数据的在线采集与共享。",
            "建立了知识管理平台，将工艺文件、质量案例和专家经验分类存储，员工可按权限检索，并设置了知识贡献积分。",
            "制定了信息安全管理制度，对核心数据实行分级保护和定期异地备份，每年开展信息安全演练。",
        ],
        "ofis": [
            "各信息系统之间的数据接口尚未完全打通，部分数据需人工重复录入，影响数据的及时性和准确性，整合程度有待提升。",
            "知识管理平台使用率不高，缺少对知识共享和应用效果的测量，隐性知识显性化的方法不够系统。",
            "信息化建设规划与业务发展规划的衔接不足，未见对信息系统满足业务需求程度的评价。",
        ],
        "evidence": [
            "查阅：信息化建设规划及信息安全管理制度",
            "现场查看：MES系统生产数据看板",
        ],
    },
    "4.4.5": {
        "strengths": [
            "建有省级企业研究开发中心，研发投入占营业收入比例保持较高水平，形成了一批有效发明专利，技术资源对核心竞争力的支撑作用明显。",
            "与高校和科研院所建立了产学研合作机制，合作项目明确了成果转化目标，并有阶段评审记录。",
            "主导或参与制定了多项国家标准和行业标准，标准化工作与技术开发相整合。",
        ],
        "ofis": [
            "技术发展规划与市场需求预测的关联不够紧密，对关键技术与行业领先者的差距分析不够系统。",
            "对技术人员的创新激励和技术成果评价办法不够完善，未见激励效果的评价。",
            "未见对技术资源利用效率及产学研合作成效的系统评价和改进。",
        ],
        "evidence": [
            "查阅：研发中心认定文件、发明专利证书及标准文本",
            "访谈：技术中心主任",
        ],
    },
    "4.4.6": {
        "strengths": [
            "制定了设备全生命周期管理制度，关键设备实施预防性维护和日常点检，点检记录完整。",
            "基础设施规划与产能扩张战略相衔接，新建数字化车间已投入使用，自动化水平明显提升。",
            "设备综合效率（OEE）按月统计并纳入车间绩效考核，设备管理与绩效管理相整合。",
        ],
        "ofis": [
            "预防性维护计划主要依据设备说明书制定，未结合故障数据分析进行动态优化。",
            "未见基础设施应急预案演练后的效果评价和改进记录。",
            "老旧设备更新改造缺少系统的评估方法，投资决策依据不够充分。",
        ],
        "evidence": [
            "查阅：设备台账及2025年度设备维护保养计划",
            "现场查看：生产车间设备点检记录",
        ],
    },
    "4.4.7": {
        "strengths": [
            "建立了供应商分级管理制度，对关键原材料供应商实施年度绩效评价和现场审核，方法在采购全过程展开。",
            "与战略供应商签订长期合作协议，联合开展质量改进和新材料验证项目，合作成效有记录。",
            "与社区、行业协会和金融机构等相关方建立了定期沟通机制，沟通记录完整。",
        ],
        "ofis": [
            "供应商评价结果的应用不足，尚未形成与评价结果挂钩的激励和淘汰机制。",
            "对供应商和合作伙伴的能力提升支持较少，未见帮扶供应商改进质量管理的系统做法。",
            "相关方需求识别不够全面，未定期评价相关方关系管理方法的有效性。",
        ],
        "evidence": [
            "查阅：合格供应商名录及2025年度供应商绩效评价报告",
            "访谈：采购部经理",
        ],
    },
    "4.5.2": {
        "strengths": [
            "系统识别了价值创造过程和支持过程，形成过程清单，明确了各过程的主责部门、关键要求和绩效指标。",
            "新产品设计中运用FMEA和质量功能展开等方法，将顾客要求转化为过程设计要求，方法与顾客需求了解过程相整合。",
            "过程设计中综合考虑了质量、成本、交付、节能降耗和安全环保要求，并进行设计评审。",
        ],
        "ofis": [
            "过程要求的识别主要来自内部，顾客、供应商等相关方参与不足。",
            "支持过程的设计较为粗放，部分过程缺少明确的输入输出和绩效指标，展开不均衡。",
            "未见对过程设计方法本身的评价和改进，学习环节较弱。",
        ],
        "evidence": [
            "查阅：过程清单、关键过程流程图及新产品开发FMEA",
            "访谈：技术部经理",
        ],
    },
    "4.5.3": {
        "strengths": [
            "关键过程实施标准化作业，作业指导书在现场可获得，执行情况有巡检记录，方法展开到各班组。",
            "运用统计过程控制（SPC）监控关键工序参数，异常有处置和验证记录。",
            "持续开展精益生产和QC小组活动，改进成果纳入作业标准，形成了“改进—标准化”的学习循环。",
        ],
        "ofis": [
            "过程改进成果的横向推广不足，同类质量问题在不同车间重复发生。",
            "支持过程的监控指标不完整，部分支持过程无法用数据证实其有效性。",
            "过程绩效指标较少与标杆对比，过程改进的目标设定依据不足。",
        ],
        "evidence": [
            "查阅：关键工序SPC控制图及QC小组活动成果报告",
            "现场查看：关键工序作业指导书及巡检记录",
        ],
    },
    "4.6.2": {
        "strengths": [
            "建立了与战略目标相衔接的绩效测量系统，关键绩效指标有明确的定义、数据来源、统计频次和责任部门。",
            "月度经营分析会对关键指标进行趋势分析和对比分析，分析结论形成改进任务并跟踪落实，测量与改进相整合。",
            "选择行业标杆和主要竞争对手数据作为对比，对比数据来源有记录。",
        ],
        "ofis": [
            "对比数据来源有限，部分指标的对比对象选择依据不足。",
            "绩效评价结果向改进优先次序和创新机会的转化不够明确，未见排序方法。",
            "测量系统本身的评价和调整不够及时，未随业务变化更新部分指标。",
        ],
        "evidence": [
            "查阅：关键绩效指标手册及月度经营分析报告",
            "访谈：企业管理部经理",
        ],
    },
    "4.6.3": {
        "strengths": [
            "建立了合理化建议、QC小组、六西格玛项目等多层次改进机制，员工参与面广，方法展开充分。",
            "改进项目实行立项、评审、验收和奖励的全过程管理，改进成果有经济效益核算。",
            "积极开展管理创新和技术创新，创新成果与战略重点相衔接。",
        ],
        "ofis": [
            "改进项目的选题与战略重点的关联不够清晰，部分项目来自临时问题处理。",
            "改进和创新方法的培训不够系统，六西格玛等方法的应用局限于少数骨干。",
            "尚未建立创新风险评估和容错机制，未见对改进创新管理方法的评价。",
        ],
        "evidence": [
            "查阅：合理化建议台账及六西格玛项目结题报告",
            "访谈：质量部经理",
        ],
    },
    "4.7.2": {
        "strengths": [
            "产品一次交验合格率近三年保持在较高水平且逐年提升，趋势良好。",
            "主要产品关键质量特性指标优于国家标准要求，部分指标达到行业先进水平，对比结果有利。",
            "近三年产品质量监督抽查均合格，未发生重大质量事故，结果水平稳定。",
        ],
        "ofis": [
            "缺少与主要竞争对手和行业标杆的对比数据，难以判断产品质量的相对水平。",
            "部分产品的内部质量损失率出现波动，未见原因分析和改进措施，趋势不够稳定。",
            "服务质量指标的结果数据不完整，未能按主要产品线和细分市场分别提供。",
        ],
        "evidence": [
            "查阅：近三年产品质量统计报表",
            "查阅：产品型式检验报告及监督抽查结果通知书",
        ],
    },
    "4.7.3": {
        "strengths": [
            "顾客满意度测评结果近三年持续上升，趋势有利，且高于第三方调查的行业平均水平。",
            "主要产品国内市场占有率持续提高，在细分领域处于领先地位，对比结果有利。",
            "重点顾客保持率保持较高水平，新顾客数量逐年增加。",
        ],
        "ofis": [
            "顾客忠诚度结果数据缺失，未能提供顾客推荐率等指标的趋势数据。",
            "市场结果未按细分市场分别呈现，难以评价各细分市场的表现差异。",
            "顾客满意度结果缺少与主要竞争对手的直接对比。",
        ],
        "evidence": [
            "查阅：第三方顾客满意度测评报告（2023—2025年）",
            "查阅：行业协会发布的市场占有率统计",
        ],
    },
    "4.7.4": {
        "strengths": [
            "营业收入和利润总额近三年保持增长，趋势良好，主要指标完成年度目标。",
            "净资产收益率和总资产周转率高于行业平均水平，对比结果有利。",
            "资产负债率控制在合理区间，经营活动现金流持续为正，财务结构稳健。",
        ],
        "ofis": [
            "财务结果与行业标杆的对比不足，对比对象仅为行业平均值。",
            "部分年份毛利率下降，未见原因分析，趋势不稳定。",
            "财务结果未按主要业务板块或产品线分别呈现，与战略目标的整合分析不足。",
        ],
        "evidence": [
            "查阅：近三年经审计的财务报表",
            "访谈：财务总监",
        ],
    },
    "4.7.5": {
        "strengths": [
            "员工培训覆盖率和人均培训学时持续提高，员工满意度逐年上升，趋势良好。",
            "全员劳动生产率近三年保持增长，高于本地区同行业平均水平。",
            "研发投入占比和有效发明专利数量保持增长，技术资源结果水平较高。",
        ],
        "ofis": [
            "员工流失率数据未按员工群体细分，关键岗位人员流失情况不清楚。",
            "信息和知识资源、基础设施方面的结果指标较少，结果覆盖不够全面。",
            "资源结果缺少与竞争对手或标杆的对比数据，难以判断相对水平。",
        ],
        "evidence": [
            "查阅：人力资源统计年报及员工满意度调查报告",
            "查阅：研发投入专项审计报告",
        ],
    },
    "4.7.6": {
        "strengths": [
            "关键过程的工序能力指数（Cpk）持续提升，主要工序已达到1.33以上，过程稳定性结果水平良好。",
            "生产周期缩短、准时交付率提高，精益改进成效在趋势数据中得到体现。",
            "单位产品综合能耗持续下降，优于行业能耗限额标准先进值，对比结果有利。",
        ],
        "ofis": [
            "支持过程的有效性结果数据较少，如采购周期、设备故障停机率等未能提供趋势数据。",
            "过程有效性指标缺少标杆对比，难以判断过程绩效的领先程度。",
            "部分过程指标与过程管理部分确定的关键要求不一致，结果与过程的整合不足。",
        ],
        "evidence": [
            "查阅：关键工序过程能力分析报告",
            "查阅：能源计量统计报表及能耗对标报告",
        ],
    },
    "4.7.7": {
        "strengths": [
            "近三年未发生重大安全、环保和质量事故，各项合规指标均满足要求，结果水平稳定。",
            "战略目标年度完成率较高，关键战略指标呈良好趋势。",
            "获得市级以上质量和诚信相关荣誉，公益支持投入持续增加，组织声誉良好。",
        ],
        "ofis": [
            "领导方面的结果以定性描述为主，缺少员工对高层领导评价等量化指标。",
            "道德行为结果指标不完整，未能提供诚信举报受理和处理的趋势数据。",
            "社会责任结果缺少与同行业企业的对比，难以体现领先程度。",
        ],
        "evidence": [
            "查阅：战略目标年度考核报告及安全环保统计台账",
            "查阅：荣誉证书及公益支出明细",
        ],
    },
}

# fmt: off
ITEM_CODES = (
    "4.1.2", "4.1.3", "4.1.4", "4.2.2", "4.2.3", "4.3.2", "4.3.3", "4.4.2",
    "4.4.3", "4.4.4", "4.4.5", "4.4.6", "4.4.7", "4.5.2", "4.5.3", "4.6.2",
    "4.6.3", "4.7.2", "4.7.3", "4.7.4", "4.7.5", "4.7.6", "4.7.7",
)
# fmt: on

GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
GB11714_VALUES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def organisation_code(rng: random.Random) -> str:
    """Nine characters: eight body characters and a GB 11714 check character.

    Most recent registrations start with ``MA``; older units keep their numeric
    organisation code.
    """
    if rng.random() < 0.7:
        body = "MA" + "".join(rng.choice(ALPHABET) for _ in range(6))
    else:
        body = rng.choice("567") + "".join(rng.choice("0123456789") for _ in range(7))
    total = sum(GB11714_VALUES.index(c) * w for c, w in zip(body, GB11714_WEIGHTS, strict=True))
    check = 11 - total % 11
    check_char = {10: "X", 11: "0"}.get(check, str(check))
    return body + check_char


def credit_code(rng: random.Random, county: str, cooperative: bool, used: set[str]) -> str:
    """A unique GB 32100 code: 91 for a company, 93 for a farmers' cooperative."""
    while True:
        first17 = ("93" if cooperative else "91") + COUNTIES[county] + organisation_code(rng)
        code = first17 + check_character(first17)
        if code not in used:
            used.add(code)
            return code


def person_name(rng: random.Random, used: set[str]) -> str:
    while True:
        given_length = 1 if rng.random() < 0.3 else 2
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN_CHARS, given_length))
        if name not in used:
            used.add(name)
            return name


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


def build_panels(
    rng: random.Random, codes_by_name: dict[str, str]
) -> dict[str, tuple[str, list[str]]]:
    """Leader and members per candidate code, balancing each evaluator's workload.

    Every provincial evaluator sits on 6 panels (the demo evaluator leads 5 and is a
    member of 1); municipal evaluators sit on 5 or 6. Conflicts and competitors are
    excluded.
    """
    candidate_codes = [codes_by_name[c[0]] for c in CANDIDATES]
    industry = {codes_by_name[c[0]]: c[2] for c in CANDIDATES}
    forbidden = {(e, codes_by_name[n]) for e, n, _ in CONFLICTS}
    provincial = [code for code, _ in EVALUATORS if code.startswith("P")]
    municipal = [code for code, _ in EVALUATORS if code.startswith("M")]
    slots = len(CANDIDATES) * PANEL_SIZE

    def allowed(evaluator: str, candidate: str) -> bool:
        if (evaluator, candidate) in forbidden:
            return False
        return EMPLOYER_INDUSTRY.get(evaluator) != industry[candidate]

    for _attempt in range(1000):
        lead_quota = dict.fromkeys(provincial, 6)
        lead_quota[DEMO_EVALUATOR] = 5
        lead_quota[provincial[-1]] = 5
        extra_provincial = [code for code in provincial if lead_quota[code] == 5]
        remaining_provincial = len(provincial) * 6 - len(CANDIDATES)
        municipal_slots = slots - len(CANDIDATES) - remaining_provincial
        six = municipal_slots - 5 * len(municipal)
        sixes = set(rng.sample(municipal, six))
        quota = {code: 6 if code in sixes else 5 for code in municipal}
        for code in extra_provincial:
            quota[code] = 1

        order = candidate_codes[:]
        rng.shuffle(order)
        panels: dict[str, tuple[str, list[str]]] = {}
        ok = True
        for candidate in order:
            leaders = [p for p in provincial if lead_quota[p] > 0 and allowed(p, candidate)]
            if not leaders:
                ok = False
                break
            leader = max(leaders, key=lambda p: (lead_quota[p], rng.random()))
            lead_quota[leader] -= 1
            pool = [e for e in quota if quota[e] > 0 and e != leader and allowed(e, candidate)]
            pool.sort(key=lambda e: (quota[e], rng.random()), reverse=True)
            members = pool[: PANEL_SIZE - 1]
            if len(members) < PANEL_SIZE - 1:
                ok = False
                break
            for member in members:
                quota[member] -= 1
            panels[candidate] = (leader, sorted(members))
        if ok and not any(quota.values()) and not any(lead_quota.values()):
            return panels
    raise RuntimeError("could not balance the panels")


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate() -> None:
    rng = random.Random(SEED)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    used_codes: set[str] = set()
    used_names: set[str] = set()

    candidate_rows: list[list[str]] = []
    codes_by_name: dict[str, str] = {}
    for name, county, industry, tier in CANDIDATES:
        code = credit_code(rng, county, "专业合作社" in name, used_codes)
        codes_by_name[name] = code
        candidate_rows.append(
            [code, name, county, industry, person_name(rng, used_names), mobile(rng), tier]
        )
    write_csv(
        OUT_DIR / "candidates.csv",
        ["credit_code", "name", "county", "industry", "contact_person", "contact_phone", "tier"],
        candidate_rows,
    )

    roster_rows = [
        [
            code,
            person_name(rng, used_names),
            "provincial" if code.startswith("P") else "municipal",
            organisation,
        ]
        for code, organisation in EVALUATORS
    ]
    write_csv(OUT_DIR / "roster.csv", ["code", "name", "level", "organisation"], roster_rows)

    panels = build_panels(rng, codes_by_name)
    panel_rows: list[list[str]] = []
    for name, *_ in CANDIDATES:
        code = codes_by_name[name]
        leader, members = panels[code]
        panel_rows.append([ROUND, code, leader, "leader", ""])
        panel_rows.extend([ROUND, code, member, "member", ""] for member in members)
    for evaluator, name, note in CONFLICTS:
        panel_rows.append([ROUND, codes_by_name[name], evaluator, "conflict", note])
    write_csv(
        OUT_DIR / "panels.csv",
        ["round", "credit_code", "evaluator_code", "role", "note"],
        panel_rows,
    )

    comments = {
        "format": "qz-demo-comments",
        "version": 1,
        "items": {code: COMMENTS[code] for code in ITEM_CODES},
    }
    with (OUT_DIR / "comments.json").open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(comments, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def verify() -> list[str]:
    """Re-read the written files and return a list of violated constraints."""
    problems: list[str] = []

    def expect(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    for path in OUT_DIR.glob("*.*"):
        expect(not path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{path.name} has a BOM")

    candidates = read_csv(OUT_DIR / "candidates.csv")
    expect(len(candidates) == 40, f"{len(candidates)} candidates, expected 40")
    codes = [row["credit_code"] for row in candidates]
    expect(len(set(codes)) == len(codes), "duplicate credit codes")
    expect(len({row["name"] for row in candidates}) == len(candidates), "duplicate names")
    for row in candidates:
        code = row["credit_code"]
        try:
            validate(code)
        except ValueError as exc:
            problems.append(str(exc))
        expect(code[2:8] == COUNTIES.get(row["county"]), f"{code}: division/county mismatch")
        expect(code[:2] == ("93" if "合作社" in row["name"] else "91"), f"{code}: bad prefix")
        expect(row["industry"] in INDUSTRIES, f"{code}: unknown industry")
        expect(row["tier"] in TIERS, f"{code}: unknown tier")
        phone = row["contact_phone"]
        expect(len(phone) == 11 and phone.isdigit() and phone[0] == "1", f"{code}: bad phone")
    county_counts = Counter(row["county"] for row in candidates)
    expect(all(county_counts[c] >= 4 for c in COUNTIES), f"county spread {county_counts}")
    industry_counts = Counter(row["industry"] for row in candidates)
    expect(all(industry_counts[i] >= 2 for i in INDUSTRIES), f"industries {industry_counts}")
    tier_counts = Counter(row["tier"] for row in candidates)
    expect(tier_counts == Counter(seed=18, potential=14, advantage=8), f"tiers {tier_counts}")

    roster = read_csv(OUT_DIR / "roster.csv")
    levels = {row["code"]: row["level"] for row in roster}
    expect(len(roster) == 35, f"{len(roster)} evaluators, expected 35")
    expect(Counter(levels.values()) == Counter(provincial=7, municipal=28), "roster levels")
    expect(len({row["name"] for row in roster}) == len(roster), "duplicate evaluator names")

    panels = read_csv(OUT_DIR / "panels.csv")
    seated: dict[str, list[dict[str, str]]] = defaultdict(list)
    conflicts: list[dict[str, str]] = []
    for row in panels:
        expect(row["round"] == ROUND, f"bad round {row['round']}")
        expect(row["credit_code"] in codes, f"unknown candidate {row['credit_code']}")
        expect(row["evaluator_code"] in levels, f"unknown evaluator {row['evaluator_code']}")
        if row["role"] == "conflict":
            expect(bool(row["note"]), "conflict without a reason")
            conflicts.append(row)
        else:
            expect(row["role"] in ("leader", "member"), f"bad role {row['role']}")
            expect(not row["note"], "panel row with a note")
            seated[row["credit_code"]].append(row)
    expect(len(conflicts) == 6, f"{len(conflicts)} conflicts, expected 6")
    for code in codes:
        rows = seated[code]
        evaluators = {row["evaluator_code"] for row in rows}
        leaders = [row for row in rows if row["role"] == "leader"]
        expect(len(rows) == PANEL_SIZE and len(evaluators) == PANEL_SIZE, f"{code}: panel size")
        expect(len(leaders) == 1, f"{code}: {len(leaders)} leaders")
        expect(
            all(levels[r["evaluator_code"]] == "provincial" for r in leaders),
            f"{code}: leader not provincial",
        )
        mix = {levels[e] for e in evaluators}
        expect(mix == {"provincial", "municipal"}, f"{code}: panel not mixed")
    for row in conflicts:
        on_panel = {r["evaluator_code"] for r in seated[row["credit_code"]]}
        expect(
            row["evaluator_code"] not in on_panel,
            f"{row['evaluator_code']} conflicted but on panel {row['credit_code']}",
        )
    load = Counter(r["evaluator_code"] for rows in seated.values() for r in rows)
    expect(set(load) == set(levels), "some evaluator sits on no panel")
    expect(max(load.values()) - min(load.values()) <= 1, f"unbalanced load {load}")
    demo_panels = [
        c for c, rows in seated.items() if any(r["evaluator_code"] == DEMO_EVALUATOR for r in rows)
    ]
    expect(len(demo_panels) >= 6, f"{DEMO_EVALUATOR} on {len(demo_panels)} panels")
    demo_conflicts = [r for r in conflicts if r["evaluator_code"] == DEMO_EVALUATOR]
    expect(len(demo_conflicts) == 1, f"{DEMO_EVALUATOR} has {len(demo_conflicts)} conflicts")

    with (OUT_DIR / "comments.json").open(encoding="utf-8") as handle:
        comments = json.load(handle)
    expect(
        comments.get("format") == "qz-demo-comments" and comments.get("version") == 1,
        "comments header",
    )
    items = comments.get("items", {})
    expect(tuple(items) == ITEM_CODES, "comments items")
    for code, item in items.items():
        expect(len(item.get("strengths", [])) == 3, f"{code}: strengths")
        expect(len(item.get("ofis", [])) == 3, f"{code}: ofis")
        expect(len(item.get("evidence", [])) == 2, f"{code}: evidence")
    return problems


def main() -> int:
    generate()
    problems = verify()
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"wrote demo data to {OUT_DIR.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
