// Chinese text of the provenance of every number in the BUILT-IN methodology (the engine
// carries it in English: src/methodology/builtin.rs). Keyed by methodology path; loaded only
// when the zh page shows the built-in methodology's sources. A custom methodology's text is
// shown as given. Sources: docs/methodology.md.

const WEIGHT_T = '未公布；按等权（每个三级分项占所属二级分项的 1/3）可与 2007 年公布的全部分项数据吻合，无矛盾（见方法说明文档第 3 节）';
const WEIGHT_I = '未公布；按等权（每项指标占所属三级分项的 1/2，占指数的 1/12）可与 2007 年公布的全部分项数据吻合，无矛盾（见方法说明文档第 3 节）';

export default {
  structure: '12 项统计指标、6 个三级分项、2 个二级分项（《质量竞争力指数解读》）；“质量竞争力指数由12个统计指标的标准化得分线性加权生成，得分范围为60-100分”（新华社 2010-12-16）',
  'secondary.weight': '指数 = 0.5 × 质量水平 + 0.5 × 发展能力，可重现已公布的 2007 年（84.76、77.21 → 80.99）和 2006 年（83.41、76.55 → 79.98）指数；其他任何划分都与其中之一矛盾（中国政府网 2007-12-24；2008-12-24 转载）',
  'tertiary.weight': WEIGHT_T,
  'indicators.weight': WEIGHT_I,
  'bands.2011': '2011 年起的划分方案（质检总局转引课题组的消息，科技之鹰网 2011-07-13）；各档边界按左闭右开 [下限, 上限) 理解',
  'bands.2009': '2009 年的划分方案（甘肃省产品质量监督检验研究院网站）；各档边界按左闭右开 [下限, 上限) 理解',
  'standardization.linear': '官方函数未公布；60–100 分的区间是功效系数法的特征：得分 = 60 + 40 × t，t = (x − 不允许值) ÷ (满意值 − 不允许值)，限制在 0 到 1 之间',
  'standardization.exponential': '官方函数未公布；其他国内综合指数采用的变体：得分 = 60 × (100 ÷ 60)^t，t = (x − 不允许值) ÷ (满意值 − 不允许值)，限制在 0 到 1 之间',
  rounding: '公布值保留两位小数；按十进制值四舍五入可重现 2007 年的 80.99 = (84.76 + 77.21) ÷ 2',
  'indicators.grade_product_rate.worst': '50 = 全部产值为合格品，即 1991 年定义中可接受生产的下限（技监局管发〔1991〕368号）；未公布全国水平',
  'indicators.grade_product_rate.best': '120 = 产值以优等品为主（例如 40% 优等品 + 60% 一等品）；全部为一等品时按定义为 100',
  'indicators.microelectronic_equipment_share.worst': '约为全国参照水平的一半（关键工序数控化率 62.9%，工业和信息化部 2023 年，国新办发布会／央广网 2024-07）：数控程度很低',
  'indicators.microelectronic_equipment_share.best': '高于领先的参照水平 66.2%（关键工序数控化率，工业和信息化部 2025-03）：生产基本实现数字化控制',
  'indicators.qms_certification_rate.worst': '仅少数企业通过认证；规上企业的认证率未公布（认监委统计获证组织 908,412 家，2024-12）',
  'indicators.qms_certification_rate.best': '规上企业几乎全部通过认证；95 为失效或待发的证书留有余地',
  'indicators.quality_loss_rate.worst': '未公布全国水平；因质量问题损失 3% 的产值说明质量控制薄弱',
  'indicators.quality_loss_rate.best': '未公布全国水平；0.5% 是管理良好的制造企业的水平',
  'indicators.spot_check_pass_rate.worst': '低于全国国家监督抽查合格率（85.7%，市场监管总局 2024 年）和 2012 年的 89.8%（市场监管总局历年国家监督抽查情况通报）',
  'indicators.spot_check_pass_rate.best': '国家监督抽查中大型企业的合格率（99.2%，市场监管总局 2023 年）',
  'indicators.export_inspection_pass_rate.worst': '略低于全国的 99.85%（质检总局出入境检验检疫，2011 年上半年）；此类合格率集中在 100 附近，因此区间较窄',
  'indicators.export_inspection_pass_rate.best': '高于领先的厦门 99.91%（2009 年）',
  'indicators.rd_expenditure_share.worst': '低于 2007 年大中型企业的 0.81%（国家统计局《中国统计年鉴》科技活动各表）',
  'indicators.rd_expenditure_share.best': '接近高技术制造业的 3.10%（国家统计局《全国科技经费投入统计公报》2023 年；全部规上制造业为 1.71%）',
  'indicators.renovation_expenditure_share.worst': '未公布全国水平（估计约 0.4%）；0.1% 的技术改造支出可忽略不计',
  'indicators.renovation_expenditure_share.best': '约为估计的全国水平（约 0.4%）的 2.5 倍',
  'indicators.patents_per_million_output.worst': '低于 2007 年大中型企业的约 0.0017（由国家统计局《中国统计年鉴》推算）',
  'indicators.patents_per_million_output.best': '略高于近年全国水平（至多约 0.017，由国家统计局数据推算）',
  'indicators.new_product_sales_share.worst': '不到 2008 年规上企业水平 11.3% 的一半（由国家统计局数据推算）',
  'indicators.new_product_sales_share.best': '约为 2007 年大中型企业水平（15%–16%）的两倍（国家统计局《中国统计年鉴》）',
  'indicators.avg_sales_revenue.worst': '0.2 亿元 = 2000 万元，即规模以上企业的营业收入门槛；低于此值的企业不纳入统计',
  'indicators.avg_sales_revenue.best': '高于 2007 年大中型制造企业平均的 6.80 亿元（国家统计局）；对这一规模变量取对数可能更合适，默认的线性方法未取对数',
  'indicators.export_sales_share.worst': '以内销为主；全国水平约为 11%–13%（按月度出口交货值与营业收入之比估算）',
  'indicators.export_sales_share.best': '以出口为主的中山市的水平（28.9%，中山市统计局，2023 年规上工业）',
};
