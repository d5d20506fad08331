export { type FakeAttachment, fakePdf, makeAttachments, makeCandidate, makeVacancy } from "./data.js";
export { type FakeTalentSoft, type FakeTalentSoftOptions, startFakeTalentSoft } from "./server.js";
export type { FakeCandidate, IssuedToken, ReceivedApplication } from "./state.js";
export { writeZip, type ZipInput } from "./zip-writer.js";
