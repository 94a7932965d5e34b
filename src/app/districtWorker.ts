/**
 * The worker of Hồ sơ đơn vị's pool (workerPool.ts): its messages wired to districtTask.ts, which
 * reads and checks one file. Bundled by webpack as a chunk of its own, loaded only when the files tab
 * reads files (districtWorkerStart.ts).
 */
import { answerTask, DistrictTask } from "./districtTask";

const scope = self as unknown as {
  onmessage: ((event: { data: DistrictTask }) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  void answerTask(event.data).then((answer) => scope.postMessage(answer));
};
scope.postMessage({ ready: true });
