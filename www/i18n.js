// Message catalogue of the mqci widget: the zh-CN strings of the first result. The rest of
// zh-CN is in lang/zh-CN.js, English in lang/en.js, each loaded when needed. Names of
// indicators, bands, metrics and documents come from the engine's data. Placeholders: {name}.

const zh = {
  pageTitle: '制造业质量竞争力指数自评',
  title: '制造业质量竞争力指数（MQCI）自评',
  sub: '按 12 项统计指标计算 MQCI 式自评得分，并对照各地质量目标。全部计算在您的浏览器中完成，数据不会上传。',
  disclaimerLead: '请注意：',
  disclaimer: '本工具算出的是“MQCI 式自评”结果，不是官方发布的制造业质量竞争力指数。官方未公布下级权重和标准化方法，所用假设均在下方逐项标明。',
  disclaimerShort: '本工具算出的是“MQCI 式自评”结果，不是官方发布的制造业质量竞争力指数；所用假设见“方法说明”。',
  loading: '正在加载计算引擎…',
  loadFail: '计算引擎加载失败，请刷新页面重试。',
  extrasFail: '部分功能加载失败，请刷新页面重试。',
  otherLang: 'English',
  otherLangCode: 'en',
  large: '大字号',
  skip: '跳到计算结果',
  examples: '载入公开数据示例：',
  actions: '数据操作',
  export: '导出文件',
  import: '导入文件',
  share: '分享链接',
  print: '打印报告',
  clear: '清空',
  inputs: '输入数据',
  inputsHint: '可填写“94%”“９４．５”“1,234.5”等格式；结果即时更新并自动保存在本浏览器中。',
  results: '计算结果',
  indexLabel: '质量竞争力指数（自评）',
  bandLabel: '等级',
  empty: '请输入指标数值或分项得分，或载入一个示例。',
  incomplete: '尚未填完：已计入 {n}/12 项指标。',
  range: '按现有数据，指数将在 {min} 至 {max} 之间。',
  missing: '缺少：{list}。',
  listSep: '、',
  chart: '分项得分',
  chartNote: '条形的刻度为 60–100 分。',
  badSaved: '本浏览器中保存的数据已损坏，无法读取，已忽略。',
  badLink: '链接中的数据无法读取，已忽略。',
  linkLoaded: '已从分享链接恢复数据。',
  setAside: '保存的数据中有部分无法使用，已另存备份，其余数据已恢复：{parts}。',
  part_all: '全部数据',
  part_method: '自定义方法',
  part_profile: '目标文件',
  exportBackup: '导出备份',
  dismiss: '知道了',
  ex: { 'national-2007': '全国 2007 年', 'chengdu-2023': '成都 2023 年', 'mianyang-2016': '绵阳 2016 年' },
  // ---- issue 9 ----
  firstVisitEmpty: '请填写贵企业的数据；如想先看看效果，可点击上方的示例按钮载入公开数据示例。',
  exTag: '示例',
  exResult: '以下结果来自公开数据示例，不是贵企业的结果。',
};

export const MESSAGES = { 'zh-CN': zh };
let rest;

/**
 * Makes MESSAGES[lang] available: English is fetched on first use; `full` adds the zh-CN
 * strings of the panels loaded after the first result.
 */
export async function loadLang(lang, full) {
  if (lang === 'en') { if (MESSAGES.en == null) MESSAGES.en = (await import('./lang/en.js')).default; }
  else if (full) { if (rest == null) rest = import('./lang/zh-CN.js'); Object.assign(zh, (await rest).default); }
  return MESSAGES[lang];
}
