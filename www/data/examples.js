// The published figures behind the example buttons, as data with their provenance
// (docs/methodology.md §5–6). Names and the source line shown to the visitor are in the
// message catalogues (keys ex.<id> and exSource.<id>); the numbers are only here.

/**
 * @typedef {{ id: string, figure: string, document: string, publisher: string, date: string,
 *   scores?: Record<string, number>, profile?: string, actuals?: Record<string, number> }} Example
 * @type {readonly Example[]}
 */
export const EXAMPLES = Object.freeze([
  {
    id: 'national-2007',
    figure: '2007 national MQCI: 质量水平 84.76, 发展能力 77.21 (index 80.99)',
    document: '国家质检总局发布 2007 年全国制造业质量竞争力指数',
    publisher: '中国政府网',
    date: '2007-12-24',
    scores: { quality_level: 84.76, development_capability: 77.21 },
  },
  {
    id: 'chengdu-2023',
    figure: 'Chengdu 2023: 市级工业品抽检合格率 94.5%, 食品药品抽检合格率 99%, 消费品抽检合格率 93.7%',
    document: '《成都日报》2023 年中国质量大会报道；市场监管总局',
    publisher: '成都日报；国家市场监督管理总局',
    date: '2023-08-21',
    profile: 'chengdu-2027',
    actuals: { industrial_product_pass_rate: 94.5, food_drug_sampling_pass_rate: 99, consumer_goods_sampling_pass_rate: 93.7 },
  },
  {
    id: 'mianyang-2016',
    figure: 'Mianyang 2016: 农产品省级监测合格率 100%, 食品评价性抽检合格率 98.8%, 工业品质量抽查合格率 97.1%, 重点工程竣工验收一次性合格率 100%',
    document: '绵阳市质量发展大会报道',
    publisher: '绵阳市人民政府',
    date: '2016',
    profile: 'sichuan-2027',
    actuals: { agri_monitoring_pass_rate: 100, food_sampling_pass_rate: 98.8, industrial_product_pass_rate: 97.1, project_acceptance_rate: 100 },
  },
].map((e) => Object.freeze(e)));
