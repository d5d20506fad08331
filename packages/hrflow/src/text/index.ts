export { type EpochUnit, toEpochMs, toIsoDate } from "./dates.js";
export { htmlToText, htmlToTextOrNull } from "./html.js";
