import type { AnnexHost, HostDiagnostics } from "../host/annexHost";
import { attempt, failure, Outcome, success } from "./problems";

/**
 * "Kiểm tra môi trường / Diagnostics": the host's report on which Excel this is and how it behaves
 * where no document says (src/host/office/officeDiagnostics.ts). Apart from the session, which other
 * work is changing: it needs the host only.
 */
export function runDiagnostics(host: AnnexHost): Promise<Outcome<HostDiagnostics>> {
  return attempt(async () => {
    if (!host.diagnose)
      return failure<HostDiagnostics>("not-supported", {
        vi: "Chỉ kiểm tra được môi trường khi add-in chạy trong Excel (không phải bản xem trước).",
        en: "The environment can only be checked when the add-in runs in Excel (not in the preview).",
      });
    return success(await host.diagnose());
  });
}
