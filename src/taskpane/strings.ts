import type { Bilingual } from "../domain";

/**
 * Every text the pane shows, Vietnamese first, in the words an officer uses (trang tính, ô, chỉ tiêu).
 * Results and problems come from the session already in both languages; these are the pane's own.
 */
type Texts = Readonly<Record<string, Bilingual>>;

const b = (vi: string, en: string): Bilingual => ({ vi, en });

export const S = {
  appTitle: b("Biểu chỉ tiêu", "Indicator annex"),
  tabs: b("Các chức năng", "Functions"),
  tabTemplates: b("Mẫu biểu", "Templates"),
  tabCheck: b("Kiểm tra", "Check"),
  tabFill: b("Tính cột", "Fill"),
  tabDistricts: b("Hồ sơ đơn vị", "Units' files"),
  working: b("Đang xử lý…", "Working…"),
  dismiss: b("Đóng thông báo", "Dismiss"),

  // Tệp chỉ tiêu (Kiểm tra, Tính cột)
  targetsCaption: b("Chỉ tiêu của tỉnh", "The province's targets"),
  targetsUnknown: b(
    "Kiểm tra và Tính cột dùng tệp chỉ tiêu của tỉnh đã lưu trong sổ tính, nếu có (như annex --targets).",
    "Check and Fill use the province's targets file kept in the workbook, if any (as annex --targets does)."
  ),
  targetsNone: b(
    "Sổ tính chưa có tệp chỉ tiêu: kế hoạch được kiểm tra theo mẫu biểu, không theo chỉ tiêu của tỉnh.",
    "The workbook keeps no targets file: plans are checked against the template, not the province's targets."
  ),
  chooseTargets: b("Chọn tệp chỉ tiêu (.json)…", "Choose a targets file (.json)…"),
  removeTargets: b("Bỏ tệp chỉ tiêu", "Remove the targets file"),
  savingTargets: b("Đang lưu tệp chỉ tiêu…", "Keeping the targets file…"),

  // Mẫu biểu
  template: b("Mẫu biểu", "Template"),
  customTemplate: b("mẫu riêng", "custom"),
  year: b("Năm", "Year"),
  yearInvalid: b("Nhập năm có 4 chữ số, ví dụ 2023.", "Enter a four-digit year, e.g. 2023."),
  period: b("Kỳ báo cáo", "Reporting period"),
  unitName: b("Đơn vị báo cáo", "Reporting unit"),
  unitNamePlaceholder: b("Sở Lao động - Thương binh và Xã hội", "e.g. Department of Labour"),
  unitNamePlaceholderNow: b("Sở Nội vụ", "e.g. Department of Home Affairs"),
  department: b("Đơn vị lập biểu", "Department filling the annex"),
  departmentHint: b(
    "Từ năm 2025: mỗi Sở lập các khối của mình; để trống thì có cả biểu.",
    "From 2025 each department fills its own blocks; leave empty for the whole form."
  ),
  wholeForm: b("Cả biểu", "The whole form"),
  nextYear: b("Lập biểu năm sau", "Make next year's annex"),
  nextYearCarried: b("Các số đã chuyển sang biểu năm sau", "Figures carried to next year's annex"),
  draft: b("bản nháp, cần cập nhật số chính thức", "draft: replace with the official figure"),
  authority: b("Cơ quan chủ quản", "Authority"),
  authorityPlaceholder: b("UBND tỉnh …", "People's Committee of …"),
  sheetName: b("Tên trang tính mới", "New sheet name"),
  showRows: b("Xem trước các dòng", "Preview the rows"),
  hideRows: b("Ẩn các dòng", "Hide the rows"),
  previewCaption: b("Các chỉ tiêu sẽ được chèn", "Indicators to be inserted"),
  colCode: b("STT", "No."),
  colName: b("Chỉ tiêu", "Indicator"),
  colUnit: b("ĐVT", "Unit"),
  insert: b("Chèn trang tính mới", "Insert as a new sheet"),
  inserting: b("Đang chèn biểu…", "Inserting the annex…"),
  useName: b("Dùng tên", "Use the name"),
  addTemplate: b("Thêm mẫu riêng (.json)…", "Add a custom template (.json)…"),
  removeTemplate: b("Bỏ mẫu riêng này", "Remove this custom template"),
  templateAdded: b("Đã thêm mẫu riêng", "Custom template added"),
  templateRemoved: b("Đã bỏ mẫu riêng", "Custom template removed"),

  // Kiểm tra
  checkSheet: b("Kiểm tra trang tính đang mở", "Check the active sheet"),
  checking: b("Đang kiểm tra…", "Checking…"),
  highlighting: b("Đang tô màu…", "Highlighting…"),
  converting: b("Đang chuyển thành số…", "Converting to numbers…"),
  checkIntro: b(
    "Kiểm tra từng ô của biểu: kiểu số, đơn vị, tổng, tỷ lệ, kỳ và chỉ tiêu kế hoạch.",
    "Checks every cell of the annex: types, units, totals, ratios, periods and targets."
  ),
  noFindings: b("Không thấy lỗi, cảnh báo hay lưu ý nào.", "No errors, warnings or notes."),
  stale: b(
    "Trang tính vừa được sửa: kết quả dưới đây đã cũ, đang kiểm tra lại…",
    "The sheet was edited: the results below are out of date; checking again…"
  ),
  highlightAll: b("Tô màu tất cả", "Highlight all"),
  clearHighlights: b("Bỏ tô màu", "Clear highlights"),
  convertTicked: b("Chuyển thành số", "Convert to numbers"),
  tickToConvert: b("Chọn để chuyển thành số", "Tick to convert to a number"),
  selectCells: b("Chọn ô trong Excel", "Select the cells in Excel"),
  expected: b("Cần", "Expected"),
  found: b("Thấy", "Found"),
  why: b("Vì sao", "Why"),
  cell: b("Ô", "Cell"),
  protectedNote: b(
    "Trang tính được bảo vệ bằng mật khẩu: vẫn kiểm tra được, nhưng không ghi được.",
    "The sheet is protected with a password: it can be checked, not written."
  ),

  // Tính cột
  fillIntro: b(
    "Ghi công thức cho các cột so sánh và đánh giá. Ô do người dùng nhập được giữ nguyên, trừ khi bạn đồng ý ghi đè.",
    "Writes the formulas of the comparison and evaluation columns. Cells a person typed are kept unless you agree to overwrite them."
  ),
  fill: b("Tính cột", "Fill the columns"),
  filling: b("Đang ghi công thức…", "Writing formulas…"),
  keptCaption: b(
    "Ô được giữ nguyên vì người dùng đã nhập",
    "Cells kept because a person typed there"
  ),
  overwrite: b("Ghi đè…", "Overwrite…"),
  overwriteTitle: b("Ghi đè ô người dùng đã nhập?", "Overwrite cells a person typed?"),
  overwriteConfirm: b("Ghi đè", "Overwrite"),
  overwriteCancel: b("Giữ nguyên", "Keep them"),
  undo: b("Hoàn tác", "Undo"),
  undoing: b("Đang hoàn tác…", "Undoing…"),

  // Hồ sơ đơn vị
  districtsIntro: b(
    "Chọn các tệp .xlsx các xã, phường gửi lên (biểu đến năm 2025: các huyện). Tệp chỉ được đọc trên máy này, không tải lên đâu cả.",
    "Choose the .xlsx files the communes and wards sent (annexes up to 2025: the districts). They are read on this computer only and uploaded nowhere."
  ),
  province: b("Tỉnh, thành phố nhận báo cáo", "Province receiving the reports"),
  provinceHint: b(
    "Để biết xã, phường nào chưa gửi và tệp nào của tỉnh khác. Được ghi nhớ trên máy này.",
    "To tell which communes have not sent and which files are of another province. Remembered on this computer."
  ),
  chooseFiles: b("Chọn tệp .xlsx…", "Choose .xlsx files…"),
  reading: b("Đang đọc", "Reading"),
  summaryCaption: b("Tóm tắt theo tệp", "Summary by file"),
  colFile: b("Tệp", "File"),
  colUnitName: b("Đơn vị", "Unit"),
  colTemplate: b("Biểu", "Form"),
  colYear: b("Năm", "Year"),
  colErrors: b("Lỗi", "Errors"),
  colWarnings: b("Cảnh báo", "Warnings"),
  unknownUnit: b("(không ghi)", "(not stated)"),
  unreadable: b("Không đọc được", "Unreadable"),
  findingsOf: b("Kết quả của tệp", "Findings of file"),
  showFindings: b("Xem kết quả của", "Show the findings of"),
  ignoredSheets: b("Trang tính không có biểu, bỏ qua", "Sheets without an annex, skipped"),
  mergeFiles: b("Tổng hợp thành biểu của tỉnh", "Merge into the province's annex"),
  leftOutFiles: b("Tệp không được tổng hợp", "Files left out"),
  mergeHint: b(
    'Tổng hợp: cộng số liệu các đơn vị cùng mẫu biểu và năm vào tinh.xlsx, tính lại các tỷ lệ; trang tính "Chi tiết theo xã" (biểu đến năm 2025: "Chi tiết theo huyện") giữ số của từng đơn vị.',
    'Merge: adds up the units\' figures (same form and year) into tinh.xlsx and recomputes the rates; the sheet "Chi tiết theo xã" (annexes up to 2025: "Chi tiết theo huyện") keeps each unit\'s figures.'
  ),
  downloadReport: b("Tải báo cáo kiểm tra (.xlsx)", "Download the check report (.xlsx)"),
  reportReady: b(
    "Đã tạo báo cáo kiểm tra: tóm tắt theo tệp, danh sách phát hiện và biểu đồ số lỗi theo đơn vị (có tỉnh: cả danh sách đơn vị đã gửi, chưa gửi).",
    "The check report is ready: a summary by file, the list of findings and a chart of errors per unit (with a province: who has and has not sent)."
  ),

  // Outside Excel
  notInExcelTitle: b("Chưa kết nối với Excel", "Not connected to Excel"),
  previewHint: b(
    "Để thử add-in không cần Excel, hãy chạy npm run preview rồi mở trang xem trước.",
    "To try the add-in without Excel, run npm run preview and open the preview page."
  ),
  loadingOffice: b("Đang kết nối với Excel…", "Connecting to Excel…"),

  // Giải trình (explanations of findings)
  explain: b("Giải trình…", "Explain…"),
  explainTitle: b("Giải trình phát hiện ở ô", "Explain the finding at cell"),
  explainReason: b(
    "Lý do (ví dụ: năm nay bắt đầu chương trình mới)",
    "Reason (e.g. a new programme started this year)"
  ),
  explainHint: b(
    "Giải trình được lưu trong sổ tính, cùng số liệu của phát hiện. Phát hiện không còn được tính cho đến khi các số liệu này thay đổi.",
    "The explanation is saved in the workbook with the finding's figures. The finding no longer counts until those figures change."
  ),
  explainSave: b("Lưu giải trình", "Save the explanation"),
  explainCancel: b("Thôi", "Cancel"),
  explaining: b("Đang lưu giải trình…", "Saving the explanation…"),
  explainedHeading: b("Đã giải trình (không tính)", "Explained (not counted)"),
  explainedReason: b("Lý do", "Reason"),
  withdraw: b("Rút giải trình", "Withdraw the explanation"),
  outdatedExplanation: b(
    "Giải trình trước đây không còn áp dụng vì số liệu đã thay đổi ở",
    "An earlier explanation no longer applies: the figures changed in"
  ),
  staleHeading: b(
    "Giải trình không còn phát hiện tương ứng (vẫn giữ trong sổ tính)",
    "Explanations with no finding any more (still kept in the workbook)"
  ),
} satisfies Texts;

/** "3 ô" / "3 cells". */
export function cellsText(n: number): Bilingual {
  return { vi: `${n} ô`, en: `${n} cell${n === 1 ? "" : "s"}` };
}

export function readingText(done: number, total: number, file: string): Bilingual {
  return {
    vi: `Đang đọc ${Math.min(done + 1, total)}/${total} tệp… ${file}`,
    en: `Reading ${Math.min(done + 1, total)} of ${total} files… ${file}`,
  };
}
