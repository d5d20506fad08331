import { type DownloadedFile, downloadedFileSchema } from "@hrflow-connectors/core/http";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type HrFlowResume, HrFlowResumeSchema } from "../src/index.js";

// Every connector hands a downloaded resume on as core's DownloadedFile; HrFlow.ai's parsing input
// must take it as it is (and also base64 text, for items that travel as JSON).
describe("the one downloaded-file shape", () => {
  it("is a resume HrFlow.ai can parse, at compile time and at run time", () => {
    expectTypeOf<DownloadedFile>().toExtend<HrFlowResume>();
    const file: DownloadedFile = {
      raw: new Uint8Array([37, 80, 68, 70]),
      content_type: "application/pdf",
      file_name: "cv.pdf",
    };
    expect(HrFlowResumeSchema.parse(file)).toEqual(file);
    expect(Object.keys(HrFlowResumeSchema.shape)).toEqual(Object.keys(downloadedFileSchema.shape));
  });
});
