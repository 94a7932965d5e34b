import { CellValue } from "../../src/domain/sheet/snapshot";

/**
 * Annexes made by hand in the styles officers use, holding the seeds' real figures (issue #20): for
 * the learner's tests (test/domain/learn) and the command line's (test/cli/learn.test.ts).
 */
export type Row = ReadonlyArray<CellValue | null>;

/**
 * Thái Bình, report 46/BC-SLĐTBXH for quý I/2020 (seed 004_8ec3ad72674822ee.txt):
 *  line 21: new jobs 6.540 = 5.000 in the province + 1.310 other provinces + 230 abroad;
 *  line 19: work permits 47 (37 new, 10 reissued);
 *  line 103: 414.987 triệu đồng "trong đó" 381.176 + 14.239 + 284 + 17.197 + 2.001 (= 414.897: the slip);
 *  line 63: poor households 17.022 (2,66%), near-poor 18.520 (2,89%); the number of households is not
 *  stated: 640.000 makes both rates round as written (any base from 639.725 to 641.130 does).
 * The "cùng kỳ" column (quý I/2019) is illustrative and consistent, as last year's usually is.
 */
export const THAI_BINH: Row[] = [
  ["UBND TỈNH THÁI BÌNH", null, null, null, null, null, null, null],
  ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", null, null, null, null, null, null, null],
  ["Biểu số 02", null, null, null, null, null, null, null],
  ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU QUÝ I NĂM 2020", null, null, null, null, null, null, null],
  [
    "TT",
    "Nội dung",
    "Đơn vị tính",
    "TH quý I/2019",
    "KH năm 2020",
    "Ước TH quý I/2020",
    "So sánh (%)",
    null,
  ],
  [null, null, null, null, null, null, "Với cùng kỳ", "Với KH năm"],
  ["A", "B", "C", "1", "2", "3", "4=3/1", "5=3/2"],
  ["I", "LAO ĐỘNG - VIỆC LÀM", null, null, null, null, null, null],
  ["1", "Số lao động được tạo việc làm mới", "người", 6480, "33.000", "6.540", null, null],
  ["-", "Trong tỉnh", "người", 4950, null, 5000, null, null],
  ["-", "Đi làm việc ở tỉnh ngoài", "người", 1300, null, 1310, null, null],
  ["-", "Đi làm việc ở nước ngoài", "người", 230, null, 230, null, null],
  ["2", "Số giấy phép lao động cấp cho người nước ngoài", "giấy phép", 40, null, 47, null, null],
  [null, "Gồm:", null, null, null, null, null, null],
  ["+", "Cấp mới", "giấy phép", 31, null, 37, null, null],
  ["+", "Cấp lại", "giấy phép", 9, null, 10, null, null],
  ["II", "NGƯỜI CÓ CÔNG", null, null, null, null, null, null],
  ["1", "Kinh phí chi trả trợ cấp ưu đãi", "triệu đồng", 400000, null, 414987, null, null],
  [null, "Trong đó:", null, null, null, null, null, null],
  ["-", "Trợ cấp thường xuyên", "triệu đồng", 367000, null, 381176, null, null],
  [
    "-",
    "Trợ cấp ưu đãi 1 lần theo chế độ thường xuyên",
    "triệu đồng",
    14000,
    null,
    14239,
    null,
    null,
  ],
  ["-", "Trợ cấp 1 lần khác", "triệu đồng", 300, null, 284, null, null],
  ["-", "Quà lễ tết cho đối tượng", "triệu đồng", 16700, null, 17197, null, null],
  ["-", "Các khoản chi khác", "triệu đồng", 2000, null, 2001, null, null],
  ["III", "GIẢM NGHÈO", null, null, null, null, null, null],
  ["1", "Tổng số hộ dân cư", "hộ", 638000, null, 640000, null, null],
  ["2", "Số hộ nghèo", "hộ", 21400, null, 17022, null, null],
  ["3", "Tỷ lệ hộ nghèo", "%", 3.35, null, "2,66", null, null],
  ["4", "Số hộ cận nghèo", "hộ", 20160, null, 18520, null, null],
  ["5", "Tỷ lệ hộ cận nghèo", "%", 3.16, null, 2.89, null, null],
  [null, "Người lập biểu", null, null, null, null, null, null],
];

/** The header's merges: the group "So sánh (%)" over two columns, the other headers over two rows. */
export const THAI_BINH_MERGES = ["G5:H5", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "F5:F6"];

/**
 * Lạng Sơn, plan for the new-rural criteria in 2023 (seed 003_5a375b909d626bab.txt), a sheet headed
 * without accents and numbered a, b:
 *  line 55: 20 more communes meet the labour criterion, 124/181, "68,50%" (124 / 181 = 68,508…%: 68,51);
 *  line 35: 10 more meet the multidimensional-poverty criterion, 87/181, "45,86%" (87 / 181 = 48,07%);
 *  line 71: 181/181 communes meet the education criterion, 100%.
 * The 2022 column holds the figures before the increase (104 and 77 of 181) with their rates computed.
 */
export const LANG_SON_NTM: Row[] = [
  ["KE HOACH XAY DUNG NONG THON MOI NAM 2023", null, null, null, null, null],
  ["STT", "Chi tieu", "DVT", "TH nam 2022", "KH nam 2023", "Ghi chu"],
  [null, null, null, null, null, null],
  ["a", "Tổng số xã", "xã", 181, 181, null],
  ["b", "Số xã đạt tiêu chí lao động", "xã", 104, 124, null],
  ["c", "Tỷ lệ xã đạt tiêu chí lao động", "%", "57,46", "68,50", null],
  ["d", "Số xã đạt tiêu chí nghèo đa chiều", "xã", 77, 87, null],
  ["đ", "Tỷ lệ xã đạt tiêu chí nghèo đa chiều", "%", "42,54", "45,86", null],
  ["e", "Số xã đạt tiêu chí giáo dục và đào tạo", "xã", 181, 181, null],
  ["g", "Tỷ lệ xã đạt tiêu chí giáo dục và đào tạo", "%", 100, 100, null],
];

/**
 * Lạng Sơn, plan 101/KH-SLĐTBXH of 21 July 2022, the first half of 2022 (seed 000_7be7c517978bb617.txt),
 * one figure column, "Trong đó:" and "Gồm:" on lines of their own and inline:
 *  line 41: 43 work permits "trong đó" 42 new and 1 reissued (a full breakdown, whatever the words);
 *  line 67: 43 job fairs, 29 at the centre and 14 mobile;
 *  line 114: housing for people with merit, 615 households: 537 done (228 new, 309 repaired), 21 in
 *  progress, 50 not started, 11 not doing — 619 in all, the seed's own slip;
 *  line 164: 3.715 drug users under management; line 166: 1.707 on methadone; 280 in the
 *  rehabilitation centre (the domain brief's sample figures): parts, not a breakdown.
 */
export const LANG_SON_6_THANG: Row[] = [
  ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH LẠNG SƠN", null, null, null, null, null],
  ["KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2022", null, null, null, null, null],
  ["STT", "Chỉ tiêu", "ĐVT", "KH năm 2022", "TH 6 tháng năm 2022", "Ghi chú"],
  ["A", "B", "C", "1", "2", "3"],
  ["1", "Số giấy phép lao động cấp cho người nước ngoài, trong đó:", "giấy phép", null, 43, null],
  ["-", "Cấp mới", "giấy phép", null, 42, null],
  ["-", "Cấp lại", "giấy phép", null, "01", null],
  ["2", "Số phiên giao dịch việc làm", "phiên", null, 43, null],
  ["-", "Tại Trung tâm Dịch vụ việc làm", "phiên", null, 29, null],
  ["-", "Lưu động tại các huyện", "phiên", null, 14, null],
  ["3", "Số hộ người có công được hỗ trợ nhà ở", "hộ", null, 615, null],
  [null, "Gồm:", null, null, null, null],
  ["-", "Đã hoàn thành", "hộ", null, 537, null],
  ["+", "Xây mới", "hộ", null, 228, null],
  ["+", "Sửa chữa", "hộ", null, 309, null],
  ["-", "Đang thực hiện", "hộ", null, 21, null],
  ["-", "Chưa thực hiện", "hộ", null, 50, null],
  ["-", "Không thực hiện", "hộ", null, 11, null],
  ["4", "Số người nghiện ma túy có hồ sơ quản lý", "người", null, 3715, null],
  [null, "Trong đó:", null, null, null, null],
  ["-", "Cai nghiện tại Cơ sở cai nghiện ma túy", "người", null, 280, null],
  ["-", "Điều trị bằng thuốc thay thế Methadone", "người", null, 1707, null],
];
