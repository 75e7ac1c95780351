// Test files for the batch page (issue 11), made here without the code under test: a district's
// enterprises as CSV in GBK (an encoder built from Node's own GBK decoder), and as XLSX written
// by hand (a stored zip of SpreadsheetML with inline strings, two sheets). Also used by the
// benchmark (tests/bench/batch.mjs) for its 100,000 and 500,000 rows.
import { crc32 } from 'node:zlib';

const STREETS = ['东城街道', '西城街道', '南湖街道', '高新园区'];
const INDUSTRIES = ['通用设备制造业', '电气机械和器材制造业', '汽车制造业'];

/** A seeded generator (xorshift32): the same rows every run. */
export function random(seed = 7) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

/**
 * The raw-figure table of a district: headers as a 区 bureau writes them (营业收入 for 产品销售
 * 收入, a percent sign in 合格率, one header no synonym knows: 科研经费支出, mapped by hand).
 */
export const RAW_HEADERS = ['企业名称', '统一社会信用代码', '行业', '街道', '工业总产值（万元）', '营业收入（万元）', '内部损失成本（万元）', '外部损失成本（万元）',
  '抽查批次', '抽查合格批次', '优等品产值', '一等品产值', '合格品产值', '微电子控制设备原值', '生产经营用设备原值', '已认证企业（工厂）数', '企业（工厂）总数', '检验批次', '检验合格批次',
  '科研经费支出', '技术改造经费（万元）', '拥有专利数', '新产品销售收入（万元）', '出口交货值（万元）'];

/** `n` rows of RAW_HEADERS; `bad`: put the listed bad and missing cells in (rows 2–5). */
export function rawRows(n, { seed = 7, bad = true } = {}) {
  const r = random(seed);
  const rows = [];
  for (let i = 0; i < n; i += 1) {
    const output = Math.round(2000 + r() * 80000);
    const sales = Math.round(output * (0.8 + r() * 0.3));
    const batches = 2 + Math.floor(r() * 10);
    rows.push([
      `企业${String(i + 1).padStart(5, '0')}有限公司`, `91510100MA${String(100000 + i)}`, INDUSTRIES[i % 3], STREETS[i % 4],
      String(output), String(sales), (output * r() * 0.02).toFixed(1), (output * r() * 0.01).toFixed(1),
      String(batches), String(batches - (r() < 0.2 ? 1 : 0)), (output * r() * 0.3).toFixed(1), (output * r() * 0.5).toFixed(1), (output * r() * 0.2).toFixed(1),
      (1000 + r() * 5000).toFixed(1), (6000 + r() * 5000).toFixed(1), r() < 0.7 ? '1' : '0', '1', String(batches * 2), String(batches * 2 - (r() < 0.1 ? 1 : 0)),
      (sales * r() * 0.05).toFixed(1), (sales * r() * 0.03).toFixed(1), String(Math.floor(r() * 40)), (sales * r() * 0.4).toFixed(1), (sales * r() * 0.3).toFixed(1),
    ]);
  }
  if (bad && n > 5) {
    rows[1][6] = 'abc'; // a bad cell: listed with row, column and value
    rows[2][7] = '—'; // missing forms
    rows[3][17] = '不适用';
    rows[3][18] = '不适用';
    rows[4][12] = '';
  }
  return rows;
}

/** Rows → CSV text (quoted where needed, CRLF). */
export const toCsv = (headers, rows) => [headers, ...rows].map((l) => l.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

let gbkTable;
/** Text → GBK bytes: each character's bytes found by decoding every GBK double-byte code. */
export function toGbk(text) {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a += 1) {
      for (let b = 0x40; b <= 0xfe; b += 1) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else {
      const pair = gbkTable.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      out.push(...pair);
    }
  }
  return Uint8Array.from(out);
}

/** The 12 indicators by their Chinese names, values as typed (the XLSX file). */
export const INDICATOR_HEADERS = ['企业名称', '街道', '产品质量等级品率', '微电子控制设备比重', '质量管理体系认证率', '质量损失率', '产品监督抽查合格率', '出口商品检验合格率',
  '研究与试验发展经费比重', '技术改造经费比重', '每百万元产值拥有专利数', '新产品销售比重', '平均产品销售收入', '国际市场销售率'];
export const INDICATOR_IDS = ['grade_product_rate', 'microelectronic_equipment_share', 'qms_certification_rate', 'quality_loss_rate', 'spot_check_pass_rate', 'export_inspection_pass_rate',
  'rd_expenditure_share', 'renovation_expenditure_share', 'patents_per_million_output', 'new_product_sales_share', 'avg_sales_revenue', 'export_sales_share'];

/** Rows of INDICATOR_HEADERS with numbers (row 3: a bad cell; row 4: "不适用"). */
export function indicatorRows(n, seed = 11) {
  const r = random(seed);
  const rows = [];
  for (let i = 0; i < n; i += 1) {
    rows.push([`样本${i + 1}厂`, STREETS[i % 2],
      +(95 + r() * 20).toFixed(1), +(10 + r() * 70).toFixed(1), +(30 + r() * 70).toFixed(1), +(r() * 3).toFixed(2), +(85 + r() * 15).toFixed(1), +(95 + r() * 5).toFixed(1),
      +(r() * 4).toFixed(2), +(r() * 3).toFixed(2), +(r() * 0.05).toFixed(4), +(r() * 40).toFixed(1), +(0.1 + r() * 3).toFixed(2), +(r() * 40).toFixed(1)]);
  }
  if (n > 4) {
    rows[2][5] = 'x1.5';
    rows[3][7] = '不适用';
  }
  return rows;
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const col = (c) => { let s = ''; c += 1; while (c) { const m = (c - 1) % 26; s = String.fromCharCode(65 + m) + s; c = Math.floor((c - 1) / 26); } return s; };

function sheetXml(rows) {
  const body = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => {
    const ref = `${col(c)}${r + 1}`;
    if (v === '' || v == null) return '';
    return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  }).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** A zip of `files` ({ name: string }) with every entry stored (no compression). */
function zip(files) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const fname = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(0, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(fname.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc, 16); dir.writeUInt32LE(data.length, 20); dir.writeUInt32LE(data.length, 24); dir.writeUInt16LE(fname.length, 28); dir.writeUInt32LE(offset, 42);
    parts.push(local, fname, data);
    central.push(dir, fname);
    offset += 30 + fname.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(files).length, 8); end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** An XLSX workbook of `sheets` ([{ name, rows }]: numbers as numbers, texts inline). */
export function xlsx(sheets) {
  const files = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
  };
  sheets.forEach((s, i) => { files[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(s.rows); });
  return zip(files);
}

/** CSV text → rows of cells (RFC 4180 quoting). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}
