// What a host page hands the widget, checked as strictly as the engine checks its own input:
// the postMessage commands of embed.html (embed.js), and the attributes and method arguments
// of <mqci-widget> (mqci-widget.js). Nothing a host sends can throw here: every reader returns
// either a clean copy of what it accepted or a list of errors shaped like the engine's
// (`{ code, field, value, params, message }`, see `docs/methodology.md` and the README's
// embedding section), and the widget shows them in its own language (EMBED_MESSAGES below).
//
// Values are read once, without converting them (no String(x) on a host object: a Date, a
// null-prototype object or one whose toString is null would throw), and copied; what is not
// a plain value is refused with `wrong_type` naming its place. A refused command changes
// nothing. Reading is bounded (see EMBED_LIMITS), so no message freezes the widget.

/** Bounds on what one command may carry (the engine's reader limits, src/limits.rs, apply after these). */
export const EMBED_LIMITS = Object.freeze({
  /** Serialized size of one command's figures and keys, in UTF-16 code units (≈ bytes of its JSON). */
  bytes: 1_000_000,
  /** Keys in `values` or `scores`. */
  keys: 10_000,
  /** Errors listed for one command (more are cut off with one final `too_large` "errors"). */
  errors: 100,
  /** Length of an id: a profile, a storage key. */
  id: 64,
  /** Length of a URL given as an attribute or query parameter (a methodology file's). */
  url: 8_192,
  /** Characters of a long value quoted in a message (then "…"). */
  quote: 64,
});

export const LANGS = Object.freeze(['zh-CN', 'en']);
export const MODES = Object.freeze(['full', 'compact', 'targets']);
/** The message types embed.html accepts. */
export const COMMANDS = Object.freeze(['mqci:set-inputs', 'mqci:set-profile']);
const INPUT_KEYS = ['values', 'scores'];

const objectTag = Object.prototype.toString;
const { getPrototypeOf, getOwnPropertySymbols, hasOwn } = Object;
const isArray = Array.isArray;

/** Runs `f`; what it throws becomes `fallback(exception)`. */
function guard(f, fallback) {
  try {
    return f();
  } catch (e) {
    return fallback(e);
  }
}

const clip = (s) => (s.length > EMBED_LIMITS.quote ? `${s.slice(0, EMBED_LIMITS.quote)}…` : s);

/** A short text for an exception a host value threw while being read. */
function thrown(e) {
  return clip(guard(() => {
    if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
      const { name, message } = e;
      if (typeof message === 'string') return typeof name === 'string' && name ? `${name}: ${message}` : message;
      return objectTag.call(e);
    }
    return typeof e === 'string' ? e : typeof e === 'symbol' ? e.toString() : `${e}`;
  }, () => 'an exception'));
}

/** `[object Date]`, `[object Map]`…: the built-in tag, never the object's own toString. */
const tagOf = (v) => guard(() => objectTag.call(v), () => '[object Object]');

/**
 * The kind of `v` in the engine's terms ("null", "boolean", "number", "string", "array",
 * "object", "other"): "object" only for a plain object, as a structured clone or a literal
 * makes it (its prototype Object.prototype of any realm, or null).
 */
export function kindOf(v) {
  if (v === null || v === undefined) return 'null';
  const t = typeof v;
  if (t === 'boolean' || t === 'number' || t === 'string') return t;
  if (t !== 'object') return 'other'; // bigint, symbol, function
  return guard(() => {
    if (isArray(v)) return 'array';
    const proto = getPrototypeOf(v);
    return proto === null || getPrototypeOf(proto) === null ? 'object' : 'other';
  }, () => 'other'); // a revoked Proxy
}

/** The value as given, as a short string for `value` (null for null/undefined). */
export function quote(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string': return clip(v);
    case 'number': return Object.is(v, -0) ? '-0' : String(v).replace('e+', 'e'); // 1e300 as "1e300", as the engine quotes it
    case 'bigint': return clip(`${v}n`);
    case 'boolean': return String(v);
    case 'symbol': return clip(guard(() => v.toString(), () => 'Symbol()'));
    case 'function': return '[object Function]';
    default: return clip(tagOf(v));
  }
}

/** A field path below `parent` for a host-chosen key (quoted short, so paths stay small). */
const below = (parent, key) => `${parent}.${clip(key)}`;

// ---- errors ----

const A = { null: 'null', boolean: 'a boolean', number: 'a number', string: 'a string', array: 'an array', object: 'an object', other: 'something else' };
// What is expected where: figures may be numbers or strings ("94.5%").
const EXPECTED = { number: 'a number or a string', string: 'a string', object: 'an object' };

/** "a Date", "a Map", "a BigInt"… for a value of kind "other". */
function aKind(v) {
  if (v === undefined) return 'undefined';
  if (typeof v === 'bigint') return 'a BigInt';
  if (typeof v === 'symbol') return 'a Symbol';
  if (typeof v === 'function') return 'a function';
  const name = tagOf(v).slice(8, -1);
  return /^[AEIO]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** The English message a developer reads in the console (the widget shows EMBED_MESSAGES). */
function english(code, field, value, params, v) {
  const q = value == null ? '' : `"${value}"`;
  switch (code) {
    case 'wrong_type': {
      const got = params.got === 'other' ? aKind(v) : A[params.got];
      if (field === 'input' && params.expected === 'object') return `input: must be an object such as {"values": {…}, "scores": {…}}, not ${got}`;
      return `${field}: must be ${EXPECTED[params.expected] || params.expected}, not ${got}`;
    }
    case 'unknown_id': return `${field}: unknown id ${q}`;
    case 'unknown_key': return `${field}: unknown key ${q}`;
    case 'missing': return `${field}: missing`;
    case 'empty': return `${field}: must not be empty`;
    case 'too_large': return `${field}: too large (more than ${params.max} ${params.limit})`;
    case 'unreadable': return `${field}: could not be read (${value})`;
    case 'not_same_origin': return `${field}: ${q} is not a same-origin URL`;
    case 'not_an_origin': return `${field}: ${q} is not an origin such as https://www.example.gov.cn`;
    default: return `${field}: ${code}${q ? ` ${q}` : ''}`;
  }
}

/** One error: `{ code, field, value, params, message }`; `v` is the offending value, for the message. */
export function fault(code, field, value = null, params = {}, v = undefined) {
  return { code, field, value, params, message: english(code, field, value, params, v) };
}

const wrongType = (field, v, expected) => fault('wrong_type', field, quote(v), { expected, got: kindOf(v) }, v);

/** Collects errors up to EMBED_LIMITS.errors, then one `too_large` "errors". */
function collector() {
  const list = [];
  return {
    list,
    add(e) {
      if (list.length < EMBED_LIMITS.errors) list.push(e);
      else if (list.length === EMBED_LIMITS.errors) list.push(fault('too_large', e.field, null, { limit: 'errors', max: EMBED_LIMITS.errors }));
    },
    get full() { return list.length > EMBED_LIMITS.errors; },
  };
}

/**
 * The own enumerable string keys of a plain object `o`, and its symbol keys, read once; stops
 * after `max` + 1 string keys.
 */
function keysOf(o, max) {
  const keys = [];
  // for…in: no array of a million keys is built before the limit is noticed.
  for (const k in o) {
    if (!hasOwn(o, k)) continue;
    keys.push(k);
    if (keys.length > max) break;
  }
  return { keys, symbols: getOwnPropertySymbols(o) };
}

/**
 * Reads the argument of setInputs / the `input` of "mqci:set-inputs": `{ values?, scores? }`,
 * each a plain object of figures (number, string, null or undefined).
 * Returns `{ input }` (a fresh copy, only what was read) or `{ errors }`.
 */
export function readInput(input, field = 'input') {
  const errors = collector();
  let bytes = 0;
  const clean = {};
  const read = () => {
    if (kindOf(input) !== 'object') {
      errors.add(input === undefined ? fault('missing', field) : wrongType(field, input, 'object'));
      return;
    }
    const { keys, symbols } = keysOf(input, INPUT_KEYS.length + EMBED_LIMITS.errors);
    for (const s of symbols) errors.add(fault('unknown_key', field, quote(s)));
    for (const key of keys) {
      if (errors.full) return;
      if (!INPUT_KEYS.includes(key)) {
        errors.add(fault('unknown_key', field, quote(key)));
        continue;
      }
      const m = guard(() => input[key], (e) => {
        errors.add(fault('unreadable', key, thrown(e)));
        return undefined;
      });
      if (m === null || m === undefined) continue;
      if (kindOf(m) !== 'object') {
        errors.add(wrongType(key, m, 'object'));
        continue;
      }
      const own = guard(() => keysOf(m, EMBED_LIMITS.keys), (e) => {
        errors.add(fault('unreadable', key, thrown(e)));
        return null;
      });
      if (!own) continue;
      if (own.keys.length > EMBED_LIMITS.keys) {
        errors.add(fault('too_large', key, null, { limit: 'keys', max: EMBED_LIMITS.keys }));
        continue;
      }
      for (const s of own.symbols) errors.add(fault('unknown_key', key, quote(s)));
      const entries = [];
      for (const id of own.keys) {
        if (errors.full) return;
        const at = below(key, id);
        bytes += id.length + 4;
        const v = guard(() => m[id], (e) => {
          errors.add(fault('unreadable', at, thrown(e)));
          return undefined;
        });
        if (typeof v === 'string') bytes += v.length + 2;
        else if (typeof v === 'number') bytes += 8;
        else if (v !== null && v !== undefined) {
          errors.add(wrongType(at, v, 'number'));
          continue;
        }
        if (bytes > EMBED_LIMITS.bytes) {
          errors.add(fault('too_large', at, null, { limit: 'bytes', max: EMBED_LIMITS.bytes }));
          return;
        }
        if (v !== undefined) entries.push([id, v]);
      }
      // fromEntries defines own properties: a "__proto__" key stays a key.
      clean[key] = Object.fromEntries(entries);
    }
  };
  guard(read, (e) => errors.add(fault('unreadable', field, thrown(e))));
  return errors.list.length ? { errors: errors.list } : { input: clean };
}

/**
 * Reads an id given by a host (a profile id, a storage key): a non-empty string of at most
 * EMBED_LIMITS.id characters. `required`: undefined is `missing` (else it reads as no id).
 * Returns `{ id }` (possibly undefined) or `{ errors }`.
 */
export function readId(v, field, required = false) {
  if (v === undefined || v === null) return required ? { errors: [fault('missing', field)] } : { id: undefined };
  if (typeof v !== 'string') return { errors: [wrongType(field, v, 'string')] };
  if (v === '') return required ? { errors: [fault('empty', field)] } : { id: undefined };
  if (v.length > EMBED_LIMITS.id) return { errors: [fault('too_large', field, quote(v), { limit: 'string', max: EMBED_LIMITS.id })] };
  return { id: v };
}

let facts;
/**
 * What the engine ships: `{ profiles, values, scores }`, each a Set of ids (profile ids; the
 * indicators `values` may name; every node `scores` may name), or null if the engine cannot
 * say. Read from the engine app.js loads (pkg/mqci.js; calling its init again only returns it).
 */
export function loadFacts() {
  if (!facts) facts = (async () => {
    try {
      const engine = await import('./pkg/mqci.js');
      await engine.default({ module_or_path: new URL('./pkg/mqci_bg.wasm', import.meta.url) });
      const m = engine.defaultMethodology();
      const indicators = Object.keys(m.indicators);
      return {
        profiles: new Set(engine.targetProfiles().map((p) => p.id)),
        values: new Set(indicators),
        scores: new Set([...Object.keys(m.secondary), ...Object.keys(m.tertiary), ...indicators]),
      };
    } catch {
      return null; // unknown ids are then reported by app.js
    }
  })();
  return facts;
}

/**
 * Leaves out of a checked input (readInput) the ids the engine does not know, as app.js does,
 * and returns them as `unknown_id` errors: `{ input, errors }`. With `known` null, nothing is left out.
 */
export function dropUnknown(input, known) {
  if (!known) return { input, errors: [] };
  const errors = collector();
  const out = {};
  for (const key of INPUT_KEYS) {
    if (!input[key]) continue;
    out[key] = Object.fromEntries(Object.entries(input[key]).filter(([id]) => {
      if (known[key].has(id)) return true;
      errors.add(fault('unknown_id', below(key, id), quote(id)));
      return false;
    }));
  }
  return { input: out, errors: errors.list };
}

/** `id` checked against the shipped ids (`known`: a Set, or null when they are not known). */
export function checkId(id, known, field) {
  return !known || known.has(id) ? [] : [fault('unknown_id', field, quote(id))];
}

/**
 * Reads one of `choices` (e.g. LANGS, MODES) from an attribute or query parameter, ignoring
 * case; empty or absent is the default without an error. Returns `{ value, errors }`.
 */
export function readChoice(v, choices, field, fallback) {
  if (v === null || v === undefined || v === '') return { value: fallback, errors: [] };
  const lower = typeof v === 'string' && v.length <= EMBED_LIMITS.id ? v.toLowerCase() : null; // no copy of a huge value
  const found = lower === null ? undefined : choices.find((c) => c.toLowerCase() === lower);
  return found ? { value: found, errors: [] } : { value: fallback, errors: [typeof v === 'string' ? fault('unknown_id', field, quote(v)) : wrongType(field, v, 'string')] };
}

/**
 * The host controls (issue 12): each is an attribute of <mqci-widget> and a query parameter of
 * embed.html, "on" (the default) or "off", mapped to the mount option it switches off.
 */
export const SWITCHES = Object.freeze({ heading: 'title', 'lang-switch': 'langSwitch', examples: 'examples', 'method-panel': 'method' });
const ON_OFF = Object.freeze(['on', 'off']);

/** `get(name)` for each switch → `{ options: { title: false, … } (the ones switched off), errors }`. */
export function readSwitches(get) {
  const options = {};
  const errors = [];
  for (const [name, option] of Object.entries(SWITCHES)) {
    const r = readChoice(get(name), ON_OFF, name, 'on');
    errors.push(...r.errors);
    if (r.value === 'off') options[option] = false;
  }
  return { options, errors };
}

/** A methodology URL: same-origin with `origin`, resolved against `base`. Returns `{ url, errors }`. */
export function readSameOriginUrl(v, base, origin, field = 'methodology') {
  if (v === null || v === undefined || v === '') return { url: undefined, errors: [] };
  if (typeof v === 'string' && v.length > EMBED_LIMITS.url) return { url: undefined, errors: [fault('too_large', field, quote(v), { limit: 'string', max: EMBED_LIMITS.url })] };
  const url = guard(() => new URL(v, base), () => null);
  if (url && url.origin === origin) return { url: url.href, errors: [] };
  return { url: undefined, errors: [fault('not_same_origin', field, quote(v))] };
}

/** The comma-separated `origins` of embed.html: web origins only. Returns `{ origins, errors }`. */
export function readOrigins(v, field = 'origins') {
  const origins = [];
  const errors = collector();
  for (const item of (v || '').split(',').slice(0, EMBED_LIMITS.errors + 1)) {
    const s = item.trim();
    if (!s) continue;
    const url = guard(() => new URL(s), () => null);
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== 'null') {
      if (!origins.includes(url.origin)) origins.push(url.origin);
    } else errors.add(fault('not_an_origin', field, quote(s)));
  }
  return { origins, errors: errors.list };
}

/**
 * Reads one message posted to embed.html: `{ type: "mqci:set-inputs", input }` or
 * `{ type: "mqci:set-profile", profile }`, nothing else. Returns `{ command }` (a clean copy:
 * `{ type, input }` or `{ type, profile }`) or `{ errors }`. The profile is checked against
 * the shipped ids later (checkId), once the engine has them.
 */
export function readCommand(data) {
  const read = () => {
    if (kindOf(data) !== 'object') return { errors: [wrongType('message', data, 'object')] };
    if (!hasOwn(data, 'type')) return { errors: [fault('missing', 'type')] };
    const { type } = data;
    if (typeof type !== 'string') return { errors: [wrongType('type', type, 'string')] };
    if (!COMMANDS.includes(type)) return { errors: [fault('unknown_id', 'type', quote(type))] };
    const arg = type === 'mqci:set-inputs' ? 'input' : 'profile';
    const errors = collector();
    const { keys, symbols } = keysOf(data, 2 + EMBED_LIMITS.errors);
    for (const s of symbols) errors.add(fault('unknown_key', 'message', quote(s)));
    for (const k of keys) if (k !== 'type' && k !== arg) errors.add(fault('unknown_key', 'message', quote(k)));
    if (errors.list.length) return { errors: errors.list };
    if (arg === 'input') {
      const r = readInput(data.input, 'input');
      return r.errors ? r : { command: { type, input: r.input } };
    }
    const r = readId(data.profile, 'profile', true);
    return r.errors ? r : { command: { type, profile: r.id } };
  };
  return guard(read, (e) => ({ errors: [fault('unreadable', 'message', thrown(e))] }));
}

/** Plain, cloneable copies of errors from the engine or the widget (`{ code, field, value, params, message }`). */
export function normalize(errors, fallbackField = 'input') {
  const list = guard(() => (isArray(errors) ? errors.slice(0, EMBED_LIMITS.errors + 1) : []), () => []);
  return list.map((x) => guard(() => {
    const params = {};
    if (kindOf(x.params) === 'object') {
      for (const [k, p] of Object.entries(x.params)) if (typeof p === 'number' || typeof p === 'string') params[k] = p;
    }
    const text = (s, d) => (typeof s === 'string' && s ? s : d);
    return {
      code: text(x.code, 'internal'),
      field: text(x.field, fallbackField),
      value: typeof x.value === 'string' ? clip(x.value) : quote(x.value),
      params,
      message: text(x.message, ''),
    };
  }, () => fault('internal', fallbackField)));
}

/**
 * What a host receives for an error app.js reports through onError: `{ message, errors }`, or
 * an engine error (`code`, `field`, `value`, `errors`).
 */
export function fromController(e) {
  const list = guard(() => (isArray(e?.errors) && e.errors.length ? e.errors : [e]), () => []);
  return summarize(list, guard(() => (typeof e?.message === 'string' ? e.message : undefined), () => undefined));
}

/**
 * What a host receives for a list of errors (the mqci-error event's detail, the mqci:error
 * message without its type): the first error's code, field and value when it is the only one,
 * else code "many" and the field all of them are under (or `fallbackField`); `errors` lists each.
 */
export function summarize(errors, message, fallbackField = 'input') {
  const list = normalize(errors, fallbackField);
  if (!list.length) list.push(fault('internal', fallbackField));
  const top = list[0];
  const root = (f) => f.split(/[.[]/)[0];
  const one = list.length === 1;
  const field = one ? top.field : list.every((x) => root(x.field) === root(top.field)) ? root(top.field) : fallbackField;
  return {
    code: one ? top.code : 'many',
    field,
    value: one ? top.value : null,
    params: one ? top.params : {},
    message: typeof message === 'string' && message ? message : list.map((x) => x.message).join('; '),
    errors: list,
  };
}

// ---- wording (zh-CN and en) ----

/**
 * The widget's own strings for these errors. To be folded into the page's catalogue
 * (www/lang/*.js) under the same keys; kept here, in zh-CN and en only, until then.
 */
export const EMBED_MESSAGES = {
  'zh-CN': {
    embedCommandRefused: '宿主页面发来的指令未被执行：',
    embedUnused: '宿主页面发来的数据中，以下各项未被采用：',
    embedSettingRefused: '嵌入设置有误，以下各项未被采用：',
    embedMore: '另有 {n} 处问题未列出。',
    embedDismiss: '关闭提示',
    embedKind: { null: '空值', boolean: '布尔值', number: '数字', string: '文字', array: '数组', object: '对象', other: '其他类型的值' },
    embedExpected: { number: '数字或文字', string: '文字', object: '对象' },
    embedCode: {
      wrong_type: '应为{expected}，实际是{got}',
      unknown_key: '不能有键“{value}”',
      unknown_id: '未知的标识“{value}”',
      missing: '缺少此项',
      empty: '不能为空',
      unreadable: '无法读取（{value}）',
      not_same_origin: '“{value}”不是同源网址',
      not_an_origin: '“{value}”不是网站来源（例如 https://www.example.gov.cn）',
      other: '无法使用此值',
    },
    embedLimit: {
      bytes: '内容过大，上限为 {max} 字节',
      keys: '键过多，上限为 {max} 个',
      string: '文字过长，上限为 {max} 个字符',
      errors: '问题过多，只列出前 {max} 处',
    },
  },
  en: {
    embedCommandRefused: 'The host page sent a command that was not carried out:',
    embedUnused: 'The host page sent data of which these parts were not used:',
    embedSettingRefused: 'Some embedding settings are wrong and were not used:',
    embedMore: '{n} more problems are not listed.',
    embedDismiss: 'Dismiss',
    embedKind: { null: 'null', boolean: 'a true/false value', number: 'a number', string: 'text', array: 'a list', object: 'an object', other: 'another kind of value' },
    embedExpected: { number: 'a number or text', string: 'text', object: 'an object' },
    embedCode: {
      wrong_type: 'must be {expected}, not {got}',
      unknown_key: 'the key “{value}” is not allowed',
      unknown_id: 'unknown id “{value}”',
      missing: 'missing',
      empty: 'must not be empty',
      unreadable: 'could not be read ({value})',
      not_same_origin: '“{value}” is not a same-origin URL',
      not_an_origin: '“{value}” is not an origin such as https://www.example.gov.cn',
      other: 'this value cannot be used',
    },
    embedLimit: {
      bytes: 'too large: at most {max} bytes',
      keys: 'too many keys: at most {max}',
      string: 'too long: at most {max} characters',
      errors: 'too many problems: only the first {max} are listed',
    },
  },
};

const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

/** The visitor-facing text of one error (without its field), in `lang`. */
export function describe(e, lang) {
  const L = EMBED_MESSAGES[lang] || EMBED_MESSAGES['zh-CN'];
  const p = e.params || {};
  if (e.code === 'too_large') return fill(L.embedLimit[p.limit] || L.embedCode.other, { max: Number(p.max).toLocaleString(lang) });
  let text = fill(L.embedCode[e.code] || L.embedCode.other, {
    value: e.value ?? '',
    expected: L.embedExpected[p.expected] || p.expected,
    got: L.embedKind[p.got] || p.got,
  });
  if (e.code === 'wrong_type' && p.got === 'other' && e.value) {
    const shown = /^\[object (.+)\]$/.exec(e.value)?.[1] ?? e.value; // "Date", not "[object Date]"
    text += lang === 'en' ? ` (${shown})` : `（${shown}）`;
  }
  return text;
}

/** Styles of the notice (a constructed sheet: allowed by a CSP without 'unsafe-inline'). */
export const NOTICE_CSS = `
.mqci-embed-errors { box-sizing: border-box; max-width: 76em; margin: 1em 1em 0; padding: .6em 1em;
  font: var(--mqci-font-size, 16px) / 1.6 var(--mqci-font, system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif);
  color: var(--mqci-fg, #1b1f24); background: #fdf0ef; border-left: 5px solid #b3261e; border-radius: var(--mqci-radius, 6px);
  overflow-wrap: anywhere; }
.mqci-embed-errors[hidden] { display: none; }
.mqci-embed-errors p { margin: 0 0 .25em; font-weight: 600; }
.mqci-embed-errors ul { margin: 0 0 .25em; padding-left: 1.25em; }
.mqci-embed-errors code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.mqci-embed-errors button { font: inherit; font-size: .9em; padding: .2em .8em; border: 1px solid #6f7885; border-radius: 4px; background: #fff; color: inherit; cursor: pointer; }
.mqci-embed-errors button:focus-visible { outline: 3px solid #1b1f24; outline-offset: 2px; }
`;

/** A constructed stylesheet of NOTICE_CSS, or null where the browser has none. */
export function noticeSheet() {
  return guard(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(NOTICE_CSS);
    return sheet;
  }, () => null);
}

const LISTED = 10; // errors listed in the notice; the rest are counted

/**
 * The visible notice of a widget: `box` (an element the widget owns, outside the part app.js
 * renders) shows the refused settings, the last refused command and what the last command
 * carried that was left out, in `lang()`. `board.set(kind, errors)` with kind "setting",
 * "command" or "unused"; an empty list clears that part.
 */
export function noticeBoard(box, lang) {
  const parts = { setting: [], command: [], unused: [] };
  const HEADINGS = { setting: 'embedSettingRefused', command: 'embedCommandRefused', unused: 'embedUnused' };
  box.classList.add('mqci-embed-errors');
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'embed-error';
  box.hidden = true;
  const el = (tag, text) => {
    const x = document.createElement(tag);
    if (text != null) x.textContent = text;
    return x;
  };
  const render = () => {
    const l = LANGS.includes(lang()) ? lang() : 'zh-CN';
    const L = EMBED_MESSAGES[l];
    const kids = [];
    for (const kind of Object.keys(parts)) {
      const list = parts[kind];
      if (!list.length) continue;
      const p = el('p', L[HEADINGS[kind]]);
      p.dataset.kind = kind;
      const ul = el('ul');
      for (const e of list.slice(0, LISTED)) {
        const li = el('li');
        li.dataset.code = e.code;
        li.append(el('code', e.field), l === 'en' ? ': ' : '：', describe(e, l));
        ul.append(li);
      }
      kids.push(p, ul);
      if (list.length > LISTED) kids.push(el('p', fill(L.embedMore, { n: list.length - LISTED })));
    }
    if (kids.length) {
      const close = el('button', L.embedDismiss);
      close.type = 'button';
      close.addEventListener('click', () => {
        for (const kind of Object.keys(parts)) parts[kind] = [];
        render();
      });
      kids.push(close);
    }
    box.lang = l;
    box.replaceChildren(...kids);
    box.hidden = !kids.length;
  };
  return {
    set(kind, errors) {
      parts[kind] = errors;
      render();
    },
    render,
  };
}
