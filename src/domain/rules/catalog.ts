import { Bilingual, Severity } from "./finding";

/**
 * Every validation rule, as data: a stable id, a default severity (its importance, as in DHIS2's
 * validation rules) and the one-line reason it exists. The checks in ./checks emit findings by id;
 * a caller may change a rule's severity or switch it off through the options.
 */
export interface RuleDefinition {
  readonly severity: Severity;
  readonly title: Bilingual;
  readonly reason: Bilingual;
}

export const RULES = {
  "sheet.unknown-template": {
    severity: "error",
    title: { vi: "Mẫu biểu không xác định", en: "Unknown template" },
    reason: {
      vi: "Không biết mẫu thì không kiểm tra được các chỉ tiêu.",
      en: "Without its template the indicators cannot be checked.",
    },
  },
  "sheet.no-annex": {
    severity: "error",
    title: { vi: "Không tìm thấy biểu chỉ tiêu", en: "No indicator annex found" },
    reason: {
      vi: "Cần có dòng tiêu đề (STT, Chỉ tiêu, ĐVT…) để nhận biết biểu.",
      en: "A header row (STT, Chỉ tiêu, ĐVT…) is needed to recognise the annex.",
    },
  },
  "header.missing-column": {
    severity: "error",
    title: { vi: "Thiếu cột", en: "Missing column" },
    reason: {
      vi: "Biểu phải có đủ các cột theo mẫu của Bộ.",
      en: "The annex must have every column of the ministry's form.",
    },
  },
  "header.year-mismatch": {
    severity: "warning",
    title: { vi: "Năm ở tiêu đề cột không khớp", en: "Header year does not match" },
    reason: {
      vi: "Tiêu đề cột phải ghi đúng năm của kỳ báo cáo.",
      en: "Column headers must name the years of the reporting period.",
    },
  },
  "header.period-mismatch": {
    severity: "error",
    title: { vi: "Kỳ báo cáo ở tiêu đề cột không khớp", en: "Header names another period" },
    reason: {
      vi: "Số liệu quý I đặt vào cột 6 tháng (hay ngược lại) bị so với kế hoạch và cùng kỳ của kỳ khác: tiêu đề cột phải ghi đúng kỳ báo cáo của biểu.",
      en: "Q1 figures in a 6-month column (or the reverse) are compared with the plan and same period of another period: headers must name the form's reporting period.",
    },
  },
  "row.unknown": {
    severity: "warning",
    title: { vi: "Dòng không có trong mẫu", en: "Row not in the template" },
    reason: {
      vi: "Dòng lạ không được kiểm tra và có thể bị bỏ sót khi tổng hợp.",
      en: "An unknown row is not checked and may be missed when consolidating.",
    },
  },
  "row.duplicate": {
    severity: "error",
    title: { vi: "Chỉ tiêu bị lặp", en: "Duplicate indicator row" },
    reason: {
      vi: "Một chỉ tiêu chỉ được báo cáo một lần; dòng lặp làm sai số tổng hợp.",
      en: "Each indicator is reported once; a duplicate row corrupts consolidation.",
    },
  },
  "row.missing": {
    severity: "warning",
    title: { vi: "Thiếu chỉ tiêu", en: "Indicator missing" },
    reason: {
      vi: "Biểu phải có đủ các chỉ tiêu theo mẫu.",
      en: "The annex must list every indicator of the template.",
    },
  },
  "row.matched-by-code": {
    severity: "info",
    title: { vi: "Tên chỉ tiêu khác mẫu", en: "Indicator name differs from the template" },
    reason: {
      vi: "Dòng được nhận theo STT; nên ghi tên đúng như mẫu.",
      en: "The row was recognised by its number; the template's name is preferred.",
    },
  },
  "type.number-as-text": {
    severity: "warning",
    title: { vi: "Số được lưu dạng văn bản", en: "Number stored as text" },
    reason: {
      vi: "Số dạng văn bản không được Excel tính vào tổng và công thức.",
      en: "Excel leaves numbers stored as text out of sums and formulas.",
    },
  },
  "type.not-a-number": {
    severity: "error",
    title: { vi: "Không phải số", en: "Not a number" },
    reason: { vi: "Ô số liệu chỉ được chứa số.", en: "A figure cell may only hold a number." },
  },
  "type.error-value": {
    severity: "error",
    title: { vi: "Ô bị lỗi công thức", en: "Cell holds an error" },
    reason: {
      vi: "Giá trị lỗi (#REF!, #DIV/0!…) không phải số liệu.",
      en: "An error value (#REF!, #DIV/0!…) is not a figure.",
    },
  },
  "bounds.negative": {
    severity: "error",
    title: { vi: "Số âm", en: "Negative value" },
    reason: {
      vi: "Số người, số hộ, số tiền không thể âm.",
      en: "Counts of people or households and sums of money cannot be negative.",
    },
  },
  "bounds.not-whole": {
    severity: "error",
    title: { vi: "Không phải số nguyên", en: "Not a whole number" },
    reason: {
      vi: "Chỉ tiêu đếm (người, hộ, xã…) phải là số nguyên.",
      en: "Counts (people, households, communes…) are whole numbers.",
    },
  },
  "bounds.rate-range": {
    severity: "error",
    title: { vi: "Tỷ lệ ngoài khoảng 0–100", en: "Rate outside 0–100" },
    reason: {
      vi: "Tỷ lệ phần trăm nằm trong khoảng 0 đến 100.",
      en: "A percentage lies between 0 and 100.",
    },
  },
  "bounds.template": {
    severity: "error",
    title: { vi: "Ngoài giới hạn của mẫu", en: "Outside the template's bounds" },
    reason: {
      vi: "Mẫu biểu quy định giới hạn cho chỉ tiêu này.",
      en: "The template sets bounds for this indicator.",
    },
  },
  "required.missing": {
    severity: "warning",
    title: { vi: "Thiếu số liệu bắt buộc", en: "Required figure missing" },
    reason: {
      vi: "Chỉ tiêu chủ yếu phải có số liệu ở mọi kỳ.",
      en: "Main indicators need a figure in every period.",
    },
  },
  "sum.mismatch": {
    severity: "error",
    title: { vi: "Tổng không bằng các thành phần", en: "Total does not equal its parts" },
    reason: {
      vi: 'Chỉ tiêu "gồm" phải bằng tổng các chỉ tiêu thành phần.',
      en: 'A "gồm" (consists of) total must equal the sum of its parts.',
    },
  },
  "sum.rounding": {
    severity: "warning",
    title: { vi: "Tổng lệch do làm tròn", en: "Total off by rounding" },
    reason: {
      vi: "Chênh lệch nhỏ do làm tròn vẫn nên được điều chỉnh cho khớp.",
      en: "A rounding slip is small but should still be reconciled.",
    },
  },
  "part.exceeds": {
    severity: "error",
    title: { vi: "Phần lớn hơn tổng", en: "Part exceeds its total" },
    reason: {
      vi: 'Chỉ tiêu "trong đó" không thể lớn hơn chỉ tiêu tổng.',
      en: 'An "of which" figure cannot exceed its total.',
    },
  },
  "part.carried-over": {
    severity: "warning",
    title: {
      vi: "Lớn hơn tổng kỳ này (có thể có số kỳ trước)",
      en: "Above this period's total (may include earlier cases)",
    },
    reason: {
      vi: "Số đã giải quyết trong kỳ có thể gồm các trường hợp tiếp nhận từ kỳ trước, nên có thể lớn hơn số tiếp nhận trong kỳ; cần ghi chú.",
      en: "Cases resolved in a period may include cases received in the period before, so they may exceed those received; a note should say so.",
    },
  },
  "ratio.mismatch": {
    severity: "error",
    title: { vi: "Tỷ lệ không khớp số liệu", en: "Rate does not match its counts" },
    reason: {
      vi: "Tỷ lệ phải bằng tử số chia mẫu số (trong phạm vi làm tròn).",
      en: "A rate must equal its numerator over its denominator, within rounding.",
    },
  },
  "ratio.rounding": {
    severity: "warning",
    title: { vi: "Tỷ lệ lệch do làm tròn", en: "Rate off by rounding" },
    reason: {
      vi: "Tỷ lệ lệch một đơn vị ở chữ số cuối, thường do làm tròn sai.",
      en: "The rate is one unit off in its last digit, usually a rounding slip.",
    },
  },
  "reduction.mismatch": {
    severity: "error",
    title: {
      vi: "Mức giảm không khớp tỷ lệ hai năm",
      en: "Reduction does not match the two years' rates",
    },
    reason: {
      vi: "Mức giảm (điểm %) phải bằng tỷ lệ năm trước trừ tỷ lệ năm đó (trong phạm vi làm tròn).",
      en: "A reduction (in points) must equal the year before's rate minus the year's rate, within rounding.",
    },
  },
  "reduction.rounding": {
    severity: "warning",
    title: { vi: "Mức giảm lệch do làm tròn", en: "Reduction off by rounding" },
    reason: {
      vi: "Mức giảm lệch một đơn vị ở chữ số cuối, thường do làm tròn sai.",
      en: "The reduction is one unit off in its last digit, usually a rounding slip.",
    },
  },
  "flow.part-year-exceeds": {
    severity: "error",
    title: { vi: "Số 6 tháng vượt số cả năm", en: "Part-year figure exceeds the full year" },
    reason: {
      vi: "Chỉ tiêu cộng dồn: số 6 tháng không thể lớn hơn ước cả năm.",
      en: "For a cumulative indicator the half-year figure cannot exceed the year's estimate.",
    },
  },
  "derived.mismatch": {
    severity: "error",
    title: { vi: "Số so sánh ghi sai", en: "Stated comparison is wrong" },
    reason: {
      vi: "Số so sánh phải tính đúng từ các cột số liệu.",
      en: "A comparison must be computed from the figures it compares.",
    },
  },
  "derived.rounding": {
    severity: "warning",
    title: { vi: "Số so sánh lệch do làm tròn", en: "Stated comparison off by rounding" },
    reason: {
      vi: "Số so sánh lệch một đơn vị ở chữ số cuối.",
      en: "The comparison is one unit off in its last digit.",
    },
  },
  "derived.stale": {
    severity: "warning",
    title: { vi: "Công thức chưa được tính lại", en: "Formula result is stale" },
    reason: {
      vi: "Kết quả lưu trong tệp khác với kết quả tính lại; hãy tính lại trước khi gửi.",
      en: "The saved result differs from a recalculation; recalculate before sending.",
    },
  },
  "formula.not-calculated": {
    severity: "warning",
    title: { vi: "Công thức chưa được tính", en: "Formula result not calculated" },
    reason: {
      vi: "Tệp được lưu mà không có kết quả của công thức (bởi một chương trình không tính công thức): không có số để kiểm tra, và các cột tính toán chỉ có kết quả khi Excel tính lại lúc mở tệp.",
      en: "The file was saved without the formula's result (by a program that does not calculate): there is no figure to check, and the comparison columns get their results only when Excel recalculates on opening.",
    },
  },
  "unit.mismatch": {
    severity: "warning",
    title: { vi: "Đơn vị tính khác mẫu", en: "Unit differs from the template" },
    reason: {
      vi: "Đơn vị tính sai làm sai số liệu khi tổng hợp.",
      en: "A wrong unit corrupts consolidated figures.",
    },
  },
  "unit.missing": {
    severity: "info",
    title: { vi: "Chưa ghi đơn vị tính", en: "Unit not written" },
    reason: {
      vi: "Cột ĐVT giúp người đọc hiểu số liệu.",
      en: "Column C tells readers what the figures count.",
    },
  },
  "change.large": {
    severity: "warning",
    title: { vi: "Biến động lớn so với năm trước", en: "Large change from last year" },
    reason: {
      vi: "Biến động lớn cần được giải thích ở cột Ghi chú.",
      en: "A large change should be explained in the Note column.",
    },
  },
  "target.unreadable": {
    severity: "error",
    title: { vi: "Không đọc được chỉ tiêu kế hoạch", en: "Plan target cannot be read" },
    reason: {
      vi: 'Kế hoạch phải là số hoặc chỉ tiêu như "trên 16.000", "từ 3% trở lên".',
      en: 'A plan is a number or a target such as "trên 16.000", "từ 3% trở lên".',
    },
  },
  "target.below-template": {
    severity: "warning",
    title: { vi: "Kế hoạch chưa đạt chỉ tiêu tỉnh giao", en: "Plan below the assigned target" },
    reason: {
      vi: "Kế hoạch phải đạt chỉ tiêu của tỉnh trong tệp chỉ tiêu của tỉnh.",
      en: "A plan must meet the province's target in the province's targets file.",
    },
  },
  "target.change-read": {
    severity: "info",
    title: { vi: "Kế hoạch ghi bằng mức tăng/giảm", en: "Plan written as a change" },
    reason: {
      vi: '"Giảm 3%", "tăng 5%" là mức thay đổi so với số năm trước, không phải một mức; cột đánh giá so với mức tính ra.',
      en: '"Giảm 3%", "tăng 5%" are changes from the year before, not levels; the evaluation uses the level worked out.',
    },
  },
  "target.change-no-base": {
    severity: "warning",
    title: { vi: "Mức tăng/giảm chưa có số gốc", en: "Change without a base figure" },
    reason: {
      vi: "Không có số năm trước thì không tính được kế hoạch ghi bằng mức tăng/giảm; không được đọc nó như một mức.",
      en: "Without the figure of the year before a plan written as a change cannot be worked out; it must not be read as a level.",
    },
  },
  "targets.not-for-sheet": {
    severity: "warning",
    title: {
      vi: "Tệp chỉ tiêu không dùng cho trang tính này",
      en: "Targets file not for this sheet",
    },
    reason: {
      vi: "Chỉ tiêu thuộc về một tỉnh và một năm: tệp của năm khác, tỉnh khác không được dùng.",
      en: "Targets belong to a province and a year: a file for another year or province is not used.",
    },
  },
  "target.not-met": {
    severity: "info",
    title: { vi: "Không đạt kế hoạch", en: "Plan not met" },
    reason: {
      vi: "Chỉ tiêu không đạt cần được giải thích trong báo cáo.",
      en: "A missed target needs explaining in the report.",
    },
  },
  "number.ambiguous": {
    severity: "info",
    title: { vi: "Số có thể hiểu hai cách", en: "Number can be read two ways" },
    reason: {
      vi: '"16.000" là mười sáu nghìn theo cách viết Việt Nam nhưng là 16 theo cách viết tiếng Anh.',
      en: '"16.000" is sixteen thousand in Vietnamese writing but 16 in English writing.',
    },
  },
  "merge.input-derived": {
    severity: "error",
    title: {
      vi: "Ô tính toán nằm trong vùng ô gộp",
      en: "Derived cell in a merged range",
    },
    reason: {
      vi: "Ô gộp chỉ giữ giá trị ở ô đầu: số liệu và công thức của các ô còn lại không có chỗ, và ghi công thức vào đó sẽ làm mất số liệu đã nhập.",
      en: "A merged range keeps only its first cell's value: the other cells' figures and formulas have no place, and writing a formula there would destroy the figure typed.",
    },
  },
  "derived.overflow": {
    severity: "error",
    title: { vi: "Kết quả tính quá lớn", en: "Result too large to compute" },
    reason: {
      vi: "Số liệu quá lớn làm phép tính vượt giới hạn số của Excel; ô kết quả để trống cho đến khi số liệu được sửa.",
      en: "Figures this large make the result exceed the numbers Excel can hold; the cell stays blank until the figures are corrected.",
    },
  },
  "poverty.standard-changed": {
    severity: "info",
    title: {
      vi: "Tỷ lệ nghèo theo hai chuẩn khác nhau",
      en: "Poverty rates under two standards",
    },
    reason: {
      vi: "Năm 2026 tính theo chuẩn nghèo 2022–2025, từ năm 2027 theo chuẩn 2026–2030 (Nghị định 351/2025/NĐ-CP): chênh lệch giữa hai năm theo hai chuẩn không phải là mức giảm nghèo.",
      en: "2026 is measured under the 2022–2025 standard, 2027 on under the 2026–2030 one (Decree 351/2025/NĐ-CP): a difference across the two is no reduction of poverty.",
    },
  },
  "consolidated.partial-base": {
    severity: "warning",
    title: {
      vi: "Tỷ lệ tổng hợp để trống: thiếu mẫu số hoặc tử số",
      en: "Consolidated rate left empty: a base is missing",
    },
    reason: {
      vi: "Tỷ lệ của tỉnh chỉ đúng khi tính trên tử số và mẫu số của mọi đơn vị; tính trên một phần mẫu số cho con số sai (24,4 % thay vì 12,2 %). Hãy bổ sung số của các đơn vị còn thiếu, hoặc nhập tỷ lệ chung của tỉnh.",
      en: "The province's rate is right only over every unit's numerator and denominator; over part of the base it is wrong (24.4 % instead of 12.2 %). Add the missing units' figures, or enter the province's own rate.",
    },
  },
  "consolidated.left-empty": {
    severity: "info",
    title: { vi: "Ô tổng hợp để trống", en: "Consolidated cell left empty" },
    reason: {
      vi: "Tỷ lệ và mức thay đổi của tỷ lệ không được cộng hay lấy trung bình giữa các đơn vị; khi không tính lại được từ số đếm, tỉnh tự nhập số của mình.",
      en: "Rates and changes of rates are never summed or averaged across units; when they cannot be recomputed from counts, the province enters its own figure.",
    },
  },
  "consolidated.text": {
    severity: "info",
    title: { vi: "Ô tổng hợp có số ghi bằng chữ", en: "Consolidated cell with text figures" },
    reason: {
      vi: "Chữ không cộng được vào tổng, và số ghi dạng văn bản có thể bị đọc sai: ô tổng hợp nói đơn vị nào đã ghi gì để người ký biểu biết.",
      en: "Text cannot be added to a total, and a figure written as text may be misread: the consolidated cell says which unit wrote what, so whoever signs knows.",
    },
  },
  "consolidated.partial-sum": {
    severity: "info",
    title: {
      vi: "Tổng hợp chưa đủ mọi đơn vị",
      en: "Consolidated total not of every unit",
    },
    reason: {
      vi: "Ô để trống có thể là không phát sinh, cũng có thể là chưa báo cáo: tổng của tỉnh khi đó chỉ là tổng của các đơn vị đã ghi số. Ô tổng hợp nói đơn vị nào để trống để người ký biểu biết; đơn vị không có số phát sinh nên ghi 0.",
      en: "A blank cell may mean nothing happened or nothing was reported: the province's total is then the total of the units that wrote a figure. The consolidated cell says which units left it blank, so whoever signs knows; a unit with nothing to report should write 0.",
    },
  },
} as const satisfies Record<string, RuleDefinition>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];
