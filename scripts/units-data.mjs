// Builds src/domain/units/units-2025.json, the administrative units the annex knows (issue #21), from
// the public lists named in its "source" block. Run once when the lists change:
//
//   node scripts/units-data.mjs NESTED.json CONVERSION.csv > src/domain/units/units-2025.json
//
// NESTED.json    vietnam_provinces/data/nested-divisions.json of github.com/sunshine-tech/VietnamProvinces
//                (the 34 provinces and 3,321 commune-level units with the statistics office's codes)
// CONVERSION.csv dev/seed-data/2025-07/BangChuyendoiĐVHCmoi_cu_khong_merge.csv of the same repository
//                (each new commune, the old communes it took in, their district and old province)
import { readFileSync } from "node:fs";

const [nestedPath, conversionPath] = process.argv.slice(2);
if (!nestedPath || !conversionPath) {
  console.error("usage: node scripts/units-data.mjs NESTED.json CONVERSION.csv");
  process.exit(2);
}

/** RFC 4180 rows (quoted fields may hold commas and line breaks). */
function csvRows(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(field), (field = ""));
    else if (ch === "\n") (row.push(field), rows.push(row), (row = []), (field = ""));
    else if (ch !== "\r") field += ch;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}

const clean = (s) => s.normalize("NFC").replace(/\s+/g, " ").trim();
const two = (n) => String(n).padStart(2, "0");
const five = (n) => String(n).padStart(5, "0");

/** "Xã Hữu Lũng" → ["x", "Hữu Lũng"]; "Đặc khu Cô Tô" → ["d", "Cô Tô"]. */
function communeKind(full) {
  const name = clean(full);
  const m = /^(xã|xa|phường|đặc khu)\s+(.+)$/iu.exec(name);
  if (!m) throw new Error(`unknown kind of unit: ${full}`);
  const kind = m[1].toLowerCase();
  return [kind === "phường" ? "p" : kind === "đặc khu" ? "d" : "x", m[2]];
}

/** "Huyện Hữu Lũng" → ["h", "Hữu Lũng"]: huyện, quận, thị xã, thành phố (thuộc tỉnh). */
function districtKind(full) {
  const name = clean(full);
  const m = /^(huyện|quận|thị xã|thành phố)\s+(.+)$/iu.exec(name);
  if (!m) throw new Error(`unknown kind of district: ${full}`);
  const kinds = { huyện: "h", quận: "q", "thị xã": "tx", "thành phố": "tp" };
  return [kinds[m[1].toLowerCase()], m[2]];
}

/** "Tỉnh Lạng Sơn (20)" → ["20", "Lạng Sơn", "tỉnh"]. */
function provinceOf(text) {
  const m = /^(?:(tỉnh|thành phố)\s+)?(.+?)\s*\((\d+)\)\s*$/iu.exec(clean(text));
  if (!m) throw new Error(`unreadable province: ${text}`);
  return [two(m[3]), m[2], (m[1] ?? "tỉnh").toLowerCase()];
}

/** "Huyện Hữu Lũng (180)" → ["180", "Huyện Hữu Lũng"]. */
function codedName(text) {
  const m = /^(.+?)\s*\((\d+)\)\s*$/u.exec(clean(text));
  if (!m) throw new Error(`unreadable name: ${text}`);
  return [m[2], m[1]];
}

const nested = JSON.parse(readFileSync(nestedPath, "utf8"));
const provinces = nested.map((p) => {
  const m = /^(tỉnh|thành phố)\s+(.+)$/iu.exec(clean(p.name));
  const [kindWord, name] = m ? [m[1].toLowerCase(), m[2]] : ["tỉnh", clean(p.name)];
  return {
    code: two(p.code),
    name,
    kind: kindWord === "thành phố" ? "tp" : "t",
    units: p.wards.map((w) => [five(w.code), ...communeKind(w.name)]),
  };
});
const newCodes = new Set(provinces.flatMap((p) => p.units.map((u) => u[0])));

const formerCommunes = new Map(); // "new code|kind|name" → [new code, kind, name]: taken in whole
const formerProvinces = new Map(); // old code → [name, kind, Set(new province codes)]
const districts = new Map(); // old district code → {province, kind, name, communes: Set}
for (const row of csvRows(readFileSync(conversionPath, "utf8")).slice(2)) {
  const [newProvince, , newCode, oldCommune, , note, district, oldProvince] = row.map(
    (f) => f ?? ""
  );
  if (!clean(newCode) || !clean(oldProvince)) continue;
  const code = five(clean(newCode));
  if (!newCodes.has(code)) throw new Error(`conversion names a unit the list lacks: ${code}`);
  const [newProvinceCode] = provinceOf(newProvince);
  // An old commune taken in whole (not split between new ones) still names its successor.
  const old = /^(xã|xa|phường|thị trấn)\s+(.+)$/iu.exec(clean(oldCommune));
  if (old && /^(nhập toàn bộ|giữ nguyên|đổi loại hình)/iu.test(clean(note))) {
    const kinds = { xã: "x", xa: "x", phường: "p", "thị trấn": "tt" };
    const entry = [code, kinds[old[1].toLowerCase()], old[2]];
    formerCommunes.set(entry.join("|"), entry);
  }
  const [oldCode, oldName, oldKind] = provinceOf(oldProvince);
  const former = formerProvinces.get(oldCode) ?? [
    oldName,
    oldKind === "thành phố" ? "tp" : "t",
    new Map(),
  ];
  former[2].set(newProvinceCode, (former[2].get(newProvinceCode) ?? 0) + 1);
  formerProvinces.set(oldCode, former);
  if (!clean(district)) continue;
  const [districtCode, districtName] = codedName(district);
  const [kind, name] = districtKind(districtName);
  const entry = districts.get(districtCode) ?? {
    provinces: new Map(),
    kind,
    name,
    communes: new Set(),
  };
  entry.provinces.set(oldCode, (entry.provinces.get(oldCode) ?? 0) + 1);
  entry.communes.add(code);
  districts.set(districtCode, entry);
}

/** The value most rows give: one row of the source names Tân An (Long An) under Tiền Giang. */
const most = (counts) => [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];

const byCode = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const data = {
  format: "annex-units/1",
  source: {
    vi:
      "Danh mục 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu từ ngày 01/7/2025 (tên và mã số theo Cục Thống kê, " +
      "danhmuchanhchinh.nso.gov.vn; Nghị quyết 202/2025/QH15 và các Nghị quyết 1654–1687/NQ-UBTVQH15 về sắp xếp đơn vị " +
      "hành chính cấp xã), cùng các tỉnh và huyện trước ngày 01/7/2025 với đơn vị kế thừa.",
    en:
      "The 34 provinces and 3,321 commune-level units from 1 July 2025 (names and codes of the General Statistics " +
      "Office, danhmuchanhchinh.nso.gov.vn; Resolution 202/2025/QH15 and the Standing Committee's resolutions " +
      "1654–1687/NQ-UBTVQH15 on communes), with the provinces and districts before 1 July 2025 and their successors.",
    units:
      "github.com/sunshine-tech/VietnamProvinces, vietnam_provinces/data/nested-divisions.json, commit " +
      "67757d43dcbb9e1406088c185c660a115fb1f546 (7 January 2026)",
    successors:
      "github.com/sunshine-tech/VietnamProvinces, dev/seed-data/2025-07/BangChuyendoiĐVHCmoi_cu_khong_merge.csv, commit " +
      "6d9e4fecde4eea99d353e53e7a241b8e183a13a7 (20 February 2026)",
    built: "scripts/units-data.mjs",
  },
  kinds: {
    x: "xã",
    p: "phường",
    d: "đặc khu",
    tt: "thị trấn",
    t: "tỉnh",
    tp: "thành phố",
    h: "huyện",
    q: "quận",
    tx: "thị xã",
  },
  provinces: provinces.sort(byCode).map((p) => [p.code, p.kind, p.name, p.units.sort(byCode)]),
  formerProvinces: [...formerProvinces.entries()]
    .map(([code, [name, kind, successors]]) => [code, kind, name, most(successors)])
    .sort(byCode),
  formerCommunes: [...formerCommunes.values()].sort(byCode),
  formerDistricts: [...districts.entries()]
    .map(([code, d]) => [code, most(d.provinces), d.kind, d.name, [...d.communes].sort()])
    .sort(byCode),
};

process.stdout.write(JSON.stringify(data) + "\n");
